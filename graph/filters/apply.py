"""Apply a filter spec: :func:`apply_filters`, the one filter path, and :func:`undated_count`."""

from __future__ import annotations

import networkx as nx

from graph.filters._selection import _drop_isolates, _plan, _Selection
from graph.filters.spec import FilterSpec

__all__ = ["apply_filters", "undated_count"]


def undated_count(G: nx.MultiDiGraph) -> int:
    """Return how many relations of ``G`` have neither a start nor an end date: a date
    filter keeps them unless ``FilterSpec.keep_undated`` is False.

    Notes
    -----
    Cost O(m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "visit", "sign": 1},
    ...      {"id": "R2", "source": "a", "target": "b", "relation": "visit", "sign": 1,
    ...       "start": "2021"}],
    ... )
    >>> undated_count(G), undated_count(apply_filters(G, FilterSpec(on="2021",
    ...                                                  keep_undated=False)))
    (1, 0)
    """
    return sum(
        1
        for _, _, data in G.edges(data=True)
        if data.get("valid_from") is None and data.get("valid_to") is None
    )


def apply_filters(G: nx.MultiDiGraph, spec: FilterSpec | None = None) -> nx.MultiDiGraph:
    """Return the part of ``G`` that ``spec`` selects: the one filter path of Borderlines.

    Edge filters (types, signs, time, confidence, grade) run together in one pass; then
    actor kinds, search and focus (focus counts hops over the relations left by the other
    filters; a focus actor removed by them is ignored); actors left without relations are
    dropped last when ``spec.keep_isolates`` is False.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    spec : FilterSpec, optional
        The choices; default keeps everything.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph, even when nothing is filtered.

    Raises
    ------
    ValueError
        For an unknown relation type or actor kind.
    networkx.NodeNotFound
        For an unknown focus actor.

    Notes
    -----
    Cost O(n + m): one pass for all edge filters plus one per actor filter.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}, {"id": "c"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -4.0, "start": "2017", "end": "2017"},
    ...      {"id": "R2", "source": "b", "target": "c", "relation": "trade", "sign": 1,
    ...       "intensity": 3.0, "start": "2021-10"}],
    ... )
    >>> H = apply_filters(G, FilterSpec(on="2021-10-27", keep_isolates=False))
    >>> sorted(H.edges(keys=True))
    [('b', 'c', 'R2')]
    """
    spec = spec if spec is not None else FilterSpec()
    selection = _Selection(G)
    for _, step in _plan(G, spec):
        step(selection)
    if not spec.keep_isolates:
        _drop_isolates(selection)
    return selection.graph()

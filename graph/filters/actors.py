"""Actor filters: keep some actors (by kind, name or nearness) and the relations among them.

Each drops actors and the relations that touch them, and returns a new graph (see
:mod:`graph.filters`).
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.filters._selection import (
    _drop_isolates,
    _focus_step,
    _kinds_step,
    _select_edges,
    _text_step,
)

__all__ = ["by_focus", "by_kinds", "by_text", "without_isolates"]


def by_kinds(G: nx.MultiDiGraph, kinds: Iterable[str]) -> nx.MultiDiGraph:
    """Keep the actors of the given kinds and the relations among them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    kinds : iterable of str
        Actor kinds from ``G.graph["actor_kinds"]``, e.g. ``["state", "armed_group"]``.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If a kind is unknown.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "kind": "state"}, {"id": "jaish-al-adl", "kind": "armed_group"}],
    ...     [{"id": "R1", "source": "jaish-al-adl", "target": "iran", "relation": "attack",
    ...       "sign": -1, "intensity": -9.0}],
    ... )
    >>> H = by_kinds(G, ["state"])
    >>> list(H), H.size()
    (['iran'], 0)
    """
    return _select_edges(G, _kinds_step(G, kinds))


def by_text(G: nx.MultiDiGraph, text: str) -> nx.MultiDiGraph:
    """Keep the actors whose names match ``text``, their relations, and the actors at the
    other end of those relations.

    A name matches when it contains ``text``, ignoring case, Arabic diacritics and the
    variants of alef, yeh and teh marbuta. The names searched are the id, ``name``,
    ``short_name``, ``aliases``, ``name_ar`` and ``aliases_ar``. Empty text keeps everything.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    text : str
        English or Arabic text.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph: the matching actors with every relation that touches one of them.

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Notes
    -----
    Cost O(n + m) (times the length of the names).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "name": "Iran", "name_ar": "إيران", "aliases_ar": ("طهران",)},
    ...      {"id": "pakistan", "name": "Pakistan"}, {"id": "turkey", "name": "Turkey"}],
    ...     [{"id": "R1", "source": "iran", "target": "pakistan", "relation": "x",
    ...       "sign": 1, "intensity": 5.0}],
    ... )
    >>> sorted(by_text(G, "طهران")), sorted(by_text(G, "TURK"))
    (['iran', 'pakistan'], ['turkey'])
    """
    if not isinstance(text, str):
        raise TypeError(f"search text must be a string, not {text!r}")
    return _select_edges(G, _text_step(text))


def by_focus(G: nx.MultiDiGraph, actors: Iterable[str], hops: int = 1) -> nx.MultiDiGraph:
    """Keep the actors within ``hops`` relations of the chosen actors, direction ignored,
    and every relation among them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    actors : iterable of str
        Actor ids.
    hops : int, default 1
        The largest number of relations between a kept actor and a chosen one (0 keeps the
        chosen actors only).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph (induced by the kept actors).

    Raises
    ------
    networkx.NodeNotFound
        If an actor is not in ``G``.
    ValueError
        If ``hops`` is negative.

    Notes
    -----
    Breadth-first search, cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": x} for x in "abcd"],
    ...     [{"id": f"R{i}", "source": u, "target": v, "relation": "x", "sign": 1,
    ...       "intensity": 1.0} for i, (u, v) in enumerate(["ab", "cb", "cd"])],
    ... )
    >>> sorted(by_focus(G, ["a"], hops=2))
    ['a', 'b', 'c']
    """
    return _select_edges(G, _focus_step(G, actors, hops))


def without_isolates(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Drop the actors that have no relation left.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records([{"id": "a"}, {"id": "b"}, {"id": "c"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0}])
    >>> sorted(without_isolates(G))
    ['a', 'b']
    """
    return _select_edges(G, _drop_isolates)

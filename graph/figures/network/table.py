"""The network table: a graph's relations and actors as columns, built once per graph."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np

from graph import style
from graph.build import (
    actor_name,
    actor_short_name,
    edges_by_pair,
    relation_id,
    relation_type,
    relation_vocabulary,
)
from graph.figures.network._common import _escape

__all__ = ["NetworkTable", "network_table"]


class NetworkTable:
    """What :func:`network_figure` reads of a graph's relations and actors, as columns.

    Build it once per graph with :func:`network_table` and pass it with every view of that
    graph (``network_figure(H, positions, table=table)`` for ``H`` from
    :func:`graph.filters.apply_filters`), as the layout's ``positions`` are: the figure
    then finds each relation's type, sign, confidence, width and direction, and each
    actor's names, by key in these columns instead of reading every relation's
    attributes again. It is a snapshot of the graph it was built from: build a new one
    when relations or actors change. A relation's text for the full hover (summary,
    dates, evidence) is still read from the view.

    Attributes
    ----------
    relation_ids : list of str
        Each relation's id (its ``id`` attribute, else its key), in ``G.edges`` order.
    vocabulary : list of str
        Relation types: ``G.graph["relation_types"]`` in order, then any other type
        found, sorted. Colours are assigned along it, so a type keeps its colour in
        every view.
    """

    relation_ids: list[str]
    id_rank: np.ndarray  # rank of each id, shorter first: R99 before R100
    type_index: np.ndarray  # into vocabulary
    sign: np.ndarray
    confidence: np.ndarray  # index into style.CONFIDENCE_LEVELS
    width: np.ndarray  # intensity bucket
    directed: np.ndarray
    vocabulary: list[str]
    colours: dict[str, str]
    labels: list[str]  # escaped label of each vocabulary entry
    names: list[str]  # escaped English name of each actor
    names_ar: list[str]  # escaped Arabic name (may be empty)
    short_names: list[str]  # escaped short name (name when there is none)
    _relation_row: dict[Hashable, int] | None  # None when keys repeat
    _actor_row: dict[Hashable, int]

    def relation_rows(self, keys: Sequence[Hashable]) -> np.ndarray:
        """Rows of the relations with these keys; ValueError names the first unknown one."""
        if self._relation_row is None:
            raise ValueError(
                "the table's graph repeats relation keys, so a view's relations cannot be "
                "found in it: draw without a table"
            )
        try:
            return np.fromiter(
                map(self._relation_row.__getitem__, keys), dtype=np.intp, count=len(keys)
            )
        except KeyError as missing:
            raise ValueError(
                f"relation {missing.args[0]!r} is not in the table: build the table from "
                "the graph this view was taken from"
            ) from None

    def actor_rows(self, nodes: Sequence[Hashable]) -> list[int]:
        """Rows of these actors; ValueError names the first unknown one."""
        try:
            return list(map(self._actor_row.__getitem__, nodes))
        except KeyError as missing:
            raise ValueError(
                f"actor {missing.args[0]!r} is not in the table: build the table from "
                "the graph this view was taken from"
            ) from None


def network_table(G: nx.MultiDiGraph) -> NetworkTable:
    """Return the columns :func:`network_figure` reads of a graph, to reuse for its views.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph (see :func:`graph.build.build_graph`), typically the whole
        one: every view drawn with the table must be part of it.

    Returns
    -------
    NetworkTable

    Raises
    ------
    ValueError
        If a relation's sign or confidence is outside the vocabulary (the message names
        the relation).

    Notes
    -----
    Cost O(n + m log m): one pass over the actors and one over the relations. Passing the
    table to :func:`network_figure` saves that pass per view (about a fifth of the figure
    at 10^4 relations).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("iran", "pakistan", key="R001", relation="cooperation", sign=1,
    ...            intensity=6.0, confidence="high", directed=False)
    'R001'
    >>> table = network_table(G)
    >>> table.relation_ids, table.vocabulary
    (['R001'], ['cooperation'])
    >>> from graph.figures.network import network_figure
    >>> fig = network_figure(G, {"iran": (0.0, 0.0), "pakistan": (1.0, 0.0)}, table=table)
    """
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    keys, datas, _, _ = _edge_records(G, index)
    return _table(G, nodes, keys, datas)


def _table(G: nx.MultiDiGraph, nodes: list, keys: list, datas: list) -> NetworkTable:
    """The table of ``G`` from its relations' keys and attributes (:func:`_edge_records`)."""
    table = NetworkTable()
    node_data = G._node
    table.names, table.names_ar, table.short_names = [], [], []
    for node in nodes:
        table.names.append(_escape(actor_name(G, node)))
        table.names_ar.append(_escape(node_data[node].get("name_ar") or ""))
        table.short_names.append(_escape(actor_short_name(G, node)))
    table._actor_row = {node: i for i, node in enumerate(nodes)}

    ids, types, signs, levels, magnitude, directed = _edge_columns(datas)
    if set(map(type, ids)) != {str} or "" in ids:  # build_graph's ids are strings
        ids = [
            i if isinstance(i, str) and i else relation_id(k, d)
            for i, k, d in zip(ids, keys, datas, strict=True)
        ]
    if set(map(type, types)) != {str} or "" in types:
        types = [
            t if isinstance(t, str) and t else relation_type(d)
            for t, d in zip(types, datas, strict=True)
        ]
    ids, types = list(ids), list(types)
    for values, allowed, what in (
        (signs, style.SIGN_DASH, "sign"),
        (levels, style.CONFIDENCE_RANK, "confidence"),
    ):
        if not set(values) <= set(allowed):
            k = next(i for i, value in enumerate(values) if value not in allowed)
            raise ValueError(
                f"relation {ids[k]!r}: {what} {values[k]!r} is not one of "
                f"{', '.join(str(a) for a in allowed)}"
            )
    table.sign = np.array(signs, dtype=np.int64)
    table.confidence = np.array(list(map(style.CONFIDENCE_RANK.__getitem__, levels)), np.int64)
    # None (no intensity) becomes NaN, then 0: the thinnest line, as ``or 0.0`` would.
    magnitude = np.nan_to_num(np.abs(np.array(magnitude, dtype=float)), nan=0.0)
    table.width = np.searchsorted(style.INTENSITY_LIMITS, magnitude, side="right")
    table.directed = np.array(directed, dtype=bool)
    table.relation_ids = ids
    id_array = np.array(ids, dtype=str)
    table.id_rank = np.empty(len(ids), dtype=np.int64)
    table.id_rank[np.lexsort((id_array, np.strings.str_len(id_array)))] = np.arange(len(ids))
    row = dict(zip(keys, range(len(keys)), strict=True))
    table._relation_row = row if len(row) == len(keys) else None

    rows = G.graph.get("relation_types") or {}
    vocabulary = relation_vocabulary(G, types)
    position = {t: i for i, t in enumerate(vocabulary)}
    table.vocabulary = vocabulary
    table.type_index = np.array(list(map(position.__getitem__, types)), dtype=np.int64)
    table.colours = style.relation_type_colours(vocabulary)
    labels = {t: (rows.get(t) or {}).get("label") for t in vocabulary}
    unlabelled = {t for t in vocabulary if not labels[t]}
    for type_id, data in zip(types, datas, strict=True):
        if not unlabelled:
            break
        if type_id in unlabelled and data.get("label"):  # a type outside the vocabulary
            labels[type_id] = data["label"]
            unlabelled.discard(type_id)
    table.labels = [_escape(labels[t] or t) for t in vocabulary]
    return table


_EDGE_FIELDS = ("id", "relation", "sign", "confidence", "intensity", "directed")
_EDGE_DEFAULTS = (None, None, 0, "high", 0.0, True)
_EDGE_GETTERS = tuple(itemgetter(field) for field in _EDGE_FIELDS)


def _edge_records(
    G: nx.MultiDiGraph, index: Mapping[Hashable, int]
) -> tuple[list, list[Mapping[str, Any]], np.ndarray, np.ndarray]:
    """Keys, attribute dicts and end indexes of every relation, in ``G.edges`` order.

    A directed multigraph's adjacency is read in C, without touching a relation's
    attributes: the dicts of keys of each pair, then their keys and values; the ends are
    each pair's repeated by its count. Other graphs go pair by pair
    (:func:`graph.build.edges_by_pair`: an undirected graph lists each relation once).
    """
    keys: list[Any]
    datas: list[Any]
    if not (G.is_multigraph() and G.is_directed()):
        keys, datas = [], []
        source: list[int] = []
        target: list[int] = []
        for u, v, keyed in edges_by_pair(G):
            keys += keyed
            datas += keyed.values()
            source += [index[u]] * len(keyed)
            target += [index[v]] * len(keyed)
        return keys, datas, np.array(source, dtype=np.int64), np.array(target, dtype=np.int64)
    adjacency = G._adj
    by_pair: list[dict] = list(chain.from_iterable(map(dict.values, adjacency.values())))
    keys = list(chain.from_iterable(by_pair))
    datas = list(chain.from_iterable(map(dict.values, by_pair)))
    per_pair = np.fromiter(map(len, by_pair), dtype=np.int64, count=len(by_pair))
    pair_source = np.repeat(
        np.fromiter(map(index.__getitem__, adjacency), dtype=np.int64, count=len(adjacency)),
        np.fromiter(map(len, adjacency.values()), dtype=np.int64, count=len(adjacency)),
    )
    pair_target = np.fromiter(
        map(index.__getitem__, chain.from_iterable(adjacency.values())),
        dtype=np.int64,
        count=len(by_pair),
    )
    return keys, datas, np.repeat(pair_source, per_pair), np.repeat(pair_target, per_pair)


def _edge_columns(datas: list[Mapping[str, Any]]) -> list[list]:
    """The figure's fields of every edge as columns (defaults for missing ones)."""
    try:  # one C-level pass per field when every edge has it (build_graph's edges do)
        return [list(map(getter, datas)) for getter in _EDGE_GETTERS]
    except KeyError:
        return [
            [d.get(field, default) for d in datas]
            for field, default in zip(_EDGE_FIELDS, _EDGE_DEFAULTS, strict=True)
        ]

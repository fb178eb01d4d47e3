"""Undirected, one-edge-per-pair projections of the relationship graph (private helpers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import networkx as nx

from graph.dates import date_range, window_range

__all__ = [
    "CONFIDENCE_WEIGHTS",
    "net_weight",
    "pair_graph",
    "signed_pairs",
    "window_predicate",
]

#: Weight of a relation's confidence in the signed view and the strongest path.
CONFIDENCE_WEIGHTS: dict[str, float] = {"high": 1.0, "moderate": 0.6, "low": 0.3}

Window = str | date | tuple[str | date | None, str | date | None] | None


def window_predicate(window: Window) -> Callable[[dict[str, Any]], bool]:
    """Edge predicate for a window: None (all time), a (partial) date, or ``(from, to)``.

    An edge is kept when it is in force at some day of the window (``valid_from`` and
    ``valid_to`` as :func:`graph.build.build_graph` sets them; None is open), the rule of
    :func:`graph.filters.in_window`.
    """
    if window is None:
        return lambda d: True
    if isinstance(window, tuple):
        if len(window) != 2:
            raise ValueError(f"window must be a date or a (from, to) pair, not {window!r}")
        return _overlaps(*window_range(*window))
    return _overlaps(*date_range(window, "window"))


def _overlaps(first: date | None, last: date | None) -> Callable[[dict[str, Any]], bool]:
    """Whether an edge is in force at some day of ``[first, last]`` (None: open)."""

    def overlaps(d: dict[str, Any]) -> bool:
        start, end = d.get("valid_from"), d.get("valid_to")
        if last is not None and start is not None and start > last:
            return False
        return not (first is not None and end is not None and end < first)

    return overlaps


def pair_graph(
    G: nx.MultiDiGraph, keep: Callable[[dict[str, Any]], bool] | None = None
) -> nx.Graph:
    """One undirected edge per pair of actors with a kept relation; edge attribute
    ``relations`` lists ``(relation id, edge data)`` in edge order. Nodes are sorted by id
    (so seeded algorithms are stable). Self-loops are left out. Cost O(n log n + m)."""
    P = nx.Graph()
    P.add_nodes_from(sorted(G.nodes))
    found: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if u == v or (keep is not None and not keep(d)):
            continue
        pair = (u, v) if u <= v else (v, u)
        found.setdefault(pair, []).append((k, d))
    P.add_edges_from((u, v, {"relations": rels}) for (u, v), rels in sorted(found.items()))
    return P


def signed_pairs(
    G: nx.MultiDiGraph, keep: Callable[[dict[str, Any]], bool]
) -> dict[tuple[str, str], list[tuple[str, dict[str, Any]]]]:
    """The kept signed (non-structural) relations of each pair, ``(u, v)`` with u < v,
    direction ignored, self-loops left out. Cost O(m)."""
    pairs: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if u == v or d.get("sign") not in (1, -1) or not keep(d):
            continue
        pairs.setdefault((u, v) if u <= v else (v, u), []).append((k, d))
    return pairs


def net_weight(relations: Iterable[tuple[str, dict[str, Any]]]) -> float:
    """The signed view's rule: sum of sign x |intensity| x confidence weight."""
    total = sum(
        d["sign"]
        * abs(float(d.get("intensity") or 0.0))
        * CONFIDENCE_WEIGHTS.get(str(d.get("confidence")), 0.0)
        for _, d in relations
    )
    return round(total, 9)  # 6 * 1 - 5 * 0.6 must be 3.0, not 3.0000000000000004

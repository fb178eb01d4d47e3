"""The selection engine of the filters: which actors and relations are kept, as masks.

:class:`_Selection` holds two boolean masks over a graph's actors and relations; each
filter is a *step* that narrows them (built, after checking its arguments, by one of the
``_*_step`` functions); :meth:`_Selection.graph` copies what is left once, at the end.
:func:`_plan` turns a :class:`~graph.filters.spec.FilterSpec` into its steps, in the order
:func:`graph.filters.apply_filters` runs them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from itertools import compress, repeat
from typing import Any

import networkx as nx
import numpy as np

from graph.filters._checks import (
    _check_actors,
    _check_hops,
    _check_kinds,
    _check_types,
    _confidence,
    _grade,
    _sign,
)
from graph.filters.spec import FilterSpec, time_bounds
from graph.vocabulary import CONFIDENCE_LEVELS, RELIABILITY_GRADES

__all__ = [
    "Step",
    "_Selection",
    "_confidence_step",
    "_drop_isolates",
    "_focus_step",
    "_grade_step",
    "_kinds_step",
    "_plan",
    "_select_edges",
    "_signs_step",
    "_text_step",
    "_types_step",
    "_window_step",
]


class _Selection:
    """Which actors and relations of ``G`` are kept so far, as two boolean masks.

    Every filter narrows the masks (edge filters test whole columns of relation
    attributes at once with numpy; actor filters work on actor indexes), and
    :meth:`graph` copies what is left into a new graph once, at the end: one O(n + m)
    copy however many filters run, instead of one per filter.
    """

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.nodes = list(G)
        self.index = {node: i for i, node in enumerate(self.nodes)}
        index = self.index
        # Each relation's ends (the node objects, and their indexes for numpy), key and
        # attribute dict, in G.edges order.
        self.us: list[Any] = []
        self.vs: list[Any] = []
        us: list[int] = []
        vs: list[int] = []
        self.keys: list[Any] = []
        self.datas: list[dict[str, Any]] = []
        if G.is_multigraph():
            for u, neighbours in G._adj.items():  # G.edges order, without the edge view
                iu = index[u]
                for v, keyed in neighbours.items():
                    many = len(keyed)
                    self.us += [u] * many
                    self.vs += [v] * many
                    us += [iu] * many
                    vs += [index[v]] * many
                    self.keys += keyed
                    self.datas += keyed.values()
        else:
            for u, v, data in G.edges(data=True):
                self.us.append(u)
                self.vs.append(v)
                us.append(index[u])
                vs.append(index[v])
                self.keys.append(None)
                self.datas.append(data)
        self.source = np.array(us, dtype=np.intp)
        self.target = np.array(vs, dtype=np.intp)
        self.node_kept = np.ones(len(self.nodes), dtype=bool)
        self.edge_kept = np.ones(len(self.datas), dtype=bool)
        self._columns: dict[str, list[Any]] = {}

    def column(self, field: str) -> list[Any]:
        """``data.get(field)`` of every relation, in edge order (computed once)."""
        values = self._columns.get(field)
        if values is None:
            values = self._columns[field] = list(map(dict.get, self.datas, repeat(field)))
        return values

    def keep_edges(self, mask: np.ndarray) -> None:
        self.edge_kept &= mask

    def keep_nodes(self, mask: np.ndarray) -> None:
        """Keep only these actors, and the relations among them."""
        self.node_kept &= mask
        self.edge_kept &= self.node_kept[self.source] & self.node_kept[self.target]

    def has_edges(self) -> bool:
        return bool(self.edge_kept.any())

    def graph(self) -> nx.MultiDiGraph:
        """A new graph of what is kept: ``G.graph`` shared, every actor's and relation's
        attributes copied (as ``G.subgraph(...).copy()`` would), in ``G``'s order."""
        G = self.G
        H = G.__class__()
        H.graph.update(G.graph)
        nodes = list(compress(self.nodes, self.node_kept.tolist()))
        # Plain lists of the kept relations: zip and compress run in C, with no index.
        kept = self.edge_kept.tolist()
        us, vs = compress(self.us, kept), compress(self.vs, kept)
        keys, datas = compress(self.keys, kept), compress(self.datas, kept)
        if not (G.is_directed() and G.is_multigraph()):
            H.add_nodes_from((n, G.nodes[n]) for n in nodes)
            if G.is_multigraph():
                H.add_edges_from(zip(us, vs, keys, datas, strict=True))
            else:
                H.add_edges_from(zip(us, vs, datas, strict=True))
            return H
        # A MultiDiGraph's dicts are filled directly: add_edges_from's bookkeeping per edge
        # costs three times the copy. One key dict is shared by both directions, as
        # networkx does.
        node_data, succ, pred = G._node, H._succ, H._pred
        for node in nodes:
            H._node[node] = dict(node_data[node])
            succ[node] = {}
            pred[node] = {}
        for u, v, key, data in zip(us, vs, keys, datas, strict=True):
            out = succ[u]
            keyed = out.get(v)
            if keyed is None:
                keyed = out[v] = {}
                pred[v][u] = keyed
            keyed[key] = data.copy()
        return H


Step = Callable[[_Selection], None]


def _types_step(G: nx.MultiDiGraph, types: Iterable[str]) -> Step:
    chosen = _check_types(G, types)
    return lambda s: s.keep_edges(_contains(chosen, s.column("relation")))


def _signs_step(signs: Iterable[int | str]) -> Step:
    chosen = frozenset(_sign(s) for s in signs)
    return lambda s: s.keep_edges(_contains(chosen, s.column("sign")))


def _window_step(first: date | None, last: date | None, keep_undated: bool = True) -> Step:
    def overlaps(s: _Selection) -> None:
        # Open ends (None) never exclude: a relation without start began before any day.
        if not keep_undated:  # neither start nor end: the data does not say when it held
            starts, ends = s.column("valid_from"), s.column("valid_to")
            dated = [a is not None or b is not None for a, b in zip(starts, ends, strict=True)]
            s.keep_edges(np.array(dated, dtype=bool))
        if last is not None:
            bound = last.toordinal()
            s.keep_edges(_ordinals(s.column("valid_from"), missing=bound) <= bound)
        if first is not None:
            bound = first.toordinal()
            s.keep_edges(_ordinals(s.column("valid_to"), missing=bound) >= bound)

    return overlaps


def _confidence_step(minimum: str) -> Step:
    rank = {level: i for i, level in enumerate(CONFIDENCE_LEVELS)}
    floor = rank[_confidence(minimum)]

    def high_enough(s: _Selection) -> None:
        levels = s.column("confidence")
        ranks = np.fromiter(map(rank.get, levels, repeat(-1)), dtype=np.intp, count=len(levels))
        s.keep_edges(ranks >= floor)

    return high_enough


def _grade_step(minimum: str) -> Step:
    letter, credibility = _grade(minimum)
    allowed = frozenset(RELIABILITY_GRADES[: RELIABILITY_GRADES.index(letter) + 1])

    def good_enough(s: _Selection) -> None:
        s.keep_edges(_contains(allowed, s.column("source_reliability")))
        # No credibility (None) is not good enough; it becomes NaN, which compares False.
        creds = np.array(s.column("info_credibility"), dtype=float)
        s.keep_edges(creds <= credibility)

    return good_enough


def _kinds_step(G: nx.MultiDiGraph, kinds: Iterable[str]) -> Step:
    chosen = _check_kinds(G, kinds)

    def of_kind(s: _Selection) -> None:
        node_data = s.G.nodes
        s.keep_nodes(np.array([node_data[n].get("kind") in chosen for n in s.nodes], dtype=bool))

    return of_kind


def _contains(chosen: frozenset, values: list[Any]) -> np.ndarray:
    """``value in chosen`` for every value, in one C-level pass."""
    return np.fromiter(map(chosen.__contains__, values), dtype=bool, count=len(values))


def _ordinals(days: list[date | None], missing: int) -> np.ndarray:
    """Day numbers of dates (``date.toordinal``), ``missing`` for None."""
    return np.array([missing if d is None else d.toordinal() for d in days], dtype=np.int64)


def _fold(text: str) -> str:
    """Text folded for matching: case, width, Arabic diacritics and letter variants."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in text if not ("\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640"))
    return text.translate(str.maketrans("أإآٱىة", "اااايه"))


def _names(data: Mapping[str, Any]) -> Iterable[str]:
    for field in ("name", "short_name", "name_ar"):
        if data.get(field):
            yield data[field]
    for field in ("aliases", "aliases_ar"):
        yield from data.get(field) or ()


def _text_step(text: str) -> Step:
    """Keep the actors whose names match, their relations and the actors at the other end."""
    needle = _fold(text.strip())

    def matching(s: _Selection) -> None:
        if not needle:
            return
        node_data = s.G._node
        matched = np.array(
            [
                kept and any(needle in _fold(name) for name in (n, *_names(node_data[n])))
                for n, kept in zip(s.nodes, s.node_kept.tolist(), strict=True)
            ],
            dtype=bool,
        )
        s.keep_edges(matched[s.source] | matched[s.target])
        ends = matched.copy()
        ends[s.source[s.edge_kept]] = True
        ends[s.target[s.edge_kept]] = True
        s.keep_nodes(ends)

    return matching


def _focus_step(G: nx.MultiDiGraph, actors: Iterable[str], hops: int) -> Step:
    chosen = _check_actors(G, actors)
    _check_hops(hops)

    def near(s: _Selection) -> None:
        """Breadth-first over the kept relations, direction ignored, a hop at a time (one
        numpy pass over the relations per hop)."""
        seen = np.zeros(len(s.nodes), dtype=bool)
        seen[[s.index[a] for a in chosen]] = True
        seen &= s.node_kept  # a focus actor removed by other filters is ignored
        source, target = s.source[s.edge_kept], s.target[s.edge_kept]
        frontier = seen.copy()
        for _ in range(hops):
            reached = np.zeros_like(seen)
            reached[target[frontier[source]]] = True
            reached[source[frontier[target]]] = True
            reached &= ~seen
            if not reached.any():
                break
            seen |= reached
            frontier = reached
        s.keep_nodes(seen)

    return near


def _drop_isolates(s: _Selection) -> None:
    """Keep the actors that have a kept relation."""
    count = len(s.nodes)
    degree = np.bincount(s.source[s.edge_kept], minlength=count)
    degree += np.bincount(s.target[s.edge_kept], minlength=count)
    s.keep_nodes(degree > 0)


def _select_edges(G: nx.MultiDiGraph, step: Step) -> nx.MultiDiGraph:
    selection = _Selection(G)
    step(selection)
    return selection.graph()


def _plan(G: nx.MultiDiGraph, spec: FilterSpec) -> list[tuple[str, Step]]:
    """The active filters of ``spec`` in application order, after checking every value
    against ``G``: ``(name, step)``, edge filters first, then actor filters."""
    plan: list[tuple[str, Step]] = []
    if spec.types is not None:
        plan.append(("types", _types_step(G, spec.types)))
    if spec.signs is not None:
        plan.append(("signs", _signs_step(spec.signs)))
    if spec.on is not None or spec.date_from is not None or spec.date_to is not None:
        plan.append(("time", _window_step(*time_bounds(spec), spec.keep_undated)))
    if spec.min_confidence is not None:
        plan.append(("confidence", _confidence_step(spec.min_confidence)))
    if spec.min_grade is not None:
        plan.append(("grade", _grade_step(spec.min_grade)))
    if spec.kinds is not None:
        plan.append(("kinds", _kinds_step(G, spec.kinds)))
    if spec.search:
        plan.append(("search", _text_step(spec.search)))
    if spec.focus:
        plan.append(("focus", _focus_step(G, spec.focus, spec.hops)))
    return plan

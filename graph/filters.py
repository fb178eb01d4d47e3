"""Filters of the relationship graph: pure functions from a graph to a new, smaller graph.

Every filter takes a relationship graph (see :func:`graph.build.build_graph`) first and
returns a new :class:`networkx.MultiDiGraph` with the same ``G.graph`` attributes; the
input is never changed. Edge filters (types, signs, time, confidence, grade) keep every
actor; actor filters (kinds, text, focus) drop actors and the relations that touch them.
Filters compose in any order: each one only removes things.

:class:`FilterSpec` gathers the dashboard's choices and :func:`apply_filters` applies them
in one place for the dashboard, the command line and the exports.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from itertools import compress, repeat
from typing import Any, ClassVar

import networkx as nx
import numpy as np

from graph.dates import date_range
from graph.text import isolate
from graph.vocabulary import CONFIDENCE_LEVELS, RELIABILITY_GRADES

__all__ = [
    "SIGN_NAMES",
    "FilterSpec",
    "apply_filters",
    "by_confidence",
    "by_focus",
    "by_grade",
    "by_kinds",
    "by_signs",
    "by_text",
    "by_types",
    "describe",
    "explain_empty",
    "focus_phrase",
    "in_force_on",
    "in_window",
    "time_bounds",
    "undated_count",
    "without_isolates",
]

#: Words for the three signs of a relation (:data:`graph.vocabulary.SIGNS`).
SIGN_NAMES: dict[int, str] = {1: "cooperative", -1: "hostile", 0: "structural"}

_SIGN_WORDS = {
    "1": 1,
    "+1": 1,
    "-1": -1,
    "0": 0,
    "+": 1,
    "-": -1,
    **{name: sign for sign, name in SIGN_NAMES.items()},
}
_GRADE = re.compile(r"^([A-F])([1-6])$")


# --------------------------------------------------------------------------- checks


def _normalise_date(value: str | date | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    date_range(value, what)
    return value.isoformat() if isinstance(value, date) else value.strip()


def _sign(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"unknown sign {value!r}; use +1, -1 or 0")
    if isinstance(value, int) and value in SIGN_NAMES:
        return value
    word = str(value).strip().lower()
    if word in _SIGN_WORDS:
        return _SIGN_WORDS[word]
    raise ValueError(f"unknown sign {value!r}; use +1, -1, 0 or {', '.join(SIGN_NAMES.values())}")


def _confidence(value: str) -> str:
    word = str(value).strip().lower()
    if word not in CONFIDENCE_LEVELS:
        raise ValueError(f"unknown confidence {value!r}; use one of {', '.join(CONFIDENCE_LEVELS)}")
    return word


def _grade(value: str) -> tuple[str, int]:
    match = _GRADE.match(str(value).strip().upper())
    if not match:
        raise ValueError(
            f"unknown grade {value!r}; use a reliability A-F and a credibility 1-6, like 'B2'"
        )
    return match.group(1), int(match.group(2))


def _check_types(G: nx.MultiDiGraph, types: Iterable[str]) -> frozenset[str]:
    known = G.graph.get("relation_types") or {d.get("relation") for _, _, d in G.edges(data=True)}
    chosen = frozenset(types)
    for kind in sorted(chosen):
        if kind not in known:
            raise ValueError(f"unknown relation type {kind!r}; known: {', '.join(sorted(known))}")
    return chosen


def _check_kinds(G: nx.MultiDiGraph, kinds: Iterable[str]) -> frozenset[str]:
    known = G.graph.get("actor_kinds") or {d.get("kind") for _, d in G.nodes(data=True)}
    chosen = frozenset(kinds)
    for kind in sorted(chosen):
        if kind not in known:
            raise ValueError(f"unknown actor kind {kind!r}; known: {', '.join(known)}")
    return chosen


def _check_actors(G: nx.MultiDiGraph, actors: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(actors))
    for actor in chosen:
        if actor not in G:
            raise nx.NodeNotFound(f"unknown actor {actor!r}")
    return chosen


# --------------------------------------------------------------------------- selection


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


def _select_edges(G: nx.MultiDiGraph, step: Step) -> nx.MultiDiGraph:
    selection = _Selection(G)
    step(selection)
    return selection.graph()


# --------------------------------------------------------------------------- edge filters


def by_types(G: nx.MultiDiGraph, types: Iterable[str]) -> nx.MultiDiGraph:
    """Keep the relations of the given types (and every actor).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    types : iterable of str
        Relation type ids, e.g. ``["military_cooperation"]``.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If a type is not in ``G.graph["relation_types"]``.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -4.0},
    ...      {"id": "R2", "source": "a", "target": "b", "relation": "trade", "sign": 1,
    ...       "intensity": 3.0}],
    ... )
    >>> [k for _, _, k in by_types(G, ["trade"]).edges(keys=True)]
    ['R2']
    """
    return _select_edges(G, _types_step(G, types))


def by_signs(G: nx.MultiDiGraph, signs: Iterable[int | str]) -> nx.MultiDiGraph:
    """Keep the relations of the given signs (and every actor).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    signs : iterable of int or str
        ``1``/``"+1"``/``"cooperative"``, ``-1``/``"hostile"``, ``0``/``"structural"``.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If a sign is none of these.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -4.0}],
    ... )
    >>> by_signs(G, ["hostile"]).number_of_edges(), by_signs(G, [1]).number_of_edges()
    (1, 0)
    """
    return _select_edges(G, _signs_step(signs))


def in_force_on(G: nx.MultiDiGraph, day: str | date) -> nx.MultiDiGraph:
    """Keep the relations in force on a day (and every actor).

    A relation is in force on ``day`` when ``valid_from <= day <= valid_to``, with open ends
    open: precision is honoured, so a relation starting ``2021-10`` is in force on
    2021-10-01 and a relation ending ``2021-10`` still on 2021-10-31. A partial ``day``
    (``"2021-10"``) means "at some time in that period", as :func:`in_window`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    day : str or datetime.date
        An ISO 8601 date, possibly partial.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If ``day`` does not parse.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "visit", "sign": 1,
    ...       "intensity": 2.0, "start": "2021-10", "end": "2021-10"}],
    ... )
    >>> in_force_on(G, "2021-10-15").number_of_edges(), in_force_on(G, "2021-11-01").size()
    (1, 0)
    """
    first, last = date_range(day, "in force on")
    return _select_edges(G, _window_step(first, last))


def in_window(
    G: nx.MultiDiGraph, start: str | date | None = None, end: str | date | None = None
) -> nx.MultiDiGraph:
    """Keep the relations in force at some time in ``[start, end]`` (and every actor).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    start, end : str or datetime.date or None
        ISO 8601 dates, possibly partial: ``start`` counts from its first day, ``end`` to
        its last (``"2021"`` as end means up to 2021-12-31). None leaves that end open.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If a date does not parse, or ``start`` is after ``end``.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -3.0, "start": "2017", "end": "2017-11"}],
    ... )
    >>> in_window(G, "2017-11-30", None).size(), in_window(G, "2018", "2019").size()
    (1, 0)
    """
    first = date_range(start, "from")[0] if start not in (None, "") else None
    last = date_range(end, "to")[1] if end not in (None, "") else None
    if first is not None and last is not None and first > last:
        raise ValueError(f"window starts ({start}) after it ends ({end})")
    return _select_edges(G, _window_step(first, last))


def by_confidence(G: nx.MultiDiGraph, minimum: str) -> nx.MultiDiGraph:
    """Keep the relations held with at least the given confidence (and every actor).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    minimum : {"low", "moderate", "high"}
        The lowest confidence kept.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If ``minimum`` is not a confidence level.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0, "confidence": "moderate"}],
    ... )
    >>> by_confidence(G, "moderate").size(), by_confidence(G, "high").size()
    (1, 0)
    """
    return _select_edges(G, _confidence_step(minimum))


def by_grade(G: nx.MultiDiGraph, minimum: str) -> nx.MultiDiGraph:
    """Keep the relations whose Admiralty grade is ``minimum`` or better (and every actor).

    "B2 or better" keeps source reliability A or B *and* information credibility 1 or 2.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    minimum : str
        A grade like ``"B2"``: a letter A-F and a digit 1-6.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If ``minimum`` is not a grade.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0, "source_reliability": "B", "info_credibility": 3}],
    ... )
    >>> by_grade(G, "B3").size(), by_grade(G, "B2").size(), by_grade(G, "A3").size()
    (1, 0, 0)
    """
    return _select_edges(G, _grade_step(minimum))


# --------------------------------------------------------------------------- actor filters


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


def _focus_step(G: nx.MultiDiGraph, actors: Iterable[str], hops: int) -> Step:
    chosen = _check_actors(G, actors)
    if isinstance(hops, bool) or not isinstance(hops, int) or hops < 0:
        raise ValueError(f"hops must be a whole number >= 0, not {hops!r}")

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


# --------------------------------------------------------------------------- the spec


def _tuple_of_str(value: Any, what: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise TypeError(f"{what} must be a collection of strings, not the string {value!r}")
    items = {str(v).strip() for v in value}
    if "" in items:
        raise ValueError(f"{what}: an empty name in {list(value)!r}")
    return tuple(sorted(items))


@dataclass(frozen=True)
class FilterSpec:
    """The choices that narrow the graph; the defaults keep everything.

    Values are normalised on creation (sorted, deduplicated), so equal choices make equal,
    hashable specs (usable as cache keys).

    Attributes
    ----------
    types : tuple of str or None
        Relation type ids to keep; None keeps all (an empty tuple keeps none).
    signs : tuple of int or None
        Signs to keep (+1, -1, 0); None keeps all.
    kinds : tuple of str or None
        Actor kinds to keep; None keeps all.
    on : str or None
        Keep relations in force on this (possibly partial) ISO date.
    date_from, date_to : str or None
        Keep relations in force at some time in this window; either end may be open.
        Cannot be combined with ``on``.
    min_confidence : str or None
        ``"low"``, ``"moderate"`` or ``"high"``.
    min_grade : str or None
        Admiralty grade such as ``"B2"`` ("B2 or better").
    focus : tuple of str
        Actor ids; when given, keep actors within ``hops`` relations of them.
    hops : int
        Radius of the focus (default 1).
    search : str
        Keep actors whose names match, with their relations (see :func:`by_text`).
    keep_isolates : bool
        Keep actors left without relations (default True).
    keep_undated : bool
        Under a date filter, keep the relations the data gives no dates for (default
        True: nothing says they were not in force). Without a date filter it is True.

    Examples
    --------
    >>> spec = FilterSpec(signs=["hostile"], on="2021-10-27", min_confidence="moderate")
    >>> spec.signs, spec.to_query()["on"]
    ((-1,), ['2021-10-27'])
    >>> FilterSpec.from_query(spec.to_query()) == spec
    True
    """

    # Any collection on creation (a list from a URL, a CLI option); a sorted tuple after.
    types: Collection[str] | None = None
    signs: Collection[int | str] | None = None
    kinds: Collection[str] | None = None
    on: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_confidence: str | None = None
    min_grade: str | None = None
    focus: Collection[str] = ()
    hops: int = 1
    search: str = ""
    keep_isolates: bool = True
    keep_undated: bool = True

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        put("types", _tuple_of_str(self.types, "types"))
        put("kinds", _tuple_of_str(self.kinds, "kinds"))
        if self.signs is not None:
            if isinstance(self.signs, (str, int)):
                raise TypeError(f"signs must be a collection, not {self.signs!r}")
            put("signs", tuple(sorted({_sign(s) for s in self.signs})))
        put("focus", _tuple_of_str(self.focus, "focus") or ())
        put("on", _normalise_date(self.on, "on"))
        put("date_from", _normalise_date(self.date_from, "from"))
        put("date_to", _normalise_date(self.date_to, "to"))
        if self.on is not None and (self.date_from is not None or self.date_to is not None):
            raise ValueError("choose either a day (on) or a window (from/to), not both")
        if self.date_from is not None and self.date_to is not None:
            first = date_range(self.date_from, "from")[0]
            last = date_range(self.date_to, "to")[1]
            if first > last:
                raise ValueError(f"window starts ({self.date_from}) after it ends ({self.date_to})")
        if self.min_confidence is not None:
            put("min_confidence", _confidence(self.min_confidence))
        if self.min_grade is not None:
            put("min_grade", "".join(map(str, _grade(self.min_grade))))
        if isinstance(self.hops, bool) or not isinstance(self.hops, int) or self.hops < 0:
            raise ValueError(f"hops must be a whole number >= 0, not {self.hops!r}")
        if not isinstance(self.search, str):
            raise TypeError(f"search must be a string, not {self.search!r}")
        put("search", self.search.strip())
        put("keep_isolates", bool(self.keep_isolates))
        dated = self.on is not None or self.date_from is not None or self.date_to is not None
        put("keep_undated", bool(self.keep_undated) or not dated)

    _QUERY_KEYS: ClassVar[dict[str, str]] = {
        "date_from": "from",
        "date_to": "to",
        "keep_isolates": "isolates",
        "keep_undated": "undated",
    }

    def to_query(self) -> dict[str, list[str]]:
        """Return the non-default choices as URL query parameters (key -> list of values).

        Returns
        -------
        dict of str to list of str
            Keys: ``types``, ``signs``, ``kinds``, ``on``, ``from``, ``to``,
            ``min_confidence``, ``min_grade``, ``focus``, ``hops``, ``search``,
            ``isolates`` (``"hide"``), ``undated`` (``"hide"``). An empty selection is
            ``[""]``.

        Notes
        -----
        Cost O(number of choices).

        Examples
        --------
        >>> FilterSpec(types=["rivalry", "armed_conflict"], hops=2).to_query()
        {'types': ['armed_conflict', 'rivalry'], 'hops': ['2']}
        """
        query: dict[str, list[str]] = {}
        for spec_field in fields(self):
            name, value = spec_field.name, getattr(self, spec_field.name)
            if value == spec_field.default:
                continue
            key = self._QUERY_KEYS.get(name, name)
            if name in ("keep_isolates", "keep_undated"):
                query[key] = ["hide"]
            elif name == "signs":
                query[key] = [f"{s:+d}" if s else "0" for s in value] or [""]
            elif isinstance(value, tuple):
                query[key] = list(value) or [""]
            else:
                query[key] = [str(value)]
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, str | Iterable[str]]) -> FilterSpec:
        """Return the spec that :meth:`to_query` wrote; other keys are ignored.

        Parameters
        ----------
        query : mapping of str to str or list of str
            URL query parameters (``st.query_params.to_dict()`` gives single strings;
            ``{k: st.query_params.get_all(k)}`` lists).

        Returns
        -------
        FilterSpec

        Raises
        ------
        ValueError
            If a value is invalid (the message names it).

        Notes
        -----
        Cost O(number of values).

        Examples
        --------
        >>> FilterSpec.from_query({"signs": ["-1"], "to": "2021-10", "page": "map"})
        FilterSpec(types=None, signs=(-1,), kinds=None, on=None, date_from=None, \
date_to='2021-10', min_confidence=None, min_grade=None, focus=(), hops=1, search='', \
keep_isolates=True, keep_undated=True)
        """
        names = {cls._QUERY_KEYS.get(f.name, f.name): f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in query.items():
            if key not in names:
                continue
            items = [raw] if isinstance(raw, str) else list(raw)
            name = names[key]
            if name in ("types", "signs", "kinds", "focus"):
                values[name] = [item for item in items if item != ""]
            elif not items:
                continue
            elif name == "hops":
                try:
                    values[name] = int(items[-1])
                except ValueError:
                    raise ValueError(f"hops must be a whole number, not {items[-1]!r}") from None
            elif name in ("keep_isolates", "keep_undated"):
                values[name] = items[-1] != "hide"
            else:
                values[name] = items[-1]
        return cls(**values)


def time_bounds(spec: FilterSpec | None) -> tuple[date | None, date | None]:
    """Return the first and last day of the time filter of a filter spec.

    The one reading of a spec's dates: the filters, the timeline and the event-data layer
    use it.

    Parameters
    ----------
    spec : FilterSpec or None
        Reads ``on`` (a day or a partial date), else ``date_from`` and ``date_to``.

    Returns
    -------
    (date or None, date or None)
        ``None`` where the window is open; ``(None, None)`` without a time filter.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> time_bounds(FilterSpec(on="2021-10"))
    (datetime.date(2021, 10, 1), datetime.date(2021, 10, 31))
    >>> time_bounds(FilterSpec(date_from="2018"))
    (datetime.date(2018, 1, 1), None)
    >>> time_bounds(None)
    (None, None)
    """
    if spec is None:
        return None, None
    if spec.on is not None:
        return date_range(spec.on, "on")
    first = date_range(spec.date_from, "from")[0] if spec.date_from else None
    last = date_range(spec.date_to, "to")[1] if spec.date_to else None
    return first, last


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


# --------------------------------------------------------------------------- words


def _join(words: list[str], last: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _type_labels(G: nx.MultiDiGraph | None, types: Iterable[str]) -> list[str]:
    known = (G.graph.get("relation_types") or {}) if G is not None else {}
    return [str(known.get(t, {}).get("label") or t.replace("_", " ")).lower() for t in types]


def _actor_names(G: nx.MultiDiGraph | None, actors: Iterable[str]) -> list[str]:
    if G is None:
        return [isolate(a) for a in actors]
    return [isolate(G.nodes[a].get("name") or a) if a in G else isolate(a) for a in actors]


def focus_phrase(names: list[str], hops: int, last: str = "and") -> str:
    """Say in plain words which actors a focus keeps: the chosen ones and their partners
    within ``hops`` relations (never "within 0 hops").

    Examples
    --------
    >>> focus_phrase(["Iran", "Pakistan"], 1)
    'Iran and Pakistan and their direct partners'
    >>> focus_phrase(["Iran"], 0), focus_phrase(["Iran"], 2)
    ('Iran alone', 'Iran and actors up to 2 steps away')
    """
    who = _join(names, last)
    if hops <= 0:
        return f"{who} alone" if len(names) == 1 else f"only {who}"
    if hops == 1:
        return f"{who} and {'its' if len(names) == 1 else 'their'} direct partners"
    return f"{who} and actors up to {hops} steps away"


def _time_phrase(spec: FilterSpec) -> str:
    if spec.on is not None:
        precise = len(spec.on) == 10
        return f"in force on {spec.on}" if precise else f"in force during {spec.on}"
    if spec.date_from and spec.date_to:
        return f"in force between {spec.date_from} and {spec.date_to}"
    if spec.date_from:
        return f"in force from {spec.date_from} on"
    if spec.date_to:
        return f"in force up to {spec.date_to}"
    return ""


def _kind_words(kinds: Iterable[str]) -> list[str]:
    return [k.replace("_", " ") for k in kinds]


def describe(spec: FilterSpec, G: nx.MultiDiGraph | None = None) -> str:
    """Return a one-line summary of the active filters, for the top of a view.

    Parameters
    ----------
    spec : FilterSpec
        The choices.
    G : networkx.MultiDiGraph, optional
        Gives the labels of relation types and the names of actors (ids otherwise).

    Returns
    -------
    str
        Parts joined with " · "; "All relations" when nothing is filtered.

    Notes
    -----
    Cost O(number of choices).

    Examples
    --------
    >>> spec = FilterSpec(types=["border_security", "military_cooperation"],
    ...                   on="2021-10-27", min_confidence="moderate")
    >>> describe(spec)
    'Border security, military cooperation · in force on 2021-10-27 · confidence moderate or higher'
    """
    parts: list[str] = []
    if spec.types is not None:
        labels = _type_labels(G, spec.types)
        parts.append(", ".join(labels) if labels else "no relation types")
    if spec.signs is not None:
        words = [SIGN_NAMES[int(s)] for s in sorted(spec.signs, key=int, reverse=True)]
        parts.append(f"{_join(words, 'or')} relations" if words else "no signs")
    if spec.kinds is not None:
        parts.append(f"actors: {', '.join(_kind_words(spec.kinds)) or 'none'}")
    if time := _time_phrase(spec):
        parts.append(time if spec.keep_undated else f"{time}, undated ones left out")
    if spec.min_confidence is not None:
        parts.append(f"confidence {spec.min_confidence} or higher")
    if spec.min_grade is not None:
        parts.append(f"graded {spec.min_grade} or better")
    if spec.search:
        parts.append(f"matching “{isolate(spec.search)}”")
    if spec.focus:
        parts.append(focus_phrase(_actor_names(G, spec.focus), spec.hops))
    if not spec.keep_isolates:
        parts.append("actors without relations hidden")
    if not parts:
        return "All relations"
    return " · ".join([parts[0][:1].upper() + parts[0][1:], *parts[1:]])


_ADVICE = {
    "types": "choose more relation types",
    "signs": "include more signs",
    "time": "widen the date",
    "confidence": "lower the minimum confidence",
    "grade": "lower the minimum grade",
    "kinds": "include more kinds of actor",
    "search": "try other words",
    "focus": "add hops or choose other actors",
}


def _empty_phrase(G: nx.MultiDiGraph, spec: FilterSpec, upto: str) -> str:
    if upto == "types" and spec.types == ():
        return "No relation types are chosen"
    if upto == "signs" and spec.signs == ():
        return "No signs are chosen"
    if upto == "kinds" and spec.kinds == ():
        return "No kinds of actor are chosen"
    order = ["types", "signs", "time", "confidence", "grade", "kinds", "search", "focus"]
    active = set(order[: order.index(upto) + 1])
    noun = []
    if "signs" in active and spec.signs is not None:
        signs = sorted(spec.signs, key=int, reverse=True)
        noun.append(_join([SIGN_NAMES[int(s)] for s in signs], "or"))
    if "types" in active and spec.types is not None:
        noun.append(_join(_type_labels(G, spec.types), "or"))
    qualifiers = []
    if "kinds" in active and spec.kinds is not None:
        qualifiers.append(f"among {_join(_kind_words(spec.kinds), 'and')} actors")
    if "time" in active and (time := _time_phrase(spec)):
        qualifiers.append(time)
    if "confidence" in active and spec.min_confidence is not None:
        qualifiers.append(f"held with {spec.min_confidence} confidence or higher")
    if "grade" in active and spec.min_grade is not None:
        qualifiers.append(f"graded {spec.min_grade} or better")
    if "search" in active and spec.search:
        qualifiers.append(f"touching an actor matching “{isolate(spec.search)}”")
    if "focus" in active and spec.focus:
        qualifiers.append(f"among {focus_phrase(_actor_names(G, spec.focus), spec.hops)}")
    head = " ".join(["No", *noun, "relations"])
    return " ".join([head, ", ".join(qualifiers)]) if qualifiers else head


def explain_empty(G: nx.MultiDiGraph, spec: FilterSpec) -> str:
    """Say which filter left the view without relations, and how to widen it.

    The filters are applied one after another in the order of :func:`apply_filters`; the
    first that leaves no relation is named with everything applied up to it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The unfiltered relationship graph.
    spec : FilterSpec
        The choices.

    Returns
    -------
    str
        One sentence, or ``""`` when the filtered view still has relations.

    Notes
    -----
    Cost O(n + m) per active filter.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -4.0, "start": "2021-08"}],
    ... )
    >>> explain_empty(G, FilterSpec(signs=[-1], on="2019-05-01"))
    'No hostile relations in force on 2019-05-01; widen the date.'
    >>> explain_empty(G, FilterSpec(signs=[-1]))
    ''
    """
    if G.number_of_edges() == 0:
        return "The data holds no relations."
    selection = _Selection(G)
    for name, step in _plan(G, spec):
        step(selection)
        if not selection.has_edges():
            return f"{_empty_phrase(G, spec, name)}; {_ADVICE[name]}."
    return ""

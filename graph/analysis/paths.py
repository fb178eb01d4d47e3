"""How two actors are connected: the shortest paths, the strongest path, and each step in
words."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from graph.analysis._pairs import Window
from graph.analysis.signed import signed_view
from graph.build import actor_name
from graph.filters import SIGN_NAMES
from graph.filters.words import confidence_word, sign_word
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import arrow

__all__ = [
    "ActorPath",
    "Hop",
    "connecting_paths",
    "shortest_path",
    "strongest_path",
    "ways_between",
    "ways_text",
]

#: Ways between two actors shown by default (on the page, a slide, a briefing).
WAYS_SHOWN = 3

_DASH = "\u2013"


@dataclass(frozen=True)
class Hop:
    """One step of a path: two actors and the relations between them.

    Attributes
    ----------
    source, target : str
        Actor ids, in the order of the path (relations may point either way).
    relations : tuple of dict
        One dict per relation: ``id``, ``relation`` (type id), ``label``, ``sign``,
        ``intensity``, ``confidence``, ``source`` and ``target`` (its own direction).
    """

    source: str
    target: str
    relations: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class ActorPath:
    """A path between two actors.

    Attributes
    ----------
    actors : tuple of str
        Actor ids from the first to the last.
    hops : tuple of Hop
        ``len(actors) - 1`` steps.
    cost : float
        Hops for a shortest path; summed ``1 / strength`` for a strongest path.
    strength : float or None
        For a strongest path, its weakest link (the smallest pair strength); else None.
    """

    actors: tuple[str, ...]
    hops: tuple[Hop, ...]
    cost: float
    strength: float | None = None

    def to_frame(self) -> pd.DataFrame:
        """One row per hop: ``hop``, ``source``, ``target``, ``relations`` (ids),
        ``labels`` and ``signs``, lists joined with "; ".

        Notes
        -----
        Cost O(relations along the path).

        Examples
        --------
        >>> ActorPath(("a",), (), 0.0).to_frame().shape
        (0, 6)
        """
        rows = [
            {
                "hop": i,
                "source": hop.source,
                "target": hop.target,
                "relations": "; ".join(r["id"] for r in hop.relations),
                "labels": "; ".join(r["label"] for r in hop.relations),
                "signs": "; ".join(f"{r['sign']:+d}" if r["sign"] else "0" for r in hop.relations),
            }
            for i, hop in enumerate(self.hops, start=1)
        ]
        columns = ["hop", "source", "target", "relations", "labels", "signs"]
        return pd.DataFrame(rows, columns=columns)

    def describe(self, G: nx.Graph | None = None) -> str:
        """The path in words, e.g. ``"Iran -[R1 military cooperation]- Pakistan"``.

        Notes
        -----
        Cost O(relations along the path).

        Examples
        --------
        >>> hop = Hop("a", "b", ({"id": "R1", "label": "Trade"},))
        >>> ActorPath(("a", "b"), (hop,), 1.0).describe()
        'a -[R1 trade]- b'
        """
        names = G if G is not None else nx.Graph()
        words = [actor_name(names, self.actors[0])]
        for hop in self.hops:
            ties = ", ".join(f"{r['id']} {str(r['label']).lower()}" for r in hop.relations)
            words.append(f"-[{ties}]- {actor_name(names, hop.target)}")
        return " ".join(words)

    def steps(self, G: nx.Graph | None = None) -> list[list[str]]:
        """Each step in words: for every hop, one sentence per relation saying who does
        what to whom (in the relation's own direction), its sign, our confidence and id.

        Notes
        -----
        Cost O(relations along the path).

        Examples
        --------
        >>> hop = Hop("a", "b", ({"id": "R1", "label": "Military cooperation", "sign": 1,
        ...                       "confidence": "high", "source": "b", "target": "a",
        ...                       "directed": True},))
        >>> ActorPath(("a", "b"), (hop,), 1.0).steps()
        [['b → a: military cooperation, cooperative, high confidence (R1)']]
        """
        names = G if G is not None else nx.Graph()
        lines = []
        for hop in self.hops:
            said = []
            for r in hop.relations:
                link = arrow() if r.get("directed", True) else _DASH
                who = f"{actor_name(names, r['source'])} {link} {actor_name(names, r['target'])}"
                sign = r.get("sign") or 0
                what = [
                    str(r["label"]).lower(),
                    sign_word(sign) if sign in SIGN_NAMES else _("unsigned"),
                ]
                if r.get("confidence"):
                    level = confidence_word(str(r["confidence"]))
                    what.append(_("{level} confidence").format(level=level))
                said.append(
                    _("{who}: {what} ({id})").format(who=who, what=_(", ").join(what), id=r["id"])
                )
            lines.append(said)
        return lines


def _check_ends(G: nx.MultiDiGraph, source: str, target: str) -> None:
    for actor in (source, target):
        if actor not in G:
            raise nx.NodeNotFound(f"unknown actor {actor!r}")


def _relation_record(G: nx.MultiDiGraph, key: str, d: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": key,
        "relation": d.get("relation"),
        "label": d.get("label") or d.get("relation"),
        "sign": d.get("sign"),
        "intensity": d.get("intensity"),
        "confidence": d.get("confidence"),
        "directed": d.get("directed", True),
        "source": d.get("source"),
        "target": d.get("target"),
    }


def _hops(G: nx.MultiDiGraph, actors: list[str], keep_ids: Any = None) -> tuple[Hop, ...]:
    hops = []
    for u, v in itertools.pairwise(actors):
        records = []
        for a, b in ((u, v), (v, u)):
            for key, d in (G.get_edge_data(a, b) or {}).items():
                if keep_ids is None or key in keep_ids:
                    records.append(_relation_record(G, key, {"source": a, "target": b, **d}))
        records.sort(key=lambda r: r["id"])
        hops.append(Hop(u, v, tuple(records)))
    return tuple(hops)


def shortest_path(G: nx.MultiDiGraph, source: str, target: str) -> ActorPath:
    """Return a path with the fewest relations between two actors, direction ignored.

    Every relation counts, whatever its sign; filter ``G`` first to restrict them. Among
    equally short paths, the first found is returned (it depends only on the order of
    the graph's actors and relations, so the same data gives the same path).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    source, target : str
        Actor ids.

    Returns
    -------
    ActorPath
        With every relation between each pair of consecutive actors; ``cost`` = hops.

    Raises
    ------
    networkx.NodeNotFound
        If an actor is not in ``G``.
    networkx.NetworkXNoPath
        If no chain of relations joins them.

    Notes
    -----
    The first of :func:`connecting_paths` (a bidirectional search), cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": x} for x in "abc"],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 2.0},
    ...      {"id": "R2", "source": "c", "target": "b", "relation": "y", "sign": -1,
    ...       "intensity": -2.0}],
    ... )
    >>> path = shortest_path(G, "a", "c")
    >>> path.actors, [r["id"] for hop in path.hops for r in hop.relations]
    (('a', 'b', 'c'), ['R1', 'R2'])
    """
    return connecting_paths(G, source, target, limit=1)[0]


def connecting_paths(
    G: nx.MultiDiGraph, source: str, target: str, *, limit: int = 3
) -> list[ActorPath]:
    """Return up to ``limit`` ways between two actors, shortest first, direction ignored.

    The ways are simple paths (no actor twice) in order of their number of relations
    (hops); paths of one length in a fixed order that depends only on the graph, so the
    same data gives the same answer. Every relation counts, whatever its sign; filter
    ``G`` first to restrict them. :func:`shortest_path` is the first of them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    source, target : str
        Actor ids; one actor twice is a path of no hops.
    limit : int, default 3
        The most paths returned (at least 1).

    Returns
    -------
    list of ActorPath
        Each with every relation between its consecutive actors; ``cost`` = hops.

    Raises
    ------
    ValueError
        If ``limit`` is not a positive whole number.
    networkx.NodeNotFound
        If an actor is not in ``G``.
    networkx.NetworkXNoPath
        If no chain of relations joins them.

    Notes
    -----
    Yen's algorithm (:func:`networkx.shortest_simple_paths`) on the pairs of actors, cost
    O(limit n (n + m)) at most.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": x} for x in "abcd"],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1},
    ...      {"id": "R2", "source": "b", "target": "d", "relation": "x", "sign": -1},
    ...      {"id": "R3", "source": "a", "target": "c", "relation": "x", "sign": 1},
    ...      {"id": "R4", "source": "c", "target": "d", "relation": "x", "sign": 1},
    ...      {"id": "R5", "source": "a", "target": "d", "relation": "x", "sign": -1}],
    ... )
    >>> [p.actors for p in connecting_paths(G, "a", "d")]
    [('a', 'd'), ('a', 'b', 'd'), ('a', 'c', 'd')]
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError(f"limit {limit!r} is not a positive whole number")
    _check_ends(G, source, target)
    if source == target:
        return [ActorPath((source,), (), 0.0)]
    pairs = nx.Graph()
    pairs.add_nodes_from(G)
    pairs.add_edges_from((u, v) for u, v in G.edges() if u != v)
    found = []
    try:
        for actors in nx.shortest_simple_paths(pairs, source, target):
            found.append(ActorPath(tuple(actors), _hops(G, actors), float(len(actors) - 1)))
            if len(found) == limit:
                break
    except nx.NetworkXNoPath:
        raise nx.NetworkXNoPath(f"no relations connect {source!r} and {target!r}") from None
    return found


def strongest_path(
    G: nx.MultiDiGraph, source: str, target: str, *, window: Window = None
) -> ActorPath:
    """Return the strongest chain of cooperation between two actors, direction ignored.

    It runs over the pairs whose net sign in :func:`graph.analysis.signed.signed_view` is
    cooperative, each with strength ``w`` = its net weight (summed ``|intensity| x
    confidence weight``). The strongest path minimises the summed resistance ``1 / w``
    over its pairs, so it prefers few, strong links: two links of strength 6 (resistance
    1/3) beat one of strength 2 (resistance 1/2).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    source, target : str
        Actor ids.
    window : str, datetime.date, (from, to) pair or None
        As :func:`graph.analysis.signed.signed_view`.

    Returns
    -------
    ActorPath
        With the relations counted for each pair (cooperative, and hostile ones that
        weigh against); ``cost`` = summed resistance; ``strength`` = the weakest link.

    Raises
    ------
    networkx.NodeNotFound
        If an actor is not in ``G``.
    networkx.NetworkXNoPath
        If no chain of cooperative pairs joins them.

    Notes
    -----
    Dijkstra, cost O(n log n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": x} for x in "abc"],
    ...     [{"id": "R1", "source": "a", "target": "c", "relation": "x", "sign": 1,
    ...       "intensity": 2.0},
    ...      {"id": "R2", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 6.0},
    ...      {"id": "R3", "source": "b", "target": "c", "relation": "x", "sign": 1,
    ...       "intensity": 6.0}],
    ... )
    >>> path = strongest_path(G, "a", "c")
    >>> path.actors, path.strength
    (('a', 'b', 'c'), 6.0)
    """
    _check_ends(G, source, target)
    S = signed_view(G, window=window)
    C = nx.Graph()
    C.add_nodes_from(S)
    C.add_edges_from(
        (u, v, {"resistance": 1.0 / d["weight"], **d})
        for u, v, d in S.edges(data=True)
        if d["sign"] > 0
    )
    try:
        actors = nx.dijkstra_path(C, source, target, weight="resistance")
    except nx.NetworkXNoPath:
        raise nx.NetworkXNoPath(
            f"no chain of cooperation connects {source!r} and {target!r}"
        ) from None
    links = [C[u][v] for u, v in itertools.pairwise(actors)]
    counted = {key for link in links for key in link["relations"]}
    return ActorPath(
        tuple(actors),
        _hops(G, actors, counted),
        float(sum(link["resistance"] for link in links)),
        min((link["weight"] for link in links), default=None),
    )


def ways_between(
    G: nx.MultiDiGraph, pair: tuple[str, str], *, limit: int = WAYS_SHOWN
) -> tuple[list[ActorPath], str]:
    """Return the ways between two actors of a (filtered) graph and, with none, why:
    ``"hidden"`` (an actor is not in ``G``) or ``"apart"`` (no chain of relations joins
    them). See :func:`connecting_paths`.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b")])
    >>> [p.actors for p in ways_between(G, ("a", "b"))[0]], ways_between(G, ("a", "z"))
    ([('a', 'b')], ([], 'hidden'))
    """
    try:
        return connecting_paths(G, *pair, limit=limit), ""
    except nx.NodeNotFound:
        return [], "hidden"
    except nx.NetworkXNoPath:
        return [], "apart"


def ways_text(G: nx.Graph, pair: tuple[str, str], paths: list[ActorPath]) -> str:
    """One line saying how two actors connect, for a slide or a briefing: each way with its
    actors and length, or that none joins them.

    Notes
    -----
    Cost O(actors along the paths).

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> hops = (Hop("a", "b", ()), Hop("b", "c", ()))
    >>> text = ways_text(G, ("a", "c"), [ActorPath(("a", "b", "c"), hops, 2.0)])
    >>> text == "How a and c connect: a \u2013 b \u2013 c (2 steps)"
    True
    >>> ways_text(G, ("a", "c"), [])
    'No relations in this view join a and c.'
    """
    first, second = (actor_name(G, a) for a in pair)
    if not paths:
        return _("No relations in this view join {a} and {b}.").format(a=first, b=second)
    ways = " · ".join(
        ngettext("{path} ({n} step)", "{path} ({n} steps)", len(path.hops)).format(
            path=f" {_DASH} ".join(actor_name(G, a) for a in path.actors), n=len(path.hops)
        )
        for path in paths
    )
    return _("How {a} and {b} connect: {ways}").format(a=first, b=second, ways=ways)

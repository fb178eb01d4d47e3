"""How two actors are connected: the shortest and the strongest path between them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from graph.analysis._pairs import Window, actor_name
from graph.analysis.signed import signed_view

__all__ = ["ActorPath", "Hop", "shortest_path", "strongest_path"]


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
    Bidirectional breadth-first search, cost O(n + m) at most.

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
    _check_ends(G, source, target)
    try:
        actors = nx.bidirectional_shortest_path(G.to_undirected(as_view=True), source, target)
    except nx.NetworkXNoPath:
        raise nx.NetworkXNoPath(f"no relations connect {source!r} and {target!r}") from None
    return ActorPath(tuple(actors), _hops(G, actors), float(len(actors) - 1))


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

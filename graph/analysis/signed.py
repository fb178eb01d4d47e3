"""The signed view of the relationship graph and its structural balance."""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from graph.analysis._pairs import (
    CONFIDENCE_WEIGHTS,
    Window,
    net_weight,
    signed_pairs,
    window_predicate,
)
from graph.build import actor_name
from graph.i18n import gettext as _

__all__ = [
    "CONFIDENCE_WEIGHTS",
    "CampSplit",
    "camps",
    "signed_view",
    "triads",
    "unbalanced_triads",
]

TRIAD_COLUMNS = ("a", "b", "c", "ab", "bc", "ac", "balanced")


def signed_view(G: nx.MultiDiGraph, *, window: Window = None) -> nx.Graph:
    """Return one net sign per pair of related actors.

    The rule: for each pair of actors, direction ignored, add up ``sign * |intensity| *
    w(confidence)`` over its relations that are not structural (sign 0 is left out) and
    are in force in ``window``, with ``w`` = 1 for high confidence, 0.6 for moderate and
    0.3 for low (:data:`CONFIDENCE_WEIGHTS`). The pair's net sign is the sign of the
    sum; pairs whose sum is 0 are dropped. ``sign * |intensity|`` is the relation's
    intensity on the Goldstein scale whenever the two agree, as the data requires.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    window : str, datetime.date, (from, to) pair or None
        None counts every relation; a (partial) date counts the relations in force on it;
        a pair counts those in force at some time between ``from`` and ``to`` (either
        end may be None, open).

    Returns
    -------
    networkx.Graph
        Every actor of ``G`` (with its ``name`` and ``kind``), and one edge per pair with
        a net sign: ``sign`` (+1 or -1), ``weight`` (the sum), ``relations`` (ids of the
        counted relations, in edge order), ``cooperative`` and ``hostile`` (the ids of
        each sign).

    Raises
    ------
    ValueError
        If a date of ``window`` does not parse.

    Notes
    -----
    Cost O(n log n + m log m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran"}, {"id": "pakistan"}],
    ...     [{"id": "R1", "source": "iran", "target": "pakistan", "relation": "coop",
    ...       "sign": 1, "intensity": 6.0, "confidence": "high"},
    ...      {"id": "R2", "source": "pakistan", "target": "iran", "relation": "rivalry",
    ...       "sign": -1, "intensity": -5.0, "confidence": "moderate"}],
    ... )
    >>> S = signed_view(G)
    >>> S.edges["iran", "pakistan"]["sign"], S.edges["iran", "pakistan"]["weight"]
    (1, 3.0)
    """
    pairs = signed_pairs(G, window_predicate(window))
    S = nx.Graph()
    S.add_nodes_from(
        (n, {"name": G.nodes[n].get("name"), "kind": G.nodes[n].get("kind")})
        for n in sorted(G.nodes)
    )
    for (u, v), relations in sorted(pairs.items()):
        total = net_weight(relations)
        if total == 0:
            continue
        S.add_edge(
            u,
            v,
            sign=1 if total > 0 else -1,
            weight=total,
            relations=tuple(k for k, _ in relations),
            cooperative=tuple(k for k, d in relations if d["sign"] == 1),
            hostile=tuple(k for k, d in relations if d["sign"] == -1),
        )
    return S


def _check_signed(S: nx.Graph) -> None:
    if S.is_directed() or S.is_multigraph():
        raise nx.NetworkXError("expected the signed view (an undirected simple graph)")
    for u, v, sign in S.edges(data="sign"):
        if sign not in (1, -1):
            raise nx.NetworkXError(f"edge ({u!r}, {v!r}) has sign {sign!r}; expected +1 or -1")


def _triangles(S: nx.Graph) -> Iterable[tuple[Hashable, Hashable, Hashable]]:
    """Every triangle once, in O(m sqrt(m)): each edge points from the lower to the
    higher (degree, id) rank; a triangle is found at its lowest-ranked corner."""
    rank = {n: i for i, n in enumerate(sorted(S, key=lambda n: (S.degree(n), str(n))))}
    higher = {n: {m for m in S[n] if rank[m] > rank[n]} for n in S}
    for u in S:
        for v in higher[u]:
            for w in higher[u] & higher[v]:
                yield u, v, w


def triads(S: nx.Graph) -> pd.DataFrame:
    """Return every triangle of the signed view with its signs, balanced or not.

    A triad is balanced when the product of its three signs is positive: all friends, or
    two friends with a common enemy.

    Parameters
    ----------
    S : networkx.Graph
        A signed view (edges with ``sign`` +1 or -1), see :func:`signed_view`.

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``b``, ``c`` (actor ids, sorted), ``ab``, ``bc``, ``ac`` (the
        signs of those pairs) and ``balanced``; rows sorted by ``a``, ``b``, ``c``.

    Raises
    ------
    networkx.NetworkXError
        If ``S`` is not an undirected simple graph with signs +1 and -1.

    Notes
    -----
    Cost O(m sqrt(m)) to find the triangles (each edge oriented towards the
    higher-degree end), plus sorting them.

    Examples
    --------
    >>> S = nx.Graph()
    >>> S.add_edge("a", "b", sign=1)
    >>> S.add_edge("b", "c", sign=1)
    >>> S.add_edge("a", "c", sign=-1)
    >>> triads(S).to_dict("records")
    [{'a': 'a', 'b': 'b', 'c': 'c', 'ab': 1, 'bc': 1, 'ac': -1, 'balanced': False}]
    """
    _check_signed(S)
    rows = []
    for corner in _triangles(S):
        a, b, c = sorted(corner, key=str)
        ab, bc, ac = S[a][b]["sign"], S[b][c]["sign"], S[a][c]["sign"]
        rows.append((a, b, c, ab, bc, ac, ab * bc * ac > 0))
    rows.sort(key=lambda row: tuple(str(x) for x in row[:3]))
    frame = pd.DataFrame(rows, columns=list(TRIAD_COLUMNS))
    return frame.astype({"ab": "int64", "bc": "int64", "ac": "int64", "balanced": bool})


def _pair_words(S: nx.Graph, G: nx.MultiDiGraph, x: str, y: str) -> tuple[str, str]:
    """Names of a pair and the relation ids behind its net sign (with those against)."""
    edge = S[x][y]
    backing, against = (
        (edge["cooperative"], edge["hostile"])
        if edge["sign"] > 0
        else (edge["hostile"], edge["cooperative"])
    )
    ids = ", ".join(backing)
    if against:
        ids = _("{ids}; despite {against}").format(ids=ids, against=", ".join(against))
    return _("{a} and {b}").format(a=actor_name(G, x), b=actor_name(G, y)), ids


def _explain(S: nx.Graph, G: nx.MultiDiGraph, a: str, b: str, c: str) -> str:
    pairs = [(a, b), (b, c), (a, c)]
    hostile = [p for p in pairs if S[p[0]][p[1]]["sign"] < 0]
    if len(hostile) == 3:
        parts = [f"{names} ({ids})" for names, ids in (_pair_words(S, G, *p) for p in pairs)]
        return _(
            "{a}, {b} and {c} are all hostile to one another: {first}, {second}, {third}"
        ).format(
            a=actor_name(G, a),
            b=actor_name(G, b),
            c=actor_name(G, c),
            first=parts[0],
            second=parts[1],
            third=parts[2],
        )
    # one hostile pair: the third actor cooperates with both of its sides
    x, y = hostile[0]
    z = next(n for n in (a, b, c) if n not in (x, y))
    first, first_ids = _pair_words(S, G, *sorted((x, z), key=str))
    second, second_ids = _pair_words(S, G, *sorted((z, y), key=str))
    third, third_ids = _pair_words(S, G, x, y)
    return _(
        "{first} cooperate ({first_ids}), {second} cooperate ({second_ids}), "
        "but {third} are hostile ({third_ids})"
    ).format(
        first=first,
        first_ids=first_ids,
        second=second,
        second_ids=second_ids,
        third=third,
        third_ids=third_ids,
    )


def unbalanced_triads(S: nx.Graph, G: nx.MultiDiGraph | None = None) -> pd.DataFrame:
    """Return the unbalanced triangles of the signed view, each explained in words.

    Parameters
    ----------
    S : networkx.Graph
        A signed view, see :func:`signed_view`.
    G : networkx.MultiDiGraph, optional
        The relationship graph, for actor names (ids otherwise).

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`triads` that are not balanced, with a column ``explanation``
        naming the relations behind each sign (and, after "despite", those against it).

    Raises
    ------
    networkx.NetworkXError
        As :func:`triads`.

    Notes
    -----
    Cost as :func:`triads`.

    Examples
    --------
    >>> S = nx.Graph()
    >>> S.add_edge("a", "b", sign=1, cooperative=("R1",), hostile=())
    >>> S.add_edge("b", "c", sign=1, cooperative=("R2", "R4"), hostile=("R5",))
    >>> S.add_edge("a", "c", sign=-1, cooperative=(), hostile=("R3",))
    >>> print(unbalanced_triads(S)["explanation"][0])
    a and b cooperate (R1), b and c cooperate (R2, R4; despite R5), but a and c are hostile (R3)
    """
    names = G if G is not None else S
    frame = triads(S)
    frame = frame[~frame["balanced"]].reset_index(drop=True)
    frame["explanation"] = [
        _explain(S, names, a, b, c)
        for a, b, c in zip(frame["a"], frame["b"], frame["c"], strict=True)
    ]
    return frame


@dataclass(frozen=True)
class CampSplit:
    """Two camps of actors and the relations that defy them.

    Attributes
    ----------
    first, second : frozenset of str
        The camps. In each connected part of the signed view, the side holding the
        part's smallest actor id goes to ``first``. Actors without signed relations are
        in neither.
    frustration : int
        Pairs that defy the split: cooperative across the camps or hostile within one.
    exact : bool
        True when ``frustration`` is the minimum (the frustration index); False when it
        is an upper bound found by local search.
    method : str
        How it was found, in words.
    frustrated : tuple of (str, str)
        The defiant pairs, sorted.
    lower_bound : int
        A proven lower bound of the frustration index (equal to ``frustration`` when
        exact): edge-disjoint unbalanced triads each need one defiant pair.
    """

    first: frozenset[str]
    second: frozenset[str]
    frustration: int
    exact: bool
    method: str
    frustrated: tuple[tuple[str, str], ...]
    lower_bound: int = 0


def _violations(edges: list[tuple[int, int, int]], side: list[int]) -> int:
    return sum((side[i] != side[j]) if s > 0 else (side[i] == side[j]) for i, j, s in edges)


def _disjoint_unbalanced_triads(n: int, edges: list[tuple[int, int, int]]) -> int:
    """Size of a greedy set of unbalanced triads sharing no pair: a lower bound of the
    frustration index, since each needs a defiant pair of its own. Triangles are found
    as in :func:`_triangles`, in O(m sqrt(m))."""
    sign: dict[tuple[int, int], int] = {}
    degree = [0] * n
    for i, j, s in edges:
        sign[(i, j)] = sign[(j, i)] = s
        degree[i] += 1
        degree[j] += 1
    rank = sorted(range(n), key=lambda i: (degree[i], i))
    position = [0] * n
    for r, i in enumerate(rank):
        position[i] = r
    higher: list[set[int]] = [set() for _ in range(n)]
    for i, j, _sign in edges:
        (higher[i] if position[i] < position[j] else higher[j]).add(
            j if position[i] < position[j] else i
        )
    used: set[tuple[int, int]] = set()
    count = 0
    for u in range(n):
        for v in sorted(higher[u]):
            for w in sorted(higher[u] & higher[v]):
                pairs = ((min(u, v), max(u, v)), (min(v, w), max(v, w)), (min(u, w), max(u, w)))
                if sign[(u, v)] * sign[(v, w)] * sign[(u, w)] < 0 and not used.intersection(pairs):
                    used.update(pairs)
                    count += 1
    return count


def _local_search(
    n: int, edges: list[tuple[int, int, int]], rng: random.Random, restarts: int
) -> list[int]:
    """Best of: a spanning-tree assignment and ``restarts`` random ones, each improved by
    single flips until none helps."""
    neighbours: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i, j, s in edges:
        neighbours[i].append((j, s))
        neighbours[j].append((i, s))

    def gain(side: list[int], i: int) -> int:
        # violations removed by flipping i, minus those created
        delta = 0
        for j, s in neighbours[i]:
            bad = (side[i] != side[j]) if s > 0 else (side[i] == side[j])
            delta += 1 if bad else -1
        return delta

    def improve(side: list[int]) -> list[int]:
        # gains kept up to date: flipping i turns each of its pairs from defiant to
        # fitting or back, which moves each neighbour's gain by 2
        gains = [gain(side, i) for i in range(n)]
        improved = True
        while improved:
            improved = False
            for i in range(n):
                if gains[i] > 0:
                    side[i] ^= 1
                    gains[i] = -gains[i]
                    for j, s in neighbours[i]:
                        bad = (side[i] != side[j]) if s > 0 else (side[i] == side[j])
                        gains[j] += 2 if bad else -2
                    improved = True
        return side

    tree = [-1] * n
    tree[0] = 0
    queue = [0]
    for i in queue:
        for j, s in neighbours[i]:
            if tree[j] < 0:
                tree[j] = tree[i] if s > 0 else 1 - tree[i]
                queue.append(j)
    best = improve(tree)
    best_score = _violations(edges, best)
    for _restart in range(restarts):
        if best_score == 0:
            break
        side = improve([rng.randint(0, 1) for _ in range(n)])
        score = _violations(edges, side)
        if score < best_score:
            best, best_score = side, score
    return best


def _branch_and_bound(n: int, edges: list[tuple[int, int, int]], start: list[int]) -> list[int]:
    """Exact minimum: assign actors in breadth-first order (actor 0 fixed to side 0),
    pruning any partial assignment already as bad as the best complete one."""
    earlier: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for i, j, s in edges:
        earlier[max(i, j)].append((min(i, j), s))
    best = list(start)
    best_score = _violations(edges, best)
    side = [0] * n

    def extend(i: int, score: int) -> None:
        nonlocal best, best_score
        if score >= best_score:
            return
        if i == n:
            best, best_score = list(side), score
            return
        for choice in (0, 1):
            side[i] = choice
            added = sum(
                (choice != side[j]) if s > 0 else (choice == side[j]) for j, s in earlier[i]
            )
            extend(i + 1, score + added)

    if best_score > 0:
        side[0] = 0
        extend(1, 0)
    return best


def camps(S: nx.Graph, *, exact_limit: int = 20, seed: int = 7, restarts: int = 20) -> CampSplit:
    """Split the actors of the signed view into the two camps that best fit its signs.

    The best split has the fewest frustrated pairs (cooperative across the camps or
    hostile within one); their number is the frustration index, 0 exactly when the view
    is balanced. Each connected part is solved apart: exactly (branch and bound) when it
    has at most ``exact_limit`` actors, otherwise by seeded local search, whose result is
    an upper bound; it is exact anyway when it meets the lower bound given by
    edge-disjoint unbalanced triads (each needs a defiant pair of its own).

    Parameters
    ----------
    S : networkx.Graph
        A signed view, see :func:`signed_view`.
    exact_limit : int, default 20
        The largest part solved exactly.
    seed : int, default 7
        Seed of the local search.
    restarts : int, default 20
        Random restarts of the local search per large part.

    Returns
    -------
    CampSplit

    Raises
    ------
    networkx.NetworkXError
        If ``S`` is not a signed view.
    ValueError
        If ``exact_limit`` is negative.

    Notes
    -----
    Finding the frustration index is NP-hard. Branch and bound costs up to
    O(2^k * d) for a part of ``k <= exact_limit`` actors (far less in practice); local
    search O(restarts * passes * m); the lower bound O(m sqrt(m)).

    Examples
    --------
    >>> S = nx.Graph()
    >>> S.add_edges_from([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}),
    ...                   ("a", "c", {"sign": -1}), ("c", "d", {"sign": 1})])
    >>> split = camps(S)
    >>> sorted(split.first), sorted(split.second), split.frustration, split.exact
    (['a', 'b'], ['c', 'd'], 0, True)
    """
    _check_signed(S)
    if isinstance(exact_limit, bool) or not isinstance(exact_limit, int) or exact_limit < 0:
        raise ValueError(f"exact_limit must be a whole number >= 0, not {exact_limit!r}")
    rng = random.Random(seed)
    first: set[str] = set()
    second: set[str] = set()
    exact = True
    largest_inexact = 0
    certified = False  # a large part whose local search met its lower bound
    lower_bound = 0
    parts = [sorted(part, key=str) for part in nx.connected_components(S) if len(part) > 1]
    parts.sort(key=lambda part: str(part[0]))
    for part in parts:
        # breadth-first order from the smallest id keeps the search tight and stable
        order = list(nx.bfs_tree(S.subgraph(part), part[0]))
        index = {node: i for i, node in enumerate(order)}
        edges = [(index[u], index[v], S[u][v]["sign"]) for u, v in S.subgraph(part).edges()]
        edges.sort()
        side = _local_search(len(order), edges, rng, restarts)
        if len(order) <= exact_limit:
            side = _branch_and_bound(len(order), edges, side)
            lower_bound += _violations(edges, side)
        elif (found := _violations(edges, side)) > 0:
            floor = _disjoint_unbalanced_triads(len(order), edges)
            lower_bound += floor
            if found == floor:
                certified = True
            else:
                exact = False
                largest_inexact = max(largest_inexact, len(order))
        flip = side[0]  # the part's smallest id goes to the first camp
        for node, i in index.items():
            (first if side[i] == flip else second).add(node)
    frustrated = tuple(
        sorted(
            (
                tuple(sorted((u, v), key=str))
                for u, v, s in S.edges(data="sign")
                if ((u in first) != (v in first)) == (s > 0)
            ),
            key=lambda pair: (str(pair[0]), str(pair[1])),
        )
    )
    if not exact:
        method = _(
            "upper bound (local search, seed {seed}, {restarts} restarts, on parts of "
            "up to {actors} actors; at least {lower_bound})"
        ).format(seed=seed, restarts=restarts, actors=largest_inexact, lower_bound=lower_bound)
    elif certified:
        method = _(
            "exact (branch and bound on parts of up to {actors} actors; on larger "
            "ones, local search meets the lower bound of edge-disjoint unbalanced triads)"
        ).format(actors=exact_limit)
    else:
        method = _("exact (branch and bound on parts of up to {actors} actors)").format(
            actors=exact_limit
        )
    return CampSplit(
        frozenset(first),
        frozenset(second),
        len(frustrated),
        exact,
        method,
        frustrated,
        len(frustrated) if exact else lower_bound,
    )

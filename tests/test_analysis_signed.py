"""Tests of graph.analysis.signed: the signed view, triads and camps (structural balance)."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from graph.analysis.signed import camps, signed_view, triads, unbalanced_triads
from graph.build import graph_from_records


def _signed(edges: str) -> nx.Graph:
    """A signed graph from "a+b b-c" (one edge per token)."""
    S = nx.Graph()
    for token in edges.split():
        u, sign, v = token[0], token[1], token[2]
        S.add_edge(u, v, sign=1 if sign == "+" else -1)
    return S


def _brute_force_frustration(S: nx.Graph) -> int:
    nodes = sorted(S)
    best = S.number_of_edges()
    for sides in itertools.product((0, 1), repeat=len(nodes)):
        side = dict(zip(nodes, sides, strict=True))
        bad = sum((side[u] != side[v]) == (s > 0) for u, v, s in S.edges(data="sign"))
        best = min(best, bad)
    return best


def _random_signed(n: int, p: float, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    S = nx.gnp_random_graph(n, p, seed=seed)
    for u, v in S.edges():
        S[u][v]["sign"] = rng.choice((1, -1))
    return S


# --------------------------------------------------------------------------- signed view


def _relation(ident, source, target, sign, intensity, confidence="high", **extra):
    return {
        "id": ident,
        "source": source,
        "target": target,
        "relation": "x",
        "sign": sign,
        "intensity": intensity,
        "confidence": confidence,
        **extra,
    }


def _G(*relations) -> nx.MultiDiGraph:
    actors = sorted({r[k] for r in relations for k in ("source", "target")})
    return graph_from_records([{"id": a, "name": a.title()} for a in actors], relations)


def test_signed_view_rule_weighs_intensity_by_confidence():
    G = _G(
        _relation("R1", "iran", "pakistan", 1, 6.0),
        _relation("R2", "pakistan", "iran", -1, -5.0, "moderate"),  # direction ignored
        _relation("R3", "iran", "taliban", 1, 10.0, "low"),
    )
    S = signed_view(G)
    assert S.edges["iran", "pakistan"] == {
        "sign": 1,
        "weight": 3.0,
        "relations": ("R1", "R2"),
        "cooperative": ("R1",),
        "hostile": ("R2",),
    }
    assert S.edges["iran", "taliban"]["weight"] == pytest.approx(3.0)


def test_signed_view_leaves_out_structural_relations_and_zero_sums():
    G = _G(
        _relation("R1", "a", "b", 0, 0.0),  # structural: left out
        _relation("R2", "a", "c", 1, 3.0),
        _relation("R3", "c", "a", -1, -5.0, "moderate"),  # 3 - 5 * 0.6 = 0: dropped
        _relation("R4", "b", "b", -1, -2.0),  # self-loop: left out
        _relation("R5", "b", "c", -1, -2.0),
    )
    S = signed_view(G)
    assert sorted(S) == ["a", "b", "c"]  # every actor stays
    assert [tuple(sorted(e)) for e in S.edges()] == [("b", "c")]
    assert S.edges["b", "c"]["sign"] == -1


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (None, -1),
        ("2021-10-27", 1),
        ("2017", -1),
        (("2016", "2021-12"), -1),
        (("2021-10", None), 1),
        ("2019", None),
    ],
)
def test_signed_view_window(window, expected):
    G = _G(
        _relation("R1", "a", "b", 1, 4.0, start="2021-10"),
        _relation("R2", "a", "b", -1, -8.0, start="2017", end="2017-11"),
    )
    S = signed_view(G, window=window)
    assert (S.edges["a", "b"]["sign"] if S.has_edge("a", "b") else None) == expected


@pytest.mark.parametrize("window", ["2021-13", ("2022", "2021"), ("2021",)])
def test_signed_view_names_a_bad_window(window):
    with pytest.raises(ValueError, match="2021"):
        signed_view(_G(_relation("R1", "a", "b", 1, 4.0)), window=window)


# --------------------------------------------------------------------------- triads


def test_triads_lists_every_triangle_with_its_signs():
    S = _signed("a+b b-c a-c c+d b+d")
    frame = triads(S)
    assert frame.to_dict("records") == [
        {"a": "a", "b": "b", "c": "c", "ab": 1, "bc": -1, "ac": -1, "balanced": True},
        {"a": "b", "b": "c", "c": "d", "ab": -1, "bc": 1, "ac": 1, "balanced": False},
    ]


def test_triads_of_an_empty_graph():
    frame = triads(nx.Graph())
    assert frame.empty
    assert list(frame.columns) == ["a", "b", "c", "ab", "bc", "ac", "balanced"]


@pytest.mark.parametrize("seed", range(5))
def test_triads_finds_every_triangle_once(seed):
    S = _random_signed(25, 0.3, seed)
    frame = triads(S)
    assert len(frame) == sum(nx.triangles(S).values()) // 3
    assert not frame.duplicated(["a", "b", "c"]).any()
    for row in frame.itertuples():
        assert row.balanced == (row.ab * row.bc * row.ac > 0)


@pytest.mark.parametrize(
    ("S", "message"),
    [
        (nx.DiGraph([("a", "b", {"sign": 1})]), "expected the signed view"),
        (nx.Graph([("a", "b", {"sign": 0})]), "has sign 0"),
        (nx.Graph([("a", "b")]), "has sign None"),
    ],
)
def test_triads_refuses_what_is_not_a_signed_view(S, message):
    with pytest.raises(nx.NetworkXError, match=message):
        triads(S)


def test_unbalanced_triads_explained_by_the_relations_behind_them():
    G = _G(
        _relation("R1", "iran", "pakistan", 1, 6.0),
        _relation("R2", "iran", "pakistan", -1, -2.0),
        _relation("R3", "pakistan", "azerbaijan", 1, 6.0),
        _relation("R4", "azerbaijan", "iran", -1, -5.0),
        _relation("R5", "turkey", "azerbaijan", 1, 6.0),
        _relation("R6", "turkey", "pakistan", 1, 5.0),
    )
    S = signed_view(G)
    frame = unbalanced_triads(S, G)
    assert frame[["a", "b", "c"]].values.tolist() == [["azerbaijan", "iran", "pakistan"]]
    assert frame["explanation"][0] == (
        "Azerbaijan and Pakistan cooperate (R3), Iran and Pakistan cooperate (R1; despite R2),"
        " but Azerbaijan and Iran are hostile (R4)"
    )


def test_unbalanced_triads_all_hostile():
    S = nx.Graph()
    for u, v, rid in (("a", "b", "R1"), ("b", "c", "R2"), ("a", "c", "R3")):
        S.add_edge(u, v, sign=-1, cooperative=(), hostile=(rid,))
    assert unbalanced_triads(S)["explanation"].tolist() == [
        "a, b and c are all hostile to one another: a and b (R1), b and c (R2), a and c (R3)"
    ]


# --------------------------------------------------------------------------- camps


@pytest.mark.parametrize(
    ("edges", "frustration"),
    [
        ("a+b b-c a-c c+d", 0),  # balanced: friends a, b against friends c, d
        ("a+b b+c a-c", 1),  # one enemy among friends
        ("a-b b-c a-c", 1),  # three enemies: two must share a camp
        ("a-b a-c a-d b-c b-d c-d", 2),  # four enemies: best is two against two
        ("a+b b+c c+d d+e a-e", 1),  # a cycle with one hostile pair
        ("a+b b+c c+d d+e a-e a-c", 1),
        ("a-b b-c c-d d-a", 0),  # even hostile cycle: balanced
    ],
)
def test_camps_exact_frustration(edges, frustration):
    S = _signed(edges)
    split = camps(S)
    assert split.frustration == frustration == _brute_force_frustration(S)
    assert split.exact
    assert split.method.startswith("exact")
    assert len(split.frustrated) == frustration
    assert split.first | split.second == set(S)
    assert not split.first & split.second


def test_camps_of_a_balanced_graph():
    split = camps(_signed("a+b b-c a-c c+d"))
    assert (split.first, split.second) == ({"a", "b"}, {"c", "d"})
    assert split.frustrated == ()


def test_camps_names_the_frustrated_pairs():
    split = camps(_signed("a+b b+c a-c"))
    assert len(split.frustrated) == 1
    (u, v) = split.frustrated[0]
    sign = _signed("a+b b+c a-c")[u][v]["sign"]
    assert ((u in split.first) != (v in split.first)) == (sign > 0)


def test_camps_of_a_disconnected_graph_add_up_its_parts():
    S = _signed("a+b b-c a-c x+y y+z x-z")
    S.add_node("lonely")
    split = camps(S)
    assert split.frustration == 1
    assert split.exact
    assert "lonely" not in split.first | split.second
    # each part's smallest actor is in the first camp
    assert {"a", "x"} <= split.first


def test_camps_of_an_empty_graph():
    split = camps(nx.Graph())
    assert (split.first, split.second, split.frustration, split.exact) == (
        frozenset(),
        frozenset(),
        0,
        True,
    )


@pytest.mark.parametrize("seed", range(8))
def test_camps_exact_matches_brute_force(seed):
    S = _random_signed(11, 0.45, seed)
    assert camps(S).frustration == _brute_force_frustration(S)


@pytest.mark.parametrize("seed", range(6))
def test_camps_above_the_limit_is_a_bound(seed):
    S = _random_signed(11, 0.5, seed)
    split = camps(S, exact_limit=5)
    exact = _brute_force_frustration(S)
    assert split.lower_bound <= exact <= split.frustration
    if split.exact:
        assert split.frustration == exact
    else:
        assert split.method.startswith("upper bound (local search, seed 7")
        assert f"at least {split.lower_bound}" in split.method


def test_camps_bound_meeting_the_lower_bound_is_exact():
    # one unbalanced triad in a part of 6 actors, solved by local search only
    S = _signed("a+b b+c a-c c+d d+e e+f")
    split = camps(S, exact_limit=3)
    assert (split.frustration, split.lower_bound, split.exact) == (1, 1, True)
    assert "meets the lower bound" in split.method


def test_camps_reports_a_lower_bound_when_not_exact():
    found = [camps(_random_signed(14, 0.6, seed), exact_limit=2, restarts=0) for seed in range(10)]
    loose = [split for split in found if not split.exact]
    assert loose, "some random graph should leave a gap between the bounds"
    for split in loose:
        assert split.lower_bound < split.frustration


def test_camps_local_search_is_exact_when_it_finds_balance():
    S = _signed("a+b b-c a-c c+d d-e")
    split = camps(S, exact_limit=2)
    assert (split.frustration, split.exact) == (0, True)


def test_camps_is_stable():
    S = _random_signed(40, 0.2, 3)
    assert camps(S, exact_limit=5) == camps(S, exact_limit=5)


def test_camps_refuses_a_negative_limit():
    with pytest.raises(ValueError, match="exact_limit must be a whole number >= 0, not -1"):
        camps(nx.Graph(), exact_limit=-1)

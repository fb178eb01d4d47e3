"""Tests of graph.analysis.paths: shortest and strongest paths between two actors."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.paths import ActorPath, shortest_path, strongest_path
from graph.build import graph_from_records


@pytest.fixture
def G():
    relations = [
        ("R1", "iran", "pakistan", 1, 6.0, "high"),
        ("R2", "pakistan", "iran", -1, -2.0, "moderate"),
        ("R3", "turkey", "pakistan", 1, 5.0, "moderate"),
        ("R4", "azerbaijan", "turkey", 1, 6.0, "moderate"),
        ("R5", "iran", "azerbaijan", -1, -5.0, "moderate"),
        ("R6", "pakistan", "azerbaijan", 1, 2.0, "low"),
        ("R7", "jaish", "iran", -1, -5.0, "moderate"),
    ]
    actors = ["armenia", "azerbaijan", "iran", "jaish", "pakistan", "turkey"]
    return graph_from_records(
        [{"id": a, "name": a.title()} for a in actors],
        [
            {
                "id": i,
                "source": u,
                "target": v,
                "relation": "coop" if s > 0 else "rivalry",
                "sign": s,
                "intensity": w,
                "confidence": c,
            }
            for i, u, v, s, w, c in relations
        ],
    )


def _ids(path: ActorPath) -> list[list[str]]:
    return [[r["id"] for r in hop.relations] for hop in path.hops]


def test_shortest_path_uses_any_relation_and_lists_them_all(G):
    path = shortest_path(G, "jaish", "azerbaijan")
    assert path.actors == ("jaish", "iran", "azerbaijan")
    assert _ids(path) == [["R7"], ["R5"]]
    assert path.cost == 2.0
    assert path.strength is None


def test_shortest_path_hop_holds_relations_both_ways(G):
    path = shortest_path(G, "pakistan", "iran")
    assert _ids(path) == [["R1", "R2"]]
    (r1, r2) = path.hops[0].relations
    assert (r1["source"], r1["target"], r1["sign"], r1["label"]) == ("iran", "pakistan", 1, "Coop")
    assert (r2["source"], r2["target"], r2["sign"]) == ("pakistan", "iran", -1)


def test_strongest_path_prefers_strong_links_over_few(G):
    # direct Pakistan-Azerbaijan is weak (2 x 0.3 = 0.6); via Turkey: 3.0 and 3.6
    path = strongest_path(G, "pakistan", "azerbaijan")
    assert path.actors == ("pakistan", "turkey", "azerbaijan")
    assert path.strength == pytest.approx(3.0)
    assert path.cost == pytest.approx(1 / 3.0 + 1 / 3.6)
    assert shortest_path(G, "pakistan", "azerbaijan").actors == ("pakistan", "azerbaijan")


def test_strongest_path_avoids_hostile_pairs(G):
    path = strongest_path(G, "iran", "azerbaijan")
    assert path.actors == ("iran", "pakistan", "turkey", "azerbaijan")
    assert _ids(path)[0] == ["R1", "R2"]  # the counted relations, both signs
    with pytest.raises(nx.NetworkXNoPath, match="no chain of cooperation connects 'jaish'"):
        strongest_path(G, "jaish", "iran")


def test_strongest_path_window():
    G = graph_from_records(
        [{"id": "a"}, {"id": "b"}],
        [
            {
                "id": "R1",
                "source": "a",
                "target": "b",
                "relation": "x",
                "sign": 1,
                "intensity": 3.0,
                "start": "2021-10",
            }
        ],
    )
    assert strongest_path(G, "a", "b", window="2021-10-27").actors == ("a", "b")
    with pytest.raises(nx.NetworkXNoPath):
        strongest_path(G, "a", "b", window="2020")


@pytest.mark.parametrize("find", [shortest_path, strongest_path])
def test_paths_name_an_unknown_actor(G, find):
    with pytest.raises(nx.NodeNotFound, match="unknown actor 'talibans'"):
        find(G, "iran", "talibans")


def test_shortest_path_without_a_chain(G):
    with pytest.raises(nx.NetworkXNoPath, match="no relations connect 'armenia' and 'iran'"):
        shortest_path(G, "armenia", "iran")


@pytest.mark.parametrize("find", [shortest_path, strongest_path])
def test_path_to_itself(G, find):
    path = find(G, "iran", "iran")
    assert (path.actors, path.hops, path.cost) == (("iran",), (), 0.0)


def test_path_as_table_and_words(G):
    path = shortest_path(G, "jaish", "azerbaijan")
    frame = path.to_frame()
    assert frame.to_dict("records") == [
        {
            "hop": 1,
            "source": "jaish",
            "target": "iran",
            "relations": "R7",
            "labels": "Rivalry",
            "signs": "-1",
        },
        {
            "hop": 2,
            "source": "iran",
            "target": "azerbaijan",
            "relations": "R5",
            "labels": "Rivalry",
            "signs": "-1",
        },
    ]
    assert path.describe(G) == "Jaish -[R7 rivalry]- Iran -[R5 rivalry]- Azerbaijan"

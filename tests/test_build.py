"""Tests of graph.build: the relationship graph from the typed tables."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import networkx as nx
import pandas as pd
import pytest

from graph.build import (
    ACTOR_FIELDS,
    RELATION_FIELDS,
    build_graph,
    edges_by_pair,
    graph_from_records,
)
from graph.load import default_data_dir, load_dataset

HAS_DATA = (default_data_dir() / "relations.csv").exists()
needs_data = pytest.mark.skipif(not HAS_DATA, reason="data/relations.csv is not there yet")


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", *columns]).set_index("id")
    return frame


def _dataset(relations: list[dict] | None = None, actors: list[dict] | None = None):
    actor_columns = [f for f in ACTOR_FIELDS if f != "id"]
    relation_columns = [f for f in RELATION_FIELDS if f != "id"]
    actors = actors or [
        {
            "id": "iran",
            "name": "Iran",
            "aliases": (),
            "name_ar": "إيران",
            "aliases_ar": ("طهران",),
            "kind": "state",
            "iso3": "IRN",
        },
        {
            "id": "pakistan",
            "name": "Pakistan",
            "aliases": (),
            "name_ar": "باكستان",
            "aliases_ar": ("إسلام أباد",),
            "kind": "state",
            "iso3": "PAK",
        },
        {
            "id": "jaish-al-adl",
            "name": "Jaish al-Adl",
            "aliases": ("JAA",),
            "name_ar": "جيش العدل",
            "aliases_ar": (),
            "kind": "armed_group",
            "iso3": None,
        },
    ]
    base = {
        "directed": True,
        "status": "reported",
        "confidence": "high",
        "source_reliability": "B",
        "info_credibility": 2,
        "summary": "s",
        "evidence": "mena-2021-10:3",
        "start": None,
        "end": None,
    }
    relations = relations or [
        {
            **base,
            "id": "R001",
            "source": "iran",
            "target": "pakistan",
            "directed": False,
            "relation": "military_cooperation",
            "sign": 1,
            "intensity": 6.0,
            "start": "2021-10",
        },
        {
            **base,
            "id": "R002",
            "source": "jaish-al-adl",
            "target": "iran",
            "relation": "threat",
            "sign": -1,
            "intensity": -5.0,
            "end": "2021",
        },
    ]
    types = _frame(
        [
            {"id": "threat", "label": "Threat", "sign": -1},
            {"id": "military_cooperation", "label": "Military cooperation", "sign": 1},
        ],
        ["label", "sign"],
    )
    descriptor = {
        "resources": [
            {
                "name": "actors",
                "schema": {
                    "fields": [
                        {
                            "name": "kind",
                            "constraints": {"enum": ["state", "armed_group", "person"]},
                        }
                    ]
                },
            }
        ]
    }
    return SimpleNamespace(
        actors=_frame(actors, actor_columns),
        relations=_frame(relations, relation_columns),
        relation_types=types,
        sources=_frame([{"id": "mena-2021-10", "published": "2021-10"}], ["published"]),
        descriptor=descriptor,
    )


def test_nodes_carry_every_actor_field_plus_id():
    G = build_graph(_dataset())
    assert sorted(G) == ["iran", "jaish-al-adl", "pakistan"]
    iran = G.nodes["iran"]
    assert set(ACTOR_FIELDS) <= set(iran)
    assert iran["id"] == "iran"
    assert iran["aliases_ar"] == ("طهران",)
    assert iran["short_name"] is None
    assert G.nodes["jaish-al-adl"]["iso3"] is None


def test_edges_are_keyed_by_relation_id_with_label_and_validity():
    G = build_graph(_dataset())
    assert sorted(G.edges(keys=True)) == [
        ("iran", "pakistan", "R001"),
        ("jaish-al-adl", "iran", "R002"),
    ]
    coop = G.edges["iran", "pakistan", "R001"]
    assert set(RELATION_FIELDS) <= set(coop)
    assert coop["id"] == "R001"
    assert coop["label"] == "Military cooperation"
    assert coop["valid_from"] == date(2021, 10, 1)
    assert coop["valid_to"] is None
    threat = G.edges["jaish-al-adl", "iran", "R002"]
    assert threat["valid_from"] is None
    assert threat["valid_to"] == date(2021, 12, 31)
    assert isinstance(coop["sign"], int)
    assert isinstance(coop["intensity"], float)
    assert coop["directed"] is False


def test_undirected_relation_is_stored_once_as_source_to_target():
    G = build_graph(_dataset())
    assert G.has_edge("iran", "pakistan", key="R001")
    assert not G.has_edge("pakistan", "iran")


def test_graph_attributes():
    G = build_graph(_dataset())
    assert list(G.graph["relation_types"]) == ["threat", "military_cooperation"]
    assert G.graph["relation_types"]["threat"]["label"] == "Threat"
    assert G.graph["actor_kinds"] == ["state", "armed_group", "person"]
    assert list(G.graph["sources"]) == ["mena-2021-10"]
    assert G.graph["as_of"] == date(2021, 10, 31)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target": "talibans"}, "unknown actor 'talibans'"),
        ({"relation": "friendship"}, "unknown relation type 'friendship'"),
    ],
)
def test_bad_relation_is_named(change, message):
    relation = {
        "id": "R009",
        "source": "iran",
        "target": "pakistan",
        "relation": "threat",
        "sign": -1,
        "intensity": -3.0,
        **change,
    }
    with pytest.raises(nx.NetworkXError, match=message):
        graph_from_records(
            [{"id": "iran"}, {"id": "pakistan"}],
            [relation],
            relation_types=[{"id": "threat", "label": "Threat"}],
        )


def test_bad_date_is_named():
    with pytest.raises(ValueError, match="2021-13"):
        graph_from_records(
            [{"id": "a"}, {"id": "b"}],
            [{"id": "R1", "source": "a", "target": "b", "relation": "x", "start": "2021-13"}],
        )


@pytest.mark.parametrize(
    ("actors", "relations", "message"),
    [
        ([{"id": "a"}, {"id": "a"}], [], "actor 'a' appears twice"),
        (
            [{"id": "a"}, {"id": "b"}],
            [
                {"id": "R1", "source": "a", "target": "b", "relation": "x"},
                {"id": "R1", "source": "b", "target": "a", "relation": "x"},
            ],
            "relation 'R1' appears twice",
        ),
    ],
)
def test_repeated_ids_are_refused(actors, relations, message):
    with pytest.raises(nx.NetworkXError, match=message):
        graph_from_records(actors, relations)


def test_not_a_dataset_is_refused():
    with pytest.raises(TypeError, match="no 'actors' table"):
        build_graph(SimpleNamespace())


def test_records_fill_sign_and_intensity_from_the_type():
    G = graph_from_records(
        [{"id": "a"}, {"id": "b"}],
        [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry"}],
        relation_types=[{"id": "rivalry", "label": "Rivalry", "sign": -1, "default_intensity": -4}],
    )
    d = G.edges["a", "b", "R1"]
    assert (d["sign"], d["intensity"], d["directed"]) == (-1, -4.0, True)


@needs_data
def test_shipped_data_builds_one_node_per_actor_and_one_edge_per_relation():
    dataset = load_dataset()
    G = build_graph(dataset)
    assert sorted(G) == sorted(dataset.actors.index)
    assert sorted(k for _, _, k in G.edges(keys=True)) == sorted(dataset.relations.index)
    assert list(G.graph["relation_types"]) == list(dataset.relation_types.index)
    assert G.graph["as_of"] == date(2021, 10, 31)
    for _, _, d in G.edges(data=True):
        assert d["label"] == dataset.relation_types.loc[d["relation"], "label"]
        assert isinstance(d["directed"], bool)
    for _, d in G.nodes(data=True):
        assert isinstance(d["aliases"], tuple)
        assert isinstance(d["aliases_ar"], tuple)


def _flat(pairs) -> list[tuple]:
    return [(u, v, key, data) for u, v, keyed in pairs for key, data in keyed.items()]


@pytest.mark.parametrize("kind", [nx.MultiDiGraph, nx.MultiGraph, nx.DiGraph, nx.Graph])
def test_edges_by_pair_follows_the_edge_order(kind):
    G = kind()
    G.add_edges_from([("a", "b"), ("b", "a"), ("a", "c"), ("c", "c"), ("a", "b"), ("d", "a")])
    expected = [
        (u, v, key if G.is_multigraph() else None, data)
        for u, v, key, data in (
            G.edges(keys=True, data=True)
            if G.is_multigraph()
            else ((u, v, None, d) for u, v, d in G.edges(data=True))
        )
    ]
    assert _flat(edges_by_pair(G)) == expected
    pairs = [(u, v) for u, v, _ in edges_by_pair(G)]
    assert len(pairs) == len(set(pairs))  # each pair once, an undirected one too


def test_edges_by_pair_gives_the_graphs_own_dicts():
    G = graph_from_records(
        [{"id": "a"}, {"id": "b"}],
        [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
          "intensity": 1.0}],
    )  # fmt: skip
    [(u, v, keyed)] = list(edges_by_pair(G))
    assert (u, v) == ("a", "b")
    assert keyed["R1"] is G.edges["a", "b", "R1"]

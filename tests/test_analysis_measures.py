"""Tests of graph.analysis.measures: degree, signed strength and betweenness per actor."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.measures import MEASURE_COLUMNS, actor_measures
from graph.build import graph_from_records


def _G(relations, actors=None):
    ids = actors or sorted({x for r in relations for x in (r[1], r[2])})
    return graph_from_records(
        [{"id": a, "name": a.title(), "kind": "state"} for a in ids],
        [
            {"id": i, "source": u, "target": v, "relation": "x", "sign": s, "intensity": w}
            for i, u, v, s, w in relations
        ],
    )


def test_measures_by_hand():
    G = _G(
        [
            ("R1", "iran", "pakistan", 1, 6.0),
            ("R2", "pakistan", "iran", -1, -3.0),  # a second relation, other way
            ("R3", "jaish", "iran", -1, -5.0),
            ("R4", "bagheri", "iran", 0, 0.0),
            ("R5", "iran", "iran", 1, 2.0),  # an actor's relation with itself
        ]
    )
    df = actor_measures(G)
    assert list(df.columns) == list(MEASURE_COLUMNS)
    assert df.index.name == "id"
    assert list(df.index) == ["iran", "pakistan", "bagheri", "jaish"]  # degree, then id
    iran = df.loc["iran"]
    assert (iran["degree"], iran["partners"], iran["structural"]) == (5, 3, 1)
    assert (iran["cooperative"], iran["hostile"]) == (8.0, 8.0)
    assert iran["betweenness"] == pytest.approx(1.0)  # the hub of a star of 4
    assert df.loc["pakistan", ["degree", "partners"]].tolist() == [2, 1]
    assert df.loc["jaish", "betweenness"] == 0.0
    assert df.attrs["betweenness"] == "exact"
    assert str(df["degree"].dtype) == "int64"


def test_measures_include_isolated_actors():
    G = _G([("R1", "a", "b", 1, 1.0)], actors=["a", "b", "c"])
    df = actor_measures(G)
    assert df.loc["c", ["degree", "cooperative", "betweenness"]].tolist() == [0, 0.0, 0.0]


def test_measures_of_an_empty_graph():
    df = actor_measures(nx.MultiDiGraph())
    assert df.empty
    assert list(df.columns) == list(MEASURE_COLUMNS)


def test_betweenness_is_sampled_above_the_limit_with_a_fixed_seed():
    P = nx.path_graph(30)
    G = _G([(f"R{i}", f"n{u:02d}", f"n{v:02d}", 1, 1.0) for i, (u, v) in enumerate(P.edges())])
    sampled = actor_measures(G, exact_limit=10, sample=12)
    again = actor_measures(G, exact_limit=10, sample=12)
    assert sampled.attrs["betweenness"] == ("approximate: sampled from 12 of 30 actors, seed 7")
    assert sampled["betweenness"].tolist() == again["betweenness"].tolist()
    exact = actor_measures(G)
    assert exact.attrs["betweenness"] == "exact"
    # the middle of a path stays the most between, sampled or not
    assert sampled["betweenness"].idxmax() in {"n13", "n14", "n15", "n16"}
    assert exact["betweenness"].idxmax() in {"n14", "n15"}


@pytest.mark.parametrize(
    ("budget", "sources"),
    [
        (59 * 20, 20),  # 30 actors + 29 pairs visited per source: 20 sources fit
        (59 * 3, 16),  # never fewer than 16
        (59 * 1000, 30),  # never more than the actors (nor than ``sample``)
    ],
)
def test_betweenness_sample_follows_the_budget(budget, sources):
    P = nx.path_graph(30)
    G = _G([(f"R{i}", f"n{u:02d}", f"n{v:02d}", 1, 1.0) for i, (u, v) in enumerate(P.edges())])
    df = actor_measures(G, exact_limit=10, budget=budget)
    assert df.attrs["betweenness"] == f"approximate: sampled from {sources} of 30 actors, seed 7"


@pytest.mark.parametrize(
    ("name", "value"), [("exact_limit", 0), ("sample", -1), ("sample", 2.5), ("budget", 0)]
)
def test_measures_refuse_bad_settings(name, value):
    with pytest.raises(ValueError, match=f"{name} must be a whole number >= 1, not {value}"):
        actor_measures(nx.MultiDiGraph(), **{name: value})

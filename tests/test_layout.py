"""Tests of graph.layout: seeded, bounded positions that leave room for labels."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from graph import layout
from graph.layout import layout_positions


def relation_graph(pairs, kind="state"):
    """A MultiDiGraph of relations between the given pairs, with intensities."""
    G = nx.MultiDiGraph()
    for i, (u, v) in enumerate(pairs):
        for node in (u, v):
            G.add_node(node, kind=kind, name=node, short_name=node)
        G.add_edge(u, v, key=f"R{i:03d}", intensity=float(i % 11 - 5))
    return G


def random_graph(n, m, seed=3):
    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    G.add_nodes_from(f"a{i}" for i in range(n))
    for k in range(m):
        u, v = rng.choice(n, size=2, replace=False)
        G.add_edge(f"a{u}", f"a{v}", key=f"R{k:05d}", intensity=float(rng.uniform(-10, 10)))
    return G


GRAPHS = {
    "path": relation_graph([("a", "b"), ("b", "c"), ("c", "d")]),
    "parallel": relation_graph([("iran", "pakistan"), ("pakistan", "iran"), ("iran", "iraq")]),
    "star": relation_graph([("hub", f"leaf{i}") for i in range(12)]),
    "two components": relation_graph([("a", "b"), ("b", "c"), ("x", "y")]),
    "random": random_graph(60, 150),
}


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize("method", ["auto", "stress", "spring"])
def test_positions_cover_every_node_within_bounds(name, method):
    G = GRAPHS[name]

    pos = layout_positions(G, method=method)

    assert set(pos) == set(G)
    coords = np.array(list(pos.values()))
    assert coords.min() >= -1.0
    assert coords.max() <= 1.0
    assert all(isinstance(c, float) for xy in pos.values() for c in xy)


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize("method", ["stress", "spring"])
def test_the_same_seed_gives_the_same_positions(name, method):
    G = GRAPHS[name]

    assert layout_positions(G, method=method) == layout_positions(G.copy(), method=method)


def test_node_insertion_order_does_not_matter():
    G = GRAPHS["random"]
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(G)))
    shuffled.add_edges_from(G.edges(keys=True, data=True))

    assert layout_positions(shuffled) == layout_positions(G)


def test_the_seed_changes_a_spring_layout():
    G = GRAPHS["random"]

    assert layout_positions(G, method="spring", seed=1) != layout_positions(
        G, method="spring", seed=2
    )


@pytest.mark.parametrize(
    ("G", "expected"),
    [(nx.MultiDiGraph(), {}), (nx.MultiDiGraph([("a", "a")]), {"a": (0.0, 0.0)})],
)
def test_tiny_graphs(G, expected):
    assert layout_positions(G) == expected


def test_nodes_are_spread_apart():
    pos = layout_positions(GRAPHS["star"])
    coords = np.array(list(pos.values()))

    gaps = [np.linalg.norm(a - b) for a, b in itertools.combinations(coords, 2)]
    assert min(gaps) > 0.05


def test_an_isolated_actor_does_not_squeeze_the_rest():
    G = relation_graph([(f"n{i}", f"n{i + 1}") for i in range(10)])
    G.add_node("alone", kind="person")

    pos = layout_positions(G)

    xs = [pos[f"n{i}"][0] for i in range(11)]
    assert max(xs) - min(xs) > 1.5


def label_clashes(pos, frame, font_size):
    """Pairs of nodes whose label boxes overlap, by the rule of the docstring: 0.6 em a
    character (at least 4) wide, a 20 px marker plus 1.3 em high."""
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes])
    width = np.array([max(len(n), 4) for n in nodes]) * 0.6 * font_size * 2 / frame[0]
    height = (20 + 1.3 * font_size) * 2 / frame[1]
    return [
        (nodes[i], nodes[j])
        for i, j in itertools.combinations(range(len(nodes)), 2)
        if abs(xy[i, 0] - xy[j, 0]) < (width[i] + width[j]) / 2 - 1e-3
        and abs(xy[i, 1] - xy[j, 1]) < height - 1e-3
    ]


# Two hubs sharing twenty long-named actors: their labels collide without spreading.
TWO_HUBS = nx.MultiDiGraph([(hub, f"long actor name {i}") for i in range(20) for hub in "AB"])


@pytest.mark.parametrize(
    ("frame", "font_size"), [((800, 520), 12), ((600, 500), 12), ((1500, 800), 16)]
)
def test_label_boxes_do_not_overlap(frame, font_size):
    pos = layout_positions(TWO_HUBS, frame=frame, font_size=font_size)

    assert label_clashes(pos, frame, font_size) == []


def test_sampled_repulsion_for_large_graphs(monkeypatch):
    monkeypatch.setattr(layout, "_EXACT_REPULSION_MAX_NODES", 10)
    G = random_graph(300, 600)

    pos = layout_positions(G, method="spring")

    assert pos == layout_positions(G, method="spring")
    assert np.abs(np.array(list(pos.values()))).max() <= 1.0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"method": "circular"}, "method 'circular' is not one of auto, stress, spring"),
        ({"iterations": 0}, "iterations 0 is not a positive integer"),
        ({"frame": (0, 500)}, "must be positive"),
        ({"font_size": -1}, "must be positive"),
    ],
)
def test_bad_options_are_named(options, message):
    with pytest.raises(ValueError, match=message):
        layout_positions(GRAPHS["path"], **options)

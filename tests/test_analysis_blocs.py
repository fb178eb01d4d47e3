"""Tests of graph.analysis.blocs: communities of the cooperative view."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.analysis.blocs import blocs, cooperative_view
from graph.build import graph_from_records

REPO = Path(__file__).resolve().parents[1]


def _G(pairs, sign=1, extra=()):
    relations = [(u, v, sign) for u, v in pairs] + list(extra)
    actors = sorted({x for u, v, _ in relations for x in (u, v)})
    return graph_from_records(
        [{"id": a} for a in actors],
        [
            {
                "id": f"R{i}",
                "source": u,
                "target": v,
                "relation": "x",
                "sign": s,
                "intensity": 5.0 * s,
            }
            for i, (u, v, s) in enumerate(relations)
        ],
    )


def test_two_cliques_make_two_blocs_largest_first():
    G = _G(
        [
            ("a", "b"),
            ("b", "c"),
            ("a", "c"),
            ("x", "y"),
            ("y", "z"),
            ("x", "z"),
            ("z", "w"),
            ("w", "x"),
            ("w", "y"),
        ],
        extra=[("c", "x", -1), ("a", "w", -1)],  # hostility does not join blocs
    )
    assert blocs(G) == [{"w", "x", "y", "z"}, {"a", "b", "c"}]


def test_ties_in_size_are_ordered_by_smallest_id():
    G = _G([("x", "y"), ("a", "b")])
    assert blocs(G) == [{"a", "b"}, {"x", "y"}]


def test_hostile_or_structural_only_make_no_bloc():
    assert blocs(_G([("a", "b")], sign=-1)) == []
    assert blocs(_G([("a", "b")], sign=0)) == []
    assert blocs(nx.MultiDiGraph()) == []


def test_cooperative_view_keeps_net_cooperative_pairs():
    G = _G([("a", "b")], extra=[("b", "a", -1), ("b", "c", 1)])  # a-b cancels out
    C = cooperative_view(G)
    assert sorted(C) == ["b", "c"]
    assert list(C.edges(data="weight")) == [("b", "c", 5.0)]


def test_resolution_must_be_positive():
    with pytest.raises(ValueError, match="resolution must be positive, not 0"):
        blocs(_G([("a", "b")]), resolution=0)


def test_blocs_are_stable_across_processes():
    """Louvain is seeded and the view is built in id order, so string hashing (which
    changes between processes) does not change the result."""
    script = (
        "import json, networkx as nx\n"
        "from graph.build import graph_from_records\n"
        "from graph.analysis.blocs import blocs\n"
        "P = nx.relaxed_caveman_graph(6, 5, 0.3, seed=3)\n"
        "G = graph_from_records([{'id': f'n{i:02d}'} for i in P],\n"
        "    [{'id': f'R{i}', 'source': f'n{u:02d}', 'target': f'n{v:02d}', 'relation': 'x',\n"
        "      'sign': 1, 'intensity': 1.0 + (u * v) % 5} for i, (u, v) in enumerate(P.edges)])\n"
        "print(json.dumps([sorted(b) for b in blocs(G)]))\n"
    )
    results = set()
    for hash_seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        results.add(out.stdout)
    assert len(results) == 1
    assert len(json.loads(results.pop())) >= 2

"""Tests of the command line: ``python -m graph validate|format|export|brief``."""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph.cli import COMMANDS, build_parser, main
from graph.load import load_dataset

REPO_ROOT = Path(__file__).resolve().parents[1]

EDGE_FIELDS = (
    "source",
    "target",
    "relation",
    "sign",
    "intensity",
    "start",
    "end",
    "status",
    "confidence",
    "source_reliability",
    "info_credibility",
    "summary",
    "evidence",
)


def plain(value):
    """A dataset value as JSON gives it back: tuples as lists, missing as None."""
    if isinstance(value, tuple):
        return list(value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


# --- validate -----------------------------------------------------------------------------


def test_validate_shipped_data_prints_one_summary_line(data_dir, capsys):
    assert main(["validate", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    ds = load_dataset(data_dir)
    assert len(out) == 1
    assert ": valid — " in out[0]
    assert f"{len(ds.actors)} actors, {len(ds.relations)} relations" in out[0]
    assert f"{len(ds.relation_types)} relation types" in out[0]
    assert out[0].endswith(f"{len(ds.sources)} source" + ("s" if len(ds.sources) > 1 else ""))


def test_validate_reads_the_environment_when_no_folder_is_given(broken_copy, monkeypatch, capsys):
    broken_copy.set_cells("relations.csv", {"target": "talibans"})
    monkeypatch.setenv("BORDERLINES_DATA", str(broken_copy.path))
    assert main(["validate"]) == 1
    assert "unknown actor 'talibans'" in capsys.readouterr().out


def test_validate_broken_data_lists_every_issue_sorted(broken_copy, capsys):
    a = broken_copy.set_cells("relations.csv", {"target": "talibans"})
    b = broken_copy.set_cells("events.csv", {"status": "rumoured"})
    broken_copy.file("borders.csv").unlink()
    assert main(["validate", str(broken_copy.path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == [
        "borders.csv: file not found",
        f"events.csv:{b}: status: 'rumoured' is not one of: reported, agreed, planned, "
        "alleged, historical, hypothetical",
        f"relations.csv:{a}: target: unknown actor 'talibans'",
    ]
    assert out[-1].endswith(": invalid — 3 issues")


@pytest.mark.parametrize(
    ("argv", "stream"),
    [
        (["validate", "{}"], "out"),
        (["format", "{}"], "out"),
        (["export", "--data", "{}"], "err"),
        (["analyse", "blocs", "--data", "{}"], "err"),
        (["brief", "--data", "{}"], "err"),
    ],
)
def test_missing_folder_is_a_located_data_issue(tmp_path, capsys, argv, stream):
    missing = tmp_path / "nowhere"
    assert main([arg.format(missing) for arg in argv]) == 1
    captured = capsys.readouterr()
    assert f"{missing}: no such data directory" in getattr(captured, stream)
    assert "Traceback" not in captured.err + captured.out


@pytest.mark.parametrize(
    "argv",
    [[], ["bogus"], ["export", "--format", "xml"], ["validate", "a", "b"], ["export", "x"]],
)
def test_wrong_usage_exits_2_without_traceback(argv, capsys):
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_module_entry_point_exit_codes(broken_copy, data_dir):
    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "graph", *args],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

    assert run("validate", str(data_dir)).returncode == 0
    line = broken_copy.set_cells("actors.csv", {"kind": "alien"})
    broken = run("validate", str(broken_copy.path))
    assert broken.returncode == 1
    assert f"actors.csv:{line}: kind: 'alien' is not one of" in broken.stdout
    missing = run("validate", str(broken_copy.path / "nowhere"))
    assert missing.returncode == 1
    assert "no such data directory" in missing.stdout
    assert "Traceback" not in missing.stderr


# --- format -------------------------------------------------------------------------------


def test_format_rewrites_a_non_canonical_copy(broken_copy, data_dir, capsys):
    lines = broken_copy.lines("relations.csv")
    lines[1], lines[2] = lines[2], lines[1]
    broken_copy.write_lines("relations.csv", lines)
    assert main(["validate", str(broken_copy.path)]) == 1
    assert main(["format", str(broken_copy.path)]) == 0
    assert "rewrote relations.csv" in capsys.readouterr().out
    assert (broken_copy.file("relations.csv")).read_bytes() == (
        data_dir / "relations.csv"
    ).read_bytes()
    assert main(["format", str(broken_copy.path)]) == 0
    assert "already in canonical formatting" in capsys.readouterr().out


def test_format_refuses_broken_data(broken_copy, capsys):
    line = broken_copy.set_cells("relations.csv", {"sign": "two"})
    before = broken_copy.file("relations.csv").read_bytes()
    assert main(["format", str(broken_copy.path)]) == 1
    out = capsys.readouterr().out
    assert f"relations.csv:{line}: sign: 'two' is not an integer" in out
    assert broken_copy.file("relations.csv").read_bytes() == before


# --- export -------------------------------------------------------------------------------


@pytest.fixture
def exported(data_dir, tmp_path):
    """The node-link JSON of the shipped data, written with --output."""
    output = tmp_path / "graph.json"
    assert (
        main(["export", "--format", "json", "--output", str(output), "--data", str(data_dir)]) == 0
    )
    return json.loads(output.read_text(encoding="utf-8"))


def test_export_json_has_nodes_and_edges_with_the_contract_fields(exported, data_dir):
    ds = load_dataset(data_dir)
    assert len(exported["nodes"]) == len(ds.actors)
    assert len(exported["edges"]) == len(ds.relations)
    for node in exported["nodes"]:
        assert {"id", "name", "kind", *ds.actors.columns} <= node.keys()
    for edge in exported["edges"]:
        assert {"id", "key", *EDGE_FIELDS} <= edge.keys()


def test_export_json_round_trips_to_the_dataset(exported, data_dir):
    ds = load_dataset(data_dir)
    G = nx.node_link_graph(exported, edges="edges")
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == len(ds.actors)
    assert G.number_of_edges() == len(ds.relations)
    for ident, row in ds.actors.iterrows():
        node = G.nodes[ident]  # node_link_graph turns the "id" field into the node key
        for column, value in row.items():
            assert node[column] == plain(value), (ident, column)
    for ident, row in ds.relations.iterrows():
        # node_link_graph turns "source", "target" and "key" into the edge's own
        edge = G.edges[row["source"], row["target"], ident]
        assert edge["id"] == ident
        for column, value in row.drop(["source", "target"]).items():
            assert edge[column] == plain(value), (ident, column)


def test_export_to_stdout_is_json(data_dir, capsysbinary):
    assert main(["export", "--data", str(data_dir)]) == 0
    data = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert {"nodes", "edges"} <= data.keys()


def test_export_of_broken_data_writes_nothing_to_stdout(broken_copy, capsys):
    broken_copy.set_cells("relations.csv", {"target": "talibans"})
    assert main(["export", "--data", str(broken_copy.path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unknown actor 'talibans'" in captured.err


def test_export_to_an_unwritable_place_is_a_usage_error(data_dir, tmp_path, capsys):
    output = tmp_path / "no" / "such" / "folder" / "graph.json"
    assert main(["export", "--data", str(data_dir), "--output", str(output)]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_every_command_is_registered_in_the_parser():
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(subparsers.choices) == list(COMMANDS)
    for name, command in COMMANDS.items():
        assert subparsers.choices[name].get_default("run") is command.run

"""Tests of ``python -m graph analyse ...`` and of the filter options shared with export."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import igraph
import pytest

from graph.cli import ANALYSES, main

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"

pytestmark = pytest.mark.skipif(
    not (SHIPPED / "relations.csv").exists(),
    reason="data/relations.csv is not there yet (the curated data is still being written)",
)


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    """Run the command line on the shipped data; status, stdout lines, stderr."""
    status = main([*argv, "--data", str(SHIPPED)])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def test_every_analysis_runs(capsys):
    assert sorted(ANALYSES) == ["balance", "blocs", "changes", "measures", "path"]
    for argv in (
        ["measures"],
        ["balance"],
        ["path", "iran", "pakistan"],
        ["blocs"],
        ["changes", "2021-07", "2021-10-27"],
    ):
        status, out, err = run(capsys, "analyse", *argv)
        assert (status, err) == (0, ""), argv
        assert out[0].startswith("All relations · ")


def test_measures_table(capsys):
    status, out, _ = run(capsys, "analyse", "measures", "--top", "2")
    assert status == 0
    assert out[1].split()[:4] == ["id", "name", "kind", "degree"]
    assert {out[2].split()[0], out[3].split()[0]} == {"iran", "pakistan"}
    assert out[4].startswith("Betweenness: exact")
    assert len(out) == 5


def test_balance_explains_the_unbalanced_triads_and_the_camps(capsys):
    status, out, _ = run(capsys, "analyse", "balance", "--on", "2021-10-27")
    assert status == 0
    text = "\n".join(out)
    assert "but Azerbaijan and Iran are hostile" in text
    assert any(line.startswith("Camp 1 (") for line in out)
    assert any(line.startswith("Frustration: ") and "exact" in line for line in out)


def test_path_between_two_actors(capsys):
    status, out, _ = run(capsys, "analyse", "path", "jaish-al-adl", "turkey")
    assert status == 0
    # via Azerbaijan or via Pakistan: both are three hops
    assert out[1].startswith("Shortest path (3 hops): Jaish al-Adl - Iran - ")
    assert out[1].endswith(" - Turkey")
    assert out[2].startswith("  1. Jaish al-Adl - Iran: R")
    assert any(line.startswith("Strongest path: none (no chain of cooperation") for line in out)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["path", "iran", "talibans"], "unknown actor 'talibans'"),
        (["changes", "2021-10", "2021-13"], "'2021-13'"),
        (["changes", "2021-10", "2021-01"], "is after the second"),
        (["measures", "--types", "friendship"], "unknown relation type 'friendship'"),
        (["measures", "--kinds", "nation"], "unknown actor kind 'nation'"),
        (["measures", "--signs", "up"], "unknown sign 'up'"),
        (["measures", "--min-grade", "Z9"], "unknown grade 'Z9'"),
        (["measures", "--on", "2021-13"], "'2021-13'"),
        (["measures", "--on", "2021", "--from", "2020"], "either a day"),
        (["measures", "--focus", "talibans"], "unknown actor 'talibans'"),
        (["balance", "--exact-limit", "-3"], "--exact-limit: must be 0 or more, not -3"),
        (["measures", "--top", "-5"], "--top: must be 1 or more, not -5"),
        (["measures", "--top", "0"], "--top: must be 1 or more, not 0"),
        (["measures", "--top", "many"], "--top: not a whole number: 'many'"),
        (["measures", "--types", ",,"], "--types: no value given"),
        (["measures", "--kinds", " , "], "--kinds: no value given"),
        (["measures", "--focus", ","], "--focus: no value given"),
        (["measures", "--signs", ",,"], "--signs: no value given"),
    ],
)
def test_bad_input_is_a_usage_error_naming_it(capsys, argv, message):
    status, _, err = run(capsys, "analyse", *argv)
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_analyse_alone_asks_for_an_analysis(capsys):
    assert main(["analyse"]) == 2
    assert "choose an analysis: measures, balance, path, blocs, changes" in capsys.readouterr().err


def test_filters_narrow_the_analysis_and_the_header_says_how(capsys):
    status, out, _ = run(
        capsys,
        "analyse",
        "blocs",
        "--signs",
        "+1",
        "--on",
        "2021-10-27",
        "--min-confidence",
        "moderate",
        "--kinds",
        "state,military",
        "--kinds",
        "person",
    )
    assert status == 0
    assert out[0].startswith(
        "Cooperative relations · actors: military, person, state · in force on 2021-10-27"
        " · confidence moderate or higher · "
    )


def test_focus_and_search(capsys):
    status, out, _ = run(capsys, "analyse", "measures", "--focus", "turkey", "--hops", "1")
    assert status == 0
    assert out[0].startswith("Turkey and its direct partners · 3 actors")
    status, out, _ = run(capsys, "analyse", "measures", "--search", "طهران", "--top", "1")
    assert out[0].startswith("Matching “\u2068" + "طهران" + "\u2069” · ")
    assert out[2].split()[0] == "iran"


def test_an_empty_view_explains_itself(capsys):
    status, out, _ = run(capsys, "analyse", "balance", "--types", "tension", "--on", "2019-05-01")
    assert status == 0
    assert out[1] == "No tension or divergence relations in force on 2019-05-01; widen the date."


def test_export_takes_the_same_filters(capsys, tmp_path):
    output = tmp_path / "hostile.csv"
    status = main(
        [
            "export",
            "--format",
            "csv",
            "--signs",
            "-1",
            "--hide-isolates",
            "--output",
            str(output),
            "--data",
            str(SHIPPED),
        ]
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert rows
    assert {r["sign"] for r in rows} == {"-1"}


def test_export_graphml_of_a_filtered_view_reads_back_with_igraph(tmp_path):
    output = tmp_path / "coop.graphml"
    status = main(
        [
            "export",
            "--format",
            "graphml",
            "--types",
            "military_cooperation",
            "--hide-isolates",
            "--output",
            str(output),
            "--data",
            str(SHIPPED),
        ]
    )
    assert status == 0
    g = igraph.Graph.Read_GraphML(str(output))
    assert g.ecount() > 0
    assert set(g.es["relation"]) == {"military_cooperation"}
    assert min(g.degree()) > 0


def test_export_names_a_bad_filter(capsys):
    assert main(["export", "--types", "friendship", "--data", str(SHIPPED)]) == 2
    assert "unknown relation type 'friendship'" in capsys.readouterr().err


def test_module_entry_point():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "graph",
            "analyse",
            "path",
            "iran",
            "pakistan",
            "--data",
            str(SHIPPED),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Shortest path (1 hop): Iran - Pakistan" in result.stdout

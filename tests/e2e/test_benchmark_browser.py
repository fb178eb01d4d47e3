"""The browser benchmarks at their smallest size, so they never rot (no time is judged)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from benchmarks.figure_redraw import FIGURES, figure_states, time_redraws
from tests.test_benchmarks import run_script

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.browser


def test_upload_memory_benchmark_reports_at_the_smallest_size(tmp_path: Path) -> None:
    _, document = run_script(
        REPO / "benchmarks" / "upload_memory.py", "--readers", "1", "--relations", "100",
        tmp_path=tmp_path, timeout=600,
    )  # fmt: skip
    assert document["uploads"] is True
    assert document["relations"] == 100
    assert len(document["rss_growth_bytes"]) == 1
    assert document["csv_bytes"] > document["upload_bytes"] > 0


def test_page_latency_benchmark_times_every_interaction_once(tmp_path: Path) -> None:
    _, document = run_script(
        REPO / "benchmarks" / "page_latency.py", "--rounds", "1", tmp_path=tmp_path, timeout=600
    )
    summary = document["summary"]
    assert set(summary["ours"]) == {
        "first_draw", "type", "sign", "date", "actor", "relation", "next"
    }  # fmt: skip
    assert set(summary["bare"]) == {"first_draw", "type"}
    assert document["exceptions"] == 0
    for name, row in summary["ours"].items():
        assert row["seconds"] > 0, name
        assert row["bytes"] > 0, name
        assert summary["ratio"][name] > 0


def test_page_latency_benchmark_on_generated_data(tmp_path: Path) -> None:
    _, document = run_script(
        REPO / "benchmarks" / "page_latency.py", "--rounds", "1", "--relations", "100",
        "--only", "type", "sign", tmp_path=tmp_path, timeout=600,
    )  # fmt: skip
    assert document["relations"] == 100
    assert document["exceptions"] == 0
    assert set(document["summary"]["ours"]) == {"type", "sign"}
    assert all(row["server_cpu_s"] > 0 for row in document["summary"]["ours"].values())


def test_figure_redraw_benchmark_times_each_figure_in_chromium(browser: Browser) -> None:
    times = time_redraws(browser, figure_states(), 2)
    assert sorted(times) == sorted(FIGURES)
    assert all(len(ms) == 2 and all(t > 0 for t in ms) for ms in times.values())

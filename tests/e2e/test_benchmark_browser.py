"""The browser benchmark at its smallest size, so it never rots (no time is judged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_benchmarks import run_script

REPO = Path(__file__).resolve().parents[2]
BROWSER_BENCHMARK = REPO / "benchmarks" / "browser.py"

pytestmark = pytest.mark.browser


def test_browser_benchmark_clicks_and_reports_at_the_smallest_size(tmp_path: Path) -> None:
    _, document = run_script(
        BROWSER_BENCHMARK, "--sizes", "100", "--clicks", "1", tmp_path=tmp_path, timeout=600
    )
    [entry] = document["sizes"]
    assert entry["relations"] == 100
    assert entry["exceptions"] == 0
    for kind in ("type", "sign"):
        assert len(entry[f"{kind}_click_s"]) == 1
        assert entry[f"{kind}_click_s"][0] > 0
        # the server did the work of the click (Linux's /proc gives its CPU time)
        assert entry[f"{kind}_server_cpu_s"][0] > 0


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

"""The browser benchmark at its smallest size, so it never rots (no time is judged)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BROWSER_BENCHMARK = REPO / "benchmarks" / "browser.py"

pytestmark = pytest.mark.browser


def test_browser_benchmark_clicks_and_reports_at_the_smallest_size(tmp_path: Path) -> None:
    output = tmp_path / "browser.json"
    command = [sys.executable, str(BROWSER_BENCHMARK), "--sizes", "100", "--clicks", "1"]
    done = subprocess.run(
        [*command, "--json", str(output)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    [entry] = json.loads(output.read_text(encoding="utf-8"))["sizes"]
    assert entry["relations"] == 100
    assert entry["exceptions"] == 0
    for kind in ("type", "sign"):
        assert len(entry[f"{kind}_click_s"]) == 1
        assert entry[f"{kind}_click_s"][0] > 0
        # the server did the work of the click (Linux's /proc gives its CPU time)
        assert entry[f"{kind}_server_cpu_s"][0] > 0

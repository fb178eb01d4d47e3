"""Time from a filter click in the sidebar to the network figure redrawn, in a real browser.

For each size the benchmark generates a dataset (:mod:`benchmarks.generate`), serves
``dashboard.py`` on it with ``BORDERLINES_DATA`` (Streamlit on 127.0.0.1, headless, the
repository's settings), opens it in Debian's headless chromium through Playwright (never
``playwright install``), waits for the page to settle, then clicks sidebar filters and
times each click until the network figure shows the new graph.

How "redrawn" is detected: the network chart is the element with the CSS class
``st-key-network``; its plotly div (``.js-plotly-plot``) carries plotly.js's full data
(``gd._fullData``). Before a click the page computes a signature of what is drawn (the
number of traces and the total number of points over their ``x`` arrays). After the
click, ``page.wait_for_function`` polls on every animation frame until the signature has
changed *and* Streamlit's root element says the script has finished
(``data-test-script-state="notRunning"``), then waits two more animation frames so the
new frame is painted. The time is taken in Python around the click and that wait: it
covers the round trip to the server, the rerun, the transfer of the figure and
plotly.js drawing it.

Two kinds of click, ``--clicks`` of each, medians printed:

``type``
    Remove the first remaining relation type from the "Relation types" multiselect: a
    filter the page has not seen before every time (nothing cached for it).
``sign``
    Toggle the "Hostile" pill off, then on again, alternately: every second click
    returns to a filter seen before (the server's per-filter caches can answer).

Run from the repository root::

    uv run python benchmarks/browser.py --sizes 100 1000 10000 --json browser.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: benchmarks/ lives at the repository root
    sys.path.insert(0, str(REPO))

from benchmarks.server import CHROMIUM_ARGS, cpu_seconds, serve_dashboard  # noqa: E402

__all__ = ["main", "measure_size"]

DEFAULT_SIZES = (100, 1000, 10_000)


APP_IDLE = (
    '[data-testid="stApp"][data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)
NETWORK = ".st-key-network .js-plotly-plot"

# The signature of what the network shows: traces and points plotly.js holds.
SIGNATURE_JS = """
() => {
  const gd = document.querySelector('NETWORK');
  if (!gd || !gd._fullData) return null;
  const points = gd._fullData.reduce((sum, t) => sum + (t.x ? t.x.length : 0), 0);
  return gd._fullData.length + ':' + points;
}
""".replace("NETWORK", NETWORK)

# True once the signature differs from ``before`` and Streamlit has finished the rerun.
REDRAWN_JS = """
(before) => {
  const idle = document.querySelector('APP_IDLE');
  const signature = (SIGNATURE)();
  return idle !== null && signature !== null && signature !== before;
}
""".replace("APP_IDLE", APP_IDLE.replace("'", "\\'")).replace("SIGNATURE", SIGNATURE_JS.strip())

# Before a click: note when Streamlit's script starts and stops running, relative to now.
WATCH_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const marks = { start: performance.now(), running: null, finished: null };
  window.__benchMarks = marks;
  const observer = new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    const now = performance.now() - marks.start;
    if (state === 'running' && marks.running === null) marks.running = now;
    if (state === 'notRunning' && marks.running !== null && marks.finished === null) {
      marks.finished = now;
      observer.disconnect();
    }
  });
  observer.observe(app, { attributes: true, attributeFilter: ['data-test-script-state'] });
}
"""
MARKS_JS = "() => window.__benchMarks"

TWO_FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def timed_click(
    page: Any, button: Any, timeout_ms: float, server: int
) -> tuple[float, float | None, float | None]:
    """Click ``button``; seconds until the network shows something else, painted; seconds
    the script was running meanwhile (as the page saw it; None if unseen); and CPU
    seconds the server process used meanwhile (None without ``/proc``)."""
    before = page.evaluate(SIGNATURE_JS)
    cpu_before = _cpu(server)
    page.evaluate(WATCH_JS)
    start = time.perf_counter()
    button.click()
    page.wait_for_function(REDRAWN_JS, arg=before, polling="raf", timeout=timeout_ms)
    page.evaluate(TWO_FRAMES_JS)
    total = time.perf_counter() - start
    cpu_after = _cpu(server)
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    marks = page.evaluate(MARKS_JS)
    running = None
    if marks and marks["running"] is not None and marks["finished"] is not None:
        running = (marks["finished"] - marks["running"]) / 1000
    return total, running, cpu


def _cpu(pid: int) -> float | None:
    """The server's CPU seconds so far; None where ``/proc`` cannot say."""
    try:
        return cpu_seconds(pid)
    except (OSError, ValueError, IndexError):
        return None


def settle(page: Any, timeout_ms: float) -> None:
    """Wait until the script has finished and the network figure is drawn."""
    page.wait_for_selector(APP_IDLE, timeout=timeout_ms)
    page.wait_for_selector(NETWORK, timeout=timeout_ms)
    page.wait_for_function(f"() => ({SIGNATURE_JS.strip()})() !== null", timeout=timeout_ms)
    page.evaluate(TWO_FRAMES_JS)


def measure_size(data_dir: Path, clicks: int, timeout: float, log_path: Path) -> dict[str, Any]:
    """First load and click timings of the dashboard on one data folder."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("Debian's chromium is not on PATH (apt-get install chromium)")
    timeout_ms = timeout * 1000
    result: dict[str, Any] = {}
    with serve_dashboard(log_path, data_dir) as (url, server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            start = time.perf_counter()
            page.goto(url)
            settle(page, timeout_ms)
            result["first_load_s"] = time.perf_counter() - start
            result["signature"] = page.evaluate(SIGNATURE_JS)

            sidebar = page.get_by_test_id("stSidebar")
            types = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Relation types")
            remove = types.locator('button[aria-label^="Remove "]')
            hostile = sidebar.get_by_role("button", name="Hostile")
            for kind, button in (("type", remove.first), ("sign", hostile)):
                timed = [timed_click(page, button, timeout_ms, server) for _ in range(clicks)]
                result[f"{kind}_click_s"] = [total for total, _, _ in timed]
                result[f"{kind}_script_s"] = [run for _, run, _ in timed if run is not None]
                result[f"{kind}_server_cpu_s"] = [cpu for *_, cpu in timed if cpu is not None]
            result["exceptions"] = page.get_by_test_id("stException").count()
        finally:
            browser.close()
    for kind in ("type", "sign"):
        result[f"{kind}_click_median_s"] = statistics.median(result[f"{kind}_click_s"])
        scripts = result[f"{kind}_script_s"]
        result[f"{kind}_script_median_s"] = statistics.median(scripts) if scripts else None
        cpu = result[f"{kind}_server_cpu_s"]
        result[f"{kind}_server_cpu_median_s"] = statistics.median(cpu) if cpu else None
    return result


def _ms(seconds: float | None) -> str:
    return "?" if seconds is None else f"{seconds * 1000:.0f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--clicks", type=int, default=5, help="clicks of each kind per size")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per wait")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)

    from benchmarks.generate import generate

    results = []
    with tempfile.TemporaryDirectory(prefix="borderlines-browser-") as scratch:
        for size in args.sizes:
            data_dir = generate(size, seed=args.seed, out=Path(scratch) / f"relations-{size}")
            log_path = Path(scratch) / f"streamlit-{size}.log"
            measured = measure_size(data_dir, args.clicks, args.timeout, log_path)
            entry = {"relations": size, **measured}
            results.append(entry)
            print(
                f"{size:>7} relations: first load {measured['first_load_s']:.2f} s; "
                f"click to redrawn network, median of {args.clicks}: "
                f"new type filter {_ms(measured['type_click_median_s'])} "
                f"(script running {_ms(measured['type_script_median_s'])}, "
                f"server CPU {_ms(measured['type_server_cpu_median_s'])}), "
                f"sign toggle {_ms(measured['sign_click_median_s'])} "
                f"(script running {_ms(measured['sign_script_median_s'])}, "
                f"server CPU {_ms(measured['sign_server_cpu_median_s'])})"
                + (f"; {measured['exceptions']} exception(s)" if measured["exceptions"] else ""),
                flush=True,
            )
    if args.json is not None:
        args.json.write_text(json.dumps({"sizes": results}, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Many readers at once: concurrent headless browser sessions changing filters on one server.

Starts ``streamlit run dashboard.py`` on 127.0.0.1 (the repository's settings), opens
``--sessions`` pages in one headless chromium (one browser context each, so each is its own
Streamlit session), waits until every page has loaded (the first-load times are reported
apart), then for ``--seconds`` has every page change sidebar filters in a loop: the three
sign pills (cooperative, hostile, structural) and the "Show actors without relations" box,
each session in its own order. For every click it records

* the rerun latency: from the click (a ``pointerdown`` listener, in the page's clock) to
  the app's script state returning to ``notRunning`` after it was ``running`` (the
  attribute Streamlit puts on ``stApp``; the status widget follows it);
* errors: exception boxes, the page's own "Something went wrong" box, console errors,
  uncaught page errors, reruns that never finished, and tracebacks in the server's log;
* correctness: the summary line's "N actors, M relations" against what this session asked
  for, computed with :mod:`graph.filters` on the same data;
* the server's resident memory (RSS) twice a second.

It prints and (``--json FILE``) writes p50/p95 latency, error counts, mismatches and whether
memory settles: RSS of the first and last 20 s of the timed phase, and its growth over the
last 20 s (a least-squares trend; "settled" when under 10 MB or 3 %). The machine's load
average before the run is recorded too: the browsers and the server share its cores, so
other work on it shows in the latencies. The exit status is 0 only with no error, no
mismatch and settled memory.

Run it from the repository root::

    uv run python benchmarks/load_test.py --sessions 10 --seconds 60 --json load.json

Every loop is bounded by the deadline and every wait by a timeout; the browser may fetch
only from 127.0.0.1 (anything else is aborted and counted), so the run stops by itself and
stays on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: import graph/ from the repository
    sys.path.insert(0, str(REPO))

from benchmarks.server import (  # noqa: E402
    CHROMIUM_ARGS,
    cpu_seconds,
    free_port,
    serve_dashboard,
)

RERUN_TIMEOUT = 60_000  # ms for one click's rerun to finish (an error past it)
FIRST_LOAD_TIMEOUT = 60_000  # ms for a page's first run (ten pages load at once)
SAMPLE_EVERY = 0.5  # seconds between memory samples
WINDOW = 20.0  # seconds compared at the start and the end of the run


APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

# Counts the reruns of the page: each time the script state leaves notRunning and comes back
# (to "running", or "rerunRequested" first), and the time of the last click, both in the
# page's clock (performance.now()). Several changes may reach one observer call, so the
# states in between are read from the records' old values.
WATCH_RERUNS = """() => {
  if (window.__load) return;
  const app = document.querySelector('[data-testid="stApp"]');
  const load = {runs: 0, running: false, idleAt: 0, clickAt: 0};
  window.__load = load;
  document.addEventListener("pointerdown", () => { load.clickAt = performance.now(); }, true);
  new MutationObserver((records) => {
    const state = app.getAttribute("data-test-script-state");
    if (state !== "notRunning" || records.some((r) => r.oldValue !== "notRunning")) {
      load.running = true;
    }
    if (state === "notRunning" && load.running) {
      load.running = false; load.runs += 1; load.idleAt = performance.now();
    }
  }).observe(app, {
    attributes: true, attributeOldValue: true, attributeFilter: ["data-test-script-state"],
  });
}"""

# The rerun a click started has ended: a run finished after the click, and none runs now.
RERUN_DONE = """() => window.__load.idleAt > window.__load.clickAt && document.querySelector(
  '[data-testid="stApp"]').getAttribute("data-test-script-state") === "notRunning\""""

# Nothing runs: the last run that started has ended (checked before each click).
IDLE = """() => !window.__load.running && document.querySelector(
  '[data-testid="stApp"]').getAttribute("data-test-script-state") === "notRunning\""""

COUNTS = re.compile(r"(\d+) actors?, (\d+) relations?")

SIGN_LABELS = {1: "Cooperative", -1: "Hostile", 0: "Structural"}  # starts of the pills' text
ISOLATES_LABEL = "Show actors without relations"


# --- What each state of the filters should show ---------------------------------------------


@dataclass(frozen=True)
class Choice:
    """The filters a session has asked for (the rest stay at the page's defaults)."""

    signs: frozenset[int] = frozenset(SIGN_LABELS)
    isolates: bool = False


class Expected:
    """Actor and relation counts the page should show for each :class:`Choice`."""

    def __init__(self, data_dir: Path) -> None:
        from graph.build import build_graph
        from graph.filters import FilterSpec, apply_filters
        from graph.load import load_dataset
        from graph.url import spec_from_widgets, widget_state

        self._apply, self._spec_from_widgets = apply_filters, spec_from_widgets
        self.G = build_graph(load_dataset(data_dir))
        present = {kind for _, kind in self.G.nodes(data="kind")}
        self.kinds = [k for k in self.G.graph.get("actor_kinds") or () if k in present]
        self.defaults, _ = widget_state(self.G, FilterSpec(keep_isolates=False), kinds=self.kinds)
        self._cache: dict[Choice, tuple[int, int]] = {}

    def initial(self) -> Choice:
        signs = self.defaults.get("f_signs")
        return Choice(
            signs=frozenset(SIGN_LABELS if signs is None else signs),
            isolates=bool(self.defaults.get("f_isolates")),
        )

    def counts(self, choice: Choice) -> tuple[int, int]:
        if choice not in self._cache:
            values = dict(self.defaults)
            values["f_signs"] = [s for s in SIGN_LABELS if s in choice.signs]
            values["f_isolates"] = choice.isolates
            spec, _ = self._spec_from_widgets(self.G, values, kinds=self.kinds)
            H = self._apply(self.G, spec)
            self._cache[choice] = (H.number_of_nodes(), H.number_of_edges())
        return self._cache[choice]


def next_choices(start: Choice, offset: int) -> Iterator[tuple[str | int, Choice]]:
    """An endless cycle of (control, resulting choice); ``offset`` varies it per session.

    A control is a sign (its pill is toggled) or ``"isolates"``; the last sign left on is
    never toggled off, so every view has relations to count.
    """
    controls: list[str | int] = [-1, 1, "isolates", 0, -1, 1, 0]
    choice, step = start, offset
    while True:
        control = controls[step % len(controls)]
        step += 1
        if control == "isolates":
            choice = Choice(choice.signs, not choice.isolates)
        elif control in choice.signs and len(choice.signs) == 1:
            continue
        else:
            choice = Choice(choice.signs ^ {control}, choice.isolates)
        yield control, choice


# --- The server and its memory ----------------------------------------------------------------


def rss_bytes(pid: int) -> int | None:
    """Resident memory of a process, from /proc (Linux); None once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) * 1024 if match else None


def descendants(root: int) -> list[int]:
    """Process ids of every live descendant of ``root`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="ascii")
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def browser_cpu_seconds(server: int) -> float:
    """CPU time of this run's browser processes (our descendants but the server)."""
    total = 0.0
    for pid in descendants(os.getpid()):
        if pid != server:
            with contextlib.suppress(OSError, ValueError, IndexError):
                total += cpu_seconds(pid)
    return total


async def sample_memory(pid: int, start: float, stop: asyncio.Event, out: list) -> None:
    while not stop.is_set():
        rss = rss_bytes(pid)
        if rss is not None:
            out.append((time.monotonic() - start, rss))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), SAMPLE_EVERY)


# --- One reader ------------------------------------------------------------------------------


@dataclass
class SessionLog:
    index: int
    latencies_ms: list[float] = field(default_factory=list)
    reruns: int = 0
    mismatches: list[str] = field(default_factory=list)
    exceptions: int = 0
    timeouts: int = 0
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    failure: str | None = None


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname in {"127.0.0.1"}


@dataclass
class Reader:
    """One session's page and what it recorded."""

    log: SessionLog
    context: Any = None
    page: Any = None
    load_ms: float | None = None


async def open_reader(browser: Any, url: str, index: int) -> Reader:
    """A new browser context on the page, loaded and idle, with its reruns watched."""
    log = SessionLog(index)
    reader = Reader(log)
    reader.context = context = await browser.new_context(viewport={"width": 1440, "height": 900})

    async def only_local(route: Any) -> None:
        if is_local(route.request.url):
            await route.continue_()
        else:
            log.blocked.append(route.request.url)
            await route.abort()

    await context.route("**/*", only_local)
    reader.page = page = await context.new_page()
    page.on(
        "console",
        lambda message: (
            log.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: log.console_errors.append(f"uncaught: {error}"))
    started = time.monotonic()
    try:
        await page.goto(url, timeout=FIRST_LOAD_TIMEOUT)
        await page.locator(APP_IDLE).wait_for(state="attached", timeout=FIRST_LOAD_TIMEOUT)
        await page.get_by_text(COUNTS).first.wait_for(timeout=FIRST_LOAD_TIMEOUT)
        await page.evaluate(WATCH_RERUNS)
        reader.load_ms = (time.monotonic() - started) * 1000
    except Exception as error:  # reported; this session then sits the run out
        log.failure = f"first load: {type(error).__name__}: {error}"[:500]
    return reader


async def change_filters(reader: Reader, expected: Expected, deadline: float) -> SessionLog:
    """Click sidebar filters until ``deadline`` (monotonic), checking each rerun."""
    log, page = reader.log, reader.page
    if log.failure is not None:
        return log
    try:
        sidebar = page.get_by_test_id("stSidebar")
        groups = sidebar.get_by_test_id("stButtonGroup")  # the sign pills
        controls: dict[str | int, Any] = {
            sign: groups.get_by_role("button", name=re.compile(f"^{label}"))
            for sign, label in SIGN_LABELS.items()
        }
        controls["isolates"] = sidebar.get_by_text(ISOLATES_LABEL, exact=True)
        choices = next_choices(expected.initial(), log.index)
        while time.monotonic() < deadline:
            action, choice = next(choices)
            control = controls[action]
            # A rerun that outlived its timeout must end before the next click is timed.
            await page.wait_for_function(IDLE, timeout=RERUN_TIMEOUT)
            await control.click(timeout=RERUN_TIMEOUT)
            try:
                await page.wait_for_function(RERUN_DONE, timeout=RERUN_TIMEOUT)
            except Exception:  # playwright's TimeoutError: the rerun did not end in time
                log.timeouts += 1
                continue
            clicked, idle = await page.evaluate("[window.__load.clickAt, window.__load.idleAt]")
            log.latencies_ms.append(idle - clicked)
            log.reruns += 1
            await check_page(page, log, choice, expected)
    except Exception as error:  # a broken session is reported, the others go on
        log.failure = f"{type(error).__name__}: {error}"[:500]
    return log


async def check_page(page: Any, log: SessionLog, choice: Choice, expected: Expected) -> None:
    """Count error boxes and compare the summary line with what the session asked for."""
    log.exceptions += await page.get_by_test_id("stException").count()
    log.exceptions += await page.get_by_text("Something went wrong").count()
    want = expected.counts(choice)
    seen = None
    for _ in range(20):  # the last delta may paint a frame after the script state
        text = await page.get_by_text(COUNTS).first.inner_text()
        match = COUNTS.search(text)
        seen = (int(match.group(1)), int(match.group(2))) if match else None
        if seen == want:
            return
        await page.wait_for_timeout(50)
    log.mismatches.append(f"{choice}: page shows {seen}, expected {want}")


# --- The run ---------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def memory_summary(samples: list[tuple[float, int]], seconds: float) -> dict[str, Any]:
    """RSS of the first and the last ``WINDOW`` seconds, and the growth over the last one."""
    mb = [(t, rss / 2**20) for t, rss in samples]
    first = [m for t, m in mb if t <= WINDOW]
    last = [(t, m) for t, m in mb if t >= seconds - WINDOW]
    summary: dict[str, Any] = {"samples": [[round(t, 1), round(m, 1)] for t, m in mb]}
    if not first or len(last) < 2:
        return summary | {"settled": None}
    times, values = [t for t, _ in last], [m for _, m in last]
    slope = statistics.linear_regression(times, values).slope  # MB per second
    growth = slope * WINDOW
    last_mean = statistics.fmean(values)
    summary |= {
        "first20_mean_mb": round(statistics.fmean(first), 1),
        "first20_max_mb": round(max(first), 1),
        "last20_mean_mb": round(last_mean, 1),
        "last20_max_mb": round(max(values), 1),
        "last20_growth_mb": round(growth, 1),
        "peak_mb": round(max(m for _, m in mb), 1),
        # Settled: the trend of the last 20 s adds under 10 MB or 3 % of the RSS.
        "settled": bool(growth <= max(10.0, 0.03 * last_mean)),
    }
    return summary


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    data_dir = Path(args.data) if args.data else None
    expected = Expected(data_dir or REPO / "data")
    port = args.port or free_port()
    load_before = [round(x, 2) for x in os.getloadavg()]  # other work on the machine
    with tempfile.TemporaryDirectory(prefix="borderlines-load-") as temporary:
        log_path = Path(temporary) / "streamlit.log"
        with serve_dashboard(log_path, data_dir, port=port) as (url, pid):
            samples: list[tuple[float, int]] = []
            stop = asyncio.Event()
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=args.chromium, args=CHROMIUM_ARGS, headless=True
                )
                launched = time.monotonic()
                sampler = asyncio.create_task(sample_memory(pid, launched, stop, samples))
                # Every page loads first (ten cold loads at once); the clock starts after.
                readers = await asyncio.wait_for(
                    asyncio.gather(*(open_reader(browser, url, i) for i in range(args.sessions))),
                    timeout=3 * FIRST_LOAD_TIMEOUT / 1000 + 30,  # three waits in each
                )
                start = time.monotonic()
                cpu_before = (cpu_seconds(pid), cpu_seconds(), browser_cpu_seconds(pid))
                tasks = [
                    asyncio.create_task(change_filters(r, expected, start + args.seconds))
                    for r in readers
                ]
                # A click may start just before the deadline: allow it two rerun timeouts.
                _, late = await asyncio.wait(
                    tasks, timeout=args.seconds + 2 * RERUN_TIMEOUT / 1000 + 30
                )
                for task in late:
                    task.cancel()
                logs = [r.log for r in readers]
                for task, reader in zip(tasks, readers, strict=True):
                    if task in late:
                        reader.log.failure = "still running at the hard deadline; cancelled"
                elapsed = time.monotonic() - start
                server_cpu = cpu_seconds(pid) - cpu_before[0]
                machine_cpu = cpu_seconds() - cpu_before[1]
                # Before any context closes: a closed page's renderer takes its time along.
                browser_cpu = browser_cpu_seconds(pid) - cpu_before[2]
                stop.set()
                await sampler
                for r in readers:
                    await r.context.close()
                await browser.close()
        server_log = log_path.read_text(encoding="utf-8", errors="replace")

    latencies = [ms for log in logs for ms in log.latencies_ms]
    loads = [r.load_ms for r in readers if r.load_ms is not None]
    offset = start - launched  # memory samples count from the server's first page
    measured = [(t - offset, rss) for t, rss in samples if t >= offset]
    tracebacks = server_log.count("Traceback (most recent call last)")
    errors = {
        "exception_boxes": sum(log.exceptions for log in logs),
        "console_errors": sum(len(log.console_errors) for log in logs),
        "rerun_timeouts": sum(log.timeouts for log in logs),
        "failed_sessions": sum(log.failure is not None for log in logs),
        "server_tracebacks": tracebacks,
        "blocked_requests": sum(len(log.blocked) for log in logs),
    }
    return {
        "sessions": args.sessions,
        "seconds": args.seconds,
        "elapsed_s": round(elapsed, 1),
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "first_load_ms": {
            "p50": _round(percentile(loads, 0.5)),
            "max": _round(max(loads, default=None)),
        },
        "reruns": len(latencies),
        "reruns_per_second": round(len(latencies) / elapsed, 2) if elapsed else None,
        "latency_ms": {
            "p50": _round(percentile(latencies, 0.50)),
            "p95": _round(percentile(latencies, 0.95)),
            "max": _round(max(latencies, default=None)),
            "mean": _round(statistics.fmean(latencies) if latencies else None),
        },
        "cpu_s": {
            # Where the time went: the server, the browsers (both only while timed) and
            # the whole machine's busy time (anything else running is the difference).
            "server": round(server_cpu, 1),
            "browsers": round(browser_cpu, 1),
            "machine": round(machine_cpu, 1),
            "server_per_rerun": round(server_cpu / len(latencies), 2) if latencies else None,
        },
        "errors": errors,
        "error_count": sum(errors.values()),
        "mismatches": sum(len(log.mismatches) for log in logs),
        "memory": memory_summary(measured, elapsed)
        | {"rss_after_first_loads_mb": round(measured[0][1] / 2**20, 1) if measured else None},
        "per_session": [
            {
                "session": log.index,
                "reruns": log.reruns,
                "p50_ms": _round(percentile(log.latencies_ms, 0.5)),
                "mismatches": log.mismatches[:5],
                "console_errors": log.console_errors[:5],
                "blocked": log.blocked[:5],
                "failure": log.failure,
            }
            for log in logs
        ],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="browser sessions (10)")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the run (60)")
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON here")
    parser.add_argument("--data", metavar="DIR", help="data folder (default: the shipped data)")
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--chromium", default=shutil.which("chromium"), help="chromium binary")
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0:
        parser.error("--sessions and --seconds must be positive")
    if not args.chromium:
        parser.error("chromium is not on PATH (apt-get install chromium), or give --chromium")

    results = asyncio.run(run(args))
    shown = {key: value for key, value in results.items() if key != "per_session"}
    shown["memory"] = {k: v for k, v in results["memory"].items() if k != "samples"}
    print(json.dumps(shown, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    clean = results["error_count"] == 0 and results["mismatches"] == 0
    return 0 if clean and results["memory"].get("settled") is not False else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""What a reader waits for: each click on Borderlines beside the same click on a bare page.

Serves ``dashboard.py`` and ``benchmarks/bare_page.py`` (a bare Streamlit page doing the
core job: one multiselect, one plotly network) on the same data, opens both in Debian's
headless chromium (Playwright, ``executable_path`` from PATH; never ``playwright
install``) at 1440x900, and alternates between them, round after round, so that a busy
spell of the machine touches both alike.

Interactions (each round runs every one once, the bare page's first):

``first_draw``
    A new tab navigates to the page: from navigation until the page is at rest.
``type``
    Remove the first chip of "Relation types" (a filter not seen before).
``sign``
    Toggle the "Hostile" pill (off, then on again).
``date``
    Move "In force on" a day earlier, then later again (the date mode set once before).
``actor``
    Click an actor in the network (Iran, then Pakistan, alternately).
``relation``
    Click a relation on the map (the first and the second arc drawn, alternately).
``next``
    In presentation mode, *Next* (and *Previous* when at the story's end).

The bare page does ``first_draw`` and ``type``; the goal compares each of ours with the
bare ``type``.

When is the page at rest: a script in the page notes the time of the click (just before
it is sent), of every change to the page (a ``MutationObserver`` on the whole
document), of every ``plotly_afterplot`` of each figure, and when Streamlit's script state
goes from running to not running. The interaction is over once the script has run (or, for
a rerun too quick to show the running state, the server has answered on the websocket)
and nothing has changed for 300 ms; its time is from the click to the last change (or the
last figure drawn), so it covers the round trip, the rerun, the transfer and the drawing.
Beside it: the server's CPU time (``/proc``), the script's run time as the page saw it,
the bytes the browser received on the websocket (Chrome DevTools Protocol,
``Network.webSocketFrameReceived``), and for each figure when it was last drawn after the
click (null: not redrawn).

Run from the repository root::

    uv run python benchmarks/page_latency.py --rounds 7 --json latency.json
    uv run python benchmarks/page_latency.py --relations 10000 --rounds 5    # generated data
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: benchmarks/ lives at the repository root
    sys.path.insert(0, str(REPO))

from benchmarks.server import CHROMIUM_ARGS, cpu_seconds, serve_dashboard  # noqa: E402

__all__ = ["INTERACTIONS", "main", "measure"]

BARE_PAGE = REPO / "benchmarks" / "bare_page.py"
INTERACTIONS = ("first_draw", "type", "sign", "date", "actor", "relation", "next")
BARE_INTERACTIONS = ("first_draw", "type")
QUIET_MS = 300
STORY = "iran-pakistan-2021"
#: What needs the shipped data: *Next* steps its story, which generated data does not have.
SHIPPED_ONLY = ("next",)

# Installed in every page before its scripts run: the marks of what happens after a click.
MARKS_JS = """
(() => {
  const L = { t0: 0, last: 0, ran: false, runningAt: null, idleAt: null, plots: [],
              answered: null };
  window.__latency = L;
  const now = () => performance.now();
  window.__latencyStart = () => {
    Object.assign(L, { t0: now(), last: now(), ran: false, runningAt: null, idleAt: null,
                       plots: [], answered: null });
  };
  // The server's answer: a websocket message after the click. A rerun fast enough that
  // the page never shows the "running" state is still seen this way.
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__latencyHeard) {
      this.__latencyHeard = true;
      this.addEventListener('message', () => { if (L.t0) L.answered = now(); });
    }
    return send.call(this, data);
  };
  const watched = new WeakSet();
  const watchPlots = () => {
    document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
      if (watched.has(gd) || !gd.on) return;
      watched.add(gd);
      gd.on('plotly_afterplot', () => {
        const all = Array.from(document.querySelectorAll('.js-plotly-plot'));
        L.plots[all.indexOf(gd)] = now();
        L.last = Math.max(L.last, now());
      });
    });
  };
  const start = () => {
    new MutationObserver((records) => {
      L.last = now();
      for (const r of records) {
        if (r.type === 'attributes' && r.attributeName === 'data-test-script-state') {
          const state = r.target.getAttribute('data-test-script-state');
          if (state === 'running' && L.runningAt === null) { L.ran = true; L.runningAt = now(); }
          if (state === 'notRunning' && L.ran) L.idleAt = now();
        }
      }
      watchPlots();
    }).observe(document, { subtree: true, childList: true, attributes: true,
                           characterData: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
"""

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

# True once the page is at rest: after a click, the script ran and finished; on first
# draw, the app is idle with ``charts`` figures drawn; and nothing changed for QUIET_MS.
AT_REST_JS = """
([afterClick, charts, quiet]) => {
  const L = window.__latency;
  if (!L) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (afterClick && L.idleAt === null && L.answered === null) return false;
  const drawn = Array.from(document.querySelectorAll('.js-plotly-plot'))
    .filter((gd) => gd._fullData).length;
  if (drawn < charts) return false;
  return performance.now() - L.last > quiet;
}
"""

# Where the point whose customdata is [kind, id] (or the n-th of a kind) is drawn.
POINT_JS = """
([index, kind, ident, nth]) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  if (!gd || !gd._fullData) return null;
  const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  let seen = 0;
  for (const trace of gd._fullData) {
    if (trace.visible !== true) continue;
    const data = trace.customdata || [];
    for (let i = 0; i < data.length; i++) {
      const item = data[i];
      if (!item || !String(item[0]).startsWith(kind)) continue;
      if (ident !== null && item[1] !== ident) continue;
      if (ident === null && seen++ < nth) continue;
      if (trace.type === 'scattergeo') {
        if (trace.lon[i] == null) continue;
        const xy = layout.geo._subplot.projection([trace.lon[i], trace.lat[i]]);
        return [box.left + xy[0], box.top + xy[1]];
      }
      return [box.left + layout._size.l + layout.xaxis.d2p(trace.x[i]),
              box.top + layout._size.t + layout.yaxis.d2p(trace.y[i])];
    }
  }
  return null;
}
"""

# The customdata of the point plotly shows the hover of on chart ``index``, if any.
HOVERED_JS = """
(index) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  const hovered = gd && gd._hoverdata;
  return hovered && hovered.length ? hovered[0].customdata || null : null;
}
"""


class Tab:
    """One page of one server, with what it received on its websocket."""

    def __init__(self, browser: Any, url: str, pid: int, timeout_ms: float) -> None:
        self.url, self.pid, self.timeout_ms = url, pid, timeout_ms
        self.context = browser.new_context(viewport={"width": 1440, "height": 900})
        self.context.add_init_script(MARKS_JS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(timeout_ms)
        self.received = 0
        session = self.context.new_cdp_session(self.page)
        session.send("Network.enable")
        session.on("Network.webSocketFrameReceived", self._frame)

    def _frame(self, event: dict) -> None:
        response = event.get("response", {})
        data = response.get("payloadData", "")
        self.received += len(base64.b64decode(data)) if response.get("opcode") == 2 else len(data)

    def open(self, query: str = "", charts: int = 1) -> dict[str, Any]:
        """Navigate; the time from navigation to rest, bytes and server CPU."""
        self.received = 0
        cpu = cpu_seconds(self.pid)
        self.page.goto(self.url + query)
        self.page.wait_for_function(
            AT_REST_JS, arg=[False, charts, QUIET_MS], polling=50, timeout=self.timeout_ms
        )
        marks = self.page.evaluate("() => window.__latency")  # times from navigation start
        return {
            "seconds": max([marks["last"], *filter(None, marks["plots"])]) / 1000,
            "bytes": self.received,
            "server_cpu_s": cpu_seconds(self.pid) - cpu,
        }

    def act(self, action: Callable[[], None], charts: int) -> dict[str, Any]:
        """Do ``action`` (a click, a key); the time from it to rest, and where it went."""
        self.received = 0
        cpu = cpu_seconds(self.pid)
        self.page.evaluate("() => window.__latencyStart()")
        action()
        self.page.wait_for_function(
            AT_REST_JS, arg=[True, charts, QUIET_MS], polling=50, timeout=self.timeout_ms
        )
        marks = self.page.evaluate("() => window.__latency")
        t0 = marks["t0"]
        ran = marks["runningAt"] is not None
        return {
            "seconds": (max([marks["last"], *filter(None, marks["plots"])]) - t0) / 1000,
            "script_s": (marks["idleAt"] - marks["runningAt"]) / 1000 if ran else None,
            "bytes": self.received,
            "server_cpu_s": cpu_seconds(self.pid) - cpu,
            "figures_drawn_s": [
                None if at is None else round((at - t0) / 1000, 4) for at in marks["plots"]
            ],
        }

    def click(self, target: Any, charts: int) -> dict[str, Any]:
        """Click ``target``: a locator, or page coordinates."""
        if isinstance(target, tuple):
            return self.act(lambda: self.page.mouse.click(*target), charts)
        return self.act(target.click, charts)

    def point(self, chart: int, kind: str, ident: str | None, nth: int = 0) -> tuple:
        """Where the point of ``kind`` (``ident``, or the ``nth`` of the kind) is drawn,
        checked by hovering it: plotly picks the closest point, which may be another's
        (a border drawn over an arc's middle); then the next of the kind is tried."""
        tried = 0
        while True:
            found = self.page.evaluate(POINT_JS, [chart, kind, ident, nth + tried])
            if found is None:
                raise RuntimeError(f"no {kind} {ident or nth} drawn on figure {chart}")
            self.page.mouse.move(*found)
            hovered = self.page.evaluate(HOVERED_JS, chart)
            if hovered and str(hovered[0]).startswith(kind):
                return tuple(found)
            if ident is not None or tried > 50:
                raise RuntimeError(f"{kind} {ident or nth} on figure {chart}: {hovered} hovered")
            tried += 1


def _remove_first_type(tab: Tab) -> Any:
    """The button that removes the first chip of "Relation types"."""
    sidebar = tab.page.get_by_test_id("stSidebar")
    chips = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Relation types")
    return chips.locator('[aria-label^="Remove "]').first


def measure(
    data_dir: Path | None,
    rounds: int,
    timeout: float,
    scratch: Path,
    page: Path = REPO / "dashboard.py",
    only: Sequence[str] = INTERACTIONS,
) -> dict[str, Any]:
    """Alternate the interactions ``only`` ``rounds`` times between the bare page and
    ``page`` (the bare filter change always runs: the yardstick)."""
    from playwright.sync_api import sync_playwright

    timeout_ms = timeout * 1000
    runs: dict[str, dict[str, list]] = {"bare": {}, "ours": {}}
    env = {"BORDERLINES_STATE": str(scratch / "state")}
    with ExitStack() as stack:
        ours_url, ours_pid = stack.enter_context(
            serve_dashboard(scratch / "ours.log", data_dir, env=env, page=page)
        )
        bare_url, bare_pid = stack.enter_context(
            serve_dashboard(scratch / "bare.log", data_dir, env=env, page=BARE_PAGE)
        )
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True
        )
        stack.callback(browser.close)
        bare = Tab(browser, bare_url, bare_pid, timeout_ms)
        ours = Tab(browser, ours_url, ours_pid, timeout_ms)
        slides = Tab(browser, ours_url, ours_pid, timeout_ms)
        for tab, charts in ((bare, 1), (ours, 3)):
            tab.open(charts=charts)  # warm the server's caches and the browser's
        if "next" in only:
            slides.open(f"/?present=1&story={STORY}&step=1", charts=2)
        if "date" in only:
            _set_date_mode(ours)

        def record(side: str, name: str, result: dict) -> None:
            runs[side].setdefault(name, []).append(result)

        for round_ in range(rounds):
            if "first_draw" in only:
                for side, tab, charts in (("bare", bare, 1), ("ours", ours, 3)):
                    fresh = Tab(browser, tab.url, tab.pid, timeout_ms)
                    record(side, "first_draw", fresh.open(charts=charts))
                    fresh.context.close()
            record("bare", "type", bare.click(_remove_first_type(bare), 1))
            if "type" in only:
                record("ours", "type", ours.click(_remove_first_type(ours), 3))
            if "sign" in only:
                sidebar = ours.page.get_by_test_id("stSidebar")
                record("ours", "sign", ours.click(sidebar.get_by_role("button", name="Hostile"), 3))
            if "date" in only:
                record("ours", "date", _change_date(ours, later=round_ % 2 == 1))
            if "actor" in only:
                actor = ("iran", "pakistan")[round_ % 2]
                record("ours", "actor", ours.click(ours.point(0, "actor", actor), 3))
            if "relation" in only:
                arc = ours.point(1, "relation", None, round_ % 2)
                record("ours", "relation", ours.click(arc, 3))
            if "next" in only:
                record("ours", "next", slides.click(_next_or_previous(slides), 2))
        exceptions = ours.page.get_by_test_id("stException").count()
    return {"runs": runs, "exceptions": exceptions}


def _set_date_mode(tab: Tab) -> None:
    """Choose "On a date" once, so that each ``date`` interaction types a day."""
    sidebar = tab.page.get_by_test_id("stSidebar")
    box = sidebar.get_by_test_id("stSelectbox").filter(has_text="Relations in force")
    box.locator("input").click()
    tab.page.keyboard.type("On a date")
    tab.page.keyboard.press("Enter")
    sidebar.get_by_test_id("stDateInput").wait_for()
    tab.page.wait_for_function(
        AT_REST_JS, arg=[False, 3, QUIET_MS], polling=50, timeout=tab.timeout_ms
    )


def _change_date(tab: Tab, later: bool) -> dict[str, Any]:
    """Move "In force on" one day later or earlier; timed from the click elsewhere (on the
    summary line) that takes the focus away, which is when the date input commits."""
    day = tab.page.get_by_test_id("stSidebar").get_by_role("spinbutton", name="day, In force on")
    day.click()
    tab.page.keyboard.press("ArrowUp" if later else "ArrowDown")
    return tab.act(tab.page.locator(".bl-summary").click, 3)


def _next_or_previous(tab: Tab) -> Any:
    """*Next*, or *Previous* at the story's end."""
    forward = tab.page.get_by_role("button", name="Next")
    return forward if forward.is_enabled() else tab.page.get_by_role("button", name="Previous")


def summarise(runs: dict[str, dict[str, list]]) -> dict[str, Any]:
    """Medians per side and interaction, and each of ours over the bare filter change."""
    summary: dict[str, Any] = {}
    for side, kinds in runs.items():
        for name, results in kinds.items():
            row = {"n": len(results)}
            for field in ("seconds", "script_s", "bytes", "server_cpu_s"):
                values = [r[field] for r in results if r.get(field) is not None]
                row[field] = statistics.median(values) if values else None
            drawn = [r.get("figures_drawn_s") or [] for r in results]
            width = max((len(d) for d in drawn), default=0)
            row["figures_drawn_s"] = [
                statistics.median(values) if values else None
                for values in (
                    [d[i] for d in drawn if i < len(d) and d[i] is not None] for i in range(width)
                )
            ]
            summary.setdefault(side, {})[name] = row
    base = summary["bare"]["type"]["seconds"]
    first = summary["bare"].get("first_draw", {}).get("seconds") or float("nan")
    summary["ratio"] = {
        name: round(row["seconds"] / (first if name == "first_draw" else base), 2)
        for name, row in summary["ours"].items()
    }
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds of every interaction")
    parser.add_argument(
        "--relations", type=int, default=None, help="generated relations (default: shipped data)"
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per wait")
    parser.add_argument(
        "--page",
        type=Path,
        default=REPO / "dashboard.py",
        help="the page to serve (another version, in the repository root; or "
        "benchmarks/figures_page.py, the bare page with our three figures, with --only "
        "first_draw type)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=INTERACTIONS,
        default=None,
        help="the interactions to time (the bare filter change always runs; default: all, "
        "but 'next' only on the shipped data)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    if args.only is None:
        skipped = SHIPPED_ONLY if args.relations is not None else ()
        args.only = [name for name in INTERACTIONS if name not in skipped]
    elif args.relations is not None and (asked := set(args.only) & set(SHIPPED_ONLY)):
        parser.error(
            f"--only {' '.join(sorted(asked))} needs the shipped data (the story "
            f"{STORY!r}); generated data (--relations) has no story"
        )
    if shutil.which("chromium") is None:
        raise SystemExit("Debian's chromium is not on PATH (apt-get install chromium)")

    with tempfile.TemporaryDirectory(prefix="borderlines-latency-") as folder:
        scratch = Path(folder)
        data_dir = None
        if args.relations is not None:
            from benchmarks.generate import generate

            data_dir = generate(args.relations, seed=0, out=scratch / "data")
        measured = measure(
            data_dir, args.rounds, args.timeout, scratch, args.page.resolve(), args.only
        )
    summary = summarise(measured["runs"])
    print(f"{'interaction':<12}{'bare':>9}{'ours':>9}{'ratio':>7}{'script':>9}"
          f"{'server CPU':>12}{'bytes':>11}  figures drawn after (s)")  # fmt: skip
    for name in INTERACTIONS:
        ours = summary["ours"].get(name)
        if ours is None:
            continue
        bare = summary["bare"].get(name, {}).get("seconds")
        bare_text = "" if bare is None else f"{bare:.2f}"
        script = "" if ours["script_s"] is None else f"{ours['script_s']:.2f}"
        drawn = ", ".join("-" if s is None else f"{s:.2f}" for s in ours["figures_drawn_s"])
        print(
            f"{name:<12}{bare_text:>9}{ours['seconds']:>9.2f}{summary['ratio'][name]:>7.2f}"
            f"{script:>9}{ours['server_cpu_s']:>12.2f}{ours['bytes']:>11,.0f}  {drawn}"
        )
    print("ratio: ours over the bare page's filter change (first draw: over its first draw)")
    if measured["exceptions"]:
        print(f"{measured['exceptions']} exception(s) on the page")
    if args.json is not None:
        document = {"relations": args.relations or "shipped", "rounds": args.rounds,
                    "summary": summary, **measured}  # fmt: skip
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

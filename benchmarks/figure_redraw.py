"""What plotly costs the browser per click: each of the page's figures redrawn after a
filter change, timed alone in chromium.

``page_latency.py`` times a whole click; its time varies by about 30 ms from one click to
the next, which hides a change to one figure. This script takes Streamlit out: it builds
the Explore page's three figures (the network, the map and the timeline, with the options
``ui/explore.py`` gives them when nothing is selected) for two filter states that differ
by one relation type (every type but the first; every type but the second), serialises
them as the page sends them (:func:`ui.figure.figure_spec`), and in Debian's headless
chromium (Playwright, ``executable_path`` from PATH; never ``playwright install``) calls
``Plotly.react`` on one div per figure, from one state to the other and back, ``--redraws``
times. Each redraw is timed from the call until the next animation frame after plotly's
promise resolves, i.e. until the browser could paint it; the median is reported, with
the figure's traces and its JSON size. plotly.js is the page's own bundle
(``static/plotly.min.js``, :mod:`graph.figures.plotlyjs`); nothing is fetched.

The divs are as wide as on a 1440x900 window: network 680 px, map 450 px, timeline
1130 px; heights are the figures' own.

Run from the repository root::

    uv run python benchmarks/figure_redraw.py --json redraw.json
    uv run python benchmarks/figure_redraw.py --relations 10000 --redraws 7
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: import graph/ and ui/ from the root
    sys.path.insert(0, str(REPO))

from benchmarks.server import CHROMIUM_ARGS  # noqa: E402
from graph.figures.plotlyjs import PLOTLY_JS  # noqa: E402

__all__ = ["FIGURES", "figure_states", "time_redraws"]

#: The page's figures, and the width of each one's div on a 1440x900 window (pixels).
FIGURES = {"network": 680, "map": 450, "timeline": 1130}

# Draw state ``a``, then alternate: ``b``, ``a``, ... ``redraws`` times. Each time runs from
# the call until a frame after plotly's promise, so the layout and paint it caused are in.
_REDRAW_JS = """
async ([id, a, b, redraws]) => {
  const gd = document.getElementById(id);
  const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const first = JSON.parse(a);
  await Plotly.react(gd, first.data, first.layout, { responsive: true });
  await frame();
  const times = [];
  for (let i = 0; i < redraws; i++) {
    const figure = JSON.parse(i % 2 ? a : b);
    const start = performance.now();
    await Plotly.react(gd, figure.data, figure.layout, { responsive: true });
    await frame();
    times.push(performance.now() - start);
  }
  return times;
}
"""


def figure_states(data_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """The page's figures of ``data_dir`` (default: the shipped data) in two filter
    states: per figure, both specs as the page sends them (``"a"``, ``"b"``), and the
    traces and bytes of the larger (``tests/test_benchmarks.py`` pins the shape)."""
    from graph.build import build_graph
    from graph.figures.map import map_figure
    from graph.figures.network import network_figure
    from graph.figures.timeline import timeline_figure
    from graph.filters import FilterSpec, apply_filters
    from graph.layout import layout_positions
    from graph.load import default_data_dir, load_dataset
    from ui.common import (
        LAYOUT_FRAME,
        MAP_HEIGHT,
        MAP_WIDTH_HINT,
        NETWORK_HEIGHT,
        TIMELINE_WIDTH_HINT,
    )
    from ui.figure import figure_spec

    dataset = load_dataset(data_dir or default_data_dir())
    G = build_graph(dataset)
    positions = layout_positions(G, frame=LAYOUT_FRAME)
    types = list(G.graph["relation_types"])
    if len(types) < 2:
        raise ValueError(f"{len(types)} relation type(s): two filter states need two")
    states: dict[str, dict[str, Any]] = {name: {} for name in FIGURES}
    for state, left_out in zip("ab", types[:2], strict=True):
        spec = FilterSpec(types=tuple(t for t in types if t != left_out))
        H = apply_filters(G, spec)
        # As ui/explore.py draws them with nothing selected, in the light theme.
        figures = {
            "network": network_figure(
                H, positions, height=NETWORK_HEIGHT, legend_position="top", theme="light"
            ),
            "map": map_figure(
                H,
                dataset,
                theme="light",
                relation_legend=False,
                height=MAP_HEIGHT,
                width_hint=MAP_WIDTH_HINT,
            ),
            "timeline": timeline_figure(
                H,
                dataset.events,
                spec=spec,
                width_hint=TIMELINE_WIDTH_HINT,
                type_legend=False,
                theme="light",
            ),
        }
        for name, fig in figures.items():
            states[name][state] = figure_spec(fig, "light")
            states[name][f"traces_{state}"] = len(fig.data)
    for found in states.values():
        found["traces"] = max(found.pop("traces_a"), found.pop("traces_b"))
        found["bytes"] = max(len(found["a"]), len(found["b"]))
    return states


def time_redraws(
    browser: Any, states: dict[str, dict[str, Any]], redraws: int
) -> dict[str, list[float]]:
    """Milliseconds of each of ``redraws`` redraws per figure, in a new page of
    ``browser`` (a Playwright chromium)."""
    if isinstance(redraws, bool) or not isinstance(redraws, int) or redraws < 1:
        raise ValueError(f"redraws {redraws!r} is not a positive whole number")
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        divs = "".join(
            f'<div id="{name}" style="width:{px}px"></div>' for name, px in FIGURES.items()
        )
        page.set_content(f"<!doctype html><html><body>{divs}</body></html>")
        page.add_script_tag(path=str(PLOTLY_JS))
        return {
            name: page.evaluate(_REDRAW_JS, [name, found["a"], found["b"], redraws])
            for name, found in states.items()
        }
    finally:
        page.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--redraws", type=int, default=21, help="redraws per figure (median)")
    parser.add_argument(
        "--relations", type=int, default=None, help="generated relations (default: shipped data)"
    )
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    if args.redraws < 1:
        parser.error(f"--redraws {args.redraws} is not a positive whole number")
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is not on PATH (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="borderlines-redraw-") as folder:
        data_dir = None
        if args.relations is not None:
            from benchmarks.generate import generate

            data_dir = generate(args.relations, seed=0, out=Path(folder) / "data")
        states = figure_states(data_dir)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS, headless=True
        )
        try:
            times = time_redraws(browser, states, args.redraws)
        finally:
            browser.close()
    results = {}
    print(f"{'figure':<10}{'traces':>8}{'bytes':>10}{'median ms':>11}{'min ms':>8}")
    for name, found in states.items():
        ordered = sorted(times[name])
        median = ordered[len(ordered) // 2]
        results[name] = {
            "traces": found["traces"],
            "bytes": found["bytes"],
            "median_ms": round(median, 1),
            "min_ms": round(ordered[0], 1),
            "redraws": len(ordered),
        }
        print(f"{name:<10}{found['traces']:>8}{found['bytes']:>10,}{median:>11.1f}"
              f"{ordered[0]:>8.1f}")  # fmt: skip
    if args.json is not None:
        document = {"relations": args.relations, "redraws": args.redraws, "figures": results}
        args.json.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

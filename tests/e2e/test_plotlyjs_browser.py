"""The plotly.js bundle in chromium: the release and the trace types its header names."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from graph.figures.plotlyjs import PLOTLY_JS, TRACE_TYPES, bundled_version

pytestmark = pytest.mark.browser


def test_the_bundle_registers_what_its_header_says(browser: Browser) -> None:
    page = browser.new_page()
    try:
        # In the <head>, before the body exists, as the briefings and the image export load
        # it (a dependency that measured the body at load once broke exactly this).
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        script = PLOTLY_JS.read_text(encoding="utf-8")
        page.set_content(f"<!DOCTYPE html><html><head><script>{script}</script></head><body>")
        assert not errors
        registered = page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces)")
        assert set(registered) == TRACE_TYPES
        assert page.evaluate("() => Plotly.version") == bundled_version()
        # a figure of each 2-D type draws; WebGL (scattergl) may be off in a headless test
        drawn = page.evaluate(
            """async () => {
              const div = document.createElement('div');
              document.body.appendChild(div);
              await Plotly.newPlot(div, [
                {type: 'scatter', x: [1, 2], y: [1, 2]},
                {type: 'bar', x: [1, 2], y: [2, 1]},
                {type: 'scattergeo', lon: [51, 73], lat: [35, 33], mode: 'lines'},
              ], {geo: {showland: false, showcountries: false, showcoastlines: false,
                        showframe: false, visible: false}});
              return {traces: div.querySelectorAll('.trace').length,
                      geo: div.querySelectorAll('.geo').length};
            }"""
        )
        assert drawn["traces"] >= 3, drawn
        assert drawn["geo"] == 1, drawn
    finally:
        page.close()

"""The border map in a real browser: polygons drawn as SVG with no request leaving
localhost, and selection linked both ways with the network."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from playwright.sync_api import Page, expect

from graph.filters import FilterSpec, apply_filters

from . import FIGURE, RELATIONS_JS, PageRecord, save_screenshot
from .test_dashboard import (
    MAP,
    NETWORK,
    click_point,
    drawn_relations,
    wait_for_figures,
)

pytestmark = pytest.mark.browser

# Filled SVG paths inside the map's geo subplot: [fill colour, path length, width, height].
POLYGONS_JS = """() => {
  const chart = document.querySelectorAll('.bl-figure')[1];
  return Array.from(chart.querySelectorAll('g.geo g.trace.scattergeo path.js-line'))
    .filter(p => p.style.fill && p.style.fill !== 'none')
    .map(p => {
      const box = p.getBoundingClientRect();
      return [p.style.fill, (p.getAttribute('d') || '').length, box.width, box.height];
    });
}"""

# Names of the map's traces (the selected country's trace is named after it).
TRACE_NAMES_JS = """() => document
  .querySelectorAll('.bl-figure')[1]
  ._fullData.map(t => t.name)"""


def country_label(page: Page, name: str):
    """The country's name on the map (upper case), a text element of the geo subplot."""
    chart = page.locator(FIGURE).nth(MAP)
    return chart.locator("g.geo text").filter(has_text=re.compile(f"^{name}$"))


def test_the_map_draws_country_polygons_offline(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    page.goto(app_url)
    wait_for_figures(page)

    polygons = page.evaluate(POLYGONS_JS)
    # The land of the graph's states and of their neighbours: long outlines, filled,
    # spanning much of the map (areas of operation are smaller filled circles).
    land = [p for p in polygons if p[1] > 20_000 and p[2] > 200 and p[3] > 100]
    assert len(land) >= 2, polygons
    expect(country_label(page, "IRAN")).to_be_visible()
    expect(country_label(page, "PAKISTAN")).to_be_visible()
    arcs = page.locator(FIGURE).nth(MAP).locator("g.geo path.js-line")
    assert arcs.count() > len(land)  # borders and relation arcs drawn over the land
    save_screenshot(page, "map", width=1440, height=900)
    page_record.assert_clean()


def test_clicking_a_country_selects_the_actor_in_the_network(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    page.goto(app_url)
    wait_for_figures(page)

    # Plotly picks the point nearest the pointer: the name's invisible marker.
    box = country_label(page, "PAKISTAN").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    expect(page).to_have_url(re.compile(r"[?&]actor=pakistan\b"))
    wait_for_figures(page)
    network = page.locator(FIGURE).nth(NETWORK)
    bold = network.locator("g.scatterlayer text tspan[style*='bold']", has_text="Pakistan")
    expect(bold).to_be_visible()  # the network writes the selected actor's name in bold
    page.wait_for_function(f"() => ({TRACE_NAMES_JS})().includes('Selected: Pakistan')")
    expect(page.locator(".st-key-reading_pane h4", has_text="Pakistan").first).to_be_visible()
    save_screenshot(page, "map-pakistan", width=1440, height=900)
    page_record.assert_clean()


def test_selecting_in_the_network_highlights_the_map(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    page.goto(app_url)
    wait_for_figures(page)
    before = len(page.evaluate(POLYGONS_JS))

    click_point(page, NETWORK, "actor", "afghanistan")

    expect(page).to_have_url(re.compile(r"[?&]actor=afghanistan\b"))
    wait_for_figures(page)
    page.wait_for_function(f"() => ({TRACE_NAMES_JS})().includes('Selected: Afghanistan')")
    assert len(page.evaluate(POLYGONS_JS)) > before  # the tinted country is drawn on top
    page_record.assert_clean()


def test_the_map_arcs_follow_the_filters(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    page.goto(app_url)
    wait_for_figures(page)
    everything = set(drawn_relations(page, MAP))

    page.goto(f"{app_url}/?types=military_cooperation&on=2021-10-27")
    wait_for_figures(page)

    spec = FilterSpec(types=["military_cooperation"], on="2021-10-27")
    allowed = {str(k) for _, _, k in apply_filters(G, spec).edges(keys=True)}
    page.wait_for_function(f"() => ({RELATIONS_JS})({MAP}).length < {len(everything)}")
    shown = set(drawn_relations(page, MAP))
    assert shown
    assert shown <= allowed
    page_record.assert_clean()

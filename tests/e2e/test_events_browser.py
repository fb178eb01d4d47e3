"""The event-data layer in a real browser: machine-coded arcs beside the curated network,
a click on one shows its record and sources, and nothing leaves the machine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from . import FIGURE, PageRecord, assert_axes_whole, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

#: Where the network draws each event dyad's clickable middle, in page pixels.
EVENT_POINTS_JS = """() => {
  const gd = document.querySelectorAll('.bl-figure')[0];
  const box = gd.getBoundingClientRect(), xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const found = {};
  for (const trace of gd._fullData) {
    (trace.customdata || []).forEach((item, i) => {
      if (item && item[0] === 'event')
        found[item[1]] = [box.left + xa._offset + xa.l2p(trace.x[i]),
                          box.top + ya._offset + ya.l2p(trace.y[i])];
    });
  }
  return found;
}"""


def test_event_arcs_click_through_to_their_sources(
    page: Page,
    page_record: PageRecord,
    launch_app: Callable[..., str],
    event_store: Path,
) -> None:
    url = launch_app(env={"BORDERLINES_EVENTS": str(event_store)})
    page.goto(f"{url}/?layer=both")
    wait_for_app(page, timeout=60_000)
    expect(page.locator(FIGURE)).to_have_count(3, timeout=60_000)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Relations from")).to_be_visible()
    expect(page.get_by_text("Event data: GDELT (machine-coded)").first).to_be_attached()
    expect(
        page.get_by_text("grey dotted arcs in the network and on the map): 3 dyads")
    ).to_be_visible()

    page.locator(FIGURE).first.scroll_into_view_if_needed()
    points = page.evaluate(EVENT_POINTS_JS)
    assert sorted(points) == [
        "acled|islamic-state-khorasan|taliban", "gdelt|iran|azerbaijan", "gdelt|iran|pakistan",
    ]  # fmt: skip
    on_map = page.evaluate(
        """() => document.querySelectorAll('.bl-figure')[1]._fullData.some(t =>
             (t.customdata || []).some(c => c && c[0] === 'event'))"""
    )
    assert on_map  # the map draws the dyads too
    x, y = points["gdelt|iran|pakistan"]
    page.mouse.move(x, y)
    expect(page.locator(".hovertext").filter(has_text="GDELT (machine-coded)")).to_be_visible()
    page.mouse.click(x, y)
    pane = page.locator(".st-key-event_pane")
    expect(pane).to_contain_text("GDELT (machine-coded): Iran → Pakistan", timeout=30_000)
    expect(pane).to_contain_text("graded F6 (cannot be judged), low confidence")
    link = pane.locator('a[href="https://news.example/iran-pakistan/0"]')
    expect(link).to_be_visible()
    expect(link).to_contain_text("news.example/iran-pakistan/0")
    wait_for_app(page)
    chart = page.locator(".st-key-pair_months")
    expect(chart).to_contain_text("between Iran and Pakistan, by month")
    # Drawn in place by the app's own plotly.js, like the page's other figures.
    expect(chart.locator(".bl-figure .main-svg").first).to_be_visible()
    checked = assert_axes_whole(page)  # its two y axes and their titles too
    assert {"events", "Goldstein"} <= {t["text"] for axes in checked for t in axes["titles"]}
    save_screenshot(page, "event-data-layer")
    chart.scroll_into_view_if_needed()
    save_screenshot(page, "event-pair-months")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page_record.assert_clean()  # the links are shown, never fetched

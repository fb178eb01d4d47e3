"""Hostile text in the data, in a real browser: shown as text, never a link, image or script.

The server runs on a copy of the shipped data with links, images, scripts, markdown links
and formulas in every free-text field (see ``tests/test_injection.py``). The page, an actor
card and the figures' hover boxes must show them as text: no ``<a href>`` to the payload's
address, no ``<img src="x">``, no element with an ``on...`` handler, no ``javascript:``
link, and never a dialog.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from graph.filters import FilterSpec
from graph.url import Selection, page_query
from tests.test_injection import IMAGE, LINK, MARKUP, SHORT_PAYLOADS, poison_copy

from . import PageRecord, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

# Everything in the DOM (SVG included) that data could have turned into markup.
FIND_MARKUP = """() => {
  const href = (e) => e.getAttribute("href") || e.getAttribute("xlink:href") || "";
  const links = [...document.querySelectorAll("a")].map(href)
    .filter((h) => h.includes("example.org") || h.trim().toLowerCase().startsWith("javascript"));
  const images = [...document.querySelectorAll("img, image")]
    .map((e) => e.getAttribute("src") || href(e))
    .filter((s) => s === "x");
  const handlers = [...document.querySelectorAll("*")]
    .flatMap((e) => [...e.attributes].map((a) => a.name))
    .filter((name) => name === "onerror" || name === "onload" || name === "onclick");
  const scripts = [...document.querySelectorAll("script")]
    .filter((s) => (s.textContent || "").includes("alert(1)")).length;
  return {links, images, handlers, scripts};
}"""

PAGE_TEXT = """() => {
  const svg = [...document.querySelectorAll("svg text")].map((t) => t.textContent);
  return document.body.innerText + "\\n" + svg.join("\\n");
}"""


def assert_no_markup(page: Page) -> None:
    found = page.evaluate(FIND_MARKUP)
    assert found == {"links": [], "images": [], "handlers": [], "scripts": 0}, found


def hover_nodes(page: Page, chart: str, count: int = 12, attempts: int = 3) -> list[str]:
    """Hover over the first visible markers of a chart; return the hover boxes' text seen.

    A figure redrawn in place just after the script ended replaces its points under the
    mouse: a pass that saw no hover box at all waits a moment and tries again.
    """
    seen: list[str] = []
    for _ in range(attempts):
        points = page.get_by_test_id(chart).locator(".scatterlayer .trace .points path")
        hovered = 0
        for index in range(points.count()):
            if hovered == count:
                break
            point = points.nth(index)
            if not point.is_visible():
                continue
            hovered += 1
            point.hover(force=True)
            boxes = page.locator(".hoverlayer .hovertext")
            try:  # a busy browser draws the box late; a point whose hover is off draws none
                boxes.first.wait_for(timeout=1000)
            except PlaywrightTimeoutError:
                continue
            seen += boxes.all_text_contents()
        if seen:
            break
        page.wait_for_timeout(1000)
    return seen


# Selections that put data text in Markdown and HTML: an actor card, a relation's record, a
# place; the first view has the analysis tabs (camps, triads) with names in Markdown lists.
SELECTIONS = [None, Selection("actor", "iran"), Selection("relation", "R001")]


def test_poisoned_data_is_shown_as_text(
    page: Page, page_record: PageRecord, launch_app: Callable[[Path], str], tmp_path: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    url = launch_app(poison_copy(tmp_path / "data"))

    for selection in SELECTIONS:
        query = page_query(FilterSpec(keep_isolates=False), selection)
        page.goto(f"{url}/?{urlencode(query, doseq=True)}" if query else url)
        wait_for_app(page)
        shown = [*MARKUP, *SHORT_PAYLOADS[:2]]
        # Figures draw after the script finished: wait until a payload shows as text.
        page.wait_for_function(
            f"(shown) => shown.some((p) => ({PAGE_TEXT})().includes(p))", arg=shown
        )
        expect(page.get_by_test_id("stException")).to_have_count(0)
        assert_no_markup(page)
        hovers = hover_nodes(page, "stBidiComponentRegular")
        assert_no_markup(page)
        assert any(payload in hover for payload in (LINK, IMAGE) for hover in hovers), (
            f"no hover box shows a payload as text on {page.url}: {hovers}"
        )
    save_screenshot(page, "injection", width=1440, height=900)

    # The actor's relations as CSV: a cell a spreadsheet would read as a formula is quoted.
    page.goto(f"{url}/?actor=iran")
    wait_for_app(page)
    table = page.locator(".st-key-relations_table .bl-table")
    with page.expect_download() as caught:
        table.get_by_role("button", name="Download CSV").click()
    cells = [
        cell
        for row in csv.reader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8")))
        for cell in row
    ]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells
    assert any(c.startswith("'=") for c in cells), "no formula payload reached the CSV"

    assert dialogs == [], f"a dialog opened: {dialogs}"
    assert not [u for u in page_record.requests if u.rstrip("/").endswith("/x")], "img src=x"
    page_record.assert_clean()

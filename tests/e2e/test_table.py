"""The tables of the page (``ui.table``) in a real browser: sorted by a click on a heading,
searched, downloaded as CSV, and a click on a row selects what it names."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Page, expect

from . import PageRecord, wait_for_app

pytestmark = pytest.mark.browser

TIMEOUT = 60_000


def relations_table(page: Page):
    return page.locator(".st-key-relations_table .bl-table")


def column(page: Page, index: int) -> list[str]:
    cells = relations_table(page).locator(f"tbody tr td:nth-child({index + 1})")
    return cells.all_text_contents()


def test_the_relations_of_an_actor_sort_search_download_and_select(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    page.goto(f"{app_url}/?actor=pakistan")
    wait_for_app(page)
    table = relations_table(page)
    expect(table.locator("tbody tr").first).to_be_visible(timeout=TIMEOUT)
    expected = sorted(str(k) for u, v, k in G.edges(keys=True) if "pakistan" in (u, v))
    headings = table.locator("thead th").all_text_contents()
    ids = column(page, headings.index("Id"))
    assert sorted(ids) == expected

    # A click on a heading sorts by it, a second click the other way.
    heading = table.locator("thead th", has_text="Counterpart")
    heading.locator("button").click()
    expect(heading).to_have_attribute("aria-sort", "ascending")
    names = column(page, headings.index("Counterpart"))
    assert names == sorted(names, key=str.lower)
    heading.locator("button").click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    assert column(page, headings.index("Counterpart")) == sorted(names, key=str.lower)[::-1]

    # The search keeps the rows holding its text, and says how many of all.
    search = table.get_by_role("searchbox", name="Search the rows")
    search.fill("iran")
    kept = table.locator("tbody tr")
    count = kept.count()
    assert 0 < count < len(expected)
    for text in kept.all_text_contents():
        assert "iran" in text.lower()
    expect(table.locator(".bl-table-count")).to_have_text(f"{count} of {len(expected)} rows")

    # The CSV holds the rows as shown, under the headings.
    with page.expect_download() as caught:
        table.get_by_role("button", name="Download CSV").click()
    download = caught.value
    assert download.suggested_filename == "relations-of-pakistan.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == headings
    assert [row[headings.index("Id")] for row in rows[1:]] == column(page, headings.index("Id"))

    # A click on a row selects its relation; Enter on a focused row does too.
    first = kept.first
    chosen = first.locator("td").nth(headings.index("Id")).text_content()
    first.click()
    expect(page).to_have_url(re.compile(rf"[?&]relation={chosen}\b"), timeout=TIMEOUT)
    page.go_back()
    page.goto(f"{app_url}/?actor=pakistan")
    wait_for_app(page)
    expect(table.locator("tbody tr").first).to_be_visible(timeout=TIMEOUT)
    row = table.locator("tbody tr").nth(1)
    chosen = row.locator("td").nth(headings.index("Id")).text_content()
    row.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"[?&]relation={chosen}\b"), timeout=TIMEOUT)
    page_record.assert_clean()

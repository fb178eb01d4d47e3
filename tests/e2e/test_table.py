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


def test_a_long_table_draws_a_page_of_rows_and_more_on_request(
    page: Page, page_record: PageRecord, launch_app, tmp_path: Path
) -> None:
    """260 relations on screen: 200 rows drawn, *Show more* draws the rest; the sort,
    the search and the CSV cover every row; a relation chosen far down is drawn too."""
    from benchmarks.generate import generate
    from ui.table import ROWS_DRAWN

    total = 260
    url = launch_app(generate(total, seed=3, out=tmp_path / "data"))
    page.goto(url)
    wait_for_app(page)
    table = page.locator(".st-key-screen_table .bl-table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(ROWS_DRAWN, timeout=TIMEOUT)
    count = table.locator(".bl-table-count")
    expect(count).to_have_text(f"{ROWS_DRAWN} of {total:,} rows shown")
    more = table.locator(".bl-table-more")
    while (drawn := rows.count()) < total:
        expect(more).to_have_text(f"Show {min(ROWS_DRAWN, total - drawn)} more")
        more.click()
        expect(rows).to_have_count(min(drawn + ROWS_DRAWN, total))
    expect(more).to_be_hidden()
    expect(count).to_have_text("")
    headings = table.locator("thead th").all_text_contents()
    ids = column_of(table, headings.index("Id"))
    assert len(set(ids)) == total

    # Sorted, every row takes part (the ones drawn are the first of all, not of a page).
    table.locator("thead th").nth(headings.index("Id")).locator("button").click()
    assert column_of(table, headings.index("Id")) == sorted(ids, key=str.lower)

    # A search starts again from one page; the CSV holds every row it keeps.
    search = table.get_by_role("searchbox", name="Search the rows")
    search.fill("R")
    matching = sum("r" in text.lower() for text in ids)
    expect(rows).to_have_count(min(matching, ROWS_DRAWN))
    with page.expect_download() as caught:
        table.get_by_role("button", name="Download CSV").click()
    lines = list(csv.reader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8"))))
    assert len(lines) - 1 == matching

    # The last relation, chosen by its address, is drawn and marked though past a page.
    last = ids[-1]
    page.goto(f"{url}/?relation={last}")
    wait_for_app(page)
    chosen = table.locator("tbody tr.bl-chosen")
    expect(chosen).to_have_count(1, timeout=TIMEOUT)
    expect(chosen.locator("td").nth(headings.index("Id"))).to_have_text(last)
    page_record.assert_clean()


def column_of(table, index: int) -> list[str]:
    return table.locator(f"tbody tr td:nth-child({index + 1})").all_text_contents()

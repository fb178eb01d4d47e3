"""What a clumsy or hostile reader can do in a real browser, and what they see: addresses
with dates outside the range or repeated ids, a broken view file, a view saved from the
page. Each shows a warning or the view, never an exception box or the catch-all message,
and nothing a reader does changes the repository."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from graph.load import default_data_dir
from graph.store import ViewStore

from . import FIGURE, PageRecord, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

CATCH_ALL = "Something went wrong"
OUT_OF_RANGE = "outside the years 1800 to 2199"


def assert_no_failure(page: Page) -> None:
    """No exception box and no catch-all message anywhere on the page."""
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_text(CATCH_ALL)).to_have_count(0)


def alerts(page: Page) -> str:
    return "\n".join(page.get_by_test_id("stAlert").all_inner_texts())


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("query", "warned"),
    [
        ("on=0001", "Ignored on='0001' in the address"),
        ("to=9999", "Ignored to='9999' in the address"),
        ("on=2200-06-01", "Ignored on='2200-06-01' in the address"),
        ("compare=0001&compare=2021", "Ignored compare=['0001', '2021'] in the address"),
        ("on=1799-12-31&relations=R001,R001", "Ignored on='1799-12-31' in the address"),
    ],
)
def test_an_address_out_of_range_warns_and_shows_the_rest(
    page: Page, page_record: PageRecord, app_url: str, query: str, warned: str
) -> None:
    page.goto(f"{app_url}/?{query}")
    wait_for_app(page, timeout=60_000)
    expect(page.locator(FIGURE)).to_have_count(3, timeout=60_000)
    assert_no_failure(page)
    shown = alerts(page)
    assert warned in shown, shown
    assert OUT_OF_RANGE in shown
    page_record.assert_clean()


@pytest.mark.parametrize("query", ["on=1800", "on=2101", "relations=R001,R001"])
def test_an_address_inside_the_range_shows_its_view(
    page: Page, page_record: PageRecord, app_url: str, query: str
) -> None:
    page.goto(f"{app_url}/?{query}")
    wait_for_app(page, timeout=60_000)
    expect(page.locator(FIGURE)).to_have_count(3, timeout=60_000)
    assert_no_failure(page)
    expect(page.get_by_text(re.compile("^Showing:"))).to_be_visible()
    if query.startswith("relations"):  # one relation, once: its record on the page
        expect(page).to_have_url(re.compile(r"[?&]relation=R001\b"))
        expect(page.get_by_role("heading", name="Affiliation")).to_be_visible()
    page_record.assert_clean()


def test_a_broken_view_file_hides_only_itself(
    page: Page,
    page_record: PageRecord,
    launch_app: Callable[..., str],
    tmp_path: Path,
) -> None:
    data = shutil.copytree(default_data_dir(), tmp_path / "data")
    (data / "views" / "zz.toml").write_text("")  # what a killed save used to leave
    url = launch_app(data)

    page.goto(url)
    wait_for_app(page, timeout=60_000)
    assert_no_failure(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(page.locator(FIGURE)).to_have_count(3, timeout=60_000)
    wait_for_app(page)
    sidebar.get_by_text("Saved views and stories").click()
    expect(sidebar.get_by_text("views/zz.toml:1: title: missing title")).to_be_visible()
    wait_for_app(page)
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Show a saved view").locator(
        "input"
    ).click()
    expect(page.get_by_role("option")).to_have_count(7)
    save_screenshot(page, "broken-view-file")

    page.goto(f"{url}/?present=1&story=iran-pakistan-2021&step=1")
    wait_for_app(page, timeout=60_000)
    assert_no_failure(page)
    expect(page.get_by_text("step 1 of 7")).to_be_visible()
    page_record.assert_clean()


def test_a_view_saved_in_the_page_leaves_the_repository_untouched(
    page: Page, page_record: PageRecord, app_url: str, app_state: Path
) -> None:
    before = folder_bytes(default_data_dir())
    page.goto(f"{app_url}/?signs=-1")
    wait_for_app(page, timeout=60_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Save this view").click()
    title = f"Hostile ties {len(ViewStore(app_state)) + 1}"
    sidebar.get_by_role("textbox", name="Title").fill(title)
    sidebar.get_by_role("textbox", name="Title").press("Enter")
    wait_for_app(page)
    sidebar.get_by_role("button", name="Save", exact=True).click()
    expect(sidebar.get_by_text(f"Saved “{title}”: it is listed under Saved views.")).to_be_visible()
    assert_no_failure(page)
    assert folder_bytes(default_data_dir()) == before
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower())
    assert ViewStore(app_state).read().views[slug].title == title
    page_record.assert_clean()

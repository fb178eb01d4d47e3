"""Bring your own data in a real browser: a broken CSV shows its located errors, and the
page keeps the data it had."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from graph.load import default_data_dir

from . import PageRecord, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_a_broken_csv_shows_its_located_errors(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    header = (default_data_dir() / "relations.csv").read_text(encoding="utf-8").splitlines()[0]
    row = (
        "R900,iran,talibans,false,military_cooperation,1,4,2021-10,,reported,moderate,C,3,"
        "<img src=x onerror=alert(1)>,mena-2021-10:3"
    )
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_text("Your data").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[
            {
                "name": "relations.csv",
                "mimeType": "text/csv",
                "buffer": f"{header}\n{row}\n".encode(),
            }
        ]
    )
    alert = page.get_by_test_id("stAlertContentError").filter(has_text="Not applied")
    expect(alert).to_be_visible(timeout=60_000)
    expect(alert).to_contain_text("relations.csv:2: target: unknown actor 'talibans'")
    expect(page.locator("img[src=x]")).to_have_count(0)
    expect(page.get_by_text("Showing: All relations")).to_be_visible()
    alert.scroll_into_view_if_needed()
    save_screenshot(page, "upload-broken-csv", width=1440, height=900)
    page_record.assert_clean()

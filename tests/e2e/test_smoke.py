"""The dashboard in a real browser: it loads, shows the data's counts, and stays offline."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from graph.load import default_data_dir, load_dataset

from . import PageRecord, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

COUNTED_TABLES = {
    "Actors": "actors",
    "Relations": "relations",
    "Events": "events",
    "Places": "places",
    "Sources": "sources",
}


@pytest.fixture(scope="module")
def expected_counts() -> dict[str, int]:
    """Rows per counted table, as the loader reads the data the server serves."""
    dataset = load_dataset(default_data_dir())
    return {label: len(getattr(dataset, table)) for label, table in COUNTED_TABLES.items()}


def test_page_shows_counts_offline(
    page: Page, page_record: PageRecord, app_url: str, expected_counts: dict[str, int]
) -> None:
    page.goto(app_url)
    wait_for_app(page)

    expect(page).to_have_title("Borderlines")
    expect(page.get_by_role("heading", name="Borderlines")).to_be_visible()
    metrics = page.get_by_test_id("stMetric")
    expect(metrics).to_have_count(len(expected_counts))
    for label, count in expected_counts.items():
        metric = metrics.filter(has=page.get_by_test_id("stMetricLabel").get_by_text(label))
        expect(metric.get_by_test_id("stMetricValue")).to_have_text(str(count))
    expect(page.get_by_test_id("stException")).to_have_count(0)

    save_screenshot(page, "smoke", width=1440, height=900)
    assert any(url.startswith(app_url) for url in page_record.requests), "nothing recorded"
    page_record.assert_clean()


def test_broken_data_shows_its_issues_not_a_traceback(
    page: Page, page_record: PageRecord, launch_app: Callable[[Path], str], tmp_path: Path
) -> None:
    data_dir = shutil.copytree(default_data_dir(), tmp_path / "data")
    relations = data_dir / "relations.csv"
    with relations.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[1][rows[0].index("target")] = "no_such_actor"
    with relations.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)

    page.goto(launch_app(data_dir))
    wait_for_app(page)

    alert = page.get_by_test_id("stAlert")
    expect(alert).to_contain_text("relations.csv:2")
    expect(alert).to_contain_text("no_such_actor")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stMetric")).to_have_count(0)
    save_screenshot(page, "broken-data", width=1440, height=900)
    page_record.assert_clean()

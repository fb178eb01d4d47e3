"""dashboard.py run headless by Streamlit's AppTest, and the settings it is served with."""

from __future__ import annotations

import csv
import shutil
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.load import Dataset, default_data_dir, load_dataset

REPO = Path(__file__).resolve().parents[1]
DASHBOARD = REPO / "dashboard.py"
STREAMLIT_CONFIG = REPO / ".streamlit" / "config.toml"

# Seconds for one run of the page; a cold load of the data takes about one.
RUN_TIMEOUT = 30

COUNTED_TABLES = {
    "Actors": "actors",
    "Relations": "relations",
    "Events": "events",
    "Places": "places",
    "Sources": "sources",
}


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(default_data_dir())


def run_dashboard() -> AppTest:
    return AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT).run()


def broken_copy(tmp_path: Path, table: str, edits: dict[tuple[int, str], str]) -> Path:
    """Copy the shipped data to ``tmp_path`` and set ``edits[(line, field)]`` in ``table``.

    Lines count as in the loader's messages: the header is line 1.
    """
    data_dir = shutil.copytree(default_data_dir(), tmp_path / "data")
    path = data_dir / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    for (line, field), value in edits.items():
        rows[line - 1][rows[0].index(field)] = value
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    return data_dir


def test_page_shows_the_counts_of_the_data(shipped: Dataset) -> None:
    at = run_dashboard()

    assert not at.exception
    assert not at.error
    assert at.title[0].value == "Borderlines"
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown == {label: str(len(getattr(shipped, t))) for label, t in COUNTED_TABLES.items()}


def test_page_lists_every_issue_of_broken_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = broken_copy(
        tmp_path, "relations", {(2, "target"): "no-such-actor", (3, "source"): "nobody-at-all"}
    )
    monkeypatch.setenv("BORDERLINES_DATA", str(data_dir))

    at = run_dashboard()

    assert not at.exception
    assert not at.metric
    [error] = at.error
    for place, name in [("relations.csv:2", "no-such-actor"), ("relations.csv:3", "nobody-at-all")]:
        assert any(place in line and name in line for line in error.value.splitlines())


def test_page_reports_a_missing_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDERLINES_DATA", str(tmp_path / "nowhere"))

    at = run_dashboard()

    assert not at.exception
    assert not at.metric
    assert len(at.error) == 1


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("browser", "gatherUsageStats", False),  # no usage statistics sent out
        ("server", "address", "127.0.0.1"),  # no external IP look-up, not on the network
        ("server", "enableXsrfProtection", True),
        ("client", "showErrorDetails", "none"),  # no traceback on the page
    ],
)
def test_streamlit_config_keeps_the_page_offline_and_private(
    section: str, key: str, value: object
) -> None:
    config = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    assert config[section][key] == value

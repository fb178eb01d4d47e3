"""The page on a large dataset (AppTest): what it leaves out or merges, it says.

A seeded synthetic dataset of 6,000 relations (``benchmarks.generate``) is past the
network's WebGL threshold and the analysis limit, and past the map's and the timeline's
caps, so each way the page keeps large data quick shows, and is told to the reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchmarks.generate import generate

REPO = Path(__file__).resolve().parents[1]
DASHBOARD = REPO / "dashboard.py"
RELATIONS = 6000
NETWORK, MAP, TIMELINE = 0, 1, 2


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(RELATIONS, seed=0, out=tmp_path_factory.mktemp("large") / "data")


@pytest.fixture
def page(large: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("BORDERLINES_DATA", str(large))
    at = AppTest.from_file(str(DASHBOARD), default_timeout=120).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    return at


def figure(at: AppTest, index: int) -> dict:
    """The ``index``-th figure (ui.figure) of the page, not its other components."""
    figures = [
        c for c in at.get("bidi_component") if c.proto.component_name == "borderlines_figure"
    ]
    return json.loads(json.loads(figures[index].proto.json)["spec"])


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


ANALYSIS_TABS = ["Top actors", "Tension triads", "Camps", "Blocs"]


def analysis_tabs(at: AppTest) -> list[str]:
    return [t.label for t in at.tabs if t.label in ANALYSIS_TABS]


def open_analysis(at: AppTest) -> AppTest:
    at.session_state["lower"] = "Analysis of what is on screen"
    return at.run()


def test_past_the_limit_the_analysis_waits_for_a_click_and_then_stays(page: AppTest) -> None:
    page = open_analysis(page)
    assert any("runs when asked" in i.value for i in page.info)
    assert not analysis_tabs(page)  # no analysis tabs yet
    page.button(key="analyse_large").click().run()
    assert analysis_tabs(page) == ANALYSIS_TABS
    assert not any("runs when asked" in i.value for i in page.info)
    page.run()  # the same view again: still analysed, no new click needed
    assert analysis_tabs(page)


def test_a_narrower_view_is_analysed_without_asking(page: AppTest) -> None:
    types = open_analysis(page).sidebar.multiselect(key="f_types")
    page = types.set_value(types.value[:1]).run()
    assert not any("runs when asked" in i.value for i in page.info)
    assert analysis_tabs(page)


def test_merged_lines_are_told_under_the_network(page: AppTest) -> None:
    meta = figure(page, NETWORK)["layout"]["meta"]["merged"]
    assert meta["relations"] == RELATIONS
    assert meta["lines"] < RELATIONS
    assert f"{RELATIONS:,} relations on screen, drawn as {meta['lines']:,} lines" in captions(page)


def test_the_map_and_the_timeline_say_what_they_leave_out(page: AppTest) -> None:
    the_map = figure(page, MAP)["layout"]
    assert the_map["meta"]["areas_left_out"] > 0
    assert any("Pick an actor" in a["text"] for a in the_map["annotations"])
    timeline = figure(page, TIMELINE)["layout"]
    assert "more pairs" in timeline["xaxis"]["title"]["text"]
    drawn = {
        c[1]
        for trace in figure(page, TIMELINE)["data"]
        for c in trace.get("customdata") or []
        if isinstance(c, list) and c[0] == "relation"
    }
    assert 0 < len(drawn) <= 1000

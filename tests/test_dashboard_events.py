"""The event-data layer on the page (ui.events), run headless by AppTest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_dashboard import (
    MAP,
    NETWORK,
    assert_clean,
    click,
    component_data,
    figure,
    relation_ids,
    run_dashboard,
    shown_text,
)


def event_keys(at, index: int = NETWORK) -> list[str]:
    """The event-data dyads a figure draws (their clickable midpoints)."""
    return [
        item[1]
        for trace in figure(at, index)["data"]
        for item in trace.get("customdata") or ()
        if isinstance(item, list) and item[:1] == ["event"]
    ]


def test_without_events_the_page_offers_no_layer() -> None:
    at = run_dashboard({"layer": "both"})
    assert_clean(at)
    assert not [c for c in at.get("button_group") if c.label == "Relations from"]
    assert event_keys(at) == []


def test_both_draws_the_event_dyads_beside_the_curated_relations(event_store: Path) -> None:
    curated = run_dashboard()
    at = run_dashboard({"layer": "both"})
    assert_clean(at)
    assert event_keys(curated) == []
    assert sorted(event_keys(at)) == [
        "acled|islamic-state-khorasan|taliban", "gdelt|iran|azerbaijan", "gdelt|iran|pakistan",
    ]  # fmt: skip
    assert relation_ids(at) == relation_ids(curated)  # the curated relations all stay
    # on the map too, between the actors' places (Iran, Pakistan, Azerbaijan's capitals;
    # IS-K and the Taliban share no place with a different position)
    assert "gdelt|iran|pakistan" in event_keys(at, MAP)
    assert event_keys(curated, MAP) == []
    legend = [t["name"] for t in figure(at, NETWORK)["data"] if t.get("showlegend")]
    assert "Event data: GDELT (machine-coded)" in legend
    text = shown_text(at)
    assert (
        "Event data (machine-coded, grey dotted arcs in the network and on the map): "
        "3 dyads, 20 events"
    ) in text
    assert "graded F6 (cannot be judged), low confidence" in text


def test_event_data_alone_hides_the_curated_relations(event_store: Path) -> None:
    at = run_dashboard({"layer": "events"})
    assert_clean(at)
    assert relation_ids(at) == set()
    assert relation_ids(at, MAP) == set()
    assert len(event_keys(at)) == 3
    assert at.query_params["layer"] == "events"


def test_the_date_filter_narrows_the_event_months(event_store: Path) -> None:
    at = run_dashboard({"layer": "both", "from": "2021-09", "to": "2021-09"})
    assert_clean(at)
    assert event_keys(at) == ["gdelt|iran|azerbaijan"]


def test_a_click_on_a_dyad_shows_its_record_sources_and_months(event_store: Path) -> None:
    at = click(run_dashboard({"layer": "both"}), "network", "event", "gdelt|iran|pakistan")
    assert_clean(at)
    text = shown_text(at)
    assert "GDELT (machine-coded): Iran → Pakistan" in text
    assert "12 events, 2021-10" in text
    assert "https://news.example/iran-pakistan/0" in text
    # Drawn like the page's other figures (ui.figure), not by st.plotly_chart.
    assert not at.get("plotly_chart")
    [chart] = [c for c in at.get("bidi_component") if c.key == "pair_months"]
    spec = json.loads(component_data(chart)["spec"])
    title = spec["layout"]["title"]["text"]
    assert title == "Event data (machine-coded) between Iran and Pakistan, by month"
    assert {t["type"] for t in spec["data"]} == {"bar", "scatter"}
    assert at.session_state["selection"] is None  # a dyad is not a curated selection


def test_a_bad_layer_in_the_address_is_named(event_store: Path) -> None:
    at = run_dashboard({"layer": "gossip"})
    assert_clean(at)
    assert "Ignored layer='gossip' in the address: use curated, events or both." in shown_text(at)
    assert event_keys(at) == []


@pytest.mark.parametrize("choice", ["curated", "events", "both"])
def test_the_layer_control_writes_the_address(event_store: Path, choice: str) -> None:
    at = run_dashboard()
    [control] = [c for c in at.get("button_group") if c.label == "Relations from"]
    control.set_value(choice).run()
    assert_clean(at)
    assert at.query_params.get("layer", "curated") == choice


def test_a_confidence_filter_above_low_hides_event_data_and_says_why(event_store: Path) -> None:
    at = run_dashboard({"layer": "both", "min_confidence": "moderate"})
    assert_clean(at)
    assert event_keys(at) == []
    assert "No event data drawn: event data is graded low confidence" in shown_text(at)


def test_a_curators_new_mapping_shows_at_once(
    event_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The layer's caches are keyed by the mapping table too, not only by the store."""
    import shutil

    from graph.load import default_data_dir

    data = shutil.copytree(default_data_dir(), tmp_path / "data")
    monkeypatch.setenv("BORDERLINES_DATA", str(data))
    assert "gdelt|iran|azerbaijan" in event_keys(run_dashboard({"layer": "both"}))
    table = data / "event_actors.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if not line.startswith("gdelt,AZE,")),
                     encoding="utf-8")  # fmt: skip
    at = run_dashboard({"layer": "both"})
    assert_clean(at)
    assert "gdelt|iran|azerbaijan" not in event_keys(at)
    assert "gdelt|iran|pakistan" in event_keys(at)

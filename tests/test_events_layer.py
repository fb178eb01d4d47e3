"""The page's event-data layer (graph.events.layer) and its figures (graph.figures.events)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.events.layer import EventDyad, event_layer, pair_months, pair_sources, screened
from graph.events.mapping import read_mapping
from graph.events.store import EventStore
from graph.figures.events import (
    dyad_text,
    event_edge_traces,
    event_map_traces,
    pair_months_figure,
)
from graph.filters import FilterSpec
from graph.load import default_data_dir

ON_SCREEN = ["iran", "pakistan", "azerbaijan", "taliban", "islamic-state-khorasan"]


@pytest.fixture(scope="module")
def mapping() -> dict:
    return read_mapping(default_data_dir())


def test_dyads_between_the_actors_on_screen_busiest_first(event_store: Path, mapping):
    layer = event_layer(EventStore(event_store), mapping, ON_SCREEN)
    assert [(d.dataset, d.actor1, d.actor2, d.events) for d in layer.dyads] == [
        ("gdelt", "iran", "pakistan", 12),
        ("gdelt", "iran", "azerbaijan", 5),
        ("acled", "islamic-state-khorasan", "taliban", 3),
    ]
    assert (layer.total, layer.events) == (3, 20)
    iran_pakistan, iran_azerbaijan, battles = layer.dyads
    assert (iran_pakistan.sign, iran_azerbaijan.sign, battles.sign) == (1, -1, -1)
    assert battles.fatalities == 6
    assert iran_pakistan.directed
    assert not battles.directed


def test_an_actor_off_screen_takes_its_dyads_with_it(event_store: Path, mapping):
    layer = event_layer(EventStore(event_store), mapping, ["iran", "pakistan"])
    assert [d.key for d in layer.dyads] == ["gdelt|iran|pakistan"]


@pytest.mark.parametrize(
    ("start", "end", "keys"),
    [
        ("2021-10", "2021-10", ["gdelt|iran|pakistan", "acled|islamic-state-khorasan|taliban"]),
        ("2021-09", "2021-09", ["gdelt|iran|azerbaijan"]),
        ("2022-01", None, []),
    ],
)
def test_the_months_of_the_date_filter(event_store: Path, mapping, start, end, keys):
    layer = event_layer(EventStore(event_store), mapping, ON_SCREEN, start=start, end=end)
    assert [d.key for d in layer.dyads] == keys


def test_the_cap_keeps_the_busiest_and_counts_the_rest(event_store: Path, mapping):
    layer = event_layer(EventStore(event_store), mapping, ON_SCREEN, cap=1)
    assert [d.key for d in layer.dyads] == ["gdelt|iran|pakistan"]
    assert layer.total == 3
    with pytest.raises(ValueError, match="cap 0 is not a positive number"):
        event_layer(EventStore(event_store), mapping, ON_SCREEN, cap=0)


def test_a_pairs_months_and_sources(event_store: Path, mapping):
    store = EventStore(event_store)
    months = pair_months(store, mapping, "pakistan", "iran")  # either order
    assert [(m.dataset, m.month, m.events, m.goldstein_mean) for m in months] == [
        ("gdelt", "2021-10", 12, 2.8)
    ]
    [dyad] = [d for d in event_layer(store, mapping, ON_SCREEN).dyads if d.actor2 == "pakistan"]
    assert pair_sources(store, mapping, dyad) == [
        (f"https://news.example/iran-pakistan/{n}", 4) for n in range(3)
    ]


def test_a_dyad_says_what_it_is_and_how_it_is_graded():
    dyad = EventDyad("gdelt", "iran", "pakistan", True, 12, "2021-09", "2021-10", 40, 1.9, -2)
    text = dyad_text(dyad, {"iran": "Iran", "pakistan": "Pakistan"})
    assert text == (
        "GDELT (machine-coded): Iran → Pakistan · 12 events, 2021-09 to 2021-10 · "
        "Goldstein mean +1.9, tone -2.0 · graded F6 (cannot be judged), low confidence"
    )


def test_event_arcs_apart_from_curated_lines(event_store: Path, mapping):
    layer = event_layer(EventStore(event_store), mapping, ON_SCREEN)
    positions = {"iran": (0, 0), "pakistan": (1, 0), "azerbaijan": (0, 1)}  # no Taliban
    traces = event_edge_traces(layer, positions, names={"iran": "<b>Iran</b>"}, theme="dark")
    lines = [t for t in traces if t["mode"] == "lines"]
    hovers = [t for t in traces if t["mode"] == "markers"]
    assert [t["showlegend"] for t in lines] == [True, False]  # one legend entry per dataset
    assert {t["line"]["dash"] for t in lines} == {"dot"}
    assert [c[1] for c in hovers[0]["customdata"]] == [
        "gdelt|iran|pakistan",
        "gdelt|iran|azerbaijan",
    ]
    assert all("&lt;b&gt;Iran&lt;/b&gt;" in text for text in hovers[0]["hovertext"])
    # the arc bends away from the straight line a curated relation takes
    middle = lines[0]["y"][len(lines[0]["y"]) // 2 - 1]
    assert middle != 0
    with pytest.raises(ValueError, match="theme 'sepia'"):
        event_edge_traces(layer, positions, names={}, theme="sepia")


def test_the_pairs_months_figure():
    empty = pair_months_figure([], "Iran", "Pakistan")
    assert empty.layout.annotations[0].text == "No events of this pair in the event store"


@pytest.mark.parametrize(
    ("spec", "keys", "why"),
    [
        (FilterSpec(), ["gdelt|iran|pakistan", "gdelt|iran|azerbaijan",
                        "acled|islamic-state-khorasan|taliban"], None),
        (FilterSpec(signs=["hostile"]),
         ["gdelt|iran|azerbaijan", "acled|islamic-state-khorasan|taliban"], None),
        (FilterSpec(signs=["cooperative"]), ["gdelt|iran|pakistan"], None),
        (FilterSpec(min_confidence="low"), ["gdelt|iran|pakistan", "gdelt|iran|azerbaijan",
                                            "acled|islamic-state-khorasan|taliban"], None),
        (FilterSpec(min_confidence="high"), [], "below the confidence filter (high)"),
        (FilterSpec(min_grade="E5"), [], "below the grade filter (E5 or better)"),
    ],
)  # fmt: skip
def test_the_filters_screen_event_data_as_what_it_is(event_store: Path, mapping, spec, keys, why):
    layer, hidden = screened(event_layer(EventStore(event_store), mapping, ON_SCREEN), spec)
    assert [d.key for d in layer.dyads] == keys
    assert (hidden is None) == (why is None)
    if why:
        assert why in hidden


def test_event_arcs_on_the_map_between_places(event_store: Path, mapping):
    layer = event_layer(EventStore(event_store), mapping, ON_SCREEN)
    anchors = {"iran": (51.4, 35.7), "pakistan": (73.0, 33.7), "azerbaijan": (51.4, 35.7)}
    traces = event_map_traces(layer, anchors, names={})
    assert {t["type"] for t in traces} == {"scattergeo"}
    assert not any(t["showlegend"] for t in traces)
    [hover] = [t for t in traces if t["mode"] == "markers"]
    # Iran and Azerbaijan anchored on one spot: no arc; no place for the Taliban: none
    assert [c[1] for c in hover["customdata"]] == ["gdelt|iran|pakistan"]
    assert min(hover["lon"]) > 51.4

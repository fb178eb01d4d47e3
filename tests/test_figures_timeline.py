"""Tests of the timeline figure: precision, open ends, events, filtering, clicks, escaping."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pandas as pd
import plotly.io
import plotly.tools
import pytest

from graph.build import build_graph, graph_from_records
from graph.figures import _plain
from graph.figures._plain import PlainFigure
from graph.figures.timeline import (
    date_from_selection,
    events_in_view,
    timeline_figure,
)
from graph.filters import FilterSpec, apply_filters
from graph.load import load_dataset

DAY_MS = 86_400_000
ACTORS = [
    {"id": "iran", "name": "Iran", "short_name": "Iran"},
    {"id": "pakistan", "name": "Pakistan", "short_name": "Pakistan"},
    {"id": "azerbaijan", "name": "Azerbaijan", "short_name": "Azerbaijan"},
]
SOURCES = [{"id": "s", "publisher": "Paper", "published": "2021-10"}]  # as_of 2021-10-31


def graph(*relations, actors=ACTORS):
    rows = []
    for i, relation in enumerate(relations, start=1):
        row = {"id": f"R{i}", "source": "iran", "target": "pakistan", "relation": "coop"}
        row.update(relation)
        row.setdefault("sign", -1 if row["relation"] == "tension" else 1)
        row.setdefault("intensity", 3.0 * row["sign"] if row["sign"] else 0.0)
        rows.append(row)
    return graph_from_records(actors, rows, sources=SOURCES)


def bars_of(fig, relation_id):
    """(base, end exclusive) of the relation's bar, as dates."""
    for trace in fig.data:
        if trace.type != "bar" or trace.customdata is None or trace.showlegend is False:
            continue
        for base, length, custom in zip(trace.base, trace.x, trace.customdata, strict=True):
            if custom[0] == "relation" and custom[1] == relation_id:
                first = date.fromisoformat(base)
                return first, first + timedelta(days=length // DAY_MS)
    raise LookupError(relation_id)


def type_bars(fig):
    """The bar traces of relation types (one per type)."""
    return [t for t in fig.data if t.type == "bar" and (t.legendgroup or "").startswith("type:")]


def arrow_symbols(fig):
    """Marker symbols of the arrows drawn at open ends."""
    return {
        symbol
        for t in fig.data
        if t.type == "scatter" and isinstance(t.marker.symbol, tuple)
        for symbol in t.marker.symbol
    }


def customdata(fig, kind):
    return {
        (c[1], c[2])
        for t in fig.data
        if t.customdata is not None
        for c in t.customdata
        if c[0] == kind
    }


@pytest.fixture(scope="module")
def shipped():
    dataset = load_dataset()
    return dataset, build_graph(dataset)


# --------------------------------------------------------------------------- precision


@pytest.mark.parametrize(
    ("start", "end", "first", "after_last"),
    [
        ("2021-10", "2021-10", date(2021, 10, 1), date(2021, 11, 1)),  # the whole month
        ("2021", "2021", date(2021, 1, 1), date(2022, 1, 1)),  # the whole year
        ("2021-10-05", "2021-10-05", date(2021, 10, 5), date(2021, 10, 6)),  # one day
        ("2020-02", "2021-10-14", date(2020, 2, 1), date(2021, 10, 15)),  # mixed
    ],
)
def test_a_bar_covers_every_day_its_dates_cover(start, end, first, after_last):
    fig = timeline_figure(graph({"start": start, "end": end}))
    assert bars_of(fig, "R1") == (first, after_last)


def test_a_month_precision_relation_is_drawn_as_the_month_not_a_day():
    fig = timeline_figure(graph({"start": "2021-10", "end": "2021-10"}))
    first, after_last = bars_of(fig, "R1")
    assert (after_last - first).days == 31


def test_a_day_long_relation_also_gets_a_visible_marker():
    fig = timeline_figure(graph({"start": "2021-10-05", "end": "2021-10-05"}))
    markers = [
        t
        for t in fig.data
        if t.type == "scatter" and t.customdata is not None and t.mode == "markers"
    ]
    assert ("R1", "2021-10-05") in {(c[1], c[2]) for t in markers for c in t.customdata}


# --------------------------------------------------------------------------- open ends


def test_an_open_end_runs_to_the_data_date_and_fades_past_it():
    fig = timeline_figure(graph({"start": "2021-08"}))
    first, after_last = bars_of(fig, "R1")
    assert first == date(2021, 8, 1)
    assert after_last == date(2021, 11, 1)  # as_of 2021-10-31, inclusive
    tails = [t for t in fig.data if t.type == "bar" and t.showlegend is False]
    assert len(tails) == 1
    assert tails[0].base[0] == "2021-11-01"
    assert max(tails[0].marker.opacity) < 0.5
    assert "triangle-right" in arrow_symbols(fig)


def test_an_open_start_begins_before_the_earliest_known_date_marked_as_open():
    fig = timeline_figure(graph({"end": "2021"}, {"start": "2019-03", "end": "2019-04"}))
    first, _ = bars_of(fig, "R1")
    assert first < date(2019, 1, 1)
    assert "triangle-left" in arrow_symbols(fig)


def test_relations_without_dates_are_counted_not_drawn_unless_asked():
    G = graph({"start": "2021-10"}, {}, {})
    fig = timeline_figure(G)
    assert {ident for ident, _ in customdata(fig, "relation")} == {"R1"}
    assert fig.layout.xaxis.title.text == "2 relations without dates not drawn"
    drawn = timeline_figure(G, show_undated=True)
    assert {ident for ident, _ in customdata(drawn, "relation")} == {"R1", "R2", "R3"}


def crowded():
    """Iran-Pakistan with three relations, Iran-Azerbaijan with two, Pakistan-Azerbaijan
    with one, and one undated."""
    return graph(
        {"start": "2019"},
        {"start": "2020"},
        {"start": "2021"},
        {"target": "azerbaijan", "start": "2018"},
        {"target": "azerbaijan", "start": "2021-10"},
        {"source": "pakistan", "target": "azerbaijan", "start": "2020"},
        {"source": "pakistan", "target": "azerbaijan"},
    )


@pytest.mark.parametrize(
    ("options", "drawn", "note"),
    [
        ({}, {"R1", "R2", "R3", "R4", "R5", "R6"}, "1 relation without dates not drawn"),
        (
            {"max_pairs": 2},
            {"R1", "R2", "R3", "R4", "R5"},
            "1 more pair (1 relation) not drawn: pick an actor or narrow the filters"
            " \u00b7 1 relation without dates not drawn",
        ),
        ({"max_pairs": 1}, {"R1", "R2", "R3"}, "2 more pairs (3 relations) not drawn"),
        # the selected actor's pairs come first, however few their relations
        ({"max_pairs": 1, "selected": "azerbaijan"}, {"R4", "R5"}, "2 more pairs"),
        # whole pairs up to max_relations, the first always
        ({"max_relations": 5}, {"R1", "R2", "R3", "R4", "R5"}, "1 more pair (1 relation)"),
        ({"max_relations": 4}, {"R1", "R2", "R3"}, "2 more pairs (3 relations)"),
        ({"max_relations": 1}, {"R1", "R2", "R3"}, "2 more pairs (3 relations)"),
    ],
)
def test_past_max_pairs_the_busiest_pairs_are_drawn_and_the_rest_counted(options, drawn, note):
    fig = timeline_figure(crowded(), **options)
    assert {ident for ident, _ in customdata(fig, "relation")} == drawn
    assert fig.layout.xaxis.title.text.startswith(note)


@pytest.mark.parametrize(
    ("options", "drawn"),
    [
        ({"max_events": 2}, {"E2", "E4"}),  # the latest two
        ({"max_events": 2, "selected": "iran"}, {"E1", "E2"}),  # the selected actor's
        ({"max_events": None}, {"E1", "E2", "E4"}),  # E3 has one actor on screen
    ],
)
def test_past_max_events_the_latest_or_the_selected_actors_are_drawn(options, drawn):
    G = graph({"start": "2021"}, {"target": "azerbaijan", "start": "2021"})
    fig = timeline_figure(G, EVENTS, **options)
    assert {ident for ident, _ in customdata(fig, "event")} == drawn
    if options.get("max_events"):
        assert "more event" in fig.layout.xaxis.title.text


def test_rows_of_pairs_are_separated_by_one_line_each():
    fig = timeline_figure(crowded())
    lines = [s for s in fig.layout.shapes if s.type == "line" and s.xref == "x domain"]
    assert len(lines) == 2  # three pairs, no events


# --------------------------------------------------------------------------- traces


def test_one_bar_trace_per_relation_type_whatever_the_number_of_relations():
    relations = [
        {"relation": "coop" if i % 2 else "tension", "start": f"20{10 + i % 10}"} for i in range(60)
    ]
    fig = timeline_figure(graph(*relations))
    assert sorted(t.name for t in type_bars(fig)) == ["Coop", "Tension"]
    assert len(fig.data) < 12


def test_hostile_bars_are_hatched_so_sign_does_not_rest_on_colour():
    fig = timeline_figure(graph({"relation": "tension", "start": "2021"}, {"start": "2021"}))
    shapes = {t.name: set(t.marker.pattern.shape) for t in type_bars(fig)}
    assert shapes == {"Tension": {"/"}, "Coop": {""}}


def test_customdata_carries_the_date_a_click_sets():
    fig = timeline_figure(graph({"start": "2021-10"}, {"end": "2019"}, {"start": "2021-10-05"}))
    assert customdata(fig, "relation") >= {("R1", "2021-10"), ("R2", "2019"), ("R3", "2021-10-05")}
    strip = customdata(fig, "date")
    assert ("", "2021-10") in strip


# --------------------------------------------------------------------------- events


EVENTS = pd.DataFrame(
    {
        "date": ["2017", "2021-10", "2021-10-27", "2021-10-05"],
        "end": [None, None, None, None],
        "title": ["Attacks", "Delegation", "Meeting", "Visit"],
        "participants": [
            ("iran", "pakistan"),
            ("iran", "pakistan", "navy"),
            ("iran", "russia", "china"),
            ("pakistan",),
        ],
        "summary": ["", "", "", ""],
        "evidence": ["s:3", "s:4", "s:5", "s:6"],
    },
    index=pd.Index(["E1", "E2", "E3", "E4"], name="id"),
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (None, ["E1", "E2", "E4"]),  # E3 has one of three participants in the view; date order
        (FilterSpec(on="2021-10-27"), ["E2"]),  # E2 covers all of October
        (FilterSpec(date_to="2018"), ["E1"]),
        (FilterSpec(date_from="2021-10-06"), ["E2"]),
    ],
)
def test_events_in_view_keep_actors_on_screen_and_dates_in_the_window(spec, expected):
    assert list(events_in_view(graph(), EVENTS, spec).index) == expected


def test_events_in_view_drop_events_whose_actors_were_filtered_out():
    G = graph({"start": "2021"})
    H = apply_filters(G, FilterSpec(focus=["azerbaijan"], hops=0))
    assert list(events_in_view(H, EVENTS).index) == []


def test_a_month_precision_event_spans_the_month_and_a_day_event_gets_a_marker():
    fig = timeline_figure(graph({"start": "2021"}), EVENTS)
    event_bars = next(t for t in fig.data if t.type == "bar" and t.legendgroup == "events")
    spans = {
        c[1]: (base, length // DAY_MS)
        for base, length, c in zip(
            event_bars.base, event_bars.x, event_bars.customdata, strict=True
        )
    }
    assert spans["E2"] == ("2021-10-01", 31)
    assert spans["E1"] == ("2017-01-01", 365)
    markers = [t for t in fig.data if t.type == "scatter" and t.name == "Event on a known day"]
    assert [c[1] for c in markers[0].customdata] == ["E4"]


def test_an_events_table_without_a_needed_column_is_named():
    with pytest.raises(ValueError, match="no column 'participants'; it has date, end, title"):
        timeline_figure(graph(), EVENTS[["date", "end", "title"]])


# --------------------------------------------------------------------------- the view


def test_the_timeline_shows_exactly_the_dated_relations_of_the_filtered_view(shipped):
    dataset, G = shipped
    spec = FilterSpec(types=["military_cooperation", "tension"], on="2021-10")
    H = apply_filters(G, spec)
    fig = timeline_figure(H, dataset.events, spec=spec)
    dated = {k for _, _, k, d in H.edges(keys=True, data=True) if d["start"] or d["end"]}
    assert {ident for ident, _ in customdata(fig, "relation")} == dated
    shown = {ident for ident, _ in customdata(fig, "event")}
    assert shown == set(events_in_view(H, dataset.events, spec).index)


def test_the_time_filter_is_marked_a_day_with_a_line_and_a_period_with_a_band():
    G = graph({"start": "2021"})
    day = timeline_figure(G, spec=FilterSpec(on="2021-10-27"))
    assert any(s.x0 == "2021-10-27" and s.x1 == "2021-10-27" for s in day.layout.shapes)
    month = timeline_figure(G, spec=FilterSpec(on="2021-10"))
    assert any(
        s.type == "rect" and s.x0 == "2021-10-01" and s.x1 == "2021-11-01"
        for s in month.layout.shapes
    )


def test_selecting_an_actor_fades_the_rows_without_it():
    G = graph({"start": "2021"}, {"start": "2021", "target": "azerbaijan"})
    fig = timeline_figure(G, selected="azerbaijan")
    coop = next(t for t in fig.data if t.name == "Coop")
    opacity = dict(zip((c[1] for c in coop.customdata), coop.marker.opacity, strict=True))
    assert opacity["R2"] > opacity["R1"]


def test_an_empty_view_says_so():
    fig = timeline_figure(graph(), empty_message="Nothing dated here.")
    assert [a.text for a in fig.layout.annotations] == ["Nothing dated here."]


def test_data_text_is_escaped():
    actors = [
        dict(ACTORS[0], name="<img src=x onerror=alert(1)>", short_name="<b>x</b>"),
        *ACTORS[1:],
    ]
    fig = timeline_figure(graph({"start": "2021", "summary": "</script><i>"}, actors=actors))
    text = fig.to_json()
    assert "<img" not in text
    assert "\\u003cimg" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b&gt;x&lt;/b&gt;" in next(iter(fig.layout.yaxis.ticktext))


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"selected": "china"}, "selected actor 'china' is not in the graph"),
        ({"font_size": 0}, "font_size 0 is not a positive number"),
        ({"height": -5}, "height -5 is not a positive number"),
        ({"marked_dates": ["2021-13"]}, "marked date: invalid date '2021-13'"),
        ({"max_pairs": 0}, "max_pairs 0 is not a positive whole number"),
        ({"max_events": 2.5}, "max_events 2.5 is not a positive whole number"),
        ({"max_relations": -1}, "max_relations -1 is not a positive whole number"),
    ],
)
def test_bad_options_are_named(options, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        timeline_figure(graph({"start": "2021"}), **options)


# --------------------------------------------------------------------------- clicks


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        ({"customdata": ["event", "E021", "2021-10-27"]}, "2021-10-27"),
        ({"customdata": ["relation", "R050", "2017-11"]}, "2017-11"),
        ({"customdata": ["date", "", "2019-05"]}, "2019-05"),
        ({"selection": {"points": [{"x": 1}, {"customdata": ["date", "", "2020"]}]}}, "2020"),
        ({"points": [{"customdata": ["event", "E1", "2017"]}]}, "2017"),
        ({"customdata": ["actor", "iran"]}, None),
        ({"customdata": ["relation", "R1", "soon"]}, None),
        ({"selection": {"points": []}}, None),
        ({}, None),
        (None, None),
    ],
)
def test_date_from_selection(point, expected):
    assert date_from_selection(point) == expected


def test_a_clicked_date_sets_the_page_date():
    fig = timeline_figure(graph({"start": "2021-10"}))
    point = {"customdata": list(next(iter(fig.data[0].customdata)))}
    spec = FilterSpec(on=date_from_selection(point))
    assert spec.on == "2021-10"


def as_sent(fig) -> dict:
    """The figure's JSON as ``st.plotly_chart`` makes it, parsed."""
    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return json.loads(plotly.io.to_json(figure, validate=False))


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"selected": "iran", "marked_dates": ["2021-10-27"], "show_undated": True},
        {"spec": FilterSpec(date_from="2021-01", date_to="2022-06"), "font_size": 16},
        {"event_labels": False, "date_strip": False, "show_legend": False, "title": "A <b>"},
        {"max_pairs": 3, "max_events": 2, "max_relations": 10},
        {"spec": FilterSpec(types=("rivalry",), on="1990-01-01")},  # nothing: the empty figure
    ],
)
def test_timeline_is_what_plotly_validation_would_send(shipped, monkeypatch, options):
    # The timeline is built without plotly's validation; built with it, the browser would
    # receive the same JSON (and validation would have raised on a bad property).
    dataset, G = shipped
    H = apply_filters(G, options.get("spec"))
    fast = as_sent(timeline_figure(H, dataset.events, **options))
    monkeypatch.setattr(_plain, "VALIDATE", True)
    validated = timeline_figure(H, dataset.events, **options)
    assert not isinstance(validated, PlainFigure)  # built through plotly's validation
    assert as_sent(validated) == fast


def test_a_compact_legend_leaves_the_types_to_another_key(shipped):
    dataset, G = shipped
    full = timeline_figure(G, dataset.events)
    compact = timeline_figure(G, dataset.events, type_legend=False)
    shown = [t.name for t in compact.data if t.showlegend is not False and t.name]
    assert shown  # events, patterns and open ends keep their keys
    types = {
        t.name for t in full.data if t.type == "bar" and (t.legendgroup or "").startswith("type:")
    }
    assert types
    assert not types & set(shown)
    assert compact.layout.legend.entrywidth is None
    assert len(compact.data) == len(full.data)  # the same bars, only the legend differs

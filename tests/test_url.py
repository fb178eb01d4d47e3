"""graph.url: the page's state in its address and widgets (URL, clicks, widgets, views)."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from graph.filters import FilterSpec, apply_filters
from graph.url import (
    Selection,
    compare_pair,
    grade_from_parts,
    grade_parts,
    page_query,
    selection_from_event,
    selection_from_query,
    spec_from_query,
    spec_from_widgets,
    story_step,
    summary_text,
    view_selection,
    widget_state,
)
from graph.views import Story, View

# --------------------------------------------------------------------------- the URL


@pytest.mark.parametrize(
    ("query", "expected", "warned"),
    [
        ({}, FilterSpec(keep_isolates=False), 0),
        ({"isolates": "show"}, FilterSpec(), 0),
        ({"isolates": "hide"}, FilterSpec(keep_isolates=False), 0),
        ({"types": ["talks", "nope"]}, FilterSpec(types=["talks"], keep_isolates=False), 1),
        ({"types": "nope"}, FilterSpec(keep_isolates=False), 1),  # nothing valid: no filter
        ({"types": [""]}, FilterSpec(types=[], keep_isolates=False), 0),  # none chosen
        ({"kinds": ["state", "alien"]}, FilterSpec(kinds=["state"], keep_isolates=False), 1),
        ({"signs": "sideways"}, FilterSpec(keep_isolates=False), 1),
        ({"on": "2021-02-30"}, FilterSpec(keep_isolates=False), 1),
        ({"on": "2021", "from": "2020"}, FilterSpec(keep_isolates=False), 1),
        ({"from": "2022", "to": "2020"}, FilterSpec(keep_isolates=False), 1),
        ({"min_grade": "Z9"}, FilterSpec(keep_isolates=False), 1),
        ({"hops": "two"}, FilterSpec(keep_isolates=False), 1),
        ({"focus": ["iran", "atlantis"], "hops": "2"},
         FilterSpec(focus=["iran"], hops=2, keep_isolates=False), 1),
        ({"search": "باكستان", "page": "map"},
         FilterSpec(search="باكستان", keep_isolates=False), 0),
    ],
)  # fmt: skip
def test_spec_from_query_keeps_what_is_valid(
    small: nx.MultiDiGraph, query: dict, expected: FilterSpec, warned: int
) -> None:
    spec, warnings = spec_from_query(small, query)
    assert spec == expected
    assert len(warnings) == warned
    assert all(warning.startswith("Ignored") for warning in warnings)


@pytest.mark.parametrize(
    "spec",
    [
        FilterSpec(keep_isolates=False),
        FilterSpec(),
        FilterSpec(types=["talks"], signs=[-1, 0], on="2021-10-27", keep_isolates=False),
        FilterSpec(kinds=["armed_group"], date_from="2019", min_confidence="high"),
        FilterSpec(min_grade="B2", focus=["iran"], hops=3, search="Jaish"),
        FilterSpec(types=[], keep_isolates=False),
    ],
)
def test_page_query_round_trips_through_spec_from_query(
    small: nx.MultiDiGraph, spec: FilterSpec
) -> None:
    query = page_query(spec, Selection("actor", "iran"), {"size": "strength", "empty": ""})
    assert query["actor"] == ["iran"]
    assert query["size"] == ["strength"]
    assert "empty" not in query
    assert spec_from_query(small, query) == (spec, [])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"actor": "iran"}, Selection("actor", "iran")),
        ({"relation": ["R9", "R1"]}, Selection("relation", "R1")),  # the last value counts
        ({"relations": "R1,R2"}, Selection("relations", "R1,R2")),
        ({"place": "tehran", "actor": "iran"}, Selection("actor", "iran")),
        ({"actor": ""}, None),
    ],
)
def test_selection_from_query(query: dict, expected: Selection | None) -> None:
    known = {"actor": {"iran"}, "relation": {"R1", "R2"}, "place": {"tehran"}}
    assert selection_from_query(query, known) == (expected, [])


@pytest.mark.parametrize("query", [{"actor": "atlantis"}, {"relations": "R1,R404"}])
def test_selection_from_query_warns_about_unknown_ids(query: dict) -> None:
    selection, warnings = selection_from_query(query, {"actor": {"iran"}, "relation": {"R1"}})
    assert selection is None
    [warning] = warnings
    assert "no such" in warning


# --------------------------------------------------------------------------- clicks


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (None, None),
        ({}, None),
        ({"selection": {"points": []}}, None),
        ({"selection": {"points": [{"x": 1}]}}, None),
        ({"selection": {"points": [{"customdata": ["country", "TKM"]}]}}, None),
        ({"selection": {"points": [{"customdata": ["actor", "iran"]}]}},
         Selection("actor", "iran")),
        ({"selection": {"points": [{"customdata": "actor"},
                                   {"customdata": ["relation", "R1"]}]}},
         Selection("relation", "R1")),
        ({"selection": {"points": [{"customdata": ["relations", "R1,R2"]}]}},
         Selection("relations", "R1,R2")),
        ({"selection": {"points": [{"customdata": ["border", "IRN-PAK"]}]}},
         Selection("border", "IRN-PAK")),
    ],
)  # fmt: skip
def test_selection_from_event(event: object, expected: Selection | None) -> None:
    assert selection_from_event(event) == expected


# --------------------------------------------------------------------------- widgets


@pytest.mark.parametrize(
    "spec",
    [
        FilterSpec(keep_isolates=False),
        FilterSpec(types=["attack"], signs=[-1], kinds=["armed_group"], on="2019-06-01"),
        FilterSpec(date_from="2019-01-01", date_to="2021-10-31", min_confidence="moderate"),
        FilterSpec(min_grade="C2", focus=["iran"], hops=0, search="pak", keep_isolates=False),
        FilterSpec(types=[], signs=[], kinds=[]),
    ],
)
def test_widgets_show_the_spec_they_make(small: nx.MultiDiGraph, spec: FilterSpec) -> None:
    values, warnings = widget_state(small, spec, kinds=["state", "armed_group"])
    assert warnings == []
    assert spec_from_widgets(small, values, kinds=["state", "armed_group"]) == (spec, [])


def test_widgets_turn_a_partial_day_into_the_same_window(small: nx.MultiDiGraph) -> None:
    values, _ = widget_state(small, FilterSpec(on="2019"), kinds=["state"])
    assert (values["f_from"], values["f_to"]) == (date(2019, 1, 1), date(2019, 12, 31))
    spec, _ = spec_from_widgets(small, values, kinds=["state"])
    during = apply_filters(small, FilterSpec(on="2019"))
    assert set(apply_filters(small, spec).edges(keys=True)) == set(during.edges(keys=True))


def test_widgets_cut_hops_to_the_slider(small: nx.MultiDiGraph) -> None:
    values, [warning] = widget_state(small, FilterSpec(focus=["iran"], hops=9), kinds=[])
    assert values["f_hops"] == 5
    assert "9" in warning


@pytest.mark.parametrize(
    ("grade", "parts"),
    [(None, (None, None)), ("B2", ("B", 2)), ("F3", (None, 3)), ("A6", ("A", None))],
)
def test_grade_parts_round_trip(grade: str | None, parts: tuple) -> None:
    assert grade_parts(grade) == parts
    assert grade_from_parts(*parts) == grade


def test_summary_says_what_differs_from_the_page_default() -> None:
    assert summary_text(FilterSpec(keep_isolates=False)) == "All relations"
    assert summary_text(FilterSpec()).endswith("actors without relations shown")
    assert "hidden" not in summary_text(FilterSpec(signs=[1], keep_isolates=False))


# --------------------------------------------------------------------------- views, exports


@pytest.mark.parametrize(
    ("before", "after", "pair", "problem"),
    [
        ("2017", "2021-10-27", ("2017", "2021-10-27"), ""),
        (" 2021-10 ", "2021-10", ("2021-10", "2021-10"), ""),
        ("", "", None, ""),
        ("2017", "", None, "Give both dates to compare."),
        ("2022", "2017", None, "The first date (2022) is after the second (2017)."),
        ("yesterday", "2017", None, "'yesterday' is not a date like 2021, 2021-10 or 2021-10-27."),
    ],
)
def test_compare_pair(before: str, after: str, pair: tuple | None, problem: str) -> None:
    assert compare_pair(before, after) == (pair, problem)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"story": "s", "step": "2"}, ("s", 2)),
        ({"story": "s"}, ("s", 1)),
        ({"story": "s", "step": "0"}, ("s", 1)),
        ({"story": "s", "step": "99"}, ("s", 3)),
        ({"story": "s", "step": "two"}, ("s", 1)),
        ({"story": "unknown", "step": "2"}, None),
        ({}, None),
    ],
)
def test_story_step(query: dict, expected: tuple | None) -> None:
    stories = {"s": Story("s", "S", views=("a", "b", "c"))}
    assert story_step(query, stories) == expected


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ("iran", Selection("actor", "iran")),
        ("R1", Selection("relation", "R1")),
        ("R404", None),
        (None, None),
    ],
)
def test_view_selection(selection: str | None, expected: Selection | None) -> None:
    known = {"actor": {"iran"}, "relation": {"R1"}}
    assert view_selection(View("v", "V", selection=selection), known) == expected

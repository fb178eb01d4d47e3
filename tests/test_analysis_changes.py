"""Tests of graph.analysis.changes: what changed between two dates."""

from __future__ import annotations

from datetime import date

import pytest

from graph.analysis.changes import RELATION_CHANGE_COLUMNS, SIGN_CHANGE_COLUMNS, changes
from graph.build import graph_from_records


@pytest.fixture
def G():
    relations = [
        ("R1", "iran", "azerbaijan", "Military posturing", -1, -6.0, "2021-09", "2021-10-10"),
        ("R2", "iran", "azerbaijan", "Agreement", 1, 3.0, "2021-10", None),
        ("R3", "iran", "pakistan", "Military cooperation", 1, 6.0, "2017-11", None),
        ("R4", "iran", "pakistan", "Tension", -1, -3.0, "2017", "2017"),
        ("R5", "iran", "pakistan", "Affiliation", 0, 0.0, None, None),
        ("R6", "pakistan", "taliban", "Material support", 1, 5.0, "2021-08", None),
    ]
    types = [
        {"id": label.lower().replace(" ", "_"), "label": label}
        for label in dict.fromkeys(r[3] for r in relations)
    ]
    return graph_from_records(
        [{"id": a, "name": a.title()} for a in ("azerbaijan", "iran", "pakistan", "taliban")],
        [
            {
                "id": i,
                "source": u,
                "target": v,
                "relation": label.lower().replace(" ", "_"),
                "sign": s,
                "intensity": w,
                "start": start,
                "end": end,
            }
            for i, u, v, label, s, w, start, end in relations
        ],
        relation_types=types,
    )


def test_begun_and_ended(G):
    result = changes(G, "2021-09-15", "2021-10-27")
    assert list(result.begun.columns) == list(RELATION_CHANGE_COLUMNS)
    assert result.begun["id"].tolist() == ["R2"]
    assert result.ended["id"].tolist() == ["R1"]
    assert result.begun["reason"][0] == (
        "Agreement between Iran and Azerbaijan (since 2021-10) is in force on 2021-10-27,"
        " not on 2021-09-15"
    )
    assert result.ended["reason"][0] == (
        "Military posturing between Iran and Azerbaijan (2021-09 \u2013 2021-10-10) was in force"
        " on 2021-09-15, no longer on 2021-10-27"
    )


def test_changed_sign(G):
    result = changes(G, "2021-09-15", "2021-10-27")
    assert list(result.changed.columns) == list(SIGN_CHANGE_COLUMNS)
    assert result.changed.to_dict("records") == [
        {
            "a": "azerbaijan",
            "b": "iran",
            "before": -1,
            "after": 1,
            "weight_before": -6.0,
            "weight_after": 3.0,
            "reason": "Azerbaijan and Iran: hostile (R1) on 2021-09-15,"
            " cooperative (R2) on 2021-10-27",
        },
    ]


def test_a_pair_that_cancels_out_counts_as_changed():
    G = graph_from_records(
        [{"id": "a"}, {"id": "b"}],
        [
            {
                "id": "R1",
                "source": "a",
                "target": "b",
                "relation": "x",
                "sign": 1,
                "intensity": 3.0,
            },
            {
                "id": "R2",
                "source": "a",
                "target": "b",
                "relation": "y",
                "sign": -1,
                "intensity": -3.0,
                "start": "2021",
            },
        ],
    )
    result = changes(G, "2020", "2021")
    assert result.changed[["before", "after"]].values.tolist() == [[1, 0]]
    assert "cancelling out (R1, R2)" in result.changed["reason"][0]


def test_partial_dates_and_years(G):
    result = changes(G, "2017", date(2019, 6, 1))
    assert result.ended["id"].tolist() == ["R4"]
    assert result.begun["id"].tolist() == []
    # on 2017 both signs were in force between Iran and Pakistan: +6 - 3 = +3, then +6
    assert result.changed.empty
    assert "during 2017" in result.ended["reason"][0]


def test_no_change_between_equal_dates(G):
    result = changes(G, "2021-10-27", "2021-10-27")
    assert result.begun.empty
    assert result.ended.empty
    assert result.changed.empty
    assert result.records() == []


def test_records_gather_every_change(G):
    records = changes(G, "2021-09-15", "2021-10-27").records()
    assert [(r["change"], r["what"]) for r in records] == [
        ("begun", "R2"),
        ("ended", "R1"),
        ("changed sign", "azerbaijan and iran"),
    ]


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ("2021-10-27", "2021-09-15", r"first date \(2021-10-27\) is after the second"),
        ("2021-13", "2022", "'2021-13'"),
        ("2021", "soon", "'soon'"),
    ],
)
def test_bad_dates_are_named(G, before, after, message):
    with pytest.raises(ValueError, match=message):
        changes(G, before, after)

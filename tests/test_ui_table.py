"""ui/table.py: what a table sends to the browser (its behaviour there: tests/e2e/test_table.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ui.table import ROWS_DRAWN, Column, _columns_sent, table_data, table_rows

FRAME = pd.DataFrame(
    {
        "name": pd.array(["Iran", "Oman", pd.NA], dtype="string"),
        "degree": [12, 3, 7],
        "betweenness": [0.25, math.nan, 0.0],
        "id": ["iran", "oman", "x"],
    }
)


def test_columns_come_in_the_order_given_with_their_headings_and_help() -> None:
    data = table_data(FRAME, {"id": "Id", "name": Column("Actor", help="Who")})
    assert data["columns"] == [{"label": "Id", "help": None}, {"label": "Actor", "help": "Who"}]
    assert data["rows"] == [["iran", "Iran"], ["oman", "Oman"], ["x", ""]]


@pytest.mark.parametrize(
    ("number", "shown", "numbers"),
    [
        ("{:.3f}", ["0.250", "", "0.000"], [0.25, None, 0.0]),
        ("{:.0%}", ["25%", "", "0%"], [0.25, None, 0.0]),
        (None, ["0.25", "", "0.0"], None),  # text: sorted as text, no numbers sent
    ],
)
def test_numbers_are_shown_in_their_format_and_sent_for_sorting(number, shown, numbers) -> None:
    data = table_data(FRAME, {"betweenness": Column("B", number=number)})
    assert [row[0] for row in data["rows"]] == shown
    assert data["numbers"] == [numbers]


def test_the_options_reach_the_browser() -> None:
    data = table_data(FRAME, {"name": "Actor"}, selected=2, search=False, filename="a.csv")
    assert (data["selected"], data["search"], data["filename"]) == (2, False, "a.csv")
    assert data["page"] == ROWS_DRAWN
    assert "{drawn}" in data["drawn_label"]
    assert "{shown}" in data["drawn_label"]
    assert "{more}" in data["more_label"]


@pytest.mark.parametrize(
    ("columns", "options", "message"),
    [
        ({"size": "Size"}, {}, "the table has no column 'size'; its columns are name, degree"),
        ({"name": "Actor"}, {"selected": 3}, "selected row 3 is not a row of the table's 3"),
        ({"name": "Actor"}, {"selected": -1}, "selected row -1 is not a row"),
    ],
)
def test_bad_arguments_are_named(columns, options, message) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        table_data(FRAME, columns, **options)


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [["R1", "hostile", ""], ["R2", "hostile", "x"], ["R3", "hostile", ""]],
        [[f"R{i}", "coop" if i % 3 else "hostile", f"{i % 2}"] for i in range(50)],
        [["only", "one", "row"]],
    ],
    ids=["empty", "three", "fifty", "one"],
)
def test_rows_sent_as_columns_read_back_the_same(rows: list[list[str]]) -> None:
    sent = {"columns": [{"label": c} for c in "abc"], "cells": _columns_sent(rows, 3)}
    assert table_rows(sent) == rows


def test_a_repeating_column_is_sent_as_its_distinct_texts_and_codes() -> None:
    rows = [[f"R{i}", "hostile" if i % 2 else "cooperative"] for i in range(10)]
    ids, signs = _columns_sent(rows, 2)
    assert ids == {"text": [f"R{i}" for i in range(10)]}
    assert signs == {"values": ["cooperative", "hostile"], "codes": [0, 1] * 5}

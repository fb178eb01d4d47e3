"""Tests of graph.dates: partial ISO 8601 dates and the days they cover."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.dates import (
    DATE_PATTERN,
    FIRST_DAY,
    LAST_DAY,
    PartialDate,
    check_day,
    date_range,
    parse_partial_date,
)


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2021", "year", date(2021, 1, 1), date(2021, 12, 31)),
        ("2021-10", "month", date(2021, 10, 1), date(2021, 10, 31)),
        ("2021-02", "month", date(2021, 2, 1), date(2021, 2, 28)),
        ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29)),
        ("2021-04", "month", date(2021, 4, 1), date(2021, 4, 30)),
        ("2021-10-05", "day", date(2021, 10, 5), date(2021, 10, 5)),
        ("2020-02-29", "day", date(2020, 2, 29), date(2020, 2, 29)),
        ("1800", "year", date(1800, 1, 1), date(1800, 12, 31)),
        ("2199-12", "month", date(2199, 12, 1), date(2199, 12, 31)),
    ],
)
def test_parse_partial_date(text, precision, first, last):
    assert parse_partial_date(text) == PartialDate(text, precision, first, last)


@pytest.mark.parametrize(
    "text",
    [
        "2021-13",
        "2021-00",
        "2021-02-30",
        "2021-02-29",
        "2021-10-00",
        "2021-10-32",
        "0000",
        "0001",
        "1799-12-31",
        "2200",
        "9999-12",
        "21-10",
        "2021-1",
        "2021-10-5",
        " 2021",
        "2021 ",
        "2021-10\n",
        "",
        "2021/10",
        "2021-10-05T00:00",
        "٢٠٢١",
        "October 2021",
    ],
)
def test_bad_date_is_refused_naming_it(text):
    with pytest.raises(ValueError, match=re.escape(repr(text))):
        parse_partial_date(text)


@pytest.mark.parametrize("value", [None, 2021, date(2021, 10, 5)])
def test_non_string_is_refused(value):
    with pytest.raises(TypeError, match="must be a string"):
        parse_partial_date(value)


def test_str_is_the_text():
    assert str(parse_partial_date("2021-10")) == "2021-10"


def test_descriptor_pattern_accepts_every_form():
    for text in ("2021", "2021-10", "2021-10-05"):
        assert re.fullmatch(DATE_PATTERN, text)


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_every_day_and_its_month_and_year(day):
    assert parse_partial_date(day.isoformat()).first == day
    month = parse_partial_date(f"{day.year:04d}-{day.month:02d}")
    year = parse_partial_date(f"{day.year:04d}")
    assert month.first <= day <= month.last
    assert year.first <= month.first <= month.last <= year.last
    assert month.first.day == 1
    assert (month.last.month, month.last.year) == (day.month, day.year)


@pytest.mark.parametrize(
    "day", [date(1, 1, 1), date(1799, 12, 31), date(2200, 1, 1), date(9999, 12, 31)]
)
def test_days_outside_the_range_are_refused_naming_them(day):
    with pytest.raises(ValueError, match=f"on: {day.isoformat()} is outside the years 1800"):
        check_day(day, "on")
    with pytest.raises(ValueError, match="outside the years 1800 to 2199"):
        date_range(day, "on")
    with pytest.raises(ValueError, match="outside the years 1800 to 2199"):
        date_range(f"{day.year:04d}", "on")


@pytest.mark.parametrize("day", [FIRST_DAY, LAST_DAY])
def test_the_ends_of_the_range_are_dates(day):
    assert check_day(day, "on") == day
    assert date_range(day.isoformat(), "on") == (day, day)

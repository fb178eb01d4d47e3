"""Partial ISO 8601 dates (``2021``, ``2021-10``, ``2021-10-05``) and the days they cover."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["DATE_PATTERN", "PartialDate", "Precision", "parse_partial_date"]

#: The descriptor's pattern for a partial date; string fields with this pattern are dates.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Precision = Literal["year", "month", "day"]

# ASCII digits only: ``\d`` would also accept Arabic-Indic digits.
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, and the days it covers.

    Attributes
    ----------
    text : str
        The date as written, e.g. ``"2021-10"``.
    precision : {"year", "month", "day"}
        How much of the date is known; it follows from the form of ``text``.
    first, last : datetime.date
        First and last day the date covers (the same day at day precision).

    Examples
    --------
    >>> d = parse_partial_date("2021-10")
    >>> d.precision, d.first, d.last
    ('month', datetime.date(2021, 10, 1), datetime.date(2021, 10, 31))
    >>> str(d)
    '2021-10'
    """

    text: str
    precision: Precision
    first: date
    last: date

    def __str__(self) -> str:
        return self.text


def parse_partial_date(text: str) -> PartialDate:
    """Parse an ISO 8601 date given to the year, month or day.

    Parameters
    ----------
    text : str
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, ASCII digits, nothing around it.

    Returns
    -------
    PartialDate
        The date with its precision and the first and last day it covers: a relation
        dated ``2021-10`` is in force on every day of October 2021.

    Raises
    ------
    TypeError
        If ``text`` is not a string.
    ValueError
        If ``text`` is not of one of the three forms, or names no calendar day
        (``2021-13``, ``2021-02-30``, year 0); the message names ``text``.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> parse_partial_date("2021").last
    datetime.date(2021, 12, 31)
    >>> parse_partial_date("2020-02").last
    datetime.date(2020, 2, 29)
    >>> parse_partial_date("2021-10-05").precision
    'day'
    >>> parse_partial_date("2021-02-30")
    Traceback (most recent call last):
    ...
    ValueError: invalid date '2021-02-30': day is out of range for month
    """
    if not isinstance(text, str):
        raise TypeError(f"a date must be a string, not {type(text).__name__}: {text!r}")
    match = _PARTIAL_DATE.fullmatch(text)
    if match is None:
        raise ValueError(f"invalid date {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    try:
        if month_text is None:
            return PartialDate(text, "year", date(year, 1, 1), date(year, 12, 31))
        month = int(month_text)
        if day_text is None:
            first = date(year, month, 1)
            last = date(year, month, calendar.monthrange(year, month)[1])
            return PartialDate(text, "month", first, last)
        day = date(year, month, int(day_text))
    except ValueError as error:
        raise ValueError(f"invalid date {text!r}: {error}") from None
    return PartialDate(text, "day", day, day)

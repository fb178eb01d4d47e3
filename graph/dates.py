"""Partial ISO 8601 dates (``2021``, ``2021-10``, ``2021-10-05``) and the days they cover.

Every date Borderlines reads (tables, uploads, the URL, saved views, *What changed*) lies
between :data:`FIRST_DAY` and :data:`LAST_DAY`, checked here and nowhere else: years 1800 to
2199. The borders this region argues about were drawn inside it (Erzurum 1847, Goldsmith
1871, Durand 1893), and it leaves a wide margin inside what the libraries the page draws
with can hold (pandas' nanosecond timestamps end in 1677 and 2262; ``datetime`` arithmetic
fails before year 1), so a date that passes here cannot overflow a figure.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from graph.i18n import N_
from graph.i18n import gettext as _

__all__ = [
    "DATE_PATTERN",
    "FIRST_DAY",
    "LAST_DAY",
    "UNDATED",
    "DateOutOfRange",
    "PartialDate",
    "Precision",
    "check_day",
    "date_range",
    "parse_partial_date",
    "period_text",
    "window_range",
]

#: The descriptor's pattern for a partial date; string fields with this pattern are dates.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Precision = Literal["year", "month", "day"]

#: The first and last day a date may name, everywhere (see the module's docstring).
FIRST_DAY = date(1800, 1, 1)
LAST_DAY = date(2199, 12, 31)
#: Python's own words for a day that does not exist, marked for the catalog (graph.i18n).
_CALENDAR_WORDS = (N_("month must be in 1..12"), N_("day is out of range for month"))


def _range_text() -> str:
    return _("the years {first} to {last}").format(first=FIRST_DAY.year, last=LAST_DAY.year)


class DateOutOfRange(ValueError):
    """A well-formed date outside :data:`FIRST_DAY` to :data:`LAST_DAY`."""


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
        (``2021-13``, ``2021-02-30``); :class:`DateOutOfRange` (a ValueError) if it lies
        outside :data:`FIRST_DAY` to :data:`LAST_DAY`. The message names ``text``.

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
    >>> parse_partial_date("0001")
    Traceback (most recent call last):
    ...
    graph.dates.DateOutOfRange: invalid date '0001': outside the years 1800 to 2199
    """
    if not isinstance(text, str):
        raise TypeError(f"a date must be a string, not {type(text).__name__}: {text!r}")
    match = _PARTIAL_DATE.fullmatch(text)
    if match is None:
        raise ValueError(
            _("invalid date {text}: expected YYYY, YYYY-MM or YYYY-MM-DD").format(text=repr(text))
        )
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise DateOutOfRange(
            _("invalid date {text}: outside {range}").format(text=repr(text), range=_range_text())
        )
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
        raise ValueError(
            _("invalid date {text}: {error}").format(text=repr(text), error=_(str(error)))
        ) from None
    return PartialDate(text, "day", day, day)


def check_day(day: date, what: str) -> date:
    """Return ``day`` if it lies between :data:`FIRST_DAY` and :data:`LAST_DAY`.

    For days that come as :class:`datetime.date` (a date picker, code); text goes through
    :func:`parse_partial_date`, which checks the same range.

    Raises
    ------
    DateOutOfRange
        If ``day`` is outside the range (a ValueError); the message names ``what`` and
        the day.

    Examples
    --------
    >>> check_day(date(2021, 10, 27), "on")
    datetime.date(2021, 10, 27)
    >>> check_day(date(1, 1, 1), "on")
    Traceback (most recent call last):
    ...
    graph.dates.DateOutOfRange: on: 0001-01-01 is outside the years 1800 to 2199
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DateOutOfRange(
            _("{what}: {day} is outside {range}").format(
                what=what, day=day.isoformat(), range=_range_text()
            )
        )
    return day


def date_range(value: str | date, what: str) -> tuple[date, date]:
    """Return the first and last day of a date or of an ISO partial date.

    Parameters
    ----------
    value : str or datetime.date
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (spaces around it are ignored), or a day.
    what : str
        What the value is (``"from"``, ``"window"``), to name it in the error.

    Returns
    -------
    tuple of datetime.date
        ``(first, last)``; the same day twice for a :class:`datetime.date`.

    Raises
    ------
    ValueError
        If ``value`` is not a date, does not parse or lies outside :data:`FIRST_DAY` to
        :data:`LAST_DAY`; the message names ``what`` and the value.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> date_range("2021-10", "from")
    (datetime.date(2021, 10, 1), datetime.date(2021, 10, 31))
    >>> date_range(date(2021, 10, 5), "on")
    (datetime.date(2021, 10, 5), datetime.date(2021, 10, 5))
    >>> date_range("2021-13", "to")
    Traceback (most recent call last):
    ...
    ValueError: to: date '2021-13' does not parse (invalid date '2021-13': month must be in 1..12)
    """
    if isinstance(value, date):
        check_day(value, what)
        return value, value
    if not isinstance(value, str):
        raise ValueError(_("{what}: not a date: {value}").format(what=what, value=repr(value)))
    try:
        parsed = parse_partial_date(value.strip())
    except DateOutOfRange:
        raise DateOutOfRange(
            _("{what}: date {value} is outside {range}").format(
                what=what, value=repr(value), range=_range_text()
            )
        ) from None
    except ValueError as error:
        raise ValueError(
            _("{what}: date {value} does not parse ({error})").format(
                what=what, value=repr(value), error=error
            )
        ) from None
    return parsed.first, parsed.last


def window_range(
    start: str | date | None, end: str | date | None
) -> tuple[date | None, date | None]:
    """Return the first day of ``start`` and the last day of ``end``: a window of time.

    Parameters
    ----------
    start, end : str or datetime.date or None
        ISO 8601 dates, possibly partial (as :func:`date_range`); None or ``""`` leaves
        that end open.

    Returns
    -------
    (date or None, date or None)
        None where the window is open.

    Raises
    ------
    ValueError
        If a date does not parse (the message names ``from`` or ``to``), or the window
        starts after it ends.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> window_range("2017", "2021-10")
    (datetime.date(2017, 1, 1), datetime.date(2021, 10, 31))
    >>> window_range(None, "")
    (None, None)
    >>> window_range("2021", "2020")
    Traceback (most recent call last):
    ...
    ValueError: window starts (2021) after it ends (2020)
    """
    first = date_range(start, "from")[0] if start not in (None, "") else None
    last = date_range(end, "to")[1] if end not in (None, "") else None
    if first is not None and last is not None and first > last:
        raise ValueError(
            _("window starts ({start}) after it ends ({end})").format(start=start, end=end)
        )
    return first, last


#: How a period without any date is written, everywhere it is shown (in English; shown
#: through :func:`graph.i18n.gettext`).
UNDATED = N_("undated")


def period_text(start: str | None, end: str | None) -> str:
    """Return a period as people read it: ``2019 - 2021``, ``since 2019``, ``until 2021``.

    Parameters
    ----------
    start, end : str or None
        ISO partial dates (as the tables hold them); None or ``""`` when open.

    Returns
    -------
    str
        ``"start \u2013 end"`` (an en dash between spaces), ``"start"`` when both are
        the same, ``"since start"``, ``"until end"``, or :data:`UNDATED` when neither is
        known, in the page's language. Plain text, not escaped.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> period_text("2019", "2021-10") == "2019 \u2013 2021-10"
    True
    >>> period_text("2021-10", "2021-10"), period_text("2021-10", None)
    ('2021-10', 'since 2021-10')
    >>> period_text(None, "2021"), period_text(None, "")
    ('until 2021', 'undated')
    """
    start, end = start or None, end or None
    if start and end:
        return str(start) if start == end else f"{start} \u2013 {end}"
    if start:
        return _("since {date}").format(date=start)
    if end:
        return _("until {date}").format(date=end)
    return _(UNDATED)

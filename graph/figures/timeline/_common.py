"""Shared pieces of the timeline: the item model, the inks, and small helpers.

Every part of :mod:`graph.figures.timeline` reads the :class:`_Item` (one bar: a relation
or an event) and draws with an :class:`Ink`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from graph.dates import parse_partial_date
from graph.i18n import direction
from graph.text import PDI, RLI

__all__ = ["INKS", "Ink"]

_DASH = "\u2013"


class Ink(NamedTuple):
    """The timeline's own colours for one page theme: text, muted text and marks, events,
    and the marked dates; each at least 4.5:1 against the theme's background (WCAG AA)."""

    text: str
    muted: str
    event: str
    mark: str


#: Ink per Streamlit theme (backgrounds #ffffff and #0e1117 or darker).
INKS: dict[str, Ink] = {
    "light": Ink(text="#1f2328", muted="#6e7781", event="#6e7781", mark="#b42318"),
    "dark": Ink(text="#e6edf3", muted="#9198a1", event="#9198a1", mark="#f47067"),
}
# Bar pattern per sign, so sign never rests on colour alone (as dashes do in the network).
_SIGN_PATTERN = {1: "", -1: "/", 0: "."}


@dataclass
class _Item:
    """One bar of the figure (a relation or an event), before rows are assigned."""

    kind: str  # "relation" or "event"
    ident: str
    first: date  # first day drawn
    last: date  # last day drawn (inclusive)
    open_start: bool
    open_end: bool
    jump: str  # the date a click sets
    group: str  # row group: "events" or a pair of actors
    hover: str
    type_id: str | None = None
    sign: int = 0
    confidence: str = "high"
    faded: bool = False
    day_precise: bool = False
    label: str = ""  # written beside the bar (events)
    room: int = 0  # days beside the bar kept free for the label
    label_left: bool = False  # the label goes before the bar, not after it
    row: float = 0.0


def _checked_date(text: str, what: str) -> Any:
    try:
        return parse_partial_date(str(text))
    except ValueError as error:
        raise ValueError(f"{what}: {error}") from None


def _label(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " \u2026"


def _iso(day: date) -> str:
    return day.isoformat()


def _line(text: str) -> str:
    """A line of the interface's own words, set right to left as a whole in a right-to-left
    language (plotly lays its text out left to right); unchanged in English.

    Examples
    --------
    >>> _line("Set the date")
    'Set the date'
    """
    return f"{RLI}{text}{PDI}" if direction() == "rtl" else text

"""The timeline figure: relation intervals and events on a time axis, precision honoured.

A relation is a bar from the first day its start covers to the last day its end covers, so
a relation dated ``2021-10`` spans October 2021 and one dated ``2021`` the whole year. An
open end runs to the data's date (``G.graph["as_of"]``) and fades past it behind an arrow;
an open start begins a little before the earliest known date, behind an arrow pointing
left. Events sit in their own band on top, drawn over the period they cover (a day, a
month or a year); events known to the day also get a marker so they stay visible.

Clicking a bar, a marker or the "Set the date" strip under the bars yields ``customdata``
``[kind, id, date]``; :func:`date_from_selection` reads the date back for the page.

The parts: ``items`` (the events in view; relations and events as bars), ``lanes`` (row
groups packed into lanes), ``traces``, ``hover`` (hover texts), ``layout`` (axes, legend,
marked dates) and ``figure`` (:func:`timeline_figure`, which puts them together).
"""

from __future__ import annotations

from graph.figures.timeline._common import INKS, Ink
from graph.figures.timeline.figure import date_from_selection, timeline_figure
from graph.figures.timeline.items import (
    EVENT_COLUMNS,
    MAX_EVENTS,
    MAX_PAIRS,
    MAX_RELATIONS,
    events_in_view,
)

__all__ = [
    "EVENT_COLUMNS",
    "INKS",
    "MAX_EVENTS",
    "MAX_PAIRS",
    "MAX_RELATIONS",
    "Ink",
    "date_from_selection",
    "events_in_view",
    "timeline_figure",
]

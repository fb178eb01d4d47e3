"""Rows of the timeline: its row groups (events, then one per pair) packed into lanes."""

from __future__ import annotations

from datetime import date, timedelta

from graph.figures.timeline._common import _Item, _line
from graph.i18n import gettext as _
from graph.text import escape_hover

__all__: list[str] = []


def _occupied(item: _Item) -> tuple[date, date]:
    """First and last day an item takes in its lane, its label included."""
    if item.label_left:
        return item.first - timedelta(days=item.room), item.last
    return item.first, item.last + timedelta(days=item.room)


def _assign_rows(items: list[_Item], *, minimum_days: int) -> list[tuple[float, str]]:
    """Give every item a row: events first, then one group per pair, ordered by its
    earliest start; within a group, items share a lane when they do not overlap (with
    ``minimum_days`` of room, so short bars and markers stay apart). Returns the tick of
    each group: (row at its middle, escaped label)."""
    groups: dict[str, list[_Item]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    order = sorted(
        groups,
        key=lambda g: (g != "Events", min(i.first for i in groups[g]), g.lower()),
    )
    ticks, row = [], 0
    for group in order:
        members = sorted(groups[group], key=lambda i: (_occupied(i)[0], i.last, i.ident))
        lane_ends: list[date] = []
        for item in members:
            begins = _occupied(item)[0]
            taken = max(_occupied(item)[1], item.first + timedelta(days=minimum_days))
            for lane, end in enumerate(lane_ends):
                if begins > end + timedelta(days=minimum_days):
                    lane_ends[lane] = taken
                    item.row = row + lane
                    break
            else:
                lane_ends.append(taken)
                item.row = row + len(lane_ends) - 1
        # the events' band (our word), else a pair of actors (their names)
        label = _line(escape_hover(_("Events"))) if group == "Events" else escape_hover(group)
        ticks.append((row + (len(lane_ends) - 1) / 2, label))
        row += len(lane_ends)
    return ticks

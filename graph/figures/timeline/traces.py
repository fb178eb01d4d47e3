"""Traces of the timeline: bars, markers, labels, open ends, the date strip and keys.

Every trace is a plain dict (:func:`graph.figures._plain.plain_trace`); every clickable
point carries ``customdata`` ``[kind, id, date]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import partial
from typing import Any

from graph import style
from graph.figures._plain import plain_trace
from graph.figures.timeline._common import _SIGN_PATTERN, Ink, _iso, _Item, _label, _line
from graph.i18n import N_
from graph.i18n import gettext as _
from graph.text import escape_hover

__all__: list[str] = []

_DAY_MS = 86_400_000
_FADE = 0.25  # opacity factor of rows the selection pushes back
_SIGN_KEY = {-1: N_("Hostile: hatched"), 0: N_("Structural: dotted")}
_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)

_bar = partial(plain_trace, "bar")
_scatter = partial(plain_trace, "scatter")


def _customdata(items: list[_Item]) -> list[list[str]]:
    """The ``customdata`` of clickable items, ``[kind, id, date]``: what a click yields
    (:func:`graph.figures.timeline.date_from_selection` reads the date back)."""
    return [[item.kind, item.ident, item.jump] for item in items]


def _bar_geometry(items: list[_Item]) -> tuple[list[str], list[int]]:
    """Bar bases (ISO days) and lengths in milliseconds, each day covered whole."""
    bases = [_iso(item.first) for item in items]
    lengths = [((item.last - item.first).days + 1) * _DAY_MS for item in items]
    return bases, lengths


def _relation_traces(
    items: list[_Item],
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    font_size: int,
    legend: bool = True,
) -> list[dict[str, Any]]:
    traces = []
    by_type: dict[str, list[_Item]] = {}
    for item in sorted(items, key=_legend_first):
        by_type.setdefault(str(item.type_id), []).append(item)
    for type_id in colours:
        members = by_type.get(type_id)
        if not members:
            continue
        colour = colours[type_id]
        bases, lengths = _bar_geometry(members)
        traces.append(
            _bar(
                orientation="h",
                base=bases,
                x=lengths,
                y=[item.row for item in members],
                width=0.72,
                name=escape_hover(labels.get(type_id, type_id)),
                legendgroup=f"type:{type_id}",
                showlegend=legend,
                marker={
                    "color": colour,
                    "opacity": [_opacity(item) for item in members],
                    "line": {"width": 0},
                    "pattern": {
                        "shape": [_SIGN_PATTERN[item.sign] for item in members],
                        "fillmode": "overlay",
                        "fgcolor": "white",
                        "size": max(font_size // 2, 6),
                        "solidity": 0.35,
                    },
                },
                hovertext=[item.hover for item in members],
                hoverinfo="text",
                hoverlabel=style.hover_box(colour, font_size),
                customdata=_customdata(members),
            )
        )
    return traces


def _event_traces(items: list[_Item], font_size: int, labels: bool, ink: Ink) -> list[Any]:
    if not items:
        return []
    items = sorted(items, key=_legend_first)
    bases, lengths = _bar_geometry(items)
    traces: list[Any] = [
        _bar(
            orientation="h",
            base=bases,
            x=lengths,
            y=[item.row for item in items],
            width=0.6,
            name=_line(_("Event (month or year)")),
            legendgroup="events",
            legendrank=1,
            marker={
                "color": ink.event,
                "opacity": [0.45 * (_FADE if item.faded else 1.0) for item in items],
                "line": {"width": 0},
            },
            hovertext=[item.hover for item in items],
            hoverinfo="text",
            hoverlabel=style.hover_box(ink.event, font_size),
            customdata=_customdata(items),
        )
    ]
    exact = [item for item in items if item.day_precise]
    if exact:
        traces.append(
            _scatter(
                x=[_iso(item.first) for item in exact],
                y=[item.row for item in exact],
                mode="markers",
                name=_line(_("Event on a known day")),
                legendgroup="events",
                legendrank=2,
                marker={
                    "symbol": "diamond",
                    "size": round(font_size * 0.95),
                    "color": ink.text,
                    "opacity": [_FADE if item.faded else 1.0 for item in exact],
                    "line": {"color": "white", "width": 1},
                },
                hovertext=[item.hover for item in exact],
                hoverinfo="text",
                hoverlabel=style.hover_box(ink.text, font_size),
                customdata=_customdata(exact),
            )
        )
    if labels:
        traces.append(
            _scatter(
                x=[_iso(item.first if item.label_left else item.last) for item in items],
                y=[item.row for item in items],
                mode="text",
                # an en space keeps the text clear of the bar's end and of a day's marker
                text=[
                    f"{escape_hover(_label(item.label))}\u2002"
                    if item.label_left
                    else f"\u2002{escape_hover(_label(item.label))}"
                    for item in items
                ],
                textposition=[
                    "middle left" if item.label_left else "middle right" for item in items
                ],
                textfont={
                    "size": max(font_size - 1, 10),
                    "color": [_rgba_muted(item.faded, ink) for item in items],
                },
                showlegend=False,
                hoverinfo="skip",
                cliponaxis=False,
            )
        )
    return traces


def _open_end_traces(
    items: list[_Item], colours: Mapping[str, str], tail: timedelta, font_size: int, ink: Ink
) -> list[Any]:
    """Faded tails past the data's date, and arrows at both kinds of open end."""
    ends = [item for item in items if item.kind == "relation" and item.open_end]
    starts = [item for item in items if item.kind == "relation" and item.open_start]
    if not ends and not starts:
        return []
    traces: list[Any] = []
    if ends:
        traces.append(
            _bar(
                orientation="h",
                base=[_iso(item.last + timedelta(days=1)) for item in ends],
                x=[tail.days * _DAY_MS for _ in ends],
                y=[item.row for item in ends],
                width=0.72,
                showlegend=False,
                legendgroup="open",
                marker={
                    "color": [colours[str(item.type_id)] for item in ends],
                    "opacity": [0.3 * _opacity(item) for item in ends],
                    "line": {"width": 0},
                },
                hovertext=[item.hover for item in ends],
                hoverinfo="text",
                customdata=_customdata(ends),
            )
        )
    arrows = [(item, True) for item in ends] + [(item, False) for item in starts]
    traces.append(
        _scatter(
            x=[
                _iso(item.last + tail if right else item.first - timedelta(days=3))
                for item, right in arrows
            ],
            y=[item.row for item, _ in arrows],
            mode="markers",
            showlegend=False,
            legendgroup="open",
            marker={
                "symbol": ["triangle-right" if right else "triangle-left" for _, right in arrows],
                "size": round(font_size * 0.8),
                "color": [colours[str(item.type_id)] for item, _ in arrows],
                "opacity": [_opacity(item) for item, _ in arrows],
                "line": {"width": 0},
            },
            hoverinfo="skip",
        )
    )
    traces.append(
        _scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=_line(_("Open end (goes on, or began earlier)")),
            legendgroup="open",
            legendrank=3,
            marker={"symbol": "triangle-right", "size": round(font_size * 0.8), "color": ink.muted},
            hoverinfo="skip",
        )
    )
    return traces


def _short_relation_traces(
    items: list[_Item], colours: Mapping[str, str], span_days: int, font_size: int
) -> list[Any]:
    """A marker at the middle of relations too short to see (a day, a few days)."""
    short = [
        item
        for item in items
        if item.kind == "relation" and (item.last - item.first).days < max(span_days * 0.006, 2)
    ]
    if not short:
        return []
    return [
        _scatter(
            x=[_iso(item.first) for item in short],
            y=[item.row for item in short],
            mode="markers",
            showlegend=False,
            marker={
                "symbol": "line-ns",
                "size": round(font_size * 1.1),
                "color": [colours[str(item.type_id)] for item in short],
                "opacity": [_opacity(item) for item in short],
                "line": {
                    "width": max(round(font_size / 4), 2),
                    "color": [colours[str(item.type_id)] for item in short],
                },
            },
            hovertext=[item.hover for item in short],
            hoverinfo="text",
            customdata=_customdata(short),
        )
    ]


def _date_strip(left: date, right: date, row: float, font_size: int, ink: Ink) -> dict[str, Any]:
    """One clickable mark per month (at its 15th) from ``left`` to ``right``."""
    months, cursor = [], date(left.year, left.month, 1)
    while cursor <= right:
        months.append(cursor)
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return _scatter(
        x=[_iso(m.replace(day=15)) for m in months],
        y=[row] * len(months),
        mode="markers",
        showlegend=False,
        marker={
            "symbol": "line-ns",
            "size": round(font_size * 0.9),
            "color": ink.muted,
            "line": {"width": 1, "color": ink.muted},
        },
        hovertext=[
            _line(
                _("Set the date to {month} {year}").format(
                    month=_(_MONTHS[m.month - 1]), year=m.year
                )
            )
            for m in months
        ],
        hoverinfo="text",
        customdata=[["date", "", f"{m:%Y-%m}"] for m in months],
    )


def _key_traces(items: list[_Item], ink: Ink) -> list[dict[str, Any]]:
    """Legend-only keys to the patterns of hostile and structural relations."""
    signs = {item.sign for item in items if item.kind == "relation"}
    keys = []
    for sign, text in _SIGN_KEY.items():
        if sign in signs:
            keys.append(
                _bar(
                    orientation="h",
                    x=[None],
                    y=[None],
                    name=_line(_(text)),
                    legendrank=4,
                    marker={
                        "color": ink.muted,
                        "pattern": {
                            "shape": _SIGN_PATTERN[sign],
                            "fillmode": "overlay",
                            "fgcolor": "white",
                            "solidity": 0.35,
                        },
                    },
                    hoverinfo="skip",
                )
            )
    return keys


def _rgba_muted(faded: bool, ink: Ink) -> str:
    return style.rgba(ink.text, _FADE if faded else 0.9)


def _legend_first(item: _Item) -> tuple[bool, float]:
    """Sort key putting the most visible item first: a legend draws a trace's first point."""
    return item.faded, -_opacity(item)


def _opacity(item: _Item) -> float:
    base = style.CONFIDENCE_OPACITY.get(item.confidence, 1.0)
    return base * (_FADE if item.faded else 1.0)

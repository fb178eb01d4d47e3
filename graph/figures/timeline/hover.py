"""Hover texts of the timeline (a relation's, an event's) and the box they show in."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from typing import Any

import networkx as nx

from graph.build import actor_name
from graph.figures.timeline._common import _DASH, _line
from graph.filters import SIGN_NAMES
from graph.i18n import direction
from graph.i18n import gettext as _
from graph.load import format_citation
from graph.text import escape_hover, hover_lines
from graph.vocabulary import word

__all__: list[str] = []

_ARROW = "\u2192"


def _click(ident: str) -> str:
    return _line(_("{id} · click to set the date").format(id=f"<i>{escape_hover(ident)}</i>"))


def _cited(citation: str) -> list[str]:
    return [_line(row) for row in hover_lines(_("cited: {citation}").format(citation=citation))]


def _relation_hover(
    G: nx.MultiDiGraph,
    u: Hashable,
    v: Hashable,
    ident: str,
    d: Mapping[str, Any],
    sources: Mapping[str, Mapping[str, Any]],
    as_of: date | None,
) -> str:
    arrow = f" {_ARROW} " if d.get("directed", True) else f" {_DASH} "
    rows = [f"<b>{escape_hover(actor_name(G, u))}{arrow}{escape_hover(actor_name(G, v))}</b>"]
    sign = d.get("sign", 0)
    sign_text = word(SIGN_NAMES[sign]) if sign in SIGN_NAMES else ""
    rows.append(_line(f"{escape_hover(d.get('label') or d.get('relation'))} ({sign_text})"))
    rows.append(_period(d.get("start"), d.get("end"), as_of))
    summary = d.get("summary")
    if summary:
        rows += hover_lines(summary)
    grade = f"{d.get('source_reliability') or '?'}{d.get('info_credibility') or '?'}"
    confidence = escape_hover(word(d.get("confidence")))
    rows.append(
        _line(
            _("{confidence} confidence · grade {grade}").format(
                confidence=confidence, grade=escape_hover(grade)
            )
        )
    )
    if d.get("evidence"):
        rows += _cited(format_citation(str(d["evidence"]), sources))
    rows.append(_click(ident))
    return "<br>".join(rows)


def _event_hover(G: nx.MultiDiGraph, ident: str, row: Mapping[str, Any], people: list) -> str:
    when = str(row["date"]) + (f" {_DASH} {row['end']}" if row.get("end") else "")
    rows = [f"<b>{escape_hover(row.get('title') or ident)}</b>", escape_hover(when)]
    if people:
        names = ", ".join(actor_name(G, p) for p in people)
        rows += hover_lines(names)
    if row.get("summary"):
        rows += hover_lines(row["summary"])
    if row.get("evidence"):
        rows += _cited(format_citation(str(row["evidence"]), G.graph.get("sources")))
    rows.append(_click(ident))
    return "<br>".join(rows)


def _period(start: Any, end: Any, as_of: date | None) -> str:
    since = escape_hover(start) if start else _("start not given")
    if end:
        until = escape_hover(end)
    elif as_of is not None:
        until = _("open (in force on {date}, the data's date)").format(date=as_of.isoformat())
    else:
        until = _("open")
    if start and end and start == end:
        return escape_hover(start)
    if direction() == "rtl":  # read right to left: the arrow points from start to end
        return _line(f"{since} \u2190 {until}")
    return f"{since} {_ARROW} {until}"

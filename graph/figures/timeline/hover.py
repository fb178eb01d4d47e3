"""Hover texts of the timeline (a relation's, an event's) and the box they show in."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from typing import Any

import networkx as nx

from graph import style
from graph.build import actor_name
from graph.figures.timeline._common import _DASH
from graph.load import format_citation
from graph.text import escape_hover, hover_lines

__all__: list[str] = []

_ARROW = "\u2192"


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
    sign = style.SIGN_TEXT.get(d.get("sign", 0), "")
    rows.append(f"{escape_hover(d.get('label') or d.get('relation'))} ({sign})")
    rows.append(_period(d.get("start"), d.get("end"), as_of))
    summary = d.get("summary")
    if summary:
        rows += hover_lines(summary)
    grade = f"{d.get('source_reliability') or '?'}{d.get('info_credibility') or '?'}"
    rows.append(f"{escape_hover(d.get('confidence'))} confidence · grade {escape_hover(grade)}")
    if d.get("evidence"):
        rows += hover_lines("cited: " + format_citation(str(d["evidence"]), sources))
    rows.append(f"<i>{escape_hover(ident)}</i> · click to set the date")
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
        cited = format_citation(str(row["evidence"]), G.graph.get("sources"))
        rows += hover_lines("cited: " + cited)
    rows.append(f"<i>{escape_hover(ident)}</i> · click to set the date")
    return "<br>".join(rows)


def _period(start: Any, end: Any, as_of: date | None) -> str:
    since = escape_hover(start) if start else "start not given"
    if end:
        until = escape_hover(end)
    elif as_of is not None:
        until = f"open (in force on {as_of.isoformat()}, the data's date)"
    else:
        until = "open"
    if start and end and start == end:
        return escape_hover(start)
    return f"{since} {_ARROW} {until}"

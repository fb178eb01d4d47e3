"""The timeline figure: relation intervals and events on a time axis, precision honoured.

A relation is a bar from the first day its start covers to the last day its end covers, so
a relation dated ``2021-10`` spans October 2021 and one dated ``2021`` the whole year. An
open end runs to the data's date (``G.graph["as_of"]``) and fades past it behind an arrow;
an open start begins a little before the earliest known date, behind an arrow pointing
left. Events sit in their own band on top, drawn over the period they cover (a day, a
month or a year); events known to the day also get a marker so they stay visible.

Clicking a bar, a marker or the "Set the date" strip under the bars yields ``customdata``
``[kind, id, date]``; :func:`date_from_selection` reads the date back for the page.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Any, NamedTuple

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from graph import style
from graph.dates import parse_partial_date
from graph.figures._plain import plain_figure, plain_trace
from graph.filters import time_bounds
from graph.load import format_citation
from graph.text import escape_hover, hover_lines, plural

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

#: Columns of the events table the timeline reads (the shipped ``events`` table has them).
EVENT_COLUMNS: tuple[str, ...] = ("date", "end", "title", "participants")

_DAY_MS = 86_400_000
_DASH = "\u2013"
_ARROW = "\u2192"
_TEXT_COLOUR = "#1f2328"  # hover boxes: dark text on white, in both themes


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
_FADE = 0.25  # opacity factor of rows the selection pushes back
#: Pairs and events the timeline draws at most by default: past them a row a pair stops
#: being readable (and plotly's cost grows with the rows). The busiest pairs stay.
MAX_PAIRS = 40
MAX_EVENTS = 25
#: Relations the timeline draws at most by default (whole pairs, busiest first): each
#: bar carries its hover text, and ten thousand bars are megabytes no one reads.
MAX_RELATIONS = 1000
# Bar pattern per sign, so sign never rests on colour alone (as dashes do in the network).
_SIGN_PATTERN = {1: "", -1: "/", 0: "."}
_SIGN_KEY = {-1: "Hostile: hatched", 0: "Structural: dotted"}
_CONFIDENCE_INDEX = {level: i for i, level in enumerate(style.CONFIDENCE_LEVELS)}


# --------------------------------------------------------------------------- filtering


def events_in_view(
    G: nx.MultiDiGraph, events: pd.DataFrame | None, spec: Any = None
) -> pd.DataFrame:
    """Return the events a filtered view shows: its actors took part, in its time window.

    An event stays when at least two of its participants are actors of ``G`` (its only
    participant, when it names one; every event, when it names none) and the period its
    date covers (``date`` to ``end``, precision honoured) overlaps the time filter of
    ``spec``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The filtered relationship graph (see :func:`graph.filters.apply_filters`).
    events : pandas.DataFrame or None
        The events table, indexed by id, with at least :data:`EVENT_COLUMNS`.
    spec : graph.filters.FilterSpec, optional
        The filters; only the time filter is read here (the rest is in ``G``).

    Returns
    -------
    pandas.DataFrame
        The kept rows, in date order (then id); an empty frame when ``events`` is None.

    Raises
    ------
    ValueError
        If a column is missing (the message lists those present) or a date does not
        parse (the message names the event).

    Notes
    -----
    Cost O(e * p) for e events of p participants each.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> from graph.filters import FilterSpec
    >>> G = graph_from_records([{"id": "iran"}, {"id": "pakistan"}], [])
    >>> events = pd.DataFrame(
    ...     {"date": ["2017", "2021-10-27"], "end": [None, None],
    ...      "title": ["Attacks", "Meeting"],
    ...      "participants": [("iran", "pakistan"), ("iran", "russia", "china")]},
    ...     index=pd.Index(["E1", "E2"], name="id"))
    >>> list(events_in_view(G, events).index)
    ['E1']
    >>> list(events_in_view(G, events, FilterSpec(on="2021-10")).index)
    []
    """
    if events is None:
        return pd.DataFrame(columns=list(EVENT_COLUMNS), index=pd.Index([], name="id"))
    _require_columns(events, EVENT_COLUMNS)
    first, last = time_bounds(spec)
    keep, order = [], []
    # Rows as dicts: iterrows builds a Series a row, ten times the cost.
    for ident, row in zip(events.index, events.to_dict("records"), strict=True):
        start, end = _event_span(ident, row)
        if first is not None and end < first:
            continue
        if last is not None and start > last:
            continue
        people = [p for p in _items(row.get("participants")) if p]
        present = sum(1 for p in people if p in G)
        if people and present < min(2, len(people)):
            continue
        keep.append(ident)
        order.append((start, str(ident)))
    kept = [ident for _, ident in sorted(zip(order, keep, strict=True))]
    return events.loc[kept]


# --------------------------------------------------------------------------- figure


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


def timeline_figure(
    G: nx.MultiDiGraph,
    events_frame: pd.DataFrame | None = None,
    *,
    spec: Any = None,
    show_undated: bool = False,
    selected: Hashable | None = None,
    marked_dates: Iterable[str] = (),
    date_strip: bool = True,
    event_labels: bool = True,
    width_hint: int = 1100,
    title: str | None = None,
    height: int | None = None,
    font_size: int = 12,
    show_legend: bool = True,
    type_legend: bool = True,
    theme: str = "light",
    max_pairs: int | None = MAX_PAIRS,
    max_events: int | None = MAX_EVENTS,
    max_relations: int | None = MAX_RELATIONS,
    uirevision: str = "timeline",
    empty_message: str = "No dated relations or events match the current filters.",
) -> go.Figure:
    """Return the timeline of a (filtered) relationship graph and its events.

    One row group per pair of actors (direction ignored; "Iran \u2013 Pakistan"), its relations
    packed into as few lanes as they fit without overlapping; events in a band on top.
    Bars take the colour of their relation type (:mod:`graph.style`), a pattern for their
    sign (hostile hatched, structural dotted, cooperative plain) and an opacity for our
    confidence. Dates keep their precision: a bar covers every day its dates cover.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The filtered relationship graph (:func:`graph.filters.apply_filters`).
    events_frame : pandas.DataFrame, optional
        The full events table; the events of the view are chosen by
        :func:`events_in_view` (participants in ``G``, date in the time filter).
    spec : graph.filters.FilterSpec, optional
        The filters ``G`` came from: its time filter chooses the events and is marked on
        the axis (a line for a day, a band for a month, a year or a window).
    show_undated : bool, default False
        Also draw relations with neither start nor end, across the whole axis. By default
        they are left out and a note under the axis counts them.
    selected : node, optional
        An actor of ``G``: rows of pairs without it, and events without it, fade.
    marked_dates : iterable of str
        Further (partial) dates to mark, e.g. the two dates of a comparison.
    date_strip : bool, default True
        Add the "Set the date" strip: one clickable mark per month under the bars.
    event_labels : bool, default True
        Write each event's title (shortened) after its bar; lanes leave room for it.
    width_hint : int, default 1100
        Expected width of the plot area in pixels, used only to leave room for labels.
    title : str, optional
        Figure title (plotly's HTML subset allowed: it comes from code, not data).
    height : int, optional
        Height in pixels; default grows with the number of rows.
    font_size : int, default 12
        Text size in pixels (16 or more for presentation mode); rows scale with it.
    show_legend : bool, default True
        Show the legend of relation types, events and the keys to patterns and open ends.
    type_legend : bool, default True
        List the relation types in the legend; False keeps it to one compact line of
        events, patterns and open ends, where another key (the network's) gives the
        colours of the types.
    theme : {"light", "dark"}
        The page's theme: the colour of text, events and marks (:data:`INKS`).
    max_pairs : int or None, default 40
        Draw at most this many pairs: those of the selected actor first, then those with
        the most relations (ties by name). A note under the axis says how many are left
        out. Ties go in the order of the graph's edges. None draws every pair.
    max_events : int or None, default 25
        Draw at most this many events: those of the selected actor first, then the
        latest. Counted in the same note. None draws every event.
    max_relations : int or None, default 1000
        Stop adding pairs (in the order above) once their relations would pass this
        many; the first pair is always drawn. Counted in the same note. None: no limit.
    uirevision : str, default "timeline"
        Plotly's ``uirevision``: zoom survives reruns while it stays the same.
    empty_message : str
        Text shown when there is nothing to draw.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces: one bar trace per relation type present, one for events, one marker trace
        for events known to the day, one for short relations, one for open ends (faded
        tails and arrows), the date strip and legend-only keys; the count never depends
        on the number of relations. ``customdata`` of every clickable point is
        ``[kind, id, date]`` with kind ``"relation"``, ``"event"`` or ``"date"``.

    Raises
    ------
    ValueError
        If ``selected`` is not in ``G``, a marked date or an event's date does not parse,
        the events table lacks a column, a relation's sign or confidence is outside the
        vocabulary, or ``height``, ``font_size``, ``max_pairs``, ``max_events`` or
        ``max_relations`` is not positive.

    Notes
    -----
    Cost O(m + e log e) to choose what is drawn, then O(k log k) for the k relations and
    events drawn (lane packing sorts them); all text from the data is HTML-escaped, since
    plotly renders a subset of HTML.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "name": "Iran"}, {"id": "pakistan", "name": "Pakistan"}],
    ...     [{"id": "R1", "source": "iran", "target": "pakistan", "relation": "visit",
    ...       "sign": 1, "intensity": 3.0, "start": "2021-10", "end": "2021-10"}],
    ...     sources=[{"id": "s", "published": "2021-10"}],
    ... )
    >>> fig = timeline_figure(G)
    >>> bars = [t for t in fig.data if t.type == "bar" and t.name == "Visit"]
    >>> bars[0].base[0], bars[0].x[0] == 31 * 86_400_000
    ('2021-10-01', True)
    >>> [list(c) for c in bars[0].customdata]
    [['relation', 'R1', '2021-10']]
    """
    if theme not in INKS:
        raise ValueError(f"theme {theme!r} is not one of {', '.join(INKS)}")
    ink = INKS[theme]
    for name, value in (("height", height), ("font_size", font_size)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or value <= 0
        ):
            raise ValueError(f"{name} {value!r} is not a positive number")
    limits = (("max_pairs", max_pairs), ("max_events", max_events))
    for name, value in (*limits, ("max_relations", max_relations)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 1
        ):
            raise ValueError(f"{name} {value!r} is not a positive whole number")
    if selected is not None and selected not in G:
        raise ValueError(f"selected actor {selected!r} is not in the graph")
    marks = [_checked_date(text, "marked date") for text in marked_dates]
    as_of = G.graph.get("as_of")

    events = events_in_view(G, events_frame, spec)
    events, events_left_out = _chosen_events(events, selected, max_events)
    items, undated, pairs_left_out = _relation_items(
        G,
        show_undated=show_undated,
        selected=selected,
        max_pairs=max_pairs,
        max_relations=max_relations,
    )
    items += _event_items(G, events, selected)
    window = time_bounds(spec)

    if not items:
        layout = _layout(title=title, height=height or 260, font_size=font_size)
        layout["annotations"] = [
            {
                "text": escape_hover(empty_message),
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": round(font_size * 1.25), "color": ink.muted},
            }
        ]
        layout["xaxis"]["visible"] = layout["yaxis"]["visible"] = False
        return _figure([], layout)

    known = [item.first for item in items if not item.open_start]
    known += [item.last for item in items if not item.open_end]
    known += [d for d in window if d is not None]
    known += [d for mark in marks for d in (mark.first, mark.last)]
    if as_of is not None:
        known.append(as_of)
    if not known:  # only undated relations, drawn across the year before today
        known.append(date.today())
    right = max(known) if as_of is None else max(as_of, *known)
    left = date(min(known).year, 1, 1)
    if any(item.open_start for item in items):
        left = left - timedelta(days=182)
    span_days = max((right - left).days, 30)
    tail = timedelta(days=max(round(span_days * 0.04), 7))
    for item in items:
        if item.open_start:
            item.first = left
        if item.open_end:
            item.last = max(as_of or right, item.first)

    days_per_px = span_days / max(width_hint - 160, 200)  # less the row labels
    for item in items:
        if item.kind == "event" and event_labels:
            chars = len(_label(item.label))
            item.room = round((chars * 0.58 * font_size + 16) * days_per_px)
            # a label that would leave the plot on the right goes before its bar
            item.label_left = item.last + timedelta(days=item.room) > right + tail
    ticks = _assign_rows(items, minimum_days=round(span_days * 0.012))
    rows = max(item.row for item in items) + 1
    strip_row = rows + 0.3 if date_strip else None
    if date_strip:
        rows += 1

    colours = style.relation_type_colours(_vocabulary(G, items))
    labels = _type_labels(G, items)
    traces: list[Any] = []
    traces += _event_traces([i for i in items if i.kind == "event"], font_size, event_labels, ink)
    traces += _relation_traces(
        [i for i in items if i.kind == "relation"], colours, labels, font_size, type_legend
    )
    traces += _open_end_traces(items, colours, tail, font_size, ink)
    traces += _short_relation_traces(items, colours, span_days, font_size)
    if strip_row is not None:
        traces.append(_date_strip(left, right, strip_row, font_size, ink))
    traces += _key_traces(items, ink)

    row_px = round(font_size * 1.6)
    legend_rows = (9 if type_legend else 6) if show_legend else 5
    auto_height = round(rows * row_px + font_size * legend_rows + 40)
    layout = _layout(title=title, height=height or auto_height, font_size=font_size)
    layout.update(showlegend=show_legend, uirevision=uirevision)
    if not type_legend:  # a few keys: one line, each entry as wide as its text
        for key in ("entrywidth", "entrywidthmode"):
            layout["legend"].pop(key)
    x_range = [_iso(left - timedelta(days=10)), _iso(right + tail * 1.5)]
    layout["xaxis"]["range"] = x_range
    layout["yaxis"].update(
        range=[rows - 0.4, -0.6],
        tickvals=[row for row, _ in ticks] + ([strip_row] if strip_row is not None else []),
        ticktext=[text for _, text in ticks] + (["Set the date"] if strip_row else []),
    )
    marked_shapes, annotations = _marks(window, marks, font_size, x_range, ink)
    shapes = _separators(items) + marked_shapes
    if shapes:  # plotly leaves an empty list out
        layout["shapes"] = shapes
    if annotations:
        layout["annotations"] = annotations
    notes = []
    if pairs_left_out:
        pairs, relations = pairs_left_out
        notes.append(
            f"{plural(pairs, 'more pair')} ({plural(relations, 'relation')}) not drawn: "
            f"pick an actor or narrow the filters"
        )
    if events_left_out:
        notes.append(f"{plural(events_left_out, 'more event')} not drawn")
    if undated:
        notes.append(f"{plural(undated, 'relation')} without dates not drawn")
    if notes:
        layout["xaxis"]["title"] = {
            "text": escape_hover(" \u00b7 ".join(notes)),
            "font": {"size": max(font_size - 1, 10), "color": ink.muted},
            "standoff": 4,
        }
    return _figure(traces, layout)


def date_from_selection(point: Mapping[str, Any] | None) -> str | None:
    """Return the date a click on the timeline picked, or None.

    Parameters
    ----------
    point : mapping or None
        A clicked point (``{"customdata": [kind, id, date], ...}``), or the whole
        selection event of ``st.plotly_chart(..., on_select="rerun")``
        (``{"selection": {"points": [...]}}``) or its ``selection`` part: the first point
        carrying a timeline date is read.

    Returns
    -------
    str or None
        An ISO 8601 date, possibly partial (``"2021-10"``), ready for
        ``FilterSpec(on=...)``; None when nothing dated was clicked.

    Notes
    -----
    Cost O(number of points).

    Examples
    --------
    >>> date_from_selection({"customdata": ["event", "E021", "2021-10-27"]})
    '2021-10-27'
    >>> date_from_selection({"selection": {"points": [{"customdata": ["date", "", "2019-05"]}]}})
    '2019-05'
    >>> date_from_selection({"customdata": ["actor", "iran"]}) is None
    True
    """
    if not point:
        return None
    if "selection" in point:
        return date_from_selection(point["selection"])
    if "points" in point:
        for each in point.get("points") or ():
            found = date_from_selection(each)
            if found is not None:
                return found
        return None
    custom = point.get("customdata")
    if not isinstance(custom, Sequence) or isinstance(custom, str) or len(custom) < 3:
        return None
    kind, text = custom[0], custom[2]
    if kind not in ("relation", "event", "date") or not isinstance(text, str):
        return None
    try:
        parse_partial_date(text)
    except ValueError:
        return None
    return text


# --------------------------------------------------------------------------- items


def _relation_items(
    G: nx.MultiDiGraph,
    *,
    show_undated: bool,
    selected: Hashable | None,
    max_pairs: int | None,
    max_relations: int | None,
) -> tuple[list[_Item], int, tuple[int, int] | None]:
    """The bars of the relations drawn, the count of undated relations left out and, when
    ``max_pairs`` or ``max_relations`` left pairs out, (pairs, relations) left out."""
    sources = G.graph.get("sources") or {}
    as_of = G.graph.get("as_of")
    dated: dict[frozenset, list[tuple[Any, Any, Any, dict]]] = {}
    undated = 0
    # Relations grouped by ordered pair as the graph holds them (G.edges order): one
    # pair key per pair, not per relation.
    if G.is_multigraph():
        grouped = ((u, v, keyed.items()) for u, nbrs in G._adj.items() for v, keyed in nbrs.items())
    else:
        grouped = ((u, v, [(None, d)]) for u, v, d in G.edges(data=True))
    directed, seen = G.is_directed(), set()
    for u, v, keyed in grouped:
        if not directed:
            if (v, u) in seen:
                continue  # an undirected graph lists each pair from both ends
            seen.add((u, v))
        found = None
        for key, d in keyed:
            if not show_undated and not d.get("start") and not d.get("end"):
                undated += 1
                continue
            if found is None:
                found = dated.setdefault(frozenset((u, v)), [])
            found.append((u, v, key, d))
    left_out = None
    total = sum(len(found) for found in dated.values())
    if (max_pairs is not None and len(dated) > max_pairs) or (
        max_relations is not None and total > max_relations
    ):
        # The busiest pairs, the selected actor's first; ties in edge order.
        ranked = heapq.nsmallest(
            len(dated) if max_pairs is None else max_pairs,
            dated,
            key=lambda pair: (selected not in pair, -len(dated[pair])),
        )
        kept: list[frozenset] = []
        drawn = 0
        for pair in ranked:
            if kept and max_relations is not None and drawn + len(dated[pair]) > max_relations:
                break
            kept.append(pair)
            drawn += len(dated[pair])
        left_out = (len(dated) - len(kept), total - drawn)
        dated = {pair: dated[pair] for pair in kept}
    items = []
    edges = (edge for relations in dated.values() for edge in relations)
    for u, v, key, d in edges:
        ident = str(d.get("id") or key)
        start, end = d.get("start"), d.get("end")
        sign, confidence = d.get("sign", 0), d.get("confidence", "high")
        if sign not in _SIGN_PATTERN:
            raise ValueError(f"relation {ident!r}: sign {sign!r} is not one of -1, 0, 1")
        if confidence not in _CONFIDENCE_INDEX:
            raise ValueError(
                f"relation {ident!r}: confidence {confidence!r} is not one of "
                f"{', '.join(style.CONFIDENCE_LEVELS)}"
            )
        first = parse_partial_date(start).first if start else None
        last = parse_partial_date(end).last if end else None
        jump = start or end or (as_of.isoformat() if as_of else "")
        ends = sorted((u, v), key=lambda n: _short(G, n).lower())
        items.append(
            _Item(
                kind="relation",
                ident=ident,
                first=first or date.min,
                last=last or date.max,
                open_start=first is None,
                open_end=last is None,
                jump=jump,
                group=f"{_short(G, ends[0])} {_DASH} {_short(G, ends[1])}",
                hover=_relation_hover(G, u, v, ident, d, sources, as_of),
                type_id=str(d.get("relation") or "unknown"),
                sign=sign,
                confidence=confidence,
                faded=selected is not None and selected not in (u, v),
                day_precise=bool(start and len(start) == 10) or bool(end and len(end) == 10),
            )
        )
    return items, undated, left_out


def _chosen_events(
    events: pd.DataFrame, selected: Hashable | None, max_events: int | None
) -> tuple[pd.DataFrame, int]:
    """At most ``max_events`` of the events in view (date order kept): the selected
    actor's first, then the latest; and how many were left out."""
    if max_events is None or len(events) <= max_events:
        return events, 0
    theirs = [selected in _items(people) for people in events["participants"]]
    # Position in date order breaks ties: later rows are later events.
    ranked = sorted(range(len(events)), key=lambda i: (not theirs[i], -i))
    kept = sorted(ranked[:max_events])
    return events.iloc[kept], len(events) - max_events


def _event_items(G: nx.MultiDiGraph, events: pd.DataFrame, selected: Hashable | None) -> list:
    items = []
    for ident, row in events.iterrows():
        first, last = _event_span(ident, row)
        people = [p for p in _items(row.get("participants")) if p]
        items.append(
            _Item(
                kind="event",
                ident=str(ident),
                first=first,
                last=last,
                open_start=False,
                open_end=False,
                jump=str(row["date"]),
                group="Events",
                hover=_event_hover(G, str(ident), row, people),
                label=str(row.get("title") or ident),
                faded=selected is not None and selected not in people,
                day_precise=len(str(row["date"])) == 10,
            )
        )
    return items


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
        ticks.append((row + (len(lane_ends) - 1) / 2, escape_hover(group)))
        row += len(lane_ends)
    return ticks


# --------------------------------------------------------------------------- traces


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
                hoverlabel=_hoverlabel(colour, font_size),
                customdata=[[item.kind, item.ident, item.jump] for item in members],
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
            name="Event (month or year)",
            legendgroup="events",
            legendrank=1,
            marker={
                "color": ink.event,
                "opacity": [0.45 * (_FADE if item.faded else 1.0) for item in items],
                "line": {"width": 0},
            },
            hovertext=[item.hover for item in items],
            hoverinfo="text",
            hoverlabel=_hoverlabel(ink.event, font_size),
            customdata=[[item.kind, item.ident, item.jump] for item in items],
        )
    ]
    exact = [item for item in items if item.day_precise]
    if exact:
        traces.append(
            _scatter(
                x=[_iso(item.first) for item in exact],
                y=[item.row for item in exact],
                mode="markers",
                name="Event on a known day",
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
                hoverlabel=_hoverlabel(ink.text, font_size),
                customdata=[[item.kind, item.ident, item.jump] for item in exact],
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
                customdata=[[item.kind, item.ident, item.jump] for item in ends],
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
            name="Open end (goes on, or began earlier)",
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
            customdata=[[item.kind, item.ident, item.jump] for item in short],
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
        hovertext=[f"Set the date to {m:%B %Y}" for m in months],
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
                    name=text,
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


_bar = partial(plain_trace, "bar")
_scatter = partial(plain_trace, "scatter")


#: Whether :func:`_figure` lets plotly validate the traces (the tests compare both ways).
_VALIDATE = False


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """The figure of plain-dict traces and layout, unvalidated
    (:func:`graph.figures._plain.plain_figure`: plotly's validation was most of the
    timeline's cost at 10^4 relations, and finds nothing in what this module makes; its
    ``update_layout`` and ``add_vline`` took 10 to 15 ms per figure on the shipped data)."""
    return plain_figure(traces, layout, validate=_VALIDATE)


# --------------------------------------------------------------------------- layout


def _layout(*, title: str | None, height: int, font_size: int) -> dict[str, Any]:
    """The timeline's layout, a plain dict (axes as dicts the caller fills in)."""
    return dict(
        height=height,
        barmode="overlay",
        bargap=0,
        margin={"l": 8, "r": 12, "t": round(font_size * 3.2) if title else 8, "b": 8},
        title={"text": title, "font": {"size": round(font_size * 1.75)}, "x": 0.01}
        if title
        else None,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"size": font_size},
        hovermode="closest",
        dragmode="zoom",
        legend={
            "orientation": "h",
            "x": 0.0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": max(font_size - 1, 11)},
            "itemsizing": "constant",
            "traceorder": "normal",
            "entrywidth": 0.33,
            "entrywidthmode": "fraction",
        },
        xaxis={
            "type": "date",
            "showgrid": True,
            "gridcolor": "rgba(128,128,128,0.25)",
            "zeroline": False,
            "side": "bottom",
            "tickfont": {"size": font_size},
        },
        yaxis={
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "tickfont": {"size": font_size},
        },
    )


def _separators(items: list[_Item]) -> list[dict[str, Any]]:
    """A faint line between row groups (shapes)."""
    tops: dict[str, float] = {}
    for item in items:
        tops[item.group] = min(tops.get(item.group, item.row), item.row)
    line = {"color": "rgba(128,128,128,0.3)", "width": 1}
    return [
        {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": line}
        for y in (top - 0.5 for top in sorted(tops.values())[1:])
    ]


def _marks(
    window: tuple[date | None, date | None],
    marks: list[Any],
    font_size: int,
    x_range: list[str],
    ink: Ink,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The time filter (and any marked dates) on the axis: a line for a day, else a band;
    shapes and annotations, as plotly's ``add_vline`` and ``add_vrect`` make them."""
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    spans = []
    first, last = window
    if first is not None or last is not None:
        spans.append((first, last, "shown"))
    spans += [(mark.first, mark.last, mark.text) for mark in marks]
    across = {"xref": "x", "yref": "y domain", "y0": 0, "y1": 1, "layer": "below"}
    for start, end, label in spans:
        font = {"size": max(font_size - 1, 10), "color": ink.mark}
        if start is not None and end is not None and start == end:
            day = _iso(start)
            line = {"color": ink.mark, "width": 2, "dash": "dot"}
            shapes.append({"type": "line", "x0": day, "x1": day, "line": line, **across})
            annotations.append(
                {
                    "x": day,
                    "y": 1.0,
                    "yref": "paper",
                    "yanchor": "bottom",
                    "showarrow": False,
                    "text": escape_hover(label if label != "shown" else start.isoformat()),
                    "font": font,
                }
            )
            continue
        x0 = _iso(start) if start is not None else x_range[0]
        x1 = _iso(end + timedelta(days=1)) if end is not None else x_range[1]
        shapes.append(
            {
                "type": "rect",
                "x0": x0,
                "x1": x1,
                "fillcolor": ink.mark,
                "opacity": 0.08,
                "line": {"width": 0},
                **across,
            }
        )
    return shapes, annotations


# --------------------------------------------------------------------------- text


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
    rows = [f"<b>{escape_hover(_name(G, u))}{arrow}{escape_hover(_name(G, v))}</b>"]
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
        names = ", ".join(_name(G, p) if p in G else str(p) for p in people)
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


# --------------------------------------------------------------------------- helpers


def _event_span(ident: Any, row: Mapping[str, Any]) -> tuple[date, date]:
    try:
        start = parse_partial_date(str(row["date"]))
        end = parse_partial_date(str(row["end"])) if row.get("end") else start
    except ValueError as error:
        raise ValueError(f"event {ident!r}: {error}") from None
    return start.first, end.last


def _checked_date(text: str, what: str) -> Any:
    try:
        return parse_partial_date(str(text))
    except ValueError as error:
        raise ValueError(f"{what}: {error}") from None


def _items(value: Any) -> tuple[str, ...]:
    if value is None or (isinstance(value, float) and value != value):
        return ()
    if isinstance(value, str):
        return tuple(part for part in value.split(";") if part)
    return tuple(str(part) for part in value)


def _require_columns(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"events table has no column {missing[0]!r}; "
            f"it has {', '.join(map(str, frame.columns))}"
        )


def _vocabulary(G: nx.MultiDiGraph, items: list[_Item]) -> list[str]:
    vocabulary = [str(t) for t in G.graph.get("relation_types") or ()]
    used = sorted({str(i.type_id) for i in items if i.kind == "relation"} - set(vocabulary))
    return vocabulary + used


def _type_labels(G: nx.MultiDiGraph, items: list[_Item]) -> dict[str, str]:
    rows = G.graph.get("relation_types") or {}
    labels = {str(t): str((row or {}).get("label") or t) for t, row in rows.items()}
    if missing := {i.type_id for i in items if i.kind == "relation"} - labels.keys():
        for _, _, d in G.edges(data=True):  # types outside the vocabulary: their own label
            if str(d.get("relation")) in missing:
                labels.setdefault(str(d.get("relation")), str(d.get("label") or d.get("relation")))
    return labels


def _label(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " \u2026"


def _rgba_muted(faded: bool, ink: Ink) -> str:
    return style.rgba(ink.text, _FADE if faded else 0.9)


def _legend_first(item: _Item) -> tuple[bool, float]:
    """Sort key putting the most visible item first: a legend draws a trace's first point."""
    return item.faded, -_opacity(item)


def _opacity(item: _Item) -> float:
    base = style.CONFIDENCE_OPACITY.get(item.confidence, 1.0)
    return base * (_FADE if item.faded else 1.0)


def _short(G: nx.MultiDiGraph, node: Hashable) -> str:
    data = G.nodes[node]
    return str(data.get("short_name") or data.get("name") or node)


def _name(G: nx.MultiDiGraph, node: Hashable) -> str:
    return str(G.nodes[node].get("name") or node)


def _iso(day: date) -> str:
    return day.isoformat()


def _hoverlabel(colour: str, font_size: int) -> dict[str, Any]:
    return {
        "bgcolor": "white",
        "bordercolor": colour,
        "font": {"color": _TEXT_COLOUR, "size": font_size},
        "align": "left",
    }

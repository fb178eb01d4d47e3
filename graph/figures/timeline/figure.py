"""The timeline figure, assembled from its parts, and the date a click on it picks."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from graph import style
from graph.build import relation_vocabulary
from graph.dates import parse_partial_date
from graph.figures._plain import plain_figure
from graph.figures.timeline._common import INKS, _checked_date, _iso, _Item, _label, _line
from graph.figures.timeline.items import (
    MAX_EVENTS,
    MAX_PAIRS,
    MAX_RELATIONS,
    _chosen_events,
    _event_items,
    _relation_items,
    events_in_view,
)
from graph.figures.timeline.lanes import _assign_rows
from graph.figures.timeline.layout import _layout, _marks, _separators
from graph.figures.timeline.traces import (
    _date_strip,
    _event_traces,
    _key_traces,
    _open_end_traces,
    _relation_traces,
    _short_relation_traces,
)
from graph.filters import time_bounds
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import escape_hover

__all__ = ["date_from_selection", "timeline_figure"]


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
    empty_message: str | None = None,
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
    empty_message : str, optional
        Text shown when there is nothing to draw; default "No dated relations or events
        match the current filters." (in the language of the run).

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
        if empty_message is None:
            empty_message = _("No dated relations or events match the current filters.")
        layout = _layout(title=title, height=height or 260, font_size=font_size)
        layout["annotations"] = [
            {
                "text": _line(escape_hover(empty_message)),
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": round(font_size * 1.25), "color": ink.muted},
            }
        ]
        layout["xaxis"]["visible"] = layout["yaxis"]["visible"] = False
        return plain_figure([], layout)

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

    colours = style.relation_type_colours(
        relation_vocabulary(G, (i.type_id for i in items if i.kind == "relation"))
    )
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
        ticktext=[text for _row, text in ticks] + ([_line(_("Set the date"))] if strip_row else []),
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
            ngettext(
                "{pairs} more pair ({relations}) not drawn: pick an actor or narrow the filters",
                "{pairs} more pairs ({relations}) not drawn: pick an actor or narrow the filters",
                pairs,
            ).format(
                pairs=f"{pairs:,}",
                relations=ngettext("{n} relation", "{n} relations", relations).format(
                    n=f"{relations:,}"
                ),
            )
        )
    if events_left_out:
        notes.append(
            ngettext(
                "{n} more event not drawn", "{n} more events not drawn", events_left_out
            ).format(n=f"{events_left_out:,}")
        )
    if undated:
        notes.append(
            ngettext(
                "{n} relation without dates not drawn",
                "{n} relations without dates not drawn",
                undated,
            ).format(n=f"{undated:,}")
        )
    if notes:
        layout["xaxis"]["title"] = {
            "text": _line(escape_hover(" \u00b7 ".join(notes))),
            "font": {"size": max(font_size - 1, 10), "color": ink.muted},
            "standoff": 4,
        }
    return plain_figure(traces, layout)


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


def _type_labels(G: nx.MultiDiGraph, items: list[_Item]) -> dict[str, str]:
    rows = G.graph.get("relation_types") or {}
    labels = {str(t): str((row or {}).get("label") or t) for t, row in rows.items()}
    if missing := {i.type_id for i in items if i.kind == "relation"} - labels.keys():
        for _u, _v, d in G.edges(data=True):  # types outside the vocabulary: their own label
            if str(d.get("relation")) in missing:
                labels.setdefault(str(d.get("relation")), str(d.get("label") or d.get("relation")))
    return labels

"""The timeline's items: the events a view shows, and the bars of relations and events.

:func:`events_in_view` picks the events of a filtered view; the private builders turn the
graph's relations and those events into the bars of the figure, choosing at most
:data:`MAX_PAIRS` pairs, :data:`MAX_EVENTS` events and :data:`MAX_RELATIONS` relations
by default.
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from typing import Any

import networkx as nx
import pandas as pd

from graph import style
from graph.build import actor_short_name, relation_id, relation_type
from graph.dates import parse_partial_date
from graph.figures.timeline._common import _DASH, _SIGN_PATTERN, _checked_date, _Item
from graph.figures.timeline.hover import _event_hover, _relation_hover
from graph.filters import time_bounds

__all__ = ["EVENT_COLUMNS", "MAX_EVENTS", "MAX_PAIRS", "MAX_RELATIONS", "events_in_view"]

#: Columns of the events table the timeline reads (the shipped ``events`` table has them).
EVENT_COLUMNS: tuple[str, ...] = ("date", "end", "title", "participants")
#: Pairs and events the timeline draws at most by default: past them a row a pair stops
#: being readable (and plotly's cost grows with the rows). The busiest pairs stay.
MAX_PAIRS = 40
MAX_EVENTS = 25
#: Relations the timeline draws at most by default (whole pairs, busiest first): each
#: bar carries its hover text, and ten thousand bars are megabytes no one reads.
MAX_RELATIONS = 1000


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
        people = _participants(row)
        present = sum(1 for p in people if p in G)
        if people and present < min(2, len(people)):
            continue
        keep.append(ident)
        order.append((start, str(ident)))
    kept = [ident for _, ident in sorted(zip(order, keep, strict=True))]
    return events.loc[kept]


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
        ident = relation_id(key, d)
        start, end = d.get("start"), d.get("end")
        sign, confidence = d.get("sign", 0), d.get("confidence", "high")
        if sign not in _SIGN_PATTERN:
            raise ValueError(f"relation {ident!r}: sign {sign!r} is not one of -1, 0, 1")
        if confidence not in style.CONFIDENCE_RANK:
            raise ValueError(
                f"relation {ident!r}: confidence {confidence!r} is not one of "
                f"{', '.join(style.CONFIDENCE_LEVELS)}"
            )
        first = parse_partial_date(start).first if start else None
        last = parse_partial_date(end).last if end else None
        jump = start or end or (as_of.isoformat() if as_of else "")
        ends = sorted((u, v), key=lambda n: actor_short_name(G, n).lower())
        items.append(
            _Item(
                kind="relation",
                ident=ident,
                first=first or date.min,
                last=last or date.max,
                open_start=first is None,
                open_end=last is None,
                jump=jump,
                group=f"{actor_short_name(G, ends[0])} {_DASH} {actor_short_name(G, ends[1])}",
                hover=_relation_hover(G, u, v, ident, d, sources, as_of),
                type_id=relation_type(d),
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
        people = _participants(row)
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


def _event_span(ident: Any, row: Mapping[str, Any]) -> tuple[date, date]:
    start = _checked_date(row["date"], f"event {ident!r}")
    end = _checked_date(row["end"], f"event {ident!r}") if row.get("end") else start
    return start.first, end.last


def _participants(row: Mapping[str, Any]) -> list[str]:
    """The actors an event names (empty names left out)."""
    return [p for p in _items(row.get("participants")) if p]


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

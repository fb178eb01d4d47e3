"""The event-data layer of the page: machine-coded dyads between the actors on screen,
aggregated in the store and capped, kept apart from the curated relations.

The page never receives events, only these aggregates: per pair of our actors (both ends
mapped by ``data/event_actors.csv``) and dataset, the events over the months asked for,
capped to the busiest :data:`DYAD_CAP`, with the count of those left out said. Each dyad is
graded as what it is: machine-coded, source reliability and credibility "cannot be judged"
(F6), low confidence.

Examples
--------
>>> import tempfile
>>> from graph.events.store import EventStore
>>> layer = event_layer(EventStore(Path(tempfile.mkdtemp())), {"gdelt": {}, "acled": {}},
...                     ["iran", "pakistan"])
>>> layer.dyads, layer.total
([], 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from graph.events.gdelt import month_number
from graph.events.store import EventStore, parquet_source, sql_string
from graph.filters import FilterSpec
from graph.i18n import N_
from graph.vocabulary import CONFIDENCE_LEVELS

__all__ = [
    "DYAD_CAP",
    "EventDyad",
    "EventLayer",
    "PairMonth",
    "event_layer",
    "pair_months",
    "pair_sources",
    "screened",
]

#: Dyads the page receives at most (the busiest).
DYAD_CAP = 200

#: How a machine-coded dyad is graded (Admiralty code and ICD 203 confidence).
GRADE = ("F", 6)
CONFIDENCE = N_("low")


@dataclass(frozen=True)
class EventDyad:
    """Events of one dataset between two of our actors over a window."""

    dataset: str
    actor1: str
    actor2: str
    directed: bool  # GDELT: actor1 acted on actor2; ACLED: no direction
    events: int
    first_month: str
    last_month: str
    mentions: int | None = None
    goldstein_mean: float | None = None
    tone_mean: float | None = None
    fatalities: int | None = None

    @property
    def sign(self) -> int:
        """-1 hostile, 1 cooperative, 0 neither: GDELT by its mean Goldstein score; ACLED's
        events (battles, violence, protests, riots) as hostile."""
        if self.dataset == "acled":
            return -1
        score = self.goldstein_mean or 0.0
        return 1 if score > 0 else -1 if score < 0 else 0

    @property
    def key(self) -> str:
        """``dataset|actor1|actor2``: what a click on the dyad names."""
        return f"{self.dataset}|{self.actor1}|{self.actor2}"


@dataclass
class EventLayer:
    """The dyads the page draws, and what it left out."""

    dyads: list[EventDyad] = field(default_factory=list)
    total: int = 0  # dyads between actors on screen, before the cap
    events: int = 0  # events in those dyads
    months: tuple[str, str] | None = None  # the window, as asked


@dataclass(frozen=True)
class PairMonth:
    """One month of events between a pair (both directions), per dataset."""

    dataset: str
    month: str
    events: int
    goldstein_mean: float | None
    fatalities: int | None


def _codes(mapping: Mapping[str, str], actors: Iterable[str]) -> dict[str, str]:
    wanted = set(actors)
    return {code: actor for code, actor in mapping.items() if actor in wanted}


def _values(codes: Mapping[str, str]) -> str:
    return ", ".join(f"({sql_string(code)}, {sql_string(actor)})" for code, actor in codes.items())


def _window(start: str | None, end: str | None) -> str:
    """SQL keeping the events of the months from ``start`` to ``end`` (``YYYY-MM``)."""
    parts = []
    if start is not None:
        month_number(start)
        parts.append(f"month >= {sql_string(start)}")
    if end is not None:
        month_number(end)
        parts.append(f"month <= {sql_string(end)}")
    return " AND ".join(parts) or "TRUE"


def _ends(dataset: str) -> tuple[str, str]:
    return ("Actor1Code", "Actor2Code") if dataset == "gdelt" else ("actor1", "actor2")


def event_layer(
    store: EventStore,
    mapping: Mapping[str, Mapping[str, str]],
    actors: Iterable[str],
    *,
    start: str | None = None,
    end: str | None = None,
    cap: int = DYAD_CAP,
) -> EventLayer:
    """The busiest dyads between ``actors`` in the store, over the months asked for.

    Parameters
    ----------
    store : EventStore
    mapping : mapping
        Dataset -> code -> our actor id (:func:`graph.events.mapping.read_mapping`).
    actors : iterable of str
        Our actors on screen; a dyad needs both ends among them.
    start, end : str, optional
        First and last month (``YYYY-MM``), of the event's date.
    cap : int
        Dyads kept, the busiest first.

    Notes
    -----
    One DuckDB query per dataset over the store's Parquet files (the months outside the
    window are not read); the mapping is joined as a small table of codes.
    """
    if cap < 1:
        raise ValueError(f"cap {cap!r} is not a positive number")
    actors = list(actors)
    found: list[EventDyad] = []
    with duckdb.connect() as con:
        for dataset in ("gdelt", "acled"):
            codes = _codes(mapping.get(dataset, {}), actors)
            files = _files(store, dataset, start, end)
            if not codes or not files:
                continue
            one, two = _ends(dataset)
            pair = (
                "a.actor AS actor1, b.actor AS actor2"
                if dataset == "gdelt"
                else "least(a.actor, b.actor) AS actor1, greatest(a.actor, b.actor) AS actor2"
            )
            measures = (
                "sum(NumMentions) AS mentions, avg(GoldsteinScale) AS goldstein_mean, "
                "avg(AvgTone) AS tone_mean, NULL AS fatalities"
                if dataset == "gdelt"
                else "NULL AS mentions, NULL AS goldstein_mean, NULL AS tone_mean, "
                "sum(fatalities) AS fatalities"
            )
            rows = con.execute(
                f"WITH codes(code, actor) AS (VALUES {_values(codes)}) "
                f"SELECT {pair}, count(*) AS events, min(month), max(month), {measures} "
                f"FROM {parquet_source(files)} e JOIN codes a ON e.{one} = a.code "
                f"JOIN codes b ON e.{two} = b.code "
                f"WHERE a.actor <> b.actor AND {_window(start, end)} "
                "GROUP BY ALL"
            ).fetchall()
            for a, b, events, first, last, mentions, goldstein, tone, fatalities in rows:
                found.append(
                    EventDyad(
                        dataset, a, b, dataset == "gdelt", int(events), first, last,
                        None if mentions is None else int(mentions),
                        None if goldstein is None else round(float(goldstein), 3),
                        None if tone is None else round(float(tone), 3),
                        None if fatalities is None else int(fatalities),
                    )
                )  # fmt: skip
    found.sort(key=lambda d: (-d.events, d.dataset, d.actor1, d.actor2))
    window = (start or "", end or "") if start or end else None
    return EventLayer(found[:cap], len(found), sum(d.events for d in found), window)


def _files(store: EventStore, dataset: str, start: str | None, end: str | None) -> list[Path]:
    months = [
        m
        for m in store.months(dataset)
        if (start is None or m >= start) and (end is None or m <= end)
    ]
    return store.files(dataset, months)


def _pair_filter(dataset: str, codes_a: list[str], codes_b: list[str]) -> str:
    one, two = _ends(dataset)
    a = ", ".join(sql_string(c) for c in codes_a)
    b = ", ".join(sql_string(c) for c in codes_b)
    return f"(({one} IN ({a}) AND {two} IN ({b})) OR ({one} IN ({b}) AND {two} IN ({a})))"


def pair_months(
    store: EventStore, mapping: Mapping[str, Mapping[str, str]], a: str, b: str
) -> list[PairMonth]:
    """Events between ``a`` and ``b`` (either direction) per dataset and month.

    Examples
    --------
    >>> import tempfile
    >>> pair_months(EventStore(Path(tempfile.mkdtemp())), {}, "iran", "pakistan")
    []
    """
    found: list[PairMonth] = []
    with duckdb.connect() as con:
        for dataset in ("gdelt", "acled"):
            codes = mapping.get(dataset, {})
            codes_a = [c for c, actor in codes.items() if actor == a]
            codes_b = [c for c, actor in codes.items() if actor == b]
            files = store.files(dataset)
            if not codes_a or not codes_b or not files:
                continue
            measure = "avg(GoldsteinScale), NULL" if dataset == "gdelt" else "NULL, sum(fatalities)"
            rows = con.execute(
                f"SELECT month, count(*), {measure} FROM {parquet_source(files)} "
                f"WHERE {_pair_filter(dataset, codes_a, codes_b)} GROUP BY month ORDER BY month"
            ).fetchall()
            for month, events, goldstein, fatalities in rows:
                found.append(
                    PairMonth(
                        dataset, month, int(events),
                        None if goldstein is None else round(float(goldstein), 3),
                        None if fatalities is None else int(fatalities),
                    )
                )  # fmt: skip
    return found


def pair_sources(
    store: EventStore,
    mapping: Mapping[str, Mapping[str, str]],
    dyad: EventDyad,
    *,
    limit: int = 5,
) -> list[tuple[str, int]]:
    """The busiest sources of a dyad's events, with their event counts: GDELT's article
    URLs, ACLED's named sources; over the dyad's months and in its direction (GDELT)."""
    codes = mapping.get(dyad.dataset, {})
    codes_a = [c for c, actor in codes.items() if actor == dyad.actor1]
    codes_b = [c for c, actor in codes.items() if actor == dyad.actor2]
    files = _files(store, dyad.dataset, dyad.first_month, dyad.last_month)
    if not codes_a or not codes_b or not files:
        return []
    one, two = _ends(dyad.dataset)
    if dyad.directed:
        a = ", ".join(sql_string(c) for c in codes_a)
        b = ", ".join(sql_string(c) for c in codes_b)
        where = f"{one} IN ({a}) AND {two} IN ({b})"
    else:
        where = _pair_filter(dyad.dataset, codes_a, codes_b)
    column = "SOURCEURL" if dyad.dataset == "gdelt" else "source"
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT {column}, count(*) AS n FROM {parquet_source(files)} WHERE {where} "
            f"AND {column} IS NOT NULL AND month BETWEEN ? AND ? "
            f"GROUP BY 1 ORDER BY n DESC, 1 LIMIT {int(limit)}",
            [dyad.first_month, dyad.last_month],
        ).fetchall()
    return [(str(source), int(n)) for source, n in rows]


def screened(layer: EventLayer, spec: FilterSpec) -> tuple[EventLayer, str | None]:
    """The layer as the filters leave it, and why they hide all of it (or None).

    Machine-coded dyads are graded F6 with low confidence, so a confidence filter above low
    or a grade filter better than F6 hides them all; the sign filter keeps the dyads of the
    signs chosen (:attr:`EventDyad.sign`). Actor filters act through the actors on screen.

    Examples
    --------
    >>> layer = EventLayer([EventDyad("gdelt", "a", "b", True, 3, "2021-10", "2021-10",
    ...                               goldstein_mean=-4.0)], 1, 3)
    >>> screened(layer, FilterSpec(signs=["cooperative"]))[0].dyads
    []
    >>> screened(layer, FilterSpec(min_confidence="moderate"))[1]
    'event data is graded low confidence, below the confidence filter (moderate)'
    """
    rank = {level: i for i, level in enumerate(CONFIDENCE_LEVELS)}
    if spec.min_confidence is not None and rank[CONFIDENCE] < rank[spec.min_confidence]:
        why = f"below the confidence filter ({spec.min_confidence})"
        return EventLayer([], 0, 0, layer.months), f"event data is graded low confidence, {why}"
    if spec.min_grade is not None and spec.min_grade != "".join(map(str, GRADE)):
        why = f"below the grade filter ({spec.min_grade} or better)"
        return EventLayer([], 0, 0, layer.months), f"event data is graded F6, {why}"
    if spec.signs is None:
        return layer, None
    kept = [d for d in layer.dyads if d.sign in spec.signs]
    return EventLayer(kept, len(kept), sum(d.events for d in kept), layer.months), None

"""Dyads: events per actor pair, type and month, written once as Ibis expressions that run
on DuckDB here and on a distributed engine elsewhere.

The GDELT expression reads a table with GDELT's own columns and types, so it runs
unchanged on the store's Parquet files (DuckDB) and on GDELT's public BigQuery table
``gdelt-bq.gdeltv2.events`` (:func:`gdelt_table` with ``engine="bigquery"``, then
:func:`to_sql`); the actor mapping is inlined as a ``CASE``, so the query needs no upload.

Columns of a dyad table: ``dataset`` (``gdelt`` or ``acled``), ``actor1``, ``actor2`` (our
id where the code is mapped, else the source's code or name), ``type`` (GDELT: the CAMEO
root code, two digits; ACLED: the event type), ``month`` (``YYYY-MM``, when the event
happened), ``events``, ``mentions`` (GDELT's NumMentions summed; empty for ACLED),
``goldstein_mean``, ``tone_mean`` (GDELT; empty for ACLED) and ``fatalities`` (ACLED;
empty for GDELT). GDELT pairs are directed (Actor1 to Actor2); ACLED's are not, so its two
actors are written in alphabetical order. Events missing either actor are left out.

Examples
--------
>>> t = gdelt_table()
>>> sql = to_sql(gdelt_dyads(t, {"IRN": "iran"}, start="2021-01"), "bigquery")
>>> "`gdelt-bq`.`gdeltv2`.`events`" in sql, "WHEN 'IRN' THEN 'iran'" in " ".join(sql.split())
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping

import ibis
import ibis.expr.types as ir

from graph.events.acled import ACLED_SCHEMA
from graph.events.gdelt import GDELT_SCHEMA, month_number

__all__ = [
    "DYAD_COLUMNS",
    "acled_dyads",
    "acled_table",
    "gdelt_dyads",
    "gdelt_table",
    "to_sql",
    "unmapped_codes",
]

#: The columns of a dyad table, in order.
DYAD_COLUMNS: tuple[str, ...] = (
    "dataset", "actor1", "actor2", "type", "month", "events", "mentions", "goldstein_mean",
    "tone_mean", "fatalities",
)  # fmt: skip

#: The GDELT columns a dyad reads.
_GDELT_READ = (
    "SQLDATE", "Actor1Code", "Actor2Code", "EventRootCode", "NumMentions", "GoldsteinScale",
    "AvgTone",
)  # fmt: skip

_IBIS_TYPES = {"INTEGER": "int64", "FLOAT": "float64", "STRING": "string", "DATE": "date"}

#: Where GDELT's events live on BigQuery: project, dataset, table.
BIGQUERY_EVENTS = ("gdelt-bq", "gdeltv2", "events")


def gdelt_table(name: str = "events", *, engine: str = "bigquery") -> ir.Table:
    """An unbound table with GDELT's columns: ``gdelt-bq.gdeltv2.events`` for BigQuery,
    or ``name`` (e.g. a view of the store) elsewhere; compile it with :func:`to_sql`."""
    schema = {column: _IBIS_TYPES[kind] for column, kind in GDELT_SCHEMA.items()}
    if engine == "bigquery":
        project, dataset, table = BIGQUERY_EVENTS
        return ibis.table(schema, name=table, catalog=project, database=dataset)
    return ibis.table(schema, name=name)


def acled_table(name: str = "acled") -> ir.Table:
    """An unbound table with the store's ACLED columns (``month`` included)."""
    schema = {column: _IBIS_TYPES[kind] for column, kind in ACLED_SCHEMA.items()}
    return ibis.table({**schema, "month": "string"}, name=name)


def _mapped(code: ir.StringValue, mapping: Mapping[str, str]) -> ir.StringValue:
    return code.substitute(dict(mapping), else_=code) if mapping else code


def _filled(value: ir.StringValue) -> ir.BooleanValue:
    return value.notnull() & (value.strip() != "")


def gdelt_dyads(
    events: ir.Table,
    mapping: Mapping[str, str],
    *,
    start: str | None = None,
    end: str | None = None,
) -> ir.Table:
    """GDELT events per directed pair (Actor1 to Actor2), CAMEO root code and month.

    Parameters
    ----------
    events : ibis Table
        GDELT's columns (the store, or :func:`gdelt_table`).
    mapping : mapping
        GDELT actor code -> our actor id (``data/event_actors.csv``).
    start, end : str, optional
        First and last month kept, ``YYYY-MM`` (of the event's date, SQLDATE).
    """
    first, last = month_number(start), month_number(end, end=True)
    t = events.select(*_GDELT_READ)  # only these columns are scanned (BigQuery bills them)
    t = t.filter(_filled(t.Actor1Code), _filled(t.Actor2Code))
    if first is not None:
        t = t.filter(first <= t.SQLDATE)
    if last is not None:
        t = t.filter(last >= t.SQLDATE)
    t = t.mutate(
        actor1=_mapped(t.Actor1Code, mapping),
        actor2=_mapped(t.Actor2Code, mapping),
        type=t.EventRootCode,
        month_key=t.SQLDATE // 100,
    )
    grouped = t.group_by(["actor1", "actor2", "type", "month_key"]).aggregate(
        events=t.count(),
        mentions=t.NumMentions.sum(),
        goldstein_mean=t.GoldsteinScale.mean(),
        tone_mean=t.AvgTone.mean(),
    )
    return grouped.select(
        dataset=ibis.literal("gdelt"),
        actor1=grouped.actor1,
        actor2=grouped.actor2,
        type=grouped.type,
        month=_month_text(grouped.month_key),
        events=grouped.events,
        mentions=grouped.mentions,
        goldstein_mean=grouped.goldstein_mean,
        tone_mean=grouped.tone_mean,
        fatalities=ibis.null("int64"),
    ).order_by([ibis.desc("events"), "month", "actor1", "actor2", "type"])


def _month_text(key: ir.IntegerValue) -> ir.StringValue:
    """YYYYMM as ``YYYY-MM``."""
    year = (key // 100).cast("string")
    month = (key % 100).cast("string").lpad(2, "0")
    return year + "-" + month


def acled_dyads(
    events: ir.Table,
    mapping: Mapping[str, str],
    *,
    start: str | None = None,
    end: str | None = None,
) -> ir.Table:
    """ACLED events per undirected pair (the two actors in alphabetical order), event type
    and month; the same parameters as :func:`gdelt_dyads`, with ACLED's names mapped."""
    t = events.filter(_filled(events.actor1), _filled(events.actor2))
    if start is not None:
        month_number(start)
        t = t.filter(t.month >= start)
    if end is not None:
        month_number(end)
        t = t.filter(t.month <= end)
    one, two = _mapped(t.actor1, mapping), _mapped(t.actor2, mapping)
    t = t.mutate(first=ibis.least(one, two), second=ibis.greatest(one, two), type=t.event_type)
    grouped = t.group_by(["first", "second", "type", "month"]).aggregate(
        events=t.count(), fatalities=t.fatalities.sum()
    )
    return grouped.select(
        dataset=ibis.literal("acled"),
        actor1=grouped.first,
        actor2=grouped.second,
        type=grouped.type,
        month=grouped.month,
        events=grouped.events,
        mentions=ibis.null("int64"),
        goldstein_mean=ibis.null("float64"),
        tone_mean=ibis.null("float64"),
        fatalities=grouped.fatalities,
    ).order_by([ibis.desc("events"), "month", "actor1", "actor2", "type"])


def unmapped_codes(events: ir.Table, dataset: str, mapping: Mapping[str, str]) -> ir.Table:
    """Actor codes (GDELT) or names (ACLED) no row of the mapping names, with the events
    they take part in, busiest first: what a curator should map next."""
    one, two = ("Actor1Code", "Actor2Code") if dataset == "gdelt" else ("actor1", "actor2")
    sides = [
        events.filter(_filled(events[column])).select(code=events[column]) for column in (one, two)
    ]
    codes = ibis.union(*sides, distinct=False)
    if mapping:
        codes = codes.filter(~codes.code.isin(list(mapping)))
    return (
        codes.group_by("code")
        .aggregate(events=codes.count())
        .order_by([ibis.desc("events"), "code"])
    )


def to_sql(expr: ir.Expr, dialect: str) -> str:
    """The SQL an engine (``duckdb``, ``bigquery``, ``trino``, ``spark``...) would run,
    compiled without connecting to it."""
    return str(ibis.to_sql(expr, dialect=dialect))

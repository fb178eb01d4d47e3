"""Dyads (graph.events.dyads): per pair, type and month, on DuckDB and as BigQuery SQL."""

from __future__ import annotations

import json
from pathlib import Path

import ibis
import pytest
import sqlglot
from sqlglot import exp

from graph.events.dyads import (
    DYAD_COLUMNS,
    acled_dyads,
    gdelt_dyads,
    gdelt_table,
    to_sql,
    unmapped_codes,
)
from graph.events.gdelt import GDELT_SCHEMA
from graph.events.mapping import read_mapping
from graph.events.store import EventStore
from graph.load import default_data_dir
from tests.events_rows import REAL_GDELT, acled_row, acled_rows, gdelt_row, write_gdelt

BIGQUERY_SCHEMA = Path(__file__).resolve().parent / "data" / "gdelt" / "bigquery-schema.json"
ISK = "Islamic State (Afghanistan)"
MAPPING = {"IRN": "iran", "IRNGOV": "iran", "PAK": "pakistan", "PAKMIL": "pakistan-army"}


def stored(tmp_path: Path, dataset: str, *files: Path) -> ibis.Table:
    store = EventStore(tmp_path / "events")
    for outcome in store.import_files(dataset, list(files)):
        assert not isinstance(outcome, Exception), outcome
    return ibis.duckdb.connect().read_parquet([str(p) for p in store.files(dataset)])


def rows_of(expr) -> list[dict]:
    return expr.to_pyarrow().to_pylist()


@pytest.fixture
def gdelt(tmp_path: Path) -> ibis.Table:
    lines = [
        gdelt_row(1, "20211005", "IRN", "PAK", "042", mentions=4, goldstein=1.9, tone=-2.0),
        gdelt_row(2, "20211020", "IRNGOV", "PAK", "043", mentions=6, goldstein=2.8, tone=1.0),
        gdelt_row(3, "20211101", "IRN", "PAK", "042", mentions=1),
        gdelt_row(4, "20211005", "PAK", "IRN", "190", mentions=2, goldstein=-10.0, tone=-8.0),
        gdelt_row(5, "20211005", "PAKMIL", "TAL", "190", mentions=3, goldstein=-10.0),
        gdelt_row(6, "20211005", "", "AFG", "010"),  # no Actor1: stored, not a dyad
        gdelt_row(
            7,
            "20211005",
            "IRN",
            "PAK",
            "042",
            mentions=2,
            goldstein=1.9,
            tone=-3.0,
            DATEADDED="20220101000000",
        ),
    ]
    return stored(tmp_path, "gdelt", write_gdelt(tmp_path / "a.export.CSV", lines))


def test_gdelt_dyads_are_directed_mapped_and_monthly(gdelt):
    rows = rows_of(gdelt_dyads(gdelt, MAPPING))
    assert tuple(rows[0]) == DYAD_COLUMNS
    by_key = {(r["actor1"], r["actor2"], r["type"], r["month"]): r for r in rows}
    assert set(by_key) == {
        ("iran", "pakistan", "04", "2021-10"),
        ("iran", "pakistan", "04", "2021-11"),
        ("pakistan", "iran", "19", "2021-10"),  # the other direction is another dyad
        ("pakistan-army", "TAL", "19", "2021-10"),  # unmapped codes stay GDELT's
    }
    october = by_key[("iran", "pakistan", "04", "2021-10")]
    assert (october["events"], october["mentions"]) == (3, 12)
    assert october["goldstein_mean"] == pytest.approx((1.9 + 2.8 + 1.9) / 3)
    assert october["tone_mean"] == pytest.approx((-2.0 + 1.0 - 3.0) / 3)
    assert october["fatalities"] is None
    assert october["dataset"] == "gdelt"
    assert rows[0] is not None
    assert rows[0]["events"] == 3


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        ("2021-10", "2021-10", {"2021-10"}),
        ("2021-11", None, {"2021-11"}),
        (None, "2021-09", set()),
        (None, None, {"2021-10", "2021-11"}),
    ],
)
def test_gdelt_dyads_by_the_events_month(gdelt, start, end, months):
    rows = rows_of(gdelt_dyads(gdelt, MAPPING, start=start, end=end))
    assert {r["month"] for r in rows} == months


def test_acled_dyads_are_undirected_with_fatalities(tmp_path: Path):
    path = tmp_path / "acled.csv"
    path.write_text(
        acled_rows(
            [
                acled_row(
                    "A1", "2021-10-05", "Taliban", "Islamic State (Afghanistan)", fatalities="3"
                ),
                acled_row(
                    "A2",
                    "06 October 2021",
                    "Islamic State (Afghanistan)",
                    "Taliban",
                    fatalities="5",
                ),
                acled_row("A3", "2021-10-07", "Taliban", "", event_type="Protests"),
            ]
        ),
        encoding="utf-8",
    )
    events = stored(tmp_path, "acled", path)
    mapping = {"Taliban": "taliban", "Islamic State (Afghanistan)": "islamic-state-khorasan"}
    [row] = rows_of(acled_dyads(events, mapping))
    assert (row["actor1"], row["actor2"]) == ("islamic-state-khorasan", "taliban")
    assert (row["type"], row["month"], row["events"], row["fatalities"]) == (
        "Battles", "2021-10", 2, 8
    )  # fmt: skip
    assert row["mentions"] is None
    assert row["goldstein_mean"] is None


def test_unmapped_codes_busiest_first(gdelt):
    rows = rows_of(unmapped_codes(gdelt, "gdelt", MAPPING))
    assert [(r["code"], r["events"]) for r in rows] == [("AFG", 1), ("TAL", 1)]


def test_real_rows_make_dyads_without_the_event_missing_an_actor(tmp_path: Path):
    events = stored(tmp_path, "gdelt", REAL_GDELT)
    rows = rows_of(gdelt_dyads(events, {}))
    assert sorted((r["actor1"], r["actor2"], r["type"]) for r in rows) == [
        ("BUS", "AUS", "01"), ("BUS", "AUS", "16"), ("ESP", "AUT", "01"),
    ]  # fmt: skip
    assert {r["month"] for r in rows} == {"2019-03", "2020-02"}  # SQLDATE, not DATEADDED


def test_our_gdelt_columns_are_gdelts_bigquery_schema():
    published = json.loads(BIGQUERY_SCHEMA.read_text(encoding="utf-8"))
    assert [(c["name"], c["type"]) for c in published] == list(GDELT_SCHEMA.items())


def test_the_dyad_query_compiles_for_gdelts_bigquery_table_without_a_network():
    mapping = read_mapping(default_data_dir())["gdelt"]
    sql = to_sql(gdelt_dyads(gdelt_table(), mapping, start="2021-01", end="2021-12"), "bigquery")
    tree = sqlglot.parse_one(sql, read="bigquery")
    tables = {".".join(p for p in (t.catalog, t.db, t.name) if p) for t in tree.find_all(exp.Table)}
    assert tables == {"gdelt-bq.gdeltv2.events"}
    published = {c["name"] for c in json.loads(BIGQUERY_SCHEMA.read_text(encoding="utf-8"))}
    read = {c.name for c in tree.find_all(exp.Column) if c.table == "t0"}
    assert read == {
        "SQLDATE", "Actor1Code", "Actor2Code", "EventRootCode", "NumMentions",
        "GoldsteinScale", "AvgTone",
    }  # fmt: skip
    assert read <= published
    flat = " ".join(sql.split())
    assert "`t0`.`SQLDATE` >= 20210101" in flat
    assert "`t0`.`SQLDATE` <= 20211231" in flat
    assert "WHEN 'IRNGOV' THEN 'iran'" in flat


@pytest.mark.parametrize("dialect", ["duckdb", "trino", "snowflake", "postgres"])
def test_the_same_expression_compiles_for_other_engines(dialect):
    sql = to_sql(gdelt_dyads(gdelt_table("events", engine="store"), MAPPING), dialect)
    assert "GROUP BY" in sql


def test_a_bad_month_is_named():
    with pytest.raises(ValueError, match="month '2021-1' is not YYYY-MM"):
        gdelt_dyads(gdelt_table(), {}, start="2021-1")

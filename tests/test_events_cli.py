"""``python -m graph events``: import, dyads, unmapped and sql, as a user types them."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from graph.cli import main
from tests.events_rows import REAL_GDELT, acled_row, acled_rows, gdelt_row, write_gdelt


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "events"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_a_gdelt_day_then_see_its_dyads(capsys, tmp_path: Path, store: Path):
    day = [
        write_gdelt(
            tmp_path / f"2021100{n}000000.export.CSV.zip",
            [gdelt_row(n * 100 + k, f"2021100{n}", "IRNGOV", "PAK", "042") for k in range(3)],
            zipped=True,
        )
        for n in (1, 2)
    ]
    status, _, err = run(capsys, "events", "import", "gdelt", *map(str, day), "--store", str(store))
    assert status == 0
    assert "[1/2] 20211001000000.export.CSV.zip: 3 rows, 3 events added" in err
    assert "[2/2] 20211002000000.export.CSV.zip: 3 rows, 3 events added" in err
    assert f"{store}: 6 gdelt events in 1 month" in err

    output = tmp_path / "dyads.csv"
    status, _, err = run(
        capsys, "events", "dyads", "--store", str(store), "--dataset", "gdelt",
        "--from", "2021-10", "--to", "2021-10", "--output", str(output),
    )  # fmt: skip
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert rows == [
        {"dataset": "gdelt", "actor1": "iran", "actor2": "pakistan", "type": "04",
         "month": "2021-10", "events": "6", "mentions": "24", "goldstein_mean": "1.9",
         "tone_mean": "-2.5", "fatalities": ""},
    ]  # fmt: skip
    assert "wrote 1 dyad to" in err


def test_importing_again_says_already_stored(capsys, store: Path):
    run(capsys, "events", "import", "gdelt", str(REAL_GDELT), "--store", str(store))
    status, _, err = run(
        capsys, "events", "import", "gdelt", str(REAL_GDELT), "--store", str(store)
    )
    assert status == 0
    assert "4 rows, 0 events added, 4 already stored" in err


def test_bad_rows_are_listed_and_a_broken_file_fails_the_command(capsys, tmp_path, store):
    lines = [gdelt_row(1), "\t".join(gdelt_row(2).split("\t")[:60]), gdelt_row(3, NumMentions="x")]
    partly = write_gdelt(tmp_path / "partly.export.CSV", lines)
    broken = tmp_path / "broken.export.CSV.zip"
    broken.write_bytes(b"not a zip at all")
    status, out, err = run(
        capsys, "events", "import", "gdelt", str(partly), str(broken), "--store", str(store)
    )
    assert status == 1
    assert "Traceback" not in err
    assert out == ""
    assert "[1/2] partly.export.CSV: 3 rows, 1 event added, 2 rows skipped" in err
    assert "  partly.export.CSV:3: NumMentions: is not a whole number ('x')" in err
    assert "[2/2] broken.export.CSV.zip: not imported: a damaged or truncated zip" in err


def test_acled_dyads_as_json(capsys, tmp_path: Path, store: Path):
    path = tmp_path / "acled.csv"
    path.write_text(
        acled_rows(
            [acled_row("AFG1", "05 October 2021", "Taliban", "Jaish al Adl", fatalities="2")]
        )
    )
    assert run(capsys, "events", "import", "acled", str(path), "--store", str(store))[0] == 0
    status, out, _ = run(
        capsys, "events", "dyads", "--store", str(store), "--dataset", "acled", "--format", "json"
    )
    assert status == 0
    assert json.loads(out) == [
        {"dataset": "acled", "actor1": "jaish-al-adl", "actor2": "taliban", "type": "Battles",
         "month": "2021-10", "events": 1, "mentions": None, "goldstein_mean": None,
         "tone_mean": None, "fatalities": 2},
    ]  # fmt: skip


def test_an_acled_file_without_its_columns_is_refused(capsys, tmp_path: Path, store: Path):
    path = tmp_path / "acled.csv"
    path.write_text("id,date\n1,2021-10-05\n")
    status, _, err = run(capsys, "events", "import", "acled", str(path), "--store", str(store))
    assert status == 1
    assert "[1/1] acled.csv: line 1: not imported: not an ACLED export: no column" in err
    assert not (store / "manifest.json").exists()


def test_unmapped_lists_the_busiest_codes(capsys, tmp_path: Path, store: Path):
    lines = [gdelt_row(n, actor1="IRN", actor2="USA") for n in range(3)]
    lines += [gdelt_row(10, actor1="IRNREB", actor2="PAK")]
    run(capsys, "events", "import", "gdelt",
        str(write_gdelt(tmp_path / "a.export.CSV", lines)), "--store", str(store))  # fmt: skip
    status, out, err = run(capsys, "events", "unmapped", "--store", str(store))
    assert status == 0
    assert out.splitlines() == ["3\tUSA", "1\tIRNREB"]
    assert "2 unmapped gdelt codes; map them in data/event_actors.csv" in err


def test_sql_prints_the_bigquery_query_offline(capsys):
    status, out, _ = run(capsys, "events", "sql", "--from", "2021-01", "--to", "2021-12")
    assert status == 0
    assert "`gdelt-bq`.`gdeltv2`.`events`" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["events", "dyads", "--from", "2021-13"], "month '2021-13' is not YYYY-MM"),
        (["events", "dyads", "--from", "2021-10", "--to", "2021-01"], "comes after --to"),
        (["events", "dyads", "--limit", "-1"], "--limit must be 0 or more"),
        (["events", "import", "phoenix", "x"], "invalid choice: 'phoenix'"),
    ],
)
def test_usage_errors(capsys, store: Path, argv: list[str], message: str):
    status, _, err = (
        run(capsys, *argv, "--store", str(store)) if argv[1] != "import" else run(capsys, *argv)
    )
    assert status == 2
    assert message in err


def test_a_mapping_naming_an_unknown_actor_stops_the_command(capsys, tmp_path: Path):
    data = shutil.copytree(Path(__file__).resolve().parents[1] / "data", tmp_path / "data")
    with (data / "event_actors.csv").open("a", encoding="utf-8") as out:
        out.write("gdelt,ZZZ,nobody,\n")
    status, _, err = run(capsys, "events", "unmapped", "--data", str(data))
    assert status == 1
    assert "event_actors.csv:" in err
    assert "unknown actor 'nobody'" in err


def test_without_events_the_commands_say_so(capsys, store: Path):
    status, out, err = run(capsys, "events", "dyads", "--store", str(store))
    assert status == 0
    assert out.splitlines() == [
        "dataset,actor1,actor2,type,month,events,mentions,goldstein_mean,tone_mean,fatalities"
    ]
    assert "no gdelt events imported" in err
    assert "no acled events imported" in err


def test_a_long_import_reports_progress_and_only_the_files_with_problems(
    capsys, tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
):
    from graph.events import cli

    monkeypatch.setattr(cli, "PROGRESS_EVERY", 4)
    files = [
        write_gdelt(tmp_path / f"{n:02d}.export.CSV", [gdelt_row(n * 10 + k) for k in range(2)])
        for n in range(9)
    ]
    files[5].write_text(gdelt_row(50) + "\n" + "broken\n", encoding="utf-8")
    status, _, err = run(capsys, "events", "import", "gdelt", *map(str, files),
                         "--store", str(store))  # fmt: skip
    assert status == 0
    lines = err.splitlines()
    assert lines[:4] == [
        "[4/9 files] 8 rows read, 8 events added",
        "[6/9] 05.export.CSV: 2 rows, 1 event added, 1 row skipped",
        "  05.export.CSV:2: 1 column where 61 are expected",
        "[8/9 files] 16 rows read, 15 events added",
    ]
    assert "9 files: 18 rows read, 17 events added" in lines


def test_the_same_dyads_on_another_engine_by_a_setting(
    capsys, tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
):
    """A DuckDB database with GDELT's table `events` stands in for BigQuery's: the command
    and its query are the same; only the engine's URL changes."""
    import duckdb

    from graph.events.store import EventStore, parquet_source

    path = write_gdelt(tmp_path / "a.export.CSV", [gdelt_row(n) for n in range(1, 4)])
    run(capsys, "events", "import", "gdelt", str(path), "--store", str(store))
    local = run(capsys, "events", "dyads", "--store", str(store), "--dataset", "gdelt")[1]
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as con:
        files = EventStore(store).files("gdelt")
        con.execute(f"CREATE TABLE events AS SELECT * EXCLUDE (month) FROM {parquet_source(files)}")
    monkeypatch.setenv("BORDERLINES_EVENTS_ENGINE", f"duckdb://{database}")
    status, remote, _ = run(capsys, "events", "dyads")
    assert status == 0
    assert remote == local
    assert remote.splitlines()[1].startswith("gdelt,iran,pakistan,04,2021-10,3,")


@pytest.mark.parametrize(
    ("engine", "message"),
    [
        ("bigquery://my-project", "the bigquery engine is not installed: uv add "
         "'ibis-framework[bigquery]'"),
        ("nosuch://x", "cannot connect to nosuch://x"),
    ],
)  # fmt: skip
def test_an_engine_that_cannot_run_says_why(capsys, engine: str, message: str):
    status, _, err = run(capsys, "events", "dyads", "--engine", engine)
    assert status == 2
    assert message in err
    assert "Traceback" not in err


def test_an_engine_without_gdelts_table_is_named(capsys, tmp_path: Path):
    engine = f"duckdb://{tmp_path / 'empty.duckdb'}"
    status, _, err = run(capsys, "events", "dyads", "--engine", engine)
    assert status == 2
    assert f"{engine} has no table `events` (GDELT's columns)" in err

"""Reading one GDELT or ACLED file (graph.events.read): rows checked, bad ones located."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from graph.events.read import EventFileError, read_event_file
from tests.events_rows import REAL_GDELT, acled_row, acled_rows, gdelt_row, write_gdelt

ISK = "Islamic State (Afghanistan)"


def read(dataset: str, path: Path, tmp_path: Path):
    con = duckdb.connect()
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    result = read_event_file(con, dataset, path, scratch)
    rows = con.execute("SELECT * FROM incoming ORDER BY 1").fetchdf()
    return result, rows


@pytest.mark.parametrize("zipped", [False, True], ids=["unzipped", "zip"])
def test_real_gdelt_rows_keep_their_codes_and_quirks(tmp_path: Path, zipped: bool):
    path = tmp_path / ("20200319064500.export.CSV" + (".zip" if zipped else ""))
    write_gdelt(path, REAL_GDELT.read_text(encoding="utf-8").splitlines(), zipped=zipped)
    result, rows = read("gdelt", path, tmp_path)
    assert (result.rows, result.usable, result.skipped, result.problems) == (4, 4, 0, [])
    assert list(rows["EventCode"]) == ["010", "010", "160", "042"]  # text, zeros kept
    assert list(rows["EventRootCode"]) == ["01", "01", "16", "04"]
    # the month is the event's (SQLDATE), not the day it was added (DATEADDED)
    assert list(rows["month"]) == ["2019-03", "2020-02", "2020-02", "2020-03"]
    assert rows["DATEADDED"][0] == 20200319064500
    afghan = rows[rows["GLOBALEVENTID"] == 977166878].iloc[0]
    assert pd.isna(afghan["Actor1Code"])
    assert afghan["Actor2Code"] == "AFG"
    assert afghan["Actor1Geo_Type"] == 0
    assert pd.isna(afghan["Actor1Geo_FullName"])
    assert rows["SOURCEURL"][1] == rows["SOURCEURL"][2]  # one URL, two events


def test_bad_gdelt_rows_are_located_and_the_others_kept(tmp_path: Path):
    lines = [gdelt_row(n) for n in range(1, 9)]
    lines[1] = "\t".join(lines[1].split("\t")[:57])  # a GDELT 1.0 row: 57 columns
    lines[3] = lines[3] + "\textra"
    lines[4] = gdelt_row(5, day="20211341")  # no such day
    lines[5] = gdelt_row(6, NumMentions="many")
    lines[6] = gdelt_row(1)  # the first event again
    path = write_gdelt(tmp_path / "x.export.CSV", lines)
    with path.open("ab") as out:
        out.write(gdelt_row(9).replace("IRN", "IR\xd1").encode("latin-1") + b"\n")
    result, rows = read("gdelt", path, tmp_path)
    assert [str(p) for p in result.problems] == [
        "x.export.CSV:2: 57 columns where 61 are expected",
        "x.export.CSV:4: 62 columns where 61 are expected",
        "x.export.CSV:5: SQLDATE: is not a day (YYYYMMDD) ('20211341')",
        "x.export.CSV:6: NumMentions: is not a whole number ('many')",
        "x.export.CSV:9: Actor1Code: bytes that are not UTF-8",
    ]
    assert (result.rows, result.skipped, result.repeated, result.usable) == (9, 5, 1, 4)
    assert sorted(rows["GLOBALEVENTID"]) == [1, 3, 8]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "holds no rows"),
        ("\t".join(["x"] * 57).encode() + b"\n", "line 1: no usable row; the first: 57 columns"),
        (b"GLOBALEVENTID,SQLDATE\n1,2\n", "no usable row; the first: 1 column where"),
    ],
    ids=["empty", "gdelt-1.0", "not-gdelt"],
)
def test_an_unusable_gdelt_file_is_refused_whole(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "x.export.CSV"
    path.write_bytes(content)
    with pytest.raises(EventFileError) as caught:
        read("gdelt", path, tmp_path)
    assert message in f"line {caught.value.line}: {caught.value.message}"


def test_a_truncated_zip_is_refused(tmp_path: Path):
    whole = write_gdelt(
        tmp_path / "a.export.CSV.zip", [gdelt_row(n) for n in range(500)], zipped=True
    )
    cut = tmp_path / "b.export.CSV.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(EventFileError, match="damaged or truncated zip"):
        read("gdelt", cut, tmp_path)


def test_a_zip_of_two_files_is_refused(tmp_path: Path):
    import zipfile

    path = tmp_path / "a.export.CSV.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("one.CSV", gdelt_row(1))
        archive.writestr("two.CSV", gdelt_row(2))
    with pytest.raises(EventFileError, match=r"holds one file; this one holds one\.CSV, two\.CSV"):
        read("gdelt", path, tmp_path)


def test_acled_rows_typed_with_both_date_forms(tmp_path: Path):
    text = acled_rows(
        [
            acled_row(
                "AFG1", "2021-10-05", "Taliban", "Islamic State (Afghanistan)", fatalities="3"
            ),
            acled_row("AFG2", "07 October 2021", "Taliban", "", event_type="Protests"),
        ]
    )
    path = tmp_path / "acled.csv"
    path.write_text(text, encoding="utf-8")
    result, rows = read("acled", path, tmp_path)
    assert (result.rows, result.usable, result.problems) == (2, 2, [])
    assert [str(d.date()) for d in rows["event_date"]] == ["2021-10-05", "2021-10-07"]
    assert list(rows["month"]) == ["2021-10", "2021-10"]
    assert list(rows["fatalities"]) == [3, 0]
    assert pd.isna(rows["actor2"][1])


def test_bad_acled_rows_are_located_by_line(tmp_path: Path):
    text = acled_rows(
        [
            acled_row("AFG1", "2021-10-05", "Taliban", "Civilians (Afghanistan)"),
            acled_row("AFG2", "yesterday", "Taliban", year="2021"),
            acled_row("AFG3", "2021-10-06", "Taliban", fatalities="-"),
            acled_row("", "2021-10-06", "Taliban"),
        ]
    )
    path = tmp_path / "acled.csv"
    path.write_text(text, encoding="utf-8")
    result, rows = read("acled", path, tmp_path)
    assert [str(p) for p in result.problems] == [
        "acled.csv:3: event_date: is not a date ('yesterday')",
        "acled.csv:4: fatalities: is not a whole number ('-')",
        "acled.csv:5: event_id_cnty: is empty",
    ]
    assert list(rows["event_id_cnty"]) == ["AFG1"]


def test_an_acled_file_without_a_required_column_is_refused(tmp_path: Path):
    path = tmp_path / "acled.csv"
    path.write_text(
        acled_rows([acled_row("A1", "2021-10-05", "Taliban")], ["event_id_cnty", "event_date"])
    )
    with pytest.raises(EventFileError) as caught:
        read("acled", path, tmp_path)
    assert caught.value.line == 1
    assert caught.value.message.startswith(
        "not an ACLED export: no column event_type, actor1, actor2, country, fatalities"
    )


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(EventFileError, match=r"nope\.csv: no such file"):
        read("acled", tmp_path / "nope.csv", tmp_path)


def test_an_unknown_dataset_is_refused(tmp_path: Path):
    shutil.copy(REAL_GDELT, tmp_path / "x.CSV")
    with pytest.raises(ValueError, match="unknown dataset 'phoenix'"):
        read("phoenix", tmp_path / "x.CSV", tmp_path)

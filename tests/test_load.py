"""Tests of graph.load: the shipped data, typed tables, and every kind of bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from graph.load import (
    DATASET_TABLES,
    DataError,
    DataIssue,
    Dataset,
    default_data_dir,
    default_sources_dir,
    format_data,
    load_dataset,
    parse_evidence,
    save_dataset,
    table_text,
    validate,
)


def find_issue(issues, file, line, field, fragment):
    """The issue at (file, line, field) whose message holds ``fragment``; fail if none."""
    for issue in issues:
        if (issue.file, issue.line, issue.field) == (file, line, field) and fragment in str(issue):
            return issue
    pytest.fail(
        f"no issue {file}:{line}: {field}: ...{fragment}... among:\n" + "\n".join(map(str, issues))
    )


def has_sign(sign):
    return lambda row: row["sign"] == sign


def is_not_a_state(row):
    return row["kind"] != "state"


def is_circle(row):
    return row["extent"] == "circle"


def is_country(row):
    return row["extent"] == "country"


def non_state_actor(copy):
    return copy.row("actors.csv", is_not_a_state)["id"]


# --- The shipped data --------------------------------------------------------------------


def test_shipped_data_is_valid(data_dir):
    assert validate(data_dir) == []


def test_shipped_data_loads_into_typed_tables(data_dir):
    ds = load_dataset(data_dir)
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] not in DATASET_TABLES:
            continue
        frame = getattr(ds, resource["name"])
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert frame.index.name == "id"
        assert frame.index.is_unique
        assert list(frame.columns) == names[1:]
    relations = ds.relations
    assert relations["sign"].dtype == "int64"
    assert relations["info_credibility"].dtype == "int64"
    assert relations["intensity"].dtype == "float64"
    assert relations["directed"].dtype == "bool"
    assert ds.sources["body_from"].dtype == "int64"
    assert all(isinstance(v, tuple) for v in ds.actors["aliases"])
    assert all(isinstance(v, tuple) and v for v in ds.events["participants"])
    assert all(v is None or isinstance(v, str) for v in relations["end"])
    assert ds.areas["radius_km"].dtype == "float64"
    assert all(v is None or isinstance(v, str) for v in ds.areas["country"])
    assert relations["end"].isna().any() or relations["end"].notna().all()
    assert isinstance(ds.path, Path)


def test_load_and_save_reproduces_the_files_byte_for_byte(data_dir, tmp_path):
    ds = load_dataset(data_dir)
    written = save_dataset(ds, tmp_path)
    assert [p.name for p in written] == [f"{name}.csv" for name in ds.tables()]
    for path in written:
        assert path.read_bytes() == (data_dir / path.name).read_bytes(), path.name
    assert validate(tmp_path) == []


def test_table_text_of_each_table_is_the_file(data_dir):
    ds = load_dataset(data_dir)
    for name, frame in ds.tables().items():
        expected = (data_dir / f"{name}.csv").read_text(encoding="utf-8")
        assert table_text(frame, ds.resource(name)) == expected


def test_table_text_names_a_missing_column(data_dir):
    ds = load_dataset(data_dir)
    with pytest.raises(ValueError, match="lacks columns \\['summary'\\]"):
        table_text(ds.relations.drop(columns="summary"), ds.resource("relations"))


def test_dataset_repr_and_tables(data_dir):
    ds = load_dataset(data_dir)
    assert set(ds.tables()) == set(DATASET_TABLES)
    assert f"{len(ds.relations)} relations" in repr(ds)
    with pytest.raises(KeyError, match="'nothing'"):
        ds.resource("nothing")


# --- Folders and environment -------------------------------------------------------------


def test_default_data_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BORDERLINES_DATA", str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.delenv("BORDERLINES_DATA")
    assert default_data_dir() == Path(__file__).resolve().parents[1] / "data"


def test_load_dataset_without_a_path_reads_the_environment(monkeypatch, broken_copy):
    broken_copy.file("borders.csv").unlink()
    monkeypatch.setenv("BORDERLINES_DATA", str(broken_copy.path))
    with pytest.raises(DataError) as caught:
        load_dataset()
    assert caught.value.issues == [DataIssue("borders.csv", None, None, "file not found")]


def test_default_sources_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("BORDERLINES_SOURCES", str(tmp_path))
    assert default_sources_dir() == tmp_path
    monkeypatch.delenv("BORDERLINES_SOURCES")
    shared = Path(__file__).resolve().parents[2] / "shared" / "sources"
    assert default_sources_dir() == (shared if shared.is_dir() else None)


@pytest.mark.parametrize("make", ["missing", "file"])
def test_a_folder_that_is_not_there_is_one_issue(tmp_path, make):
    path = tmp_path / "data"
    if make == "file":
        path.write_text("not a folder")
    issues = validate(path)
    assert len(issues) == 1
    assert issues[0].file == str(path)
    with pytest.raises(DataError, match=re.escape(str(path))):
        load_dataset(path)


# --- One kind of bad cell at a time -----------------------------------------------------
# (file, changes to one row, which row (None: the first), field named, message fragment)

BAD_CELLS = [
    pytest.param(
        "relations.csv", {"summary": ""}, None, "summary", "missing required value", id="required"
    ),
    pytest.param(
        "relations.csv",
        {"info_credibility": "two"},
        None,
        "info_credibility",
        "'two' is not an integer",
        id="integer",
    ),
    pytest.param(
        "places.csv", {"lat": "north"}, None, "lat", "'north' is not a number", id="number"
    ),
    pytest.param(
        "relations.csv",
        {"directed": "yes"},
        None,
        "directed",
        "'yes' is not a boolean",
        id="boolean",
    ),
    pytest.param(
        "relations.csv",
        {"status": "rumoured"},
        None,
        "status",
        "'rumoured' is not one of",
        id="enum",
    ),
    pytest.param(
        "relation_types.csv",
        {"quad_class": "5"},
        None,
        "quad_class",
        "'5' is not one of: 0, 1, 2, 3, 4",
        id="integer-enum",
    ),
    pytest.param(
        "sources.csv", {"language": "ara"}, None, "language", "'ara' does not match", id="pattern"
    ),
    pytest.param(
        "relations.csv",
        {"evidence": "paragraph 3"},
        None,
        "evidence",
        "'paragraph 3' does not match",
        id="evidence-pattern",
    ),
    pytest.param(
        "borders.csv",
        {"length_km": "-1"},
        None,
        "length_km",
        "-1 is below the minimum 0",
        id="minimum",
    ),
    pytest.param(
        "relations.csv",
        {"info_credibility": "7"},
        None,
        "info_credibility",
        "7 is above the maximum 6",
        id="maximum",
    ),
    pytest.param(
        "places.csv",
        {"lon": "180.5"},
        None,
        "lon",
        "180.5 is above the maximum 180",
        id="maximum-float",
    ),
    pytest.param(
        "actors.csv",
        {"short_name": "A name far too long"},
        None,
        "short_name",
        "longer than 16 characters (19)",
        id="max-length",
    ),
    pytest.param(
        "sources.csv", {"url": "not a uri"}, None, "url", "'not a uri' is not a URI", id="uri"
    ),
    pytest.param(
        "relations.csv",
        {"start": "2021-02-30", "end": ""},
        None,
        "start",
        "invalid date '2021-02-30'",
        id="calendar-day",
    ),
    pytest.param(
        "events.csv",
        {"date": "2021-13", "end": ""},
        None,
        "date",
        "invalid date '2021-13'",
        id="month-13",
    ),
    pytest.param(
        "relations.csv", {"end": "21-10"}, None, "end", "invalid date '21-10'", id="date-form"
    ),
    pytest.param(
        "actors.csv",
        {"name": "Iran "},
        None,
        "name",
        "leading or trailing whitespace",
        id="whitespace",
    ),
    pytest.param(
        "relations.csv", {"summary": "a\tb"}, None, "summary", "control character", id="control"
    ),
    pytest.param(
        "relations.csv",
        {"target": "talibans"},
        None,
        "target",
        "unknown actor 'talibans'",
        id="fk-actor",
    ),
    pytest.param(
        "relations.csv",
        {"relation": "friendship"},
        None,
        "relation",
        "unknown relation type 'friendship'",
        id="fk-relation-type",
    ),
    pytest.param(
        "events.csv",
        {"place": "atlantis"},
        None,
        "place",
        "unknown place 'atlantis'",
        id="fk-place",
    ),
    pytest.param(
        "actors.csv",
        {"place": "atlantis"},
        None,
        "place",
        "unknown place 'atlantis'",
        id="fk-actor-place",
    ),
    pytest.param(
        "events.csv",
        {"participants": "iran;talibans"},
        None,
        "participants",
        "unknown actor 'talibans'",
        id="list-item-reference",
    ),
    pytest.param(
        "events.csv",
        {"participants": "iran; pakistan"},
        None,
        "participants",
        "item ' pakistan' has spaces around it",
        id="list-item-spaces",
    ),
    pytest.param(
        "events.csv",
        {"participants": "iran;;pakistan"},
        None,
        "participants",
        "empty item in 'iran;;pakistan'",
        id="list-empty-item",
    ),
    pytest.param(
        "events.csv",
        {"participants": "iran;iran"},
        None,
        "participants",
        "item 'iran' is repeated",
        id="list-repeated-item",
    ),
    pytest.param(
        "relations.csv",
        {"sign": "-1"},
        has_sign("1"),
        "sign",
        "-1 differs from the sign 1 of relation type",
        id="sign-of-type",
    ),
    pytest.param(
        "relations.csv",
        {"intensity": "-2"},
        has_sign("1"),
        "intensity",
        "-2 disagrees with sign 1 (must be above 0)",
        id="intensity-sign",
    ),
    pytest.param(
        "relations.csv",
        {"intensity": "1.5"},
        has_sign("0"),
        "intensity",
        "1.5 disagrees with sign 0 (must be 0)",
        id="intensity-structural",
    ),
    pytest.param(
        "relation_types.csv",
        {"default_intensity": "-3"},
        has_sign("1"),
        "default_intensity",
        "-3 disagrees with sign 1",
        id="default-intensity-sign",
    ),
    pytest.param(
        "relations.csv",
        {"start": "2021-10", "end": "2021-09-30"},
        None,
        "end",
        "'2021-09-30' is before start '2021-10'",
        id="start-after-end",
    ),
    pytest.param(
        "events.csv",
        {"date": "2021-10-05", "end": "2021-10-04"},
        None,
        "end",
        "'2021-10-04' is before date '2021-10-05'",
        id="event-end-before-date",
    ),
    pytest.param(
        "sources.csv",
        {"body_from": "30", "body_to": "27"},
        None,
        "body_to",
        "27 is less than body_from 30",
        id="body-range",
    ),
    pytest.param(
        "relations.csv",
        {"source": "iran", "target": "iran"},
        None,
        "target",
        "'iran' is the same as source",
        id="self-relation",
    ),
    pytest.param(
        "borders.csv",
        {"state_a": "iran", "state_b": "iran"},
        None,
        "state_b",
        "'iran' is the same as state_a",
        id="border-with-itself",
    ),
    pytest.param(
        "borders.csv",
        {"state_b": non_state_actor},
        None,
        "state_b",
        "not 'state'",
        id="border-of-a-non-state",
    ),
    pytest.param(
        "areas.csv",
        {"actor": "iran"},
        None,
        "actor",
        "actor 'iran' is of kind 'state', which area rows may not name",
        id="area-of-a-state",
    ),
    pytest.param(
        "areas.csv",
        {"actor": "talibans"},
        None,
        "actor",
        "unknown actor 'talibans'",
        id="area-of-an-unknown-actor",
    ),
    pytest.param(
        "areas.csv",
        {"place": ""},
        is_circle,
        "place",
        "missing value, required when extent is 'circle'",
        id="circle-without-place",
    ),
    pytest.param(
        "areas.csv",
        {"radius_km": ""},
        is_circle,
        "radius_km",
        "missing value, required when extent is 'circle'",
        id="circle-without-radius",
    ),
    pytest.param(
        "areas.csv",
        {"country": "IRN"},
        is_circle,
        "country",
        "'IRN' must be empty when extent is 'circle'",
        id="circle-with-country",
    ),
    pytest.param(
        "areas.csv",
        {"country": ""},
        is_country,
        "country",
        "missing value, required when extent is 'country'",
        id="country-without-country",
    ),
    pytest.param(
        "areas.csv",
        {"radius_km": "300"},
        is_country,
        "radius_km",
        "'300' must be empty when extent is 'country'",
        id="country-with-radius",
    ),
    pytest.param(
        "areas.csv",
        {"extent": "region"},
        None,
        "extent",
        "'region' is not one of: circle, country",
        id="area-extent",
    ),
    pytest.param(
        "areas.csv",
        {"evidence": "mena-2021-10:30"},
        None,
        "evidence",
        "paragraph 30 is outside the body",
        id="area-evidence-outside-body",
    ),
    pytest.param(
        "relations.csv",
        {"evidence": "nowhere-2020:3"},
        None,
        "evidence",
        "unknown source 'nowhere-2020'",
        id="evidence-unknown-source",
    ),
    pytest.param(
        "relations.csv",
        {"evidence": "mena-2021-10:3,28-29"},
        None,
        "evidence",
        "paragraphs 28, 29 are outside the body of 'mena-2021-10' (3-27)",
        id="evidence-outside-body",
    ),
    pytest.param(
        "events.csv",
        {"evidence": "mena-2021-10:2"},
        None,
        "evidence",
        "paragraph 2 is outside the body",
        id="evidence-before-body",
    ),
    pytest.param(
        "borders.csv",
        {"evidence": "mena-2021-10:7-5"},
        None,
        "evidence",
        "range '7-5' in 'mena-2021-10:7-5' does not ascend",
        id="evidence-descending-range",
    ),
]


@pytest.mark.parametrize(("file", "changes", "where", "field", "fragment"), BAD_CELLS)
def test_bad_cell_is_reported_at_its_file_line_and_field(
    broken_copy, file, changes, where, field, fragment
):
    changes = {k: v(broken_copy) if callable(v) else v for k, v in changes.items()}
    line = broken_copy.set_cells(file, changes, where)
    issues = validate(broken_copy.path)
    issue = find_issue(issues, file, line, field, fragment)
    assert str(issue).startswith(f"{file}:{line}: {field}: ")


def test_duplicate_id_names_the_first_line(broken_copy):
    first, second = broken_copy.rows("relations.csv")[:2]
    line = broken_copy.set_cells(
        "relations.csv", {"id": first["id"]}, lambda r: r["id"] == second["id"]
    )
    message = f"duplicate id '{first['id']}' (first on line {first['_line']})"
    find_issue(validate(broken_copy.path), "relations.csv", line, "id", message)


def test_duplicate_unique_value_names_the_first_line(broken_copy):
    first, second = broken_copy.rows("relation_types.csv")[:2]
    line = broken_copy.set_cells(
        "relation_types.csv", {"label": first["label"]}, lambda r: r["id"] == second["id"]
    )
    issues = validate(broken_copy.path)
    find_issue(issues, "relation_types.csv", line, "label", f"(first on line {first['_line']})")


def test_dates_compare_by_the_days_they_cover(broken_copy):
    broken_copy.set_cells("relations.csv", {"start": "2021-10", "end": "2021-10-05"})
    broken_copy.set_cells("events.csv", {"date": "2021", "end": "2021-03"})
    assert validate(broken_copy.path) == []


def test_every_issue_is_collected(broken_copy):
    a = broken_copy.set_cells("relations.csv", {"target": "talibans"})
    b = broken_copy.set_cells("actors.csv", {"kind": "alien"}, is_not_a_state)
    broken_copy.file("borders.csv").unlink()
    with pytest.raises(DataError) as caught:
        load_dataset(broken_copy.path)
    places = {(i.file, i.line, i.field) for i in caught.value.issues}
    assert {
        ("relations.csv", a, "target"),
        ("actors.csv", b, "kind"),
        ("borders.csv", None, None),
    } <= places
    message = str(caught.value)
    assert message.startswith(f"{len(caught.value.issues)} issues in the data:")
    assert all(str(issue) in message for issue in caught.value.issues)


# --- One kind of broken file at a time ---------------------------------------------------


def _missing_file(copy):
    copy.file("borders.csv").unlink()
    return "borders.csv", None, None, "file not found"


def _not_utf8(copy):
    path = copy.file("actors.csv")
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b"\xff,", 1)
    path.write_bytes(b"\n".join(lines))
    return "actors.csv", 3, None, "not valid UTF-8 (byte 0xff"


def _bom(copy):
    path = copy.file("relations.csv")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return "relations.csv", 1, None, "byte-order mark"


def _empty(copy):
    copy.file("events.csv").write_bytes(b"")
    return "events.csv", None, None, "empty file: expected the header id,date,end,"


def _renamed_column(copy):
    lines = copy.lines("relations.csv")
    lines[0] = lines[0].replace("summary,", "summery,")
    copy.write_lines("relations.csv", lines)
    return "relations.csv", 1, None, "missing column 'summary'; unexpected column 'summery'"


def _columns_out_of_order(copy):
    lines = copy.lines("places.csv")
    lines[0] = lines[0].replace("lat,lon", "lon,lat")
    copy.write_lines("places.csv", lines)
    return "places.csv", 1, None, "columns out of order"


def _extra_cell(copy):
    lines = copy.lines("relations.csv")
    lines[2] = lines[2].rstrip("\n") + ",extra\n"
    copy.write_lines("relations.csv", lines)
    return "relations.csv", 3, None, "expected 16 cells, found 17"


def _missing_cell(copy):
    lines = copy.lines("sources.csv")
    lines[1] = lines[1].split(",", 1)[1]
    copy.write_lines("sources.csv", lines)
    return "sources.csv", 2, None, "expected 11 cells, found"


def _crlf(copy):
    path = copy.file("events.csv")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return "events.csv", 1, None, "CRLF line endings"


def _blank_line(copy):
    lines = copy.lines("places.csv")
    lines.insert(2, "\n")
    copy.write_lines("places.csv", lines)
    return "places.csv", 3, None, "blank line"


def _unsorted(copy):
    lines = copy.lines("relations.csv")
    lines[1], lines[2] = lines[2], lines[1]
    copy.write_lines("relations.csv", lines)
    return "relations.csv", 2, None, "not in canonical formatting (rows are not sorted by id)"


def _needless_quotes(copy):
    lines = copy.lines("actors.csv")
    ident, rest = lines[3].split(",", 1)
    lines[3] = f'"{ident}",{rest}'
    copy.write_lines("actors.csv", lines)
    return "actors.csv", 4, None, "not in canonical formatting (expected"


def _float_form(copy):
    row = copy.row(
        "relations.csv", lambda r: r["intensity"] not in ("0", "") and "." not in r["intensity"]
    )
    lines = copy.lines("relations.csv")
    line = int(row["_line"])
    cells = lines[line - 1].split(",")
    cells[6] = cells[6] + ".0"
    lines[line - 1] = ",".join(cells)
    copy.write_lines("relations.csv", lines)
    return "relations.csv", line, None, "not in canonical formatting"


def _no_final_newline(copy):
    path = copy.file("borders.csv")
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    count = len(copy.lines("borders.csv"))
    return "borders.csv", count, None, "no newline at the end of the file"


def _unclosed_quote(copy):
    lines = copy.lines("events.csv")
    lines[1] = lines[1].replace(",", ',"x"y,', 1)
    copy.write_lines("events.csv", lines)
    return "events.csv", 2, None, "unreadable CSV"


def _broken_descriptor(copy):
    path = copy.file("datapackage.json")
    path.write_text('{\n  "resources": [\n}\n', encoding="utf-8")
    return "datapackage.json", 3, None, "invalid JSON"


def _descriptor_without_a_table(copy):
    path = copy.file("datapackage.json")
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "borders"]
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    return "datapackage.json", None, "resources", "no resource 'borders'"


BROKEN_FILES = [
    _missing_file,
    _not_utf8,
    _bom,
    _empty,
    _renamed_column,
    _columns_out_of_order,
    _extra_cell,
    _missing_cell,
    _crlf,
    _blank_line,
    _unsorted,
    _needless_quotes,
    _float_form,
    _no_final_newline,
    _unclosed_quote,
    _broken_descriptor,
    _descriptor_without_a_table,
]


@pytest.mark.parametrize("breaker", BROKEN_FILES, ids=lambda f: f.__name__.strip("_"))
def test_broken_file_is_reported_at_its_file_and_line(broken_copy, breaker):
    file, line, field, fragment = breaker(broken_copy)
    issues = validate(broken_copy.path)
    find_issue(issues, file, line, field, fragment)
    with pytest.raises(DataError):
        load_dataset(broken_copy.path)


def test_header_only_table_is_valid_but_empty(broken_copy):
    lines = broken_copy.lines("borders.csv")
    broken_copy.write_lines("borders.csv", lines[:1])
    assert len(load_dataset(broken_copy.path).borders) == 0


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\x01\x02",
        b'"',
        b'id,"\n',
        b"\n\n\n",
        b"\xff\xfe\x00i\x00d",
        b",,,,\n" * 3,
        b"a" * 10_000,
    ],
)
@pytest.mark.parametrize("file", ["relations.csv", "sources.csv", "datapackage.json"])
def test_garbage_is_reported_never_raised(broken_copy, file, garbage):
    broken_copy.file(file).write_bytes(garbage)
    issues = validate(broken_copy.path)
    assert issues
    assert all(isinstance(issue, DataIssue) for issue in issues)
    assert any(issue.file == file for issue in issues)
    with pytest.raises(DataError):
        load_dataset(broken_copy.path)


def test_issues_are_sorted_by_file_then_line(broken_copy):
    late = broken_copy.set_cells("relations.csv", {"status": "x"}, lambda r: r["_line"] == "4")
    early = broken_copy.set_cells("relations.csv", {"status": "y"}, lambda r: r["_line"] == "2")
    actor = broken_copy.set_cells("actors.csv", {"kind": "z"}, is_not_a_state)
    issues = validate(broken_copy.path)
    assert [(i.file, i.line) for i in issues] == [
        ("actors.csv", actor),
        ("relations.csv", early),
        ("relations.csv", late),
    ]


# --- Formatting ---------------------------------------------------------------------------


def test_format_data_restores_canonical_files(broken_copy, data_dir):
    for breaker in (_bom, _crlf, _blank_line, _unsorted, _needless_quotes, _float_form):
        breaker(broken_copy)
    _no_final_newline(broken_copy)
    assert validate(broken_copy.path)
    rewritten = format_data(broken_copy.path)
    assert set(rewritten) == {
        "relations.csv",
        "events.csv",
        "places.csv",
        "actors.csv",
        "borders.csv",
    }
    for name in DATASET_TABLES:
        assert (broken_copy.file(f"{name}.csv")).read_bytes() == (
            data_dir / f"{name}.csv"
        ).read_bytes()
    assert format_data(broken_copy.path) == []


def test_format_data_refuses_data_with_other_issues(broken_copy):
    _unsorted(broken_copy)
    broken_copy.set_cells("actors.csv", {"kind": "alien"}, is_not_a_state)
    before = {p.name: p.read_bytes() for p in broken_copy.path.glob("*.csv")}
    with pytest.raises(DataError) as caught:
        format_data(broken_copy.path)
    assert [i.field for i in caught.value.issues] == ["kind"]
    assert before == {p.name: p.read_bytes() for p in broken_copy.path.glob("*.csv")}


# --- Evidence -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mena-2021-10:3", (("mena-2021-10", (3,)),)),
        ("mena-2021-10:3,5-7", (("mena-2021-10", (3, 5, 6, 7)),)),
        ("a:1;b-2:2-3", (("a", (1,)), ("b-2", (2, 3)))),
    ],
)
def test_parse_evidence(text, expected):
    assert parse_evidence(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("mena-2021-10", "invalid evidence"),
        ("mena-2021-10:", "invalid evidence"),
        ("mena:3;", "invalid evidence"),
        ("mena:3, 4", "invalid evidence"),
        ("mena:5-5", "range '5-5'"),
        ("mena:7-5", "range '7-5'"),
    ],
)
def test_parse_evidence_names_the_bad_text(text, fragment):
    with pytest.raises(ValueError, match=re.escape(fragment)):
        parse_evidence(text)


def test_dataset_is_frozen(data_dir):
    ds = load_dataset(data_dir)
    with pytest.raises(AttributeError):
        ds.relations = pd.DataFrame()  # type: ignore[misc]
    assert isinstance(ds, Dataset)


def test_copy_of_data_without_sources_folder_still_validates(tmp_path, data_dir, monkeypatch):
    monkeypatch.setenv("BORDERLINES_SOURCES", str(tmp_path / "nowhere"))
    copy = shutil.copytree(data_dir, tmp_path / "data")
    assert validate(copy) == []


def test_a_row_with_the_wrong_width_breeds_no_unknown_references(broken_copy):
    iran = broken_copy.row("actors.csv", lambda r: r["id"] == "iran")
    lines = broken_copy.lines("actors.csv")
    line = int(iran["_line"])
    lines[line - 1] = lines[line - 1].rstrip("\n") + ",extra\n"
    broken_copy.write_lines("actors.csv", lines)
    issues = validate(broken_copy.path)
    assert [(i.file, i.line) for i in issues] == [("actors.csv", line)]


# --- The descriptor: its own shape, and resources outside the dataset -----------------------


def read_descriptor(copy):
    return json.loads(copy.file("datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(copy, descriptor):
    text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
    copy.file("datapackage.json").write_text(text, encoding="utf-8")


def resource_position(descriptor, name):
    return [r["name"] for r in descriptor["resources"]].index(name)


def field_position(descriptor, table, field):
    resource = descriptor["resources"][resource_position(descriptor, table)]
    return [f["name"] for f in resource["schema"]["fields"]].index(field)


def set_at(descriptor, table, keys, value):
    """Set ``resources[table]`` followed by ``keys`` (a field named "@name" is found by
    name); return the JSON path of what was set."""
    keys = [
        field_position(descriptor, table, key[1:]) if str(key).startswith("@") else key
        for key in keys
    ]
    at = descriptor["resources"][resource_position(descriptor, table)]
    path = f"resources[{resource_position(descriptor, table)}]"
    for key in keys[:-1]:
        at = at[key]
        path += f"[{key}]" if isinstance(key, int) else f".{key}"
    last = keys[-1]
    if value is DELETE:
        del at[last]
    else:
        at[last] = value
    return path + (f"[{last}]" if isinstance(last, int) else f".{last}")


DELETE = object()
FIELDS = ("schema", "fields")

# (table, keys under the resource, new value, message fragment)
MALFORMED_DESCRIPTORS = [
    pytest.param("sources", ("path",), None, "must be a relative file path", id="path-null"),
    pytest.param("relations", ("path",), "/tmp/r.csv", "not absolute", id="path-absolute"),
    pytest.param("relations", ("path",), "../r.csv", "must not hold '..'", id="path-parent"),
    pytest.param("relations", ("path",), "a\\r.csv", "not '\\'", id="path-backslash"),
    pytest.param("relations", ("path",), "https://x.org/r.csv", "not a URL", id="path-url"),
    pytest.param("relations", ("path",), "C:r.csv", "not a URL or drive", id="path-drive"),
    pytest.param("relations", ("path",), "r\x00.csv", "control character", id="path-nul"),
    pytest.param("relations", ("path",), "datapackage.json", "descriptor", id="path-self"),
    pytest.param("relations", ("path",), "actors.csv", "is the path of", id="path-twice"),
    pytest.param("actors", ("name",), [], "must be a lower-case name", id="name-list"),
    pytest.param("actors", ("name",), "Actors", "must be a lower-case name", id="name-case"),
    pytest.param("actors", ("name",), "places", "names resources[2] already", id="name-twice"),
    pytest.param("actors", ("profile",), "data-resource", "needs the profile", id="profile"),
    pytest.param("actors", ("encoding",), "latin-1", "not supported", id="encoding"),
    pytest.param("actors", ("schema",), None, "needs a schema object", id="schema-null"),
    pytest.param("places", (*FIELDS,), None, "non-empty list of field", id="fields-null"),
    pytest.param("places", (*FIELDS,), [], "non-empty list of field", id="fields-empty"),
    pytest.param("places", (*FIELDS, 1), "lat", "must be an object", id="field-text"),
    pytest.param("places", (*FIELDS, 1, "name"), 3, "needs a name", id="field-name-int"),
    pytest.param("places", (*FIELDS, 1, "name"), "id", "declared twice", id="field-twice"),
    pytest.param("relations", (*FIELDS, "@sign", "type"), {"a": 1}, "unknown", id="type-dict"),
    pytest.param("relations", (*FIELDS, "@end", "type"), "date", "not supported", id="date"),
    pytest.param(
        "relations",
        (*FIELDS, "@end", "type"),
        "integer",
        "both must be dates (string) or both numbers, not string and integer",
        id="date-integer",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@intensity"),
        {"name": "intensity", "type": "string"},
        "its sign must agree with sign, so it must be integer or number, not string",
        id="intensity-string",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@intensity", "type"),
        "string",
        "maximum applies to integer and number fields only",
        id="maximum-on-string",
    ),
    pytest.param(
        "events",
        (*FIELDS, "@participants", "listSeparator"),
        DELETE,
        "must be a list field (listSeparator), not string",
        id="participants-not-a-list",
    ),
    pytest.param(
        "areas",
        (*FIELDS, "@evidence", "type"),
        "integer",
        "it cites SOURCE_ID:PARAS, so it must be string, not integer",
        id="evidence-integer",
    ),
    pytest.param(
        "actors", (*FIELDS, "@aliases", "listSeparator"), "", "non-empty", id="separator-empty"
    ),
    pytest.param(
        "places",
        (*FIELDS, "@lat", "listSeparator"),
        ";",
        "holds strings",
        id="separator-number",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@directed", "falseValues"),
        ["true"],
        "overlap",
        id="booleans-overlap",
    ),
    pytest.param(
        "relations", (*FIELDS, "@directed", "trueValues"), [], "non-empty", id="true-empty"
    ),
    pytest.param("places", (*FIELDS, "@lat", "decimalChar"), ",", "not supported", id="decimal"),
    pytest.param("sources", (*FIELDS, "@url", "format"), "email", "format", id="format"),
    pytest.param(
        "sources",
        (*FIELDS, "@id", "constraints", "format"),
        "uri",
        "format is a property of the field, beside its type, not a constraint",
        id="format-as-constraint",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@status", "constraints"),
        None,
        "an object",
        id="constraints-null",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@status", "constraints", "exclusiveMinimum"),
        1,
        "constraint 'exclusiveMinimum' is not supported",
        id="constraint-unknown",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@status", "constraints", "required"),
        "yes",
        "true or false",
        id="required-text",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@sign", "constraints", "enum"),
        1,
        "non-empty list",
        id="enum-int",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@sign", "constraints", "enum"),
        ["-1", "0", "1"],
        "are not integer values",
        id="enum-texts-for-integers",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@status", "constraints", "enum"),
        [],
        "non-empty list",
        id="enum-empty",
    ),
    pytest.param(
        "actors",
        (*FIELDS, "@id", "constraints", "pattern"),
        ["x"],
        "a string",
        id="pattern-list",
    ),
    pytest.param(
        "actors", (*FIELDS, "@id", "constraints", "pattern"), "(", "invalid pattern", id="regex"
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@intensity", "constraints", "maximum"),
        "10",
        "must be a number",
        id="maximum-text",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@intensity", "constraints", "maximum"),
        True,
        "must be a number",
        id="maximum-boolean",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@intensity", "constraints", "minimum"),
        20,
        "minimum 20 is above maximum 10",
        id="minimum-above-maximum",
    ),
    pytest.param(
        "relations",
        (*FIELDS, "@summary", "constraints", "minimum"),
        1,
        "integer and number fields only",
        id="minimum-on-text",
    ),
    pytest.param(
        "actors",
        (*FIELDS, "@short_name", "constraints", "maxLength"),
        -1,
        "whole number >= 0",
        id="max-length-negative",
    ),
    pytest.param(
        "actors", ("schema", "missingValues"), [[""]], "list of strings", id="missing-values"
    ),
    pytest.param("places", ("schema", "primaryKey"), 1, "field name or a list", id="key-int"),
    pytest.param("actors", ("schema", "primaryKey"), [], "keyed by 'id'", id="key-empty"),
    pytest.param("actors", ("schema", "primaryKey"), ["name"], "keyed by 'id'", id="key-name"),
    pytest.param(
        "border_reference_lengths",
        ("schema", "primaryKey"),
        ["frontier"],
        "primary key 'frontier' is not a field",
        id="key-unknown",
    ),
    pytest.param("relations", ("schema", "foreignKeys"), None, "must be a list", id="fks-null"),
    pytest.param(
        "relations",
        ("schema", "foreignKeys", 0, "fields"),
        [],
        "a foreign key needs 'fields'",
        id="fk-no-fields",
    ),
    pytest.param(
        "relations",
        ("schema", "foreignKeys", 0, "fields"),
        ["source", "target"],
        "counts differ",
        id="fk-arity",
    ),
    pytest.param(
        "relations",
        ("schema", "foreignKeys", 0, "fields"),
        ["origin"],
        "names no field ['origin']",
        id="fk-own-field",
    ),
    pytest.param(
        "relations",
        ("schema", "foreignKeys", 0, "reference", "resource"),
        "people",
        "refers to no resource 'people'",
        id="fk-resource",
    ),
    pytest.param(
        "areas",
        ("schema", "foreignKeys", 0, "reference", "resource"),
        "countries_geometry",
        "which is not a table",
        id="fk-to-geometry",
    ),
    pytest.param(
        "relations",
        ("schema", "foreignKeys", 0, "reference", "fields"),
        ["code"],
        "refers to no field ['code'] of 'actors'",
        id="fk-target-field",
    ),
    pytest.param(
        "areas",
        ("schema", "foreignKeys", 1, "reference"),
        {"resource": "relation_types", "fields": ["quad_class"]},
        "place (string) cannot refer to relation_types.quad_class (number)",
        id="fk-types-differ",
    ),
    pytest.param("actors", ("dialect",), 1, "must be an object", id="dialect-int"),
    pytest.param("actors", ("dialect", "delimiter"), ";;", "one character", id="delimiter"),
    pytest.param("actors", ("dialect", "quoteChar"), ",", "must differ", id="quote-delimiter"),
    pytest.param("actors", ("dialect", "doubleQuote"), False, "must be true", id="double-quote"),
    pytest.param("actors", ("dialect", "header"), False, "must be true", id="header-false"),
    pytest.param("actors", ("dialect", "lineTerminator"), "\r", "'\\n' or", id="terminator"),
    pytest.param("actors", ("dialect", "escapeChar"), "\\", "not supported", id="escape-char"),
    pytest.param("countries_geometry", ("licenses",), {}, "list of objects", id="licenses"),
    pytest.param(
        "countries_geometry", ("sources", 0, "title"), "", "needs a title", id="source-title"
    ),
]


@pytest.mark.parametrize(("table", "keys", "value", "fragment"), MALFORMED_DESCRIPTORS)
def test_malformed_descriptor_is_reported_at_its_json_path(
    broken_copy, table, keys, value, fragment
):
    descriptor = read_descriptor(broken_copy)
    path = set_at(descriptor, table, keys, value)
    write_descriptor(broken_copy, descriptor)
    issues = validate(broken_copy.path)
    found = [i for i in issues if fragment in i.message]
    assert found, "\n".join(map(str, issues))
    resource = path[: path.index("]") + 1]  # resources[N]
    for issue in found:
        assert (issue.file, issue.line) == ("datapackage.json", None)
        assert issue.field == resource or issue.field.startswith(f"{resource}."), issue
    with pytest.raises(DataError):
        load_dataset(broken_copy.path)


@pytest.mark.parametrize(
    ("keys", "value", "field"),
    [
        (("path",), None, "resources[0].path"),
        (
            (*FIELDS, 0, "constraints", "pattern"),
            ["x"],
            "resources[0].schema.fields[0].constraints.pattern",
        ),
        (("dialect", "delimiter"), ";;", "resources[0].dialect.delimiter"),
    ],
)
def test_descriptor_issue_names_the_json_path(broken_copy, keys, value, field):
    descriptor = read_descriptor(broken_copy)
    set_at(descriptor, "sources", keys, value)
    write_descriptor(broken_copy, descriptor)
    issue = next(i for i in validate(broken_copy.path) if i.file == "datapackage.json")
    assert (issue.line, issue.field) == (None, field)
    assert str(issue).startswith(f"datapackage.json: {field}: sources")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[]", "the descriptor must be a JSON object, not []"),
        ('{"name": "x"}', "no 'resources' list"),
        ('{"resources": {}}', "must be a list of resources, not {}"),
        ('{"resources": [1]}', "a resource must be an object, not 1"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON"),
        ('{"resources": [], "n": ' + "9" * 5000 + "}", "invalid JSON"),
        ('{"resources": [], "licenses": [{"title": "x"}]}', "a licence needs a name or a path"),
        (
            '{"resources": [], "created": "2026-11-29"}',
            "'2026-11-29' is not a date and time of RFC 3339",
        ),
    ],
    ids=[
        "list",
        "no-resources",
        "resources-object",
        "resource-int",
        "deep",
        "huge-int",
        "licence",
        "created-a-date",
    ],
)
def test_any_json_is_an_issue_not_an_exception(broken_copy, text, fragment):
    broken_copy.file("datapackage.json").write_text(text, encoding="utf-8")
    issues = validate(broken_copy.path)
    assert any(fragment in str(issue) for issue in issues), "\n".join(map(str, issues))


def test_a_malformed_resource_is_not_read(broken_copy):
    descriptor = read_descriptor(broken_copy)
    set_at(descriptor, "relations", ("dialect", "delimiter"), ";;")
    write_descriptor(broken_copy, descriptor)
    broken_copy.set_cells("relations.csv", {"target": "talibans"})
    issues = validate(broken_copy.path)
    assert [i.file for i in issues] == ["datapackage.json"]


def test_non_tabular_resources_are_declared_not_read(broken_copy):
    descriptor = read_descriptor(broken_copy)
    geometry = [r for r in descriptor["resources"] if r.get("profile") != "tabular-data-resource"]
    assert {r["path"] for r in geometry} >= {"geo/countries.geojson", "geo/borders.geojson"}
    for resource in geometry:
        broken_copy.file(resource["path"]).write_bytes(b"\xff not JSON, not CSV")
    assert validate(broken_copy.path) == []


def test_a_table_outside_the_dataset_is_checked_where_present(broken_copy):
    reference = "geo/reference_lengths.csv"
    line = broken_copy.set_cells(reference, {"length_km": "-5"})
    find_issue(validate(broken_copy.path), reference, line, "length_km", "below the minimum 0")
    broken_copy.file(reference).unlink()
    assert validate(broken_copy.path) == []
    assert "border_reference_lengths" not in load_dataset(broken_copy.path).tables()


def test_format_data_rewrites_a_table_outside_the_dataset(broken_copy, data_dir):
    reference = "geo/reference_lengths.csv"
    lines = broken_copy.lines(reference)
    lines[1], lines[2] = lines[2], lines[1]
    broken_copy.write_lines(reference, lines)
    assert format_data(broken_copy.path) == [reference]
    assert broken_copy.file(reference).read_bytes() == (data_dir / reference).read_bytes()


def test_table_text_refuses_a_non_tabular_resource(data_dir):
    ds = load_dataset(data_dir)
    with pytest.raises(ValueError, match="not a tabular-data-resource"):
        table_text(ds.areas, ds.resource("countries_geometry"))


# --- Provenance of the shipped package ---------------------------------------------------


def test_every_resource_of_the_shipped_package_is_there(data_dir):
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert (data_dir / resource["path"]).is_file(), resource["path"]
    tables = [r["name"] for r in descriptor["resources"] if r["profile"] == "tabular-data-resource"]
    assert tables[: len(DATASET_TABLES)] == list(DATASET_TABLES)
    assert descriptor["profile"] == "data-package"  # not every resource is tabular


def test_geometry_records_its_sources_and_licences(data_dir):
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    package_sources = " ".join(source["title"] for source in descriptor["sources"])
    assert "Natural Earth" in package_sources
    assert "World Factbook" in package_sources
    for resource in descriptor["resources"]:
        if resource["path"].startswith("geo/"):
            assert resource["sources"], resource["name"]
            assert all(licence.get("name") for licence in resource["licenses"]), resource["name"]


def test_areas_are_of_non_state_actors(data_dir):
    ds = load_dataset(data_dir)
    kinds = ds.actors.loc[ds.areas["actor"], "kind"]
    assert "state" not in set(kinds)
    circles = ds.areas[ds.areas["extent"] == "circle"]
    assert circles["place"].notna().all()
    assert circles["radius_km"].notna().all()
    assert ds.areas.loc[ds.areas["extent"] == "country", "country"].notna().all()


# --------------------------------------------------------------------------- reading safely


def test_a_table_that_leads_outside_the_folder_is_refused_unread(broken_copy, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("root:x:0:0:the first line of a file elsewhere\n", encoding="utf-8")
    table = broken_copy.file("places.csv")
    table.unlink()
    table.symlink_to(secret)
    issues = validate(broken_copy.path)
    found = [i for i in issues if i.file == "places.csv"]
    assert [(i.line, i.message) for i in found] == [
        (None, "refused: the file leads outside the data folder (a symbolic link?); not read")
    ]
    assert not [i for i in issues if "root:x" in str(i)]


def test_a_link_inside_the_folder_is_read(broken_copy):
    moved = broken_copy.path / "tables" / "places.csv"
    moved.parent.mkdir()
    broken_copy.file("places.csv").rename(moved)
    broken_copy.file("places.csv").symlink_to(moved)
    assert validate(broken_copy.path) == []


def test_a_descriptor_that_leads_outside_the_folder_is_refused(broken_copy, tmp_path):
    outside = tmp_path / "datapackage.json"
    outside.write_bytes(broken_copy.file("datapackage.json").read_bytes())
    broken_copy.file("datapackage.json").unlink()
    broken_copy.file("datapackage.json").symlink_to(outside)
    assert [str(i) for i in validate(broken_copy.path)] == [
        "datapackage.json: refused: the file leads outside the data folder (a symbolic link?);"
        " not read"
    ]


@pytest.mark.parametrize(
    ("field", "value"), [("start", "0001"), ("end", "2200-01"), ("start", "1799-12-31")]
)
def test_dates_outside_the_range_are_located_issues(broken_copy, field, value):
    line = broken_copy.set_cells("relations.csv", {field: value}, lambda row: not row["end"])
    issues = validate(broken_copy.path)
    assert [(i.file, i.line, i.field) for i in issues] == [("relations.csv", line, field)]
    assert "outside the years 1800 to 2199" in issues[0].message

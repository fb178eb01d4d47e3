"""Tests of graph.upload: limits, zips, merging, line numbers, and never raising."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import stat
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.load import DATASET_TABLES, DataIssue, Dataset, load_dataset, table_text
from graph.upload import (
    BASE_SUFFIX,
    UPLOAD_FILE,
    UploadLimits,
    UploadResult,
    read_upload,
    table_files,
    upload_digest,
    upload_template,
)

SHIPPED = Path(__file__).resolve().parents[1] / "data"


@functools.cache
def shipped_dataset() -> Dataset:
    """Loaded once: hypothesis runs a test many times and must not reload the data."""
    return load_dataset(SHIPPED)


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return shipped_dataset()


def shipped_lines(name: str) -> list[str]:
    """Lines of a shipped table, without their ``\\n`` (index 0 is the header)."""
    return (SHIPPED / name).read_text(encoding="utf-8").splitlines()


def table(*lines: str, end: str = "\n") -> bytes:
    return (end.join(lines) + end).encode("utf-8")


def csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)  # "\n" in a cell gets quoted
    return buffer.getvalue().removesuffix("\n")


def new_place(ident: str = "zahedan-airport", country: str = "IRN") -> str:
    return f"{ident},Zahedan airport,,,facility,{country},29.47,60.9,exact,,,"


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def messages(result: UploadResult) -> list[str]:
    return [str(issue) for issue in result.issues]


def folder_state(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- Applying uploads ----------------------------------------------------------------------


def test_extend_adds_rows_and_leaves_base_and_shipped_files_alone(shipped: Dataset) -> None:
    before = folder_state(SHIPPED)
    base_text = table_text(shipped.places, shipped.resource("places"))
    upload = [("places.csv", table(shipped_lines("places.csv")[0], new_place()))]
    result = read_upload(upload, base=shipped, mode="extend")
    assert result.ok, messages(result)
    assert result.dataset is not None
    assert len(result.dataset.places) == len(shipped.places) + 1
    assert result.dataset.places.loc["zahedan-airport", "kind"] == "facility"
    assert len(result.dataset.actors) == len(shipped.actors)
    assert result.rows == {"places": 1}
    assert not result.dataset.path.is_relative_to(SHIPPED)
    assert table_text(shipped.places, shipped.resource("places")) == base_text
    assert folder_state(SHIPPED) == before


def test_replace_swaps_the_table_and_keeps_the_others(shipped: Dataset) -> None:
    lines = shipped_lines("relations.csv")
    result = read_upload([("relations.csv", table(*lines[:4]))], base=shipped, mode="replace")
    assert result.ok, messages(result)
    assert result.dataset is not None
    assert list(result.dataset.relations.index) == [line.split(",")[0] for line in lines[1:4]]
    assert len(result.dataset.relation_types) == len(shipped.relation_types)
    assert len(result.dataset.sources) == len(shipped.sources)
    assert result.summary() == "Applied: 3 rows of relations in place of the current tables."


def test_without_a_base_every_table_is_needed() -> None:
    every = [(path.name, path.read_bytes()) for path in sorted(SHIPPED.glob("*.csv"))]
    whole = read_upload(every, base=None)
    assert whole.ok, messages(whole)
    partial = read_upload([("actors.csv", (SHIPPED / "actors.csv").read_bytes())], base=None)
    assert not partial.ok
    assert "relations.csv: not uploaded, and there is no current data to keep it from" in (
        messages(partial)
    )


def test_formatting_is_not_required(shipped: Dataset) -> None:
    """Row order, CRLF, a BOM, blank lines and number forms are the loader's to fix."""
    header, *rows = shipped_lines("places.csv")
    odd = new_place().replace("29.47", "29.470")
    others = [row.replace(row.split(",")[0], "x" + row.split(",")[0], 1) for row in rows[:3]]
    data = b"\xef\xbb\xbf" + table(header, odd, "", *reversed(others), end="\r\n")
    result = read_upload([("places.csv", data)], base=shipped, mode="extend")
    assert result.ok, messages(result)
    assert result.dataset is not None
    assert result.dataset.places.loc["zahedan-airport", "lat"] == pytest.approx(29.47)


# --- Issues, placed in the user's files --------------------------------------------------


def test_extending_with_a_known_id_names_both_files_and_lines(shipped: Dataset) -> None:
    header, *rows = shipped_lines("places.csv")
    known = rows[4]
    result = read_upload([("places.csv", table(header, new_place(), known))], base=shipped)
    assert result.dataset is None
    (issue,) = result.issues
    ident = known.split(",")[0]
    assert (issue.file, issue.line, issue.field) == ("places.csv", 3, "id")
    assert f"duplicate id {ident!r}: places.csv{BASE_SUFFIX} line 6 has it already" in (
        issue.message
    )


def test_line_numbers_are_the_uploaded_files(shipped: Dataset) -> None:
    """Rows out of order and a cell over two lines: the issue keeps the user's line."""
    header, *rows = shipped_lines("relations.csv")
    fields = next(csv.reader([rows[0]]))
    first = fields.copy()
    first[0], first[13] = "R950", "A summary\nover two lines."
    broken = fields.copy()
    broken[0], broken[2] = "R900", "talibans"
    data = table(header, csv_line(first), csv_line(broken))
    result = read_upload([("relations.csv", data)], base=shipped)
    assert messages(result) == ["relations.csv:4: target: unknown actor 'talibans'"]


def test_unique_value_clash_is_placed_in_the_upload(shipped: Dataset) -> None:
    header, *rows = shipped_lines("actors.csv")
    clone = rows[0].replace("afghanistan,Afghanistan", "afgh,Afgh", 1)  # iso3 AFG again
    result = read_upload([("actors.csv", table(header, clone))], base=shipped)
    assert messages(result) == [
        f"actors.csv:2: iso3: duplicate value 'AFG' (also in actors.csv{BASE_SUFFIX}, line 2)"
    ]


def test_rows_the_upload_breaks_are_named_as_current_data(shipped: Dataset) -> None:
    header, *rows = shipped_lines("actors.csv")
    kept = [row for row in rows if not row.startswith("iran,")]
    result = read_upload([("actors.csv", table(header, *kept))], base=shipped, mode="replace")
    assert result.dataset is None
    broken = {issue.file for issue in result.issues}
    assert f"relations.csv{BASE_SUFFIX}" in broken
    line = next(
        n for n, row in enumerate(shipped_lines("borders.csv"), 1) if ",iran," in f",{row},"
    )
    assert any(
        issue == DataIssue(f"borders.csv{BASE_SUFFIX}", line, issue.field, "unknown actor 'iran'")
        for issue in result.issues
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"", "actors.csv: empty file: expected the header id,name,", id="empty"),
        pytest.param(
            b"id,name\nx,y\n", "actors.csv:1: header: missing columns 'short_name'", id="cols"
        ),
        pytest.param(b"\xff\xfei\x00d\x00", "actors.csv:1: not valid UTF-8 (byte 0xff", id="utf16"),
        pytest.param(
            "\n".join(shipped_lines("actors.csv")[:2]).encode() + b'\n"open quote,x\n',
            "actors.csv:3: unreadable CSV:",
            id="quote",
        ),
    ],
)
def test_unreadable_tables(shipped: Dataset, data: bytes, expected: str) -> None:
    result = read_upload([("actors.csv", data)], base=shipped)
    assert result.dataset is None
    assert len(result.issues) == 1
    assert messages(result)[0].startswith(expected)


def test_an_unreadable_table_does_not_make_up_unknown_ids(shipped: Dataset) -> None:
    """Relations naming actors of a broken actors.csv are not reported as unknown."""
    header, *rows = shipped_lines("relations.csv")
    fields = next(csv.reader([rows[0]]))
    fields[0], fields[1] = "R900", "newcomer"
    files = [("actors.csv", b"id,name\n"), ("relations.csv", table(header, csv_line(fields)))]
    result = read_upload(files, base=shipped)
    assert [issue.file for issue in result.issues] == ["actors.csv"]


def test_issues_of_several_files_come_together(shipped: Dataset) -> None:
    place = new_place(country="Iran")
    header, *rows = shipped_lines("relations.csv")
    fields = next(csv.reader([rows[0]]))
    fields[0], fields[10] = "R900", "certain"
    files = [
        ("places.csv", table(shipped_lines("places.csv")[0], place)),
        ("relations.csv", table(header, csv_line(fields))),
    ]
    result = read_upload(files, base=shipped)
    assert [(i.file, i.line, i.field) for i in result.issues] == [
        ("places.csv", 2, "country"),
        ("relations.csv", 2, "confidence"),
    ]


def test_carriage_return_in_a_cell_is_reported_once(shipped: Dataset) -> None:
    header = shipped_lines("places.csv")[0]
    place = new_place().replace("Zahedan airport", '"Zahedan\rairport"')
    result = read_upload([("places.csv", table(header, place))], base=shipped)
    assert messages(result) == [
        "places.csv:2: name: control character '\\r' in 'Zahedan\\rairport'"
    ]


# --- Limits ---------------------------------------------------------------------------------


def test_limits_are_described() -> None:
    text = UploadLimits(max_total_bytes=2 * 1024 * 1024, max_rows=500).describe()
    assert "at most 2 MB in all" in text
    assert "500 rows per table" in text


@pytest.mark.parametrize("name", ["max_total_bytes", "max_rows", "max_files"])
@pytest.mark.parametrize("value", [0, -1, 2.5, True])
def test_limits_must_be_positive_integers(name: str, value: object) -> None:
    with pytest.raises(ValueError, match=f"{name} {value!r} is not a positive integer"):
        UploadLimits(**{name: value})


def test_too_many_bytes(shipped: Dataset) -> None:
    data = (SHIPPED / "actors.csv").read_bytes()
    result = read_upload([("actors.csv", data)], base=shipped, limits=UploadLimits(1000))
    assert result.dataset is None
    assert [(i.file, i.line) for i in result.issues] == [(UPLOAD_FILE, None)]
    assert "the limit is 1000 bytes" in result.issues[0].message


def test_too_many_rows(shipped: Dataset) -> None:
    header, *rows = shipped_lines("actors.csv")
    limits = UploadLimits(max_rows=5)
    result = read_upload([("actors.csv", table(header, *rows[:6]))], base=None, limits=limits)
    assert "actors.csv: more than 5 rows; the limit per table" in messages(result)


def test_too_many_files(shipped: Dataset) -> None:
    files = [(f"{n}.csv", b"") for n in range(3)]
    result = read_upload(files, base=shipped, limits=UploadLimits(max_files=2))
    assert messages(result) == ["upload: 3 files; at most 2 may be uploaded at once"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("actor.csv", "actor.csv: not a table of the schema; the tables are sources.csv,"),
        ("../actors.csv", "../actors.csv: not a table of the schema"),
        ("datapackage.json", "datapackage.json: not a CSV table or a .zip of them"),
    ],
)
def test_file_names_outside_the_schema(shipped: Dataset, name: str, expected: str) -> None:
    result = read_upload([(name, b"id\n")], base=shipped)
    assert messages(result)[0].startswith(expected)


def test_nothing_uploaded(shipped: Dataset) -> None:
    assert messages(read_upload([], base=shipped)) == ["upload: no file was uploaded"]


def test_one_table_twice(shipped: Dataset) -> None:
    data = table(shipped_lines("places.csv")[0], new_place())
    files = [("places.csv", data), ("more.zip", zipped({"places.csv": data}))]
    result = read_upload(files, base=shipped)
    assert messages(result) == [
        "more.zip/places.csv: places is uploaded twice, here and in places.csv; keep one"
    ]


# --- Zips ------------------------------------------------------------------------------------


def test_zip_of_a_data_folder(shipped: Dataset) -> None:
    data = table(shipped_lines("places.csv")[0], new_place())
    archive = zipped({"ours/": b"", "ours/places.csv": data, "__MACOSX/ours/._places.csv": b"\0"})
    result = read_upload([("ours.zip", archive)], base=shipped)
    assert result.ok, messages(result)
    bad = table(shipped_lines("places.csv")[0], new_place(country="Iran"))
    result = read_upload([("ours.zip", zipped({"ours/places.csv": bad}))], base=shipped)
    assert [(i.file, i.line) for i in result.issues] == [("ours.zip/ours/places.csv", 2)]


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ("../places.csv", "path with '..'"),
        ("/etc/places.csv", "absolute or Windows path"),
        ("a\\places.csv", "absolute or Windows path"),
        ("a/b/places.csv", "in a nested folder"),
        ("datapackage.json", "not a CSV table; a zip may hold only the tables"),
        ("inner.zip", "not a CSV table"),
        ("notes.csv", "not a table of the schema"),
    ],
)
def test_zip_members_refused(shipped: Dataset, member: str, expected: str) -> None:
    archive = zipped({member: b"id\n", "places.csv": b"id\n"})
    result = read_upload([("z.zip", archive)], base=shipped)
    assert result.dataset is None
    assert [(i.file, i.line) for i in result.issues] == [(f"z.zip/{member}", None)]
    assert expected in result.issues[0].message


def test_zip_member_whose_name_a_nul_empties(shipped: Dataset) -> None:
    archive = zipped({"Q": b"x"}).replace(b"Q", b"\x00")
    result = read_upload([("z.zip", archive)], base=shipped)
    assert [(i.file, i.line) for i in result.issues] == [("z.zip/", None)]


def test_zip_symlink_refused(shipped: Dataset) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("places.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    result = read_upload([("z.zip", buffer.getvalue())], base=shipped)
    assert messages(result) == [
        "z.zip/places.csv: a symbolic link; only plain table files are read"
    ]


def test_zip_method_refused(shipped: Dataset) -> None:
    archive = zipped({"places.csv": b"id\n"}, method=zipfile.ZIP_BZIP2)
    result = read_upload([("z.zip", archive)], base=shipped)
    assert "compressed with an unsupported method" in messages(result)[0]


def test_zip_with_too_many_members(shipped: Dataset) -> None:
    archive = zipped({f"d{n}/": b"" for n in range(5)})
    result = read_upload([("z.zip", archive)], base=shipped, limits=UploadLimits(max_zip_members=4))
    assert messages(result) == ["z.zip: 5 entries; a zip may hold at most 4"]


def test_zip_bomb_stops_before_reading(shipped: Dataset) -> None:
    archive = zipped({"places.csv": b"a" * (21 * 1024 * 1024)})
    assert len(archive) < 100_000
    result = read_upload([("bomb.zip", archive)], base=shipped)
    assert messages(result) == ["bomb.zip: unzips to 21 MB of CSV text; the limit is 20 MB"]


def test_zip_that_lies_about_its_size(shipped: Dataset) -> None:
    """A member declaring 10 bytes but holding 1 MB is refused while it is read."""
    payload = b"a" * (1024 * 1024)
    archive = bytearray(zipped({"places.csv": payload}))
    real = len(payload).to_bytes(4, "little")
    small = (10).to_bytes(4, "little")
    assert archive.count(real) == 2  # local header and central directory
    archive = archive.replace(real, small)
    result = read_upload([("liar.zip", bytes(archive))], base=shipped)
    assert result.dataset is None
    assert [(i.file, i.line) for i in result.issues] == [("liar.zip/places.csv", None)]


def test_broken_zip(shipped: Dataset) -> None:
    result = read_upload([("z.zip", b"PK\x03\x04 not really")], base=shipped)
    assert messages(result) == ["z.zip: not a readable zip archive (File is not a zip file)"]


# --- The digest and the call ------------------------------------------------------------------


def test_digest_keys_the_upload(shipped: Dataset) -> None:
    files = [("places.csv", b"a"), ("actors.csv", b"b")]
    result = read_upload(files, base=shipped, mode="replace")
    assert result.digest == upload_digest(files, "replace")
    assert result.digest == upload_digest(files[::-1], "replace")
    assert result.digest != upload_digest(files, "extend")
    assert result.digest != upload_digest([("places.csv", b"ab"), ("actors.csv", b"")], "replace")


def test_table_files_follow_the_descriptor(shipped: Dataset) -> None:
    tables = {r["path"]: r["name"] for r in shipped.descriptor["resources"]}
    assert table_files(shipped) == {p: n for p, n in tables.items() if n in DATASET_TABLES}
    assert "relations.csv" in table_files(shipped)


def test_bad_calls_raise(shipped: Dataset) -> None:
    with pytest.raises(ValueError, match="mode 'merge' is not one of extend, replace"):
        read_upload([], base=shipped, mode="merge")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="each file must be a"):
        read_upload([("a.csv", "text")], base=shipped)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="files must be a sequence"):
        read_upload(b"a.csv", base=shipped)  # type: ignore[arg-type]


# --- Never raising -------------------------------------------------------------------------

NAMES = st.sampled_from(["actors.csv", "relations.csv", "places.csv", "x.zip", "x.txt", "Ü.csv"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(NAMES, st.binary(max_size=300)), max_size=3))
def test_random_bytes_give_issues_not_exceptions(files: list[tuple[str, bytes]]) -> None:
    result = read_upload(files, base=shipped_dataset())
    assert isinstance(result, UploadResult)
    assert result.ok or result.issues


MEMBER = st.one_of(
    st.sampled_from(["places.csv", "d/places.csv", "actors.csv", "d/", "../x", "a/b/c.csv"]),
    # zipfile cannot write a name a NUL cuts to nothing (reading one has its own test),
    # nor a lone surrogate, which has no UTF-8 form (a zip cannot hold one).
    st.text(
        st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=12,
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    members=st.dictionaries(MEMBER, st.binary(max_size=200), max_size=4),
    cut=st.integers(min_value=0, max_value=400),
    flip=st.integers(min_value=0, max_value=400),
)
def test_random_and_damaged_zips_give_issues(
    members: dict[str, bytes], cut: int, flip: int
) -> None:
    archive = bytearray(zipped(members))
    if flip < len(archive):
        archive[flip] ^= 0xFF
    for data in (bytes(archive), bytes(archive[:cut])):
        result = read_upload([("z.zip", data)], base=shipped_dataset())
        assert result.ok or result.issues
        for issue in result.issues:
            assert issue.file.startswith(("z.zip", UPLOAD_FILE))


# --------------------------------------------------------------------------- template


def test_the_template_holds_every_table_and_passes_the_validator_as_it_is() -> None:
    base = load_dataset()
    archive = zipfile.ZipFile(io.BytesIO(upload_template(base)))
    files = table_files(base)
    assert archive.namelist() == ["README.txt", *files]
    resources = {r["name"]: r for r in base.descriptor["resources"]}
    guide = archive.read("README.txt").decode("utf-8")
    for path, name in files.items():
        header = archive.read(path).decode("utf-8").splitlines()[0]
        columns = [f["name"] for f in resources[name]["schema"]["fields"]]
        assert header == ",".join(columns)
        assert f"{path}: " in guide
        assert f"  {columns[0]} (" in guide
    # Uploaded back as it is (the README skipped), it replaces the data without a problem.
    result = read_upload([("template.zip", upload_template(base))], base=base, mode="replace")
    assert result.ok, result.issues
    assert len(result.dataset.relations) == 1


def test_the_event_data_mapping_of_a_data_folder_is_left_out_not_refused(
    shipped: Dataset,
) -> None:
    """A zip of the whole data folder uploads as it is; the mapping stays the server's."""
    mapping = (SHIPPED / "event_actors.csv").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(SHIPPED.glob("*.csv")):
            archive.writestr(f"data/{path.name}", path.read_bytes())
    actors = (SHIPPED / "actors.csv").read_bytes()
    alongside = [("actors.csv", actors), ("event_actors.csv", mapping)]
    for files in (alongside, [("data.zip", buffer.getvalue())]):
        result = read_upload(files, base=shipped, mode="replace")
        assert result.ok, messages(result)
        assert "event_actors.csv" not in " ".join(messages(result))

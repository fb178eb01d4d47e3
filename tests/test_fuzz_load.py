"""Property tests of graph.load: any folder gives a dataset or located issues, nothing else.

Each example writes a copy of the shipped data, changed at random, to a fresh temporary
folder (made inside the test, so hypothesis may call it many times), then checks that
:func:`graph.load.validate` returns a list of well-formed :class:`DataIssue` and that
:func:`graph.load.load_dataset` either returns a :class:`Dataset` (exactly when there is
no issue) or raises :class:`DataError` carrying the same issues.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from graph.load import DataError, DataIssue, Dataset, load_dataset, validate

SHIPPED = Path(__file__).resolve().parents[1] / "data"
FILES: dict[str, bytes] = {
    path.name: path.read_bytes()
    for path in sorted(SHIPPED.iterdir())
    if path.suffix in {".csv", ".json"}
}
TABLES = sorted(name for name in FILES if name.endswith(".csv"))
ROWS: dict[str, list[list[str]]] = {
    name: list(csv.reader(io.StringIO(FILES[name].decode("utf-8"), newline=""))) for name in TABLES
}
DESCRIPTOR: dict[str, Any] = json.loads(FILES["datapackage.json"])

# Keep the suite quick: about 50 examples a property, no deadline (file I/O varies).
FUZZ = settings(max_examples=50, deadline=None)

# Cells a careless or hostile hand puts in a table, beside any text at all.
AWKWARD_CELLS = [
    "",
    " ",
    " iran",
    "iran ",
    '"',
    '""',
    ",",
    "\n",
    "\r\n",
    "\r",
    "\x00",
    "\t",
    ";",
    ";;",
    "a;;b",
    "0",
    "-0",
    "+1",
    "1.",
    ".5",
    "1e309",
    "-1e309",
    "1e-400",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "9" * 40,
    "-" + "9" * 40,
    "true",
    "TRUE",
    "yes",
    "2021",
    "2021-10",
    "2021-02-30",
    "2021-13",
    "0000",
    "9999-12-31",
    "R001",
    "E001",
    "iran",
    "mena-2021-10",
    "mena-2021-10:3",
    "mena-2021-10:999",
    "mena-2021-10:7-5",
    "mena-2021-10:3;mena-2021-10:3",
    "unknown:1",
    "http://",
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("https://example.org")',
    "إيران",
    "\u202e",
    "\ud7ff",
    "x" * 5000,
]
CELL = st.one_of(st.sampled_from(AWKWARD_CELLS), st.text(max_size=30))


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).write_bytes(data)


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8", errors="surrogatepass")


def assert_dataset_or_issues(files: dict[str, bytes]) -> list[DataIssue]:
    """Write ``files`` over a copy of the shipped data; check the two entry points agree."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        write_folder(folder, {**FILES, **files})
        issues = validate(folder)
        assert isinstance(issues, list)
        for issue in issues:
            assert isinstance(issue, DataIssue)
            assert isinstance(issue.file, str)
            assert issue.line is None or (type(issue.line) is int and issue.line >= 1)
            assert issue.field is None or isinstance(issue.field, str)
            assert isinstance(issue.message, str)
            assert issue.message
            assert str(issue).startswith(issue.file)
        if issues:
            with pytest.raises(DataError) as raised:
                load_dataset(folder)
            assert raised.value.issues == issues
        else:
            assert isinstance(load_dataset(folder), Dataset)
        return issues


# --- Whole files replaced or damaged ---------------------------------------------------------


@FUZZ
@given(name=st.sampled_from(TABLES), data=st.binary(max_size=2000))
def test_random_bytes(name: str, data: bytes) -> None:
    assert_dataset_or_issues({name: data})


@FUZZ
@given(name=st.sampled_from(TABLES), text=st.text(max_size=500))
def test_random_unicode(name: str, text: str) -> None:
    assert_dataset_or_issues({name: text.encode("utf-8", errors="surrogatepass")})


@FUZZ
@given(name=st.sampled_from(TABLES), fraction=st.floats(min_value=0, max_value=1))
def test_truncated_file(name: str, fraction: float) -> None:
    data = FILES[name]
    assert_dataset_or_issues({name: data[: int(len(data) * fraction)]})


@FUZZ
@given(
    name=st.sampled_from(TABLES),
    at=st.floats(min_value=0, max_value=1),
    insert=st.binary(min_size=1, max_size=8),
    flip=st.booleans(),
)
def test_bytes_inserted_or_flipped(name: str, at: float, insert: bytes, flip: bool) -> None:
    data = bytearray(FILES[name])
    index = min(int(len(data) * at), len(data) - 1)
    if flip:
        data[index] ^= insert[0] or 0x80
    else:
        data[index:index] = insert
    assert_dataset_or_issues({name: bytes(data)})


# --- Rows and columns changed -------------------------------------------------------------


@FUZZ
@given(name=st.sampled_from(TABLES), data=st.data())
def test_shuffled_columns(name: str, data: st.DataObject) -> None:
    header = ROWS[name][0]
    order = data.draw(st.permutations(range(len(header))))
    shuffled = [[row[i] for i in order] for row in ROWS[name]]
    issues = assert_dataset_or_issues({name: csv_bytes(shuffled)})
    if list(order) != list(range(len(header))):
        assert any(issue.file == name and issue.line == 1 for issue in issues)


@FUZZ
@given(name=st.sampled_from(TABLES), data=st.data())
def test_deleted_and_duplicated_rows(name: str, data: st.DataObject) -> None:
    header, *rows = ROWS[name]
    indices = st.integers(min_value=0, max_value=max(len(rows) - 1, 0))
    deleted = data.draw(st.sets(indices, max_size=3))
    copied = data.draw(st.lists(indices, max_size=3))
    changed = [row for i, row in enumerate(rows) if i not in deleted]
    changed += [rows[i] for i in copied if rows]
    changed.sort(key=lambda row: row[0])
    issues = assert_dataset_or_issues({name: csv_bytes([header, *changed])})
    if any(i not in deleted or copied.count(i) > 1 for i in copied):
        assert any(issue.file == name and "duplicate" in issue.message for issue in issues)


@FUZZ
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(TABLES), st.integers(min_value=0), st.integers(min_value=0), CELL
        ),
        min_size=1,
        max_size=4,
    )
)
def test_random_cells(edits: list[tuple[str, int, int, str]]) -> None:
    tables = {name: [row.copy() for row in rows] for name, rows in ROWS.items()}
    for name, row, column, value in edits:
        rows = tables[name]
        target = rows[row % len(rows)]  # row 0 is the header: it may be hit too
        target[column % len(target)] = value
    assert_dataset_or_issues({name: csv_bytes(tables[name]) for name, _, _, _ in edits})


@FUZZ
@given(
    name=st.sampled_from(TABLES),
    data=st.data(),
)
def test_ragged_rows(name: str, data: st.DataObject) -> None:
    header, *rows = ROWS[name]
    index = data.draw(st.integers(min_value=0, max_value=len(rows) - 1))
    extra = data.draw(st.lists(CELL, max_size=3))
    cut = data.draw(st.integers(min_value=0, max_value=len(header)))
    changed = [row.copy() for row in rows]
    changed[index] = changed[index][:cut] + extra
    issues = assert_dataset_or_issues({name: csv_bytes([header, *changed])})
    if len(changed[index]) != len(header):
        assert any(issue.line == index + 2 for issue in issues)


# --- The descriptor damaged ---------------------------------------------------------------

# Values of the wrong type or missing keys in the descriptor (each once made the loader
# raise TypeError, AttributeError, KeyError, IndexError or ValueError) must be issues.


def _resource_edit(descriptor: Any, table: str, path: tuple[Any, ...], value: Any) -> Any:
    """The descriptor with ``resources[table]`` followed by ``path`` set to ``value``."""
    position = next(i for i, r in enumerate(descriptor["resources"]) if r["name"] == table)
    return _replaced(descriptor, ("resources", position, *path), lambda _old: value)


def _field_path(table: str, field: str) -> tuple[Any, ...]:
    resource = next(r for r in DESCRIPTOR["resources"] if r["name"] == table)
    index = [f["name"] for f in resource["schema"]["fields"]].index(field)
    return ("schema", "fields", index)


@pytest.mark.parametrize(
    ("table", "path", "value"),
    [
        pytest.param("sources", ("path",), None, id="path-null"),
        pytest.param("actors", ("name",), [], id="name-list"),
        pytest.param("places", ("schema", "fields"), None, id="fields-null"),
        pytest.param("places", ("schema", "primaryKey"), 1, id="primary-key-int"),
        pytest.param("actors", ("schema", "primaryKey"), [], id="actors-no-primary-key"),
        pytest.param("relations", ("schema", "foreignKeys"), None, id="foreign-keys-null"),
        pytest.param(
            "relations", ("schema", "foreignKeys", 0, "fields"), [], id="foreign-key-no-fields"
        ),
        pytest.param("actors", ("dialect",), 1, id="dialect-int"),
        pytest.param("actors", ("dialect", "delimiter"), ";;", id="delimiter-two-chars"),
        pytest.param("actors", ("schema", "missingValues"), [[""]], id="missing-values-list"),
        pytest.param(
            "relations",
            (*_field_path("relations", "status"), "constraints"),
            None,
            id="constraints-null",
        ),
        pytest.param(
            "relations", (*_field_path("relations", "sign"), "type"), {"a": 1}, id="type-dict"
        ),
        pytest.param(
            "relations",
            (*_field_path("relations", "sign"), "constraints", "enum"),
            1,
            id="enum-int",
        ),
        pytest.param(
            "actors",
            (*_field_path("actors", "id"), "constraints", "pattern"),
            ["x"],
            id="pattern-list",
        ),
        pytest.param(
            "relations",
            (*_field_path("relations", "intensity"), "constraints", "maximum"),
            "10",
            id="maximum-text",
        ),
        pytest.param(
            "actors", (*_field_path("actors", "aliases"), "listSeparator"), "", id="separator-empty"
        ),
        pytest.param(
            "relations", (*_field_path("relations", "end"), "type"), "integer", id="date-integer"
        ),
    ],
)
def test_malformed_descriptor_values(table: str, path: tuple[Any, ...], value: Any) -> None:
    descriptor = _resource_edit(DESCRIPTOR, table, path, value)
    text = json.dumps(descriptor, ensure_ascii=False)
    assert_dataset_or_issues({"datapackage.json": text.encode("utf-8")})


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path (keys and indices) into a JSON value."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


DESCRIPTOR_PATHS = _paths(DESCRIPTOR)[1:]


def _replaced(value: Any, path: tuple[Any, ...], new: Callable[[Any], Any]) -> Any:
    if not path:
        return new(value)
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


@FUZZ
@given(
    edits=st.lists(st.tuples(st.sampled_from(DESCRIPTOR_PATHS), JSON_VALUES), max_size=3),
    drop=st.booleans(),
)
@example(edits=[(("resources", 0, "path"), None)], drop=False)
def test_damaged_descriptor(edits: list[tuple[tuple[Any, ...], Any]], drop: bool) -> None:
    """A descriptor with values of the wrong type or missing keys is an issue too."""
    descriptor: Any = DESCRIPTOR
    for path, value in edits:
        try:
            descriptor = _replaced(descriptor, path, lambda _old, v=value: v)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this path
    if drop and edits:
        path = edits[0][0]
        with contextlib.suppress(KeyError, IndexError, TypeError):
            descriptor = _replaced(descriptor, path[:-1], lambda old: _without(old, path[-1]))
    text = json.dumps(descriptor, ensure_ascii=False)
    assert_dataset_or_issues({"datapackage.json": text.encode("utf-8", errors="surrogatepass")})


def _without(container: Any, key: Any) -> Any:
    if isinstance(container, dict):
        return {k: v for k, v in container.items() if k != key}
    if isinstance(container, list):
        return [v for i, v in enumerate(container) if i != key]
    return container

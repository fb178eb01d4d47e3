"""Canonical text: the one way each table is written, checked and rewritten."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from graph.i18n import gettext as _
from graph.load._base import DESCRIPTOR, _show
from graph.load._types import DataIssue, Dataset
from graph.load.cells import _Report, _Table
from graph.load.descriptor import _compile_resource, _Field, _number_text, _Problems, _Resource

__all__ = [
    "canonical_csv",
    "canonical_row_order",
    "save_dataset",
    "table_text",
    "write_table",
]

# --- Canonical text -----------------------------------------------------------------------


def _sort_order(keys: Sequence[tuple[str, ...]]) -> list[int]:
    return sorted(range(len(keys)), key=keys.__getitem__)


def _column_text(spec: _Field, column: Sequence[Any]) -> list[str]:
    """Canonical text of each value of a column; plain str and int take a fast path."""
    cell_text = spec.cell_text
    if spec.separator is not None:
        separator = spec.separator
        return [separator.join(v) if type(v) is tuple else cell_text(v) for v in column]
    if spec.type == "string":
        return [v if type(v) is str else cell_text(v) for v in column]
    if spec.type == "integer":
        return [str(v) if type(v) is int else cell_text(v) for v in column]
    if spec.type == "boolean":
        yes, no = spec.true_values[0], spec.false_values[0]
        return [yes if v is True else no if v is False else cell_text(v) for v in column]
    return [_number_text(v) if type(v) is float else cell_text(v) for v in column]


def _canonical(resource: _Resource, columns: Sequence[Sequence[Any]]) -> str:
    """CSV text of typed columns (descriptor order), rows sorted by primary key."""
    fields = resource.fields
    texts = [_column_text(spec, column) for spec, column in zip(fields, columns, strict=True)]
    rows = list(zip(*texts, strict=True)) if texts and texts[0] else []
    names = [spec.name for spec in fields]
    return _csv_text(names, resource.primary_key, resource.dialect, rows)


def _csv_text(
    names: Sequence[str],
    primary_key: Sequence[str],
    dialect: Mapping[str, Any],
    rows: Sequence[Sequence[str]],
) -> str:
    """The canonical writer: header, then rows sorted by their key cells, in ``dialect``."""
    order = _key_order(names, primary_key, rows)
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=dialect.get("delimiter", ","),
        quotechar=dialect.get("quoteChar", '"'),
        doublequote=dialect.get("doubleQuote", True),
        lineterminator=dialect.get("lineTerminator", "\n"),
    )
    writer.writerow(names)
    writer.writerows(rows[i] for i in order)
    return buffer.getvalue()


def _key_order(
    names: Sequence[str], primary_key: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[int]:
    """Positions of ``rows`` in primary-key order (code points; a missing cell is "")."""
    positions = [names.index(name) for name in primary_key if name in names]
    if not positions:
        return list(range(len(rows)))
    return _sort_order([tuple(r[i] if i < len(r) else "" for i in positions) for r in rows])


def _schema_of(resource: Mapping[str, Any]) -> tuple[list[str], list[str], dict[str, Any]]:
    """Field names, primary key and dialect of a descriptor resource."""
    schema = resource["schema"]
    key = schema.get("primaryKey", [])
    names = [spec["name"] for spec in schema["fields"]]
    return names, [key] if isinstance(key, str) else list(key), dict(resource.get("dialect", {}))


def canonical_row_order(resource: Mapping[str, Any], rows: Sequence[Sequence[str]]) -> list[int]:
    """Return the order :func:`canonical_csv` writes rows in: by primary key, code points.

    Parameters
    ----------
    resource : mapping
        The table's resource in the descriptor.
    rows : sequence of sequence of str
        Cells as text, in descriptor order (a short row sorts as if its missing cells
        were empty).

    Returns
    -------
    list of int
        Positions in ``rows``; ties keep their order.

    Notes
    -----
    Cost O(r log r) for r rows.

    Examples
    --------
    >>> resource = {"schema": {"fields": [{"name": "id"}], "primaryKey": "id"}}
    >>> canonical_row_order(resource, [["b"], ["a"], ["B"]])
    [2, 1, 0]
    """
    names, key, _ = _schema_of(resource)
    return _key_order(names, key, rows)


def canonical_csv(resource: Mapping[str, Any], rows: Sequence[Sequence[str]]) -> str:
    """Return rows of text cells as canonical CSV text: the writer of ``format``.

    Parameters
    ----------
    resource : mapping
        The table's resource in the descriptor (fields, primary key, dialect).
    rows : sequence of sequence of str
        Cells as text, in descriptor order.

    Returns
    -------
    str
        The header in descriptor order, then the rows in :func:`canonical_row_order`,
        minimal quoting, the dialect's line terminator (default ``\\n``).

    Notes
    -----
    Cost O(cells + r log r). For typed tables use :func:`table_text`.

    Examples
    --------
    >>> resource = {"schema": {"fields": [{"name": "id"}, {"name": "note"}],
    ...             "primaryKey": "id"}}
    >>> print(canonical_csv(resource, [["b", "x, y"], ["a", ""]]), end="")
    id,note
    a,
    b,"x, y"
    """
    names, key, dialect = _schema_of(resource)
    return _csv_text(names, key, dialect, rows)


def _check_canonical(table: _Table, report: _Report) -> None:
    resource = table.resource
    columns = [table.columns[spec.name] for spec in resource.fields]
    expected = _canonical(resource, columns)
    if expected == table.text:
        return
    found = table.text.split("\n")
    wanted = expected.split("\n")
    pairs = enumerate(zip(found, wanted, strict=False), start=1)
    line = next((n for n, (a, b) in pairs if a != b), None)
    key = resource.primary_key[0] if resource.primary_key else None
    ids = [i for i in table.columns.get(key, [])] if key else []
    if line is None:  # one text is the other plus a tail
        line = min(len(found), len(wanted))
        if len(found) < len(wanted):
            message = _("not in canonical formatting (no newline at the end of the file)")
        else:
            message = _("not in canonical formatting (text after the last row)")
    elif None not in ids and ids != sorted(ids):
        message = _("not in canonical formatting (rows are not sorted by {key})").format(key=key)
    else:
        message = _("not in canonical formatting (expected {line})").format(
            line=_show(wanted[line - 1], 80)
        )
    report.add_formatting(table.file, line, message)


def table_text(frame: pd.DataFrame, resource: dict[str, Any]) -> str:
    """Return the canonical CSV text of a typed table.

    Parameters
    ----------
    frame : DataFrame
        A table as :func:`load_dataset` returns it (indexed by its primary key).
    resource : dict
        Its resource in the descriptor.

    Returns
    -------
    str
        Header in descriptor order, rows sorted by primary key (code point order), minimal
        quoting, ``\\n`` line ends; integers plain, numbers in their shortest form without
        a trailing ``.0``, booleans ``true``/``false``, lists joined by their separator,
        missing values empty.

    Raises
    ------
    ValueError
        If the frame lacks a column of the resource; the message lists both.

    Notes
    -----
    Cost O(cells + rows log rows).

    Examples
    --------
    >>> from graph.load import load_dataset
    >>> ds = load_dataset()
    >>> text = table_text(ds.relation_types, ds.resource("relation_types"))
    >>> text == (ds.path / "relation_types.csv").read_text(encoding="utf-8")
    True
    """
    issues: list[DataIssue] = []
    _, _, spec = _compile_resource(resource, "resource", _Problems(issues))
    if spec is None:
        problems = "; ".join(map(str, issues)) or "not a tabular-data-resource"
        raise ValueError(f"malformed resource: {problems}")
    flat = frame.reset_index() if any(frame.index.names) else frame
    names = [f.name for f in spec.fields]
    absent = [name for name in names if name not in flat.columns]
    if absent:
        raise ValueError(f"table {spec.name!r} lacks columns {absent}; it has {list(flat.columns)}")
    columns = [flat[name].tolist() for name in names]
    return _canonical(spec, columns)


def write_table(frame: pd.DataFrame, resource: dict[str, Any], directory: Path) -> Path:
    """Write a typed table to ``directory`` in canonical text; return the file's path.

    The file is written only if its bytes would change, through a temporary file so an
    interrupted write never leaves half a table.

    Parameters
    ----------
    frame : DataFrame
        The table, as :func:`load_dataset` returns it.
    resource : dict
        Its resource in the descriptor (``path`` names the file).
    directory : Path
        The data folder.

    Returns
    -------
    Path

    Notes
    -----
    Cost O(cells + rows log rows).

    Examples
    --------
    >>> import tempfile
    >>> from graph.load import load_dataset
    >>> ds = load_dataset()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_table(ds.actors, ds.resource("actors"), Path(folder))
    ...     written.read_bytes() == (ds.path / "actors.csv").read_bytes()
    True
    """
    text = table_text(frame, resource)
    path = Path(directory) / resource["path"]
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return path
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return path


def save_dataset(dataset: Dataset, directory: Path) -> list[Path]:
    """Write every table of ``dataset`` to ``directory``, with its descriptor if none is there.

    Parameters
    ----------
    dataset : Dataset
    directory : Path
        Created if missing.

    Returns
    -------
    list of Path
        The table files, in descriptor order.

    Notes
    -----
    Loading the files written gives the dataset back, and saving a freshly loaded
    dataset reproduces its files byte for byte. Cost O(cells).

    Examples
    --------
    >>> import tempfile
    >>> from graph.load import load_dataset
    >>> ds = load_dataset()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = save_dataset(ds, Path(folder))
    ...     len(load_dataset(Path(folder)).relations) == len(ds.relations)
    True
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    descriptor_path = directory / DESCRIPTOR
    if not descriptor_path.is_file():
        text = json.dumps(dataset.descriptor, indent=2, ensure_ascii=False) + "\n"
        descriptor_path.write_text(text, encoding="utf-8")
    return [
        write_table(frame, dataset.resource(name), directory)
        for name, frame in dataset.tables().items()
    ]

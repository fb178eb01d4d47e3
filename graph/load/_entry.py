"""The loader's entry points: check a folder, load it, load tables already read, format it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from graph.i18n import gettext as _
from graph.load._base import DATASET_TABLES
from graph.load._paths import default_data_dir
from graph.load._types import DataError, DataIssue, Dataset
from graph.load.canonical import _canonical, _check_canonical
from graph.load.cells import _Files, _read_table, _Report, _Table, issue_order
from graph.load.checks import _check_evidence, _check_foreign_keys, _check_rows
from graph.load.descriptor import _compile_resources, _read_descriptor, _Resource

__all__ = [
    "format_data",
    "load_dataset",
    "load_tables",
    "validate",
]

# --- Entry points ---------------------------------------------------------------------


def _inspect(path: Path) -> tuple[_Report, dict[str, Any] | None, dict[str, _Table]]:
    report = _Report(path)
    if not path.is_dir():
        problem = _("not a directory") if path.exists() else _("no such data directory")
        report.add(str(path), None, None, problem)
        return report, None, {}
    descriptor = _read_descriptor(path, report.issues)
    if descriptor is None:
        return report, None, {}
    return _check_tables(report, descriptor, _Files(directory=path), formatting=True)


def _check_tables(
    report: _Report, descriptor: Any, files: _Files, *, formatting: bool
) -> tuple[_Report, dict[str, Any] | None, dict[str, _Table]]:
    """Compile the descriptor, read and check every table of ``files`` against it, and
    (with ``formatting``) whether each is in canonical formatting."""
    resources = _compile_resources(descriptor, report.issues)
    tables = {
        name: _read_table(files, resource, report)
        for name, resource in resources.items()
        # A table outside the dataset (the map's reference lengths) is checked where
        # it is present; a data folder may leave it out, as the map reads the shipped one.
        if name in DATASET_TABLES or files.exists(resource.file)
    }
    _check_foreign_keys(tables, report)
    _check_rows(tables, report)
    _check_evidence(tables, report)
    if formatting:
        for table in tables.values():
            if table.exact and not table.reformat:
                _check_canonical(table, report)
    return report, descriptor, tables


def validate(path: Path | str | None = None) -> list[DataIssue]:
    """Check a data folder against its descriptor; return every issue found.

    Parameters
    ----------
    path : Path or str, optional
        The data folder; default :func:`default_data_dir`.

    Returns
    -------
    list of DataIssue
        Sorted by file, then line; empty when the data is valid. Never raises for bad data:
        a missing folder, a broken descriptor or an unreadable file is an issue too.

    Notes
    -----
    Checks the descriptor's own shape (each problem placed at its JSON path in the
    issue's ``field``), then its types and constraints (required, unique, enum, pattern,
    minimum, maximum, length, URI), primary and foreign keys, list items, calendar dates,
    the rules of :data:`LIST_REFERENCES`, :data:`KIND_REFERENCES`,
    :data:`EXCLUDED_KINDS`, :data:`CONDITIONAL_FIELDS`, :data:`ORDERED_FIELDS`, signs and
    evidence, and that each file is in canonical formatting. Cost O(cells).

    Examples
    --------
    >>> validate()
    []
    >>> validate("/nonexistent")
    [DataIssue(file='/nonexistent', line=None, field=None, message='no such data directory')]
    """
    report, _, _ = _inspect(Path(path) if path is not None else default_data_dir())
    return report.all()


def _frame(resource: _Resource, table: _Table) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for spec in resource.fields:
        values = table.columns[spec.name]
        if spec.separator is not None or spec.type == "string":
            data[spec.name] = pd.Series(values, dtype=object)
        elif spec.type == "integer":
            data[spec.name] = pd.Series(values, dtype="int64" if spec.required else "Int64")
        elif spec.type == "number":
            data[spec.name] = pd.Series(
                [math.nan if v is None else v for v in values], dtype="float64"
            )
        else:
            data[spec.name] = pd.Series(values, dtype="bool" if spec.required else "boolean")
    frame = pd.DataFrame(data)
    key = resource.primary_key
    if key:
        frame = frame.set_index(key)
        if len(key) == 1:
            frame.index = pd.Index(frame.index, dtype=object, name=key[0])
    return frame


def load_dataset(path: Path | str | None = None) -> Dataset:
    """Load and check a data folder; return its typed tables.

    Parameters
    ----------
    path : Path or str, optional
        The data folder; default :func:`default_data_dir` (``$BORDERLINES_DATA`` or the
        shipped ``data/``).

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        If :func:`validate` finds any issue; ``.issues`` holds them all.

    Notes
    -----
    Cost O(cells): about 2 s of CPU for 10^5 relations (1.5 million cells).

    Examples
    --------
    >>> ds = load_dataset()
    >>> ds.actors.loc["iran", "kind"]
    'state'
    >>> load_dataset("/nonexistent")
    Traceback (most recent call last):
    ...
    graph.load.DataError: 1 issue in the data:
    /nonexistent: no such data directory
    """
    directory = Path(path) if path is not None else default_data_dir()
    report, descriptor, tables = _inspect(directory)
    issues = report.all()
    if issues:
        raise DataError(issues)
    assert descriptor is not None  # no issue means the descriptor was read
    return _dataset(tables, descriptor, directory)


def load_tables(
    descriptor: dict[str, Any], files: Mapping[str, bytes], *, where: str = "<memory>"
) -> Dataset:
    """Check tables already read (an upload) against a descriptor; return their typed tables.

    The same checks as :func:`load_dataset`, on bytes instead of a folder, except canonical
    formatting (row order, quoting, number forms), which only a data folder must keep.

    Parameters
    ----------
    descriptor : dict
        The data package's descriptor (a :class:`Dataset`'s ``descriptor``).
    files : mapping of str to bytes
        Each table's CSV, by the path its resource names (``"actors.csv"``).
    where : str, default "<memory>"
        What the returned dataset's ``path`` names.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        With every issue, each naming the table's path, its line and field.

    Notes
    -----
    Cost O(cells), one pass: no folder is written, no table read twice.

    Examples
    --------
    >>> from pathlib import Path
    >>> ds = load_dataset()
    >>> files = {r["path"]: (Path(ds.path) / r["path"]).read_bytes()
    ...          for r in ds.descriptor["resources"] if r["name"] in DATASET_TABLES}
    >>> len(load_tables(ds.descriptor, files).relations) == len(ds.relations)
    True
    >>> files["relations.csv"] = files["relations.csv"].replace(b"R001,", b"R001,nobody-", 1)
    >>> load_tables(ds.descriptor, files)
    Traceback (most recent call last):
    ...
    graph.load.DataError: 1 issue in the data:
    relations.csv:2: source: unknown actor 'nobody-mohammad-hossein-bagheri'
    """
    report = _Report(Path(where))
    _, _, tables = _check_tables(report, descriptor, _Files(files=files), formatting=False)
    issues = report.all()
    if issues:
        raise DataError(issues)
    return _dataset(tables, descriptor, Path(where))


def _dataset(tables: dict[str, _Table], descriptor: dict[str, Any], path: Path) -> Dataset:
    """The typed tables of checked data (every issue was reported before)."""
    frames = {name: _frame(tables[name].resource, tables[name]) for name in DATASET_TABLES}
    return Dataset(**frames, descriptor=descriptor, path=path)


def format_data(path: Path | str | None = None) -> list[str]:
    """Rewrite the tables of a data folder in canonical formatting.

    Parameters
    ----------
    path : Path or str, optional
        The data folder; default :func:`default_data_dir`.

    Returns
    -------
    list of str
        The files rewritten (empty when all were canonical already).

    Raises
    ------
    DataError
        If the data has issues other than formatting (BOM, CRLF, blank lines, order,
        quoting, number forms); nothing is written then.

    Notes
    -----
    Every row is kept: the rewrite re-serialises the typed rows, and the folder is checked
    again afterwards. Cost O(cells).

    Examples
    --------
    >>> import shutil, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     copy = shutil.copytree(default_data_dir(), Path(folder) / "data")
    ...     table = copy / "borders.csv"
    ...     header, *rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
    ...     _ = table.write_text("".join([header, *reversed(rows)]), encoding="utf-8")
    ...     print(format_data(copy), format_data(copy))
    ['borders.csv'] []
    """
    directory = Path(path) if path is not None else default_data_dir()
    report, descriptor, tables = _inspect(directory)
    if report.issues:
        raise DataError(sorted(report.issues, key=issue_order))
    assert descriptor is not None
    rewritten = []
    for table in tables.values():
        text = _canonical(table.resource, [table.columns[f.name] for f in table.resource.fields])
        target = directory / table.file
        if target.read_bytes() != text.encode("utf-8"):
            temporary = target.with_name(target.name + ".tmp")
            temporary.write_bytes(text.encode("utf-8"))
            temporary.replace(target)
            rewritten.append(table.file)
    remaining = validate(directory)
    if remaining:
        raise DataError(remaining)
    return rewritten

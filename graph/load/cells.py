"""Reading tables: bytes decoded, CSV split into records, each cell checked against its
field.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from graph.dates import PartialDate, parse_partial_date
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.load._base import (
    _BOM,
    _CONTROL,
    _INVALID,
    _OUTSIDE,
    _URI_SCHEME,
    FORMAT_COMMAND,
    _show,
    parsed_once,
)
from graph.load._paths import resolves_inside
from graph.load._types import DataIssue
from graph.load.descriptor import _Field, _Resource

__all__ = [
    "CsvError",
    "csv_records",
    "header_problem",
    "issue_order",
]

# --- Reading tables --------------------------------------------------------------------------


@dataclass
class _Table:
    """A table as read: typed columns of the rows that have the right width."""

    resource: _Resource
    text: str = ""
    lines: list[int] = dataclasses.field(default_factory=list)
    columns: dict[str, list[Any]] = dataclasses.field(default_factory=dict)
    readable: bool = False  # header right and rows parsed: its rows can be checked
    complete: bool = False  # no row dropped either: its keys can be referenced
    exact: bool = False  # every cell typed: fit to be re-serialised and compared
    reformat: bool = False  # a formatting issue (BOM, CRLF, blank line) was reported

    @property
    def file(self) -> str:
        return self.resource.file


class _Report:
    """Collects issues; formatting issues (fixed by ``format``) are kept apart.

    It also holds what one validation has parsed already (dates and evidence cells repeat
    across rows), so the memo lives exactly as long as the call, never process-wide.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.issues: list[DataIssue] = []
        self.formatting: list[DataIssue] = []
        self.dates: dict[str, PartialDate | str] = {}
        self.evidence: dict[str, tuple[tuple[str, tuple[int, ...]], ...] | str] = {}

    def add(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.issues.append(DataIssue(file, line, field, message))

    def add_formatting(self, file: str, line: int | None, message: str) -> None:
        command = f"{FORMAT_COMMAND} {self.directory}"
        text = _("{problem}; run `{command}` to fix it").format(problem=message, command=command)
        self.formatting.append(DataIssue(file, line, None, text, "formatting"))

    def all(self) -> list[DataIssue]:
        return sorted(self.issues + self.formatting, key=issue_order)


def issue_order(issue: DataIssue) -> tuple[str, int, str, str]:
    """Sort key of issues as readers get them: by file, line, field, then message.

    Examples
    --------
    >>> late, early = DataIssue("a.csv", 9, "x", "m"), DataIssue("a.csv", 2, "y", "m")
    >>> [i.line for i in sorted([late, early], key=issue_order)]
    [2, 9]
    """
    return (issue.file, issue.line or 0, issue.field or "", issue.message)


def _decode(raw: bytes, file: str, report: _Report) -> tuple[str, bool]:
    """Text of a file and whether it was valid UTF-8; each bad line is reported."""
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = line[error.start : error.start + 1].hex()
            message = _("not valid UTF-8 (byte 0x{byte} at column {column})").format(
                byte=bad, column=error.start + 1
            )
            report.add(file, number, None, message)
    return raw.decode("utf-8", errors="replace"), False


class _Files:
    """Where the tables' bytes come from: a data folder, or tables already in memory (an
    upload). ``read`` raises FileNotFoundError, OSError, or ValueError for a path that
    leads outside the folder."""

    def __init__(self, directory: Path | None = None, files: Mapping[str, bytes] | None = None):
        self.directory, self.files = directory, files

    def exists(self, file: str) -> bool:
        if self.files is not None:
            return file in self.files
        assert self.directory is not None
        return (self.directory / file).exists()

    def read(self, file: str) -> bytes:
        if self.files is not None:
            if file not in self.files:
                raise FileNotFoundError(file)
            return self.files[file]
        assert self.directory is not None
        if not resolves_inside(self.directory / file, self.directory):
            raise ValueError(_(_OUTSIDE))
        return (self.directory / file).read_bytes()


def _read_table(files: _Files, resource: _Resource, report: _Report) -> _Table:
    try:
        return _read_table_cells(files, resource, report)
    except MemoryError:  # a table far beyond any limit; the rest is still checked
        report.add(resource.file, None, None, _("too large to read into memory"))
        return _Table(resource)


def _read_table_cells(files: _Files, resource: _Resource, report: _Report) -> _Table:
    table = _Table(resource)
    file = resource.file
    try:
        raw = files.read(file)
    except ValueError as error:  # outside the folder
        report.add(file, None, None, str(error))
        return table
    except FileNotFoundError:
        report.add(file, None, None, _("file not found"))
        return table
    except OSError as error:
        report.add(file, None, None, _("cannot be read: {reason}").format(reason=error.strerror))
        return table
    if raw.startswith(_BOM):
        report.add_formatting(file, 1, _("starts with a byte-order mark (BOM)"))
        table.reformat = True
        raw = raw[len(_BOM) :]
    text, utf8 = _decode(raw, file, report)
    expected = [f.name for f in resource.fields]
    if not text.strip():
        message = _("empty file: expected the header {header}").format(header=",".join(expected))
        report.add(file, None, None, message)
        return table
    if resource.dialect["lineTerminator"] == "\n" and "\r\n" in text:
        line = text.count("\n", 0, text.index("\r\n")) + 1
        report.add_formatting(file, line, _("CRLF line endings (from this line on)"))
        table.reformat = True
    table.text = text

    rows: list[list[str]] = []
    parsed = True
    records = csv_records(text, resource.dialect)
    try:
        _first, header = next(records)
        problem = header_problem(header, expected)
        if problem is not None:
            report.add(file, 1, None, problem)
            return table
        for start, row in records:
            if not row:
                report.add_formatting(file, start, _("blank line"))
                table.reformat = True
            elif len(row) != len(expected):
                message = _("expected {expected} cells, found {found}").format(
                    expected=len(expected), found=len(row)
                )
                report.add(file, start, None, message)
                parsed = False
            else:
                rows.append(row)
                table.lines.append(start)
    except CsvError as error:
        report.add(file, error.line, None, _("unreadable CSV: {error}").format(error=error))
        return table

    table.readable, table.complete = True, parsed
    typed_ok = True
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(expected)
    for spec, raw_column in zip(resource.fields, columns, strict=True):
        values, ok = _check_column(table, spec, raw_column, report)
        table.columns[spec.name] = values
        typed_ok = typed_ok and ok
    table.exact = utf8 and parsed and typed_ok
    _check_primary_key(table, report)
    return table


class CsvError(ValueError):
    """A CSV text that cannot be split into records; ``line`` is where it went wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def csv_records(
    text: str, dialect: Mapping[str, Any] | None = None
) -> Iterator[tuple[int, list[str]]]:
    r"""Yield ``(line, cells)`` of each record of a CSV text, the header first, in a
    descriptor's dialect (delimiter, quote, doubled quotes); a blank line is an empty
    record. The one CSV reader of the loader and the upload.

    Raises
    ------
    CsvError
        At the first record that cannot be read (a stray quote, a NUL byte...).

    Examples
    --------
    >>> list(csv_records('id,note\na,"two\nlines"\n\nb,x\n'))
    [(1, ['id', 'note']), (2, ['a', 'two\nlines']), (4, []), (5, ['b', 'x'])]
    """
    dialect = dialect or {}
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=dialect.get("delimiter", ","),
        quotechar=dialect.get("quoteChar", '"'),
        doublequote=dialect.get("doubleQuote", True),
        strict=True,
    )
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise CsvError(reader.line_num, str(error)) from None


def header_problem(header: Sequence[str], expected: Sequence[str]) -> str | None:
    """Return what is wrong with a table's header, or None when it is the expected one.

    Parameters
    ----------
    header : sequence of str
        The first row of the file.
    expected : sequence of str
        The descriptor's field names, in order.

    Returns
    -------
    str or None
        ``"header: missing column 'x'; unexpected column 'y'; expected a,b,c"`` (or
        repeated columns, or columns out of order), the expected header always named.

    Notes
    -----
    Cost O(k^2) for k columns (k is small).

    Examples
    --------
    >>> header_problem(["id", "nmae"], ["id", "name"])
    "header: missing column 'name'; unexpected column 'nmae'; expected id,name"
    >>> header_problem(["name", "id"], ["id", "name"])
    'header: columns out of order; expected id,name'
    >>> header_problem(["id", "name"], ["id", "name"]) is None
    True
    """
    header, expected = list(header), list(expected)
    if header == expected:
        return None
    missing = [name for name in expected if name not in header]
    unexpected = [name for name in header if name not in expected]
    parts = []
    if missing:
        text = ngettext("missing column {names}", "missing columns {names}", len(missing))
        parts.append(text.format(names=_names(missing)))
    if unexpected:
        text = ngettext("unexpected column {names}", "unexpected columns {names}", len(unexpected))
        parts.append(text.format(names=_names(unexpected)))
    if not parts:
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            parts.append(_("repeated column {names}").format(names=_names(repeated)))
        else:
            parts.append(_("columns out of order"))
    return _("header: {problems}; expected {header}").format(
        problems="; ".join(parts), header=",".join(expected)
    )


def _header_message(header: list[str], expected: list[str]) -> str:
    """The problem of a header known to differ (the old name of :func:`header_problem`)."""
    return header_problem(header, expected) or ""


def _names(names: Sequence[str]) -> str:
    return ", ".join(repr(name) for name in names)


def _check_column(
    table: _Table, spec: _Field, raw: Sequence[str], report: _Report
) -> tuple[list[Any], bool]:
    """Type one column and check its constraints; returns the values and whether all typed.

    Each check runs over the whole column (distinct values only where a check is costly),
    so the cost is a few passes over the column.
    """
    file, lines, name = table.file, table.lines, spec.name

    def add(i: int, message: str) -> None:
        report.add(file, lines[i], name, message)

    missing = spec.missing
    if spec.required:
        for i, text in enumerate(raw):
            if text in missing:
                add(i, _("missing required value"))
    # One search over the joined column; cells are looked at only when it finds something.
    joined = "\n".join(raw)
    if _CONTROL.search(joined):
        for i, text in enumerate(raw):
            control = _CONTROL.search(text)
            if control is not None:
                message = _("control character {character} in {value}").format(
                    character=repr(control.group()), value=_show(text)
                )
                add(i, message)

    if spec.separator is not None:
        values: list[Any] = [() if t in missing else tuple(t.split(spec.separator)) for t in raw]
        for i, items in enumerate(values):
            for message in _item_problems(spec, items, raw[i], report.dates):
                add(i, message)
        if spec.unique and table.resource.primary_key != [name]:
            _check_unique(table, name, values, report)
        return values, True

    ok = True
    if spec.type == "string":
        values = [None if t in missing else t for t in raw]
        for i in [i for i, text in enumerate(raw) if text != text.strip()]:
            add(i, _("{value} has leading or trailing whitespace").format(value=_show(raw[i])))
    else:
        if spec.type == "boolean":
            truth = dict.fromkeys(spec.true_values, True) | dict.fromkeys(spec.false_values, False)
            values = [None if t in missing else truth.get(t, _INVALID) for t in raw]
        else:
            convert = spec.convert
            values = [None if t in missing else convert(t) for t in raw]
        for i, value in enumerate(values):
            if value is _INVALID:
                add(i, spec.type_message(raw[i]))
                values[i] = None
                ok = False
    for message_of in _constraint_checks(spec, report.dates):
        for i, text in enumerate(raw):
            value = values[i]
            if value is not None:
                found = message_of(value, text)
                if found is not None:
                    add(i, found)
    if spec.unique and table.resource.primary_key != [name]:
        _check_unique(table, name, values, report)
    return values, ok


def _constraint_checks(
    spec: _Field, dates: dict[str, PartialDate | str]
) -> list[Callable[[Any, str], str | None]]:
    """One function per constraint of ``spec``: (value, text) -> message or None.

    ``dates`` is the validation's memo of parsed dates (see :func:`_parsed_date`).
    """
    checks: list[Callable[[Any, str], str | None]] = []
    if spec.enum is not None:
        enum, allowed = spec.enum, spec.enum_text
        checks.append(
            lambda v, t: (
                None
                if v in enum
                else _("{value} is not one of: {allowed}").format(value=_show(t), allowed=allowed)
            )
        )
    if spec.is_date:
        checks.append(lambda v, t: _date_problem(t, dates))
    elif spec.pattern is not None:
        fullmatch, pattern = spec.pattern.fullmatch, spec.pattern.pattern
        checks.append(
            lambda v, t: (
                None
                if fullmatch(t)
                else _("{value} does not match {pattern}").format(value=_show(t), pattern=pattern)
            )
        )
    if spec.minimum is not None:
        low = spec.minimum
        checks.append(
            lambda v, t: (
                None
                if v >= low
                else _("{value} is below the minimum {minimum}").format(value=t, minimum=low)
            )
        )
    if spec.maximum is not None:
        high = spec.maximum
        checks.append(
            lambda v, t: (
                None
                if v <= high
                else _("{value} is above the maximum {maximum}").format(value=t, maximum=high)
            )
        )
    if spec.max_length is not None:
        longest = spec.max_length
        checks.append(
            lambda v, t: (
                None
                if len(t) <= longest
                else _("{value} is longer than {limit} characters ({length})").format(
                    value=_show(t), limit=longest, length=len(t)
                )
            )
        )
    if spec.min_length is not None:
        shortest = spec.min_length
        checks.append(
            lambda v, t: (
                None
                if len(t) >= shortest
                else _("{value} is shorter than {limit} characters").format(
                    value=_show(t), limit=shortest
                )
            )
        )
    if spec.uri:
        checks.append(
            lambda v, t: None if _is_uri(t) else _("{value} is not a URI").format(value=_show(t))
        )
    return checks


def _parsed_date(text: str, memo: dict[str, PartialDate | str]) -> PartialDate | str:
    """The date ``text`` names, or the message saying why it is none (parsed once)."""
    return parsed_once(parse_partial_date, text, memo)


def _date_problem(text: str, memo: dict[str, PartialDate | str]) -> str | None:
    found = _parsed_date(text, memo)
    return found if isinstance(found, str) else None


def _item_problems(
    spec: _Field, items: tuple[str, ...], text: str, dates: dict[str, PartialDate | str]
) -> Iterator[str]:
    seen: set[str] = set()
    checks = _constraint_checks(spec, dates) if items else []
    for item in items:
        if not item:
            yield _("empty item in {value} (items are separated by {separator})").format(
                value=_show(text), separator=repr(spec.separator)
            )
            continue
        if item != item.strip():
            yield _("item {item} has spaces around it").format(item=_show(item))
        if item in seen:
            yield _("item {item} is repeated").format(item=_show(item))
        seen.add(item)
        for message_of in checks:
            message = message_of(item, item)
            if message is not None:
                yield _("item {problem}").format(problem=message)


def _is_uri(text: str) -> bool:
    if any(char.isspace() for char in text):
        return False
    parts = urlsplit(text)
    if not parts.scheme or not _URI_SCHEME.fullmatch(parts.scheme):
        return False
    if parts.scheme.lower() in {"http", "https", "ftp"}:
        return bool(parts.netloc)
    return bool(parts.netloc or parts.path)


def _check_unique(table: _Table, name: str, values: list[Any], report: _Report) -> None:
    first: dict[Any, int] = {}
    for line, value in zip(table.lines, values, strict=True):
        if value is None or value == ():
            continue
        if value in first:
            message = _("duplicate value {value} (first on line {line})").format(
                value=_show(value), line=first[value]
            )
            report.add(table.file, line, name, message)
        else:
            first[value] = line


def _check_primary_key(table: _Table, report: _Report) -> None:
    key = table.resource.primary_key
    if not key or not all(name in table.columns for name in key):
        return
    keys: Sequence[Any] = (
        table.columns[key[0]]
        if len(key) == 1
        else list(zip(*(table.columns[name] for name in key), strict=True))
    )
    if len(set(keys)) == len(keys) and None not in keys:
        return  # the common case, settled in one pass
    first: dict[tuple[Any, ...], int] = {}
    rows = zip(*(table.columns[name] for name in key), strict=True)
    for line, values in zip(table.lines, rows, strict=True):
        if None in values:
            continue
        if values in first:
            shown = values[0] if len(values) == 1 else values
            message = _("duplicate {key} {value} (first on line {line})").format(
                key="/".join(key), value=_show(shown), line=first[values]
            )
            report.add(table.file, line, key[0], message)
        else:
            first[values] = line

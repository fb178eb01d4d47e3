"""Reading an upload: its files within the limits, zips opened safely, and each table
decoded and split into rows."""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath
from typing import Any

from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.load import CsvError, csv_records, header_problem
from graph.upload._common import _Issues, _size, _Upload
from graph.upload.result import UPLOAD_FILE, UploadLimits

__all__ = [
    "KEPT_FROM_THE_DATA_FOLDER",
]

#: Tables of a data folder an upload leaves out, without an error: a zip of the whole data
#: folder uploads as it is. The event-data mapping is read from the data folder (the event
#: layer is the server's, not a reader's).
KEPT_FROM_THE_DATA_FOLDER: frozenset[str] = frozenset({"event_actors.csv"})

_BOM = b"\xef\xbb\xbf"
_CHUNK = 64 * 1024
# Members of a zip that are not tables and are skipped: archivers' own files, and the
# README.txt of the template (upload_template), zipped again with the tables.
_ARCHIVER_LITTER = re.compile(r"(^|.*/)(__MACOSX/.*|\.DS_Store|Thumbs\.db|README\.txt)$")
_ZIP_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
# What a damaged or hostile archive can raise while it is opened or read.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    OverflowError,
    KeyError,
)


def _collect(
    files: Sequence[tuple[str, bytes]],
    names: Mapping[str, str],
    limits: UploadLimits,
    issues: _Issues,
) -> list[tuple[str, str, bytes]]:
    """(label, table, bytes) of each uploaded table, zips opened; limits checked."""
    if not files:
        issues.add(UPLOAD_FILE, None, None, _("no file was uploaded"))
        return []
    if len(files) > limits.max_files:
        message = ngettext(
            "{count} file; at most {limit} may be uploaded at once",
            "{count} files; at most {limit} may be uploaded at once",
            len(files),
        ).format(count=len(files), limit=limits.max_files)
        issues.add(UPLOAD_FILE, None, None, message)
        return []
    total = sum(len(data) for _name, data in files)
    if total > limits.max_total_bytes:
        message = _("{size} in all; the limit is {limit}").format(
            size=_size(total), limit=_size(limits.max_total_bytes)
        )
        issues.add(UPLOAD_FILE, None, None, message)
        return []

    accepted = ", ".join(names)
    tables: list[tuple[str, str, bytes]] = []
    budget = limits.max_table_bytes
    for name, content in files:
        data = bytes(content)
        if name.lower().endswith(".zip"):
            members = _unzip(name, data, names, limits, budget, issues)
            budget -= sum(len(member) for _label, _table, member in members)
            tables += members
        elif name in names:
            budget -= len(data)
            tables.append((name, names[name], data))
        elif name in KEPT_FROM_THE_DATA_FOLDER:
            continue
        elif name.lower().endswith(".csv"):
            message = _("not a table of the schema; the tables are {tables}").format(
                tables=accepted
            )
            issues.add(name, None, None, message)
        else:
            issues.add(name, None, None, _("not a CSV table or a .zip of them"))
    if budget < 0:
        used = limits.max_table_bytes - budget
        message = _("{size} of CSV text; the limit is {limit}").format(
            size=_size(used), limit=_size(limits.max_table_bytes)
        )
        issues.add(UPLOAD_FILE, None, None, message)
        return []

    if not tables and not issues:
        message = _("no table found; the tables are {tables}").format(tables=accepted)
        issues.add(UPLOAD_FILE, None, None, message)
    first: dict[str, str] = {}
    for label, table, _data in tables:
        if table in first:
            message = _("{table} is uploaded twice, here and in {other}; keep one").format(
                table=table, other=first[table]
            )
            issues.add(label, None, None, message)
        else:
            first[table] = label
    return tables


def _unzip(
    name: str,
    data: bytes,
    names: Mapping[str, str],
    limits: UploadLimits,
    budget: int,
    issues: _Issues,
) -> list[tuple[str, str, bytes]]:
    """The tables of one zip, read only if every member is safe and the sizes fit.

    Member names must be a table's file name, alone or in one folder (``data/actors.csv``);
    absolute paths, ``..``, backslashes, deeper folders, links, encrypted members, methods
    other than stored/deflated and any other file are refused. Sizes are checked as
    declared before reading and again while reading, so a zip bomb stops at the limit.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except _ZIP_ERRORS as error:
        issues.add(
            name, None, None, _("not a readable zip archive ({reason})").format(reason=error)
        )
        return []
    with archive:
        if len(infos) > limits.max_zip_members:
            message = ngettext(
                "{count} entry; a zip may hold at most {limit}",
                "{count} entries; a zip may hold at most {limit}",
                len(infos),
            ).format(count=len(infos), limit=limits.max_zip_members)
            issues.add(name, None, None, message)
            return []
        wanted: list[tuple[zipfile.ZipInfo, str, str]] = []
        problems = _Issues()
        seen: set[str] = set()
        for info in infos:
            member = info.filename
            label = f"{name}/{member}"
            if member in seen:
                problems.add(label, None, None, _("appears twice in the zip"))
                continue
            seen.add(member)
            if _ARCHIVER_LITTER.match(member):
                continue
            if PurePosixPath(member).name in KEPT_FROM_THE_DATA_FOLDER and not info.is_dir():
                continue
            problem = _member_problem(info, names)
            if problem is not None:
                problems.add(label, None, None, problem)
            elif not info.is_dir():
                wanted.append((info, label, names[PurePosixPath(member).name]))
        if problems:
            issues.items += problems.items
            return []
        declared = sum(info.file_size for info, _label, _table in wanted)
        if declared > budget:
            message = _("unzips to {size} of CSV text; the limit is {limit}").format(
                size=_size(declared), limit=_size(limits.max_table_bytes)
            )
            issues.add(name, None, None, message)
            return []
        tables = []
        for info, label, table in wanted:
            try:
                content = _read_member(archive, info, budget)
            except _ZIP_ERRORS as error:
                issues.add(
                    label, None, None, _("cannot be unzipped ({reason})").format(reason=error)
                )
                return []
            if content is None:
                message = _("unzips to more bytes than the zip declares; refused")
                issues.add(label, None, None, message)
                return []
            budget -= len(content)
            tables.append((label, table, content))
        return tables


def _member_problem(info: zipfile.ZipInfo, names: Mapping[str, str]) -> str | None:
    """Why a zip member is refused, or None if it is a table (or a folder) to read."""
    member = info.filename
    parts = member.rstrip("/").split("/")
    if member.startswith("/") or "\\" in member or ":" in parts[0]:
        return _("absolute or Windows path; only table files, in at most one folder")
    if any(part in {"", ".", ".."} for part in parts):
        return _("path with '..', '.' or an empty part; refused")
    if stat.S_ISLNK(info.external_attr >> 16):
        return _("a symbolic link; only plain table files are read")
    if info.is_dir():
        return None if len(parts) == 1 else _("nested folder; put the tables in one folder")
    if len(parts) > 2:
        return _("in a nested folder; put the tables at the top or in one folder")
    if info.flag_bits & 0x1:
        return _("encrypted; upload it without a password")
    if info.compress_type not in _ZIP_METHODS:
        return _("compressed with an unsupported method; use plain zip (deflate)")
    if parts[-1] not in names:
        accepted = ", ".join(names)
        if parts[-1].lower().endswith(".csv"):
            return _("not a table of the schema; the tables are {tables}").format(tables=accepted)
        return _("not a CSV table; a zip may hold only the tables {tables}").format(tables=accepted)
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | None:
    """A member's bytes, or None once it yields more than declared (or than the budget)."""
    ceiling = min(info.file_size, budget)
    chunks, size = [], 0
    with archive.open(info) as handle:
        while True:
            chunk = handle.read(min(_CHUNK, ceiling + 1 - size))
            if not chunk:
                break
            size += len(chunk)
            if size > ceiling:
                return None
            chunks.append(chunk)
    return b"".join(chunks)


def _parse(
    upload: _Upload, data: bytes, resource: dict[str, Any], limits: UploadLimits, issues: _Issues
) -> bool:
    """Decode and split one uploaded table; False (with issues) if its rows cannot be used."""
    label = upload.label
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        bad = data[error.start : error.start + 1].hex()
        message = _(
            "not valid UTF-8 (byte 0x{byte} at column {column}); save the file as UTF-8"
        ).format(byte=bad, column=column)
        issues.add(label, line, None, message)
        return False
    expected = [spec["name"] for spec in resource["schema"]["fields"]]
    if not text.strip():
        message = _("empty file: expected the header {header}").format(header=",".join(expected))
        issues.add(label, None, None, message)
        return False
    records = csv_records(text, resource.get("dialect", {}))
    try:
        _start, header = next(records)
        problem = header_problem(header, expected)
        if problem is not None:
            issues.add(label, 1, None, problem)
            return False
        for start, row in records:
            if row:  # a blank line (a spreadsheet's trailing one) holds no row
                if len(upload.rows) == limits.max_rows:
                    message = _("more than {limit} rows; the limit per table").format(
                        limit=f"{limits.max_rows:,}"
                    )
                    issues.add(label, None, None, message)
                    return False
                upload.rows.append(row)
                upload.lines.append(start)
    except CsvError as error:
        issues.add(label, error.line, None, _("unreadable CSV: {error}").format(error=error))
        return False
    upload.header, upload.usable = header, True
    return True

"""Bring your own data: check uploaded tables and merge them with a dataset, all or nothing.

A team uploads CSV tables in the schema of ``data/datapackage.json`` (``actors.csv``,
``relations.csv``, ...) or one ``.zip`` of them. :func:`read_upload` enforces size limits,
reads the tables, merges them with a base dataset (``"extend"``: add rows;
``"replace"``: swap whole tables) in memory, and checks the merged tables once with the
loader's own checks (:func:`graph.load.load_tables`: no folder written, nothing read
twice). The result is either a
new :class:`~graph.load.Dataset` or every problem found, each placed in the file the user
uploaded (its name and line); nothing is applied in part. Bad input never raises.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import io
import json
import re
import stat
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from graph.load import (
    DATASET_TABLES,
    CsvError,
    DataError,
    DataIssue,
    Dataset,
    canonical_csv,
    canonical_row_order,
    csv_records,
    header_problem,
    issue_order,
    load_tables,
    parse_evidence,
    table_text,
)

__all__ = [
    "BASE_SUFFIX",
    "KEPT_FROM_THE_DATA_FOLDER",
    "UPLOAD_FILE",
    "UploadLimits",
    "UploadResult",
    "read_upload",
    "table_files",
    "upload_digest",
    "upload_template",
]

#: Tables of a data folder an upload leaves out, without an error: a zip of the whole data
#: folder uploads as it is. The event-data mapping is read from the data folder (the event
#: layer is the server's, not a reader's).
KEPT_FROM_THE_DATA_FOLDER: frozenset[str] = frozenset({"event_actors.csv"})

#: Added to a table's file name in issues about rows of the base dataset, not the upload.
BASE_SUFFIX = " (current data)"

#: File name of issues about the upload as a whole (too large, no file at all).
UPLOAD_FILE = "upload"

UploadMode = Literal["extend", "replace"]
_MODES: tuple[str, ...] = ("extend", "replace")

_SHIPPED_DESCRIPTOR = Path(__file__).resolve().parents[1] / "data" / "datapackage.json"
_BOM = b"\xef\xbb\xbf"
_MB = 1024 * 1024
_CHUNK = 64 * 1024
# Files an archiver adds on its own (macOS Finder); never read, never an error.
# Members of a zip that are not tables and are skipped: archivers' own files, and the
# README.txt of the template (upload_template), zipped again with the tables.
_ARCHIVER_LITTER = re.compile(r"(^|.*/)(__MACOSX/.*|\.DS_Store|Thumbs\.db|README\.txt)$")
_FIRST_ON_LINE = re.compile(r"\(first on line (\d+)\)")
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


# --- Public types -------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadLimits:
    """What one upload may hold; checked on the server before anything is parsed.

    Attributes
    ----------
    max_total_bytes : int, default 5 MiB
        Bytes of all uploaded files together, as received (a zip counts compressed);
        matches ``server.maxUploadSize = 5`` in ``.streamlit/config.toml``.
    max_table_bytes : int, default 20 MiB
        Bytes of CSV text after unzipping, all tables together.
    max_rows : int, default 20 000
        Data rows per uploaded table.
    max_files : int, default 16
        Files uploaded at once.
    max_zip_members : int, default 32
        Entries of one zip (folders included).

    Examples
    --------
    >>> print(UploadLimits().describe().split(": ")[1])
    at most 5 MB in all (20 MB of CSV once unzipped), 20,000 rows per table.
    >>> UploadLimits(max_rows=0)
    Traceback (most recent call last):
    ...
    ValueError: max_rows 0 is not a positive integer
    """

    max_total_bytes: int = 5 * _MB
    max_table_bytes: int = 20 * _MB
    max_rows: int = 20_000
    max_files: int = 16
    max_zip_members: int = 32

    def __post_init__(self) -> None:
        for name in (
            "max_total_bytes",
            "max_table_bytes",
            "max_rows",
            "max_files",
            "max_zip_members",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"{name} {value!r} is not a positive integer")

    def describe(self) -> str:
        """One sentence stating the limits, for the page beside the upload button."""
        return (
            "CSV tables named as in the schema, or one .zip of them: at most "
            f"{_size(self.max_total_bytes)} in all ({_size(self.max_table_bytes)} of CSV "
            f"once unzipped), {self.max_rows:,} rows per table."
        )


@dataclass(frozen=True)
class UploadResult:
    """What :func:`read_upload` made of an upload: a dataset, or every issue found.

    Attributes
    ----------
    dataset : Dataset or None
        The merged, validated dataset; None when there is any issue.
    issues : tuple of DataIssue
        Every problem, sorted by file and line. ``file`` is the name the user uploaded
        (``"actors.csv"``, or ``"ours.zip/data/actors.csv"`` inside a zip) and ``line``
        a line of that file; rows of the base dataset that the upload breaks are named
        ``"relations.csv (current data)"`` (:data:`BASE_SUFFIX`) with their line in the
        base's canonical file; problems of the upload as a whole are in ``"upload"``.
    digest : str
        SHA-256 (hex) of the mode and the uploaded names and bytes
        (:func:`upload_digest`): a cache key for this upload.
    mode : {"extend", "replace"}
    rows : dict of str to int
        Rows read per uploaded table (by table name), in schema order.

    Examples
    --------
    >>> result = read_upload([("notes.txt", b"hello")], base=None)
    >>> result.ok, [str(issue) for issue in result.issues]
    (False, ['notes.txt: not a CSV table or a .zip of them'])
    """

    dataset: Dataset | None
    issues: tuple[DataIssue, ...]
    digest: str
    mode: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the upload was applied (a dataset and no issue)."""
        return self.dataset is not None and not self.issues

    def summary(self) -> str:
        """One line for the page: rows taken per table, or the number of issues.

        Examples
        --------
        >>> UploadResult(None, (), "0" * 64, "extend", {"actors": 2}).summary()
        'Not applied: 0 issues.'
        """
        if not self.ok:
            count = len(self.issues)
            return f"Not applied: {count} issue{'' if count == 1 else 's'}."
        verb = "added" if self.mode == "extend" else "in place of the current tables"
        parts = [
            f"{count:,} row{'' if count == 1 else 's'} of {name.replace('_', ' ')}"
            for name, count in self.rows.items()
        ]
        return f"Applied: {', '.join(parts)} {verb}."


# --- Small public helpers -----------------------------------------------------------------


def upload_digest(files: Sequence[tuple[str, bytes]], mode: str = "extend") -> str:
    """Return the SHA-256 (hex) of an upload: its mode, then each file's name and bytes.

    Files are taken in name order, so the order of selection does not matter. Use it with
    the base dataset's identity to key a cache of :func:`read_upload` results.

    Parameters
    ----------
    files : sequence of (str, bytes)
        The uploaded files: name and content.
    mode : {"extend", "replace"}, default "extend"

    Returns
    -------
    str
        64 hexadecimal digits.

    Notes
    -----
    Cost O(bytes).

    Examples
    --------
    >>> a = upload_digest([("actors.csv", b"x"), ("relations.csv", b"y")])
    >>> a == upload_digest([("relations.csv", b"y"), ("actors.csv", b"x")])
    True
    >>> a == upload_digest([("actors.csv", b"x"), ("relations.csv", b"y")], "replace")
    False
    """
    _check_call(files, mode)
    digest = hashlib.sha256(f"borderlines-upload\0{mode}\0".encode())
    for name, data in sorted(files, key=lambda item: (item[0], bytes(item[1]))):
        encoded = name.encode("utf-8", errors="surrogatepass")
        digest.update(b"%d\0" % len(encoded) + encoded + b"%d\0" % len(data))
        digest.update(data)
    return digest.hexdigest()


def table_files(base: Dataset | None = None) -> dict[str, str]:
    """Return the file names an upload may hold, mapped to their table names.

    Parameters
    ----------
    base : Dataset, optional
        Its descriptor names the files; default the shipped ``data/datapackage.json``.

    Returns
    -------
    dict of str to str
        ``{"sources.csv": "sources", ...}`` in schema order.

    Notes
    -----
    Cost O(tables).

    Examples
    --------
    >>> list(table_files())[:3]
    ['sources.csv', 'relation_types.csv', 'places.csv']
    """
    descriptor = _descriptor(base)
    return {
        resource["path"]: resource["name"]
        for resource in descriptor["resources"]
        if resource.get("name") in DATASET_TABLES
    }


def _example_rows(base: Dataset) -> dict[str, Any]:
    """A small slice of ``base`` that holds together: one relation, its two actors, its
    type, their places, an event, a border and an area among them, and the sources they
    cite. The relation is the first (by id) whose actors have the most of an event, a
    border and an area to show; a table with nothing among them is left empty."""

    def first(frame: Any, keep: Any) -> Any:
        kept = [ident for ident, row in frame.sort_index().iterrows() if keep(row)]
        return frame.loc[kept[:1]]

    def around(actors: set[str]) -> tuple[Any, Any, Any]:
        return (
            first(base.events, lambda row: set(row["participants"] or ()) <= actors),
            first(base.borders, lambda row: {row["state_a"], row["state_b"]} <= actors),
            first(base.areas, lambda row: row["actor"] in actors),
        )

    relations = base.relations.sort_index()
    best, shown = relations.iloc[:1], -1
    for ident, row in relations.iterrows():
        count = sum(bool(len(frame)) for frame in around({row["source"], row["target"]}))
        if count > shown:
            best, shown = relations.loc[[ident]], count
    actors = set(best["source"]) | set(best["target"])
    events, borders, areas = around(actors)
    chosen_actors = base.actors.loc[sorted(actors)]
    places = {p for frame in (chosen_actors, events, areas) for p in frame["place"] if p}
    cited = set()
    for frame in (best, events, borders, areas):
        for cell in frame["evidence"]:
            with contextlib.suppress(ValueError):
                cited |= {source for source, _ in parse_evidence(str(cell or ""))}
    return {
        "sources": base.sources.loc[sorted(cited & set(base.sources.index))],
        "relation_types": base.relation_types.loc[list(best["relation"])],
        "places": base.places.loc[sorted(places & set(base.places.index))],
        "actors": chosen_actors,
        "relations": best,
        "events": events,
        "borders": borders,
        "areas": areas,
    }


def upload_template(base: Dataset) -> bytes:
    """Return a .zip to start an upload from: one CSV per table an upload may hold, with
    its columns in order and example rows from ``base`` that hold together (one relation,
    its actors, their places, the sources cited...: uploaded as it is with *Replace
    tables*, it passes the validator), and ``README.txt`` saying what each column holds.

    Parameters
    ----------
    base : Dataset
        The data the page shows; its descriptor names the tables and columns.

    Returns
    -------
    bytes
        The archive, deflated; its members are named as :func:`table_files` says.

    Notes
    -----
    Cost O(tables x columns).

    Examples
    --------
    >>> from graph.load import load_dataset
    >>> archive = zipfile.ZipFile(io.BytesIO(upload_template(load_dataset())))
    >>> archive.namelist()[:3], len(archive.read("actors.csv").decode().splitlines())
    (['README.txt', 'sources.csv', 'relation_types.csv'], 3)
    """
    descriptor = _descriptor(base)
    resources = {r["name"]: r for r in descriptor["resources"]}
    examples = _example_rows(base)
    guide = [
        "Borderlines: tables to upload (Your data, in the sidebar).",
        "",
        "Each CSV holds its table's columns in order and example rows from the data the",
        "page showed (one relation and what it needs): replace them with your rows.",
        "'Add rows' adds your rows to the data (an id already there is refused); 'Replace",
        "tables' swaps the tables you upload. Upload the CSV files, or this folder zipped",
        "again. Dates are ISO 8601 (2021, 2021-10,",
        "2021-10-27); lists in a cell are separated as the column says.",
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        tables: list[tuple[str, str]] = []
        for path, name in table_files(base).items():
            resource = resources[name]
            tables.append((path, table_text(examples[name], resource)))
            guide += ["", f"{path}: {resource.get('description') or resource.get('title') or name}"]
            for column in resource["schema"]["fields"]:
                constraints = column.get("constraints") or {}
                need = "required" if constraints.get("required") else "optional"
                kind = column.get("type", "string")
                extra = ""
                if constraints.get("enum"):
                    extra = "; one of " + ", ".join(map(str, constraints["enum"]))
                described = column.get("description") or ""
                guide.append(f"  {column['name']} ({kind}, {need}{extra}): {described}")
        archive.writestr("README.txt", "\n".join(guide) + "\n")
        for path, text in tables:
            archive.writestr(path, text)
    return buffer.getvalue()


# --- Reading the upload -----------------------------------------------------------------


@dataclass
class _Upload:
    """One uploaded table: where it came from and its rows as text."""

    label: str  # the name the user knows: "actors.csv" or "ours.zip/data/actors.csv"
    table: str  # the table it fills
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # line in the user's file of each row
    usable: bool = False  # read without a problem: its rows can be merged


class _Issues:
    def __init__(self) -> None:
        self.items: list[DataIssue] = []

    def add(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(DataIssue(file, line, field, message))

    def __bool__(self) -> bool:
        return bool(self.items)


def _size(count: int) -> str:
    """``5 MB``, ``1.5 MB``, ``900 KB``, ``12 bytes`` (binary units, as Streamlit counts)."""
    if count >= _MB:
        return f"{count / _MB:.3g} MB"
    if count >= 1024:
        return f"{count / 1024:.3g} KB"
    return f"{count} byte{'' if count == 1 else 's'}"


def _check_call(files: Any, mode: Any) -> None:
    """Reject programming errors (not bad data) up front, naming the bad value."""
    if mode not in _MODES:
        raise ValueError(f"mode {mode!r} is not one of {', '.join(_MODES)}")
    if isinstance(files, (str, bytes)) or not isinstance(files, Sequence):
        raise TypeError(f"files must be a sequence of (name, bytes) pairs, not {files!r:.60}")
    for item in files:
        if (
            not isinstance(item, tuple)
            or len(item) != 2
            or not isinstance(item[0], str)
            or not isinstance(item[1], (bytes, bytearray, memoryview))
        ):
            raise TypeError(f"each file must be a (name, bytes) pair, not {item!r:.60}")


def _descriptor(base: Dataset | None) -> dict[str, Any]:
    if base is not None:
        return base.descriptor
    return json.loads(_SHIPPED_DESCRIPTOR.read_text(encoding="utf-8"))


def _collect(
    files: Sequence[tuple[str, bytes]],
    names: Mapping[str, str],
    limits: UploadLimits,
    issues: _Issues,
) -> list[tuple[str, str, bytes]]:
    """(label, table, bytes) of each uploaded table, zips opened; limits checked."""
    if not files:
        issues.add(UPLOAD_FILE, None, None, "no file was uploaded")
        return []
    if len(files) > limits.max_files:
        message = f"{len(files)} files; at most {limits.max_files} may be uploaded at once"
        issues.add(UPLOAD_FILE, None, None, message)
        return []
    total = sum(len(data) for _, data in files)
    if total > limits.max_total_bytes:
        message = f"{_size(total)} in all; the limit is {_size(limits.max_total_bytes)}"
        issues.add(UPLOAD_FILE, None, None, message)
        return []

    accepted = ", ".join(names)
    tables: list[tuple[str, str, bytes]] = []
    budget = limits.max_table_bytes
    for name, content in files:
        data = bytes(content)
        if name.lower().endswith(".zip"):
            members = _unzip(name, data, names, limits, budget, issues)
            budget -= sum(len(member) for _, _, member in members)
            tables += members
        elif name in names:
            budget -= len(data)
            tables.append((name, names[name], data))
        elif name in KEPT_FROM_THE_DATA_FOLDER:
            continue
        elif name.lower().endswith(".csv"):
            message = f"not a table of the schema; the tables are {accepted}"
            issues.add(name, None, None, message)
        else:
            issues.add(name, None, None, "not a CSV table or a .zip of them")
    if budget < 0:
        used = limits.max_table_bytes - budget
        message = f"{_size(used)} of CSV text; the limit is {_size(limits.max_table_bytes)}"
        issues.add(UPLOAD_FILE, None, None, message)
        return []

    if not tables and not issues:
        issues.add(UPLOAD_FILE, None, None, f"no table found; the tables are {accepted}")
    first: dict[str, str] = {}
    for label, table, _ in tables:
        if table in first:
            message = f"{table} is uploaded twice, here and in {first[table]}; keep one"
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
        issues.add(name, None, None, f"not a readable zip archive ({error})")
        return []
    with archive:
        if len(infos) > limits.max_zip_members:
            message = f"{len(infos)} entries; a zip may hold at most {limits.max_zip_members}"
            issues.add(name, None, None, message)
            return []
        wanted: list[tuple[zipfile.ZipInfo, str, str]] = []
        problems = _Issues()
        seen: set[str] = set()
        for info in infos:
            member = info.filename
            label = f"{name}/{member}"
            if member in seen:
                problems.add(label, None, None, "appears twice in the zip")
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
        declared = sum(info.file_size for info, _, _ in wanted)
        if declared > budget:
            message = (
                f"unzips to {_size(declared)} of CSV text; the limit is "
                f"{_size(limits.max_table_bytes)}"
            )
            issues.add(name, None, None, message)
            return []
        tables = []
        for info, label, table in wanted:
            try:
                content = _read_member(archive, info, budget)
            except _ZIP_ERRORS as error:
                issues.add(label, None, None, f"cannot be unzipped ({error})")
                return []
            if content is None:
                message = "unzips to more bytes than the zip declares; refused"
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
        return "absolute or Windows path; only table files, in at most one folder"
    if any(part in {"", ".", ".."} for part in parts):
        return "path with '..', '.' or an empty part; refused"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link; only plain table files are read"
    if info.is_dir():
        return None if len(parts) == 1 else "nested folder; put the tables in one folder"
    if len(parts) > 2:
        return "in a nested folder; put the tables at the top or in one folder"
    if info.flag_bits & 0x1:
        return "encrypted; upload it without a password"
    if info.compress_type not in _ZIP_METHODS:
        return "compressed with an unsupported method; use plain zip (deflate)"
    if parts[-1] not in names:
        accepted = ", ".join(names)
        if parts[-1].lower().endswith(".csv"):
            return f"not a table of the schema; the tables are {accepted}"
        return f"not a CSV table; a zip may hold only the tables {accepted}"
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
        message = f"not valid UTF-8 (byte 0x{bad} at column {column}); save the file as UTF-8"
        issues.add(label, line, None, message)
        return False
    expected = [spec["name"] for spec in resource["schema"]["fields"]]
    if not text.strip():
        message = f"empty file: expected the header {','.join(expected)}"
        issues.add(label, None, None, message)
        return False
    records = csv_records(text, resource.get("dialect", {}))
    try:
        _, header = next(records)
        problem = header_problem(header, expected)
        if problem is not None:
            issues.add(label, 1, None, problem)
            return False
        for start, row in records:
            if row:  # a blank line (a spreadsheet's trailing one) holds no row
                if len(upload.rows) == limits.max_rows:
                    message = f"more than {limits.max_rows:,} rows; the limit per table"
                    issues.add(label, None, None, message)
                    return False
                upload.rows.append(row)
                upload.lines.append(start)
    except CsvError as error:
        issues.add(label, error.line, None, f"unreadable CSV: {error}")
        return False
    upload.header, upload.usable = header, True
    return True


# --- Merging and validating -------------------------------------------------------------


@dataclass
class _Origin:
    """Where each row of a merged table came from, by its first line in the merged file."""

    starts: list[int] = field(default_factory=list)  # merged line of each row, ascending
    places: list[tuple[str, int]] = field(default_factory=list)  # (file, line) of each row
    header: str = ""  # the file the header stands for

    def locate(self, line: int | None) -> tuple[str, int | None]:
        if line is None or line <= 1 or not self.starts:
            return self.header, line
        index = bisect.bisect_right(self.starts, line) - 1
        if index < 0:
            return self.header, line
        file, first = self.places[index]
        return file, first + (line - self.starts[index])


def _rows_of_text(text: str) -> tuple[list[list[str]], list[int]]:
    """Rows after the header of canonical CSV text, and the line each starts on."""
    records = list(csv_records(text))[1:]
    return [row for _, row in records], [line for line, _ in records]


def _merged_text(
    resource: dict[str, Any],
    rows: list[tuple[list[str], str, int]],
) -> tuple[bytes, _Origin]:
    """The canonical CSV of ``rows`` (cells, origin file, origin line) sorted by key, and
    where each of its lines came from."""
    # Ordered here as the canonical writer orders them, to know where each row lands.
    ordered = [rows[i] for i in canonical_row_order(resource, [cells for cells, _, _ in rows])]
    text = canonical_csv(resource, [cells for cells, _, _ in ordered])
    _, starts = _rows_of_text(text)
    return text.encode("utf-8"), _Origin(starts, [(file, line) for _, file, line in ordered])


def _carriage_returns(upload: _Upload, issues: _Issues) -> None:
    """Report (and blank out) carriage returns inside cells.

    The csv module of Python 3.11 writes a lone ``\\r`` unquoted when lines end in
    ``\\n``, which would split the row in the merged file; the loader refuses control
    characters anyway, so report it here, as it would, and keep the row in one piece.
    """
    for row, line in zip(upload.rows, upload.lines, strict=True):
        for position, cell in enumerate(row):
            if "\r" in cell:
                name = upload.header[position] if position < len(upload.header) else None
                shown = cell if len(cell) <= 60 else cell[:59] + "…"
                issues.add(upload.label, line, name, f"control character '\\r' in {shown!r}")
                row[position] = cell.replace("\r", " ")


def _duplicate_ids(
    upload: _Upload,
    resource: dict[str, Any],
    base_rows: list[tuple[list[str], str, int]],
    issues: _Issues,
) -> set[int]:
    """Rows of an extending upload whose key the base holds already; each is an issue."""
    fields = [spec["name"] for spec in resource["schema"]["fields"]]
    key = resource["schema"].get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if not key:
        return set()
    positions = [fields.index(name) for name in key]
    held = {tuple(cells[i] for i in positions): (file, line) for cells, file, line in base_rows}
    clashes = set()
    for index, (row, line) in enumerate(zip(upload.rows, upload.lines, strict=True)):
        if len(row) != len(fields):
            continue  # the loader reports its width
        ident = tuple(row[i] for i in positions)
        if ident in held:
            file, base_line = held[ident]
            shown = ident[0] if len(ident) == 1 else ident
            message = (
                f"duplicate {'/'.join(key)} {shown!r}: {file} line {base_line} has it "
                "already; extending adds rows and never replaces one (replace the whole "
                "table instead, or give the row a new id)"
            )
            issues.add(upload.label, line, key[0], message)
            clashes.add(index)
    return clashes


def _placed(issue: DataIssue, origins: Mapping[str, _Origin]) -> DataIssue:
    """The issue moved from the merged folder to the file and line the user knows."""
    origin = origins.get(issue.file)
    if origin is None:
        return issue
    file, line = origin.locate(issue.line)
    message = issue.message
    if issue.message == "file not found":
        message = "not uploaded, and there is no current data to keep it from"

    first = _FIRST_ON_LINE.search(message)
    if first is None:
        return DataIssue(file, line, issue.field, message)
    other_file, other_line = origin.locate(int(first.group(1)))
    if other_file == file:
        where = f"(first on line {other_line})"
    elif file.endswith(BASE_SUFFIX) and not other_file.endswith(BASE_SUFFIX):
        # The uploaded row sorts first; the upload brought the duplicate, so name it there.
        where = f"(also in {file}, line {line})"
        file, line = other_file, other_line
    else:
        where = f"(also in {other_file}, line {other_line})"
    message = message[: first.start()] + where + message[first.end() :]
    return DataIssue(file, line, issue.field, message)


def _merge_and_load(
    uploads: Mapping[str, _Upload],
    base: Dataset | None,
    descriptor: dict[str, Any],
    mode: str,
    issues: _Issues,
) -> Dataset | None:
    """Merge the uploaded rows with the base's, in memory, and check them once with the
    loader's own checks (:func:`graph.load.load_tables`); issues placed in the files and
    lines the user knows."""
    resources = {
        resource["name"]: resource
        for resource in descriptor["resources"]
        if resource.get("name") in DATASET_TABLES
    }
    files: dict[str, bytes] = {}
    origins: dict[str, _Origin] = {}
    unreadable: set[str] = set()
    for name, resource in resources.items():
        upload = uploads.get(name)
        base_file = resource["path"] + BASE_SUFFIX
        base_rows: list[tuple[list[str], str, int]] = []
        if base is not None and (upload is None or mode == "extend"):
            cells, lines = _rows_of_text(table_text(getattr(base, name), resource))
            base_rows = [(row, base_file, line) for row, line in zip(cells, lines, strict=True)]
        if upload is not None and not upload.usable:
            # Reported already. A header the loader refuses marks the table unreadable,
            # so no other table is checked against rows it may have held.
            files[resource["path"]] = b"unreadable\n"
            unreadable.add(resource["path"])
            continue
        if upload is None:
            if base is not None:
                files[resource["path"]], origins[resource["path"]] = _merged_text(
                    resource, base_rows
                )
                origins[resource["path"]].header = base_file
            else:
                origins[resource["path"]] = _Origin(header=resource["path"])
            continue
        _carriage_returns(upload, issues)
        clashes = _duplicate_ids(upload, resource, base_rows, issues) if base_rows else set()
        rows = base_rows + [
            (row, upload.label, line)
            for index, (row, line) in enumerate(zip(upload.rows, upload.lines, strict=True))
            if index not in clashes
        ]
        files[resource["path"]], origins[resource["path"]] = _merged_text(resource, rows)
        origins[resource["path"]].header = upload.label
    try:
        dataset = load_tables(descriptor, files, where="<upload>")
    except DataError as error:
        issues.items += [
            _placed(issue, origins) for issue in error.issues if issue.file not in unreadable
        ]
        return None
    return None if issues else dataset


def read_upload(
    files: Sequence[tuple[str, bytes]],
    *,
    base: Dataset | None,
    mode: UploadMode = "extend",
    limits: UploadLimits | None = None,
) -> UploadResult:
    """Check uploaded tables and merge them with ``base``; return a dataset or every issue.

    Parameters
    ----------
    files : sequence of (str, bytes)
        The uploaded files, as a browser names them: CSV tables named as the schema's
        resources (``actors.csv``, ``relations.csv``, ... see :func:`table_files`), or a
        ``.zip`` holding such tables at its top or in one folder. Tables need not be in
        canonical formatting: row order, quoting, number forms, a byte-order mark, CRLF
        line ends and blank lines are all accepted.
    base : Dataset or None
        The data the upload extends or partly replaces (usually the shipped dataset),
        never modified. None: the upload must hold every table.
    mode : {"extend", "replace"}, default "extend"
        ``"extend"``: the uploaded rows are added to the base's rows of the same table; a
        row whose id the base holds already is an issue (naming both places), never a
        silent replacement. ``"replace"``: each uploaded table replaces the base's table
        of the same name; the other tables (e.g. ``relation_types``, ``sources``) stay.
    limits : UploadLimits, optional
        Sizes and counts allowed; default :class:`UploadLimits` ().

    Returns
    -------
    UploadResult
        ``dataset`` when the merged data passes the validator, else ``issues`` holding
        every problem, placed in the uploaded file and line (see :class:`UploadResult`).
        ``digest`` keys a cache (see :func:`upload_digest`).

    Raises
    ------
    ValueError
        If ``mode`` is unknown.
    TypeError
        If ``files`` is not a sequence of (str, bytes) pairs. Bad data never raises: a
        broken zip, a wrong header, an unknown id are all issues.

    Notes
    -----
    Limits are checked before anything is parsed (total bytes, files) and while parsing
    (bytes unzipped, checked as declared and as read; rows per table), so a hostile
    upload costs at most ``limits`` of work. The merged tables are checked in memory, once,
    by :func:`graph.load.load_tables` (the checks of :func:`graph.load.load_dataset` but
    canonical formatting, which an upload need not keep); nothing is written to disk. Cost
    O(cells + rows log rows) of the base and the upload: 0.61-0.64 s for a generated
    upload of 2 * 10^4 relations replacing the shipped tables, against 0.77-0.88 s when
    the merged tables were written to a temporary folder and loaded from it (same machine,
    same run, three times each).

    Examples
    --------
    >>> from graph.load import load_dataset
    >>> shipped = load_dataset()
    >>> header = ",".join(shipped.resource("places")["schema"]["fields"][i]["name"]
    ...                   for i in range(10))
    >>> row = "zahedan-airport,Zahedan airport,,facility,IRN,29.47,60.9,exact,,"
    >>> upload = [("places.csv", f"{header}\\n{row}\\n".encode())]
    >>> result = read_upload(upload, base=shipped)
    >>> result.ok, len(result.dataset.places) - len(shipped.places), result.summary()
    (True, 1, 'Applied: 1 row of places added.')
    >>> bad = [("places.csv", f"{header}\\n{row.replace('IRN', 'Iran')}\\n".encode())]
    >>> print(*read_upload(bad, base=shipped).issues, sep="\\n")
    places.csv:2: country: 'Iran' does not match ^[A-Z]{3}$
    """
    _check_call(files, mode)
    limits = limits if limits is not None else UploadLimits()
    digest = upload_digest(files, mode)
    issues = _Issues()
    descriptor = _descriptor(base)
    names = table_files(base)
    resources = {r["name"]: r for r in descriptor["resources"] if r.get("name") in DATASET_TABLES}

    uploads: dict[str, _Upload] = {}
    tables = _collect(files, names, limits, issues)
    if not issues:  # every file is a table of the schema, within the limits
        for label, table, data in tables:
            uploads[table] = _Upload(label, table)
            _parse(uploads[table], data, resources[table], limits, issues)
    rows = {name: len(uploads[name].rows) for name in resources if name in uploads}
    dataset = None
    if uploads:
        dataset = _merge_and_load(uploads, base, descriptor, mode, issues)
    ordered = tuple(sorted(issues.items, key=issue_order))
    return UploadResult(dataset if not ordered else None, ordered, digest, mode, rows)

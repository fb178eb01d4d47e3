"""Reading event files into DuckDB: every row checked, the usable ones typed, the rest
counted and located (file, line, column).

A file whose every row is unusable (the wrong format, a GDELT 1.0 export, an ACLED file
without a required column, a damaged zip) raises :class:`EventFileError` and nothing of it
is kept; a file with some bad rows keeps the others and reports the bad ones. Rows are
numbered as lines of the file (an ACLED file's header is line 1).

DuckDB's own CSV reader does the work (about 0.9 million GDELT rows a second on 2 cores,
bad rows set aside with their line numbers), so Python never touches a row.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from graph.events.acled import ACLED_DATE_FORMATS, ACLED_KEY, ACLED_REQUIRED, ACLED_SCHEMA
from graph.events.gdelt import GDELT_COLUMNS, GDELT_KEY, GDELT_SCHEMA, SQL_TYPES
from graph.text import plural

__all__ = [
    "DATASETS",
    "EventFileError",
    "FileRead",
    "RowProblem",
    "read_event_file",
    "read_event_files",
]

#: The event datasets the store holds, and the column that identifies an event in each.
DATASETS: dict[str, str] = {"gdelt": GDELT_KEY, "acled": ACLED_KEY}

#: Located problems kept per file (the rest are counted).
PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class RowProblem:
    """A row left out of an import, where it is and why."""

    file: str
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f": {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class EventFileError(Exception):
    """A file that cannot be imported at all; nothing of it was kept."""

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file, self.line, self.message = file, line, message
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {message}")


@dataclass
class FileRead:
    """What reading one file found; its usable rows are the connection's ``incoming``."""

    file: str
    rows: int = 0  # data rows in the file, usable or not
    usable: int = 0  # rows that passed every check (before removing repeats)
    skipped: int = 0  # rows left out, located in ``problems`` (the first few)
    repeated: int = 0  # usable rows whose event appears earlier in the same file
    problems: list[RowProblem] = field(default_factory=list)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _unzipped(path: Path, scratch: Path) -> Path:
    """The single file a GDELT zip holds, extracted into ``scratch``."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                names = ", ".join(m.filename for m in members) or "nothing"
                raise EventFileError(
                    path.name, f"a GDELT export zip holds one file; this one holds {names}"
                )
            target = scratch / "export.tsv"
            with archive.open(members[0]) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
            return target
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise EventFileError(path.name, f"a damaged or truncated zip ({error})") from None


def _reject_problems(
    con: duckdb.DuckDBPyConnection, paths: list[Path], sources: dict[str, int], fmt: _Format
) -> dict[int, tuple[list[int], list[RowProblem], int]]:
    """Lines DuckDB set aside, by file: their numbers, the first few located, their count."""
    rows = con.execute(
        "SELECT DISTINCT s.file_path, e.line, e.column_idx, e.column_name, e.error_type, "
        "e.error_message, e.csv_line FROM reject_errors e JOIN reject_scans s "
        "ON e.scan_id = s.scan_id AND e.file_id = s.file_id "
        "ORDER BY s.file_path, e.line, e.error_type NOT IN ('MISSING COLUMNS', "
        "'TOO MANY COLUMNS'), e.column_idx"
    ).fetchall()
    expected = len(fmt.columns)
    found: dict[int, tuple[list[int], list[RowProblem], int]] = {}
    for file_path, line, index, column, kind, message, text_line in rows:
        file_index = sources.get(file_path)
        if file_index is None:
            continue
        lines, problems, _ = found.setdefault(file_index, ([], [], 0))
        if lines and lines[-1] == line:
            continue  # one problem per line
        lines.append(int(line))
        found[file_index] = (lines, problems, len(lines))
        if len(problems) >= PROBLEMS_SHOWN:
            continue
        counted = re.search(r"Found: (\d+)", message or "")
        if kind in ("MISSING COLUMNS", "TOO MANY COLUMNS") and counted:
            text = f"{plural(int(counted.group(1)), 'column')} where {expected} are expected"
            column = None
        elif kind == "INVALID ENCODING":
            text = "bytes that are not UTF-8"
        elif kind == "CAST" and column in fmt.schema:
            cells = next(csv.reader(io.StringIO(text_line or ""), delimiter=fmt.delimiter), [])
            cell = cells[index - 1] if 0 < index <= len(cells) else ""
            shown = f" ({cell[:40]!r})" if cell else ""
            text = f"is not {_KIND_WORDS[fmt.schema[column]]}{shown}"
        else:
            text = (message or kind).split("\n", 1)[0]
        problems.append(RowProblem(paths[file_index].name, int(line), column, text))
    return found


def _line_of(row: int, first: int, rejected: list[int]) -> int:
    """The file line of the ``row``-th row DuckDB kept, given the lines it set aside."""
    line = row + first - 1
    for skipped in rejected:  # sorted
        if skipped <= line:
            line += 1
    return line


_KIND_WORDS = {"INTEGER": "a whole number", "FLOAT": "a number", "DATE": "a date"}


@dataclass(frozen=True)
class _Format:
    """How a dataset's files are read: columns, types, dialect, date."""

    columns: list[str]
    schema: dict[str, str]  # the dataset's columns this file holds -> type
    first: int  # the line of the first row
    header: str
    date_column: str
    date_formats: tuple[str, ...]
    delimiter: str

    def source(self, files: list[Path]) -> str:
        """SQL reading ``files``, each cell typed by the reader (a date stays text)."""
        types = {
            c: "VARCHAR" if kind == "DATE" else SQL_TYPES[kind] for c, kind in self.schema.items()
        }
        spec = ", ".join(
            f"{_literal(c)}: {_literal(types.get(c, 'VARCHAR'))}" for c in self.columns
        )
        quoting = "quote='', escape=''" if self.delimiter == "\t" else "quote='\"', escape='\"'"
        listed = ", ".join(_literal(str(f)) for f in files)
        return (
            f"read_csv([{listed}], columns={{{spec}}}, delim={_literal(self.delimiter)}, "
            f"header={self.header}, {quoting}, auto_detect=false, strict_mode=true, "
            f"null_padding=false, nullstr='', store_rejects=true, filename=true)"
        )


def _format(dataset: str, path: Path) -> _Format:
    if dataset == "gdelt":
        return _Format(list(GDELT_COLUMNS), GDELT_SCHEMA, 1, "false", "SQLDATE", ("%Y%m%d",), "\t")
    columns = _acled_header(path)
    schema = {c: ACLED_SCHEMA[c] for c in columns if c in ACLED_SCHEMA}
    return _Format(columns, schema, 2, "true", "event_date", ACLED_DATE_FORMATS, ",")


def read_event_file(
    con: duckdb.DuckDBPyConnection, dataset: str, path: Path, scratch: Path
) -> FileRead:
    """Read ``path`` (a file of ``dataset``) into the temporary view ``incoming``.

    :func:`read_event_files` for one file: its outcome, or its error raised.

    Examples
    --------
    >>> import duckdb, tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> row = ["1", "20211005"] + [""] * 58 + ["https://example.org/a"]
    >>> _ = (folder / "x.export.CSV").write_text("\\t".join(row) + "\\n")
    >>> con = duckdb.connect()
    >>> read = read_event_file(con, "gdelt", folder / "x.export.CSV", folder)
    >>> read.rows, read.usable, con.execute("SELECT month FROM incoming").fetchall()
    (1, 1, [('2021-10',)])
    """
    [outcome] = read_event_files(con, dataset, [path], scratch)
    if isinstance(outcome, EventFileError):
        raise outcome
    return outcome


def read_event_files(
    con: duckdb.DuckDBPyConnection, dataset: str, paths: list[Path], scratch: Path
) -> list[FileRead | EventFileError]:
    """Read ``paths`` (files of ``dataset``, of one format) into the view ``incoming``.

    All the files are read in one pass of DuckDB's reader: GDELT publishes a file every 15
    minutes (about 1,200 events), and a pass per file would cost more than its rows.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A connection of its own for these files (its reject tables are overwritten).
    dataset : {"gdelt", "acled"}
    paths : list of Path
        GDELT exports (zipped or not), or ACLED CSV exports with the same header.
    scratch : Path
        An empty folder for unzipped files.

    Returns
    -------
    list of FileRead or EventFileError
        For each path, in order: its counts and located problems, or why none of it can be
        used. ``incoming`` holds the usable rows, typed, one per event and file, with
        their ``month`` (``YYYY-MM``, from the event's date) and ``_file`` (the index of
        their path).
    """
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    outcomes: list[FileRead | EventFileError] = []
    sources: dict[str, int] = {}  # the file DuckDB reads -> index of its path
    fmt: _Format | None = None
    for index, path in enumerate(paths):
        try:
            source = _source(dataset, path, scratch / str(index))
            this = _format(dataset, path)
            if fmt is not None and this.columns != fmt.columns:
                raise EventFileError(path.name, "its columns differ from the first file's", 1)
            fmt = fmt or this
        except EventFileError as error:
            outcomes.append(error)
            continue
        outcomes.append(FileRead(path.name))
        sources[str(source)] = index
    if fmt is None:
        con.execute("CREATE OR REPLACE TEMP VIEW incoming AS SELECT NULL AS _file LIMIT 0")
        return outcomes

    key, date_column = DATASETS[dataset], fmt.date_column
    csv_source = fmt.source([Path(s) for s in sources])
    day_text = f'TRIM(CAST("{date_column}" AS VARCHAR))'
    formats = ", ".join(f"try_strptime({day_text}, {_literal(f)})" for f in fmt.date_formats)
    day = f"COALESCE({formats})"
    # (column, SQL true when the row is bad, message): what the reader cannot check
    bad = [
        (key, f'"{key}" IS NULL OR TRIM(CAST("{key}" AS VARCHAR)) = \'\'', "is empty"),
        (date_column, f'"{date_column}" IS NULL', "is empty"),
        (date_column, "_day IS NULL", "is not a day (YYYYMMDD)" if dataset == "gdelt"
         else "is not a date"),
    ]  # fmt: skip
    first_bad = "CASE " + " ".join(f"WHEN {sql} THEN {i}" for i, (_, sql, _) in enumerate(bad))
    first_bad += " END"
    stored = ACLED_SCHEMA if dataset == "acled" else GDELT_SCHEMA
    selected = ", ".join(
        ("CAST(_day AS DATE)" if kind == "DATE" else f'"{c}"') + f' AS "{c}"'
        if c in fmt.schema
        else f'NULL::{SQL_TYPES.get(kind, "DATE")} AS "{c}"'
        for c, kind in stored.items()
    )
    try:
        # One pass over the files, one table: the rows typed, each with its first problem.
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE checked AS SELECT {first_bad} AS _bad, {selected}, "
            f"strftime(_day, '%Y-%m') AS month, filename AS _path "
            f"FROM (SELECT *, {day} AS _day FROM {csv_source})"
        )
    except duckdb.Error as error:
        message = str(error).splitlines()[0]
        for index in sources.values():
            outcomes[index] = EventFileError(paths[index].name, f"cannot be read: {message}")
        con.execute("CREATE OR REPLACE TEMP VIEW incoming AS SELECT NULL AS _file LIMIT 0")
        return outcomes
    rejects = _reject_problems(con, paths, sources, fmt)
    counts = con.execute(
        f'SELECT _path, count(*), count(_bad), count(DISTINCT "{key}") '
        "FILTER (WHERE _bad IS NULL) FROM checked GROUP BY _path"
    ).fetchall()
    by_file = {sources[f]: (int(n), int(bad), int(distinct)) for f, n, bad, distinct in counts}
    repeated_any = False
    for read_from, index in sources.items():
        read = outcomes[index]
        assert isinstance(read, FileRead)
        rejected, problems, skipped = rejects.get(index, ([], [], 0))
        kept_rows, wrong, distinct = by_file.get(index, (0, 0, 0))
        read.rows = kept_rows + skipped
        if wrong:  # rare: a second pass over this file numbers its bad rows
            problems += _locate(con, fmt, Path(read_from), read.file, bad, day, rejected)
        problems.sort(key=lambda p: p.line)
        read.problems = problems[:PROBLEMS_SHOWN]
        read.skipped = skipped + wrong
        read.usable = read.rows - read.skipped
        read.repeated = read.usable - distinct
        repeated_any = repeated_any or read.repeated > 0
        if read.usable == 0:
            outcomes[index] = _unusable(read)
    if repeated_any:  # the first of each event's rows in a file
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE checked AS SELECT * FROM checked WHERE _bad IS NULL "
            f'QUALIFY row_number() OVER (PARTITION BY _path, "{key}") = 1'
        )
    # each row's file as its index in ``paths`` (a join with the batch's few files: a CASE
    # of 800 files per row took longer than reading them)
    listed = ", ".join(f"({_literal(source)}, {index})" for source, index in sources.items())
    con.execute(f"CREATE OR REPLACE TEMP TABLE batch_files AS SELECT * FROM (VALUES {listed}) "
                "AS f(_path, _file)")  # fmt: skip
    con.execute(
        "CREATE OR REPLACE TEMP VIEW incoming AS SELECT c.* EXCLUDE (_bad, _path), f._file "
        "FROM checked c JOIN batch_files f USING (_path) WHERE c._bad IS NULL"
    )
    return outcomes


def _source(dataset: str, path: Path, scratch: Path) -> Path:
    """The file DuckDB reads for ``path``: itself, or the export a GDELT zip holds."""
    if not path.is_file():
        raise EventFileError(path.name, "no such file")
    if dataset != "gdelt":
        return path
    if zipfile.is_zipfile(path):
        scratch.mkdir(parents=True, exist_ok=True)
        return _unzipped(path, scratch)
    if path.suffix.lower() == ".zip":
        raise EventFileError(path.name, "a damaged or truncated zip (no zip directory found)")
    return path


def _unusable(read: FileRead) -> EventFileError:
    if not read.problems:
        return EventFileError(read.file, "holds no rows")
    problem = read.problems[0]
    column = f"{problem.column}: " if problem.column else ""
    return EventFileError(
        read.file, f"no usable row; the first: {column}{problem.message}", problem.line
    )


def _locate(
    con: duckdb.DuckDBPyConnection,
    fmt: _Format,
    source: Path,
    name: str,
    bad: list[tuple[str, str, str]],
    day: str,
    rejected: list[int],
) -> list[RowProblem]:
    """The first bad rows of one file (those the reader kept but a check refused)."""
    first_bad = "CASE " + " ".join(f"WHEN {sql} THEN {i}" for i, (_, sql, _) in enumerate(bad))
    first_bad += " END"
    cells = (
        "CASE "
        + " ".join(f'WHEN {sql} THEN CAST("{column}" AS VARCHAR)' for column, sql, _ in bad)
        + " END"
    )
    # Every column kept, so that the reader sets aside the same rows as in the first pass
    # (a column left unread is not cast, and its bad cells would not count).
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE numbered AS SELECT row_number() OVER () AS _row, "
        f"*, {day} AS _day FROM {fmt.source([source])}"
    )
    located = con.execute(
        f"SELECT _row, {first_bad} AS _bad, {cells} AS _cell FROM numbered "
        f"WHERE {first_bad} IS NOT NULL ORDER BY _row LIMIT {PROBLEMS_SHOWN}"
    ).fetchall()
    con.execute("DROP TABLE numbered")
    problems = []
    for row, index, cell in located:
        column, _, message = bad[index]
        shown = f" ({cell[:40]!r})" if cell else ""
        line = _line_of(int(row), fmt.first, rejected)
        problems.append(RowProblem(name, line, column, f"{message}{shown}"))
    return problems


def _acled_header(path: Path) -> list[str]:
    """The columns an ACLED file's header names; refused without a required one."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(1 << 16)
        text = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EventFileError(path.name, "the header holds bytes that are not UTF-8", 1) from None
    names = next(csv.reader(io.StringIO(text)), [])
    names = [n.strip() for n in names]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise EventFileError(path.name, f"the header repeats {', '.join(repeated)}", 1)
    missing = [c for c in ACLED_REQUIRED if c not in names]
    if missing:
        shown = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
        raise EventFileError(
            path.name,
            f"not an ACLED export: no column {', '.join(missing)} (the header has: {shown})",
            1,
        )
    return names

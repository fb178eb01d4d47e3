"""The event store: imported events as Parquet files, one folder per dataset and month,
listed by a manifest that changes in one atomic step.

Layout of ``DIR`` (``--store``, else ``BORDERLINES_EVENTS``, else ``events/`` beside the
data folder; never committed)::

    manifest.json                 {"format": 1, "datasets": {"gdelt": {"2021-10": [...]}}}
    gdelt/2021-10/<uuid>.parquet  the events of one import (or of a compaction)
    acled/2021-10/<uuid>.parquet

An import writes its new files aside, then replaces ``manifest.json`` (``os.replace``):
readers see the store before or after it, never half of it, and an import killed midway
leaves files no manifest lists, removed by the next import. One writer at a time (a lock
file); readers need no lock. A month of more than :data:`COMPACT_AFTER` files is rewritten
as one, so that a year of 15-minute GDELT exports is 12 files, not 35,000.

Importing is idempotent: an event already stored (same ``GLOBALEVENTID`` or
``event_id_cnty``) is not added again.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from graph.events.read import DATASETS, EventFileError, FileRead, read_event_files

__all__ = [
    "COMPACT_AFTER",
    "EventStore",
    "FileImport",
    "default_store_dir",
    "parquet_source",
    "sql_string",
]

#: Files a month may hold before an import rewrites them as one.
COMPACT_AFTER = 8

#: DuckDB's memory for one import; past it, it spills to the store's staging folder.
MEMORY_LIMIT = "1200MB"

#: Files and bytes read in one pass (GDELT; an ACLED file is a batch of its own).
BATCH_FILES = 1000
BATCH_BYTES = 256 * 2**20

_MANIFEST = "manifest.json"
_FORMAT = 1


def default_store_dir(data_dir: Path) -> Path:
    """``BORDERLINES_EVENTS`` if set, else ``events/`` beside the data folder.

    Examples
    --------
    >>> import os
    >>> from pathlib import Path
    >>> os.environ.pop("BORDERLINES_EVENTS", None) and None
    >>> default_store_dir(Path("/srv/borderlines/data"))
    PosixPath('/srv/borderlines/events')
    """
    configured = os.environ.get("BORDERLINES_EVENTS")
    if configured:
        return Path(configured).expanduser()
    return data_dir.resolve().parent / "events"


@dataclass
class FileImport:
    """What importing one file did."""

    read: FileRead
    added: int = 0  # events new to the store
    months: list[str] = field(default_factory=list)

    @property
    def already_stored(self) -> int:
        return self.read.usable - self.read.repeated - self.added


class EventStore:
    """Parquet files of imported events under ``root``.

    Examples
    --------
    >>> import tempfile
    >>> store = EventStore(Path(tempfile.mkdtemp()) / "events")
    >>> store.files("gdelt"), store.months("acled")
    ([], [])
    """

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)

    # --- reading ------------------------------------------------------------------------

    def manifest(self) -> dict[str, dict[str, list[str]]]:
        """Dataset -> month -> the files (relative to the root) that hold its events."""
        path = self.root / _MANIFEST
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            message = f"the store's manifest cannot be read: {error}"
            raise EventFileError(str(path), message) from None
        if not isinstance(document, dict) or document.get("format") != _FORMAT:
            raise EventFileError(str(path), f"not a manifest of format {_FORMAT}")
        datasets = document.get("datasets", {})
        return {d: {m: list(f) for m, f in months.items()} for d, months in datasets.items()}

    def months(self, dataset: str) -> list[str]:
        """The months holding events of ``dataset``, oldest first."""
        return sorted(self.manifest().get(_checked(dataset), {}))

    def files(self, dataset: str, months: list[str] | None = None) -> list[Path]:
        """Absolute paths of the files of ``dataset`` (of ``months`` only, if given)."""
        stored = self.manifest().get(_checked(dataset), {})
        chosen = stored if months is None else {m: stored[m] for m in months if m in stored}
        return [self.root / name for month in sorted(chosen) for name in chosen[month]]

    def count(self, dataset: str) -> int:
        """Events of ``dataset`` in the store."""
        files = self.files(dataset)
        if not files:
            return 0
        with duckdb.connect() as con:
            return int(con.execute(f"SELECT count(*) FROM {parquet_source(files)}").fetchone()[0])  # type: ignore[index]

    def size_bytes(self) -> int:
        """Bytes of the files the manifest lists."""
        return sum(p.stat().st_size for d in DATASETS for p in self.files(d))

    # --- writing ------------------------------------------------------------------------

    def import_files(
        self,
        dataset: str,
        paths: list[Path],
        *,
        on_file: Callable[[int, Path, FileImport | EventFileError], None] | None = None,
    ) -> list[FileImport | EventFileError]:
        """Import the files; one that cannot be imported leaves the store as it was, and
        the others are still imported.

        GDELT files are read in batches (up to :data:`BATCH_FILES` files or
        :data:`BATCH_BYTES` bytes), each batch one commit: a day of 15-minute exports is
        one pass of the reader, not 96. ``on_file(index, path, outcome)`` is called after
        each file's batch (progress).
        """
        _checked(dataset)
        paths = [Path(p) for p in paths]
        outcomes: list[FileImport | EventFileError] = []
        with self._writing():
            for batch in _batches(dataset, paths):
                done = self._import_batch(dataset, [paths[i] for i in batch])
                for index, outcome in zip(batch, done, strict=True):
                    outcomes.append(outcome)
                    if on_file is not None:
                        on_file(index, paths[index], outcome)
        return outcomes

    @contextmanager
    def _writing(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self._remove_unlisted()
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _remove_unlisted(self) -> None:
        """Files of an import that died before its manifest was written."""
        listed = {
            name for months in self.manifest().values() for f in months.values() for name in f
        }
        for staging in self.root.glob(".staging-*"):
            shutil.rmtree(staging, ignore_errors=True)
        for dataset in DATASETS:
            for path in (self.root / dataset).glob("*/*.parquet"):
                if path.relative_to(self.root).as_posix() not in listed:
                    path.unlink(missing_ok=True)

    def _import_batch(self, dataset: str, paths: list[Path]) -> list[FileImport | EventFileError]:
        staging = self.root / f".staging-{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            with duckdb.connect() as con:
                con.execute(f"SET temp_directory = {sql_string(str(staging / 'spill'))}")
                con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
                reads = read_event_files(con, dataset, paths, staging)
                outcomes: list[FileImport | EventFileError] = [
                    FileImport(r) if isinstance(r, FileRead) else r for r in reads
                ]
                if not any(isinstance(o, FileImport) for o in outcomes):
                    return outcomes
                # the rows were numbered in file order; writing needs no order
                con.execute("SET preserve_insertion_order = false")
                found = con.execute("SELECT DISTINCT month FROM incoming").fetchall()
                key = DATASETS[dataset]
                existing = self.files(dataset, [month for (month,) in found])
                new = "SELECT * FROM incoming"
                if existing:  # only the months these files touch can hold their events
                    # ... and only ids from the batch's smallest on (event ids grow with
                    # time, so Parquet's row-group statistics skip most stored rows)
                    lowest = con.execute(f'SELECT min("{key}") FROM incoming').fetchone()
                    known = (
                        f'SELECT "{key}" FROM {parquet_source(existing)} '
                        f'WHERE "{key}" >= {_literal(lowest[0])}'
                        if lowest and lowest[0] is not None
                        else f'SELECT "{key}" FROM {parquet_source(existing)}'
                    )
                    new += f' ANTI JOIN ({known}) known USING ("{key}")'
                # a copy: the rows are counted per file, then written month by month
                con.execute(f"CREATE OR REPLACE TEMP TABLE fresh AS {new}")
                counted = con.execute(f'SELECT count(*), count(DISTINCT "{key}") FROM fresh')
                rows, events = counted.fetchone() or (0, 0)
                if rows != events:  # an event in two files of the batch is the first file's
                    con.execute(
                        "CREATE OR REPLACE TEMP TABLE fresh AS SELECT * FROM fresh "
                        f'QUALIFY row_number() OVER (PARTITION BY "{key}" ORDER BY _file) = 1'
                    )
                added = dict(
                    con.execute("SELECT _file, count(*) FROM fresh GROUP BY _file").fetchall()
                )
                # one file per month, written one by one: DuckDB's partitioned writer took
                # 2.8 s for a million rows over 22 months, these 0.8 s
                for (month,) in con.execute("SELECT DISTINCT month FROM fresh").fetchall():
                    folder = staging / "out" / f"month={month}"
                    folder.mkdir(parents=True)
                    con.execute(
                        f"COPY (SELECT * EXCLUDE (_file) FROM fresh WHERE month = ?) TO "
                        f"{sql_string(str(folder / 'data.parquet'))} (FORMAT parquet, "
                        f"COMPRESSION zstd)",
                        [month],
                    )
            months = self._commit(dataset, staging / "out") if added else []
            for index, outcome in enumerate(outcomes):
                if isinstance(outcome, FileImport):
                    outcome.added = int(added.get(index, 0))
                    outcome.months = months if outcome.added else []
            return outcomes
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _commit(self, dataset: str, written: Path) -> list[str]:
        """Move the files of ``written`` (``month=YYYY-MM/*.parquet``) into the store, list
        them in the manifest, and compact the months that grew past the limit."""
        manifest = self.manifest()
        months = manifest.setdefault(dataset, {})
        touched = []
        for folder in sorted(written.glob("month=*")):
            month = folder.name.removeprefix("month=")
            target = self.root / dataset / month
            target.mkdir(parents=True, exist_ok=True)
            for part in sorted(folder.glob("*.parquet")):
                name = f"{uuid.uuid4().hex}.parquet"
                os.replace(part, target / name)
                months.setdefault(month, []).append(f"{dataset}/{month}/{name}")
            touched.append(month)
        self._write_manifest(manifest)
        for month in touched:
            if len(months[month]) > COMPACT_AFTER:
                self._compact(dataset, month)
        return touched

    def _compact(self, dataset: str, month: str) -> None:
        """Rewrite a month's files as one, then swap the manifest to it."""
        manifest = self.manifest()
        old = manifest[dataset][month]
        name = f"{dataset}/{month}/{uuid.uuid4().hex}.parquet"
        with duckdb.connect() as con:
            con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
            con.execute("SET preserve_insertion_order = false")
            con.execute(
                f"COPY (SELECT * FROM {parquet_source([self.root / f for f in old])}) "
                f"TO {sql_string(str(self.root / name))} (FORMAT parquet, COMPRESSION zstd)"
            )
        manifest[dataset][month] = [name]
        self._write_manifest(manifest)
        for f in old:
            (self.root / f).unlink(missing_ok=True)

    def _write_manifest(self, manifest: dict[str, dict[str, list[str]]]) -> None:
        document = {"format": _FORMAT, "datasets": manifest}
        temporary = self.root / f".{_MANIFEST}.{uuid.uuid4().hex}"
        with temporary.open("w", encoding="utf-8") as out:
            json.dump(document, out, indent=1, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, self.root / _MANIFEST)


def _batches(dataset: str, paths: list[Path]) -> list[list[int]]:
    """Indices of ``paths`` grouped into the batches read in one pass, in order."""
    if dataset != "gdelt":
        return [[i] for i in range(len(paths))]
    batches: list[list[int]] = []
    size = 0
    for index, path in enumerate(paths):
        try:
            length = path.stat().st_size * (8 if path.suffix.lower() == ".zip" else 1)
        except OSError:
            length = 0  # reported when read
        if not batches or len(batches[-1]) >= BATCH_FILES or size + length > BATCH_BYTES:
            batches.append([])
            size = 0
        batches[-1].append(index)
        size += length
    return batches


def _checked(dataset: str) -> str:
    if dataset not in DATASETS:
        raise ValueError(f"unknown event dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    return dataset


def sql_string(text: str) -> str:
    """``text`` as an SQL string literal.

    Examples
    --------
    >>> sql_string("O'Brien")
    "'O''Brien'"
    """
    return "'" + text.replace("'", "''") + "'"


def _literal(value: object) -> str:
    """A number as SQL writes it, anything else as a quoted string."""
    return str(value) if isinstance(value, int) else sql_string(str(value))


def parquet_source(files: list[Path]) -> str:
    """SQL reading ``files`` as one table."""
    return f"read_parquet([{', '.join(sql_string(str(f)) for f in files)}])"

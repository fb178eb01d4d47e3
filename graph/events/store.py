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

from graph.events.read import DATASETS, EventFileError, FileRead, read_event_file

__all__ = ["COMPACT_AFTER", "EventStore", "FileImport", "default_store_dir"]

#: Files a month may hold before an import rewrites them as one.
COMPACT_AFTER = 8

#: DuckDB's memory for one import; past it, it spills to the store's staging folder.
MEMORY_LIMIT = "1GB"

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
            return int(con.execute(f"SELECT count(*) FROM {_parquet(files)}").fetchone()[0])  # type: ignore[index]

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
        """Import each file in turn; a file that cannot be imported leaves the store as it
        was and the next file is still imported.

        ``on_file(index, path, outcome)`` is called after each file (progress).
        """
        _checked(dataset)
        outcomes: list[FileImport | EventFileError] = []
        with self._writing():
            for index, path in enumerate(paths):
                try:
                    outcome: FileImport | EventFileError = self._import_one(dataset, Path(path))
                except EventFileError as error:
                    outcome = error
                outcomes.append(outcome)
                if on_file is not None:
                    on_file(index, Path(path), outcome)
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

    def _import_one(self, dataset: str, path: Path) -> FileImport:
        staging = self.root / f".staging-{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            with duckdb.connect() as con:
                con.execute(f"SET temp_directory = {_quote(str(staging / 'spill'))}")
                con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
                result = FileImport(read_event_file(con, dataset, path, staging))
                # the rows were numbered in file order; writing needs no order
                con.execute("SET preserve_insertion_order = false")
                found = con.execute("SELECT DISTINCT month FROM incoming").fetchall()
                months = [month for (month,) in found]
                key = DATASETS[dataset]
                existing = self.files(dataset, months)
                new = "SELECT * FROM incoming"
                if existing:  # only the months this file touches can hold its events
                    new += f' WHERE "{key}" NOT IN (SELECT "{key}" FROM {_parquet(existing)})'
                written = con.execute(
                    f"COPY ({new}) TO {_quote(str(staging / 'out'))} (FORMAT parquet, "
                    f"COMPRESSION zstd, PARTITION_BY (month), WRITE_PARTITION_COLUMNS true)"
                ).fetchone()
                result.added = int(written[0]) if written else 0
            if result.added:
                result.months = self._commit(dataset, staging / "out")
            return result
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
        key = DATASETS[dataset]
        with duckdb.connect() as con:
            con.execute(
                f'COPY (SELECT * FROM {_parquet([self.root / f for f in old])} ORDER BY "{key}") '
                f"TO {_quote(str(self.root / name))} (FORMAT parquet, COMPRESSION zstd)"
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


def _checked(dataset: str) -> str:
    if dataset not in DATASETS:
        raise ValueError(f"unknown event dataset {dataset!r}; use one of {', '.join(DATASETS)}")
    return dataset


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _parquet(files: list[Path]) -> str:
    """SQL reading ``files`` as one table."""
    return f"read_parquet([{', '.join(_quote(str(f)) for f in files)}])"

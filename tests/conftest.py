"""Shared fixtures: the shipped data folder, and copies of it to break one cell at a time.

``data_dir``
    The shipped ``data/`` (not ``BORDERLINES_DATA``: these tests are about what we ship).
``broken_copy``
    A :class:`DataCopy` of the shipped data in ``tmp_path``, with helpers that change one
    cell, one line or one file's bytes and say which line they touched.
``G``, ``small``
    The graph of the shipped data, and a graph of three actors and two relations (a test
    module may define its own ``G``).

``event_store``
    An event store of the test's own, with GDELT and ACLED events between mapped actors,
    named by ``BORDERLINES_EVENTS`` for the test (else the run's store is empty).

Views saved from the page go to the state store named by ``BORDERLINES_STATE``: for the
whole run it names a throwaway folder (set here, before any server starts), and each test
gets a fresh one of its own, so no test reads another's views or writes the user's.

Once the tests are collected, what each process holds by then (modules, test functions)
is frozen out of Python's garbage collector (:func:`pytest_collection_finish`).
"""

from __future__ import annotations

import atexit
import csv
import gc
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import networkx as nx
import pytest

from graph.build import build_graph, graph_from_records
from graph.load import load_dataset

REPO = Path(__file__).resolve().parents[1]
SHIPPED_DATA = REPO / "data"

Row = dict[str, str]

_RUN_STATE = tempfile.mkdtemp(prefix="borderlines-test-state-")
os.environ["BORDERLINES_STATE"] = _RUN_STATE
atexit.register(shutil.rmtree, _RUN_STATE, ignore_errors=True)
# An empty event store for the run: events a developer imported beside the data (events/)
# never reach a test; a test that needs events makes its own (``event_store``).
_RUN_EVENTS = tempfile.mkdtemp(prefix="borderlines-test-events-")
os.environ["BORDERLINES_EVENTS"] = _RUN_EVENTS
atexit.register(shutil.rmtree, _RUN_EVENTS, ignore_errors=True)


@pytest.fixture(autouse=True)
def state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A state store of this test's own (made only if the test saves a view)."""
    folder = tmp_path / "state"
    monkeypatch.setenv("BORDERLINES_STATE", str(folder))
    return folder


@pytest.fixture
def event_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store holding machine-coded events between our actors (2021-09 and 2021-10), for
    this test only: GDELT Iran -> Pakistan cooperation and Iran -> Azerbaijan friction,
    ACLED Taliban and IS-K battles."""
    from graph.events.store import EventStore
    from tests.events_rows import acled_row, acled_rows, gdelt_row, write_gdelt

    lines = [
        gdelt_row(n, f"202110{n % 28 + 1:02d}", "IRNGOV", "PAK", "042", goldstein=2.8,
                  url=f"https://news.example/iran-pakistan/{n % 3}")
        for n in range(1, 13)
    ] + [
        gdelt_row(100 + n, f"202109{n + 1:02d}", "IRN", "AZE", "138", goldstein=-7.0,
                  url="https://news.example/iran-azerbaijan")
        for n in range(5)
    ]  # fmt: skip
    gdelt = write_gdelt(tmp_path / "20211031000000.export.CSV.zip", lines, zipped=True)
    acled = tmp_path / "acled.csv"
    acled.write_text(
        acled_rows(
            [acled_row(f"AFG{n}", "2021-10-05", "Taliban", "Islamic State (Afghanistan)",
                       fatalities="2", source="Pajhwok Afghan News") for n in range(3)]
        ),
        encoding="utf-8",
    )  # fmt: skip
    store = EventStore(tmp_path / "events")
    store.import_files("gdelt", [gdelt])
    store.import_files("acled", [acled])
    monkeypatch.setenv("BORDERLINES_EVENTS", str(store.root))
    return store.root


class DataCopy:
    """A copy of a data folder; rows are read and written with the csv module.

    Rows carry their file line under ``"_line"`` (the header is line 1), as in the
    loader's messages. Writing rows back uses canonical quoting and ``\\n`` line ends, so a
    change to one cell changes nothing else of the file.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def file(self, name: str) -> Path:
        return self.path / name

    def header(self, name: str) -> list[str]:
        return self._read(name)[0]

    def rows(self, name: str) -> list[Row]:
        header, *rows = self._read(name)
        lines = self._lines(name)
        return [
            {**dict(zip(header, row, strict=True)), "_line": str(line)}
            for row, line in zip(rows, lines, strict=True)
        ]

    def row(self, name: str, where: Callable[[Row], bool] | None = None) -> Row:
        """The first row of ``name`` that ``where`` accepts (the first row if None)."""
        for row in self.rows(name):
            if where is None or where(row):
                return row
        raise LookupError(f"no row of {name} matches; the test needs such a row")

    def set_cells(
        self,
        name: str,
        changes: Mapping[str, str],
        where: Callable[[Row], bool] | None = None,
    ) -> int:
        """Set cells of the first row ``where`` accepts; return that row's line."""
        target = int(self.row(name, where)["_line"])
        header, *rows = self._read(name)
        lines = self._lines(name)
        for row, line in zip(rows, lines, strict=True):
            if line == target:
                for field, value in changes.items():
                    row[header.index(field)] = value
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
        self.file(name).write_text(buffer.getvalue(), encoding="utf-8")
        return target

    def lines(self, name: str) -> list[str]:
        """The file's lines with their ``\\n`` (index 0 is line 1)."""
        return self.file(name).read_text(encoding="utf-8").splitlines(keepends=True)

    def write_lines(self, name: str, lines: list[str]) -> None:
        self.file(name).write_text("".join(lines), encoding="utf-8")

    def _read(self, name: str) -> list[list[str]]:
        with self.file(name).open(encoding="utf-8", newline="") as handle:
            return list(csv.reader(handle))

    def _lines(self, name: str) -> list[int]:
        """First line of each data row (cells may hold newlines)."""
        with self.file(name).open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            starts, start = [], reader.line_num + 1
            for _ in reader:
                starts.append(start)
                start = reader.line_num + 1
        return starts


@pytest.fixture
def data_dir() -> Path:
    """The shipped data folder."""
    return SHIPPED_DATA


@pytest.fixture
def broken_copy(tmp_path: Path, data_dir: Path) -> DataCopy:
    """A fresh copy of the shipped data in ``tmp_path``, to be broken by the test."""
    return DataCopy(shutil.copytree(data_dir, tmp_path / "data"))


# --------------------------------------------------------------------------- graphs


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    """The graph of the shipped data (a module may define its own ``G``)."""
    return build_graph(load_dataset(SHIPPED_DATA))


@pytest.fixture
def small() -> nx.MultiDiGraph:
    """Three actors and two relations, typed as the page reads them."""
    H = graph_from_records(
        [
            {"id": "iran", "name": "Iran", "name_ar": "إيران", "kind": "state"},
            {"id": "pakistan", "name": "Pakistan", "kind": "state"},
            {"id": "jaish", "name": "Jaish al-Adl", "kind": "armed_group"},
        ],
        [
            {"id": "R1", "source": "iran", "target": "pakistan", "relation": "talks", "sign": 1,
             "intensity": 3.0, "directed": False, "start": "2021-10", "confidence": "high",
             "source_reliability": "C", "info_credibility": 2, "evidence": "src:3,5-6"},
            {"id": "R2", "source": "jaish", "target": "iran", "relation": "attack", "sign": -1,
             "intensity": -8.0, "start": "2019", "end": "2019", "confidence": "moderate",
             "source_reliability": "C", "info_credibility": 3, "evidence": "src:7"},
        ],
    )  # fmt: skip
    H.graph["relation_types"] = {
        "talks": {"label": "Talks", "sign": 1},
        "attack": {"label": "Attack", "sign": -1},
    }
    H.graph["actor_kinds"] = ["state", "armed_group"]
    H.graph["sources"] = {"src": {"publisher": "MEN", "published": "2021-10", "language": "ar"}}
    return H


def pytest_collection_finish(session: pytest.Session) -> None:
    """Leave what the process holds after collection out of Python's garbage collector.

    Every full collection that Python starts on its own walks all objects it tracks: here
    the imported packages (pandas, plotly, Streamlit, hypothesis...) and the collected tests,
    which never become garbage. ``gc.freeze`` keeps the collector off them; objects made
    by the tests are collected as before. The tests that are not browser tests took
    126-130 s of CPU instead of 141-146 s (2 workers, 2026-12-06).
    """
    gc.collect()
    gc.freeze()

"""The event store (graph.events.store): idempotent imports, atomic commits, compaction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.events import store as store_module
from graph.events.read import EventFileError
from graph.events.store import EventStore, default_store_dir
from tests.events_rows import REAL_GDELT, acled_row, acled_rows, gdelt_row, write_gdelt

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> EventStore:
    return EventStore(tmp_path / "events")


def test_importing_the_same_file_twice_adds_nothing(store: EventStore, tmp_path: Path):
    [first] = store.import_files("gdelt", [REAL_GDELT])
    assert first.added == 4
    assert first.months == ["2019-03", "2020-02", "2020-03"]
    manifest = (store.root / "manifest.json").read_bytes()
    [again] = store.import_files("gdelt", [REAL_GDELT])
    assert (again.added, again.already_stored) == (0, 4)
    assert (store.root / "manifest.json").read_bytes() == manifest
    assert store.count("gdelt") == 4


@pytest.mark.parametrize("batch", [1, 200], ids=["a-batch-each", "one-batch"])
def test_overlapping_files_add_only_the_new_events(
    store: EventStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
):
    monkeypatch.setattr(store_module, "BATCH_FILES", batch)
    a = write_gdelt(tmp_path / "a.export.CSV.zip", [gdelt_row(n) for n in range(1, 6)], zipped=True)
    b = write_gdelt(tmp_path / "b.export.CSV", [gdelt_row(n) for n in range(4, 9)])
    outcomes = store.import_files("gdelt", [a, b])
    assert [o.added for o in outcomes] == [5, 3]
    assert store.count("gdelt") == 8


def test_a_refused_file_leaves_the_store_as_it_was_and_the_next_file_is_imported(
    store: EventStore, tmp_path: Path
):
    store.import_files("gdelt", [REAL_GDELT])
    before = {p: p.read_bytes() for p in store.root.rglob("*") if p.is_file() and p.name != ".lock"}
    broken = tmp_path / "broken.export.CSV.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    good = write_gdelt(tmp_path / "good.export.CSV", [gdelt_row(77)])
    refused, imported = store.import_files("gdelt", [broken, good])
    assert isinstance(refused, EventFileError)
    assert imported.added == 1
    for path, data in before.items():
        if path.name != "manifest.json":
            assert path.read_bytes() == data


def test_a_month_of_many_imports_is_compacted(store: EventStore, tmp_path: Path):
    files = [
        write_gdelt(tmp_path / f"{n}.export.CSV", [gdelt_row(n * 10 + k) for k in range(3)])
        for n in range(store_module.COMPACT_AFTER + 1)
    ]
    for path in files:  # one import each: one file each in the month
        store.import_files("gdelt", [path])
    [only] = store.files("gdelt")
    assert store.count("gdelt") == 3 * len(files)
    assert sorted(p.name for p in only.parent.iterdir()) == [only.name]


def test_an_import_killed_before_its_manifest_leaves_the_store_whole(
    store: EventStore, tmp_path: Path
):
    store.import_files("gdelt", [REAL_GDELT])
    path = write_gdelt(tmp_path / "new.export.CSV", [gdelt_row(n) for n in range(1, 4)])
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from graph.events.store import EventStore\n"
        "store = EventStore(Path(sys.argv[1]))\n"
        "store._write_manifest = lambda manifest: os._exit(9)\n"
        "store.import_files('gdelt', [Path(sys.argv[2])])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(store.root), str(path)], cwd=REPO, check=False
    )
    assert done.returncode == 9
    assert store.count("gdelt") == 4  # readers see the store as before
    orphans = [p for p in store.root.rglob("*.parquet") if p not in store.files("gdelt")]
    assert orphans  # the dead import's file, listed nowhere
    [outcome] = store.import_files("gdelt", [path])
    assert outcome.added == 3
    assert store.count("gdelt") == 7
    assert sorted(store.root.rglob("*.parquet")) == sorted(store.files("gdelt"))


def test_gdelt_and_acled_are_kept_apart(store: EventStore, tmp_path: Path):
    acled = tmp_path / "acled.csv"
    acled.write_text(acled_rows([acled_row("AFG1", "2021-10-05", "Taliban", "Civilians")]))
    store.import_files("acled", [acled])
    store.import_files("gdelt", [REAL_GDELT])
    assert (store.count("acled"), store.count("gdelt")) == (1, 4)
    assert store.months("acled") == ["2021-10"]
    assert all("/acled/" in str(p) for p in store.files("acled"))


def test_a_damaged_manifest_is_named(store: EventStore):
    store.root.mkdir(parents=True)
    (store.root / "manifest.json").write_text("{not json")
    with pytest.raises(EventFileError, match="manifest cannot be read"):
        store.files("gdelt")
    (store.root / "manifest.json").write_text(json.dumps({"format": 99}))
    with pytest.raises(EventFileError, match="not a manifest of format 1"):
        store.files("gdelt")


def test_the_default_store_is_beside_the_data_or_where_the_setting_says(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.delenv("BORDERLINES_EVENTS", raising=False)
    assert default_store_dir(tmp_path / "data") == tmp_path / "events"
    monkeypatch.setenv("BORDERLINES_EVENTS", os.fspath(tmp_path / "elsewhere"))
    assert default_store_dir(tmp_path / "data") == tmp_path / "elsewhere"


def test_the_repository_ignores_the_default_store():
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/events/" in ignored

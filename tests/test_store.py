"""Tests of graph.store (the views readers save) and of atomic view files: what the store
holds, what it refuses, and what happens when savers are killed, race or are read."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.build import build_graph
from graph.cli import main
from graph.load import load_dataset
from graph.store import (
    MAX_VIEWS,
    StoreError,
    StoreFull,
    ViewExists,
    ViewRefused,
    ViewStore,
    default_state_dir,
    saving_policy,
)
from graph.views import View, load_views, read_views, view_from_text, view_text

WORKER = Path(__file__).resolve().parent / "store_worker.py"
REPO = WORKER.parents[1]
KINDS = ("store", "files")


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return build_graph(load_dataset())


def hostile(slug: str = "hostile", title: str = "Hostile ties") -> View:
    return View(slug, title, note="Only the hostile ones.", filters={"signs": ["-1"]})


# --------------------------------------------------------------------------- the store


def test_a_saved_view_reads_back_as_the_same_view(tmp_path: Path) -> None:
    store = ViewStore(tmp_path)
    row = store.save(hostile())
    assert row.text == view_text(hostile())
    assert store.read().views == {"hostile": hostile()}
    assert store.text("hostile") == view_text(hostile())
    assert len(store) == 1


def test_reading_a_folder_without_a_store_makes_nothing(tmp_path: Path) -> None:
    store = ViewStore(tmp_path / "state")
    assert store.read().views == {}
    assert (store.generation(), len(store), store.text("x"), store.delete("x")) == (
        0,
        0,
        None,
        False,
    )
    assert not (tmp_path / "state").exists()


def test_the_generation_changes_with_every_save_and_deletion(tmp_path: Path) -> None:
    store = ViewStore(tmp_path)
    seen = [store.generation()]
    store.save(hostile())
    seen.append(store.generation())
    store.save(hostile(title="Hostile, again"), overwrite=True)
    seen.append(store.generation())
    assert store.delete("hostile")
    seen.append(store.generation())
    assert len(set(seen)) == 4


def test_an_existing_name_is_kept_unless_overwriting(tmp_path: Path) -> None:
    store = ViewStore(tmp_path)
    store.save(hostile())
    with pytest.raises(ViewExists, match="'hostile' exists already"):
        store.save(hostile(title="Other"))
    assert store.read().views["hostile"].title == "Hostile ties"
    store.save(hostile(title="Other"), overwrite=True)
    assert store.read().views["hostile"].title == "Other"


def test_a_full_store_refuses_new_views_but_replaces_old_ones(tmp_path: Path) -> None:
    store = ViewStore(tmp_path, max_views=2)
    store.save(hostile("a"))
    store.save(hostile("b"))
    with pytest.raises(StoreFull, match="holds 2 views, its limit"):
        store.save(hostile("c"))
    store.save(hostile("b", "New b"), overwrite=True)
    assert sorted(store.read().views) == ["a", "b"]
    assert ViewStore(tmp_path).max_views == MAX_VIEWS


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "10"])
def test_a_store_needs_a_positive_limit(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ValueError, match="max_views must be a whole number"):
        ViewStore(tmp_path, max_views=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("view", "field", "message"),
    [
        (View("empty", "Nobody", filters={"search": ["zzzz"]}), "filters",
         "the view shows no relations"),
        (View("who", "Who", selection="nobody"), "selection",
         "unknown actor or relation 'nobody'"),
        (View("types", "Talks", filters={"types": ["talks"]}), "filters.types",
         "unknown relation type 'talks'"),
        (View("hidden", "Hidden", filters={"types": ["military_cooperation"]}, selection="R001"),
         "selection", "'R001' is not in the view its filters give"),
        (View("long", "Long", note="word " * 20_000), None, "too large to be a view"),
        (View("Bad Slug", "Bad"), None, "is not lowercase words"),
    ],
    ids=["empty", "unknown-selection", "unknown-type", "hidden-selection", "too-large", "slug"],
)  # fmt: skip
def test_a_view_validate_would_refuse_is_not_stored(
    tmp_path: Path, G: nx.MultiDiGraph, view: View, field: str | None, message: str
) -> None:
    store = ViewStore(tmp_path)
    with pytest.raises(ViewRefused) as refused:
        store.save(view, G=G)
    assert [(i.field, message in i.message) for i in refused.value.issues] == [(field, True)]
    assert refused.value.issues[0].file == f"saved view {view.slug}"
    assert len(store) == 0


def test_a_shipped_name_is_reserved(tmp_path: Path) -> None:
    with pytest.raises(ViewRefused, match="a shipped view is named 'whole-picture'"):
        ViewStore(tmp_path).save(hostile("whole-picture"), reserved={"whole-picture"})


def test_a_row_broken_by_hand_is_left_out_and_named(tmp_path: Path) -> None:
    store = ViewStore(tmp_path)
    store.save(hostile("good"))
    store.save(hostile("bad"))
    with sqlite3.connect(store.path) as connection:
        connection.execute("UPDATE views SET text = 'title = \"W' WHERE slug = 'bad'")
    found = store.read()
    assert list(found.views) == ["good"]
    assert [str(issue) for issue in found.issues] == [
        "saved view bad:1: not valid TOML: Unterminated string (at end of document)"
    ]


@pytest.mark.parametrize("content", [b"", b"not a database at all " * 100])
def test_a_store_that_is_not_a_database_fails_with_its_name(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "views.sqlite3").write_bytes(content)
    store = ViewStore(tmp_path)
    if not content:  # SQLite takes an empty file as a new database
        store.save(hostile())
        assert list(store.read().views) == ["hostile"]
        return
    with pytest.raises(StoreError, match=r"views\.sqlite3"):
        store.read()
    with pytest.raises(StoreError, match=r"views\.sqlite3"):
        store.save(hostile())


def test_an_unwritable_state_folder_fails_with_its_name(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="cannot open the view store"):
        ViewStore(blocker).save(hostile())


def test_the_state_folder_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BORDERLINES_STATE", str(tmp_path / "mine"))
    assert default_state_dir() == tmp_path / "mine"
    assert ViewStore().folder == tmp_path / "mine"
    monkeypatch.delenv("BORDERLINES_STATE")
    assert default_state_dir().name == "borderlines"
    assert not default_state_dir().is_relative_to(REPO)


@pytest.mark.parametrize(
    ("setting", "address", "headers", "allowed", "why"),
    [
        (None, "127.0.0.1", {}, True, ""),
        ("", "localhost", {}, True, ""),
        ("auto", "::1", {}, True, ""),
        (None, "0.0.0.0", {}, False, "listens on 0.0.0.0"),
        (None, "", {}, False, "listens on every network interface"),
        (None, None, {}, False, "every network interface"),
        (None, "192.168.1.5", {}, False, "listens on 192.168.1.5"),
        (None, "127.0.0.1", {"X-Forwarded-For": "10.0.0.2"}, False, "through a proxy"),
        (None, "127.0.0.1", {"forwarded": "for=10.0.0.2"}, False, "through a proxy"),
        ("on", "0.0.0.0", {"X-Real-IP": "10.0.0.2"}, True, ""),
        ("ON ", "0.0.0.0", {}, True, ""),
        ("off", "127.0.0.1", {}, False, "BORDERLINES_SAVING=off"),
        ("yes", "127.0.0.1", {}, False, "is not on, off or auto"),
    ],
)
def test_saving_is_on_only_for_this_machine_unless_set(
    setting: str | None, address: str | None, headers: dict, allowed: bool, why: str
) -> None:
    on, reason = saving_policy(setting, address, headers)
    assert on is allowed
    assert why in reason
    assert (reason == "") is allowed


# --------------------------------------------------------------------------- the CLI


def test_views_command_lists_shows_and_deletes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ViewStore(tmp_path).save(hostile())
    assert main(["views", "list", "--state", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("hostile\t")
    assert '"Hostile ties"' in out.out
    assert "1 saved view in" in out.err
    assert main(["views", "show", "hostile", "--state", str(tmp_path)]) == 0
    assert capsys.readouterr().out == view_text(hostile())
    assert main(["views", "delete", "hostile", "--state", str(tmp_path)]) == 0
    assert main(["views", "show", "hostile", "--state", str(tmp_path)]) == 1
    assert "no saved view named 'hostile'" in capsys.readouterr().err


def test_promoting_a_view_writes_a_file_that_validates(
    tmp_path: Path, broken_copy, capsys: pytest.CaptureFixture[str]
) -> None:
    data = broken_copy.path
    ViewStore(tmp_path).save(hostile())
    assert main(["views", "promote", "hostile", "--state", str(tmp_path), "--data", str(data)]) == 0
    assert load_views(data / "views")["hostile"] == hostile()
    assert ViewStore(tmp_path).text("hostile") is None  # moved, not copied
    assert main(["validate", str(data)]) == 0
    assert ": valid — " in capsys.readouterr().out


def test_promoting_never_replaces_a_shipped_view_unasked(
    tmp_path: Path, broken_copy, capsys: pytest.CaptureFixture[str]
) -> None:
    data = broken_copy.path
    before = (data / "views" / "whole-picture.toml").read_bytes()
    ViewStore(tmp_path).save(hostile("whole-picture"))
    args = ["views", "promote", "whole-picture", "--state", str(tmp_path), "--data", str(data)]
    assert main(args) == 1
    assert "exists; --overwrite replaces it" in capsys.readouterr().err
    assert (data / "views" / "whole-picture.toml").read_bytes() == before
    assert main([*args, "--overwrite"]) == 0
    assert load_views(data / "views")["whole-picture"] == hostile("whole-picture")


def test_promoting_a_view_the_data_no_longer_allows_is_refused(
    tmp_path: Path, broken_copy, capsys: pytest.CaptureFixture[str]
) -> None:
    data = broken_copy.path
    ViewStore(tmp_path).save(View("gone", "Gone", selection="iran"))
    broken_copy.set_cells("actors.csv", {"id": "iran-renamed"}, lambda row: row["id"] == "iran")
    assert main(["views", "promote", "gone", "--state", str(tmp_path), "--data", str(data)]) == 1
    assert "not promoted" in capsys.readouterr().err
    assert not (data / "views" / "gone.toml").exists()
    assert ViewStore(tmp_path).text("gone") is not None


def test_the_views_command_names_a_broken_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "views.sqlite3").write_bytes(b"garbage " * 100)
    assert main(["views", "list", "--state", str(tmp_path)]) == 1
    assert "views.sqlite3" in capsys.readouterr().err


# --------------------------------------------------------------------------- processes


def run_worker(*args: str, stdin: str | None = None, timeout: float = 120) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(WORKER), *args],
        input=stdin, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")[:-1]


def stored(kind: str, folder: Path) -> tuple[dict[str, View], list]:
    """The views a kind of saving left, read the way the page reads them."""
    found = ViewStore(folder).read() if kind == "store" else read_views(folder)
    return found.views, found.issues


@pytest.mark.parametrize("kind", KINDS)
def test_a_saver_killed_100_times_mid_save_leaves_every_view_whole(
    tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "views"
    folder.mkdir()
    delays = [f"{random.uniform(0.005, 0.06):.4f}" for _ in range(100)]
    lines = run_worker("crashes", kind, str(folder), stdin="\n".join(delays) + "\n")
    assert len(lines) == 100
    saves = [int(line.split()[1]) for line in lines]
    assert sum(saves) > 100, "the children barely saved: the kills did not land mid-save"
    views, issues = stored(kind, folder)
    assert issues == []  # no empty, partial or unreadable view
    versions = {(v.title, v.note) for v in views.values()}
    assert versions <= {("Version 0", "first version " * 119 + "first version"),
                        ("Version 1", "second version " * 119 + "second version")}  # fmt: skip
    assert "crash" in views
    if kind == "store":
        with sqlite3.connect(ViewStore(folder).path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    else:
        assert not [p for p in folder.iterdir() if p.suffix == ".toml" and p.name.startswith(".")]


@pytest.mark.parametrize("kind", KINDS)
def test_two_savers_of_the_same_300_names_never_both_win(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "views"
    folder.mkdir()
    start = f"{time.time() + 1.5:.3f}"  # both import (about 0.6 s), then start together
    racers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "race", kind, str(folder), name, "300", start],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        for name in ("alpha", "beta")
    ]
    results = []
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        assert racer.returncode == 0, err
        results.append(out.split())
    alpha, beta = results
    assert len(alpha) == len(beta) == 300
    assert all(sorted(pair) == ["lost", "won"] for pair in zip(alpha, beta, strict=True))
    views, issues = stored(kind, folder)
    assert issues == []
    for index, outcome in enumerate(alpha):
        winner = "alpha" if outcome == "won" else "beta"
        assert views[f"race-{index}"].title == f"Saved by {winner}"


@pytest.mark.parametrize("kind", KINDS)
def test_readers_never_fail_while_a_view_is_rewritten(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "views"
    folder.mkdir()
    run_worker("rewrite", kind, str(folder), "0.2")  # the view exists before reading starts
    writer = subprocess.Popen(
        [sys.executable, str(WORKER), "rewrite", kind, str(folder), "3"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    time.sleep(1.0)  # the writer has imported and is saving
    loads, failures = 0, []
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        try:
            views, issues = stored(kind, folder)
            if issues or "busy" not in views:
                failures.append(issues or "no view")
        except Exception as error:  # any failure of a load counts
            failures.append(repr(error))
        loads += 1
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert int(out) > 50, "the writer barely wrote while the reader read"
    assert loads > 100
    assert failures == []


def test_view_text_of_a_stored_view_reads_as_a_file_would() -> None:
    view = hostile()
    assert view_from_text(view_text(view), view.slug) == (view, [])

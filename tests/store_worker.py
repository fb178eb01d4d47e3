"""Processes that save views while the tests of ``test_store.py`` kill them or race them.

Run as ``python tests/store_worker.py COMMAND KIND FOLDER ...`` where KIND is ``store`` (the
state store, :class:`graph.store.ViewStore`) or ``files`` (view files written by
:func:`graph.views.save_view`):

``crashes KIND FOLDER``
    Imports once, then for each delay in seconds read from standard input forks a child
    that saves views in a loop, kills it with SIGKILL the delay after its first save, and
    prints ``killed SAVES`` (the saves the child finished). Forking from one warm process makes
    a hundred kills take seconds instead of a hundred interpreter starts.
``race KIND FOLDER NAME COUNT START``
    Waits until the wall clock reaches START, then saves views ``race-0`` ...
    ``race-<COUNT-1>`` without overwriting, each titled after NAME, and prints ``won`` or
    ``lost`` for each.
``rewrite KIND FOLDER SECONDS``
    Re-saves the view ``busy`` (overwriting) as fast as it can for SECONDS, alternating
    two versions, and prints how many saves it made.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.store import ViewExists, ViewStore  # noqa: E402
from graph.views import View, save_view  # noqa: E402

#: The two versions a rewritten view alternates between; long notes make each write span
#: several disk blocks, so a kill can land inside one.
NOTES = ("first version " * 120, "second version " * 120)


def version(slug: str, index: int) -> View:
    return View(slug, f"Version {index % 2}", note=NOTES[index % 2].strip(),
                filters={"signs": ["-1"]})  # fmt: skip


def save(kind: str, folder: Path, view: View, *, overwrite: bool) -> None:
    if kind == "store":
        ViewStore(folder, max_views=100_000).save(view, overwrite=overwrite)
    else:
        save_view(view, folder, overwrite=overwrite)


def save_forever(kind: str, folder: Path, counter: Path, round_: int) -> None:
    """Alternate the view ``crash`` between two versions and add new views, for ever;
    after each save, count it in ``counter`` (so the parent knows the child was saving)."""
    index = 0
    while True:
        save(kind, folder, version("crash", index), overwrite=True)
        save(kind, folder, version(f"new-{round_}-{index}", index), overwrite=False)
        index += 1
        counter.write_text(str(index))


def crashes(kind: str, folder: Path) -> None:
    for round_, line in enumerate(sys.stdin):
        delay = float(line)
        counter = folder.parent / f"counter-{kind}"
        counter.write_text("0")
        child = os.fork()
        if child == 0:
            try:
                save_forever(kind, folder, counter, round_)
            finally:
                os._exit(1)
        # The delay runs from the child's first save: on a busy machine a child may wait
        # longer than the delay for its first turn, and a kill before any save tests nothing.
        deadline = time.monotonic() + 10
        while counter.read_text() in ("", "0") and time.monotonic() < deadline:
            time.sleep(0.001)
        time.sleep(delay)
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        print(f"killed {counter.read_text() or 0}", flush=True)


def race(kind: str, folder: Path, name: str, count: int, start: float) -> None:
    time.sleep(max(0.0, start - time.time()))
    for index in range(count):
        try:
            save(kind, folder, View(f"race-{index}", f"Saved by {name}"), overwrite=False)
        except (ViewExists, FileExistsError):
            print("lost", flush=True)
        else:
            print("won", flush=True)


def rewrite(kind: str, folder: Path, seconds: float) -> None:
    end, index = time.monotonic() + seconds, 0
    while time.monotonic() < end:
        save(kind, folder, version("busy", index), overwrite=True)
        index += 1
    print(index, flush=True)


if __name__ == "__main__":
    command, kind, folder, *rest = sys.argv[1:]
    if command == "crashes":
        crashes(kind, Path(folder))
    elif command == "race":
        race(kind, Path(folder), rest[0], int(rest[1]), float(rest[2]))
    elif command == "rewrite":
        rewrite(kind, Path(folder), float(rest[0]))
    else:
        raise SystemExit(f"unknown command {command!r}")

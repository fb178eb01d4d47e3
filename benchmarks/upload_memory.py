"""How much server memory readers' uploads hold: N readers, each in a browser tab of their
own that stays open, upload a different dataset of about 0.65 MB of CSV, and the server's
resident memory is read after each upload.

The page is served by :func:`benchmarks.server.serve_dashboard` and driven in Debian's
chromium (Playwright, ``executable_path`` from PATH): each reader opens the page, picks
*Replace tables* and uploads a zip of a generated dataset (``benchmarks/generate.py``,
3,000 relations by default) under a name of its own, which makes it a different upload
(the digest covers names and bytes), then waits for "Applied". The server's ``VmRSS`` is
read from ``/proc`` before the first upload and after each. ``--page`` serves another
version of the page, e.g. the one before the upload cap, for a comparison in one run.
``--no-upload`` is the control: the server is given the generated dataset as its own data
(``BORDERLINES_DATA``) and each reader only opens the page, so the growth per reader is
what any session drawing figures of that size costs (Streamlit keeps each session's recent
large messages), not what its upload costs::

    git show 668b3b1:dashboard.py > dashboard_before.py   # beside dashboard.py
    uv run python benchmarks/upload_memory.py --page dashboard_before.py

Run from the repository root::

    uv run python benchmarks/upload_memory.py --readers 8 --json upload-memory.json
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: graph/ lives at the repository root
    sys.path.insert(0, str(REPO))

from benchmarks.generate import generate  # noqa: E402
from benchmarks.server import CHROMIUM_ARGS, serve_dashboard  # noqa: E402

#: The generated tables a reader uploads (the rest of the shipped data stays).
UPLOADED = ("places.csv", "actors.csv", "relations.csv", "events.csv", "borders.csv", "areas.csv")
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise OSError(f"no VmRSS for process {pid}")


def upload_zip(folder: Path) -> bytes:
    """The uploaded tables of ``folder`` as one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in UPLOADED:
            archive.writestr(name, (folder / name).read_bytes())
    return buffer.getvalue()


def settle(pid: int, seconds: float = 1.5) -> int:
    """The server's memory once it has been quiet for a moment."""
    time.sleep(seconds)
    return rss_bytes(pid)


def measure(page_file: Path, readers: int, relations: int, log: Path, *, upload: bool) -> dict:
    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp())
    folder = generate(relations, out=scratch / "data", seed=7)
    csv_bytes = sum((folder / name).stat().st_size for name in UPLOADED)
    payload = upload_zip(folder)
    growth: list[int] = []
    with (
        serve_dashboard(log, None if upload else folder, page=page_file) as (url, pid),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS, headless=True
        )
        tabs = []
        first = browser.new_page(viewport={"width": 1440, "height": 900})
        first.goto(url)
        first.locator(IDLE).wait_for(state="attached", timeout=120_000)
        tabs.append(first)
        before = settle(pid)
        for number in range(readers):
            tab = browser.new_page(viewport={"width": 1440, "height": 900})
            tab.set_default_timeout(120_000)
            tab.goto(url)
            tab.locator(IDLE).wait_for(state="attached")
            if not upload:
                tab.locator('[data-testid="stBidiComponentRegular"]:has(.bl-figure)').nth(
                    2
                ).wait_for()
                tabs.append(tab)
                growth.append(settle(pid) - before)
                continue
            sidebar = tab.get_by_test_id("stSidebar")
            sidebar.get_by_text("Your data").click()
            sidebar.get_by_text("Replace tables").click()
            tab.locator(IDLE).wait_for(state="attached")
            tab.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                files=[{"name": f"reader-{number}.zip", "mimeType": "application/zip",
                        "buffer": payload}]
            )  # fmt: skip
            sidebar.get_by_text("Applied:").wait_for()
            tab.locator(IDLE).wait_for(state="attached")
            tabs.append(tab)
            growth.append(settle(pid) - before)
        browser.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return {
        "page": page_file.name,
        "uploads": upload,
        "readers": readers,
        "relations": relations,
        "csv_bytes": csv_bytes,
        "upload_bytes": len(payload),
        "rss_growth_bytes": growth,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", type=Path, default=REPO / "dashboard.py",
                        help="the page to serve, in the repository root")  # fmt: skip
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--relations", type=int, default=3000)
    parser.add_argument(
        "--no-upload", action="store_true", help="the control: readers only look at the data"
    )
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        result = measure(args.page, args.readers, args.relations, Path(scratch) / "server.log",
                         upload=not args.no_upload)  # fmt: skip
    mb = 1024 * 1024
    what = "uploads" if result["uploads"] else "no upload (control)"
    print(f"{args.page.name}, {what}: {result['csv_bytes'] / mb:.2f} MB of CSV per upload "
          f"({result['upload_bytes'] / mb:.2f} MB zipped)")  # fmt: skip
    for number, grown in enumerate(result["rss_growth_bytes"], start=1):
        print(f"  after {number} reader{'s' if number > 1 else ''}: +{grown / mb:.0f} MB")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

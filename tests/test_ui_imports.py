"""What the page imports: the event engines' query builder (Ibis) only when asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Ibis took 0.66 s of each server's first run (every new server's first reader waited for
# it) though the page's event layer queries DuckDB directly; graph.events.dyads, which
# builds Ibis expressions for other engines, is imported by the CLI alone.
PROBE = """
import sys
import ui.explore, ui.present, ui.events, ui.sidebar, ui.caches
print(sorted(m for m in ("ibis", "graph.events.dyads", "sqlglot") if m in sys.modules))
"""


def test_the_page_imports_no_ibis() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

"""docs/architecture.md and the README's project layout describe the code as it is."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARCHITECTURE = REPO / "docs" / "architecture.md"
#: The bound on a module's length in graph/ and the page (issue 16).
MAX_LINES = 900


def _packages() -> list[Path]:
    """graph/'s packages (nested ones too) and ui/: the folders the page walks through."""
    found = [p.parent for p in (REPO / "graph").rglob("*/__init__.py")]
    return sorted([*found, REPO / "ui"])


def _modules() -> list[Path]:
    found = (p for folder in ("graph", "ui") for p in (REPO / folder).rglob("*.py"))
    return [*sorted(p for p in found if "__pycache__" not in p.parts), REPO / "dashboard.py"]


def _named_files(text: str) -> set[str]:
    """Every `name.py` (or `name/`) the text puts in code marks."""
    return set(re.findall(r"`([\w./]+(?:\.py|/))`", text))


@pytest.mark.parametrize("folder", _packages(), ids=lambda p: p.name)
def test_the_architecture_page_names_every_module(folder: Path) -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    named = _named_files(text)
    missing = [
        p.name
        for p in sorted(folder.glob("*.py"))
        # Private modules (``_common.py``) are the package's own business.
        if not p.name.startswith("_") and p.name not in {Path(n).name for n in named}
    ]
    assert not missing, f"docs/architecture.md does not name {folder.name}/{missing}"


def test_the_architecture_page_names_only_files_that_exist() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    names = {Path(n.rstrip("/")).name for n in _named_files(text)}
    existing = {p.name for p in REPO.rglob("*") if ".venv" not in p.parts and ".git" not in p.parts}
    assert names - existing == set()


def test_the_readme_links_the_architecture_page() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "(docs/architecture.md)" in readme


@pytest.mark.parametrize("module", _modules(), ids=lambda p: str(p.relative_to(REPO)))
def test_modules_are_short_and_say_what_they_are(module: Path) -> None:
    source = module.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_LINES, f"{module.name}: over {MAX_LINES} lines"
    docstring = ast.get_docstring(ast.parse(source))
    assert (docstring or "").strip(), f"{module.name} has no docstring"

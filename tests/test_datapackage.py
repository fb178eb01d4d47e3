"""The standard agrees with us: the reference implementation of Frictionless Data
(``frictionless``) reads ``data/datapackage.json`` and every table it describes, and finds
nothing wrong, as our own validator (:func:`graph.load.validate`) does.

Where the two could disagree, our validator is the stricter: each descriptor problem the
reference one reports, ours reports too (the cases below), so they cannot drift apart.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from frictionless import FrictionlessException, Package, system

from graph.load import default_data_dir, validate


@pytest.fixture(scope="module")
def report():
    with system.use_context(trusted=True):
        return Package(str(default_data_dir() / "datapackage.json")).validate()


def test_the_reference_validator_finds_no_error_in_the_shipped_data(report) -> None:
    errors = [error.message for task in report.tasks for error in task.errors]
    errors += [error.message for error in report.errors]
    assert report.valid, errors
    assert not errors
    validated = {task.name for task in report.tasks}
    assert {"actors", "relations", "sources", "events", "places"} <= validated


@pytest.mark.parametrize(
    ("change", "ours"),
    [
        (lambda d: d.update(created="2026-11-29"), "is not a date and time of RFC 3339"),
        (
            lambda d: (
                d["resources"][0]["schema"]["fields"][0]
                .setdefault("constraints", {})
                .update(format="uri")
            ),
            "format is a property of the field",
        ),
        (
            lambda d: d["resources"][0]["schema"]["fields"][0].update(type="text"),
            "type",
        ),
    ],
    ids=["created-a-date", "format-as-constraint", "unknown-type"],
)
def test_what_the_reference_refuses_ours_refuses(tmp_path: Path, change, ours: str) -> None:
    folder = tmp_path / "data"
    shutil.copytree(default_data_dir(), folder)
    descriptor_path = folder / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    change(descriptor)
    descriptor_path.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")

    assert _refused_by_the_reference(descriptor_path)
    assert any(ours in issue.message for issue in validate(folder)), validate(folder)


def _refused_by_the_reference(descriptor: Path) -> bool:
    """Whether frictionless finds the package invalid (it raises on a bad descriptor)."""
    try:
        with system.use_context(trusted=True):
            return not Package(str(descriptor)).validate().valid
    except FrictionlessException:
        return True

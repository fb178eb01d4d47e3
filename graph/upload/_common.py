"""Private helpers shared by the modules of :mod:`graph.upload`: an uploaded table, the
issues found, the modes, sizes and the schema an upload is read against."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.load import DATASET_TABLES, DataIssue, Dataset

UploadMode = Literal["extend", "replace"]
_MODES: tuple[str, ...] = ("extend", "replace")

_SHIPPED_DESCRIPTOR = Path(__file__).resolve().parents[2] / "data" / "datapackage.json"
_MB = 1024 * 1024


@dataclass
class _Upload:
    """One uploaded table: where it came from and its rows as text."""

    label: str  # the name the user knows: "actors.csv" or "ours.zip/data/actors.csv"
    table: str  # the table it fills
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # line in the user's file of each row
    usable: bool = False  # read without a problem: its rows can be merged


class _Issues:
    def __init__(self) -> None:
        self.items: list[DataIssue] = []

    def add(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(DataIssue(file, line, field, message))

    def __bool__(self) -> bool:
        return bool(self.items)


def _size(count: int) -> str:
    """``5 MB``, ``1.5 MB``, ``900 KB``, ``12 bytes`` (binary units, as Streamlit counts)."""
    if count >= _MB:
        return _("{n} MB").format(n=f"{count / _MB:.3g}")
    if count >= 1024:
        return _("{n} KB").format(n=f"{count / 1024:.3g}")
    return ngettext("{n} byte", "{n} bytes", count).format(n=count)


def _check_call(files: Any, mode: Any) -> None:
    """Reject programming errors (not bad data) up front, naming the bad value."""
    if mode not in _MODES:
        raise ValueError(f"mode {mode!r} is not one of {', '.join(_MODES)}")
    if isinstance(files, (str, bytes)) or not isinstance(files, Sequence):
        raise TypeError(f"files must be a sequence of (name, bytes) pairs, not {files!r:.60}")
    for item in files:
        if (
            not isinstance(item, tuple)
            or len(item) != 2
            or not isinstance(item[0], str)
            or not isinstance(item[1], (bytes, bytearray, memoryview))
        ):
            raise TypeError(f"each file must be a (name, bytes) pair, not {item!r:.60}")


def _descriptor(base: Dataset | None) -> dict[str, Any]:
    if base is not None:
        return base.descriptor
    return json.loads(_SHIPPED_DESCRIPTOR.read_text(encoding="utf-8"))


def _tables(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The descriptor's resources of the tables of a dataset, by name, in its order."""
    return {
        resource["name"]: resource
        for resource in descriptor["resources"]
        if resource.get("name") in DATASET_TABLES
    }

"""Names every part of the loader shares: the descriptor's file, the dataset's tables, the
rules the descriptor cannot express, and the patterns cells are read with.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from graph.i18n import N_

T = TypeVar("T")

__all__ = [
    "CONDITIONAL_FIELDS",
    "DATASET_TABLES",
    "EVIDENCE_SOURCES",
    "EXCLUDED_KINDS",
    "FORMAT_COMMAND",
    "KIND_REFERENCES",
    "LIST_REFERENCES",
    "ORDERED_FIELDS",
    "parsed_once",
]

_REPO = Path(__file__).resolve().parents[2]  # graph/load/_base.py: the repository
DESCRIPTOR = "datapackage.json"

#: The tables a :class:`Dataset` holds, in the order of its fields.
DATASET_TABLES: tuple[str, ...] = (
    "sources",
    "relation_types",
    "places",
    "actors",
    "relations",
    "events",
    "borders",
    "areas",
)

#: How to rewrite the files canonically; named in the non-canonical message.
FORMAT_COMMAND = "uv run python -m graph format"

# --- Rules the descriptor cannot express ------------------------------------------------

#: Every item of a list field must be a key of another table: (table, field) -> (table, key).
LIST_REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("events", "participants"): ("actors", "id"),
}

#: A field that is a foreign key must point at a row of the given kind:
#: (table, field) -> (referenced table, its kind field, required kind).
KIND_REFERENCES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("borders", "state_a"): ("actors", "kind", "state"),
    ("borders", "state_b"): ("actors", "kind", "state"),
}

#: A field that is a foreign key may not point at a row of the given kind:
#: (table, field) -> (referenced table, its kind field, excluded kind). Areas of operation
#: are for non-state actors: a state's extent is its territory, drawn from the geometry.
EXCLUDED_KINDS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("areas", "actor"): ("actors", "kind", "state"),
}

#: (table, field, value, fields it requires, fields it forbids): on a row whose field
#: holds the value, the required fields must be filled and the forbidden ones empty.
CONDITIONAL_FIELDS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("areas", "extent", "circle", ("place", "radius_km"), ("country",)),
    ("areas", "extent", "country", ("country",), ("radius_km",)),
)

#: (table, earlier, later): the first field may not come after the second. Dates compare
#: by the days they cover (``2021-10`` may end on ``2021-10-05``), numbers by value.
ORDERED_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("sources", "body_from", "body_to"),
    ("relations", "start", "end"),
    ("events", "date", "end"),
)

# (table, field, other): the two fields of a row may not hold the same value.
_DISTINCT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("relations", "target", "source"),
    ("borders", "state_b", "state_a"),
)

# (table, field, via, referenced table, referenced field): the field must equal the
# referenced row's field (a relation carries its type's sign).
_COPIED_FIELDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("relations", "sign", "relation", "relation_types", "sign"),
)

# (table, magnitude, sign): the magnitude's sign agrees with the sign; 0 iff sign 0.
_SIGNED_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("relations", "intensity", "sign"),
    ("relation_types", "default_intensity", "sign"),
)

# (table, field, kind field, kind): the field may be set only on rows of that kind
# (the descriptor says "iso3: states only").
_KIND_ONLY_FIELDS: tuple[tuple[str, str, str, str], ...] = (("actors", "iso3", "kind", "state"),)

#: Fields named ``evidence`` cite this table: (table, first body paragraph, last one).
EVIDENCE_SOURCES: tuple[str, str, str] = ("sources", "body_from", "body_to")

_DEFAULT_TRUE = ("true", "True", "TRUE", "1")
_DEFAULT_FALSE = ("false", "False", "FALSE", "0")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Newlines may appear in a (quoted) cell; other control characters never belong in text.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_CITATION = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*):([0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*)")
_BOM = b"\xef\xbb\xbf"
_INVALID = object()
_OUTSIDE = N_("refused: the file leads outside the data folder (a symbolic link?); not read")


def _show(value: Any, limit: int = 60) -> str:
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def parsed_once(parse: Callable[[str], T], text: str, memo: dict[str, T | str]) -> T | str:
    """What ``parse`` makes of ``text``, or its ValueError's message; each text is parsed
    once per validation (``memo``), as cells repeat across rows."""
    found = memo.get(text)
    if found is None:
        try:
            found = parse(text)
        except ValueError as error:
            found = str(error)
        memo[text] = found
    return found

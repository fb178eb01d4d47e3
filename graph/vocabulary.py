"""The controlled words the code gives a meaning to, read once from the shipped data package.

Confidence levels are ranked (a filter keeps "moderate or better", a line's opacity grows
with them), reliability grades too, and a relation's sign picks its line's dash. Their
words are the ``constraints.enum`` lists of ``data/datapackage.json``, in the order they
are written there (weakest confidence first, best grade first), so the descriptor is the
one list: nothing in ``graph/`` repeats it. A data folder's own descriptor may narrow
these lists but not add to them (:func:`vocabulary_problems`, which the loader applies).

Reading the 41 kB descriptor at import costs about 0.3 ms (``json.loads``), and a broken
shipped descriptor stops the import with its path named rather than a ``KeyError``.

Examples
--------
>>> CONFIDENCE_LEVELS
('low', 'moderate', 'high')
>>> RELIABILITY_GRADES[0], RELIABILITY_GRADES[-1]
('A', 'F')
>>> SIGNS
(-1, 0, 1)
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from graph.i18n import N_, gettext

__all__ = [
    "CONFIDENCE_LEVELS",
    "DESCRIPTOR_PATH",
    "RELIABILITY_GRADES",
    "SIGNS",
    "VOCABULARY",
    "WORDS",
    "vocabulary_problems",
    "word",
]

#: The shipped data package's descriptor, where the vocabulary is written.
DESCRIPTOR_PATH = Path(__file__).resolve().parent.parent / "data" / "datapackage.json"

#: (table, field) -> the shipped descriptor's name for the list read from it.
_CONTROLLED: dict[tuple[str, str], str] = {
    ("relations", "confidence"): "confidence",
    ("events", "confidence"): "confidence",
    ("relations", "source_reliability"): "reliability",
    ("relations", "sign"): "sign",
    ("relation_types", "sign"): "sign",
}


def _read_vocabulary(path: Path) -> dict[tuple[str, str], tuple[Any, ...]]:
    """The enum of each controlled field in the descriptor at ``path``."""
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
        fields = {
            (resource["name"], field["name"]): field
            for resource in descriptor["resources"]
            for field in resource.get("schema", {}).get("fields", [])
        }
        found = {key: tuple(fields[key]["constraints"]["enum"]) for key in _CONTROLLED}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RuntimeError(
            f"{path}: the shipped descriptor must list the enum of "
            f"{', '.join('.'.join(key) for key in _CONTROLLED)} ({error!r})"
        ) from None
    by_name: dict[str, tuple[Any, ...]] = {}
    for key, words in found.items():
        name = _CONTROLLED[key]
        if by_name.setdefault(name, words) != words:
            raise RuntimeError(f"{path}: {'.'.join(key)} lists {words}, not {by_name[name]}")
    return found


#: (table, field) -> its words, in the shipped descriptor's order.
VOCABULARY: Mapping[tuple[str, str], tuple[Any, ...]] = _read_vocabulary(DESCRIPTOR_PATH)

#: ICD 203 confidence levels, lowest first.
CONFIDENCE_LEVELS: tuple[str, ...] = VOCABULARY[("relations", "confidence")]
#: The vocabulary's words a reader sees, marked for the interface's catalog (graph.i18n):
#: the signs' names, a relation's statuses and the confidence levels; :func:`word` says
#: them in the reader's language. tests/test_vocabulary.py holds them to the data package.
WORDS: tuple[str, ...] = (
    N_("cooperative"), N_("hostile"), N_("structural"),
    N_("reported"), N_("agreed"), N_("planned"), N_("alleged"), N_("historical"),
    N_("hypothetical"),
    N_("low"), N_("moderate"), N_("high"),
)  # fmt: skip
#: Admiralty-code source reliability, best first (F: cannot be judged).
RELIABILITY_GRADES: tuple[str, ...] = VOCABULARY[("relations", "source_reliability")]
#: A relation's signs: hostile, structural, cooperative.
SIGNS: tuple[int, ...] = VOCABULARY[("relations", "sign")]


def word(value: Any) -> str:
    """A word of the data's vocabulary (:data:`WORDS`: a sign's name, a status, a
    confidence level) in the current language; any other value as text, unchanged.

    Examples
    --------
    >>> word("alleged"), word("rumoured"), word(None)
    ('alleged', 'rumoured', '')
    >>> from graph.i18n import _current, set_language
    >>> token = set_language("ar")
    >>> word("hostile"), word("high")
    ('عدائية', 'عالية')
    >>> _current.reset(token)
    """
    text = "" if value is None else str(value)
    return gettext(text) if text in WORDS else text


def vocabulary_problems(
    enums: Mapping[tuple[str, str], Collection[Any] | None],
) -> list[tuple[tuple[str, str], str]]:
    """What a data folder's descriptor declares outside the vocabulary the code knows.

    Parameters
    ----------
    enums : mapping
        (table, field) -> the enum that folder's descriptor declares for it, None when it
        declares none. Fields it does not declare are left out (nothing reads them).

    Returns
    -------
    list of ((table, field), message)
        One entry per controlled field whose values the code could not rank or draw.

    Examples
    --------
    >>> vocabulary_problems({("relations", "confidence"): ["low", "high"]})
    []
    >>> [(key, message)] = vocabulary_problems({("relations", "confidence"): ["low", "medium"]})
    >>> key, message
    (('relations', 'confidence'), "'medium' is not a value the program knows (use low, ...)")
    >>> vocabulary_problems({("relations", "confidence"): None})[0][1]
    'must list its values (constraints.enum), a choice of low, moderate, high'
    """
    found: list[tuple[tuple[str, str], str]] = []
    for key, enum in enums.items():
        words = VOCABULARY.get(key)
        if words is None:
            continue
        known = ", ".join(str(word) for word in words)
        if enum is None:
            found.append((key, f"must list its values (constraints.enum), a choice of {known}"))
            continue
        for value in enum:
            if value not in words:
                message = f"{value!r} is not a value the program knows (use {known})"
                found.append((key, message))
    return found

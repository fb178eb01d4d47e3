"""Argument checks of the filters: signs, confidence, grades, dates, names and hops.

Shared by the filter steps (:mod:`graph.filters._selection`) and the spec
(:mod:`graph.filters.spec`): each value is checked and normalised in one place.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

import networkx as nx

from graph.dates import date_range
from graph.i18n import N_
from graph.vocabulary import CONFIDENCE_LEVELS

__all__ = [
    "SIGN_NAMES",
    "_check_actors",
    "_check_hops",
    "_check_kinds",
    "_check_types",
    "_confidence",
    "_grade",
    "_normalise_date",
    "_sign",
]

#: Words for the three signs of a relation (:data:`graph.vocabulary.SIGNS`).
SIGN_NAMES: dict[int, str] = {1: N_("cooperative"), -1: N_("hostile"), 0: N_("structural")}

_SIGN_WORDS = {
    "1": 1,
    "+1": 1,
    "-1": -1,
    "0": 0,
    "+": 1,
    "-": -1,
    **{name: sign for sign, name in SIGN_NAMES.items()},
}
_GRADE = re.compile(r"^([A-F])([1-6])$")


def _normalise_date(value: str | date | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    date_range(value, what)
    return value.isoformat() if isinstance(value, date) else value.strip()


def _sign(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(f"unknown sign {value!r}; use +1, -1 or 0")
    if isinstance(value, int) and value in SIGN_NAMES:
        return value
    word = str(value).strip().lower()
    if word in _SIGN_WORDS:
        return _SIGN_WORDS[word]
    raise ValueError(f"unknown sign {value!r}; use +1, -1, 0 or {', '.join(SIGN_NAMES.values())}")


def _confidence(value: str) -> str:
    word = str(value).strip().lower()
    if word not in CONFIDENCE_LEVELS:
        raise ValueError(f"unknown confidence {value!r}; use one of {', '.join(CONFIDENCE_LEVELS)}")
    return word


def _grade(value: str) -> tuple[str, int]:
    match = _GRADE.match(str(value).strip().upper())
    if not match:
        raise ValueError(
            f"unknown grade {value!r}; use a reliability A-F and a credibility 1-6, like 'B2'"
        )
    return match.group(1), int(match.group(2))


def _check_hops(hops: Any) -> None:
    if isinstance(hops, bool) or not isinstance(hops, int) or hops < 0:
        raise ValueError(f"hops must be a whole number >= 0, not {hops!r}")


def _check_names(
    chosen: Iterable[str], known: Collection[Any], what: str, *, sort: bool
) -> frozenset[str]:
    """``chosen`` as a frozenset, after checking each name is in ``known``; the error names
    ``what`` and lists ``known`` (sorted when ``sort``)."""
    names = frozenset(chosen)
    for name in sorted(names):
        if name not in known:
            listed = sorted(known) if sort else known
            raise ValueError(f"unknown {what} {name!r}; known: {', '.join(listed)}")
    return names


def _check_types(G: nx.MultiDiGraph, types: Iterable[str]) -> frozenset[str]:
    known = G.graph.get("relation_types") or {d.get("relation") for _, _, d in G.edges(data=True)}
    return _check_names(types, known, "relation type", sort=True)


def _check_kinds(G: nx.MultiDiGraph, kinds: Iterable[str]) -> frozenset[str]:
    known = G.graph.get("actor_kinds") or {d.get("kind") for _, d in G.nodes(data=True)}
    return _check_names(kinds, known, "actor kind", sort=False)


def _check_actors(G: nx.MultiDiGraph, actors: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(actors))
    for actor in chosen:
        if actor not in G:
            raise nx.NodeNotFound(f"unknown actor {actor!r}")
    return chosen

"""The filters in words: :func:`describe` the active ones, :func:`explain_empty`, and
:func:`focus_phrase`.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.build import actor_name
from graph.filters._checks import SIGN_NAMES
from graph.filters._selection import _plan, _Selection
from graph.filters.spec import FilterSpec
from graph.text import isolate

__all__ = ["describe", "explain_empty", "focus_phrase"]


def _join(words: list[str], last: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def _type_labels(G: nx.MultiDiGraph | None, types: Iterable[str]) -> list[str]:
    known = (G.graph.get("relation_types") or {}) if G is not None else {}
    return [str(known.get(t, {}).get("label") or t.replace("_", " ")).lower() for t in types]


def _sign_words(signs: Iterable[int | str]) -> list[str]:
    """The names of signs, cooperative first."""
    return [SIGN_NAMES[int(s)] for s in sorted(signs, key=int, reverse=True)]


def _actor_names(G: nx.MultiDiGraph | None, actors: Iterable[str]) -> list[str]:
    if G is None:
        return [isolate(a) for a in actors]
    return [isolate(actor_name(G, a)) for a in actors]


def focus_phrase(names: list[str], hops: int, last: str = "and") -> str:
    """Say in plain words which actors a focus keeps: the chosen ones and their partners
    within ``hops`` relations (never "within 0 hops").

    Examples
    --------
    >>> focus_phrase(["Iran", "Pakistan"], 1)
    'Iran and Pakistan and their direct partners'
    >>> focus_phrase(["Iran"], 0), focus_phrase(["Iran"], 2)
    ('Iran alone', 'Iran and actors up to 2 steps away')
    """
    who = _join(names, last)
    if hops <= 0:
        return f"{who} alone" if len(names) == 1 else f"only {who}"
    if hops == 1:
        return f"{who} and {'its' if len(names) == 1 else 'their'} direct partners"
    return f"{who} and actors up to {hops} steps away"


def _time_phrase(spec: FilterSpec) -> str:
    if spec.on is not None:
        precise = len(spec.on) == 10
        return f"in force on {spec.on}" if precise else f"in force during {spec.on}"
    if spec.date_from and spec.date_to:
        return f"in force between {spec.date_from} and {spec.date_to}"
    if spec.date_from:
        return f"in force from {spec.date_from} on"
    if spec.date_to:
        return f"in force up to {spec.date_to}"
    return ""


def _kind_words(kinds: Iterable[str]) -> list[str]:
    return [k.replace("_", " ") for k in kinds]


def describe(spec: FilterSpec, G: nx.MultiDiGraph | None = None) -> str:
    """Return a one-line summary of the active filters, for the top of a view.

    Parameters
    ----------
    spec : FilterSpec
        The choices.
    G : networkx.MultiDiGraph, optional
        Gives the labels of relation types and the names of actors (ids otherwise).

    Returns
    -------
    str
        Parts joined with " · "; "All relations" when nothing is filtered.

    Notes
    -----
    Cost O(number of choices).

    Examples
    --------
    >>> spec = FilterSpec(types=["border_security", "military_cooperation"],
    ...                   on="2021-10-27", min_confidence="moderate")
    >>> describe(spec)
    'Border security, military cooperation · in force on 2021-10-27 · confidence moderate or higher'
    """
    parts: list[str] = []
    if spec.types is not None:
        labels = _type_labels(G, spec.types)
        parts.append(", ".join(labels) if labels else "no relation types")
    if spec.signs is not None:
        words = _sign_words(spec.signs)
        parts.append(f"{_join(words, 'or')} relations" if words else "no signs")
    if spec.kinds is not None:
        parts.append(f"actors: {', '.join(_kind_words(spec.kinds)) or 'none'}")
    if time := _time_phrase(spec):
        parts.append(time if spec.keep_undated else f"{time}, undated ones left out")
    if spec.min_confidence is not None:
        parts.append(f"confidence {spec.min_confidence} or higher")
    if spec.min_grade is not None:
        parts.append(f"graded {spec.min_grade} or better")
    if spec.search:
        parts.append(f"matching “{isolate(spec.search)}”")
    if spec.focus:
        parts.append(focus_phrase(_actor_names(G, spec.focus), spec.hops))
    if not spec.keep_isolates:
        parts.append("actors without relations hidden")
    if not parts:
        return "All relations"
    return " · ".join([parts[0][:1].upper() + parts[0][1:], *parts[1:]])


_ADVICE = {
    "types": "choose more relation types",
    "signs": "include more signs",
    "time": "widen the date",
    "confidence": "lower the minimum confidence",
    "grade": "lower the minimum grade",
    "kinds": "include more kinds of actor",
    "search": "try other words",
    "focus": "add hops or choose other actors",
}


def _empty_phrase(G: nx.MultiDiGraph, spec: FilterSpec, upto: str) -> str:
    if upto == "types" and spec.types == ():
        return "No relation types are chosen"
    if upto == "signs" and spec.signs == ():
        return "No signs are chosen"
    if upto == "kinds" and spec.kinds == ():
        return "No kinds of actor are chosen"
    order = ["types", "signs", "time", "confidence", "grade", "kinds", "search", "focus"]
    active = set(order[: order.index(upto) + 1])
    noun = []
    if "signs" in active and spec.signs is not None:
        noun.append(_join(_sign_words(spec.signs), "or"))
    if "types" in active and spec.types is not None:
        noun.append(_join(_type_labels(G, spec.types), "or"))
    qualifiers = []
    if "kinds" in active and spec.kinds is not None:
        qualifiers.append(f"among {_join(_kind_words(spec.kinds), 'and')} actors")
    if "time" in active and (time := _time_phrase(spec)):
        qualifiers.append(time)
    if "confidence" in active and spec.min_confidence is not None:
        qualifiers.append(f"held with {spec.min_confidence} confidence or higher")
    if "grade" in active and spec.min_grade is not None:
        qualifiers.append(f"graded {spec.min_grade} or better")
    if "search" in active and spec.search:
        qualifiers.append(f"touching an actor matching “{isolate(spec.search)}”")
    if "focus" in active and spec.focus:
        qualifiers.append(f"among {focus_phrase(_actor_names(G, spec.focus), spec.hops)}")
    head = " ".join(["No", *noun, "relations"])
    return " ".join([head, ", ".join(qualifiers)]) if qualifiers else head


def explain_empty(G: nx.MultiDiGraph, spec: FilterSpec) -> str:
    """Say which filter left the view without relations, and how to widen it.

    The filters are applied one after another in the order of :func:`apply_filters`; the
    first that leaves no relation is named with everything applied up to it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The unfiltered relationship graph.
    spec : FilterSpec
        The choices.

    Returns
    -------
    str
        One sentence, or ``""`` when the filtered view still has relations.

    Notes
    -----
    Cost O(n + m) per active filter.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -4.0, "start": "2021-08"}],
    ... )
    >>> explain_empty(G, FilterSpec(signs=[-1], on="2019-05-01"))
    'No hostile relations in force on 2019-05-01; widen the date.'
    >>> explain_empty(G, FilterSpec(signs=[-1]))
    ''
    """
    if G.number_of_edges() == 0:
        return "The data holds no relations."
    selection = _Selection(G)
    for name, step in _plan(G, spec):
        step(selection)
        if not selection.has_edges():
            return f"{_empty_phrase(G, spec, name)}; {_ADVICE[name]}."
    return ""

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
from graph.i18n import N_, ngettext
from graph.i18n import gettext as _
from graph.text import isolate
from graph.vocabulary import word

__all__ = [
    "confidence_word",
    "describe",
    "explain_empty",
    "focus_phrase",
    "join_words",
    "sign_word",
]


def sign_word(sign: int) -> str:
    """The name of a sign in the page's language (:data:`SIGN_NAMES`), e.g. "hostile".

    Examples
    --------
    >>> sign_word(-1), sign_word(1)
    ('hostile', 'cooperative')
    """
    return word(SIGN_NAMES[sign])


def confidence_word(level: str) -> str:
    """A confidence level ("high", "moderate", "low") in the page's language; another
    word unchanged.

    Examples
    --------
    >>> confidence_word("moderate"), confidence_word("certain")
    ('moderate', 'certain')
    """
    return word(level)


def join_words(words: list[str], last: str = "and") -> str:
    """Words as a list in a sentence: ``a, b and c`` (``last`` "and" or "or").

    Examples
    --------
    >>> join_words(["Iran", "Pakistan", "Iraq"]), join_words(["a", "b"], "or")
    ('Iran, Pakistan and Iraq', 'a or b')
    """
    if len(words) <= 1:
        return "".join(words)
    items = _(", ").join(words[:-1])
    if last == "and":
        return _("{items} and {last}").format(items=items, last=words[-1])
    if last == "or":
        return _("{items} or {last}").format(items=items, last=words[-1])
    return f"{items} {last} {words[-1]}"


_join = join_words


def _type_labels(G: nx.MultiDiGraph | None, types: Iterable[str]) -> list[str]:
    known = (G.graph.get("relation_types") or {}) if G is not None else {}
    return [str(known.get(t, {}).get("label") or t.replace("_", " ")).lower() for t in types]


def _sign_words(signs: Iterable[int | str]) -> list[str]:
    """The names of signs, cooperative first."""
    return [sign_word(int(s)) for s in sorted(signs, key=int, reverse=True)]


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
    one = len(names) == 1
    if hops <= 0:
        return _("{who} alone").format(who=who) if one else _("only {who}").format(who=who)
    if hops == 1:
        if one:
            return _("{who} and its direct partners").format(who=who)
        return _("{who} and their direct partners").format(who=who)
    return ngettext(
        "{who} and actors up to {hops} step away", "{who} and actors up to {hops} steps away", hops
    ).format(who=who, hops=hops)


def _time_phrase(spec: FilterSpec) -> str:
    if spec.on is not None:
        if len(spec.on) == 10:
            return _("in force on {date}").format(date=spec.on)
        return _("in force during {date}").format(date=spec.on)
    if spec.date_from and spec.date_to:
        return _("in force between {start} and {end}").format(
            start=spec.date_from, end=spec.date_to
        )
    if spec.date_from:
        return _("in force from {date} on").format(date=spec.date_from)
    if spec.date_to:
        return _("in force up to {date}").format(date=spec.date_to)
    return ""


def _kind_words(kinds: Iterable[str]) -> list[str]:
    """Actor kinds in words: the kind's id with spaces, or its label in another language
    than English (the labels of :data:`graph.style.ACTOR_KIND_STYLES`)."""
    from graph.style import ACTOR_KIND_STYLES  # graph.style imports graph.filters

    words = []
    for kind in kinds:
        style = ACTOR_KIND_STYLES.get(kind)
        label = _(style.label) if style is not None else ""
        words.append(
            label if style is not None and label != style.label else kind.replace("_", " ")
        )
    return words


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
        parts.append(_(", ").join(labels) if labels else _("no relation types"))
    if spec.signs is not None:
        words = _sign_words(spec.signs)
        parts.append(
            _("{signs} relations").format(signs=_join(words, "or")) if words else _("no signs")
        )
    if spec.kinds is not None:
        kinds = _(", ").join(_kind_words(spec.kinds)) or _("none")
        parts.append(_("actors: {kinds}").format(kinds=kinds))
    if time := _time_phrase(spec):
        parts.append(
            time if spec.keep_undated else _("{time}, undated ones left out").format(time=time)
        )
    if spec.min_confidence is not None:
        parts.append(
            _("confidence {level} or higher").format(level=confidence_word(spec.min_confidence))
        )
    if spec.min_grade is not None:
        parts.append(_("graded {grade} or better").format(grade=spec.min_grade))
    if spec.search:
        parts.append(_("matching “{search}”").format(search=isolate(spec.search)))
    if spec.focus:
        parts.append(focus_phrase(_actor_names(G, spec.focus), spec.hops))
    if not spec.keep_isolates:
        parts.append(_("actors without relations hidden"))
    if not parts:
        return _("All relations")
    return " · ".join([parts[0][:1].upper() + parts[0][1:], *parts[1:]])


#: How to widen each filter that left the view empty (see :func:`explain_empty`).
_ADVICE = {
    "types": N_("choose more relation types"),
    "signs": N_("include more signs"),
    "time": N_("widen the date"),
    "confidence": N_("lower the minimum confidence"),
    "grade": N_("lower the minimum grade"),
    "kinds": N_("include more kinds of actor"),
    "search": N_("try other words"),
    "focus": N_("add hops or choose other actors"),
}


def _no_relations(signs: str | None, types: str | None) -> str:
    """ "No relations", with the signs and types they would have."""
    if signs is not None and types is not None:
        return _("No {signs} {types} relations").format(signs=signs, types=types)
    if signs is not None:
        return _("No {signs} relations").format(signs=signs)
    if types is not None:
        return _("No {types} relations").format(types=types)
    return _("No relations")


def _empty_phrase(G: nx.MultiDiGraph, spec: FilterSpec, upto: str) -> str:
    if upto == "types" and spec.types == ():
        return _("No relation types are chosen")
    if upto == "signs" and spec.signs == ():
        return _("No signs are chosen")
    if upto == "kinds" and spec.kinds == ():
        return _("No kinds of actor are chosen")
    order = ["types", "signs", "time", "confidence", "grade", "kinds", "search", "focus"]
    active = set(order[: order.index(upto) + 1])
    signs = types = None
    if "signs" in active and spec.signs is not None:
        signs = _join(_sign_words(spec.signs), "or")
    if "types" in active and spec.types is not None:
        types = _join(_type_labels(G, spec.types), "or")
    qualifiers = []
    if "kinds" in active and spec.kinds is not None:
        kinds = _join(_kind_words(spec.kinds), "and")
        qualifiers.append(_("among {kinds} actors").format(kinds=kinds))
    if "time" in active and (time := _time_phrase(spec)):
        qualifiers.append(time)
    if "confidence" in active and spec.min_confidence is not None:
        level = confidence_word(spec.min_confidence)
        qualifiers.append(_("held with {level} confidence or higher").format(level=level))
    if "grade" in active and spec.min_grade is not None:
        qualifiers.append(_("graded {grade} or better").format(grade=spec.min_grade))
    if "search" in active and spec.search:
        search = isolate(spec.search)
        qualifiers.append(_("touching an actor matching “{search}”").format(search=search))
    if "focus" in active and spec.focus:
        focus = focus_phrase(_actor_names(G, spec.focus), spec.hops)
        qualifiers.append(_("among {focus}").format(focus=focus))
    head = _no_relations(signs, types)
    if not qualifiers:
        return head
    return f"{head} {_(', ').join(qualifiers)}"


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
        return _("The data holds no relations.")
    selection = _Selection(G)
    for name, step in _plan(G, spec):
        step(selection)
        if not selection.has_edges():
            return _("{problem}; {advice}.").format(
                problem=_empty_phrase(G, spec, name), advice=_(_ADVICE[name])
            )
    return ""

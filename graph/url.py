"""The page's state in its address and its widgets, without Streamlit: which filters, selection,
story step, compared dates and connected actors a URL asks for (and which of its values are
ignored, with a reason), what a click on a figure selects, and the widgets' values of a view
and back.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, NamedTuple

import networkx as nx

from graph.dates import FIRST_DAY, LAST_DAY, DateOutOfRange, parse_partial_date
from graph.filters import FilterSpec, describe
from graph.i18n import gettext as _
from graph.vocabulary import RELIABILITY_GRADES

__all__ = [
    "CONFIDENCE_CHOICES",
    "DATE_MODES",
    "FILTER_QUERY_KEYS",
    "SELECTION_KINDS",
    "SIGN_CHOICES",
    "Selection",
    "compare_pair",
    "connect_pair",
    "grade_from_parts",
    "grade_parts",
    "page_query",
    "selection_from_event",
    "selection_from_query",
    "spec_from_query",
    "spec_from_widgets",
    "story_step",
    "summary_text",
    "view_selection",
    "widget_state",
]

#: Query parameters that carry filters (as :meth:`FilterSpec.to_query` writes them).
FILTER_QUERY_KEYS: tuple[str, ...] = (
    "types",
    "signs",
    "kinds",
    "on",
    "from",
    "to",
    "min_confidence",
    "min_grade",
    "focus",
    "hops",
    "search",
    "isolates",
    "undated",
)

#: Choices of the sign widget, in reading order.
SIGN_CHOICES: tuple[int, ...] = (1, -1, 0)
#: Choices of the minimum-confidence widget ("low" keeps every relation, as "any" does).
CONFIDENCE_CHOICES: tuple[str, ...] = ("any", "moderate", "high")
#: Modes of the date control: every relation, those in force on a day, or in a window.
DATE_MODES: tuple[str, ...] = ("all", "on", "window")

#: What a click or the URL can select; each is also the selection's query parameter.
#: ``relations`` is several relations drawn as one line or arc (ids joined by commas).
SELECTION_KINDS: tuple[str, ...] = ("actor", "relation", "relations", "place", "border")

_DATE_KEYS = ("on", "from", "to")


class Selection(NamedTuple):
    """What the reader selected: ``kind`` (one of :data:`SELECTION_KINDS`) and its id."""

    kind: str
    id: str


# --------------------------------------------------------------------------- the URL


def _values(raw: str | Iterable[str]) -> list[str]:
    return [raw] if isinstance(raw, str) else [str(value) for value in raw]


def _shown(values: Sequence[str]) -> str:
    return ", ".join(repr(value) for value in values)


def spec_from_query(
    G: nx.MultiDiGraph, query: Mapping[str, str | Iterable[str]]
) -> tuple[FilterSpec, list[str]]:
    """Read the filters of a URL, ignoring what is wrong with a reason for each.

    Unlike :meth:`FilterSpec.from_query`, which refuses a query with any bad value, each
    parameter is read on its own: an unknown relation type, actor kind or focus actor is
    dropped (the others stay), a value that does not parse drops its parameter, and a
    date window that contradicts itself drops the dates. The page hides actors left
    without relations unless the URL says ``isolates=show`` (``isolates=hide`` is
    accepted too), so that a narrow filter does not leave a cloud of unrelated actors.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph: its ``relation_types``, ``actor_kinds`` and actors
        are the values a URL may name.
    query : mapping of str to str or list of str
        URL query parameters; keys other than :data:`FILTER_QUERY_KEYS` are ignored.

    Returns
    -------
    (FilterSpec, list of str)
        The filters, and one sentence per ignored value.

    Notes
    -----
    Cost O(number of values) plus O(n) to check focus actors.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records([{"id": "iran", "kind": "state"}], [])
    >>> G.graph["relation_types"] = {"rivalry": {}, "trade": {}}
    >>> spec, warnings = spec_from_query(G, {"types": ["trade", "smuggling"], "on": "2021-13"})
    >>> spec.types, spec.on, spec.keep_isolates
    (('trade',), None, False)
    >>> for warning in warnings:  # doctest: +ELLIPSIS
    ...     print(warning)
    Ignored the unknown relation type 'smuggling' in the address.
    Ignored on='2021-13' in the address: on: date '2021-13' does not parse (...).
    """
    known = {
        "types": (
            _("Ignored the unknown relation type {value} in the address."),
            set(G.graph.get("relation_types") or ()),
        ),
        "kinds": (
            _("Ignored the unknown actor kind {value} in the address."),
            set(G.graph.get("actor_kinds") or ()),
        ),
        "focus": (_("Ignored the unknown focus actor {value} in the address."), set(G)),
    }
    accepted: dict[str, list[str]] = {}
    warnings: list[str] = []
    for key in FILTER_QUERY_KEYS:
        if key not in query:
            continue
        values = _values(query[key])
        if key == "isolates":
            accepted[key] = ["hide"] if values and values[-1] != "show" else []
            continue
        try:
            FilterSpec.from_query({key: values})
        except (ValueError, TypeError) as error:
            shown = values[-1] if len(values) == 1 else values
            warnings.append(
                _("Ignored {key}={value} in the address: {error}.").format(
                    key=key, value=repr(shown), error=error
                )
            )
            continue
        if key in known:
            sentence, allowed = known[key]
            unknown = [value for value in values if value and value not in allowed]
            for value in unknown:
                warnings.append(sentence.format(value=repr(value)))
            kept = [value for value in values if value not in unknown]
            if unknown and not [value for value in kept if value]:
                continue  # nothing valid left: the filter is off, not "none chosen"
            values = kept
        accepted[key] = values
    accepted.setdefault("isolates", ["hide"])
    if not accepted["isolates"]:
        del accepted["isolates"]
    try:
        spec = FilterSpec.from_query(accepted)
    except ValueError as error:
        dates = {key: accepted.pop(key) for key in _DATE_KEYS if key in accepted}
        shown = ", ".join(f"{key}={values[-1]}" for key, values in dates.items())
        warnings.append(
            _("Ignored the dates in the address ({dates}): {error}.").format(
                dates=shown, error=error
            )
        )
        spec = FilterSpec.from_query(accepted)
    return spec, warnings


def selection_from_query(
    query: Mapping[str, str | Iterable[str]], known: Mapping[str, Collection[str]]
) -> tuple[Selection | None, list[str]]:
    """Read the selection of a URL (``actor=``, ``relation=`` ...), if it names a known id.

    Parameters
    ----------
    query : mapping of str to str or list of str
        URL query parameters.
    known : mapping of str to collection of str
        The ids each kind of selection may name, e.g. ``{"actor": G.nodes}``; for
        ``relations`` every comma-separated id must be a known ``relation``.

    Returns
    -------
    (Selection or None, list of str)
        The first selection found in :data:`SELECTION_KINDS` order, and a sentence for
        each id that is not known.

    Notes
    -----
    Cost O(number of query values).

    Examples
    --------
    >>> selection_from_query({"actor": "iran"}, {"actor": {"iran", "pakistan"}})
    (Selection(kind='actor', id='iran'), [])
    >>> selection_from_query({"relation": "R999"}, {"relation": {"R001"}})
    (None, ["Ignored relation='R999' in the address: there is no such relation."])
    >>> selection_from_query({"relations": "R1,R2,R1"}, {"relation": {"R1", "R2"}})[0]
    Selection(kind='relations', id='R1,R2')
    """
    no_such = {
        "actor": _("Ignored actor={id} in the address: there is no such actor."),
        "relation": _("Ignored relation={id} in the address: there is no such relation."),
        "relations": _("Ignored relations={id} in the address: there is no such relations."),
        "place": _("Ignored place={id} in the address: there is no such place."),
        "border": _("Ignored border={id} in the address: there is no such border."),
    }
    warnings: list[str] = []
    for kind in SELECTION_KINDS:
        if kind not in query:
            continue
        values = _values(query[kind])
        if not values or not values[-1]:
            continue
        ident = values[-1]
        if kind == "relations":
            parts = list(dict.fromkeys(part for part in ident.split(",") if part))  # once each
            good = bool(parts) and all(part in known.get("relation", ()) for part in parts)
            if good and len(parts) == 1:
                return Selection("relation", parts[0]), warnings
            ident = ",".join(parts) if good else ident
        else:
            good = ident in known.get(kind, ())
        if good:
            return Selection(kind, ident), warnings
        warnings.append(no_such[kind].format(id=repr(ident)))
    return None, warnings


def page_query(
    spec: FilterSpec, selection: Selection | None = None, extra: Mapping[str, str] | None = None
) -> dict[str, list[str]]:
    """Return the URL query parameters of a view: filters, selection and view options.

    The inverse of :func:`spec_from_query` and :func:`selection_from_query`: actors left
    without relations are hidden unless ``isolates=show``.

    Parameters
    ----------
    spec : FilterSpec
        The filters.
    selection : Selection, optional
        The selected actor, relation, place or border.
    extra : mapping of str to str, optional
        Further options of the view (e.g. ``{"size": "betweenness"}``); empty values are
        left out.

    Returns
    -------
    dict of str to list of str

    Notes
    -----
    Cost O(number of choices).

    Examples
    --------
    >>> page_query(FilterSpec(signs=[-1], keep_isolates=False), Selection("actor", "iran"))
    {'signs': ['-1'], 'actor': ['iran']}
    >>> page_query(FilterSpec(), extra={"size": "degree"})
    {'isolates': ['show'], 'size': ['degree']}
    """
    query = spec.to_query()
    query.pop("isolates", None)
    if spec.keep_isolates:
        query["isolates"] = ["show"]
    if selection is not None:
        query[selection.kind] = [selection.id]
    for key, value in (extra or {}).items():
        if value:
            query[key] = [value]
    return query


def summary_text(spec: FilterSpec, G: nx.MultiDiGraph | None = None) -> str:
    """One line saying what the page shows (:func:`graph.filters.describe`), in the page's
    terms: hiding actors without relations is the page's default, so it goes unsaid,
    and showing them is said.

    Notes
    -----
    Cost O(number of choices).

    Examples
    --------
    >>> summary_text(FilterSpec(keep_isolates=False))
    'All relations'
    >>> summary_text(FilterSpec(signs=[-1]))
    'Hostile relations · actors without relations shown'
    """
    text = describe(replace(spec, keep_isolates=True), G)
    if spec.keep_isolates:
        return _("{summary} · actors without relations shown").format(summary=text)
    return text


# --------------------------------------------------------------------------- widgets


def widget_state(
    G: nx.MultiDiGraph, spec: FilterSpec, *, kinds: Sequence[str], max_hops: int = 5
) -> tuple[dict[str, Any], list[str]]:
    """Return the values of the page's filter widgets that show ``spec``.

    The inverse of :func:`spec_from_widgets`. A partial ``on`` date ("in force during
    2021-10") becomes the window of its first and last days, which keeps the same
    relations; a date window is given as whole days.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph (its relation types are the type widget's options).
    spec : FilterSpec
        The filters, e.g. from :func:`spec_from_query`.
    kinds : sequence of str
        The actor kinds the kind widget offers.
    max_hops : int, default 5
        The largest number of hops the widget offers; more is cut down, with a warning.

    Returns
    -------
    (dict, list of str)
        Widget key -> value (keys ``f_types``, ``f_signs``, ``f_kinds``, ``f_date_mode``,
        ``f_on``, ``f_from``, ``f_to``, ``f_conf``, ``f_rel``, ``f_cred``, ``f_focus``,
        ``f_hops``, ``f_search``, ``f_isolates``, ``f_undated``), and warnings.

    Notes
    -----
    Cost O(t + k) for t relation types and k kinds.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records([{"id": "iran", "kind": "state"}], [])
    >>> G.graph["relation_types"] = {"rivalry": {}, "trade": {}}
    >>> values, _ = widget_state(G, FilterSpec(on="2021-10", min_grade="C6"), kinds=["state"])
    >>> values["f_types"], values["f_date_mode"], values["f_from"], values["f_to"]
    (['rivalry', 'trade'], 'window', datetime.date(2021, 10, 1), datetime.date(2021, 10, 31))
    >>> values["f_rel"], values["f_cred"]
    ('C', None)
    """
    types = list(G.graph.get("relation_types") or ())
    warnings: list[str] = []
    values: dict[str, Any] = {
        "f_types": [t for t in types if spec.types is None or t in spec.types],
        "f_signs": [s for s in SIGN_CHOICES if spec.signs is None or s in spec.signs],
        "f_kinds": [k for k in kinds if spec.kinds is None or k in spec.kinds],
        "f_date_mode": "all",
        "f_on": None,
        "f_from": None,
        "f_to": None,
        "f_conf": spec.min_confidence if spec.min_confidence in CONFIDENCE_CHOICES else "any",
        "f_focus": list(spec.focus),
        "f_hops": min(spec.hops, max_hops),
        "f_search": spec.search,
        "f_isolates": spec.keep_isolates,
        "f_undated": spec.keep_undated,
    }
    values["f_rel"], values["f_cred"] = grade_parts(spec.min_grade)
    if spec.on is not None:
        day = parse_partial_date(spec.on)
        if day.precision == "day":
            values.update(f_date_mode="on", f_on=day.first)
        else:
            values.update(f_date_mode="window", f_from=day.first, f_to=day.last)
    elif spec.date_from is not None or spec.date_to is not None:
        values["f_date_mode"] = "window"
        if spec.date_from:
            values["f_from"] = parse_partial_date(spec.date_from).first
        if spec.date_to:
            values["f_to"] = parse_partial_date(spec.date_to).last
    if spec.hops > max_hops:
        warnings.append(
            _("Focus hops cut to {max_hops} (the address asked for {hops}).").format(
                max_hops=max_hops, hops=spec.hops
            )
        )
    return values, warnings


def spec_from_widgets(
    G: nx.MultiDiGraph, values: Mapping[str, Any], *, kinds: Sequence[str]
) -> tuple[FilterSpec, list[str]]:
    """Return the filters the page's widgets choose (keys as in :func:`widget_state`).

    Every relation type, sign or kind chosen means "no filter" (None), so the URL of the
    default view stays clean; none chosen means none (an empty view that says why). A
    date window whose start follows its end is ignored, with a warning.

    Notes
    -----
    Cost O(t + k) for t relation types and k kinds.

    Examples
    --------
    >>> from datetime import date
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records([{"id": "iran", "kind": "state"}], [])
    >>> G.graph["relation_types"] = {"rivalry": {}, "trade": {}}
    >>> spec, _ = spec_from_widgets(G, {"f_types": ["trade"], "f_signs": [1, -1, 0],
    ...     "f_date_mode": "on", "f_on": date(2021, 10, 27), "f_rel": "B"}, kinds=["state"])
    >>> spec.types, spec.signs, spec.on, spec.min_grade
    (('trade',), None, '2021-10-27', 'B6')
    >>> spec, warnings = spec_from_widgets(G, {"f_date_mode": "window",
    ...     "f_from": date(2021, 1, 1), "f_to": date(2020, 1, 1)}, kinds=["state"])
    >>> spec.date_from, warnings
    (None, ['The dates are ignored: window starts (2021-01-01) after it ends (2020-01-01).'])
    """
    types = list(G.graph.get("relation_types") or ())

    def chosen(key: str, every: Sequence[Any]) -> list[Any] | None:
        picked = values.get(key)
        if picked is None or set(picked) >= set(every):
            return None
        return list(picked)

    spec_values: dict[str, Any] = {
        "types": chosen("f_types", types),
        "signs": chosen("f_signs", SIGN_CHOICES),
        "kinds": chosen("f_kinds", kinds),
        "min_confidence": None if values.get("f_conf") in (None, "any") else str(values["f_conf"]),
        "min_grade": grade_from_parts(values.get("f_rel"), values.get("f_cred")),
        "focus": list(values.get("f_focus") or ()),
        "hops": int(values.get("f_hops", 1)),
        "search": str(values.get("f_search") or ""),
        "keep_isolates": bool(values.get("f_isolates", False)),
        "keep_undated": bool(values.get("f_undated", True)),
    }
    mode = values.get("f_date_mode", "all")
    if mode == "on" and isinstance(values.get("f_on"), date):
        spec_values["on"] = values["f_on"].isoformat()
    elif mode == "window":
        for key, name in (("f_from", "date_from"), ("f_to", "date_to")):
            if isinstance(values.get(key), date):
                spec_values[name] = values[key].isoformat()
    warnings: list[str] = []
    try:
        spec = FilterSpec(**spec_values)
    except ValueError as error:
        warnings.append(_("The dates are ignored: {error}.").format(error=error))
        for name in ("on", "date_from", "date_to"):
            spec_values.pop(name, None)
        spec = FilterSpec(**spec_values)
    return spec, warnings


# --------------------------------------------------------------------------- clicks


def selection_from_event(event: Any) -> Selection | None:
    """Return what a click on a figure selected, from Streamlit's selection event.

    The figures give each clickable point a ``customdata`` of ``[kind, id]``: ``actor``,
    ``relation``, ``relations`` (ids joined by commas), ``place``, ``border`` or
    ``country``. A country that is no actor selects nothing.

    Parameters
    ----------
    event : mapping or None
        The event ``st.plotly_chart(..., on_select="rerun")`` returns (or stores under
        its key): ``{"selection": {"points": [{"customdata": [...]}, ...]}}``.

    Returns
    -------
    Selection or None
        The first point that names something selectable.

    Notes
    -----
    Cost O(points in the event).

    Examples
    --------
    >>> selection_from_event({"selection": {"points": [{"customdata": ["actor", "iran"]}]}})
    Selection(kind='actor', id='iran')
    >>> selection_from_event({"selection": {"points": []}}) is None
    True
    """
    for point in _points(event):
        custom = point.get("customdata") if isinstance(point, Mapping) else None
        if (
            isinstance(custom, Sequence)
            and not isinstance(custom, str)
            and len(custom) >= 2
            and custom[0] in SELECTION_KINDS
            and custom[1]
        ):
            return Selection(str(custom[0]), str(custom[1]))
    return None


def _points(event: Any) -> list[Any]:
    if not isinstance(event, Mapping):
        return []
    selection = event.get("selection")
    if not isinstance(selection, Mapping):
        return []
    points = selection.get("points")
    return list(points) if isinstance(points, Sequence) else []


# --------------------------------------------------------------------------- grades, dates, key


def grade_parts(grade: str | None) -> tuple[str | None, int | None]:
    """Split a minimum Admiralty grade into the two widget values (None: any).

    ``F`` and ``6`` accept everything, so they read back as "any".

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> grade_parts("B2"), grade_parts("C6"), grade_parts(None)
    (('B', 2), ('C', None), (None, None))
    """
    if not grade:
        return None, None
    letter, digit = grade[0], int(grade[1:])
    return (None if letter == "F" else letter), (None if digit == 6 else digit)


def grade_from_parts(reliability: str | None, credibility: int | None) -> str | None:
    """Join the two widget values into a minimum grade for :class:`FilterSpec` (None: any).

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> grade_from_parts("B", None), grade_from_parts(None, 3), grade_from_parts(None, None)
    ('B6', 'F3', None)
    """
    if reliability is None and credibility is None:
        return None
    return f"{reliability or RELIABILITY_GRADES[-1]}{credibility or 6}"


# --------------------------------------------------------------------------- views, exports


def view_selection(view: Any, known: Mapping[str, Collection[str]]) -> Selection | None:
    """The selection a saved view names (an actor or a relation id), if it is known.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> from graph.views import View
    >>> view_selection(View("v", "V", selection="iran"), {"actor": {"iran"}})
    Selection(kind='actor', id='iran')
    >>> view_selection(View("v", "V", selection="R9"), {"actor": {"iran"}}) is None
    True
    """
    ident = getattr(view, "selection", None)
    if not ident:
        return None
    for kind in ("actor", "relation"):
        if ident in known.get(kind, ()):
            return Selection(kind, str(ident))
    return None


def connect_pair(
    value: str | Iterable[str] | None, actors: Collection[str]
) -> tuple[tuple[str, str] | None, str | None]:
    """Read the two actors whose connection the reader asked for (``?connect=a,b``, or a
    saved view's pair): ``(pair, None)``, or ``(None, why not)``.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> connect_pair("turkey,iran", {"turkey", "iran"})
    (('turkey', 'iran'), None)
    >>> connect_pair(["iran", "iran"], {"iran"})
    (None, 'choose two different actors')
    >>> connect_pair("turkey,atlantis", {"turkey"})
    (None, "there is no actor 'atlantis'")
    >>> connect_pair("", {"turkey"})
    (None, None)
    """
    if value is None:
        return None, None
    parts = [p.strip() for p in (value.split(",") if isinstance(value, str) else value)]
    parts = [p for p in parts if p]
    if not parts:
        return None, None
    if len(parts) != 2:
        return None, _("name two actors, like turkey,jaish-al-adl, not {count}").format(
            count=len(parts)
        )
    for actor in parts:
        if actor not in actors:
            return None, _("there is no actor {id}").format(id=repr(actor))
    if parts[0] == parts[1]:
        return None, _("choose two different actors")
    return (parts[0], parts[1]), None


def story_step(
    query: Mapping[str, str | Iterable[str]], stories: Mapping[str, Any]
) -> tuple[str, int] | None:
    """The story and its step (1-based) a URL asks for (``story=slug&step=3``), if known.

    A step out of range is brought into range; a missing or bad step is the first.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> from graph.views import Story
    >>> stories = {"s": Story("s", "S", views=("a", "b"))}
    >>> story_step({"story": "s", "step": "9"}, stories), story_step({"story": "x"}, stories)
    (('s', 2), None)
    """
    values = _values(query.get("story") or [])
    if not values or values[-1] not in stories:
        return None
    slug = values[-1]
    try:
        step = int(_values(query.get("step") or ["1"])[-1])
    except ValueError:
        step = 1
    count = max(len(getattr(stories[slug], "views", ())), 1)
    return slug, min(max(step, 1), count)


def compare_pair(before: str | None, after: str | None) -> tuple[tuple[str, str] | None, str]:
    """Read the two dates of "what changed": a pair of ISO (partial) dates, or why not.

    Both empty means no comparison (and no message).

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> compare_pair("2017", "2021-10-27")
    (('2017', '2021-10-27'), '')
    >>> compare_pair("", "")
    (None, '')
    >>> compare_pair("2021", "2017")[1]
    'The first date (2021) is after the second (2017).'
    >>> compare_pair("2021-13", "2022")[1]
    "'2021-13' is not a date like 2021, 2021-10 or 2021-10-27."
    >>> compare_pair("0001", "2021")[1]
    '0001 is outside the years 1800 to 2199.'
    """
    first, second = (str(value or "").strip() for value in (before, after))
    if not first and not second:
        return None, ""
    if not first or not second:
        return None, _("Give both dates to compare.")
    for text in (first, second):
        try:
            parse_partial_date(text)
        except DateOutOfRange:
            return None, _("{date} is outside the years {first} to {last}.").format(
                date=text, first=FIRST_DAY.year, last=LAST_DAY.year
            )
        except ValueError:
            return None, _("{date} is not a date like 2021, 2021-10 or 2021-10-27.").format(
                date=repr(text)
            )
    if parse_partial_date(first).first > parse_partial_date(second).first:
        return None, _("The first date ({first}) is after the second ({second}).").format(
            first=first, second=second
        )
    return (first, second), ""

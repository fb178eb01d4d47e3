"""Logic of the dashboard page that needs no Streamlit: URL state, clicks, details, evidence.

The page (``dashboard.py`` and ``ui/``) only draws widgets and calls these functions, so
that what it shows can be tested without a browser: which filters a URL asks for (and
which of its values are ignored, with a reason), what a click on a figure selects, the
actor card and its relations table, a relation's full record, and the cited paragraphs of
a claim read from the source documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, NamedTuple

import networkx as nx
import pandas as pd

from graph import style
from graph.dates import FIRST_DAY, LAST_DAY, DateOutOfRange, parse_partial_date, period_text
from graph.filters import RELIABILITY_GRADES, SIGN_NAMES, FilterSpec, describe
from graph.load import format_citation, paragraph_ranges, parse_evidence, read_paragraphs
from graph.text import ARABIC_RUN, escape_hover

__all__ = [
    "CONFIDENCE_CHOICES",
    "CREDIBILITY_TEXT",
    "DATE_MODES",
    "FILTER_QUERY_KEYS",
    "RELATION_COLUMNS",
    "RELIABILITY_TEXT",
    "SCREEN_COLUMNS",
    "SELECTION_KINDS",
    "SIGN_CHOICES",
    "ActorCard",
    "CitedParagraph",
    "Selection",
    "actor_card",
    "actor_relations",
    "bloc_rows",
    "camp_rows",
    "citation_text",
    "cited_paragraphs",
    "compare_pair",
    "connect_pair",
    "date_span",
    "escape_markdown",
    "export_name",
    "grade_from_parts",
    "grade_parts",
    "grade_text",
    "issue_lines",
    "page_query",
    "read_paragraphs",
    "relation_exports",
    "relation_index",
    "relation_record",
    "relations_frame",
    "selection_from_event",
    "selection_from_query",
    "spec_from_query",
    "spec_from_widgets",
    "story_step",
    "summary_text",
    "type_legend_html",
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

#: Admiralty code: what each source-reliability letter means.
RELIABILITY_TEXT: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

#: Admiralty code: what each information-credibility digit means.
CREDIBILITY_TEXT: dict[int, str] = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}

#: Columns of :func:`actor_relations`, in order.
RELATION_COLUMNS: tuple[str, ...] = (
    "id",
    "type",
    "direction",
    "counterpart",
    "dates",
    "sign",
    "confidence",
    "grade",
    "evidence",
)

#: Columns of :func:`relations_frame` shown to a reader, in order (the page's "Relations on
#: screen" table and the HTML briefing's relations table); the frame also carries the
#: ``source``, ``target``, ``relation`` and ``sign_value`` of each row, for drawing.
SCREEN_COLUMNS: tuple[str, ...] = (
    "id",
    "type",
    "from",
    "direction",
    "to",
    "sign",
    "dates",
    "status",
    "confidence",
    "grade",
    "summary",
    "evidence",
)

_DATE_KEYS = ("on", "from", "to")
# Characters Streamlit's Markdown reads as formatting: emphasis, links, HTML, headings,
# tables, LaTeX (`$`), list markers at the start of a line ("-", "+", "1.") and the rest.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$:@.+\-!={}])")
# Streamlit's Markdown turns "https://...", "www...." and e-mail addresses into links after
# parsing, escaped or not; a word joiner (invisible) after the scheme or the "@" stops it.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=\\?[:.])|(@)")
_WORD_JOINER = "\u2060"
_DASH = "\u2013"
_FSI, _PDI = "\u2068", "\u2069"  # Unicode bidi isolate around text of either direction


class Selection(NamedTuple):
    """What the reader selected: ``kind`` (one of :data:`SELECTION_KINDS`) and its id."""

    kind: str
    id: str


def escape_markdown(text: str) -> str:
    r"""Return ``text`` escaped for Streamlit's Markdown: shown as written, never as markup.

    Every character Markdown could read as formatting gets a backslash, and a word joiner
    (U+2060, invisible) follows a URL scheme, ``www`` and ``@``, which Streamlit would
    otherwise turn into links even when escaped. Use it for every data text that reaches
    ``st.markdown``, a label, a button, an alert or a toast.

    Notes
    -----
    Cost O(length of text).

    Examples
    --------
    >>> print(escape_markdown("[x](javascript:alert(1)) *iran_gov*"))
    \[x\](javascript\:alert(1)) \*iran\_gov\*
    >>> escape_markdown("https://example.org") == "https\u2060\\://example\\.org"
    True
    >>> escape_markdown("a@b.org") == "a\\@\u2060b\\.org"
    True
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2)) + _WORD_JOINER, escaped)


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
        "types": ("relation type", set(G.graph.get("relation_types") or ())),
        "kinds": ("actor kind", set(G.graph.get("actor_kinds") or ())),
        "focus": ("focus actor", set(G)),
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
            warnings.append(f"Ignored {key}={shown!r} in the address: {error}.")
            continue
        if key in known:
            what, allowed = known[key]
            unknown = [value for value in values if value and value not in allowed]
            for value in unknown:
                warnings.append(f"Ignored the unknown {what} {value!r} in the address.")
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
        warnings.append(f"Ignored the dates in the address ({shown}): {error}.")
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
        warnings.append(f"Ignored {kind}={ident!r} in the address: there is no such {kind}.")
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
    return f"{text} · actors without relations shown" if spec.keep_isolates else text


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
        warnings.append(f"Focus hops cut to {max_hops} (the address asked for {spec.hops}).")
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
        warnings.append(f"The dates are ignored: {error}.")
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


def grade_text(reliability: str | None, credibility: int | None) -> str:
    """An Admiralty grade with its meaning, e.g. ``C2 (fairly reliable source; probably true)``.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> grade_text("C", 2)
    'C2 (fairly reliable source; probably true)'
    >>> grade_text(None, None)
    'not graded'
    """
    if not reliability and not credibility:
        return "not graded"
    words = []
    if reliability:
        words.append(f"{RELIABILITY_TEXT.get(str(reliability), '?')} source")
    if credibility:
        words.append(CREDIBILITY_TEXT.get(int(credibility), "?"))
    return f"{reliability or ''}{credibility or ''} ({'; '.join(words)})"


def date_span(G: nx.MultiDiGraph) -> tuple[date | None, date | None]:
    """The first day any relation starts and the last day the data speaks of.

    The second is ``G.graph["as_of"]`` when set (the latest source's publication), else
    the latest end or start of a relation. Both are None for a graph without dates.

    Notes
    -----
    Cost O(m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0, "start": "2017", "end": "2021-10"}],
    ... )
    >>> date_span(G)
    (datetime.date(2017, 1, 1), datetime.date(2021, 10, 31))
    """
    starts: list[date] = []
    ends: list[date] = []
    for _, _, data in G.edges(data=True):
        for field, found in (("start", starts), ("end", ends)):
            text = data.get(field)
            if text:
                parsed = parse_partial_date(str(text))
                found.append(parsed.first if field == "start" else parsed.last)
    first = min(starts) if starts else None
    last = G.graph.get("as_of") or max([*ends, *starts], default=None)
    return first, last


def type_legend_html(
    G: nx.MultiDiGraph,
    chosen: Collection[str] | None = None,
    counts: Mapping[str, int] | None = None,
) -> str:
    """HTML of a small key to the relation types: a line sample in each type's colour and
    dash (its usual sign), its label and how many relations it has; types not chosen are
    faded. Every text from the data is escaped.

    Notes
    -----
    Cost O(t) for t relation types.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records([], [])
    >>> G.graph["relation_types"] = {"rivalry": {"label": "Rivalry <b>", "sign": -1}}
    >>> print(type_legend_html(G, counts={"rivalry": 2}))  # doctest: +NORMALIZE_WHITESPACE
    <div class="bl-key"><span class="bl-key-item"><span class="bl-swatch"
    style="border-top:3px dashed #0072B2"></span>Rivalry &lt;b&gt; (2)</span></div>
    """
    rows = G.graph.get("relation_types") or {}
    colours = style.relation_type_colours(rows)
    css = {"solid": "solid", "dash": "dashed", "dot": "dotted"}
    items = []
    for type_id, row in rows.items():
        sign = row.get("sign")
        dash = css[style.sign_dash(int(sign))] if sign in style.SIGN_DASH else "solid"
        faded = chosen is not None and type_id not in chosen
        label = escape_hover(row.get("label") or type_id)
        count = f" ({counts.get(type_id, 0):,})" if counts else ""
        items.append(
            f'<span class="bl-key-item{" bl-off" if faded else ""}">'
            f'<span class="bl-swatch" style="border-top:3px {dash} {colours[type_id]}"></span>'
            f"{label}{count}</span>"
        )
    return f'<div class="bl-key">{"".join(items)}</div>'


# --------------------------------------------------------------------------- details


@dataclass(frozen=True)
class ActorCard:
    """What the details panel says about an actor (plain text, not escaped)."""

    id: str
    name: str
    name_ar: str | None
    short_name: str | None
    kind: str
    aliases: tuple[str, ...]
    aliases_ar: tuple[str, ...]
    iso3: str | None
    wikidata: str | None
    country: str | None
    place: str | None
    description: str | None


def actor_card(G: nx.MultiDiGraph, actor: str, places: pd.DataFrame | None = None) -> ActorCard:
    """Return the card of an actor of ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph.
    actor : str
        An actor id.
    places : pandas.DataFrame, optional
        The places table, to name the actor's anchor place (its id otherwise).

    Raises
    ------
    networkx.NodeNotFound
        If ``actor`` is not in ``G``.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records([{"id": "iran", "name": "Iran", "name_ar": "إيران",
    ...                          "kind": "state", "iso3": "IRN"}], [])
    >>> card = actor_card(G, "iran")
    >>> card.name, card.name_ar, card.kind, card.iso3
    ('Iran', 'إيران', 'State', 'IRN')
    """
    if actor not in G:
        raise nx.NodeNotFound(f"actor {actor!r} is not in the graph")
    data = G.nodes[actor]
    place = data.get("place")
    if place and places is not None and place in places.index:
        place = str(places.loc[place, "name"])
    return ActorCard(
        id=str(actor),
        name=str(data.get("name") or actor),
        name_ar=data.get("name_ar") or None,
        short_name=data.get("short_name") or None,
        kind=style.actor_kind_style(data.get("kind")).label,
        aliases=tuple(data.get("aliases") or ()),
        aliases_ar=tuple(data.get("aliases_ar") or ()),
        iso3=data.get("iso3") or None,
        wikidata=data.get("wikidata") or None,
        country=data.get("country") or None,
        place=place or None,
        description=data.get("description") or None,
    )


def relation_index(G: nx.MultiDiGraph) -> dict[str, tuple[str, str, str]]:
    """Return ``relation id -> (source, target, key)`` for every relation of ``G``.

    Notes
    -----
    Cost O(m).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="R1", id="R1")
    'R1'
    >>> relation_index(G)
    {'R1': ('a', 'b', 'R1')}
    """
    return {str(d.get("id") or k): (u, v, k) for u, v, k, d in G.edges(keys=True, data=True)}


def citation_text(
    evidence: str | None,
    sources: Mapping[str, Mapping[str, Any]],
    *,
    paragraphs_first: bool = False,
) -> str:
    """A citation in words: publisher, publication date and paragraphs of each source.

    Parameters
    ----------
    evidence : str or None
        An evidence cell, ``SOURCE_ID:PARAS[;...]``.
    sources : mapping
        ``source id -> row`` (``G.graph["sources"]``); an unknown source is shown by id.
    paragraphs_first : bool, default False
        Put the paragraphs first (``¶ 3 · MEN, 2021-10``), for narrow table columns.

    Returns
    -------
    str
        :func:`graph.load.format_citation`'s words, with an Arabic publisher isolated
        (U+2068 ... U+2069); ``"no evidence cited"`` for no evidence.

    Notes
    -----
    Cost O(length of the evidence + number of sources).

    Examples
    --------
    >>> citation_text("mena:3,5-7", {"mena": {"publisher": "MEN", "published": "2021-10"}})
    'MEN, 2021-10, ¶ 3, 5\u20137'
    >>> citation_text("mena:3", {"mena": {"publisher": "MEN"}}, paragraphs_first=True)
    '¶ 3 · MEN'
    >>> citation_text(None, {})
    'no evidence cited'
    """
    if not evidence:
        return "no evidence cited"
    # An Arabic publisher is isolated so it cannot reorder the rest of the line.
    named = {
        source_id: {**row, "publisher": f"{_FSI}{who}{_PDI}"}
        if ARABIC_RUN.search(who := str(row.get("publisher") or source_id))
        else row
        for source_id, row in sources.items()
    }
    if not paragraphs_first:
        return format_citation(evidence, named)
    try:
        citations = parse_evidence(str(evidence))
    except ValueError:
        return str(evidence)
    return "; ".join(
        f"\u00b6 {paragraph_ranges(cited)} \u00b7 "
        + format_citation(f"{source_id}:{cited[0]}", named, paragraphs=False)
        for source_id, cited in citations
    )


def _sign_word(sign: Any) -> str:
    return SIGN_NAMES.get(sign, str(sign))


def actor_relations(
    G: nx.MultiDiGraph, actor: str, *, sources: Mapping[str, Mapping[str, Any]] | None = None
) -> pd.DataFrame:
    """Return the relations of an actor as a table, one row per relation.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    actor : str
        An actor id; an actor not in ``G`` has no rows.
    sources : mapping, optional
        ``source id -> row``, to write citations in words; default ``G.graph["sources"]``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RELATION_COLUMNS`: relation ``id``, ``type`` (label), ``direction``
        (``→`` from the actor, ``←`` to it, an en dash when undirected), ``counterpart`` (name),
        ``dates``, ``sign`` (in words), ``confidence``, ``grade``, ``evidence`` (in
        words); sorted by type then id.

    Notes
    -----
    Cost O(degree of the actor).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "name": "Iran"}, {"id": "pakistan", "name": "Pakistan"}],
    ...     [{"id": "R1", "source": "pakistan", "target": "iran", "relation": "rivalry",
    ...       "sign": -1, "intensity": -3.0, "start": "2017", "confidence": "moderate",
    ...       "source_reliability": "C", "info_credibility": 3}],
    ... )
    >>> actor_relations(G, "iran").iloc[0][["direction", "counterpart", "sign", "grade"]].tolist()
    ['←', 'Pakistan', 'hostile', 'C3']
    """
    sources = G.graph.get("sources") or {} if sources is None else sources
    types = G.graph.get("relation_types") or {}
    rows = []
    if actor in G:
        edges = [*G.out_edges(actor, keys=True, data=True)]
        edges += [e for e in G.in_edges(actor, keys=True, data=True) if e[0] != actor]
        for u, v, key, data in edges:
            row = _relation_row(G, u, v, key, data, types, sources, paragraphs_first=True)
            other = v if u == actor else u
            if row["direction"] == "→" and u != actor:
                row["direction"] = "←"
            row["counterpart"] = str(G.nodes[other].get("name") or other)
            rows.append({column: row[column] for column in RELATION_COLUMNS})
    frame = pd.DataFrame(rows, columns=list(RELATION_COLUMNS))
    return frame.sort_values(["type", "id"], kind="stable").reset_index(drop=True)


def relations_frame(
    G: nx.MultiDiGraph, *, sources: Mapping[str, Mapping[str, Any]] | None = None
) -> pd.DataFrame:
    """Return every relation of ``G`` as a table in words, one row per relation.

    The one definition of the relations table: the page's *Relations on screen* and the HTML
    briefing both draw it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    sources : mapping, optional
        ``source id -> row``, to write citations in words; default ``G.graph["sources"]``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SCREEN_COLUMNS`: relation ``id``, ``type`` (label), ``from`` and
        ``to`` (names), ``direction`` (``→``, or an en dash when undirected), ``sign`` (in
        words), ``dates``, ``status``, ``confidence``, ``grade`` (Admiralty code, ``?`` for
        a part not given), ``summary``, ``evidence`` (publisher, date, paragraphs); then
        ``source``, ``target`` (actor ids), ``relation`` (type id) and ``sign_value``
        (-1, 0, 1). Sorted by id.

    Notes
    -----
    Cost O(m log m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "name": "Iran"}, {"id": "pakistan", "name": "Pakistan"}],
    ...     [{"id": "R1", "source": "pakistan", "target": "iran", "relation": "rivalry",
    ...       "sign": -1, "intensity": -3.0, "start": "2017", "confidence": "moderate",
    ...       "source_reliability": "C", "info_credibility": 3}],
    ... )
    >>> relations_frame(G).iloc[0][["from", "direction", "to", "sign", "grade"]].tolist()
    ['Pakistan', '→', 'Iran', 'hostile', 'C3']
    """
    sources = G.graph.get("sources") or {} if sources is None else sources
    types = G.graph.get("relation_types") or {}
    rows = [
        _relation_row(G, u, v, key, data, types, sources)
        for u, v, key, data in G.edges(keys=True, data=True)
    ]
    columns = [*SCREEN_COLUMNS, "source", "target", "relation", "sign_value"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values("id", kind="stable").reset_index(drop=True)


def _relation_row(
    G: nx.MultiDiGraph,
    u: Any,
    v: Any,
    key: Any,
    data: Mapping[str, Any],
    types: Mapping[str, Any],
    sources: Mapping[str, Mapping[str, Any]],
    *,
    paragraphs_first: bool = False,
) -> dict[str, Any]:
    """One relation in words: the row of :func:`relations_frame` and, reshaped, of
    :func:`actor_relations`."""
    type_id = data.get("relation")
    return {
        "id": str(data.get("id") or key),
        "type": str((types.get(str(type_id)) or {}).get("label") or data.get("label") or type_id),
        "from": str(G.nodes[u].get("name") or u),
        "direction": "→" if data.get("directed", True) else _DASH,
        "to": str(G.nodes[v].get("name") or v),
        "sign": _sign_word(data.get("sign")),
        "dates": period_text(data.get("start"), data.get("end")),
        "status": str(data.get("status") or ""),
        "confidence": str(data.get("confidence") or ""),
        "grade": f"{data.get('source_reliability') or '?'}{data.get('info_credibility') or '?'}",
        "summary": str(data.get("summary") or ""),
        "evidence": citation_text(data.get("evidence"), sources, paragraphs_first=paragraphs_first),
        "source": u,
        "target": v,
        "relation": str(type_id),
        "sign_value": data.get("sign", 0),
    }


def relation_record(G: nx.MultiDiGraph, relation: str) -> dict[str, str]:
    """Return every field of a relation in words, for the details panel.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph.
    relation : str
        A relation id.

    Returns
    -------
    dict of str to str
        Label -> value, in reading order: type, from, to, direction, sign, intensity,
        dates, status, confidence, grade, summary, evidence, id.

    Raises
    ------
    KeyError
        If ``relation`` is not in ``G`` (the message names it).

    Notes
    -----
    Cost O(m) to find the relation.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "name": "Iran"}, {"id": "pakistan", "name": "Pakistan"}],
    ...     [{"id": "R1", "source": "iran", "target": "pakistan", "relation": "talks",
    ...       "sign": 1, "intensity": 2.0, "directed": False, "confidence": "high"}],
    ... )
    >>> record = relation_record(G, "R1")
    >>> record["Between"], record["Sign"], record["Intensity"]
    ('Iran \u2013 Pakistan', 'cooperative', '+2 on the Goldstein scale (-10 to +10)')
    """
    found = relation_index(G).get(str(relation))
    if found is None:
        raise KeyError(f"relation {relation!r} is not in the graph")
    u, v, key = found
    data = G.edges[u, v, key]
    types = G.graph.get("relation_types") or {}
    type_id = data.get("relation")
    label = (types.get(type_id) or {}).get("label") or data.get("label") or type_id
    names = [str(G.nodes[n].get("name") or n) for n in (u, v)]
    record = {"Type": str(label)}
    if data.get("directed", True):
        record["From"], record["To"] = names
    else:
        record["Between"] = f"{names[0]} {_DASH} {names[1]}"
    intensity = data.get("intensity")
    record.update(
        {
            "Sign": _sign_word(data.get("sign")),
            "Intensity": (
                f"{float(intensity):+g} on the Goldstein scale (-10 to +10)"
                if intensity is not None
                else "not given"
            ),
            "Dates": period_text(data.get("start"), data.get("end")),
            "Status": str(data.get("status") or "not given"),
            "Confidence": str(data.get("confidence") or "not given"),
            "Grade": grade_text(data.get("source_reliability"), data.get("info_credibility")),
            "Summary": str(data.get("summary") or ""),
            "Evidence": citation_text(data.get("evidence"), G.graph.get("sources") or {}),
            "Id": str(data.get("id") or key),
        }
    )
    return record


# --------------------------------------------------------------------------- evidence


@dataclass(frozen=True)
class CitedParagraph:
    """One paragraph a claim cites; ``text`` is None when the document is not at hand."""

    source: str
    number: int
    publisher: str
    published: str | None
    language: str | None
    text: str | None


def cited_paragraphs(
    evidence: str | None,
    sources: Mapping[str, Mapping[str, Any]],
    paragraphs_of: Callable[[str], Sequence[str] | None] = lambda source: None,
) -> list[CitedParagraph]:
    """Return the paragraphs an evidence cell cites, with their text when at hand.

    Parameters
    ----------
    evidence : str or None
        ``SOURCE_ID:PARAS[;...]``; None or a cell that does not parse cites nothing.
    sources : mapping
        ``source id -> row`` (``publisher``, ``published``, ``language``).
    paragraphs_of : callable, optional
        ``source id -> paragraphs`` (see :func:`read_paragraphs`), or None when the
        document is not at hand; by default no document is.

    Returns
    -------
    list of CitedParagraph
        In citation order; ``text`` is None for a paragraph the document does not have.

    Notes
    -----
    Cost O(paragraphs cited), plus reading each document once.

    Examples
    --------
    >>> sources = {"mena": {"publisher": "MEN", "published": "2021-10", "language": "ar"}}
    >>> [(p.number, p.text) for p in cited_paragraphs("mena:2-3", sources,
    ...                                                lambda s: ("one", "two", "three"))]
    [(2, 'two'), (3, 'three')]
    >>> cited_paragraphs("mena:2", sources)[0].text is None
    True
    """
    if not evidence:
        return []
    try:
        citations = parse_evidence(str(evidence))
    except ValueError:
        return []
    found = []
    for source_id, numbers in citations:
        row = sources.get(source_id) or {}
        paragraphs = paragraphs_of(source_id)
        for number in numbers:
            text = None
            if paragraphs is not None and 1 <= number <= len(paragraphs):
                text = paragraphs[number - 1]
            found.append(
                CitedParagraph(
                    source=source_id,
                    number=number,
                    publisher=str(row.get("publisher") or source_id),
                    published=row.get("published"),
                    language=row.get("language"),
                    text=text,
                )
            )
    return found


# --------------------------------------------------------------------------- analysis


def _name(G: nx.Graph, actor: str) -> str:
    return str(G.nodes[actor].get("name") or actor) if actor in G else str(actor)


def camp_rows(G: nx.MultiDiGraph, split: Any) -> dict[str, str]:
    """The two camps of a :class:`graph.analysis.CampSplit` in words, for a small table.

    Returns
    -------
    dict of str to str
        ``First camp``, ``Second camp`` (names, sorted), ``Frustration index`` (with
        "exact" or "upper bound, at least k") and ``Defiant pairs``.

    Notes
    -----
    Cost O(n log n) to sort the names.

    Examples
    --------
    >>> from graph.analysis.signed import CampSplit
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="Iran")
    >>> G.add_node("b", name="Pakistan")
    >>> split = CampSplit(frozenset("a"), frozenset("b"), 0, True, "exact", ())
    >>> camp_rows(G, split)["Frustration index"]
    '0 (exact: the camps fit every signed pair)'
    """
    first = sorted(_name(G, a) for a in split.first)
    second = sorted(_name(G, a) for a in split.second)
    if split.exact:
        label = f"{split.frustration} (exact"
        label += ": the camps fit every signed pair)" if split.frustration == 0 else ")"
    else:
        label = f"at most {split.frustration} (upper bound; at least {split.lower_bound})"
    pairs = [f"{_name(G, a)} {_DASH} {_name(G, b)}" for a, b in split.frustrated]
    return {
        "First camp": ", ".join(first) or "none",
        "Second camp": ", ".join(second) or "none",
        "Frustration index": label,
        "Defiant pairs": "; ".join(pairs) or "none",
    }


def bloc_rows(G: nx.MultiDiGraph, found: Iterable[Collection[str]]) -> pd.DataFrame:
    """Blocs (from :func:`graph.analysis.blocs`) as a table: size and member names.

    Notes
    -----
    Cost O(n log n) to sort the names.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"name": "Iran"}), ("b", {"name": "Pakistan"})])
    >>> bloc_rows(G, [{"a", "b"}]).to_dict("records")
    [{'bloc': 1, 'size': 2, 'members': 'Iran, Pakistan'}]
    """
    rows = [
        {"bloc": i, "size": len(bloc), "members": ", ".join(sorted(_name(G, a) for a in bloc))}
        for i, bloc in enumerate(found, start=1)
    ]
    return pd.DataFrame(rows, columns=["bloc", "size", "members"])


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
        return None, f"name two actors, like turkey,jaish-al-adl, not {len(parts)}"
    for actor in parts:
        if actor not in actors:
            return None, f"there is no actor {actor!r}"
    if parts[0] == parts[1]:
        return None, "choose two different actors"
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
        return None, "Give both dates to compare."
    for text in (first, second):
        try:
            parse_partial_date(text)
        except DateOutOfRange:
            return None, f"{text} is outside the years {FIRST_DAY.year} to {LAST_DAY.year}."
        except ValueError:
            return None, f"{text!r} is not a date like 2021, 2021-10 or 2021-10-27."
    if parse_partial_date(first).first > parse_partial_date(second).first:
        return None, f"The first date ({first}) is after the second ({second})."
    return (first, second), ""


def issue_lines(issues: Sequence[Any], *, limit: int = 25) -> list[str]:
    """Markdown list items for data issues (file, line, field, message), escaped, capped.

    Notes
    -----
    Cost O(limit).

    Examples
    --------
    >>> from graph.load import DataIssue
    >>> lines = issue_lines([DataIssue("a.csv", 2, "id", "bad *id*")] * 3, limit=2)
    >>> print(*lines, sep="\\n")
    - a\\.csv\\:2\\: id\\: bad \\*id\\*
    - a\\.csv\\:2\\: id\\: bad \\*id\\*
    - … and 1 more
    """
    lines = [f"- {escape_markdown(str(issue))}" for issue in list(issues)[:limit]]
    if len(issues) > limit:
        lines.append(f"- … and {len(issues) - limit} more")
    return lines


def export_name(title: str | None, extension: str) -> str:
    """A file name for an export of a view: ``borderlines-<slug>.<extension>``.

    Examples
    --------
    >>> export_name("Iran \u2013 Pakistan, Oct. 2021", "csv")
    'borderlines-iran-pakistan-oct-2021.csv'
    >>> export_name(None, "gexf")
    'borderlines-view.gexf'
    """
    words = re.findall(r"[a-z0-9]+", str(title or "").lower())
    return f"borderlines-{'-'.join(words)[:60].strip('-') or 'view'}.{extension}"


def relation_exports(H: nx.MultiDiGraph, title: str | None = None) -> dict[str, tuple]:
    """The light exports of a filtered graph: label -> (data, file name, MIME type).

    The CSV of its relations (spreadsheet-safe), and GraphML and GEXF of the graph
    (:data:`graph.export.EXPORTERS`).

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> H = graph_from_records([{"id": "a"}, {"id": "b"}], [{"id": "R1", "source": "a",
    ...     "target": "b", "relation": "x", "sign": 1, "intensity": 1.0}])
    >>> sorted(relation_exports(H))
    ['CSV of the relations', 'GEXF', 'GraphML']
    """
    from graph.export import EXPORTERS

    return {
        "CSV of the relations": (EXPORTERS["csv"](H), export_name(title, "csv"), "text/csv"),
        "GraphML": (EXPORTERS["graphml"](H), export_name(title, "graphml"), "application/xml"),
        "GEXF": (EXPORTERS["gexf"](H), export_name(title, "gexf"), "application/xml"),
    }

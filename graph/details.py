"""What the page says of what is on screen, without Streamlit: an actor's card and relations,
a relation's record, the relations on screen as a table, the cited paragraphs of a claim,
grades and citations in words, the analysis' rows and the exports' names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx
import pandas as pd

from graph import style
from graph.build import actor_name, relation_id, relation_type_label
from graph.dates import parse_partial_date, period_text
from graph.filters import SIGN_NAMES
from graph.html import fragment
from graph.i18n import N_
from graph.i18n import gettext as _
from graph.load import format_citation, paragraph_ranges, parse_evidence
from graph.text import ARABIC_RUN, FSI, PDI, arrow, escape_markdown
from graph.vocabulary import word

__all__ = [
    "CREDIBILITY_TEXT",
    "RELATION_COLUMNS",
    "RELIABILITY_TEXT",
    "SCREEN_COLUMNS",
    "ActorCard",
    "CitedParagraph",
    "actor_card",
    "actor_relations",
    "bloc_rows",
    "camp_rows",
    "citation_text",
    "cited_paragraphs",
    "date_span",
    "export_name",
    "grade_text",
    "issue_lines",
    "relation_exports",
    "relation_index",
    "relation_record",
    "relations_frame",
    "type_legend_html",
]

#: Admiralty code: what each source-reliability letter means.
RELIABILITY_TEXT: dict[str, str] = {
    "A": N_("completely reliable"),
    "B": N_("usually reliable"),
    "C": N_("fairly reliable"),
    "D": N_("not usually reliable"),
    "E": N_("unreliable"),
    "F": N_("reliability cannot be judged"),
}

#: Admiralty code: what each information-credibility digit means.
CREDIBILITY_TEXT: dict[int, str] = {
    1: N_("confirmed"),
    2: N_("probably true"),
    3: N_("possibly true"),
    4: N_("doubtful"),
    5: N_("improbable"),
    6: N_("truth cannot be judged"),
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
_DASH = "\u2013"


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
        return _("not graded")
    words = []
    if reliability:
        how = RELIABILITY_TEXT.get(str(reliability))
        words.append(_("{reliability} source").format(reliability=_(how) if how else "?"))
    if credibility:
        truth = CREDIBILITY_TEXT.get(int(credibility))
        words.append(_(truth) if truth else "?")
    return f"{reliability or ''}{credibility or ''} ({_('; ').join(words)})"


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
    for _u, _v, data in G.edges(data=True):
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
        items.append(
            {
                "off": chosen is not None and type_id not in chosen,
                "dash": css[style.sign_dash(int(sign))] if sign in style.SIGN_DASH else "solid",
                "colour": colours[type_id],
                "label": row.get("label") or type_id,
                "count": counts.get(type_id, 0) if counts else None,
            }
        )
    return fragment("page.html.j2", "type_key", items)


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
        name=actor_name(G, actor),
        name_ar=data.get("name_ar") or None,
        short_name=data.get("short_name") or None,
        kind=_(style.actor_kind_style(data.get("kind")).label),
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
    return {relation_id(k, d): (u, v, k) for u, v, k, d in G.edges(keys=True, data=True)}


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
        return _("no evidence cited")
    # An Arabic publisher is isolated so it cannot reorder the rest of the line.
    named = {
        source_id: {**row, "publisher": f"{FSI}{who}{PDI}"}
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
    return word(SIGN_NAMES[sign]) if sign in SIGN_NAMES else str(sign)


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
    rows = []
    if actor in G:
        edges = [*G.out_edges(actor, keys=True, data=True)]
        edges += [e for e in G.in_edges(actor, keys=True, data=True) if e[0] != actor]
        for u, v, key, data in edges:
            row = _relation_row(G, u, v, key, data, sources, paragraphs_first=True)
            other = v if u == actor else u
            if data.get("directed", True) and u != actor:  # towards the actor
                row["direction"] = "←" if row["direction"] == "→" else "→"
            row["counterpart"] = actor_name(G, other)
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
    rows = [
        _relation_row(G, u, v, key, data, sources)
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
    sources: Mapping[str, Mapping[str, Any]],
    *,
    paragraphs_first: bool = False,
) -> dict[str, Any]:
    """One relation in words: the row of :func:`relations_frame` and, reshaped, of
    :func:`actor_relations`."""
    type_id = data.get("relation")
    return {
        "id": relation_id(key, data),
        "type": relation_type_label(G, str(type_id), data),
        "from": actor_name(G, u),
        "direction": arrow() if data.get("directed", True) else _DASH,
        "to": actor_name(G, v),
        "sign": _sign_word(data.get("sign")),
        "dates": period_text(data.get("start"), data.get("end")),
        "status": word(data.get("status")),
        "confidence": word(data.get("confidence")),
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
    names = [actor_name(G, n) for n in (u, v)]
    record = {"Type": relation_type_label(G, data.get("relation"), data)}
    if data.get("directed", True):
        record["From"], record["To"] = names
    else:
        record["Between"] = f"{names[0]} {_DASH} {names[1]}"
    intensity = data.get("intensity")
    record.update(
        {
            "Sign": _sign_word(data.get("sign")),
            "Intensity": (
                _("{value} on the Goldstein scale (-10 to +10)").format(
                    value=f"{float(intensity):+g}"
                )
                if intensity is not None
                else _("not given")
            ),
            "Dates": period_text(data.get("start"), data.get("end")),
            "Status": word(data.get("status")) or _("not given"),
            "Confidence": word(data.get("confidence")) or _("not given"),
            "Grade": grade_text(data.get("source_reliability"), data.get("info_credibility")),
            "Summary": str(data.get("summary") or ""),
            "Evidence": citation_text(data.get("evidence"), G.graph.get("sources") or {}),
            "Id": relation_id(key, data),
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
    first = sorted(actor_name(G, a) for a in split.first)
    second = sorted(actor_name(G, a) for a in split.second)
    if split.exact:
        label = f"{split.frustration} (exact"
        label += ": the camps fit every signed pair)" if split.frustration == 0 else ")"
    else:
        label = f"at most {split.frustration} (upper bound; at least {split.lower_bound})"
    pairs = [f"{actor_name(G, a)} {_DASH} {actor_name(G, b)}" for a, b in split.frustrated]
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
        {"bloc": i, "size": len(bloc), "members": ", ".join(sorted(actor_name(G, a) for a in bloc))}
        for i, bloc in enumerate(found, start=1)
    ]
    return pd.DataFrame(rows, columns=["bloc", "size", "members"])


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

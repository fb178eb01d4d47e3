"""What the reader selected, beside the figures: an actor, a relation and its cited
paragraphs, a place, a shared border (the reading pane under the map); and below the
figures, the relations on screen as a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from graph.analysis import ActorPath
from graph.details import (
    actor_card,
    actor_relations,
    cited_paragraphs,
    relation_record,
    relations_frame,
)
from graph.geo import border_relations, dataset_border_ids
from graph.html import fragment
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.load import Dataset
from graph.text import arrow, escape_markdown, isolate
from graph.url import Selection
from ui.caches import GraphFacts, paragraph_reader
from ui.common import (
    EN_DASH,
    PANE_HEIGHT,
    PANE_TABLE_HEIGHT,
    SCREEN_TABLE_HEIGHT,
    name_of,
)
from ui.state import STATE, focus_on, pick_actor, select
from ui.table import Column, table_view

#: A table of more rows than this offers a search box.
SEARCH_FROM = 8

# --------------------------------------------------------------------------- details


def show_actor(G: nx.MultiDiGraph, H: nx.MultiDiGraph, dataset: Dataset, actor: str) -> None:
    card = actor_card(G, actor, dataset.places)
    table = actor_relations(H, actor)
    total, shown = G.degree(actor), len(table)
    hidden = "" if shown == total else " " + _("(the filters hide the others)")
    if actor not in H:
        hidden = " " + _("(the filters hide it)")
    st.html(
        fragment("page.html.j2", "actor_heading", card.name, card.name_ar, card.kind, shown,
                 total, hidden)
    )  # fmt: skip
    facts = [
        f"**{label}:** {escape_markdown(value)}"
        for label, value in (
            (_("ISO 3166 code"), card.iso3),
            (_("Wikidata"), card.wikidata),
            (_("Based at"), card.place),
            (_("Also called"), ", ".join(card.aliases)),
        )
        if value
    ]
    if facts:
        st.markdown("  \n".join(facts))
    if card.aliases_ar:
        st.html(fragment("page.html.j2", "rtl_block", "، ".join(card.aliases_ar)))
    if card.description:  # the data's own text: its direction is its own (an English
        # description stays left to right on the Arabic page)
        st.html(fragment("page.html.j2", "data_text", card.description))
    st.button(
        _("Focus the view on {name}").format(name=escape_markdown(card.name)),
        on_click=focus_on,
        args=(actor,),
        key="focus_button",
        icon=":material/filter_center_focus:",
    )
    if not shown:
        return
    STATE.ids_relations_table = [("relation", r) for r in table["id"]]
    table_view(
        table,
        {
            "direction": Column(_("Dir."), help=_("→ from this actor, ← to it, \u2013 both ways")),
            "type": _("Type"),
            "counterpart": _("Counterpart"),
            "sign": _("Sign"),
            "dates": _("Dates"),
            "confidence": _("Confidence"),
            "grade": _("Grade"),
            "evidence": _("Evidence"),
            "id": _("Id"),
        },
        key="relations_table",
        search=len(table) > SEARCH_FROM,
        filename=f"relations-of-{actor}.csv",
        height=PANE_TABLE_HEIGHT,
    )
    st.caption(_("Choose a row to read the relation's record and the cited paragraphs."))


def show_relation(G: nx.MultiDiGraph, dataset: Dataset, relation: str, index: dict) -> None:
    record = relation_record(G, relation)
    u, v, _key = index[relation]
    ends = record.get("Between") or f"{record['From']} {arrow()} {record['To']}"
    st.html(
        fragment("page.html.j2", "relation_heading", record["Type"], isolate(ends), record["Sign"])
    )
    # The record's keys are English; the labels shown are translated.
    labels = {
        "Dates": _("Dates"),
        "Status": _("Status"),
        "Confidence": _("Confidence"),
        "Grade": _("Grade"),
        "Intensity": _("Intensity"),
        "Id": _("Id"),
    }
    facts = [(label, record[key]) for key, label in labels.items()]
    st.html(fragment("page.html.j2", "relation_facts", record["Summary"], facts))
    show_evidence(G, dataset, G.edges[index[relation]].get("evidence"))
    for column, actor in zip(st.columns(2), (u, v), strict=True):
        column.button(
            _("Show {name}").format(name=escape_markdown(name_of(G, actor))),
            on_click=select,
            args=(Selection("actor", actor),),
            key=f"show_{actor}",
            icon=":material/person_search:",
            width="stretch",
        )


def show_evidence(G: nx.MultiDiGraph, dataset: Dataset, evidence: str | None) -> None:
    """The cited paragraphs beside the claim where the documents are at hand, else the
    citation as publisher, date and paragraphs."""
    sources = G.graph.get("sources") or {}
    paragraphs = cited_paragraphs(evidence, sources, paragraph_reader(dataset))
    st.html('<p class="bl-pane-label">' + _("Evidence: the cited paragraphs") + "</p>")
    if not paragraphs:
        st.caption(_("No evidence is cited for this claim."))
        return
    if all(p.text is None for p in paragraphs):
        first = paragraphs[0]
        numbers = ", ".join(str(p.number) for p in paragraphs)
        st.markdown(
            _("{publisher}, {date}, paragraph {numbers}").format(
                publisher=escape_markdown(isolate(first.publisher)),
                date=escape_markdown(str(first.published or "")),
                numbers=numbers,
            )
        )
        st.caption(
            _(
                "The source documents are not at hand: set BORDERLINES_SOURCES to their "
                "folder to read the cited paragraphs here."
            )
        )
        return
    for i, paragraph in enumerate(paragraphs):
        label = f"¶ {paragraph.number} · {isolate(paragraph.publisher)}, {paragraph.published}"
        with st.expander(escape_markdown(label), expanded=i == 0):
            if paragraph.text is None:
                st.caption(_("The document at hand has no such paragraph."))
            else:
                rtl = paragraph.language == "ar"
                st.html(fragment("page.html.j2", "paragraph", paragraph.text, rtl))


def show_relations_list(G: nx.MultiDiGraph, ids: Sequence[str], index: dict[str, Any]) -> None:
    known = [ident for ident in ids if ident in index]
    st.markdown(
        ngettext(
            "**{n} relation drawn as one arc.** Choose one to read it:",
            "**{n} relations drawn as one arc.** Choose one to read it:",
            len(known),
        ).format(n=f"{len(known):,}")
    )
    for ident in known:
        record = relation_record(G, ident)
        st.button(
            escape_markdown(f"{ident} · {record['Type']}: {record['Summary'][:90]}"),
            on_click=select,
            args=(Selection("relation", ident),),
            key=f"pick_{ident}",
        )


def show_place(G: nx.MultiDiGraph, dataset: Dataset, place: str) -> None:
    row = dataset.places.loc[place]
    st.html(fragment("page.html.j2", "place_heading", row["name"], row.get("name_ar") or ""))
    kind = _("Kind")
    facts = [f"**{kind}:** {escape_markdown(str(row['kind']))}"]
    for label, field in ((_("Country"), "country"), (_("Location"), "precision")):
        if row.get(field):
            facts.append(f"**{label}:** {escape_markdown(str(row[field]))}")
    st.markdown("  \n".join(facts))
    if row.get("note"):
        st.markdown(escape_markdown(str(row["note"])))
    based = sorted((a for a, p in G.nodes(data="place") if p == place), key=lambda a: name_of(G, a))
    for actor in based:
        st.button(
            _("Show {name}").format(name=escape_markdown(name_of(G, actor))),
            on_click=select,
            args=(Selection("actor", actor),),
            key=f"place_{actor}",
        )


def show_border(G: nx.MultiDiGraph, H: nx.MultiDiGraph, dataset: Dataset, border: str) -> None:
    rows = [
        i for i, geo in dataset_border_ids(dataset.borders, dataset.actors).items() if geo == border
    ]
    if not rows:
        st.info(_("The data records no relation on this border."))
        return
    row = dataset.borders.loc[rows[0]]
    names = EN_DASH.join(name_of(G, row[c]) for c in ("state_a", "state_b"))
    st.markdown("### " + _("The {names} border").format(names=escape_markdown(names)))
    if pd.notna(row.get("length_km")):
        length = f"{float(row['length_km']):,.0f}"
        st.markdown(_("**Length in the source:** about {length} km").format(length=length))
    if row.get("note"):
        st.markdown(escape_markdown(str(row["note"])))
    on_border = border_relations(H, dataset.borders, dataset.actors).get(rows[0], [])
    st.markdown(_("**Relations on this border on screen:** {count}").format(count=len(on_border)))
    if on_border:
        records = [relation_record(H, ident) for ident in on_border]
        table = pd.DataFrame(
            {
                "Type": [r["Type"] for r in records],
                "Summary": [r["Summary"] for r in records],
                "Dates": [r["Dates"] for r in records],
                "Id": on_border,
            }
        )
        STATE.ids_border_table = [("relation", r) for r in on_border]
        headings = {"Type": _("Type"), "Summary": _("Summary"), "Dates": _("Dates"), "Id": _("Id")}
        table_view(
            table, headings, key="border_table",
            search=len(table) > SEARCH_FROM, filename=f"relations-on-{rows[0]}.csv",
        )  # fmt: skip


#: How many relations of one step are listed in full; more are summed up, then listed.
STEP_RELATIONS_SHOWN = 3


def connection_html(
    G: nx.MultiDiGraph, pair: tuple[str, str], paths: Sequence[ActorPath], apart: str
) -> str:
    """How two actors connect, in words: each way (shortest first) with its steps, who
    does what to whom, its sign, our confidence and the relation's id; a step of many
    relations summed up, then listed."""
    ways = []
    for path in paths:
        steps = []
        for hop, lines in zip(path.hops, path.steps(G), strict=True):
            summed = ""
            if len(lines) > STEP_RELATIONS_SHOWN:
                signs = [r.get("sign") for r in hop.relations]
                words = (
                    (1, _("{n} cooperative")),
                    (-1, _("{n} hostile")),
                    (0, _("{n} structural")),
                )
                summed = ", ".join(
                    word.format(n=signs.count(sign)) for sign, word in words if signs.count(sign)
                )
            ends = [name_of(G, a) for a in (hop.source, hop.target)]
            steps.append({"lines": lines, "summed": summed, "ends": ends})
        route = [name_of(G, a) for a in path.actors]
        ways.append({"length": len(path.hops), "route": route, "steps": steps})
    first, second = (name_of(G, a) for a in pair)
    return fragment("page.html.j2", "connection", first, second, ways, apart)


def reading_pane(
    G: nx.MultiDiGraph,
    H: nx.MultiDiGraph,
    dataset: Dataset,
    selection: Selection | None,
    facts: GraphFacts,
    connect: tuple[str, str] | None = None,
    paths: Sequence[ActorPath] = (),
    apart: str = "",
) -> None:
    """What the reader selected, under the map on the first screen: the record, and for a
    relation the cited paragraphs (``facts``: :func:`graph_facts` of ``G``); with nothing
    selected, how the two actors of ``connect`` connect. It scrolls on its own, so the
    figures stay in view beside it."""
    with st.container(height=PANE_HEIGHT, border=True, key="reading_pane"):
        if connect is not None and selection is not None:
            first, second = (escape_markdown(name_of(G, a)) for a in connect)
            st.button(
                _("Back to how {first} and {second} connect").format(first=first, second=second),
                on_click=select,
                args=(None,),
                key="back_to_connection",
                icon=":material/route:",
                type="tertiary",
            )
        if selection is None and connect is not None:
            st.html(connection_html(G, connect, paths, apart))
        elif selection is None:
            st.caption(
                _(
                    "Click an actor or a relation in the network, a row of a table, or a "
                    "country name, place, arc or border on the map: its record and the "
                    "evidence for it show here."
                )
            )
        elif selection.kind == "actor":
            show_actor(G, H, dataset, selection.id)
        elif selection.kind == "relation":
            show_relation(G, dataset, selection.id, facts.index)
        elif selection.kind == "relations":
            show_relations_list(G, selection.id.split(","), facts.index)
        elif selection.kind == "place":
            show_place(G, dataset, selection.id)
        elif selection.kind == "border":
            show_border(G, H, dataset, selection.id)


def relations_panel(H: nx.MultiDiGraph, selection: Selection | None, facts: GraphFacts) -> None:
    """The relations on screen as a table (:func:`graph.details.relations_frame`), under the
    box that selects an actor by name; a row chosen selects its relation."""
    actor = selection.id if selection is not None and selection.kind == "actor" else None
    STATE.pick_actor = actor
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.selectbox(
        _("Select an actor"),
        facts.actors,
        key="pick_actor",
        format_func=facts.labels.__getitem__,
        on_change=pick_actor,
        placeholder=_("Type a name, or click a node or a country name"),
    )
    right.button(
        _("Clear the selection"),
        on_click=select,
        args=(None,),
        disabled=selection is None,
        key="clear_selection",
        icon=":material/close:",
    )
    frame = relations_frame(H)
    if not len(frame):
        st.caption(_("No relation is on screen."))
        return
    chosen = selection.id if selection is not None and selection.kind == "relation" else None
    rows = frame.index[frame["id"] == chosen]
    STATE.ids_screen_table = [("relation", r) for r in frame["id"]]
    table_view(
        frame,
        {
            "id": _("Id"),
            "type": _("Type"),
            "from": _("From"),
            "direction": Column("", help=_("→ directed, \u2013 both ways")),
            "to": _("To"),
            "sign": _("Sign"),
            "dates": _("Dates"),
            "status": _("Status"),
            "confidence": Column(_("Confidence"), help=_("Ours, in the ICD 203 wording")),
            "grade": Column(
                _("Grade"),
                help=_(
                    "Admiralty code: source reliability A (best) to F, information "
                    "credibility 1 (confirmed) to 6"
                ),
            ),
            "evidence": _("Citation"),
        },
        key="screen_table",
        selected=int(rows[0]) if len(rows) else None,
        search=len(frame) > SEARCH_FROM,
        filename="relations-on-screen.csv",
        height=SCREEN_TABLE_HEIGHT,
        reveal=".st-key-reading_pane",
        wrap=True,
    )
    st.caption(
        _(
            "Sort by a heading, search the rows; choose a row to select its relation in the "
            "network and on the map: the page goes up to its record and evidence, beside the "
            "map."
        )
    )

"""The details of what the reader selected: an actor, a relation and its cited
paragraphs, a place, a shared border; and the short card beside the map."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from graph import style
from graph.geo import border_relations, dataset_border_ids
from graph.load import Dataset
from graph.page import (
    Selection,
    actor_card,
    actor_relations,
    cited_paragraphs,
    escape_markdown,
    relation_record,
)
from graph.text import escape_html
from ui.caches import map_shapes, paragraph_reader
from ui.common import EN_DASH, arabic_span, isolate, name_of, plural
from ui.state import STATE, focus_on, pick_actor, select
from ui.table import Column, table_view

#: A table of more rows than this offers a search box.
SEARCH_FROM = 8

# --------------------------------------------------------------------------- details


def show_actor(G: nx.MultiDiGraph, H: nx.MultiDiGraph, dataset: Dataset, actor: str) -> None:
    card = actor_card(G, actor, dataset.places)
    left, right = st.columns([1, 2], gap="large")
    with left:
        heading = escape_html(card.name)
        if card.name_ar:
            heading += " · " + arabic_span(card.name_ar)
        st.html(f'<h3 style="margin:0">{heading}</h3>')
        facts = [f"**Kind:** {escape_markdown(card.kind)}"]
        for label, value in (
            ("ISO 3166 code", card.iso3),
            ("Wikidata", card.wikidata),
            ("Based at", card.place),
            ("Also called", ", ".join(card.aliases)),
        ):
            if value:
                facts.append(f"**{label}:** {escape_markdown(value)}")
        st.markdown("  \n".join(facts))
        if card.aliases_ar:
            aliases = escape_html("، ".join(card.aliases_ar))
            st.html(f'<div class="bl-rtl" dir="rtl" lang="ar">{aliases}</div>')
        if card.description:
            st.markdown(escape_markdown(card.description))
        st.button(
            f"Focus the view on {escape_markdown(card.name)}",
            on_click=focus_on,
            args=(actor,),
            key="focus_button",
            icon=":material/filter_center_focus:",
        )
    with right:
        table = actor_relations(H, actor)
        total, shown = G.degree(actor), len(table)
        hidden = "" if shown == total else " (the filters hide the others)"
        st.markdown(f"**Relations on screen:** {shown} of {total}{hidden}")
        if not shown:
            return
        STATE.ids_relations_table = [("relation", r) for r in table["id"]]
        table_view(
            table,
            {
                "type": "Type",
                "direction": Column("Dir.", help="→ from this actor, ← to it, \u2013 both ways"),
                "counterpart": "Counterpart",
                "dates": "Dates",
                "sign": "Sign",
                "confidence": "Confidence",
                "grade": "Grade",
                "evidence": "Evidence",
                "id": "Id",
            },
            key="relations_table",
            search=len(table) > SEARCH_FROM,
            filename=f"relations-of-{actor}.csv",
        )
        st.caption("Select a row to read the relation's full record and the cited paragraphs.")


def show_relation(G: nx.MultiDiGraph, dataset: Dataset, relation: str, index: dict) -> None:
    record = relation_record(G, relation)
    u, v, _ = index[relation]
    left, right = st.columns([1, 1], gap="large")
    with left:
        st.markdown(f"### {escape_markdown(record['Type'])}")
        if record["Summary"]:
            st.markdown(f"*{escape_markdown(record['Summary'])}*")
        st.markdown(
            "  \n".join(
                f"**{label}:** {escape_markdown(value)}"
                for label, value in record.items()
                if label not in ("Type", "Summary")
            )
        )
        for column, actor in zip(st.columns(2), (u, v), strict=True):
            column.button(
                f"Show {escape_markdown(name_of(G, actor))}",
                on_click=select,
                args=(Selection("actor", actor),),
                key=f"show_{actor}",
                icon=":material/person_search:",
            )
    with right:
        show_evidence(G, dataset, G.edges[index[relation]].get("evidence"))


def show_evidence(G: nx.MultiDiGraph, dataset: Dataset, evidence: str | None) -> None:
    """The cited paragraphs beside the claim where the documents are at hand, else the
    citation as publisher, date and paragraphs."""
    sources = G.graph.get("sources") or {}
    paragraphs = cited_paragraphs(evidence, sources, paragraph_reader(dataset))
    st.markdown("**Evidence: the cited paragraphs**")
    if not paragraphs:
        st.caption("No evidence is cited for this claim.")
        return
    if all(p.text is None for p in paragraphs):
        first = paragraphs[0]
        numbers = ", ".join(str(p.number) for p in paragraphs)
        st.markdown(
            f"{escape_markdown(isolate(first.publisher))}, "
            f"{escape_markdown(str(first.published or ''))}, paragraph {numbers}"
        )
        st.caption(
            "The source documents are not at hand: set BORDERLINES_SOURCES to their folder "
            "to read the cited paragraphs here."
        )
        return
    for i, paragraph in enumerate(paragraphs):
        label = f"¶ {paragraph.number} · {isolate(paragraph.publisher)}, {paragraph.published}"
        with st.expander(escape_markdown(label), expanded=i == 0):
            if paragraph.text is None:
                st.caption("The document at hand has no such paragraph.")
            elif paragraph.language == "ar":
                text = escape_html(paragraph.text)
                st.html(f'<div class="bl-rtl" dir="rtl" lang="ar">{text}</div>')
            else:
                st.html(f"<div>{escape_html(paragraph.text)}</div>")


def show_relations_list(G: nx.MultiDiGraph, ids: Sequence[str], index: dict[str, Any]) -> None:
    known = [ident for ident in ids if ident in index]
    st.markdown(f"**{plural(len(known), 'relation')} drawn as one arc.** Choose one to read it:")
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
    heading = escape_html(row["name"])
    if row.get("name_ar"):
        heading += " · " + arabic_span(row["name_ar"])
    st.html(f'<h3 style="margin:0">{heading}</h3>')
    facts = [f"**Kind:** {escape_markdown(str(row['kind']))}"]
    for label, field in (("Country", "country"), ("Location", "precision")):
        if row.get(field):
            facts.append(f"**{label}:** {escape_markdown(str(row[field]))}")
    st.markdown("  \n".join(facts))
    if row.get("note"):
        st.markdown(escape_markdown(str(row["note"])))
    based = sorted((a for a, p in G.nodes(data="place") if p == place), key=lambda a: name_of(G, a))
    for actor in based:
        st.button(
            f"Show {escape_markdown(name_of(G, actor))}",
            on_click=select,
            args=(Selection("actor", actor),),
            key=f"place_{actor}",
        )


def show_border(G: nx.MultiDiGraph, H: nx.MultiDiGraph, dataset: Dataset, border: str) -> None:
    rows = [
        i for i, geo in dataset_border_ids(dataset.borders, dataset.actors).items() if geo == border
    ]
    if not rows:
        st.info("The data records no relation on this border.")
        return
    row = dataset.borders.loc[rows[0]]
    names = EN_DASH.join(name_of(G, row[c]) for c in ("state_a", "state_b"))
    st.markdown(f"### The {escape_markdown(names)} border")
    if pd.notna(row.get("length_km")):
        st.markdown(f"**Length in the source:** about {float(row['length_km']):,.0f} km")
    if row.get("note"):
        st.markdown(escape_markdown(str(row["note"])))
    on_border = border_relations(H, dataset.borders, dataset.actors).get(rows[0], [])
    st.markdown(f"**Relations on this border on screen:** {len(on_border)}")
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
        table_view(
            table, {name: name for name in table.columns}, key="border_table",
            search=len(table) > SEARCH_FROM, filename=f"relations-on-{rows[0]}.csv",
        )  # fmt: skip


def details_panel(
    G: nx.MultiDiGraph,
    H: nx.MultiDiGraph,
    dataset: Dataset,
    selection: Selection | None,
    facts: dict[str, Any],
) -> None:
    """The selection's card, record and evidence (``facts``: :func:`graph_facts` of ``G``)."""
    index = facts["index"]
    is_actor = selection is not None and selection.kind == "actor"
    STATE.pick_actor = selection.id if is_actor else None
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.selectbox(
        "Select an actor",
        facts["actors"],
        key="pick_actor",
        format_func=facts["labels"].__getitem__,
        on_change=pick_actor,
        placeholder="Type a name, or click a node or a country name",
    )
    right.button(
        "Clear the selection",
        on_click=select,
        args=(None,),
        disabled=selection is None,
        key="clear_selection",
        icon=":material/close:",
    )
    if selection is None:
        st.caption(
            "Click an actor or a relation in the network, or a country name, place, arc "
            "or border on the map, to see its details and the evidence for it here."
        )
    elif selection.kind == "actor":
        show_actor(G, H, dataset, selection.id)
    elif selection.kind == "relation":
        show_relation(G, dataset, selection.id, index)
    elif selection.kind == "relations":
        show_relations_list(G, selection.id.split(","), index)
    elif selection.kind == "place":
        show_place(G, dataset, selection.id)
    elif selection.kind == "border":
        show_border(G, H, dataset, selection.id)


def selection_card(
    G: nx.MultiDiGraph, H: nx.MultiDiGraph, dataset: Dataset, selection: Selection | None
) -> None:
    """A few lines under the map naming the selection, so a click answers on the first
    screen; the details panel below has the rest."""
    with st.container(border=True):
        if selection is None:
            st.caption(
                "Click an actor or a relation in the network, or a country name, place or "
                "arc on the map: it is highlighted in both, with its details and evidence "
                "below."
            )
            return
        if selection.kind == "actor":
            data = G.nodes[selection.id]
            shown = H.degree(selection.id) if selection.id in H else 0
            line = f"<b>{escape_html(data.get('name') or selection.id)}</b>"
            if data.get("name_ar"):
                line += " · " + arabic_span(data["name_ar"])
            kind = style.actor_kind_style(data.get("kind")).label.lower()
            line += f" · {escape_html(kind)} · {plural(shown, 'relation')} on screen"
            if selection.id not in H:
                line += " (the filters hide it)"
        elif selection.kind == "relation":
            record = relation_record(G, selection.id)
            ends = record.get("Between") or f"{record['From']} → {record['To']}"
            line = (
                f"<b>{escape_html(record['Type'])}</b> ({escape_html(record['Sign'])}): "
                f"{escape_html(ends)}"
                f"<br>{escape_html(record['Summary'])}"
            )
        elif selection.kind == "place":
            row = dataset.places.loc[selection.id]
            line = f"<b>{escape_html(row['name'])}</b> · {escape_html(row['kind'])}"
        elif selection.kind == "border":
            shapes = map_shapes()
            names = [shapes[c].name if c in shapes else c for c in selection.id.split("-")]
            line = f"<b>The {escape_html(EN_DASH.join(names))} border</b>"
        else:
            line = f"<b>{plural(len(selection.id.split(',')), 'relation')}</b> drawn as one arc"
        st.html(f"<div>{line}</div>")
        st.caption("Details and evidence below.")

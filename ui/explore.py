"""The Explore page: the header, the network beside the map and the reading pane, the
timeline, and the relations on screen, the analysis or the exports below them (only the
open tab runs)."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

import networkx as nx
import streamlit as st

from graph.analysis.changes import changes
from graph.figures.map import map_figure
from graph.figures.network import SIZE_MEASURES, network_figure
from graph.figures.timeline import timeline_figure
from graph.filters import FilterSpec, explain_empty
from graph.html import fragment
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.load import Dataset
from graph.text import escape_markdown, isolate
from graph.url import summary_text
from ui.analysis import analysis_panel
from ui.caches import GraphFacts, analysis_tables, filtered_layout, map_geometry
from ui.common import (
    COUNTED_TABLES,
    LOG,
    LOWER_TABS,
    MAP_HEIGHT,
    MAP_WIDTH_HINT,
    NETWORK_HEIGHT,
    PLOT_CONFIG,
    SIZE_CHOICES,
    SIZE_TEXT,
    TIMELINE_WIDTH_HINT,
    page_theme,
)
from ui.details import reading_pane, relations_panel
from ui.events import (
    add_event_arcs,
    add_event_edges,
    event_caption,
    event_pane,
    load_layer,
    pair_of,
    pair_timeline,
)
from ui.exports import exports_panel
from ui.figure import figure_view
from ui.sidebar import data_sidebar, save_sidebar
from ui.state import STATE, query_dict, set_layout, set_present
from ui.view import CurrentView, PageData, current_view, page_data, shipped_data

# --------------------------------------------------------------------------- the page


def view_options(spec: FilterSpec) -> None:
    """Node size and layout, in a popover beside the summary line."""
    with st.popover(_("View"), icon=":material/tune:", width="stretch"):
        st.selectbox(
            _("Size nodes by"),
            SIZE_CHOICES,
            key="v_size",
            format_func=lambda m: _(SIZE_TEXT[m]),
        )
        st.button(
            _("Re-run layout on the filtered graph"),
            on_click=set_layout,
            args=(spec,),
            key="relayout",
            help=_(
                "Lay out only the actors on screen; positions then stay put until you "
                "return to the layout of the full graph."
            ),
        )
        st.button(
            _("Back to the layout of the full graph"),
            on_click=set_layout,
            args=(None,),
            key="full_layout",
            disabled=STATE.layout_spec is None,
        )


def render(data: PageData, now: CurrentView, slots: dict[str, Any]) -> None:
    """The Explore page after the data loaded: the header, the figures, and below them
    the details, the analysis or the exports (the open tab only)."""
    state = STATE
    G, H, dataset, spec = now.G, now.H, data.dataset, now.spec
    selection, saved, compare, facts = now.selection, now.saved, now.compare, now.facts
    fingerprint = data.key
    positions = dict(data.layout)
    if state.layout_spec is not None:
        try:
            positions.update(filtered_layout(G, fingerprint, state.layout_spec))
        except (ValueError, nx.NodeNotFound):  # the data changed under the session
            state.layout_spec = None

    title_slot, summary_slot, options_slot, present_slot = slots["header"]
    title_slot.title(saved.title if saved else "Borderlines", anchor=False)
    summary_slot.html(
        fragment("page.html.j2", "summary", now.summary, context(dataset, G, facts, now.stories))
    )
    if saved is not None and saved.note:
        summary_slot.caption(escape_markdown(saved.note))
    with options_slot:
        view_options(spec)
    present_slot.button(
        _("Present"), key="present_on", on_click=set_present, args=(True,),
        icon=":material/slideshow:", width="stretch",
        help=_("Hide the controls and show this view large, for a room."),
    )  # fmt: skip
    empty = ""
    if H.number_of_edges() == 0:
        empty = explain_empty(G, spec) or _("No relation matches the filters.")
        st.info(escape_markdown(empty), icon=":material/filter_alt_off:")

    node_sizes = None
    if state.v_size == "betweenness" and H.number_of_edges():
        node_sizes = analysis_tables(H, fingerprint, spec)["measures"]["betweenness"].to_dict()
    actor = selection.id if selection is not None and selection.kind == "actor" else None
    actor = actor if actor in H else None
    highlight = None
    index = facts.index
    if selection is not None and selection.kind in ("relation", "relations"):
        highlight = [r for r in selection.id.split(",") if r in index and H.has_edge(*index[r])]
    found = None
    if compare is not None:
        found = changes(H, *compare)
        if not highlight:
            highlight = sorted({*found.begun["id"], *found.ended["id"]})
    if not highlight and now.paths:  # the ways between two actors
        highlight = sorted({r["id"] for p in now.paths for hop in p.hops for r in hop.relations})
    theme = page_theme()
    events = load_layer(H, spec)
    if state.layer == "events":  # event data alone: the actors stay, the curated lines go
        H, highlight = nx.create_empty_copy(H), None
    network = network_figure(
        H,
        positions,
        size_by=state.v_size if state.v_size in SIZE_MEASURES else None,
        node_sizes=node_sizes,
        selected=actor,
        highlight_edges=highlight or None,
        height=NETWORK_HEIGHT,
        legend_position="top",
        empty_message=empty or _("No actors or relations match the filters."),
        table=facts.network_table,
        theme=theme,
    )
    border_map = map_figure(
        H,
        dataset,
        selected=actor,
        highlight_relations=highlight or None,
        theme=theme,
        relation_legend=False,
        height=MAP_HEIGHT,
        width_hint=MAP_WIDTH_HINT,
        **map_geometry(dataset, fingerprint),
    )

    if events is not None:
        add_event_edges(network, events, positions, G, theme)
        add_event_arcs(border_map, events, G, dataset.places, theme)

    # Side by side on a wide window; stacked (PAGE_CSS) when the map would be too narrow.
    left, right = st.container(key="figures").columns([3, 2], gap="small")
    with left:
        figure_view(network, key="network", config=PLOT_CONFIG, theme=theme)
        if events is not None:
            st.caption(escape_markdown(event_caption(events)))
        merged = (network.layout.meta or {}).get("merged")
        if merged:
            # The English sentence is the same for any count (always several relations).
            drawn = ngettext(
                "{relations} relations on screen, drawn as {lines} lines: relations of one "
                "type between the same two actors share a line (hover it for how many; "
                "click it to list them).",
                "{relations} relations on screen, drawn as {lines} lines: relations of one "
                "type between the same two actors share a line (hover it for how many; "
                "click it to list them).",
                merged["relations"],
            )
            st.caption(
                drawn.format(relations=f"{merged['relations']:,}", lines=f"{merged['lines']:,}")
            )
    with right:
        figure_view(border_map, key="map", config=PLOT_CONFIG, theme=theme)
        event_pane(events, G)
        reading_pane(G, H, dataset, selection, facts, now.connect, now.paths, now.apart)
    timeline = timeline_figure(
        H,
        dataset.events,
        spec=spec,
        selected=actor,
        marked_dates=compare or (),
        width_hint=TIMELINE_WIDTH_HINT,
        type_legend=False,
        theme=theme,
    )
    figure_view(timeline, key="timeline", config=PLOT_CONFIG, theme=theme)
    st.caption(
        _(
            "Bars in the colours of the network's key. Click a bar, an event or a month of "
            "the “Set the date” strip to see the relations in force then."
        )
    )
    pair_timeline(pair_of(selection, now.connect, G, index, events), G, theme)
    # Below the figures, one part at a time: only the open tab runs and is sent, so a
    # click pays for the part the reader looks at, not for all three.
    relations, analysis, exports = st.tabs(
        [_(tab) for tab in LOWER_TABS], key="lower", on_change="rerun", default=_(LOWER_TABS[0])
    )
    if relations.open:
        with relations:
            relations_panel(H, selection, facts)
    if analysis.open:
        with analysis:
            analysis_panel(H, fingerprint, spec, found)
    if exports.open:
        with exports:
            exports_panel(
                G, data.source, dataset, spec, now.view, positions,
                json.dumps(query_dict(), sort_keys=True),
                saved.title if saved else summary_text(spec, G),
            )  # fmt: skip
    save_sidebar(G, spec, selection, data.store, now.views, now.mine, slots["save"])


def context(dataset: Dataset, G: nx.MultiDiGraph, facts: GraphFacts, stories: dict) -> dict:
    """What the line under the summary says: what the data is (its sources and the dates
    they cover) and how to start (a link that opens the first shipped story's slides)."""
    sources = dataset.sources
    first, last = facts.span
    if len(sources) == 1:
        row = sources.iloc[0]
        publisher, published = isolate(row["publisher"]), row["published"]
        if row.get("original_publisher"):
            who = _("From one report: {publisher} relaying {original}, {published}").format(
                publisher=publisher,
                original=isolate(row["original_publisher"]),
                published=published,
            )
        else:
            who = _("From one report: {publisher}, {published}").format(
                publisher=publisher, published=published
            )
    else:
        dates = sorted(str(p) for p in sources["published"] if p)
        count = len(sources)
        if dates:
            who = ngettext(
                "From {n} source published {first} to {last}",
                "From {n} sources published {first} to {last}",
                count,
            ).format(n=f"{count:,}", first=dates[0], last=dates[-1])
        else:
            who = ngettext("From {n} source", "From {n} sources", count).format(n=f"{count:,}")
    story = None
    if stories:
        slug, found = next(iter(stories.items()))
        query = urlencode({"present": 1, "story": slug, "step": 1})
        story = {"query": query, "title": found.title, "slides": len(found.views)}
    return {
        "who": who,
        "relations": G.number_of_edges(),
        "actors": G.number_of_nodes(),
        "covered": _("{first} to {last}").format(first=f"{first:%Y}", last=f"{last:%Y-%m}")
        if first and last
        else "",
        "story": story,
    }


def footer(dataset: Dataset) -> None:
    """How much the dataset holds, at the foot of the page."""
    st.subheader(_("The dataset"), anchor=False)
    for column, (table, label) in zip(
        st.columns(len(COUNTED_TABLES)), COUNTED_TABLES.items(), strict=True
    ):
        column.metric(_(label), len(getattr(dataset, table)))


def page() -> None:
    """The Explore page: the sidebar's views, filters and data; the header; the figures;
    the tab open below them; the dataset's counts at the foot."""
    header = st.container(key="header").columns([1.8, 5, 1.1, 1.1], vertical_alignment="center")
    slots: dict[str, Any] = dict(
        header=header,
        views=st.sidebar.container(),
        filters=st.sidebar.container(),
        save=st.sidebar.container(),
        data=st.sidebar.container(),
    )
    shipped, fingerprint = shipped_data()
    data_sidebar(shipped, fingerprint, slots["data"])
    dataset = shipped
    try:
        data = page_data(shipped, fingerprint)
        dataset = data.dataset
        started = time.perf_counter()
        render(data, current_view(data, slots=slots), slots)
        LOG.debug("page drawn in %.3f s", time.perf_counter() - started)
    except Exception:  # a reader sees a short message; the traceback goes to the log
        LOG.exception("the page failed")
        st.error(
            _(
                "Something went wrong while drawing this view. Try widening the filters or "
                "clearing the selection; the details are in the server's log."
            )
        )
    footer(dataset)

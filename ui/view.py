"""What both pages show: the page's data (shipped or uploaded) and the view that the
filters, the URL and the reader's selection make of it.

Both pages call :func:`page_data`, then :func:`current_view`; the Explore page draws the
sidebar's controls on the way (the filters are widgets there), the Present page reads the
same filters from the session without drawing them.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any, NamedTuple

import networkx as nx
import streamlit as st

from graph.analysis import ActorPath
from graph.filters import FilterSpec, apply_filters, undated_count
from graph.i18n import gettext as _
from graph.i18n import language, ngettext
from graph.load import DataError, Dataset, default_data_dir
from graph.store import ViewStore
from graph.text import escape_markdown
from graph.url import Selection, spec_from_widgets, summary_text
from graph.views import View, in_language, view_from_spec
from ui.caches import (
    GraphFacts,
    all_views,
    cached_dataset,
    cached_graph,
    cached_layout,
    connection,
    data_fingerprint,
    data_in_language,
    graph_facts,
    language_layout,
    upload_graph,
    upload_layout,
)
from ui.common import Fingerprint, show_data_error
from ui.exports import GraphSource
from ui.sidebar import sidebar_filters, uploaded_data, views_sidebar
from ui.state import (
    STATE,
    current_compare,
    current_connect,
    init_state,
    keep_hidden_inputs,
    known_ids,
    seed_from_url,
    take_clicks,
    take_request,
    write_url,
)

__all__ = ["CurrentView", "PageData", "current_view", "page_data", "shipped_data"]


class PageData(NamedTuple):
    """The data a page shows: the shipped dataset, or the reader's upload over it."""

    dataset: Dataset
    graph: nx.MultiDiGraph
    #: The data's version, the key of every cache that depends on it.
    key: Fingerprint
    #: Positions of the whole graph's actors.
    layout: dict[Any, tuple[float, float]]
    #: Where the reader's views are saved (None on uploaded data: nothing is saved).
    store: ViewStore | None
    #: Where the graph comes from, for downloads built on click.
    source: GraphSource


def shipped_data() -> tuple[Dataset, Fingerprint]:
    """The shipped dataset (``BORDERLINES_DATA`` or ``data/``) and its version; a data
    error is shown with every located issue and stops the page."""
    data_dir = default_data_dir()
    fingerprint = data_fingerprint(data_dir)
    try:
        return cached_dataset(str(data_dir), fingerprint), fingerprint
    except DataError as error:
        show_data_error(error)
        st.stop()
        raise  # st.stop() does not return


def page_data(shipped: Dataset, fingerprint: Fingerprint) -> PageData:
    """The data to show: the reader's checked upload when there is one, else the shipped
    data (the upload's controls are the Explore page's sidebar)."""
    data_dir = default_data_dir()
    upload = uploaded_data(shipped, fingerprint)
    if upload is not None and upload.dataset is not None:
        dataset = upload.dataset
        # The upload's data depends on the shipped data it extends: both in the key.
        key: Fingerprint = ((f"upload:{upload.digest}", 0, 0), *fingerprint)
        graph = upload_graph(key, dataset)
        layout = upload_layout(key, graph)
        store = None
    else:
        dataset, key, store = shipped, fingerprint, ViewStore()
        graph = cached_graph(str(data_dir), fingerprint)
        layout = cached_layout(str(data_dir), fingerprint)
    source = GraphSource(weakref.ref(graph), str(data_dir), STATE.upload)
    lang = language()
    if lang != "en":  # names in the reader's language; every cache keyed by the data's key
        dataset, graph = data_in_language(dataset, graph, key, lang)
        key = ((f"lang:{lang}", 0, 0), *key)
        layout = language_layout(graph, key)  # the labels' lengths differ
    return PageData(dataset, graph, key, layout, store, source)


@dataclass(frozen=True)
class CurrentView:
    """The view on screen: the filters' graph, the selection and what is said of them."""

    G: nx.MultiDiGraph
    #: The graph the filters keep.
    H: nx.MultiDiGraph
    spec: FilterSpec
    selection: Selection | None
    #: The view as a saved view would keep it (title, note, selection, dates compared).
    view: View
    #: The saved view on screen, if the filters are still its own.
    saved: View | None
    #: "All relations · 39 actors, 82 relations" and the like.
    summary: str
    compare: tuple[str, str] | None
    #: Two actors whose connections the reader asked for; the ways between them on
    #: screen (shortest first) or, with none, why ("hidden", "apart").
    connect: tuple[str, str] | None
    paths: list[ActorPath]
    apart: str
    kinds: list[str]
    views: dict[str, View]
    stories: dict[str, Any]
    mine: set[str]
    facts: GraphFacts


def current_view(data: PageData, *, slots: dict[str, Any] | None) -> CurrentView:
    """Take the URL (once per session), the reader's requests and clicks, and the filters;
    return the view they make. ``slots`` holds the Explore page's sidebar containers, where
    the views and the filters are drawn; None (the Present page) reads the filters from
    the session without drawing them."""
    state = STATE
    G, dataset = data.graph, data.dataset
    present = {kind for _, kind in G.nodes(data="kind")}
    kinds = [k for k in G.graph.get("actor_kinds") or () if k in present]
    views, stories, mine, problem = all_views(data.store or ViewStore())
    lang = language()
    if lang != "en":  # titles and notes for the reader's language, where written
        views = {slug: in_language(view, lang) for slug, view in views.items()}
        stories = {slug: in_language(story, lang) for slug, story in stories.items()}
    if not state.seeded:
        seed_from_url(G, dataset, kinds, views, stories)
    take_request(G, dataset, kinds, views, stories)
    init_state(G, kinds)
    facts = graph_facts(G, data.key)
    known = known_ids(G, dataset, facts.index)
    take_clicks(known, G, kinds)
    chosen = state.selection
    if chosen is not None and chosen.kind != "relations" and chosen.id not in known[chosen.kind]:
        state.selection = None  # the data changed under the session (an upload)

    if slots is None:
        keep_hidden_inputs()
        values = state.filters()
        spec, warnings = spec_from_widgets(G, values, kinds=kinds)
    else:
        views_sidebar(views, stories, mine, problem, slots["views"])
        spec, warnings = sidebar_filters(G, kinds, slots["filters"], facts)
    H = apply_filters(G, spec)
    selection = state.selection
    if state.view_pending:
        state.view_spec, state.view_pending = spec, False
    saved = views.get(state.view_slug or "")
    if saved is None or spec != state.view_spec:
        saved, state.view_slug = None, None  # the filters moved away from the saved view
    compare = current_compare()
    connect = current_connect()
    paths, apart = connection(H, data.key, spec, connect) if connect else ([], "")
    wanted = selection.id if selection and selection.kind in ("actor", "relation") else None
    view = view_from_spec(
        saved.title if saved else "Borderlines",
        spec,
        note=saved.note if saved else "",
        selection=wanted,
        compare=compare,
        connect=connect,
        slug=saved.slug if saved else "view",
    )
    write_url(spec, selection)

    actors, relations = H.number_of_nodes(), H.number_of_edges()
    counts = _("{actors}, {relations}").format(
        actors=ngettext("{n} actor", "{n} actors", actors).format(n=f"{actors:,}"),
        relations=ngettext("{n} relation", "{n} relations", relations).format(n=f"{relations:,}"),
    )
    dated = spec.on or spec.date_from or spec.date_to  # say what the filter could not judge
    if dated and spec.keep_undated and (undated := undated_count(H)):
        # The English words are the same for any count; Arabic's follow it.
        counts = ngettext(
            "{counts} (of which {n} undated, kept)",
            "{counts} (of which {n} undated, kept)",
            undated,
        ).format(counts=counts, n=f"{undated:,}")
    summary = f"{summary_text(spec, G)} · {counts}"
    if compare is not None:
        summary = _("{summary} · changes {start} → {end} marked").format(
            summary=summary, start=compare[0], end=compare[1]
        )
    for warning in [*state.url_warnings, *warnings]:
        st.warning(escape_markdown(warning), icon=":material/link_off:")
    state.url_warnings = []
    return CurrentView(
        G, H, spec, selection, view, saved, summary, compare, connect, paths, apart, kinds,
        views, stories, mine, facts,
    )  # fmt: skip

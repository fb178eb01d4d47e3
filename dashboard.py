"""Borderlines: an offline dashboard of geopolitical relationships.

Start it from the repository root with ``uv run streamlit run dashboard.py``. The page loads
the dataset named by ``BORDERLINES_DATA`` (default: the shipped ``data/``), filters the
relationship graph with the sidebar's choices through :func:`graph.filters.apply_filters`,
and draws the network and the border map side by side; the details of what the reader
clicks and the analysis of what is on screen follow below.

The page is thin: widgets, caching and calls into ``graph/`` (which knows nothing of
Streamlit; the page's own logic is in :mod:`graph.page`). Caching lives here only: the
dataset, the graph and the layout of the full graph are shared resources keyed by the
data folder and its files' versions; derived tables are cached per filter choice.

Every filter and the selection are in the URL (seeded once per session, written back on
every run), so a copied address reproduces the view.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from graph import style
from graph.analysis import actor_measures, blocs, camps, signed_view, unbalanced_triads
from graph.build import build_graph
from graph.figures.map import map_figure
from graph.figures.network import SIZE_MEASURES, network_figure
from graph.filters import RELIABILITY_GRADES, FilterSpec, apply_filters, explain_empty
from graph.geo import border_relations, country_shapes, dataset_border_ids
from graph.layout import layout_positions
from graph.load import DataError, Dataset, default_data_dir, default_sources_dir, load_dataset
from graph.page import (
    CONFIDENCE_CHOICES,
    CREDIBILITY_TEXT,
    DATE_MODES,
    RELIABILITY_TEXT,
    SIGN_CHOICES,
    Selection,
    actor_card,
    actor_relations,
    bloc_rows,
    camp_rows,
    cited_paragraphs,
    date_span,
    escape_markdown,
    page_query,
    read_paragraphs,
    relation_index,
    relation_record,
    selection_from_event,
    selection_from_query,
    spec_from_query,
    spec_from_widgets,
    summary_text,
    type_legend_html,
    widget_state,
)

LOG = logging.getLogger("borderlines.dashboard")

# Tables counted at the foot of the page, in reading order, with their labels.
COUNTED_TABLES = {
    "actors": "Actors",
    "relations": "Relations",
    "events": "Events",
    "places": "Places",
    "sources": "Sources",
}

# Figure sizes in pixels: the network and the map share the first screen at 1440x900.
# The map keeps its aspect (about 7:4), so it needs less height than the network.
NETWORK_HEIGHT = 620
MAP_HEIGHT = 360
MAP_WIDTH_HINT = 440
# Plot area the layout keeps labels apart in (the network's column, legends excluded).
LAYOUT_FRAME = (500.0, 360.0)

SIZE_CHOICES = (*SIZE_MEASURES, "betweenness")
SIZE_TEXT = {
    "degree": "Relations",
    "partners": "Partners",
    "in_degree": "Relations received",
    "out_degree": "Relations initiated",
    "strength": "Total |intensity|",
    "betweenness": "Betweenness (brokerage)",
}
DEFAULT_SIZE = "degree"
SIGN_TEXT = {1: "Cooperative ───", -1: "Hostile - - -", 0: "Structural ···"}
CONFIDENCE_TEXT = {"any": "Any", "moderate": "Moderate or high", "high": "High only"}
DATE_MODE_TEXT = {"all": "All time", "on": "On a date", "window": "During a window"}
MAX_HOPS = 5
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)  # bounds of the date pickers
CHARTS = ("network", "map")
TABLES = ("relations_table", "measures_table", "border_table")
PLOT_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}

_FSI, _PDI = "\u2068", "\u2069"  # bidi isolate: Arabic inside an English line
_EN_DASH = " \u2013 "

# Less padding so both figures fit the first screen; the key of relation types;
# right-to-left blocks for Arabic. System fonts only (offline).
PAGE_CSS = """
<style>
[data-testid="stMainBlockContainer"] {
  padding-top: 2.75rem; padding-left: 1.5rem; padding-right: 1.5rem; padding-bottom: 2rem;
}
[data-testid="stSidebarUserContent"] { padding-top: 0.5rem; }
[data-testid="stHeading"] h1 { font-size: 1.75rem; padding: 0; }
.bl-summary { font-size: 1rem; margin: 0; }
.bl-key { display: flex; flex-wrap: wrap; gap: 0.05rem 0.7rem; font-size: 0.78rem;
  line-height: 1.35; }
.bl-key-item { white-space: nowrap; }
.bl-off { opacity: 0.35; }
.bl-swatch { display: inline-block; width: 1.4rem; height: 0; margin-right: 0.3rem;
  vertical-align: middle; }
.bl-rtl { direction: rtl; text-align: right; unicode-bidi: isolate; font-size: 1.05rem;
  line-height: 1.9; }
.bl-ar { unicode-bidi: isolate; font-weight: normal; }
</style>
"""

Fingerprint = tuple[tuple[str, int, int], ...]


# --------------------------------------------------------------------------- loading


def data_fingerprint(data_dir: Path) -> Fingerprint:
    """Name, size and modification time of every file under ``data_dir``.

    Part of the cache keys, so an edited table is reloaded without restarting the server.
    Costs one ``stat`` per file.
    """
    if not data_dir.is_dir():
        return ()
    files = (path for path in sorted(data_dir.rglob("*")) if path.is_file())
    return tuple(
        (str(path.relative_to(data_dir)), path.stat().st_size, path.stat().st_mtime_ns)
        for path in files
    )


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def cached_dataset(data_dir: str, fingerprint: Fingerprint) -> Dataset:
    """Load and validate the dataset once per folder and version of its files.

    Shared by every session and never mutated. A dataset that fails to load raises
    :class:`DataError` and is not cached, so fixing the files fixes the page.
    """
    return load_dataset(Path(data_dir))


@st.cache_resource(show_spinner="Building the graph…", max_entries=4)
def cached_graph(data_dir: str, fingerprint: Fingerprint) -> nx.MultiDiGraph:
    """The full relationship graph, shared by every session and never mutated."""
    return build_graph(cached_dataset(data_dir, fingerprint))


@st.cache_resource(show_spinner="Laying out the network…", max_entries=4)
def cached_layout(data_dir: str, fingerprint: Fingerprint) -> dict[Any, tuple[float, float]]:
    """Seeded positions of every actor of the full graph, computed once per data version,
    so that filtering never moves a node."""
    return layout_positions(cached_graph(data_dir, fingerprint), frame=LAYOUT_FRAME)


@st.cache_data(show_spinner="Laying out the filtered network…", max_entries=16)
def filtered_layout(
    _G: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec
) -> dict[Any, tuple[float, float]]:
    """Seeded positions of the actors ``spec`` keeps, laid out on their own.

    ``_G`` (the full graph) is not hashed: ``fingerprint`` says which it is.
    """
    return layout_positions(apply_filters(_G, spec), frame=LAYOUT_FRAME)


@st.cache_data(show_spinner="Analysing…", max_entries=32)
def analysis_tables(_H: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec) -> dict:
    """Measures, tension triads, camps and blocs of the filtered graph ``_H``.

    ``_H`` is not hashed: ``fingerprint`` and ``spec`` say which graph it is.
    """
    S = signed_view(_H)
    measures = actor_measures(_H)
    return {
        "measures": measures,
        "betweenness": measures.attrs.get("betweenness", ""),
        "triads": unbalanced_triads(S, _H),
        "camps": camps(S) if S.number_of_edges() else None,
        "blocs": bloc_rows(_H, blocs(_H)),
    }


@st.cache_data(max_entries=32)
def source_paragraphs(path: str, mtime_ns: int) -> tuple[str, ...]:
    """The paragraphs of one source document, per version of the file."""
    return read_paragraphs(Path(path))


def paragraph_reader(dataset: Dataset) -> Callable[[str], tuple[str, ...] | None]:
    """``source id -> paragraphs`` from the sources folder; None when not at hand."""
    folder = default_sources_dir()

    def paragraphs_of(source_id: str) -> tuple[str, ...] | None:
        if folder is None or source_id not in dataset.sources.index:
            return None
        name = dataset.sources.loc[source_id].get("file")
        if not name:
            return None
        path = (folder / str(name)).resolve()
        # A file name from the data must not lead out of the sources folder.
        if not path.is_relative_to(folder.resolve()) or not path.is_file():
            return None
        try:
            return source_paragraphs(str(path), path.stat().st_mtime_ns)
        except (OSError, UnicodeDecodeError):
            return None

    return paragraphs_of


# --------------------------------------------------------------------------- text


def esc(value: Any) -> str:
    """Escape data text for an HTML block."""
    return html.escape(str(value), quote=True)


def isolate(text: str) -> str:
    """Text that may be Arabic, isolated so it does not reorder the line around it."""
    return f"{_FSI}{text}{_PDI}"


def show_data_error(error: DataError) -> None:
    """Show every issue of a dataset that failed to load, without a traceback."""
    count = len(error.issues)
    lines = [
        f"**The data could not be loaded: {count} problem{'s' if count != 1 else ''}.**",
        "",
        *(f"- {escape_markdown(str(issue))}" for issue in error.issues),
        "",
        "Run `uv run python -m graph validate` to check the data folder from a terminal.",
    ]
    st.error("\n".join(lines))


def name_of(G: nx.MultiDiGraph, actor: str) -> str:
    return str(G.nodes[actor].get("name") or actor) if actor in G else str(actor)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --------------------------------------------------------------------------- URL state


def query_dict() -> dict[str, list[str]]:
    """The page's query parameters, every value as a list."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def known_ids(G: nx.MultiDiGraph, dataset: Dataset) -> dict[str, set[str]]:
    """The ids a selection may name, per kind."""
    try:
        borders = set(dataset_border_ids(dataset.borders, dataset.actors).values())
    except ValueError:
        borders = set()
    return {
        "actor": {str(n) for n in G},
        "relation": set(relation_index(G)),
        "place": {str(p) for p in dataset.places.index},
        "border": borders,
    }


def seed_from_url(G: nx.MultiDiGraph, dataset: Dataset, kinds: Sequence[str]) -> None:
    """Set the widgets and the selection from the URL, once per session."""
    state = st.session_state
    query = query_dict()
    spec, warnings = spec_from_query(G, query)
    values, more = widget_state(G, spec, kinds=kinds, max_hops=MAX_HOPS)
    selection, most = selection_from_query(query, known_ids(G, dataset))
    for key, value in values.items():
        state[key] = value
    size = (query.get("size") or [DEFAULT_SIZE])[-1]
    if size not in SIZE_CHOICES:
        more.append(f"Ignored size={size!r} in the address: not a way to size nodes.")
        size = DEFAULT_SIZE
    state.v_size = size
    state.layout_spec = spec if (query.get("layout") or [""])[-1] == "filtered" else None
    state.selection = selection
    state.url_warnings = [*warnings, *more, *most]
    state.seeded = True


def init_state(G: nx.MultiDiGraph, kinds: Sequence[str]) -> None:
    """Give every widget key a value (the defaults, or what the data still allows)."""
    state = st.session_state
    defaults, _ = widget_state(G, FilterSpec(keep_isolates=False), kinds=kinds)
    for key, value in defaults.items():
        state.setdefault(key, value)
    # Values a widget cannot show (the data changed under the session) are dropped.
    types = G.graph.get("relation_types") or {}
    state.f_types = [t for t in state.f_types if t in types]
    state.f_kinds = [k for k in state.f_kinds if k in kinds]
    state.f_focus = [a for a in state.f_focus if a in G]
    state.setdefault("v_size", DEFAULT_SIZE)
    state.setdefault("layout_spec", None)
    state.setdefault("selection", None)


def write_url(spec: FilterSpec, selection: Selection | None) -> None:
    """Put the view in the address bar when it changed, so a copied link reproduces it."""
    state = st.session_state
    extra = {
        "size": state.v_size if state.v_size != DEFAULT_SIZE else "",
        "layout": "filtered" if state.layout_spec is not None else "",
    }
    query = page_query(spec, selection, extra)
    if query != query_dict():
        st.query_params.from_dict(query)


# --------------------------------------------------------------------------- selection


def take_clicks(known: dict[str, set[str]]) -> None:
    """Make the latest click the selection: on either figure or a row of a table.

    Each chart and table keeps its last selection event under its key; only an event
    that differs from the one seen before counts, so what was clicked last wins.
    """
    state = st.session_state
    for key in CHARTS:
        event = state.get(key)
        try:
            marker = tuple(tuple(p.get("customdata") or ()) for p in event["selection"]["points"])
        except (KeyError, TypeError):
            marker = ()
        seen, state[f"seen_{key}"] = state.get(f"seen_{key}"), marker
        if not marker or marker == seen:
            continue
        selection = selection_from_event(event)
        if selection is None:
            if marker[0][:1] == ("country",):
                shape = country_shapes().get(str(marker[0][1]))
                where = shape.name if shape else "That country"
                st.toast(
                    f"{escape_markdown(where)} is not an actor in the data.",
                    icon=":material/info:",
                )
            continue
        ids = selection.id.split(",") if selection.kind == "relations" else [selection.id]
        wanted = "relation" if selection.kind == "relations" else selection.kind
        if all(ident in known.get(wanted, ()) for ident in ids):
            state.selection = selection
    for key in TABLES:
        event = state.get(key)
        try:
            rows = tuple(event["selection"]["rows"])
        except (KeyError, TypeError):
            rows = ()
        seen, state[f"seen_{key}"] = state.get(f"seen_{key}"), rows
        ids = state.get(f"ids_{key}") or []
        if rows and rows != seen and rows[0] < len(ids):
            state.selection = Selection(*ids[rows[0]])


def select(selection: Selection | None) -> None:
    """Callback: make ``selection`` the page's selection."""
    st.session_state.selection = selection


def pick_actor() -> None:
    """Callback of the "Select an actor" box."""
    actor = st.session_state.get("pick_actor")
    st.session_state.selection = Selection("actor", actor) if actor else None


def focus_on(actor: str) -> None:
    """Callback: focus the filters on one actor."""
    st.session_state.f_focus = [actor]


def set_layout(spec: FilterSpec | None) -> None:
    """Callback: lay the network out on ``spec``'s graph, or on the full graph (None)."""
    st.session_state.layout_spec = spec


# --------------------------------------------------------------------------- sidebar


def sidebar_filters(G: nx.MultiDiGraph, kinds: Sequence[str]) -> tuple[FilterSpec, list[str]]:
    """Draw the filters in the sidebar, grouped; return the spec they make."""
    state = st.session_state
    rows = G.graph.get("relation_types") or {}
    counts: dict[str, int] = {}
    for _, _, kind in G.edges(data="relation"):
        counts[kind] = counts.get(kind, 0) + 1
    actors = sorted(G, key=lambda n: name_of(G, n).casefold())
    first, last = date_span(G)

    st.sidebar.markdown("### Filters")
    with st.sidebar.expander("What", expanded=True, icon=":material/hub:"):
        st.multiselect(
            "Relation types",
            list(rows),
            key="f_types",
            format_func=lambda t: f"{(rows.get(t) or {}).get('label') or t} ({counts.get(t, 0)})",
            help="Colours and line styles as in the network and on the map.",
            placeholder="No relation type chosen",
            wrap=False,
        )
        st.html(type_legend_html(G, state.f_types, counts))
        st.pills(
            "Sign",
            SIGN_CHOICES,
            selection_mode="multi",
            key="f_signs",
            format_func=lambda s: SIGN_TEXT[s],
        )
        st.multiselect(
            "Actor kinds",
            kinds,
            key="f_kinds",
            format_func=lambda k: style.actor_kind_style(k).label,
            placeholder="No kind chosen",
            wrap=False,
        )
    with st.sidebar.expander("When", expanded=True, icon=":material/event:"):
        st.selectbox(
            "Relations in force",
            DATE_MODES,
            key="f_date_mode",
            format_func=lambda m: DATE_MODE_TEXT[m],
        )
        if state.f_date_mode == "on":
            if not isinstance(state.get("f_on"), date):
                state.f_on = last or date.today()
            st.date_input(
                "In force on", key="f_on", min_value=EARLIEST, max_value=LATEST,
                format="YYYY-MM-DD",
            )  # fmt: skip
        elif state.f_date_mode == "window":
            if state.get("f_from") is None and state.get("f_to") is None:
                state.f_from, state.f_to = first, last
            for key, label in (("f_from", "From"), ("f_to", "To")):
                st.date_input(
                    label, key=key, min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD"
                )
    with st.sidebar.expander("How sure", expanded=True, icon=":material/verified:"):
        st.select_slider(
            "Minimum confidence",
            CONFIDENCE_CHOICES,
            key="f_conf",
            format_func=lambda c: CONFIDENCE_TEXT[c],
            help="Our confidence in each relation (ICD 203): low, moderate or high.",
        )
        st.selectbox(
            "Minimum source reliability",
            [None, *RELIABILITY_GRADES[:-1]],
            key="f_rel",
            format_func=lambda g: "Any" if g is None else f"{g} ({RELIABILITY_TEXT[g]}) or better",
            help="Admiralty code: " + "; ".join(f"{k} {v}" for k, v in RELIABILITY_TEXT.items()),
        )
        st.selectbox(
            "Minimum information credibility",
            [None, *range(1, 6)],
            key="f_cred",
            format_func=lambda c: "Any" if c is None else f"{c} ({CREDIBILITY_TEXT[c]}) or better",
            help="Admiralty code: " + "; ".join(f"{k} {v}" for k, v in CREDIBILITY_TEXT.items()),
        )
    with st.sidebar.expander("Focus", expanded=True, icon=":material/filter_center_focus:"):
        st.text_input(
            "Search names",
            key="f_search",
            placeholder="English or Arabic: Jaish, باكستان",
            help="Keeps the actors whose names match, with their relations and partners.",
        )
        st.multiselect(
            "Focus on actors",
            actors,
            key="f_focus",
            format_func=lambda a: name_of(G, a),
            placeholder="Choose actors",
        )
        st.slider("Hops around the focus", 0, MAX_HOPS, key="f_hops", disabled=not state.f_focus)
        st.checkbox("Show actors without relations", key="f_isolates")
    values = {key: state.get(key) for key in state if str(key).startswith("f_")}
    return spec_from_widgets(G, values, kinds=kinds)


# --------------------------------------------------------------------------- details


def show_actor(G: nx.MultiDiGraph, H: nx.MultiDiGraph, dataset: Dataset, actor: str) -> None:
    card = actor_card(G, actor, dataset.places)
    left, right = st.columns([1, 2], gap="large")
    with left:
        heading = esc(card.name)
        if card.name_ar:
            heading += f' · <span class="bl-ar" dir="rtl" lang="ar">{esc(card.name_ar)}</span>'
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
            st.html(
                f'<div class="bl-rtl" dir="rtl" lang="ar">{esc("، ".join(card.aliases_ar))}</div>'
            )
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
        st.session_state.ids_relations_table = [("relation", r) for r in table["id"]]
        st.dataframe(
            table,
            hide_index=True,
            key="relations_table",
            on_select="rerun",
            selection_mode="single-row",
            column_order=[
                "type",
                "direction",
                "counterpart",
                "dates",
                "sign",
                "confidence",
                "grade",
                "evidence",
                "id",
            ],
            column_config={
                "type": "Type",
                "direction": st.column_config.TextColumn(
                    "Dir.", width="small", help="→ from this actor, ← to it, \u2013 both ways"
                ),
                "counterpart": "Counterpart",
                "dates": "Dates",
                "sign": "Sign",
                "confidence": "Confidence",
                "grade": st.column_config.TextColumn("Grade", width="small"),
                "evidence": st.column_config.TextColumn("Evidence"),
                "id": st.column_config.TextColumn("Id", width="small"),
            },
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
                st.html(f'<div class="bl-rtl" dir="rtl" lang="ar">{esc(paragraph.text)}</div>')
            else:
                st.html(f"<div>{esc(paragraph.text)}</div>")


def show_relations_list(G: nx.MultiDiGraph, ids: Sequence[str]) -> None:
    index = relation_index(G)
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
    heading = esc(row["name"])
    if row.get("name_ar"):
        heading += f' · <span class="bl-ar" dir="rtl" lang="ar">{esc(row["name_ar"])}</span>'
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
    names = _EN_DASH.join(name_of(G, row[c]) for c in ("state_a", "state_b"))
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
        st.session_state.ids_border_table = [("relation", r) for r in on_border]
        st.dataframe(
            table, hide_index=True, key="border_table", on_select="rerun",
            selection_mode="single-row",
        )  # fmt: skip


def details_panel(
    G: nx.MultiDiGraph,
    H: nx.MultiDiGraph,
    dataset: Dataset,
    selection: Selection | None,
    index: dict,
) -> None:
    st.subheader("Details", anchor=False)
    actors = sorted(G, key=lambda n: name_of(G, n).casefold())
    is_actor = selection is not None and selection.kind == "actor"
    st.session_state.pick_actor = selection.id if is_actor else None
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.selectbox(
        "Select an actor",
        actors,
        key="pick_actor",
        format_func=lambda a: (
            f"{name_of(G, a)} ({style.actor_kind_style(G.nodes[a].get('kind')).label.lower()})"
        ),
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
        show_relations_list(G, selection.id.split(","))
    elif selection.kind == "place":
        show_place(G, dataset, selection.id)
    elif selection.kind == "border":
        show_border(G, H, dataset, selection.id)


# --------------------------------------------------------------------------- analysis


def analysis_panel(H: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec) -> None:
    st.subheader("Analysis of what is on screen", anchor=False)
    if H.number_of_edges() == 0:
        st.caption("Nothing to analyse: no relation matches the filters.")
        return
    tables = analysis_tables(H, fingerprint, spec)
    top, tension, split, groups = st.tabs(["Top actors", "Tension triads", "Camps", "Blocs"])
    with top:
        measures = tables["measures"].head(12).reset_index()
        measures["kind"] = [style.actor_kind_style(k).label for k in measures["kind"]]
        st.session_state.ids_measures_table = [("actor", a) for a in measures["id"]]
        st.dataframe(
            measures.drop(columns="id"),
            hide_index=True,
            key="measures_table",
            on_select="rerun",
            selection_mode="single-row",
            column_config={
                "name": "Actor",
                "kind": "Kind",
                "degree": st.column_config.NumberColumn("Relations"),
                "partners": st.column_config.NumberColumn("Partners"),
                "cooperative": st.column_config.NumberColumn(
                    "Cooperative", help="Sum of |intensity| of its cooperative relations"
                ),
                "hostile": st.column_config.NumberColumn(
                    "Hostile", help="Sum of |intensity| of its hostile relations"
                ),
                "structural": st.column_config.NumberColumn("Structural"),
                "betweenness": st.column_config.NumberColumn("Betweenness", format="%.3f"),
            },
        )
        st.caption(
            "The actors with the most relations on screen; betweenness "
            f"{escape_markdown(tables['betweenness'])}. Select a row to see the actor."
        )
    with tension:
        triads = tables["triads"]
        if triads.empty:
            st.markdown(
                "No tension triad: among the actors on screen, no two friends of a third "
                "are hostile to each other, and no three are all hostile."
            )
        else:
            st.markdown(
                f"**{plural(len(triads), 'unbalanced triad')}**: three actors whose net "
                "relations cannot all hold at once (two pairs cooperate while the third pair "
                "is hostile, or all three pairs are hostile)."
            )
            st.markdown("\n".join(f"- {escape_markdown(t)}" for t in triads["explanation"]))
    with split:
        found = tables["camps"]
        if found is None:
            st.markdown("No cooperative or hostile pair on screen: no camps to find.")
        else:
            rows = camp_rows(H, found)
            st.markdown("\n".join(f"- **{k}:** {escape_markdown(v)}" for k, v in rows.items()))
            st.caption(
                "The two camps that best fit the net sign of every related pair; the "
                "frustration index counts the pairs that defy them. Method: "
                + escape_markdown(found.method)
            )
    with groups:
        table = tables["blocs"]
        if table.empty:
            st.markdown("No bloc: no cooperative pair on screen.")
        else:
            st.dataframe(
                table,
                hide_index=True,
                column_config={
                    "bloc": st.column_config.NumberColumn("Bloc", width="small"),
                    "size": st.column_config.NumberColumn("Actors", width="small"),
                    "members": st.column_config.TextColumn("Members", width="large"),
                },
            )
            st.caption("Communities of actors that cooperate (Louvain, seeded).")


# --------------------------------------------------------------------------- the page


def view_options(spec: FilterSpec) -> None:
    """Node size and layout, in a popover beside the summary line."""
    with st.popover("View", icon=":material/tune:", width="stretch"):
        st.selectbox(
            "Size nodes by", SIZE_CHOICES, key="v_size", format_func=lambda m: SIZE_TEXT[m]
        )
        st.button(
            "Re-run layout on the filtered graph",
            on_click=set_layout,
            args=(spec,),
            key="relayout",
            help="Lay out only the actors on screen; positions then stay put until you "
            "return to the layout of the full graph.",
        )
        st.button(
            "Back to the layout of the full graph",
            on_click=set_layout,
            args=(None,),
            key="full_layout",
            disabled=st.session_state.layout_spec is None,
        )


def flow_key_legend(fig: Any) -> None:
    """Let the key to line styles flow in the rows of the legend above the network.

    The figure groups the key under one title, which a horizontal legend stacks in a tall
    column that squeezes the plot; as separate entries they wrap like the relation types.
    """
    for trace in fig.data:
        if trace.legendgroup == "key":
            trace.legendgroup = f"key-{trace.name}"
            trace.legendgrouptitle = None


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
            line = f"<b>{esc(data.get('name') or selection.id)}</b>"
            if data.get("name_ar"):
                line += f' · <span class="bl-ar" dir="rtl" lang="ar">{esc(data["name_ar"])}</span>'
            kind = style.actor_kind_style(data.get("kind")).label.lower()
            line += f" · {esc(kind)} · {plural(shown, 'relation')} on screen"
            if selection.id not in H:
                line += " (the filters hide it)"
        elif selection.kind == "relation":
            record = relation_record(G, selection.id)
            ends = record.get("Between") or f"{record['From']} → {record['To']}"
            line = (
                f"<b>{esc(record['Type'])}</b> ({esc(record['Sign'])}): {esc(ends)}"
                f"<br>{esc(record['Summary'])}"
            )
        elif selection.kind == "place":
            row = dataset.places.loc[selection.id]
            line = f"<b>{esc(row['name'])}</b> · {esc(row['kind'])}"
        elif selection.kind == "border":
            shapes = country_shapes()
            names = [shapes[c].name if c in shapes else c for c in selection.id.split("-")]
            line = f"<b>The {esc(_EN_DASH.join(names))} border</b>"
        else:
            line = f"<b>{plural(len(selection.id.split(',')), 'relation')}</b> drawn as one arc"
        st.html(f"<div>{line}</div>")
        st.caption("Details and evidence below.")


def render(
    dataset: Dataset, G: nx.MultiDiGraph, fingerprint: Fingerprint, data_dir: str, header: Any
) -> None:
    """Everything after the data loaded: filters, selection, figures, details, analysis."""
    state = st.session_state
    present = {kind for _, kind in G.nodes(data="kind")}
    kinds = [k for k in G.graph.get("actor_kinds") or () if k in present]
    if not state.get("seeded"):
        seed_from_url(G, dataset, kinds)
    init_state(G, kinds)
    take_clicks(known_ids(G, dataset))

    spec, warnings = sidebar_filters(G, kinds)
    H = apply_filters(G, spec)
    selection = state.selection
    index = relation_index(G)
    write_url(spec, selection)

    summary, options = header
    counts = f"{plural(H.number_of_nodes(), 'actor')}, {plural(H.number_of_edges(), 'relation')}"
    summary.html(
        f'<p class="bl-summary"><b>Showing:</b> {esc(summary_text(spec, G))} · {counts}</p>'
    )
    with options:
        view_options(spec)
    for warning in [*state.get("url_warnings", []), *warnings]:
        st.warning(escape_markdown(warning), icon=":material/link_off:")
    state.url_warnings = []
    empty = ""
    if H.number_of_edges() == 0:
        empty = explain_empty(G, spec) or "No relation matches the filters."
        st.info(escape_markdown(empty), icon=":material/filter_alt_off:")

    positions = dict(cached_layout(data_dir, fingerprint))
    if state.layout_spec is not None:
        try:
            positions.update(filtered_layout(G, fingerprint, state.layout_spec))
        except (ValueError, nx.NodeNotFound):  # the data changed under the session
            state.layout_spec = None
    node_sizes = None
    if state.v_size == "betweenness" and H.number_of_edges():
        node_sizes = analysis_tables(H, fingerprint, spec)["measures"]["betweenness"].to_dict()
    actor = selection.id if selection is not None and selection.kind == "actor" else None
    actor = actor if actor in H else None
    highlight = None
    if selection is not None and selection.kind in ("relation", "relations"):
        highlight = [r for r in selection.id.split(",") if r in index and H.has_edge(*index[r])]
    network = network_figure(
        H,
        positions,
        size_by=state.v_size if state.v_size in SIZE_MEASURES else None,
        node_sizes=node_sizes,
        selected=actor,
        highlight_edges=highlight or None,
        height=NETWORK_HEIGHT,
        legend_position="top",
        empty_message=empty or "No actors or relations match the filters.",
    )
    flow_key_legend(network)
    border_map = map_figure(
        H,
        dataset,
        selected=actor,
        theme="dark" if st.context.theme.type == "dark" else "light",
        relation_legend=False,
        height=MAP_HEIGHT,
        width_hint=MAP_WIDTH_HINT,
    )
    # Two columns of key entries: at a third of a narrow column the longer ones collide.
    border_map.update_layout(legend_entrywidth=0.5)

    left, right = st.columns([3, 2], gap="small")
    with left:
        st.plotly_chart(
            network, key="network", on_select="rerun", selection_mode="points", config=PLOT_CONFIG
        )
    with right:
        st.plotly_chart(
            border_map, key="map", on_select="rerun", selection_mode="points", config=PLOT_CONFIG
        )
        selection_card(G, H, dataset, selection)
    details_panel(G, H, dataset, selection, index)
    analysis_panel(H, fingerprint, spec)


def footer(dataset: Dataset) -> None:
    """How much the dataset holds, at the foot of the page."""
    st.subheader("The dataset", anchor=False)
    for column, (table, label) in zip(
        st.columns(len(COUNTED_TABLES)), COUNTED_TABLES.items(), strict=True
    ):
        column.metric(label, len(getattr(dataset, table)))


st.set_page_config(page_title="Borderlines", layout="wide", initial_sidebar_state="expanded")
st.html(PAGE_CSS)
title_slot, summary_slot, options_slot = st.columns([1.4, 7, 1], vertical_alignment="center")
title_slot.title("Borderlines", anchor=False)

data_dir = default_data_dir()
fingerprint = data_fingerprint(data_dir)
try:
    dataset = cached_dataset(str(data_dir), fingerprint)
except DataError as error:
    show_data_error(error)
    st.stop()

try:
    graph = cached_graph(str(data_dir), fingerprint)
    render(dataset, graph, fingerprint, str(data_dir), (summary_slot, options_slot))
except Exception:  # a reader sees a short message; the traceback goes to the log
    LOG.exception("the page failed")
    st.error(
        "Something went wrong while drawing this view. Try widening the filters or "
        "clearing the selection; the details are in the server's log."
    )
footer(dataset)

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

import functools
import json
import logging
import os
import time
import weakref
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal, NamedTuple

import networkx as nx
import pandas as pd
import streamlit as st

from graph import style
from graph.analysis import actor_measures, blocs, camps, signed_view, unbalanced_triads
from graph.analysis.changes import changes
from graph.briefing import (
    briefing_figures,
    briefing_html,
    figures_images,
    key_findings,
    network_frame,
    source_notes,
)
from graph.build import build_graph
from graph.dates import FIRST_DAY, LAST_DAY
from graph.export import EXPORTERS
from graph.figures.map import map_figure
from graph.figures.network import SIZE_MEASURES, network_figure, network_table
from graph.figures.timeline import date_from_selection, events_in_view, timeline_figure
from graph.filters import (
    RELIABILITY_GRADES,
    SIGN_NAMES,
    FilterSpec,
    apply_filters,
    explain_empty,
)
from graph.geo import (
    GEO_DIR,
    CountryShape,
    SharedBorder,
    border_relations,
    cited_lengths,
    country_shapes,
    dataset_border_ids,
    shared_borders,
)
from graph.layout import layout_positions
from graph.load import (
    DataError,
    Dataset,
    default_data_dir,
    default_sources_dir,
    load_dataset,
    read_paragraphs,
    resolves_inside,
)
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
    compare_pair,
    date_span,
    escape_markdown,
    export_name,
    issue_lines,
    page_query,
    relation_index,
    relation_record,
    selection_from_event,
    selection_from_query,
    spec_from_query,
    spec_from_widgets,
    story_step,
    summary_text,
    type_legend_html,
    view_selection,
    widget_state,
)
from graph.store import (
    SAVING_SETTING,
    StoreError,
    ViewRefused,
    ViewStore,
    saving_policy,
)
from graph.text import escape_html
from graph.upload import UploadLimits, UploadResult, read_upload, upload_digest
from graph.views import View, default_views_dir, read_views, view_from_spec, view_text
from ui.figure import figure_view

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
# The sign's name beside a drawing of its line style (the figures' dash), so the choice
# never rests on colour.
_DASH_GLYPHS = {"solid": "───", "dash": "- - -", "dot": "···"}
SIGN_TEXT = {
    sign: f"{name.capitalize()} {_DASH_GLYPHS[style.SIGN_DASH[sign]]}"
    for sign, name in SIGN_NAMES.items()
}
CONFIDENCE_TEXT = {"any": "Any", "moderate": "Moderate or high", "high": "High only"}
DATE_MODE_TEXT = {"all": "All time", "on": "On a date", "window": "During a window"}
MAX_HOPS = 5
#: Past this many relations on screen the analysis (betweenness, triads, camps, blocs:
#: about a second at 10^4 relations, 15 s at 10^5) waits for a click instead of slowing
#: every rerun.
ANALYSIS_AUTO_LIMIT = 5000
CHARTS = ("network", "map")
TIMELINE_WIDTH_HINT = 1300
# Presentation mode at 1920x1080: figures side by side, text readable from the back.
PRESENT_FONT = 16
PRESENT_NETWORK_HEIGHT = 680  # its legends sit above and below the plot
PRESENT_NETWORK_WIDTH = 900  # half of a 1920 px slide
PRESENT_MAP_HEIGHT = 600
PRESENT_LIST_LIMIT = 5  # triads and central actors named on a slide
# Keys of the page's own inputs (beside the filters, f_*) kept while the sidebar is hidden.
KEPT_KEYS = ("v_size", "c_before", "c_after")
# The exports built on click, by label (as graph.page.relation_exports names them).
LIGHT_EXPORTS = {
    "CSV of the relations": ("csv", "text/csv"),
    "GraphML": ("graphml", "application/xml"),
    "GEXF": ("gexf", "application/xml"),
}
TABLES = ("relations_table", "measures_table", "border_table")
#: The tabs below the figures; the details open first and again on each new selection.
LOWER_TABS = ("Details", "Analysis of what is on screen", "Export this view")
#: Uploads whose checked data the server keeps, across all sessions (the latest used).
UPLOADS_KEPT = 4
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

# Presentation mode: no sidebar, toolbar or header; large, high-contrast text that follows
# the theme's own colours (light or dark). Static: no data text in it.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.25rem 2rem 1.5rem 2rem; max-width: 100%; }
.bl-present-title { font-size: 2.6rem; line-height: 1.15; font-weight: 700; margin: 0; }
.bl-present-summary { font-size: 1.35rem; margin: 0.35rem 0 0 0; opacity: 0.9; }
.bl-present-note { font-size: 1.15rem; margin: 0.35rem 0 0 0; max-width: 110ch; }
.bl-findings { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1.5rem;
  font-size: 1.15rem; line-height: 1.45; }
.bl-findings h3 { font-size: 1.5rem; margin: 0 0 0.4rem 0; padding: 0; }
.bl-findings ul { margin: 0; padding-left: 1.2rem; }
.bl-findings .bl-wide { grid-column: 1 / -1; }
.bl-footnote { font-size: 1rem; opacity: 0.85; margin-top: 0.75rem; }
.bl-step { font-size: 1.1rem; text-align: center; margin: 0; }
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
    # Saved views are not data: saving one must not reload the dataset or its layout.
    views = default_views_dir(data_dir)
    files = (
        path
        for path in sorted(data_dir.rglob("*"))
        if path.is_file() and not path.is_relative_to(views)
    )
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


@st.cache_resource(show_spinner=False, max_entries=4)
def graph_facts(_G: nx.MultiDiGraph, fingerprint: Fingerprint) -> dict[str, Any]:
    """What every rerun reads of the whole graph ``_G``, once per data version: relation
    ids to ends (``index``), first and last dates (``span``), relations per type
    (``type_counts``), actors by name (``actors``), their names and labels (``names``,
    ``labels``) and the columns the network figure reads of each view
    (``network_table``). Shared and never mutated."""
    counts: dict[str, int] = {}
    for _, _, kind in _G.edges(data="relation"):
        counts[kind] = counts.get(kind, 0) + 1
    names = {actor: name_of(_G, actor) for actor in _G}
    return {
        "index": relation_index(_G),
        "span": date_span(_G),
        "type_counts": counts,
        "actors": sorted(_G, key=lambda n: names[n].casefold()),
        # Labels for the actor boxes: their format_func keeps these dicts, never the graph.
        "names": names,
        "labels": {
            actor: f"{names[actor]} ({style.actor_kind_style(kind).label.lower()})"
            for actor, kind in _G.nodes(data="kind")
        },
        "network_table": network_table(_G),
    }


@st.cache_data(show_spinner="Laying out the filtered network…", max_entries=16)
def filtered_layout(
    _G: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec
) -> dict[Any, tuple[float, float]]:
    """Seeded positions of the actors ``spec`` keeps, laid out on their own.

    ``_G`` (the full graph) is not hashed: ``fingerprint`` says which it is.
    """
    return layout_positions(apply_filters(_G, spec), frame=LAYOUT_FRAME)


@st.cache_data(show_spinner="Laying out the slide…", max_entries=16)
def slide_layout(
    _G: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec | None
) -> dict[Any, tuple[float, float]]:
    """Positions for presentation mode: the full graph (or the actors ``spec`` keeps) laid
    out in the slide network's frame, so its larger labels stay apart.

    ``_G`` (the full graph) is not hashed: ``fingerprint`` says which it is.
    """
    frame = network_frame(PRESENT_NETWORK_WIDTH, PRESENT_NETWORK_HEIGHT, font_size=PRESENT_FONT)
    shown = _G if spec is None else apply_filters(_G, spec)
    return layout_positions(shown, frame=frame, font_size=PRESENT_FONT)


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


@st.cache_data(show_spinner="Finding the key findings…", max_entries=32)
def view_findings(
    _H: nx.MultiDiGraph,
    fingerprint: Fingerprint,
    spec: FilterSpec,
    compare: tuple[str, str] | None,
) -> Any:
    """The key findings of the filtered graph ``_H`` for a slide, once per view (seconds
    past 10^4 relations). ``_H`` is not hashed: ``fingerprint`` and ``spec`` say which."""
    return key_findings(_H, compare=compare)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_shapes(path: str, mtime: float) -> dict[str, CountryShape]:
    """The map's countries, read once per geo folder and version of ``countries.geojson``
    (``mtime``), shared by every session and never mutated."""
    return country_shapes(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_borders(path: str, mtime: float) -> dict[str, SharedBorder]:
    """The map's shared borders, read once per geo folder and version of
    ``borders.geojson`` (``mtime``), shared by every session and never mutated."""
    return shared_borders(path)


def map_shapes() -> dict[str, CountryShape]:
    """The countries of the committed geometry (cached)."""
    return cached_shapes(str(GEO_DIR), (GEO_DIR / "countries.geojson").stat().st_mtime)


def map_borders() -> dict[str, SharedBorder]:
    """The shared borders of the committed geometry (cached)."""
    return cached_borders(str(GEO_DIR), (GEO_DIR / "borders.geojson").stat().st_mtime)


@st.cache_resource(show_spinner=False, max_entries=8)
def cached_cited(_dataset: Dataset, fingerprint: Fingerprint, mtime: float) -> pd.DataFrame:
    """Cited border lengths of ``_dataset`` and the gazetteer, once per data version
    (``fingerprint``) and version of ``reference_lengths.csv`` (``mtime``); never
    mutated."""
    return cited_lengths(_dataset, path=GEO_DIR)


def map_geometry(dataset: Dataset, fingerprint: Fingerprint) -> dict[str, Any]:
    """What the map reads besides the graph, from the caches: ``map_figure(**...)``."""
    return {
        "shapes": map_shapes(),
        "borders": map_borders(),
        "cited": cached_cited(
            dataset, fingerprint, (GEO_DIR / "reference_lengths.csv").stat().st_mtime
        ),
    }


class AcceptedUpload(NamedTuple):
    """What a session keeps of its upload: the bytes it sent (shared with the upload box,
    at most :class:`UploadLimits`' 5 MB) and their digest, never the data made of them,
    which lives in the server-wide caches below."""

    digest: str
    mode: str
    files: tuple[tuple[str, bytes], ...]


@st.cache_resource(show_spinner="Checking your tables…", max_entries=UPLOADS_KEPT)
def checked_upload(
    digest: str, base: Fingerprint, mode: str, _files: Sequence[tuple[str, bytes]], _base: Dataset
) -> UploadResult:
    """An upload checked and merged with the shipped data, once per content (``digest``)
    and version of the shipped data (``base``).

    The result (and its dataset, tens of MB for an upload of 1 MB) is shared by the
    sessions that upload the same bytes and never mutated; only the :data:`UPLOADS_KEPT`
    latest stay, so memory does not grow with the number of sessions. A session whose
    upload was set aside has it checked again from its bytes on its next run.
    """
    return read_upload(_files, base=_base, mode=mode)  # type: ignore[arg-type]


@st.cache_resource(show_spinner="Building the graph of your data…", max_entries=UPLOADS_KEPT)
def upload_graph(key: Fingerprint, _dataset: Dataset) -> nx.MultiDiGraph:
    """The graph of an uploaded dataset, keyed by the upload's digest and the shipped
    data's version; never mutated."""
    return build_graph(_dataset)


@st.cache_resource(show_spinner="Laying out your data…", max_entries=UPLOADS_KEPT)
def upload_layout(key: Fingerprint, _G: nx.MultiDiGraph) -> dict[Any, tuple[float, float]]:
    """Positions of every actor of an uploaded dataset (``key`` as for :func:`upload_graph`)."""
    return layout_positions(_G, frame=LAYOUT_FRAME)


def views_fingerprint(folder: Path) -> Fingerprint:
    """Name, size and modification time of every shipped view and story (a link that
    leads nowhere counts as size -1)."""
    if not folder.is_dir():
        return ()
    found = []
    for path in sorted(folder.rglob("*.toml")):
        try:
            info = path.stat()
        except OSError:
            found.append((str(path.relative_to(folder)), -1, -1))
        else:
            found.append((str(path.relative_to(folder)), info.st_size, info.st_mtime_ns))
    return tuple(found)


@st.cache_resource(show_spinner=False, max_entries=8)
def shipped_views(folder: str, fingerprint: Fingerprint) -> tuple[dict, dict, str]:
    """The shipped views and stories of a folder that can be read, and what is wrong with
    the others ("" if nothing): a bad file is left out, never hides the rest. Shared and
    never mutated (a resource, so no rerun pays to copy them)."""
    views, stories, issues = read_views(Path(folder))
    return views, stories, "\n".join(issue_lines(issues, limit=10))


@st.cache_resource(show_spinner=False, max_entries=8)
def stored_views(folder: str, generation: int) -> tuple[dict, str]:
    """The views readers saved on this server (the state store in ``folder``), read once
    per change of the store (``generation``), and what is wrong with any left out. Shared
    and never mutated: 500 views copied on every rerun would cost about 15 ms."""
    views, _, issues = ViewStore(folder).read()
    return views, "\n".join(issue_lines(issues, limit=10))


def all_views(store: ViewStore) -> tuple[dict[str, View], dict[str, Any], set[str], str]:
    """Shipped views and stories, then the views saved here (a shipped name wins): the
    views by slug, the stories, the slugs of the saved ones, and what could not be read."""
    folder = default_views_dir(default_data_dir())
    views, stories, problem = shipped_views(str(folder), views_fingerprint(folder))
    try:
        saved, trouble = stored_views(str(store.folder), store.generation())
    except StoreError as error:
        saved, trouble = {}, f"- {escape_markdown(str(error))}"
    mine = {slug for slug in saved if slug not in views}
    merged = {**views, **{slug: saved[slug] for slug in sorted(mine)}}
    return merged, stories, mine, "\n".join(filter(None, (problem, trouble)))


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
        path = folder / str(name)
        # A file name from the data must not lead out of the sources folder.
        if not resolves_inside(path, folder) or not path.is_file():
            return None
        try:
            return source_paragraphs(str(path), path.stat().st_mtime_ns)
        except (OSError, UnicodeDecodeError):
            return None

    return paragraphs_of


# --------------------------------------------------------------------------- text


def arabic_span(text: Any) -> str:
    """An Arabic name as escaped HTML, set right-to-left inside an English line."""
    return f'<span class="bl-ar" dir="rtl" lang="ar">{escape_html(text)}</span>'


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


def page_theme() -> Literal["light", "dark"]:
    """The reader's Streamlit theme, for the figures' colours."""
    return "dark" if st.context.theme.type == "dark" else "light"


def name_of(G: nx.MultiDiGraph, actor: str) -> str:
    return str(G.nodes[actor].get("name") or actor) if actor in G else str(actor)


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


# --------------------------------------------------------------------------- URL state


def query_dict() -> dict[str, list[str]]:
    """The page's query parameters, every value as a list."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def known_ids(
    G: nx.MultiDiGraph, dataset: Dataset, index: dict[str, Any] | None = None
) -> dict[str, set[str]]:
    """The ids a selection may name, per kind (``index``: the graph's relation index,
    when the caller has it)."""
    try:
        borders = set(dataset_border_ids(dataset.borders, dataset.actors).values())
    except ValueError:
        borders = set()
    return {
        "actor": {str(n) for n in G},
        "relation": set(relation_index(G) if index is None else index),
        "place": {str(p) for p in dataset.places.index},
        "border": borders,
    }


def seed_from_url(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    kinds: Sequence[str],
    views: dict[str, View],
    stories: dict[str, Any],
) -> None:
    """Set the widgets, the selection, the view or story step and presentation mode from
    the URL, once per session."""
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
    compare = query.get("compare") or []
    state.c_before, state.c_after = (compare[-2], compare[-1]) if len(compare) >= 2 else ("", "")
    problem = compare_pair(state.c_before, state.c_after)[1]
    if problem:
        more.append(f"Ignored compare={compare[-2:]!r} in the address: {problem}")
        state.c_before, state.c_after = "", ""
    state.url_warnings = [*warnings, *more, *most]
    state.present = (query.get("present") or [""])[-1] == "1"
    state.story, state.step = None, 1
    found = story_step(query, stories)
    slug = (query.get("view") or [""])[-1]
    if found is not None:
        state.story, state.step = found
        chosen = views.get(stories[found[0]].views[found[1] - 1])
        if chosen is not None:
            apply_view(G, dataset, kinds, chosen)
    elif slug in views:
        state.view_slug, state.view_pending = slug, True
    state.seeded = True


def current_compare() -> tuple[str, str] | None:
    """The two dates of "what changed", when both are given and valid."""
    state = st.session_state
    return compare_pair(state.get("c_before"), state.get("c_after"))[0]


def apply_view(G: nx.MultiDiGraph, dataset: Dataset, kinds: Sequence[str], view: View) -> None:
    """Set the filters, the selection and the compare dates of a saved view.

    The view's filters go through the same path as the URL's (:func:`widget_state` of its
    :class:`FilterSpec`), so the page shows what :func:`apply_filters` keeps for it.
    """
    state = st.session_state
    try:
        spec = view.spec()
    except ValueError as error:
        state.url_warnings = [f"The view {view.title!r} could not be applied: {error}."]
        return
    values, warnings = widget_state(G, spec, kinds=kinds, max_hops=MAX_HOPS)
    for key, value in values.items():
        state[key] = value
    state.selection = view_selection(view, known_ids(G, dataset))
    state.c_before, state.c_after = view.compare or ("", "")
    state.layout_spec = None
    state.view_slug, state.view_pending = view.slug, True
    state.url_warnings = warnings


def pick_view() -> None:
    """Callback of the saved-views box: ask for the chosen view, then empty the box.

    Callbacks carry names, never data: Streamlit keeps a widget's callback arguments with
    the session, and a graph or dataset there would keep each reader's upload alive after
    the server let it go. The run that follows applies the view (:func:`take_request`).
    """
    state = st.session_state
    state.requested = ("view", state.get("pick_view"), 1)
    state.pick_view = None


def go_to_step(slug: str | None, step: int) -> None:
    """Callback: show step ``step`` (1-based) of story ``slug`` (default: the story picked
    in the sidebar) in presentation mode; the run that follows applies its view."""
    state = st.session_state
    state.present = True  # before the run: it decides the page's shape
    state.requested = ("step", slug or state.get("pick_story"), step)


def take_request(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    kinds: Sequence[str],
    views: dict[str, View],
    stories: dict[str, Any],
) -> None:
    """Apply the view or story step a callback asked for (:func:`pick_view`,
    :func:`go_to_step`), once."""
    state = st.session_state
    if "requested" not in state:
        return
    kind, name, step = state.requested
    del state["requested"]
    if kind == "view":
        chosen = views.get(name)
        if chosen is not None:
            state.story = None
            apply_view(G, dataset, kinds, chosen)
        return
    story = stories.get(name)
    if story is None or not story.views:
        return
    step = min(max(step, 1), len(story.views))
    state.story, state.step = name, step
    chosen = views.get(story.views[step - 1])
    if chosen is not None:
        apply_view(G, dataset, kinds, chosen)


def set_present(on: bool) -> None:
    """Callback: enter or leave presentation mode (leaving ends a story)."""
    st.session_state.present = on
    if not on:
        st.session_state.story = None


def keep_hidden_inputs() -> None:
    """Keep the values of the filters while their widgets are not drawn (presentation
    mode): Streamlit forgets the value of a widget that a run does not draw."""
    state = st.session_state
    for key in list(state):
        if str(key).startswith("f_") or key in KEPT_KEYS:
            state[key] = state[key]


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
    for key in ("c_before", "c_after"):
        state.setdefault(key, "")
    for key, value in (("present", False), ("story", None), ("step", 1), ("view_slug", None)):
        state.setdefault(key, value)


def write_url(spec: FilterSpec, selection: Selection | None) -> None:
    """Put the view in the address bar when it changed, so a copied link reproduces it."""
    state = st.session_state
    extra = {
        "size": state.v_size if state.v_size != DEFAULT_SIZE else "",
        "layout": "filtered" if state.layout_spec is not None else "",
    }
    query = page_query(spec, selection, extra)
    compare = current_compare()
    if compare is not None:
        query["compare"] = list(compare)
    if state.get("view_slug") and not state.get("story"):
        query["view"] = [state.view_slug]
    if state.get("present"):
        query["present"] = ["1"]
        if state.get("story"):
            query["story"], query["step"] = [state.story], [str(state.step)]
    if query != query_dict():
        st.query_params.from_dict(query)


# --------------------------------------------------------------------------- selection


def take_clicks(known: dict[str, set[str]], G: nx.MultiDiGraph, kinds: Sequence[str]) -> None:
    """Make the latest click the selection: on either figure or a row of a table; a click
    on a date of the timeline sets the page's "in force on" date.

    Each chart and table keeps its last selection event under its key; only an event
    that differs from the one seen before counts, so what was clicked last wins.
    """
    state = st.session_state
    for key in CHARTS:
        event = state.get(key)
        try:
            chosen = event["selection"]
            marker = tuple(tuple(p.get("customdata") or ()) for p in chosen["points"])
            marker += (chosen.get("at"),) if marker else ()  # the same point clicked again
        except (KeyError, TypeError, AttributeError):
            marker = ()
        seen, state[f"seen_{key}"] = state.get(f"seen_{key}"), marker
        if not marker or marker == seen:
            continue
        selection = selection_from_event(event)
        if selection is None:
            if marker[0][:1] == ("country",):
                shape = map_shapes().get(str(marker[0][1]))
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
    event = state.get("timeline")
    picked = date_from_selection(event) if isinstance(event, dict) else None
    seen, state.seen_timeline = state.get("seen_timeline"), picked
    if picked is not None and picked != seen:
        values, _ = widget_state(G, FilterSpec(on=picked), kinds=kinds, max_hops=MAX_HOPS)
        for key in ("f_date_mode", "f_on", "f_from", "f_to"):
            state[key] = values[key]
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


def sidebar_filters(
    G: nx.MultiDiGraph, kinds: Sequence[str], box: Any, facts: dict[str, Any]
) -> tuple[FilterSpec, list[str]]:
    """Draw the filters in the sidebar container ``box``, grouped; return their spec
    (``facts``: :func:`graph_facts` of ``G``)."""
    state = st.session_state
    rows = G.graph.get("relation_types") or {}
    counts, actors = facts["type_counts"], facts["actors"]
    first, last = facts["span"]

    box.markdown("### Filters")
    with box.expander("What", expanded=True, icon=":material/hub:"):
        st.multiselect(
            "Relation types",
            list(rows),
            key="f_types",
            format_func=lambda t: f"{(rows.get(t) or {}).get('label') or t} ({counts.get(t, 0):,})",
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
    with box.expander("When", expanded=True, icon=":material/event:"):
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
                "In force on", key="f_on", min_value=FIRST_DAY, max_value=LAST_DAY,
                format="YYYY-MM-DD",
            )  # fmt: skip
        elif state.f_date_mode == "window":
            if state.get("f_from") is None and state.get("f_to") is None:
                state.f_from, state.f_to = first, last
            for key, label in (("f_from", "From"), ("f_to", "To")):
                st.date_input(
                    label, key=key, min_value=FIRST_DAY, max_value=LAST_DAY, format="YYYY-MM-DD"
                )
        st.markdown("**What changed** between two dates")
        before, after = st.columns(2)
        before.text_input("From", key="c_before", placeholder="2017")
        after.text_input("To", key="c_after", placeholder="2021-10-27")
        problem = compare_pair(state.c_before, state.c_after)[1]
        if problem:
            st.caption(escape_markdown(problem))
        else:
            st.caption("Dates like 2021, 2021-10 or 2021-10-27; changes are marked in the network.")
    with box.expander("How sure", expanded=True, icon=":material/verified:"):
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
    with box.expander("Focus", expanded=True, icon=":material/filter_center_focus:"):
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
            format_func=facts["names"].__getitem__,
            placeholder="Choose actors",
        )
        st.slider("Hops around the focus", 0, MAX_HOPS, key="f_hops", disabled=not state.f_focus)
        st.checkbox("Show actors without relations", key="f_isolates")
    values = {key: state.get(key) for key in state if str(key).startswith("f_")}
    return spec_from_widgets(G, values, kinds=kinds)


def views_sidebar(
    views: dict[str, View],
    stories: dict[str, Any],
    mine: set[str],
    problem: str,
    box: Any,
) -> None:
    """The shipped views and stories, and those saved here, at the top of the sidebar."""
    with box.expander("Saved views and stories", expanded=False, icon=":material/bookmarks:"):
        if problem:
            st.warning("Left out, as they could not be read:\n" + problem)
        if not views:
            st.caption("No saved view yet: set the filters, then use “Save this view”.")
            return
        st.selectbox(
            "Show a saved view",
            list(views),
            index=None,
            key="pick_view",
            format_func=lambda slug: views[slug].title + (" · saved here" if slug in mine else ""),
            placeholder="Choose a view",
            on_change=pick_view,
        )
        if stories:
            st.selectbox(
                "Story",
                list(stories),
                key="pick_story",
                format_func=lambda slug: (
                    f"{stories[slug].title} ({plural(len(stories[slug].views), 'view')})"
                ),
            )
            st.button(
                "Present this story",
                on_click=go_to_step,
                args=(None, 1),
                key="start_story",
                icon=":material/slideshow:",
                width="stretch",
            )


def save_sidebar(
    G: nx.MultiDiGraph,
    spec: FilterSpec,
    selection: Selection | None,
    store: ViewStore | None,
    views: dict[str, View],
    mine: set[str],
    box: Any,
) -> None:
    """Save the current view in the server's view store (never in the shipped data), or
    download it as TOML; on uploaded data (``store`` None) download only."""
    state = st.session_state
    with box.expander("Save this view", expanded=False, icon=":material/bookmark_add:"):
        st.text_input("Title", key="save_title", max_chars=120)
        st.text_area("Note", key="save_note", max_chars=2000, height=90)
        wanted = selection.id if selection and selection.kind in ("actor", "relation") else None
        try:
            view = view_from_spec(
                state.get("save_title") or "",
                spec,
                note=state.get("save_note") or "",
                selection=wanted,
                compare=current_compare(),
            )
        except ValueError as error:
            st.caption(escape_markdown(str(error).capitalize() + "."))
            return
        allowed, why = saving_policy(
            os.environ.get(SAVING_SETTING),
            st.get_option("server.address"),
            dict(st.context.headers or {}),
        )
        if store is not None and allowed:
            store_button(G, view, store, views, mine)
        elif store is None:
            st.caption("On your own data the view is offered as a file, not saved here.")
        else:
            st.caption(escape_markdown(why))
        st.download_button(
            "Download the view (TOML)",
            view_text(view),
            file_name=f"{view.slug}.toml",
            mime="application/toml",
            key="download_view",
            on_click="ignore",
            icon=":material/download:",
        )


def store_button(
    G: nx.MultiDiGraph, view: View, store: ViewStore, views: dict[str, View], mine: set[str]
) -> None:
    """The "Save" button, with "Replace it" when this reader's name is taken by a view
    saved here; a shipped view's name is never taken."""
    if view.slug in views and view.slug not in mine:
        st.caption(
            f"A shipped view is named “{escape_markdown(view.slug)}”: give this one another "
            "title (shipped views change only in the data folder)."
        )
        return
    replace_it = False
    if view.slug in mine:
        st.warning(f"A view named “{escape_markdown(view.slug)}” is saved already.")
        # One box per name: ticked for one view, it is not ticked for the next.
        replace_it = st.checkbox("Replace it", key=f"save_replace_{view.slug}")
    if not st.button(
        "Save", key="save_view", icon=":material/save:",
        disabled=view.slug in mine and not replace_it,
    ):  # fmt: skip
        return
    shipped = {slug for slug in views if slug not in mine}
    try:
        store.save(view, overwrite=replace_it, G=G, reserved=shipped)
    except ViewRefused as error:
        st.error("\n".join(["**Not saved:**", *issue_lines(error.issues)]))
    except StoreError as error:  # ViewExists too: another reader took the name meanwhile
        st.error(f"Not saved: {escape_markdown(str(error))}.")
    else:
        st.success(f"Saved “{escape_markdown(view.title)}”: it is listed under Saved views.")
        # A slug is lowercase letters, digits and '-': nothing to escape in a code span.
        st.caption(f"A curator ships it with `python -m graph views promote {view.slug}`.")


def data_sidebar(shipped: Dataset, base_key: Fingerprint, box: Any) -> None:
    """Bring your own data: upload tables to extend or replace the shipped data, for this
    session only. Nothing is applied unless every table passes the validator."""
    state = st.session_state
    with box.expander("Your data", expanded=False, icon=":material/upload_file:"):
        st.caption(
            escape_markdown(UploadLimits().describe())
            + f" The server keeps the checked data of its {UPLOADS_KEPT} latest uploads; "
            "an older one is checked again when its reader comes back to it."
        )
        mode = st.radio(
            "Your tables",
            ("extend", "replace"),
            key="upload_mode",
            format_func=lambda m: {"extend": "Add rows", "replace": "Replace tables"}[m],
            horizontal=True,
        )
        files = st.file_uploader(
            "Upload CSV tables or a .zip",
            type=["csv", "zip"],
            accept_multiple_files=True,
            key=f"uploader_{state.get('uploader_gen', 0)}",
        )
        if files:
            payload = tuple((f.name, f.getvalue()) for f in files)  # the box's own bytes
            digest = upload_digest(payload, mode)
            if digest != state.get("upload_seen"):
                state.upload_seen = digest
                result = checked_upload(digest, base_key, mode, payload, shipped)
                state.upload_issues = result.issues
                if result.ok:
                    state.upload = AcceptedUpload(digest, mode, payload)
                    state.layout_spec = None
        issues = state.get("upload_issues")
        if issues:
            st.error(
                "\n".join(
                    [
                        f"**Not applied: {plural(len(issues), 'problem')} in your tables.** "
                        "The page still shows the data it showed before.",
                        "",
                        *issue_lines(issues),
                    ]
                )
            )
        active = state.get("upload")
        result = active and checked_upload(
            active.digest, base_key, active.mode, active.files, shipped
        )
        if result and result.ok:  # one that no longer fits is dropped by uploaded_data()
            st.success(escape_markdown(result.summary()))
            st.button(
                "Back to the shipped data",
                on_click=drop_upload,
                key="drop_upload",
                icon=":material/undo:",
            )


def drop_upload() -> None:
    """Callback: forget the session's upload and empty the upload box."""
    state = st.session_state
    state.upload = state.upload_issues = state.upload_seen = None
    state.uploader_gen = state.get("uploader_gen", 0) + 1
    state.layout_spec = None


def uploaded_data(shipped: Dataset, base_key: Fingerprint) -> UploadResult | None:
    """The session's accepted upload, checked (from the server's caches, or again from its
    bytes if they were set aside); None without one, or when the shipped data changed so
    that the upload no longer fits it (the reader is told)."""
    state = st.session_state
    active = state.get("upload")
    if active is None:
        return None
    result = checked_upload(active.digest, base_key, active.mode, active.files, shipped)
    if not result.ok:
        st.warning(
            "Your upload no longer fits the shipped data, which changed on the server: the "
            "page shows the shipped data. Upload your tables again to see the problems.",
            icon=":material/sync_problem:",
        )
        drop_upload()
        return None
    return result


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
    facts: dict[str, Any],
) -> None:
    """The selection's card, record and evidence (``facts``: :func:`graph_facts` of ``G``)."""
    index = facts["index"]
    is_actor = selection is not None and selection.kind == "actor"
    st.session_state.pick_actor = selection.id if is_actor else None
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


# --------------------------------------------------------------------------- analysis


def changes_list(found: Any) -> None:
    """What changed between the two compare dates, in words."""
    st.markdown(
        f"**From {escape_markdown(found.before)} to {escape_markdown(found.after)}:** "
        f"{plural(len(found.begun), 'relation')} begun, {len(found.ended)} ended, "
        f"{plural(len(found.changed), 'pair')} of another net sign. Begun and ended "
        "relations are thickened in the network."
    )
    records = found.records()
    if not records:
        st.caption("Nothing changed among the relations the filters keep.")
        return
    words = {"begun": "Begun", "ended": "Ended", "changed sign": "Changed sign"}
    st.markdown(
        "\n".join(
            f"- **{words[r['change']]}** ({escape_markdown(str(r['what']))}): "
            f"{escape_markdown(str(r['reason']))}"
            for r in records
        )
    )


def analysis_wanted(H: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec) -> bool:
    """Whether to analyse ``H`` now: always up to :data:`ANALYSIS_AUTO_LIMIT` relations;
    past it once the reader asked for this view (remembered for the session)."""
    size = H.number_of_edges()
    if size <= ANALYSIS_AUTO_LIMIT:
        return True
    asked = st.session_state.setdefault("analysed_views", set())
    if (fingerprint, spec) in asked:
        return True
    st.info(
        f"{plural(size, 'relation')} on screen: at this size the analysis takes seconds, "
        f"so it runs when asked. It runs on its own below {ANALYSIS_AUTO_LIMIT:,} "
        "relations: narrow the filters, or analyse this view.",
        icon=":material/hourglass_top:",
    )
    # The click is remembered before the rerun (a callback), so that run analyses.
    st.button(
        "Analyse this view", key="analyse_large", icon=":material/analytics:",
        on_click=asked.add, args=((fingerprint, spec),),
    )  # fmt: skip
    return False


def analysis_panel(
    H: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec, found: Any
) -> None:
    if found is not None:
        with st.container(border=True):
            changes_list(found)
    if H.number_of_edges() == 0:
        st.caption("Nothing to analyse: no relation matches the filters.")
        return
    if not analysis_wanted(H, fingerprint, spec):
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


# --------------------------------------------------------------------------- exports


class GraphSource(NamedTuple):
    """Where a session's full graph comes from, for work done after its run (a download
    built on click) without holding the graph: Streamlit keeps a download's callable with
    the session, and a graph there would keep each reader's upload alive. A weak reference
    to the shared, cached graph, and what to rebuild it from if the caches let it go."""

    graph: weakref.ref[nx.MultiDiGraph]
    data_dir: str
    upload: AcceptedUpload | None

    def full_graph(self) -> nx.MultiDiGraph:
        found = self.graph()
        if found is not None:
            return found
        base = load_dataset(Path(self.data_dir))
        if self.upload is None:
            return build_graph(base)
        result = read_upload(self.upload.files, base=base, mode=self.upload.mode)  # type: ignore[arg-type]
        return build_graph(result.dataset)


def export_data(source: GraphSource, spec: FilterSpec, label: str) -> str | bytes:
    """One light export of the view ``spec`` of ``source``'s graph, built when its button
    is clicked (not on every run); the same exporter as
    :func:`graph.page.relation_exports` uses for that label."""
    return EXPORTERS[LIGHT_EXPORTS[label][0]](apply_filters(source.full_graph(), spec))


def exports_panel(
    G: nx.MultiDiGraph,
    source: GraphSource,
    dataset: Dataset,
    spec: FilterSpec,
    view: View,
    positions: dict,
    view_key: str,
) -> None:
    """Downloads of the current view; the heavy ones are built only on request."""
    state = st.session_state
    if state.get("export_key") != view_key:  # the view changed: prepared files are stale
        state.export_key = view_key
        state.export_html = state.export_images = state.export_images_error = None
    light, briefing, images = st.columns([1, 1, 1.4], gap="medium")
    with light:
        st.markdown("**Relations and graph**")
        for label, (extension, mime) in LIGHT_EXPORTS.items():
            st.download_button(
                label, functools.partial(export_data, source, spec, label),
                file_name=export_name(view.title, extension), mime=mime,
                key=f"export_{extension}", on_click="ignore", icon=":material/download:",
            )  # fmt: skip
        st.caption("The CSV opens safely in a spreadsheet: no cell starts a formula.")
    with briefing:
        st.markdown("**Briefing (HTML)**")
        if st.button("Prepare briefing", key="prepare_briefing", icon=":material/article:"):
            with st.spinner("Writing the briefing…"):
                started = time.perf_counter()
                page = briefing_html(
                    G, dataset, spec, view=view, positions=positions,
                    sources_dir=default_sources_dir(),
                )  # fmt: skip
                LOG.info("briefing built in %.2f s", time.perf_counter() - started)
            state.export_html = page.encode("utf-8")
        if state.get("export_html"):
            st.download_button(
                "Download the briefing", state.export_html,
                file_name=export_name(view.title, "html"), mime="text/html",
                key="export_html_file", on_click="ignore", icon=":material/download:",
            )  # fmt: skip
        st.caption("One self-contained page: figures, findings, relations and sources; opens "
                   "with no network.")  # fmt: skip
    with images:
        st.markdown("**Figures as PNG and SVG**")
        if st.button("Prepare images", key="prepare_images", icon=":material/image:"):
            with st.spinner("Drawing the figures in a headless browser…"):
                started = time.perf_counter()
                figures = briefing_figures(G, dataset, spec, view=view, positions=positions)
                try:
                    state.export_images = {
                        fmt: figures_images(figures, fmt) for fmt in ("png", "svg")
                    }
                except (FileNotFoundError, ImportError, RuntimeError) as error:
                    state.export_images_error = str(error)
                LOG.info("images built in %.2f s", time.perf_counter() - started)
        if state.get("export_images_error"):
            st.warning(
                "The images could not be drawn: "
                + escape_markdown(state.export_images_error)
                + ". The chart toolbar's camera button still saves one figure as PNG."
            )
        for fmt, found in (state.get("export_images") or {}).items():
            columns = st.columns(len(found))
            for column, (name, data) in zip(columns, found.items(), strict=True):
                column.download_button(
                    f"{name.title()} {fmt.upper()}", data,
                    file_name=export_name(f"{view.title} {name}", fmt),
                    mime="image/png" if fmt == "png" else "image/svg+xml",
                    key=f"export_{name}_{fmt}", on_click="ignore",
                )  # fmt: skip


# --------------------------------------------------------------------------- presentation


def findings_html(
    H: nx.MultiDiGraph,
    compare: tuple[str, str] | None,
    fingerprint: Fingerprint,
    spec: FilterSpec,
) -> str:
    """The key findings of the view in three columns: tension triads, camps, central."""
    if H.number_of_edges() == 0:
        return ""
    found = view_findings(H, fingerprint, spec, compare)
    limit = PRESENT_LIST_LIMIT
    triads = [f"<li>{escape_html(t)}</li>" for t in found.triads[:limit]]
    if len(found.triads) > limit:
        triads.append(f"<li>… and {len(found.triads) - limit} more</li>")
    first, second = found.camps
    if first or second:
        camps = (
            f"<ul><li><b>Camp 1:</b> {escape_html(', '.join(first) or _EN_DASH.strip())}</li>"
            f"<li><b>Camp 2:</b> {escape_html(', '.join(second) or _EN_DASH.strip())}</li></ul>"
            f"<p>{escape_html(found.frustration_text().capitalize())}.</p>"
        )
    else:
        camps = "<p>No cooperative or hostile pair: no camps.</p>"
    central = "".join(
        f"<li>{escape_html(a.name)} ({plural(a.degree, 'relation')})</li>" for a in found.central
    )
    columns = [
        ("Tension triads", f"<ul>{''.join(triads)}</ul>" if triads else "<p>None: every "
         "triangle of the view is balanced.</p>"),
        ("Camps", camps),
        ("Most central actors", f"<ul>{central}</ul>"),
    ]  # fmt: skip
    cells = "".join(f"<section><h3>{title}</h3>{body}</section>" for title, body in columns)
    if found.compare is not None:
        changed = [f"<li>{escape_html(c)}</li>" for c in found.changes[:limit]]
        if len(found.changes) > limit:
            changed.append(f"<li>… and {len(found.changes) - limit} more</li>")
        body = f"<ul>{''.join(changed)}</ul>" if changed else "<p>Nothing changed.</p>"
        before, after = (escape_html(d) for d in found.compare)
        title = f"What changed, {before} → {after}"
        cells = f'<section class="bl-wide"><h3>{title}</h3>{body}</section>' + cells
    return f'<div class="bl-findings">{cells}</div>'


def presentation(
    G: nx.MultiDiGraph,
    H: nx.MultiDiGraph,
    dataset: Dataset,
    spec: FilterSpec,
    view: View,
    positions: dict,
    summary: str,
    stories: dict[str, Any],
    views: dict[str, View],
    kinds: Sequence[str],
    fingerprint: Fingerprint,
) -> None:
    """The current view large and clean: title, summary, the two figures, the findings
    and the source footnote; a story's previous / next above it, so the next slide opens
    at its top."""
    state = st.session_state
    theme = page_theme()
    story = stories.get(state.get("story") or "")
    back, middle, forward, _, leave = st.columns([1, 3.2, 1, 3.6, 1.2], vertical_alignment="center")
    if story is not None:
        step, count = state.step, len(story.views)
        back.button(
            "Previous", key="story_previous", on_click=go_to_step, args=(story.slug, step - 1),
            disabled=step <= 1, icon=":material/arrow_back:", width="stretch",
        )  # fmt: skip
        middle.html(f'<p class="bl-step">{escape_html(story.title)} · step {step} of {count}</p>')
        forward.button(
            "Next", key="story_next", on_click=go_to_step, args=(story.slug, step + 1),
            disabled=step >= count, icon=":material/arrow_forward:", width="stretch",
        )  # fmt: skip
    leave.button(
        "Exit presentation", key="present_off", on_click=set_present, args=(False,),
        icon=":material/close_fullscreen:", width="stretch", type="tertiary",
    )  # fmt: skip
    st.html(f'<h1 class="bl-present-title">{escape_html(view.title)}</h1>')
    st.html(f'<p class="bl-present-summary">{escape_html(summary)}</p>')
    if view.note:
        st.html(f'<p class="bl-present-note">{escape_html(view.note)}</p>')
    figures = briefing_figures(
        G, dataset, spec, view=view, positions=positions, font_size=PRESENT_FONT,
        network_height=PRESENT_NETWORK_HEIGHT, map_height=PRESENT_MAP_HEIGHT,
        network_width=PRESENT_NETWORK_WIDTH, table=graph_facts(G, fingerprint)["network_table"],
        theme=theme,
    )  # fmt: skip
    left, right = st.columns([1, 1], gap="medium")
    with left:
        figure_view(
            figures["network"], key="present_network", config=PLOT_CONFIG, theme=theme,
            clickable=False,
        )  # fmt: skip
    with right:
        figure_view(
            figures["map"], key="present_map", config=PLOT_CONFIG, theme=theme, clickable=False
        )
    st.html(findings_html(H, current_compare(), fingerprint, spec))
    events = events_in_view(H, dataset.events, spec)
    notes = source_notes(H, events, sources_dir=default_sources_dir())
    if notes:
        st.html(
            '<div class="bl-footnote">Source: '
            + " ".join(escape_html(note.text()) for note in notes)
            + "</div>"
        )


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
            line = f"<b>The {escape_html(_EN_DASH.join(names))} border</b>"
        else:
            line = f"<b>{plural(len(selection.id.split(',')), 'relation')}</b> drawn as one arc"
        st.html(f"<div>{line}</div>")
        st.caption("Details and evidence below.")


def render(
    dataset: Dataset,
    G: nx.MultiDiGraph,
    fingerprint: Fingerprint,
    layout: dict[Any, tuple[float, float]],
    slots: dict[str, Any],
    store: ViewStore | None,
    source: GraphSource,
) -> None:
    """Everything after the data loaded: filters, selection, figures, details, analysis;
    or, in presentation mode, the view large and clean. ``store`` holds the views readers
    save (None on uploaded data, which saves nothing); ``source`` says where ``G`` comes
    from, for downloads built on click."""
    state = st.session_state
    present = {kind for _, kind in G.nodes(data="kind")}
    kinds = [k for k in G.graph.get("actor_kinds") or () if k in present]
    views, stories, mine, problem = all_views(store or ViewStore())
    if not state.get("seeded"):
        seed_from_url(G, dataset, kinds, views, stories)
    take_request(G, dataset, kinds, views, stories)
    init_state(G, kinds)
    facts = graph_facts(G, fingerprint)
    known = known_ids(G, dataset, facts["index"])
    take_clicks(known, G, kinds)
    if state.selection != state.get("shown_selection"):  # a new selection: show its details
        state.shown_selection = state.selection
        if state.selection is not None:
            state.lower = LOWER_TABS[0]
    chosen = state.selection
    if chosen is not None and chosen.kind != "relations" and chosen.id not in known[chosen.kind]:
        state.selection = None  # the data changed under the session (an upload)

    if state.present:
        keep_hidden_inputs()
        values = {key: state.get(key) for key in state if str(key).startswith("f_")}
        spec, warnings = spec_from_widgets(G, values, kinds=kinds)
    else:
        views_sidebar(views, stories, mine, problem, slots["views"])
        spec, warnings = sidebar_filters(G, kinds, slots["filters"], facts)
    H = apply_filters(G, spec)
    selection = state.selection
    index = facts["index"]
    if state.get("view_pending"):
        state.view_spec, state.view_pending = spec, False
    saved = views.get(state.view_slug or "")
    if saved is None or spec != state.get("view_spec"):
        saved, state.view_slug = None, None  # the filters moved away from the saved view
    compare = current_compare()
    wanted = selection.id if selection and selection.kind in ("actor", "relation") else None
    view = view_from_spec(
        saved.title if saved else "Borderlines",
        spec,
        note=saved.note if saved else "",
        selection=wanted,
        compare=compare,
        slug=saved.slug if saved else "view",
    )
    write_url(spec, selection)

    counts = f"{plural(H.number_of_nodes(), 'actor')}, {plural(H.number_of_edges(), 'relation')}"
    summary = f"{summary_text(spec, G)} · {counts}"
    if compare is not None:
        summary += f" · changes {compare[0]} → {compare[1]} marked"
    for warning in [*state.get("url_warnings", []), *warnings]:
        st.warning(escape_markdown(warning), icon=":material/link_off:")
    state.url_warnings = []
    if state.present:
        # The slide draws larger labels in a wider frame: its own layout keeps them apart.
        positions = dict(slide_layout(G, fingerprint, None))
        if state.layout_spec is not None:
            try:
                positions.update(slide_layout(G, fingerprint, state.layout_spec))
            except (ValueError, nx.NodeNotFound):  # the data changed under the session
                state.layout_spec = None
        presentation(
            G, H, dataset, spec, view, positions, summary, stories, views, kinds, fingerprint
        )
        return
    positions = dict(layout)
    if state.layout_spec is not None:
        try:
            positions.update(filtered_layout(G, fingerprint, state.layout_spec))
        except (ValueError, nx.NodeNotFound):  # the data changed under the session
            state.layout_spec = None

    header = slots["header"]
    title_slot, summary_slot, options_slot, present_slot = header
    title_slot.title(saved.title if saved else "Borderlines", anchor=False)
    summary_slot.html(f'<p class="bl-summary"><b>Showing:</b> {escape_html(summary)}</p>')
    if saved is not None and saved.note:
        summary_slot.caption(escape_markdown(saved.note))
    with options_slot:
        view_options(spec)
    present_slot.button(
        "Present", key="present_on", on_click=set_present, args=(True,),
        icon=":material/slideshow:", width="stretch",
        help="Hide the controls and show this view large, for a room.",
    )  # fmt: skip
    empty = ""
    if H.number_of_edges() == 0:
        empty = explain_empty(G, spec) or "No relation matches the filters."
        st.info(escape_markdown(empty), icon=":material/filter_alt_off:")

    node_sizes = None
    if state.v_size == "betweenness" and H.number_of_edges():
        node_sizes = analysis_tables(H, fingerprint, spec)["measures"]["betweenness"].to_dict()
    actor = selection.id if selection is not None and selection.kind == "actor" else None
    actor = actor if actor in H else None
    highlight = None
    if selection is not None and selection.kind in ("relation", "relations"):
        highlight = [r for r in selection.id.split(",") if r in index and H.has_edge(*index[r])]
    found = None
    if compare is not None:
        found = changes(H, *compare)
        if not highlight:
            highlight = sorted({*found.begun["id"], *found.ended["id"]})
    theme = page_theme()
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
        table=facts["network_table"],
        theme=theme,
    )
    border_map = map_figure(
        H,
        dataset,
        selected=actor,
        theme=theme,
        relation_legend=False,
        height=MAP_HEIGHT,
        width_hint=MAP_WIDTH_HINT,
        **map_geometry(dataset, fingerprint),
    )

    left, right = st.columns([3, 2], gap="small")
    with left:
        figure_view(network, key="network", config=PLOT_CONFIG, theme=theme)
        merged = (network.layout.meta or {}).get("merged")
        if merged:
            st.caption(
                f"{merged['relations']:,} relations on screen, drawn as {merged['lines']:,} "
                "lines: relations of one type between the same two actors share a line "
                "(hover it for how many; click it to list them)."
            )
    with right:
        figure_view(border_map, key="map", config=PLOT_CONFIG, theme=theme)
        selection_card(G, H, dataset, selection)
    timeline = timeline_figure(
        H,
        dataset.events,
        spec=spec,
        selected=actor,
        marked_dates=compare or (),
        width_hint=TIMELINE_WIDTH_HINT,
    )
    figure_view(timeline, key="timeline", config=PLOT_CONFIG, theme=theme)
    st.caption(
        "Click a bar, an event or a month of the “Set the date” strip to see the relations "
        "in force then."
    )
    # Below the figures, one part at a time: only the open tab runs and is sent, so a
    # click pays for the part the reader looks at, not for all three.
    details, analysis, exports = st.tabs(
        list(LOWER_TABS), key="lower", on_change="rerun", default=LOWER_TABS[0]
    )
    if details.open:
        with details:
            details_panel(G, H, dataset, selection, facts)
    if analysis.open:
        with analysis:
            analysis_panel(H, fingerprint, spec, found)
    if exports.open:
        with exports:
            exports_panel(
                G, source, dataset, spec, view, positions, json.dumps(query_dict(), sort_keys=True)
            )
    save_sidebar(G, spec, selection, store, views, mine, slots["save"])


def footer(dataset: Dataset) -> None:
    """How much the dataset holds, at the foot of the page."""
    st.subheader("The dataset", anchor=False)
    for column, (table, label) in zip(
        st.columns(len(COUNTED_TABLES)), COUNTED_TABLES.items(), strict=True
    ):
        column.metric(label, len(getattr(dataset, table)))


def main() -> None:
    """The page, top to bottom: which data, then the view."""
    st.set_page_config(page_title="Borderlines", layout="wide", initial_sidebar_state="expanded")
    state = st.session_state
    if "present" not in state:  # before anything is drawn: it decides the page's shape
        state.present = st.query_params.get("present") == "1"
    st.html(PAGE_CSS)
    slots: dict[str, Any] = {}
    if state.present:
        st.html(PRESENT_CSS)
    else:
        header = st.columns([1.8, 5, 1.1, 1.1], vertical_alignment="center")
        slots.update(
            header=header,
            views=st.sidebar.container(),
            filters=st.sidebar.container(),
            save=st.sidebar.container(),
            data=st.sidebar.container(),
        )

    data_dir = default_data_dir()
    fingerprint = data_fingerprint(data_dir)
    try:
        shipped = cached_dataset(str(data_dir), fingerprint)
    except DataError as error:
        show_data_error(error)
        st.stop()

    if not state.present:
        data_sidebar(shipped, fingerprint, slots["data"])
    try:
        upload = uploaded_data(shipped, fingerprint)
        if upload is not None and upload.dataset is not None:
            dataset = upload.dataset
            # The upload's data depends on the shipped data it extends: both in the key.
            key: Fingerprint = ((f"upload:{upload.digest}", 0, 0), *fingerprint)
            graph = upload_graph(key, dataset)
            layout = upload_layout(key, graph)
            store = None
        else:
            dataset = shipped
            graph = cached_graph(str(data_dir), fingerprint)
            layout = cached_layout(str(data_dir), fingerprint)
            key, store = fingerprint, ViewStore()
        source = GraphSource(weakref.ref(graph), str(data_dir), state.get("upload"))
        started = time.perf_counter()
        render(dataset, graph, key, layout, slots, store, source)
        LOG.debug("page drawn in %.3f s", time.perf_counter() - started)
    except Exception:  # a reader sees a short message; the traceback goes to the log
        LOG.exception("the page failed")
        st.error(
            "Something went wrong while drawing this view. Try widening the filters or "
            "clearing the selection; the details are in the server's log."
        )
    if not state.present:
        footer(dataset)


main()

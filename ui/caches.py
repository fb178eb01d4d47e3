"""Every cache of the page, keyed by the data's version (:data:`ui.common.Fingerprint`).

The dataset, its graph and the layout of the whole graph are shared resources, read once
per data version; what a filter choice derives (layouts of the filtered graph, analysis
tables, findings) is cached per choice; uploads are checked once and the server keeps the
latest few (``UPLOADS_KEPT``). Defined in a module, the caches are made once per server
process, not once per rerun as they were in the page's script (6 ms a rerun).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx
import pandas as pd
import streamlit as st

from graph import style
from graph.analysis import (
    ActorPath,
    actor_measures,
    blocs,
    camps,
    signed_view,
    unbalanced_triads,
    ways_between,
)
from graph.briefing import key_findings, network_frame
from graph.build import build_graph, dataset_in_language, in_language
from graph.details import bloc_rows, date_span, issue_lines, relation_index
from graph.figures.network import NetworkTable, network_table
from graph.filters import FilterSpec, apply_filters, undated_count
from graph.geo import (
    GEO_DIR,
    CountryShape,
    SharedBorder,
    cited_lengths,
    country_shapes,
    shared_borders,
)
from graph.i18n import gettext as _
from graph.i18n import language
from graph.layout import layout_positions
from graph.load import (
    Dataset,
    default_data_dir,
    default_sources_dir,
    load_dataset,
    read_paragraphs,
    resolves_inside,
)
from graph.store import StoreError, ViewStore
from graph.text import escape_markdown
from graph.upload import UploadResult, read_upload
from graph.views import View, default_views_dir, read_views
from ui.common import (
    LAYOUT_FRAME,
    PRESENT_FONT,
    PRESENT_NETWORK_HEIGHT,
    PRESENT_NETWORK_WIDTH,
    UPLOADS_KEPT,
    Fingerprint,
    name_of,
)

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


@dataclass(frozen=True)
class GraphFacts:
    """What every rerun reads of the whole graph, once per data version (shared by the
    sessions, never mutated)."""

    #: Relation id -> (source, target, key).
    index: dict[str, tuple[str, str, str]]
    #: The first day a relation starts and the last day the data speaks of.
    span: tuple[date | None, date | None]
    #: Relations per type id.
    type_counts: dict[str, int]
    #: Relations with neither start nor end.
    undated: int
    #: Actor ids by name.
    actors: list[str]
    #: Actor id -> name, and -> "name (kind)", for the actor boxes: their format_func
    #: keeps these dicts, never the graph.
    names: dict[str, str]
    labels: dict[str, str]
    #: The columns the network figure reads of each view.
    network_table: NetworkTable


@st.cache_resource(show_spinner=False, max_entries=8)
def data_in_language(
    _dataset: Dataset, _G: nx.MultiDiGraph, fingerprint: Fingerprint, lang: str
) -> tuple[Dataset, nx.MultiDiGraph]:
    """The dataset and its graph with their names in ``lang``, once per data version and
    language: the graph's actors and relation types (:func:`graph.build.in_language`), the
    map's places (``name_ar``, else ``label_ar``) and the events' titles (``title_ar``) in
    Arabic where the data gives them."""
    return dataset_in_language(_dataset, lang), in_language(_G, lang)


@st.cache_resource(show_spinner="Laying out the network…", max_entries=4)
def language_layout(_G: nx.MultiDiGraph, key: Fingerprint) -> dict[Any, tuple[float, float]]:
    """Positions of every actor of ``_G`` (a graph of :func:`data_in_language`), whose
    labels have their own lengths in that language, once per data version and language."""
    return layout_positions(_G, frame=LAYOUT_FRAME)


@st.cache_resource(show_spinner=False, max_entries=4)
def graph_facts(_G: nx.MultiDiGraph, fingerprint: Fingerprint) -> GraphFacts:
    """The :class:`GraphFacts` of the whole graph ``_G``, once per data version."""
    counts: dict[str, int] = {}
    for _u, _v, kind in _G.edges(data="relation"):
        counts[kind] = counts.get(kind, 0) + 1
    names = {actor: name_of(_G, actor) for actor in _G}
    return GraphFacts(
        index=relation_index(_G),
        span=date_span(_G),
        type_counts=counts,
        undated=undated_count(_G),
        actors=sorted(_G, key=lambda n: names[n].casefold()),
        names=names,
        labels={
            actor: f"{names[actor]} ({_(style.actor_kind_style(kind).label).lower()})"
            for actor, kind in _G.nodes(data="kind")
        },
        network_table=network_table(_G),
    )


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


@st.cache_data(show_spinner=False, max_entries=32)
def connection(
    _H: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec, pair: tuple[str, str]
) -> tuple[list[ActorPath], str]:
    """:func:`graph.analysis.ways_between` the two actors of ``pair`` in the filtered graph
    ``_H`` (``fingerprint`` and ``spec`` say which), once per view."""
    return ways_between(_H, pair)


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
    digest: str,
    base: Fingerprint,
    mode: str,
    lang: str,
    _files: Sequence[tuple[str, bytes]],
    _base: Dataset,
) -> UploadResult:
    """An upload checked and merged with the shipped data, once per content (``digest``),
    version of the shipped data (``base``) and language (``lang``: the issues are written
    in the reader's; still at most :data:`UPLOADS_KEPT` results in all).

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
def shipped_views(folder: str, fingerprint: Fingerprint, lang: str) -> tuple[dict, dict, str]:
    """The shipped views and stories of a folder that can be read, and what is wrong with
    the others ("" if nothing), said in ``lang``: a bad file is left out, never hides the
    rest. Shared and never mutated (a resource, so no rerun pays to copy them)."""
    views, stories, issues = read_views(Path(folder))
    return views, stories, "\n".join(issue_lines(issues, limit=10))


@st.cache_resource(show_spinner=False, max_entries=8)
def stored_views(folder: str, generation: int, lang: str) -> tuple[dict, str]:
    """The views readers saved on this server (the state store in ``folder``), read once
    per change of the store (``generation``), and what is wrong with any left out, said in
    ``lang``. Shared and never mutated: 500 views copied on every rerun would cost about
    15 ms."""
    views, _stories, issues = ViewStore(folder).read()
    return views, "\n".join(issue_lines(issues, limit=10))


def all_views(store: ViewStore) -> tuple[dict[str, View], dict[str, Any], set[str], str]:
    """Shipped views and stories, then the views saved here (a shipped name wins): the
    views by slug, the stories, the slugs of the saved ones, and what could not be read."""
    folder = default_views_dir(default_data_dir())
    lang = language()
    views, stories, problem = shipped_views(str(folder), views_fingerprint(folder), lang)
    try:
        saved, trouble = stored_views(str(store.folder), store.generation(), lang)
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

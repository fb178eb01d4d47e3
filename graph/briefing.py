"""Briefing packs: one self-contained HTML page per view or story, and figure images.

:func:`briefing_html` writes what a view shows as a page that opens from a file with no
network: the title and note, the one-line filter summary, the data version and date, the
network, the map and the timeline (plotly.js inlined once for the whole page), the key
findings in words, the relations with their evidence and grades, the events and the
source footnote. :func:`story_briefing_html` does the same for every view of a story.
:func:`figure_images` renders a figure to PNG or SVG with kaleido and Debian's chromium,
with MathJax off and every web request sent to a dead proxy.

The pieces are public for the dashboard's presentation mode: :func:`briefing_figures`,
:func:`key_findings`, :func:`source_notes` and :func:`data_version`. The CSV, GraphML and
GEXF of a view come from :mod:`graph.export` (``EXPORTERS``), never from here.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import os
import shutil
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from graph import style
from graph.analysis import (
    ActorPath,
    actor_measures,
    actor_name,
    camps,
    changes,
    signed_view,
    unbalanced_triads,
    ways_between,
    ways_text,
)
from graph.details import relations_frame
from graph.figures.timeline import events_in_view, timeline_figure
from graph.filters import SIGN_NAMES, FilterSpec, apply_filters, describe, explain_empty
from graph.html import fragment, templates
from graph.load import Dataset, format_citation, paragraph_ranges, parse_evidence
from graph.text import plural

__all__ = [
    "IMAGE_FORMATS",
    "CentralActor",
    "Findings",
    "SourceNote",
    "briefing_figures",
    "briefing_html",
    "content_hash",
    "data_version",
    "figure_images",
    "figures_images",
    "findings_html",
    "key_findings",
    "network_frame",
    "slide_html",
    "source_notes",
    "story_briefing_html",
    "view_ways",
]

#: Image formats :func:`figure_images` writes.
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg")

#: Where every web request of the image renderer goes: a closed local port, so nothing
#: leaves the machine even if a figure asked for a CDN file.
_DEAD_PROXY = "http://127.0.0.1:9"
_DASH = "\u2013"
_SIGN_CLASS = SIGN_NAMES  # CSS class of a sign's swatch: its name
# The page may run only its own inline scripts and styles, and load nothing at all.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:"
)


# --------------------------------------------------------------------------- version


def content_hash(path: Path | str, descriptor: Mapping[str, Any] | None = None) -> str:
    """Return the SHA-256 of a data folder's descriptor and the files it lists.

    Parameters
    ----------
    path : path-like
        The data folder.
    descriptor : mapping, optional
        The parsed ``datapackage.json``; read from ``path`` when not given.

    Returns
    -------
    str
        64 hex digits; any change to a table or the descriptor changes it.

    Raises
    ------
    FileNotFoundError
        If the descriptor or a listed file is missing.

    Notes
    -----
    Cost O(size of the files).

    Examples
    --------
    >>> from graph.load import default_data_dir
    >>> len(content_hash(default_data_dir()))
    64
    """
    import json

    folder = Path(path)
    raw = (folder / "datapackage.json").read_bytes()
    if descriptor is None:
        descriptor = json.loads(raw)
    digest = hashlib.sha256()
    names = ["datapackage.json"] + [str(r["path"]) for r in descriptor.get("resources", ())]
    for name in names:
        data = raw if name == "datapackage.json" else (folder / name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def data_version(dataset: Dataset) -> str:
    """Return the data's version for a footer: descriptor version and content hash.

    Parameters
    ----------
    dataset : graph.load.Dataset
        Reads ``descriptor`` and ``path``.

    Returns
    -------
    str
        Like ``"0.1.0 · sha256 1a2b3c4d5e6f"`` (the hash's first 12 digits).

    Notes
    -----
    Cost O(size of the data files).

    Examples
    --------
    >>> from graph.load import load_dataset
    >>> data_version(load_dataset()).startswith(load_dataset().descriptor["version"] + " · ")
    True
    """
    version = (getattr(dataset, "descriptor", None) or {}).get("version") or "unversioned"
    path = getattr(dataset, "path", None)
    try:
        digest = content_hash(path, dataset.descriptor)[:12] if path is not None else None
    except (OSError, KeyError):
        digest = None
    return f"{version} · sha256 {digest}" if digest else str(version)


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class CentralActor:
    """An actor that holds the view together, with its measures."""

    actor: str
    name: str
    betweenness: float
    degree: int
    partners: int


@dataclass(frozen=True)
class Findings:
    """What a briefing says about a view, in words.

    Attributes
    ----------
    relations, actors : int
        What the view holds.
    triads : tuple of str
        Every unbalanced triad ("tension triad") explained, naming its relations.
    camps : (tuple of str, tuple of str)
        Actor names of the two camps that best fit the signs (empty without signed
        relations).
    frustration : int
        Pairs that defy the camps (cooperative across, hostile within).
    exact : bool
        Whether ``frustration`` is the minimum (the frustration index) or an upper bound.
    lower_bound : int
        A proven lower bound of the frustration index.
    method : str
        How the camps were found, in words.
    central : tuple of CentralActor
        The most central actors, by betweenness then number of relations.
    compare : (str, str) or None
        The dates compared, if any.
    changes : tuple of str
        What changed between them, one sentence each.
    """

    relations: int
    actors: int
    triads: tuple[str, ...]
    camps: tuple[tuple[str, ...], tuple[str, ...]]
    frustration: int
    exact: bool
    lower_bound: int
    method: str
    central: tuple[CentralActor, ...]
    compare: tuple[str, str] | None = None
    changes: tuple[str, ...] = ()

    def frustration_text(self) -> str:
        """The frustration index with its exact or bound label.

        Examples
        --------
        >>> Findings(0, 0, (), ((), ()), 2, True, 2, "exact", ()).frustration_text()
        'frustration index 2 (exact)'
        >>> Findings(0, 0, (), ((), ()), 5, False, 3, "bound", ()).frustration_text()
        'frustration index at most 5 (upper bound; at least 3)'
        """
        if self.exact:
            return f"frustration index {self.frustration} (exact)"
        return (
            f"frustration index at most {self.frustration} "
            f"(upper bound; at least {self.lower_bound})"
        )

    def lines(self) -> list[str]:
        """The findings as plain sentences, for a text report or a slide.

        Examples
        --------
        >>> Findings(3, 3, (), (("Iran",), ("Jaish al-Adl",)), 0, True, 0, "exact",
        ...          (CentralActor("iran", "Iran", 1.0, 2, 2),)).lines()[0]
        'Tension triads: none; every triangle of the view is balanced.'
        """
        out = []
        if self.triads:
            out.append(f"Tension triads ({len(self.triads)}):")
            out += [f"  - {text}" for text in self.triads]
        else:
            out.append("Tension triads: none; every triangle of the view is balanced.")
        first, second = self.camps
        if first or second:
            out.append(f"Camp 1: {', '.join(first) or '-'}")
            out.append(f"Camp 2: {', '.join(second) or '-'}")
            out.append(f"Camps fit the signs with {self.frustration_text()}.")
        else:
            out.append("Camps: none; the view holds no cooperative or hostile pair.")
        if self.central:
            names = ", ".join(f"{a.name} ({plural(a.degree, 'relation')})" for a in self.central)
            out.append(f"Most central: {names}.")
        if self.compare is not None:
            out.append(f"Changes from {self.compare[0]} to {self.compare[1]}:")
            out += [f"  - {text}" for text in self.changes] or ["  - none"]
        return out


def key_findings(
    G: nx.MultiDiGraph, *, top: int = 5, compare: Sequence[str] | None = None
) -> Findings:
    """Return the key findings of a filtered view: tension triads, camps, central actors.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The filtered relationship graph (already narrowed to the view's dates).
    top : int, default 5
        How many central actors to name.
    compare : (str, str), optional
        Two dates: also list the relations begun and ended, and the pairs whose net sign
        changed, between them (:func:`graph.analysis.changes`).

    Returns
    -------
    Findings

    Raises
    ------
    ValueError
        If ``top`` is not positive or a compare date is bad.

    Notes
    -----
    Cost: the signed view O(n log n + m), triads O(m sqrt(m)), camps (exact up to 20
    actors per part, else local search), betweenness O(n p); milliseconds at the shipped
    size.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": x, "name": x.title()} for x in ("iran", "pakistan", "azerbaijan")],
    ...     [{"id": "R1", "source": "iran", "target": "pakistan", "relation": "coop",
    ...       "sign": 1, "intensity": 6.0},
    ...      {"id": "R2", "source": "pakistan", "target": "azerbaijan", "relation": "coop",
    ...       "sign": 1, "intensity": 6.0},
    ...      {"id": "R3", "source": "iran", "target": "azerbaijan", "relation": "drills",
    ...       "sign": -1, "intensity": -5.0}],
    ... )
    >>> findings = key_findings(G)
    >>> print(findings.triads[0])
    Azerbaijan and Pakistan cooperate (R2), Iran and Pakistan cooperate (R1), but Azerbaijan \
and Iran are hostile (R3)
    >>> findings.frustration_text(), findings.central[0].name
    ('frustration index 1 (exact)', 'Azerbaijan')
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number >= 1, not {top!r}")
    S = signed_view(G)
    triads = tuple(str(t) for t in unbalanced_triads(S, G)["explanation"])
    split = camps(S)
    names = tuple(
        tuple(sorted(actor_name(G, a) for a in side)) for side in (split.first, split.second)
    )
    measures = actor_measures(G)
    ranked = measures[measures["degree"] > 0].copy()
    ranked["sort_name"] = ranked["name"].astype(str).str.lower()
    ranked = ranked.sort_values(
        ["betweenness", "degree", "sort_name"], ascending=[False, False, True], kind="stable"
    )
    central = tuple(
        CentralActor(
            str(i),
            str(row["name"]),
            float(row["betweenness"]),
            int(row["degree"]),
            int(row["partners"]),
        )
        for i, row in ranked.head(top).iterrows()
    )
    pair = None
    found: tuple[str, ...] = ()
    if compare is not None:
        before, after = (str(d) for d in compare)
        pair = (before, after)
        result = changes(G, before, after)
        found = tuple(str(record["reason"]) for record in result.records())
    return Findings(
        relations=G.number_of_edges(),
        actors=G.number_of_nodes(),
        triads=triads,
        camps=(names[0], names[1]),
        frustration=split.frustration,
        exact=split.exact,
        lower_bound=split.lower_bound,
        method=split.method,
        central=central,
        compare=pair,
        changes=found,
    )


# --------------------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceNote:
    """A source cited by a view, and the paragraphs the view relies on.

    Attributes
    ----------
    source : str
        The source id.
    title, publisher, original_publisher, language, published : str
        From the ``sources`` table ("" when missing).
    paragraphs : tuple of int
        Paragraphs cited by the view's relations and events, sorted.
    file : str or None
        The archived text's file name, when it is in the sources folder given.
    """

    source: str
    title: str
    publisher: str
    original_publisher: str
    language: str
    published: str
    paragraphs: tuple[int, ...]
    file: str | None = None

    def text(self) -> str:
        """The footnote as one plain sentence.

        Examples
        --------
        >>> SourceNote("s", "A title", "Paper", "Wire", "ar", "2021-10", (3, 4, 5, 9)).text()
        'Paper, relaying Wire: “A title” (ar), published 2021-10; paragraphs 3\u20135, 9.'
        """
        who = self.publisher or self.source
        if self.original_publisher and self.original_publisher != self.publisher:
            who += f", relaying {self.original_publisher}"
        title = f": “{self.title}”" if self.title else ""
        language = f" ({self.language})" if self.language else ""
        when = f", published {self.published}" if self.published else ""
        paragraphs = f"; paragraphs {paragraph_ranges(self.paragraphs)}" if self.paragraphs else ""
        return f"{who}{title}{language}{when}{paragraphs}."


def source_notes(
    G: nx.MultiDiGraph,
    events: pd.DataFrame | None = None,
    *,
    sources_dir: Path | str | None = None,
) -> list[SourceNote]:
    """Return the sources the relations (and events) of a view cite, with their paragraphs.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The filtered relationship graph; ``G.graph["sources"]`` describes the sources.
    events : pandas.DataFrame, optional
        The events the view shows (:func:`graph.figures.timeline.events_in_view`).
    sources_dir : path-like, optional
        Folder of the archived source texts; a note names its file when it is there.

    Returns
    -------
    list of SourceNote
        In order of the source ids.

    Notes
    -----
    Cost O(m + e) citations.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0, "evidence": "s:5-7"}],
    ...     sources=[{"id": "s", "publisher": "Paper", "published": "2021-10"}],
    ... )
    >>> source_notes(G)[0].paragraphs
    (5, 6, 7)
    """
    cited: dict[str, set[int]] = {}
    texts = [d.get("evidence") for _, _, d in G.edges(data=True)]
    if events is not None and "evidence" in events.columns:
        texts += list(events["evidence"])
    for text in texts:
        if not text:
            continue
        try:
            citations = parse_evidence(str(text))
        except ValueError:
            continue
        for source, paragraphs in citations:
            cited.setdefault(source, set()).update(paragraphs)
    rows = G.graph.get("sources") or {}
    folder = Path(sources_dir) if sources_dir is not None else None
    notes = []
    for source in sorted(cited):
        row = rows.get(source) or {}
        file = row.get("file")
        archived = file if folder is not None and file and (folder / str(file)).is_file() else None
        notes.append(
            SourceNote(
                source=source,
                title=str(row.get("title") or ""),
                publisher=str(row.get("publisher") or ""),
                original_publisher=str(row.get("original_publisher") or ""),
                language=str(row.get("language") or ""),
                published=str(row.get("published") or ""),
                paragraphs=tuple(sorted(cited[source])),
                file=archived,
            )
        )
    return notes


# --------------------------------------------------------------------------- figures


def network_frame(width: float, height: float, *, font_size: float = 12) -> tuple[float, float]:
    """Return the plot area of a network figure whose legends sit above and below it.

    The frame to lay the network out in (:func:`graph.layout.layout_positions`), so its
    labels are kept apart at the size they will be drawn.

    Parameters
    ----------
    width, height : float
        The figure's size in pixels.
    font_size : float, default 12
        The figure's text size: the legends' rows grow with it.

    Returns
    -------
    (float, float)
        Width and height in pixels: the legends of relation types (rows on top) and actor
        kinds (rows underneath) take about 15 lines of text, the plot at least a third of
        the height.

    Raises
    ------
    ValueError
        If a size is not positive.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> network_frame(900, 680, font_size=16)
    (900.0, 440.0)
    >>> network_frame(600, 300, font_size=16)
    (600.0, 100.0)
    """
    for name, value in (("width", width), ("height", height), ("font_size", font_size)):
        if not value > 0:
            raise ValueError(f"{name} {value!r} is not positive")
    return float(width), float(max(height - 15 * font_size, height / 3))


def briefing_figures(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    spec: FilterSpec | None = None,
    *,
    view: Any = None,
    positions: Mapping[Hashable, Sequence[float]] | None = None,
    font_size: int = 12,
    network_height: int = 560,
    map_height: int = 560,
    network_width: int = 680,
    table: Any = None,
    theme: str = "light",
) -> dict[str, go.Figure]:
    """Return the network, map and timeline of a view, as the briefing draws them.

    The view's selection is emphasised (an actor in all three figures, a relation in the
    network and on the map); else the ways between the two actors it connects; else, with
    compare dates, the relations begun or ended between them are emphasised and both dates
    are marked on the timeline.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph (unfiltered).
    dataset : graph.load.Dataset
        The tables the map and the timeline read (places, borders, events).
    spec : FilterSpec, optional
        The filters; default the view's, else none.
    view : graph.views.View, optional
        Supplies the selection and the compare dates.
    positions : mapping, optional
        Node positions for the full graph; default :func:`graph.layout.layout_positions`.
    font_size : int, default 12
        Text size; 16 or more for presentation mode at 1920x1080.
    network_height, map_height : int
        Heights in pixels (the timeline's grows with its rows).
    network_width : int, default 680
        The network's width in pixels (half a page or slide): with ``network_height``
        and ``font_size`` the frame of the layout (:func:`network_frame`) when
        ``positions`` is not given. The legend of relation types sits above the plot,
        so the graph keeps the full width.
    table : graph.figures.network.NetworkTable, optional
        The network's columns of ``G`` (:func:`graph.figures.network.network_table`),
        when the caller keeps them; the figures are the same without.
    theme : {"light", "dark"}, default "light"
        Streamlit's theme, for the map's colours and the network's WebGL labels; the
        exported briefing is light.

    Returns
    -------
    dict of str to plotly.graph_objects.Figure
        Keys ``"network"``, ``"map"``, ``"timeline"``.

    Raises
    ------
    ValueError
        If the filters name an unknown type, kind or actor, or ``theme`` is unknown.

    Notes
    -----
    Cost: layout (when not given) plus the three figure builders; about 0.5 s at the
    shipped size.

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.load import load_dataset
    >>> ds = load_dataset()
    >>> figs = briefing_figures(build_graph(ds), ds, FilterSpec(on="2021-10-27"))
    >>> sorted(figs)
    ['map', 'network', 'timeline']
    """
    from graph.figures.map import map_figure
    from graph.figures.network import network_figure
    from graph.layout import layout_positions

    spec = _spec_of(spec, view)
    H = apply_filters(G, spec)
    if positions is None:
        frame = network_frame(network_width, network_height, font_size=font_size)
        positions = layout_positions(G, frame=frame, font_size=font_size)
    selected, highlight = _emphasis(H, view)
    network = network_figure(
        H,
        positions,
        selected=selected,
        highlight_edges=highlight,
        height=network_height,
        font_size=font_size,
        legend_position="top",
        table=table,
        theme=theme,
    )
    geo = map_figure(
        H,
        dataset,
        selected=selected,
        highlight_relations=highlight,
        relation_legend=False,
        height=map_height,
        font_size=font_size,
        width_hint=900,
        theme=theme,
    )
    compare = getattr(view, "compare", None) or ()
    timeline = timeline_figure(
        H,
        getattr(dataset, "events", None),
        spec=spec,
        selected=selected,
        marked_dates=compare,
        font_size=font_size,
        theme=theme,
    )
    return {"network": network, "map": geo, "timeline": timeline}


def _spec_of(spec: FilterSpec | None, view: Any) -> FilterSpec:
    if spec is not None:
        return spec
    if view is not None:
        return view.spec()
    return FilterSpec()


def view_ways(H: nx.MultiDiGraph, view: Any) -> tuple[tuple[str, str], list[ActorPath]] | None:
    """The two actors a view connects and the ways between them in ``H`` (none when the
    filters hide one or nothing joins them); None when the view connects no one."""
    pair = getattr(view, "connect", None)
    return (pair, ways_between(H, pair)[0]) if pair else None


def _emphasis(H: nx.MultiDiGraph, view: Any) -> tuple[Hashable | None, list[str] | None]:
    """The selected actor and the relations to emphasise in the network and on the map:
    the selection, else the ways between the actors the view connects, else what changed
    between the compare dates."""
    selection = getattr(view, "selection", None)
    relation_ids = {str(d.get("id") or k) for _, _, k, d in H.edges(keys=True, data=True)}
    if selection in H:
        return selection, None
    if selection in relation_ids:
        return None, [selection]
    ways = view_ways(H, view)
    if ways and ways[1]:
        return None, sorted({r["id"] for p in ways[1] for hop in p.hops for r in hop.relations})
    compare = getattr(view, "compare", None)
    if compare:
        result = changes(H, *compare)
        ids = sorted({*result.begun["id"], *result.ended["id"]})
        return None, ids or None
    return None, None


# --------------------------------------------------------------------------- HTML


def briefing_html(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    spec: FilterSpec | None = None,
    *,
    view: Any = None,
    positions: Mapping[Hashable, Sequence[float]] | None = None,
    sources_dir: Path | str | None = None,
    generated: datetime | None = None,
) -> str:
    """Return a self-contained HTML briefing of a view.

    The page holds the title and note, the one-line filter summary
    (:func:`graph.filters.describe`), the data version (:func:`data_version`) and the
    generation time, the network, the map and the timeline (:func:`briefing_figures`),
    the key findings (:func:`key_findings`), the relations of the view with their
    evidence, grades and confidence, its events, and the source footnote. plotly.js is
    inlined once; a Content-Security-Policy forbids every request, so the file renders
    the same from a disk, a mail attachment or a USB stick, offline. Every text from the
    data is HTML-escaped.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph (unfiltered).
    dataset : graph.load.Dataset
        The tables (places, borders, events, sources) and the descriptor.
    spec : FilterSpec, optional
        The filters of the page; default the view's, else none.
    view : graph.views.View, optional
        Title, note, selection and compare dates.
    positions : mapping, optional
        Network positions for the full graph, as on the page.
    sources_dir : path-like, optional
        Folder of the archived sources (:func:`graph.load.default_sources_dir`).
    generated : datetime, optional
        The generation time shown; default now (UTC).

    Returns
    -------
    str
        The page: about 5 MB, nearly all of it plotly.js.

    Raises
    ------
    ValueError
        If the filters name an unknown type, kind or actor.

    Notes
    -----
    Cost: :func:`briefing_figures` plus :func:`key_findings` plus writing about 5 MB of
    text; well under a second at the shipped size.

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.load import load_dataset
    >>> ds = load_dataset()
    >>> page = briefing_html(build_graph(ds), ds, FilterSpec(signs=["hostile"]))
    >>> page.count("Plotly.newPlot("), "Hostile relations" in page
    (3, True)
    """
    spec = _spec_of(spec, view)
    section = _view_section(
        G, dataset, spec, view=view, positions=positions, sources_dir=sources_dir, anchor="view"
    )
    return _render(section["title"], [section], dataset=dataset, generated=generated)


def story_briefing_html(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    story: Any,
    views: Mapping[str, Any],
    *,
    positions: Mapping[Hashable, Sequence[float]] | None = None,
    sources_dir: Path | str | None = None,
    generated: datetime | None = None,
) -> str:
    """Return one self-contained HTML briefing for a whole story, one section per view.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph.
    dataset : graph.load.Dataset
    story : graph.views.Story
        Its views are shown in its order.
    views : mapping of str to graph.views.View
        The saved views (:func:`graph.views.load_views`).
    positions, sources_dir, generated
        As in :func:`briefing_html`; positions are computed once for all views.

    Returns
    -------
    str
        The page; plotly.js inlined once, three figures per view.

    Raises
    ------
    KeyError
        If the story names a view not in ``views``.
    ValueError
        If a view's filters name an unknown type, kind or actor.

    Notes
    -----
    Cost: :func:`briefing_html`'s per view, the layout once.

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.load import load_dataset
    >>> from graph.views import Story, View
    >>> ds = load_dataset()
    >>> views = {"all": View("all", "All"), "hostile": View(
    ...     "hostile", "Hostile", filters={"signs": ["-1"]})}
    >>> page = story_briefing_html(build_graph(ds), ds, Story("s", "S", views=(
    ...     "all", "hostile")), views)
    >>> page.count("Plotly.newPlot(")
    6
    """
    from graph.layout import layout_positions
    from graph.views import story_views

    chosen = story_views(story, views)
    if positions is None:
        positions = layout_positions(G)
    sections = [
        _view_section(
            G,
            dataset,
            view.spec(),
            view=view,
            positions=positions,
            sources_dir=sources_dir,
            anchor=f"step-{i}",
            step=(i, len(chosen)),
        )
        for i, view in enumerate(chosen, 1)
    ]
    return _render(story.title, sections, dataset=dataset, generated=generated, story=story)


def _view_section(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    spec: FilterSpec,
    *,
    view: Any,
    positions: Mapping[Hashable, Sequence[float]] | None,
    sources_dir: Path | str | None,
    anchor: str,
    step: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """What the template shows of one view (``briefing.html.j2``'s section)."""
    H = apply_filters(G, spec)
    summary = describe(spec, G)
    figures = briefing_figures(G, dataset, spec, view=view, positions=positions)
    events = events_in_view(H, getattr(dataset, "events", None), spec)
    ways = view_ways(H, view)
    return {
        "anchor": anchor,
        "slug": getattr(view, "slug", None) or "",
        "kicker": f"View {step[0]} of {step[1]}" if step else "",
        "title": getattr(view, "title", None) or summary,
        "summary": summary,
        "counts": " · ".join(
            (
                plural(H.number_of_nodes(), "actor"),
                plural(H.number_of_edges(), "relation"),
                plural(len(events), "event"),
            )
        ),
        "note": getattr(view, "note", "") or "",
        "ways": ways_text(G, *ways) if ways else "",
        "empty": explain_empty(G, spec),
        "figures": [
            _figure(figures[name], f"{anchor}-{name}", caption, name)
            for name, caption in (("network", "Network"), ("map", "Map"), ("timeline", "Timeline"))
        ],
        "findings": key_findings(H, compare=getattr(view, "compare", None)),
        "relations": _relation_rows(H),
        "events": _event_rows(G, events),
        "notes": source_notes(H, events, sources_dir=sources_dir),
    }


def _figure(fig: go.Figure, div_id: str, caption: str, name: str) -> dict[str, Any]:
    """A figure of the page: plotly's own HTML for it (trusted: it escapes data text)."""
    config = {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud"],
        "toImageButtonOptions": {"format": "svg", "filename": div_id},
    }
    body = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=div_id,
        config=config,
        default_width="100%",
    )
    return {"name": name, "caption": caption, "body": Markup(body)}


def findings_html(findings: Findings, *, limit: int | None = None, compact: bool = False) -> str:
    """Return the key findings as HTML: the briefing's cards, or (``compact``) a slide's
    three columns, at most ``limit`` items per list; one template for both
    (``templates/findings.html.j2``), every text escaped.

    Examples
    --------
    >>> found = Findings(3, 3, ("a & b",), ((), ()), 0, True, 0, "", (), None, ())
    >>> "<li>a &amp; b</li>" in findings_html(found), "bl-findings" in findings_html(
    ...     found, compact=True)
    (True, True)
    """
    return fragment("findings.html.j2", "findings", findings, limit=limit, compact=compact)


def slide_html(part: str, *args: Any) -> str:
    """Return a part of a slide around its figures (``templates/slide.html.j2``): its
    ``step`` line (story title, step, count), its ``heading`` (title, summary, note, the
    ways between connected actors) or its ``footnote`` (source notes); text escaped.

    Examples
    --------
    >>> slide_html("step", "Iran & Pakistan", 2, 7)
    '<p class="bl-step">Iran &amp; Pakistan · step 2 of 7</p>'
    """
    if part not in ("step", "heading", "footnote"):
        raise ValueError(f"a slide has no part {part!r}: step, heading or footnote")
    return fragment("slide.html.j2", part, *args)


def _relation_rows(H: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The relations table: :func:`graph.details.relations_frame`'s rows, with each type's
    colour and each actor's Arabic name."""
    vocabulary = [str(t) for t in H.graph.get("relation_types") or ()]
    vocabulary += sorted(
        {str(d.get("relation")) for _, _, d in H.edges(data=True)} - set(vocabulary)
    )
    colours = style.relation_type_colours(vocabulary)
    return [
        {
            **row,
            "from_ar": H.nodes[row["source"]].get("name_ar") or "",
            "to_ar": H.nodes[row["target"]].get("name_ar") or "",
            "sign_class": _SIGN_CLASS.get(row["sign_value"], ""),
            "colour": colours.get(row["relation"], "#888888"),
        }
        for row in relations_frame(H).to_dict("records")
    ]


def _event_rows(G: nx.MultiDiGraph, events: pd.DataFrame) -> list[dict[str, str]]:
    """The events table; participants named from the full graph ``G``."""
    if events is None or not len(events):
        return []
    return [
        {
            "id": str(ident),
            "when": str(row["date"]) + (f" {_DASH} {row['end']}" if row.get("end") else ""),
            "title": str(row.get("title") or ""),
            "summary": str(row.get("summary") or ""),
            "people": ", ".join(actor_name(G, p) for p in (row.get("participants") or ())),
            "status": str(row.get("status") or ""),
            "confidence": str(row.get("confidence") or ""),
            "evidence": format_citation(row.get("evidence")),
        }
        for ident, row in events.iterrows()
    ]


def _render(
    title: str,
    sections: list[dict[str, Any]],
    *,
    dataset: Dataset,
    generated: datetime | None,
    story: Any = None,
) -> str:
    """The whole page (``templates/briefing.html.j2``): plotly.js inlined once."""
    from plotly.offline import get_plotlyjs

    return (
        templates()
        .get_template("briefing.html.j2")
        .render(
            title=title,
            sections=sections,
            story=story,
            version=data_version(dataset),
            stamp=_stamp(generated),
            csp=Markup(_CSP),
            css=Markup(_CSS),
            plotlyjs=Markup(get_plotlyjs()),
        )
    )


def _stamp(generated: datetime | None) -> str:
    moment = generated if generated is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


_CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0;
  --band: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  "Liberation Sans", sans-serif; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 26px; line-height: 1.2; margin: 0 0 6px; }
h3 { font-size: 19px; margin: 22px 0 8px; border-bottom: 1px solid var(--rule);
  padding-bottom: 4px; }
h4 { font-size: 15px; margin: 0 0 6px; }
p { margin: 4px 0; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 12px;
  color: var(--muted); margin: 0 0 4px; }
.meta, .hint, .muted { color: var(--muted); font-size: 13px; }
header.page { margin-bottom: 12px; }
header.story { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 20px; }
.contents { columns: 2; margin: 8px 0 0; }
section.view { margin: 0 0 40px; }
section.view + section.view { border-top: 2px solid var(--ink); padding-top: 20px;
  break-before: page; }
.heading { margin-bottom: 8px; }
.summary { font-size: 17px; }
.summary .label { font-weight: 600; }
.counts { color: var(--muted); }
.note { max-width: 75em; }
.empty { color: #b42318; font-weight: 600; }
.figures { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
@media (max-width: 1100px) { .figures { grid-template-columns: minmax(0, 1fr); } }
figure { margin: 8px 0 0; border: 1px solid var(--rule); border-radius: 6px; padding: 6px;
  break-inside: avoid; }
figcaption { font-size: 13px; font-weight: 600; color: var(--muted); margin: 0 0 2px 4px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 12px; }
.card { background: var(--band); border: 1px solid var(--rule); border-radius: 6px;
  padding: 10px 14px; }
.card ul, .card ol { margin: 4px 0; padding-left: 20px; }
.card li { margin: 3px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px;
  border-bottom: 1px solid var(--rule); }
th { background: var(--band); position: sticky; top: 0; }
td.id, td.grade { font-family: ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; }
td.arrow { color: var(--muted); }
td.evidence { white-space: nowrap; }
.swatch { display: inline-block; width: 22px; height: 10px; margin-right: 6px;
  vertical-align: middle; border-radius: 2px; }
.swatch.hostile { background-image: repeating-linear-gradient(135deg, transparent 0 3px,
  rgba(255,255,255,.75) 3px 5px) !important; }
.swatch.structural { background-image: radial-gradient(rgba(255,255,255,.8) 1px,
  transparent 1.5px) !important; background-size: 4px 4px; }
.ar { font-size: 13px; color: var(--muted); unicode-bidi: isolate; }
footer.sources ol { padding-left: 20px; }
@media print { body { padding: 0; } figure { border: none; } th { position: static; } }
"""


# --------------------------------------------------------------------------- images


def _chromium() -> str:
    """Debian's chromium (or ``BROWSER_PATH``); a clear error naming what is missing."""
    given = os.environ.get("BROWSER_PATH")
    if given:
        if Path(given).is_file():
            return given
        raise FileNotFoundError(
            f"PNG/SVG export: BROWSER_PATH={given!r} is not a file; point it at chromium"
        )
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise FileNotFoundError(
            "PNG/SVG export needs Debian's chromium on PATH (apt-get install chromium), "
            "or BROWSER_PATH naming a Chrome or Chromium executable; none was found"
        )
    return found


def _kaleido_page() -> Any:
    """kaleido's page, all local: plotly.js from the installed plotly package, no MathJax
    (kaleido would fetch it from a CDN; our figures use no LaTeX)."""
    import plotly
    from kaleido import PageGenerator

    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not plotly_js.is_file():  # kaleido would fall back to a CDN copy
        raise FileNotFoundError(f"PNG/SVG export: plotly.js is missing from {plotly_js}")
    return PageGenerator(plotly=(plotly_js.as_uri(), "utf-8"), mathjax=False)


def _check_format(fmt: str) -> str:
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"image format {fmt!r} is not one of {', '.join(IMAGE_FORMATS)}")
    return fmt


def figures_images(
    figures: Mapping[str, go.Figure],
    fmt: str = "png",
    *,
    width: int = 1400,
    height: int | None = None,
    scale: float = 1.0,
) -> dict[str, bytes]:
    """Render several figures to PNG or SVG with one browser (see :func:`figure_images`).

    Parameters
    ----------
    figures : mapping of str to plotly.graph_objects.Figure
        Named figures, e.g. :func:`briefing_figures`.
    fmt, width, height, scale
        As in :func:`figure_images`.

    Returns
    -------
    dict of str to bytes
        The images, by name, in the order given.

    Raises
    ------
    FileNotFoundError, ImportError, ValueError, RuntimeError
        As :func:`figure_images`.

    Notes
    -----
    One chromium start (about 2 s) for all figures, then well under a second each.

    Examples
    --------
    >>> figs = {"a": go.Figure(go.Bar(y=[1, 2])), "b": go.Figure(go.Bar(y=[3]))}
    >>> images = figures_images(figs, "svg", width=400, height=300)  # doctest: +SKIP
    >>> [image[:4] for image in images.values()]  # doctest: +SKIP
    [b'<svg', b'<svg']
    """
    _check_format(fmt)
    for name, value in (("width", width), ("scale", scale)):
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ValueError(f"{name} {value!r} is not a positive number")
    if height is not None and (not isinstance(height, int | float) or height <= 0):
        raise ValueError(f"height {height!r} is not a positive number")
    try:
        import kaleido
    except ImportError:
        raise ImportError("PNG/SVG export needs the kaleido package (uv add kaleido)") from None
    browser = _chromium()
    names = list(figures)

    page = _kaleido_page()

    async def render() -> list[bytes]:
        options = {"path": browser, "page_generator": page, "proxy_server": _DEAD_PROXY}
        async with kaleido.Kaleido(**options) as renderer:
            out = []
            for name in names:
                fig = figures[name]
                tall = height or fig.layout.height or 600
                opts = {"format": fmt, "width": width, "height": tall, "scale": scale}
                out.append(await renderer.calc_fig(fig, opts=opts))
            return out

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop here (a script, the CLI, Streamlit's script thread)
        images = asyncio.run(render())
    else:  # inside a running loop (a notebook): render on a thread of our own
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            images = pool.submit(asyncio.run, render()).result()
    return {name: bytes(image) for name, image in zip(names, images, strict=True)}


def figure_images(
    fig: go.Figure,
    fmt: str = "png",
    *,
    width: int = 1400,
    height: int | None = None,
    scale: float = 1.0,
) -> bytes:
    """Return a figure as PNG or SVG bytes, rendered by kaleido in Debian's chromium.

    MathJax is off and the browser's only proxy is a closed local port, so rendering
    never reaches the internet (plotly.js itself comes from the installed plotly package).

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
    fmt : {"png", "svg"}, default "png"
    width : int, default 1400
        Width in CSS pixels.
    height : int, optional
        Height in CSS pixels; default the figure's own height, else 600.
    scale : float, default 1.0
        Pixel ratio of a PNG (2 for a sharp slide).

    Returns
    -------
    bytes
        PNG (starting ``\\x89PNG``) or SVG (``<svg ...``) data.

    Raises
    ------
    FileNotFoundError
        If chromium is not found (the message names what to install or set).
    ImportError
        If kaleido is not installed.
    ValueError
        If ``fmt``, ``width``, ``height`` or ``scale`` is invalid.

    Notes
    -----
    About 2-3 s: most of it starting chromium. Use :func:`figures_images` for several.

    Examples
    --------
    >>> png = figure_images(go.Figure(go.Bar(y=[1, 2])), "png", width=400)  # doctest: +SKIP
    >>> png.startswith(b"\\x89PNG")  # doctest: +SKIP
    True
    """
    return figures_images({"figure": fig}, fmt, width=width, height=height, scale=scale)["figure"]

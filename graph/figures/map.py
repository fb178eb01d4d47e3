"""The border map: countries, shared borders, places, areas and relations, fully offline.

Everything is drawn with ``go.Scattergeo`` traces from the committed geometry
(:mod:`graph.geo`): country polygons are ``fill="toself"`` lines, plotly's own base map
is switched off (every ``geo.show*`` False) and no trace has a ``locationmode``, so the
browser never fetches plotly's world topojson from the internet.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from graph import style
from graph.analysis.areas import areas_of_operation, require_columns
from graph.build import edges_by_pair
from graph.figures._plain import plain_figure, plain_trace, text_array
from graph.figures.labels import LabelRoom
from graph.geo import (
    CountryShape,
    SharedBorder,
    border_relation_edges,
    cited_lengths,
    country_shapes,
    dataset_border_ids,
    geodesic_circle,
    ring_area,
    sample_line,
    shared_borders,
)
from graph.text import PDI, RLI, hover_lines, plural, wrap_words
from graph.text import escape_hover as _esc  # data text in hover and labels

__all__ = [
    "MAP_THEMES",
    "MAX_ARCS",
    "MAX_AREAS",
    "MAX_PLACES",
    "NARROW_MAP",
    "PLACE_KIND_SYMBOLS",
    "VIEW_LAT",
    "VIEW_LON",
    "MapTables",
    "MapTheme",
    "map_figure",
]

#: Longitude and latitude ranges the map opens on: Turkey to western China, the Gulf of
#: Oman to the Caucasus.
VIEW_LON: tuple[float, float] = (31.0, 80.0)
VIEW_LAT: tuple[float, float] = (21.0, 45.0)


#: Place kind -> marker symbol (the shape tells the kind; the colour stays neutral).
PLACE_KIND_SYMBOLS: dict[str, str] = {
    "capital": "star",
    "city": "circle",
    "port": "diamond",
    "facility": "triangle-up",
    "province": "square-open",
    "region": "square-open",
    "border": "diamond-wide-open",
}
_PLACE_KIND_TEXT = {
    "capital": "Capital",
    "city": "City",
    "port": "Port",
    "facility": "Facility",
    "province": "Province or region (centre)",
    "region": "Province or region (centre)",
    "border": "Point on a border",
}
_LABELLED_KINDS = ("capital", "port", "city")  # labelled by default, in this priority


@dataclass(frozen=True)
class MapTheme:
    """Colours of the map for one Streamlit theme.

    Explicit colours, so contrast never depends on plotly's or Streamlit's template.
    """

    sea: str
    land: str
    land_focus: str
    outline: str
    text: str
    muted: str
    border: str
    highlight_fill: str
    highlight_line: str
    place: str
    place_fill: str
    key_bg: str


#: ``"light"`` and ``"dark"`` palettes (Streamlit's two themes).
MAP_THEMES: dict[str, MapTheme] = {
    "light": MapTheme(
        sea="#d6e2eb",
        land="#e9e6df",
        land_focus="#f9f7f2",
        outline="#a39c90",
        text="#1f2328",
        muted="#635c52",  # 5:1 on the land and the sea (WCAG AA), as every map text
        border="#5b4636",
        highlight_fill="rgba(68,119,170,0.22)",
        highlight_line="#1f5a94",
        place="#2b2b2b",
        place_fill="#ffffff",
        key_bg="rgba(249,247,242,0.85)",
    ),
    "dark": MapTheme(
        sea="#0f1821",
        land="#22262d",
        land_focus="#30353d",
        outline="#5d6571",
        text="#e6edf3",
        muted="#a7b0ba",
        border="#e3cfae",
        highlight_fill="rgba(102,153,204,0.30)",
        highlight_line="#8cc4ff",
        place="#e6edf3",
        place_fill="#0f1821",
        key_bg="rgba(15,24,33,0.85)",
    ),
}

_FADE = 0.15  # opacity factor of what a selection pushes back
_ARC_POINTS = 17  # samples of an arc (quadratic Bezier), ends included
_ARC_POINTS_COMPACT = 9  # past _FULL_HOVER_MAX relations: thousands of arcs, fewer points
_FULL_HOVER_MAX = 2000  # past this many relations arcs get short hover text, as in the network
#: Arcs the map draws at most by default (the busiest, the selected actor's first): past
#: a few thousand the region is one smear of lines, and each arc costs payload.
MAX_ARCS = 1500
#: Actors whose areas of operation the map shades at most by default (the selected one,
#: then the busiest): a few dozen translucent circles stay readable, thousands do not.
MAX_AREAS = 60
#: Places the map marks at most by default (the selected actor's, capitals, then those
#: its drawn arcs reach most): past a few hundred the markers hide the land.
MAX_PLACES = 300
#: Below this ``width_hint`` (pixels) the map's key has two columns, not three.
NARROW_MAP = 560
_DASH = "\u2013"  # en dash, between two countries or the two sides of a relation
_ARROW = "\u2192"
_APPROX = "\u2248"
_CONFIDENCE_INDEX = {level: i for i, level in enumerate(style.CONFIDENCE_LEVELS)}


# --------------------------------------------------------------------------- public


class MapTables(Protocol):
    """What :func:`map_figure` needs of a dataset: its ``places`` (indexed by id); it also
    reads ``actors``, ``borders``, ``sources`` and ``areas`` where the object has them (a
    :class:`graph.load.Dataset` has them all)."""

    @property
    def places(self) -> pd.DataFrame: ...


def map_figure(
    G: nx.MultiDiGraph,
    dataset: MapTables,
    *,
    selected: Hashable | None = None,
    highlight_relations: Collection[str] | None = None,
    areas: pd.DataFrame | None = None,
    cited: pd.DataFrame | None = None,
    theme: str = "light",
    label_places: Collection[str] | None = None,
    show_legend: bool = True,
    relation_legend: bool = True,
    title: str | None = None,
    height: int = 560,
    font_size: int = 12,
    width_hint: int = 700,
    uirevision: str = "map",
    geo_dir: Any = None,
    max_arcs: int | None = MAX_ARCS,
    max_areas: int | None = MAX_AREAS,
    max_places: int | None = MAX_PLACES,
    shapes: Mapping[str, CountryShape] | None = None,
    borders: Mapping[str, SharedBorder] | None = None,
) -> go.Figure:
    """Return the border map of a relationship graph.

    The map shows the region's countries (the states of ``G`` lighter, the selected one
    tinted), the land borders the dataset discusses (thick, with their cited and
    measured lengths and the relations of ``G`` on them in the hover), the places of the
    dataset as markers shaped by kind, the approximate areas of operation of non-state
    actors (translucent, dotted, labelled "≈"), and the relations of ``G`` as arcs
    between the actors' anchor places, styled as in the network (:mod:`graph.style`:
    colour by type, dash by sign, opacity by confidence, width by intensity; arrowheads
    when directed). Relations of one type between one pair of places share an arc.
    Places outside the view that an arc reaches (Beijing, Moscow) are pinned to its edge
    with an arrow pointing their way.

    Clicking yields ``customdata``: ``["actor", actor id]`` on a state's country name,
    on a place that anchors an actor (a state first) and on an area's label;
    ``["place", place id]`` on other places; ``["relation", id]`` or
    ``["relations", "R1,R2"]`` at an arc's midpoint; ``["border", "IRN-PAK"]`` along a
    border; ``["country", code]`` on the name of a country that is no actor.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph (see :func:`graph.build.build_graph`), typically filtered:
        its relations become arcs and its actors' areas are shaded.
    dataset : graph.load.Dataset or similar
        Supplies ``places`` (required) and, when present, ``actors``, ``borders``,
        ``sources`` and ``areas``: the full tables, not filtered.
    selected : node, optional
        An actor of ``G`` to highlight: its country (a state) is tinted and outlined, its
        borders and places drawn in the highlight colour; arcs and areas not touching it
        fade.
    highlight_relations : collection of str, optional
        Relation ids to show (a selected relation, the ways between two actors): the arcs
        of the other relations fade.
    areas : pandas.DataFrame, optional
        Curated areas of operation (see :func:`areas_of_operation`); default the
        dataset's ``areas`` table if it has one, else areas derived from the graph.
    cited : pandas.DataFrame, optional
        Cited border lengths (:func:`graph.geo.cited_lengths`); default computed from
        the dataset and the gazetteer table.
    theme : {"light", "dark"}
        Colours matching Streamlit's theme (:data:`MAP_THEMES`).
    label_places : collection of str, optional
        Place ids to label; default capitals, ports and cities, plus the selected actor's
        place. Labels that would overlap are dropped (the hover still names the place).
    show_legend : bool, default True
        Show the legend below the map: a key to borders, areas and place kinds, then the
        relation types.
    relation_legend : bool, default True
        Include the relation types in the legend; leave them out when the network beside
        the map already explains the same colours and dashes.
    title : str, optional
        Figure title (plotly's HTML subset allowed: it comes from code, not data).
    height : int, default 560
        Height in pixels; the width follows the container.
    font_size : int, default 12
        Label size in pixels (16 or more for presentation mode); markers scale with it.
    width_hint : int, default 700
        Expected width of the map in pixels, used to keep labels apart; under
        ``NARROW_MAP`` pixels the key has two columns instead of three.
    uirevision : str, default "map"
        Plotly's ``uirevision``: zoom and pan survive reruns while it stays the same.
    geo_dir : path-like, optional
        Folder of the committed geometry; default ``data/geo``.
    shapes, borders : mapping, optional
        That geometry already read (:func:`graph.geo.country_shapes`,
        :func:`graph.geo.shared_borders`), for a caller that keeps it: otherwise both are
        read from ``geo_dir`` on every call (about 10 ms). ``cited`` likewise.
    max_arcs : int or None, default 1500
        Draw at most this many arcs: those of the selected actor first, then those
        carrying the most relations. A note on the map says how many were left out
        (``fig.layout.meta["arcs_left_out"]`` gives arcs and relations). None draws all.
    max_areas : int or None, default 60
        Shade the areas of operation of at most this many actors: the selected one, then
        those with the most relations; the note counts the rest
        (``fig.layout.meta["areas_left_out"]``). None shades all.
    max_places : int or None, default 300
        Mark at most this many places: the selected actor's, then those of
        ``label_places``, capitals, then those the drawn arcs reach with the most
        relations, then the dataset's order; only marked places are labelled. The note
        counts the rest (``fig.layout.meta["places_left_out"]``). None marks all.

    Returns
    -------
    plotly.graph_objects.Figure
        Only ``Scattergeo`` traces; their number depends on the styles and kinds present,
        never on the number of relations or places.

    Raises
    ------
    ValueError
        If ``theme`` is unknown, ``selected`` is not in ``G``, the places table lacks a
        column (the message lists those it has), a label place is unknown, a relation's
        sign or confidence is outside the vocabulary, or ``height``, ``font_size``,
        ``width_hint``, ``max_arcs``, ``max_areas`` or ``max_places`` is not positive.

    Notes
    -----
    Cost O(n + m + P) for n actors, m relations and P geometry points (about 10^4):
    with the shipped data about 150-250 ms on a 2-core machine (a third of it plotly's
    validation) and 0.3 MB of JSON, most of it country outlines sent as float32 arrays.
    All text from the data is HTML-escaped; Arabic runs are isolated right-to-left.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "name": "Iran", "kind": "state", "iso3": "IRN", "place": "thr"},
    ...      {"id": "pakistan", "name": "Pakistan", "kind": "state", "iso3": "PAK",
    ...       "place": "isb"}],
    ...     [{"id": "R1", "source": "iran", "target": "pakistan", "relation": "cooperation",
    ...       "sign": 1, "intensity": 6.0, "directed": False}],
    ... )
    >>> places = pd.DataFrame(
    ...     {"name": ["Tehran", "Islamabad"], "kind": ["capital", "capital"],
    ...      "country": ["IRN", "PAK"], "lat": [35.69, 33.68], "lon": [51.39, 73.05]},
    ...     index=pd.Index(["thr", "isb"], name="id"))
    >>> fig = map_figure(G, SimpleNamespace(places=places))
    >>> {t.type for t in fig.data}
    {'scattergeo'}
    >>> [list(map(str, c)) for t in fig.data if t.customdata is not None
    ...  for c in t.customdata if c[0] == "relation"]
    [['relation', 'R1']]
    >>> map_figure(G, SimpleNamespace(places=places), theme="sepia")
    Traceback (most recent call last):
    ...
    ValueError: theme 'sepia' is not one of light, dark
    """
    if theme not in MAP_THEMES:
        raise ValueError(f"theme {theme!r} is not one of {', '.join(MAP_THEMES)}")
    for name, value in (("height", height), ("font_size", font_size), ("width_hint", width_hint)):
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ValueError(f"{name} {value!r} is not a positive number")
    for name, limit in (
        ("max_arcs", max_arcs),
        ("max_areas", max_areas),
        ("max_places", max_places),
    ):
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 1
        ):
            raise ValueError(f"{name} {limit!r} is not a positive whole number")
    if selected is not None and selected not in G:
        raise ValueError(f"selected actor {selected!r} is not in the graph")
    highlight = None
    if highlight_relations is not None:
        highlight = frozenset(map(str, highlight_relations))
        known = {str(d.get("id") or k) for _, _, k, d in G.edges(keys=True, data=True)}
        unknown = sorted(highlight - known)
        if unknown:
            raise ValueError(f"highlighted relation {unknown[0]!r} is not in the graph")
    places = getattr(dataset, "places", None)
    if not isinstance(places, pd.DataFrame):
        raise ValueError("dataset has no places table")
    require_columns(places, ("name", "kind", "lat", "lon"), "places")
    if label_places is not None:
        unknown = sorted(set(label_places) - set(places.index))
        if unknown:
            raise ValueError(f"label_places: unknown place {unknown[0]!r}")

    if shapes is None:
        shapes = country_shapes(geo_dir)
    if borders is None:
        borders = shared_borders(geo_dir)
    if cited is None:
        cited = cited_lengths(dataset, path=geo_dir)
    if areas is None:
        areas = getattr(dataset, "areas", None)
    ctx = _Context(G, places, MAP_THEMES[theme], font_size, width_hint, selected, shapes)
    ctx.highlight = highlight
    arcs = _collect_arcs(ctx, max_arcs)
    area_table = areas_of_operation(G, places, areas=areas)
    drawable = [not isinstance(c, str) or c in shapes for c in area_table["country"]]
    area_table = area_table.loc[np.asarray(drawable, dtype=bool)]
    if max_areas is not None and area_table["actor"].nunique() > max_areas:
        area_table = _busiest_areas(ctx, area_table, max_areas)

    traces: list[dict[str, Any]] = []
    traces += _land_traces(ctx)
    traces += _area_fill_traces(ctx, area_table)
    traces += _border_traces(
        ctx, borders, getattr(dataset, "borders", None),
        getattr(dataset, "actors", None), cited,
    )  # fmt: skip
    traces += _relation_traces(ctx, arcs)
    shown = _shown_places(ctx, arcs, max_places, keep=label_places or ())
    traces += _place_traces(ctx, shown)
    # Labels claim room in priority order: places, areas, states' names, other countries.
    labels = _place_labels(ctx, label_places, shown)
    labels += _area_labels(ctx, area_table)
    labels += _country_labels(ctx, states=True)
    labels += _country_labels(ctx, states=False)
    traces += labels
    if show_legend:
        traces += _key_traces(ctx, area_table)
    if not relation_legend:
        for trace in traces:
            if "legendrank" in trace and trace["legendrank"] >= 100:
                trace["showlegend"] = False

    layout = _layout(
        ctx, title=title, height=height, show_legend=show_legend, uirevision=uirevision
    )
    if ctx.left_out is not None or ctx.areas_left_out or ctx.places_left_out:
        _left_out_note(layout, ctx)
    return _figure(traces, layout)


def _busiest_areas(ctx: _Context, table: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The areas of at most ``limit`` actors: the selected one, then those with the most
    relations in the graph (ties in table order); the rest are counted in the note."""
    actors = list(dict.fromkeys(table["actor"]))
    degree = ctx.G.degree
    kept = set(heapq.nsmallest(limit, actors, key=lambda a: (a != ctx.selected, -degree(a))))
    ctx.areas_left_out = len(actors) - len(kept)
    return table.loc[[actor in kept for actor in table["actor"]]]


def _left_out_note(layout: dict[str, Any], ctx: _Context) -> None:
    """Say on the map (in ``layout``) that only the busiest arcs, areas or places are
    drawn."""
    lines: list[str] = []
    meta: dict[str, Any] = {}
    if ctx.left_out is not None:
        arcs, relations = ctx.left_out
        meta["arcs_left_out"] = [arcs, relations]
        lines.append(
            f"Drawn: the {plural(ctx.arcs_drawn, 'busiest link')} of {ctx.arcs_drawn + arcs:,} "
            f"({plural(relations, 'relation')} left out)"
        )
    areas, places = ctx.areas_left_out, ctx.places_left_out
    if areas:
        meta["areas_left_out"] = areas
    if places:
        meta["places_left_out"] = places
    if areas and places:  # one line: the note must not cover the narrow map
        lines.append(f"Only the busiest areas ({areas:,} more) and places ({places:,} more)")
    elif areas:
        lines.append(f"Areas of the busiest actors only ({areas:,} more left out)")
    elif places:
        lines.append(f"Places: the busiest only ({places:,} more left out)")
    layout["meta"] = meta
    # Short lines: the map is narrow beside the network.
    note = {
        "text": "<br>".join([*lines, "Pick an actor or narrow the filters for the rest"]),
        "x": 0.01,
        "y": 0.99,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "align": "left",
        "bgcolor": ctx.palette.sea,
        "font": {"size": max(10, ctx.font_size - 1), "color": ctx.palette.text},
    }
    layout["annotations"] = [*layout.get("annotations", ()), note]


# --------------------------------------------------------------------------- context


@dataclass
class _Arc:
    """Relations of one type between one pair of places, drawn as one arc."""

    places: tuple[str, str]  # sorted, so both directions bend the same way
    type_id: str
    faded: bool
    members: list[tuple[Hashable, Hashable, Mapping[str, Any]]] = field(default_factory=list)
    # Set for every arc drawn (``_collect_arcs``): its points, and the middle one.
    curve: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    middle: np.ndarray = field(default_factory=lambda: np.empty(2))
    confidence: int = 0  # highest among the members (index into style.CONFIDENCE_LEVELS)
    width: int = 0  # widest intensity bucket among the members


class _Context:
    """What every part of the map needs: graph, places, palette, selection, label room."""

    def __init__(
        self,
        G: nx.MultiDiGraph,
        places: pd.DataFrame,
        palette: MapTheme,
        font_size: int,
        width_hint: int,
        selected: Hashable | None,
        shapes: Mapping[str, CountryShape],
    ) -> None:
        self.G = G
        self.places = places
        self.palette = palette
        self.font_size = font_size
        self.scale = font_size / 12.0
        self.selected = selected
        self.highlight: frozenset[str] | None = None  # relation ids shown, the rest faded
        self.shapes = shapes
        # Pixels per degree, to keep labels apart (natural earth is near-equidistant here).
        self.ppd = width_hint / (VIEW_LON[1] - VIEW_LON[0])
        self.width_hint = width_hint
        self.labels = LabelRoom(VIEW_LON, VIEW_LAT, ppd=self.ppd, scale=self.scale)
        self.position: dict[str, tuple[float, float]] = {}
        self.off_view: set[str] = set()
        # Rows of the places table as dicts: one pandas lookup per place costs more than
        # everything else the map does with it.
        self.place_rows: dict[str, dict[str, Any]] = {
            str(pid): row for pid, row in places.to_dict("index").items()
        }
        self.place_names = {pid: _esc(row["name"]) for pid, row in self.place_rows.items()}
        self.node_places = {node: data.get("place") for node, data in G.nodes(data=True)}
        # Past _FULL_HOVER_MAX relations: short hover text, coarser arcs (payload).
        self.compact = G.number_of_edges() > _FULL_HOVER_MAX
        self.arc_points = _ARC_POINTS_COMPACT if self.compact else _ARC_POINTS
        self._names: dict[Hashable, str] = {}
        self._full_names: dict[Hashable, str] = {}
        for pid, lon, lat in zip(places.index, places["lon"], places["lat"], strict=True):
            self.position[str(pid)] = _pin(float(lon), float(lat))
            if self.position[str(pid)] != (float(lon), float(lat)):
                self.off_view.add(str(pid))
        self.areas = {code: ring_area(shape) for code, shape in shapes.items()}
        self.anchors: dict[str, list[Hashable]] = {}
        for node, data in G.nodes(data=True):
            if data.get("place") in self.position:
                self.anchors.setdefault(data["place"], []).append(node)
        self.states = {
            data["iso3"]: node
            for node, data in G.nodes(data=True)
            if data.get("kind") == "state" and data.get("iso3")
        }
        self.local_relations: dict[str, int] = {}
        self.left_out: tuple[int, int] | None = None  # arcs and relations not drawn
        self.arcs_drawn = 0
        self.areas_left_out = 0  # actors whose areas are not drawn
        self.places_left_out = 0  # places in view not marked
        self.vocabulary: list[str] = []
        self.partners: set[Hashable] = set()
        self.selected_code: str | None = None
        self.selected_place: str | None = None
        if selected is not None:
            self.partners = {selected, *G.predecessors(selected), *G.successors(selected)}
            data = G.nodes[selected]
            if data.get("kind") == "state":
                self.selected_code = data.get("iso3")
            self.selected_place = data.get("place")

    def name(self, node: Hashable) -> str:
        name = self._names.get(node)
        if name is None:
            data = self.G.nodes[node]
            name = self._names[node] = _esc(data.get("short_name") or data.get("name") or node)
        return name

    def full_name(self, node: Hashable) -> str:
        text = self._full_names.get(node)
        if text is None:
            data = self.G.nodes[node]
            text = _esc(data.get("name") or node)
            if data.get("name_ar"):
                text += f" · {_rtl(data['name_ar'])}"
            self._full_names[node] = text
        return text

    def country_name(self, code: str | None) -> str:
        shape = self.shapes.get(code or "")
        return _esc(shape.name if shape else code or "")


# --------------------------------------------------------------------------- land


def _rings(shape: CountryShape) -> tuple[list[float], list[float]]:
    """Outer rings of a country joined by NaN gaps. Holes are left out: countries share
    one fill colour, and an enclave is drawn over its host."""
    lon: list[float] = []
    lat: list[float] = []
    for polygon in shape.polygons:
        lon.extend([p[0] for p in polygon[0]] + [math.nan])
        lat.extend([p[1] for p in polygon[0]] + [math.nan])
    return lon, lat


def _land_traces(ctx: _Context) -> list[dict[str, Any]]:
    palette = ctx.palette
    groups: dict[bool, tuple[list[float], list[float]]] = {False: ([], []), True: ([], [])}
    for code, shape in ctx.shapes.items():
        lon, lat = _rings(shape)
        groups[code in ctx.states][0].extend(lon)
        groups[code in ctx.states][1].extend(lat)
    traces = []
    for focus, (lon, lat) in groups.items():
        if lon:
            traces.append(
                _geo(
                    lon,
                    lat,
                    mode="lines",
                    fill="toself",
                    fillcolor=palette.land_focus if focus else palette.land,
                    line={"color": palette.outline, "width": 0.7 * ctx.scale},
                    name="States of the graph" if focus else "Other countries",
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    selected = ctx.selected_code
    if selected is not None and selected in ctx.shapes:
        lon, lat = _rings(ctx.shapes[selected])
        traces.append(
            _geo(
                lon,
                lat,
                mode="lines",
                fill="toself",
                fillcolor=palette.highlight_fill,
                line={"color": palette.highlight_line, "width": 2.0 * ctx.scale},
                name=f"Selected: {ctx.name(ctx.selected)}",
                hoverinfo="skip",
                showlegend=False,
            )
        )
    return traces


# --------------------------------------------------------------------------- borders


def _border_traces(
    ctx: _Context,
    borders_geo: Mapping[str, SharedBorder],
    table: pd.DataFrame | None,
    actors: pd.DataFrame | None,
    cited: pd.DataFrame,
) -> list[dict[str, Any]]:
    """Thick lines for the borders the dataset discusses; invisible hover points along
    them, and along the other borders a gazetteer gives a length for."""
    palette, scale = ctx.palette, ctx.scale
    in_data: dict[str, str] = {}
    on_border: dict[str, list[str]] = {}
    edges: dict[str, tuple[Hashable, Hashable, Mapping[str, Any]]] = {}
    if isinstance(table, pd.DataFrame) and isinstance(actors, pd.DataFrame) and len(table):
        in_data = dataset_border_ids(table, actors)
        on_border_edges = border_relation_edges(ctx.G, table, actors)
        on_border = {ident: [rid for rid, *_ in found] for ident, found in on_border_edges.items()}
        # Only the relations a hover names (eight a border).
        edges = {rid: (u, v, d) for found in on_border_edges.values() for rid, u, v, d in found[:8]}
    by_geo = {geo: ident for ident, geo in in_data.items()}
    lengths: dict[str, list[tuple[float, str]]] = {}
    for border, length, source in zip(
        cited["border"], cited["length_km"], cited["source"], strict=True
    ):
        lengths.setdefault(str(border), []).append((float(length), str(source)))

    lines: dict[tuple[bool, bool], tuple[list[float], list[float]]] = {}
    hover_lon: list[float] = []
    hover_lat: list[float] = []
    hover_text: list[str] = []
    hover_data: list[list[str]] = []
    for geo_id in sorted(set(by_geo) | set(lengths)):
        shape = borders_geo.get(geo_id)
        if shape is None:
            continue
        ident = by_geo.get(geo_id)  # a border of the data: its table is there
        note = (
            str(table.loc[ident].get("note") or "")
            if ident is not None and table is not None
            else ""
        )
        ids = on_border.get(ident, []) if ident is not None else None
        text = _border_hover(ctx, shape, note, ids, lengths.get(geo_id, []), edges)
        if ident is not None:
            key = (bool(ids), ctx.selected_code in (shape.a, shape.b))
            lon, lat = lines.setdefault(key, ([], []))
            for line in shape.lines:
                lon.extend([p[0] for p in line] + [math.nan])
                lat.extend([p[1] for p in line] + [math.nan])
        for line in shape.lines:
            for x, y in sample_line(line, 90.0 if ident else 150.0):
                hover_lon.append(x)
                hover_lat.append(y)
                hover_text.append(text)
                hover_data.append(["border", geo_id])
    traces = []
    for (tied, mine), (lon, lat) in sorted(lines.items()):
        traces.append(
            _geo(
                lon,
                lat,
                mode="lines",
                line={
                    "color": palette.highlight_line if mine else palette.border,
                    "width": (4.0 if tied else 2.6) * scale + (1.0 * scale if mine else 0.0),
                },
                name="Border in the source",
                legendgroup="border",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    if hover_lon:
        traces.append(
            _geo(
                hover_lon,
                hover_lat,
                mode="markers",
                marker={"size": 12 * scale, "color": "rgba(0,0,0,0)"},
                hovertext=hover_text,
                hoverinfo="text",
                hoverlabel=_hoverlabel(ctx, palette.border),
                customdata=hover_data,
                name="Border lengths",
                showlegend=False,
            )
        )
    return traces


def _border_hover(
    ctx: _Context,
    shape: SharedBorder,
    note: str,
    ids: list[str] | None,
    lengths: list[tuple[float, str]],
    edges: Mapping[str, tuple[Hashable, Hashable, Mapping[str, Any]]],
) -> str:
    lines = [f"<b>{ctx.country_name(shape.a)}{_DASH}{ctx.country_name(shape.b)} border</b>"]
    for length, source in lengths:
        lines.append(f"cited: {length:,.0f} km ({_isolate(source)})")
    lines.append(f"measured on our 1:50m geometry: {shape.length_km:,.0f} km")
    if note:
        lines.extend(hover_lines("In the source: " + note))
    if ids is None:
        return "<br>".join(lines)
    if not ids:
        lines.append("<i>No relation on this border matches the filters.</i>")
        return "<br>".join(lines)
    lines.append(f"<b>Relations on this border</b> ({len(ids)}):")
    for rid in ids[:8]:
        u, v, data = edges[rid]
        arrow = _ARROW if data.get("directed", True) else _DASH
        label = _esc(data.get("label") or data.get("relation") or "")
        lines.append(f"• {label}: {ctx.name(u)} {arrow} {ctx.name(v)} <i>({_esc(rid)})</i>")
    if len(ids) > 8:
        lines.append(f"… and {len(ids) - 8} more")
    return "<br>".join(lines)


# --------------------------------------------------------------------------- areas


def _area_fill_traces(ctx: _Context, table: pd.DataFrame) -> list[dict[str, Any]]:
    groups: dict[tuple[str, bool], tuple[list[float], list[float]]] = {}
    for row in table.itertuples():
        kind = str(ctx.G.nodes[row.actor].get("kind"))
        faded = ctx.selected is not None and row.actor not in ctx.partners
        lon, lat = groups.setdefault((kind, faded), ([], []))
        if isinstance(row.country, str) and row.country in ctx.shapes:
            ring_lon, ring_lat = _rings(ctx.shapes[row.country])
        else:
            ring = geodesic_circle(*ctx.position[row.place], float(row.radius_km))
            ring_lon, ring_lat = [*ring[:, 0], math.nan], [*ring[:, 1], math.nan]
        lon.extend(ring_lon)
        lat.extend(ring_lat)
    traces = []
    for (kind, faded), (lon, lat) in sorted(groups.items()):
        colour = style.actor_kind_style(kind).colour
        traces.append(
            _geo(
                lon,
                lat,
                mode="lines",
                fill="toself",
                fillcolor=style.rgba(colour, 0.05 if faded else 0.17),
                line={
                    "color": style.rgba(colour, 0.25 if faded else 0.9),
                    "width": 1.5 * ctx.scale,
                    "dash": "dot",
                },
                name=f"{_APPROX} Area of operation ({_esc(style.actor_kind_style(kind).label)})",
                legendgroup=f"area-{kind}",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    return traces


def _area_labels(ctx: _Context, table: pd.DataFrame) -> list[dict[str, Any]]:
    """One italic "≈ name" label per area (actors sharing an area share a label), moved
    around the area until it finds room; hover explains how approximate it is."""
    if not len(table):
        return []
    size = ctx.font_size * 0.95
    groups: dict[tuple, list[Any]] = {}
    for row in table.itertuples():
        whole = isinstance(row.country, str)
        key = (row.country, None) if whole else (row.place, float(row.radius_km))
        groups.setdefault(key, []).append(row)
    lon, lat, text, hover, data, colours, positions = [], [], [], [], [], [], []
    for rows in groups.values():
        first = rows[0]
        if isinstance(first.country, str) and first.country in ctx.shapes:
            spot = ctx.shapes[first.country].label or ctx.position.get(first.place)
            if spot is None:
                continue
            x, y = spot
            shifts = [
                (dx, dy, "middle center")
                for dy, dx in [(-1.1, 0.0), (-2.0, 0.0), (1.1, 0.0), (-1.6, -2.5), (-1.6, 2.5)]
            ]
            where = f"across {ctx.country_name(first.country)}"
        else:
            x, y = ctx.position[first.place]
            r = float(first.radius_km) / 111.0
            shifts = [
                (0.0, -0.55 * r, "middle center"),
                (0.0, 0.55 * r, "middle center"),
                (0.0, 0.0, "middle right"),
                (0.0, 0.0, "middle left"),
                (0.0, -0.9 * r, "middle center"),
                (0.0, 0.9 * r, "middle center"),
            ]
            place = ctx.place_names[first.place]
            where = f"within about {first.radius_km:,.0f} km of {place}"
        actors = [row.actor for row in rows]
        label = "<br>".join(f"{_APPROX} {ctx.name(a)}" for a in actors)
        choice = ctx.labels.claim(
            ctx.labels.box(x + dx, y + dy, label, side, size) for dx, dy, side in shifts
        )
        dx, dy, position = shifts[choice or 0]
        lines = []
        for row in rows:
            lines += [f"<b>{ctx.full_name(row.actor)}</b>", *hover_lines(f"basis: {row.basis}")]
        lines += [f"approximate area: {where}", "<i>drawn for orientation only; not a boundary</i>"]
        focus = ctx.selected if ctx.selected in actors else actors[0]
        faded = ctx.selected is not None and not any(a in ctx.partners for a in actors)
        lon.append(x + dx)
        lat.append(y + dy)
        positions.append(position)
        text.append(f"<i>{label}</i>".replace("<br>", "</i><br><i>") if choice is not None else "")
        hover.append("<br>".join(lines))
        data.append(["actor", str(focus)])
        colour = style.actor_kind_style(ctx.G.nodes[focus].get("kind")).colour
        colours.append(style.rgba(colour, 0.35) if faded else _darker(colour, ctx))
    return [
        _geo(
            lon,
            lat,
            mode="text+markers",
            text=text,
            textposition=positions,
            textfont={"size": size, "color": colours, "shadow": "auto"},
            marker={"size": 14 * ctx.scale, "color": "rgba(0,0,0,0)"},
            hovertext=hover,
            hoverinfo="text",
            hoverlabel=_hoverlabel(ctx, ctx.palette.muted),
            customdata=data,
            name="Areas of operation",
            showlegend=False,
        )
    ]


def _darker(colour: str, ctx: _Context) -> str:
    """A kind colour made legible as text on the map's land (darker on the light theme)."""
    if ctx.palette is MAP_THEMES["dark"]:
        return colour
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red * 0.62:.0f},{green * 0.62:.0f},{blue * 0.62:.0f})"


# --------------------------------------------------------------------------- relations


def _collect_arcs(ctx: _Context, max_arcs: int | None = None) -> list[_Arc]:
    """Group the relations of G into arcs: one per (pair of places, type, faded); past
    ``max_arcs``, keep the selected actor's and then the busiest (ties in edge order)."""
    G = ctx.G
    node_places, position = ctx.node_places, ctx.position
    # Relations grouped by (places, type, faded) as plain lists: arcs are made only for
    # the groups drawn.
    groups: dict[tuple, list[tuple[Hashable, Hashable, Mapping[str, Any]]]] = {}
    used: dict[str, None] = {}
    for u, v, keyed_dict in edges_by_pair(G):
        keyed = keyed_dict.items()
        for key, data in keyed:
            _check_relation(key, data)
        pu, pv = node_places[u], node_places[v]
        if pu not in position or pv not in position:
            for _, data in keyed:
                used[str(data.get("relation") or "unknown")] = None
            continue
        if pu == pv:
            ctx.local_relations[pu] = ctx.local_relations.get(pu, 0) + len(keyed)
            for _, data in keyed:
                used[str(data.get("relation") or "unknown")] = None
            continue
        pair_faded = ctx.selected is not None and ctx.selected not in (u, v)
        pair = (min(pu, pv), max(pu, pv))
        for key, data in keyed:
            faded = pair_faded or (
                ctx.highlight is not None and str(data.get("id") or key) not in ctx.highlight
            )
            type_id = str(data.get("relation") or "unknown")
            used[type_id] = None
            found = groups.get((pair, type_id, faded))
            if found is None:
                found = groups[pair, type_id, faded] = []
            found.append((u, v, data))
    vocabulary = list(G.graph.get("relation_types") or {})
    vocabulary += [t for t in used if t not in vocabulary]
    ctx.vocabulary = vocabulary
    rank = {t: i for i, t in enumerate(vocabulary)}
    if max_arcs is not None and len(groups) > max_arcs:
        # (key, members) pairs: not faded first, then most members; ties in edge order.
        kept = heapq.nsmallest(
            max_arcs, groups.items(), key=lambda item: (item[0][2], -len(item[1]))
        )
        relations = sum(len(members) for members in groups.values())
        drawn = sum(len(members) for _, members in kept)
        ctx.left_out = (len(groups) - len(kept), relations - drawn)
        groups = dict(kept)
    arcs = {key: _Arc(key[0], key[1], key[2], members=members) for key, members in groups.items()}
    ctx.arcs_drawn = len(arcs)
    by_pair: dict[tuple[str, str], list[_Arc]] = {}
    for arc in arcs.values():
        by_pair.setdefault(arc.places, []).append(arc)
        arc.confidence = max(
            _CONFIDENCE_INDEX[d.get("confidence", "high")] for *_, d in arc.members
        )
        arc.width = max(style.intensity_bucket(d.get("intensity") or 0.0) for *_, d in arc.members)
    # Bend the arcs of one pair apart; every arc's curve in one numpy pass.
    ordered: list[_Arc] = []
    ends: list[tuple[str, str]] = []
    offsets: list[float] = []
    for pair, group in by_pair.items():
        group.sort(key=lambda a: (rank[a.type_id], a.faded))
        for i, arc in enumerate(group):
            ordered.append(arc)
            ends.append(pair)
            offsets.append(0.1 + (i - (len(group) - 1) / 2) * 0.07)
    if ordered:
        p0 = np.array([position[a] for a, _ in ends], dtype=float)
        p2 = np.array([position[b] for _, b in ends], dtype=float)
        curves, middles = _beziers(p0, p2, np.array(offsets), ctx.arc_points)
        for arc, curve, middle in zip(ordered, curves, middles, strict=True):
            arc.curve, arc.middle = curve, middle
    return list(arcs.values())


def _check_relation(key: Any, data: Mapping[str, Any]) -> None:
    """A relation's sign and confidence must be in the vocabulary the styles know."""
    if data.get("sign", 0) not in style.SIGN_DASH:
        raise ValueError(
            f"relation {str(data.get('id') or key)!r}: sign {data.get('sign')!r} is not one "
            "of -1, 0, 1"
        )
    if data.get("confidence", "high") not in _CONFIDENCE_INDEX:
        raise ValueError(
            f"relation {str(data.get('id') or key)!r}: confidence "
            f"{data.get('confidence')!r} is not one of {', '.join(style.CONFIDENCE_LEVELS)}"
        )


def _beziers(
    p0: np.ndarray, p2: np.ndarray, offset: np.ndarray, points: int
) -> tuple[np.ndarray, np.ndarray]:
    """Quadratic Beziers from p0 to p2 (rows), each bent by its ``offset`` in chord
    lengths: ``points`` samples of each (arcs, points, 2) and the middles (arcs, 2)."""
    chord = p2 - p0
    control = (p0 + p2) / 2 + np.stack([-chord[:, 1], chord[:, 0]], axis=1) * offset[:, None]
    t = np.linspace(0.0, 1.0, points)[None, :, None]
    curves = (1 - t) ** 2 * p0[:, None] + 2 * (1 - t) * t * control[:, None] + t**2 * p2[:, None]
    return curves, 0.25 * p0 + 0.5 * control + 0.25 * p2


def _relation_traces(ctx: _Context, arcs: list[_Arc]) -> list[dict[str, Any]]:
    if not arcs:
        return []
    vocabulary = ctx.vocabulary
    colours = style.relation_type_colours(vocabulary)
    type_rows = ctx.G.graph.get("relation_types") or {}
    by_type: dict[str, list[_Arc]] = {}
    for arc in arcs:
        by_type.setdefault(arc.type_id, []).append(arc)
    compact = ctx.compact
    traces: list[dict[str, Any]] = []
    for type_id in vocabulary:
        of_type = by_type.get(type_id)
        if not of_type:
            continue
        colour = colours[type_id]
        first = of_type[0].members[0][2]
        label = _esc((type_rows.get(type_id) or {}).get("label") or first.get("label") or type_id)
        traces.append(
            _geo(
                [math.nan],
                [math.nan],
                mode="lines",
                name=label,
                legendgroup=type_id,
                legendrank=100 + vocabulary.index(type_id),
                line={
                    "color": colour,
                    "width": 3 * ctx.scale,
                    "dash": style.sign_dash(int(first.get("sign", 0))),
                },
                hoverinfo="skip",
            )
        )
        styles: dict[tuple[int, int, int, bool], list[_Arc]] = {}
        for arc in of_type:
            key = (int(arc.members[0][2].get("sign", 0)), arc.confidence, arc.width, arc.faded)
            styles.setdefault(key, []).append(arc)
        for (sign, confidence, width, faded), chosen in sorted(styles.items()):
            opacity = style.CONFIDENCE_OPACITY[style.CONFIDENCE_LEVELS[confidence]]
            opacity *= _FADE if faded else 1.0
            # Each arc's points, then a NaN gap: one array for the whole style.
            curves = np.full((len(chosen), ctx.arc_points + 1, 2), np.nan, dtype=np.float32)
            curves[:, :-1] = np.stack([arc.curve for arc in chosen])
            points = curves.reshape(-1, 2)
            traces.append(
                _geo(
                    points[:, 0],
                    points[:, 1],
                    mode="lines",
                    name=label,
                    legendgroup=type_id,
                    showlegend=False,
                    hoverinfo="skip",
                    line={
                        "color": style.rgba(colour, round(opacity, 3)),
                        "width": style.INTENSITY_WIDTHS[width] * ctx.scale,
                        "dash": style.sign_dash(sign),
                    },
                )
            )
        traces += _arrow_and_hover_traces(ctx, of_type, colour, type_id, label, compact=compact)
    return traces


def _arrow_and_hover_traces(
    ctx: _Context,
    arcs: list[_Arc],
    colour: str,
    type_id: str,
    label: str,
    *,
    compact: bool,
) -> list[dict[str, Any]]:
    """Arrowheads (pairs of a point before the tip and the tip, ``angleref="previous"``)
    where all relations of an arc run one way, and hover markers at the arcs' middles."""
    arrow_lon, arrow_lat, arrow_size, arrow_opacity = [], [], [], []
    mid_text, mid_data = [], []
    node_places = ctx.node_places
    back = (ctx.arc_points - 1) // 8  # the arrowhead points along the last eighth
    for arc in arcs:
        mid_text.append(_arc_hover(ctx, arc, label, compact=compact))
        ids = [str(d.get("id")) for *_, d in arc.members]
        mid_data.append(("relation", ids[0]) if len(ids) == 1 else ("relations", ",".join(ids)))
        heads = {node_places[v] for _, v, _ in arc.members}
        if len(heads) != 1 or not all(d.get("directed", True) for *_, d in arc.members):
            continue
        tip, before = (
            (arc.curve[-1], arc.curve[-1 - back])
            if heads.pop() == arc.places[1]
            else (arc.curve[0], arc.curve[back])
        )
        opacity = style.CONFIDENCE_OPACITY[style.CONFIDENCE_LEVELS[arc.confidence]]
        arrow_lon += [before[0], tip[0]]
        arrow_lat += [before[1], tip[1]]
        arrow_size += [0.0, (8.0 + 1.5 * arc.width) * ctx.scale]
        arrow_opacity += [0.0, round(opacity * (_FADE if arc.faded else 1.0), 3)]
    traces = []
    if arrow_lon:
        traces.append(
            _geo(
                arrow_lon,
                arrow_lat,
                mode="markers",
                legendgroup=type_id,
                showlegend=False,
                hoverinfo="skip",
                marker={
                    "symbol": "arrow",
                    "angleref": "previous",
                    "color": colour,
                    "size": np.asarray(arrow_size, dtype=np.float32),
                    "opacity": np.asarray(arrow_opacity, dtype=np.float32),
                    "standoff": 5 * ctx.scale,
                    "line": {"width": 0},
                },
                name=label,
            )
        )
    middles = np.stack([arc.middle for arc in arcs])
    traces.append(
        _geo(
            middles[:, 0],
            middles[:, 1],
            mode="markers",
            legendgroup=type_id,
            showlegend=False,
            marker={"size": 14 * ctx.scale, "color": "rgba(0,0,0,0)"},
            hovertext=text_array(mid_text),
            hoverinfo="text",
            # Short hover: the type label once, in the trace's template.
            hovertemplate=_arc_template(label) if compact else None,
            hoverlabel=_hoverlabel(ctx, colour),
            customdata=text_array(mid_data),
            name=label,
        )
    )
    return traces


def _arc_template(label: str) -> str:
    """Hover template of the short arc hover: the type label, then the point's text."""
    label = label.replace("%{", "%\u200b{")  # data must not read as a template variable
    return f"<b>{label}</b>%{{hovertext}}<extra></extra>"


def _arc_hover(ctx: _Context, arc: _Arc, label: str, *, compact: bool = False) -> str:
    """An arc's hover text; short when ``compact`` (past _FULL_HOVER_MAX relations: the
    network's details panel has the rest, and the text of thousands of arcs adds up),
    and then without the type label, which the trace's template gives."""
    a, b = (ctx.place_names[p] for p in arc.places)
    head = "" if compact else f"<b>{label}</b>"
    if len(arc.members) == 1:
        u, v, data = arc.members[0]
        arrow = _ARROW if data.get("directed", True) else _DASH
        sign = style.SIGN_TEXT.get(int(data.get("sign", 0)), "")
        ident = f"<i>{_esc(data.get('id'))}</i>"
        if compact:
            return (
                f" ({sign})<br>{ctx.name(u)} {arrow} {ctx.name(v)}"
                f"<br>confidence {_esc(data.get('confidence') or '')} · {ident}"
            )
        lines = [f"{head} ({sign})", f"{ctx.full_name(u)} {arrow} {ctx.full_name(v)}"]
        lines.extend(hover_lines(str(data.get("summary") or "")))
        status = _esc(data.get("status") or "")
        lines.append(
            _dates(data.get("start"), data.get("end")) + (f" · {status}" if status else "")
        )
        lines.append(f"confidence {_esc(data.get('confidence') or '')} · {ident}")
        lines.append(f"<i>drawn between {a} and {b}</i>")
        return "<br>".join(lines)
    lines = [f"{head} · {len(arc.members)} relations, {a} {_DASH} {b}"]
    shown = 3 if compact else 6
    for u, v, data in arc.members[:shown]:
        arrow = _ARROW if data.get("directed", True) else _DASH
        ident = f"<i>({_esc(data.get('id'))})</i>"
        if compact:
            lines.append(f"• {ctx.name(u)} {arrow} {ctx.name(v)} {ident}")
            continue
        summary = str(data.get("summary") or "")
        short = summary if len(summary) <= 60 else summary[:59].rstrip() + "…"
        lines.append(f"• {ctx.name(u)} {arrow} {ctx.name(v)}: {_esc(short)} {ident}")
    if len(arc.members) > shown:
        lines.append(f"… and {len(arc.members) - shown} more")
    return "<br>".join(lines)


def _dates(start: Any, end: Any) -> str:
    if start and end:
        return f"{_esc(start)} to {_esc(end)}" if start != end else _esc(start)
    if start:
        return f"since {_esc(start)}"
    return f"until {_esc(end)}" if end else "no date given"


# --------------------------------------------------------------------------- places


def _shown_places(
    ctx: _Context, arcs: list[_Arc], limit: int | None = None, keep: Collection[str] = ()
) -> list[str]:
    """Places in view, and places outside it that an arc reaches or the selection holds;
    past ``limit``, the selected actor's place, those in ``keep`` (labels asked for),
    capitals, then those the drawn arcs reach with the most relations (ties in table
    order), in table order."""
    reached: dict[str, int] = {}
    for arc in arcs:
        for place in arc.places:
            reached[place] = reached.get(place, 0) + len(arc.members)
    shown = [
        str(pid)
        for pid in ctx.places.index
        if pid not in ctx.off_view or pid in reached or pid == ctx.selected_place
    ]
    if limit is None or len(shown) <= limit:
        return shown
    kinds = {pid: ctx.place_rows[pid]["kind"] for pid in shown}
    keep = set(keep)
    rank = {
        pid: (
            pid != ctx.selected_place,
            pid not in keep,
            kinds[pid] != "capital",
            -reached.get(pid, 0),
            i,
        )
        for i, pid in enumerate(shown)
    }
    kept = set(heapq.nsmallest(limit, shown, key=rank.__getitem__))
    ctx.places_left_out = len(shown) - len(kept)
    return [pid for pid in shown if pid in kept]


def _place_traces(ctx: _Context, shown: list[str]) -> list[dict[str, Any]]:
    """One marker trace per place kind (hover, click) of the places ``shown``
    (:func:`_shown_places`), plus one for places outside the view, drawn as arrows at the
    edge pointing their way."""
    palette, scale = ctx.palette, ctx.scale
    size = 9.0 * scale
    for pid in shown:  # markers claim their room before any label
        lon, lat = ctx.position[pid]
        ctx.labels.keep_clear(lon, lat, size / 2 / ctx.ppd)
    groups: dict[str, list[str]] = {}
    for pid in shown:
        kind = "off-map" if pid in ctx.off_view else str(ctx.place_rows[pid]["kind"])
        groups.setdefault(kind, []).append(pid)
    traces = []
    for kind in [*PLACE_KIND_SYMBOLS, "off-map"]:
        ids = groups.get(kind)
        if not ids:
            continue
        ringed = [pid == ctx.selected_place for pid in ids]
        marker: dict[str, Any] = {
            "size": np.asarray([size * (1.6 if r else 1.0) for r in ringed], dtype=np.float32),
            "line": {
                "color": [palette.highlight_line if r else palette.place for r in ringed],
                "width": np.asarray([2.5 if r else 1.3 for r in ringed], dtype=np.float32) * scale,
            },
        }
        if kind == "off-map":
            marker.update(
                symbol="arrow",
                angleref="up",
                angle=_angles([_bearing(ctx, p) for p in ids]),
                color=palette.place,
            )
        else:
            symbol = PLACE_KIND_SYMBOLS.get(kind, "circle")
            open_symbol = symbol.endswith("-open")
            marker.update(symbol=symbol, color=palette.place if open_symbol else palette.place_fill)
        traces.append(
            _geo(
                [ctx.position[p][0] for p in ids],
                [ctx.position[p][1] for p in ids],
                mode="markers",
                marker=marker,
                hovertext=[_place_hover(ctx, p) for p in ids],
                hoverinfo="text",
                hoverlabel=_hoverlabel(ctx, palette.place),
                customdata=[_place_customdata(ctx, p) for p in ids],
                name=_PLACE_KIND_TEXT.get(kind, "Outside the map"),
                legendgroup=f"place-{kind}",
                showlegend=False,
            )
        )
    return traces


def _place_labels(
    ctx: _Context, label_places: Collection[str] | None, shown_places: list[str]
) -> list[dict[str, Any]]:
    """Labels of key places among those marked, placed greedily (right, left, above,
    below) so that none overlaps another label or a marker; a label that finds no room is
    left out."""
    places = ctx.places
    shown = set(shown_places)
    if label_places is None:
        kinds = {pid: row["kind"] for pid, row in ctx.place_rows.items()}
        wanted = [p for p in kinds if kinds[p] in _LABELLED_KINDS]
        wanted.sort(key=lambda p: _LABELLED_KINDS.index(kinds[p]))
    else:
        wanted = list(label_places)
    chosen = ctx.selected_place
    if chosen is not None and chosen in places.index:
        wanted = [chosen, *(p for p in wanted if p != chosen)]
    size = float(ctx.font_size)
    lon, lat, text, positions = [], [], [], []
    for pid in wanted:
        if pid not in shown:
            continue
        x, y = ctx.position[pid]
        name = str(ctx.place_rows[pid]["name"])
        candidates = ("middle right", "middle left", "top center", "bottom center")
        choice = ctx.labels.claim(ctx.labels.box(x, y, name, where, size) for where in candidates)
        if choice is None:
            continue
        lon.append(x)
        lat.append(y)
        text.append(f"<b>{_esc(name)}</b>" if pid == ctx.selected_place else _esc(name))
        positions.append(candidates[choice])
    if not lon:
        return []
    return [
        _geo(
            lon,
            lat,
            mode="text",
            text=text,
            textposition=positions,
            textfont={"size": size, "color": ctx.palette.text, "shadow": "auto"},
            hoverinfo="skip",
            name="Place names",
            showlegend=False,
        )
    ]


def _bearing(ctx: _Context, pid: str) -> float:
    """Screen angle (degrees clockwise from up) from the view's centre to a place."""
    row = ctx.place_rows[pid]
    lon, lat = float(row["lon"]), float(row["lat"])
    cx, cy = sum(VIEW_LON) / 2, sum(VIEW_LAT) / 2
    return math.degrees(math.atan2((lon - cx) * math.cos(math.radians(cy)), lat - cy))


def _angles(degrees: list[float]) -> np.ndarray:
    """Marker angles as float32 on [-180, 180), as plotly's validation would store them."""
    angles = np.asarray(degrees, dtype=np.float32)
    return (angles + 180) % 360 - 180


def _place_customdata(ctx: _Context, pid: str) -> list[str]:
    actors = ctx.anchors.get(pid, [])
    if not actors:
        return ["place", pid]
    states = [a for a in actors if ctx.G.nodes[a].get("kind") == "state"]
    return ["actor", str((states or actors)[0])]


def _place_hover(ctx: _Context, pid: str) -> str:
    row = ctx.place_rows[pid]
    title = f"<b>{_esc(row['name'])}</b>"
    if row.get("name_ar"):
        title += f" · {_rtl(row['name_ar'])}"
    facts = [_esc(row["kind"])]
    if row.get("country"):
        facts.append(ctx.country_name(row["country"]))
    if row.get("precision"):
        facts.append(f"location {_esc(row['precision'])}")
    lines = [title, " · ".join(facts)]
    if pid in ctx.off_view:
        lines.append("<i>outside the map: shown at its edge, pointing its way</i>")
    actors = ctx.anchors.get(pid, [])
    if actors:
        more = f" and {len(actors) - 6} more" if len(actors) > 6 else ""
        lines.extend(wrap_words("Anchors: " + ", ".join(ctx.name(a) for a in actors[:6]) + more))
    local = ctx.local_relations.get(pid, 0)
    if local:
        lines.append(f"{plural(local, 'relation')} among actors based here")
    if row.get("note"):
        lines.extend(hover_lines(str(row["note"])))
    return "<br>".join(lines)


# --------------------------------------------------------------------------- countries


def _country_labels(ctx: _Context, *, states: bool) -> list[dict[str, Any]]:
    """Country names (upper case, muted). With ``states``, the states of G: clickable
    (they select the actor), moved a little when their spot is taken. Otherwise the
    other large countries, left out when their spot is taken."""
    size = ctx.font_size * 0.9
    lon, lat, text, hover, data = [], [], [], [], []
    order = sorted(ctx.shapes.values(), key=lambda s: -ctx.areas[s.id])
    for shape in order:
        actor = ctx.states.get(shape.id)
        if shape.label is None or shape.iso3 is None or (actor is not None) != states:
            continue
        if actor is None and ctx.areas[shape.id] < 8.0:
            continue
        x, y = shape.label
        name = shape.name.upper()
        offsets = [(0.0, 0.0), (0.0, -0.9), (0.0, 0.9), (-1.5, 0.0), (1.5, 0.0)]
        if not states:
            offsets = offsets[:1]
        choice = ctx.labels.claim(
            ctx.labels.box(x + dx, y + dy, name, "", size) for dx, dy in offsets
        )
        if choice is None and actor is None:
            continue
        dx, dy = offsets[choice or 0]
        lon.append(x + dx)
        lat.append(y + dy)
        text.append(_esc(name) if choice is not None else "")
        if actor is not None:
            degree = ctx.G.degree(actor)
            hover.append(
                f"<b>{ctx.full_name(actor)}</b><br>state · {degree} relation"
                f"{'' if degree == 1 else 's'} shown<br><i>click to select</i>"
            )
            data.append(["actor", str(actor)])
        else:
            hover.append(f"<b>{_esc(shape.name)}</b>")
            data.append(["country", shape.id])
    if not lon:
        return []
    return [
        _geo(
            lon,
            lat,
            mode="text+markers",
            text=text,
            textfont={"size": size, "color": ctx.palette.muted},
            marker={"size": 22 * ctx.scale, "color": "rgba(0,0,0,0)"},
            hovertext=hover,
            hoverinfo="text",
            hoverlabel=_hoverlabel(ctx, ctx.palette.muted),
            customdata=data,
            name="State names" if states else "Country names",
            showlegend=False,
        )
    ]


# --------------------------------------------------------------------------- legend


def _key_traces(ctx: _Context, area_table: pd.DataFrame) -> list[dict[str, Any]]:
    """Legend-only entries of the map key, ranked before the relation types."""
    palette, scale = ctx.palette, ctx.scale
    key: list[dict[str, Any]] = [
        {
            "mode": "lines",
            "name": "Border in the source",
            "line": {"color": palette.border, "width": 4 * scale},
        }
    ]
    kinds = dict.fromkeys(str(ctx.G.nodes[a].get("kind")) for a in area_table["actor"])
    for kind in kinds:
        colour = style.actor_kind_style(kind).colour
        key.append(
            {
                "mode": "lines",
                "fill": "toself",
                "fillcolor": style.rgba(colour, 0.17),
                "name": f"{_APPROX} area, {_esc(style.actor_kind_style(kind).label.lower())}",
                "line": {"color": colour, "width": 1.5 * scale, "dash": "dot"},
            }
        )
    present = dict.fromkeys(str(k) for k in ctx.places["kind"])
    for kind, symbol in PLACE_KIND_SYMBOLS.items():
        if kind in present and _PLACE_KIND_TEXT[kind] not in [k["name"] for k in key]:
            open_symbol = symbol.endswith("-open")
            key.append(
                {
                    "mode": "markers",
                    "name": _PLACE_KIND_TEXT[kind],
                    "marker": {
                        "symbol": symbol,
                        "size": 9 * scale,
                        "color": palette.place if open_symbol else palette.place_fill,
                        "line": {"color": palette.place, "width": 1.3 * scale},
                    },
                }
            )
    return [
        _geo([math.nan], [math.nan], legendgroup="key", hoverinfo="skip", legendrank=i, **entry)
        for i, entry in enumerate(key)
    ]


# --------------------------------------------------------------------------- layout


def _layout(
    ctx: _Context, *, title: str | None, height: int, show_legend: bool, uirevision: str
) -> dict[str, Any]:
    """The map's layout, a plain dict (plotly's ``update_layout`` took 15 to 20 ms per
    figure to build the same objects; the tests build it both ways)."""
    palette, font_size = ctx.palette, ctx.font_size
    small = max(10, font_size - 1)
    return dict(
        height=height,
        uirevision=uirevision,
        margin={"l": 0, "r": 0, "t": round(font_size * 3) if title else 0, "b": 0},
        title={"text": title, "font": {"size": round(font_size * 1.4)}} if title else None,
        paper_bgcolor="rgba(0,0,0,0)",
        font={"size": font_size, "color": palette.text},
        showlegend=show_legend,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": 0.0,
            "xanchor": "left",
            "x": 0.0,
            "font": {"size": small, "color": palette.text},
            "bgcolor": "rgba(0,0,0,0)",
            "itemsizing": "constant",
            # Two columns of key entries on a narrow map (at a third, long ones collide).
            "entrywidth": 0.5 if ctx.width_hint < NARROW_MAP else 0.333,
            "entrywidthmode": "fraction",
            "traceorder": "normal",
        },
        hoverlabel={"font": {"size": font_size}, "align": "left"},
        dragmode="pan",
        geo={
            "projection": {"type": "natural earth"},
            "lonaxis": {"range": list(VIEW_LON)},
            "lataxis": {"range": list(VIEW_LAT)},
            "center": {"lon": sum(VIEW_LON) / 2, "lat": sum(VIEW_LAT) / 2},
            "bgcolor": palette.sea,
            "showland": False,
            "showocean": False,
            "showlakes": False,
            "showrivers": False,
            "showcountries": False,
            "showcoastlines": False,
            "showframe": False,
            "showsubunits": False,
            "domain": {"x": [0.0, 1.0], "y": [0.0, 1.0]},
        },
    )


def _hoverlabel(ctx: _Context, colour: str) -> dict[str, Any]:
    return {
        "bgcolor": ctx.palette.land_focus,
        "bordercolor": colour,
        "font": {"color": ctx.palette.text, "size": ctx.font_size},
    }


# --------------------------------------------------------------------------- helpers


def _geo(
    lon: Sequence[float] | np.ndarray, lat: Sequence[float] | np.ndarray, **props: Any
) -> dict[str, Any]:
    """A Scattergeo trace as a plain dict: coordinates as float32 arrays (NaN = gap),
    which plotly sends as compact binary; properties left unset (None) are left out."""
    return plain_trace(
        "scattergeo",
        lon=np.asarray(lon, dtype=np.float32),
        lat=np.asarray(lat, dtype=np.float32),
        **props,
    )


#: Whether :func:`_figure` lets plotly validate the traces (the tests compare both ways).
_VALIDATE = False


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """The figure of plain-dict traces and layout, unvalidated and with its arrays encoded
    (:func:`graph.figures._plain.plain_figure`; validation is most of the cost with
    thousands of arcs and finds nothing in what this module makes)."""
    return plain_figure(traces, layout, validate=_VALIDATE)


def _pin(lon: float, lat: float) -> tuple[float, float]:
    """A place's drawing position: itself inside the view, else where the line from the
    view's centre towards it leaves the view (a little inside the edge)."""
    if VIEW_LON[0] <= lon <= VIEW_LON[1] and VIEW_LAT[0] <= lat <= VIEW_LAT[1]:
        return (lon, lat)
    west, east = VIEW_LON[0] + 0.8, VIEW_LON[1] - 0.8
    south, north = VIEW_LAT[0] + 0.8, VIEW_LAT[1] - 0.8
    cx, cy = sum(VIEW_LON) / 2, sum(VIEW_LAT) / 2
    dx, dy = lon - cx, lat - cy
    steps = [(edge - cx) / dx for edge in (west, east) if dx] + [
        (edge - cy) / dy for edge in (south, north) if dy
    ]
    t = min(s for s in steps if s > 0)
    return (round(cx + t * dx, 3), round(cy + t * dy, 3))


def _isolate(value: Any) -> str:
    """Text of unknown direction (a name mixing scripts), escaped and isolated."""
    return f"\u2068{_esc(value)}{PDI}"


def _rtl(value: Any) -> str:
    """Arabic text, escaped and isolated right-to-left inside left-to-right hover text."""
    text = _esc(value)
    return text if text.startswith(RLI) and text.endswith(PDI) else f"{RLI}{text}{PDI}"

"""What every part of the map shares: the per-figure context and the trace and text helpers."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from graph import style
from graph.build import actor_name, actor_short_name
from graph.figures._plain import plain_trace
from graph.figures.labels import LabelRoom
from graph.figures.map.theme import _VIEW_CENTRE, VIEW_LAT, VIEW_LON, MapTheme
from graph.geo import CountryShape, ring_area
from graph.i18n import gettext as _
from graph.text import FSI, PDI, RLI
from graph.text import escape_hover as _esc  # data text in hover and labels

__all__: list[str] = []

_ARC_POINTS = 17  # samples of an arc (quadratic Bezier), ends included
_ARC_POINTS_COMPACT = 9  # past _FULL_HOVER_MAX relations: thousands of arcs, fewer points
_FULL_HOVER_MAX = 2000  # past this many relations arcs get short hover text, as in the network
_DASH = "\u2013"  # en dash, between two countries or the two sides of a relation
_ARROW = "\u2192"
_APPROX = "\u2248"


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
            name = self._names[node] = _esc(actor_short_name(self.G, node))
        return name

    def full_name(self, node: Hashable) -> str:
        text = self._full_names.get(node)
        if text is None:
            data = self.G.nodes[node]
            text = _esc(actor_name(self.G, node))
            if data.get("name_ar"):
                text += f" · {_rtl(data['name_ar'])}"
            self._full_names[node] = text
        return text

    def country_name(self, code: str | None) -> str:
        shape = self.shapes.get(code or "")
        return _esc(_(shape.name) if shape else code or "")


def _arrow(data: Mapping[str, Any]) -> str:
    """The arrow between the two sides of a relation: a dash when it is undirected."""
    return _ARROW if data.get("directed", True) else _DASH


def _hoverlabel(ctx: _Context, colour: str) -> dict[str, Any]:
    """The map's hover box: the theme's colours, plotly's alignment."""
    return style.hover_box(
        colour, ctx.font_size, background=ctx.palette.land_focus, text=ctx.palette.text, align=None
    )


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


def _pin(lon: float, lat: float) -> tuple[float, float]:
    """A place's drawing position: itself inside the view, else where the line from the
    view's centre towards it leaves the view (a little inside the edge)."""
    if VIEW_LON[0] <= lon <= VIEW_LON[1] and VIEW_LAT[0] <= lat <= VIEW_LAT[1]:
        return (lon, lat)
    west, east = VIEW_LON[0] + 0.8, VIEW_LON[1] - 0.8
    south, north = VIEW_LAT[0] + 0.8, VIEW_LAT[1] - 0.8
    cx, cy = _VIEW_CENTRE
    dx, dy = lon - cx, lat - cy
    steps = [(edge - cx) / dx for edge in (west, east) if dx] + [
        (edge - cy) / dy for edge in (south, north) if dy
    ]
    t = min(s for s in steps if s > 0)
    return (round(cx + t * dx, 3), round(cy + t * dy, 3))


def _isolate(value: Any) -> str:
    """Text of unknown direction (a name mixing scripts), escaped and isolated."""
    return f"{FSI}{_esc(value)}{PDI}"


def _rtl(value: Any) -> str:
    """Arabic text, escaped and isolated right-to-left inside left-to-right hover text."""
    text = _esc(value)
    return text if text.startswith(RLI) and text.endswith(PDI) else f"{RLI}{text}{PDI}"

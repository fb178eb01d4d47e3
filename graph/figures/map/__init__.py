"""The border map: countries, shared borders, places, areas and relations, fully offline.

Everything is drawn with ``go.Scattergeo`` traces from the committed geometry
(:mod:`graph.geo`): country polygons are ``fill="toself"`` lines, plotly's own base map
is switched off (every ``geo.show*`` False) and no trace has a ``locationmode``, so the
browser never fetches plotly's world topojson from the internet.

The parts, in the order :func:`map_figure` draws them:

- ``theme``: the view, the palettes (:class:`MapTheme`) and the place symbols;
- ``context``: what every part shares (the per-figure context, trace and text helpers);
- ``land``: country polygons, the dataset's borders and country names;
- ``areas``: the areas of operation as drawn (the analysis is
  :mod:`graph.analysis.areas`);
- ``arcs``: the relations as arcs, arrowheads and hover points;
- ``places``: place markers and labels (placed by :mod:`graph.figures.labels`);
- ``legend``: the key, the layout and the note on what is left out;
- ``figure``: :func:`map_figure`, which checks its inputs and assembles the rest.
"""

from __future__ import annotations

from graph.figures.map.arcs import MAX_ARCS
from graph.figures.map.areas import MAX_AREAS
from graph.figures.map.figure import MapTables, map_figure
from graph.figures.map.legend import NARROW_MAP
from graph.figures.map.places import MAX_PLACES
from graph.figures.map.theme import (
    MAP_THEMES,
    PLACE_KIND_SYMBOLS,
    VIEW_LAT,
    VIEW_LON,
    MapTheme,
)

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

"""The map's entry point, :func:`map_figure`.

It checks its inputs, reads the geometry and assembles the traces of the other modules
into one figure.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from typing import Any, Protocol

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from graph.analysis.areas import areas_of_operation, require_columns
from graph.build import relation_ids
from graph.figures._plain import plain_figure
from graph.figures.map.arcs import MAX_ARCS, _collect_arcs, _relation_traces
from graph.figures.map.areas import MAX_AREAS, _area_fill_traces, _area_labels, _busiest_areas
from graph.figures.map.context import _Context
from graph.figures.map.land import _border_traces, _country_labels, _land_traces
from graph.figures.map.legend import _key_traces, _layout, _left_out_note
from graph.figures.map.places import MAX_PLACES, _place_labels, _place_traces, _shown_places
from graph.figures.map.theme import MAP_THEMES
from graph.geo import (
    CountryShape,
    SharedBorder,
    cited_lengths,
    country_shapes,
    shared_borders,
)

__all__ = ["MapTables", "map_figure"]


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
        unknown = sorted(highlight - relation_ids(G))
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
    traces += _relation_traces(ctx, arcs, legend=relation_legend)
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
    layout = _layout(
        ctx, title=title, height=height, show_legend=show_legend, uirevision=uirevision
    )
    if ctx.left_out is not None or ctx.areas_left_out or ctx.places_left_out:
        _left_out_note(layout, ctx)
    return plain_figure(traces, layout)

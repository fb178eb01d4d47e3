"""The figures of a briefing: a view's network, map and timeline, with its emphasis.

:func:`briefing_figures` draws the three figures as the briefing and the slides show
them, emphasising the view's selection, the ways between the actors it connects
(:func:`view_ways`) or what changed between its compare dates. :func:`network_frame` is
the plot area a network is laid out in, below and above its legends.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx
import plotly.graph_objects as go

from graph.analysis import ActorPath, changes, ways_between
from graph.briefing._common import _spec_of
from graph.build import relation_ids
from graph.figures.timeline import timeline_figure
from graph.filters import FilterSpec, apply_filters
from graph.load import Dataset

__all__ = ["briefing_figures", "network_frame", "view_ways"]


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
    if selection in H:
        return selection, None
    if selection in relation_ids(H):
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

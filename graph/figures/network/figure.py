"""The network figure's entry point: :func:`network_figure`, and its payload size."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from graph.figures._plain import plain_figure
from graph.figures.network._common import _LABEL_COLOURS, _escape
from graph.figures.network.edges import _edge_traces
from graph.figures.network.legend import _LEGEND_POSITIONS, _axis_ranges, _key_traces, _layout
from graph.figures.network.measures import (
    _check_measure,
    _marker_sizes,
    _measure_text,
    _number,
    node_measure,
)
from graph.figures.network.nodes import _node_traces
from graph.figures.network.scene import _faded, _lines, _neighbours, _Scene
from graph.figures.network.table import NetworkTable
from graph.i18n import gettext as _

__all__ = ["GL_THRESHOLD", "figure_payload_bytes", "network_figure"]

#: Past this many relations the figure draws with WebGL and merges parallel relations of
#: one type between one pair into a single line.
GL_THRESHOLD = 5000

_LABEL_LIMIT = 80  # past this many actors only the largest carry a label


def figure_payload_bytes(fig: go.Figure) -> int:
    """Return the size in bytes of the figure's JSON, what a browser has to receive.

    Examples
    --------
    >>> figure_payload_bytes(go.Figure()) > 0
    True
    """
    return len(fig.to_json().encode("utf-8"))


def network_figure(
    G: nx.MultiDiGraph,
    positions: Mapping[Hashable, Sequence[float]],
    *,
    size_by: str | None = None,
    node_sizes: Mapping[Hashable, float] | None = None,
    selected: Hashable | None = None,
    highlight_edges: Iterable[str] | None = None,
    show_labels: bool = True,
    label_limit: int = _LABEL_LIMIT,
    title: str | None = None,
    height: int = 640,
    font_size: int = 12,
    gl_threshold: int = GL_THRESHOLD,
    legend_position: str = "right",
    uirevision: str = "network",
    empty_message: str | None = None,
    table: NetworkTable | None = None,
    theme: str = "light",
) -> go.Figure:
    """Return the network figure of a relationship graph.

    Relations are drawn as lines coloured by relation type (:mod:`graph.style`), dashed
    when hostile and dotted when structural, as wide as their |intensity| (three widths)
    and as opaque as our confidence in them. Several relations between one pair bend
    apart so each stays visible; a directed relation ends in an arrowhead at its target.
    Actors are markers whose colour and symbol give their kind, labelled with their short
    name. Hovering shows the essentials; clicking a point yields its ``customdata``:
    ``["actor", actor id]`` for a node, ``["relation", relation id]`` for a relation (at
    its midpoint), ``["relations", "R001,R007"]`` for merged relations (see below).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph (see :func:`graph.build.build_graph`), typically filtered.
    positions : mapping
        ``node -> (x, y)`` for every node of ``G`` and possibly more: compute it once on
        the full graph (:func:`graph.layout.layout_positions`) so filtering moves nothing.
    size_by : str, optional
        Size markers by a measure of :data:`SIZE_MEASURES` (see :func:`node_measure`).
    node_sizes : mapping, optional
        Size markers by these values instead (e.g. a centrality); missing actors get the
        smallest size. Give ``size_by`` or ``node_sizes``, not both.
    selected : node, optional
        An actor to emphasise: a ring around it and its label in bold; relations not
        touching it and actors not related to it fade.
    highlight_edges : iterable of str, optional
        Relation ids to emphasise; other relations fade (with ``selected``, relations that
        touch the selected actor stay too).
    show_labels : bool, default True
        Write short names beside the markers.
    label_limit : int, default 80
        With more actors than this, at most ``label_limit`` are labelled: the largest
        first, skipping any whose label would overlap one already placed.
    title : str, optional
        Figure title, plain text (escaped: a filter summary may quote names from the data).
    height : int, default 640
        Height in pixels; the width follows the container.
    font_size : int, default 12
        Label size in pixels; 16 or more for presentation mode. Titles, legends, markers
        and lines scale with it.
    gl_threshold : int, default 5000
        Past this many relations: WebGL traces, parallel relations of one type between
        one pair merged into one line (hover gives the count, customdata
        ``["relations", "id,id,..."]``), no arrowheads; ``fig.layout.meta["merged"]``
        then gives the number of ``lines`` and of ``relations``. Past 2,000 relations (or this
        threshold, if lower) hover text is short: type, short names, confidence and id;
        the details panel has the rest.
    legend_position : {"right", "top"}, default "right"
        Where the legend of relation types (and the key to line styles) goes: a column
        right of the plot, or rows above it for narrow containers. Actor kinds are
        listed in a row under the plot. Legends sit outside the plot area, so they never
        cover the graph, and scroll when too long.
    uirevision : str, default "network"
        Plotly's ``uirevision``: zoom and pan survive reruns while it stays the same.
    empty_message : str, optional
        Text shown when ``G`` has no actors; by default "No actors or relations match the
        current filters." in the current language.
    table : NetworkTable, optional
        The columns of the graph ``G`` was taken from (:func:`network_table`), built once
        and passed with every view, like ``positions``; without it the figure reads them
        from ``G``. The figure is the same either way when every relation type is in
        ``G.graph["relation_types"]`` (as :func:`graph.build.build_graph` makes sure);
        a type outside it takes its colour and label from the whole graph, so it keeps
        them from view to view.
    theme : {"light", "dark"}, default "light"
        Streamlit's theme. Actor labels drawn with WebGL (past 5,000 relations or 2,000
        actors) cannot have a halo, and over thousands of lines the theme's grey text
        vanishes: they take its strongest text colour. Other text follows the theme.

    Returns
    -------
    plotly.graph_objects.Figure
        Traces: per relation type a legend entry, one line trace per style (type, sign,
        confidence, width class, faded or not), one hover trace at the relations'
        midpoints and one arrowhead trace; one trace of markers per actor kind, then one
        of its labels, above every marker and line; a key to line styles and confidence.
        The trace count depends on the styles present, never on the number of relations.

    Raises
    ------
    ValueError
        If ``size_by`` is unknown (the message lists the measures), both ``size_by`` and
        ``node_sizes`` are given, a node has no position, ``selected`` or a highlighted
        relation is not in ``G``, a relation's sign or confidence is outside the
        vocabulary, ``height``, ``font_size``, ``label_limit`` or ``gl_threshold`` is
        not positive, ``table`` lacks an actor or relation of ``G``, or ``theme`` is
        unknown.

    Notes
    -----
    Cost O(n log n + m log m) with small constants: one Python pass over the relations
    (with ``table``, over their keys only) and one over the actors, coordinates built
    with numpy (float32, which plotly sends as base64), text arrays handed to plotly
    whole, plotly's trace objects not made unless asked for
    (:class:`graph.figures._plain.PlainFigure`). Measured (CPU time, 2-core machine;
    layout and table excluded) at 10^3 actors and 10^4 relations (WebGL, short hover):
    24 ms, and 17 ms more to serialise 1.47 MB of JSON as ``st.plotly_chart`` does;
    without ``table``, 13 ms more. All text from the data is HTML-escaped, since plotly
    renders a subset of HTML in hover boxes and labels.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("iran", name="Iran", name_ar="إيران", kind="state")
    >>> G.add_node("pakistan", name="Pakistan", name_ar="باكستان", kind="state")
    >>> G.add_edge("iran", "pakistan", key="R001", relation="cooperation", sign=1,
    ...            intensity=6.0, confidence="high", directed=False)
    'R001'
    >>> G.add_edge("iran", "pakistan", key="R002", relation="rivalry", sign=-1,
    ...            intensity=-4.0, confidence="low", directed=True)
    'R002'
    >>> fig = network_figure(G, {"iran": (-1.0, 0.0), "pakistan": (1.0, 0.0)})
    >>> [t.name for t in fig.data if t.mode == "lines" and t.showlegend is None][:2]
    ['cooperation', 'rivalry']
    >>> sorted(str(c[1]) for t in fig.data if t.customdata is not None
    ...        for c in t.customdata if c[0] == "relation")
    ['R001', 'R002']
    >>> network_figure(G, {}, size_by="importance")
    Traceback (most recent call last):
    ...
    ValueError: size_by 'importance' is not one of degree, partners, in_degree, out_degree, strength
    """
    if size_by is not None:
        _check_measure(size_by, "size_by")
    if size_by is not None and node_sizes is not None:
        raise ValueError("give size_by or node_sizes, not both")
    for name, value in (
        ("height", height),
        ("font_size", font_size),
        ("label_limit", label_limit),
        ("gl_threshold", gl_threshold),
    ):
        if not isinstance(value, int | float) or value <= 0:
            raise ValueError(f"{name} {value!r} is not a positive number")
    if theme not in _LABEL_COLOURS:
        raise ValueError(f"theme {theme!r} is not one of {', '.join(_LABEL_COLOURS)}")
    if legend_position not in _LEGEND_POSITIONS:
        raise ValueError(
            f"legend_position {legend_position!r} is not one of {', '.join(_LEGEND_POSITIONS)}"
        )

    nodes = list(G)
    missing = [node for node in nodes if node not in positions]
    if missing:
        shown = ", ".join(repr(node) for node in missing[:5])
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        raise ValueError(f"no position for node {shown}{more}")
    if selected is not None and selected not in G:
        raise ValueError(f"selected actor {selected!r} is not in the graph")

    layout = _layout(
        title=title,
        height=height,
        font_size=font_size,
        uirevision=uirevision,
        legend_position=legend_position,
    )
    if not nodes:
        layout["annotations"] = [
            {
                "text": _escape(
                    _("No actors or relations match the current filters.")
                    if empty_message is None
                    else empty_message
                ),
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": round(font_size * 1.25)},
            }
        ]
        layout["xaxis"]["range"], layout["yaxis"]["range"] = [-1, 1], [-1, 1]
        return plain_figure([], layout)

    scene = _Scene.of(
        G,
        nodes,
        positions,
        table=table,
        font_size=font_size,
        gl_threshold=gl_threshold,
        theme=theme,
    )
    wanted: set[str] | None = None
    if highlight_edges is not None:
        wanted = {str(ident) for ident in highlight_edges}
        unknown = sorted(wanted - set(scene.relation_ids))
        if unknown:
            raise ValueError(f"highlighted relation {unknown[0]!r} is not in the graph")
    if size_by == "degree":  # the scene counted it already: no pass over G
        values: Mapping[Hashable, float] | None = None
        raw: np.ndarray | None = scene.degree.astype(float)
    else:
        values = node_measure(G, size_by) if size_by is not None else node_sizes
        raw = None if values is None else np.array([_number(values.get(n)) for n in nodes])
    sizes = _marker_sizes(raw, scene.scale, len(nodes))
    lines = _lines(scene, merge=scene.use_gl)
    focus = None if selected is None else scene.index[selected]
    lines.faded = _faded(scene, lines, focus, wanted)

    traces: list[Any] = []
    traces += _edge_traces(scene, lines, sizes, wrap=legend_position == "right")
    traces += _node_traces(
        scene,
        sizes,
        selected=focus,
        neighbours=_neighbours(lines, focus),
        measure=_measure_text(values, size_by),
        show_labels=show_labels,
        label_limit=label_limit,
    )
    traces += _key_traces(scene.scale, grouped=legend_position == "right")
    layout["xaxis"]["range"], layout["yaxis"]["range"] = _axis_ranges(scene.xy)
    if scene.use_gl:  # say what was merged, for the page to tell the reader
        layout["meta"] = {"merged": {"lines": lines.size, "relations": len(scene.relation_ids)}}
    return plain_figure(traces, layout)

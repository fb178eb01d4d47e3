"""The network figure: actors as marked nodes, relations as styled lines, hover and click."""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import partial
from itertools import chain
from operator import itemgetter
from typing import Any

import networkx as nx
import numpy as np
import plotly.graph_objects as go

from graph import style
from graph.build import edges_by_pair
from graph.figures._plain import plain_figure, plain_trace, text_array
from graph.text import HOVER_WIDTH, plural, wrap_words

__all__ = [
    "GL_THRESHOLD",
    "SIZE_MEASURES",
    "NetworkTable",
    "figure_payload_bytes",
    "network_figure",
    "network_table",
    "node_measure",
]

#: Measures ``network_figure(size_by=...)`` and :func:`node_measure` accept.
SIZE_MEASURES: tuple[str, ...] = ("degree", "partners", "in_degree", "out_degree", "strength")

#: Past this many relations the figure draws with WebGL and merges parallel relations of
#: one type between one pair into a single line.
GL_THRESHOLD = 5000

_MEASURE_TEXT = {
    "degree": "relations",
    "partners": "partners",
    "in_degree": "relations in",
    "out_degree": "relations out",
    "strength": "total |intensity|",
}
_CURVE_POINTS = 10  # samples of a curved relation (quadratic Bezier), ends included
_CURVE_POINTS_GL = 5  # past the WebGL threshold: four segments, payload
_FADE = 0.15  # opacity factor of what a selection pushes to the background
_LABEL_LIMIT = 80  # past this many actors only the largest carry a label
_GL_NODES = 2000  # past this many actors their markers are drawn with WebGL too
_FULL_HOVER_MAX = 2000  # past this many relations hover text is short (payload)
_DASH = "\u2013"  # en dash, for ranges and undirected pairs
_RLI, _FSI, _PDI = "\u2067", "\u2068", "\u2069"  # Unicode bidi isolates
_TEXT_COLOUR = "#1f2328"
_KEY_COLOUR = "#7f7f7f"
_LEGEND_POSITIONS = ("right", "top")
# Labels drawn with WebGL, per Streamlit theme (the map's text colours).
_LABEL_COLOURS = {"light": "#1f2328", "dark": "#e6edf3"}
# A halo in the page's background colour around each label (SVG text-shadow), so a label
# crossing lines stays legible: four soft shadows read as an outline.
_HALOS = {
    theme: ", ".join(f"{x}px {y}px 2px {colour}" for x, y in ((1, 1), (-1, -1), (1, -1), (-1, 1)))
    for theme, colour in (("light", "rgba(255,255,255,0.95)"), ("dark", "rgba(23,22,20,0.95)"))
}
_LEGEND_WRAP = 24  # characters per line of a relation type in the right-hand legend
_CONFIDENCE_INDEX = {level: i for i, level in enumerate(style.CONFIDENCE_LEVELS)}


def node_measure(G: nx.MultiDiGraph, measure: str) -> dict[Hashable, float]:
    """Return a size measure for every actor of a relationship graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph (see :func:`graph.build.build_graph`).
    measure : str
        One of :data:`SIZE_MEASURES`: ``degree`` (relations touching the actor),
        ``partners`` (distinct counterparts), ``in_degree`` / ``out_degree`` (relations
        arriving / leaving; an undirected relation counts both ways), ``strength`` (sum of
        |intensity| over its relations).

    Returns
    -------
    dict
        ``actor -> value`` for every node of ``G``.

    Raises
    ------
    ValueError
        If ``measure`` is unknown; the message lists the allowed ones.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("iran", "pakistan", key="R1", directed=False, intensity=5.0)
    'R1'
    >>> G.add_edge("iran", "pakistan", key="R2", directed=True, intensity=-4.0)
    'R2'
    >>> node_measure(G, "in_degree")
    {'iran': 1.0, 'pakistan': 2.0}
    >>> node_measure(G, "partners")
    {'iran': 1.0, 'pakistan': 1.0}
    """
    _check_measure(measure)
    if measure == "degree":
        return {node: float(degree) for node, degree in G.degree()}
    values = dict.fromkeys(G, 0.0)
    if measure == "partners":
        for node in G:
            values[node] = float(len(set(G.predecessors(node)) | set(G.successors(node))))
        return values
    for u, v, data in G.edges(data=True):
        directed = bool(data.get("directed", True))
        if measure == "strength":
            magnitude = abs(float(data.get("intensity") or 0.0))
            values[u] += magnitude
            values[v] += magnitude
        else:
            arriving, leaving = (v, u) if measure == "in_degree" else (u, v)
            values[arriving] += 1.0
            if not directed:
                values[leaving] += 1.0
    return values


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
    empty_message: str = "No actors or relations match the current filters.",
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
    empty_message : str
        Text shown when ``G`` has no actors.
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
                "text": _escape(empty_message),
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": round(font_size * 1.25)},
            }
        ]
        layout["xaxis"]["range"], layout["yaxis"]["range"] = [-1, 1], [-1, 1]
        return _figure([], layout)

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
    return _figure(traces, layout)


# --------------------------------------------------------------------------- inputs


def _check_measure(measure: object, what: str = "measure") -> None:
    if measure not in SIZE_MEASURES:
        raise ValueError(f"{what} {measure!r} is not one of {', '.join(SIZE_MEASURES)}")


def _marker_sizes(raw: np.ndarray | None, scale: float, count: int = 0) -> np.ndarray:
    """Marker diameters in pixels, sqrt-scaled so that area follows the values ``raw``
    (NaN for none); without values, one size for ``count`` markers."""
    count = count if raw is None else len(raw)
    small, large = (12.0, 34.0) if count <= 200 else (5.0, 18.0)
    if raw is None:
        return np.full(count, (16.0 if count <= 200 else 7.0) * scale)
    finite = np.isfinite(raw)
    raw = np.where(finite, raw, raw[finite].min() if finite.any() else 0.0)
    low, high = raw.min(), raw.max()
    share = np.sqrt((raw - low) / (high - low)) if high > low else np.full(count, 0.5)
    return (small + (large - small) * share) * scale


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _measure_text(
    values: Mapping[Hashable, float] | None, size_by: str | None
) -> Callable[[Hashable], str] | None:
    """A function giving the hover line that explains a node's size, or None."""
    if values is None or size_by == "degree":  # degree is in the hover anyway
        return None
    what = f" {_MEASURE_TEXT[size_by]}" if size_by is not None else ""
    return lambda node: (
        f"size: {_number(values[node]):.3g}{what}" if node in values else "size: no value"
    )


class NetworkTable:
    """What :func:`network_figure` reads of a graph's relations and actors, as columns.

    Build it once per graph with :func:`network_table` and pass it with every view of that
    graph (``network_figure(H, positions, table=table)`` for ``H`` from
    :func:`graph.filters.apply_filters`), as the layout's ``positions`` are: the figure
    then finds each relation's type, sign, confidence, width and direction, and each
    actor's names, by key in these columns instead of reading every relation's
    attributes again. It is a snapshot of the graph it was built from: build a new one
    when relations or actors change. A relation's text for the full hover (summary,
    dates, evidence) is still read from the view.

    Attributes
    ----------
    relation_ids : list of str
        Each relation's id (its ``id`` attribute, else its key), in ``G.edges`` order.
    vocabulary : list of str
        Relation types: ``G.graph["relation_types"]`` in order, then any other type
        found, sorted. Colours are assigned along it, so a type keeps its colour in
        every view.
    """

    relation_ids: list[str]
    id_rank: np.ndarray  # rank of each id, shorter first: R99 before R100
    type_index: np.ndarray  # into vocabulary
    sign: np.ndarray
    confidence: np.ndarray  # index into style.CONFIDENCE_LEVELS
    width: np.ndarray  # intensity bucket
    directed: np.ndarray
    vocabulary: list[str]
    colours: dict[str, str]
    labels: list[str]  # escaped label of each vocabulary entry
    names: list[str]  # escaped English name of each actor
    names_ar: list[str]  # escaped Arabic name (may be empty)
    short_names: list[str]  # escaped short name (name when there is none)
    _relation_row: dict[Hashable, int] | None  # None when keys repeat
    _actor_row: dict[Hashable, int]

    def relation_rows(self, keys: Sequence[Hashable]) -> np.ndarray:
        """Rows of the relations with these keys; ValueError names the first unknown one."""
        if self._relation_row is None:
            raise ValueError(
                "the table's graph repeats relation keys, so a view's relations cannot be "
                "found in it: draw without a table"
            )
        try:
            return np.fromiter(
                map(self._relation_row.__getitem__, keys), dtype=np.intp, count=len(keys)
            )
        except KeyError as missing:
            raise ValueError(
                f"relation {missing.args[0]!r} is not in the table: build the table from "
                "the graph this view was taken from"
            ) from None

    def actor_rows(self, nodes: Sequence[Hashable]) -> list[int]:
        """Rows of these actors; ValueError names the first unknown one."""
        try:
            return list(map(self._actor_row.__getitem__, nodes))
        except KeyError as missing:
            raise ValueError(
                f"actor {missing.args[0]!r} is not in the table: build the table from "
                "the graph this view was taken from"
            ) from None


def network_table(G: nx.MultiDiGraph) -> NetworkTable:
    """Return the columns :func:`network_figure` reads of a graph, to reuse for its views.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph (see :func:`graph.build.build_graph`), typically the whole
        one: every view drawn with the table must be part of it.

    Returns
    -------
    NetworkTable

    Raises
    ------
    ValueError
        If a relation's sign or confidence is outside the vocabulary (the message names
        the relation).

    Notes
    -----
    Cost O(n + m log m): one pass over the actors and one over the relations. Passing the
    table to :func:`network_figure` saves that pass per view (about a fifth of the figure
    at 10^4 relations).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("iran", "pakistan", key="R001", relation="cooperation", sign=1,
    ...            intensity=6.0, confidence="high", directed=False)
    'R001'
    >>> table = network_table(G)
    >>> table.relation_ids, table.vocabulary
    (['R001'], ['cooperation'])
    >>> fig = network_figure(G, {"iran": (0.0, 0.0), "pakistan": (1.0, 0.0)}, table=table)
    """
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    keys, datas, _, _ = _edge_records(G, index)
    return _table(G, nodes, keys, datas)


def _table(G: nx.MultiDiGraph, nodes: list, keys: list, datas: list) -> NetworkTable:
    """The table of ``G`` from its relations' keys and attributes (:func:`_edge_records`)."""
    table = NetworkTable()
    node_data = G._node
    table.names, table.names_ar, table.short_names = [], [], []
    for node in nodes:
        data = node_data[node]
        table.names.append(_escape(data.get("name") or node))
        table.names_ar.append(_escape(data.get("name_ar") or ""))
        table.short_names.append(_escape(data.get("short_name") or data.get("name") or node))
    table._actor_row = {node: i for i, node in enumerate(nodes)}

    ids, types, signs, levels, magnitude, directed = _edge_columns(datas)
    if set(map(type, ids)) != {str} or "" in ids:  # build_graph's ids are strings
        ids = [
            i if isinstance(i, str) and i else str(i or k) for i, k in zip(ids, keys, strict=True)
        ]
    if set(map(type, types)) != {str} or "" in types:
        types = [t if isinstance(t, str) and t else str(t or "unknown") for t in types]
    ids, types = list(ids), list(types)
    for values, allowed, what in (
        (signs, style.SIGN_DASH, "sign"),
        (levels, _CONFIDENCE_INDEX, "confidence"),
    ):
        if not set(values) <= set(allowed):
            k = next(i for i, value in enumerate(values) if value not in allowed)
            raise ValueError(
                f"relation {ids[k]!r}: {what} {values[k]!r} is not one of "
                f"{', '.join(str(a) for a in allowed)}"
            )
    table.sign = np.array(signs, dtype=np.int64)
    table.confidence = np.array(list(map(_CONFIDENCE_INDEX.__getitem__, levels)), np.int64)
    # None (no intensity) becomes NaN, then 0: the thinnest line, as ``or 0.0`` would.
    magnitude = np.nan_to_num(np.abs(np.array(magnitude, dtype=float)), nan=0.0)
    table.width = np.searchsorted(style.INTENSITY_LIMITS, magnitude, side="right")
    table.directed = np.array(directed, dtype=bool)
    table.relation_ids = ids
    id_array = np.array(ids, dtype=str)
    table.id_rank = np.empty(len(ids), dtype=np.int64)
    table.id_rank[np.lexsort((id_array, np.strings.str_len(id_array)))] = np.arange(len(ids))
    row = dict(zip(keys, range(len(keys)), strict=True))
    table._relation_row = row if len(row) == len(keys) else None

    rows = G.graph.get("relation_types") or {}
    vocabulary = [str(t) for t in rows]
    vocabulary += sorted(set(types) - set(vocabulary))
    position = {t: i for i, t in enumerate(vocabulary)}
    table.vocabulary = vocabulary
    table.type_index = np.array(list(map(position.__getitem__, types)), dtype=np.int64)
    table.colours = style.relation_type_colours(vocabulary)
    labels = {t: (rows.get(t) or {}).get("label") for t in vocabulary}
    unlabelled = {t for t in vocabulary if not labels[t]}
    for type_id, data in zip(types, datas, strict=True):
        if not unlabelled:
            break
        if type_id in unlabelled and data.get("label"):  # a type outside the vocabulary
            labels[type_id] = data["label"]
            unlabelled.discard(type_id)
    table.labels = [_escape(labels[t] or t) for t in vocabulary]
    return table


class _Scene:
    """Everything the traces are made of: nodes, positions, relations as arrays, text."""

    G: nx.MultiDiGraph
    nodes: list
    index: dict[Hashable, int]
    xy: np.ndarray
    names: list[str]  # escaped English name of each node
    names_ar: list[str]  # escaped Arabic name (may be empty)
    short_names: list[str]  # escaped short name (name when there is none)
    relation_ids: list[str]
    id_rank: np.ndarray  # order of the ids, shorter first (ranks, not dense)
    relation_data: list[Mapping[str, Any]]
    source: np.ndarray
    target: np.ndarray
    type_index: np.ndarray  # into vocabulary
    sign: np.ndarray
    confidence: np.ndarray  # index into style.CONFIDENCE_LEVELS
    width: np.ndarray  # intensity bucket
    directed: np.ndarray
    degree: np.ndarray  # relations touching each node
    vocabulary: list[str]
    colours: dict[str, str]
    labels: list[str]  # escaped label of each vocabulary entry
    scale: float
    font_size: int
    use_gl: bool
    compact: bool  # short hover text, past _FULL_HOVER_MAX relations
    theme: str  # Streamlit's, for the WebGL labels' colour

    @classmethod
    def of(
        cls,
        G: nx.MultiDiGraph,
        nodes: list,
        positions: Mapping[Hashable, Sequence[float]],
        *,
        table: NetworkTable | None,
        font_size: int,
        gl_threshold: int,
        theme: str = "light",
    ) -> _Scene:
        scene = cls()
        scene.theme = theme
        scene.G, scene.nodes = G, nodes
        scene.index = index = {node: i for i, node in enumerate(nodes)}
        scene.xy = np.array([tuple(positions[node])[:2] for node in nodes], dtype=np.float64)
        scene.scale, scene.font_size = font_size / 12.0, font_size
        keys, datas, scene.source, scene.target = _edge_records(G, index)
        if table is None:  # this graph's own columns: every row, in order
            table = _table(G, nodes, keys, datas)
            scene.names, scene.names_ar = table.names, table.names_ar
            scene.short_names, scene.relation_ids = table.short_names, table.relation_ids
            scene.id_rank = table.id_rank
            scene.type_index = table.type_index
            scene.sign, scene.confidence = table.sign, table.confidence
            scene.width, scene.directed = table.width, table.directed
        else:
            if not G.is_multigraph():
                raise ValueError("a table finds relations by key: G must be a multigraph")
            actors = table.actor_rows(nodes)
            scene.names = list(map(table.names.__getitem__, actors))
            scene.names_ar = list(map(table.names_ar.__getitem__, actors))
            scene.short_names = list(map(table.short_names.__getitem__, actors))
            rows = table.relation_rows(keys)  # the ends are G's own, read above
            scene.relation_ids = list(map(table.relation_ids.__getitem__, rows.tolist()))
            scene.id_rank = table.id_rank[rows]
            scene.type_index = table.type_index[rows]
            scene.sign, scene.confidence = table.sign[rows], table.confidence[rows]
            scene.width, scene.directed = table.width[rows], table.directed[rows]
        scene.relation_data = datas
        # Relations touching each actor (a loop counts twice), as networkx's degree.
        scene.degree = np.bincount(np.r_[scene.source, scene.target], minlength=len(nodes))
        scene.vocabulary, scene.colours, scene.labels = (
            table.vocabulary,
            table.colours,
            table.labels,
        )
        scene.use_gl = len(datas) > gl_threshold
        scene.compact = len(datas) > min(_FULL_HOVER_MAX, gl_threshold)
        return scene


_EDGE_FIELDS = ("id", "relation", "sign", "confidence", "intensity", "directed")
_EDGE_DEFAULTS = (None, None, 0, "high", 0.0, True)
_EDGE_GETTERS = tuple(itemgetter(field) for field in _EDGE_FIELDS)


def _edge_records(
    G: nx.MultiDiGraph, index: Mapping[Hashable, int]
) -> tuple[list, list[Mapping[str, Any]], np.ndarray, np.ndarray]:
    """Keys, attribute dicts and end indexes of every relation, in ``G.edges`` order.

    A directed multigraph's adjacency is read in C, without touching a relation's
    attributes: the dicts of keys of each pair, then their keys and values; the ends are
    each pair's repeated by its count. Other graphs go pair by pair
    (:func:`graph.build.edges_by_pair`: an undirected graph lists each relation once).
    """
    keys: list[Any]
    datas: list[Any]
    if not (G.is_multigraph() and G.is_directed()):
        keys, datas = [], []
        source: list[int] = []
        target: list[int] = []
        for u, v, keyed in edges_by_pair(G):
            keys += keyed
            datas += keyed.values()
            source += [index[u]] * len(keyed)
            target += [index[v]] * len(keyed)
        return keys, datas, np.array(source, dtype=np.int64), np.array(target, dtype=np.int64)
    adjacency = G._adj
    by_pair: list[dict] = list(chain.from_iterable(map(dict.values, adjacency.values())))
    keys = list(chain.from_iterable(by_pair))
    datas = list(chain.from_iterable(map(dict.values, by_pair)))
    per_pair = np.fromiter(map(len, by_pair), dtype=np.int64, count=len(by_pair))
    pair_source = np.repeat(
        np.fromiter(map(index.__getitem__, adjacency), dtype=np.int64, count=len(adjacency)),
        np.fromiter(map(len, adjacency.values()), dtype=np.int64, count=len(adjacency)),
    )
    pair_target = np.fromiter(
        map(index.__getitem__, chain.from_iterable(adjacency.values())),
        dtype=np.int64,
        count=len(by_pair),
    )
    return keys, datas, np.repeat(pair_source, per_pair), np.repeat(pair_target, per_pair)


def _edge_columns(datas: list[Mapping[str, Any]]) -> list[list]:
    """The figure's fields of every edge as columns (defaults for missing ones)."""
    try:  # one C-level pass per field when every edge has it (build_graph's edges do)
        return [list(map(getter, datas)) for getter in _EDGE_GETTERS]
    except KeyError:
        return [
            [d.get(field, default) for d in datas]
            for field, default in zip(_EDGE_FIELDS, _EDGE_DEFAULTS, strict=True)
        ]


# --------------------------------------------------------------------------- relations


class _Lines:
    """The lines to draw: one per relation, or one per (pair, type) when merged."""

    size: int  # number of lines
    relations: np.ndarray  # relation indexes, grouped by line, lowest first in a line
    bounds: np.ndarray  # line k stands for relations[bounds[k]:bounds[k + 1]]
    first: np.ndarray  # first relation of each line (lowest index)
    count: np.ndarray  # relations behind each line
    source: np.ndarray
    target: np.ndarray
    type_index: np.ndarray
    sign: np.ndarray
    confidence: np.ndarray
    width: np.ndarray
    directed: np.ndarray
    faded: np.ndarray


def _lines(scene: _Scene, *, merge: bool) -> _Lines:
    lines = _Lines()
    count = len(scene.relation_ids)
    if not merge:
        lines.size = count
        lines.relations, lines.bounds = np.arange(count), np.arange(count + 1)
        lines.first, lines.count = np.arange(count), np.ones(count, dtype=np.int64)
        lines.source, lines.target = scene.source, scene.target
        lines.type_index, lines.sign = scene.type_index, scene.sign
        lines.confidence, lines.width = scene.confidence, scene.width
        lines.directed = scene.directed
        return lines
    # Merge parallel relations of one type between one pair; the line takes the highest
    # confidence and width among them and loses its direction (see the hover text).
    lo = np.minimum(scene.source, scene.target)
    hi = np.maximum(scene.source, scene.target)
    key = (lo * len(scene.nodes) + hi) * len(scene.vocabulary) + scene.type_index
    keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(keys) + 1))
    lines.size = len(keys)
    lines.relations, lines.bounds = order, bounds
    lines.first, lines.count = order[bounds[:-1]], np.diff(bounds)
    lines.source, lines.target = lo[first], hi[first]
    lines.type_index, lines.sign = scene.type_index[first], scene.sign[first]
    lines.confidence = np.zeros(len(keys), dtype=np.int64)
    lines.width = np.zeros(len(keys), dtype=np.int64)
    np.maximum.at(lines.confidence, inverse, scene.confidence)
    np.maximum.at(lines.width, inverse, scene.width)
    lines.directed = np.zeros(len(keys), dtype=bool)
    return lines


def _faded(scene: _Scene, lines: _Lines, focus: int | None, wanted: set[str] | None) -> np.ndarray:
    if focus is None and wanted is None:
        return np.zeros(lines.size, dtype=bool)
    keep = np.zeros(lines.size, dtype=bool)
    if focus is not None:
        keep |= (lines.source == focus) | (lines.target == focus)
    if wanted and lines.size:
        chosen = np.array([ident in wanted for ident in scene.relation_ids], dtype=bool)
        keep |= np.logical_or.reduceat(chosen[lines.relations], lines.bounds[:-1])
    return ~keep


def _neighbours(lines: _Lines, focus: int | None) -> set[int] | None:
    if focus is None:
        return None
    touching = (lines.source == focus) | (lines.target == focus)
    return {focus} | set(lines.source[touching].tolist()) | set(lines.target[touching].tolist())


def _geometry(
    scene: _Scene, lines: _Lines
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each line as a polyline ending in a NaN gap, whether it is straight, its midpoint,
    and a point just before its target on the end tangent (for the arrowhead)."""
    xy, count = scene.xy, lines.size
    points = _CURVE_POINTS_GL if scene.use_gl else _CURVE_POINTS
    p0, p2 = xy[lines.source], xy[lines.target]
    lo = np.minimum(lines.source, lines.target)
    hi = np.maximum(lines.source, lines.target)

    # Rank of each line among those of its pair, by relation id (R99 before R100).
    id_rank = scene.id_rank[lines.first]
    pair = lo * (len(scene.nodes) + 1) + hi
    order = np.lexsort((id_rank, pair))
    new_pair = np.r_[True, pair[order][1:] != pair[order][:-1]]
    starts = np.flatnonzero(new_pair)
    group = np.cumsum(new_pair) - 1
    rank, total = np.empty(count), np.empty(count)
    rank[order] = np.arange(count) - starts[group]
    total[order] = np.diff(np.r_[starts, count])[group]

    # Bend each line off the chord, alternating sides; the chord's normal is taken from
    # the lower to the higher node index, so it is the same whichever way a relation runs.
    chord = xy[hi] - xy[lo]
    length = np.sqrt((chord**2).sum(axis=1))
    normal = np.stack([-chord[:, 1], chord[:, 0]], axis=1) / np.maximum(length, 1e-9)[:, None]
    step = np.clip(0.18 * length, 0.07, 0.18)
    step = np.minimum(step, 0.8 * length / np.maximum(total - 1, 1))  # a bundle stays slim
    offset = (rank - (total - 1) / 2) * step
    control = (p0 + p2) / 2 + normal * offset[:, None]

    t = np.linspace(0.0, 1.0, points)[None, :, None]
    curve = (1 - t) ** 2 * p0[:, None, :] + 2 * (1 - t) * t * control[:, None, :]
    curve += t**2 * p2[:, None, :]
    loops = length <= 1e-9
    if loops.any():  # an actor related to itself: a small circle above it
        angle = np.linspace(0.0, 2 * np.pi, points)[None, :]
        radius = (0.04 + 0.02 * rank[loops])[:, None]
        curve[loops, :, 0] = p0[loops, 0, None] + radius * np.sin(angle)
        curve[loops, :, 1] = p0[loops, 1, None] + radius * (1 - np.cos(angle))
        control[loops, 1] = p0[loops, 1] + 4 * radius[:, 0]
    polyline = np.concatenate([curve, np.full((count, 1, 2), np.nan)], axis=1)
    straight = (offset == 0) & ~loops
    polyline[straight, 1] = p2[straight]
    polyline[straight, 2] = np.nan  # two points and a gap are enough
    middle = 0.25 * p0 + 0.5 * control + 0.25 * p2
    before = control + 0.9 * (p2 - control)
    return polyline, straight, middle, before


def _edge_traces(scene: _Scene, lines: _Lines, sizes: np.ndarray, *, wrap: bool) -> list[Any]:
    if not lines.size:
        return []
    polyline, straight, middle, before = _geometry(scene, lines)
    hover = _edge_hover(scene, lines)
    custom = _EdgeCustomdata(scene, lines)
    trace_type = _scattergl if scene.use_gl else _scatter
    scale = scene.scale
    # One integer per line style: (sign, confidence, width class, faded).
    style_key = (((lines.sign + 1) * 3 + lines.confidence) * 3 + lines.width) * 2 + lines.faded
    # Lines sorted by (type, style), straight ones first, then in line order, so each
    # style's points are one slice of a single array: no mask per trace.
    order = np.lexsort((~straight, style_key, lines.type_index))
    keep = np.ones(polyline.shape[:2], dtype=bool)
    keep[straight, 3:] = False  # two points and a gap are enough for a straight line
    points = polyline[order][keep[order]]
    ends = np.cumsum(keep[order].sum(axis=1))
    sorted_type, sorted_style = lines.type_index[order], style_key[order]
    cuts = np.flatnonzero(
        (sorted_type[1:] != sorted_type[:-1]) | (sorted_style[1:] != sorted_style[:-1])
    )
    first_of_style = np.r_[0, cuts + 1]
    last_of_style = np.r_[cuts, len(order) - 1]
    style_types = sorted_type[first_of_style]
    # Hover points: per type, or per (type, confidence) when short (see below).
    level = lines.confidence if scene.compact else np.zeros_like(lines.confidence)
    hover_order = np.lexsort((level, lines.type_index))
    hover_type, hover_level = lines.type_index[hover_order], level[hover_order]
    hover_cuts = np.flatnonzero(
        (hover_type[1:] != hover_type[:-1]) | (hover_level[1:] != hover_level[:-1])
    )
    hover_groups = np.split(hover_order, hover_cuts + 1)

    traces: list[Any] = []
    for ti in np.unique(lines.type_index):
        type_id, label = scene.vocabulary[ti], scene.labels[ti]
        colour = scene.colours[type_id]
        of_type = np.flatnonzero(style_types == ti)
        traces.append(
            _scatter(  # the legend entry: full opacity, middle width
                x=[None],
                y=[None],
                mode="lines",
                name="<br>".join(wrap_words(label, _LEGEND_WRAP)) if wrap else label,
                legendgroup=type_id,
                line={
                    "color": colour,
                    "width": 3 * scale,
                    "dash": _legend_dash(int(lines.sign[order[first_of_style[of_type[0]]]]), scale),
                },
                hoverinfo="skip",
            )
        )
        for g in of_type:
            start, stop = first_of_style[g], last_of_style[g]
            rest, faded = divmod(int(sorted_style[start]), 2)
            rest, width = divmod(rest, 3)
            sign, confidence = divmod(rest, 3)
            alpha = style.CONFIDENCE_OPACITY[style.CONFIDENCE_LEVELS[confidence]]
            alpha *= _FADE if faded else 1.0
            segments = points[(ends[start - 1] if start else 0) : ends[stop]]
            traces.append(
                trace_type(
                    x=_f32(segments[:, 0]),
                    y=_f32(segments[:, 1]),
                    mode="lines",
                    name=label,
                    legendgroup=type_id,
                    showlegend=False,
                    hoverinfo="skip",
                    line={
                        "color": style.rgba(colour, round(alpha, 3)),
                        "width": style.INTENSITY_WIDTHS[width] * scale,
                        "dash": style.sign_dash(sign - 1),
                    },
                )
            )
        arrows = np.flatnonzero((lines.type_index == ti) & lines.directed)
        if len(arrows):
            traces.append(_arrow_trace(scene, lines, arrows, before, sizes, type_id))
        # Hover points at the midpoints; when short, one trace per confidence level so the
        # level, like the type label, is written once in the trace's template.
        while hover_groups and lines.type_index[hover_groups[0][0]] == ti:
            group = hover_groups.pop(0)
            template = None
            if scene.compact:
                level_word = style.CONFIDENCE_LEVELS[int(lines.confidence[group[0]])]
                template = _compact_template(label, level_word)
            traces.append(
                trace_type(
                    x=_f32(middle[group, 0]),
                    y=_f32(middle[group, 1]),
                    mode="markers",
                    name=label,
                    legendgroup=type_id,
                    showlegend=False,
                    marker={"size": 14 * scale, "color": "rgba(0,0,0,0)"},
                    hovertext=hover[group],
                    hoverinfo="text",
                    hovertemplate=template,
                    hoverlabel=_hoverlabel(colour, scene.font_size),
                    customdata=custom[group],
                )
            )
    return traces


def _arrow_trace(
    scene: _Scene,
    lines: _Lines,
    arrows: np.ndarray,
    before: np.ndarray,
    sizes: np.ndarray,
    type_id: str,
) -> dict[str, Any]:
    """Arrowheads at the targets: pairs (point on the end tangent, target) where only the
    second is drawn, turned along the pair on screen (``angleref="previous"``) and backed
    off the target marker by its radius (``standoff``)."""
    count = len(arrows)
    points = np.empty((2 * count, 2))
    points[0::2] = before[arrows]
    points[1::2] = scene.xy[lines.target[arrows]]
    size, standoff, opacity = np.zeros((3, 2 * count))
    widths = np.asarray(style.INTENSITY_WIDTHS)[lines.width[arrows]]
    size[1::2] = (9.0 + 2.0 * widths) * scene.scale
    standoff[1::2] = sizes[lines.target[arrows]] / 2 + 1.0
    levels = np.array([style.CONFIDENCE_OPACITY[c] for c in style.CONFIDENCE_LEVELS])
    opacity[1::2] = levels[lines.confidence[arrows]] * np.where(lines.faded[arrows], _FADE, 1.0)
    return _scatter(
        x=_f32(points[:, 0]),
        y=_f32(points[:, 1]),
        mode="markers",
        legendgroup=type_id,
        showlegend=False,
        hoverinfo="skip",
        marker={
            "symbol": "arrow",
            "angleref": "previous",
            "color": scene.colours[type_id],
            "size": _f32(size),
            "standoff": _f32(standoff),
            "opacity": _f32(opacity),
            "line": {"width": 0},
        },
    )


def _compact_template(label: str, level: str) -> str:
    """Hover template of the short hover: type and confidence, the point's text, its ids."""
    label = label.replace("%{", "%\u200b{")  # data must not read as a template variable
    return (
        f"<b>{label}</b> \u00b7 {level} confidence<br>%{{hovertext}}<br>"
        "<i>%{customdata[1]}</i><extra></extra>"
    )


class _EdgeCustomdata:
    """``["relation", id]`` per line, ``["relations", "id,id"]`` for merged lines, cut
    into arrays (of objects) per hover trace: ``custom[group]``."""

    def __init__(self, scene: _Scene, lines: _Lines) -> None:
        ids = scene.relation_ids
        self.kinds = np.where(lines.count > 1, "relations", "relation").astype(object)
        self.ids = text_array(ids)[lines.first]
        merged = np.flatnonzero(lines.count > 1).tolist()
        if merged:  # each merged line's ids, lowest first: one slice of one list
            ordered = list(map(ids.__getitem__, lines.relations.tolist()))
            bounds = lines.bounds.tolist()
            for k in merged:
                self.ids[k] = ",".join(ordered[bounds[k] : bounds[k + 1]])

    def __getitem__(self, group: np.ndarray) -> np.ndarray:
        custom = np.empty((len(group), 2), dtype=object)
        custom[:, 0] = self.kinds[group]
        custom[:, 1] = self.ids[group]
        return custom


def _edge_hover(scene: _Scene, lines: _Lines) -> np.ndarray:
    """Hover text of each line; short past _FULL_HOVER_MAX relations or when merged (the
    type label and the ids then come from the trace's hover template)."""
    if scene.compact:
        return _short_edge_hover(scene, lines)
    sources = scene.G.graph.get("sources") or {}
    cited: dict[str, list[str]] = {}
    text = []
    for k, first in enumerate(lines.first.tolist()):
        u, v = int(lines.source[k]), int(lines.target[k])
        label = scene.labels[int(lines.type_index[k])]
        data = scene.relation_data[first]
        directed = bool(lines.directed[k])
        sign = style.SIGN_TEXT[int(lines.sign[k])]
        rows = [
            f"<b>{label}</b> ({sign})",
            f"{scene.names[u]} {'→' if directed else _DASH} {scene.names[v]}",
        ]
        if scene.names_ar[u] and scene.names_ar[v]:
            # A right-to-left line: the source stands rightmost, the arrow points left.
            arrow = "←" if directed else _DASH
            rows.append(f"{_RLI}{scene.names_ar[u]} {arrow} {scene.names_ar[v]}{_PDI}")
        if data.get("summary"):
            rows += wrap_words(_escape(data["summary"]))
        when = _dates(data.get("start"), data.get("end"))
        status = data.get("status")
        rows.append(f"{when} · {_escape(status)}" if status else when)
        grade = f"{data.get('source_reliability') or ''}{data.get('info_credibility') or ''}"
        confidence = style.CONFIDENCE_LEVELS[int(lines.confidence[k])]
        rows.append(f"confidence {confidence}" + (f" · grade {_escape(grade)}" if grade else ""))
        evidence = data.get("evidence")
        if evidence:
            if evidence not in cited:
                cited[evidence] = wrap_words("cited: " + _evidence(str(evidence), sources))
            rows += cited[evidence]
        rows.append(f"<i>{_escape(scene.relation_ids[first])}</i>")
        text.append("<br>".join(rows))
    return text_array(text)


def _short_edge_hover(scene: _Scene, lines: _Lines) -> np.ndarray:
    """``"A - B"`` (and the count of merged relations). ASCII only: JSON
    writes other characters as 6-byte escapes, and this text repeats thousands of times."""
    short = scene.short_names
    ends = zip(lines.source.tolist(), lines.target.tolist(), strict=True)
    text = [f"{short[u]} - {short[v]}" for u, v in ends]
    counts = lines.count.tolist()
    for k in np.flatnonzero(lines.count > 1).tolist():
        text[k] += f" ({counts[k]} relations; highest confidence shown)"
    return text_array(text)


def _dates(start: Any, end: Any) -> str:
    if start and end:
        return f"{_escape(start)} {_DASH} {_escape(end)}"
    if start:
        return f"since {_escape(start)}"
    if end:
        return f"until {_escape(end)}"
    return "dates not given"


def _evidence(evidence: str, sources: Mapping[str, Mapping[str, Any]]) -> str:
    """``mena-2021-10:3,5-7`` -> ``Middle East News, 2021-10, ¶ 3, 5\u20137`` (escaped)."""
    parts = []
    for citation in evidence.split(";"):
        source_id, _, paragraphs = citation.partition(":")
        row = sources.get(source_id) or {}
        # Isolated, so an Arabic publisher name does not reorder the rest of the line.
        # Non-breaking spaces keep the isolate on one hover line.
        who = str(row.get("publisher") or source_id).replace(" ", "\u00a0")
        who = f"{_FSI}{who}{_PDI}"
        when = row.get("published")
        paras = ", ".join(p.replace("-", _DASH) for p in paragraphs.split(",") if p)
        where = f"¶ {paras}" if paras else ""
        parts.append(", ".join(_escape(x) for x in (who, when, where) if x))
    return "; ".join(parts)


# --------------------------------------------------------------------------- actors


def _node_traces(
    scene: _Scene,
    sizes: np.ndarray,
    *,
    selected: int | None,
    neighbours: set[int] | None,
    measure: Callable[[Hashable], str] | None,
    show_labels: bool,
    label_limit: int,
) -> list[Any]:
    G, nodes, scale = scene.G, scene.nodes, scene.scale
    n = len(nodes)
    by_kind: dict[Any, list[int]] = {}
    for i, node in enumerate(nodes):
        by_kind.setdefault(G._node[node].get("kind"), []).append(i)
    vocabulary = [str(k) for k in G.graph.get("actor_kinds") or ()]
    ordered = [k for k in vocabulary if k in by_kind]
    ordered += sorted((k for k in by_kind if k not in vocabulary), key=lambda k: str(k or ""))

    labelled = np.zeros(n, dtype=bool)
    if show_labels:
        if n <= label_limit:
            labelled[:] = True  # the layout made room for every label
        else:
            labelled = _labels_that_fit(scene, sizes, label_limit)
        if selected is not None:
            labelled[selected] = True
    partners = _partner_counts(scene)
    compact = n > 200
    # WebGL traces are drawn above SVG ones: nodes go WebGL when the lines do.
    trace_type = _scattergl if scene.use_gl or n > _GL_NODES else _scatter

    # Plain lists: indexing numpy arrays item by item costs more than the text itself.
    degrees, partner_counts = scene.degree.tolist(), partners.tolist()
    size_list = sizes.tolist()
    node_data = G._node  # the node attribute dicts, without the NodeView per lookup

    traces: list[Any] = []
    for kind in ordered:
        look = style.actor_kind_style(kind)
        kind_label = _escape(look.label)
        members = sorted(by_kind[kind], key=lambda i: -size_list[i])  # small markers on top
        rows = np.array(members)
        hovers, custom = [], []
        for i in members:
            node = nodes[i]
            data = node_data[node]
            hover = [f"<b>{scene.names[i]}</b>"]
            if scene.names_ar[i]:
                hover.append(f"{_RLI}{scene.names_ar[i]}{_PDI}")
            count, partner = degrees[i], partner_counts[i]
            hover.append(
                f"{kind_label} · {plural(count, 'relation')} with {plural(partner, 'actor')}"
            )
            if measure is not None:
                hover.append(measure(node))
            description = data.get("description")
            if description:
                text = str(description)
                if compact:  # one line: hovers of a thousand actors add up
                    if len(text) > HOVER_WIDTH:
                        text = text[: HOVER_WIDTH - 1].rsplit(" ", 1)[0] + " …"
                    hover.append(_escape(text))
                else:
                    hover += wrap_words(_escape(text))
            hovers.append("<br>".join(hover))
            custom.append(("actor", str(node)))
        marker: dict[str, Any] = {
            "symbol": look.symbol,
            "color": look.colour,
            "opacity": 1.0,  # plotly would default sized markers to 0.7
            "size": _f32(sizes[rows]),
            "line": {"color": "rgba(255,255,255,0.85)", "width": scale},
        }
        if neighbours is not None:
            faded = np.array([i not in neighbours for i in members], dtype=bool)
            marker["opacity"] = _f32(np.where(faded, 0.3, 1.0))
        traces.append(
            trace_type(
                x=_f32(scene.xy[rows, 0]),
                y=_f32(scene.xy[rows, 1]),
                mode="markers",
                name=_escape(look.label),
                legend="legend2",
                legendgroup=f"kind:{kind}",
                marker=marker,
                hovertext=text_array(hovers),
                hoverinfo="text",
                hoverlabel=_hoverlabel(look.colour, scene.font_size),
                customdata=text_array(custom),
            )
        )
    if selected is not None:
        traces.append(
            trace_type(  # a ring around the selected actor, grey to show on any theme
                x=_f32(scene.xy[[selected], 0]),
                y=_f32(scene.xy[[selected], 1]),
                mode="markers",
                showlegend=False,
                hoverinfo="skip",
                marker={
                    "symbol": "circle-open",
                    "size": float(sizes[selected]) + 14 * scale,
                    "color": _KEY_COLOUR,
                    "line": {"width": 3 * scale},
                },
            )
        )
    if labelled.any():
        traces += _label_traces(scene, ordered, by_kind, labelled, sizes, selected, trace_type)
    return traces


def _label_traces(
    scene: _Scene,
    kinds: list,
    by_kind: Mapping[Any, list[int]],
    labelled: np.ndarray,
    sizes: np.ndarray,
    selected: int | None,
    trace_type: Callable[..., dict[str, Any]],
) -> list[dict[str, Any]]:
    """Actor labels, one trace per kind after every marker, so no marker or line covers
    a label. Each carries its actors' markers, invisible, so plotly sets the text off
    them as it would its own; in the kind's legend group, so hiding a kind hides them."""
    traces = []
    for kind in kinds:
        members = [i for i in by_kind[kind] if labelled[i]]
        if not members:
            continue
        rows = np.array(members)
        texts = [
            f"<b>{scene.short_names[i]}</b>" if i == selected else scene.short_names[i]
            for i in members
        ]
        # The theme's strongest text colour (WCAG AA and more), not its grey; in SVG with a
        # halo that keeps labels legible over lines (WebGL text has none).
        font: dict[str, Any] = {"size": scene.font_size, "color": _LABEL_COLOURS[scene.theme]}
        if trace_type is _scatter:
            font["shadow"] = _HALOS[scene.theme]
        traces.append(
            trace_type(
                x=_f32(scene.xy[rows, 0]),
                y=_f32(scene.xy[rows, 1]),
                mode="markers+text",
                legend="legend2",
                legendgroup=f"kind:{kind}",
                showlegend=False,
                marker={"size": _f32(sizes[rows]), "color": "rgba(0,0,0,0)"},
                text=text_array(texts),
                textposition="top center",
                textfont=font,
                hoverinfo="skip",
            )
        )
    return traces


def _labels_that_fit(scene: _Scene, sizes: np.ndarray, limit: int) -> np.ndarray:
    """Up to ``limit`` labels, largest actors first, skipping any that would overlap one
    already placed; boxes estimated for a plot about 1.6 times wider than high."""
    xy, n = scene.xy, len(scene.nodes)
    ranges = _axis_ranges(xy)
    plot_h = 520.0 * scene.scale
    per_px = np.array([np.ptp(ranges[0]) / (1.6 * plot_h), np.ptp(ranges[1]) / plot_h])
    width = np.array([len(name) for name in scene.short_names]) * 0.6 * scene.font_size
    width = width * per_px[0]
    height = (1.3 * scene.font_size) * per_px[1]
    top = xy[:, 1] + (sizes / 2 + 0.65 * scene.font_size) * per_px[1]  # label centre
    placed = np.zeros(n, dtype=bool)
    # The 4 * limit largest actors compete. Placed boxes are filed in a grid of cells as
    # wide as the widest label and as high as a label, so two boxes that overlap are at
    # most one cell apart: each candidate is checked against its 3 x 3 cells only.
    candidates = np.argsort(-sizes, kind="stable")[: 4 * limit].tolist()
    if not candidates:
        return placed
    xs, tops, widths = xy[:, 0].tolist(), top.tolist(), width.tolist()
    cell_w = max(max(widths[i] for i in candidates), 1e-12)
    cell_h = max(float(height), 1e-12)
    cells: dict[tuple[int, int], list[int]] = {}
    count = 0
    for i in candidates:
        x, y, w = xs[i], tops[i], widths[i]
        cx, cy = math.floor(x / cell_w), math.floor(y / cell_h)
        near = [
            j
            for gx in (cx - 1, cx, cx + 1)
            for gy in (cy - 1, cy, cy + 1)
            for j in cells.get((gx, gy), ())
        ]
        if any(abs(xs[j] - x) < (widths[j] + w) / 2 and abs(tops[j] - y) < height for j in near):
            continue
        placed[i] = True
        cells.setdefault((cx, cy), []).append(i)
        count += 1
        if count == limit:
            break
    return placed


def _partner_counts(scene: _Scene) -> np.ndarray:
    """Distinct counterparts of each actor; O(m log m)."""
    lo = np.minimum(scene.source, scene.target)
    hi = np.maximum(scene.source, scene.target)
    n = len(scene.nodes)
    pairs = np.unique((lo * n + hi)[lo != hi])
    return np.bincount(np.r_[pairs // n, pairs % n], minlength=n)


# --------------------------------------------------------------------------- key, layout


def _key_traces(scale: float, *, grouped: bool) -> list[dict[str, Any]]:
    """Legend-only entries explaining line style (sign) and opacity (confidence): under a
    group title in a vertical legend; one by one in a horizontal legend, which would
    otherwise stack a group's entries in a column."""
    entries = []
    for sign in (1, -1, 0):
        entries.append((style.SIGN_TEXT[sign], _KEY_COLOUR, _legend_dash(sign, scale)))
    for level in reversed(style.CONFIDENCE_LEVELS):
        alpha = style.CONFIDENCE_OPACITY[level]
        entries.append((style.CONFIDENCE_TEXT[level], style.rgba(_KEY_COLOUR, alpha), "solid"))
    return [
        _scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=name,
            legendgroup="key" if grouped else f"key:{name}",
            legendgrouptitle={"text": "Line style, opacity"} if grouped and i == 0 else None,
            line={"color": colour, "width": 3 * scale, "dash": dash},
            hoverinfo="skip",
        )
        for i, (name, colour, dash) in enumerate(entries)
    ]


def _legend_dash(sign: int, scale: float) -> str:
    """The sign's dash, finer than plotly's default so a short legend sample shows it."""
    dash = style.sign_dash(sign)
    if dash == "dash":
        return f"{6 * scale:g}px,{3 * scale:g}px"
    if dash == "dot":
        return f"{2 * scale:g}px,{2 * scale:g}px"
    return dash


def _layout(
    *,
    title: str | None,
    height: int,
    font_size: int,
    uirevision: str,
    legend_position: str,
) -> dict[str, Any]:
    legend_font = {"size": max(font_size - 1, 11)}
    legend_title = {"font": {"size": font_size}}
    if legend_position == "right":
        place = {"x": 1.0, "xanchor": "left", "y": 1.0, "yanchor": "top"}
    else:
        place = {
            "orientation": "h",
            "x": 0.0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "title": {"text": "Relations", "side": "top", **legend_title},
        }
    return dict(
        height=height,
        # Without a title the top margin still leaves the mode bar a strip of its own.
        margin={"l": 4, "r": 4, "t": round(font_size * 3.2) if title else 30, "b": 4},
        title={"text": _escape(title), "font": {"size": round(font_size * 1.75)}, "x": 0.01}
        if title
        else None,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"size": font_size},
        xaxis={"visible": False, "showgrid": False, "zeroline": False},
        yaxis={"visible": False, "showgrid": False, "zeroline": False},
        dragmode="pan",
        hovermode="closest",
        uirevision=uirevision,
        showlegend=True,
        legend={
            "title": {"text": "Relations", **legend_title},
            "font": legend_font,
            "itemsizing": "constant",
            "tracegroupgap": 0,
            "groupclick": "togglegroup",
            **place,
        },
        legend2={
            # Title above the row: beside it, plotly leaves its width out when it wraps the
            # entries, and the last ones were cut at 150% zoom.
            "title": {"text": "Actors", "side": "top", **legend_title},
            "font": legend_font,
            "itemsizing": "constant",
            "orientation": "h",
            "x": 0.0,
            "xanchor": "left",
            "y": 0.0,
            "yanchor": "top",
        },
    )


def _axis_ranges(xy: np.ndarray) -> tuple[list[float], list[float]]:
    """Axis ranges around the nodes drawn, with room for labels above and beside."""
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    centre, half = (lo + hi) / 2, np.maximum((hi - lo) / 2, 0.3)
    return (
        [float(centre[0] - half[0] - 0.12), float(centre[0] + half[0] + 0.12)],
        [float(centre[1] - half[1] - 0.08), float(centre[1] + half[1] + 0.14)],
    )


# --------------------------------------------------------------------------- text


def _escape(value: Any) -> str:
    return html.escape(str(value), quote=False)


def _hoverlabel(colour: str, font_size: int) -> dict[str, Any]:
    return {
        "bgcolor": "white",
        "bordercolor": colour,
        "font": {"color": _TEXT_COLOUR, "size": font_size},
        "align": "left",
    }


_scatter = partial(plain_trace, "scatter")
_scattergl = partial(plain_trace, "scattergl")


#: Whether :func:`_figure` lets plotly validate the traces (the tests compare both ways).
_VALIDATE = False


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """The figure of plain-dict traces, unvalidated and with its arrays encoded
    (:func:`graph.figures._plain.plain_figure`; validation costs two thirds of the
    figure at 10^4 relations and finds nothing in traces this module makes)."""
    return plain_figure(traces, layout, validate=_VALIDATE)


def _f32(values: np.ndarray) -> np.ndarray:
    """float32 coordinates: plotly sends numpy arrays as base64, 4 bytes a number."""
    return np.ascontiguousarray(values, dtype=np.float32)

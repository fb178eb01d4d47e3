"""The network's scene (actors, positions, relations as arrays) and the lines drawn of it.

Also each line's geometry: curves bent apart between one pair, loops, midpoints and the
points that turn the arrowheads.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np

from graph.figures.network.table import NetworkTable, _edge_records, _table

__all__: list[str] = []

_CURVE_POINTS = 10  # samples of a curved relation (quadratic Bezier), ends included
_CURVE_POINTS_GL = 5  # past the WebGL threshold: four segments, payload
_FULL_HOVER_MAX = 2000  # past this many relations hover text is short (payload)


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

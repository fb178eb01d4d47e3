"""The network's actor traces: markers per kind, the selection ring, and labels that fit."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import numpy as np

from graph import style
from graph.figures._plain import text_array
from graph.figures.network._common import (
    _KEY_COLOUR,
    _LABEL_COLOURS,
    _escape,
    _f32,
    _scatter,
    _scattergl,
)
from graph.figures.network.legend import _axis_ranges
from graph.figures.network.scene import _Scene
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import HOVER_WIDTH, PDI, RLI, wrap_words

__all__: list[str] = []

_GL_NODES = 2000  # past this many actors their markers are drawn with WebGL too
# A halo in the page's background colour around each label (SVG text-shadow), so a label
# crossing lines stays legible: four soft shadows read as an outline.
_HALOS = {
    theme: ", ".join(f"{x}px {y}px 2px {colour}" for x, y in ((1, 1), (-1, -1), (1, -1), (-1, 1)))
    for theme, colour in (("light", "rgba(255,255,255,0.95)"), ("dark", "rgba(23,22,20,0.95)"))
}


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

    # The count line's words, once per distinct count.
    relation_words: dict[int, str] = {}
    partner_lines: dict[int, str] = {}

    traces: list[Any] = []
    for kind in ordered:
        look = style.actor_kind_style(kind)
        kind_label = _escape(_(look.label))
        members = sorted(by_kind[kind], key=lambda i: -size_list[i])  # small markers on top
        rows = np.array(members)
        hovers, custom = [], []
        for i in members:
            node = nodes[i]
            data = node_data[node]
            hover = [f"<b>{scene.names[i]}</b>"]
            if scene.names_ar[i]:
                hover.append(f"{RLI}{scene.names_ar[i]}{PDI}")
            count, partner = degrees[i], partner_counts[i]
            relations = relation_words.get(count)
            if relations is None:
                relations = relation_words[count] = ngettext(
                    "{n} relation", "{n} relations", count
                ).format(n=f"{count:,}")
            line = partner_lines.get(partner)
            if line is None:
                line = partner_lines[partner] = ngettext(
                    "{kind} · {relations} with {n} actor",
                    "{kind} · {relations} with {n} actors",
                    partner,
                )
            hover.append(line.format(kind=kind_label, relations=relations, n=f"{partner:,}"))
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
                name=kind_label,
                legend="legend2",
                legendgroup=f"kind:{kind}",
                marker=marker,
                hovertext=text_array(hovers),
                hoverinfo="text",
                hoverlabel=style.hover_box(look.colour, scene.font_size),
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

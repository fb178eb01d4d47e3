"""The network's relation traces: lines per type and style, arrowheads, hover and clicks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from graph import style
from graph.dates import period_text
from graph.figures._plain import text_array
from graph.figures.network._common import (
    _escape,
    _f32,
    _scatter,
    _scattergl,
)
from graph.figures.network.legend import _legend_dash
from graph.figures.network.scene import _geometry, _Lines, _Scene
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import FSI, PDI, RLI, wrap_words

__all__: list[str] = []

_FADE = 0.15  # opacity factor of what a selection pushes to the background
_DASH = "\u2013"  # en dash, for ranges and undirected pairs
_LEGEND_WRAP = 24  # characters per line of a relation type in the right-hand legend


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
                    hoverlabel=style.hover_box(colour, scene.font_size),
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
    confidence = _("{level} confidence").format(level=_(level))
    return (
        f"<b>{label}</b> \u00b7 {confidence}<br>%{{hovertext}}<br>"
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
    signs = {sign: _(word) for sign, word in style.SIGN_TEXT.items()}
    levels = [_("confidence {level}").format(level=_(level)) for level in style.CONFIDENCE_LEVELS]
    text = []
    for k, first in enumerate(lines.first.tolist()):
        u, v = int(lines.source[k]), int(lines.target[k])
        label = scene.labels[int(lines.type_index[k])]
        data = scene.relation_data[first]
        directed = bool(lines.directed[k])
        sign = signs[int(lines.sign[k])]
        rows = [
            f"<b>{label}</b> ({sign})",
            f"{scene.names[u]} {'→' if directed else _DASH} {scene.names[v]}",
        ]
        if scene.names_ar[u] and scene.names_ar[v]:
            # A right-to-left line: the source stands rightmost, the arrow points left.
            arrow = "←" if directed else _DASH
            rows.append(f"{RLI}{scene.names_ar[u]} {arrow} {scene.names_ar[v]}{PDI}")
        if data.get("summary"):
            rows += wrap_words(_escape(data["summary"]))
        when = _escape(period_text(data.get("start"), data.get("end")))
        status = data.get("status")
        rows.append(f"{when} · {_escape(status)}" if status else when)
        grade = f"{data.get('source_reliability') or ''}{data.get('info_credibility') or ''}"
        confidence = levels[int(lines.confidence[k])]
        if grade:
            confidence += " · " + _("grade {grade}").format(grade=_escape(grade))
        rows.append(confidence)
        evidence = data.get("evidence")
        if evidence:
            if evidence not in cited:
                cited[evidence] = wrap_words(
                    _("cited: {evidence}").format(evidence=_evidence(str(evidence), sources))
                )
            rows += cited[evidence]
        rows.append(f"<i>{_escape(scene.relation_ids[first])}</i>")
        text.append("<br>".join(rows))
    return text_array(text)


def _short_edge_hover(scene: _Scene, lines: _Lines) -> np.ndarray:
    """``"A - B"`` (and the count of merged relations). ASCII only in English: JSON
    writes other characters as 6-byte escapes, and this text repeats thousands of times."""
    short = scene.short_names
    ends = zip(lines.source.tolist(), lines.target.tolist(), strict=True)
    text = [f"{short[u]} - {short[v]}" for u, v in ends]
    counts = lines.count.tolist()
    merged: dict[int, str] = {}  # the note of each count, translated once
    for k in np.flatnonzero(lines.count > 1).tolist():
        note = merged.get(counts[k])
        if note is None:
            note = merged[counts[k]] = ngettext(
                "({n} relation; highest confidence shown)",
                "({n} relations; highest confidence shown)",
                counts[k],
            ).format(n=counts[k])
        text[k] += " " + note
    return text_array(text)


def _evidence(evidence: str, sources: Mapping[str, Mapping[str, Any]]) -> str:
    """``mena-2021-10:3,5-7`` -> ``Middle East News, 2021-10, ¶ 3, 5\u20137`` (escaped)."""
    parts = []
    for citation in evidence.split(";"):
        source_id, _, paragraphs = citation.partition(":")
        row = sources.get(source_id) or {}
        # Isolated, so an Arabic publisher name does not reorder the rest of the line.
        # Non-breaking spaces keep the isolate on one hover line.
        who = str(row.get("publisher") or source_id).replace(" ", "\u00a0")
        who = f"{FSI}{who}{PDI}"
        when = row.get("published")
        paras = ", ".join(p.replace("-", _DASH) for p in paragraphs.split(",") if p)
        where = f"¶ {paras}" if paras else ""
        parts.append(", ".join(_escape(x) for x in (who, when, where) if x))
    return "; ".join(parts)

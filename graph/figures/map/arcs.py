"""The relations drawn as arcs between the actors' anchor places.

Relations of one type between one pair of places share an arc; the arcs of one pair are
bent apart, styled as in the network, and get arrowheads and hover points.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph import style
from graph.build import edges_by_pair, relation_id, relation_type, relation_type_label
from graph.dates import period_text
from graph.figures._plain import text_array
from graph.figures.map.context import (
    _DASH,
    _arrow,
    _Context,
    _esc,
    _geo,
    _hoverlabel,
)
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import hover_lines

__all__ = ["MAX_ARCS"]

#: Arcs the map draws at most by default (the busiest, the selected actor's first): past
#: a few thousand the region is one smear of lines, and each arc costs payload.
MAX_ARCS = 1500
_FADE = 0.15  # opacity factor of what a selection pushes back


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
                used[relation_type(data)] = None
            continue
        if pu == pv:
            ctx.local_relations[pu] = ctx.local_relations.get(pu, 0) + len(keyed)
            for _, data in keyed:
                used[relation_type(data)] = None
            continue
        pair_faded = ctx.selected is not None and ctx.selected not in (u, v)
        pair = (min(pu, pv), max(pu, pv))
        for key, data in keyed:
            faded = pair_faded or (
                ctx.highlight is not None and relation_id(key, data) not in ctx.highlight
            )
            type_id = relation_type(data)
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
            style.CONFIDENCE_RANK[d.get("confidence", "high")] for *_, d in arc.members
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
    if data.get("confidence", "high") not in style.CONFIDENCE_RANK:
        raise ValueError(
            f"relation {str(data.get('id') or key)!r}: confidence "
            f"{data.get('confidence')!r} is not one of {', '.join(style.CONFIDENCE_LEVELS)}"
        )


def _opacity(confidence: int, faded: bool) -> float:
    """Opacity of an arc and of its arrowhead: by confidence (an index into
    ``style.CONFIDENCE_LEVELS``), pushed back when ``faded``."""
    opacity = style.CONFIDENCE_OPACITY[style.CONFIDENCE_LEVELS[confidence]]
    return round(opacity * (_FADE if faded else 1.0), 3)


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


def _relation_traces(
    ctx: _Context, arcs: list[_Arc], *, legend: bool = True
) -> list[dict[str, Any]]:
    """The arcs' traces: per relation type a legend entry, its lines per style, its
    arrowheads and its hover points, so the legend's click on a type hides all of it.

    Without the relation types in the legend (``legend=False``, as on the page, whose
    network has the key), no click can hide one type: the entries are left out (they were
    drawn hidden), and the arrowheads and hover points of every type share one trace each,
    coloured point by point. The page's map of the shipped data went from 87 traces to
    52, and its redraw after a filter change from 36-39 ms to 32 ms (medians of 21
    ``Plotly.react`` calls, ``benchmarks/figure_redraw.py``, 2026-12-06).
    """
    if not arcs:
        return []
    vocabulary = ctx.vocabulary
    colours = style.relation_type_colours(vocabulary)
    by_type: dict[str, list[_Arc]] = {}
    for arc in arcs:
        by_type.setdefault(arc.type_id, []).append(arc)
    compact = ctx.compact
    traces: list[dict[str, Any]] = []
    marks: list[_Marks] = []
    for type_id in vocabulary:
        of_type = by_type.get(type_id)
        if not of_type:
            continue
        colour = colours[type_id]
        first = of_type[0].members[0][2]
        label = _esc(relation_type_label(ctx.G, type_id, first))
        if legend:
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
            opacity = _opacity(confidence, faded)
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
                        "color": style.rgba(colour, opacity),
                        "width": style.INTENSITY_WIDTHS[width] * ctx.scale,
                        "dash": style.sign_dash(sign),
                    },
                )
            )
        found = _marks(ctx, of_type, colour, label, compact=compact)
        if legend:
            traces += _mark_traces(ctx, [found], type_id)
        else:
            marks.append(found)
    if marks:
        traces += _mark_traces(ctx, marks, None)
    return traces


@dataclass
class _Marks:
    """The arrowheads and hover points of one relation type's arcs."""

    colour: str
    label: str
    arrow_lon: list[float] = field(default_factory=list)
    arrow_lat: list[float] = field(default_factory=list)
    arrow_size: list[float] = field(default_factory=list)
    arrow_opacity: list[float] = field(default_factory=list)
    middles: np.ndarray = field(default_factory=lambda: np.empty((0, 2)))
    text: list[str] = field(default_factory=list)
    data: list[tuple[str, str]] = field(default_factory=list)


def _marks(ctx: _Context, arcs: list[_Arc], colour: str, label: str, *, compact: bool) -> _Marks:
    """Arrowheads (pairs of a point before the tip and the tip, ``angleref="previous"``)
    where all relations of an arc run one way, and hover points at the arcs' middles."""
    found = _Marks(colour, label)
    node_places = ctx.node_places
    back = (ctx.arc_points - 1) // 8  # the arrowhead points along the last eighth
    for arc in arcs:
        found.text.append(_arc_hover(ctx, arc, label, compact=compact))
        ids = [str(d.get("id")) for *_, d in arc.members]
        found.data.append(("relation", ids[0]) if len(ids) == 1 else ("relations", ",".join(ids)))
        heads = {node_places[v] for _, v, _ in arc.members}
        if len(heads) != 1 or not all(d.get("directed", True) for *_, d in arc.members):
            continue
        tip, before = (
            (arc.curve[-1], arc.curve[-1 - back])
            if heads.pop() == arc.places[1]
            else (arc.curve[0], arc.curve[back])
        )
        found.arrow_lon += [before[0], tip[0]]
        found.arrow_lat += [before[1], tip[1]]
        found.arrow_size += [0.0, (8.0 + 1.5 * arc.width) * ctx.scale]
        found.arrow_opacity += [0.0, _opacity(arc.confidence, arc.faded)]
    found.middles = np.stack([arc.middle for arc in arcs])
    return found


def _mark_traces(ctx: _Context, marks: list[_Marks], type_id: str | None) -> list[dict[str, Any]]:
    """One arrowhead trace and one hover trace for ``marks``: of one type (``type_id``,
    named and in its legend group), or of several (``None``), coloured point by point."""
    compact = ctx.compact
    label = marks[0].label if type_id is not None else None

    def each(values: list[Any], counts: list[int]) -> Any:
        # One value per trace when all points share it, else one per point.
        if len(set(map(str, values))) == 1:
            return values[0]
        return [value for value, n in zip(values, counts, strict=True) for _ in range(n)]

    traces = []
    with_arrows = [m for m in marks if m.arrow_lon]
    if with_arrows:
        counts = [len(m.arrow_lon) for m in with_arrows]
        traces.append(
            _geo(
                [x for m in with_arrows for x in m.arrow_lon],
                [y for m in with_arrows for y in m.arrow_lat],
                mode="markers",
                legendgroup=type_id,
                showlegend=False,
                hoverinfo="skip",
                marker={
                    "symbol": "arrow",
                    "angleref": "previous",
                    "color": each([m.colour for m in with_arrows], counts),
                    "size": np.asarray(
                        [x for m in with_arrows for x in m.arrow_size], dtype=np.float32
                    ),
                    "opacity": np.asarray(
                        [x for m in with_arrows for x in m.arrow_opacity], dtype=np.float32
                    ),
                    "standoff": 5 * ctx.scale,
                    "line": {"width": 0},
                },
                name=label,
            )
        )
    counts = [len(m.text) for m in marks]
    middles = np.concatenate([m.middles for m in marks])
    box = _hoverlabel(ctx, marks[0].colour)
    box["bordercolor"] = each([m.colour for m in marks], counts)
    traces.append(
        _geo(
            middles[:, 0],
            middles[:, 1],
            mode="markers",
            legendgroup=type_id,
            showlegend=False,
            marker={"size": 14 * ctx.scale, "color": "rgba(0,0,0,0)"},
            hovertext=text_array([t for m in marks for t in m.text]),
            hoverinfo="text",
            # Short hover: the type label once per type, in the template.
            hovertemplate=each([_arc_template(m.label) for m in marks], counts)
            if compact
            else None,
            hoverlabel=box,
            customdata=text_array([d for m in marks for d in m.data]),
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
        arrow = _arrow(data)
        sign = style.SIGN_TEXT.get(int(data.get("sign", 0)), "")
        sign = _(sign) if sign else ""
        ident = f"<i>{_esc(data.get('id'))}</i>"
        # The level is a vocabulary word: escaped (as it was), then translated.
        level = _esc(data.get("confidence") or "")
        confidence = _("confidence {level}").format(level=_(level) if level else "")
        if compact:
            return f" ({sign})<br>{ctx.name(u)} {arrow} {ctx.name(v)}<br>{confidence} · {ident}"
        lines = [f"{head} ({sign})", f"{ctx.full_name(u)} {arrow} {ctx.full_name(v)}"]
        lines.extend(hover_lines(str(data.get("summary") or "")))
        status = _esc(data.get("status") or "")
        lines.append(
            _esc(period_text(data.get("start"), data.get("end")))
            + (f" · {status}" if status else "")
        )
        lines.append(f"{confidence} · {ident}")
        lines.append("<i>" + _("drawn between {a} and {b}").format(a=a, b=b) + "</i>")
        return "<br>".join(lines)
    count = len(arc.members)
    between = ngettext("{n} relation, {places}", "{n} relations, {places}", count).format(
        n=count, places=f"{a} {_DASH} {b}"
    )
    lines = [f"{head} · {between}"]
    shown = 3 if compact else 6
    for u, v, data in arc.members[:shown]:
        arrow = _arrow(data)
        ident = f"<i>({_esc(data.get('id'))})</i>"
        if compact:
            lines.append(f"• {ctx.name(u)} {arrow} {ctx.name(v)} {ident}")
            continue
        summary = str(data.get("summary") or "")
        short = summary if len(summary) <= 60 else summary[:59].rstrip() + "…"
        lines.append(f"• {ctx.name(u)} {arrow} {ctx.name(v)}: {_esc(short)} {ident}")
    if len(arc.members) > shown:
        more = len(arc.members) - shown
        lines.append(ngettext("… and {n} more", "… and {n} more", more).format(n=more))
    return "<br>".join(lines)

"""The places of the map: their markers, hover text and labels.

Which places are marked (within ``max_places``), a marker shaped by kind for each (an
arrow at the edge for a place outside the view), and the labels that find room.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection
from typing import Any

import numpy as np

from graph.figures.map.arcs import _Arc
from graph.figures.map.context import _Context, _esc, _geo, _hoverlabel, _rtl
from graph.figures.map.theme import (
    _PLACE_KIND_TEXT,
    _VIEW_CENTRE,
    PLACE_KIND_SYMBOLS,
    _symbol_colour,
)
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import hover_lines, wrap_words

__all__ = ["MAX_PLACES"]

#: Places the map marks at most by default (the selected actor's, capitals, then those
#: its drawn arcs reach most): past a few hundred the markers hide the land.
MAX_PLACES = 300
_LABELLED_KINDS = ("capital", "port", "city")  # labelled by default, in this priority


def _shown_places(
    ctx: _Context, arcs: list[_Arc], limit: int | None = None, keep: Collection[str] = ()
) -> list[str]:
    """Places in view, and places outside it that an arc reaches or the selection holds;
    past ``limit``, the selected actor's place, those in ``keep`` (labels asked for),
    capitals, then those the drawn arcs reach with the most relations (ties in table
    order), in table order."""
    reached: dict[str, int] = {}
    for arc in arcs:
        for place in arc.places:
            reached[place] = reached.get(place, 0) + len(arc.members)
    shown = [
        str(pid)
        for pid in ctx.places.index
        if pid not in ctx.off_view or pid in reached or pid == ctx.selected_place
    ]
    if limit is None or len(shown) <= limit:
        return shown
    kinds = {pid: ctx.place_rows[pid]["kind"] for pid in shown}
    keep = set(keep)
    rank = {
        pid: (
            pid != ctx.selected_place,
            pid not in keep,
            kinds[pid] != "capital",
            -reached.get(pid, 0),
            i,
        )
        for i, pid in enumerate(shown)
    }
    kept = set(heapq.nsmallest(limit, shown, key=rank.__getitem__))
    ctx.places_left_out = len(shown) - len(kept)
    return [pid for pid in shown if pid in kept]


def _place_traces(ctx: _Context, shown: list[str]) -> list[dict[str, Any]]:
    """One marker trace per place kind (hover, click) of the places ``shown``
    (:func:`_shown_places`), plus one for places outside the view, drawn as arrows at the
    edge pointing their way."""
    palette, scale = ctx.palette, ctx.scale
    size = 9.0 * scale
    for pid in shown:  # markers claim their room before any label
        lon, lat = ctx.position[pid]
        ctx.labels.keep_clear(lon, lat, size / 2 / ctx.ppd)
    groups: dict[str, list[str]] = {}
    for pid in shown:
        kind = "off-map" if pid in ctx.off_view else str(ctx.place_rows[pid]["kind"])
        groups.setdefault(kind, []).append(pid)
    traces = []
    for kind in [*PLACE_KIND_SYMBOLS, "off-map"]:
        ids = groups.get(kind)
        if not ids:
            continue
        ringed = [pid == ctx.selected_place for pid in ids]
        marker: dict[str, Any] = {
            "size": np.asarray([size * (1.6 if r else 1.0) for r in ringed], dtype=np.float32),
            "line": {
                "color": [palette.highlight_line if r else palette.place for r in ringed],
                "width": np.asarray([2.5 if r else 1.3 for r in ringed], dtype=np.float32) * scale,
            },
        }
        if kind == "off-map":
            marker.update(
                symbol="arrow",
                angleref="up",
                angle=_angles([_bearing(ctx, p) for p in ids]),
                color=palette.place,
            )
        else:
            symbol = PLACE_KIND_SYMBOLS.get(kind, "circle")
            marker.update(symbol=symbol, color=_symbol_colour(palette, symbol))
        traces.append(
            _geo(
                [ctx.position[p][0] for p in ids],
                [ctx.position[p][1] for p in ids],
                mode="markers",
                marker=marker,
                hovertext=[_place_hover(ctx, p) for p in ids],
                hoverinfo="text",
                hoverlabel=_hoverlabel(ctx, palette.place),
                customdata=[_place_customdata(ctx, p) for p in ids],
                name=_PLACE_KIND_TEXT.get(kind, "Outside the map"),
                legendgroup=f"place-{kind}",
                showlegend=False,
            )
        )
    return traces


def _place_labels(
    ctx: _Context, label_places: Collection[str] | None, shown_places: list[str]
) -> list[dict[str, Any]]:
    """Labels of key places among those marked, placed greedily (right, left, above,
    below) so that none overlaps another label or a marker; a label that finds no room is
    left out."""
    places = ctx.places
    shown = set(shown_places)
    if label_places is None:
        kinds = {pid: row["kind"] for pid, row in ctx.place_rows.items()}
        wanted = [p for p in kinds if kinds[p] in _LABELLED_KINDS]
        wanted.sort(key=lambda p: _LABELLED_KINDS.index(kinds[p]))
    else:
        wanted = list(label_places)
    chosen = ctx.selected_place
    if chosen is not None and chosen in places.index:
        wanted = [chosen, *(p for p in wanted if p != chosen)]
    size = float(ctx.font_size)
    lon, lat, text, positions = [], [], [], []
    for pid in wanted:
        if pid not in shown:
            continue
        x, y = ctx.position[pid]
        name = str(ctx.place_rows[pid]["name"])
        candidates = ("middle right", "middle left", "top center", "bottom center")
        choice = ctx.labels.claim(ctx.labels.box(x, y, name, where, size) for where in candidates)
        if choice is None:
            continue
        lon.append(x)
        lat.append(y)
        text.append(f"<b>{_esc(name)}</b>" if pid == ctx.selected_place else _esc(name))
        positions.append(candidates[choice])
    if not lon:
        return []
    return [
        _geo(
            lon,
            lat,
            mode="text",
            text=text,
            textposition=positions,
            textfont={"size": size, "color": ctx.palette.text, "shadow": "auto"},
            hoverinfo="skip",
            name="Place names",
            showlegend=False,
        )
    ]


def _bearing(ctx: _Context, pid: str) -> float:
    """Screen angle (degrees clockwise from up) from the view's centre to a place."""
    row = ctx.place_rows[pid]
    lon, lat = float(row["lon"]), float(row["lat"])
    cx, cy = _VIEW_CENTRE
    return math.degrees(math.atan2((lon - cx) * math.cos(math.radians(cy)), lat - cy))


def _angles(degrees: list[float]) -> np.ndarray:
    """Marker angles as float32 on [-180, 180), as plotly's validation would store them."""
    angles = np.asarray(degrees, dtype=np.float32)
    return (angles + 180) % 360 - 180


def _place_customdata(ctx: _Context, pid: str) -> list[str]:
    actors = ctx.anchors.get(pid, [])
    if not actors:
        return ["place", pid]
    states = [a for a in actors if ctx.G.nodes[a].get("kind") == "state"]
    return ["actor", str((states or actors)[0])]


def _place_hover(ctx: _Context, pid: str) -> str:
    row = ctx.place_rows[pid]
    title = f"<b>{_esc(row['name'])}</b>"
    if row.get("name_ar"):
        title += f" · {_rtl(row['name_ar'])}"
    facts = [_esc(row["kind"])]
    if row.get("country"):
        facts.append(ctx.country_name(row["country"]))
    if row.get("precision"):
        facts.append(_("location {precision}").format(precision=_esc(row["precision"])))
    lines = [title, " · ".join(facts)]
    if pid in ctx.off_view:
        lines.append("<i>" + _("outside the map: shown at its edge, pointing its way") + "</i>")
    actors = ctx.anchors.get(pid, [])
    if actors:
        names = ", ".join(ctx.name(a) for a in actors[:6])
        if len(actors) > 6:
            more = len(actors) - 6
            anchors = ngettext(
                "Anchors: {actors} and {n} more", "Anchors: {actors} and {n} more", more
            ).format(actors=names, n=more)
        else:
            anchors = _("Anchors: {actors}").format(actors=names)
        lines.extend(wrap_words(anchors))
    local = ctx.local_relations.get(pid, 0)
    if local:
        lines.append(
            ngettext(
                "{n} relation among actors based here",
                "{n} relations among actors based here",
                local,
            ).format(n=f"{local:,}")
        )
    if row.get("note"):
        lines.extend(hover_lines(str(row["note"])))
    return "<br>".join(lines)

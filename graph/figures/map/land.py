"""The land of the map: country polygons, the borders the dataset discusses, country names."""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any

import pandas as pd

from graph.figures.map.context import (
    _arrow,
    _Context,
    _esc,
    _geo,
    _hoverlabel,
    _isolate,
)
from graph.geo import (
    CountryShape,
    SharedBorder,
    border_relation_edges,
    dataset_border_ids,
    sample_line,
)
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import hover_lines

__all__: list[str] = []


# --------------------------------------------------------------------------- land


def _rings(shape: CountryShape) -> tuple[list[float], list[float]]:
    """Outer rings of a country joined by NaN gaps. Holes are left out: countries share
    one fill colour, and an enclave is drawn over its host."""
    lon: list[float] = []
    lat: list[float] = []
    for polygon in shape.polygons:
        lon.extend([p[0] for p in polygon[0]] + [math.nan])
        lat.extend([p[1] for p in polygon[0]] + [math.nan])
    return lon, lat


def _land_traces(ctx: _Context) -> list[dict[str, Any]]:
    palette = ctx.palette
    groups: dict[bool, tuple[list[float], list[float]]] = {False: ([], []), True: ([], [])}
    for code, shape in ctx.shapes.items():
        lon, lat = _rings(shape)
        groups[code in ctx.states][0].extend(lon)
        groups[code in ctx.states][1].extend(lat)
    traces = []
    for focus, (lon, lat) in groups.items():
        if lon:
            traces.append(
                _geo(
                    lon,
                    lat,
                    mode="lines",
                    fill="toself",
                    fillcolor=palette.land_focus if focus else palette.land,
                    line={"color": palette.outline, "width": 0.7 * ctx.scale},
                    name="States of the graph" if focus else "Other countries",
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    selected = ctx.selected_code
    if selected is not None and selected in ctx.shapes:
        lon, lat = _rings(ctx.shapes[selected])
        traces.append(
            _geo(
                lon,
                lat,
                mode="lines",
                fill="toself",
                fillcolor=palette.highlight_fill,
                line={"color": palette.highlight_line, "width": 2.0 * ctx.scale},
                name=f"Selected: {ctx.name(ctx.selected)}",
                hoverinfo="skip",
                showlegend=False,
            )
        )
    return traces


# --------------------------------------------------------------------------- borders


def _border_traces(
    ctx: _Context,
    borders_geo: Mapping[str, SharedBorder],
    table: pd.DataFrame | None,
    actors: pd.DataFrame | None,
    cited: pd.DataFrame,
) -> list[dict[str, Any]]:
    """Thick lines for the borders the dataset discusses; invisible hover points along
    them, and along the other borders a gazetteer gives a length for."""
    palette, scale = ctx.palette, ctx.scale
    in_data: dict[str, str] = {}
    on_border: dict[str, list[str]] = {}
    edges: dict[str, tuple[Hashable, Hashable, Mapping[str, Any]]] = {}
    if isinstance(table, pd.DataFrame) and isinstance(actors, pd.DataFrame) and len(table):
        in_data = dataset_border_ids(table, actors)
        on_border_edges = border_relation_edges(ctx.G, table, actors)
        on_border = {ident: [rid for rid, *_ in found] for ident, found in on_border_edges.items()}
        # Only the relations a hover names (eight a border).
        edges = {rid: (u, v, d) for found in on_border_edges.values() for rid, u, v, d in found[:8]}
    by_geo = {geo: ident for ident, geo in in_data.items()}
    lengths: dict[str, list[tuple[float, str]]] = {}
    for border, length, source in zip(
        cited["border"], cited["length_km"], cited["source"], strict=True
    ):
        lengths.setdefault(str(border), []).append((float(length), str(source)))

    lines: dict[tuple[bool, bool], tuple[list[float], list[float]]] = {}
    hover_lon: list[float] = []
    hover_lat: list[float] = []
    hover_text: list[str] = []
    hover_data: list[list[str]] = []
    for geo_id in sorted(set(by_geo) | set(lengths)):
        shape = borders_geo.get(geo_id)
        if shape is None:
            continue
        ident = by_geo.get(geo_id)  # a border of the data: its table is there
        note = (
            str(table.loc[ident].get("note") or "")
            if ident is not None and table is not None
            else ""
        )
        ids = on_border.get(ident, []) if ident is not None else None
        text = _border_hover(ctx, shape, note, ids, lengths.get(geo_id, []), edges)
        if ident is not None:
            key = (bool(ids), ctx.selected_code in (shape.a, shape.b))
            lon, lat = lines.setdefault(key, ([], []))
            for line in shape.lines:
                lon.extend([p[0] for p in line] + [math.nan])
                lat.extend([p[1] for p in line] + [math.nan])
        for line in shape.lines:
            for x, y in sample_line(line, 90.0 if ident else 150.0):
                hover_lon.append(x)
                hover_lat.append(y)
                hover_text.append(text)
                hover_data.append(["border", geo_id])
    traces = []
    for (tied, mine), (lon, lat) in sorted(lines.items()):
        traces.append(
            _geo(
                lon,
                lat,
                mode="lines",
                line={
                    "color": palette.highlight_line if mine else palette.border,
                    "width": (4.0 if tied else 2.6) * scale + (1.0 * scale if mine else 0.0),
                },
                name="Border in the source",
                legendgroup="border",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    if hover_lon:
        traces.append(
            _geo(
                hover_lon,
                hover_lat,
                mode="markers",
                marker={"size": 12 * scale, "color": "rgba(0,0,0,0)"},
                hovertext=hover_text,
                hoverinfo="text",
                hoverlabel=_hoverlabel(ctx, palette.border),
                customdata=hover_data,
                name="Border lengths",
                showlegend=False,
            )
        )
    return traces


def _border_hover(
    ctx: _Context,
    shape: SharedBorder,
    note: str,
    ids: list[str] | None,
    lengths: list[tuple[float, str]],
    edges: Mapping[str, tuple[Hashable, Hashable, Mapping[str, Any]]],
) -> str:
    border = _("{a}\u2013{b} border").format(
        a=ctx.country_name(shape.a), b=ctx.country_name(shape.b)
    )
    lines = [f"<b>{border}</b>"]
    for length, source in lengths:
        lines.append(
            _("cited: {length} km ({source})").format(
                length=f"{length:,.0f}", source=_isolate(source)
            )
        )
    lines.append(
        _("measured on our 1:50m geometry: {length} km").format(length=f"{shape.length_km:,.0f}")
    )
    if note:
        lines.extend(hover_lines(_("In the source: {note}").format(note=note)))
    if ids is None:
        return "<br>".join(lines)
    if not ids:
        lines.append("<i>" + _("No relation on this border matches the filters.") + "</i>")
        return "<br>".join(lines)
    lines.append("<b>" + _("Relations on this border") + f"</b> ({len(ids)}):")
    for rid in ids[:8]:
        u, v, data = edges[rid]
        arrow = _arrow(data)
        label = _esc(data.get("label") or data.get("relation") or "")
        lines.append(f"• {label}: {ctx.name(u)} {arrow} {ctx.name(v)} <i>({_esc(rid)})</i>")
    if len(ids) > 8:
        more = len(ids) - 8
        lines.append(ngettext("… and {n} more", "… and {n} more", more).format(n=more))
    return "<br>".join(lines)


# --------------------------------------------------------------------------- countries


def _country_labels(ctx: _Context, *, states: bool) -> list[dict[str, Any]]:
    """Country names (upper case, muted). With ``states``, the states of G: clickable
    (they select the actor), moved a little when their spot is taken. Otherwise the
    other large countries, left out when their spot is taken."""
    size = ctx.font_size * 0.9
    lon, lat, text, hover, data = [], [], [], [], []
    order = sorted(ctx.shapes.values(), key=lambda s: -ctx.areas[s.id])
    for shape in order:
        actor = ctx.states.get(shape.id)
        if shape.label is None or shape.iso3 is None or (actor is not None) != states:
            continue
        if actor is None and ctx.areas[shape.id] < 8.0:
            continue
        x, y = shape.label
        name = _(shape.name).upper()
        offsets = [(0.0, 0.0), (0.0, -0.9), (0.0, 0.9), (-1.5, 0.0), (1.5, 0.0)]
        if not states:
            offsets = offsets[:1]
        choice = ctx.labels.claim(
            ctx.labels.box(x + dx, y + dy, name, "", size) for dx, dy in offsets
        )
        if choice is None and actor is None:
            continue
        dx, dy = offsets[choice or 0]
        lon.append(x + dx)
        lat.append(y + dy)
        text.append(_esc(name) if choice is not None else "")
        if actor is not None:
            degree = ctx.G.degree(actor)
            shown = ngettext(
                "state · {n} relation shown", "state · {n} relations shown", degree
            ).format(n=degree)
            hover.append(
                f"<b>{ctx.full_name(actor)}</b><br>{shown}<br><i>" + _("click to select") + "</i>"
            )
            data.append(["actor", str(actor)])
        else:
            hover.append(f"<b>{_esc(_(shape.name))}</b>")
            data.append(["country", shape.id])
    if not lon:
        return []
    return [
        _geo(
            lon,
            lat,
            mode="text+markers",
            text=text,
            textfont={"size": size, "color": ctx.palette.muted},
            marker={"size": 22 * ctx.scale, "color": "rgba(0,0,0,0)"},
            hovertext=hover,
            hoverinfo="text",
            hoverlabel=_hoverlabel(ctx, ctx.palette.muted),
            customdata=data,
            name="State names" if states else "Country names",
            showlegend=False,
        )
    ]

"""Areas of operation as drawn: translucent fills, "≈" labels, and which actors get one.

What an area is comes from :func:`graph.analysis.areas.areas_of_operation`; this module
only draws it.
"""

from __future__ import annotations

import heapq
import math
from typing import Any

import pandas as pd

from graph import style
from graph.figures.map.context import _APPROX, _Context, _esc, _geo, _hoverlabel
from graph.figures.map.land import _rings
from graph.figures.map.theme import MAP_THEMES
from graph.geo import geodesic_circle
from graph.i18n import gettext as _
from graph.text import hover_lines

__all__ = ["MAX_AREAS"]

#: Actors whose areas of operation the map shades at most by default (the selected one,
#: then the busiest): a few dozen translucent circles stay readable, thousands do not.
MAX_AREAS = 60


def _busiest_areas(ctx: _Context, table: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The areas of at most ``limit`` actors: the selected one, then those with the most
    relations in the graph (ties in table order); the rest are counted in the note."""
    actors = list(dict.fromkeys(table["actor"]))
    degree = ctx.G.degree
    kept = set(heapq.nsmallest(limit, actors, key=lambda a: (a != ctx.selected, -degree(a))))
    ctx.areas_left_out = len(actors) - len(kept)
    return table.loc[[actor in kept for actor in table["actor"]]]


def _area_fill_traces(ctx: _Context, table: pd.DataFrame) -> list[dict[str, Any]]:
    groups: dict[tuple[str, bool], tuple[list[float], list[float]]] = {}
    for row in table.itertuples():
        kind = str(ctx.G.nodes[row.actor].get("kind"))
        faded = ctx.selected is not None and row.actor not in ctx.partners
        lon, lat = groups.setdefault((kind, faded), ([], []))
        if isinstance(row.country, str) and row.country in ctx.shapes:
            ring_lon, ring_lat = _rings(ctx.shapes[row.country])
        else:
            ring = geodesic_circle(*ctx.position[row.place], float(row.radius_km))
            ring_lon, ring_lat = [*ring[:, 0], math.nan], [*ring[:, 1], math.nan]
        lon.extend(ring_lon)
        lat.extend(ring_lat)
    traces = []
    for (kind, faded), (lon, lat) in sorted(groups.items()):
        colour = style.actor_kind_style(kind).colour
        traces.append(
            _geo(
                lon,
                lat,
                mode="lines",
                fill="toself",
                fillcolor=style.rgba(colour, 0.05 if faded else 0.17),
                line={
                    "color": style.rgba(colour, 0.25 if faded else 0.9),
                    "width": 1.5 * ctx.scale,
                    "dash": "dot",
                },
                name=f"{_APPROX} Area of operation ({_esc(style.actor_kind_style(kind).label)})",
                legendgroup=f"area-{kind}",
                showlegend=False,
                hoverinfo="skip",
            )
        )
    return traces


def _area_labels(ctx: _Context, table: pd.DataFrame) -> list[dict[str, Any]]:
    """One italic "≈ name" label per area (actors sharing an area share a label), moved
    around the area until it finds room; hover explains how approximate it is."""
    if not len(table):
        return []
    size = ctx.font_size * 0.95
    groups: dict[tuple, list[Any]] = {}
    for row in table.itertuples():
        whole = isinstance(row.country, str)
        key = (row.country, None) if whole else (row.place, float(row.radius_km))
        groups.setdefault(key, []).append(row)
    lon, lat, text, hover, data, colours, positions = [], [], [], [], [], [], []
    for rows in groups.values():
        first = rows[0]
        if isinstance(first.country, str) and first.country in ctx.shapes:
            spot = ctx.shapes[first.country].label or ctx.position.get(first.place)
            if spot is None:
                continue
            x, y = spot
            shifts = [
                (dx, dy, "middle center")
                for dy, dx in [(-1.1, 0.0), (-2.0, 0.0), (1.1, 0.0), (-1.6, -2.5), (-1.6, 2.5)]
            ]
            where = _("approximate area: across {country}").format(
                country=ctx.country_name(first.country)
            )
        else:
            x, y = ctx.position[first.place]
            r = float(first.radius_km) / 111.0
            shifts = [
                (0.0, -0.55 * r, "middle center"),
                (0.0, 0.55 * r, "middle center"),
                (0.0, 0.0, "middle right"),
                (0.0, 0.0, "middle left"),
                (0.0, -0.9 * r, "middle center"),
                (0.0, 0.9 * r, "middle center"),
            ]
            place = ctx.place_names[first.place]
            where = _("approximate area: within about {radius} km of {place}").format(
                radius=f"{first.radius_km:,.0f}", place=place
            )
        actors = [row.actor for row in rows]
        label = "<br>".join(f"{_APPROX} {ctx.name(a)}" for a in actors)
        choice = ctx.labels.claim(
            ctx.labels.box(x + dx, y + dy, label, side, size) for dx, dy, side in shifts
        )
        dx, dy, position = shifts[choice or 0]
        lines = []
        for row in rows:
            basis = _("basis: {basis}").format(basis=row.basis)
            lines += [f"<b>{ctx.full_name(row.actor)}</b>", *hover_lines(basis)]
        lines += [where, "<i>" + _("drawn for orientation only; not a boundary") + "</i>"]
        focus = ctx.selected if ctx.selected in actors else actors[0]
        faded = ctx.selected is not None and not any(a in ctx.partners for a in actors)
        lon.append(x + dx)
        lat.append(y + dy)
        positions.append(position)
        text.append(f"<i>{label}</i>".replace("<br>", "</i><br><i>") if choice is not None else "")
        hover.append("<br>".join(lines))
        data.append(["actor", str(focus)])
        colour = style.actor_kind_style(ctx.G.nodes[focus].get("kind")).colour
        colours.append(style.rgba(colour, 0.35) if faded else _darker(colour, ctx))
    return [
        _geo(
            lon,
            lat,
            mode="text+markers",
            text=text,
            textposition=positions,
            textfont={"size": size, "color": colours, "shadow": "auto"},
            marker={"size": 14 * ctx.scale, "color": "rgba(0,0,0,0)"},
            hovertext=hover,
            hoverinfo="text",
            hoverlabel=_hoverlabel(ctx, ctx.palette.muted),
            customdata=data,
            name="Areas of operation",
            showlegend=False,
        )
    ]


def _darker(colour: str, ctx: _Context) -> str:
    """A kind colour made legible as text on the map's land (darker on the light theme)."""
    if ctx.palette is MAP_THEMES["dark"]:
        return colour
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red * 0.62:.0f},{green * 0.62:.0f},{blue * 0.62:.0f})"

"""The map's key, its layout and the note on what is left out.

The key is legend-only entries for borders, areas and place kinds (the relation types
follow from :mod:`graph.figures.map.arcs`).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from graph import style
from graph.figures.map.context import _APPROX, _Context, _esc, _geo
from graph.figures.map.theme import (
    _PLACE_KIND_TEXT,
    _VIEW_CENTRE,
    PLACE_KIND_SYMBOLS,
    VIEW_LAT,
    VIEW_LON,
    _symbol_colour,
)
from graph.i18n import gettext as _
from graph.i18n import ngettext

__all__ = ["NARROW_MAP"]

#: Below this ``width_hint`` (pixels) the map's key has two columns, not three.
NARROW_MAP = 560


def _key_traces(ctx: _Context, area_table: pd.DataFrame) -> list[dict[str, Any]]:
    """Legend-only entries of the map key, ranked before the relation types."""
    palette, scale = ctx.palette, ctx.scale
    key: list[dict[str, Any]] = [
        {
            "mode": "lines",
            "name": _("Border in the source"),
            "line": {"color": palette.border, "width": 4 * scale},
        }
    ]
    kinds = dict.fromkeys(str(ctx.G.nodes[a].get("kind")) for a in area_table["actor"])
    for kind in kinds:
        colour = style.actor_kind_style(kind).colour
        key.append(
            {
                "mode": "lines",
                "fill": "toself",
                "fillcolor": style.rgba(colour, 0.17),
                "name": f"{_APPROX} "
                + _("area, {kind}").format(
                    kind=_esc(_(style.actor_kind_style(kind).label).lower())
                ),
                "line": {"color": colour, "width": 1.5 * scale, "dash": "dot"},
            }
        )
    present = dict.fromkeys(str(k) for k in ctx.places["kind"])
    listed: set[str] = set()  # province and region share an entry
    for kind, symbol in PLACE_KIND_SYMBOLS.items():
        if kind in present and _PLACE_KIND_TEXT[kind] not in listed:
            listed.add(_PLACE_KIND_TEXT[kind])
            key.append(
                {
                    "mode": "markers",
                    "name": _(_PLACE_KIND_TEXT[kind]),
                    "marker": {
                        "symbol": symbol,
                        "size": 9 * scale,
                        "color": _symbol_colour(palette, symbol),
                        "line": {"color": palette.place, "width": 1.3 * scale},
                    },
                }
            )
    return [
        _geo([math.nan], [math.nan], legendgroup="key", hoverinfo="skip", legendrank=i, **entry)
        for i, entry in enumerate(key)
    ]


def _layout(
    ctx: _Context, *, title: str | None, height: int, show_legend: bool, uirevision: str
) -> dict[str, Any]:
    """The map's layout, a plain dict (plotly's ``update_layout`` took 15 to 20 ms per
    figure to build the same objects; the tests build it both ways)."""
    palette, font_size = ctx.palette, ctx.font_size
    small = max(10, font_size - 1)
    return dict(
        height=height,
        uirevision=uirevision,
        margin={"l": 0, "r": 0, "t": round(font_size * 3) if title else 0, "b": 0},
        title={"text": title, "font": {"size": round(font_size * 1.4)}} if title else None,
        paper_bgcolor="rgba(0,0,0,0)",
        font={"size": font_size, "color": palette.text},
        showlegend=show_legend,
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": 0.0,
            "xanchor": "left",
            "x": 0.0,
            "font": {"size": small, "color": palette.text},
            "bgcolor": "rgba(0,0,0,0)",
            "itemsizing": "constant",
            # Two columns of key entries on a narrow map (at a third, long ones collide).
            "entrywidth": 0.5 if ctx.width_hint < NARROW_MAP else 0.333,
            "entrywidthmode": "fraction",
            "traceorder": "normal",
        },
        hoverlabel={"font": {"size": font_size}, "align": "left"},
        dragmode="pan",
        geo={
            "projection": {"type": "natural earth"},
            "lonaxis": {"range": list(VIEW_LON)},
            "lataxis": {"range": list(VIEW_LAT)},
            "center": {"lon": _VIEW_CENTRE[0], "lat": _VIEW_CENTRE[1]},
            "bgcolor": palette.sea,
            "showland": False,
            "showocean": False,
            "showlakes": False,
            "showrivers": False,
            "showcountries": False,
            "showcoastlines": False,
            "showframe": False,
            "showsubunits": False,
            "domain": {"x": [0.0, 1.0], "y": [0.0, 1.0]},
        },
    )


def _left_out_note(layout: dict[str, Any], ctx: _Context) -> None:
    """Say on the map (in ``layout``) that only the busiest arcs, areas or places are
    drawn."""
    lines: list[str] = []
    meta: dict[str, Any] = {}
    if ctx.left_out is not None:
        arcs, relations = ctx.left_out
        meta["arcs_left_out"] = [arcs, relations]
        left_out = ngettext("{n} relation", "{n} relations", relations).format(n=f"{relations:,}")
        lines.append(
            ngettext(
                "Drawn: the {n} busiest link of {total} ({left_out} left out)",
                "Drawn: the {n} busiest links of {total} ({left_out} left out)",
                ctx.arcs_drawn,
            ).format(n=f"{ctx.arcs_drawn:,}", total=f"{ctx.arcs_drawn + arcs:,}", left_out=left_out)
        )
    areas, places = ctx.areas_left_out, ctx.places_left_out
    if areas:
        meta["areas_left_out"] = areas
    if places:
        meta["places_left_out"] = places
    if areas and places:  # one line: the note must not cover the narrow map
        lines.append(
            _("Only the busiest areas ({areas} more) and places ({places} more)").format(
                areas=f"{areas:,}", places=f"{places:,}"
            )
        )
    elif areas:
        lines.append(
            ngettext(
                "Areas of the busiest actors only ({n} more left out)",
                "Areas of the busiest actors only ({n} more left out)",
                areas,
            ).format(n=f"{areas:,}")
        )
    elif places:
        lines.append(
            ngettext(
                "Places: the busiest only ({n} more left out)",
                "Places: the busiest only ({n} more left out)",
                places,
            ).format(n=f"{places:,}")
        )
    layout["meta"] = meta
    # Short lines: the map is narrow beside the network.
    note = {
        "text": "<br>".join([*lines, _("Pick an actor or narrow the filters for the rest")]),
        "x": 0.01,
        "y": 0.99,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "align": "left",
        "bgcolor": ctx.palette.sea,
        "font": {"size": max(10, ctx.font_size - 1), "color": ctx.palette.text},
    }
    layout["annotations"] = [*layout.get("annotations", ()), note]

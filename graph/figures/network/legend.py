"""The network figure's key to line styles and its layout: legends, margins, axis ranges."""

from __future__ import annotations

from typing import Any

import numpy as np

from graph import style
from graph.figures.network._common import _KEY_COLOUR, _escape, _scatter
from graph.i18n import gettext as _

__all__: list[str] = []

_LEGEND_POSITIONS = ("right", "top")


def _key_traces(scale: float, *, grouped: bool) -> list[dict[str, Any]]:
    """Legend-only entries explaining line style (sign) and opacity (confidence): under a
    group title in a vertical legend; one by one in a horizontal legend, which would
    otherwise stack a group's entries in a column."""
    # (group key in English, legend text, colour, dash): the group stays the same in
    # every language.
    entries = []
    for sign in (1, -1, 0):
        word = style.SIGN_TEXT[sign]
        entries.append((word, _(word), _KEY_COLOUR, _legend_dash(sign, scale)))
    for level in reversed(style.CONFIDENCE_LEVELS):
        alpha = style.CONFIDENCE_OPACITY[level]
        text = _("{level} confidence").format(level=_(level))
        colour = style.rgba(_KEY_COLOUR, alpha)
        entries.append((style.CONFIDENCE_TEXT[level], text, colour, "solid"))
    title = _("Line style, opacity")
    return [
        _scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=name,
            legendgroup="key" if grouped else f"key:{key}",
            legendgrouptitle={"text": title} if grouped and i == 0 else None,
            line={"color": colour, "width": 3 * scale, "dash": dash},
            hoverinfo="skip",
        )
        for i, (key, name, colour, dash) in enumerate(entries)
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
            "title": {"text": _("Relations"), "side": "top", **legend_title},
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
            "title": {"text": _("Relations"), **legend_title},
            "font": legend_font,
            "itemsizing": "constant",
            "tracegroupgap": 0,
            "groupclick": "togglegroup",
            **place,
        },
        legend2={
            # Title above the row: beside it, plotly leaves its width out when it wraps the
            # entries, and the last ones were cut at 150% zoom.
            "title": {"text": _("Actors"), "side": "top", **legend_title},
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

"""Layout of the timeline: axes and legend, lines between row groups, the marked dates."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from graph.figures.timeline._common import Ink, _iso, _Item
from graph.text import escape_hover

__all__: list[str] = []


def _layout(*, title: str | None, height: int, font_size: int) -> dict[str, Any]:
    """The timeline's layout, a plain dict (axes as dicts the caller fills in)."""
    return dict(
        height=height,
        barmode="overlay",
        bargap=0,
        margin={"l": 8, "r": 12, "t": round(font_size * 3.2) if title else 8, "b": 8},
        title={"text": title, "font": {"size": round(font_size * 1.75)}, "x": 0.01}
        if title
        else None,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        font={"size": font_size},
        hovermode="closest",
        dragmode="zoom",
        legend={
            "orientation": "h",
            "x": 0.0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": max(font_size - 1, 11)},
            "itemsizing": "constant",
            "traceorder": "normal",
            "entrywidth": 0.33,
            "entrywidthmode": "fraction",
        },
        xaxis={
            "type": "date",
            "showgrid": True,
            "gridcolor": "rgba(128,128,128,0.25)",
            "zeroline": False,
            "side": "bottom",
            # The figures are drawn without plotly's template (ui.figure), whose automargin
            # this was: without it the years were cut by the bottom margin and a note under
            # them (relations without dates) was drawn over them.
            "automargin": True,
            "tickfont": {"size": font_size},
        },
        yaxis={
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "tickfont": {"size": font_size},
        },
    )


def _separators(items: list[_Item]) -> list[dict[str, Any]]:
    """A faint line between row groups (shapes)."""
    tops: dict[str, float] = {}
    for item in items:
        tops[item.group] = min(tops.get(item.group, item.row), item.row)
    line = {"color": "rgba(128,128,128,0.3)", "width": 1}
    return [
        {"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": line}
        for y in (top - 0.5 for top in sorted(tops.values())[1:])
    ]


def _marks(
    window: tuple[date | None, date | None],
    marks: list[Any],
    font_size: int,
    x_range: list[str],
    ink: Ink,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The time filter (and any marked dates) on the axis: a line for a day, else a band;
    shapes and annotations, as plotly's ``add_vline`` and ``add_vrect`` make them."""
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    spans = []
    first, last = window
    if first is not None or last is not None:
        spans.append((first, last, "shown"))
    spans += [(mark.first, mark.last, mark.text) for mark in marks]
    across = {"xref": "x", "yref": "y domain", "y0": 0, "y1": 1, "layer": "below"}
    for start, end, label in spans:
        font = {"size": max(font_size - 1, 10), "color": ink.mark}
        if start is not None and end is not None and start == end:
            day = _iso(start)
            line = {"color": ink.mark, "width": 2, "dash": "dot"}
            shapes.append({"type": "line", "x0": day, "x1": day, "line": line, **across})
            annotations.append(
                {
                    "x": day,
                    "y": 1.0,
                    "yref": "paper",
                    "yanchor": "bottom",
                    "showarrow": False,
                    "text": escape_hover(label if label != "shown" else start.isoformat()),
                    "font": font,
                }
            )
            continue
        x0 = _iso(start) if start is not None else x_range[0]
        x1 = _iso(end + timedelta(days=1)) if end is not None else x_range[1]
        shapes.append(
            {
                "type": "rect",
                "x0": x0,
                "x1": x1,
                "fillcolor": ink.mark,
                "opacity": 0.08,
                "line": {"width": 0},
                **across,
            }
        )
    return shapes, annotations

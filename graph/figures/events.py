"""Figures of the event-data layer: machine-coded dyads drawn beside the curated network
(never as curated relations), and one pair's events month by month.

Curated relations are straight lines in the colour of their type; a dyad of event data is
a thin grey arc, bent to one side so that it never hides a curated line, dotted for GDELT
and dash-dotted for ACLED, wider for more events, with its own legend entry that says
"machine-coded".

Examples
--------
>>> from graph.events.layer import EventDyad, EventLayer
>>> layer = EventLayer([EventDyad("gdelt", "iran", "pakistan", True, 12, "2021-09", "2021-10",
...                               40, 1.9, -2.0)], 1, 12)
>>> traces = event_edge_traces(layer, {"iran": (0, 0), "pakistan": (1, 0)}, names={})
>>> [t["name"] for t in traces]
['Event data: GDELT (machine-coded)', 'Event data: GDELT (machine-coded)']
>>> traces[1]["customdata"][0]
['event', 'gdelt|iran|pakistan']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from graph.events.layer import CONFIDENCE, GRADE, EventDyad, EventLayer, PairMonth
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import arrow, hover_lines
from graph.vocabulary import word

__all__ = [
    "DATASET_NAMES",
    "EVENT_STYLE",
    "event_edge_traces",
    "event_map_traces",
    "pair_months_figure",
]

#: How the page names each dataset.
DATASET_NAMES = {"gdelt": "GDELT", "acled": "ACLED"}

#: Line style per dataset: colour (per theme) and dash.
EVENT_STYLE: dict[str, dict[str, Any]] = {
    "gdelt": {"dash": "dot", "colour": {"light": "#5f6368", "dark": "#b0b4ba"}},
    "acled": {"dash": "dashdot", "colour": {"light": "#5f6368", "dark": "#b0b4ba"}},
}

_POINTS = 13  # points per arc


def _arc(a: Sequence[float], b: Sequence[float], bend: float) -> tuple[list, list]:
    """Points of a quadratic curve from ``a`` to ``b`` bent by ``bend`` of its length."""
    (x0, y0), (x1, y1) = a, b
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = x1 - x0, y1 - y0
    cx, cy = mx - dy * bend, my + dx * bend
    t = np.linspace(0, 1, _POINTS)
    xs = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1
    ys = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1
    return [*xs.round(4).tolist(), None], [*ys.round(4).tolist(), None]


def dyad_text(dyad: EventDyad, names: Mapping[str, str]) -> str:
    """One dyad in words, for hover boxes and the reading pane (plain text)."""
    a, b = names.get(dyad.actor1, dyad.actor1), names.get(dyad.actor2, dyad.actor2)
    months = (
        dyad.first_month
        if dyad.first_month == dyad.last_month
        else _("{first} to {last}").format(first=dyad.first_month, last=dyad.last_month)
    )
    dataset = DATASET_NAMES[dyad.dataset]
    if dyad.directed:
        pair = _("{dataset} (machine-coded): {a} {arrow} {b}").format(
            dataset=dataset, a=a, arrow=arrow(), b=b
        )
    else:
        pair = _("{dataset} (machine-coded): {a} and {b}").format(dataset=dataset, a=a, b=b)
    parts = [pair]
    count = ngettext("{n} event", "{n} events", dyad.events).format(n=f"{dyad.events:,}")
    parts.append(_("{count}, {months}").format(count=count, months=months))
    if dyad.goldstein_mean is not None:
        parts.append(
            _("Goldstein mean {goldstein}, tone {tone}").format(
                goldstein=f"{dyad.goldstein_mean:+.1f}", tone=f"{dyad.tone_mean:+.1f}"
            )
        )
    if dyad.fatalities is not None:
        parts.append(
            ngettext("{n} fatality", "{n} fatalities", dyad.fatalities).format(
                n=f"{dyad.fatalities:,}"
            )
        )
    letter, number = GRADE
    parts.append(
        _("graded {grade} (cannot be judged), {level} confidence").format(
            grade=f"{letter}{number}", level=word(CONFIDENCE)
        )
    )
    return " · ".join(parts)


def event_edge_traces(
    layer: EventLayer,
    positions: Mapping[str, Sequence[float]],
    *,
    names: Mapping[str, str],
    theme: str = "light",
) -> list[dict[str, Any]]:
    """Plotly traces (dicts) of the layer's dyads between positioned actors.

    One line trace per dataset and width (1, 1.8 or 2.6 px as events pass 10 and 100),
    one legend entry per dataset, and one invisible marker per dyad at its arc's middle
    carrying the hover text and ``customdata`` ``["event", "dataset|actor1|actor2"]``.
    Dyads with an end that has no position (not on screen) are left out.
    """
    if theme not in ("light", "dark"):
        raise ValueError(f"theme {theme!r} is not one of light, dark")
    lines: dict[tuple[str, float], tuple[list, list]] = {}
    middles: dict[str, tuple[list, list, list, list]] = {}
    for dyad in layer.dyads:
        if dyad.actor1 not in positions or dyad.actor2 not in positions:
            continue
        # bent to the left of the direction of travel: a pair's two directions part ways
        xs, ys = _arc(positions[dyad.actor1], positions[dyad.actor2], 0.12)
        width = 1.0 if dyad.events < 10 else 1.8 if dyad.events < 100 else 2.6
        xl, yl = lines.setdefault((dyad.dataset, width), ([], []))
        xl.extend(xs)
        yl.extend(ys)
        mx, my, text, custom = middles.setdefault(dyad.dataset, ([], [], [], []))
        mx.append(xs[_POINTS // 2])
        my.append(ys[_POINTS // 2])
        text.append(
            "<br>".join(line for part in dyad_text(dyad, names).split(" · ")
                        for line in hover_lines(part))
        )  # fmt: skip
        custom.append(["event", dyad.key])
    traces: list[dict[str, Any]] = []
    shown: set[str] = set()
    for (dataset, width), (xs, ys) in sorted(lines.items()):
        style = EVENT_STYLE[dataset]
        traces.append(
            {
                "type": "scatter", "mode": "lines", "x": xs, "y": ys,
                "name": _("Event data: {dataset} (machine-coded)").format(
                    dataset=DATASET_NAMES[dataset]
                ),
                "legendgroup": f"events-{dataset}", "showlegend": dataset not in shown,
                "line": {"color": style["colour"][theme], "width": width,
                         "dash": style["dash"]},
                "opacity": 0.8, "hoverinfo": "skip",
            }
        )  # fmt: skip
        shown.add(dataset)
    for dataset, (mx, my, text, custom) in sorted(middles.items()):
        traces.append(
            {
                "type": "scatter", "mode": "markers", "x": mx, "y": my,
                "name": _("Event data: {dataset} (machine-coded)").format(
                    dataset=DATASET_NAMES[dataset]
                ),
                "legendgroup": f"events-{dataset}", "showlegend": False,
                "marker": {"size": 10, "color": "rgba(0,0,0,0)"},
                "hovertext": text, "hovertemplate": "%{hovertext}<extra></extra>",
                "customdata": custom,
            }
        )  # fmt: skip
    return traces


def event_map_traces(
    layer: EventLayer,
    anchors: Mapping[str, Sequence[float]],
    *,
    names: Mapping[str, str],
    theme: str = "light",
) -> list[dict[str, Any]]:
    """The layer's dyads as arcs on the map, between the actors' anchor places.

    The same arcs as :func:`event_edge_traces`, drawn as ``scattergeo`` traces on
    ``anchors`` (actor -> (lon, lat)); no legend entry (the map's key stays the curated
    one; the page says what the grey arcs are). A dyad whose two ends share a place, or
    with an end that has none, is not drawn.

    Examples
    --------
    >>> from graph.events.layer import EventDyad, EventLayer
    >>> layer = EventLayer([EventDyad("acled", "a", "b", False, 3, "2021-10", "2021-10")], 1, 3)
    >>> [t["type"] for t in event_map_traces(layer, {"a": (60, 30), "b": (69, 34)}, names={})]
    ['scattergeo', 'scattergeo']
    """
    separate = {
        actor: position
        for actor, position in anchors.items()
        if position is not None and len(position) == 2
    }
    drawn = EventLayer(
        [
            d
            for d in layer.dyads
            if d.actor1 in separate
            and d.actor2 in separate
            and tuple(separate[d.actor1]) != tuple(separate[d.actor2])
        ],
        layer.total,
        layer.events,
        layer.months,
    )
    traces = event_edge_traces(drawn, separate, names=names, theme=theme)
    for trace in traces:
        trace["type"] = "scattergeo"
        trace["lon"], trace["lat"] = trace.pop("x"), trace.pop("y")
        trace["showlegend"] = False
    return traces


def pair_months_figure(
    months: Sequence[PairMonth],
    a: str,
    b: str,
    *,
    theme: str = "light",
    height: int = 220,
) -> go.Figure:
    """Events between two actors month by month (bars, per dataset), and GDELT's mean
    Goldstein score (a line on its own axis, -10 hostile to +10 cooperative).

    Examples
    --------
    >>> fig = pair_months_figure([PairMonth("gdelt", "2021-10", 12, 1.9, None)], "Iran",
    ...                          "Pakistan")
    >>> [t.name for t in fig.data]
    ['GDELT events', 'GDELT Goldstein mean']
    >>> fig.layout.title.text
    'Event data (machine-coded) between Iran and Pakistan, by month'
    """
    fig = go.Figure()
    text_colour = "#262730" if theme == "light" else "#fafafa"
    for dataset in ("gdelt", "acled"):
        rows = [m for m in months if m.dataset == dataset]
        if not rows:
            continue
        name = DATASET_NAMES[dataset]
        fig.add_bar(
            x=[m.month for m in rows], y=[m.events for m in rows],
            name=_("{dataset} events").format(dataset=name),
            marker_color="#8a8f98" if dataset == "gdelt" else "#b07aa1",
            hovertemplate=_("{dataset}: {count} events in {month}").format(
                dataset=name, count="%{y}", month="%{x}"
            ) + "<extra></extra>",
        )  # fmt: skip
        if dataset == "gdelt":
            fig.add_scatter(
                x=[m.month for m in rows], y=[m.goldstein_mean for m in rows],
                name=_("{dataset} Goldstein mean").format(dataset=name), yaxis="y2",
                mode="lines+markers", line={"color": "#1f77b4", "width": 1.5},
                hovertemplate=_("Goldstein mean {value} in {month}").format(
                    value="%{y:+.1f}", month="%{x}"
                ) + "<extra></extra>",
            )  # fmt: skip
    fig.update_layout(
        title={"text": _("Event data (machine-coded) between {a} and {b}, by month").format(
                   a=a, b=b),
               "font": {"size": 14, "color": text_colour}},
        height=height, margin={"l": 50, "r": 50, "t": 40, "b": 30},
        barmode="group", legend={"orientation": "h", "y": -0.25},
        xaxis={"type": "category", "title": None},
        yaxis={"title": _("events"), "rangemode": "tozero"},
        yaxis2={"title": "Goldstein", "overlaying": "y", "side": "right",
                "range": [-10.5, 10.5], "tickvals": [-10, -5, 0, 5, 10], "showgrid": False,
                "zeroline": True},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
    )  # fmt: skip
    if not months:
        fig.add_annotation(
            text=_("No events of this pair in the event store"), x=0.5, y=0.5,
            xref="paper", yref="paper", showarrow=False,
        )  # fmt: skip
    return fig

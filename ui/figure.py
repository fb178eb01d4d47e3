"""Plotly figures drawn in place: one plotly div per figure, updated with ``Plotly.react``.

``st.plotly_chart`` mounts a new chart whenever a figure changes and draws it twice (a
``newPlot``, then a ``react``): with three figures per click that was most of what a
reader waited for (``benchmarks/README.md``). :func:`figure_view` draws a figure through a
small ``st.components.v2`` component instead. Its element keeps its key across reruns, so
the browser keeps the plotly div and calls ``Plotly.react`` on it once per change (plotly
diffs the new figure against the drawn one); a figure whose JSON did not change is not
touched at all; the reader's zoom and pan stay where they were (``uirevision``).

plotly.js comes from the app itself (``static/plotly.min.js``, the same file as the plotly
Python package's own, served by Streamlit's static serving): nothing is fetched from
outside the machine.

A click on a point sets the component's ``selection`` state, shaped like
``st.plotly_chart``'s selection event (``{"selection": {"points": [{"customdata": ...}]}}``),
so the page reads both the same way; a test sets it through ``st.session_state[key]``.
"""

from __future__ import annotations

from typing import Any, Literal

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

__all__ = ["PLOTLY_SCRIPT", "THEMES", "figure_spec", "figure_view"]

#: Where the page loads plotly.js from: the app's static folder (``./static/``).
PLOTLY_SCRIPT = "app/static/plotly.min.js"

_FONT = '"Source Sans", sans-serif'
#: What Streamlit's own chart theme gives a plotly figure, per Streamlit theme (read off
#: the page in chromium): text, legend text, hover box; everything else the figures set.
#: Text is Streamlit's own but for the light theme's grey (#808495, 3.7:1 on white), here
#: darkened to #6b6e7d (5.1:1) so labels and legends reach WCAG AA (4.5:1).
THEMES: dict[str, dict[str, Any]] = {
    "light": {
        "font": {"family": _FONT, "color": "#6b6e7d"},
        "legend": {"font": {"color": "#262730"}},
        "legend2": {"font": {"color": "#262730"}},
        "hoverlabel": {
            "bgcolor": "#FFFFFF",
            "bordercolor": "rgba(47, 45, 43, 0.2)",
            "font": {"family": _FONT, "color": "#262730"},
        },
        "xaxis": {"gridcolor": "rgba(47, 45, 43, 0.1)", "zerolinecolor": "rgba(47, 45, 43, 0.2)"},
        "yaxis": {"gridcolor": "rgba(47, 45, 43, 0.1)", "zerolinecolor": "rgba(47, 45, 43, 0.2)"},
    },
    "dark": {
        "font": {"family": _FONT, "color": "#e6eaf1"},
        "legend": {"font": {"color": "#fafafa"}},
        "legend2": {"font": {"color": "#fafafa"}},
        "hoverlabel": {
            "bgcolor": "#171614",
            "bordercolor": "rgba(237, 235, 232, 0.2)",
            "font": {"family": _FONT, "color": "#e6eaf1"},
        },
        "xaxis": {
            "gridcolor": "rgba(237, 235, 232, 0.1)",
            "zerolinecolor": "rgba(237, 235, 232, 0.2)",
        },
        "yaxis": {
            "gridcolor": "rgba(237, 235, 232, 0.1)",
            "zerolinecolor": "rgba(237, 235, 232, 0.2)",
        },
    },
}

# Called on every change of ``data``, with the same parent element: the div is made once,
# then updated in place. Scripts of other components cannot clash: the names are ours.
_JS = """
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const loading = window.__borderlinesPlotly || (window.__borderlinesPlotly = new Promise(
    (resolve, reject) => {
      if (window.Plotly) return resolve(window.Plotly);
      const script = document.createElement('script');
      script.src = data.script;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error('plotly.js did not load from ' + data.script));
      document.head.appendChild(script);
    }));
  let gd = parentElement.querySelector('.bl-figure');
  if (!gd) {
    gd = document.createElement('div');
    gd.className = 'bl-figure';
    gd.style.width = '100%';
    parentElement.appendChild(gd);
  }
  if (gd.__blSpec === data.spec) return;
  gd.__blSpec = data.spec;
  const figure = JSON.parse(data.spec);
  loading.then((Plotly) => Plotly.react(gd, figure.data, figure.layout, data.config))
    .then(() => {
      if (gd.__blClicks || !data.clickable) return;
      gd.__blClicks = true;
      gd.on('plotly_click', (event) => {
        const points = event.points.map((p) => ({
          customdata: p.customdata, curve_number: p.curveNumber, point_number: p.pointNumber,
        }));
        setStateValue('selection', { points: points, at: Date.now() });
      });
    })
    .catch((error) => { gd.textContent = 'The figure could not be drawn: ' + error.message; });
}
"""

_CSS = ".bl-figure .modebar-container { z-index: 2; }"


def _component() -> Any:
    """The component's mounting command. Registered on every call: registering the same
    definition again is a dictionary write (Streamlit warns only when it differs), and a
    test's runtime keeps no registry between runs."""
    return st.components.v2.component("borderlines_figure", js=_JS, css=_CSS, isolate_styles=False)


def figure_spec(fig: go.Figure, theme: Literal["light", "dark"] = "light") -> str:
    """Return the JSON the component draws: the figure, with Streamlit's chart theme for
    ``theme`` in place of the template (whose colours Streamlit's own chart fills in).

    Examples
    --------
    >>> import json
    >>> spec = json.loads(figure_spec(go.Figure(go.Scatter(x=[1], y=[2])), "dark"))
    >>> spec["layout"]["template"]["layout"]["font"]["color"], spec["data"][0]["x"]
    ('#e6eaf1', [1])
    """
    if theme not in THEMES:
        raise ValueError(f"theme {theme!r} is not one of {', '.join(THEMES)}")
    figure = fig.to_dict() if hasattr(fig, "to_dict") else dict(fig)
    layout = dict(figure.get("layout") or {})
    layout["template"] = {"layout": THEMES[theme]}
    return pio.to_json({"data": figure.get("data", []), "layout": layout}, validate=False)


def figure_view(
    fig: go.Figure,
    *,
    key: str,
    config: dict[str, Any],
    theme: Literal["light", "dark"] = "light",
    clickable: bool = True,
) -> None:
    """Draw ``fig`` in place under ``key``; a click on a point sets
    ``st.session_state[key]["selection"]`` (when ``clickable``).

    The figure's height is its layout's; its width the column's.
    """
    data = {
        "spec": figure_spec(fig, theme),
        "config": {**config, "responsive": True},
        "script": PLOTLY_SCRIPT,
        "clickable": clickable,
    }
    if clickable:
        _component()(data=data, key=key, on_selection_change=lambda: None)
    else:
        _component()(data=data, key=key)

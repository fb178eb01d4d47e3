"""The bare page with Borderlines' three figures and nothing else: how much of a click the
figures cost alone (``benchmarks/page_latency.py --page benchmarks/figures_page.py``).

It has the bare page's parts (a relation-type multiselect in the sidebar, a title, one line
of counts) and draws the Explore page's network, map and timeline as ``ui/explore.py`` draws
them on its first view (every relation, actors without relations hidden, nothing selected):
the same data caches, figure builders, sizes, theme and component
(:func:`ui.figure.figure_view`). No reading pane, tables, summary, other filters, URL state
or sidebar sections. The figures load plotly.js from ``benchmarks/static``, a link to the
app's ``static/``: Streamlit serves the folder beside the script it runs.

    uv run streamlit run benchmarks/figures_page.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run by Streamlit as a script: import graph/ and ui/
    sys.path.insert(0, str(REPO))

from graph.figures.map import map_figure  # noqa: E402
from graph.figures.network import network_figure  # noqa: E402
from graph.figures.timeline import timeline_figure  # noqa: E402
from graph.filters import FilterSpec, apply_filters  # noqa: E402
from graph.load import default_data_dir  # noqa: E402
from ui.caches import (  # noqa: E402
    cached_dataset,
    cached_graph,
    cached_layout,
    data_fingerprint,
    graph_facts,
    map_geometry,
)
from ui.common import (  # noqa: E402
    DEFAULT_SIZE,
    MAP_HEIGHT,
    MAP_WIDTH_HINT,
    NETWORK_HEIGHT,
    PLOT_CONFIG,
    TIMELINE_WIDTH_HINT,
)
from ui.figure import figure_view  # noqa: E402

st.set_page_config(page_title="Figures only", layout="wide")
folder = default_data_dir()
fingerprint = data_fingerprint(folder)
dataset = cached_dataset(str(folder), fingerprint)
G = cached_graph(str(folder), fingerprint)
positions = cached_layout(str(folder), fingerprint)
types = list(G.graph["relation_types"])
chosen = st.sidebar.multiselect("Relation types", types, default=types)
# As the page's first view: actors without relations hidden.
spec = FilterSpec(types=tuple(chosen), keep_isolates=False)
H = apply_filters(G, spec)

st.title("Figures only")
st.write(f"{H.number_of_nodes()} actors, {H.number_of_edges()} relations")
left, right = st.columns([3, 2], gap="small")
with left:
    network = network_figure(
        H,
        positions,
        size_by=DEFAULT_SIZE,
        height=NETWORK_HEIGHT,
        legend_position="top",
        table=graph_facts(G, fingerprint).network_table,
        theme="light",
    )
    figure_view(network, key="network", config=PLOT_CONFIG)
with right:
    border_map = map_figure(
        H,
        dataset,
        theme="light",
        relation_legend=False,
        height=MAP_HEIGHT,
        width_hint=MAP_WIDTH_HINT,
        **map_geometry(dataset, fingerprint),
    )
    figure_view(border_map, key="map", config=PLOT_CONFIG)
timeline = timeline_figure(
    H, dataset.events, spec=spec, width_hint=TIMELINE_WIDTH_HINT, type_legend=False, theme="light"
)
figure_view(timeline, key="timeline", config=PLOT_CONFIG)

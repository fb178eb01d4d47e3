"""A bare Streamlit page doing Borderlines' core job, as a Streamlit peer would write it:
the yardstick of ``benchmarks/page_latency.py``.

It reads ``relations.csv`` of the data folder (``BORDERLINES_DATA``, default the shipped
``data/``), builds a networkx graph, lays it out once (cached), offers a relation-type
multiselect and draws one plotly network: one trace of lines, one of markers. Nothing
else: no map, timeline, details, analysis or URL state.

    uv run streamlit run benchmarks/bare_page.py
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

DATA = Path(os.environ.get("BORDERLINES_DATA") or Path(__file__).resolve().parents[1] / "data")


@st.cache_data
def relations(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@st.cache_resource
def layout(path: str) -> dict[str, tuple[float, float]]:
    frame = relations(path)
    G = nx.from_pandas_edgelist(frame, "source", "target")
    if G.number_of_nodes() > 500:  # networkx's spring layout needs scipy past 500 nodes,
        return nx.circular_layout(G)  # which is not installed; cached, so not timed
    return nx.spring_layout(G, seed=1)


st.set_page_config(page_title="Bare network", layout="wide")
table = relations(str(DATA / "relations.csv"))
positions = layout(str(DATA / "relations.csv"))
kinds = sorted(table["relation"].unique())
chosen = st.sidebar.multiselect("Relation types", kinds, default=kinds)
shown = table[table["relation"].isin(chosen)]
G = nx.from_pandas_edgelist(shown, "source", "target")

xs: list[float | None] = []
ys: list[float | None] = []
for u, v in G.edges():
    xs += [positions[u][0], positions[v][0], None]
    ys += [positions[u][1], positions[v][1], None]
nodes = list(G.nodes())
figure = go.Figure(
    [
        go.Scatter(x=xs, y=ys, mode="lines", line={"width": 1, "color": "#888"}, hoverinfo="none"),
        go.Scatter(
            x=[positions[n][0] for n in nodes],
            y=[positions[n][1] for n in nodes],
            mode="markers+text",
            text=nodes,
            textposition="top center",
            marker={"size": 10},
        ),
    ],
    layout={"showlegend": False, "height": 620, "margin": {"l": 0, "r": 0, "t": 0, "b": 0}},
)
figure.update_xaxes(visible=False)
figure.update_yaxes(visible=False)
st.title("Bare network")
st.write(f"{G.number_of_nodes()} actors, {G.number_of_edges()} relations")
st.plotly_chart(figure, key="network")

"""Figure builders: a graph (and positions) in, a plotly ``go.Figure`` out; no Streamlit."""

from __future__ import annotations

from graph.figures.network import (
    GL_THRESHOLD,
    SIZE_MEASURES,
    figure_payload_bytes,
    network_figure,
    node_measure,
)

__all__ = [
    "GL_THRESHOLD",
    "SIZE_MEASURES",
    "figure_payload_bytes",
    "network_figure",
    "node_measure",
]

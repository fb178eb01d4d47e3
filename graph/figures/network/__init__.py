"""The network figure: actors as marked nodes, relations as styled lines, hover and click.

Modules
-------
measures
    :data:`SIZE_MEASURES` and :func:`node_measure`, what a marker's size can stand for.
table
    :class:`NetworkTable` and :func:`network_table`, a graph's columns built once.
scene
    The scene the traces are drawn from, the lines (merged past the WebGL threshold)
    and their geometry.
edges
    Relation traces: lines per type and style, arrowheads, hover text and customdata.
nodes
    Actor traces: markers per kind, the selection ring and the labels that fit.
legend
    The key to line styles and confidence, the layout and the axis ranges.
figure
    :func:`network_figure`, which puts them together, and :func:`figure_payload_bytes`.
"""

from __future__ import annotations

from graph.figures.network.figure import GL_THRESHOLD, figure_payload_bytes, network_figure
from graph.figures.network.measures import SIZE_MEASURES, node_measure
from graph.figures.network.table import NetworkTable, network_table

__all__ = [
    "GL_THRESHOLD",
    "SIZE_MEASURES",
    "NetworkTable",
    "figure_payload_bytes",
    "network_figure",
    "network_table",
    "node_measure",
]

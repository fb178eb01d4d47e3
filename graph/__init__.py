"""Borderlines' logic, free of Streamlit: load the data, build the graph, analyse, draw.

Import what you need from its module, e.g. ``from graph.load import load_dataset``;
importing the package itself loads nothing. ``python -m graph`` is the command line
(:mod:`graph.cli`).
"""

__all__: list[str] = []

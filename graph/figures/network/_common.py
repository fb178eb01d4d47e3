"""Helpers shared by the network figure's modules: escaping, plain traces, text constants."""

from __future__ import annotations

import html
from functools import partial
from typing import Any

import numpy as np

from graph.figures._plain import plain_trace

__all__: list[str] = []

_KEY_COLOUR = "#7f7f7f"
# Labels drawn with WebGL, per Streamlit theme (the map's text colours).
_LABEL_COLOURS = {"light": "#1f2328", "dark": "#e6edf3"}


def _escape(value: Any) -> str:
    return html.escape(str(value), quote=False)


_scatter = partial(plain_trace, "scatter")
_scattergl = partial(plain_trace, "scattergl")


def _f32(values: np.ndarray) -> np.ndarray:
    """float32 coordinates: plotly sends numpy arrays as base64, 4 bytes a number."""
    return np.ascontiguousarray(values, dtype=np.float32)

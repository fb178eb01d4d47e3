"""Helpers shared by the network figure's modules: escaping, plain traces, text constants."""

from __future__ import annotations

from functools import partial

import numpy as np

from graph.figures._plain import plain_trace
from graph.text import escape_hover

__all__: list[str] = []

_KEY_COLOUR = "#7f7f7f"
# Labels drawn with WebGL, per Streamlit theme (the map's text colours).
_LABEL_COLOURS = {"light": "#1f2328", "dark": "#e6edf3"}


#: Data text escaped for hover and labels, Arabic not isolated run by run: the network
#: isolates its Arabic lines whole (:func:`graph.text.escape_hover`).
_escape = partial(escape_hover, isolate_arabic=False)


_scatter = partial(plain_trace, "scatter")
_scattergl = partial(plain_trace, "scattergl")


def _f32(values: np.ndarray) -> np.ndarray:
    """float32 coordinates: plotly sends numpy arrays as base64, 4 bytes a number."""
    return np.ascontiguousarray(values, dtype=np.float32)

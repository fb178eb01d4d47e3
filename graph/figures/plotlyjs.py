"""The plotly.js that draws our figures: a bundle of the trace types they use, and no other.

The page serves it (``static/plotly.min.js``), the HTML briefings inline it and the PNG/SVG
export draws with it, so a figure looks the same wherever it is drawn. It is built by
``scripts/plotly/build.js`` from the plotly.js release that the plotly Python package
bundles, with only :data:`TRACE_TYPES` registered: 1.8 MB instead of 4.8 MB. In chromium
(2 cores, the shipped data, a warm cache) a load of the page took 0.65 s less CPU and was
at rest 0.7 s sooner with it; a redraw costs the same with either file
(``benchmarks/figure_redraw.py``).

A figure with a trace of another type would not be drawn: the tests build every figure
and check its trace types against :data:`TRACE_TYPES`.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["PLOTLY_JS", "TRACE_TYPES", "bundled_traces", "bundled_version"]

#: The bundle, where Streamlit serves it from (``app/static/plotly.min.js``).
PLOTLY_JS = Path(__file__).resolve().parents[2] / "static" / "plotly.min.js"

#: The trace types our figures draw, and so the ones the bundle registers.
TRACE_TYPES = frozenset({"bar", "scatter", "scattergeo", "scattergl"})

_HEADER_CHARS = 400


def _header(path: Path) -> str:
    if not path.is_file():
        raise FileNotFoundError(f"plotly.js is missing: {path} (scripts/plotly/build.js)")
    with path.open(encoding="utf-8") as file:
        return file.read(_HEADER_CHARS)


def bundled_version(path: Path = PLOTLY_JS) -> str:
    """The plotly.js version named in the header comment of a plotly.js file.

    Examples
    --------
    >>> bundled_version()[0].isdigit()
    True
    """
    found = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", _header(path))
    if found is None:
        raise ValueError(f"{path}: no 'plotly.js vX.Y.Z' in its first {_HEADER_CHARS} chars")
    return found.group(1)


def bundled_traces(path: Path = PLOTLY_JS) -> frozenset[str]:
    """The trace types the bundle's header says it registers (``* traces: a, b``).

    Examples
    --------
    >>> bundled_traces() == TRACE_TYPES
    True
    """
    found = re.search(r"^\* traces: ([a-z0-9, ]+)$", _header(path), re.MULTILINE)
    if found is None:
        raise ValueError(f"{path}: no '* traces:' line in its header (a full plotly.js?)")
    return frozenset(name.strip() for name in found.group(1).split(","))

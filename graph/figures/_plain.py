"""Figures from plain-dict traces, ready to send: shared by the network and the map.

Plotly validates every property of every trace when a figure is built, and converts every
numpy array to a base64 "typed array" when it is serialised, sniffing each array's type
through several libraries first. With a few hundred traces both cost more than the rest
of the figure. The network and map builders make their traces themselves, of known
properties, so :func:`plain_figure` skips the validation and hands numeric arrays over
already encoded, exactly as plotly would encode them (a test builds each figure both ways
and compares the JSON the browser receives).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

__all__ = ["FIXED_WIDTH_MAX", "decoded", "plain_figure", "text_array", "typed_array"]

# numpy dtype -> plotly.js typed array name (plotly's own table).
_SHORT_TYPES = {
    "int8": "i1",
    "uint8": "u1",
    "int16": "i2",
    "uint16": "u2",
    "int32": "i4",
    "uint32": "u4",
    "float32": "f4",
    "float64": "f8",
}
_LONG_TYPES = {short: np.dtype(name) for name, short in _SHORT_TYPES.items()}
#: Characters: texts longer than this travel as object arrays (see :func:`text_array`).
FIXED_WIDTH_MAX = 256
# Keys plotly never encodes (their arrays are not data arrays).
_SKIPPED = frozenset({"geojson", "layer", "layers", "range"})


def typed_array(values: np.ndarray) -> dict[str, str] | np.ndarray:
    """Return a numeric 1-D numpy array as a plotly.js typed array spec.

    The same as plotly's own serialisation: 64-bit integers shrink to the narrowest type
    that holds them (plotly.js has no 64-bit integers); other arrays (text, booleans,
    objects, empty or multi-dimensional ones) come back unchanged.

    Parameters
    ----------
    values : numpy.ndarray

    Returns
    -------
    dict or numpy.ndarray
        ``{"dtype": "f4", "bdata": "<base64>"}``, or ``values`` itself.

    Examples
    --------
    >>> typed_array(np.array([1.5, 2.0], dtype=np.float32))
    {'dtype': 'f4', 'bdata': 'AADAPwAAAEA='}
    >>> typed_array(np.array([1, 300]))  # int64 shrinks to int16
    {'dtype': 'i2', 'bdata': 'AQAsAQ=='}
    >>> typed_array(np.array(["a", "b"]))
    array(['a', 'b'], dtype='<U1')
    """
    if not isinstance(values, np.ndarray) or values.size == 0 or values.ndim != 1:
        return values
    kind = str(values.dtype)
    if kind in ("int64", "uint64"):
        low, high = values.min(), values.max()
        candidates = (
            ("int8", "int16", "int32") if kind == "int64" else ("uint8", "uint16", "uint32")
        )
        for name in candidates:
            info = np.iinfo(name)
            if info.min <= low and high <= info.max:
                values = values.astype(name)
                break
        else:
            return values
        kind = str(values.dtype)
    short = _SHORT_TYPES.get(kind)
    if short is None:
        return values
    data = np.ascontiguousarray(values)
    return {"dtype": short, "bdata": base64.b64encode(data).decode("ascii")}


def text_array(values: Sequence[Any]) -> np.ndarray:
    """Return texts (or rows of texts) as a numpy array for a figure.

    Plotly copies and serialises a numpy array in bulk, not item by item as a list
    (several times faster for thousands of points). Fixed-width unicode while the longest
    text is short; past :data:`FIXED_WIDTH_MAX` characters, objects, so one long text
    (the ids of 100 merged relations) does not widen every row.

    Examples
    --------
    >>> text_array(["a", "bc"]).dtype
    dtype('<U2')
    >>> text_array(["a", "b" * 300]).dtype
    dtype('O')
    """
    text = np.array(values, dtype=str)
    if text.dtype.itemsize > 4 * FIXED_WIDTH_MAX:
        text = np.empty(text.shape, dtype=object)
        text[...] = values if text.ndim == 1 else [tuple(row) for row in values]
    return text


def decoded(value: Any) -> Any:
    """Return a typed array spec as a numpy array (anything else unchanged): for reading
    a figure's coordinates back.

    Examples
    --------
    >>> decoded({"dtype": "f4", "bdata": "AADAPwAAAEA="}).tolist()
    [1.5, 2.0]
    >>> decoded([1, 2])
    [1, 2]
    """
    if isinstance(value, Mapping) and "bdata" in value and "dtype" in value:
        dtype = _LONG_TYPES[value["dtype"]]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=dtype)
    return value


def _encode(obj: Any) -> Any:
    """Numeric numpy arrays inside dicts and lists, encoded in place."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in _SKIPPED:
                continue
            if isinstance(value, np.ndarray):
                obj[key] = typed_array(value)
            elif isinstance(value, dict | list):
                _encode(value)
    elif isinstance(obj, list):
        for value in obj:
            if isinstance(value, dict):
                _encode(value)
    return obj


def plain_figure(
    traces: list[dict[str, Any]], layout: dict[str, Any] | None = None, *, validate: bool
) -> go.Figure:
    """Return the figure of plain-dict traces (and layout), validated only if asked.

    Parameters
    ----------
    traces : list of dict
        Traces as dicts with a ``type``; their numeric numpy arrays are encoded in place.
    layout : dict, optional
        The layout (keys set to None are left out).
    validate : bool
        Build through plotly's validation, arrays as they are (the reference the tests
        compare with). Otherwise nothing is validated while the figure is built;
        validation is back on once it stands, so later changes (``fig.update_layout``,
        a trace's ``legendgroup``) are checked as usual.

    Returns
    -------
    plotly.graph_objects.Figure

    Notes
    -----
    Cost O(t + a) for t trace properties and a array bytes.

    Examples
    --------
    >>> fig = plain_figure([{"type": "scatter", "x": np.array([0.5, 1.0])}], validate=False)
    >>> fig.to_plotly_json()["data"][0]["x"]
    {'dtype': 'f8', 'bdata': 'AAAAAAAA4D8AAAAAAADwPw=='}
    """
    layout = {k: v for k, v in (layout or {}).items() if v is not None}
    if validate:
        return go.Figure(data=traces, layout=layout)
    fig = go.Figure(data=[_encode(trace) for trace in traces], layout=layout, _validate=False)
    fig._validate = True
    fig.layout._validate = True
    for trace in fig.data:
        trace._validate = True
    return fig

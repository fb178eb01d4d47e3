"""Figures from plain-dict traces, ready to send: shared by the network, the map and the timeline.

Plotly validates every property of every trace when a figure is built, makes an object
for each trace and nested property, deep-copies them all twice (once when built, once
when sent) and converts every numpy array to a base64 "typed array" when it is
serialised, sniffing each array's type through several libraries first. With a few
hundred traces that costs more than the rest of the figure. The network and map builders
make their traces themselves, of known properties, so :func:`plain_figure` skips the
validation, hands numeric arrays over already encoded, exactly as plotly would encode
them, and returns a :class:`PlainFigure`, which makes plotly's trace objects only when
asked for them and sends without the deep copy. Tests build each figure both ways and
compare the JSON the browser receives.
"""

from __future__ import annotations

import base64
import copy
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

__all__ = [
    "VALIDATE",
    "PlainFigure",
    "decoded",
    "plain_figure",
    "plain_trace",
    "text_array",
    "typed_array",
]

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
_SHORT_BY_DTYPE = {np.dtype(name): short for name, short in _SHORT_TYPES.items()}
# 64-bit integers (plotly.js has none) and the narrower types tried, in order.
_NARROWER = {
    np.dtype("int64"): ("int8", "int16", "int32"),
    np.dtype("uint64"): ("uint8", "uint16", "uint32"),
}
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
    short = _SHORT_BY_DTYPE.get(values.dtype)  # dtype objects hash fast; str(dtype) is slow
    if short is None:
        narrower = _NARROWER.get(values.dtype)
        if narrower is None:
            return values
        low, high = values.min(), values.max()
        for name in narrower:
            info = np.iinfo(name)
            if info.min <= low and high <= info.max:
                values = values.astype(name)
                break
        else:
            return values
        short = _SHORT_BY_DTYPE[values.dtype]
    data = np.ascontiguousarray(values)
    return {"dtype": short, "bdata": base64.b64encode(data.data).decode("ascii")}


def plain_trace(kind: str, **properties: Any) -> dict[str, Any]:
    """Return a trace of plotly type ``kind`` as a plain dict, leaving out the properties
    set to None (plotly's default applies), for :func:`plain_figure`.

    Examples
    --------
    >>> plain_trace("scatter", x=[1], name=None)
    {'type': 'scatter', 'x': [1]}
    """
    return {"type": kind, **{k: v for k, v in properties.items() if v is not None}}


def text_array(values: Sequence[Any]) -> np.ndarray:
    """Return texts (or rows of texts) as a numpy array of objects, for a figure.

    An array of objects holds references to the strings: made, indexed and turned into
    the JSON's list without copying or padding a character (fixed-width unicode would
    pad every text to the longest, and a line merging a hundred relations has a long
    one). It also keeps plotly from checking a list item by item.

    Examples
    --------
    >>> text_array(["a", "bc"])
    array(['a', 'bc'], dtype=object)
    >>> text_array([("actor", "x"), ("relation", "R1")]).shape
    (2, 2)
    """
    values = list(values)
    text: np.ndarray
    if values and isinstance(values[0], tuple | list):
        text = np.empty((len(values), len(values[0])), dtype=object)
        text[...] = values
    else:
        text = np.empty(len(values), dtype=object)
        text[:] = values
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


class _MadeOnFirstUse:
    """An attribute of :class:`PlainFigure` whose first read makes the trace objects."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = f"{name}_made"

    def __get__(self, fig: Any, owner: type | None = None) -> Any:
        if fig is None:
            return self
        fig._make_traces()
        return fig.__dict__[self.slot]

    def __set__(self, fig: Any, value: Any) -> None:
        fig.__dict__[self.slot] = value


class PlainFigure(go.Figure):
    """A :class:`plotly.graph_objects.Figure` that is cheap to build from plain-dict
    traces and cheap to send.

    - Built by :func:`plain_figure`, it keeps the traces as the dicts they were given and
      makes plotly's trace objects only when something asks for them (``fig.data``,
      ``update_traces``, ``add_trace``...). A figure that goes straight to
      ``st.plotly_chart`` never needs them: plotly makes one object per trace and per
      nested property, and copies each, which with a few hundred traces costs more than
      the JSON.
    - :meth:`to_dict` builds the dict to send in one walk, where plotly's deep-copies
      every property and then walks the copy to encode numeric arrays: containers are
      new, numeric numpy arrays become typed array specs (:func:`typed_array`), other
      leaves (strings, numbers, text arrays, a map's ``geojson``) are shared with the
      figure, not copied. Treat the returned dict as read-only.

    The JSON sent is the same as plotly's own (tested, before and after the trace objects
    are made). Everything else is plotly's ``Figure``, unchanged.

    Examples
    --------
    >>> fig = PlainFigure(go.Scatter(x=np.array([0.5, 1.0]), text=np.array(["a", "b"])))
    >>> data = fig.to_dict()["data"][0]
    >>> data["x"], data["text"]
    ({'dtype': 'f8', 'bdata': 'AAAAAAAA4D8AAAAAAADwPw=='}, array(['a', 'b'], dtype='<U1'))
    """

    # plotly's BaseFigure keeps its traces in these three attributes and reads them
    # nowhere else; made to wait, they make the trace objects on first use.
    _data_objs = _MadeOnFirstUse()
    _data = _MadeOnFirstUse()
    _data_defaults = _MadeOnFirstUse()

    @classmethod
    def _of_plain(cls, traces: list[dict[str, Any]], layout: dict[str, Any]) -> PlainFigure:
        """The figure of ``traces`` (dicts of known, valid properties, arrays encoded),
        their trace objects left to be made when first asked for."""
        fig = cls(layout=layout, _validate=False)
        fig._validate = True
        fig.layout._validate = True
        fig.__dict__["_plain_traces"] = traces
        return fig

    def _make_traces(self) -> None:
        """Make plotly's trace objects of the plain traces, if not made yet."""
        traces = self.__dict__.get("_plain_traces")
        if traces is None:
            return
        made = go.Figure(data=traces, _validate=False)  # plotly's own construction
        objects, props, defaults = made._data_objs, made._data, made._data_defaults
        for trace in objects:
            trace._parent = self  # the trace reads its properties from self._data
            trace._validate = True  # later changes are checked as usual
        # Made: forget the plain traces only now (a failure above keeps them).
        del self.__dict__["_plain_traces"]
        self._data_objs, self._data, self._data_defaults = objects, props, defaults

    def to_dict(self) -> dict[str, Any]:
        """Return the figure as a dict ready for JSON, as plotly's ``to_dict`` does."""
        traces = self.__dict__.get("_plain_traces")
        result: dict[str, Any] = {
            "data": [_sendable(trace) for trace in (self._data if traces is None else traces)],
            "layout": _sendable(self._layout),
        }
        frames = [_sendable(frame._props) for frame in self._frame_objs]
        if frames:
            result["frames"] = frames
        return result


def _sendable(obj: Any) -> Any:
    """A copy of the containers in ``obj`` with its arrays converted as plotly's
    ``convert_to_base64`` converts them (a dict's array values; not arrays in lists)."""
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if key in _SKIPPED:
                out[key] = value
            elif isinstance(value, np.ndarray):
                out[key] = _array_spec(value)
            elif isinstance(value, dict | list | tuple):
                out[key] = _sendable(value)
            elif isinstance(value, str | int | float | bool | None):
                out[key] = value
            else:
                out[key] = _plotly_spec(value)
        return out
    if isinstance(obj, list | tuple):
        items = [_sendable(v) if isinstance(v, dict | list | tuple) else v for v in obj]
        return items if isinstance(obj, list) else tuple(items)
    return obj


def _array_spec(values: np.ndarray) -> Any:
    """A numpy array as plotly would send it: numeric ones as typed arrays (a 1-D one by
    :func:`typed_array`), text and booleans as they are (JSON writes the same list)."""
    if values.dtype.kind in "UOb":  # plotly makes these object arrays: the same list
        return values
    if values.ndim == 1 and (values.dtype in _SHORT_BY_DTYPE or values.dtype in _NARROWER):
        return typed_array(values)
    return _plotly_spec(values)


def _plotly_spec(value: Any) -> Any:
    """Anything else (pandas, dates, 2-D arrays): plotly's own conversion."""
    from _plotly_utils.basevalidators import is_homogeneous_array
    from _plotly_utils.utils import convert_to_base64, to_typed_array_spec

    if is_homogeneous_array(value):
        return to_typed_array_spec(value)
    value = copy.deepcopy(value)
    convert_to_base64(value)
    return value


#: Whether :func:`plain_figure` validates when not told (the network, map and timeline
#: builders leave it to this flag; the tests set it to compare both ways).
VALIDATE = False


def plain_figure(
    traces: list[dict[str, Any]],
    layout: dict[str, Any] | None = None,
    *,
    validate: bool | None = None,
) -> go.Figure:
    """Return the figure of plain-dict traces (and layout), validated only if asked.

    Parameters
    ----------
    traces : list of dict
        Traces as dicts with a ``type``; their numeric numpy arrays are encoded in place.
    layout : dict, optional
        The layout (keys set to None are left out).
    validate : bool, optional
        Build through plotly's validation, arrays as they are (the reference the tests
        compare with). Otherwise nothing is validated while the figure is built;
        validation is back on once it stands, so later changes (``fig.update_layout``,
        a trace's ``legendgroup``) are checked as usual. Default: :data:`VALIDATE`
        (False: validation costs most of a figure of thousands of traces and finds
        nothing in the traces our builders make).

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
    if VALIDATE if validate is None else validate:
        return go.Figure(data=traces, layout=layout)
    return PlainFigure._of_plain([_encode(trace) for trace in traces], layout)

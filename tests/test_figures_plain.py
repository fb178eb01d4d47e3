"""Tests of graph.figures._plain: figures built from plain dicts, sent as plotly sends them."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import plotly.tools
import pytest

from graph.figures import _plain
from graph.figures._plain import PlainFigure, decoded, plain_figure, text_array, typed_array

GEOJSON = {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "a"}]}


def sent(fig: go.Figure) -> str:
    """The JSON ``st.plotly_chart`` would send for ``fig``."""
    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return plotly.io.to_json(figure, validate=False)


def sent_by_plotly(fig: go.Figure) -> str:
    """The JSON plotly's own ``Figure.to_dict`` would make of the same figure."""
    return plotly.io.to_json(go.Figure.to_dict(fig), validate=False)


TRACES = {
    "float64": {"type": "scatter", "x": np.array([0.5, 1.0, np.nan]), "y": [1, 2, None]},
    "float32 and int64": {
        "type": "scattergl",
        "x": np.array([1.5, 2.5], dtype=np.float32),
        "y": np.array([1, 70000]),
        "marker": {"size": np.array([3, 4], dtype=np.int64), "color": "red"},
    },
    "huge int64": {"type": "scatter", "x": np.array([0, 2**40])},
    "uint64": {"type": "scatter", "x": np.array([1, 2], dtype=np.uint64)},
    "text, 2-D text, booleans": {
        "type": "scatter",
        "x": [1, 2],
        "text": np.array(["a", "<b>b</b>"]),
        "customdata": np.array([["relation", "R1"], ["relations", "R2,R3"]]),
        "selectedpoints": np.array([True, False]),
    },
    "objects": {"type": "scatter", "x": [1], "hovertext": np.array(["x" * 300], dtype=object)},
    "2-D numbers": {"type": "heatmap", "z": np.arange(6.0).reshape(2, 3)},
    "dates": {
        "type": "scatter",
        "x": np.array(["2021-01-01", "2021-02-01"], dtype="datetime64[ns]"),
        "y": pd.Series([1.0, 2.0]),
        "text": (dt.date(2021, 1, 1), "b"),
    },
    "pandas": {"type": "bar", "x": pd.Series(["a", "b"]), "y": pd.Series([1, 2])},
    "tuples and nested dicts": {
        "type": "scatter",
        "x": (1, 2),
        "line": {"color": "rgba(1,2,3,0.5)", "width": 2.5},
        "hoverlabel": {"font": {"size": np.array([10, 12])}},
    },
    "map with geojson": {
        "type": "choropleth",
        "geojson": GEOJSON,
        "locations": np.array(["a"]),
        "z": np.array([1.0]),
    },
    "empty arrays": {"type": "scatter", "x": np.array([], dtype=float), "y": []},
}


@pytest.mark.parametrize("trace", TRACES.values(), ids=TRACES.keys())
def test_sends_what_plotly_would_send(trace):
    layout = {"height": 300, "xaxis": {"range": np.array([0.0, 2.0])}, "meta": {"n": 1}}
    reference = go.Figure(data=[dict(trace)], layout=layout)
    fig = PlainFigure(data=[dict(trace)], layout=layout)
    assert sent(fig) == sent(reference) == sent_by_plotly(fig)
    assert fig.to_json() == reference.to_json()


def test_frames_are_sent_as_plotly_sends_them():
    frames = [go.Frame(data=[go.Scatter(x=np.array([1.0, 2.0]))], name="one")]
    reference = go.Figure(data=[go.Scatter(x=[0, 1])], frames=frames)
    assert sent(PlainFigure(data=[go.Scatter(x=[0, 1])], frames=frames)) == sent(reference)


def test_to_dict_leaves_the_figure_as_it_was():
    fig = plain_figure([dict(TRACES["float32 and int64"])], {"height": 300}, validate=False)
    before = fig.to_json()
    first = fig.to_dict()
    first["data"][0]["marker"]["color"] = "blue"  # the containers are the caller's own
    first["layout"]["height"] = 1
    assert fig.to_json() == before
    assert fig.data[0].marker.color == "red"


def test_changes_after_the_build_are_sent():
    fig = plain_figure([dict(TRACES["float64"])], {"height": 300}, validate=False)
    fig.update_layout(height=400)
    fig.data[0].x = np.array([7.0, 8.0])
    fig.add_trace(go.Scatter(x=np.array([1, 2])))
    assert sent(fig) == sent_by_plotly(fig)
    assert decoded(fig.to_dict()["data"][0]["x"]).tolist() == [7.0, 8.0]


def test_shares_large_leaves_instead_of_copying_them():
    fig = PlainFigure(data=[dict(TRACES["map with geojson"])])
    assert fig.to_dict()["data"][0]["geojson"] is fig._data[0]["geojson"]


@pytest.mark.parametrize("validate", [True, False])
def test_plain_figure_is_a_plotly_figure(validate):
    fig = plain_figure(
        [{"type": "scatter", "x": np.array([1.0])}], {"height": 200}, validate=validate
    )
    assert isinstance(fig, go.Figure)
    assert fig.layout.height == 200
    with pytest.raises(ValueError, match="bogus"):
        fig.update_layout(bogus=1)


@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        (np.array([1, 2]), "i1"),
        (np.array([-1, 40000]), "i4"),
        (np.array([1, 300], dtype=np.uint64), "u2"),
        (np.array([0.25], dtype=np.float32), "f4"),
        (np.array([0.25]), "f8"),
    ],
)
def test_typed_arrays_round_trip(values, dtype):
    spec = typed_array(values)
    assert spec["dtype"] == dtype
    assert decoded(spec).tolist() == values.tolist()


@pytest.mark.parametrize(
    "values",
    [np.array(["a"]), np.array([], dtype=float), np.zeros((2, 2)), np.array([2**40, -(2**40)])],
    ids=["text", "empty", "2-D", "past int32"],
)
def test_typed_array_leaves_what_it_cannot_encode(values):
    assert typed_array(values) is values


def test_text_arrays_hold_the_strings_themselves():
    texts = ["a", "b" * 1000]
    array = text_array(texts)
    assert array.dtype == object
    assert array.tolist() == texts
    assert array[1] is texts[1]  # referenced, not copied or padded
    rows = text_array([("actor", "x"), ("relation", "R1")])
    assert rows.shape == (2, 2)
    assert rows.tolist() == [["actor", "x"], ["relation", "R1"]]
    assert text_array([]).shape == (0,)


def built(traces=None) -> go.Figure:
    """A figure of plain traces whose trace objects are not made yet."""
    traces = traces or [dict(TRACES["float32 and int64"]), dict(TRACES["text, 2-D text, booleans"])]
    return plain_figure([dict(t) for t in traces], {"height": 300}, validate=False)


def made(fig: go.Figure) -> bool:
    return "_plain_traces" not in fig.__dict__


def test_trace_objects_are_made_only_when_asked_for():
    fig = built()
    json_before = json.loads(sent(fig))
    fig.update_layout(title="Layout changes need no traces")
    assert not made(fig)
    assert [t.type for t in fig.data] == ["scattergl", "scatter"]
    assert made(fig)
    assert all(trace.parent is fig for trace in fig.data)
    reference = json.loads(sent_by_plotly(fig))
    json_before["layout"]["title"] = {"text": "Layout changes need no traces"}
    assert json.loads(sent(fig)) == reference == json_before


@pytest.mark.parametrize(
    "change",
    [
        lambda fig: fig.update_traces(marker_color="green", selector={"type": "scattergl"}),
        lambda fig: fig.add_trace(go.Scatter(x=[5, 6], name="added")),
        lambda fig: setattr(fig.data[1], "name", "renamed"),
        lambda fig: fig.for_each_trace(lambda t: t.update(showlegend=False)),
        lambda fig: setattr(fig, "data", fig.data[::-1]),
        lambda fig: setattr(fig, "data", [fig.data[0]]),
    ],
    ids=["update_traces", "add_trace", "set property", "for_each_trace", "reorder", "drop"],
)
def test_trace_changes_on_a_fresh_figure_are_sent(change):
    fig, reference = built(), built()
    assert reference.data  # made first, then changed: plotly's own path
    change(fig)
    change(reference)
    assert sent(fig) == sent_by_plotly(fig) == sent(reference)


def test_the_figure_copies_and_pickles_before_its_traces_are_made():
    fig = built()
    copies = [copy.deepcopy(fig), pickle.loads(pickle.dumps(fig))]
    assert not made(fig)
    copies.append(go.Figure(fig))  # reads fig.data
    for copied in copies:
        assert json.loads(sent(copied)) == json.loads(sent(fig))
    assert json.loads(sent(fig)) == json.loads(sent_by_plotly(fig))


def test_trace_changes_are_validated_once_made():
    fig = built()
    with pytest.raises(ValueError, match="bogus"):
        fig.data[0].bogus = 1
    with pytest.raises(ValueError, match="sideways"):
        fig.data[0].mode = "sideways"


def test_a_failure_making_the_trace_objects_loses_no_trace(monkeypatch):
    fig = built()
    expected = json.loads(sent(fig))

    def broken(*args, **kwargs):
        raise RuntimeError("plotly failed")

    monkeypatch.setattr(_plain.go, "Figure", broken)
    with pytest.raises(RuntimeError, match="plotly failed"):
        _ = fig.data
    monkeypatch.undo()
    assert len(fig.data) == 2
    assert json.loads(sent(fig)) == expected

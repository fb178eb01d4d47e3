"""Tests of graph.figures.plotlyjs: the plotly.js bundle draws every figure we build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import plotly
import plotly.graph_objects as go
import pytest

from graph.build import build_graph
from graph.events.layer import EventDyad, EventLayer, PairMonth
from graph.figures.events import event_map_traces, pair_months_figure
from graph.figures.map import map_figure
from graph.figures.network import network_figure
from graph.figures.plotlyjs import PLOTLY_JS, TRACE_TYPES, bundled_traces, bundled_version
from graph.figures.timeline import timeline_figure
from graph.layout import layout_positions
from graph.load import Dataset, default_data_dir, load_dataset

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "scripts" / "plotly"
INSTALLED = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@pytest.fixture(scope="module")
def shipped() -> tuple[Dataset, nx.MultiDiGraph]:
    dataset = load_dataset(default_data_dir())
    return dataset, build_graph(dataset)


def test_the_bundle_is_the_plotly_js_release_of_the_installed_plotly() -> None:
    """After an upgrade of plotly this fails until the bundle is built again."""
    assert bundled_version() == bundled_version(INSTALLED)


def test_the_bundle_registers_the_trace_types_we_draw() -> None:
    assert bundled_traces() == TRACE_TYPES
    assert PLOTLY_JS.stat().st_size < INSTALLED.stat().st_size / 2


def test_the_build_script_pins_the_same_release_and_traces() -> None:
    package = json.loads((BUILD / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["plotly.js"] == bundled_version()
    lock = json.loads((BUILD / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/plotly.js"]["version"] == bundled_version()
    script = (BUILD / "build.js").read_text(encoding="utf-8")
    [listed] = re.findall(r"^const TRACES = \[(.*)\];$", script, re.MULTILINE)
    assert {"scatter", *re.findall(r"'(\w+)'", listed)} == TRACE_TYPES


def _types(fig: go.Figure | dict) -> set[str]:
    data = fig.to_dict()["data"] if isinstance(fig, go.Figure) else fig["data"]
    return {trace.get("type", "scatter") for trace in data}


@pytest.mark.parametrize("gl_threshold", [10_000, 1], ids=["svg", "webgl"])
def test_every_network_trace_type_is_bundled(shipped, gl_threshold: int) -> None:
    _, G = shipped
    fig = network_figure(G, layout_positions(G), gl_threshold=gl_threshold, selected="iran")
    assert ("scattergl" in _types(fig)) == (gl_threshold == 1)
    assert _types(fig) <= TRACE_TYPES


def test_every_map_and_timeline_trace_type_is_bundled(shipped) -> None:
    dataset, G = shipped
    assert _types(map_figure(G, dataset, selected="iran")) <= TRACE_TYPES
    assert _types(timeline_figure(G, dataset.events, selected="iran")) <= TRACE_TYPES


def test_every_event_data_trace_type_is_bundled() -> None:
    layer = EventLayer([EventDyad("gdelt", "iran", "pakistan", True, 3, "2021-01", "2021-02")])
    traces = event_map_traces(layer, {"iran": (51.4, 35.7), "pakistan": (73.0, 33.7)}, names={})
    assert {trace["type"] for trace in traces} <= TRACE_TYPES
    months = [
        PairMonth("gdelt", "2021-01", 3, 1.5, None),
        PairMonth("acled", "2021-01", 1, None, 2),
    ]
    assert _types(pair_months_figure(months, "Iran", "Pakistan")) <= TRACE_TYPES


@pytest.mark.parametrize(
    ("read", "match"),
    [
        (bundled_version, r"plotly\.min\.js: no 'plotly\.js vX\.Y\.Z'"),
        (bundled_traces, r"plotly\.min\.js: no '\* traces:' line"),
    ],
)
def test_a_file_without_the_header_is_named(tmp_path: Path, read, match: str) -> None:
    path = tmp_path / "plotly.min.js"
    path.write_text("/* a file of some other kind */", encoding="utf-8")
    with pytest.raises(ValueError, match=match):
        read(path)


def test_a_missing_bundle_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"scripts/plotly/build\.js"):
        bundled_version(tmp_path / "plotly.min.js")

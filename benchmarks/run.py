"""Server-side performance of Borderlines at growing sizes, beside the usual ways.

For each size (relations; actors are one tenth) the run generates a seeded dataset
(:mod:`benchmarks.generate`) and measures, in fresh subprocesses so sizes never share
memory or caches:

``load_validate``
    :func:`graph.load.load_dataset`: read, validate and type the seven tables.
``build``
    :func:`graph.build.build_graph`.
``filter_change``
    One filter click with the layout and the network table cached:
    :func:`graph.filters.apply_filters` with a changed spec (one relation type switched
    off, a different one each repeat), the network figure of what is left, and its
    serialisation the way ``st.plotly_chart``
    does it (``plotly.tools.return_figure_from_figure_or_data`` then
    ``plotly.io.to_json(validate=False)``).
``analysis``
    Actor measures, the signed view, unbalanced triads, the two camps and the blocs, on
    the whole graph.
``layout_cold`` / ``layout_cached``
    :func:`graph.layout.layout_positions` on the whole graph, and fetching it again the
    way the dashboard does (an ``st.cache_resource`` hit keyed by the data folder and
    its files' fingerprint, fingerprint included).
``figure_build``
    The network figure of the whole graph, built and serialised as above (what it costs
    to get the figure to the browser). ``payload_bytes`` is the size of that JSON. As on
    the page, the figure is given the layout and the network table
    (:func:`graph.figures.network.network_table`), both computed once per data version;
    the details give the table's own time and the figure built without it.
``page_rerun``
    ``dashboard.py`` under ``streamlit.testing.v1.AppTest`` with ``BORDERLINES_DATA`` set
    to the dataset: a first run warms the caches, then each timed run follows a change
    of a sidebar filter widget.
``peak_rss_bytes``
    ``ru_maxrss`` of the fresh process that ran the page (cold run plus the reruns).

The usual ways, on the same graph and positions, each timed from the graph to the text
that would be sent (ratios are their time divided by our ``figure_build``):

``per_edge_traces``
    One ``go.Scatter`` per relation (the common tutorial way) plus one node trace,
    serialised like ours. Past ``--cap`` relations it is timed on a sample of ``--cap``
    relations and scaled linearly to the full count (it is linear; the output says so).
``pyvis``
    ``pyvis.network.Network(directed=True, cdn_resources="in_line")`` with the same nodes
    (fixed positions, labels, hover titles) and relations, then ``generate_html()``: the
    HTML string only, nothing written, opened or fetched ("in_line" embeds vis-network
    instead of pointing at a CDN). Same sampling past ``--cap``: pyvis checks each new
    edge's ends against a list of nodes, so its cost per edge is fixed by the node count
    and scales linearly with the edges.
``json_floor``
    ``json.dumps`` of only what the figure must carry: node coordinates and labels, and
    one straight segment per relation (x0, x1, null and y0, y1, null). Timed in turn
    with ``figure_build``, one of each per run, so a busy spell of the machine slows
    both and their ratio stays.

Run from the repository root::

    uv run python benchmarks/run.py --sizes 100 1000 10000 100000 --json results.json

Timings are medians over ``--repeat`` runs of ``--clock`` seconds: ``cpu`` (default), the
CPU time of the measuring process and all its threads, which stays steady on a shared,
busy machine, or ``wall``; the table shows the other clock beside it. A stage stops
repeating once it has used ``--budget`` seconds (at least one run), and the table says
how many runs it had. Results and the machine they ran on: ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: graph/ lives at the repository root
    sys.path.insert(0, str(REPO))

__all__ = ["RATIOS", "STAGES", "main", "run_sizes"]

DASHBOARD = REPO / "dashboard.py"
DEFAULT_SIZES = (100, 1000, 10_000, 100_000)

#: Stage keys of the JSON, in table order (``*_s`` are median seconds).
STAGES: tuple[str, ...] = (
    "load_validate_s",
    "build_s",
    "filter_change_s",
    "analysis_s",
    "layout_cold_s",
    "layout_cached_s",
    "figure_build_s",
    "page_rerun_s",
    "payload_bytes",
    "peak_rss_bytes",
)
#: Ratio keys of the JSON: their time divided by our figure build.
RATIOS: tuple[str, ...] = ("per_edge_traces", "pyvis", "json_floor")


# --------------------------------------------------------------------------- timing


CLOCKS: dict[str, Callable[[], float]] = {"cpu": time.process_time, "wall": time.perf_counter}
CLOCK_TEXT = {
    "cpu": "CPU time of the measuring process, all threads: what the work costs, "
    "whatever else the machine runs",
    "wall": "elapsed time",
}


class Timer:
    """Repeat a callable and keep the median; stop early once ``budget`` s are spent.

    Both clocks are read around every run: ``cpu`` (this process's CPU time, all its
    threads) and ``wall``. The median of the chosen ``clock`` is what :meth:`median`
    returns; :attr:`other` keeps the median of the other clock by stage name.
    """

    def __init__(self, repeat: int, budget: float, clock: str = "cpu") -> None:
        self.repeat, self.budget, self.clock = repeat, budget, clock
        self.runs: dict[str, int] = {}
        self.other: dict[str, float] = {}

    def median(self, name: str, step: Callable[[int], Any]) -> tuple[float, Any]:
        """Median seconds of ``step(i)`` over the runs, and the last run's result."""
        return self.interleaved({name: step})[name]

    def interleaved(self, steps: dict[str, Callable[[int], Any]]) -> dict[str, tuple[float, Any]]:
        """:meth:`median` of several steps run in turn, one of each per round, so that
        their ratio sees the same machine (a busy spell slows all of them, not one)."""
        times = {name: {"cpu": [], "wall": []} for name in steps}
        results: dict[str, Any] = dict.fromkeys(steps)
        for i in range(self.repeat):
            for name, step in steps.items():
                cpu, wall = time.process_time(), time.perf_counter()
                results[name] = step(i)
                times[name]["wall"].append(time.perf_counter() - wall)
                times[name]["cpu"].append(time.process_time() - cpu)
            if sum(sum(t["wall"]) for t in times.values()) > self.budget:
                break
        other = "wall" if self.clock == "cpu" else "cpu"
        medians = {}
        for name, taken in times.items():
            self.runs[name] = len(taken["wall"])
            self.other[name] = statistics.median(taken[other])
            medians[name] = (statistics.median(taken[self.clock]), results[name])
        return medians


def peak_rss_bytes() -> int:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


# --------------------------------------------------------------------------- the page's way


def dashboard_serialise(fig: Any) -> str:
    """The figure's JSON as ``st.plotly_chart`` makes it (streamlit/elements/plotly_chart.py)."""
    import plotly.io
    import plotly.tools

    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return plotly.io.to_json(figure, validate=False)


# As dashboard.py calls graph/: the layout's frame and the network figure's options.
LAYOUT_FRAME = (600.0, 430.0)
NETWORK_OPTIONS: dict[str, Any] = {"size_by": "degree", "height": 620, "legend_position": "top"}
MAP_OPTIONS: dict[str, Any] = {
    "relation_legend": False,
    "height": 350,
    "width_hint": 440,
    "theme": "light",
}


def data_fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """As ``dashboard.data_fingerprint``: path, size and mtime of every file below."""
    files = (path for path in sorted(data_dir.rglob("*")) if path.is_file())
    return tuple(
        (str(path.relative_to(data_dir)), path.stat().st_size, path.stat().st_mtime_ns)
        for path in files
    )


def switched_off(G: Any, i: int) -> Any:
    """A changed filter spec: every relation type but one, a different one each call."""
    from graph.filters import FilterSpec

    types = list(G.graph["relation_types"])
    dropped = types[i % len(types)]
    return FilterSpec(types=[t for t in types if t != dropped])


def analysis_steps() -> dict[str, Callable[[Any, Any], Any]]:
    """The analysis the page runs on what is on screen (``dashboard.analysis_tables``):
    each step takes the graph and the signed view."""
    from graph import analysis
    from graph.details import bloc_rows

    return {
        "signed_view": lambda G, S: analysis.signed_view(G),
        "measures": lambda G, S: analysis.actor_measures(G),
        "unbalanced_triads": lambda G, S: analysis.unbalanced_triads(S, G),
        "camps": lambda G, S: analysis.camps(S) if S.number_of_edges() else None,
        "blocs": lambda G, S: bloc_rows(G, analysis.blocs(G)),
    }


def analyse(G: Any, seconds: dict[str, float] | None = None, clock: str = "cpu") -> dict[str, Any]:
    """Every step of :func:`analysis_steps` in order, the signed view computed once as
    on the page; each step's time on ``clock`` goes to ``seconds`` when given."""
    now = CLOCKS[clock]
    results: dict[str, Any] = {}
    S = None
    for name, step in analysis_steps().items():
        start = now()
        results[name] = step(G, S)
        if name == "signed_view":
            S = results[name]
        if seconds is not None:
            seconds[name] = now() - start
    return results


# --------------------------------------------------------------------------- the usual ways


def sampled_edges(G: Any, cap: int) -> tuple[list[tuple[Any, Any, dict[str, Any]]], float]:
    """The first ``cap`` relations (in id order) and the factor that scales to all of them."""
    edges = sorted(G.edges(data=True), key=lambda e: e[2]["id"])
    if len(edges) <= cap:
        return edges, 1.0
    return edges[:cap], len(edges) / cap


def per_edge_traces_figure(G: Any, positions: Any, edges: Sequence[Any]) -> Any:
    """The tutorial way: one ``go.Scatter`` per relation, one trace for the actors."""
    import plotly.graph_objects as go

    from graph import style

    colours = style.relation_type_colours(list(G.graph["relation_types"]))
    traces = []
    for u, v, d in edges:
        (x0, y0), (x1, y1) = positions[u], positions[v]
        traces.append(
            go.Scatter(
                x=[x0, x1, None],
                y=[y0, y1, None],
                mode="lines",
                line={"width": 1 + abs(d["intensity"]) / 4, "color": colours[d["relation"]]},
                hoverinfo="text",
                text=d["summary"],
                showlegend=False,
            )
        )
    nodes = list(G)
    traces.append(
        go.Scatter(
            x=[positions[n][0] for n in nodes],
            y=[positions[n][1] for n in nodes],
            mode="markers+text",
            text=[G.nodes[n].get("short_name") or n for n in nodes],
            hovertext=[G.nodes[n].get("name") or n for n in nodes],
            marker={"size": 10},
        )
    )
    return go.Figure(data=traces, layout={"showlegend": False, "hovermode": "closest"})


def pyvis_html(G: Any, positions: Any, edges: Sequence[Any]) -> str:
    """pyvis's HTML for the graph, vis-network inlined; nothing written or fetched."""
    from pyvis.network import Network

    from graph import style

    colours = style.relation_type_colours(list(G.graph["relation_types"]))
    net = Network(height="640px", width="100%", directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    for node, data in G.nodes(data=True):
        x, y = positions[node]
        net.add_node(
            node,
            label=data.get("short_name") or node,
            title=data.get("name") or node,
            x=x * 500,
            y=-y * 500,
            physics=False,
        )
    for u, v, d in edges:
        net.add_edge(
            u,
            v,
            title=d["summary"],
            color=colours[d["relation"]],
            width=1 + abs(d["intensity"]) / 4,
            dashes=d["sign"] < 0,
        )
    return net.generate_html()


def json_floor(G: Any, positions: Any) -> str:
    """The least the figure must carry: coordinates, labels and one segment per relation."""
    nodes = list(G)
    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for u, v in G.edges():
        (x0, y0), (x1, y1) = positions[u], positions[v]
        edge_x += (x0, x1, None)
        edge_y += (y0, y1, None)
    return json.dumps(
        {
            "nodes": {
                "x": [positions[n][0] for n in nodes],
                "y": [positions[n][1] for n in nodes],
                "label": [G.nodes[n].get("short_name") or n for n in nodes],
            },
            "edges": {"x": edge_x, "y": edge_y},
        }
    )


# --------------------------------------------------------------------------- workers


def stages_worker(
    data_dir: Path, repeat: int, budget: float, cap: int, clock: str
) -> dict[str, Any]:
    """Every stage but the page, and the usual ways, in this (fresh) process."""
    import streamlit as st

    from graph.build import build_graph
    from graph.figures.map import map_figure
    from graph.figures.network import network_figure, network_table
    from graph.filters import apply_filters
    from graph.geo import cited_lengths, country_shapes, shared_borders
    from graph.layout import layout_positions
    from graph.load import load_dataset

    timer = Timer(repeat, budget, clock)
    out: dict[str, Any] = {}
    details: dict[str, Any] = {}
    out["load_validate_s"], ds = timer.median("load_validate", lambda i: load_dataset(data_dir))
    out["build_s"], G = timer.median("build", lambda i: build_graph(ds))
    out["layout_cold_s"], positions = timer.median(
        "layout_cold", lambda i: layout_positions(G, frame=LAYOUT_FRAME)
    )

    # As the dashboard: an st.cache_resource keyed by folder and fingerprint, copied.
    @st.cache_resource(max_entries=4, show_spinner=False)
    def cached_layout(folder: str, fingerprint: tuple[tuple[str, int, int], ...]) -> Any:
        return layout_positions(G, frame=LAYOUT_FRAME)

    cached_layout(str(data_dir), data_fingerprint(data_dir))  # the cold miss
    out["layout_cached_s"], _ = timer.median(
        "layout_cached",
        lambda i: dict(cached_layout(str(data_dir), data_fingerprint(data_dir))),
    )

    # As the dashboard: the network's columns of the whole graph, built once per data
    # version (cached with the layout) and passed with every view.
    details["network_table_s"], table = timer.median("network_table", lambda i: network_table(G))

    def figure(graph: Any) -> str:
        return dashboard_serialise(network_figure(graph, positions, table=table, **NETWORK_OPTIONS))

    # Warm up once on a small piece, untimed: plotly builds its validators, and pyvis
    # its template, on first use.
    small = G.subgraph(list(G)[:20]).copy()
    figure(small)
    dashboard_serialise(map_figure(small, ds, **MAP_OPTIONS))
    few = list(small.edges(data=True))[:5]
    dashboard_serialise(per_edge_traces_figure(small, positions, few))
    pyvis_html(small, positions, few)

    # Ours and the floor in turn, run by run: their ratio is the target.
    paired = timer.interleaved(
        {"figure_build": lambda i: figure(G), "json_floor": lambda i: json_floor(G, positions)}
    )
    out["figure_build_s"], payload = paired["figure_build"]
    out["payload_bytes"] = len(payload.encode("utf-8"))
    details["figure_only_s"], fig = timer.median(
        "figure_only", lambda i: network_figure(G, positions, table=table, **NETWORK_OPTIONS)
    )
    details["figure_build_without_table_s"], _ = timer.median(
        "figure_build_without_table",
        lambda i: dashboard_serialise(network_figure(G, positions, **NETWORK_OPTIONS)),
    )
    details["serialise_only_s"], _ = timer.median(
        "serialise_only", lambda i: dashboard_serialise(fig)
    )
    details["trace_count"] = len(fig.data)

    out["filter_change_s"], filtered = timer.median(
        "filter_change", lambda i: figure(apply_filters(G, switched_off(G, i)))
    )
    details["filtered_payload_bytes"] = len(filtered.encode("utf-8"))
    details["filter_only_s"], H = timer.median(
        "filter_only", lambda i: apply_filters(G, switched_off(G, i))
    )
    # As the dashboard: the map's geometry and cited lengths read once, from its caches.
    geometry = {"shapes": country_shapes(), "borders": shared_borders(), "cited": cited_lengths(ds)}
    details["map_figure_s"], _ = timer.median(
        "map_figure",
        lambda i: dashboard_serialise(map_figure(H, ds, **MAP_OPTIONS, **geometry)),
    )
    steps: dict[str, float] = {}
    out["analysis_s"], results = timer.median("analysis", lambda i: analyse(G, steps, clock))
    for name, seconds in steps.items():  # the last run's share of each step
        details[f"analysis_{name}_s"] = seconds
    details["betweenness"] = results["measures"].attrs.get("betweenness", "")
    details["pipeline_peak_rss_bytes"] = peak_rss_bytes()

    edges, scale = sampled_edges(G, cap)
    details["sampled_relations"] = len(edges) if scale > 1 else None
    per_edge, _ = timer.median(
        "per_edge_traces",
        lambda i: dashboard_serialise(per_edge_traces_figure(G, positions, edges)),
    )
    pyvis_nodes_only, _ = timer.median("pyvis_nodes", lambda i: pyvis_html(G, positions, []))
    pyvis_sampled, html = timer.median("pyvis", lambda i: pyvis_html(G, positions, edges))
    floor, floor_text = paired["json_floor"]

    # Linear scaling of the sampled part: the per-edge work times the full edge count.
    details["per_edge_traces_s"] = per_edge * scale
    details["pyvis_s"] = pyvis_nodes_only + (pyvis_sampled - pyvis_nodes_only) * scale
    details["pyvis_html_bytes"] = len(html.encode("utf-8"))
    details["json_floor_s"] = floor
    details["json_floor_bytes"] = len(floor_text.encode("utf-8"))

    # The filter change again once the objects built so far are out of the garbage
    # collector's sight, as the page would have them with ``gc.freeze()`` after its
    # cached build (the collector otherwise rescans the whole graph every few changes).
    gc.freeze()
    details["filter_change_frozen_s"], _ = timer.median(
        "filter_change_frozen", lambda i: figure(apply_filters(G, switched_off(G, i)))
    )
    gc.unfreeze()
    details["runs"] = timer.runs
    details["other_clock_s"] = timer.other
    ours = out["figure_build_s"]
    return {
        "relations": G.number_of_edges(),
        "actors": G.number_of_nodes(),
        "stages": out,
        "ratios": {
            "per_edge_traces": details["per_edge_traces_s"] / ours,
            "pyvis": details["pyvis_s"] / ours,
            "json_floor": floor / ours,
        },
        "details": details,
    }


@contextlib.contextmanager
def counting_layouts() -> Iterator[list[int]]:
    """Count calls of :func:`graph.layout.layout_positions` (the page imports it per run)."""
    import graph.layout

    original = graph.layout.layout_positions
    calls = [0]

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    graph.layout.layout_positions = counted  # type: ignore[assignment]
    try:
        yield calls
    finally:
        graph.layout.layout_positions = original  # type: ignore[assignment]


def change_a_filter(at: Any, i: int, full: dict[str, list[Any]]) -> str:
    """Change one sidebar filter of the page; return what was changed.

    Prefers the relation-type multiselect: every type but one, a different one each
    time (so every rerun is a filter the page has not seen). Then any sidebar
    multiselect the same way, then a checkbox or toggle; with none, it only reruns.
    ``full`` remembers each multiselect's first value (all chosen, by default).
    """
    multiselects = list(at.sidebar.multiselect) or list(at.multiselect)
    if multiselects:
        typed = [w for w in multiselects if "type" in f"{w.key} {w.label}".lower()]
        widget = (typed or multiselects)[0]
        values = full.setdefault(str(widget.key or widget.label), list(widget.value))
        if values:
            dropped = values[i % len(values)]
            widget.set_value([v for v in values if v != dropped])
            return f"multiselect {widget.label!r}: every value but {dropped!r}"
    for kind in ("toggle", "checkbox"):
        widgets = list(getattr(at.sidebar, kind)) or list(getattr(at, kind))
        if widgets:
            widget = widgets[0]
            widget.set_value(not widget.value)
            return f"{kind} {widget.label!r}"
    return "no filter widget on the page: plain rerun"


def page_worker(
    data_dir: Path, repeat: int, budget: float, clock: str, timeout: float = 300.0
) -> dict[str, Any]:
    """The page through AppTest: one warm-up run, then timed reruns after a filter change."""
    os.environ["BORDERLINES_DATA"] = str(data_dir)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(DASHBOARD), default_timeout=timeout)
    with counting_layouts() as calls:
        start = CLOCKS[clock]()
        at.run()
        cold = CLOCKS[clock]() - start
        errors = [str(e.value)[:300] for e in [*at.exception, *at.error]]
        cold_layouts = calls[0]
        changed = ""
        full: dict[str, list[Any]] = {}

        def rerun(i: int) -> None:
            nonlocal changed
            changed = change_a_filter(at, i, full)
            at.run()

        timer = Timer(repeat, budget, clock)
        rerun_s, _ = timer.median("page_rerun", rerun)
        errors += [str(e.value)[:300] for e in at.exception]
        errors += [str(e.value)[:300] for e in at.error]
        rerun_layouts = calls[0] - cold_layouts
    # AppTest compiles the script afresh on every run (a new ScriptCache each time); a
    # served page compiles it once. Timed on its own to say how much of a rerun that is.
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    compile_s, _ = timer.median(
        "page_compile", lambda i: ScriptCache().get_bytecode(str(DASHBOARD))
    )
    return {
        "page_rerun_s": rerun_s,
        "page_compile_s": compile_s,
        "page_cold_s": cold,
        "page_rerun_other_clock_s": timer.other["page_rerun"],
        "peak_rss_bytes": peak_rss_bytes(),
        "runs": timer.runs["page_rerun"],
        "changed": changed,
        "layouts_on_cold_run": cold_layouts,
        "layouts_on_filter_changes": rerun_layouts,
        "exceptions": errors,
    }


def run_worker(
    kind: str, data_dir: Path, args: argparse.Namespace, timeout: float | None = None
) -> dict[str, Any] | None:
    """Run a worker in a fresh interpreter and return its JSON answer; None when it has
    not answered within ``timeout`` seconds (it is then stopped)."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        kind,
        "--data",
        str(data_dir),
        "--repeat",
        str(args.repeat),
        "--budget",
        str(args.budget),
        "--cap",
        str(args.cap),
        "--clock",
        args.clock,
        "--page-timeout",
        str(args.page_timeout),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=REPO, check=False, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise RuntimeError(f"{kind} worker failed on {data_dir}:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- report


def _seconds(value: float | None) -> str:
    if value is None:
        return "timed out"
    if value < 1e-3:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1e3:.1f} ms"
    return f"{value:.2f} s"


def _bytes(value: int) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if value >= size:
            return f"{value / size:.2f} {unit}"
    return f"{value} B"


def print_size(
    entry: dict[str, Any], details: dict[str, Any], page: dict[str, Any], clock: str
) -> None:
    """One size's table, with the details behind it; times on ``clock``."""
    other_clock = "wall" if clock == "cpu" else "cpu"
    stages, ratios = entry["stages"], entry["ratios"]
    runs, other = details["runs"], details["other_clock_s"]
    print(f"\n== {entry['relations']} relations, {entry['actors']} actors")
    print(f"  {'stage':<18} {clock + ' (median)':>14} {other_clock:>10}  runs")
    for key in STAGES:
        value = stages[key]
        name = key.removesuffix("_s")
        if key.endswith("_bytes"):
            print(f"  {key:<18} {_bytes(value):>14}")
        else:
            count = page["runs"] if name == "page_rerun" else runs.get(name, "")
            second = page["page_rerun_other_clock_s"] if name == "page_rerun" else other[name]
            print(f"  {key:<18} {_seconds(value):>14} {_seconds(second):>10}  {count}")
    sampled = details["sampled_relations"]
    note = f" (timed on {sampled} relations, scaled linearly)" if sampled else ""
    print(
        f"  figure build = {_seconds(details['figure_only_s'])} figure + "
        f"{_seconds(details['serialise_only_s'])} serialisation; "
        f"{details['trace_count']} traces; without the network table (built once per "
        f"data version in {_seconds(details['network_table_s'])}): "
        f"{_seconds(details['figure_build_without_table_s'])}"
    )
    print(
        f"  filter change: apply_filters {_seconds(details['filter_only_s'])}, then figure "
        f"and serialisation ({_bytes(details['filtered_payload_bytes'])})"
    )
    parts = ", ".join(
        f"{key.removeprefix('analysis_').removesuffix('_s')} {_seconds(value)}"
        for key, value in details.items()
        if key.startswith("analysis_")
    )
    print(f"  analysis: {parts}")
    print(f"  map figure of the filtered graph, serialised: {_seconds(details['map_figure_s'])}")
    print(
        f"  per-edge traces {_seconds(details['per_edge_traces_s'])}{note}: "
        f"{ratios['per_edge_traces']:.1f}x ours"
    )
    print(
        f"  pyvis HTML {_seconds(details['pyvis_s'])}{note}, "
        f"{_bytes(details['pyvis_html_bytes'])} with vis-network inlined"
        f"{' for the sample' if sampled else ''}: {ratios['pyvis']:.1f}x ours"
    )
    print(
        f"  json floor {_seconds(details['json_floor_s'])} "
        f"({_bytes(details['json_floor_bytes'])}): {ratios['json_floor']:.3f}x ours "
        f"(ours is {1 / ratios['json_floor']:.1f}x the floor)"
    )
    frozen = _seconds(details["filter_change_frozen_s"])
    print(f"  filter change with gc.freeze() after the build: {frozen}")
    print(f"  betweenness: {details['betweenness']}")
    print(
        f"  page: cold run {_seconds(page['page_cold_s'])}; filter change: {page['changed']}; "
        f"layout computed {page['layouts_on_cold_run']}x on the cold run, "
        f"{page['layouts_on_filter_changes']}x on {page['runs']} filter changes; "
        f"of each rerun, {_seconds(page['page_compile_s'])} is AppTest compiling "
        "dashboard.py afresh (a served page compiles it once)"
    )
    print(
        "  peak RSS of the stage worker before the comparisons: "
        f"{_bytes(details['pipeline_peak_rss_bytes'])}"
    )
    for error in page["exceptions"]:
        print(f"  PAGE EXCEPTION: {error}")


def print_growth(entries: list[dict[str, Any]]) -> None:
    """Each stage's time at each size and its growth factor per step in size."""
    if len(entries) < 2:
        return
    print("\n== growth (time ratio between consecutive sizes; data ratio in the header)")
    steps = [f"x{b['relations'] / a['relations']:g}" for a, b in itertools.pairwise(entries)]
    print(f"  {'stage':<18} " + " ".join(f"{s:>8}" for s in steps))
    for key in STAGES:
        values = [e["stages"][key] for e in entries]
        growth = [
            f"{b / a:8.1f}" if a and b is not None else f"{'-':>8}"
            for a, b in itertools.pairwise(values)
        ]
        print(f"  {key:<18} " + " ".join(growth))


def run_sizes(args: argparse.Namespace) -> dict[str, Any]:
    """Generate, measure and print every size; return the JSON document."""
    from benchmarks.generate import generate

    entries = []
    with tempfile.TemporaryDirectory(prefix="borderlines-bench-") as scratch:
        for size in args.sizes:
            data_dir = Path(args.data_root or scratch) / f"relations-{size}"
            started = time.perf_counter()
            generate(size, seed=args.seed, out=data_dir)
            stages = run_worker("stages", data_dir, args)
            assert stages is not None  # no timeout: the stages always answer
            page = None
            if not args.skip_page:
                page = run_worker("page", data_dir, args, timeout=args.page_timeout)
            if page is None:
                # Skipped, or stopped after --page-timeout: no page time (null in the JSON).
                timed_out = not args.skip_page
                page = {
                    "page_rerun_s": None if timed_out else 0.0,
                    "page_cold_s": None if timed_out else 0.0,
                    "page_compile_s": None if timed_out else 0.0,
                    "page_rerun_other_clock_s": None if timed_out else 0.0,
                    "peak_rss_bytes": stages["details"]["pipeline_peak_rss_bytes"],
                    "runs": 0,
                    "changed": f"page stopped after {args.page_timeout:g} s (--page-timeout)"
                    if timed_out
                    else "page skipped (--skip-page)",
                    "layouts_on_cold_run": 0,
                    "layouts_on_filter_changes": 0,
                    "exceptions": [],
                }
            entry = {
                "relations": stages["relations"],
                "actors": stages["actors"],
                "stages": {
                    **stages["stages"],
                    "page_rerun_s": page["page_rerun_s"],
                    "peak_rss_bytes": page["peak_rss_bytes"],
                },
                "ratios": stages["ratios"],
            }
            entry["stages"] = {key: entry["stages"][key] for key in STAGES}
            entries.append(entry)
            print_size(entry, stages["details"], page, args.clock)
            print(f"  (size done in {time.perf_counter() - started:.1f} s)", flush=True)
    print_growth(entries)
    return {"sizes": entries}


def machine() -> str:
    """One line about the machine, for the printout."""
    model = ""
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        model = next(
            (line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), ""
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} CPUs {model}; Python {platform.python_version()}; load {load}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (median)")
    parser.add_argument(
        "--budget", type=float, default=10.0, help="seconds after which a stage stops repeating"
    )
    parser.add_argument(
        "--cap", type=int, default=10_000, help="relations the usual ways are timed on at most"
    )
    parser.add_argument(
        "--clock",
        choices=tuple(CLOCKS),
        default="cpu",
        help="cpu: this process's CPU seconds, steady on a busy machine (default); wall",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data-root", type=Path, default=None, help="keep generated data here")
    parser.add_argument("--skip-page", action="store_true", help="no AppTest page rerun")
    parser.add_argument(
        "--page-timeout",
        type=float,
        default=300.0,
        help="seconds the page worker (cold run and reruns) may take before it is stopped "
        "and reported as timed out",
    )
    parser.add_argument("--worker", choices=("stages", "page"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.cap < 1 or args.budget <= 0 or args.page_timeout <= 0:
        parser.error("--repeat, --cap, --budget and --page-timeout must be positive")

    if args.worker:
        # Streamlit and plotly may print; only the last line of stdout is the answer.
        noise = io.StringIO()
        with contextlib.redirect_stdout(noise):
            if args.worker == "stages":
                answer = stages_worker(args.data, args.repeat, args.budget, args.cap, args.clock)
            else:
                answer = page_worker(
                    args.data, args.repeat, args.budget, args.clock, args.page_timeout
                )
        print(json.dumps(answer))
        return 0

    print(f"Borderlines benchmark on {machine()}")
    print(f"Times are medians of {args.clock} seconds ({CLOCK_TEXT[args.clock]}).")
    document = run_sizes(args)
    if args.json is not None:
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

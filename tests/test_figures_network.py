"""Tests of graph.figures.network: the network figure, traces, hover, selection, scale."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import networkx as nx
import numpy as np
import plotly.graph_objects as go
import plotly.io
import plotly.tools
import pytest

from graph import style
from graph.build import build_graph
from graph.figures import _plain
from graph.figures._plain import PlainFigure, decoded
from graph.figures.network import SIZE_MEASURES, network_figure, network_table, node_measure
from graph.filters import FilterSpec, apply_filters
from graph.layout import layout_positions
from graph.load import load_dataset

HOSTILE_NAME = "<img src=x onerror=alert(1)>"

RELATION_TYPES = {
    # id: (label, sign, default intensity)
    "military_cooperation": ("Military cooperation", 1, 7.0),
    "rivalry": ("Rivalry", -1, -3.0),
    "affiliation": ("Affiliation", 0, 0.0),
    "accusation": ("Accusation", -1, -2.0),
}

ACTORS = {
    # id: (name, short name, Arabic name, kind)
    "iran": ("Iran", "Iran", "إيران", "state"),
    "pakistan": ("Pakistan", None, "باكستان", "state"),
    "irgc": ("Islamic Revolutionary Guard Corps", "IRGC", "الحرس الثوري", "military"),
    "taliban": ("Taliban", "Taliban", "طالبان", "political_movement"),
    "troll": (HOSTILE_NAME, None, "<b>x</b>", "media"),
}

RELATIONS = [
    # id, source, target, directed, type, intensity, confidence
    ("R001", "iran", "pakistan", False, "military_cooperation", 7.0, "high"),
    ("R002", "iran", "pakistan", False, "rivalry", -3.0, "moderate"),
    ("R003", "irgc", "iran", True, "affiliation", 0.0, "high"),
    ("R004", "pakistan", "taliban", True, "accusation", -2.0, "low"),
    ("R005", "pakistan", "taliban", True, "accusation", -5.0, "low"),
    ("R006", "troll", "iran", True, "accusation", -1.0, "moderate"),
    ("R007", "iran", "taliban", False, "rivalry", -4.0, "high"),
]


def relationship_graph() -> nx.MultiDiGraph:
    """A hand-built graph carrying exactly the contract's attributes."""
    G = nx.MultiDiGraph()
    G.graph["relation_types"] = {
        type_id: {
            "id": type_id,
            "label": label,
            "plover": "NONE",
            "plover_context": None,
            "cameo": None,
            "quad_class": 0,
            "sign": sign,
            "default_intensity": intensity,
            "description": f"{label}, in our words.",
        }
        for type_id, (label, sign, intensity) in RELATION_TYPES.items()
    }
    G.graph["actor_kinds"] = [
        "state",
        "government_body",
        "military",
        "armed_group",
        "political_movement",
        "person",
        "organisation",
        "media",
        "multilateral_forum",
        "community",
    ]
    G.graph["sources"] = {
        "mena-2021-10": {
            "id": "mena-2021-10",
            "title": "Iran and Pakistan",
            "publisher": "Middle East News",
            "original_publisher": "Al-Monitor",
            "language": "ar",
            "published": "2021-10",
            "file": None,
            "url": None,
            "body_from": 3,
            "body_to": 27,
            "note": None,
        }
    }
    G.graph["as_of"] = date(2021, 10, 31)
    for actor_id, (name, short, name_ar, kind) in ACTORS.items():
        G.add_node(
            actor_id,
            id=actor_id,
            name=name,
            short_name=short,
            aliases=(),
            name_ar=name_ar,
            aliases_ar=(),
            kind=kind,
            iso3=None,
            country=None,
            place=None,
            wikidata=None,
            description=f"About {name}.",
        )
    for ident, u, v, directed, type_id, intensity, confidence in RELATIONS:
        label, sign, _ = RELATION_TYPES[type_id]
        G.add_edge(
            u,
            v,
            key=ident,
            id=ident,
            source=u,
            target=v,
            directed=directed,
            relation=type_id,
            sign=sign,
            intensity=intensity,
            start="2021-10",
            end=None,
            status="reported",
            confidence=confidence,
            source_reliability="B",
            info_credibility=2,
            summary=f"{label} of {u} and {v} <script>.",
            evidence="mena-2021-10:3,5-7",
            label=label,
            valid_from=date(2021, 10, 1),
            valid_to=None,
        )
    return G


POSITIONS = {
    "iran": (-0.5, 0.0),
    "pakistan": (0.5, 0.0),
    "irgc": (-0.9, 0.6),
    "taliban": (0.0, -0.8),
    "troll": (-0.9, -0.6),
    "elsewhere": (0.9, 0.9),  # positions may cover more actors than the graph holds
}


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return relationship_graph()


def line_traces(fig):
    return [t for t in fig.data if t.mode == "lines" and t.showlegend is False]


def hover_traces(fig):
    return [t for t in fig.data if t.customdata is not None and t.customdata[0][0] != "actor"]


def node_traces(fig):
    return [t for t in fig.data if t.customdata is not None and t.customdata[0][0] == "actor"]


def label_traces(fig):
    return [t for t in fig.data if t.mode == "markers+text"]


def labels_by_kind(fig) -> dict[str, list[str]]:
    return {t.legendgroup: list(t.text) for t in label_traces(fig)}


def arrow_traces(fig):
    return [t for t in fig.data if t.marker is not None and t.marker.symbol == "arrow"]


def per_actor(fig, values) -> dict[str, float]:
    """``actor id -> values(trace)[i]`` over the node traces (sizes, opacities)."""
    return {
        ident: float(value)
        for t in node_traces(fig)
        for (_, ident), value in zip(t.customdata, values(t), strict=True)
    }


def customdata_ids(fig, tags=("relation", "relations")):
    return [
        ident
        for t in hover_traces(fig)
        for tag, idents in t.customdata
        if tag in tags
        for ident in idents.split(",")
    ]


def alpha(trace) -> float:
    return float(trace.line.color.rsplit(",", 1)[1].rstrip(")"))


def points(trace) -> np.ndarray:
    xy = np.column_stack(
        [np.asarray(decoded(trace.x), dtype=float), np.asarray(decoded(trace.y), dtype=float)]
    )
    return xy[~np.isnan(xy).any(axis=1)]


def synthetic_graph(actors: int, relations: int, *, types: int = 3, seed: int = 5):
    """Random graph with the contract's edge attributes that the figure reads."""
    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph()
    type_ids = [f"type_{i}" for i in range(types)]
    G.graph["relation_types"] = {t: {"id": t, "label": t, "sign": 1} for t in type_ids}
    for i in range(actors):
        G.add_node(f"a{i}", name=f"Actor {i}", name_ar="", kind="state")
    for k in range(relations):
        u, v = rng.choice(actors, size=2, replace=False)
        G.add_edge(
            f"a{u}",
            f"a{v}",
            key=f"R{k:05d}",
            relation=type_ids[k % types],
            sign=[1, -1, 0][k % 3],
            intensity=float(rng.uniform(-10, 10)),
            confidence=style.CONFIDENCE_LEVELS[k % 3],
            directed=bool(k % 2),
        )
    positions = {f"a{i}": tuple(rng.uniform(-1, 1, size=2)) for i in range(actors)}
    return G, positions


# --------------------------------------------------------------------------- traces


@pytest.mark.parametrize("relations", [30, 300, 3000])
def test_trace_count_depends_on_styles_not_relations(relations):
    G, positions = synthetic_graph(40, relations)

    fig = network_figure(G, positions)

    # Per type: a legend entry, a hover trace, an arrow trace and at most one line trace
    # per (sign, confidence, width) style; plus one trace per kind and a 6-entry key.
    styles = 3 * 3 * 3
    assert len(fig.data) <= 3 * (3 + styles) + 1 + 6
    assert len(line_traces(fig)) <= 3 * styles


@pytest.mark.parametrize(
    ("type_id", "dash"),
    [("military_cooperation", "solid"), ("rivalry", "dash"), ("affiliation", "dot")],
)
def test_lines_are_dashed_by_sign(G, type_id, dash):
    fig = network_figure(G, POSITIONS)

    traces = [t for t in line_traces(fig) if t.legendgroup == type_id]
    assert traces
    assert {t.line.dash for t in traces} == {dash}


def test_lines_are_coloured_by_type_in_vocabulary_order(G):
    fig = network_figure(G, POSITIONS)
    colours = style.relation_type_colours(RELATION_TYPES)

    for trace in line_traces(fig):
        assert trace.line.color.startswith(style.rgba(colours[trace.legendgroup], 1.0)[:-2])


def test_opacity_follows_confidence(G):
    fig = network_figure(G, POSITIONS)

    accusations = {alpha(t) for t in line_traces(fig) if t.legendgroup == "accusation"}
    assert accusations == {style.CONFIDENCE_OPACITY["low"], style.CONFIDENCE_OPACITY["moderate"]}


def test_parallel_relations_take_distinct_curves_between_the_same_ends(G):
    fig = network_figure(G, POSITIONS)
    by_type = {t.legendgroup: t for t in line_traces(fig)}
    ends = {tuple(POSITIONS["iran"]), tuple(POSITIONS["pakistan"])}

    cooperation = points(by_type["military_cooperation"])
    moderate = style.CONFIDENCE_OPACITY["moderate"]
    rivalry = points(
        next(t for t in line_traces(fig) if t.legendgroup == "rivalry" and alpha(t) == moderate)
    )
    assert len(cooperation) > 2
    assert {tuple(np.round(cooperation[[0, -1]], 3).tolist()[i]) for i in (0, 1)} == ends
    assert {tuple(np.round(rivalry[[0, -1]], 3).tolist()[i]) for i in (0, 1)} == ends
    middle = len(cooperation) // 2
    assert np.linalg.norm(cooperation[middle] - rivalry[middle]) > 0.05


def test_a_single_relation_is_straight(G):
    fig = network_figure(G, POSITIONS)

    affiliation = [t for t in line_traces(fig) if t.legendgroup == "affiliation"]
    assert len(points(affiliation[0])) == 2


def test_every_relation_has_one_hover_point_that_names_it(G):
    fig = network_figure(G, POSITIONS)

    assert Counter(customdata_ids(fig)) == Counter(r[0] for r in RELATIONS)
    assert all(tag == "relation" for t in hover_traces(fig) for tag, _ in t.customdata)


def test_every_actor_has_one_clickable_marker(G):
    fig = network_figure(G, POSITIONS)

    ids = [ident for t in node_traces(fig) for _, ident in t.customdata]
    assert Counter(ids) == Counter(G)


def test_hover_carries_the_essentials(G):
    fig = network_figure(G, POSITIONS)
    texts = {
        c[1]: h for t in hover_traces(fig) for c, h in zip(t.customdata, t.hovertext, strict=True)
    }

    text = texts["R003"]
    expected = [
        "Affiliation",
        "Islamic Revolutionary Guard Corps → Iran",
        "الحرس الثوري",
        "since 2021-10",
        "reported",
        "confidence high",
        "grade B2",
        "Middle",
        "2021-10, ¶ 3, 5\u20137",
        "R003",
    ]
    for part in expected:
        assert part in text, part
    assert "Iran \u2013 Pakistan" in texts["R001"]  # undirected: a dash, no arrow


def test_arrowheads_only_for_directed_relations(G):
    fig = network_figure(G, POSITIONS)

    drawn = [s for t in arrow_traces(fig) for s in decoded(t.marker.size) if s > 0]
    assert len(drawn) == sum(1 for r in RELATIONS if r[3])
    assert {t.marker.angleref for t in arrow_traces(fig)} == {"previous"}


def test_nodes_by_kind_with_symbol_and_short_labels(G):
    fig = network_figure(G, POSITIONS)
    by_kind = {t.legendgroup: t for t in node_traces(fig)}

    assert by_kind["kind:state"].marker.symbol == style.actor_kind_style("state").symbol
    assert by_kind["kind:military"].name == "Military"
    labels = labels_by_kind(fig)
    assert labels["kind:military"] == ["IRGC"]
    assert sorted(labels["kind:state"]) == ["Iran", "Pakistan"]  # name if no short


def test_labels_lie_above_every_marker_and_line(G):
    fig = network_figure(G, POSITIONS, selected="iran")
    first_label = [t.mode for t in fig.data].index("markers+text")
    after = fig.data[first_label:]  # labels, and the legend-only key (draws nothing)
    assert all(t.mode == "markers+text" or tuple(t.x) == (None,) for t in after)
    for trace in label_traces(fig):
        assert trace.hoverinfo == "skip"
        assert trace.showlegend is False
        assert trace.marker.color == "rgba(0,0,0,0)"  # sets the text off, draws nothing
        assert trace.legendgroup.startswith("kind:")  # hidden with its kind
    assert "<b>Iran</b>" in labels_by_kind(fig)["kind:state"]
    assert not any(t.text for t in node_traces(fig))
    assert network_figure(G, POSITIONS, show_labels=False).data[-1].mode != "markers+text"


@pytest.mark.parametrize("measure", SIZE_MEASURES)
def test_size_by_a_measure_makes_bigger_markers_for_bigger_values(G, measure):
    values = node_measure(G, measure)
    fig = network_figure(G, POSITIONS, size_by=measure)
    size = per_actor(fig, lambda t: decoded(t.marker.size))

    for a in G:
        for b in G:
            if values[a] > values[b]:
                assert size[a] > size[b]


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("degree", {"iran": 5, "pakistan": 4, "irgc": 1, "taliban": 3, "troll": 1}),
        ("partners", {"iran": 4, "pakistan": 2, "irgc": 1, "taliban": 2, "troll": 1}),
        ("in_degree", {"iran": 5, "pakistan": 2, "irgc": 0, "taliban": 3, "troll": 0}),
        ("out_degree", {"iran": 3, "pakistan": 4, "irgc": 1, "taliban": 1, "troll": 1}),
    ],
)
def test_node_measure(G, measure, expected):
    assert node_measure(G, measure) == expected


def test_node_sizes_from_a_mapping(G):
    fig = network_figure(G, POSITIONS, node_sizes={"iran": 0.9, "taliban": 0.1})
    size = per_actor(fig, lambda t: decoded(t.marker.size))

    assert size["iran"] > size["taliban"] >= size["troll"]


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("gl_threshold", [5000, 3])
def test_names_from_the_data_are_escaped_everywhere(G, gl_threshold):
    fig = network_figure(
        G, POSITIONS, selected="troll", title=f"Focus: {HOSTILE_NAME}", gl_threshold=gl_threshold
    )
    payload = json.dumps(fig.to_plotly_json(), ensure_ascii=False, default=str)

    assert "<img" not in payload
    assert "<script>" not in payload
    assert "<b>x</b>" not in payload
    assert "&lt;img src=x onerror=alert(1)&gt;" in payload


# --------------------------------------------------------------------------- selection


def test_selection_fades_relations_that_do_not_touch_the_actor(G):
    fig = network_figure(G, POSITIONS, selected="taliban")

    # Touching the Taliban: R004, R005 (accusations, low) and R007 (rivalry, high).
    touching_styles = {("accusation", 0.4), ("rivalry", 1.0)}
    for trace in line_traces(fig):
        touching = (trace.legendgroup, alpha(trace)) in touching_styles
        faded = alpha(trace) <= 0.15
        assert touching != faded, (trace.legendgroup, alpha(trace))


def test_selection_fades_unrelated_actors_and_rings_the_selected(G):
    fig = network_figure(G, POSITIONS, selected="taliban")
    opacity = per_actor(fig, lambda t: decoded(t.marker.opacity))

    expected = {"taliban": 1.0, "iran": 1.0, "pakistan": 1.0, "irgc": 0.3, "troll": 0.3}
    assert opacity == pytest.approx(expected)
    rings = [t for t in fig.data if t.marker is not None and t.marker.symbol == "circle-open"]
    assert len(rings) == 1
    assert (
        tuple(np.round([decoded(rings[0].x)[0], decoded(rings[0].y)[0]], 3)) == POSITIONS["taliban"]
    )


def test_highlighted_relations_stay_and_the_rest_fades(G):
    fig = network_figure(G, POSITIONS, highlight_edges=["R003"])

    for trace in line_traces(fig):
        assert (alpha(trace) > 0.15) == (trace.legendgroup == "affiliation")


# --------------------------------------------------------------------------- scale


def test_past_the_threshold_webgl_and_merged_parallel_relations(G):
    fig = network_figure(G, POSITIONS, gl_threshold=3)

    assert line_traces(fig)
    assert all(isinstance(t, go.Scattergl) for t in line_traces(fig))
    merged = [i for t in hover_traces(fig) for tag, i in t.customdata if tag == "relations"]
    assert merged == ["R004,R005"]
    # Short hover: the type label and confidence come once per trace, in its template.
    templates = [t.hovertemplate for t in hover_traces(fig) if t.legendgroup == "accusation"]
    assert len(templates) == 2
    assert any(t.startswith("<b>Accusation</b> · low confidence") for t in templates)
    assert Counter(customdata_ids(fig)) == Counter(r[0] for r in RELATIONS)
    assert not arrow_traces(fig)
    # what was merged is told, for the page to say it
    assert fig.layout.meta == {"merged": {"lines": len(RELATIONS) - 1, "relations": len(RELATIONS)}}


def test_below_the_threshold_plain_svg_traces(G):
    fig = network_figure(G, POSITIONS)
    assert fig.layout.meta is None

    assert not any(isinstance(t, go.Scattergl) for t in fig.data)


@pytest.mark.parametrize("limit", [5, 40])
def test_past_the_label_limit_only_some_large_actors_are_labelled(limit):
    G, positions = synthetic_graph(300, 600)

    fig = network_figure(G, positions, size_by="degree", label_limit=limit)

    labels = [text for t in label_traces(fig) for text in t.text]
    assert 0 < len(labels) <= limit
    top = max(node_measure(G, "degree").items(), key=lambda item: item[1])[0]
    assert G.nodes[top]["name"] in labels


def test_coordinates_travel_as_compact_binary_arrays():
    G, positions = synthetic_graph(50, 400)

    payload = json.loads(network_figure(G, positions).to_json())

    lines = [t for t in payload["data"] if t.get("mode") == "lines" and "bdata" in str(t["x"])]
    assert lines
    assert all(t["x"]["dtype"] == "f4" for t in lines)


# --------------------------------------------------------------------------- layout


def test_figure_layout_suits_streamlit(G):
    fig = network_figure(G, POSITIONS, uirevision="keep")

    assert fig.layout.dragmode == "pan"
    assert fig.layout.uirevision == "keep"
    assert fig.layout.xaxis.visible is False
    assert fig.layout.yaxis.visible is False
    assert fig.layout.paper_bgcolor == "rgba(0,0,0,0)"
    assert fig.layout.legend.x >= 1.0  # right of the plot area, never over it
    assert fig.layout.legend2.y <= 0.0  # under it


def test_legend_lists_each_present_type_once(G):
    fig = network_figure(G, POSITIONS)

    entries = [t.name for t in fig.data if t.showlegend is not False and t.legend is None]
    assert entries[: len(RELATION_TYPES)] == [label for label, _, _ in RELATION_TYPES.values()]
    assert {"cooperative", "hostile", "structural", "low confidence"} <= set(entries)


def test_presentation_font_size_scales_labels_and_title(G):
    fig = network_figure(G, POSITIONS, font_size=16, title="Network")

    assert {t.textfont.size for t in label_traces(fig)} == {16}
    assert fig.layout.title.font.size >= 28


def test_legend_on_top(G):
    fig = network_figure(G, POSITIONS, legend_position="top")

    assert fig.layout.legend.orientation == "h"
    assert fig.layout.legend.y >= 1.0


def test_an_empty_graph_says_nothing_matches():
    fig = network_figure(nx.MultiDiGraph(), {}, empty_message="No hostile relations.")

    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == ["No hostile relations."]


def test_actors_without_relations_are_drawn(G):
    G.remove_edges_from(list(G.edges))

    fig = network_figure(G, POSITIONS)

    assert not hover_traces(fig)
    assert sum(len(decoded(t.x)) for t in node_traces(fig)) == len(ACTORS)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"size_by": "fame"}, "size_by 'fame' is not one of degree, partners, in_degree"),
        ({"size_by": "degree", "node_sizes": {}}, "not both"),
        ({"selected": "atlantis"}, "selected actor 'atlantis' is not in the graph"),
        ({"highlight_edges": ["R999"]}, "highlighted relation 'R999' is not in the graph"),
        ({"height": 0}, "height 0 is not a positive number"),
        ({"legend_position": "left"}, "legend_position 'left' is not one of right, top"),
    ],
)
def test_bad_options_are_named(G, options, message):
    with pytest.raises(ValueError, match=message):
        network_figure(G, POSITIONS, **options)


def test_a_node_without_position_is_named(G):
    positions = {k: v for k, v in POSITIONS.items() if k != "irgc"}

    with pytest.raises(ValueError, match="no position for node 'irgc'"):
        network_figure(G, positions)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("sign", 2, "relation 'R001': sign 2"), ("confidence", "sure", "confidence 'sure'")],
)
def test_a_relation_outside_the_vocabulary_is_named(G, field, value, message):
    G.edges["iran", "pakistan", "R001"][field] = value

    with pytest.raises(ValueError, match=message):
        network_figure(G, POSITIONS)


# --------------------------------------------------------------------------- validation


def as_sent(fig) -> dict:
    """The figure's JSON as ``st.plotly_chart`` makes it, parsed."""
    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return json.loads(plotly.io.to_json(figure, validate=False))


@pytest.fixture(scope="module")
def shipped():
    G = build_graph(load_dataset())
    return G, layout_positions(G)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"size_by": "degree", "legend_position": "top", "selected": "iran"},
        {"highlight_edges": ["R001"], "font_size": 16, "title": "Focus <b>"},
        {"gl_threshold": 40, "show_labels": False, "size_by": "strength"},
        {"gl_threshold": 40, "label_limit": 5, "selected": "pakistan"},
    ],
)
def test_figure_is_what_plotly_validation_would_send(shipped, monkeypatch, options):
    # The figure is built without plotly's validation; built with it, the browser would
    # receive the same JSON (and validation would have raised on a bad property).
    G, positions = shipped
    fast = as_sent(network_figure(G, positions, **options))
    monkeypatch.setattr(_plain, "VALIDATE", True)
    validated = network_figure(G, positions, **options)
    assert not isinstance(validated, PlainFigure)  # built through plotly's validation
    assert as_sent(validated) == fast


def test_short_hover_figure_is_what_plotly_validation_would_send(monkeypatch):
    G, positions = synthetic_graph(200, 2500, types=4)
    fast = as_sent(network_figure(G, positions, selected="a3"))
    monkeypatch.setattr(_plain, "VALIDATE", True)
    validated = network_figure(G, positions, selected="a3")
    assert not isinstance(validated, PlainFigure)  # built through plotly's validation
    assert as_sent(validated) == fast


def test_changes_after_the_build_are_validated(G):
    fig = network_figure(G, POSITIONS)

    with pytest.raises(ValueError, match="bogus"):
        fig.update_layout(bogus=1)
    with pytest.raises(ValueError, match="bogus"):
        fig.data[0].bogus = 1
    fig.data[0].legendgrouptitle = None  # a change a caller may make
    assert "legendgrouptitle" not in fig.to_plotly_json()["data"][0]


# --------------------------------------------------------------------------- table


def sent_json(fig) -> str:
    """The JSON ``st.plotly_chart`` would send, as a string (exact comparisons)."""
    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return plotly.io.to_json(figure, validate=False)


VIEWS = {
    "everything": FilterSpec(),
    "hostile only": FilterSpec(signs=(-1,)),
    "one date": FilterSpec(on="2021-10-27"),
    "around iran": FilterSpec(focus=("iran",), hops=1),
    "high confidence": FilterSpec(min_confidence="high"),
}


@pytest.mark.parametrize("spec", VIEWS.values(), ids=VIEWS.keys())
@pytest.mark.parametrize(
    "options",
    [{}, {"selected": "iran", "size_by": "strength"}, {"gl_threshold": 5, "font_size": 16}],
    ids=["plain", "selected", "merged"],
)
def test_a_view_drawn_with_the_table_is_the_same_figure(shipped, spec, options):
    G, positions = shipped
    table = network_table(G)
    H = apply_filters(G, spec)
    if options.get("selected") not in (None, *H):
        options = {**options, "selected": None}
    with_table = network_figure(H, positions, table=table, **options)
    assert sent_json(with_table) == sent_json(network_figure(H, positions, **options))


@pytest.mark.parametrize("relations", [40, 2500, 6000])  # full hover, short hover, merged
def test_a_synthetic_view_drawn_with_the_table_is_the_same_figure(relations):
    G, positions = synthetic_graph(60, relations, types=4)
    table = network_table(G)  # ids from the keys: the edges carry no "id"
    H = G.edge_subgraph([e for i, e in enumerate(G.edges(keys=True)) if i % 3]).copy()
    assert sent_json(network_figure(H, positions, table=table, selected="a3")) == sent_json(
        network_figure(H, positions, selected="a3")
    )


def test_the_table_keeps_the_whole_vocabulary(shipped):
    G, _ = shipped
    table = network_table(G)
    assert table.vocabulary[: len(G.graph["relation_types"])] == list(G.graph["relation_types"])
    assert len(table.relation_ids) == G.number_of_edges()
    assert set(table.relation_ids) == {k for _, _, k in G.edges(keys=True)}


def test_a_table_of_another_graph_is_refused(shipped):
    G, positions = shipped
    other, other_positions = synthetic_graph(10, 20)
    with pytest.raises(ValueError, match="actor 'a0' is not in the table"):
        network_figure(other, other_positions, table=network_table(G))
    small = G.subgraph(["iran", "pakistan"]).copy()
    small.add_edge("iran", "pakistan", key="R999", relation="cooperation", sign=1)
    with pytest.raises(ValueError, match="relation 'R999' is not in the table"):
        network_figure(small, positions, table=network_table(G))


def test_a_table_with_repeated_keys_is_refused():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key=0, relation="x", sign=1)
    G.add_edge("b", "c", key=0, relation="x", sign=1)  # the same key between other actors
    positions = {"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (2.0, 0.0)}
    fig = network_figure(G, positions)  # drawn without a table, as before
    relations = [c for t in fig.data if t.customdata is not None for c in t.customdata]
    assert [kind for kind, _ in relations].count("relation") == 2
    with pytest.raises(ValueError, match="repeats relation keys"):
        network_figure(G, positions, table=network_table(G))


def test_a_table_needs_a_multigraph(shipped):
    G, positions = shipped
    simple = nx.DiGraph(G.subgraph(["iran", "pakistan"]))
    with pytest.raises(ValueError, match="must be a multigraph"):
        network_figure(simple, positions, table=network_table(G))


def test_the_table_checks_the_vocabulary():
    G, _ = synthetic_graph(5, 5)
    key = next(iter(G.edges(keys=True)))
    G.edges[key]["confidence"] = "certain"
    with pytest.raises(ValueError, match=f"relation '{key[2]}': confidence 'certain'"):
        network_table(G)


# --------------------------------------------------------------------------- theme


@pytest.mark.parametrize(
    ("theme", "colour", "background"),
    [("light", "#1f2328", "#ffffff"), ("dark", "#e6edf3", "#171614")],
)
def test_labels_take_the_themes_strongest_text_colour(theme, colour, background):
    # The theme's grey labels fell below WCAG AA (3.7:1 on white): labels take its
    # strongest text colour, and in SVG a halo of the background keeps them off the lines.
    assert style.contrast_ratio(colour, background) >= 4.5
    G, positions = synthetic_graph(60, 400)
    gl = network_figure(G, positions, gl_threshold=100, theme=theme)
    labelled = [t for t in gl.data if t.mode == "markers+text"]
    assert labelled
    assert all(t.type == "scattergl" and t.textfont.color == colour for t in labelled)
    svg = network_figure(G, positions, theme=theme)
    labelled = [t for t in svg.data if t.mode == "markers+text"]
    assert labelled
    for trace in labelled:
        assert trace.textfont.color == colour
        assert trace.textfont.shadow.count("px") == 12  # four shadows: an outline


def test_an_unknown_theme_is_refused():
    G, positions = synthetic_graph(5, 5)
    with pytest.raises(ValueError, match="theme 'sepia' is not one of light, dark"):
        network_figure(G, positions, theme="sepia")


def test_a_type_outside_the_vocabulary_keeps_its_whole_graph_colour():
    G, positions = synthetic_graph(20, 60, types=2)
    for _, _, key, data in G.edges(keys=True, data=True):
        if int(key[1:]) % 5 == 0:
            data["relation"] = "zeta"  # not in G.graph["relation_types"]
    table = network_table(G)
    assert table.vocabulary == ["type_0", "type_1", "zeta"]
    only_zeta = G.edge_subgraph(
        [(u, v, k) for u, v, k, t in G.edges(keys=True, data="relation") if t == "zeta"]
    ).copy()
    with_table = network_figure(only_zeta, positions, table=table)
    colours = {t.line.color for t in line_traces(with_table)}
    assert colours == {style.rgba(table.colours["zeta"], a) for a in _alphas(with_table)}
    # Drawn on its own, the view's vocabulary is just "zeta": the first colour.
    alone = network_figure(only_zeta, positions)
    assert {t.legendgroup for t in line_traces(alone)} == {"zeta"}
    assert table.colours["zeta"] != style.relation_type_colours(["zeta"])["zeta"]


def _alphas(fig) -> set[float]:
    return {float(t.line.color.rsplit(",", 1)[1].rstrip(")")) for t in line_traces(fig)}


def test_a_table_reads_each_views_own_ends(shipped):
    # A view whose relations run the other way: the table gives types and ids, the ends
    # (arrows, hover "A -> B") come from the view itself.
    G, positions = shipped
    reversed_view = G.reverse(copy=True)
    with_table = network_figure(reversed_view, positions, table=network_table(G))
    assert sent_json(with_table) == sent_json(network_figure(reversed_view, positions))


def test_an_undirected_multigraph_draws_each_relation_once():
    G = nx.MultiGraph()
    G.add_edge("a", "b", key="R1", relation="x", sign=1, confidence="high")
    G.add_edge("b", "a", key="R2", relation="x", sign=-1, confidence="low")
    fig = network_figure(G, {"a": (0.0, 0.0), "b": (1.0, 0.0)})
    relations = [c for t in fig.data if t.customdata is not None for c in t.customdata]
    assert sorted(ident for kind, ident in relations if kind == "relation") == ["R1", "R2"]

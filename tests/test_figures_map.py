"""Tests of graph.figures.map: the offline border map, its traces, hover, click, selection."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pandas as pd
import plotly.io
import plotly.tools
import pytest

from graph import style
from graph.analysis.areas import areas_of_operation
from graph.build import build_graph, graph_from_records
from graph.figures import _plain
from graph.figures._plain import PlainFigure, decoded
from graph.figures.map import (
    MAP_THEMES,
    VIEW_LAT,
    VIEW_LON,
    map_figure,
)
from graph.figures.map import figure as map_module  # where the geometry is read
from graph.filters import by_types, in_force_on
from graph.load import load_dataset

HOSTILE = "<img src=x onerror=alert(1)>"

TYPES = [
    {"id": "border_security_cooperation", "label": "Border security cooperation",
     "plover_context": "border", "sign": 1},
    {"id": "military_cooperation", "label": "Military cooperation", "sign": 1},
    {"id": "tension", "label": "Tension", "sign": -1},
    {"id": "threat", "label": "Security threat", "sign": -1},
    {"id": "territorial_presence", "label": "Presence", "sign": 0},
]  # fmt: skip

ACTORS = [
    {"id": "iran", "name": "Iran", "name_ar": "إيران", "kind": "state", "iso3": "IRN",
     "country": "IRN", "place": "tehran"},
    {"id": "pakistan", "name": "Pakistan", "kind": "state", "iso3": "PAK", "country": "PAK",
     "place": "islamabad"},
    {"id": "afghanistan", "name": "Afghanistan", "kind": "state", "iso3": "AFG",
     "country": "AFG", "place": "kabul"},
    {"id": "china", "name": "China", "kind": "state", "iso3": "CHN", "country": "CHN",
     "place": "beijing"},
    {"id": "jaish", "name": "Jaish al-Adl", "kind": "armed_group", "country": "IRN",
     "place": "sistan"},
    {"id": "taliban", "name": "Taliban", "kind": "political_movement", "country": "AFG",
     "place": "kabul"},
    {"id": "troll", "name": HOSTILE, "name_ar": "<b>x</b>", "kind": "media",
     "place": "karachi"},
]  # fmt: skip

RELATIONS = [
    # id, source, target, directed, type, intensity, confidence, start, summary
    ("R001", "iran", "pakistan", False, "border_security_cooperation", 6.0, "high", None,
     "Fencing the shared frontier."),
    ("R002", "iran", "pakistan", False, "military_cooperation", 7.0, "moderate", "2021-10",
     "Ships and submarines."),
    ("R003", "iran", "pakistan", False, "tension", -4.0, "moderate", "2017", "Old strains."),
    ("R004", "jaish", "iran", True, "threat", -6.0, "low", None, "Attacks in the province."),
    ("R005", "taliban", "afghanistan", True, "territorial_presence", 0.0, "high", "2021-08",
     "Controls the country."),
    ("R006", "china", "iran", False, "military_cooperation", 5.0, "high", None, "Drills."),
    ("R007", "troll", "pakistan", True, "tension", -2.0, "low", None, HOSTILE),
]  # fmt: skip

PLACES = pd.DataFrame(
    {
        "name": ["Tehran", "Islamabad", "Kabul", "Beijing", "Sistan and Baluchestan",
                 "Karachi", "Washington", HOSTILE],
        "name_ar": ["طهران", None, None, None, None, None, None, "<i>y</i>"],
        "kind": ["capital", "capital", "capital", "capital", "province", "city", "city",
                 "facility"],
        "country": ["IRN", "PAK", "AFG", "CHN", "IRN", "PAK", "USA", "PAK"],
        "lat": [35.69, 33.68, 34.56, 39.90, 27.80, 24.86, 38.91, 25.0],
        "lon": [51.39, 73.05, 69.21, 116.41, 60.80, 67.00, -77.04, 66.0],
        "precision": ["exact"] * 4 + ["centroid"] + ["exact"] * 3,
        "note": [None] * 7 + [HOSTILE],
    },
    index=pd.Index(["tehran", "islamabad", "kabul", "beijing", "sistan", "karachi",
                    "washington", "odd"], name="id"),
)  # fmt: skip

BORDERS = pd.DataFrame(
    {"state_a": ["iran"], "state_b": ["pakistan"], "length_km": [1000.0],
     "note": ["About 1,000 km; " + HOSTILE], "evidence": ["src:18"]},
    index=pd.Index(["iran-pakistan"], name="id"),
)  # fmt: skip
ACTOR_TABLE = pd.DataFrame(
    {"iso3": [a.get("iso3") for a in ACTORS]}, index=pd.Index([a["id"] for a in ACTORS])
)


def make_graph(relations=RELATIONS):
    rows = [
        {"id": rid, "source": u, "target": v, "directed": d, "relation": t, "intensity": i,
         "confidence": c, "start": s, "summary": summary, "evidence": "src:3"}
        for rid, u, v, d, t, i, c, s, summary in relations
    ]  # fmt: skip
    return graph_from_records(ACTORS, rows, relation_types=TYPES)


@pytest.fixture
def G():
    return make_graph()


@pytest.fixture
def dataset():
    return SimpleNamespace(places=PLACES, borders=BORDERS, actors=ACTOR_TABLE)


def customdata(fig, kind=None):
    found = []
    for trace in fig.data:
        if trace.customdata is None:
            continue
        for item in trace.customdata:
            if kind is None or item[0] == kind:
                found.append((trace.name, tuple(item)))
    return found


def relation_ids(fig):
    ids = set()
    for _, (kind, value) in customdata(fig):
        if kind == "relation":
            ids.add(value)
        elif kind == "relations":
            ids.update(value.split(","))
    return ids


def hover_texts(fig):
    texts = []
    for trace in fig.data:
        for attr in ("hovertext", "text"):
            value = getattr(trace, attr)
            if isinstance(value, str):
                texts.append(value)
            elif value is not None:
                texts.extend(str(v) for v in value)
    return texts


# --------------------------------------------------------------------------- offline


def test_only_scattergeo_and_first_trace_scattergeo(G, dataset):
    fig = map_figure(G, dataset)
    assert fig.data[0].type == "scattergeo"
    assert {trace.type for trace in fig.data} == {"scattergeo"}


def test_no_locationmode_anywhere(G, dataset):
    payload = map_figure(G, dataset).to_json()
    assert "locationmode" not in payload
    assert "geojson" not in json.loads(payload)["data"][0]


@pytest.mark.parametrize(
    "layer",
    ["showland", "showocean", "showlakes", "showrivers", "showcountries",
     "showcoastlines", "showframe", "showsubunits"],
)  # fmt: skip
def test_base_layers_off(G, dataset, layer):
    geo = json.loads(map_figure(G, dataset).to_json())["layout"]["geo"]
    assert geo[layer] is False


def test_view_and_projection(G, dataset):
    geo = map_figure(G, dataset).layout.geo
    assert tuple(geo.lonaxis.range) == VIEW_LON
    assert tuple(geo.lataxis.range) == VIEW_LAT
    assert geo.projection.type == "natural earth"


def test_country_polygons_are_filled(G, dataset):
    fig = map_figure(G, dataset)
    land = [
        t
        for t in fig.data
        if t.fill == "toself" and t.name in ("Other countries", "States of the graph")
    ]
    assert {t.name for t in land} == {"Other countries", "States of the graph"}
    points = sum(len(decoded(t.lon)) for t in land)
    assert points > 5000  # the region's outlines, gaps included


# --------------------------------------------------------------------------- relations


def test_every_relation_between_places_is_on_an_arc(G, dataset):
    assert relation_ids(map_figure(G, dataset)) == {f"R00{i}" for i in range(1, 8)} - {"R005"}


def test_relation_at_one_place_is_counted_not_drawn(G, dataset):
    # R005: the Taliban and Afghanistan are both anchored in Kabul.
    fig = map_figure(G, dataset)
    assert "R005" not in relation_ids(fig)
    kabul = next(t for t in fig.data if t.name == "Capital")
    index = [c[1] for c in kabul.customdata].index("afghanistan")
    assert "1 relation among actors based here" in kabul.hovertext[index]


@pytest.mark.parametrize(
    ("kept", "expected"),
    [
        (["tension"], {"R003", "R007"}),
        (["military_cooperation"], {"R002", "R006"}),
        (["border_security_cooperation", "threat"], {"R001", "R004"}),
        ([], set()),
    ],
)
def test_arcs_follow_relation_types(G, dataset, kept, expected):
    fig = map_figure(by_types(G, kept), dataset)
    assert relation_ids(fig) == expected
    legend = {t.name for t in fig.data if t.showlegend is not False and t.legendrank >= 100}
    labels = {row["label"] for row in TYPES if row["id"] in kept}
    assert legend == {lbl for lbl in labels if any(r[4] in kept for r in RELATIONS)} - {"Presence"}


def test_arcs_follow_the_date(G, dataset):
    # R002 starts 2021-10 and R003 in 2017: on 2019-05-01 only the latter is in force.
    fig = map_figure(in_force_on(G, "2019-05-01"), dataset)
    ids = relation_ids(fig)
    assert "R003" in ids
    assert "R002" not in ids


def test_parallel_relations_of_one_type_share_an_arc(dataset):
    extra = ("R008", "iran", "pakistan", False, "tension", -3.0, "moderate", None, "More.")
    fig = map_figure(make_graph([*RELATIONS, extra]), dataset)
    merged = [value for _, (kind, value) in customdata(fig) if kind == "relations"]
    assert merged == ["R003,R008"]


@pytest.mark.parametrize(
    ("options", "drawn", "note"),
    [
        ({"max_arcs": 1}, {"R003", "R008"}, "Drawn: the 1 busiest link of 6 (5 relations left"),
        ({"max_arcs": 1, "selected": "jaish"}, {"R004"}, "Drawn: the 1 busiest link of 6"),
        ({"max_arcs": 5}, {"R003", "R008", "R001", "R002", "R004", "R006"}, "Drawn: the 5 busiest"),
    ],
)
def test_past_max_arcs_the_busiest_and_the_selected_actors_are_drawn(dataset, options, drawn, note):
    extra = ("R008", "iran", "pakistan", False, "tension", -3.0, "moderate", None, "More.")
    fig = map_figure(make_graph([*RELATIONS, extra]), dataset, **options)
    assert relation_ids(fig) == drawn  # ties in edge order: R007's troll comes last
    notes = [a.text for a in fig.layout.annotations if "busiest" in a.text]
    assert len(notes) == 1
    assert notes[0].startswith(note)
    arcs, relations = fig.layout.meta["arcs_left_out"]
    assert relations == 7 - len(relation_ids(fig))
    assert arcs >= 1


def marked_places(fig) -> set[str]:
    """Names of the places the map marks (from their markers' positions)."""
    where = {(round(lon, 2), round(lat, 2)): name for name, lon, lat in
             zip(PLACES["name"], PLACES["lon"], PLACES["lat"], strict=True)}  # fmt: skip
    return {
        where.get((round(float(lon), 2), round(float(lat), 2)), "off the map")
        for t in fig.data
        if (t.legendgroup or "").startswith("place-")
        for lon, lat in zip(decoded(t.lon), decoded(t.lat), strict=True)
    }


@pytest.mark.parametrize(
    ("options", "marked"),
    [
        # Capitals first, by the relations their arcs carry: Beijing (an arrow at the
        # edge) has one, Kabul none (the Taliban's relation to Afghanistan stays there).
        ({"max_places": 3}, {"Tehran", "Islamabad", "off the map"}),
        ({"max_places": 4}, {"Tehran", "Islamabad", "off the map", "Kabul"}),
        ({"max_places": 2, "selected": "jaish"}, {"Sistan and Baluchestan", "Tehran"}),
        ({"max_places": 1, "selected": "pakistan"}, {"Islamabad"}),
        ({"max_places": 2, "label_places": ["karachi"]}, {"Karachi", "Tehran"}),
    ],
)
def test_past_max_places_the_selected_and_the_capitals_are_marked(G, dataset, options, marked):
    every = marked_places(map_figure(G, dataset))
    fig = map_figure(G, dataset, **options)
    assert marked_places(fig) == marked
    assert fig.layout.meta["places_left_out"] == len(every) - len(marked)
    [note] = [a.text for a in fig.layout.annotations if "Places" in a.text]
    assert f"Places: the busiest only ({len(every) - len(marked)} more left out)" in note
    labelled = {text for t in fig.data if t.mode == "text" for text in t.text}
    assert {re.sub("<[^>]+>", "", text) for text in labelled} & {"Karachi"} <= marked


def test_areas_and_places_left_out_share_one_line_of_the_note(G, dataset):
    fig = map_figure(G, dataset, max_areas=1, max_places=2)
    [note] = [a.text for a in fig.layout.annotations if "busiest" in a.text]
    assert note.split("<br>")[0] == "Only the busiest areas (1 more) and places (5 more)"
    assert fig.layout.meta["areas_left_out"] == 1
    assert fig.layout.meta["places_left_out"] == 5  # of the 7 the map would mark


def test_under_max_arcs_nothing_is_left_out_or_noted(G, dataset):
    fig = map_figure(G, dataset)
    assert not any("busiest" in a.text for a in fig.layout.annotations)
    assert marked_places(fig) == marked_places(map_figure(G, dataset, max_places=None))
    assert fig.layout.meta is None


def test_trace_count_does_not_grow_with_relations(dataset):
    base = len(map_figure(make_graph(), dataset).data)
    more = [
        (f"R1{i:02d}", "iran", "pakistan", False, "tension", -4.0, "moderate", None, "x")
        for i in range(30)
    ]
    assert len(map_figure(make_graph([*RELATIONS, *more]), dataset).data) == base


def test_arcs_styled_as_the_network(G, dataset):
    fig = map_figure(G, dataset)
    colours = style.relation_type_colours(row["id"] for row in TYPES)
    legend = {t.legendgroup: t for t in fig.data if t.legendrank and t.legendrank >= 100}
    assert legend["tension"].line.dash == "dash"
    assert legend["military_cooperation"].line.dash == "solid"
    assert legend["tension"].line.color == colours["tension"]
    lines = [t for t in fig.data if t.legendgroup == "threat" and t.mode == "lines"]
    # R004 is low confidence: its arc is drawn at the low-confidence opacity.
    assert any(t.line.color == style.rgba(colours["threat"], 0.4) for t in lines)


def test_directed_relation_has_an_arrowhead(G, dataset):
    fig = map_figure(G, dataset)
    arrows = [t for t in fig.data if t.marker is not None and t.marker.symbol == "arrow"
              and t.legendgroup == "threat"]  # fmt: skip
    assert len(arrows) == 1
    assert arrows[0].marker.angleref == "previous"


def test_place_outside_view_is_pinned_when_an_arc_reaches_it(G, dataset):
    fig = map_figure(G, dataset)
    pinned = next(t for t in fig.data if t.name == "Outside the map")
    assert [c[1] for c in pinned.customdata] == ["china"]  # Beijing; Washington has no arc
    lon, lat = float(decoded(pinned.lon)[0]), float(decoded(pinned.lat)[0])
    assert VIEW_LON[0] <= lon <= VIEW_LON[1]
    assert VIEW_LAT[0] <= lat <= VIEW_LAT[1]


# --------------------------------------------------------------------------- borders


def test_border_in_dataset_is_emphasised_with_lengths_and_relations(G, dataset):
    fig = map_figure(G, dataset)
    emphasised = [
        t for t in fig.data if t.name == "Border in the source" and t.legendgroup != "key"
    ]
    assert len(emphasised) == 1
    hover = next(t for t in fig.data if t.name == "Border lengths")
    texts = {h for h, c in zip(hover.hovertext, hover.customdata, strict=True)
             if tuple(c) == ("border", "IRN-PAK")}  # fmt: skip
    assert len(texts) == 1
    text = texts.pop()
    assert "cited: 1,000 km" in text
    assert "cited: 959 km (\u2068CIA World Factbook\u2069)" in text
    assert "measured on our 1:50m geometry: 780 km" in text
    assert "R001" in text  # fencing the frontier
    assert "R002" not in text  # shipbuilding is not about the border


def test_border_hover_says_when_no_relation_matches(G, dataset):
    fig = map_figure(by_types(G, ["tension"]), dataset)
    hover = next(t for t in fig.data if t.name == "Border lengths")
    assert any("No relation on this border matches" in h for h in hover.hovertext)


def test_gazetteer_borders_carry_lengths_without_emphasis(G):
    fig = map_figure(G, SimpleNamespace(places=PLACES))
    assert not [t for t in fig.data if t.name == "Border in the source" and t.legendgroup != "key"]
    hover = next(t for t in fig.data if t.name == "Border lengths")
    borders = {c[1] for c in hover.customdata}
    assert {"AFG-IRN", "AZE-TUR", "IRN-PAK"} <= borders


# --------------------------------------------------------------------------- areas


def test_areas_of_operation(G):
    table = areas_of_operation(G, PLACES)
    rows = {row.actor: row for row in table.itertuples()}
    assert rows["jaish"].radius_km == 220.0
    assert rows["jaish"].country is None
    assert rows["taliban"].country == "AFG"  # present across the country (R005)
    assert "R005" in rows["taliban"].basis


def test_areas_follow_the_graph(G):
    table = areas_of_operation(by_types(G, ["threat"]), PLACES)
    assert table.set_index("actor").loc["taliban", "country"] is None  # R005 filtered out


def test_curated_areas_replace_derived_ones(G):
    curated = pd.DataFrame({"actor": ["jaish"], "place": ["sistan"], "radius_km": [150.0],
                            "note": ["per the source"]})  # fmt: skip
    table = areas_of_operation(G, PLACES, areas=curated)
    assert table.set_index("actor").loc["jaish", "radius_km"] == 150.0


def test_curated_areas_may_be_several_and_whole_countries(G, dataset):
    curated = pd.DataFrame(
        {"actor": ["jaish", "jaish", "nobody"], "place": ["sistan", None, "sistan"],
         "radius_km": [150.0, None, 100.0], "country": [None, "PAK", None],
         "note": ["in the province", "havens", "x"], "evidence": ["src:21", "src:23", ""]}
    )  # fmt: skip
    table = areas_of_operation(G, PLACES, areas=curated)
    jaish = table[table.actor == "jaish"]
    assert sorted(jaish["country"].fillna("-")) == ["-", "PAK"]
    assert "[src:23]" in jaish.loc[jaish.country == "PAK", "basis"].item()
    fig = map_figure(G, dataset, areas=curated)
    labels = next(t for t in fig.data if t.name == "Areas of operation")
    assert sum(tuple(c) == ("actor", "jaish") for c in labels.customdata) == 2


def test_areas_rejects_table_without_columns(G):
    with pytest.raises(ValueError, match="areas has no column 'radius_km'"):
        areas_of_operation(G, PLACES, areas=pd.DataFrame({"actor": ["jaish"], "place": ["x"]}))


def test_areas_are_drawn_translucent_and_labelled_approximate(G, dataset):
    fig = map_figure(G, dataset)
    fills = [t for t in fig.data if t.name and t.name.startswith("\u2248 Area of operation")]
    assert {t.legendgroup for t in fills} == {"area-armed_group", "area-political_movement"}
    for trace in fills:
        assert trace.fill == "toself"
        assert trace.line.dash == "dot"
        assert float(trace.fillcolor.rsplit(",", 1)[1].rstrip(")")) < 0.3
    labels = next(t for t in fig.data if t.name == "Areas of operation")
    assert all("approximate area" in h for h in labels.hovertext)
    assert any("\u2248 Jaish al-Adl" in t for t in labels.text)
    assert ("actor", "jaish") in {tuple(c) for c in labels.customdata}


@pytest.mark.parametrize(
    ("options", "shaded"),
    [
        ({}, {"jaish", "taliban"}),
        ({"max_areas": 1}, {"jaish"}),  # Jaish al-Adl has more relations than the Taliban
        ({"max_areas": 1, "selected": "taliban"}, {"taliban"}),
    ],
)
def test_past_max_areas_the_busiest_and_the_selected_actors_are_shaded(G, dataset, options, shaded):
    fig = map_figure(G, dataset, **options)
    labels = next(t for t in fig.data if t.name == "Areas of operation")
    assert {c[1] for c in labels.customdata if c[0] == "actor"} == shaded
    left_out = 2 - len(shaded)
    assert (fig.layout.meta or {}).get("areas_left_out", 0) == left_out
    notes = [a.text for a in fig.layout.annotations if "Areas of" in a.text]
    assert notes == (["Areas of the busiest actors only (1 more left out)<br>"
                      "Pick an actor or narrow the filters for the rest"]
                     if left_out else [])  # fmt: skip


# --------------------------------------------------------------------------- clicks


def test_country_names_select_state_actors(G, dataset):
    states = {c[1] for name, c in customdata(map_figure(G, dataset), "actor")
              if name == "State names"}  # fmt: skip
    assert states == {"iran", "pakistan", "afghanistan", "china"}  # China's west is in view


def test_places_select_their_actor_state_first(G, dataset):
    fig = map_figure(G, dataset)
    by_place = {}
    for trace in fig.data:
        kinds = ("Capital", "City", "Province or region (centre)", "Facility")
        if trace.name in kinds and trace.legendgroup != "key":
            for name, data in zip(trace.hovertext, trace.customdata, strict=True):
                by_place[name.split("</b>")[0].removeprefix("<b>")] = tuple(data)
    assert by_place["Kabul"] == ("actor", "afghanistan")  # a state before the Taliban
    assert by_place["Sistan and Baluchestan"] == ("actor", "jaish")
    assert by_place[HOSTILE.replace("<", "&lt;").replace(">", "&gt;")] == ("place", "odd")


# --------------------------------------------------------------------------- selection


def test_selected_state_is_tinted_and_outlined(G, dataset):
    fig = map_figure(G, dataset, selected="iran")
    tint = [t for t in fig.data if t.name and t.name.startswith("Selected:")]
    assert len(tint) == 1
    assert tint[0].fill == "toself"
    assert tint[0].fillcolor == MAP_THEMES["light"].highlight_fill
    borders = [t for t in fig.data if t.name == "Border in the source" and t.legendgroup != "key"]
    assert {t.line.color for t in borders} == {MAP_THEMES["light"].highlight_line}


def test_selection_fades_other_arcs(G, dataset):
    fig = map_figure(G, dataset, selected="jaish")
    colours = style.relation_type_colours(row["id"] for row in TYPES)
    tension = [t for t in fig.data if t.legendgroup == "tension" and t.mode == "lines"
               and t.showlegend is False]  # fmt: skip
    faded_alpha = {float(t.line.color.rsplit(",", 1)[1].rstrip(")")) for t in tension}
    assert max(faded_alpha) <= 0.7 * 0.15 + 1e-9
    threat = [t for t in fig.data if t.legendgroup == "threat" and t.mode == "lines"
              and t.showlegend is False]  # fmt: skip
    assert threat[0].line.color == style.rgba(colours["threat"], 0.4)  # kept: it is Jaish's


def _alphas(fig, group: str) -> set[float]:
    lines = [t for t in fig.data if t.legendgroup == group and t.mode == "lines"
             and t.showlegend is False]  # fmt: skip
    return {float(t.line.color.rsplit(",", 1)[1].rstrip(")")) for t in lines}


def test_highlighted_relations_keep_their_arcs_and_the_others_fade(G, dataset):
    plain = map_figure(G, dataset)
    fig = map_figure(G, dataset, highlight_relations=["R004"])
    assert _alphas(fig, "threat") == _alphas(plain, "threat")  # R004: kept as drawn
    assert max(_alphas(fig, "tension")) <= 0.7 * 0.15 + 1e-9  # R003, R007: faded
    assert max(_alphas(plain, "tension")) > 0.7 * 0.15


def test_an_unknown_highlighted_relation_is_named(G, dataset):
    with pytest.raises(ValueError, match="highlighted relation 'R999'"):
        map_figure(G, dataset, highlight_relations=["R004", "R999"])


def test_selected_place_is_ringed_and_labelled(G, dataset):
    fig = map_figure(G, dataset, selected="jaish")
    province = next(t for t in fig.data if t.name == "Province or region (centre)")
    assert list(province.marker.line.color) == [MAP_THEMES["light"].highlight_line]
    names = next(t for t in fig.data if t.name == "Place names")
    assert "<b>Sistan and Baluchestan</b>" in names.text


def test_selected_not_in_graph(G, dataset):
    with pytest.raises(ValueError, match="selected actor 'nobody' is not in the graph"):
        map_figure(G, dataset, selected="nobody")


# --------------------------------------------------------------------------- text


def test_data_text_is_escaped(G, dataset):
    texts = hover_texts(map_figure(G, dataset, label_places=["odd", "tehran"]))
    joined = "\n".join(texts)
    assert "<img" not in joined
    assert "&lt;img src=x onerror=alert(1)&gt;" in joined
    assert "<b>x</b>" not in joined
    assert "<i>y</i>" not in joined


def test_arabic_is_isolated_right_to_left(G, dataset):
    joined = "\n".join(hover_texts(map_figure(G, dataset)))
    assert f"\u2067{ACTORS[0]['name_ar']}\u2069" in joined  # Iran
    assert f"\u2067{PLACES.loc['tehran', 'name_ar']}\u2069" in joined


def test_labels_do_not_overlap_by_estimate(G, dataset):
    # Crowd the label list: every place asks for a label; some must give way.
    fig = map_figure(G, dataset, label_places=list(PLACES.index))
    names = next(t for t in fig.data if t.name == "Place names")
    assert "Tehran" in names.text
    assert len(names.text) <= len(PLACES)


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_themes_have_explicit_colours(G, dataset, theme):
    fig = map_figure(G, dataset, theme=theme)
    assert fig.layout.geo.bgcolor == MAP_THEMES[theme].sea
    land = next(t for t in fig.data if t.name == "Other countries")
    assert land.fillcolor == MAP_THEMES[theme].land
    assert fig.layout.font.color == MAP_THEMES[theme].text


def test_relation_legend_can_be_left_out(G, dataset):
    fig = map_figure(G, dataset, relation_legend=False)
    shown = [t.name for t in fig.data if t.showlegend is not False]
    assert "Tension" not in shown
    assert "Border in the source" in shown


def test_without_the_relation_legend_every_type_shares_one_hover_and_one_arrow_trace(G, dataset):
    # No legend entry can hide a type, so the types' points share traces (fewer to draw).
    by_type = map_figure(G, dataset)
    merged = map_figure(G, dataset, relation_legend=False)

    def marks(fig):
        hover = [t for t in fig.data if t.customdata is not None
                 and str(t.customdata[0][0]).startswith("relation")]  # fmt: skip
        arrows = [t for t in fig.data if t.marker is not None and t.marker.symbol == "arrow"
                  and t.name != "Outside the map"]  # fmt: skip
        return hover, arrows

    hover, arrows = marks(by_type)
    one_hover, one_arrows = marks(merged)
    assert len(hover) > 1
    assert len(one_hover) == 1
    assert len(arrows) > 1
    assert len(one_arrows) == 1
    assert len(merged.data) < len(by_type.data)
    # The same points, each with its type's colour and hover text.
    assert sorted(map(tuple, one_hover[0].customdata)) == sorted(
        tuple(c) for t in hover for c in t.customdata
    )
    colours = [t.hoverlabel.bordercolor for t in hover for _ in t.customdata]
    texts = [h for t in hover for h in t.hovertext]
    assert list(one_hover[0].hoverlabel.bordercolor) == colours
    assert list(one_hover[0].hovertext) == texts
    tips = [t.marker.color for t in arrows for _ in decoded(t.lon)]
    assert list(one_arrows[0].marker.color) == tips
    assert not [t for t in merged.data if t.name == "Tension" and t.showlegend is not False]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"theme": "sepia"}, "theme 'sepia' is not one of light, dark"),
        ({"height": 0}, "height 0 is not a positive number"),
        ({"font_size": -2}, "font_size -2 is not a positive number"),
        ({"width_hint": True}, "width_hint True is not a positive number"),
        ({"label_places": ["atlantis"]}, "label_places: unknown place 'atlantis'"),
        ({"max_arcs": 0}, "max_arcs 0 is not a positive whole number"),
        ({"max_areas": True}, "max_areas True is not a positive whole number"),
        ({"max_places": -1}, "max_places -1 is not a positive whole number"),
    ],
)
def test_invalid_options(G, dataset, options, message):
    with pytest.raises(ValueError, match=message):
        map_figure(G, dataset, **options)


def test_places_table_needs_coordinates(G):
    with pytest.raises(ValueError, match="places has no column 'lat'; its columns are"):
        map_figure(G, SimpleNamespace(places=PLACES.drop(columns="lat")))


def test_unknown_sign_is_named(dataset):
    G = make_graph()
    G.edges["iran", "pakistan", "R001"]["sign"] = 2
    with pytest.raises(ValueError, match="relation 'R001': sign 2"):
        map_figure(G, dataset)


# --------------------------------------------------------------------------- shipped data


@pytest.fixture(scope="module")
def shipped():
    data = load_dataset()
    return data, build_graph(data)


def test_shipped_map(shipped):
    data, graph = shipped
    fig = map_figure(graph, data)
    ids = relation_ids(fig)
    assert {"R051", "R077", "R035"} <= ids  # border security, rival drills, IS-K threat
    emphasised = [
        t for t in fig.data if t.name == "Border in the source" and t.legendgroup != "key"
    ]
    assert emphasised
    payload = len(fig.to_json().encode())
    assert payload < 450_000, payload


@pytest.mark.parametrize(
    "actor", ["iran", "jaish-al-adl", "taliban", "moscow-format", "caroline-rose", "irgc"]
)
def test_shipped_selection_rings_the_actors_place(shipped, actor):
    # caroline-rose is anchored in Washington: off the map, shown at its edge when selected.
    data, graph = shipped
    fig = map_figure(graph, data, selected=actor)
    ringed = [
        t.name
        for t in fig.data
        if t.mode == "markers"
        and t.marker.line.color is not None
        and not isinstance(t.marker.line.color, str)
        and MAP_THEMES["light"].highlight_line in t.marker.line.color
    ]
    assert len(ringed) == 1


# --------------------------------------------------------------------------- validation


def as_sent(fig) -> dict:
    """The figure's JSON as ``st.plotly_chart`` makes it, parsed."""
    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return json.loads(plotly.io.to_json(figure, validate=False))


def many_relations(count: int) -> list[tuple]:
    """``count`` more relations among the test actors, of several types and directions."""
    pairs = [("iran", "pakistan"), ("jaish", "iran"), ("china", "iran"), ("troll", "pakistan")]
    kinds = [("tension", -3.0), ("military_cooperation", 5.0), ("threat", -6.0)]
    return [
        (f"R9{i:04d}", *pairs[i % 4], bool(i % 2), *kinds[i % 3], ("low", "high")[i % 2],
         None, "More of the same.")
        for i in range(count)
    ]  # fmt: skip


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"selected": "iran", "theme": "dark"},
        {"relation_legend": False, "show_legend": False},
        # the note on what is left out, a narrow map's two-column key, a title
        {"max_arcs": 2, "max_areas": 1, "max_places": 3, "width_hint": 440, "title": "A <b>"},
    ],
)
def test_map_is_what_plotly_validation_would_send(shipped, monkeypatch, options):
    # The map is built without plotly's validation; built with it, the browser would
    # receive the same JSON (and validation would have raised on a bad property).
    data, graph = shipped
    fast = as_sent(map_figure(graph, data, **options))
    monkeypatch.setattr(_plain, "VALIDATE", True)
    validated = map_figure(graph, data, **options)
    assert not isinstance(validated, PlainFigure)  # built through plotly's validation
    assert as_sent(validated) == fast


def test_many_relations_get_short_hover_and_coarser_arcs(dataset, monkeypatch):
    G = make_graph([*RELATIONS, *many_relations(2100)])
    fig = map_figure(G, dataset, selected="jaish")

    hover = [t for t in fig.data if t.customdata is not None and t.hovertemplate]
    assert hover
    assert all(t.hovertemplate.startswith(f"<b>{t.name}</b>") for t in hover)
    assert not any("More of the same" in h for t in hover for h in t.hovertext)
    assert relation_ids(fig) == {k for _, _, k in G.edges(keys=True)} - {"R005"}  # R005: one place
    fast = as_sent(fig)
    monkeypatch.setattr(_plain, "VALIDATE", True)
    validated = map_figure(G, dataset, selected="jaish")
    assert not isinstance(validated, PlainFigure)  # built through plotly's validation
    assert as_sent(validated) == fast


def test_geometry_given_is_the_geometry_read(shipped, monkeypatch):
    # The dashboard passes its cached geometry; the map must be the one it reads itself.
    from graph.geo import cited_lengths, country_shapes, shared_borders

    data, graph = shipped
    geometry = {
        "shapes": country_shapes(),
        "borders": shared_borders(),
        "cited": cited_lengths(data),
    }
    read = map_figure(graph, data, selected="iran")

    def unread(*args, **kwargs):
        raise AssertionError("the map read geometry it was given")

    for name in ("country_shapes", "shared_borders", "cited_lengths"):
        monkeypatch.setattr(map_module, name, unread)
    assert map_figure(graph, data, selected="iran", **geometry).to_json() == read.to_json()


@pytest.mark.parametrize(("width_hint", "columns"), [(440, 0.5), (559, 0.5), (560, 0.333)])
def test_a_narrow_map_has_a_key_of_two_columns(shipped, width_hint, columns):
    data, graph = shipped
    fig = map_figure(graph, data, width_hint=width_hint)
    assert fig.layout.legend.entrywidth == columns

"""Tests of graph.filters: each filter, their composition, FilterSpec and its words."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.build import graph_from_records
from graph.dates import FIRST_DAY, LAST_DAY
from graph.filters import (
    FilterSpec,
    apply_filters,
    by_confidence,
    by_focus,
    by_grade,
    by_kinds,
    by_signs,
    by_text,
    by_types,
    describe,
    explain_empty,
    in_force_on,
    in_window,
    time_bounds,
    undated_count,
    without_isolates,
)
from graph.text import FSI, PDI

TYPES = [
    {"id": "military_cooperation", "label": "Military cooperation", "sign": 1},
    {"id": "border_security_cooperation", "label": "Border security cooperation", "sign": 1},
    {"id": "threat", "label": "Threat", "sign": -1},
    {"id": "military_posturing", "label": "Military posturing", "sign": -1},
    {"id": "material_support", "label": "Material support", "sign": 1},
    {"id": "affiliation", "label": "Affiliation", "sign": 0},
    {"id": "tension", "label": "Tension", "sign": -1},
]
KINDS = ["state", "armed_group", "person", "political_movement"]


def _relation(ident, source, target, relation, sign, **extra):
    return {
        "id": ident,
        "source": source,
        "target": target,
        "relation": relation,
        "sign": sign,
        "intensity": 5.0 * sign,
        **extra,
    }


@pytest.fixture
def G() -> nx.MultiDiGraph:
    actors = [
        {
            "id": "iran",
            "name": "Iran",
            "name_ar": "إيران",
            "aliases_ar": ("طهران",),
            "kind": "state",
        },
        {
            "id": "pakistan",
            "name": "Pakistan",
            "name_ar": "باكستان",
            "aliases_ar": ("إسلام أباد",),
            "kind": "state",
        },
        {
            "id": "azerbaijan",
            "name": "Azerbaijan",
            "name_ar": "أذربيجان",
            "aliases_ar": ("باكو",),
            "kind": "state",
        },
        {
            "id": "taliban",
            "name": "Taliban",
            "short_name": "Taliban",
            "name_ar": "طالبان",
            "kind": "political_movement",
        },
        {
            "id": "jaish-al-adl",
            "name": "Jaish al-Adl",
            "aliases": ("JAA", "Army of Justice"),
            "name_ar": "جيش العدل",
            "kind": "armed_group",
        },
        {
            "id": "bagheri",
            "name": "Mohammad Hossein Bagheri",
            "name_ar": "محمد حسين باقري",
            "kind": "person",
        },
    ]
    relations = [
        _relation(
            "R1",
            "iran",
            "pakistan",
            "military_cooperation",
            1,
            directed=False,
            start="2021-10",
            source_reliability="B",
            info_credibility=2,
        ),
        _relation(
            "R2",
            "jaish-al-adl",
            "iran",
            "threat",
            -1,
            confidence="moderate",
            source_reliability="C",
            info_credibility=3,
        ),
        _relation(
            "R3",
            "iran",
            "azerbaijan",
            "military_posturing",
            -1,
            directed=False,
            start="2021-09",
            end="2021-10",
            confidence="moderate",
            source_reliability="B",
            info_credibility=3,
        ),
        _relation(
            "R4",
            "pakistan",
            "taliban",
            "material_support",
            1,
            start="2021",
            confidence="low",
            source_reliability="D",
            info_credibility=4,
        ),
        _relation(
            "R5", "bagheri", "iran", "affiliation", 0, source_reliability="A", info_credibility=1
        ),
        _relation(
            "R6",
            "iran",
            "pakistan",
            "tension",
            -1,
            directed=False,
            start="2017",
            end="2017",
            confidence="moderate",
            source_reliability="B",
            info_credibility=2,
        ),
    ]
    return graph_from_records(actors, relations, relation_types=TYPES, actor_kinds=KINDS)


def _keys(H: nx.MultiDiGraph) -> list[str]:
    return sorted(k for _, _, k in H.edges(keys=True))


# --------------------------------------------------------------------------- each filter


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        (["affiliation"], ["R5"]),
        (["threat", "tension"], ["R2", "R6"]),
        ([], []),
    ],
)
def test_by_types(G, types, expected):
    H = by_types(G, types)
    assert _keys(H) == expected
    assert H.number_of_nodes() == G.number_of_nodes()  # edge filters keep every actor


def test_by_types_names_an_unknown_type(G):
    with pytest.raises(ValueError, match="unknown relation type 'friendship'"):
        by_types(G, ["threat", "friendship"])


@pytest.mark.parametrize(
    ("signs", "expected"),
    [
        ([1], ["R1", "R4"]),
        (["hostile"], ["R2", "R3", "R6"]),
        (["0"], ["R5"]),
        (["+1", "-1"], ["R1", "R2", "R3", "R4", "R6"]),
        (["cooperative", "structural"], ["R1", "R4", "R5"]),
    ],
)
def test_by_signs(G, signs, expected):
    assert _keys(by_signs(G, signs)) == expected


@pytest.mark.parametrize("bad", ["positive", 2, True])
def test_by_signs_names_an_unknown_sign(G, bad):
    with pytest.raises(ValueError, match=f"unknown sign {bad!r}"):
        by_signs(G, [bad])


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # R1 starts 2021-10: in force from its first day; R3 ends 2021-10: to its last
        ("2021-10-01", ["R1", "R2", "R3", "R4", "R5"]),
        ("2021-09-30", ["R2", "R3", "R4", "R5"]),
        ("2021-10-31", ["R1", "R2", "R3", "R4", "R5"]),
        ("2021-11-01", ["R1", "R2", "R4", "R5"]),
        ("2021-10-15", ["R1", "R2", "R3", "R4", "R5"]),
        (date(2017, 6, 1), ["R2", "R5", "R6"]),
        ("2017-12-31", ["R2", "R5", "R6"]),
        ("2018-01-01", ["R2", "R5"]),
        # a partial day means some time in that period
        ("2021-09", ["R2", "R3", "R4", "R5"]),
        ("2021", ["R1", "R2", "R3", "R4", "R5"]),
    ],
)
def test_in_force_on_honours_precision(G, day, expected):
    assert _keys(in_force_on(G, day)) == expected


@pytest.mark.parametrize("bad", ["2021-13", "yesterday", "2021-02-30", "21-10"])
def test_in_force_on_names_a_bad_date(G, bad):
    with pytest.raises(ValueError, match=f"'{bad}'"):
        in_force_on(G, bad)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2018", "2020", ["R2", "R5"]),
        ("2017-12", None, ["R1", "R2", "R3", "R4", "R5", "R6"]),
        (None, "2017", ["R2", "R5", "R6"]),
        (None, None, ["R1", "R2", "R3", "R4", "R5", "R6"]),
        ("2021-11", "2022", ["R1", "R2", "R4", "R5"]),
        ("2021-09-15", "2021-09-20", ["R2", "R3", "R4", "R5"]),
    ],
)
def test_in_window_overlaps(G, start, end, expected):
    assert _keys(in_window(G, start, end)) == expected


def test_in_window_refuses_a_reversed_window(G):
    with pytest.raises(ValueError, match=r"starts \(2021\) after it ends \(2020\)"):
        in_window(G, "2021", "2020")


@pytest.mark.parametrize(
    ("minimum", "expected"),
    [
        ("low", ["R1", "R2", "R3", "R4", "R5", "R6"]),
        ("moderate", ["R1", "R2", "R3", "R5", "R6"]),
        ("High", ["R1", "R5"]),
    ],
)
def test_by_confidence(G, minimum, expected):
    assert _keys(by_confidence(G, minimum)) == expected


def test_by_confidence_names_a_bad_level(G):
    with pytest.raises(ValueError, match="unknown confidence 'certain'"):
        by_confidence(G, "certain")


@pytest.mark.parametrize(
    ("minimum", "expected"),
    [
        ("B2", ["R1", "R5", "R6"]),  # needs reliability <= B *and* credibility <= 2
        ("b3", ["R1", "R3", "R5", "R6"]),
        ("A1", ["R5"]),
        ("C2", ["R1", "R5", "R6"]),
        ("F6", ["R1", "R2", "R3", "R4", "R5", "R6"]),
    ],
)
def test_by_grade(G, minimum, expected):
    assert _keys(by_grade(G, minimum)) == expected


@pytest.mark.parametrize("bad", ["B7", "G1", "2B", "B", ""])
def test_by_grade_names_a_bad_grade(G, bad):
    with pytest.raises(ValueError, match=f"unknown grade {bad!r}"):
        by_grade(G, bad)


@pytest.mark.parametrize(
    ("kinds", "nodes", "edges"),
    [
        (["state"], ["azerbaijan", "iran", "pakistan"], ["R1", "R3", "R6"]),
        (
            ["state", "armed_group"],
            ["azerbaijan", "iran", "jaish-al-adl", "pakistan"],
            ["R1", "R2", "R3", "R6"],
        ),
        (["person"], ["bagheri"], []),
    ],
)
def test_by_kinds_drops_other_actors_and_their_relations(G, kinds, nodes, edges):
    H = by_kinds(G, kinds)
    assert sorted(H) == nodes
    assert _keys(H) == edges


def test_by_kinds_names_an_unknown_kind(G):
    with pytest.raises(ValueError, match="unknown actor kind 'nation'"):
        by_kinds(G, ["nation"])


@pytest.mark.parametrize(
    ("text", "nodes"),
    [
        ("طهران", ["bagheri", "iran", "jaish-al-adl", "pakistan", "azerbaijan"]),
        ("jaa", ["iran", "jaish-al-adl"]),
        ("ARMY OF", ["iran", "jaish-al-adl"]),
        ("ايران", ["bagheri", "iran", "jaish-al-adl", "pakistan", "azerbaijan"]),  # bare alef
        ("طالبان", ["pakistan", "taliban"]),
        ("taliban", ["pakistan", "taliban"]),
        ("jaish-al", ["iran", "jaish-al-adl"]),  # the id counts too
        ("nobody", []),
    ],
)
def test_by_text_keeps_matches_with_their_relations(G, text, nodes):
    H = by_text(G, text)
    assert sorted(H) == sorted(nodes)
    for u, v in H.edges():
        assert {u, v} & set(by_text(G, text).nodes)


def test_by_text_keeps_only_relations_touching_a_match(G):
    H = by_text(G, "taliban")
    assert _keys(H) == ["R4"]  # not R1/R6 between Iran and Pakistan


def test_by_text_empty_keeps_everything(G):
    assert _keys(by_text(G, "  ")) == _keys(G)


def test_by_text_refuses_a_non_string(G):
    with pytest.raises(TypeError, match="search text must be a string"):
        by_text(G, ["iran"])


@pytest.mark.parametrize(
    ("actors", "hops", "nodes"),
    [
        (["taliban"], 0, ["taliban"]),
        (["taliban"], 1, ["pakistan", "taliban"]),
        (["taliban"], 2, ["iran", "pakistan", "taliban"]),
        (["iran"], 1, ["azerbaijan", "bagheri", "iran", "jaish-al-adl", "pakistan"]),
        (["jaish-al-adl", "azerbaijan"], 1, ["azerbaijan", "iran", "jaish-al-adl"]),
    ],
)
def test_by_focus_ignores_direction(G, actors, hops, nodes):
    assert sorted(by_focus(G, actors, hops)) == nodes


def test_by_focus_keeps_relations_among_kept_actors(G):
    assert _keys(by_focus(G, ["pakistan"], 1)) == ["R1", "R4", "R6"]


def test_by_focus_names_an_unknown_actor(G):
    with pytest.raises(nx.NodeNotFound, match="unknown actor 'talibans'"):
        by_focus(G, ["iran", "talibans"])


@pytest.mark.parametrize("hops", [-1, 1.5, True])
def test_by_focus_refuses_bad_hops(G, hops):
    with pytest.raises(ValueError, match="hops must be a whole number"):
        by_focus(G, ["iran"], hops)


def test_without_isolates(G):
    H = without_isolates(by_signs(G, [1]))
    assert sorted(H) == ["iran", "pakistan", "taliban"]


def test_filters_leave_the_input_alone(G):
    before = (sorted(G.nodes), sorted(G.edges(keys=True)), dict(G.graph))
    H = apply_filters(G, FilterSpec(signs=[1], kinds=["state"], search="iran"))
    H.nodes["iran"]["name"] = "changed"
    H.add_edge("iran", "taliban", key="R99")
    assert (sorted(G.nodes), sorted(G.edges(keys=True)), dict(G.graph)) == before
    assert G.nodes["iran"]["name"] == "Iran"
    assert H.graph["relation_types"] is G.graph["relation_types"]


# --------------------------------------------------------------------------- composition


def test_filters_compose_in_any_order(G):
    a = by_grade(by_signs(in_force_on(G, "2021-10-15"), [-1, 0]), "C3")
    b = in_force_on(by_grade(by_signs(G, [-1, 0]), "C3"), "2021-10-15")
    assert _keys(a) == _keys(b) == ["R2", "R3", "R5"]


def test_apply_filters_equals_the_composed_filters(G):
    spec = FilterSpec(signs=[-1, 0], on="2021-10-15", min_grade="C3", kinds=["state", "person"])
    composed = by_kinds(
        by_grade(by_signs(in_force_on(G, "2021-10-15"), [-1, 0]), "C3"), ["state", "person"]
    )
    H = apply_filters(G, spec)
    assert _keys(H) == _keys(composed) == ["R3", "R5"]
    assert sorted(H) == sorted(composed)


def test_apply_filters_defaults_keep_everything(G):
    H = apply_filters(G)
    assert sorted(H) == sorted(G)
    assert _keys(H) == _keys(G)
    assert H is not G


def test_apply_filters_focus_after_other_filters(G):
    # with hostile relations only, Taliban has no relation, so its focus keeps it alone
    H = apply_filters(G, FilterSpec(signs=[-1], focus=["taliban"], hops=3))
    assert sorted(H) == ["taliban"]
    # a focus actor removed by the kind filter is ignored
    H = apply_filters(G, FilterSpec(kinds=["state"], focus=["taliban", "azerbaijan"]))
    assert sorted(H) == ["azerbaijan", "iran"]


def test_apply_filters_hides_isolates_on_request(G):
    H = apply_filters(G, FilterSpec(types=["threat"], keep_isolates=False))
    assert sorted(H) == ["iran", "jaish-al-adl"]


@pytest.mark.parametrize(
    ("spec", "error", "message"),
    [
        (FilterSpec(types=["friendship"]), ValueError, "unknown relation type 'friendship'"),
        (FilterSpec(kinds=["nation"]), ValueError, "unknown actor kind 'nation'"),
        (FilterSpec(focus=["talibans"]), nx.NodeNotFound, "unknown actor 'talibans'"),
    ],
)
def test_apply_filters_names_unknown_values(G, spec, error, message):
    with pytest.raises(error, match=message):
        apply_filters(G, spec)


# --------------------------------------------------------------------------- FilterSpec


def test_spec_is_normalised_and_hashable():
    a = FilterSpec(
        types=["threat", "affiliation", "threat"],
        signs=["hostile", 1],
        min_grade="b2",
        min_confidence="Moderate",
        search="  iran ",
    )
    b = FilterSpec(
        types=("affiliation", "threat"),
        signs=(1, -1),
        min_grade="B2",
        min_confidence="moderate",
        search="iran",
    )
    assert a == b
    assert hash(a) == hash(b)
    assert a.types == ("affiliation", "threat")
    assert a.signs == (-1, 1)


def test_spec_accepts_dates():
    assert FilterSpec(on=date(2021, 10, 27)).on == "2021-10-27"


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"on": "2021-10-27", "date_from": "2021"}, ValueError, "either a day"),
        ({"on": "2021-13"}, ValueError, "'2021-13'"),
        ({"date_from": "2022", "date_to": "2021"}, ValueError, "after it ends"),
        ({"min_grade": "Z9"}, ValueError, "unknown grade 'Z9'"),
        ({"min_confidence": "sure"}, ValueError, "unknown confidence 'sure'"),
        ({"signs": ["up"]}, ValueError, "unknown sign 'up'"),
        ({"hops": -2}, ValueError, "hops must be a whole number >= 0, not -2"),
        ({"types": "threat"}, TypeError, "not the string 'threat'"),
        ({"focus": ["iran", ""]}, ValueError, "an empty name"),
        ({"search": 3}, TypeError, "search must be a string"),
    ],
)
def test_spec_names_bad_values(kwargs, error, message):
    with pytest.raises(error, match=message):
        FilterSpec(**kwargs)


def test_query_of_the_default_spec_is_empty():
    assert FilterSpec().to_query() == {}
    assert FilterSpec.from_query({}) == FilterSpec()


def test_query_values():
    spec = FilterSpec(
        types=[], signs=[1, -1], date_from="2021-08", focus=["iran"], hops=2, keep_isolates=False
    )
    assert spec.to_query() == {
        "types": [""],
        "signs": ["-1", "+1"],
        "from": ["2021-08"],
        "focus": ["iran"],
        "hops": ["2"],
        "isolates": ["hide"],
    }
    assert FilterSpec.from_query(spec.to_query()) == spec


def test_from_query_accepts_single_strings_and_ignores_other_keys():
    spec = FilterSpec.from_query({"on": "2021-10-27", "signs": "-1", "tab": "map"})
    assert spec == FilterSpec(on="2021-10-27", signs=[-1])


def test_from_query_names_bad_hops():
    with pytest.raises(ValueError, match="hops must be a whole number, not 'two'"):
        FilterSpec.from_query({"hops": ["two"]})


_slugs = st.from_regex(r"[a-z][a-z_]{0,12}", fullmatch=True)


@st.composite
def _partial_dates(draw):
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
    return draw(st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]]))


@st.composite
def _specs(draw):
    kwargs = {}
    for name in ("types", "kinds"):
        kwargs[name] = draw(st.none() | st.lists(_slugs, max_size=4))
    kwargs["signs"] = draw(st.none() | st.lists(st.sampled_from([1, 0, -1]), max_size=3))
    when = draw(st.sampled_from(["none", "on", "window"]))
    if when == "on":
        kwargs["on"] = draw(_partial_dates())
    elif when == "window":
        ends = sorted(draw(st.lists(st.dates(FIRST_DAY, LAST_DAY), min_size=2, max_size=2)))
        kwargs["date_from"] = draw(st.none() | st.just(ends[0].isoformat()))
        kwargs["date_to"] = draw(st.none() | st.just(ends[1].isoformat()))
    kwargs["min_confidence"] = draw(st.none() | st.sampled_from(["low", "moderate", "high"]))
    kwargs["min_grade"] = draw(st.none() | st.from_regex(r"[A-F][1-6]", fullmatch=True))
    kwargs["focus"] = draw(st.lists(_slugs, max_size=3))
    kwargs["hops"] = draw(st.integers(min_value=0, max_value=6))
    kwargs["search"] = draw(st.text(max_size=12))
    kwargs["keep_isolates"] = draw(st.booleans())
    return FilterSpec(**kwargs)


@given(_specs())
def test_query_round_trip(spec):
    query = spec.to_query()
    assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in query.values())
    assert FilterSpec.from_query(query) == spec


# --------------------------------------------------------------------------- words


def test_describe_the_default():
    assert describe(FilterSpec()) == "All relations"


def test_describe_uses_labels_and_names(G):
    spec = FilterSpec(
        types=["military_cooperation", "border_security_cooperation"],
        on="2021-10-27",
        min_confidence="moderate",
    )
    assert describe(spec, G) == (
        "Border security cooperation, military cooperation · in force on 2021-10-27"
        " · confidence moderate or higher"
    )


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (FilterSpec(signs=[-1]), "Hostile relations"),
        (FilterSpec(signs=[1, -1]), "Cooperative or hostile relations"),
        (FilterSpec(on="2021-10"), "In force during 2021-10"),
        (
            FilterSpec(date_from="2021-08", date_to="2021-10"),
            "In force between 2021-08 and 2021-10",
        ),
        (FilterSpec(date_to="2019"), "In force up to 2019"),
        (FilterSpec(min_grade="B2"), "Graded B2 or better"),
        (FilterSpec(kinds=["state", "armed_group"]), "Actors: armed group, state"),
        (
            FilterSpec(focus=["iran", "pakistan"], hops=2),
            "Iran and Pakistan and actors up to 2 steps away",
        ),
        (FilterSpec(focus=["iran"], hops=1), "Iran and its direct partners"),
        (FilterSpec(focus=["iran", "pakistan"], hops=0), "Only Iran and Pakistan"),
        # Right-to-left text is isolated: the quote marks stay on either side of it.
        (FilterSpec(search="طهران"), "Matching “" + FSI + "طهران" + PDI + "”"),
        (FilterSpec(types=[]), "No relation types"),
    ],
)
def test_describe_parts(G, spec, expected):
    assert describe(spec, G) == expected


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            FilterSpec(signs=[-1], types=["tension", "military_posturing"], on="2019-05-01"),
            "No hostile military posturing or tension relations in force on 2019-05-01;"
            " widen the date.",
        ),
        (
            FilterSpec(types=["affiliation"], kinds=["state"]),
            "No affiliation relations among state actors; include more kinds of actor.",
        ),
        (FilterSpec(types=[]), "No relation types are chosen; choose more relation types."),
        (
            FilterSpec(min_confidence="high", min_grade="A1", signs=[1]),
            "No cooperative relations held with high confidence or higher, graded A1 or better;"
            " lower the minimum grade.",
        ),
        (
            FilterSpec(search="nobody"),
            "No relations touching an actor matching “nobody”; try other words.",
        ),
        (
            FilterSpec(signs=[-1], focus=["taliban"]),
            "No hostile relations among Taliban and its direct partners; add hops or choose"
            " other actors.",
        ),
    ],
)
def test_explain_empty_names_the_first_emptying_filter(G, spec, expected):
    assert explain_empty(G, spec) == expected
    assert apply_filters(G, spec).number_of_edges() == 0


def test_explain_empty_reads_like_the_brief(G):
    G.remove_edge("jaish-al-adl", "iran", key="R2")
    spec = FilterSpec(signs=[-1], on="2019-05-01")
    assert explain_empty(G, spec) == "No hostile relations in force on 2019-05-01; widen the date."


def test_explain_empty_is_silent_when_relations_remain(G):
    assert explain_empty(G, FilterSpec(signs=[-1])) == ""


def test_explain_empty_on_a_graph_without_relations():
    H = graph_from_records([{"id": "a"}], [])
    assert explain_empty(H, FilterSpec()) == "The data holds no relations."


# --------------------------------------------------------------------------- undated


def _undated(G: nx.MultiDiGraph) -> set[str]:
    return {
        str(k) for _, _, k, d in G.edges(keys=True, data=True)
        if d.get("valid_from") is None and d.get("valid_to") is None
    }  # fmt: skip


@pytest.mark.parametrize(
    "dates", [{"on": "2021-10-27"}, {"date_from": "2019"}, {"date_to": "2021-08"}]
)
def test_a_date_filter_keeps_undated_relations_unless_told(G, dates):
    undated = _undated(G)
    assert undated  # the fixture has some
    kept = {str(k) for *_, k in apply_filters(G, FilterSpec(**dates)).edges(keys=True)}
    left = apply_filters(G, FilterSpec(**dates, keep_undated=False))
    assert undated <= kept
    assert {str(k) for *_, k in left.edges(keys=True)} == kept - undated
    assert undated_count(left) == 0


def test_keep_undated_means_nothing_without_a_date_filter():
    assert FilterSpec(keep_undated=False) == FilterSpec()
    spec = FilterSpec(on="2021", keep_undated=False)
    assert spec.to_query() == {"on": ["2021"], "undated": ["hide"]}
    assert FilterSpec.from_query(spec.to_query()) == spec
    assert describe(spec) == "In force during 2021, undated ones left out"


def test_undated_count_counts_relations_without_start_and_end(G):
    assert undated_count(G) == len(_undated(G))


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (FilterSpec(on="2021-10-27"), (date(2021, 10, 27), date(2021, 10, 27))),
        (FilterSpec(date_from="2017", date_to="2018-02"), (date(2017, 1, 1), date(2018, 2, 28))),
        (FilterSpec(), (None, None)),
    ],
)
def test_time_bounds(spec, expected):
    assert time_bounds(spec) == expected

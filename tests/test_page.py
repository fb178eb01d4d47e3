"""graph.page: the page's logic without Streamlit (URL, clicks, widgets, details, evidence)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from graph.build import build_graph, graph_from_records
from graph.filters import FilterSpec, apply_filters
from graph.load import DataIssue, format_citation, load_dataset
from graph.page import (
    SCREEN_COLUMNS,
    Selection,
    actor_card,
    actor_relations,
    citation_text,
    cited_paragraphs,
    compare_pair,
    date_span,
    escape_markdown,
    export_name,
    grade_from_parts,
    grade_parts,
    issue_lines,
    page_query,
    read_paragraphs,
    relation_exports,
    relation_record,
    relations_frame,
    selection_from_event,
    selection_from_query,
    spec_from_query,
    spec_from_widgets,
    story_step,
    summary_text,
    type_legend_html,
    view_selection,
    widget_state,
)
from graph.views import Story, View

SHIPPED = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return build_graph(load_dataset(SHIPPED))


@pytest.fixture
def small() -> nx.MultiDiGraph:
    H = graph_from_records(
        [
            {"id": "iran", "name": "Iran", "name_ar": "إيران", "kind": "state"},
            {"id": "pakistan", "name": "Pakistan", "kind": "state"},
            {"id": "jaish", "name": "Jaish al-Adl", "kind": "armed_group"},
        ],
        [
            {"id": "R1", "source": "iran", "target": "pakistan", "relation": "talks", "sign": 1,
             "intensity": 3.0, "directed": False, "start": "2021-10", "confidence": "high",
             "source_reliability": "C", "info_credibility": 2, "evidence": "src:3,5-6"},
            {"id": "R2", "source": "jaish", "target": "iran", "relation": "attack", "sign": -1,
             "intensity": -8.0, "start": "2019", "end": "2019", "confidence": "moderate",
             "source_reliability": "C", "info_credibility": 3, "evidence": "src:7"},
        ],
    )  # fmt: skip
    H.graph["relation_types"] = {
        "talks": {"label": "Talks", "sign": 1},
        "attack": {"label": "Attack", "sign": -1},
    }
    H.graph["actor_kinds"] = ["state", "armed_group"]
    H.graph["sources"] = {"src": {"publisher": "MEN", "published": "2021-10", "language": "ar"}}
    return H


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://example.org">x</a>',
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "see www.example.org or write to a@b.org",
        "$x^2$ costs *much* ~~less~~ `code`",
        "# heading",
        "- item",
        "1. item",
        "iran_gov | pakistan_gov",
    ],
)
def test_escape_markdown_leaves_no_markup(text: str) -> None:
    escaped = escape_markdown(text)
    assert escaped.replace("\\", "").replace("\u2060", "") == text  # reads the same
    assert not re.search(r"(?<!\\)[\[\]<>#$*_`~|]", escaped)  # every marker escaped
    assert not re.search(r"https?\\?:|www\\?\.|@\w", escaped)  # nothing to autolink


# --------------------------------------------------------------------------- the URL


@pytest.mark.parametrize(
    ("query", "expected", "warned"),
    [
        ({}, FilterSpec(keep_isolates=False), 0),
        ({"isolates": "show"}, FilterSpec(), 0),
        ({"isolates": "hide"}, FilterSpec(keep_isolates=False), 0),
        ({"types": ["talks", "nope"]}, FilterSpec(types=["talks"], keep_isolates=False), 1),
        ({"types": "nope"}, FilterSpec(keep_isolates=False), 1),  # nothing valid: no filter
        ({"types": [""]}, FilterSpec(types=[], keep_isolates=False), 0),  # none chosen
        ({"kinds": ["state", "alien"]}, FilterSpec(kinds=["state"], keep_isolates=False), 1),
        ({"signs": "sideways"}, FilterSpec(keep_isolates=False), 1),
        ({"on": "2021-02-30"}, FilterSpec(keep_isolates=False), 1),
        ({"on": "2021", "from": "2020"}, FilterSpec(keep_isolates=False), 1),
        ({"from": "2022", "to": "2020"}, FilterSpec(keep_isolates=False), 1),
        ({"min_grade": "Z9"}, FilterSpec(keep_isolates=False), 1),
        ({"hops": "two"}, FilterSpec(keep_isolates=False), 1),
        ({"focus": ["iran", "atlantis"], "hops": "2"},
         FilterSpec(focus=["iran"], hops=2, keep_isolates=False), 1),
        ({"search": "باكستان", "page": "map"},
         FilterSpec(search="باكستان", keep_isolates=False), 0),
    ],
)  # fmt: skip
def test_spec_from_query_keeps_what_is_valid(
    small: nx.MultiDiGraph, query: dict, expected: FilterSpec, warned: int
) -> None:
    spec, warnings = spec_from_query(small, query)
    assert spec == expected
    assert len(warnings) == warned
    assert all(warning.startswith("Ignored") for warning in warnings)


@pytest.mark.parametrize(
    "spec",
    [
        FilterSpec(keep_isolates=False),
        FilterSpec(),
        FilterSpec(types=["talks"], signs=[-1, 0], on="2021-10-27", keep_isolates=False),
        FilterSpec(kinds=["armed_group"], date_from="2019", min_confidence="high"),
        FilterSpec(min_grade="B2", focus=["iran"], hops=3, search="Jaish"),
        FilterSpec(types=[], keep_isolates=False),
    ],
)
def test_page_query_round_trips_through_spec_from_query(
    small: nx.MultiDiGraph, spec: FilterSpec
) -> None:
    query = page_query(spec, Selection("actor", "iran"), {"size": "strength", "empty": ""})
    assert query["actor"] == ["iran"]
    assert query["size"] == ["strength"]
    assert "empty" not in query
    assert spec_from_query(small, query) == (spec, [])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"actor": "iran"}, Selection("actor", "iran")),
        ({"relation": ["R9", "R1"]}, Selection("relation", "R1")),  # the last value counts
        ({"relations": "R1,R2"}, Selection("relations", "R1,R2")),
        ({"place": "tehran", "actor": "iran"}, Selection("actor", "iran")),
        ({"actor": ""}, None),
    ],
)
def test_selection_from_query(query: dict, expected: Selection | None) -> None:
    known = {"actor": {"iran"}, "relation": {"R1", "R2"}, "place": {"tehran"}}
    assert selection_from_query(query, known) == (expected, [])


@pytest.mark.parametrize("query", [{"actor": "atlantis"}, {"relations": "R1,R404"}])
def test_selection_from_query_warns_about_unknown_ids(query: dict) -> None:
    selection, warnings = selection_from_query(query, {"actor": {"iran"}, "relation": {"R1"}})
    assert selection is None
    [warning] = warnings
    assert "no such" in warning


# --------------------------------------------------------------------------- clicks


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (None, None),
        ({}, None),
        ({"selection": {"points": []}}, None),
        ({"selection": {"points": [{"x": 1}]}}, None),
        ({"selection": {"points": [{"customdata": ["country", "TKM"]}]}}, None),
        ({"selection": {"points": [{"customdata": ["actor", "iran"]}]}},
         Selection("actor", "iran")),
        ({"selection": {"points": [{"customdata": "actor"},
                                   {"customdata": ["relation", "R1"]}]}},
         Selection("relation", "R1")),
        ({"selection": {"points": [{"customdata": ["relations", "R1,R2"]}]}},
         Selection("relations", "R1,R2")),
        ({"selection": {"points": [{"customdata": ["border", "IRN-PAK"]}]}},
         Selection("border", "IRN-PAK")),
    ],
)  # fmt: skip
def test_selection_from_event(event: object, expected: Selection | None) -> None:
    assert selection_from_event(event) == expected


# --------------------------------------------------------------------------- widgets


@pytest.mark.parametrize(
    "spec",
    [
        FilterSpec(keep_isolates=False),
        FilterSpec(types=["attack"], signs=[-1], kinds=["armed_group"], on="2019-06-01"),
        FilterSpec(date_from="2019-01-01", date_to="2021-10-31", min_confidence="moderate"),
        FilterSpec(min_grade="C2", focus=["iran"], hops=0, search="pak", keep_isolates=False),
        FilterSpec(types=[], signs=[], kinds=[]),
    ],
)
def test_widgets_show_the_spec_they_make(small: nx.MultiDiGraph, spec: FilterSpec) -> None:
    values, warnings = widget_state(small, spec, kinds=["state", "armed_group"])
    assert warnings == []
    assert spec_from_widgets(small, values, kinds=["state", "armed_group"]) == (spec, [])


def test_widgets_turn_a_partial_day_into_the_same_window(small: nx.MultiDiGraph) -> None:
    values, _ = widget_state(small, FilterSpec(on="2019"), kinds=["state"])
    assert (values["f_from"], values["f_to"]) == (date(2019, 1, 1), date(2019, 12, 31))
    spec, _ = spec_from_widgets(small, values, kinds=["state"])
    during = apply_filters(small, FilterSpec(on="2019"))
    assert set(apply_filters(small, spec).edges(keys=True)) == set(during.edges(keys=True))


def test_widgets_cut_hops_to_the_slider(small: nx.MultiDiGraph) -> None:
    values, [warning] = widget_state(small, FilterSpec(focus=["iran"], hops=9), kinds=[])
    assert values["f_hops"] == 5
    assert "9" in warning


@pytest.mark.parametrize(
    ("grade", "parts"),
    [(None, (None, None)), ("B2", ("B", 2)), ("F3", (None, 3)), ("A6", ("A", None))],
)
def test_grade_parts_round_trip(grade: str | None, parts: tuple) -> None:
    assert grade_parts(grade) == parts
    assert grade_from_parts(*parts) == grade


def test_summary_says_what_differs_from_the_page_default() -> None:
    assert summary_text(FilterSpec(keep_isolates=False)) == "All relations"
    assert summary_text(FilterSpec()).endswith("actors without relations shown")
    assert "hidden" not in summary_text(FilterSpec(signs=[1], keep_isolates=False))


def test_type_legend_escapes_labels_and_fades_unchosen(small: nx.MultiDiGraph) -> None:
    small.graph["relation_types"]["talks"]["label"] = "<script>x</script>"
    text = type_legend_html(small, chosen=["attack"])
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert text.count("bl-off") == 1
    assert "dashed" in text  # attack is hostile


def test_date_span_of_the_shipped_data(G: nx.MultiDiGraph) -> None:
    first, last = date_span(G)
    assert first == date(2017, 1, 1)
    assert last == G.graph["as_of"]


# --------------------------------------------------------------------------- details


def test_actor_card_of_the_shipped_data(G: nx.MultiDiGraph) -> None:
    card = actor_card(G, "iran")
    assert (card.name, card.name_ar, card.kind, card.iso3) == ("Iran", "إيران", "State", "IRN")
    with pytest.raises(nx.NodeNotFound, match="atlantis"):
        actor_card(G, "atlantis")


def test_actor_relations_follow_the_filtered_graph(G: nx.MultiDiGraph) -> None:
    H = apply_filters(G, FilterSpec(signs=[-1]))
    table = actor_relations(H, "iran")
    expected = {k for u, v, k in H.edges(keys=True) if "iran" in (u, v)}
    assert set(table["id"]) == expected
    assert set(table["sign"]) == {"hostile"}
    assert actor_relations(H, "atlantis").empty


def test_actor_relations_give_direction_from_the_actor(small: nx.MultiDiGraph) -> None:
    table = actor_relations(small, "iran").set_index("id")
    assert table.loc["R1", "direction"] == "\u2013"  # undirected
    assert table.loc["R2", "direction"] == "←"  # Jaish al-Adl attacks Iran
    assert table.loc["R2", "evidence"] == "¶ 7 · MEN, 2021-10"


def test_relation_record_words(small: nx.MultiDiGraph) -> None:
    record = relation_record(small, "R2")
    assert (record["From"], record["To"]) == ("Jaish al-Adl", "Iran")
    assert record["Grade"] == "C3 (fairly reliable source; possibly true)"
    assert record["Dates"] == "2019"
    with pytest.raises(KeyError, match="R404"):
        relation_record(small, "R404")


def test_citation_isolates_an_arabic_publisher() -> None:
    text = citation_text("s:3", {"s": {"publisher": "ميدل ايست نيوز", "published": "2021-10"}})
    assert text == "\u2068ميدل ايست نيوز\u2069, 2021-10, ¶ 3"


SOURCES = {"mena": {"publisher": "MEN", "published": "2021-10"}, "other": {"publisher": "X"}}


@pytest.mark.parametrize(
    ("evidence", "paragraphs_first", "text"),
    [
        ("mena:3,5-7;other:1", False, "MEN, 2021-10, ¶ 3, 5\u20137; X, ¶ 1"),
        ("mena:3,5-7;other:1", True, "¶ 3, 5\u20137 · MEN, 2021-10; ¶ 1 · X"),
        ("gone:2", True, "¶ 2 · gone"),  # an unknown source is named by its id
        ("not evidence", True, "not evidence"),  # shown as it is
        ("", False, "no evidence cited"),
    ],
)
def test_citation_words(evidence: str, paragraphs_first: bool, text: str) -> None:
    assert citation_text(evidence, SOURCES, paragraphs_first=paragraphs_first) == text


def test_citation_is_the_loader_citation_for_latin_publishers() -> None:
    evidence = "mena:3,5-7;other:1"
    assert citation_text(evidence, SOURCES) == format_citation(evidence, SOURCES)


# --------------------------------------------------------------------------- evidence


def test_paragraph_n_is_the_nth_non_empty_line(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("عنوان\n\n   \nالفقرة الثانية\nthird\n", encoding="utf-8")  # noqa: RUF001
    assert read_paragraphs(path) == ("عنوان", "الفقرة الثانية", "third")


def test_cited_paragraphs_with_and_without_the_document(small: nx.MultiDiGraph) -> None:
    sources = small.graph["sources"]
    text = [f"paragraph {n}" for n in range(1, 7)]
    found = cited_paragraphs("src:3,5-6;other:1", sources, lambda s: text if s == "src" else None)
    assert [(p.source, p.number, p.text) for p in found] == [
        ("src", 3, "paragraph 3"),
        ("src", 5, "paragraph 5"),
        ("src", 6, "paragraph 6"),
        ("other", 1, None),
    ]
    assert found[0].publisher == "MEN"
    assert [p.text for p in cited_paragraphs("src:9", sources, lambda s: text)] == [None]
    assert cited_paragraphs("not evidence", sources) == []


# --------------------------------------------------------------------------- views, exports


@pytest.mark.parametrize(
    ("before", "after", "pair", "problem"),
    [
        ("2017", "2021-10-27", ("2017", "2021-10-27"), ""),
        (" 2021-10 ", "2021-10", ("2021-10", "2021-10"), ""),
        ("", "", None, ""),
        ("2017", "", None, "Give both dates to compare."),
        ("2022", "2017", None, "The first date (2022) is after the second (2017)."),
        ("yesterday", "2017", None, "'yesterday' is not a date like 2021, 2021-10 or 2021-10-27."),
    ],
)
def test_compare_pair(before: str, after: str, pair: tuple | None, problem: str) -> None:
    assert compare_pair(before, after) == (pair, problem)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"story": "s", "step": "2"}, ("s", 2)),
        ({"story": "s"}, ("s", 1)),
        ({"story": "s", "step": "0"}, ("s", 1)),
        ({"story": "s", "step": "99"}, ("s", 3)),
        ({"story": "s", "step": "two"}, ("s", 1)),
        ({"story": "unknown", "step": "2"}, None),
        ({}, None),
    ],
)
def test_story_step(query: dict, expected: tuple | None) -> None:
    stories = {"s": Story("s", "S", views=("a", "b", "c"))}
    assert story_step(query, stories) == expected


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        ("iran", Selection("actor", "iran")),
        ("R1", Selection("relation", "R1")),
        ("R404", None),
        (None, None),
    ],
)
def test_view_selection(selection: str | None, expected: Selection | None) -> None:
    known = {"actor": {"iran"}, "relation": {"R1"}}
    assert view_selection(View("v", "V", selection=selection), known) == expected


def test_issue_lines_are_escaped_and_capped() -> None:
    issues = [
        DataIssue("relations.csv", n, "target", "unknown actor '<b>x</b>'") for n in range(30)
    ]
    lines = issue_lines(issues, limit=25)
    assert len(lines) == 26
    assert lines[-1] == "- \u2026 and 5 more"
    assert "\\<b\\>" in lines[0]
    assert lines[2].startswith("- relations\\.csv\\:2\\: target")


def test_export_name_is_a_safe_file_name() -> None:
    assert export_name("../../etc/passwd <x>", "csv") == "borderlines-etc-passwd-x.csv"


def test_relation_exports_hold_the_filtered_relations(G: nx.MultiDiGraph) -> None:
    H = apply_filters(G, FilterSpec(signs=[-1]))
    exports = relation_exports(H, "Hostile")
    data, name, mime = exports["CSV of the relations"]
    ids = {line.split(",")[0] for line in data.splitlines()[1:]}
    assert ids == {str(k) for _, _, k in H.edges(keys=True)}
    assert (name, mime) == ("borderlines-hostile.csv", "text/csv")
    for label in ("GraphML", "GEXF"):
        text = exports[label][0]
        text = text.decode() if isinstance(text, bytes) else text
        assert set(re.findall(r'id="(R\d+)"', text)) == ids, label


# --------------------------------------------------------------------------- relations table


def _two_relations() -> nx.MultiDiGraph:
    return graph_from_records(
        [{"id": "iran", "name": "Iran"}, {"id": "pakistan", "name": "Pakistan"}],
        [
            {"id": "R2", "source": "iran", "target": "pakistan", "relation": "talks",
             "sign": 1, "directed": False, "start": "2021-10", "confidence": "high",
             "source_reliability": "B", "summary": "They talk.", "evidence": "s1:4"},
            {"id": "R1", "source": "pakistan", "target": "iran", "relation": "rivalry",
             "sign": -1, "info_credibility": 3},
        ],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("ident", "column", "expected"),
    [
        ("R1", "direction", "→"),
        ("R2", "direction", "\u2013"),
        ("R1", "from", "Pakistan"),
        ("R2", "to", "Pakistan"),
        ("R1", "sign", "hostile"),
        ("R2", "dates", "since 2021-10"),
        ("R2", "grade", "B2"),
        ("R1", "grade", "B3"),
        ("R1", "evidence", "no evidence cited"),
        ("R2", "evidence", "s1, ¶ 4"),
        ("R2", "summary", "They talk."),
        ("R1", "sign_value", -1),
    ],
)
def test_relations_frame_writes_each_relation_in_words(ident: str, column: str, expected) -> None:
    frame = relations_frame(_two_relations()).set_index("id")
    assert frame.loc[ident, column] == expected


def test_relations_frame_is_sorted_by_id_with_the_shown_columns_first() -> None:
    frame = relations_frame(_two_relations())
    assert list(frame["id"]) == ["R1", "R2"]
    assert tuple(frame.columns[: len(SCREEN_COLUMNS)]) == SCREEN_COLUMNS
    assert relations_frame(nx.MultiDiGraph()).empty

"""graph.details: what the page says of what is on screen (cards, records, tables,
evidence, exports)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from graph.build import graph_from_records
from graph.details import (
    SCREEN_COLUMNS,
    actor_card,
    actor_relations,
    citation_text,
    cited_paragraphs,
    date_span,
    export_name,
    issue_lines,
    relation_exports,
    relation_record,
    relations_frame,
    type_legend_html,
)
from graph.filters import FilterSpec, apply_filters
from graph.load import DataIssue, format_citation, read_paragraphs


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

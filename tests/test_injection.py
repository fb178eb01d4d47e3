"""Text is data, never markup: hostile names and summaries in figures, exports and briefings.

A copy of the shipped data gets links, images, scripts, markdown links and spreadsheet
formulas in every free-text field (names, short names, aliases, descriptions, summaries,
notes, titles). The copy still validates: the payloads are legal text. Each output must
show them as text: HTML-escaped in plotly figures and the briefing page, neutralised in
the CSV export, plain character data in GraphML and GEXF.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import plotly.graph_objects as go
import pytest

from graph import briefing
from graph.build import build_graph, graph_from_records
from graph.export import CSV_COLUMNS, to_gexf, to_graphml, to_node_link_json, to_relations_csv
from graph.figures.map import map_figure
from graph.figures.network import network_figure
from graph.layout import layout_positions
from graph.load import Dataset, load_dataset, validate

SHIPPED = Path(__file__).resolve().parents[1] / "data"

LINK = '<a href="https://example.org">x</a>'
MARKDOWN_LINK = "[x](javascript:alert(1))"
IMAGE = "<img src=x onerror=alert(1)>"
SCRIPT = "</script><script>alert(1)</script>"
HYPERLINK = '=HYPERLINK("https://example.org","x")'
FORMULAS = [HYPERLINK, "+1", "-2+3", "@SUM(1)"]
MARKUP = [LINK, MARKDOWN_LINK, IMAGE, SCRIPT]
PAYLOADS = MARKUP + FORMULAS
# Short names have at most 16 characters.
SHORT_PAYLOADS = ["<a href=x>y</a>", "<img src=x>", "=1+1", "-2+3", "@A1"]
# A tab or a carriage return cannot be in valid data (control characters are refused), so
# they are tried on graphs built from records.
CONTROL_STARTS = ["\t=1+1", "\r=1+1"]

# Markup that must never reach a figure, a page or an export unescaped.
RAW_MARKUP = re.compile(r"<\s*/?\s*(a|img|script|iframe|svg|object|embed)\b", re.IGNORECASE)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")

# Free-text fields to poison, per table: (field, payloads cycled over the rows).
POISON: dict[str, list[tuple[str, list[str]]]] = {
    "actors": [
        ("name", PAYLOADS),
        ("short_name", SHORT_PAYLOADS),
        ("aliases", [";".join(PAYLOADS[i : i + 2]) for i in range(0, len(PAYLOADS), 2)]),
        ("description", PAYLOADS),
    ],
    "relations": [("summary", PAYLOADS)],
    "places": [("name", PAYLOADS), ("note", PAYLOADS)],
    "events": [("title", PAYLOADS), ("summary", PAYLOADS)],
    "borders": [("note", PAYLOADS)],
    "areas": [("note", PAYLOADS)],
    "relation_types": [("description", PAYLOADS)],
    "sources": [("title", [LINK]), ("note", [IMAGE])],
}


def poison_copy(target: Path) -> Path:
    """Copy the shipped data to ``target`` with payloads in every free-text field."""
    shutil.copytree(SHIPPED, target)
    for table, fields in POISON.items():
        path = target / f"{table}.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        for name, payloads in fields:
            column = header.index(name)
            for number, row in enumerate(rows):
                row[column] = payloads[number % len(payloads)]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
        path.write_text(buffer.getvalue(), encoding="utf-8")
    issues = validate(target)
    assert issues == [], [str(issue) for issue in issues]
    return target


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_dataset(poison_copy(tmp_path_factory.mktemp("poisoned") / "data"))


@pytest.fixture(scope="module")
def G(poisoned: Dataset) -> nx.MultiDiGraph:
    return build_graph(poisoned)


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def figure_strings(fig: go.Figure) -> list[str]:
    return list(strings(json.loads(fig.to_json())))


def assert_no_markup(texts: list[str]) -> None:
    found = [text for text in texts if RAW_MARKUP.search(text)]
    assert not found, f"raw markup in {found[:3]}"


def assert_shown_escaped(texts: list[str], payloads: list[str]) -> None:
    joined = "\n".join(texts)
    for payload in payloads:
        escaped = {html.escape(payload, quote=False), html.escape(payload, quote=True)}
        assert any(form in joined for form in escaped), f"{payload!r} is not shown as text"


# --- Figures -----------------------------------------------------------------------------------


def test_poisoned_copy_holds_the_payloads(poisoned: Dataset) -> None:
    assert set(PAYLOADS) <= set(poisoned.actors["name"])
    assert set(PAYLOADS) <= set(poisoned.relations["summary"])


@pytest.mark.parametrize(
    "options",
    [
        pytest.param({}, id="plain"),
        pytest.param({"selected": "iran", "size_by": "degree"}, id="selected"),
        pytest.param({"gl_threshold": 1}, id="webgl-merged"),
    ],
)
def test_network_figure_escapes_data_text(G: nx.MultiDiGraph, options: dict[str, Any]) -> None:
    fig = network_figure(G, layout_positions(G), **options)
    texts = figure_strings(fig)
    assert_no_markup(texts)
    assert_shown_escaped(texts, [*MARKUP, *SHORT_PAYLOADS[:2]])


def test_map_figure_escapes_data_text(G: nx.MultiDiGraph, poisoned: Dataset) -> None:
    texts = figure_strings(map_figure(G, poisoned, selected="iran"))
    assert_no_markup(texts)
    assert_shown_escaped(texts, MARKUP)


def test_briefing_figures_escape_data_text(G: nx.MultiDiGraph, poisoned: Dataset) -> None:
    figures = briefing.briefing_figures(G, poisoned)
    assert set(figures) >= {"network", "map", "timeline"}
    for name, fig in figures.items():
        texts = figure_strings(fig)
        assert_no_markup(texts)
        if name != "map":  # the map shows places and borders, the others the payloads too
            assert_shown_escaped(texts, [LINK, IMAGE])


# --- The briefing page ------------------------------------------------------------------------


class _Elements(HTMLParser):
    """Start tags and their attributes, and the text, of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_briefing_page_shows_payloads_as_text(G: nx.MultiDiGraph, poisoned: Dataset) -> None:
    page = briefing.briefing_html(G, poisoned)
    parser = _Elements()
    parser.feed(page)
    links = [attrs.get("href") or "" for tag, attrs in parser.tags if tag == "a"]
    assert not [href for href in links if "example.org" in href or "javascript" in href]
    assert not [attrs for tag, attrs in parser.tags if tag == "img"]
    assert not [attrs for _, attrs in parser.tags if any(k.startswith("on") for k in attrs)]
    scripts = [tag for tag, _ in parser.tags if tag == "script"]
    assert len(scripts) == page.count("<script")  # no script tag hides in another's text
    assert page.count("alert(1)</script>") == 0
    text = "".join(parser.text)
    assert LINK in text
    assert IMAGE in text


# --- Exports ---------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert all(len(row) == len(CSV_COLUMNS) for row in rows), "a row split or merged"
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


NUMERIC_COLUMNS = ("sign", "intensity", "info_credibility")


def assert_spreadsheet_safe(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for column, cell in row.items():
            if column in NUMERIC_COLUMNS:
                assert NUMBER.fullmatch(cell), f"{column} {cell!r} is not a plain number"
            else:
                assert not cell.startswith(FORMULA_START), f"{column} {cell!r} starts a formula"


def test_csv_export_neutralises_formulas_and_keeps_numbers(G: nx.MultiDiGraph) -> None:
    rows = read_csv(to_relations_csv(G))
    assert len(rows) == G.number_of_edges()
    assert_spreadsheet_safe(rows)
    summaries = {row["summary"] for row in rows}
    assert {"'" + formula for formula in FORMULAS} <= summaries
    assert set(MARKUP) <= summaries  # markup is text to a spreadsheet: unchanged
    assert any(row["sign"] == "-1" and row["intensity"].startswith("-") for row in rows)
    names = {row["source_name"] for row in rows} | {row["target_name"] for row in rows}
    assert "'" + HYPERLINK in names


@pytest.mark.parametrize("start", CONTROL_STARTS)
def test_csv_export_neutralises_tab_and_carriage_return_starts(start: str) -> None:
    G = graph_from_records(
        [{"id": "a", "name": start}, {"id": "b", "name": "B"}],
        [{"id": "R1", "source": "a", "target": "b", "relation": "x", "summary": start}],
    )
    (row,) = read_csv(to_relations_csv(G))
    assert_spreadsheet_safe([row])
    assert row["source_name"].endswith("=1+1")
    assert row["summary"].endswith("=1+1")


def test_csv_export_keeps_a_carriage_return_inside_its_cell() -> None:
    """Python 3.11's csv writer leaves a lone CR unquoted when lines end in LF: a reader
    would start a new row at it, and the rest of the cell (a formula) would start a cell."""
    G = graph_from_records(
        [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        [{"id": "R1", "source": "a", "target": "b", "relation": "x", "summary": "ok\r=1+1"}],
    )
    (row,) = read_csv(to_relations_csv(G))
    assert row["summary"].startswith("ok")
    assert row["evidence"] == ""


@pytest.mark.parametrize("export", [to_graphml, to_gexf])
def test_xml_exports_are_well_formed_with_payloads_as_text(G: nx.MultiDiGraph, export: Any) -> None:
    document = export(G)
    root = ET.fromstring(document)
    texts = [element.text or "" for element in root.iter()]
    texts += [value for element in root.iter() for value in element.attrib.values()]
    for payload in PAYLOADS:
        assert payload in texts, f"{payload!r} is not kept as text"
    names = {element.tag.rsplit("}", 1)[-1] for element in root.iter()}
    assert not names & {"a", "img", "script"}


def test_json_export_keeps_payloads_as_strings(G: nx.MultiDiGraph) -> None:
    data = json.loads(to_node_link_json(G))
    names = {node["name"] for node in data["nodes"]}
    assert set(PAYLOADS) <= names

"""Tests of the briefing pack: the HTML page, what it holds, the exports, the command line."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import networkx as nx
import pytest
from markupsafe import escape

from graph.briefing import (
    SourceNote,
    briefing_figures,
    briefing_html,
    content_hash,
    data_version,
    figure_images,
    key_findings,
    network_frame,
    source_notes,
    story_briefing_html,
)
from graph.briefing import images as briefing_images
from graph.build import build_graph
from graph.cli import main
from graph.export import EXPORTERS
from graph.figures.plotlyjs import PLOTLY_JS
from graph.figures.timeline import events_in_view
from graph.filters import FilterSpec, apply_filters, describe
from graph.load import load_dataset
from graph.views import load_stories, load_views

STORY = "iran-pakistan-2021"
WHEN = datetime(2021, 11, 1, 9, 30, tzinfo=UTC)
ROW_ID = re.compile(r'<tr data-relation="([^"]+)">')


@pytest.fixture(scope="module")
def shipped():
    dataset = load_dataset()
    return dataset, build_graph(dataset)


@pytest.fixture(scope="module")
def views():
    return load_views()


@pytest.fixture(scope="module")
def positions(shipped):
    from graph.layout import layout_positions

    return layout_positions(shipped[1])


def relation_ids(H: nx.MultiDiGraph) -> list[str]:
    return sorted(k for _, _, k in H.edges(keys=True))


# --------------------------------------------------------------------------- the page


@pytest.mark.parametrize(
    "slug",
    [
        "whole-picture",
        "military-ties",
        "afghanistan-sides",
        "threats-to-iran",
        "azerbaijan-triangle",
        "tehran-meeting",
        "since-2017",
    ],
)
def test_a_view_briefing_holds_exactly_what_the_view_shows(shipped, views, positions, slug):
    dataset, G = shipped
    view = views[slug]
    spec = view.spec()
    H = apply_filters(G, spec)
    page = briefing_html(G, dataset, view=view, positions=positions, generated=WHEN)
    assert ROW_ID.findall(page) == relation_ids(H)
    events = events_in_view(H, dataset.events, spec)
    assert re.findall(r'<tr data-event="([^"]+)">', page) == list(events.index)
    assert page.count("Plotly.newPlot(") == 3
    assert f"<h1>{escape(view.title)}</h1>" in page  # escaped by the template
    assert describe(spec, G).replace("“", "").split(" · ")[0] in page
    for text in key_findings(H, compare=view.compare).triads:
        assert _escaped(text) in page


def _escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def test_plotly_js_is_inlined_once_and_nothing_is_fetched(shipped, views, positions):
    dataset, G = shipped
    page = story_briefing_html(
        G, dataset, load_stories()[STORY], views, positions=positions, generated=WHEN
    )
    plotly_js = PLOTLY_JS.read_text(encoding="utf-8")
    assert page.count(plotly_js) == 1
    assert page.count("Plotly.newPlot(") == 3 * 7
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", page)
    assert "default-src 'none'" in page
    assert "cdn.plot.ly" not in page.replace(plotly_js, "")
    assert re.findall(r'data-view="([^"]*)"', page) == list(load_stories()[STORY].views)


def test_the_page_carries_version_date_findings_and_source(shipped, views, positions):
    dataset, G = shipped
    view = views["azerbaijan-triangle"]
    page = briefing_html(G, dataset, view=view, positions=positions, generated=WHEN)
    assert f"Data {data_version(dataset)}" in page
    assert "generated 2021-11-01 09:30 UTC" in page
    assert "Tension triads (1)" in page
    assert "frustration index 1 (exact)" in page
    assert "Most central actors" in page
    assert "relaying <bdi>Al-Monitor</bdi>" in page
    assert "published 2021-10" in page
    assert "mena-2021-10, ¶ 26" in page
    assert escape(view.note) in page


def test_compare_dates_list_what_changed(shipped, views, positions):
    dataset, G = shipped
    page = briefing_html(G, dataset, view=views["since-2017"], positions=positions)
    assert "What changed from 2017 to 2021-10-27" in page
    assert "R053" in page
    assert "was in force during 2017, no longer on 2021-10-27" in page


def test_an_empty_view_explains_itself(shipped, positions):
    dataset, G = shipped
    spec = FilterSpec(types=["tension"], on="2019-05-01")
    page = briefing_html(G, dataset, spec, positions=positions)
    assert "No tension or divergence relations in force on 2019-05-01; widen the date." in page
    assert "<p>None in this view.</p>" in page
    assert page.count("Plotly.newPlot(") == 3


def test_data_text_is_escaped_everywhere(broken_copy):
    attack = "<img src=x onerror=alert(1)>"
    broken_copy.set_cells("actors.csv", {"name": attack}, lambda row: row["id"] == "iran")
    broken_copy.set_cells(
        "relations.csv",
        {"summary": "</script><script>alert(2)</script>"},
        lambda row: row["id"] == "R076",
    )
    dataset = load_dataset(broken_copy.path)
    G = build_graph(dataset)
    page = briefing_html(G, dataset, FilterSpec(focus=["azerbaijan"]))
    assert "<img src=x" not in page
    assert "<script>alert(2)" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("</script>") == 1 + 3  # plotly.js and one script per figure


def test_the_data_version_follows_the_content(broken_copy):
    before = data_version(load_dataset(broken_copy.path))
    assert before.startswith("0.1.0 · sha256 ")
    broken_copy.set_cells("relations.csv", {"summary": "changed"})
    after = data_version(load_dataset(broken_copy.path))
    assert after != before
    assert len(content_hash(broken_copy.path)) == 64


# --------------------------------------------------------------------------- exports


@pytest.mark.parametrize("slug", ["military-ties", "threats-to-iran", "since-2017"])
def test_every_export_of_a_view_holds_exactly_the_relations_on_screen(
    shipped, views, positions, slug
):
    dataset, G = shipped
    view = views[slug]
    H = apply_filters(G, view.spec())
    expected = relation_ids(H)
    page = briefing_html(G, dataset, view=view, positions=positions)
    assert ROW_ID.findall(page) == expected
    rows = list(csv.DictReader(io.StringIO(EXPORTERS["csv"](H))))
    assert [row["id"] for row in rows] == expected
    graphml = nx.read_graphml(io.BytesIO(EXPORTERS["graphml"](H)), force_multigraph=True)
    assert sorted(k for _, _, k in graphml.edges(keys=True)) == expected
    gexf = nx.read_gexf(io.BytesIO(EXPORTERS["gexf"](H)))
    assert sorted(d["id"] for _, _, d in gexf.edges(data=True)) == expected


def test_briefing_figures_emphasise_the_view_selection(shipped, views, positions):
    from graph.figures.network import network_figure

    dataset, G = shipped
    view = views["military-ties"]
    assert view.selection == "R059"
    figures = briefing_figures(G, dataset, view=view, positions=positions)
    assert list(figures) == ["network", "map", "timeline"]
    H = apply_filters(G, view.spec())
    # The legend sits above the plot, so the graph keeps the figure's full width.
    top = {"height": 560, "legend_position": "top"}
    expected = network_figure(H, positions, highlight_edges=["R059"], **top)
    plain = network_figure(H, positions, **top)
    assert figures["network"].to_json() == expected.to_json() != plain.to_json()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_briefing_figures_follow_the_theme(shipped, views, positions, theme):
    from graph.figures.map import MAP_THEMES, map_figure
    from graph.figures.network import network_table

    dataset, G = shipped
    view = views["military-ties"]
    table = network_table(G)
    figures = briefing_figures(G, dataset, view=view, positions=positions, theme=theme, table=table)
    assert figures["map"].layout.geo.bgcolor == MAP_THEMES[theme].sea
    H = apply_filters(G, view.spec())
    assert view.selection not in H  # a relation: faded around on the map as in the network
    expected = map_figure(
        H, dataset, highlight_relations=[view.selection], relation_legend=False, height=560,
        width_hint=900, theme=theme,
    )  # fmt: skip
    assert figures["map"].to_json() == expected.to_json()
    # The table changes nothing in the network.
    without_table = briefing_figures(G, dataset, view=view, positions=positions, theme=theme)
    assert figures["network"].to_json() == without_table["network"].to_json()


def test_briefing_figures_refuse_an_unknown_theme(shipped, positions):
    dataset, G = shipped
    with pytest.raises(ValueError, match="theme 'sepia'"):
        briefing_figures(G, dataset, positions=positions, theme="sepia")


@pytest.mark.parametrize(
    ("size", "font_size", "frame"),
    [
        ((900, 680), 16, (900.0, 440.0)),
        ((680, 560), 12, (680.0, 380.0)),
        ((600, 300), 16, (600.0, 100.0)),  # never less than a third of the height
    ],
)
def test_network_frame_leaves_room_for_the_legends(size, font_size, frame):
    assert network_frame(*size, font_size=font_size) == frame


@pytest.mark.parametrize(
    ("args", "message"),
    [((0, 600), "width 0 is not positive"), ((900, -1), "height -1 is not positive")],
)
def test_network_frame_rejects_a_size_that_is_not_positive(args, message):
    with pytest.raises(ValueError, match=message):
        network_frame(*args)


# --------------------------------------------------------------------------- findings


def test_key_findings_of_the_azerbaijan_triangle(shipped, views):
    _, G = shipped
    H = apply_filters(G, views["azerbaijan-triangle"].spec())
    findings = key_findings(H)
    assert len(findings.triads) == 1
    assert "but Azerbaijan and Iran are hostile" in findings.triads[0]
    assert findings.exact
    assert findings.frustration == 1
    assert set(findings.camps[1]) | set(findings.camps[0]) == {
        "Azerbaijan",
        "Iran",
        "Pakistan",
        "Turkey",
    }
    assert findings.central[0].name in {"Pakistan", "Azerbaijan"}
    assert any(line.startswith("Camps fit the signs") for line in findings.lines())


@pytest.mark.parametrize("top", [0, -1, 1.5, True])
def test_key_findings_checks_top(shipped, top):
    with pytest.raises(ValueError, match="top must be a whole number"):
        key_findings(shipped[1], top=top)


def test_source_notes_collect_the_cited_paragraphs(shipped, tmp_path):
    _dataset, G = shipped
    H = apply_filters(G, FilterSpec(types=["military_posturing"]))
    notes = source_notes(H)
    assert [n.source for n in notes] == ["mena-2021-10"]
    assert notes[0].paragraphs == (25,)
    assert notes[0].publisher.startswith("Middle East News")
    assert notes[0].file is None
    (tmp_path / "000_bc0966837ce6fdc6.txt").write_text("x", encoding="utf-8")
    assert source_notes(H, sources_dir=tmp_path)[0].file == "000_bc0966837ce6fdc6.txt"


def test_source_note_text():
    note = SourceNote("s", "T", "Paper", "Paper", "", "", (1, 2, 3, 7))
    assert note.text() == "Paper: “T”; paragraphs 1\u20133, 7."


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"fmt": "jpeg"}, "image format 'jpeg' is not one of png, svg"),
        ({"width": 0}, "width 0 is not a positive number"),
        ({"scale": -1}, "scale -1 is not a positive number"),
    ],
)
def test_figure_images_checks_its_options(options, message):
    import plotly.graph_objects as go

    with pytest.raises(ValueError, match=message):
        figure_images(go.Figure(), **options)


def test_figure_images_names_the_missing_browser(monkeypatch):
    import plotly.graph_objects as go

    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(briefing_images.shutil, "which", lambda name: None)
    with pytest.raises(FileNotFoundError, match="needs Debian's chromium on PATH"):
        figure_images(go.Figure())
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    with pytest.raises(FileNotFoundError, match="BROWSER_PATH='/nonexistent/chrome'"):
        figure_images(go.Figure())


def test_the_image_renderer_loads_nothing_from_the_network():
    page = briefing_images._kaleido_page().generate_index()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts
    assert all(src.startswith("file://") for src in scripts), scripts
    assert "mathjax" not in page.lower()
    assert briefing_images._DEAD_PROXY.startswith("http://127.0.0.1:")


def test_key_findings_of_an_empty_view():
    findings = key_findings(nx.MultiDiGraph())
    assert findings.relations == findings.frustration == 0
    assert findings.lines() == [
        "Tension triads: none; every triangle of the view is balanced.",
        "Camps: none; the view holds no cooperative or hostile pair.",
    ]


# --------------------------------------------------------------------------- command line


def test_brief_writes_a_view(tmp_path, capsys, views):
    output = tmp_path / "brief.html"
    assert main(["brief", "--view", "tehran-meeting", "--output", str(output)]) == 0
    page = output.read_text(encoding="utf-8")
    assert views["tehran-meeting"].title in page
    assert "wrote" in capsys.readouterr().out


def test_brief_writes_a_story(tmp_path):
    output = tmp_path / "story.html"
    assert main(["brief", "--story", STORY, "--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8").count("Plotly.newPlot(") == 21


def test_brief_of_the_filter_options(tmp_path):
    output = tmp_path / "hostile.html"
    args = ["brief", "--signs", "hostile", "--title", "Hostile ties", "--output", str(output)]
    assert main(args) == 0
    page = output.read_text(encoding="utf-8")
    assert "<h1>Hostile ties</h1>" in page
    G = build_graph(load_dataset())
    assert ROW_ID.findall(page) == relation_ids(apply_filters(G, FilterSpec(signs=[-1])))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--view", "nope"], "unknown view 'nope'; available views: afghanistan-sides, "),
        (["--story", "nope"], f"unknown story 'nope'; available stories: {STORY}"),
        (["--view", "whole-picture", "--types", "tension"], "not both"),
        (["--view", "a", "--story", "b"], "not allowed with argument"),
        (["--types", "nope"], "unknown relation type 'nope'"),
    ],
)
def test_brief_usage_errors_exit_2_without_a_traceback(capsys, args, message):
    assert main(["brief", *args, "--output", "/dev/null"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_brief_refuses_broken_data(broken_copy, capsys):
    broken_copy.set_cells("relations.csv", {"target": "nobody"})
    assert main(["brief", "--view", "whole-picture", "--data", str(broken_copy.path)]) == 1
    err = capsys.readouterr().err
    assert "relations.csv:2: target" in err
    assert "no briefing" in err


def test_the_arabic_briefing_reads_right_to_left_in_arabic(shipped, views, positions):
    """In Arabic, the briefing is right to left and its words are Arabic: what is left in
    Latin letters is the data's English names (of actors and the source), ids and grades."""
    from graph.build import dataset_in_language, in_language
    from graph.i18n import _current, set_language
    from graph.views import in_language as view_in_language

    dataset, G = shipped
    token = set_language("ar")
    try:
        arabic = in_language(G, "ar")
        view = view_in_language(views["military-ties"], "ar")
        data = dataset_in_language(dataset, "ar")
        page = briefing_html(arabic, data, view=view, positions=positions, generated=WHEN)
    finally:
        _current.reset(token)
    assert re.search(r'<html lang="ar" dir="rtl"', page)
    assert f"<h1>{escape(view.title)}</h1>" in page
    assert view.title.startswith("تقارب")
    shown = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    shown = re.sub(r"<[^>]+>", " ", shown)
    data = {str(d.get("name") or "") for _, d in G.nodes(data=True)}
    data |= {str(v) for c in ("title", "publisher", "original_publisher", "language")
             for v in dataset.sources[c].dropna()} | set(dataset.sources.index)  # fmt: skip
    for text in sorted((t for t in data if len(t) > 2), key=len, reverse=True):
        shown = shown.replace(str(escape(text)), " ")  # escaped as the template escapes
    words = set(re.findall(r"\b[A-Za-z]{3,}\b", shown))
    # The product, file formats, standards (ICD 203, UTC) and a scale's name stay as they are.
    kept = {"Borderlines", "GraphML", "GEXF", "Goldstein", "ICD", "UTC"}
    assert words <= kept, sorted(words - kept)[:20]

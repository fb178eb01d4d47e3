"""The HTML briefing in a real browser, from a file, with the network cut off; and images.

Every request that is not ``file://`` is aborted and recorded: the page must make none.
Screenshots land in ``tests/e2e/artifacts/`` for a person to look at.
"""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route

from graph.briefing import (
    briefing_figures,
    briefing_html,
    figure_images,
    figures_images,
    key_findings,
    story_briefing_html,
)
from graph.build import build_graph
from graph.filters import apply_filters
from graph.load import default_sources_dir, load_dataset
from graph.views import load_stories, load_views

from . import ARTIFACTS, PageRecord

pytestmark = pytest.mark.browser

STORY = "iran-pakistan-2021"
VIEW = "azerbaijan-triangle"
# How long a page of up to 21 figures may take to draw on a slow, busy machine.
DRAW_TIMEOUT = 90_000


@pytest.fixture(scope="module")
def shipped():
    dataset = load_dataset()
    return dataset, build_graph(dataset), load_views(), load_stories()


@pytest.fixture(scope="module")
def view_file(shipped, tmp_path_factory) -> Path:
    dataset, G, views, _ = shipped
    path = tmp_path_factory.mktemp("briefing") / f"{VIEW}.html"
    page = briefing_html(G, dataset, view=views[VIEW], sources_dir=default_sources_dir())
    path.write_text(page, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def story_file(shipped, tmp_path_factory) -> Path:
    dataset, G, views, stories = shipped
    path = tmp_path_factory.mktemp("briefing") / f"{STORY}.html"
    path.write_text(story_briefing_html(G, dataset, stories[STORY], views), encoding="utf-8")
    return path


@pytest.fixture
def offline_page(browser: Browser, page_record: PageRecord) -> Iterator[Page]:
    """A 1920x1080 page, offline, that aborts and records every request but file://."""
    context = browser.new_context(
        viewport={"width": 1920, "height": 1080}, locale="en-US", timezone_id="UTC", offline=True
    )

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            page_record.requests.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.set_default_timeout(DRAW_TIMEOUT)
    page.on(
        "console",
        lambda m: page_record.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: page_record.console_errors.append(f"uncaught: {error}"))
    try:
        yield page
    finally:
        context.close()


def drawn_figures(page: Page) -> list[int]:
    """For each plotly figure div, how many ``svg.main-svg`` layers it has drawn."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('div.js-plotly-plot'))"
        ".map(div => div.querySelectorAll('svg.main-svg').length)"
    )


def open_and_draw(page: Page, path: Path, figures: int) -> None:
    page.goto(path.as_uri())
    page.wait_for_function(
        f"document.querySelectorAll('div.js-plotly-plot svg.main-svg').length > 0 && "
        f"Array.from(document.querySelectorAll('div.plotly-graph-div'))"
        f".filter(div => div.querySelector('svg.main-svg')).length === {figures}"
    )


def test_the_view_briefing_draws_every_figure_offline(
    offline_page: Page, page_record: PageRecord, view_file: Path, shipped
) -> None:
    _dataset, G, views, _ = shipped
    open_and_draw(offline_page, view_file, 3)

    assert offline_page.locator("div.plotly-graph-div").count() == 3
    assert all(layers > 0 for layers in drawn_figures(offline_page))
    text = offline_page.inner_text("body")
    findings = key_findings(apply_filters(G, views[VIEW].spec()))
    assert findings.triads[0] in text
    assert "frustration index 1 (exact)" in text
    assert findings.central[0].name in text
    assert "Middle East News" in text
    assert "relaying Al-Monitor" in text
    assert "mena-2021-10, ¶ 25" in text
    assert "paragraphs cited in this view" in text
    assert len(re.findall(r"^R0\d\d\t", text, re.MULTILINE)) == 10  # the relations table

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    offline_page.screenshot(path=ARTIFACTS / f"briefing-{VIEW}-1920x1080.png")
    offline_page.screenshot(path=ARTIFACTS / f"briefing-{VIEW}-full.png", full_page=True)
    assert page_record.requests == [], f"the briefing asked for {page_record.requests}"
    page_record.assert_clean()


def test_stepping_through_the_story_draws_each_view(
    offline_page: Page, page_record: PageRecord, story_file: Path, shipped
) -> None:
    _, _, views, stories = shipped
    steps = stories[STORY].views
    open_and_draw(offline_page, story_file, 3 * len(steps))

    sections = offline_page.locator("section.view")
    assert sections.count() == len(steps)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for i, slug in enumerate(steps):
        section = sections.nth(i)
        assert section.get_attribute("data-view") == slug
        assert section.locator("h2").inner_text() == views[slug].title
        assert section.locator("div.plotly-graph-div svg.main-svg").first.is_visible()
        drawn = section.evaluate(
            "s => Array.from(s.querySelectorAll('div.plotly-graph-div'))"
            ".filter(div => div.querySelector('svg.main-svg')).length"
        )
        assert drawn == 3, f"step {i + 1} ({slug}) drew {drawn} of 3 figures"
        section.locator("div.figures").scroll_into_view_if_needed()
        section.locator("div.figures").screenshot(
            path=ARTIFACTS / f"story-step-{i + 1}-{slug}-figures.png"
        )
        section.locator("figure.timeline").screenshot(
            path=ARTIFACTS / f"story-step-{i + 1}-{slug}-timeline.png"
        )
    page_record.assert_clean()


def test_a_hostile_name_shows_as_text(
    offline_page: Page, page_record: PageRecord, broken_copy, tmp_path: Path
) -> None:
    attack = "<img src=x onerror=alert(1)>"
    broken_copy.set_cells("actors.csv", {"name": attack}, lambda row: row["id"] == "azerbaijan")
    dataset = load_dataset(broken_copy.path)
    views = load_views(broken_copy.path / "views")
    path = tmp_path / "hostile.html"
    path.write_text(briefing_html(build_graph(dataset), dataset, view=views[VIEW]), "utf-8")
    dialogs: list[str] = []
    offline_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_and_draw(offline_page, path, 3)

    assert attack in offline_page.inner_text("body")
    assert offline_page.locator("img").count() == 0
    offline_page.locator("div.plotly-graph-div").first.hover()
    assert dialogs == []
    page_record.assert_clean()


# --------------------------------------------------------------------------- images


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:16]
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_and_svg_exports_are_valid_images(shipped) -> None:
    dataset, G, views, _ = shipped
    figures = briefing_figures(G, dataset, view=views["threats-to-iran"])
    png = figure_images(figures["network"], "png", width=800, height=500, scale=2)
    assert png_size(png) == (1600, 1000)
    svgs = figures_images(figures, "svg", width=1200)
    assert list(svgs) == ["network", "map", "timeline"]
    for name, data in svgs.items():
        root = ET.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg", name
        assert root.get("width") == "1200"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "threats-to-iran-network.png").write_bytes(png)
    (ARTIFACTS / "threats-to-iran-map.svg").write_bytes(svgs["map"])


def test_arabic_figures_export_with_their_arabic_text(shipped) -> None:
    """An Arabic view's figures as SVG (kaleido in Debian's chromium, its Arabic fonts):
    the labels are the Arabic names, written as text the SVG viewer shapes."""
    from graph.build import dataset_in_language, in_language
    from graph.i18n import _current, set_language

    dataset, G, views, _ = shipped
    token = set_language("ar")
    try:
        figures = briefing_figures(
            in_language(G, "ar"), dataset_in_language(dataset, "ar"), view=views["threats-to-iran"]
        )
        svg = figure_images(figures["network"], "svg", width=900).decode("utf-8")
    finally:
        _current.reset(token)
    texts = {
        "".join(node.itertext())
        for node in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")
    }
    assert "أفغانستان" in texts  # a node's label, in Arabic
    assert "الأطراف" in texts  # the actors' legend title
    (ARTIFACTS / "threats-to-iran-network-ar.svg").write_text(svg, encoding="utf-8")

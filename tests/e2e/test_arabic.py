"""The Arabic interface (``?lang=ar``) in chromium: right to left, the sidebar on the right,
no English left on the page, its figures or a slide (the data's English names aside), at
1440x900 and 1920x1080, nothing fetched from outside."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from playwright.sync_api import Page, expect

from graph.load import default_data_dir, load_dataset

from . import PageRecord, save_screenshot, wait_for_app
from .test_dashboard import VISUAL_ORDER_JS

pytestmark = pytest.mark.browser

#: Names that stay as they are in Arabic text: the product, file formats, a standard.
KEPT = ("Borderlines", "CSV", "ZIP", "GraphML", "GEXF", "PNG", "SVG", "HTML", "ISO 3166")
#: A word of two Latin letters or more: English left on the page.
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]+")

#: What a reader reads in an element: its text without what is hidden from readers (the
#: icons, Material Symbols ligatures such as "filter_alt" drawn as pictures) and without the
#: language switch, which names each language in that language.
READ_TEXT_JS = """(element) => {
  const copy = element.cloneNode(true);
  copy.querySelectorAll('[aria-hidden="true"], .st-key-lang_pick').forEach(
    (node) => node.remove());
  document.body.appendChild(copy);
  const text = copy.innerText;
  copy.remove();
  return text;
}"""

#: The text drawn in the figures (plotly's SVG text: labels, legends, axes, notes).
FIGURE_TEXT_JS = """() => Array.from(document.querySelectorAll('.bl-figure svg text'))
  .map((node) => node.textContent).join('\\n')"""

GEOMETRY_JS = """() => {
  const side = document.querySelector('[data-testid="stSidebar"]').getBoundingClientRect();
  return {dir: document.documentElement.dir, lang: document.documentElement.lang,
          body: getComputedStyle(document.body).direction,
          left: side.left, right: side.right, width: window.innerWidth};
}"""


def data_names(G: nx.MultiDiGraph) -> list[str]:
    """What the data names in English and the Arabic page shows as it is: actors' names
    and aliases, codes, the source's title and publishers; the longest first, so a name
    inside another is removed after it. (Descriptions, summaries and notes have their
    Arabic in the data: they are not exempt.)"""
    dataset = load_dataset(default_data_dir())
    texts = set(KEPT)
    for _, data in G.nodes(data=True):
        texts |= {str(data.get(k) or "") for k in ("name", "short_name", "iso3")}
        texts |= set(data.get("aliases") or ())
    for column in ("title", "publisher", "original_publisher", "language"):
        texts |= set(map(str, dataset.sources[column].dropna()))
    return sorted((t for t in texts if t and t != "None"), key=len, reverse=True)


def english_left(text: str, names: list[str]) -> list[str]:
    """The Latin words of ``text`` once the data's names are taken out."""
    for name in names:
        text = text.replace(name, " ")
    return LATIN_WORD.findall(text)


def test_the_arabic_page_reads_right_to_left_with_the_sidebar_on_the_right(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    page.goto(f"{app_url}/?lang=ar&actor=iran")
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("heading", name="عوامل التصفية")).to_be_visible()
    expect(page.locator(".bl-figure")).to_have_count(3)
    for summary in sidebar.locator("details summary").all():  # what the expanders hold too
        summary.click()
    wait_for_app(page)
    names = data_names(G)
    for width, height in ((1440, 900), (1920, 1080)):
        path = save_screenshot(page, "arabic", width=width, height=height)
        geometry = page.evaluate(GEOMETRY_JS)
        assert (geometry["dir"], geometry["lang"], geometry["body"]) == ("rtl", "ar", "rtl")
        assert geometry["right"] == pytest.approx(geometry["width"], abs=1), path
        assert geometry["left"] > geometry["width"] / 2, path
        for part in ("stSidebar", "stMain"):
            left = english_left(page.get_by_test_id(part).evaluate(READ_TEXT_JS), names)
            assert not left, f"English in the Arabic {part} at {width}x{height}: {left[:10]}"
    figures = page.evaluate(FIGURE_TEXT_JS)
    assert not english_left(figures, names), english_left(figures, names)[:10]
    # A mixed line keeps its order: read from the right, "from one report:", the publisher
    # (its English name, then its Arabic one, a left-to-right run), "relaying", the original
    # publisher.
    marks = ["من تقرير", "Middle East News", "ميدل ايست", "نقلًا عن", "Al-Monitor"]
    found = page.evaluate(VISUAL_ORDER_JS, [".bl-context", marks])
    lefts = dict(zip(marks, found, strict=True))
    assert None not in found, lefts
    right_to_left = ["من تقرير", "ميدل ايست", "Middle East News", "نقلًا عن", "Al-Monitor"]
    assert [lefts[m] for m in right_to_left] == sorted(found, reverse=True), lefts
    # Back to English with the switch: left to right again, the selection kept.
    sidebar.get_by_text("English", exact=True).click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    wait_for_app(page)
    assert "lang=" not in page.url
    assert "actor=iran" in page.url
    expect(sidebar.get_by_role("heading", name="Filters")).to_be_visible()
    page_record.assert_clean()


def test_a_slide_reads_in_arabic(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/?lang=ar&present=1&story=iran-pakistan-2021&step=2")
    wait_for_app(page)
    expect(page.locator(".bl-figure")).to_have_count(2)
    expect(page.get_by_role("button", name="التالي")).to_be_visible()
    save_screenshot(page, "arabic-slide", width=1920, height=1080)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    names = data_names(G)
    text = page.get_by_test_id("stMain").evaluate(READ_TEXT_JS) + page.evaluate(FIGURE_TEXT_JS)
    assert not english_left(text, names), english_left(text, names)[:10]
    # Right to left, the left arrow goes on (and the Next button's arrow points left).
    page.locator("body").press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"[?&]step=3(&|$)"))
    wait_for_app(page)
    page_record.assert_clean()

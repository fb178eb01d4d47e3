"""The network page in a real browser: it draws, answers clicks and filters, keeps the view
in the address, and never leaves localhost.

Points are found through plotly's own state in the page (``gd._fullData`` and the axes'
``d2p``), so a click lands on the marker of the actor the test names.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from graph import style
from graph.analysis import connecting_paths
from graph.details import export_name
from graph.filters import FilterSpec, apply_filters
from graph.load import load_dataset
from graph.text import isolate
from graph.views import default_views_dir, load_stories, load_views

from . import (
    ARTIFACTS,
    FIGURE,
    RELATIONS_JS,
    PageRecord,
    assert_axes_whole,
    save_screenshot,
    wait_for_app,
)

pytestmark = pytest.mark.browser

NETWORK, MAP = 0, 1
STORY = "iran-pakistan-2021"  # the shipped story
# Milliseconds to wait for a figure: plotly.js (4.6 MB) loads lazily, slowly on a busy machine.
DRAW_TIMEOUT = 60_000

# Where a point with customdata [kind, id] is drawn on chart `index`, in page pixels.
POINT_JS = """([index, kind, ident]) => {
  const gd = document.querySelectorAll('.bl-figure')[index];
  if (!gd || !gd._fullData) return null;
  const layout = gd._fullLayout, box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    const data = trace.customdata || [];
    for (let i = 0; i < data.length; i++) {
      if (!data[i] || data[i][0] !== kind || data[i][1] !== ident) continue;
      if (trace.type === 'scattergeo') {
        const xy = layout.geo._subplot.projection([trace.lon[i], trace.lat[i]]);
        return [box.left + xy[0], box.top + xy[1]];
      }
      return [box.left + layout._size.l + layout.xaxis.d2p(trace.x[i]),
              box.top + layout._size.t + layout.yaxis.d2p(trace.y[i])];
    }
  }
  return null;
}"""


def expected_ids(G: nx.MultiDiGraph, spec: FilterSpec) -> list[str]:
    return sorted(str(k) for _, _, k in apply_filters(G, spec).edges(keys=True))


def wait_for_figures(page: Page) -> None:
    """Wait until the app is idle and both figures are drawn (the map's land at least)."""
    wait_for_app(page)
    charts = page.locator(FIGURE)
    expect(charts).to_have_count(3, timeout=DRAW_TIMEOUT)  # network, map, timeline
    network, border_map = charts.nth(NETWORK), charts.nth(MAP)
    expect(network.locator("svg.main-svg").first).to_be_attached(timeout=DRAW_TIMEOUT)
    expect(border_map.locator("g.geo g.trace.scattergeo").first).to_be_attached(
        timeout=DRAW_TIMEOUT
    )


def choose_in(page: Page, box: Any, name: str, attempts: int = 3) -> None:
    """Type ``name`` in a select box and pick its option. Under load a rerun may redraw
    the box between the click and the typing, which then lands in the old one and the
    list stays unfiltered (its 42 options, the one wanted out of view): type again."""
    option = page.get_by_role("option", name=name, exact=True)
    for attempt in range(attempts):
        box.click()
        box.fill(name)
        try:
            expect(page.get_by_role("option")).to_have_count(1, timeout=5_000)
            break
        except AssertionError:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
            wait_for_app(page)
    option.click()


def click_point(page: Page, index: int, kind: str, ident: str) -> None:
    position = page.evaluate(POINT_JS, [index, kind, ident])
    assert position is not None, f"no point {kind} {ident} on chart {index}"
    page.mouse.click(*position)


def drawn_relations(page: Page, index: int = NETWORK) -> list[str]:
    return page.evaluate(RELATIONS_JS, index)


def test_the_network_is_drawn_offline_and_fits_the_first_screen(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    started = time.monotonic()
    page.goto(app_url)
    wait_for_figures(page)
    network = page.locator(FIGURE).nth(NETWORK)
    expect(network.locator("g.scatterlayer path.point").first).to_be_attached(timeout=DRAW_TIMEOUT)
    first_draw = time.monotonic() - started

    lines = network.locator("g.scatterlayer path.js-line")
    assert lines.count() > 10  # relation lines were drawn as SVG paths
    assert network.locator("g.scatterlayer path.point").count() >= G.number_of_nodes()
    expect(network.locator("g.legend")).to_contain_text("Military cooperation")
    expect(network.locator("g.legend")).to_contain_text("hostile")
    assert drawn_relations(page) == expected_ids(G, FilterSpec())
    expect(page.get_by_text("Showing: All relations")).to_be_visible()
    # Both figures sit on the first screen at 1440x900, side by side.
    for index in (NETWORK, MAP):
        box = page.locator(FIGURE).nth(index).bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= 900, f"chart {index} runs below the first screen"
    expect(page.get_by_test_id("stException")).to_have_count(0)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "first-draw-seconds.txt").write_text(f"{first_draw:.2f}\n", encoding="utf-8")
    save_screenshot(page, "dashboard", width=1440, height=900)
    save_screenshot(page, "dashboard", width=1920, height=1080)
    page_record.assert_clean()


def on_first_screen(locator: Locator, width: int = 1440, height: int = 900) -> None:
    """``locator`` is visible without scrolling, in a ``width`` x ``height`` window."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0, box
    assert box["y"] + min(box["height"], 40) <= height, box
    assert box["x"] >= 0, box
    assert box["x"] + box["width"] <= width, box


PANE = ".st-key-reading_pane"


def test_clicking_a_node_shows_its_details_beside_the_figures(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    page.goto(app_url)
    wait_for_figures(page)

    click_point(page, NETWORK, "actor", "iran")

    expect(page).to_have_url(re.compile(r"[?&]actor=iran\b"))
    wait_for_figures(page)
    pane = page.locator(PANE)
    heading = pane.locator("h4", has_text="Iran").first
    on_first_screen(heading)
    arabic = heading.locator('[dir="rtl"]')
    expect(arabic).to_have_text("إيران")
    on_first_screen(pane.get_by_text("ISO 3166 code: IRN"))
    expect(pane.get_by_text(re.compile(r"Relations on screen: \d+ of \d+"))).to_be_visible()
    save_screenshot(page, "dashboard-iran", width=1440, height=900)

    # A place on the map answers in the same pane.
    click_point(page, MAP, "actor", "pakistan")
    expect(page).to_have_url(re.compile(r"[?&]actor=pakistan\b"))
    on_first_screen(pane.locator("h4", has_text="Pakistan").first)
    page_record.assert_clean()


def test_a_row_of_the_relations_on_screen_selects_the_relation(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    page.goto(f"{app_url}/?signs=1")
    wait_for_figures(page)
    table = page.locator(".st-key-screen_table .bl-table")
    expect(table.locator("tbody tr").first).to_be_attached(timeout=DRAW_TIMEOUT)
    expected = expected_ids(G, FilterSpec(signs=[1]))
    headings = table.locator("thead th").all_text_contents()
    ids = table.locator(f"tbody tr td:nth-child({headings.index('Id') + 1})")
    assert sorted(ids.all_text_contents()) == expected

    table.get_by_role("searchbox").fill("R050")
    expect(table.locator("tbody tr")).to_have_count(1)
    table.locator("tbody tr").first.click()

    expect(page).to_have_url(re.compile(r"[?&]relation=R050\b"))
    wait_for_figures(page)
    pane = page.locator(PANE)
    on_first_screen(pane.locator("h4", has_text="Military cooperation"))
    on_first_screen(pane.get_by_text("Id: R050"))
    expect(table.locator("tbody tr.bl-chosen")).to_contain_text("R050")
    page_record.assert_clean()


@pytest.fixture(scope="module")
def stand_in_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder standing in for the source documents (a fresh clone has none beside it):
    paragraph n of each reads "paragraph n", in Arabic words for the Arabic source."""
    folder = tmp_path_factory.mktemp("sources")
    for row in load_dataset().sources.itertuples():
        lines = [f"الفقرة {n} paragraph {n}" for n in range(1, int(row.body_to) + 5)]
        (folder / row.file).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("documents", ["at hand", "missing"])
def test_clicking_a_relation_opens_the_cited_paragraphs(
    page: Page,
    page_record: PageRecord,
    launch_app: Callable[..., str],
    stand_in_sources: Path,
    tmp_path: Path,
    documents: str,
) -> None:
    folder = stand_in_sources if documents == "at hand" else tmp_path / "no-sources-here"
    url = launch_app(env={"BORDERLINES_SOURCES": str(folder)})
    page.goto(f"{url}/?relation=R050")
    wait_for_figures(page)

    # On the first screen, beside the figures: the record and the first cited paragraph.
    pane = page.locator(PANE)
    on_first_screen(pane.get_by_role("heading", name="Military cooperation"))
    on_first_screen(pane.get_by_text("Grade: C2 (fairly reliable source; probably true)"))
    if documents == "at hand":
        first = pane.get_by_test_id("stExpander").filter(has_text="¶ 3").first
        expect(first).to_be_visible()
        rtl = first.locator('[dir="rtl"]').first
        expect(rtl).to_contain_text("الفقرة 3")
        on_first_screen(rtl)
        assert rtl.evaluate("e => getComputedStyle(e).direction") == "rtl"
        save_screenshot(page, "dashboard-relation", width=1440, height=900)
    else:  # the citation in words, and how to bring the documents
        on_first_screen(pane.get_by_text(re.compile(r"paragraph 3\b")))
        expect(pane.get_by_text("set BORDERLINES_SOURCES to their folder")).to_be_visible()
    page_record.assert_clean()


def test_a_filter_change_updates_the_address_and_the_figure(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    page.goto(app_url)
    wait_for_figures(page)
    everything = drawn_relations(page)

    search = page.get_by_role("textbox", name="Search names")
    search.fill("Jaish")
    search.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]search=Jaish\b"))
    wait_for_figures(page)
    expected = expected_ids(G, FilterSpec(search="Jaish"))
    expect(page.get_by_text("Showing: Matching “Jaish”")).to_be_visible()
    page.wait_for_function(
        f"() => ({RELATIONS_JS})({NETWORK}).length === {len(expected)}", timeout=30_000
    )
    assert drawn_relations(page) == expected
    assert len(expected) < len(everything)

    page.get_by_test_id("stSidebar").get_by_role("button", name=re.compile("^Structural")).click()
    expect(page).to_have_url(re.compile(r"[?&]signs="))
    wait_for_figures(page)
    both = expected_ids(G, FilterSpec(search="Jaish", signs=[1, -1]))
    page.wait_for_function(
        f"() => ({RELATIONS_JS})({NETWORK}).length === {len(both)}", timeout=30_000
    )
    assert drawn_relations(page) == both
    page_record.assert_clean()


def test_a_copied_address_reproduces_the_view(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    query = "types=military_cooperation&types=threat&on=2021-10-27&actor=pakistan"
    page.goto(f"{app_url}/?{query}")
    wait_for_figures(page)

    spec = FilterSpec(types=["military_cooperation", "threat"], on="2021-10-27")
    assert drawn_relations(page) == expected_ids(G, spec)
    assert page.url.endswith(query)  # the page kept the address as given
    day = page.get_by_role("group", name="In force on")
    for part, value in (("year", "2021"), ("month", "10"), ("day", "27")):
        expect(day.get_by_role("spinbutton", name=f"{part}, In force on")).to_have_text(value)
    expect(page.locator(".st-key-reading_pane h4", has_text="Pakistan").first).to_be_visible()
    page_record.assert_clean()


def test_an_empty_view_explains_itself(page: Page, page_record: PageRecord, app_url: str) -> None:
    page.goto(f"{app_url}/?types=agreement&on=2017-06-01&relation=R404")
    wait_for_figures(page)

    message = "No agreement relations in force on 2017-06-01"
    expect(page.get_by_test_id("stAlertContentInfo")).to_contain_text(message)
    network = page.locator(FIGURE).nth(NETWORK)
    expect(network.locator("text.annotation-text")).to_contain_text(message)  # not a blank
    expect(page.get_by_text("Ignored relation='R404'")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    save_screenshot(page, "dashboard-empty", width=1440, height=900)
    page_record.assert_clean()


@contextmanager
def sized_page(
    contexts: tuple[Browser, BrowserContext],
    width: int,
    height: int,
    scale: float = 1.0,
    color_scheme: str = "light",
) -> Iterator[tuple[Page, PageRecord]]:
    """A page of ``width`` x ``height`` CSS pixels; ``scale`` 1.5 on 960x600 is a 1440x900
    window at 150% zoom (the browser's zoom shrinks the CSS viewport the same way).

    ``contexts``: the browser, for a zoomed page (a context of its own: the pixel ratio is
    a context's), and the session's context, where a page at 100% is sized and coloured
    alone and draws sooner (its scripts are compiled already).
    """
    browser, shared = contexts
    record = PageRecord()
    context: BrowserContext | None = None
    if scale == 1.0:
        page = shared.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=color_scheme)  # type: ignore[arg-type]
    else:
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale,
            color_scheme=color_scheme, locale="en-US",
        )  # fmt: skip
        page = context.new_page()
    page.on("request", lambda request: record.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            record.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: record.console_errors.append(f"uncaught: {error}"))
    try:
        yield page, record
    finally:
        if context is None:
            page.close()
            shared.clear_cookies()
        else:
            context.close()


@pytest.fixture
def contexts(browser: Browser, browser_context: BrowserContext) -> tuple[Browser, BrowserContext]:
    """The browser and the session's context, for :func:`sized_page`."""
    return browser, browser_context


@pytest.fixture
def dark_page(contexts: tuple[Browser, BrowserContext]) -> Iterator[tuple[Page, PageRecord]]:
    """A 1440x900 page that prefers the dark colour scheme, with its record."""
    with sized_page(contexts, 1440, 900, color_scheme="dark") as found:
        yield found


def test_the_dark_theme_draws_a_dark_map(dark_page: tuple[Page, PageRecord], app_url: str) -> None:
    page, record = dark_page
    page.goto(f"{app_url}/?actor=iran")
    wait_for_figures(page)

    sea = page.evaluate("() => document.querySelectorAll('.bl-figure')[1]._fullLayout.geo.bgcolor")
    assert sea.lower() in {"#0f1821", "rgb(15, 24, 33)"}
    save_screenshot(page, "dashboard-dark", width=1440, height=900)
    record.assert_clean()


# Left edges, on screen, of each mark in turn (each found after the one before it) in the
# text of the element `selector`: the order a reader's eye meets them, left to right.
VISUAL_ORDER_JS = """([selector, marks]) => {
  const element = document.querySelector(selector);
  const text = element.textContent;
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let offset = 0, node;
  while ((node = walker.nextNode())) { nodes.push([node, offset]); offset += node.data.length; }
  let from = 0;
  return marks.map((mark) => {
    const at = text.indexOf(mark, from);
    if (at < 0) return null;
    from = at + mark.length;
    const [found, start] = nodes.filter(([n, s]) => s <= at).pop();
    const range = document.createRange();
    range.setStart(found, at - start);
    range.setEnd(found, Math.min(at - start + mark.length, found.data.length));
    return range.getBoundingClientRect().left;
  });
}"""

SEARCH = "جيش"  # "army": matches Jaish al-Adl's and the armies' Arabic names


@pytest.mark.parametrize(
    ("query", "selector"), [("", ".bl-summary"), ("present=1&", ".bl-present-summary")]
)
def test_arabic_text_inside_an_english_line_keeps_its_place(
    page: Page, page_record: PageRecord, app_url: str, query: str, selector: str
) -> None:
    page.goto(f"{app_url}/?{query}search={SEARCH}")  # the header, or a slide's subtitle
    wait_for_app(page)
    summary = page.locator(selector)
    expect(summary).to_contain_text(SEARCH)
    expect(summary).to_contain_text(re.compile(r"\d+ actors"))

    marks = ["Matching", "“", SEARCH, "”", "·", "actors"]
    lefts = page.evaluate(VISUAL_ORDER_JS, [selector, marks])
    assert None not in lefts, dict(zip(marks, lefts, strict=True))
    assert lefts == sorted(lefts), dict(zip(marks, lefts, strict=True))
    page_record.assert_clean()


def test_a_date_filter_says_how_many_undated_relations_it_keeps(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    page.goto(f"{app_url}/?on=2021-08")
    wait_for_figures(page)
    spec = FilterSpec(on="2021-08")
    undated = len([k for *_, k, d in apply_filters(G, spec).edges(keys=True, data=True)
                   if not d.get("start") and not d.get("end")])  # fmt: skip
    assert undated
    summary = page.locator(".bl-summary")
    expect(summary).to_contain_text(f"(of which {undated} undated, kept)")
    assert drawn_relations(page) == expected_ids(G, spec)

    box = page.get_by_test_id("stSidebar").get_by_role(
        "checkbox", name=re.compile(r"^Keep the \d+ relations without dates")
    )
    expect(box).to_be_checked()
    box.uncheck(force=True)

    expect(page).to_have_url(re.compile(r"[?&]undated=hide\b"))
    wait_for_figures(page)
    expect(summary).to_contain_text("undated ones left out")
    expect(summary).not_to_contain_text("of which")
    dated = FilterSpec(on="2021-08", keep_undated=False)
    page.wait_for_function(
        f"() => ({RELATIONS_JS})({NETWORK}).length === {len(expected_ids(G, dated))}",
        timeout=30_000,
    )
    assert len(drawn_relations(page)) == len(expected_ids(G, spec)) - undated
    page_record.assert_clean()


def test_how_two_actors_connect_in_the_pane_and_on_a_slide(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    page.goto(app_url)
    wait_for_figures(page)
    sidebar = page.get_by_test_id("stSidebar")
    box = sidebar.get_by_role("combobox", name=re.compile("How are two actors connected"))
    for name in ("Turkey", "Jaish al-Adl"):
        choose_in(page, box, name)
        wait_for_app(page)
    page.keyboard.press("Escape")  # close the list, as a click elsewhere would

    expect(page).to_have_url(re.compile(r"[?&]connect=turkey(,|%2C)jaish-al-adl\b"))
    wait_for_figures(page)
    pane = page.locator(PANE)
    on_first_screen(pane.get_by_role("heading", name="How Turkey and Jaish al-Adl connect"))
    first = connecting_paths(G, "turkey", "jaish-al-adl")[0]
    route = " \u2013 ".join(G.nodes[a]["name"] for a in first.actors)
    on_first_screen(pane.get_by_text(f"Way 1 · {len(first.hops)} steps: {route}"))
    relation = first.hops[0].relations[0]["id"]
    expect(pane).to_contain_text(f"({relation})")
    save_screenshot(page, "dashboard-connect", width=1440, height=900)

    # The same view on a slide: the ways in words, the figures emphasising them.
    page.get_by_role("button", name="Present").click()
    wait_for_app(page)
    ways = page.locator("p.bl-present-ways")
    expect(ways).to_contain_text(f"How Turkey and Jaish al-Adl connect: {route}")
    expect(page).to_have_url(re.compile(r"[?&]connect=turkey(,|%2C)jaish-al-adl\b"))
    page_record.assert_clean()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("types=military_cooperation", "borderlines-military-cooperation.csv"),
        ("", "borderlines-all-relations.csv"),
        ("view=military-ties", None),  # a saved view: its title
    ],
)
def test_exports_are_named_after_the_view(
    page: Page, page_record: PageRecord, app_url: str, query: str, expected: str | None
) -> None:
    if expected is None:
        views = load_views(default_views_dir())
        expected = export_name(views["military-ties"].title, "csv")
    page.goto(f"{app_url}/?{query}")
    wait_for_app(page)
    page.get_by_role("tab", name="Export this view").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV of the relations").click()
    assert download.value.suggested_filename == expected
    assert expected != "borderlines-borderlines.csv"
    page_record.assert_clean()


def test_small_things_a_reader_hits(page: Page, page_record: PageRecord, app_url: str) -> None:
    page.goto(app_url)
    wait_for_figures(page)
    sidebar = page.get_by_test_id("stSidebar")
    # The grade boxes say "Any", not Streamlit's "Choose an option".
    for label in ("Minimum source reliability", "Minimum information credibility"):
        box = sidebar.get_by_role("combobox", name=label)
        expect(box).to_have_attribute("placeholder", "Any")
        expect(box).to_have_value("")
    for other in sidebar.locator('input[placeholder="Choose an option"]').all():
        assert other.input_value(), other.get_attribute("aria-label")  # never shown empty
    # The timeline's legend is one line of keys; the types' colours are the network's.
    legend = page.locator(FIGURE).nth(2).locator("g.legend")
    expect(legend).to_contain_text("Event on a known day")
    expect(legend).not_to_contain_text("Military cooperation")
    box = legend.bounding_box()
    assert box is not None
    assert box["height"] < 40, box
    page_record.assert_clean()


def test_the_first_screen_says_what_the_data_is_and_how_to_start(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    dataset = load_dataset()
    source = dataset.sources.iloc[0]
    story_slug, story = next(iter(load_stories(default_views_dir()).items()))
    page.goto(app_url)
    wait_for_figures(page)
    context = page.locator("p.bl-context")
    on_first_screen(context)
    expect(context).to_contain_text(f"From one report: {isolate(source['publisher'])}")
    expect(context).to_contain_text(f"{len(dataset.relations)} relations among")
    box = context.bounding_box()
    assert box is not None
    assert box["height"] < 50, box  # one line, two at most in a narrow header

    start = context.get_by_role("link", name="Start with the story")
    on_first_screen(start)
    start.click()
    expect(page.locator("h1.bl-present-title")).to_be_visible(timeout=60_000)
    expect(page.locator("p.bl-step")).to_contain_text(
        f"{story.title} · step 1 of {len(story.views)}"
    )
    expect(page).to_have_url(re.compile(rf"[?&]story={story_slug}\b"))
    page_record.assert_clean()


# Lines a text runs over, and whether an element cuts its own content.
LINES_JS = """(e) => { const r = document.createRange(); r.selectNodeContents(e);
  return new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top))).size; }"""
CUT_JS = "(e) => e.scrollWidth > e.clientWidth + 1"
# Legend entries of a figure whose text reaches past its right edge: (text, pixels past).
LEGEND_OVERFLOW_JS = """(gd) => { const box = gd.getBoundingClientRect();
  return Array.from(gd.querySelectorAll('g.legend text')).map(
    (t) => [t.textContent, Math.round(t.getBoundingClientRect().right - box.right)]
  ).filter(([, past]) => past > 0); }"""


@pytest.mark.parametrize(
    ("width", "height", "scale", "name"),
    [(1024, 768, 1.0, "1024x768"), (960, 600, 1.5, "zoom-150")],
)
def test_a_narrow_window_or_zoom_keeps_everything_readable(
    contexts: tuple[Browser, BrowserContext],
    app_url: str,
    width: int,
    height: int,
    scale: float,
    name: str,
) -> None:
    with sized_page(contexts, width, height, scale) as (page, record):
        page.goto(app_url)
        wait_for_figures(page)
        title = page.locator('[data-testid="stHeading"] h1').first
        expect(title).to_have_text("Borderlines")
        assert page.evaluate(LINES_JS, title.element_handle()) == 1  # never "Borderlin / es"
        for label in ("View", "Present"):
            button = page.get_by_role("button", name=label, exact=True)
            expect(button).to_be_visible()
            text = button.locator("p").first
            expect(text).to_have_text(label)
            assert not text.evaluate(CUT_JS), f"{label} is cut"
        # The figures stack: the map below the network, each as wide as the page allows.
        network, border_map = (page.locator(FIGURE).nth(i).bounding_box() for i in (0, 1))
        assert network is not None
        assert border_map is not None
        assert border_map["y"] >= network["y"] + network["height"] - 1
        for index in (NETWORK, MAP, 2):
            gd = page.locator(".bl-figure").nth(index)
            assert gd.locator("g.legend text").count() > 2
            past = gd.evaluate(LEGEND_OVERFLOW_JS)
            assert not past, f"figure {index}: legend entries cut at its edge: {past}"
        page.screenshot(path=ARTIFACTS / f"dashboard-{name}.png")
        record.assert_clean()


CROWDED_CENTRE = ("Iran", "IS-K", "Taliban", "Chabahar centre", "Moscow format", "Haqqani network")

# Every text of the figures' legends and the network's labels: text, fill, its box, size,
# and whether it has a halo; and the page's background colour.
TEXTS_JS = """() => {
  const texts = [];
  document.querySelectorAll('.bl-figure').forEach((gd, figure) => {
    gd.querySelectorAll('g.legend text, g.textpoint text').forEach((t) => {
      const b = t.getBoundingClientRect(), cs = getComputedStyle(t);
      if (!t.textContent.trim() || b.width === 0) return;
      texts.push({figure, label: !!t.closest('g.textpoint'), text: t.textContent, fill: cs.fill,
                  opacity: Number(cs.opacity) * Number(cs.fillOpacity || 1),
                  box: [b.left, b.top, b.right, b.bottom], size: parseFloat(cs.fontSize),
                  halo: cs.textShadow !== 'none'});
    });
  });
  const html = Array.from(document.querySelectorAll(
    '.bl-present-title, .bl-present-summary, .bl-present-note, .bl-findings li, .bl-step'
  )).map((e) => ({text: e.textContent.slice(0, 40), fill: getComputedStyle(e).color,
                  opacity: Number(getComputedStyle(e).opacity)}));
  const app = document.querySelector('[data-testid="stApp"]');
  return {texts, html, background: getComputedStyle(app).backgroundColor};
}"""


def _on(colour: str, opacity: float, background: str) -> str:
    """``colour`` drawn at ``opacity`` over ``background`` (both ``rgb(...)``)."""
    parts = [float(v) for v in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    under = [float(v) for v in background[background.index("(") + 1 : -1].split(",")[:3]]
    mixed = [round(a * opacity + b * (1 - opacity)) for a, b in zip(parts, under, strict=True)]
    return f"rgb({', '.join(map(str, mixed))})"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("path", "width", "height", "smallest"),
    [("/", 1440, 900, 12), (f"/?present=1&story={STORY}&step=1", 1920, 1080, 16)],
    ids=["page", "slide-1"],
)
def test_labels_and_legends_are_legible(
    contexts: tuple[Browser, BrowserContext], app_url: str, scheme: str, path: str,
    width: int, height: int,
    smallest: int,
) -> None:  # fmt: skip
    with sized_page(contexts, width, height, color_scheme=scheme) as (page, record):
        page.goto(f"{app_url}{path}")
        wait_for_app(page)
        expect(page.locator(".bl-figure g.textpoint text").first).to_be_attached(timeout=60_000)
        found = page.evaluate(TEXTS_JS)
        background = found["background"]
        assert found["texts"]
        # WCAG AA: 4.5:1 for every label and legend entry, and the slide's own text.
        for item in [*found["texts"], *found["html"]]:
            shown = _on(item["fill"], item["opacity"], background)
            ratio = style.contrast_ratio(shown, background)
            assert ratio >= 4.5, f"{item['text']!r}: {ratio:.2f}:1 on {background}"
        # The crowded centre of the network reads without zooming: each label drawn at
        # full size, with a halo over the lines, and no label on top of another.
        labels = [t for t in found["texts"] if t["figure"] == 0 and t["label"]]
        named = {t["text"]: t for t in labels}
        for name in CROWDED_CENTRE:
            assert name in named, f"{name} has no label"
            assert named[name]["size"] >= smallest
            assert named[name]["halo"]
        for i, a in enumerate(labels):
            for b in labels[i + 1 :]:
                apart = (
                    a["box"][2] <= b["box"][0] + 1 or b["box"][2] <= a["box"][0] + 1
                    or a["box"][3] <= b["box"][1] + 1 or b["box"][3] <= a["box"][1] + 1
                )  # fmt: skip
                assert apart, f"labels {a['text']!r} and {b['text']!r} overlap"
        # Axis labels and titles drawn whole, inside their figure, and not over each other
        # (the timeline's years were once cut by its margin, with a note drawn over them).
        assert_axes_whole(page)
        page.screenshot(path=ARTIFACTS / f"legible-{scheme}-{width}x{height}.png")
        record.assert_clean()

"""Presentation mode in a real browser at 1920x1080: the shipped story, stepped like slides.

Each step's screenshot is saved under ``tests/e2e/artifacts/`` to be looked at.
"""

from __future__ import annotations

import re

import networkx as nx
import pytest
from playwright.sync_api import Page, expect

from graph.filters import apply_filters
from graph.views import default_views_dir, load_stories, load_views

from . import FIGURE, RELATIONS_JS, PageRecord, save_screenshot, wait_for_app

pytestmark = pytest.mark.browser

STORY = "iran-pakistan-2021"
DRAW_TIMEOUT = 60_000


def wait_for_slide(page: Page) -> None:
    wait_for_app(page)
    charts = page.locator(FIGURE)
    expect(charts).to_have_count(2, timeout=DRAW_TIMEOUT)
    for index in (0, 1):
        expect(charts.nth(index).locator("svg.main-svg").first).to_be_attached(timeout=DRAW_TIMEOUT)


def assert_on_first_screen(page: Page, *, height: int) -> None:
    """The title, the summary and both figures end above the bottom of the first screen."""
    parts = {
        "title": page.locator("h1.bl-present-title"),
        "summary": page.locator("p.bl-present-summary"),
        "network": page.locator(FIGURE).nth(0),
        "map": page.locator(FIGURE).nth(1),
    }
    for name, locator in parts.items():
        box = locator.bounding_box()
        assert box is not None, f"{name} is not drawn"
        assert box["y"] + box["height"] <= height, f"{name} ends at {box['y'] + box['height']}"


def test_stepping_through_the_shipped_story(
    page: Page, page_record: PageRecord, app_url: str, G: nx.MultiDiGraph
) -> None:
    views = load_views(default_views_dir())
    story = load_stories(default_views_dir())[STORY]
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/?present=1&story={STORY}&step=1")
    for step, slug in enumerate(story.views, start=1):
        wait_for_slide(page)
        expect(page).to_have_url(re.compile(rf"[?&]step={step}\b"))
        view = views[slug]
        title = page.locator("h1.bl-present-title")
        expect(title).to_have_text(view.title)
        size = title.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 28, f"title at {size}px"
        expect(page.get_by_text(f"step {step} of {len(story.views)}")).to_be_visible()
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        expected = sorted(str(k) for _, _, k in apply_filters(G, view.spec()).edges(keys=True))
        assert page.evaluate(RELATIONS_JS, 0) == expected, slug
        expect(page.locator(".bl-findings")).to_contain_text("Most central actors")
        if step == 1:  # the slide opens whole: a projector shows only the first screen
            assert_on_first_screen(page, height=1080)
        save_screenshot(page, f"story-{step}-{slug}", width=1920, height=1080)
        if step < len(story.views):
            page.get_by_role("button", name="Next").click()
            expect(page).to_have_url(re.compile(rf"[?&]step={step + 1}\b"))
    page.get_by_role("button", name="Previous").click()
    expect(page).to_have_url(re.compile(rf"[?&]step={len(story.views) - 1}\b"))
    wait_for_slide(page)
    page_record.assert_clean()


def test_presentation_mode_in_the_dark_theme(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/?present=1&story={STORY}&step=2")
    wait_for_slide(page)
    expect(page.locator("h1.bl-present-title")).to_be_visible()
    save_screenshot(page, "story-dark-2", width=1920, height=1080)
    page_record.assert_clean()


def test_the_present_page_has_its_own_address_and_the_browser_moves_between_pages(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    # A link made before the pages had paths (?present=1) opens the Present page.
    page.goto(f"{app_url}/?present=1&signs=-1")
    wait_for_slide(page)
    expect(page).to_have_url(re.compile(r"/present\?.*\bsigns=-1\b"))
    # Exit: the Explore page with the same filters, its controls back.
    page.get_by_role("button", name="Exit presentation").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/\?(?!.*present=).*\bsigns=-1\b"))
    expect(page.get_by_role("button", name="Present", exact=True)).to_be_visible()
    # The browser's back button returns to the slide, forward to the controls.
    page.go_back()
    expect(page.locator("h1.bl-present-title")).to_be_visible(timeout=DRAW_TIMEOUT)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    page.go_forward()
    expect(page.get_by_test_id("stSidebar")).to_be_visible(timeout=DRAW_TIMEOUT)
    expect(page.locator("h1.bl-present-title")).to_have_count(0)
    # The Present page's own address opens it in a new tab too.
    page.goto(f"{app_url}/present")
    wait_for_slide(page)
    expect(page.locator("h1.bl-present-title")).to_have_text("Borderlines")
    # Loaded at a page's path, Streamlit's client first asks /present/_stcore/... (404)
    # before the server's root (streamlit/streamlit#7074): expected, and nothing else.
    probes = [e for e in page_record.console_errors if "/present/_stcore/" in e and "404" in e]
    assert probes, page_record.console_errors
    page_record.console_errors[:] = [e for e in page_record.console_errors if e not in probes]
    page_record.assert_clean()


def test_a_keyboard_or_a_clicker_turns_the_slides(
    page: Page, page_record: PageRecord, app_url: str
) -> None:
    count = len(load_stories(default_views_dir())[STORY].views)
    assert count >= 3
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/?present=1&story={STORY}&step=1")
    wait_for_slide(page)
    position = page.locator("p.bl-step")

    # A clicker sends Page Down and Page Up; a keyboard has the arrows, Space, Home, End.
    for key, step in [
        ("ArrowRight", 2), ("PageDown", 3), ("ArrowLeft", 2), ("PageUp", 1),
        ("PageUp", 1), ("End", count), ("ArrowRight", count), ("Home", 1), ("Space", 2),
    ]:  # fmt: skip
        page.keyboard.press(key)
        expect(position).to_have_text(re.compile(rf"step {step} of {count}$"))
        expect(page).to_have_url(re.compile(rf"[?&]step={step}\b"))
        wait_for_slide(page)

    # A modified key is the browser's or the system's: Alt+Right does not turn the slide.
    page.keyboard.press("Alt+ArrowRight")
    page.wait_for_timeout(500)
    expect(position).to_have_text(re.compile(rf"step 2 of {count}$"))

    # Leaving the slides leaves the keys alone on the Explore page.
    page.get_by_role("button", name="Exit presentation").click()
    wait_for_app(page)
    expect(page.locator("p.bl-step")).to_have_count(0)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)
    expect(page).not_to_have_url(re.compile(r"[?&]present=1"))
    page_record.assert_clean()

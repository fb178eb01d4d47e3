"""Helpers for the browser tests: what a page requested, and waiting for Streamlit.

The fixtures that start the app and the browser live in ``conftest.py`` beside this file.
Tests import these helpers relatively: ``from . import PageRecord, wait_for_app``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

__all__ = [
    "ARTIFACTS",
    "PageRecord",
    "assert_axes_whole",
    "is_local_url",
    "save_screenshot",
    "wait_for_app",
]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Schemes that never touch the network.
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})

# Streamlit marks its root element with the state of the script and of the connection.
#: The page's figures (``ui.figure``), not its tables (``ui.table``): both are components.
FIGURE = '[data-testid="stBidiComponentRegular"]:has(.bl-figure)'

APP_IDLE = (
    '[data-testid="stApp"]'
    '[data-test-script-state="notRunning"]'
    '[data-test-connection-state="CONNECTED"]'
)


#: Ids of the relations chart ``index`` draws (its clickable points name them).
RELATIONS_JS = """(index) => {
  const gd = document.querySelectorAll('.bl-figure')[index];
  const ids = new Set();
  for (const trace of gd._fullData)
    for (const item of trace.customdata || [])
      if (item && (item[0] === 'relation' || item[0] === 'relations'))
        item[1].split(',').forEach(id => ids.add(id));
  return Array.from(ids).sort();
}"""


def is_local_url(url: str) -> bool:
    """Whether fetching ``url`` stays on this machine.

    Examples
    --------
    >>> is_local_url("http://127.0.0.1:8501/_stcore/health")
    True
    >>> is_local_url("data:image/png;base64,AAAA")
    True
    >>> is_local_url("https://cdn.plot.ly/world_110m.json")
    False
    """
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS


@dataclass
class PageRecord:
    """Every URL a page requested and every error it logged, for assertions after a test."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def external_requests(self) -> list[str]:
        """The requested URLs that left this machine, in request order."""
        return [url for url in self.requests if not is_local_url(url)]

    def assert_clean(self) -> None:
        """Fail unless every request stayed local and the console logged no error."""
        external = self.external_requests()
        assert not external, f"requests left localhost: {external}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


def wait_for_app(page: Page, *, timeout: float = 30_000) -> None:
    """Wait until Streamlit is connected and has finished running the script.

    ``timeout`` is in milliseconds, as everywhere in Playwright. After an interaction,
    Streamlit may take a moment to *start* the rerun, so also wait for the element the
    interaction should change.
    """
    page.locator(APP_IDLE).wait_for(state="attached", timeout=timeout)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=timeout)
    # Streamlit replaces stale elements at the end of a run; let it paint. (Waiting two
    # animation frames instead was tried: a select box clicked right after was still
    # disabled, every time.)
    page.wait_for_timeout(200)


def save_screenshot(
    page: Page, name: str, *, width: int = 1440, height: int = 900, full_page: bool = False
) -> Path:
    """Resize the viewport and save what it shows to ``artifacts/NAME-WxH.png``.

    The default is the first screen, as a reader sees it without scrolling. Returns the
    file's path, so a test can report it and a person can look at it.
    """
    if not re.fullmatch(r"[\w.-]+", name):
        raise ValueError(f"screenshot name {name!r} must be letters, digits, '.', '_' or '-'")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    wait_for_app(page)
    path = ARTIFACTS / f"{name}-{width}x{height}.png"
    page.screenshot(path=path, full_page=full_page)
    return path


#: Every axis's tick labels and titles, per figure, with the box of the figure's drawing.
AXES_JS = """() => Array.from(document.querySelectorAll('.bl-figure')).map((gd) => {
  const box = (e) => {
    const b = e.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom];
  };
  const texts = (selector) => Array.from(gd.querySelectorAll(selector))
    .filter((t) => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map((t) => ({text: t.textContent, box: box(t)}));
  return {svg: box(gd.querySelector('.main-svg')),
          ticks: texts('g.xtick text, g.ytick text, g.y2tick text'),
          titles: texts('.g-xtitle text, .g-ytitle text, .g-y2title text')};
})"""


def _overlap(a: list[float], b: list[float]) -> bool:
    """Whether two boxes (left, top, right, bottom) share more than a pixel."""
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


def assert_axes_whole(page: Page) -> list[dict]:
    """Every axis label and title of every figure on the page lies whole inside its figure,
    and no title is drawn over a label; returns what was checked, figure by figure."""
    found = page.evaluate(AXES_JS)
    for figure, axes in enumerate(found):
        left, top, right, bottom = axes["svg"]
        for item in [*axes["ticks"], *axes["titles"]]:
            x0, y0, x1, y1 = item["box"]
            inside = x0 >= left - 1 and y0 >= top - 1 and x1 <= right + 1 and y1 <= bottom + 1
            assert inside, f"figure {figure}: {item['text']!r} is cut by the figure's edge"
        for title in axes["titles"]:
            for tick in axes["ticks"]:
                assert not _overlap(title["box"], tick["box"]), (
                    f"figure {figure}: {title['text']!r} is drawn over {tick['text']!r}"
                )
    return found

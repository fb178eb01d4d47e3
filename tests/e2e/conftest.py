"""Fixtures for the browser tests: the dashboard served by Streamlit, driven in chromium.

Browser tests live in this folder and are marked ``browser``. They use Debian's
``chromium`` from PATH through Playwright (never ``playwright install``): without it they
skip with the reason, except under CI, where a missing chromium fails them.

``app_url``
    Base URL of one server for the whole session, on the data ``BORDERLINES_DATA`` names;
    the views readers save there go to ``app_state``.
``launch_app``
    Starts another server for one test, e.g. on a broken copy of the data.
``page`` / ``page_record``
    A new 1440x900 page (in one context for the session, ``browser_context``, which
    shares only the HTTP and compiled-script caches), and what it requested and logged,
    for :meth:`PageRecord.assert_clean`.
``browser``
    Chromium for the tests that make a context of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from benchmarks.server import CHROMIUM_ARGS, ServerError, serve_dashboard
from graph.build import build_graph
from graph.load import default_data_dir, load_dataset
from tests.requires import require_executable

from . import ARTIFACTS, PageRecord

REPO = Path(__file__).resolve().parents[2]
DASHBOARD = REPO / "dashboard.py"

# Logs of the servers running now, newest last; shown with a failed test's report.
RUNNING_SERVER_LOGS: list[Path] = []


def require_chromium() -> str:
    """Path of Debian's chromium; skip the test without it, or fail it under CI."""
    return require_executable(
        "chromium", "Debian's chromium is not on PATH (apt-get install chromium)"
    )


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Decide before any fixture starts a server that the test could not use.
    if item.get_closest_marker("browser") is not None:
        require_chromium()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    # Keep each phase's report on the item, so `page` can screenshot a failed test, and show
    # the log of every server still running: a page's exception is only logged there.
    report = yield
    setattr(item, f"report_{report.when}", report)
    if report.failed:
        for log_path in RUNNING_SERVER_LOGS:
            text = log_path.read_text(encoding="utf-8", errors="replace")
            report.sections.append((f"streamlit log {log_path.name}", text))
    return report


@contextmanager
def running_app(
    log_path: Path, data_dir: Path | None = None, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve dashboard.py with the repository's settings (:func:`serve_dashboard`); yield
    its base URL. A server that does not start fails the test with its log."""
    RUNNING_SERVER_LOGS.append(log_path)
    try:
        with serve_dashboard(log_path, data_dir, env=env) as (url, _):
            yield url
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)
    finally:
        RUNNING_SERVER_LOGS.remove(log_path)


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    """The relationship graph of the shipped data, as the page builds it."""
    return build_graph(load_dataset(default_data_dir()))


@pytest.fixture(scope="session")
def app_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The state folder (views saved from the page) of the session's server."""
    return tmp_path_factory.mktemp("app-state")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory, app_state: Path) -> Iterator[str]:
    """Base URL of the dashboard on the default data, shared by the session."""
    log_path = tmp_path_factory.mktemp("streamlit") / "app.log"
    with running_app(log_path, env={"BORDERLINES_STATE": str(app_state)}) as url:
        yield url


@pytest.fixture
def launch_app(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start the dashboard on another data folder (or with other environment variables,
    ``env=``) for this test; returns its base URL."""
    with ExitStack() as servers:

        def launch(data_dir: Path | None = None, env: dict[str, str] | None = None) -> str:
            log_path = tmp_path / f"app-{len(list(tmp_path.glob('app-*.log')))}.log"
            return servers.enter_context(running_app(log_path, data_dir, env))

        yield launch


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright, started once for the session (one per process: both browsers share it)."""
    require_chromium()
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's chromium, headless, launched once for the session, for the tests that make
    contexts of their own (another size, the dark scheme, no network)."""
    browser = playwright.chromium.launch(
        executable_path=require_chromium(), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def page_record() -> PageRecord:
    """The requests and console errors of this test's ``page``."""
    return PageRecord()


#: Run in every page before its own scripts: the first load of an address in a new tab
#: forgets what earlier tests left in that address's local storage (Streamlit keeps the
#: chosen theme there), so tests share the context's cache and nothing else.
FORGET_EARLIER_TESTS = """
if (window.top === window && !sessionStorage.getItem("bl-test-tab")) {
  localStorage.clear();
  sessionStorage.setItem("bl-test-tab", "1");
}
"""


@pytest.fixture(scope="session")
def browser_context(
    playwright: Playwright, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    """The session's pages' context: chromium with a profile on disk for the session, so
    the pages share the HTTP cache and V8's cache of compiled scripts (kept only on disk:
    a plain context keeps neither). A page's first draw took 2.3-2.9 s of CPU against
    3.5-3.7 s in a plain context, and about 1 s less time (2 cores, the shipped data)."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path_factory.mktemp("chromium-profile"),
        executable_path=require_chromium(),
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 1440, "height": 900},
        locale="en-US",
        timezone_id="UTC",
        color_scheme="light",
    )
    context.add_init_script(FORGET_EARLIER_TESTS)
    yield context
    context.close()


@pytest.fixture
def page(
    browser_context: BrowserContext, page_record: PageRecord, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A new 1440x900 page in light colours, recording into ``page_record``; its local
    storage starts empty, its cookies are cleared when it closes."""
    page = browser_context.new_page()
    page.set_default_timeout(30_000)
    page.on("request", lambda req: page_record.requests.append(req.url))
    page.on("websocket", lambda socket: page_record.requests.append(socket.url))
    page.on(
        "console",
        lambda message: (
            page_record.console_errors.append(f"{message.text} ({message.location['url']})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: page_record.console_errors.append(f"uncaught: {error}"))
    try:
        yield page
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=ARTIFACTS / f"failed-{request.node.name}.png")
    finally:
        page.close()
        browser_context.clear_cookies()

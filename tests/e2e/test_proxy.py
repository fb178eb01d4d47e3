"""The dashboard drawn in chromium through nginx with deploy/nginx.conf: TLS, the password
and the websocket, end to end (the HTTP-level checks are in tests/test_deploy.py)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.nginx_proxy import PASSWORD, USER, Proxy, serve_proxy

from . import wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def proxy(app_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    """nginx with deploy/nginx.conf in front of the session's dashboard."""
    upstream_port = urlsplit(app_url).port
    assert upstream_port is not None
    with serve_proxy(tmp_path_factory.mktemp("nginx"), upstream_port) as running:
        yield running


def test_page_draws_and_uploads_through_the_proxy(browser: Browser, proxy: Proxy) -> None:
    context = browser.new_context(
        viewport={"width": 1440, "height": 900},
        locale="en-US",
        timezone_id="UTC",
        http_credentials={"username": USER, "password": PASSWORD},
        ignore_https_errors=True,  # the test's certificate is self-signed
    )
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        sockets: list[str] = []
        page.on("websocket", lambda socket: sockets.append(socket.url))

        page.goto(proxy.https_url)
        # Connected and drawn: only possible if the websocket works through nginx.
        wait_for_app(page)
        expect(page).to_have_title("Borderlines")
        expect(page.get_by_role("heading", name="Borderlines")).to_be_visible()
        expect(page.get_by_test_id("stException")).to_have_count(0)
        assert f"wss://127.0.0.1:{proxy.https_port}/_stcore/stream" in sockets

        # An upload passes Streamlit's XSRF check (cookie and header, same origin) behind
        # nginx; what the page then says about the file is tests/e2e/test_upload.py's.
        page.get_by_text("Your data").click()
        with page.expect_response(
            lambda response: (
                "/_stcore/upload_file/" in response.url and response.request.method == "PUT"
            )
        ) as upload:
            page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
                files=[{"name": "relations.csv", "mimeType": "text/csv", "buffer": b"id\n"}]
            )
        assert upload.value.ok, f"upload answered {upload.value.status}"

        # Behind the proxy a visitor cannot write into the server's view store: saving is
        # off (BORDERLINES_SAVING is unset), and the view is offered as a file instead.
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("Save this view").click()
        sidebar.get_by_role("textbox", name="Title").fill("Through the proxy")
        sidebar.get_by_role("textbox", name="Title").press("Enter")
        expect(sidebar.get_by_text("this page is served through a proxy")).to_be_visible()
        expect(sidebar.get_by_role("button", name="Save", exact=True)).to_have_count(0)
        expect(sidebar.get_by_role("button", name="Download the view (TOML)")).to_have_count(1)
    finally:
        context.close()

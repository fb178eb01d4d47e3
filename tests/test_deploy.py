"""The reverse-proxy recipe (deploy/): the dashboard behind a real nginx with deploy/nginx.conf.

Each test talks to nginx over TLS on free ports (tests/nginx_proxy.py) and checks what a
reader on the network would get: nothing without the password, the page and its websocket
with it, headers that forbid framing, and plain HTTP sent to HTTPS. The browser test of
the same proxy is tests/e2e/test_proxy.py. Without nginx or openssl these tests skip,
except under CI, where they fail.
"""

from __future__ import annotations

import http.client
import socket
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

from benchmarks.server import ServerError, serve_dashboard
from tests.nginx_proxy import (
    HOSTNAME,
    PASSWORD,
    SITE,
    USER,
    Proxy,
    basic_auth,
    require_proxy_tools,
    serve_proxy,
)

REPO = Path(__file__).resolve().parents[1]
DEPLOY_README = REPO / "deploy" / "README.md"

#: The headers every HTTPS answer must carry, with their one value.
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@dataclass(frozen=True)
class Answer:
    """What nginx answered one request."""

    status: int
    headers: Message
    body: bytes


def fetch(
    proxy: Proxy,
    path: str,
    *,
    authorization: str | None = None,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Answer:
    """One HTTPS request to the proxy, verifying its certificate; redirects not followed."""
    connection = http.client.HTTPSConnection(
        "127.0.0.1", proxy.https_port, context=proxy.ssl_context(), timeout=10
    )
    all_headers = dict(headers or {})
    if authorization is not None:
        all_headers["Authorization"] = authorization
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    """The dashboard on a free port, behind nginx with deploy/nginx.conf."""
    require_proxy_tools()  # before Streamlit takes its seconds to start
    directory = tmp_path_factory.mktemp("deploy")
    try:
        with serve_dashboard(directory / "streamlit.log") as (url, _):
            upstream_port = urlsplit(url).port
            assert upstream_port is not None
            with serve_proxy(directory / "nginx", upstream_port) as running:
                yield running
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.mark.parametrize(
    "authorization",
    [None, basic_auth(USER, "wrong password"), basic_auth("stranger", PASSWORD)],
    ids=["no password", "wrong password", "unknown user"],
)
@pytest.mark.parametrize("path", ["/", "/_stcore/health", "/_stcore/host-config"])
def test_refused_without_the_password(proxy: Proxy, path: str, authorization: str | None) -> None:
    answer = fetch(proxy, path, authorization=authorization)
    assert answer.status == 401
    assert answer.headers["WWW-Authenticate"] == 'Basic realm="Borderlines"'
    assert b"streamlit" not in answer.body.lower()


def test_page_and_health_with_the_password(proxy: Proxy) -> None:
    page = fetch(proxy, "/", authorization=basic_auth())
    assert page.status == 200
    assert page.headers.get_content_type() == "text/html"
    assert b'<div id="root">' in page.body, "not Streamlit's page"

    health = fetch(proxy, "/_stcore/health", authorization=basic_auth())
    assert (health.status, health.body) == (200, b"ok")


@pytest.mark.parametrize(
    ("path", "authorization", "status"),
    [("/", basic_auth(), 200), ("/_stcore/health", basic_auth(), 200), ("/", None, 401)],
    ids=["page", "health", "refused"],
)
def test_security_headers(proxy: Proxy, path: str, authorization: str | None, status: int) -> None:
    answer = fetch(proxy, path, authorization=authorization)
    assert answer.status == status
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers.get_all(name) == [value], name
    assert answer.headers["Server"] == "nginx", "server_tokens off: no version"


def test_websocket_through_the_proxy(proxy: Proxy) -> None:
    # Connect to 127.0.0.1 but name HOSTNAME, as a reader on the network names the server:
    # Streamlit accepts the websocket only if the Host nginx passes on matches the Origin,
    # port included, and would answer 403 instead of 101.
    uri = f"wss://{HOSTNAME}:{proxy.https_port}/_stcore/stream"
    origin = f"https://{HOSTNAME}:{proxy.https_port}"

    def open_stream(authorization: str | None) -> ClientConnection:
        sock = socket.create_connection(("127.0.0.1", proxy.https_port), timeout=30)
        return connect(
            uri,
            sock=sock,
            ssl=proxy.ssl_context(),
            origin=Origin(origin),
            subprotocols=[Subprotocol("streamlit")],
            additional_headers={"Authorization": authorization} if authorization else None,
            open_timeout=30,
        )

    # A proxy that does not pass the upgrade on answers at once with another status; a
    # timeout is the machine's load (seen once in a full run on 2 cores: nginx logged the
    # TLS connection, then no request for 60 s), so it is tried once more.
    failures: list[str] = []
    stream: ClientConnection | None = None
    for _ in range(2):
        try:
            stream = open_stream(basic_auth())
            break
        except TimeoutError as error:
            failures.append(repr(error))
        except (OSError, InvalidStatus) as error:
            failures.append(repr(error))
            break
    if stream is None:
        pytest.fail(f"no websocket through nginx: {failures}\n{proxy.logs()}", pytrace=False)
    with stream:
        assert stream.response is not None
        assert stream.response.status_code == 101
        assert stream.subprotocol == "streamlit"

    for authorization in (None, basic_auth(USER, "wrong password")):
        with pytest.raises(InvalidStatus) as refused:
            open_stream(authorization)
        assert refused.value.response.status_code == 401


def test_plain_http_redirects_to_https(proxy: Proxy) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", proxy.http_port, timeout=10)
    try:
        connection.request("GET", "/?actor=pakistan")
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    assert response.status in {301, 308}
    # $host drops the port: in the recipe HTTPS is on 443.
    assert response.headers["Location"] == "https://127.0.0.1/?actor=pakistan"


class _EchoHandler(BaseHTTPRequestHandler):
    """Records the headers and body size of each request; answers 200."""

    seen: list[tuple[Message, int]]

    def _answer(self) -> None:
        size = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(size)
        type(self).seen.append((self.headers, size))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    do_GET = do_PUT = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def echo_proxy(tmp_path: Path) -> Iterator[tuple[Proxy, list[tuple[Message, int]]]]:
    """nginx with deploy/nginx.conf in front of a server that records what reaches it."""
    require_proxy_tools()
    handler = type("Echo", (_EchoHandler,), {"seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        with serve_proxy(tmp_path / "nginx", server.server_address[1]) as running:
            yield running, handler.seen
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_app_gets_the_readers_host_address_and_scheme(
    echo_proxy: tuple[Proxy, list[tuple[Message, int]]],
) -> None:
    proxy, seen = echo_proxy
    answer = fetch(
        proxy,
        "/",
        authorization=basic_auth(),
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "http"},
    )
    assert answer.status == 200
    (headers, _), *_ = seen
    assert headers["Host"] == f"127.0.0.1:{proxy.https_port}"
    assert headers.get_all("X-Forwarded-For") == ["127.0.0.1"], "a claimed address passed"
    assert headers.get_all("X-Forwarded-Proto") == ["https"]
    assert "Authorization" not in headers, "the password reached the app"


def test_uploads_up_to_streamlits_cap_pass(
    echo_proxy: tuple[Proxy, list[tuple[Message, int]]],
) -> None:
    # nginx's default cap (1 MB) would answer 413 before Streamlit's own (config.toml) applies.
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    size = config["server"]["maxUploadSize"] * 1024 * 1024
    proxy, seen = echo_proxy
    answer = fetch(proxy, "/_stcore/upload_file/s/f", authorization=basic_auth(), method="PUT",
                   body=b"x" * size)  # fmt: skip
    assert answer.status == 200
    assert [received for _, received in seen] == [size]


def test_readme_installs_the_files_the_config_names() -> None:
    site, readme = SITE.read_text(encoding="utf-8"), DEPLOY_README.read_text(encoding="utf-8")
    for path in (
        "/etc/ssl/borderlines/fullchain.pem",
        "/etc/ssl/borderlines/privkey.pem",
        "/etc/nginx/borderlines.htpasswd",
        "127.0.0.1:8501",
        "/etc/nginx/sites-available/borderlines",
    ):
        assert path in site, f"deploy/nginx.conf no longer names {path}"
        assert path in readme, f"deploy/README.md does not name {path}"
    assert "BORDERLINES_SAVING=on" in readme

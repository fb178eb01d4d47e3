"""deploy/nginx.conf served by a real nginx on free ports, for the tests of the recipe.

:func:`serve_proxy` takes the very site a user installs, replaces only its ports and file
paths (:func:`render_site`), makes a self-signed certificate and a password file with
openssl as deploy/README.md does, wraps the site in the few lines Debian's
/etc/nginx/nginx.conf puts around it, and runs nginx in the foreground with every file in
one temporary folder: no system nginx, port 80 or /etc is touched, as root or as any
other user."""

from __future__ import annotations

import base64
import contextlib
import os
import pwd
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.server import free_port, stop
from tests.requires import require_executable

__all__ = [
    "HOSTNAME",
    "PASSWORD",
    "SITE",
    "USER",
    "Proxy",
    "basic_auth",
    "render_site",
    "require_proxy_tools",
    "serve_proxy",
]

REPO = Path(__file__).resolve().parents[1]
#: The site configuration deploy/README.md installs.
SITE = REPO / "deploy" / "nginx.conf"

#: The test's reader and password.
USER = "reader"
PASSWORD = "correct horse battery staple"
#: A name the certificate is made for, beside 127.0.0.1: a request can say it is for this
#: host while connecting to 127.0.0.1, as a reader on the network would.
HOSTNAME = "borderlines.test"

#: Seconds for nginx to accept connections (it takes a few milliseconds).
STARTUP_TIMEOUT = 10.0

# What Debian's nginx.conf adds around a site, every file in the test's folder. Started by
# root, nginx's workers would switch to "nobody", who cannot read the password file in the
# folder (pytest makes it 0700): they stay root, as the folder's owner. Started by any
# other user, nginx runs as that user and has no choice.
MAIN_CONF = """\
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;
events {{
    worker_connections 128;
}}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/temp/body;
    proxy_temp_path {dir}/temp/proxy;
    fastcgi_temp_path {dir}/temp/fastcgi;
    uwsgi_temp_path {dir}/temp/uwsgi;
    scgi_temp_path {dir}/temp/scgi;
    include {dir}/site.conf;
}}
"""


@dataclass(frozen=True)
class Proxy:
    """An nginx serving deploy/nginx.conf: its ports and the certificate it presents."""

    https_port: int
    http_port: int
    upstream_port: int
    certificate: Path
    directory: Path

    @property
    def https_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts this proxy's self-signed certificate only."""
        return ssl.create_default_context(cafile=self.certificate)

    def logs(self) -> str:
        """nginx's output, error log and access log, for a failed test's message."""
        parts = []
        for name in ("nginx.out", "error.log", "access.log"):
            path = self.directory / name
            if path.exists():
                text = path.read_text(encoding="utf-8", errors="replace")
                parts.append(f"--- {path}\n{text}")
        return "\n".join(parts)


def require_proxy_tools() -> str:
    """The path of nginx; skip the test without nginx or openssl (fail under CI)."""
    require_executable("openssl", "openssl is not installed (apt-get install openssl)")
    # Debian puts nginx in /usr/sbin, which a normal user's PATH lacks.
    search = os.pathsep.join([os.environ.get("PATH", os.defpath), "/usr/sbin", "/sbin"])
    return require_executable(
        "nginx", "nginx is not installed (apt-get install nginx)", path=search
    )


def basic_auth(user: str = USER, password: str = PASSWORD) -> str:
    """The ``Authorization`` header's value for HTTP basic authentication.

    >>> basic_auth("a", "b")
    'Basic YTpi'
    """
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def render_site(
    text: str,
    *,
    https_port: int,
    http_port: int,
    upstream_port: int,
    certificate: Path,
    key: Path,
    password_file: Path,
) -> str:
    """The site ``text`` with the test's ports and files in place of a user's.

    Each replaced string must occur exactly once, so that a change to deploy/nginx.conf
    that the test would no longer follow fails loudly instead of testing something else.
    """
    replacements = {
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "/etc/ssl/borderlines/fullchain.pem;": f"{certificate};",
        "/etc/ssl/borderlines/privkey.pem;": f"{key};",
        "/etc/nginx/borderlines.htpasswd;": f"{password_file};",
        "server 127.0.0.1:8501;": f"server 127.0.0.1:{upstream_port};",
    }
    for old, new in replacements.items():
        count = text.count(old)
        if count != 1:
            raise ValueError(
                f"deploy/nginx.conf has {old!r} {count} times; the test replaces it and "
                "needs it exactly once (tests/nginx_proxy.py)"
            )
        text = text.replace(old, new)
    return text


def make_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for ``HOSTNAME`` and 127.0.0.1, and its key."""
    certificate, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-nodes", "-days", "2", "-subj", f"/CN={HOSTNAME}",
            "-addext", f"subjectAltName=DNS:{HOSTNAME},IP:127.0.0.1",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True, capture_output=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    return certificate, key


def make_password_file(path: Path, user: str = USER, password: str = PASSWORD) -> Path:
    """A password file for nginx's auth_basic, made with openssl as deploy/README.md says."""
    hashed = subprocess.run(
        ["openssl", "passwd", "-6", "-stdin"],
        input=password, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    path.write_text(f"{user}:{hashed}\n", encoding="utf-8")
    return path


def _wait_until_listening(process: subprocess.Popen[bytes], proxy: Proxy) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"nginx exited with {process.returncode} on start:\n{proxy.logs()}",
                pytrace=False,
            )
        try:
            with socket.create_connection(("127.0.0.1", proxy.https_port), timeout=1):
                return
        except OSError:
            time.sleep(0.02)
    pytest.fail(f"nginx did not listen within {STARTUP_TIMEOUT} s:\n{proxy.logs()}", pytrace=False)


@contextlib.contextmanager
def serve_proxy(directory: Path, upstream_port: int) -> Iterator[Proxy]:
    """Run nginx with deploy/nginx.conf in front of 127.0.0.1:``upstream_port``; yield
    its ports; stop it afterwards. Logs and files stay in ``directory``."""
    nginx = require_proxy_tools()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "temp").mkdir(exist_ok=True)
    certificate, key = make_certificate(directory)
    proxy = Proxy(
        https_port=free_port(),
        http_port=free_port(),
        upstream_port=upstream_port,
        certificate=certificate,
        directory=directory,
    )
    site = render_site(
        SITE.read_text(encoding="utf-8"),
        https_port=proxy.https_port,
        http_port=proxy.http_port,
        upstream_port=upstream_port,
        certificate=certificate,
        key=key,
        password_file=make_password_file(directory / "htpasswd"),
    )
    (directory / "site.conf").write_text(site, encoding="utf-8")
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    main_conf = directory / "nginx.conf"
    main_conf.write_text(MAIN_CONF.format(user=user, dir=directory), encoding="utf-8")
    command = [
        nginx, "-p", str(directory), "-c", str(main_conf),
        "-e", str(directory / "error.log"), "-g", "daemon off;",
    ]  # fmt: skip
    with (directory / "nginx.out").open("wb") as output:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=output)
        try:
            _wait_until_listening(process, proxy)
            yield proxy
        finally:
            stop(process)

"""The dashboard served in a subprocess, for a browser to open: one way to start it for
the browser tests (``tests/e2e``), the browser benchmark and the load test.

The server starts in the repository root, so it reads ``.streamlit/config.toml`` as
``uv run streamlit run dashboard.py`` does; only the port and the file watcher differ.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

__all__ = [
    "CHROMIUM_ARGS",
    "STARTUP_TIMEOUT",
    "ServerError",
    "cpu_seconds",
    "free_port",
    "serve_dashboard",
    "stop",
]

REPO = Path(__file__).resolve().parents[1]
DASHBOARD = REPO / "dashboard.py"

#: Seconds for a server to answer its health check (a cold start takes about 4 s).
STARTUP_TIMEOUT = 60.0

#: Headless chromium as root in a container, and nothing that phones home on its own:
#: background networking, component updates, sync, translation, cast and hint fetching
#: would all show up as requests leaving localhost.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
]


class ServerError(RuntimeError):
    """The server exited or did not answer in time; the message ends with its log."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) of a process, or of the whole machine when ``pid`` is
    None, from ``/proc`` (Linux; OSError elsewhere or once the process is gone)."""
    ticks = os.sysconf("SC_CLK_TCK")
    if pid is None:
        fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]
        busy = [int(x) for x in fields[:3]] + [int(x) for x in fields[5:8]]  # not idle, iowait
        return sum(busy) / ticks
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime


def _wait_until_healthy(
    process: subprocess.Popen[bytes], url: str, log_path: Path, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = log_path.read_text(errors="replace")
            raise ServerError(f"streamlit exited with {process.returncode} on start:\n{log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    log = log_path.read_text(errors="replace")
    raise ServerError(f"streamlit did not answer {url} within {timeout} s:\n{log}")


@contextlib.contextmanager
def serve_dashboard(
    log_path: Path,
    data_dir: Path | None = None,
    *,
    port: int | None = None,
    timeout: float = STARTUP_TIMEOUT,
    env: Mapping[str, str] | None = None,
    page: Path = DASHBOARD,
) -> Iterator[tuple[str, int]]:
    """Serve ``dashboard.py`` on 127.0.0.1; yield its base URL and the server's process id;
    stop the server afterwards.

    ``data_dir`` is passed as ``BORDERLINES_DATA`` (without it the variable is inherited),
    and ``env`` adds or replaces other variables (``BORDERLINES_SOURCES``...); ``page`` is
    the script to serve (another version of the page, for a benchmark); the server's
    output goes to ``log_path``. Raises :class:`ServerError` if the server exits or does
    not answer its health check within ``timeout`` seconds.
    """
    port = port or free_port()
    env = {**os.environ, **(env or {})}
    if data_dir is not None:
        env["BORDERLINES_DATA"] = str(data_dir)
    command = [
        sys.executable, "-m", "streamlit", "run", str(page),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
        try:
            _wait_until_healthy(process, url, log_path, timeout)
            yield url, process.pid
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ask a server to stop (SIGTERM); kill it if it has not within 10 seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()

"""Tests of .streamlit/config.toml: the server settings issue 8 asks for, each explained."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from streamlit import config as streamlit_config

from graph.upload import UploadLimits

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / ".streamlit" / "config.toml"
SETTING = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=")
SECTION = re.compile(r"^\s*\[([A-Za-z_.]+)\]\s*$")


@pytest.fixture(scope="module")
def settings() -> dict[str, dict[str, Any]]:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def setting_lines() -> list[tuple[str, int, str]]:
    """(section.key, line number, the line before it) of every setting in the file."""
    found, section, previous = [], "", ""
    for number, line in enumerate(CONFIG.read_text(encoding="utf-8").splitlines(), start=1):
        header = SECTION.match(line)
        if header:
            section = header.group(1)
        else:
            setting = SETTING.match(line)
            if setting:
                found.append((f"{section}.{setting.group(1)}", number, previous))
        previous = line
    return found


@pytest.mark.parametrize(
    ("section", "key", "allowed", "why"),
    [
        ("client", "showErrorDetails", ("none", False), "viewers see no traceback"),
        ("server", "enableXsrfProtection", (True,), "XSRF protection on"),
        ("browser", "gatherUsageStats", (False,), "no usage statistics"),
        ("server", "address", ("127.0.0.1", "localhost"), "bound to this machine"),
        ("server", "headless", (True,), "no browser opened, no e-mail prompt"),
        ("runner", "postScriptGC", (False,), "no full garbage collection after every run"),
    ],
)
def test_required_setting(
    settings: dict[str, dict[str, Any]], section: str, key: str, allowed: tuple, why: str
) -> None:
    value = settings.get(section, {}).get(key)
    assert value in allowed, f"[{section}] {key} = {value!r}; want one of {allowed} ({why})"


def test_upload_limit_is_small_and_matches_the_server_check(
    settings: dict[str, dict[str, Any]],
) -> None:
    megabytes = settings["server"]["maxUploadSize"]
    assert isinstance(megabytes, int)
    assert 1 <= megabytes <= 10
    # The browser stops bigger files; graph.upload stops the same on the server.
    assert UploadLimits().max_total_bytes == megabytes * 1024 * 1024


def test_cors_protection_is_not_turned_off(settings: dict[str, dict[str, Any]]) -> None:
    assert settings["server"].get("enableCORS", True) is True


def test_built_in_table_download_is_off(settings: dict[str, dict[str, Any]]) -> None:
    """The page's own CSV export neutralises formulas; Streamlit's table download does not."""
    assert settings.get("client", {}).get("disableDataExport") is True


def test_serving_to_a_network_is_documented() -> None:
    text = CONFIG.read_text(encoding="utf-8")
    assert "--server.address 0.0.0.0" in text
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "## Serving to a network" in readme


@pytest.mark.parametrize(("name", "line", "previous"), setting_lines())
def test_each_setting_has_a_comment_above(name: str, line: int, previous: str) -> None:
    assert previous.lstrip().startswith("#"), f"{name} (line {line}) has no comment above"


@pytest.mark.parametrize(("name", "line", "previous"), setting_lines())
def test_each_setting_is_a_streamlit_option(name: str, line: int, previous: str) -> None:
    """A misspelt key is silently ignored by Streamlit; catch it here."""
    assert name in streamlit_config.get_config_options(), f"{name} (line {line}) is no option"

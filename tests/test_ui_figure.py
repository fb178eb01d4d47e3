"""Tests of ui.figure: the figures drawn in place, and the plotly.js the page serves."""

from __future__ import annotations

import json
from pathlib import Path

import plotly
import plotly.graph_objects as go
import pytest

from ui.figure import PLOTLY_SCRIPT, THEMES, figure_spec

REPO = Path(__file__).resolve().parents[1]


def test_the_page_serves_the_plotly_js_of_the_installed_plotly() -> None:
    """static/plotly.min.js is the plotly package's own file: after an upgrade of plotly
    this fails until the file is copied again (`cp` from plotly/package_data)."""
    served = REPO / "static" / PLOTLY_SCRIPT.removeprefix("app/static/")
    installed = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert served.read_bytes() == installed.read_bytes()


def test_static_serving_is_on_so_the_script_loads_from_the_app() -> None:
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_the_spec_carries_the_theme_instead_of_streamlits_template(theme: str) -> None:
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]), layout={"height": 300})
    spec = json.loads(figure_spec(fig, theme))  # type: ignore[arg-type]
    assert spec["layout"]["template"] == {"layout": json.loads(json.dumps(THEMES[theme]))}
    assert spec["layout"]["height"] == 300
    assert spec["data"][0]["y"] == [3, 4]
    assert "#000001" not in json.dumps(spec)  # none of Streamlit's placeholder colours


def test_an_unknown_theme_is_refused() -> None:
    with pytest.raises(ValueError, match="theme 'sepia' is not one of light, dark"):
        figure_spec(go.Figure(), "sepia")  # type: ignore[arg-type]

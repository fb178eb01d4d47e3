"""Tests of ui.figure: the figures drawn in place, and the plotly.js the page serves."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest

from graph.figures.plotlyjs import PLOTLY_JS
from ui.figure import PLOTLY_SCRIPT, THEMES, figure_spec

REPO = Path(__file__).resolve().parents[1]


def test_the_page_serves_the_bundle_the_briefings_inline() -> None:
    """One plotly.js for the page, the briefings and the images (graph.figures.plotlyjs)."""
    assert REPO / "static" / PLOTLY_SCRIPT.removeprefix("app/static/") == PLOTLY_JS


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

"""Figure images: a figure as PNG or SVG, rendered offline by kaleido in chromium.

:func:`figure_images` and :func:`figures_images` render with Debian's chromium (or
``BROWSER_PATH``), plotly.js from the installed plotly package, MathJax off and every web
request sent to a dead proxy.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from graph.figures.plotlyjs import PLOTLY_JS

__all__ = ["IMAGE_FORMATS", "figure_images", "figures_images"]

#: Image formats :func:`figure_images` writes.
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg")

#: Where every web request of the image renderer goes: a closed local port, so nothing
#: leaves the machine even if a figure asked for a CDN file.
_DEAD_PROXY = "http://127.0.0.1:9"


def _chromium() -> str:
    """Debian's chromium (or ``BROWSER_PATH``); a clear error naming what is missing."""
    given = os.environ.get("BROWSER_PATH")
    if given:
        if Path(given).is_file():
            return given
        raise FileNotFoundError(
            f"PNG/SVG export: BROWSER_PATH={given!r} is not a file; point it at chromium"
        )
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise FileNotFoundError(
            "PNG/SVG export needs Debian's chromium on PATH (apt-get install chromium), "
            "or BROWSER_PATH naming a Chrome or Chromium executable; none was found"
        )
    return found


def _kaleido_page() -> Any:
    """kaleido's page, all local: the page's own plotly.js (:mod:`graph.figures.plotlyjs`),
    no MathJax (kaleido would fetch it from a CDN; our figures use no LaTeX)."""
    from kaleido import PageGenerator

    if not PLOTLY_JS.is_file():  # kaleido would fall back to a CDN copy
        raise FileNotFoundError(f"PNG/SVG export: plotly.js is missing from {PLOTLY_JS}")
    return PageGenerator(plotly=(PLOTLY_JS.as_uri(), "utf-8"), mathjax=False)


def _check_format(fmt: str) -> str:
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"image format {fmt!r} is not one of {', '.join(IMAGE_FORMATS)}")
    return fmt


def figures_images(
    figures: Mapping[str, go.Figure],
    fmt: str = "png",
    *,
    width: int = 1400,
    height: int | None = None,
    scale: float = 1.0,
) -> dict[str, bytes]:
    """Render several figures to PNG or SVG with one browser (see :func:`figure_images`).

    Parameters
    ----------
    figures : mapping of str to plotly.graph_objects.Figure
        Named figures, e.g. :func:`briefing_figures`.
    fmt, width, height, scale
        As in :func:`figure_images`.

    Returns
    -------
    dict of str to bytes
        The images, by name, in the order given.

    Raises
    ------
    FileNotFoundError, ImportError, ValueError, RuntimeError
        As :func:`figure_images`.

    Notes
    -----
    One chromium start (about 2 s) for all figures, then well under a second each.

    Examples
    --------
    >>> figs = {"a": go.Figure(go.Bar(y=[1, 2])), "b": go.Figure(go.Bar(y=[3]))}
    >>> images = figures_images(figs, "svg", width=400, height=300)  # doctest: +SKIP
    >>> [image[:4] for image in images.values()]  # doctest: +SKIP
    [b'<svg', b'<svg']
    """
    _check_format(fmt)
    for name, value in (("width", width), ("scale", scale)):
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ValueError(f"{name} {value!r} is not a positive number")
    if height is not None and (not isinstance(height, int | float) or height <= 0):
        raise ValueError(f"height {height!r} is not a positive number")
    try:
        import kaleido
    except ImportError:
        raise ImportError("PNG/SVG export needs the kaleido package (uv add kaleido)") from None
    browser = _chromium()
    names = list(figures)

    page = _kaleido_page()

    async def render() -> list[bytes]:
        options = {"path": browser, "page_generator": page, "proxy_server": _DEAD_PROXY}
        async with kaleido.Kaleido(**options) as renderer:
            out = []
            for name in names:
                fig = figures[name]
                tall = height or fig.layout.height or 600
                opts = {"format": fmt, "width": width, "height": tall, "scale": scale}
                out.append(await renderer.calc_fig(fig, opts=opts))
            return out

    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no loop here (a script, the CLI, Streamlit's script thread)
        images = asyncio.run(render())
    else:  # inside a running loop (a notebook): render on a thread of our own
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            images = pool.submit(asyncio.run, render()).result()
    return {name: bytes(image) for name, image in zip(names, images, strict=True)}


def figure_images(
    fig: go.Figure,
    fmt: str = "png",
    *,
    width: int = 1400,
    height: int | None = None,
    scale: float = 1.0,
) -> bytes:
    """Return a figure as PNG or SVG bytes, rendered by kaleido in Debian's chromium.

    MathJax is off and the browser's only proxy is a closed local port, so rendering
    never reaches the internet (plotly.js itself comes from the installed plotly package).

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
    fmt : {"png", "svg"}, default "png"
    width : int, default 1400
        Width in CSS pixels.
    height : int, optional
        Height in CSS pixels; default the figure's own height, else 600.
    scale : float, default 1.0
        Pixel ratio of a PNG (2 for a sharp slide).

    Returns
    -------
    bytes
        PNG (starting ``\\x89PNG``) or SVG (``<svg ...``) data.

    Raises
    ------
    FileNotFoundError
        If chromium is not found (the message names what to install or set).
    ImportError
        If kaleido is not installed.
    ValueError
        If ``fmt``, ``width``, ``height`` or ``scale`` is invalid.

    Notes
    -----
    About 2-3 s: most of it starting chromium. Use :func:`figures_images` for several.

    Examples
    --------
    >>> png = figure_images(go.Figure(go.Bar(y=[1, 2])), "png", width=400)  # doctest: +SKIP
    >>> png.startswith(b"\\x89PNG")  # doctest: +SKIP
    True
    """
    return figures_images({"figure": fig}, fmt, width=width, height=height, scale=scale)["figure"]

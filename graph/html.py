"""HTML from templates (``graph/templates``, Jinja2 with autoescaping): the briefing, the
slides' parts and the page's fragments. Every value is escaped unless marked safe (plotly's
own figure HTML, the page's own CSS and plotly.js); no HTML is assembled in f-strings.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import jinja2

from graph import i18n
from graph.load import paragraph_ranges
from graph.text import plural

__all__ = ["TEMPLATES", "fragment", "templates"]

#: The folder of the templates.
TEMPLATES = Path(__file__).resolve().parent / "templates"


@functools.cache
def templates() -> jinja2.Environment:
    """The templates' environment: autoescaping, undefined names an error, the filters
    ``plural``, ``paragraph_ranges`` and ``capitalize_first``, and Jinja's i18n extension
    bound to :mod:`graph.i18n` (``{% trans %}`` blocks and ``_()`` translate into the
    language of the current run, their values escaped)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    environment.filters["plural"] = plural
    environment.filters["paragraph_ranges"] = paragraph_ranges
    environment.filters["capitalize_first"] = lambda text: text[:1].upper() + text[1:]
    return environment


def fragment(template: str, macro: str, *args: Any, **kwargs: Any) -> str:
    """Return the HTML of one macro of a template, its text escaped.

    Examples
    --------
    >>> fragment("page.html.j2", "arabic", "إيران & <b>")
    '<span class="bl-ar" dir="rtl" lang="ar">إيران &amp; &lt;b&gt;</span>'
    """
    module = templates().get_template(template).module
    if not hasattr(module, macro):
        raise ValueError(f"{template} has no macro {macro!r}")
    return str(getattr(module, macro)(*args, **kwargs))

"""HTML fragments for the dashboard's presentation mode: findings and slide parts.

:func:`findings_html` renders :class:`~graph.briefing.findings.Findings` as the
briefing's cards or a slide's columns; :func:`slide_html` renders a slide's step line,
heading or footnote. Both come from the templates of :mod:`graph.html`, text escaped.
"""

from __future__ import annotations

from typing import Any

from graph.briefing.findings import Findings
from graph.html import fragment

__all__ = ["findings_html", "slide_html"]


def findings_html(findings: Findings, *, limit: int | None = None, compact: bool = False) -> str:
    """Return the key findings as HTML: the briefing's cards, or (``compact``) a slide's
    three columns, at most ``limit`` items per list; one template for both
    (``templates/findings.html.j2``), every text escaped.

    Examples
    --------
    >>> found = Findings(3, 3, ("a & b",), ((), ()), 0, True, 0, "", (), None, ())
    >>> "<li>a &amp; b</li>" in findings_html(found), "bl-findings" in findings_html(
    ...     found, compact=True)
    (True, True)
    """
    return fragment("findings.html.j2", "findings", findings, limit=limit, compact=compact)


def slide_html(part: str, *args: Any) -> str:
    """Return a part of a slide around its figures (``templates/slide.html.j2``): its
    ``step`` line (story title, step, count), its ``heading`` (title, summary, note, the
    ways between connected actors) or its ``footnote`` (source notes); text escaped.

    Examples
    --------
    >>> slide_html("step", "Iran & Pakistan", 2, 7)
    '<p class="bl-step">Iran &amp; Pakistan · step 2 of 7</p>'
    """
    if part not in ("step", "heading", "footnote"):
        raise ValueError(f"a slide has no part {part!r}: step, heading or footnote")
    return fragment("slide.html.j2", part, *args)

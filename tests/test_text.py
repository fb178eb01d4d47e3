"""Tests of graph.text: escaping for hover boxes and HTML pages."""

from __future__ import annotations

import pytest

from graph.text import PDI, RLI, escape_hover, escape_html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>", "&lt;script&gt;"),
        ("a & b", "a &amp; b"),
        ('say "hi"', 'say "hi"'),
        (3, "3"),
        ("طهران", f"{RLI}طهران{PDI}"),
        ("Iran (جمهوری اسلامی) 2021", f"Iran ({RLI}جمهوری اسلامی{PDI}) 2021"),
        ("طهران و بغداد", f"{RLI}طهران و بغداد{PDI}"),
    ],
)
def test_escape_hover(text, expected):
    assert escape_hover(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>", "&lt;b&gt;"),
        ('"x"', "&quot;x&quot;"),
        ("it's", "it&#x27;s"),
        ("طهران", "طهران"),
        (None, "None"),
    ],
)
def test_escape_html(text, expected):
    assert escape_html(text) == expected

"""Tests of graph.text: escaping for hover boxes and HTML pages."""

from __future__ import annotations

import re

import pytest

from graph.text import (
    PDI,
    RLI,
    escape_hover,
    escape_html,
    escape_markdown,
    hover_lines,
    plural,
    wrap_words,
)


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


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [(0, "relation", "0 relations"), (1, "actor", "1 actor"), (12_345, "event", "12,345 events")],
)
def test_plural(count: int, noun: str, expected: str) -> None:
    assert plural(count, noun) == expected


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("short", 64, ["short"]),
        ("one two three four", 9, ["one two", "three", "four"]),
        ("a averyveryverylongword b", 5, ["a", "averyveryverylongword", "b"]),
    ],
)
def test_wrap_words_keeps_words_whole(text: str, width: int, expected: list[str]) -> None:
    assert wrap_words(text, width) == expected


def test_hover_lines_escape_each_line_on_its_own() -> None:
    lines = hover_lines("<b>bold</b> and إيران", 12)
    assert lines[0] == "&lt;b&gt;bold&lt;/b&gt;"
    assert all(line.count("\u2067") == line.count("\u2069") for line in lines)


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    "text",
    [
        '<a href="https://example.org">x</a>',
        "[x](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "see www.example.org or write to a@b.org",
        "$x^2$ costs *much* ~~less~~ `code`",
        "# heading",
        "- item",
        "1. item",
        "iran_gov | pakistan_gov",
    ],
)
def test_escape_markdown_leaves_no_markup(text: str) -> None:
    escaped = escape_markdown(text)
    assert escaped.replace("\\", "").replace("\u2060", "") == text  # reads the same
    assert not re.search(r"(?<!\\)[\[\]<>#$*_`~|]", escaped)  # every marker escaped
    assert not re.search(r"https?\\?:|www\\?\.|@\w", escaped)  # nothing to autolink

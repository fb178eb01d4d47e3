"""Text for where it is shown: made safe for plotly hover boxes and HTML pages, set inside
a sentence, counted and wrapped; the one home of these helpers for every figure and page.

Figures show data text in plotly's small HTML subset (hover boxes, labels); the briefing
writes whole HTML pages. Both escape the text the same way, from here, so a name with
``<`` or ``&`` can never inject markup, and Arabic keeps its place inside English lines.
"""

from __future__ import annotations

import html
import re
from typing import Any

from graph.i18n import direction

__all__ = [
    "ARABIC_RUN",
    "FSI",
    "HOVER_WIDTH",
    "PDI",
    "RLI",
    "arrow",
    "escape_hover",
    "escape_html",
    "escape_markdown",
    "hover_lines",
    "isolate",
    "plural",
    "wrap_words",
]


def arrow() -> str:
    """The arrow from a directed relation's source to its target, as read in the current
    language: ``→`` left to right, ``←`` right to left (where the source stands on the
    right).

    Examples
    --------
    >>> arrow()
    '→'
    """
    return "←" if direction() == "rtl" else "→"


#: Characters per line of a hover box before it wraps (network, map and timeline).
HOVER_WIDTH = 64

#: Unicode right-to-left isolate and pop directional isolate: put around Arabic inside a
#: left-to-right line, so neighbouring numbers and punctuation keep their order.
RLI, PDI = "\u2067", "\u2069"
#: First strong isolate: the isolated text takes the direction of its own first letter.
FSI = "\u2068"
# A letter written right to left: Hebrew, Arabic, Syriac, Thaana, NKo... and their
# presentation forms.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")

#: A run of Arabic letters, spaces between Arabic words included (Arabic, Arabic
#: Supplement and the two presentation-form blocks).
ARABIC_RUN = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+"
    "(?:[ \u00a0]+[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+)*"
)


def isolate(text: Any) -> str:
    """Return user or data text to set inside a sentence, its direction isolated.

    Text holding a right-to-left letter is put between FSI and PDI, so an Arabic search or
    name cannot carry the sentence's punctuation and numbers to the wrong side
    (``Matching "10 · "جيش actors``); text without one is returned unchanged (nothing
    invisible in file names or left-to-right lines).

    Examples
    --------
    >>> isolate("Iran")
    'Iran'
    >>> isolate("جيش") == FSI + "جيش" + PDI
    True
    """
    text = str(text)
    return f"{FSI}{text}{PDI}" if _RIGHT_TO_LEFT.search(text) else text


def escape_hover(text: Any, *, isolate_arabic: bool = True) -> str:
    """Return data text made safe for plotly's hover and label HTML.

    Parameters
    ----------
    text : Any
        Shown as ``str(text)``.
    isolate_arabic : bool, default True
        Isolate each run of Arabic. False where the caller isolates a whole line itself
        (the network's Arabic names, its pair line ``a → b`` set right to left).

    Returns
    -------
    str
        ``&``, ``<`` and ``>`` escaped (quotes kept: plotly's text is not an attribute);
        each run of Arabic isolated right-to-left (:data:`RLI` ... :data:`PDI`).

    Notes
    -----
    Cost O(length of the text).

    Examples
    --------
    >>> escape_hover("<b>Iran & Pakistan</b>")
    '&lt;b&gt;Iran &amp; Pakistan&lt;/b&gt;'
    >>> escape_hover("Tehran (طهران), 2021") == f"Tehran ({RLI}طهران{PDI}), 2021"
    True
    >>> escape_hover("طهران & Iran", isolate_arabic=False)
    'طهران &amp; Iran'
    """
    escaped = html.escape(str(text), quote=False)
    if not isolate_arabic:
        return escaped
    return ARABIC_RUN.sub(lambda match: f"{RLI}{match.group(0)}{PDI}", escaped)


def escape_html(text: Any) -> str:
    """Return data text made safe for an HTML page, in text and in attribute values.

    Parameters
    ----------
    text : Any
        Shown as ``str(text)``.

    Returns
    -------
    str
        ``&``, ``<``, ``>``, ``"`` and ``'`` escaped. Direction is left to the page
        (``dir="auto"``, ``<bdi>``), which HTML handles better than marks.

    Notes
    -----
    Cost O(length of the text).

    Examples
    --------
    >>> escape_html('<a href="x">Iran\\'s</a>')
    '&lt;a href=&quot;x&quot;&gt;Iran&#x27;s&lt;/a&gt;'
    """
    return html.escape(str(text), quote=True)


def plural(count: int, noun: str) -> str:
    """Return a count and its noun, ``"1 relation"``, ``"1,204 relations"``.

    Examples
    --------
    >>> plural(1, "relation"), plural(1204, "relation")
    ('1 relation', '1,204 relations')
    """
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def wrap_words(text: str, width: int = HOVER_WIDTH) -> list[str]:
    """Return ``text`` wrapped at spaces into lines of at most ``width`` characters (a word
    longer than that keeps a line of its own).

    Greedy, and much cheaper than :mod:`textwrap` for the thousands of short hover texts
    of a large network.

    Examples
    --------
    >>> wrap_words("Iran and Pakistan agree to fence the border", 20)
    ['Iran and Pakistan', 'agree to fence the', 'border']
    """
    if len(text) <= width:
        return [text]
    rows, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            rows.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        rows.append(current)
    return rows


def hover_lines(text: Any, width: int = HOVER_WIDTH) -> list[str]:
    """Return data text wrapped for a hover box, each line escaped on its own (so an Arabic
    run's isolate never spans a line break).

    Examples
    --------
    >>> hover_lines("a <b> c", 4)
    ['a', '&lt;b&gt;', 'c']
    """
    return [escape_hover(row) for row in wrap_words(str(text), width)]


# Characters Streamlit's Markdown reads as formatting: emphasis, links, HTML, headings,
# tables, LaTeX (`$`), list markers at the start of a line ("-", "+", "1.") and the rest.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$:@.+\-!={}])")
# Streamlit's Markdown turns "https://...", "www...." and e-mail addresses into links after
# parsing, escaped or not; a word joiner (invisible) after the scheme or the "@" stops it.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp|www)(?=\\?[:.])|(@)")
_WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    r"""Return ``text`` escaped for Streamlit's Markdown: shown as written, never as markup.

    Every character Markdown could read as formatting gets a backslash, and a word joiner
    (U+2060, invisible) follows a URL scheme, ``www`` and ``@``, which Streamlit would
    otherwise turn into links even when escaped. Use it for every data text that reaches
    ``st.markdown``, a label, a button, an alert or a toast.

    Notes
    -----
    Cost O(length of text).

    Examples
    --------
    >>> print(escape_markdown("[x](javascript:alert(1)) *iran_gov*"))
    \[x\](javascript\:alert(1)) \*iran\_gov\*
    >>> escape_markdown("https://example.org") == "https\u2060\\://example\\.org"
    True
    >>> escape_markdown("a@b.org") == "a\\@\u2060b\\.org"
    True
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2)) + _WORD_JOINER, escaped)

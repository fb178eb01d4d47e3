"""Evidence cells (``source:paragraphs``) read, written in words, and the paragraphs of a
source document.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graph.i18n import gettext as _
from graph.load._base import _CITATION

__all__ = [
    "format_citation",
    "paragraph_ranges",
    "parse_evidence",
    "read_paragraphs",
]

# --- Evidence ------------------------------------------------------------------------------


def parse_evidence(text: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Parse an evidence cell into (source id, paragraph numbers) pairs.

    Parameters
    ----------
    text : str
        ``SOURCE_ID:PARAS[;SOURCE_ID:PARAS]``, PARAS like ``3,5-7``.

    Returns
    -------
    tuple of (str, tuple of int)
        One pair per citation, in order, ranges expanded.

    Raises
    ------
    ValueError
        If ``text`` is not of that form or a range does not ascend (``7-5``, ``5-5``);
        the message names the bad part.

    Notes
    -----
    Cost O(length of text + paragraphs cited).

    Examples
    --------
    >>> parse_evidence("mena-2021-10:3,5-7")
    (('mena-2021-10', (3, 5, 6, 7)),)
    >>> parse_evidence("mena-2021-10:7-5")
    Traceback (most recent call last):
    ...
    ValueError: range '7-5' in 'mena-2021-10:7-5' does not ascend
    """
    if not isinstance(text, str):
        raise TypeError(f"evidence must be a string, not {type(text).__name__}: {text!r}")
    citations = []
    for part in text.split(";"):
        match = _CITATION.fullmatch(part)
        if match is None:
            message = _("invalid evidence {text}: expected SOURCE_ID:PARAS like a:3,5-7")
            raise ValueError(message.format(text=repr(text)))
        paragraphs: list[int] = []
        for span in match.group(2).split(","):
            low, _dash, high = span.partition("-")
            if high and int(low) >= int(high):
                message = _("range {span} in {text} does not ascend")
                raise ValueError(message.format(span=repr(span), text=repr(text)))
            paragraphs.extend(range(int(low), int(high or low) + 1))
        citations.append((match.group(1), tuple(paragraphs)))
    return tuple(citations)


def paragraph_ranges(numbers: Iterable[int]) -> str:
    """Return paragraph numbers as people write them: runs joined by an en dash.

    Parameters
    ----------
    numbers : iterable of int
        In any order; repeats are dropped.

    Returns
    -------
    str

    Notes
    -----
    Cost O(k log k) for k numbers.

    Examples
    --------
    >>> paragraph_ranges((7, 3, 5, 6, 3))
    '3, 5\u20137'
    >>> paragraph_ranges([])
    ''
    """
    out: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}\u2013{run[-1]}")
        run = [n]
    if run:
        out.append(str(run[0]) if len(run) == 1 else f"{run[0]}\u2013{run[-1]}")
    return ", ".join(out)


def format_citation(
    evidence: str | None,
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    paragraphs: bool = True,
) -> str:
    """Return an evidence cell in words: who published each source, when, which paragraphs.

    Parameters
    ----------
    evidence : str or None
        ``SOURCE_ID:PARAS[;SOURCE_ID:PARAS]``.
    sources : mapping, optional
        ``source id -> row`` (``publisher``, ``published``), e.g. ``G.graph["sources"]``.
        Without it, or for a source it lacks, the source is named by its id.
    paragraphs : bool, default True
        Whether to name the paragraphs (``¶ 3, 5-7``, with an en dash).

    Returns
    -------
    str
        Plain text, not escaped: citations joined by ``"; "``, each ``"publisher,
        published, ¶ paragraphs"``. An empty string for no evidence; a cell that does not
        parse is returned as it is.

    Notes
    -----
    Cost O(length of the evidence + paragraphs cited).

    Examples
    --------
    >>> rows = {"mena": {"publisher": "MEN", "published": "2021-10"}}
    >>> format_citation("mena:3,5-7", rows)
    'MEN, 2021-10, \u00b6 3, 5\u20137'
    >>> format_citation("mena:3;other:1", rows, paragraphs=False)
    'MEN, 2021-10; other'
    >>> format_citation("mena:3"), format_citation(None), format_citation("not evidence")
    ('mena, \u00b6 3', '', 'not evidence')
    """
    if not evidence:
        return ""
    try:
        citations = parse_evidence(str(evidence))
    except ValueError:
        return str(evidence)
    parts = []
    for source_id, cited in citations:
        row = (sources or {}).get(source_id) or {}
        words = [str(row.get("publisher") or source_id)]
        if row.get("published"):
            words.append(str(row["published"]))
        if paragraphs:
            words.append(f"\u00b6 {paragraph_ranges(cited)}")
        parts.append(", ".join(words))
    return "; ".join(parts)


def read_paragraphs(path: Path | str) -> tuple[str, ...]:
    """Return the paragraphs of a source document: its non-empty lines, stripped.

    Paragraph ``n`` of a citation is item ``n - 1``.

    Parameters
    ----------
    path : Path or str
        A UTF-8 text file, one paragraph a line (as in ``../shared/sources``).

    Returns
    -------
    tuple of str

    Raises
    ------
    OSError
        If the file cannot be read.

    Notes
    -----
    Cost O(size of the file).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "doc.txt"
    ...     _ = path.write_text("Headline\\n\\n  First paragraph. \\n", encoding="utf-8")
    ...     read_paragraphs(path)
    ('Headline', 'First paragraph.')
    """
    text = Path(path).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())

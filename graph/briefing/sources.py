"""Source footnotes of a view: the sources its relations and events cite, and where.

:func:`source_notes` collects the cited paragraphs of every source as :class:`SourceNote`
entries, naming each source's archived text when it is in the sources folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from graph.i18n import gettext as _
from graph.load import paragraph_ranges, parse_evidence

__all__ = ["SourceNote", "source_notes"]


@dataclass(frozen=True)
class SourceNote:
    """A source cited by a view, and the paragraphs the view relies on.

    Attributes
    ----------
    source : str
        The source id.
    title, publisher, original_publisher, language, published : str
        From the ``sources`` table ("" when missing).
    paragraphs : tuple of int
        Paragraphs cited by the view's relations and events, sorted.
    file : str or None
        The archived text's file name, when it is in the sources folder given.
    """

    source: str
    title: str
    publisher: str
    original_publisher: str
    language: str
    published: str
    paragraphs: tuple[int, ...]
    file: str | None = None

    def text(self) -> str:
        """The footnote as one plain sentence.

        Examples
        --------
        >>> SourceNote("s", "A title", "Paper", "Wire", "ar", "2021-10", (3, 4, 5, 9)).text()
        'Paper, relaying Wire: “A title” (ar), published 2021-10; paragraphs 3\u20135, 9.'
        """
        who = self.publisher or self.source
        if self.original_publisher and self.original_publisher != self.publisher:
            who += _(", relaying {publisher}").format(publisher=self.original_publisher)
        title = _(": “{title}”").format(title=self.title) if self.title else ""
        language = f" ({self.language})" if self.language else ""
        when = _(", published {date}").format(date=self.published) if self.published else ""
        paragraphs = (
            _("; paragraphs {paragraphs}").format(paragraphs=paragraph_ranges(self.paragraphs))
            if self.paragraphs
            else ""
        )
        return f"{who}{title}{language}{when}{paragraphs}."


def source_notes(
    G: nx.MultiDiGraph,
    events: pd.DataFrame | None = None,
    *,
    sources_dir: Path | str | None = None,
) -> list[SourceNote]:
    """Return the sources the relations (and events) of a view cite, with their paragraphs.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The filtered relationship graph; ``G.graph["sources"]`` describes the sources.
    events : pandas.DataFrame, optional
        The events the view shows (:func:`graph.figures.timeline.events_in_view`).
    sources_dir : path-like, optional
        Folder of the archived source texts; a note names its file when it is there.

    Returns
    -------
    list of SourceNote
        In order of the source ids.

    Notes
    -----
    Cost O(m + e) citations.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0, "evidence": "s:5-7"}],
    ...     sources=[{"id": "s", "publisher": "Paper", "published": "2021-10"}],
    ... )
    >>> source_notes(G)[0].paragraphs
    (5, 6, 7)
    """
    cited: dict[str, set[int]] = {}
    texts = [d.get("evidence") for _, _, d in G.edges(data=True)]
    if events is not None and "evidence" in events.columns:
        texts += list(events["evidence"])
    for text in texts:
        if not text:
            continue
        try:
            citations = parse_evidence(str(text))
        except ValueError:
            continue
        for source, paragraphs in citations:
            cited.setdefault(source, set()).update(paragraphs)
    rows = G.graph.get("sources") or {}
    folder = Path(sources_dir) if sources_dir is not None else None
    notes = []
    for source in sorted(cited):
        row = rows.get(source) or {}
        file = row.get("file")
        archived = file if folder is not None and file and (folder / str(file)).is_file() else None
        notes.append(
            SourceNote(
                source=source,
                title=str(row.get("title") or ""),
                publisher=str(row.get("publisher") or ""),
                original_publisher=str(row.get("original_publisher") or ""),
                language=str(row.get("language") or ""),
                published=str(row.get("published") or ""),
                paragraphs=tuple(sorted(cited[source])),
                file=archived,
            )
        )
    return notes

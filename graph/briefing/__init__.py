"""Briefing packs: one self-contained HTML page per view or story, and figure images.

:func:`briefing_html` writes what a view shows as a page that opens from a file with no
network: the title and note, the one-line filter summary, the data version and date, the
network, the map and the timeline (plotly.js inlined once for the whole page), the key
findings in words, the relations with their evidence and grades, the events and the
source footnote. :func:`story_briefing_html` does the same for every view of a story.
:func:`figure_images` renders a figure to PNG or SVG with kaleido and Debian's chromium,
with MathJax off and every web request sent to a dead proxy.

The pieces are public for the dashboard's presentation mode: :func:`briefing_figures`,
:func:`key_findings`, :func:`source_notes` and :func:`data_version`. The CSV, GraphML and
GEXF of a view come from :mod:`graph.export` (``EXPORTERS``), never from here.

The package's modules:

- :mod:`graph.briefing.version`: the data's content hash and version line;
- :mod:`graph.briefing.findings`: what a briefing says about a view, in words;
- :mod:`graph.briefing.sources`: the source footnotes;
- :mod:`graph.briefing.figures`: the network, map and timeline of a view;
- :mod:`graph.briefing.page`: the self-contained HTML page;
- :mod:`graph.briefing.slides`: HTML fragments for the presentation mode;
- :mod:`graph.briefing.images`: figures as PNG or SVG.
"""

from __future__ import annotations

from graph.briefing.figures import briefing_figures, network_frame, view_ways
from graph.briefing.findings import CentralActor, Findings, key_findings
from graph.briefing.images import IMAGE_FORMATS, figure_images, figures_images
from graph.briefing.page import briefing_html, story_briefing_html
from graph.briefing.slides import findings_html, slide_html
from graph.briefing.sources import SourceNote, source_notes
from graph.briefing.version import content_hash, data_version

__all__ = [
    "IMAGE_FORMATS",
    "CentralActor",
    "Findings",
    "SourceNote",
    "briefing_figures",
    "briefing_html",
    "content_hash",
    "data_version",
    "figure_images",
    "figures_images",
    "findings_html",
    "key_findings",
    "network_frame",
    "slide_html",
    "source_notes",
    "story_briefing_html",
    "view_ways",
]

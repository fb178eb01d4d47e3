"""The page's settings and small helpers every part of it uses: figure sizes, labels of
the choices, the page's CSS, and how data text is set inside the page's own lines.

Nothing here draws more than an error box; no cache, no state."""

from __future__ import annotations

import logging
from typing import Any, Literal

import networkx as nx
import streamlit as st

from graph.build import actor_name
from graph.figures.network import SIZE_MEASURES
from graph.html import fragment
from graph.i18n import N_
from graph.load import DataError
from graph.text import escape_markdown, isolate

LOG = logging.getLogger("borderlines.dashboard")

# Tables counted at the foot of the page, in reading order, with their labels.
COUNTED_TABLES = {
    "actors": N_("Actors"),
    "relations": N_("Relations"),
    "events": N_("Events"),
    "places": N_("Places"),
    "sources": N_("Sources"),
}

# Figure sizes in pixels: the network and the map share the first screen at 1440x900.
# The map keeps its aspect (about 7:4), so it needs less height than the network.
NETWORK_HEIGHT = 620
MAP_HEIGHT = 360
#: The reading pane under the map (the selection's record and evidence): it fills the rest
#: of a 1440x900 window beside the network, and scrolls on its own.
PANE_HEIGHT = 380
PANE_TABLE_HEIGHT = 240  # an actor's relations, inside the pane
SCREEN_TABLE_HEIGHT = 420  # the relations on screen, below the figures
MAP_WIDTH_HINT = 440
# Plot area the layout keeps labels apart in (the network's column, legends excluded).
LAYOUT_FRAME = (500.0, 360.0)

SIZE_CHOICES = (*SIZE_MEASURES, "betweenness")
SIZE_TEXT = {
    "degree": N_("Relations"),
    "partners": N_("Partners"),
    "in_degree": N_("Relations received"),
    "out_degree": N_("Relations initiated"),
    "strength": N_("Total |intensity|"),
    "betweenness": N_("Betweenness (brokerage)"),
}
DEFAULT_SIZE = "degree"
# The sign's name beside a drawing of its line style (the figures' dash), so the choice
# never rests on colour.
# Each sign's name and its line (style.SIGN_DASH: solid, dash, dot), for the sign pills;
# the names are graph.filters.SIGN_NAMES' (tests/test_ui_state.py holds them together).
SIGN_TEXT = {1: N_("Cooperative ───"), -1: N_("Hostile - - -"), 0: N_("Structural ···")}
CONFIDENCE_TEXT = {"any": N_("Any"), "moderate": N_("Moderate or high"), "high": N_("High only")}
DATE_MODE_TEXT = {"all": N_("All time"), "on": N_("On a date"), "window": N_("During a window")}
MAX_HOPS = 5
#: Past this many relations on screen the analysis (betweenness, triads, camps, blocs:
#: about a second at 10^4 relations, 15 s at 10^5) waits for a click instead of slowing
#: every rerun.
ANALYSIS_AUTO_LIMIT = 5000
CHARTS = ("network", "map")
TIMELINE_WIDTH_HINT = 1300
# Presentation mode at 1920x1080: figures side by side, text readable from the back.
PRESENT_FONT = 16
PRESENT_NETWORK_HEIGHT = 680  # its legends sit above and below the plot
PRESENT_NETWORK_WIDTH = 900  # half of a 1920 px slide
PRESENT_MAP_HEIGHT = 600
PRESENT_LIST_LIMIT = 5  # triads and central actors named on a slide
# Keys of the page's own inputs (beside the filters, f_*) kept while the sidebar is hidden.
KEPT_KEYS = ("v_size", "c_before", "c_after", "connect")
# The exports built on click, by label (as graph.details.relation_exports names them).
LIGHT_EXPORTS = {
    N_("CSV of the relations"): ("csv", "text/csv"),
    N_("GraphML"): ("graphml", "application/xml"),
    N_("GEXF"): ("gexf", "application/xml"),
}
TABLES = ("relations_table", "screen_table", "measures_table", "border_table")
#: The tabs below the figures; the details open first and again on each new selection.
LOWER_TABS = (
    N_("Relations on screen"),
    N_("Analysis of what is on screen"),
    N_("Export this view"),
)
#: Uploads whose checked data the server keeps, across all sessions (the latest used).
UPLOADS_KEPT = 4
PLOT_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}

EN_DASH = " \u2013 "

# Less padding so both figures fit the first screen; the key of relation types;
# right-to-left blocks for Arabic. System fonts only (offline).
PAGE_CSS = """
<style>
[data-testid="stMainBlockContainer"] {
  padding-top: 2.75rem; padding-left: 1.5rem; padding-right: 1.5rem; padding-bottom: 2rem;
}
[data-testid="stSidebarUserContent"] { padding-top: 0.5rem; }
[data-testid="stHeading"] h1 { font-size: 1.75rem; padding: 0; }
.bl-summary { font-size: 1rem; margin: 0; }
.bl-context { font-size: 0.82rem; margin: 0.1rem 0 0 0; opacity: 0.85; }
.bl-start { font-weight: 600; white-space: nowrap; }
.bl-key { display: flex; flex-wrap: wrap; gap: 0.05rem 0.7rem; font-size: 0.78rem;
  line-height: 1.35; }
.bl-key-item { white-space: nowrap; }
.bl-off { opacity: 0.35; }
.bl-swatch { display: inline-block; width: 1.4rem; height: 0; margin-right: 0.3rem;
  vertical-align: middle; }
.bl-rtl { direction: rtl; text-align: right; unicode-bidi: isolate; font-size: 1.05rem;
  line-height: 1.9; }
.bl-ar { unicode-bidi: isolate; font-weight: normal; }
/* Narrow windows and zoom: the title never breaks inside a word, buttons keep their
   labels, and below 1280 CSS pixels (1024x768, or 150% zoom on 1440x900) the header
   wraps and the figures stack instead of squeezing the map and its key. */
[data-testid="stHeading"] h1 { word-break: keep-all; overflow-wrap: normal; hyphens: none;
  white-space: nowrap; }
.st-key-header [data-testid="stColumn"]:nth-child(1),
.st-key-header [data-testid="stColumn"]:nth-child(3),
.st-key-header [data-testid="stColumn"]:nth-child(4) { flex: 0 0 auto !important;
  width: auto !important; min-width: max-content !important; }
.st-key-header [data-testid="stColumn"]:nth-child(2) { flex: 1 1 0 !important;
  min-width: 0 !important; }
.st-key-header button p { white-space: nowrap; }
@media (max-width: 1279px) {
  .st-key-header [data-testid="stHorizontalBlock"] { flex-wrap: wrap; row-gap: 0.25rem; }
  .st-key-header [data-testid="stColumn"]:nth-child(2) { order: 5; flex: 1 1 100% !important;
    min-width: 100% !important; }
  .st-key-header [data-testid="stColumn"]:nth-child(1) { flex: 1 1 auto !important; }
  .st-key-figures [data-testid="stHorizontalBlock"] { flex-direction: column; }
  .st-key-figures [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
    width: 100% !important; flex: 1 1 100% !important; min-width: 100% !important; }
}
.bl-pane-title { margin: 0; padding: 0; font-size: 1.1rem; }
.bl-pane-line { margin: 0; }
.bl-data { margin: 0 0 0.5rem 0; }
.bl-pane-summary { margin: 0.2rem 0 0.3rem 0; font-style: italic; font-size: 0.92rem;
  line-height: 1.4; }
.bl-pane-label { margin: 0; font-weight: 600; font-size: 0.9rem; }
.bl-pane-facts { margin: 0; font-size: 0.85rem; line-height: 1.5; }
.bl-pane-facts span { white-space: nowrap; }
.bl-way { margin: 0.5rem 0 0.1rem 0; }
.bl-steps { margin: 0 0 0.3rem 0; padding-left: 1.4rem; font-size: 0.9rem; }
.bl-steps ul { padding-left: 1.1rem; }
.st-key-reading_pane [data-testid="stMarkdownContainer"] p { margin-bottom: 0.4rem; }
.st-key-bl_document { display: none; }
</style>
"""

Fingerprint = tuple[tuple[str, int, int], ...]


# --------------------------------------------------------------------------- text


def arabic_span(text: Any) -> str:
    """An Arabic name as escaped HTML, set right-to-left inside an English line."""
    return fragment("page.html.j2", "arabic", text)


def show_data_error(error: DataError) -> None:
    """Show every issue of a dataset that failed to load, without a traceback."""
    count = len(error.issues)
    lines = [
        f"**The data could not be loaded: {count} problem{'s' if count != 1 else ''}.**",
        "",
        *(f"- {escape_markdown(str(issue))}" for issue in error.issues),
        "",
        "Run `uv run python -m graph validate` to check the data folder from a terminal.",
    ]
    st.error("\n".join(lines))


def page_theme() -> Literal["light", "dark"]:
    """The reader's Streamlit theme, for the figures' colours."""
    return "dark" if st.context.theme.type == "dark" else "light"


def name_of(G: nx.MultiDiGraph, actor: str) -> str:
    """An actor's name to set in a sentence (right-to-left text isolated)."""
    return isolate(actor_name(G, actor))

"""The Present page: the current view large and without controls, or a story's slides,
for a room."""

from __future__ import annotations

import networkx as nx
import streamlit as st

from graph.analysis import ways_text
from graph.briefing import briefing_figures, slide_html, source_notes
from graph.briefing import findings_html as briefing_findings
from graph.figures.timeline import events_in_view
from graph.filters import FilterSpec
from graph.i18n import direction
from graph.i18n import gettext as _
from graph.load import default_sources_dir
from ui.caches import graph_facts, slide_layout, view_findings
from ui.common import (
    LOG,
    PLOT_CONFIG,
    PRESENT_FONT,
    PRESENT_LIST_LIMIT,
    PRESENT_MAP_HEIGHT,
    PRESENT_NETWORK_HEIGHT,
    PRESENT_NETWORK_WIDTH,
    Fingerprint,
    page_theme,
)
from ui.figure import figure_view
from ui.keys import slide_keys
from ui.state import STATE, current_compare, go_to_step, set_present
from ui.view import CurrentView, PageData, current_view, page_data, shipped_data

# Presentation mode: no sidebar, toolbar or header; large, high-contrast text that follows
# the theme's own colours (light or dark). Static: no data text in it.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.25rem 2rem 1.5rem 2rem; max-width: 100%; }
.bl-present-title { font-size: 2.6rem; line-height: 1.15; font-weight: 700; margin: 0; }
.bl-present-summary { font-size: 1.35rem; margin: 0.35rem 0 0 0; opacity: 0.9; }
.bl-present-note { font-size: 1.15rem; margin: 0.35rem 0 0 0; max-width: 110ch; }
.bl-findings { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1.5rem;
  font-size: 1.15rem; line-height: 1.45; }
.bl-findings h3 { font-size: 1.5rem; margin: 0 0 0.4rem 0; padding: 0; }
.bl-findings ul { margin: 0; padding-left: 1.2rem; }
.bl-findings .bl-wide { grid-column: 1 / -1; }
.bl-footnote { font-size: 1rem; opacity: 0.85; margin-top: 0.75rem; }
.bl-step { font-size: 1.1rem; text-align: center; margin: 0; }
/* Buttons keep their labels; on a window narrower than 1280 CSS pixels the figures stack. */
.st-key-slide_nav [data-testid="stColumn"]:has(button) { flex: 0 0 auto !important;
  width: auto !important; min-width: max-content !important; }
.st-key-slide_nav button p { white-space: nowrap; }
.bl-present-title { word-break: keep-all; overflow-wrap: normal; hyphens: none; }
@media (max-width: 1279px) {
  .st-key-slide_figures [data-testid="stHorizontalBlock"] { flex-direction: column; }
  .st-key-slide_figures [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
    width: 100% !important; flex: 1 1 100% !important; min-width: 100% !important; }
}
</style>
"""


# --------------------------------------------------------------------------- presentation


def findings_html(
    H: nx.MultiDiGraph,
    compare: tuple[str, str] | None,
    fingerprint: Fingerprint,
    spec: FilterSpec,
) -> str:
    """The key findings of the view in three columns: tension triads, camps, central (the
    briefing's template, compact: :func:`graph.briefing.findings_html`)."""
    if H.number_of_edges() == 0:
        return ""
    found = view_findings(H, fingerprint, spec, compare)
    return briefing_findings(found, limit=PRESENT_LIST_LIMIT, compact=True)


def presentation(data: PageData, now: CurrentView, positions: dict) -> None:
    """The current view large and clean: title, summary, the two figures, the findings
    and the source footnote; a story's previous / next above it, so the next slide opens
    at its top."""
    G, H, dataset, spec, view = now.G, now.H, data.dataset, now.spec, now.view
    fingerprint, summary, stories = data.key, now.summary, now.stories
    state = STATE
    theme = page_theme()
    story = stories.get(state.story or "")
    back, middle, forward, _gap, leave = st.container(key="slide_nav").columns(
        [1, 3.2, 1, 3.6, 1.2], vertical_alignment="center"
    )
    if story is not None:
        step, count = state.step, len(story.views)
        # Right to left, "back" points right and "on" points left, as the slides read.
        rtl = direction() == "rtl"
        back_icon, on_icon = ":material/arrow_back:", ":material/arrow_forward:"
        if rtl:
            back_icon, on_icon = on_icon, back_icon
        back.button(
            _("Previous"), key="story_previous", on_click=go_to_step, args=(story.slug, step - 1),
            disabled=step <= 1, icon=back_icon, width="stretch",
        )  # fmt: skip
        middle.html(slide_html("step", story.title, step, count))
        forward.button(
            _("Next"), key="story_next", on_click=go_to_step, args=(story.slug, step + 1),
            disabled=step >= count, icon=on_icon, width="stretch",
            help=_("Or Right, Page Down or Space; Left or Page Up to go back; Home and End."),
        )  # fmt: skip
        slide = story.slug
        slide_keys(step, count, lambda n: go_to_step(slide, n), rtl=rtl)
    leave.button(
        _("Exit presentation"), key="present_off", on_click=set_present, args=(False,),
        icon=":material/close_fullscreen:", width="stretch", type="tertiary",
    )  # fmt: skip
    ways = ways_text(G, now.connect, now.paths) if now.connect is not None else ""
    st.html(slide_html("heading", view.title, summary, view.note, ways))
    figures = briefing_figures(
        G, dataset, spec, view=view, positions=positions, font_size=PRESENT_FONT,
        network_height=PRESENT_NETWORK_HEIGHT, map_height=PRESENT_MAP_HEIGHT,
        network_width=PRESENT_NETWORK_WIDTH, table=graph_facts(G, fingerprint).network_table,
        theme=theme,
    )  # fmt: skip
    left, right = st.container(key="slide_figures").columns([1, 1], gap="medium")
    with left:
        figure_view(
            figures["network"], key="present_network", config=PLOT_CONFIG, theme=theme,
            clickable=False,
        )  # fmt: skip
    with right:
        figure_view(
            figures["map"], key="present_map", config=PLOT_CONFIG, theme=theme, clickable=False
        )
    st.html(findings_html(H, current_compare(), fingerprint, spec))
    events = events_in_view(H, dataset.events, spec)
    notes = source_notes(H, events, sources_dir=default_sources_dir())
    if notes:
        st.html(slide_html("footnote", notes))


def page() -> None:
    """The Present page: the view of the Explore page's filters, large and without
    controls, or a story's slides."""
    st.html(PRESENT_CSS)
    shipped, fingerprint = shipped_data()
    try:
        data = page_data(shipped, fingerprint)
        now = current_view(data, slots=None)
        # The slide draws larger labels in a wider frame: its own layout keeps them apart.
        positions = dict(slide_layout(data.graph, data.key, None))
        state = STATE
        if state.layout_spec is not None:
            try:
                positions.update(slide_layout(data.graph, data.key, state.layout_spec))
            except (ValueError, nx.NodeNotFound):  # the data changed under the session
                state.layout_spec = None
        presentation(data, now, positions)
    except Exception:  # a reader sees a short message; the traceback goes to the log
        LOG.exception("the slide failed")
        st.error(
            _(
                "Something went wrong while drawing this view. Try widening the filters or "
                "clearing the selection; the details are in the server's log."
            )
        )

"""Borderlines: an offline dashboard of geopolitical relationships.

Start it from the repository root with ``uv run streamlit run dashboard.py``. The page loads
the dataset named by ``BORDERLINES_DATA`` (default: the shipped ``data/``), filters the
relationship graph with the sidebar's choices through :func:`graph.filters.apply_filters`,
and draws the network and the border map side by side; the details of what the reader
clicks and the analysis of what is on screen follow below.

This file is the entry point and only that: the page settings, then Streamlit's
navigation between two pages, each a module of ``ui/``:

- *Explore* (``/``, :func:`ui.explore.page`): the sidebar's views, filters and data, the
  figures, and the details, analysis and exports below them;
- *Present* (``/present``, :func:`ui.present.page`): the same view large and without
  controls, or a story's slides.

The page's parts (``ui/``) call into ``graph/``, which knows nothing of Streamlit; the
caches live in :mod:`ui.caches`, the session's state and the address in :mod:`ui.state`.
Every filter and the selection are in the URL (seeded once per session, written back on
every run), so a copied address reproduces the view; ``?present=1`` (with ``story`` and
``step``) opens the Present page, as it did before the pages had paths of their own.
"""

from __future__ import annotations

import streamlit as st

from ui import explore, present
from ui.common import PAGE_CSS
from ui.language import begin_run, language_switch
from ui.state import keep_hidden_inputs, wants_present

st.set_page_config(page_title="Borderlines", layout="wide", initial_sidebar_state="expanded")
# No page icons: Streamlit makes a page's icon the tab's icon, fetched from Google's fonts.
EXPLORE = st.Page(explore.page, title="Explore", url_path="explore", default=True)
PRESENT = st.Page(present.page, title="Present", url_path="present")
chosen = st.navigation([EXPLORE, PRESENT], position="hidden")
on_present = chosen.url_path == PRESENT.url_path
if wants_present(on_present) != on_present:  # a button or an old ?present=1 link asked
    keep_hidden_inputs()  # this run draws no filter: keep their values for the next
    # The address of the page asked for, as its run will write it (one history entry).
    query = {key: st.query_params.get_all(key) for key in st.query_params if key != "present"}
    if not on_present:
        query["present"] = ["1"]
    st.switch_page(EXPLORE if on_present else PRESENT, query_params=query)
st.html(PAGE_CSS)
begin_run()  # the language of everything below, and the document's direction
if not on_present:
    language_switch()
chosen.run()

"""The page's language: English or Arabic, chosen by ``?lang=`` or the switch in the sidebar.

Each run starts by setting the language of everything it draws (:func:`begin_run`): the
address's ``lang`` on a session's first run, then the switch. Arabic turns the whole page
right to left: a small component sets ``dir="rtl"`` and ``lang="ar"`` on the document (so
the browser mirrors Streamlit's layout, the sidebar included, picks its Arabic fonts and
reads the page to assistive technology as Arabic), and :data:`RTL_CSS` aligns what
Streamlit styles for left to right. Mixed lines keep their order because every inserted run
of data text is isolated (``graph.text.isolate``); nothing uses ``bidi-override``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph.i18n import LANGUAGES, Language, direction, language_name, set_language, translation
from graph.i18n import gettext as _
from ui.common import LOWER_TABS
from ui.state import STATE

__all__ = ["RTL_CSS", "begin_run", "language_switch"]

#: What the document's direction does not mirror by itself: text alignment of Streamlit's
#: own blocks, our own margins written for left to right, and plotly's measuring element.
#: Static: no data text in it.
RTL_CSS = """
<style>
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
[data-testid="stWidgetLabel"], [data-testid="stHeading"] { text-align: right; }
.bl-swatch { margin-right: 0; margin-left: 0.3rem; }
.bl-steps, .bl-steps ul { padding-left: 0; padding-right: 1.4rem; }
/* plotly measures its labels in this hidden element: right to left, it measured them
   short and clipped the timeline's row labels. */
#js-plotly-tester { direction: ltr; }
</style>
"""

# Sets the document's direction and language on every change; runs in the page itself (a
# v2 component is not in an iframe), so it reaches <html>.
_JS = """
export default function (component) {
  const { data } = component;
  const root = document.documentElement;
  if (root.getAttribute('dir') !== data.dir) root.setAttribute('dir', data.dir);
  if (root.getAttribute('lang') !== data.lang) root.setAttribute('lang', data.lang);
}
"""


# Streamlit's own words in its file uploader (its button and the limit under it), which it
# offers no way to set: hidden from sight and from reading (visibility), and written again in
# the reader's language after them.
_UPLOADER_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ visibility: hidden; font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  visibility: visible; font-size: 0.875rem; content: "{button}"; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{
  visibility: visible; font-size: 0.875rem; content: "{limit}"; }}
</style>
"""


def _css_text(text: str) -> str:
    """Text for a CSS string: its backslashes and quotes escaped, no line breaks."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def uploader_css() -> str:
    """:data:`_UPLOADER_CSS` in the current language, with the server's upload limit."""
    limit = _("{n} MB per file · CSV, ZIP").format(n=st.get_option("server.maxUploadSize"))
    return _UPLOADER_CSS.format(button=_css_text(_("Upload")), limit=_css_text(limit))


def _document_direction() -> Any:
    return st.components.v2.component("borderlines_direction", js=_JS, isolate_styles=False)


def begin_run() -> Language:
    """Set the language of this run from the session (seeded once from ``?lang=``), and the
    document's direction with it; return the language."""
    state = STATE
    if not state.lang_seeded:
        asked = st.query_params.get("lang") or "en"  # ?lang= alone: the default
        state.lang = asked if asked in LANGUAGES else "en"
        if asked not in LANGUAGES:
            state.lang_warning = asked
        state.lang_seeded = True
    lang: Language = state.lang
    set_language(lang)
    # Hidden (PAGE_CSS): it draws nothing, it only sets the document's attributes.
    with st.container(key="bl_document"):
        _document_direction()(data={"dir": direction(lang), "lang": lang}, key="bl_direction")
    if direction(lang) == "rtl":
        st.html(RTL_CSS)
    if lang != "en":
        st.html(uploader_css())
    return lang


def _switch() -> None:
    state = STATE
    picked = state.lang_pick
    if picked not in LANGUAGES:
        return
    # Streamlit keeps a tab's label as its value: the open tab's, in the new language.
    before = state.lower
    for tab in LOWER_TABS:
        if before == translation(tab, state.lang):
            state.lower = translation(tab, picked)
    state.lang = picked


def language_switch() -> None:
    """The switch between English and Arabic, at the top of the sidebar; the choice goes
    into the address (``lang=ar``) with the rest of the view."""
    state = STATE
    if state.lang_warning:
        st.sidebar.warning(
            _("Ignored lang={value!r} in the address: use en or ar.").format(
                value=state.lang_warning
            )
        )
        state.lang_warning = None
    st.sidebar.radio(
        _("Language"),
        LANGUAGES,
        index=LANGUAGES.index(state.lang),
        format_func=language_name,
        key="lang_pick",
        on_change=_switch,
        horizontal=True,
        label_visibility="collapsed",
    )

"""The page's language (ui/language.py): ?lang=, the switch, and the address, in AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.i18n import translation
from ui.language import RTL_CSS

REPO = Path(__file__).resolve().parents[1]
DASHBOARD = REPO / "dashboard.py"


def run(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=30)
    at.query_params.update(query or {})
    return at.run()


def switch(at: AppTest):
    return next(r for r in at.sidebar.radio if r.key == "lang_pick")


def sidebar_text(at: AppTest) -> str:
    parts = [m.value for m in at.sidebar.markdown] + [h.value for h in at.sidebar.subheader]
    parts += [w.label for w in [*at.sidebar.multiselect, *at.sidebar.selectbox]]
    return "\n".join(parts)


def test_english_by_default_and_nothing_added_to_the_address() -> None:
    at = run()
    assert not at.exception
    assert not at.error
    assert at.session_state["lang"] == "en"
    assert "lang" not in at.query_params
    assert switch(at).value == "en"
    assert "Filters" in sidebar_text(at)
    assert not any(h.value == RTL_CSS.strip() for h in at.html)


def test_lang_ar_turns_the_page_arabic_and_stays_in_the_address() -> None:
    at = run({"lang": "ar"})
    assert not at.exception
    assert not at.error
    assert at.session_state["lang"] == "ar"
    assert at.query_params["lang"] == "ar"
    assert switch(at).value == "ar"
    text = sidebar_text(at)
    assert "عوامل التصفية" in text
    assert "Filters" not in text
    assert any(h.value == RTL_CSS.strip() for h in at.html)  # Streamlit's blocks aligned right


@pytest.mark.parametrize("value", ["fr", "AR", "arabic"])
def test_an_unknown_language_warns_and_stays_english(value: str) -> None:
    at = run({"lang": value})
    assert not at.exception
    assert at.session_state["lang"] == "en"
    warnings = [w.value for w in at.sidebar.warning]
    assert any(f"lang={value!r}" in w for w in warnings), warnings
    assert "lang" not in at.query_params
    at.run()  # said once
    assert not [w for w in at.sidebar.warning if "lang=" in w.value]


# One switch per session, from English: AppTest keeps a select box's value as its shown
# label, which the switch renames, and refuses the next run after the first (a browser
# keeps the option's index). Back to English is tested in chromium (tests/e2e/test_arabic.py).
def test_the_switch_turns_the_page_arabic_and_the_address_keeps_the_view() -> None:
    at = run({"signs": "-1"})
    switch(at).set_value("ar").run()
    assert not at.exception
    assert at.session_state["lang"] == "ar"
    assert at.query_params["lang"] == "ar"
    assert at.query_params["signs"] == "-1"  # the filters did not move
    assert "عوامل التصفية" in sidebar_text(at)


def test_the_open_tab_below_the_figures_stays_open_across_the_switch() -> None:
    at = run()
    at.session_state["lower"] = "Export this view"
    at.run()
    switch(at).set_value("ar").run()
    assert not at.exception
    assert at.session_state["lower"] == translation("Export this view", "ar")


def test_the_present_page_keeps_the_language() -> None:
    at = run({"lang": "ar", "present": "1"})
    assert not at.exception
    assert not at.error
    assert at.session_state["lang"] == "ar"
    assert at.query_params["lang"] == "ar"
    assert len(at.sidebar) == 0  # no switch on the slides: the controls are hidden

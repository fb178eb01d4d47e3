"""ui/state.py: the page's state in the session, one typed attribute per entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.state import Entry, PageState

DASHBOARD = Path(__file__).resolve().parents[1] / "dashboard.py"


def reading_writes_nothing() -> None:
    import streamlit as st

    from ui.state import STATE

    st.write(repr((STATE.step, STATE.selection, STATE.url_warnings, STATE.f_date_mode)))
    st.write(repr(sorted(st.session_state.to_dict())))


def writing_sets_the_same_key() -> None:
    import streamlit as st

    from ui.state import STATE

    STATE.step = 3
    STATE["seen_map"] = ("x",)
    STATE.setdefault("story", "a-story")
    STATE.setdefault("story", "another")
    st.write(repr((st.session_state.step, st.session_state.seen_map, STATE.story)))
    st.write(repr((STATE.has("step"), STATE.has("view_slug"))))


def an_undeclared_key_is_refused() -> None:
    import streamlit as st

    from ui.state import STATE

    for key in ("stepp", "f_", "keys"):
        try:
            STATE[key] = 1
        except KeyError as error:
            st.write(str(error))


def only_the_filters_present() -> None:
    import streamlit as st

    from ui.state import STATE

    STATE.f_types, STATE.v_size = ["tension"], "partners"
    st.write(repr(STATE.filters()))


def markdown(at: AppTest) -> list[str]:
    return [element.value for element in at.markdown]


def test_reading_an_entry_gives_its_default_and_writes_nothing() -> None:
    at = AppTest.from_function(reading_writes_nothing).run()
    assert markdown(at) == ["(1, None, [], 'all')", "[]"]


def test_writing_an_entry_sets_the_key_of_its_name() -> None:
    at = AppTest.from_function(writing_sets_the_same_key).run()
    assert markdown(at) == ["(3, ('x',), 'a-story')", "(True, False)"]


def test_a_key_that_is_not_declared_is_refused_by_name() -> None:
    at = AppTest.from_function(an_undeclared_key_is_refused).run()
    assert len(markdown(at)) == 3
    assert all("is not an entry of the page's state" in text for text in markdown(at))
    assert "'stepp'" in markdown(at)[0]


def test_filters_are_the_f_entries_the_session_holds() -> None:
    at = AppTest.from_function(only_the_filters_present).run()
    assert markdown(at) == ["{'f_types': ['tension']}"]


def test_every_entry_is_typed_and_named_after_its_attribute() -> None:
    keys = PageState.keys()
    assert len(keys) == len(set(keys)) > 50
    for key in keys:
        entry = vars(PageState)[key]
        assert isinstance(entry, Entry)
        assert entry.key == key


@pytest.mark.parametrize("present", [False, True])
def test_the_page_keeps_nothing_in_the_session_outside_the_declared_state(present: bool) -> None:
    # After a selection and a change of page, every key in the session is an entry of
    # PageState or the key of a button, choice, uploader or figure the page draws and
    # reads through its return value, never through the session.
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60).run()
    at.session_state["network"] = {"selection": {"points": [{"customdata": ["actor", "iran"]}]}}
    at.run()
    if present:
        at.button(key="present_on").click().run()
    drawn = {e.key for kind in ("button", "download_button", "radio", "file_uploader",
                                "bidi_component")
             for e in at.get(kind)}  # fmt: skip
    undeclared = set(at.session_state) - set(PageState.keys())
    assert undeclared <= drawn, undeclared - drawn


def test_the_sign_pills_name_each_sign_and_draw_its_line() -> None:
    from graph import style
    from graph.filters import SIGN_NAMES
    from ui.common import SIGN_TEXT

    glyphs = {"solid": "───", "dash": "- - -", "dot": "···"}
    assert {
        sign: f"{name.capitalize()} {glyphs[style.SIGN_DASH[sign]]}"
        for sign, name in SIGN_NAMES.items()
    } == SIGN_TEXT

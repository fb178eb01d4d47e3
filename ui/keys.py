"""A story's slides turned by the keyboard or a presenter's clicker.

Right, Page Down and Space go to the next slide; Left and Page Up to the previous; Home and
End to the first and last (a presenter's clicker sends Page Down and Page Up). Right to left
(Arabic), the arrows swap: Left goes on, as the slides read. A small
``st.components.v2`` component listens to the page's keys while the slides are shown and
sends the step asked for; the page moves there as its *Next* button does, so the address
follows. Keys typed into a field, with a modifier (Alt+Left is the browser's back) or
Space on a focused button (which presses it) are left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

__all__ = ["KEY_STEPS", "RTL_KEY_STEPS", "slide_keys"]

#: What each key does: the step it asks for, from the current one and the count.
KEY_STEPS: dict[str, str] = {
    "ArrowRight": "next",
    "PageDown": "next",
    " ": "next",
    "ArrowLeft": "previous",
    "PageUp": "previous",
    "Home": "first",
    "End": "last",
}

#: :data:`KEY_STEPS` for slides read right to left: the arrows swap.
RTL_KEY_STEPS: dict[str, str] = {
    **KEY_STEPS,
    "ArrowRight": KEY_STEPS["ArrowLeft"],
    "ArrowLeft": KEY_STEPS["ArrowRight"],
}

_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const keys = parentElement.__blKeys || (parentElement.__blKeys = {});
  keys.data = data;
  keys.send = (step) => setTriggerValue('step', step);
  if (!keys.listener) {
    keys.listener = (event) => {
      const { step, count, moves } = keys.data;
      const move = moves[event.key];
      if (!move || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target && target.closest('input, textarea, select, [contenteditable=""], ' +
          '[contenteditable="true"], [role="combobox"], [role="listbox"]')) return;
      if (event.key === ' ' && target && target.closest('button, a, [role="button"]')) return;
      const wanted = { next: step + 1, previous: step - 1, first: 1, last: count }[move];
      event.preventDefault();
      const bounded = Math.min(Math.max(wanted, 1), count);
      if (bounded !== step) keys.send(bounded);
    };
    document.addEventListener('keydown', keys.listener);
  }
  return () => {
    document.removeEventListener('keydown', keys.listener);
    keys.listener = null;
  };
}
"""

_CSS = ".st-key-slide_keys { display: none; }"


def _component() -> Any:
    """The component's mounting command (registered on every call, as ui.figure's)."""
    return st.components.v2.component("borderlines_slide_keys", js=_JS, css=_CSS)


def slide_keys(step: int, count: int, on_step: Callable[[int], None], *, rtl: bool = False) -> None:
    """Listen to the keys that turn slides while step ``step`` of ``count`` is shown; a key
    calls ``on_step(n)`` (1 <= n <= count) before the run that follows. With ``rtl`` the
    arrow keys swap (Left goes on)."""
    if not 1 <= step <= count:
        raise ValueError(f"step {step!r} is not between 1 and the story's {count} steps")

    def changed() -> None:
        value = st.session_state.get("slide_keys") or {}
        wanted = value.get("step") if hasattr(value, "get") else None
        if isinstance(wanted, int) and 1 <= wanted <= count and wanted != step:
            on_step(wanted)

    _component()(
        data={"step": step, "count": count, "moves": RTL_KEY_STEPS if rtl else KEY_STEPS},
        key="slide_keys",
        on_step_change=changed,
    )

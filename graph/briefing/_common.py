"""Private helpers shared by the briefing's figures and its page."""

from __future__ import annotations

from typing import Any

from graph.filters import FilterSpec


def _spec_of(spec: FilterSpec | None, view: Any) -> FilterSpec:
    if spec is not None:
        return spec
    if view is not None:
        return view.spec()
    return FilterSpec()

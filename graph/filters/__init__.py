"""Filters of the relationship graph: pure functions from a graph to a new, smaller graph.

Every filter takes a relationship graph (see :func:`graph.build.build_graph`) first and
returns a new :class:`networkx.MultiDiGraph` with the same ``G.graph`` attributes; the
input is never changed. Edge filters (types, signs, time, confidence, grade) keep every
actor; actor filters (kinds, text, focus) drop actors and the relations that touch them.
Filters compose in any order: each one only removes things.

:class:`FilterSpec` gathers the dashboard's choices and :func:`apply_filters` applies them
in one place for the dashboard, the command line and the exports.

The package's parts: :mod:`~graph.filters.edges` and :mod:`~graph.filters.actors` (the
filters), :mod:`~graph.filters.spec` (:class:`FilterSpec`, :func:`time_bounds`),
:mod:`~graph.filters.apply` (:func:`apply_filters`) and :mod:`~graph.filters.words` (the
filters in plain words); the private ``_selection`` (the engine every filter runs on) and
``_checks`` (argument checks).
"""

from graph.filters._checks import SIGN_NAMES
from graph.filters.actors import by_focus, by_kinds, by_text, without_isolates
from graph.filters.apply import apply_filters, undated_count
from graph.filters.edges import by_confidence, by_grade, by_signs, by_types, in_force_on, in_window
from graph.filters.spec import FilterSpec, time_bounds
from graph.filters.words import describe, explain_empty, focus_phrase

__all__ = [
    "SIGN_NAMES",
    "FilterSpec",
    "apply_filters",
    "by_confidence",
    "by_focus",
    "by_grade",
    "by_kinds",
    "by_signs",
    "by_text",
    "by_types",
    "describe",
    "explain_empty",
    "focus_phrase",
    "in_force_on",
    "in_window",
    "time_bounds",
    "undated_count",
    "without_isolates",
]

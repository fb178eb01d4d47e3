"""Edge filters: keep the relations of some types, signs, dates, confidence or grade.

Each keeps every actor and returns a new graph (see :mod:`graph.filters`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import networkx as nx

from graph.dates import date_range, window_range
from graph.filters._selection import (
    _confidence_step,
    _grade_step,
    _select_edges,
    _signs_step,
    _types_step,
    _window_step,
)

__all__ = ["by_confidence", "by_grade", "by_signs", "by_types", "in_force_on", "in_window"]


def by_types(G: nx.MultiDiGraph, types: Iterable[str]) -> nx.MultiDiGraph:
    """Keep the relations of the given types (and every actor).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    types : iterable of str
        Relation type ids, e.g. ``["military_cooperation"]``.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If a type is not in ``G.graph["relation_types"]``.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -4.0},
    ...      {"id": "R2", "source": "a", "target": "b", "relation": "trade", "sign": 1,
    ...       "intensity": 3.0}],
    ... )
    >>> [k for _, _, k in by_types(G, ["trade"]).edges(keys=True)]
    ['R2']
    """
    return _select_edges(G, _types_step(G, types))


def by_signs(G: nx.MultiDiGraph, signs: Iterable[int | str]) -> nx.MultiDiGraph:
    """Keep the relations of the given signs (and every actor).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    signs : iterable of int or str
        ``1``/``"+1"``/``"cooperative"``, ``-1``/``"hostile"``, ``0``/``"structural"``.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If a sign is none of these.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -4.0}],
    ... )
    >>> by_signs(G, ["hostile"]).number_of_edges(), by_signs(G, [1]).number_of_edges()
    (1, 0)
    """
    return _select_edges(G, _signs_step(signs))


def in_force_on(G: nx.MultiDiGraph, day: str | date) -> nx.MultiDiGraph:
    """Keep the relations in force on a day (and every actor).

    A relation is in force on ``day`` when ``valid_from <= day <= valid_to``, with open ends
    open: precision is honoured, so a relation starting ``2021-10`` is in force on
    2021-10-01 and a relation ending ``2021-10`` still on 2021-10-31. A partial ``day``
    (``"2021-10"``) means "at some time in that period", as :func:`in_window`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    day : str or datetime.date
        An ISO 8601 date, possibly partial.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If ``day`` does not parse.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "visit", "sign": 1,
    ...       "intensity": 2.0, "start": "2021-10", "end": "2021-10"}],
    ... )
    >>> in_force_on(G, "2021-10-15").number_of_edges(), in_force_on(G, "2021-11-01").size()
    (1, 0)
    """
    first, last = date_range(day, "in force on")
    return _select_edges(G, _window_step(first, last))


def in_window(
    G: nx.MultiDiGraph, start: str | date | None = None, end: str | date | None = None
) -> nx.MultiDiGraph:
    """Keep the relations in force at some time in ``[start, end]`` (and every actor).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    start, end : str or datetime.date or None
        ISO 8601 dates, possibly partial: ``start`` counts from its first day, ``end`` to
        its last (``"2021"`` as end means up to 2021-12-31). None leaves that end open.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If a date does not parse, or ``start`` is after ``end``.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -3.0, "start": "2017", "end": "2017-11"}],
    ... )
    >>> in_window(G, "2017-11-30", None).size(), in_window(G, "2018", "2019").size()
    (1, 0)
    """
    first, last = window_range(start, end)
    return _select_edges(G, _window_step(first, last))


def by_confidence(G: nx.MultiDiGraph, minimum: str) -> nx.MultiDiGraph:
    """Keep the relations held with at least the given confidence (and every actor).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    minimum : {"low", "moderate", "high"}
        The lowest confidence kept.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If ``minimum`` is not a confidence level.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0, "confidence": "moderate"}],
    ... )
    >>> by_confidence(G, "moderate").size(), by_confidence(G, "high").size()
    (1, 0)
    """
    return _select_edges(G, _confidence_step(minimum))


def by_grade(G: nx.MultiDiGraph, minimum: str) -> nx.MultiDiGraph:
    """Keep the relations whose Admiralty grade is ``minimum`` or better (and every actor).

    "B2 or better" keeps source reliability A or B *and* information credibility 1 or 2.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    minimum : str
        A grade like ``"B2"``: a letter A-F and a digit 1-6.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph.

    Raises
    ------
    ValueError
        If ``minimum`` is not a grade.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0, "source_reliability": "B", "info_credibility": 3}],
    ... )
    >>> by_grade(G, "B3").size(), by_grade(G, "B2").size(), by_grade(G, "A3").size()
    (1, 0, 0)
    """
    return _select_edges(G, _grade_step(minimum))

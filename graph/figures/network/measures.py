"""Node measures: what an actor's marker size can stand for, and the sizes themselves."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from graph.i18n import N_
from graph.i18n import gettext as _

__all__ = ["SIZE_MEASURES", "node_measure"]

#: Measures ``network_figure(size_by=...)`` and :func:`node_measure` accept.
SIZE_MEASURES: tuple[str, ...] = ("degree", "partners", "in_degree", "out_degree", "strength")

_MEASURE_TEXT = {
    "degree": N_("relations"),
    "partners": N_("partners"),
    "in_degree": N_("relations in"),
    "out_degree": N_("relations out"),
    "strength": N_("total |intensity|"),
}


def node_measure(G: nx.MultiDiGraph, measure: str) -> dict[Hashable, float]:
    """Return a size measure for every actor of a relationship graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph (see :func:`graph.build.build_graph`).
    measure : str
        One of :data:`SIZE_MEASURES`: ``degree`` (relations touching the actor),
        ``partners`` (distinct counterparts), ``in_degree`` / ``out_degree`` (relations
        arriving / leaving; an undirected relation counts both ways), ``strength`` (sum of
        |intensity| over its relations).

    Returns
    -------
    dict
        ``actor -> value`` for every node of ``G``.

    Raises
    ------
    ValueError
        If ``measure`` is unknown; the message lists the allowed ones.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("iran", "pakistan", key="R1", directed=False, intensity=5.0)
    'R1'
    >>> G.add_edge("iran", "pakistan", key="R2", directed=True, intensity=-4.0)
    'R2'
    >>> node_measure(G, "in_degree")
    {'iran': 1.0, 'pakistan': 2.0}
    >>> node_measure(G, "partners")
    {'iran': 1.0, 'pakistan': 1.0}
    """
    _check_measure(measure)
    if measure == "degree":
        return {node: float(degree) for node, degree in G.degree()}
    values = dict.fromkeys(G, 0.0)
    if measure == "partners":
        for node in G:
            values[node] = float(len(set(G.predecessors(node)) | set(G.successors(node))))
        return values
    for u, v, data in G.edges(data=True):
        directed = bool(data.get("directed", True))
        if measure == "strength":
            magnitude = abs(float(data.get("intensity") or 0.0))
            values[u] += magnitude
            values[v] += magnitude
        else:
            arriving, leaving = (v, u) if measure == "in_degree" else (u, v)
            values[arriving] += 1.0
            if not directed:
                values[leaving] += 1.0
    return values


def _check_measure(measure: object, what: str = "measure") -> None:
    if measure not in SIZE_MEASURES:
        raise ValueError(f"{what} {measure!r} is not one of {', '.join(SIZE_MEASURES)}")


def _marker_sizes(raw: np.ndarray | None, scale: float, count: int = 0) -> np.ndarray:
    """Marker diameters in pixels, sqrt-scaled so that area follows the values ``raw``
    (NaN for none); without values, one size for ``count`` markers."""
    count = count if raw is None else len(raw)
    small, large = (12.0, 34.0) if count <= 200 else (5.0, 18.0)
    if raw is None:
        return np.full(count, (16.0 if count <= 200 else 7.0) * scale)
    finite = np.isfinite(raw)
    raw = np.where(finite, raw, raw[finite].min() if finite.any() else 0.0)
    low, high = raw.min(), raw.max()
    share = np.sqrt((raw - low) / (high - low)) if high > low else np.full(count, 0.5)
    return (small + (large - small) * share) * scale


def _number(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _measure_text(
    values: Mapping[Hashable, float] | None, size_by: str | None
) -> Callable[[Hashable], str] | None:
    """A function giving the hover line that explains a node's size, or None."""
    if values is None or size_by == "degree":  # degree is in the hover anyway
        return None
    template = _("size: {value} {measure}") if size_by is not None else _("size: {value}")
    measure = _(_MEASURE_TEXT[size_by]) if size_by is not None else ""
    missing = _("size: no value")
    return lambda node: (
        template.format(value=f"{_number(values[node]):.3g}", measure=measure)
        if node in values
        else missing
    )

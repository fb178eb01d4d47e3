"""Structural analysis of the relationship graph: measures, balance, paths, blocs, changes.

Every function takes a (usually filtered) relationship graph first and ignores the
direction of relations, except where its docstring says otherwise.
"""

from graph.analysis.blocs import blocs, cooperative_view
from graph.analysis.changes import Changes, changes
from graph.analysis.measures import actor_measures
from graph.analysis.paths import (
    WAYS_SHOWN,
    ActorPath,
    Hop,
    connecting_paths,
    shortest_path,
    strongest_path,
    ways_between,
    ways_text,
)
from graph.analysis.signed import (
    CONFIDENCE_WEIGHTS,
    CampSplit,
    camps,
    signed_view,
    triads,
    unbalanced_triads,
)
from graph.build import actor_name

__all__ = [
    "CONFIDENCE_WEIGHTS",
    "WAYS_SHOWN",
    "ActorPath",
    "CampSplit",
    "Changes",
    "Hop",
    "actor_measures",
    "actor_name",
    "blocs",
    "camps",
    "changes",
    "connecting_paths",
    "cooperative_view",
    "shortest_path",
    "signed_view",
    "strongest_path",
    "triads",
    "unbalanced_triads",
    "ways_between",
    "ways_text",
]

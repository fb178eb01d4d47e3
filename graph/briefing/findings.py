"""Key findings of a view in words: tension triads, camps, central actors, changes.

:func:`key_findings` computes what a briefing says about a filtered view as a
:class:`Findings` (with its :class:`CentralActor` entries); the same object feeds the
briefing page and the slides, and :meth:`Findings.lines` says it in plain sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from graph.analysis import (
    actor_measures,
    actor_name,
    camps,
    changes,
    signed_view,
    unbalanced_triads,
)
from graph.i18n import gettext as _
from graph.i18n import ngettext

__all__ = ["CentralActor", "Findings", "key_findings"]


@dataclass(frozen=True)
class CentralActor:
    """An actor that holds the view together, with its measures."""

    actor: str
    name: str
    betweenness: float
    degree: int
    partners: int


@dataclass(frozen=True)
class Findings:
    """What a briefing says about a view, in words.

    Attributes
    ----------
    relations, actors : int
        What the view holds.
    triads : tuple of str
        Every unbalanced triad ("tension triad") explained, naming its relations.
    camps : (tuple of str, tuple of str)
        Actor names of the two camps that best fit the signs (empty without signed
        relations).
    frustration : int
        Pairs that defy the camps (cooperative across, hostile within).
    exact : bool
        Whether ``frustration`` is the minimum (the frustration index) or an upper bound.
    lower_bound : int
        A proven lower bound of the frustration index.
    method : str
        How the camps were found, in words.
    central : tuple of CentralActor
        The most central actors, by betweenness then number of relations.
    compare : (str, str) or None
        The dates compared, if any.
    changes : tuple of str
        What changed between them, one sentence each.
    """

    relations: int
    actors: int
    triads: tuple[str, ...]
    camps: tuple[tuple[str, ...], tuple[str, ...]]
    frustration: int
    exact: bool
    lower_bound: int
    method: str
    central: tuple[CentralActor, ...]
    compare: tuple[str, str] | None = None
    changes: tuple[str, ...] = ()

    def frustration_text(self) -> str:
        """The frustration index with its exact or bound label.

        Examples
        --------
        >>> Findings(0, 0, (), ((), ()), 2, True, 2, "exact", ()).frustration_text()
        'frustration index 2 (exact)'
        >>> Findings(0, 0, (), ((), ()), 5, False, 3, "bound", ()).frustration_text()
        'frustration index at most 5 (upper bound; at least 3)'
        """
        if self.exact:
            return _("frustration index {n} (exact)").format(n=self.frustration)
        return _("frustration index at most {n} (upper bound; at least {lower})").format(
            n=self.frustration, lower=self.lower_bound
        )

    def lines(self) -> list[str]:
        """The findings as plain sentences, for a text report or a slide.

        Examples
        --------
        >>> Findings(3, 3, (), (("Iran",), ("Jaish al-Adl",)), 0, True, 0, "exact",
        ...          (CentralActor("iran", "Iran", 1.0, 2, 2),)).lines()[0]
        'Tension triads: none; every triangle of the view is balanced.'
        """
        out = []
        if self.triads:
            out.append(_("Tension triads ({n}):").format(n=len(self.triads)))
            out += [f"  - {text}" for text in self.triads]
        else:
            out.append(_("Tension triads: none; every triangle of the view is balanced."))
        first, second = self.camps
        if first or second:
            out.append(_("Camp 1: {names}").format(names=_(", ").join(first) or "-"))
            out.append(_("Camp 2: {names}").format(names=_(", ").join(second) or "-"))
            out.append(
                _("Camps fit the signs with {frustration}.").format(
                    frustration=self.frustration_text()
                )
            )
        else:
            out.append(_("Camps: none; the view holds no cooperative or hostile pair."))
        if self.central:
            names = _(", ").join(f"{a.name} ({_relations(a.degree)})" for a in self.central)
            out.append(_("Most central: {names}.").format(names=names))
        if self.compare is not None:
            out.append(
                _("Changes from {first} to {second}:").format(
                    first=self.compare[0], second=self.compare[1]
                )
            )
            out += [f"  - {text}" for text in self.changes] or ["  - " + _("none")]
        return out


def _relations(count: int) -> str:
    """``"1 relation"``, ``"1,204 relations"``, in the language of the run."""
    return ngettext("{n} relation", "{n} relations", count).format(n=f"{count:,}")


def key_findings(
    G: nx.MultiDiGraph, *, top: int = 5, compare: Sequence[str] | None = None
) -> Findings:
    """Return the key findings of a filtered view: tension triads, camps, central actors.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The filtered relationship graph (already narrowed to the view's dates).
    top : int, default 5
        How many central actors to name.
    compare : (str, str), optional
        Two dates: also list the relations begun and ended, and the pairs whose net sign
        changed, between them (:func:`graph.analysis.changes`).

    Returns
    -------
    Findings

    Raises
    ------
    ValueError
        If ``top`` is not positive or a compare date is bad.

    Notes
    -----
    Cost: the signed view O(n log n + m), triads O(m sqrt(m)), camps (exact up to 20
    actors per part, else local search), betweenness O(n p); milliseconds at the shipped
    size.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": x, "name": x.title()} for x in ("iran", "pakistan", "azerbaijan")],
    ...     [{"id": "R1", "source": "iran", "target": "pakistan", "relation": "coop",
    ...       "sign": 1, "intensity": 6.0},
    ...      {"id": "R2", "source": "pakistan", "target": "azerbaijan", "relation": "coop",
    ...       "sign": 1, "intensity": 6.0},
    ...      {"id": "R3", "source": "iran", "target": "azerbaijan", "relation": "drills",
    ...       "sign": -1, "intensity": -5.0}],
    ... )
    >>> findings = key_findings(G)
    >>> print(findings.triads[0])
    Azerbaijan and Pakistan cooperate (R2), Iran and Pakistan cooperate (R1), but Azerbaijan \
and Iran are hostile (R3)
    >>> findings.frustration_text(), findings.central[0].name
    ('frustration index 1 (exact)', 'Azerbaijan')
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a whole number >= 1, not {top!r}")
    S = signed_view(G)
    triads = tuple(str(t) for t in unbalanced_triads(S, G)["explanation"])
    split = camps(S)
    names = tuple(
        tuple(sorted(actor_name(G, a) for a in side)) for side in (split.first, split.second)
    )
    measures = actor_measures(G)
    ranked = measures[measures["degree"] > 0].copy()
    ranked["sort_name"] = ranked["name"].astype(str).str.lower()
    ranked = ranked.sort_values(
        ["betweenness", "degree", "sort_name"], ascending=[False, False, True], kind="stable"
    )
    central = tuple(
        CentralActor(
            str(i),
            str(row["name"]),
            float(row["betweenness"]),
            int(row["degree"]),
            int(row["partners"]),
        )
        for i, row in ranked.head(top).iterrows()
    )
    pair = None
    found: tuple[str, ...] = ()
    if compare is not None:
        before, after = (str(d) for d in compare)
        pair = (before, after)
        result = changes(G, before, after)
        found = tuple(str(record["reason"]) for record in result.records())
    return Findings(
        relations=G.number_of_edges(),
        actors=G.number_of_nodes(),
        triads=triads,
        camps=(names[0], names[1]),
        frustration=split.frustration,
        exact=split.exact,
        lower_bound=split.lower_bound,
        method=split.method,
        central=central,
        compare=pair,
        changes=found,
    )

"""What changed between two dates: relations begun, ended, or of another net sign."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx
import pandas as pd

from graph.analysis._pairs import net_weight, signed_pairs, window_predicate
from graph.build import actor_name
from graph.dates import date_range, period_text
from graph.filters.words import sign_word
from graph.i18n import gettext as _

__all__ = ["RELATION_CHANGE_COLUMNS", "SIGN_CHANGE_COLUMNS", "Changes", "changes"]

#: Columns of :attr:`Changes.begun` and :attr:`Changes.ended`.
RELATION_CHANGE_COLUMNS = (
    "id",
    "source",
    "target",
    "relation",
    "label",
    "sign",
    "start",
    "end",
    "reason",
)
#: Columns of :attr:`Changes.changed`.
SIGN_CHANGE_COLUMNS = ("a", "b", "before", "after", "weight_before", "weight_after", "reason")


@dataclass(frozen=True)
class Changes:
    """Relations begun and ended, and pairs whose net sign changed, between two dates.

    Attributes
    ----------
    before, after : str
        The two dates as given (ISO, possibly partial).
    begun : pandas.DataFrame
        Relations in force on ``after`` but not on ``before``
        (:data:`RELATION_CHANGE_COLUMNS`).
    ended : pandas.DataFrame
        Relations in force on ``before`` but not on ``after``.
    changed : pandas.DataFrame
        Pairs with signed relations in force on both dates whose net sign differs
        (:data:`SIGN_CHANGE_COLUMNS`; a sign of 0 means the relations cancel out).
    """

    before: str
    after: str
    begun: pd.DataFrame
    ended: pd.DataFrame
    changed: pd.DataFrame

    def records(self) -> list[dict[str, object]]:
        """Every change as a dict with ``change`` ("begun", "ended", "changed sign"),
        ``what`` (a relation id or a pair) and ``reason``.

        Notes
        -----
        Cost O(changes).

        Examples
        --------
        >>> empty = pd.DataFrame(columns=["id", "reason"])
        >>> Changes("2021", "2022", empty, empty, pd.DataFrame(columns=["a"])).records()
        []
        """
        out: list[dict[str, object]] = []
        for change, frame in (("begun", self.begun), ("ended", self.ended)):
            out += [
                {"change": change, "what": ident, "reason": reason}
                for ident, reason in zip(frame["id"], frame["reason"], strict=True)
            ]
        out += [
            {"change": "changed sign", "what": _("{a} and {b}").format(a=a, b=b), "reason": reason}
            for a, b, reason in zip(
                self.changed.get("a", ()),
                self.changed.get("b", ()),
                self.changed.get("reason", ()),
                strict=True,
            )
        ]
        return out


def _day_words(text: str) -> str:
    return (
        _("on {date}").format(date=text)
        if len(text) == 10
        else _("during {date}").format(date=text)
    )


def _relation_rows(
    G: nx.MultiDiGraph, keys: list[tuple[str, str, str]], reason: str, before: str, after: str
) -> pd.DataFrame:
    """The rows of relations begun or ended; ``reason`` a sentence with the placeholders
    ``label``, ``a``, ``b``, ``period``, ``before`` and ``after``."""
    rows = []
    for u, v, k in keys:
        d = G.edges[u, v, k]
        rows.append(
            (
                k,
                u,
                v,
                d.get("relation"),
                d.get("label"),
                d.get("sign"),
                d.get("start"),
                d.get("end"),
                reason.format(
                    label=d.get("label"),
                    a=actor_name(G, u),
                    b=actor_name(G, v),
                    period=period_text(d.get("start"), d.get("end")),
                    before=_day_words(before),
                    after=_day_words(after),
                ),
            )
        )
    rows.sort(key=lambda row: row[0])
    return pd.DataFrame(rows, columns=list(RELATION_CHANGE_COLUMNS))


def _sign_words(sign: int, ids: tuple[str, ...]) -> str:
    if sign == 0:
        return _("cancelling out ({ids})").format(ids=", ".join(ids))
    return _("{sign} ({ids})").format(sign=sign_word(sign), ids=", ".join(ids))


def changes(G: nx.MultiDiGraph, before: str | date, after: str | date) -> Changes:
    """Return what changed between two dates.

    A relation is in force on a date as in :func:`graph.filters.in_force_on` (a partial
    date means at some time in that period). Net signs follow the rule of
    :func:`graph.analysis.signed.signed_view` on each date.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    before, after : str or datetime.date
        ISO dates, possibly partial; ``before`` must not start after ``after``.

    Returns
    -------
    Changes

    Raises
    ------
    ValueError
        If a date does not parse, or ``before`` starts after ``after``.

    Notes
    -----
    Cost O(n log n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran"}, {"id": "azerbaijan"}],
    ...     [{"id": "R1", "source": "iran", "target": "azerbaijan", "relation": "posturing",
    ...       "sign": -1, "intensity": -6.0, "start": "2021-09", "end": "2021-10-10"},
    ...      {"id": "R2", "source": "iran", "target": "azerbaijan", "relation": "talks",
    ...       "sign": 1, "intensity": 3.0, "start": "2021-10"}],
    ... )
    >>> result = changes(G, "2021-09-15", "2021-10-27")
    >>> result.begun["id"].tolist(), result.ended["id"].tolist()
    (['R2'], ['R1'])
    >>> result.changed[["a", "b", "before", "after"]].values.tolist()
    [['azerbaijan', 'iran', -1, 1]]
    """
    before_text = before.isoformat() if isinstance(before, date) else str(before)
    after_text = after.isoformat() if isinstance(after, date) else str(after)
    if date_range(before, "before")[0] > date_range(after, "after")[0]:
        raise ValueError(f"the first date ({before_text}) is after the second ({after_text})")
    on_before, on_after = window_predicate(before), window_predicate(after)
    begun, ended = [], []
    for u, v, k, d in G.edges(keys=True, data=True):
        was, is_ = on_before(d), on_after(d)
        if is_ and not was:
            begun.append((u, v, k))
        elif was and not is_:
            ended.append((u, v, k))
    begun_frame = _relation_rows(
        G,
        begun,
        _("{label} between {a} and {b} ({period}) is in force {after}, not {before}"),
        before_text,
        after_text,
    )
    ended_frame = _relation_rows(
        G,
        ended,
        _("{label} between {a} and {b} ({period}) was in force {before}, no longer {after}"),
        before_text,
        after_text,
    )

    pairs_before = signed_pairs(G, on_before)
    pairs_after = signed_pairs(G, on_after)
    rows = []
    for (u, v), relations_before in pairs_before.items():
        relations_after = pairs_after.get((u, v))
        if relations_after is None:
            continue
        w1, w2 = net_weight(relations_before), net_weight(relations_after)
        s1, s2 = (w1 > 0) - (w1 < 0), (w2 > 0) - (w2 < 0)
        if s1 == s2:
            continue
        ids1 = tuple(k for k, _ in relations_before)
        ids2 = tuple(k for k, _ in relations_after)
        reason = _("{a} and {b}: {sign_before} {before}, {sign_after} {after}").format(
            a=actor_name(G, u),
            b=actor_name(G, v),
            sign_before=_sign_words(s1, ids1),
            before=_day_words(before_text),
            sign_after=_sign_words(s2, ids2),
            after=_day_words(after_text),
        )
        rows.append((u, v, s1, s2, w1, w2, reason))
    rows.sort(key=lambda row: (row[0], row[1]))
    changed = pd.DataFrame(rows, columns=list(SIGN_CHANGE_COLUMNS)).astype(
        {"before": "int64", "after": "int64", "weight_before": float, "weight_after": float}
    )
    return Changes(before_text, after_text, begun_frame, ended_frame, changed)

"""The filter spec: :class:`FilterSpec`, the dashboard's choices, and :func:`time_bounds`.

A spec is checked and normalised on creation, reads and writes URL query parameters, and
is applied by :func:`graph.filters.apply_filters`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, ClassVar

from graph.dates import date_range, window_range
from graph.filters._checks import _check_hops, _confidence, _grade, _normalise_date, _sign

__all__ = ["FilterSpec", "time_bounds"]


def _tuple_of_str(value: Any, what: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise TypeError(f"{what} must be a collection of strings, not the string {value!r}")
    items = {str(v).strip() for v in value}
    if "" in items:
        raise ValueError(f"{what}: an empty name in {list(value)!r}")
    return tuple(sorted(items))


@dataclass(frozen=True)
class FilterSpec:
    """The choices that narrow the graph; the defaults keep everything.

    Values are normalised on creation (sorted, deduplicated), so equal choices make equal,
    hashable specs (usable as cache keys).

    Attributes
    ----------
    types : tuple of str or None
        Relation type ids to keep; None keeps all (an empty tuple keeps none).
    signs : tuple of int or None
        Signs to keep (+1, -1, 0); None keeps all.
    kinds : tuple of str or None
        Actor kinds to keep; None keeps all.
    on : str or None
        Keep relations in force on this (possibly partial) ISO date.
    date_from, date_to : str or None
        Keep relations in force at some time in this window; either end may be open.
        Cannot be combined with ``on``.
    min_confidence : str or None
        ``"low"``, ``"moderate"`` or ``"high"``.
    min_grade : str or None
        Admiralty grade such as ``"B2"`` ("B2 or better").
    focus : tuple of str
        Actor ids; when given, keep actors within ``hops`` relations of them.
    hops : int
        Radius of the focus (default 1).
    search : str
        Keep actors whose names match, with their relations (see :func:`by_text`).
    keep_isolates : bool
        Keep actors left without relations (default True).
    keep_undated : bool
        Under a date filter, keep the relations the data gives no dates for (default
        True: nothing says they were not in force). Without a date filter it is True.

    Examples
    --------
    >>> spec = FilterSpec(signs=["hostile"], on="2021-10-27", min_confidence="moderate")
    >>> spec.signs, spec.to_query()["on"]
    ((-1,), ['2021-10-27'])
    >>> FilterSpec.from_query(spec.to_query()) == spec
    True
    """

    # Any collection on creation (a list from a URL, a CLI option); a sorted tuple after.
    types: Collection[str] | None = None
    signs: Collection[int | str] | None = None
    kinds: Collection[str] | None = None
    on: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_confidence: str | None = None
    min_grade: str | None = None
    focus: Collection[str] = ()
    hops: int = 1
    search: str = ""
    keep_isolates: bool = True
    keep_undated: bool = True

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        put("types", _tuple_of_str(self.types, "types"))
        put("kinds", _tuple_of_str(self.kinds, "kinds"))
        if self.signs is not None:
            if isinstance(self.signs, (str, int)):
                raise TypeError(f"signs must be a collection, not {self.signs!r}")
            put("signs", tuple(sorted({_sign(s) for s in self.signs})))
        put("focus", _tuple_of_str(self.focus, "focus") or ())
        put("on", _normalise_date(self.on, "on"))
        put("date_from", _normalise_date(self.date_from, "from"))
        put("date_to", _normalise_date(self.date_to, "to"))
        if self.on is not None and (self.date_from is not None or self.date_to is not None):
            raise ValueError("choose either a day (on) or a window (from/to), not both")
        # A window that starts after it ends is refused.
        window_range(self.date_from, self.date_to)
        if self.min_confidence is not None:
            put("min_confidence", _confidence(self.min_confidence))
        if self.min_grade is not None:
            put("min_grade", "".join(map(str, _grade(self.min_grade))))
        _check_hops(self.hops)
        if not isinstance(self.search, str):
            raise TypeError(f"search must be a string, not {self.search!r}")
        put("search", self.search.strip())
        put("keep_isolates", bool(self.keep_isolates))
        dated = self.on is not None or self.date_from is not None or self.date_to is not None
        put("keep_undated", bool(self.keep_undated) or not dated)

    _QUERY_KEYS: ClassVar[dict[str, str]] = {
        "date_from": "from",
        "date_to": "to",
        "keep_isolates": "isolates",
        "keep_undated": "undated",
    }

    def to_query(self) -> dict[str, list[str]]:
        """Return the non-default choices as URL query parameters (key -> list of values).

        Returns
        -------
        dict of str to list of str
            Keys: ``types``, ``signs``, ``kinds``, ``on``, ``from``, ``to``,
            ``min_confidence``, ``min_grade``, ``focus``, ``hops``, ``search``,
            ``isolates`` (``"hide"``), ``undated`` (``"hide"``). An empty selection is
            ``[""]``.

        Notes
        -----
        Cost O(number of choices).

        Examples
        --------
        >>> FilterSpec(types=["rivalry", "armed_conflict"], hops=2).to_query()
        {'types': ['armed_conflict', 'rivalry'], 'hops': ['2']}
        """
        query: dict[str, list[str]] = {}
        for spec_field in fields(self):
            name, value = spec_field.name, getattr(self, spec_field.name)
            if value == spec_field.default:
                continue
            key = self._QUERY_KEYS.get(name, name)
            if name in ("keep_isolates", "keep_undated"):
                query[key] = ["hide"]
            elif name == "signs":
                query[key] = [f"{s:+d}" if s else "0" for s in value] or [""]
            elif isinstance(value, tuple):
                query[key] = list(value) or [""]
            else:
                query[key] = [str(value)]
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, str | Iterable[str]]) -> FilterSpec:
        """Return the spec that :meth:`to_query` wrote; other keys are ignored.

        Parameters
        ----------
        query : mapping of str to str or list of str
            URL query parameters (``st.query_params.to_dict()`` gives single strings;
            ``{k: st.query_params.get_all(k)}`` lists).

        Returns
        -------
        FilterSpec

        Raises
        ------
        ValueError
            If a value is invalid (the message names it).

        Notes
        -----
        Cost O(number of values).

        Examples
        --------
        >>> FilterSpec.from_query({"signs": ["-1"], "to": "2021-10", "page": "map"})
        FilterSpec(types=None, signs=(-1,), kinds=None, on=None, date_from=None, \
date_to='2021-10', min_confidence=None, min_grade=None, focus=(), hops=1, search='', \
keep_isolates=True, keep_undated=True)
        """
        names = {cls._QUERY_KEYS.get(f.name, f.name): f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in query.items():
            if key not in names:
                continue
            items = [raw] if isinstance(raw, str) else list(raw)
            name = names[key]
            if name in ("types", "signs", "kinds", "focus"):
                values[name] = [item for item in items if item != ""]
            elif not items:
                continue
            elif name == "hops":
                try:
                    values[name] = int(items[-1])
                except ValueError:
                    raise ValueError(f"hops must be a whole number, not {items[-1]!r}") from None
            elif name in ("keep_isolates", "keep_undated"):
                values[name] = items[-1] != "hide"
            else:
                values[name] = items[-1]
        return cls(**values)


def time_bounds(spec: FilterSpec | None) -> tuple[date | None, date | None]:
    """Return the first and last day of the time filter of a filter spec.

    The one reading of a spec's dates: the filters, the timeline and the event-data layer
    use it.

    Parameters
    ----------
    spec : FilterSpec or None
        Reads ``on`` (a day or a partial date), else ``date_from`` and ``date_to``.

    Returns
    -------
    (date or None, date or None)
        ``None`` where the window is open; ``(None, None)`` without a time filter.

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> time_bounds(FilterSpec(on="2021-10"))
    (datetime.date(2021, 10, 1), datetime.date(2021, 10, 31))
    >>> time_bounds(FilterSpec(date_from="2018"))
    (datetime.date(2018, 1, 1), None)
    >>> time_bounds(None)
    (None, None)
    """
    if spec is None:
        return None, None
    if spec.on is not None:
        return date_range(spec.on, "on")
    return window_range(spec.date_from, spec.date_to)

"""What the loader returns: a dataset's typed tables, and the issues it found."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from graph.i18n import ngettext
from graph.load._base import DATASET_TABLES

__all__ = [
    "DataError",
    "DataIssue",
    "Dataset",
]

# --- Public types ------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class DataIssue:
    """One problem in the data, with its place.

    Attributes
    ----------
    file : str
        File name relative to the data folder, e.g. ``"relations.csv"``.
    line : int or None
        Line in the file (the header is line 1); None for a problem of the whole file.
    field : str or None
        Column the problem is in; None when it is not about one column.
    message : str
        What is wrong, naming the bad value.
    kind : {"data", "formatting"}, default "data"
        ``"formatting"`` for an issue :func:`format_data` fixes (row order, quoting, a
        byte-order mark, CRLF, blank lines); it is not shown in ``str`` or ``repr`` and
        does not take part in comparisons.

    Examples
    --------
    >>> str(DataIssue("relations.csv", 14, "target", "unknown actor 'talibans'"))
    "relations.csv:14: target: unknown actor 'talibans'"
    >>> str(DataIssue("borders.csv", None, None, "file not found"))
    'borders.csv: file not found'
    >>> DataIssue("borders.csv", 3, None, "blank line", kind="formatting").kind
    'formatting'
    """

    file: str
    line: int | None
    field: str | None
    message: str
    kind: str = dataclasses.field(default="data", repr=False, compare=False)

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.field is not None:
            return f"{place}: {self.field}: {self.message}"
        return f"{place}: {self.message}"


class DataError(Exception):
    """The data did not load; :attr:`issues` lists every problem found.

    Examples
    --------
    >>> error = DataError([DataIssue("a.csv", 2, "id", "missing required value")])
    >>> print(error)
    1 issue in the data:
    a.csv:2: id: missing required value
    """

    def __init__(self, issues: Iterable[DataIssue]) -> None:
        self.issues: list[DataIssue] = list(issues)
        count = len(self.issues)
        head = ngettext("{n} issue in the data:", "{n} issues in the data:", count).format(n=count)
        super().__init__("\n".join([head, *map(str, self.issues)]))


@dataclass(frozen=True, eq=False)
class Dataset:
    """The typed tables of a data folder.

    Each table is a :class:`pandas.DataFrame` indexed by ``id`` (index name ``"id"``), its
    other columns in descriptor order: strings are ``str`` (missing: None), list fields
    tuples of ``str``, integers ``int64`` (``Int64`` when optional), numbers ``float64``,
    booleans ``bool`` (``boolean`` when optional), and dates stay ISO strings.

    Attributes
    ----------
    sources, relation_types, places, actors, relations, events, borders, areas : DataFrame
        The tables; ``areas`` holds the curated areas of operation of non-state actors
        (``actor``, ``place``, ``country``, ``radius_km``, ``extent``, ``note``,
        ``evidence``), as :func:`graph.figures.map.map_figure` takes them.
    descriptor : dict
        The parsed ``datapackage.json``.
    path : Path
        The data folder.

    Examples
    --------
    >>> ds = load_dataset()
    >>> ds.relations.index.name, ds.relations["sign"].dtype
    ('id', dtype('int64'))
    >>> list(ds.tables()) == list(DATASET_TABLES)
    True
    """

    sources: pd.DataFrame = dataclasses.field(repr=False)
    relation_types: pd.DataFrame = dataclasses.field(repr=False)
    places: pd.DataFrame = dataclasses.field(repr=False)
    actors: pd.DataFrame = dataclasses.field(repr=False)
    relations: pd.DataFrame = dataclasses.field(repr=False)
    events: pd.DataFrame = dataclasses.field(repr=False)
    borders: pd.DataFrame = dataclasses.field(repr=False)
    areas: pd.DataFrame = dataclasses.field(repr=False)
    descriptor: dict[str, Any] = dataclasses.field(repr=False)
    path: Path

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables by name, in descriptor order.

        Examples
        --------
        >>> list(load_dataset().tables())[:2]
        ['sources', 'relation_types']
        """
        names = [r["name"] for r in self.descriptor["resources"] if r["name"] in DATASET_TABLES]
        return {name: getattr(self, name) for name in names}

    def resource(self, name: str) -> dict[str, Any]:
        """Return the descriptor's resource ``name``; KeyError naming it if absent.

        Examples
        --------
        >>> load_dataset().resource("relations")["path"]
        'relations.csv'
        """
        for resource in self.descriptor["resources"]:
            if resource["name"] == name:
                return resource
        raise KeyError(f"no resource {name!r} in the descriptor")

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(frame)} {name}" for name, frame in self.tables().items())
        return f"Dataset({str(self.path)!r}: {counts})"

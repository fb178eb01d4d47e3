"""Load the Borderlines tables into typed frames, checking them against their descriptor.

The descriptor (``datapackage.json``, a Frictionless Data Package) is the schema: every
check on types, constraints, keys and foreign keys is read from it, after the descriptor's
own shape is checked (a malformed part is an issue placed at its JSON path, never an
exception). The few rules it cannot express (a list item that names an actor, a sign that
must match the relation type's, dates in order, fields required by another field's value,
evidence within a source's body) are declared in the tables below. Every problem is
collected as a :class:`DataIssue` naming the file, the line and the field; nothing but
:class:`DataError` is raised for bad data.

Only ``tabular-data-resource`` resources are read. The tables of :data:`DATASET_TABLES`
must be present; any other table of the descriptor (the map's border reference lengths)
is checked when its file is there. Other resources (the map's GeoJSON) are declared for
their provenance and licence; only their paths are checked.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import numbers
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from graph.dates import DATE_PATTERN, PartialDate, parse_partial_date

__all__ = [
    "CONDITIONAL_FIELDS",
    "DATASET_TABLES",
    "EVIDENCE_SOURCES",
    "EXCLUDED_KINDS",
    "FORMAT_COMMAND",
    "KIND_REFERENCES",
    "LIST_REFERENCES",
    "ORDERED_FIELDS",
    "CsvError",
    "DataError",
    "DataIssue",
    "Dataset",
    "canonical_csv",
    "canonical_row_order",
    "csv_records",
    "default_data_dir",
    "default_sources_dir",
    "format_citation",
    "format_data",
    "header_problem",
    "issue_order",
    "load_dataset",
    "load_tables",
    "paragraph_ranges",
    "parse_evidence",
    "read_paragraphs",
    "resolves_inside",
    "save_dataset",
    "table_text",
    "validate",
    "write_table",
]

_REPO = Path(__file__).resolve().parents[1]
DESCRIPTOR = "datapackage.json"

#: The tables a :class:`Dataset` holds, in the order of its fields.
DATASET_TABLES: tuple[str, ...] = (
    "sources",
    "relation_types",
    "places",
    "actors",
    "relations",
    "events",
    "borders",
    "areas",
)

#: How to rewrite the files canonically; named in the non-canonical message.
FORMAT_COMMAND = "uv run python -m graph format"

# --- Rules the descriptor cannot express ------------------------------------------------

#: Every item of a list field must be a key of another table: (table, field) -> (table, key).
LIST_REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("events", "participants"): ("actors", "id"),
}

#: A field that is a foreign key must point at a row of the given kind:
#: (table, field) -> (referenced table, its kind field, required kind).
KIND_REFERENCES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("borders", "state_a"): ("actors", "kind", "state"),
    ("borders", "state_b"): ("actors", "kind", "state"),
}

#: A field that is a foreign key may not point at a row of the given kind:
#: (table, field) -> (referenced table, its kind field, excluded kind). Areas of operation
#: are for non-state actors: a state's extent is its territory, drawn from the geometry.
EXCLUDED_KINDS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("areas", "actor"): ("actors", "kind", "state"),
}

#: (table, field, value, fields it requires, fields it forbids): on a row whose field
#: holds the value, the required fields must be filled and the forbidden ones empty.
CONDITIONAL_FIELDS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("areas", "extent", "circle", ("place", "radius_km"), ("country",)),
    ("areas", "extent", "country", ("country",), ("radius_km",)),
)

#: (table, earlier, later): the first field may not come after the second. Dates compare
#: by the days they cover (``2021-10`` may end on ``2021-10-05``), numbers by value.
ORDERED_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("sources", "body_from", "body_to"),
    ("relations", "start", "end"),
    ("events", "date", "end"),
)

# (table, field, other): the two fields of a row may not hold the same value.
_DISTINCT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("relations", "target", "source"),
    ("borders", "state_b", "state_a"),
)

# (table, field, via, referenced table, referenced field): the field must equal the
# referenced row's field (a relation carries its type's sign).
_COPIED_FIELDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("relations", "sign", "relation", "relation_types", "sign"),
)

# (table, magnitude, sign): the magnitude's sign agrees with the sign; 0 iff sign 0.
_SIGNED_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("relations", "intensity", "sign"),
    ("relation_types", "default_intensity", "sign"),
)

# (table, field, kind field, kind): the field may be set only on rows of that kind
# (the descriptor says "iso3: states only").
_KIND_ONLY_FIELDS: tuple[tuple[str, str, str, str], ...] = (("actors", "iso3", "kind", "state"),)

#: Fields named ``evidence`` cite this table: (table, first body paragraph, last one).
EVIDENCE_SOURCES: tuple[str, str, str] = ("sources", "body_from", "body_to")

_DEFAULT_TRUE = ("true", "True", "TRUE", "1")
_DEFAULT_FALSE = ("false", "False", "FALSE", "0")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Newlines may appear in a (quoted) cell; other control characters never belong in text.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_CITATION = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*):([0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*)")
_BOM = b"\xef\xbb\xbf"
_INVALID = object()
_OUTSIDE = "refused: the file leads outside the data folder (a symbolic link?); not read"


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
        head = f"{count} issue{'' if count == 1 else 's'} in the data:"
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


# --- Paths ---------------------------------------------------------------------------------


def default_data_dir() -> Path:
    """Return the data folder: ``$BORDERLINES_DATA`` if set, else the shipped ``data/``.

    Returns
    -------
    Path
        The folder; it may not exist (loading it then reports that).

    Examples
    --------
    >>> (default_data_dir() / "datapackage.json").is_file()
    True
    """
    env = os.environ.get("BORDERLINES_DATA")
    return Path(env) if env else _REPO / "data"


def resolves_inside(path: Path | str, folder: Path | str) -> bool:
    """Whether ``path``, with every symbolic link and ``..`` followed, lies in ``folder``.

    Data, view and source files are read only when this holds, so a link planted in a
    data folder cannot lead the page to a file elsewhere on the machine (and show its
    first line in an error message).

    Examples
    --------
    >>> resolves_inside("data/views/a.toml", "data"), resolves_inside("data/../x", "data")
    (True, False)
    """
    try:
        return Path(path).resolve().is_relative_to(Path(folder).resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def default_sources_dir() -> Path | None:
    """Return the folder of source documents, or None if there is none.

    ``$BORDERLINES_SOURCES`` if set, else ``../shared/sources`` beside the repository when
    that folder exists.

    Returns
    -------
    Path or None

    Examples
    --------
    >>> folder = default_sources_dir()
    >>> folder is None or isinstance(folder, Path)
    True
    """
    env = os.environ.get("BORDERLINES_SOURCES")
    if env:
        return Path(env)
    shared = _REPO.parent / "shared" / "sources"
    return shared if shared.is_dir() else None


# --- Evidence ------------------------------------------------------------------------------


def parse_evidence(text: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Parse an evidence cell into (source id, paragraph numbers) pairs.

    Parameters
    ----------
    text : str
        ``SOURCE_ID:PARAS[;SOURCE_ID:PARAS]``, PARAS like ``3,5-7``.

    Returns
    -------
    tuple of (str, tuple of int)
        One pair per citation, in order, ranges expanded.

    Raises
    ------
    ValueError
        If ``text`` is not of that form or a range does not ascend (``7-5``, ``5-5``);
        the message names the bad part.

    Notes
    -----
    Cost O(length of text + paragraphs cited).

    Examples
    --------
    >>> parse_evidence("mena-2021-10:3,5-7")
    (('mena-2021-10', (3, 5, 6, 7)),)
    >>> parse_evidence("mena-2021-10:7-5")
    Traceback (most recent call last):
    ...
    ValueError: range '7-5' in 'mena-2021-10:7-5' does not ascend
    """
    if not isinstance(text, str):
        raise TypeError(f"evidence must be a string, not {type(text).__name__}: {text!r}")
    citations = []
    for part in text.split(";"):
        match = _CITATION.fullmatch(part)
        if match is None:
            raise ValueError(f"invalid evidence {text!r}: expected SOURCE_ID:PARAS like a:3,5-7")
        paragraphs: list[int] = []
        for span in match.group(2).split(","):
            low, _, high = span.partition("-")
            if high and int(low) >= int(high):
                raise ValueError(f"range {span!r} in {text!r} does not ascend")
            paragraphs.extend(range(int(low), int(high or low) + 1))
        citations.append((match.group(1), tuple(paragraphs)))
    return tuple(citations)


def paragraph_ranges(numbers: Iterable[int]) -> str:
    """Return paragraph numbers as people write them: runs joined by an en dash.

    Parameters
    ----------
    numbers : iterable of int
        In any order; repeats are dropped.

    Returns
    -------
    str

    Notes
    -----
    Cost O(k log k) for k numbers.

    Examples
    --------
    >>> paragraph_ranges((7, 3, 5, 6, 3))
    '3, 5\u20137'
    >>> paragraph_ranges([])
    ''
    """
    out: list[str] = []
    run: list[int] = []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}\u2013{run[-1]}")
        run = [n]
    if run:
        out.append(str(run[0]) if len(run) == 1 else f"{run[0]}\u2013{run[-1]}")
    return ", ".join(out)


def format_citation(
    evidence: str | None,
    sources: Mapping[str, Mapping[str, Any]] | None = None,
    *,
    paragraphs: bool = True,
) -> str:
    """Return an evidence cell in words: who published each source, when, which paragraphs.

    Parameters
    ----------
    evidence : str or None
        ``SOURCE_ID:PARAS[;SOURCE_ID:PARAS]``.
    sources : mapping, optional
        ``source id -> row`` (``publisher``, ``published``), e.g. ``G.graph["sources"]``.
        Without it, or for a source it lacks, the source is named by its id.
    paragraphs : bool, default True
        Whether to name the paragraphs (``¶ 3, 5-7``, with an en dash).

    Returns
    -------
    str
        Plain text, not escaped: citations joined by ``"; "``, each ``"publisher,
        published, ¶ paragraphs"``. An empty string for no evidence; a cell that does not
        parse is returned as it is.

    Notes
    -----
    Cost O(length of the evidence + paragraphs cited).

    Examples
    --------
    >>> rows = {"mena": {"publisher": "MEN", "published": "2021-10"}}
    >>> format_citation("mena:3,5-7", rows)
    'MEN, 2021-10, \u00b6 3, 5\u20137'
    >>> format_citation("mena:3;other:1", rows, paragraphs=False)
    'MEN, 2021-10; other'
    >>> format_citation("mena:3"), format_citation(None), format_citation("not evidence")
    ('mena, \u00b6 3', '', 'not evidence')
    """
    if not evidence:
        return ""
    try:
        citations = parse_evidence(str(evidence))
    except ValueError:
        return str(evidence)
    parts = []
    for source_id, cited in citations:
        row = (sources or {}).get(source_id) or {}
        words = [str(row.get("publisher") or source_id)]
        if row.get("published"):
            words.append(str(row["published"]))
        if paragraphs:
            words.append(f"\u00b6 {paragraph_ranges(cited)}")
        parts.append(", ".join(words))
    return "; ".join(parts)


def read_paragraphs(path: Path | str) -> tuple[str, ...]:
    """Return the paragraphs of a source document: its non-empty lines, stripped.

    Paragraph ``n`` of a citation is item ``n - 1``.

    Parameters
    ----------
    path : Path or str
        A UTF-8 text file, one paragraph a line (as in ``../shared/sources``).

    Returns
    -------
    tuple of str

    Raises
    ------
    OSError
        If the file cannot be read.

    Notes
    -----
    Cost O(size of the file).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "doc.txt"
    ...     _ = path.write_text("Headline\\n\\n  First paragraph. \\n", encoding="utf-8")
    ...     read_paragraphs(path)
    ('Headline', 'First paragraph.')
    """
    text = Path(path).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


# --- Descriptor ------------------------------------------------------------------------------


@dataclass
class _Field:
    """A descriptor field, compiled for checking."""

    name: str
    type: str
    required: bool = False
    unique: bool = False
    separator: str | None = None
    missing: frozenset[str] = frozenset({""})
    true_values: tuple[str, ...] = _DEFAULT_TRUE
    false_values: tuple[str, ...] = _DEFAULT_FALSE
    enum: frozenset[Any] | None = None
    enum_text: str = ""
    pattern: re.Pattern[str] | None = None
    is_date: bool = False
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    uri: bool = False

    def convert(self, text: str) -> Any:
        """Typed value of a non-missing cell, or ``_INVALID``."""
        if self.type == "integer":
            if not _INTEGER.fullmatch(text):
                return _INVALID
            value = int(text)
            return value if -(2**63) <= value < 2**63 else _INVALID
        if self.type == "number":
            return float(text) if _NUMBER.fullmatch(text) else _INVALID
        if self.type == "boolean":
            if text in self.true_values:
                return True
            return False if text in self.false_values else _INVALID
        return text

    def type_message(self, text: str) -> str:
        if self.type == "boolean":
            allowed = ", ".join(self.true_values + self.false_values)
            return f"{_show(text)} is not a boolean ({allowed})"
        article = "an" if self.type == "integer" else "a"
        return f"{_show(text)} is not {article} {self.type}"

    def cell_text(self, value: Any) -> str:
        """Canonical text of a typed value (None, NaN and NA are empty)."""
        if value is None or value is pd.NA:
            return ""
        if isinstance(value, (tuple, list)):
            return (self.separator or ";").join(value)
        if isinstance(value, (bool, np.bool_)):
            return self.true_values[0] if value else self.false_values[0]
        if isinstance(value, numbers.Integral):
            return str(int(value))
        if isinstance(value, numbers.Real):
            return _number_text(float(value))
        return str(value)


def _number_text(value: float) -> str:
    """Shortest text of a number: ``5`` not ``5.0``, ``2.5``; NaN is empty."""
    number = float(value)
    if math.isnan(number):
        return ""
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


@dataclass
class _Resource:
    name: str
    file: str
    fields: list[_Field]
    primary_key: list[str]
    foreign_keys: list[tuple[list[str], str, list[str]]]
    dialect: dict[str, Any]
    where: str = "resources[0]"  # JSON path of the resource in the descriptor

    def field_spec(self, name: str) -> _Field | None:
        return next((spec for spec in self.fields if spec.name == name), None)

    def field_path(self, name: str) -> str:
        index = [spec.name for spec in self.fields].index(name)
        return f"{self.where}.schema.fields[{index}]"


_TABULAR = "tabular-data-resource"
_SUPPORTED_TYPES = ("string", "integer", "number", "boolean")
# Table Schema types the loader does not read: a descriptor naming one is refused, not
# silently read as text.
_OTHER_TYPES = frozenset(
    {"object", "array", "date", "time", "datetime", "year", "yearmonth", "duration"}
    | {"geopoint", "geojson", "any"}
)
_NUMERIC = frozenset({"integer", "number"})
_CONSTRAINTS = frozenset(
    {"required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"}
)
# The Data Package's "created": a date and time, as the standard (and frictionless) read it.
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
_FORMATS = frozenset({"default", "uri"})
# Field properties that change how a cell is read; the loader reads cells one way only.
_UNSUPPORTED_FIELD_KEYS = ("bareNumber", "decimalChar", "groupChar")
_DIALECT_KEYS = frozenset({"delimiter", "quoteChar", "doubleQuote", "lineTerminator", "header"})
_LINE_TERMINATORS = ("\n", "\r\n")
_RESOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
_JSON_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _read_descriptor(directory: Path, issues: list[DataIssue]) -> Any:
    """The parsed descriptor, or None (with an issue) if it cannot be read as JSON."""
    path = directory / DESCRIPTOR
    if not resolves_inside(path, directory):
        issues.append(DataIssue(DESCRIPTOR, None, None, _OUTSIDE))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        issues.append(DataIssue(DESCRIPTOR, None, None, "file not found"))
        return None
    except (OSError, UnicodeDecodeError) as error:
        issues.append(DataIssue(DESCRIPTOR, None, None, f"cannot be read: {error}"))
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        issues.append(DataIssue(DESCRIPTOR, error.lineno, None, f"invalid JSON: {error.msg}"))
    except (ValueError, RecursionError) as error:  # an integer of 4,300+ digits; deep nesting
        issues.append(DataIssue(DESCRIPTOR, None, None, f"invalid JSON: {error}"))
    return None


class _Problems:
    """Collects descriptor problems, each placed at its JSON path (``field`` of the issue)."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues

    def __call__(self, path: str, message: str) -> None:
        self.issues.append(DataIssue(DESCRIPTOR, None, path or None, message))

    def count(self) -> int:
        return len(self.issues)


def _json_show(value: Any) -> str:
    """Short JSON text of a descriptor value, for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 60 else text[:59] + "…"


def _key(path: str, key: str | int) -> str:
    """JSON path of ``key`` under ``path``: ``a.b``, ``a[0]``, ``a["odd key"]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _JSON_NAME.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _is_number(value: Any) -> bool:
    """A finite JSON number (booleans are not numbers)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and (isinstance(value, int) or math.isfinite(value))
    )


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _names_list(value: Any) -> list[str] | None:
    """A field-name list (a lone string counts as one name); None if malformed."""
    if isinstance(value, str):
        return [value] if value else None
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return list(value)
    return None


def _strings_list(value: Any, *, empty_items: bool = True) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    if not empty_items and not all(value):
        return None
    return list(value)


def _path_problem(value: Any) -> str | None:
    """Why ``value`` is not a safe relative path inside the data folder, or None."""
    if not isinstance(value, str):
        return f"must be a relative file path (a string), not {_json_show(value)}"
    if not value:
        return "must not be empty"
    if _CONTROL.search(value) or "\n" in value:
        return f"{_show(value)} holds a control character"
    if "\\" in value:
        return f"{_show(value)}: separate folders with '/', not '\\'"
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        return f"{_show(value)} must be a path inside the data folder, not a URL or drive"
    if value.startswith("/"):
        return f"{_show(value)} must be relative to the data folder, not absolute"
    if any(part in ("", ".", "..") for part in value.split("/")):
        return f"{_show(value)} must not hold '..', '.' or empty parts"
    if value == DESCRIPTOR:
        return f"{_show(value)} is the descriptor itself"
    return None


def _check_provenance(container: dict[str, Any], where: str, problem: _Problems) -> None:
    """``sources`` and ``licenses``: lists of objects, a source with a title, a licence
    with a name or a path."""
    for key in ("sources", "licenses"):
        if key not in container:
            continue
        path = _key(where, key)
        items = container[key]
        if not isinstance(items, list):
            problem(path, f"must be a list of objects, not {_json_show(items)}")
            continue
        for index, item in enumerate(items):
            at = _key(path, index)
            if not isinstance(item, dict):
                problem(at, f"must be an object, not {_json_show(item)}")
                continue
            for name in ("title", "path", "name", "email"):
                if name in item and not isinstance(item[name], str):
                    problem(_key(at, name), f"must be a string, not {_json_show(item[name])}")
            if key == "sources" and not (isinstance(item.get("title"), str) and item["title"]):
                problem(at, "a source needs a title")
            if key == "licenses" and not any(
                isinstance(item.get(name), str) and item[name] for name in ("name", "path")
            ):
                problem(at, "a licence needs a name or a path")


def _compile_resources(descriptor: Any, issues: list[DataIssue]) -> dict[str, _Resource]:
    """Check the descriptor's shape and compile its well-formed tabular resources.

    Every problem becomes an issue placed at its JSON path; a resource with any problem
    is left out (so its file is not read), and nothing raises, whatever the JSON holds.
    """
    problem = _Problems(issues)
    if not isinstance(descriptor, dict):
        problem("", f"the descriptor must be a JSON object, not {_json_show(descriptor)}")
        return {}
    for key in ("profile", "name", "title", "version", "created"):
        if key in descriptor and not isinstance(descriptor[key], str):
            problem(key, f"must be a string, not {_json_show(descriptor[key])}")
    created = descriptor.get("created")
    if isinstance(created, str) and not _RFC3339.fullmatch(created):
        problem(
            "created",
            f"{_show(created)} is not a date and time of RFC 3339, like 2026-11-29T00:00:00Z",
        )
    _check_provenance(descriptor, "", problem)
    raw_resources = descriptor.get("resources")
    if not isinstance(raw_resources, list):
        if "resources" not in descriptor:
            problem("resources", "no 'resources' list")
        else:
            problem("resources", f"must be a list of resources, not {_json_show(raw_resources)}")
        return {}

    declared: dict[str, tuple[int, bool]] = {}  # name -> (position, tabular)
    paths: dict[str, int] = {}
    candidates: dict[str, _Resource] = {}
    for position, raw in enumerate(raw_resources):
        where = f"resources[{position}]"
        before = problem.count()
        name, tabular, resource = _compile_resource(raw, where, problem)
        if name is not None:
            if name in declared:
                first = declared[name][0]
                problem(_key(where, "name"), f"{name!r} names resources[{first}] already")
            else:
                declared[name] = (position, tabular)
        file = raw.get("path") if isinstance(raw, dict) else None
        if isinstance(file, str) and _path_problem(file) is None:
            if file in paths:
                problem(_key(where, "path"), f"{file!r} is the path of resources[{paths[file]}]")
            else:
                paths[file] = position
        if resource is not None and problem.count() == before:
            candidates[resource.name] = resource

    for name in DATASET_TABLES:
        if name not in declared:
            problem("resources", f"no resource {name!r}")

    resources: dict[str, _Resource] = {}
    for name, resource in candidates.items():
        before = problem.count()
        _check_references(resource, declared, candidates, problem)
        if problem.count() == before:
            resources[name] = resource
    for resource, field_name, message in _rule_type_problems(candidates):
        problem(resource.field_path(field_name), f"{resource.name}.{field_name}: {message}")
        resources.pop(resource.name, None)
    return resources


def _compile_resource(
    raw: Any, where: str, problem: _Problems
) -> tuple[str | None, bool, _Resource | None]:
    """(name, tabular, compiled resource) of one descriptor resource.

    The compiled resource is None for a non-tabular resource (its file is not read) and
    for one whose shape is wrong (the problems are reported).
    """
    if not isinstance(raw, dict):
        problem(where, f"a resource must be an object, not {_json_show(raw)}")
        return None, False, None
    before = problem.count()
    name = raw.get("name")
    if not isinstance(name, str) or not _RESOURCE_NAME.fullmatch(name):
        shown = "none" if "name" not in raw else _json_show(name)
        message = f"must be a lower-case name (a-z, 0-9, '.', '_', '-'), not {shown}"
        problem(_key(where, "name"), message)
        name = None
    label = name or where
    wrong_path = _path_problem(raw.get("path"))
    if wrong_path is not None:
        problem(_key(where, "path"), f"{label}: path {wrong_path}")
    for key in ("profile", "title", "description", "format", "mediatype", "encoding"):
        if key in raw and not isinstance(raw[key], str):
            problem(_key(where, key), f"{label}: must be a string, not {_json_show(raw[key])}")
    encoding = raw.get("encoding", "utf-8")
    if isinstance(encoding, str) and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        problem(_key(where, "encoding"), f"{label}: encoding {encoding!r} is not supported (utf-8)")
    _check_provenance(raw, where, problem)

    tabular = raw.get("profile") == _TABULAR
    if name in DATASET_TABLES and not tabular:
        found = _json_show(raw.get("profile")) if "profile" in raw else "none"
        message = f"{label}: a table of the dataset needs the profile {_TABULAR!r} ({found})"
        problem(_key(where, "profile"), message)
        tabular = True  # checked as a table all the same, to report what else is wrong
    if not tabular:
        return name, False, None

    schema = raw.get("schema")
    schema_at = _key(where, "schema")
    if not isinstance(schema, dict):
        problem(schema_at, f"{label}: a tabular resource needs a schema object")
        return name, True, None
    missing = _strings_list(schema.get("missingValues", [""]))
    if missing is None:
        message = f"{label}: missingValues must be a list of strings"
        problem(_key(schema_at, "missingValues"), message)
        missing = [""]
    raw_fields = schema.get("fields")
    fields_at = _key(schema_at, "fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        problem(fields_at, f"{label}: schema.fields must be a non-empty list of field objects")
        return name, True, None
    key_at = _key(schema_at, "primaryKey")
    raw_key = schema.get("primaryKey", [])
    primary_key = [] if raw_key == [] else _names_list(raw_key)
    if primary_key is None:
        shown = _json_show(raw_key)
        problem(key_at, f"{label}: primaryKey must be a field name or a list of them, not {shown}")
    key_ok, primary_key = primary_key is not None, primary_key or []
    fields: list[_Field] = []
    for index, raw_field in enumerate(raw_fields):
        compiled = _compile_field(
            raw_field, _key(fields_at, index), label, frozenset(missing), primary_key, problem
        )
        if compiled is not None:
            if any(spec.name == compiled.name for spec in fields):
                message = f"{label}: field {compiled.name!r} is declared twice"
                problem(_key(_key(fields_at, index), "name"), message)
            fields.append(compiled)
    names = {spec.name: spec for spec in fields}
    if key_ok and name in DATASET_TABLES and primary_key != ["id"]:
        message = f"{label}: a table of the dataset is keyed by 'id', not {primary_key}"
        problem(key_at, message)
    if len(set(primary_key)) != len(primary_key):
        problem(key_at, f"{label}: primaryKey {primary_key} repeats a field")
    for key in primary_key:
        if key not in names:
            problem(key_at, f"{label}: primary key {key!r} is not a field")
        elif names[key].separator is not None:
            problem(key_at, f"{label}: primary key {key!r} is a list field")
    foreign_keys = _compile_foreign_keys(schema, schema_at, label, names, problem)
    dialect = _compile_dialect(raw, where, label, problem)
    if name is None or problem.count() != before or len(fields) != len(raw_fields):
        return name, True, None
    resource = _Resource(name, raw["path"], fields, primary_key, foreign_keys, dialect, where)
    return name, True, resource


def _compile_foreign_keys(
    schema: dict[str, Any],
    schema_at: str,
    label: str,
    names: dict[str, _Field],
    problem: _Problems,
) -> list[tuple[list[str], str, list[str]]]:
    raw_keys = schema.get("foreignKeys", [])
    at = _key(schema_at, "foreignKeys")
    if not isinstance(raw_keys, list):
        problem(at, f"{label}: foreignKeys must be a list, not {_json_show(raw_keys)}")
        return []
    foreign_keys = []
    for index, fk in enumerate(raw_keys):
        fk_at = _key(at, index)
        reference = fk.get("reference") if isinstance(fk, dict) else None
        own = _names_list(fk.get("fields")) if isinstance(fk, dict) else None
        target = reference.get("resource", "") if isinstance(reference, dict) else None
        target_fields = (
            _names_list(reference.get("fields")) if isinstance(reference, dict) else None
        )
        if own is None or not isinstance(target, str) or target_fields is None:
            message = (
                f"{label}: a foreign key needs 'fields' (names) and a 'reference' with "
                f"'resource' and 'fields': {_json_show(fk)}"
            )
            problem(fk_at, message)
            continue
        if len(own) != len(target_fields):
            problem(fk_at, f"{label}: foreign key {own} -> {target_fields}: counts differ")
            continue
        unknown = [f for f in own if f not in names]
        if unknown:
            problem(_key(fk_at, "fields"), f"{label}: foreign key names no field {unknown}")
            continue
        foreign_keys.append((own, target or label, target_fields))  # "": the table itself
    return foreign_keys


def _compile_dialect(
    raw: dict[str, Any], where: str, label: str, problem: _Problems
) -> dict[str, Any]:
    dialect: dict[str, Any] = {"lineTerminator": "\n"}
    if "dialect" not in raw:
        return dialect
    given = raw["dialect"]
    at = _key(where, "dialect")
    if not isinstance(given, dict):
        problem(at, f"{label}: dialect must be an object, not {_json_show(given)}")
        return dialect
    for key, value in given.items():
        key_at = _key(at, key)
        if key not in _DIALECT_KEYS:
            problem(key_at, f"{label}: dialect {key!r} is not supported")
        elif key in ("delimiter", "quoteChar"):
            if not isinstance(value, str) or len(value) != 1 or value in "\r\n":
                problem(key_at, f"{label}: {key} must be one character, not {_json_show(value)}")
            elif _CONTROL.search(value) and value != "\t":
                problem(key_at, f"{label}: {key} {value!r} is a control character")
            else:
                dialect[key] = value
        elif key == "lineTerminator":
            if value not in _LINE_TERMINATORS:
                problem(key_at, f"{label}: lineTerminator must be '\\n' or '\\r\\n'")
            else:
                dialect[key] = value
        elif value is not True:  # doubleQuote, header: the only form the loader reads
            problem(key_at, f"{label}: {key} must be true, not {_json_show(value)}")
    if dialect.get("delimiter", ",") == dialect.get("quoteChar", '"'):
        problem(at, f"{label}: delimiter and quoteChar must differ")
    return dialect


def _compile_field(
    raw: Any,
    where: str,
    resource: str,
    missing: frozenset[str],
    primary_key: list[str],
    problem: _Problems,
) -> _Field | None:
    """One field, its problems reported; None if it has no name to compile it under."""
    if not isinstance(raw, dict):
        problem(where, f"{resource}: a field must be an object, not {_json_show(raw)}")
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        problem(_key(where, "name"), f"{resource}: a field needs a name: {_json_show(raw)}")
        return None
    label = f"{resource}.{name}"

    def bad(message: str, *keys: str) -> None:
        path = where
        for key in keys:
            path = _key(path, key)
        problem(path, f"{label}: {message}")

    kind = raw.get("type", "string")
    typed = isinstance(kind, str) and kind in _SUPPORTED_TYPES
    if not typed:
        what = "not supported" if isinstance(kind, str) and kind in _OTHER_TYPES else "unknown"
        bad(f"type {_json_show(kind)} is {what} (use {', '.join(_SUPPORTED_TYPES)})", "type")
        kind = "string"
    separator = raw.get("listSeparator")
    if separator is not None and (
        not isinstance(separator, str) or not separator or not separator.isprintable()
    ):
        shown = _json_show(separator)
        bad(f"listSeparator must be a non-empty printable string, not {shown}", "listSeparator")
        separator = None
    elif separator is not None and kind != "string":
        bad(f"a list field holds strings, not {kind} values", "listSeparator")
    booleans = {}
    for key, default in (("trueValues", _DEFAULT_TRUE), ("falseValues", _DEFAULT_FALSE)):
        values = _strings_list(raw.get(key, list(default)), empty_items=False)
        if not values:
            bad(f"{key} must be a non-empty list of non-empty strings", key)
            values = list(default)
        booleans[key] = tuple(values)
    if set(booleans["trueValues"]) & set(booleans["falseValues"]):
        bad("trueValues and falseValues overlap", "trueValues")
    for key in _UNSUPPORTED_FIELD_KEYS:
        if key in raw:
            bad(f"{key} is not supported (numbers are read plainly)", key)
    field_format = raw.get("format", "default")
    if not isinstance(field_format, str) or field_format not in _FORMATS:
        bad(f"format {_json_show(field_format)} is not supported (default, uri)", "format")
    constraints = raw.get("constraints", {})
    if not isinstance(constraints, dict):
        bad(f"constraints must be an object, not {_json_show(constraints)}", "constraints")
        constraints = {}
    spec = _Field(
        name=name,
        type=kind,
        required=constraints.get("required") is True or name in primary_key,
        unique=constraints.get("unique") is True,
        separator=separator,
        missing=missing,
        true_values=booleans["trueValues"],
        false_values=booleans["falseValues"],
        uri=field_format == "uri",
    )
    _compile_constraints(spec, constraints, typed, bad)
    return spec


def _compile_constraints(
    spec: _Field, constraints: dict[str, Any], typed: bool, bad: Callable[..., None]
) -> None:
    """Set the constraints of ``spec``; ``bad(message, *keys)`` reports a problem at
    ``constraints.<keys>``. Type-dependent checks wait for a known ``type`` (``typed``)."""
    for key, value in constraints.items():
        if key == "format":  # Table Schema puts it beside the type; frictionless refuses it here
            bad("format is a property of the field, beside its type, not a constraint",
                "constraints", key)  # fmt: skip
        elif key not in _CONSTRAINTS:
            bad(f"constraint {key!r} is not supported", "constraints", key)
        elif key in ("required", "unique") and not isinstance(value, bool):
            bad(f"{key} must be true or false, not {_json_show(value)}", "constraints", key)
        elif key in ("minimum", "maximum") and typed:
            if spec.type not in _NUMERIC or spec.separator is not None:
                bad(f"{key} applies to integer and number fields only", "constraints", key)
            elif not _is_number(value):
                bad(f"{key} must be a number, not {_json_show(value)}", "constraints", key)
            else:
                setattr(spec, key, value)
        elif key in ("minLength", "maxLength"):
            if _is_count(value):
                setattr(spec, "min_length" if key == "minLength" else "max_length", value)
            else:
                bad(
                    f"{key} must be a whole number >= 0, not {_json_show(value)}",
                    "constraints",
                    key,
                )
        elif key == "enum" and typed:
            _compile_enum(spec, value, bad)
        elif key == "pattern":
            if not isinstance(value, str):
                bad(f"pattern must be a string, not {_json_show(value)}", "constraints", key)
                continue
            try:
                spec.pattern = re.compile(value)
            except (re.error, OverflowError, RecursionError, ValueError) as error:
                bad(f"invalid pattern {value!r}: {error}", "constraints", key)
            spec.is_date = spec.type == "string" and value == DATE_PATTERN
    if spec.minimum is not None and spec.maximum is not None and spec.minimum > spec.maximum:
        bad(f"minimum {spec.minimum} is above maximum {spec.maximum}", "constraints")
    low, high = spec.min_length, spec.max_length
    if low is not None and high is not None and low > high:
        bad(f"minLength {low} is above maxLength {high}", "constraints")


def _compile_enum(spec: _Field, values: Any, bad: Callable[..., None]) -> None:
    """Set ``spec.enum`` from a list of values of the field's type (items of a list field)."""
    kind = "string" if spec.separator is not None else spec.type
    accepts: dict[str, Callable[[Any], bool]] = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": _is_number,
        "boolean": lambda v: isinstance(v, bool),
    }
    if not isinstance(values, list) or not values:
        shown = _json_show(values)
        bad(f"enum must be a non-empty list of {kind} values, not {shown}", "constraints", "enum")
        return
    wrong = [v for v in values if not accepts[kind](v)]
    if wrong:
        bad(f"enum values {_json_show(wrong)} are not {kind} values", "constraints", "enum")
        return
    spec.enum = frozenset(values)
    spec.enum_text = ", ".join(spec.cell_text(v) for v in values)


def _check_references(
    resource: _Resource,
    declared: dict[str, tuple[int, bool]],
    candidates: dict[str, _Resource],
    problem: _Problems,
) -> None:
    """Each foreign key names a tabular resource and its fields, of the same types."""
    for index, (own, target, target_fields) in enumerate(resource.foreign_keys):
        at = f"{resource.where}.schema.foreignKeys[{index}]"
        target = target or resource.name  # "" refers to the resource itself
        label = f"{resource.name}: foreign key {own}"
        if target not in declared:
            problem(_key(at, "reference"), f"{label} refers to no resource {target!r}")
            continue
        if not declared[target][1]:
            problem(_key(at, "reference"), f"{label} refers to {target!r}, which is not a table")
            continue
        other = candidates.get(target)
        if other is None:
            continue  # the target's own problems are reported on it
        unknown = [name for name in target_fields if other.field_spec(name) is None]
        if unknown:
            problem(_key(at, "reference"), f"{label} refers to no field {unknown} of {target!r}")
            continue
        for name, target_name in zip(own, target_fields, strict=True):
            mine, theirs = resource.field_spec(name), other.field_spec(target_name)
            assert mine is not None
            assert theirs is not None
            if _category(mine) != _category(theirs) or mine.separator is not None:
                message = (
                    f"{label}: {name} ({_category(mine)}) cannot refer to "
                    f"{target}.{target_name} ({_category(theirs)})"
                )
                problem(at, message)


def _category(spec: _Field) -> str:
    """What a rule can do with a field's values: compare them as text, numbers, ..."""
    if spec.separator is not None:
        return "list"
    return "number" if spec.type in _NUMERIC else spec.type


def _kind_of(spec: _Field) -> str:
    """The field's type as the descriptor gives it, ``list`` for a list field."""
    return "list" if spec.separator is not None else spec.type


def _rule_type_problems(resources: dict[str, _Resource]) -> list[tuple[_Resource, str, str]]:
    """Fields a rule of this module reads but whose declared type it cannot work with.

    Returns (resource, field, message) triples. A rule whose fields are not declared is
    not applied, so it needs nothing.
    """
    found: list[tuple[_Resource, str, str]] = []

    def spec(table: str, name: str) -> tuple[_Resource | None, _Field | None]:
        resource = resources.get(table)
        return resource, resource.field_spec(name) if resource is not None else None

    def need(table: str, name: str, categories: tuple[str, ...], why: str) -> None:
        resource, field_spec = spec(table, name)
        if resource is None or field_spec is None or _category(field_spec) in categories:
            return
        names = {"number": "integer or number", "list": "a list field (listSeparator)"}
        wanted = " or ".join(names.get(c, c) for c in categories)
        message = f"{why}, so it must be {wanted}, not {_kind_of(field_spec)}"
        found.append((resource, name, message))

    for table, first, later in ORDERED_FIELDS:
        resource, a = spec(table, first)
        _, b = spec(table, later)
        if resource is None or a is None or b is None:
            continue
        if _category(a) != _category(b) or _category(a) not in ("string", "number"):
            message = (
                f"is compared with {first}, so both must be dates (string) or both "
                f"numbers, not {_kind_of(a)} and {_kind_of(b)}"
            )
            found.append((resource, later, message))
    for table, magnitude, sign in _SIGNED_FIELDS:
        need(table, magnitude, ("number",), f"its sign must agree with {sign}")
        need(table, sign, ("number",), f"it gives the sign of {magnitude}")
    for table, name, _via, target, target_name in _COPIED_FIELDS:
        resource, mine = spec(table, name)
        _, theirs = spec(target, target_name)
        if mine is None or theirs is None or resource is None:
            continue
        if _category(mine) != _category(theirs):
            message = (
                f"it must equal {target}.{target_name}, so it must be "
                f"{_kind_of(theirs)}, not {_kind_of(mine)}"
            )
            found.append((resource, name, message))
    for (table, name), (target, key) in LIST_REFERENCES.items():
        need(table, name, ("list",), f"each of its items must name a row of {target} (its {key})")
    for table, resource in resources.items():
        if resource.field_spec("evidence") is not None:
            need(table, "evidence", ("string",), "it cites SOURCE_ID:PARAS")
    table, body_from, body_to = EVIDENCE_SOURCES
    for name in (body_from, body_to):
        need(table, name, ("number",), "it bounds the paragraphs evidence may cite")
    return found


# --- Reading tables --------------------------------------------------------------------------


@dataclass
class _Table:
    """A table as read: typed columns of the rows that have the right width."""

    resource: _Resource
    text: str = ""
    lines: list[int] = dataclasses.field(default_factory=list)
    columns: dict[str, list[Any]] = dataclasses.field(default_factory=dict)
    readable: bool = False  # header right and rows parsed: its rows can be checked
    complete: bool = False  # no row dropped either: its keys can be referenced
    exact: bool = False  # every cell typed: fit to be re-serialised and compared
    reformat: bool = False  # a formatting issue (BOM, CRLF, blank line) was reported

    @property
    def file(self) -> str:
        return self.resource.file


class _Report:
    """Collects issues; formatting issues (fixed by ``format``) are kept apart.

    It also holds what one validation has parsed already (dates and evidence cells repeat
    across rows), so the memo lives exactly as long as the call, never process-wide.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.issues: list[DataIssue] = []
        self.formatting: list[DataIssue] = []
        self.dates: dict[str, PartialDate | str] = {}
        self.evidence: dict[str, tuple[tuple[str, tuple[int, ...]], ...] | str] = {}

    def add(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.issues.append(DataIssue(file, line, field, message))

    def add_formatting(self, file: str, line: int | None, message: str) -> None:
        fix = f"run `{FORMAT_COMMAND} {self.directory}` to fix it"
        self.formatting.append(DataIssue(file, line, None, f"{message}; {fix}", "formatting"))

    def all(self) -> list[DataIssue]:
        return sorted(self.issues + self.formatting, key=issue_order)


def issue_order(issue: DataIssue) -> tuple[str, int, str, str]:
    """Sort key of issues as readers get them: by file, line, field, then message.

    Examples
    --------
    >>> late, early = DataIssue("a.csv", 9, "x", "m"), DataIssue("a.csv", 2, "y", "m")
    >>> [i.line for i in sorted([late, early], key=issue_order)]
    [2, 9]
    """
    return (issue.file, issue.line or 0, issue.field or "", issue.message)


def _show(value: Any, limit: int = 60) -> str:
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def _decode(raw: bytes, file: str, report: _Report) -> tuple[str, bool]:
    """Text of a file and whether it was valid UTF-8; each bad line is reported."""
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = line[error.start : error.start + 1].hex()
            message = f"not valid UTF-8 (byte 0x{bad} at column {error.start + 1})"
            report.add(file, number, None, message)
    return raw.decode("utf-8", errors="replace"), False


class _Files:
    """Where the tables' bytes come from: a data folder, or tables already in memory (an
    upload). ``read`` raises FileNotFoundError, OSError, or ValueError for a path that
    leads outside the folder."""

    def __init__(self, directory: Path | None = None, files: Mapping[str, bytes] | None = None):
        self.directory, self.files = directory, files

    def exists(self, file: str) -> bool:
        if self.files is not None:
            return file in self.files
        assert self.directory is not None
        return (self.directory / file).exists()

    def read(self, file: str) -> bytes:
        if self.files is not None:
            if file not in self.files:
                raise FileNotFoundError(file)
            return self.files[file]
        assert self.directory is not None
        if not resolves_inside(self.directory / file, self.directory):
            raise ValueError(_OUTSIDE)
        return (self.directory / file).read_bytes()


def _read_table(files: _Files, resource: _Resource, report: _Report) -> _Table:
    try:
        return _read_table_cells(files, resource, report)
    except MemoryError:  # a table far beyond any limit; the rest is still checked
        report.add(resource.file, None, None, "too large to read into memory")
        return _Table(resource)


def _read_table_cells(files: _Files, resource: _Resource, report: _Report) -> _Table:
    table = _Table(resource)
    file = resource.file
    try:
        raw = files.read(file)
    except ValueError as error:  # outside the folder
        report.add(file, None, None, str(error))
        return table
    except FileNotFoundError:
        report.add(file, None, None, "file not found")
        return table
    except OSError as error:
        report.add(file, None, None, f"cannot be read: {error.strerror}")
        return table
    if raw.startswith(_BOM):
        report.add_formatting(file, 1, "starts with a byte-order mark (BOM)")
        table.reformat = True
        raw = raw[len(_BOM) :]
    text, utf8 = _decode(raw, file, report)
    expected = [f.name for f in resource.fields]
    if not text.strip():
        report.add(file, None, None, f"empty file: expected the header {','.join(expected)}")
        return table
    if resource.dialect["lineTerminator"] == "\n" and "\r\n" in text:
        line = text.count("\n", 0, text.index("\r\n")) + 1
        report.add_formatting(file, line, "CRLF line endings (from this line on)")
        table.reformat = True
    table.text = text

    rows: list[list[str]] = []
    parsed = True
    records = csv_records(text, resource.dialect)
    try:
        _, header = next(records)
        problem = header_problem(header, expected)
        if problem is not None:
            report.add(file, 1, None, problem)
            return table
        for start, row in records:
            if not row:
                report.add_formatting(file, start, "blank line")
                table.reformat = True
            elif len(row) != len(expected):
                message = f"expected {len(expected)} cells, found {len(row)}"
                report.add(file, start, None, message)
                parsed = False
            else:
                rows.append(row)
                table.lines.append(start)
    except CsvError as error:
        report.add(file, error.line, None, f"unreadable CSV: {error}")
        return table

    table.readable, table.complete = True, parsed
    typed_ok = True
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(expected)
    for spec, raw_column in zip(resource.fields, columns, strict=True):
        values, ok = _check_column(table, spec, raw_column, report)
        table.columns[spec.name] = values
        typed_ok = typed_ok and ok
    table.exact = utf8 and parsed and typed_ok
    _check_primary_key(table, report)
    return table


class CsvError(ValueError):
    """A CSV text that cannot be split into records; ``line`` is where it went wrong."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def csv_records(
    text: str, dialect: Mapping[str, Any] | None = None
) -> Iterator[tuple[int, list[str]]]:
    r"""Yield ``(line, cells)`` of each record of a CSV text, the header first, in a
    descriptor's dialect (delimiter, quote, doubled quotes); a blank line is an empty
    record. The one CSV reader of the loader and the upload.

    Raises
    ------
    CsvError
        At the first record that cannot be read (a stray quote, a NUL byte...).

    Examples
    --------
    >>> list(csv_records('id,note\na,"two\nlines"\n\nb,x\n'))
    [(1, ['id', 'note']), (2, ['a', 'two\nlines']), (4, []), (5, ['b', 'x'])]
    """
    dialect = dialect or {}
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=dialect.get("delimiter", ","),
        quotechar=dialect.get("quoteChar", '"'),
        doublequote=dialect.get("doubleQuote", True),
        strict=True,
    )
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as error:
        raise CsvError(reader.line_num, str(error)) from None


def header_problem(header: Sequence[str], expected: Sequence[str]) -> str | None:
    """Return what is wrong with a table's header, or None when it is the expected one.

    Parameters
    ----------
    header : sequence of str
        The first row of the file.
    expected : sequence of str
        The descriptor's field names, in order.

    Returns
    -------
    str or None
        ``"header: missing column 'x'; unexpected column 'y'; expected a,b,c"`` (or
        repeated columns, or columns out of order), the expected header always named.

    Notes
    -----
    Cost O(k^2) for k columns (k is small).

    Examples
    --------
    >>> header_problem(["id", "nmae"], ["id", "name"])
    "header: missing column 'name'; unexpected column 'nmae'; expected id,name"
    >>> header_problem(["name", "id"], ["id", "name"])
    'header: columns out of order; expected id,name'
    >>> header_problem(["id", "name"], ["id", "name"]) is None
    True
    """
    header, expected = list(header), list(expected)
    if header == expected:
        return None
    missing = [name for name in expected if name not in header]
    unexpected = [name for name in header if name not in expected]
    parts = []
    if missing:
        parts.append("missing column" + ("s " if len(missing) > 1 else " ") + _names(missing))
    if unexpected:
        many = len(unexpected) > 1
        parts.append("unexpected column" + ("s " if many else " ") + _names(unexpected))
    if not parts:
        repeated = sorted({name for name in header if header.count(name) > 1})
        parts.append("repeated column " + _names(repeated) if repeated else "columns out of order")
    return f"header: {'; '.join(parts)}; expected {','.join(expected)}"


def _header_message(header: list[str], expected: list[str]) -> str:
    """The problem of a header known to differ (the old name of :func:`header_problem`)."""
    return header_problem(header, expected) or ""


def _names(names: Sequence[str]) -> str:
    return ", ".join(repr(name) for name in names)


def _check_column(
    table: _Table, spec: _Field, raw: Sequence[str], report: _Report
) -> tuple[list[Any], bool]:
    """Type one column and check its constraints; returns the values and whether all typed.

    Each check runs over the whole column (distinct values only where a check is costly),
    so the cost is a few passes over the column.
    """
    file, lines, name = table.file, table.lines, spec.name

    def add(i: int, message: str) -> None:
        report.add(file, lines[i], name, message)

    missing = spec.missing
    if spec.required:
        for i, text in enumerate(raw):
            if text in missing:
                add(i, "missing required value")
    # One search over the joined column; cells are looked at only when it finds something.
    joined = "\n".join(raw)
    if _CONTROL.search(joined):
        for i, text in enumerate(raw):
            control = _CONTROL.search(text)
            if control is not None:
                add(i, f"control character {control.group()!r} in {_show(text)}")

    if spec.separator is not None:
        values: list[Any] = [() if t in missing else tuple(t.split(spec.separator)) for t in raw]
        for i, items in enumerate(values):
            for message in _item_problems(spec, items, raw[i], report.dates):
                add(i, message)
        if spec.unique and table.resource.primary_key != [name]:
            _check_unique(table, name, values, report)
        return values, True

    ok = True
    if spec.type == "string":
        values = [None if t in missing else t for t in raw]
        for i in [i for i, text in enumerate(raw) if text != text.strip()]:
            add(i, f"{_show(raw[i])} has leading or trailing whitespace")
    else:
        if spec.type == "boolean":
            truth = dict.fromkeys(spec.true_values, True) | dict.fromkeys(spec.false_values, False)
            values = [None if t in missing else truth.get(t, _INVALID) for t in raw]
        else:
            convert = spec.convert
            values = [None if t in missing else convert(t) for t in raw]
        for i, value in enumerate(values):
            if value is _INVALID:
                add(i, spec.type_message(raw[i]))
                values[i] = None
                ok = False
    for message_of in _constraint_checks(spec, report.dates):
        for i, text in enumerate(raw):
            value = values[i]
            if value is not None:
                found = message_of(value, text)
                if found is not None:
                    add(i, found)
    if spec.unique and table.resource.primary_key != [name]:
        _check_unique(table, name, values, report)
    return values, ok


def _constraint_checks(
    spec: _Field, dates: dict[str, PartialDate | str]
) -> list[Callable[[Any, str], str | None]]:
    """One function per constraint of ``spec``: (value, text) -> message or None.

    ``dates`` is the validation's memo of parsed dates (see :func:`_parsed_date`).
    """
    checks: list[Callable[[Any, str], str | None]] = []
    if spec.enum is not None:
        enum, allowed = spec.enum, spec.enum_text
        checks.append(lambda v, t: None if v in enum else f"{_show(t)} is not one of: {allowed}")
    if spec.is_date:
        checks.append(lambda v, t: _date_problem(t, dates))
    elif spec.pattern is not None:
        fullmatch, pattern = spec.pattern.fullmatch, spec.pattern.pattern
        checks.append(lambda v, t: None if fullmatch(t) else f"{_show(t)} does not match {pattern}")
    if spec.minimum is not None:
        low = spec.minimum
        checks.append(lambda v, t: None if v >= low else f"{t} is below the minimum {low}")
    if spec.maximum is not None:
        high = spec.maximum
        checks.append(lambda v, t: None if v <= high else f"{t} is above the maximum {high}")
    if spec.max_length is not None:
        longest = spec.max_length
        checks.append(
            lambda v, t: (
                None
                if len(t) <= longest
                else f"{_show(t)} is longer than {longest} characters ({len(t)})"
            )
        )
    if spec.min_length is not None:
        shortest = spec.min_length
        checks.append(
            lambda v, t: (
                None if len(t) >= shortest else f"{_show(t)} is shorter than {shortest} characters"
            )
        )
    if spec.uri:
        checks.append(lambda v, t: None if _is_uri(t) else f"{_show(t)} is not a URI")
    return checks


def _parsed_date(text: str, memo: dict[str, PartialDate | str]) -> PartialDate | str:
    """The date ``text`` names, or the message saying why it is none; each text is
    parsed once per validation (``memo``), as dates repeat across rows."""
    found = memo.get(text)
    if found is None:
        try:
            found = parse_partial_date(text)
        except ValueError as error:
            found = str(error)
        memo[text] = found
    return found


def _date_problem(text: str, memo: dict[str, PartialDate | str]) -> str | None:
    found = _parsed_date(text, memo)
    return found if isinstance(found, str) else None


def _item_problems(
    spec: _Field, items: tuple[str, ...], text: str, dates: dict[str, PartialDate | str]
) -> Iterator[str]:
    seen: set[str] = set()
    checks = _constraint_checks(spec, dates) if items else []
    for item in items:
        if not item:
            yield f"empty item in {_show(text)} (items are separated by {spec.separator!r})"
            continue
        if item != item.strip():
            yield f"item {_show(item)} has spaces around it"
        if item in seen:
            yield f"item {_show(item)} is repeated"
        seen.add(item)
        for message_of in checks:
            message = message_of(item, item)
            if message is not None:
                yield f"item {message}"


def _is_uri(text: str) -> bool:
    if any(char.isspace() for char in text):
        return False
    parts = urlsplit(text)
    if not parts.scheme or not _URI_SCHEME.fullmatch(parts.scheme):
        return False
    if parts.scheme.lower() in {"http", "https", "ftp"}:
        return bool(parts.netloc)
    return bool(parts.netloc or parts.path)


def _check_unique(table: _Table, name: str, values: list[Any], report: _Report) -> None:
    first: dict[Any, int] = {}
    for line, value in zip(table.lines, values, strict=True):
        if value is None or value == ():
            continue
        if value in first:
            message = f"duplicate value {_show(value)} (first on line {first[value]})"
            report.add(table.file, line, name, message)
        else:
            first[value] = line


def _check_primary_key(table: _Table, report: _Report) -> None:
    key = table.resource.primary_key
    if not key or not all(name in table.columns for name in key):
        return
    keys: Sequence[Any] = (
        table.columns[key[0]]
        if len(key) == 1
        else list(zip(*(table.columns[name] for name in key), strict=True))
    )
    if len(set(keys)) == len(keys) and None not in keys:
        return  # the common case, settled in one pass
    first: dict[tuple[Any, ...], int] = {}
    rows = zip(*(table.columns[name] for name in key), strict=True)
    for line, values in zip(table.lines, rows, strict=True):
        if None in values:
            continue
        if values in first:
            shown = values[0] if len(values) == 1 else values
            message = f"duplicate {'/'.join(key)} {_show(shown)} (first on line {first[values]})"
            report.add(table.file, line, key[0], message)
        else:
            first[values] = line


# --- Checks across rows and tables ------------------------------------------------------


def _singular(table: str) -> str:
    name = table.replace("_", " ")
    return name[:-1] if name.endswith("s") else name


def _key_set(table: _Table, fields: list[str]) -> set[tuple[Any, ...]]:
    columns = [table.columns[name] for name in fields]
    return {values for values in zip(*columns, strict=True) if None not in values}


def _column(tables: dict[str, _Table], table: str, *fields: str) -> Iterator[tuple[Any, ...]]:
    """(line, value...) for each row of a readable table that has all the fields."""
    found = tables.get(table)
    if found is None or not found.readable or not all(f in found.columns for f in fields):
        return iter(())
    return zip(found.lines, *(found.columns[f] for f in fields), strict=True)


def _check_foreign_keys(tables: dict[str, _Table], report: _Report) -> None:
    for table in tables.values():
        if not table.readable:
            continue
        for fields, target, target_fields in table.resource.foreign_keys:
            other = tables.get(target)
            if other is None or not other.complete:
                continue  # a dropped row could hold the key: no guessing
            if not all(name in other.columns for name in target_fields):
                continue
            keys = _key_set(other, target_fields)
            what = _singular(target)
            if target_fields != other.resource.primary_key:
                what += " " + "/".join(target_fields)
            for line, *values in _column(tables, table.resource.name, *fields):
                if None in values or tuple(values) in keys:
                    continue
                shown = values[0] if len(values) == 1 else tuple(values)
                report.add(table.file, line, fields[0], f"unknown {what} {_show(shown)}")

    for (name, list_field), (target, key) in LIST_REFERENCES.items():
        other = tables.get(target)
        if other is None or not other.complete or key not in other.columns:
            continue
        keys = set(other.columns[key])
        for line, items in _column(tables, name, list_field):
            for item in items or ():
                if item and item not in keys:
                    message = f"unknown {_singular(target)} {_show(item)}"
                    report.add(tables[name].file, line, list_field, message)

    for (name, ref_field), (target, kind_field, kind) in KIND_REFERENCES.items():
        kinds = _keyed(tables, target, kind_field)
        for line, value in _column(tables, name, ref_field):
            if value in kinds and kinds[value] != kind:
                message = (
                    f"{_singular(target)} {_show(value)} is of {kind_field} "
                    f"{_show(kinds[value])}, not {_show(kind)}"
                )
                report.add(tables[name].file, line, ref_field, message)

    for (name, ref_field), (target, kind_field, kind) in EXCLUDED_KINDS.items():
        kinds = _keyed(tables, target, kind_field)
        for line, value in _column(tables, name, ref_field):
            if value in kinds and kinds[value] == kind:
                message = (
                    f"{_singular(target)} {_show(value)} is of {kind_field} {_show(kind)}, "
                    f"which {_singular(name)} rows may not name"
                )
                report.add(tables[name].file, line, ref_field, message)


def _keyed(tables: dict[str, _Table], table: str, field_name: str) -> dict[Any, Any]:
    """{key: field value} of a readable table with a one-field primary key, else {}."""
    found = tables.get(table)
    if found is None or not found.readable or len(found.resource.primary_key) != 1:
        return {}
    key = found.resource.primary_key[0]
    if key not in found.columns or field_name not in found.columns:
        return {}
    return dict(zip(found.columns[key], found.columns[field_name], strict=True))


def _check_rows(tables: dict[str, _Table], report: _Report) -> None:
    for name, first_field, later_field in ORDERED_FIELDS:
        for line, first, later in _column(tables, name, first_field, later_field):
            if first is None or later is None:
                continue
            if isinstance(first, str):
                start, end = _parsed_date(first, report.dates), _parsed_date(later, report.dates)
                # A bad date is reported already; compare days covered, not the texts.
                if (
                    isinstance(start, PartialDate)
                    and isinstance(end, PartialDate)
                    and start.first > end.last
                ):
                    message = f"{_show(later)} is before {first_field} {_show(first)}"
                    report.add(tables[name].file, line, later_field, message)
            elif first > later:
                message = f"{later} is less than {first_field} {first}"
                report.add(tables[name].file, line, later_field, message)

    for name, field_name, other in _DISTINCT_FIELDS:
        for line, value, other_value in _column(tables, name, field_name, other):
            if value is not None and value == other_value:
                message = f"{_show(value)} is the same as {other}"
                report.add(tables[name].file, line, field_name, message)

    for name, field_name, via, target, target_field in _COPIED_FIELDS:
        expected = _keyed(tables, target, target_field)
        for line, value, ref in _column(tables, name, field_name, via):
            if value is None or ref not in expected or expected[ref] is None:
                continue
            if value != expected[ref]:
                message = (
                    f"{value} differs from the {target_field} {expected[ref]} of "
                    f"{_singular(target)} {_show(ref)}"
                )
                report.add(tables[name].file, line, field_name, message)

    for name, magnitude, sign in _SIGNED_FIELDS:
        for line, value, sign_value in _column(tables, name, magnitude, sign):
            if value is None or sign_value is None:
                continue
            if (value > 0) - (value < 0) != sign_value:
                shown = _number_text(value)
                need = {1: "above 0", -1: "below 0", 0: "0"}.get(sign_value, "?")
                message = f"{shown} disagrees with {sign} {sign_value} (must be {need})"
                report.add(tables[name].file, line, magnitude, message)

    for name, field_name, wanted, required, forbidden in CONDITIONAL_FIELDS:
        for line, value, *others in _column(tables, name, field_name, *required, *forbidden):
            if value != wanted:
                continue
            file, when = tables[name].file, f"{field_name} is {_show(wanted)}"
            for other, other_value in zip(required, others[: len(required)], strict=True):
                if _is_missing(other_value):
                    report.add(file, line, other, f"missing value, required when {when}")
            for other, other_value in zip(forbidden, others[len(required) :], strict=True):
                if not _is_missing(other_value):
                    message = f"{_show(_cell(other_value))} must be empty when {when}"
                    report.add(file, line, other, message)

    for name, field_name, kind_field, kind in _KIND_ONLY_FIELDS:
        for line, value, row_kind in _column(tables, name, field_name, kind_field):
            if value is not None and row_kind is not None and row_kind != kind:
                message = f"{_show(value)} is set on a row of {kind_field} {_show(row_kind)}"
                report.add(tables[name].file, line, field_name, f"{message} ({kind} only)")


def _is_missing(value: Any) -> bool:
    return value is None or value == () or (isinstance(value, float) and math.isnan(value))


def _cell(value: Any) -> str:
    return _number_text(value) if isinstance(value, float) else str(value)


def _parsed_evidence(
    text: str, memo: dict[str, tuple[tuple[str, tuple[int, ...]], ...] | str]
) -> tuple[tuple[str, tuple[int, ...]], ...] | str:
    """The citations of an evidence cell, or the error message; each text is parsed once
    per validation (``memo``), as cells repeat."""
    found = memo.get(text)
    if found is None:
        try:
            found = parse_evidence(text)
        except ValueError as error:
            found = str(error)
        memo[text] = found
    return found


def _check_evidence(tables: dict[str, _Table], report: _Report) -> None:
    name, body_from, body_to = EVIDENCE_SOURCES
    bodies: dict[str, tuple[Any, Any]] | None = None
    cited = tables.get(name)
    if cited is not None and cited.complete and cited.resource.primary_key:
        key = cited.resource.primary_key[0]
        ids, lows, highs = (cited.columns.get(c) for c in (key, body_from, body_to))
        if ids is not None and lows is not None and highs is not None:
            bodies = {ident: (low, high) for ident, low, high in zip(ids, lows, highs, strict=True)}
    for table in tables.values():
        if "evidence" not in table.columns:
            continue
        for line, text in _column(tables, table.resource.name, "evidence"):
            if text is None:
                continue
            for part in text.split(";"):
                citation = _parsed_evidence(part, report.evidence)
                if isinstance(citation, str):
                    if "does not ascend" in citation:
                        report.add(table.file, line, "evidence", citation)
                    continue  # a malformed cell is reported by its pattern
                if bodies is not None:
                    _check_citation(table.file, line, citation[0], bodies, report)


def _check_citation(
    file: str,
    line: int,
    citation: tuple[str, tuple[int, ...]],
    bodies: dict[str, tuple[Any, Any]],
    report: _Report,
) -> None:
    source, paragraphs = citation
    if source not in bodies:
        report.add(file, line, "evidence", f"unknown source {_show(source)}")
        return
    low, high = bodies[source]
    if low is None or high is None or low > high:
        return  # a broken body range is reported on the source itself
    outside = [p for p in paragraphs if not low <= p <= high]
    if outside:
        shown = ", ".join(map(str, outside))
        verb = "paragraphs {} are" if len(outside) > 1 else "paragraph {} is"
        message = f"{verb.format(shown)} outside the body of {_show(source)} ({low}-{high})"
        report.add(file, line, "evidence", message)


# --- Canonical text -----------------------------------------------------------------------


def _sort_order(keys: Sequence[tuple[str, ...]]) -> list[int]:
    return sorted(range(len(keys)), key=keys.__getitem__)


def _column_text(spec: _Field, column: Sequence[Any]) -> list[str]:
    """Canonical text of each value of a column; plain str and int take a fast path."""
    cell_text = spec.cell_text
    if spec.separator is not None:
        separator = spec.separator
        return [separator.join(v) if type(v) is tuple else cell_text(v) for v in column]
    if spec.type == "string":
        return [v if type(v) is str else cell_text(v) for v in column]
    if spec.type == "integer":
        return [str(v) if type(v) is int else cell_text(v) for v in column]
    if spec.type == "boolean":
        yes, no = spec.true_values[0], spec.false_values[0]
        return [yes if v is True else no if v is False else cell_text(v) for v in column]
    return [_number_text(v) if type(v) is float else cell_text(v) for v in column]


def _canonical(resource: _Resource, columns: Sequence[Sequence[Any]]) -> str:
    """CSV text of typed columns (descriptor order), rows sorted by primary key."""
    fields = resource.fields
    texts = [_column_text(spec, column) for spec, column in zip(fields, columns, strict=True)]
    rows = list(zip(*texts, strict=True)) if texts and texts[0] else []
    names = [spec.name for spec in fields]
    return _csv_text(names, resource.primary_key, resource.dialect, rows)


def _csv_text(
    names: Sequence[str],
    primary_key: Sequence[str],
    dialect: Mapping[str, Any],
    rows: Sequence[Sequence[str]],
) -> str:
    """The canonical writer: header, then rows sorted by their key cells, in ``dialect``."""
    order = _key_order(names, primary_key, rows)
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        delimiter=dialect.get("delimiter", ","),
        quotechar=dialect.get("quoteChar", '"'),
        doublequote=dialect.get("doubleQuote", True),
        lineterminator=dialect.get("lineTerminator", "\n"),
    )
    writer.writerow(names)
    writer.writerows(rows[i] for i in order)
    return buffer.getvalue()


def _key_order(
    names: Sequence[str], primary_key: Sequence[str], rows: Sequence[Sequence[str]]
) -> list[int]:
    """Positions of ``rows`` in primary-key order (code points; a missing cell is "")."""
    positions = [names.index(name) for name in primary_key if name in names]
    if not positions:
        return list(range(len(rows)))
    return _sort_order([tuple(r[i] if i < len(r) else "" for i in positions) for r in rows])


def _schema_of(resource: Mapping[str, Any]) -> tuple[list[str], list[str], dict[str, Any]]:
    """Field names, primary key and dialect of a descriptor resource."""
    schema = resource["schema"]
    key = schema.get("primaryKey", [])
    names = [spec["name"] for spec in schema["fields"]]
    return names, [key] if isinstance(key, str) else list(key), dict(resource.get("dialect", {}))


def canonical_row_order(resource: Mapping[str, Any], rows: Sequence[Sequence[str]]) -> list[int]:
    """Return the order :func:`canonical_csv` writes rows in: by primary key, code points.

    Parameters
    ----------
    resource : mapping
        The table's resource in the descriptor.
    rows : sequence of sequence of str
        Cells as text, in descriptor order (a short row sorts as if its missing cells
        were empty).

    Returns
    -------
    list of int
        Positions in ``rows``; ties keep their order.

    Notes
    -----
    Cost O(r log r) for r rows.

    Examples
    --------
    >>> resource = {"schema": {"fields": [{"name": "id"}], "primaryKey": "id"}}
    >>> canonical_row_order(resource, [["b"], ["a"], ["B"]])
    [2, 1, 0]
    """
    names, key, _ = _schema_of(resource)
    return _key_order(names, key, rows)


def canonical_csv(resource: Mapping[str, Any], rows: Sequence[Sequence[str]]) -> str:
    """Return rows of text cells as canonical CSV text: the writer of ``format``.

    Parameters
    ----------
    resource : mapping
        The table's resource in the descriptor (fields, primary key, dialect).
    rows : sequence of sequence of str
        Cells as text, in descriptor order.

    Returns
    -------
    str
        The header in descriptor order, then the rows in :func:`canonical_row_order`,
        minimal quoting, the dialect's line terminator (default ``\\n``).

    Notes
    -----
    Cost O(cells + r log r). For typed tables use :func:`table_text`.

    Examples
    --------
    >>> resource = {"schema": {"fields": [{"name": "id"}, {"name": "note"}],
    ...             "primaryKey": "id"}}
    >>> print(canonical_csv(resource, [["b", "x, y"], ["a", ""]]), end="")
    id,note
    a,
    b,"x, y"
    """
    names, key, dialect = _schema_of(resource)
    return _csv_text(names, key, dialect, rows)


def _check_canonical(table: _Table, report: _Report) -> None:
    resource = table.resource
    columns = [table.columns[spec.name] for spec in resource.fields]
    expected = _canonical(resource, columns)
    if expected == table.text:
        return
    found = table.text.split("\n")
    wanted = expected.split("\n")
    pairs = enumerate(zip(found, wanted, strict=False), start=1)
    line = next((n for n, (a, b) in pairs if a != b), None)
    key = resource.primary_key[0] if resource.primary_key else None
    ids = [i for i in table.columns.get(key, [])] if key else []
    if line is None:  # one text is the other plus a tail
        line = min(len(found), len(wanted))
        tail = len(found) < len(wanted)
        reason = "no newline at the end of the file" if tail else "text after the last row"
    elif None not in ids and ids != sorted(ids):
        reason = f"rows are not sorted by {key}"
    else:
        reason = f"expected {_show(wanted[line - 1], 80)}"
    report.add_formatting(table.file, line, f"not in canonical formatting ({reason})")


def table_text(frame: pd.DataFrame, resource: dict[str, Any]) -> str:
    """Return the canonical CSV text of a typed table.

    Parameters
    ----------
    frame : DataFrame
        A table as :func:`load_dataset` returns it (indexed by its primary key).
    resource : dict
        Its resource in the descriptor.

    Returns
    -------
    str
        Header in descriptor order, rows sorted by primary key (code point order), minimal
        quoting, ``\\n`` line ends; integers plain, numbers in their shortest form without
        a trailing ``.0``, booleans ``true``/``false``, lists joined by their separator,
        missing values empty.

    Raises
    ------
    ValueError
        If the frame lacks a column of the resource; the message lists both.

    Notes
    -----
    Cost O(cells + rows log rows).

    Examples
    --------
    >>> ds = load_dataset()
    >>> text = table_text(ds.relation_types, ds.resource("relation_types"))
    >>> text == (ds.path / "relation_types.csv").read_text(encoding="utf-8")
    True
    """
    issues: list[DataIssue] = []
    _, _, spec = _compile_resource(resource, "resource", _Problems(issues))
    if spec is None:
        problems = "; ".join(map(str, issues)) or "not a tabular-data-resource"
        raise ValueError(f"malformed resource: {problems}")
    flat = frame.reset_index() if any(frame.index.names) else frame
    names = [f.name for f in spec.fields]
    absent = [name for name in names if name not in flat.columns]
    if absent:
        raise ValueError(f"table {spec.name!r} lacks columns {absent}; it has {list(flat.columns)}")
    columns = [flat[name].tolist() for name in names]
    return _canonical(spec, columns)


def write_table(frame: pd.DataFrame, resource: dict[str, Any], directory: Path) -> Path:
    """Write a typed table to ``directory`` in canonical text; return the file's path.

    The file is written only if its bytes would change, through a temporary file so an
    interrupted write never leaves half a table.

    Parameters
    ----------
    frame : DataFrame
        The table, as :func:`load_dataset` returns it.
    resource : dict
        Its resource in the descriptor (``path`` names the file).
    directory : Path
        The data folder.

    Returns
    -------
    Path

    Notes
    -----
    Cost O(cells + rows log rows).

    Examples
    --------
    >>> import tempfile
    >>> ds = load_dataset()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = write_table(ds.actors, ds.resource("actors"), Path(folder))
    ...     written.read_bytes() == (ds.path / "actors.csv").read_bytes()
    True
    """
    text = table_text(frame, resource)
    path = Path(directory) / resource["path"]
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return path
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return path


def save_dataset(dataset: Dataset, directory: Path) -> list[Path]:
    """Write every table of ``dataset`` to ``directory``, with its descriptor if none is there.

    Parameters
    ----------
    dataset : Dataset
    directory : Path
        Created if missing.

    Returns
    -------
    list of Path
        The table files, in descriptor order.

    Notes
    -----
    Loading the files written gives the dataset back, and saving a freshly loaded
    dataset reproduces its files byte for byte. Cost O(cells).

    Examples
    --------
    >>> import tempfile
    >>> ds = load_dataset()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = save_dataset(ds, Path(folder))
    ...     len(load_dataset(Path(folder)).relations) == len(ds.relations)
    True
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    descriptor_path = directory / DESCRIPTOR
    if not descriptor_path.is_file():
        text = json.dumps(dataset.descriptor, indent=2, ensure_ascii=False) + "\n"
        descriptor_path.write_text(text, encoding="utf-8")
    return [
        write_table(frame, dataset.resource(name), directory)
        for name, frame in dataset.tables().items()
    ]


# --- Entry points ---------------------------------------------------------------------


def _inspect(path: Path) -> tuple[_Report, dict[str, Any] | None, dict[str, _Table]]:
    report = _Report(path)
    if not path.is_dir():
        problem = "not a directory" if path.exists() else "no such data directory"
        report.add(str(path), None, None, problem)
        return report, None, {}
    descriptor = _read_descriptor(path, report.issues)
    if descriptor is None:
        return report, None, {}
    return _check_tables(report, descriptor, _Files(directory=path), formatting=True)


def _check_tables(
    report: _Report, descriptor: Any, files: _Files, *, formatting: bool
) -> tuple[_Report, dict[str, Any] | None, dict[str, _Table]]:
    """Compile the descriptor, read and check every table of ``files`` against it, and
    (with ``formatting``) whether each is in canonical formatting."""
    resources = _compile_resources(descriptor, report.issues)
    tables = {
        name: _read_table(files, resource, report)
        for name, resource in resources.items()
        # A table outside the dataset (the map's reference lengths) is checked where
        # it is present; a data folder may leave it out, as the map reads the shipped one.
        if name in DATASET_TABLES or files.exists(resource.file)
    }
    _check_foreign_keys(tables, report)
    _check_rows(tables, report)
    _check_evidence(tables, report)
    if formatting:
        for table in tables.values():
            if table.exact and not table.reformat:
                _check_canonical(table, report)
    return report, descriptor, tables


def validate(path: Path | str | None = None) -> list[DataIssue]:
    """Check a data folder against its descriptor; return every issue found.

    Parameters
    ----------
    path : Path or str, optional
        The data folder; default :func:`default_data_dir`.

    Returns
    -------
    list of DataIssue
        Sorted by file, then line; empty when the data is valid. Never raises for bad data:
        a missing folder, a broken descriptor or an unreadable file is an issue too.

    Notes
    -----
    Checks the descriptor's own shape (each problem placed at its JSON path in the
    issue's ``field``), then its types and constraints (required, unique, enum, pattern,
    minimum, maximum, length, URI), primary and foreign keys, list items, calendar dates,
    the rules of :data:`LIST_REFERENCES`, :data:`KIND_REFERENCES`,
    :data:`EXCLUDED_KINDS`, :data:`CONDITIONAL_FIELDS`, :data:`ORDERED_FIELDS`, signs and
    evidence, and that each file is in canonical formatting. Cost O(cells).

    Examples
    --------
    >>> validate()
    []
    >>> validate("/nonexistent")
    [DataIssue(file='/nonexistent', line=None, field=None, message='no such data directory')]
    """
    report, _, _ = _inspect(Path(path) if path is not None else default_data_dir())
    return report.all()


def _frame(resource: _Resource, table: _Table) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for spec in resource.fields:
        values = table.columns[spec.name]
        if spec.separator is not None or spec.type == "string":
            data[spec.name] = pd.Series(values, dtype=object)
        elif spec.type == "integer":
            data[spec.name] = pd.Series(values, dtype="int64" if spec.required else "Int64")
        elif spec.type == "number":
            data[spec.name] = pd.Series(
                [math.nan if v is None else v for v in values], dtype="float64"
            )
        else:
            data[spec.name] = pd.Series(values, dtype="bool" if spec.required else "boolean")
    frame = pd.DataFrame(data)
    key = resource.primary_key
    if key:
        frame = frame.set_index(key)
        if len(key) == 1:
            frame.index = pd.Index(frame.index, dtype=object, name=key[0])
    return frame


def load_dataset(path: Path | str | None = None) -> Dataset:
    """Load and check a data folder; return its typed tables.

    Parameters
    ----------
    path : Path or str, optional
        The data folder; default :func:`default_data_dir` (``$BORDERLINES_DATA`` or the
        shipped ``data/``).

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        If :func:`validate` finds any issue; ``.issues`` holds them all.

    Notes
    -----
    Cost O(cells): about 2 s of CPU for 10^5 relations (1.5 million cells).

    Examples
    --------
    >>> ds = load_dataset()
    >>> ds.actors.loc["iran", "kind"]
    'state'
    >>> load_dataset("/nonexistent")
    Traceback (most recent call last):
    ...
    graph.load.DataError: 1 issue in the data:
    /nonexistent: no such data directory
    """
    directory = Path(path) if path is not None else default_data_dir()
    report, descriptor, tables = _inspect(directory)
    issues = report.all()
    if issues:
        raise DataError(issues)
    assert descriptor is not None  # no issue means the descriptor was read
    frames = {name: _frame(tables[name].resource, tables[name]) for name in DATASET_TABLES}
    return Dataset(**frames, descriptor=descriptor, path=directory)


def load_tables(
    descriptor: dict[str, Any], files: Mapping[str, bytes], *, where: str = "<memory>"
) -> Dataset:
    """Check tables already read (an upload) against a descriptor; return their typed tables.

    The same checks as :func:`load_dataset`, on bytes instead of a folder, except canonical
    formatting (row order, quoting, number forms), which only a data folder must keep.

    Parameters
    ----------
    descriptor : dict
        The data package's descriptor (a :class:`Dataset`'s ``descriptor``).
    files : mapping of str to bytes
        Each table's CSV, by the path its resource names (``"actors.csv"``).
    where : str, default "<memory>"
        What the returned dataset's ``path`` names.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        With every issue, each naming the table's path, its line and field.

    Notes
    -----
    Cost O(cells), one pass: no folder is written, no table read twice.

    Examples
    --------
    >>> from pathlib import Path
    >>> ds = load_dataset()
    >>> files = {r["path"]: (Path(ds.path) / r["path"]).read_bytes()
    ...          for r in ds.descriptor["resources"] if r["name"] in DATASET_TABLES}
    >>> len(load_tables(ds.descriptor, files).relations) == len(ds.relations)
    True
    >>> files["relations.csv"] = files["relations.csv"].replace(b"R001,", b"R001,nobody-", 1)
    >>> load_tables(ds.descriptor, files)
    Traceback (most recent call last):
    ...
    graph.load.DataError: 1 issue in the data:
    relations.csv:2: source: unknown actor 'nobody-mohammad-hossein-bagheri'
    """
    report = _Report(Path(where))
    _, _, tables = _check_tables(report, descriptor, _Files(files=files), formatting=False)
    issues = report.all()
    if issues:
        raise DataError(issues)
    frames = {name: _frame(tables[name].resource, tables[name]) for name in DATASET_TABLES}
    return Dataset(**frames, descriptor=descriptor, path=Path(where))


def format_data(path: Path | str | None = None) -> list[str]:
    """Rewrite the tables of a data folder in canonical formatting.

    Parameters
    ----------
    path : Path or str, optional
        The data folder; default :func:`default_data_dir`.

    Returns
    -------
    list of str
        The files rewritten (empty when all were canonical already).

    Raises
    ------
    DataError
        If the data has issues other than formatting (BOM, CRLF, blank lines, order,
        quoting, number forms); nothing is written then.

    Notes
    -----
    Every row is kept: the rewrite re-serialises the typed rows, and the folder is checked
    again afterwards. Cost O(cells).

    Examples
    --------
    >>> import shutil, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     copy = shutil.copytree(default_data_dir(), Path(folder) / "data")
    ...     table = copy / "borders.csv"
    ...     header, *rows = table.read_text(encoding="utf-8").splitlines(keepends=True)
    ...     _ = table.write_text("".join([header, *reversed(rows)]), encoding="utf-8")
    ...     print(format_data(copy), format_data(copy))
    ['borders.csv'] []
    """
    directory = Path(path) if path is not None else default_data_dir()
    report, descriptor, tables = _inspect(directory)
    if report.issues:
        raise DataError(sorted(report.issues, key=issue_order))
    assert descriptor is not None
    rewritten = []
    for table in tables.values():
        text = _canonical(table.resource, [table.columns[f.name] for f in table.resource.fields])
        target = directory / table.file
        if target.read_bytes() != text.encode("utf-8"):
            temporary = target.with_name(target.name + ".tmp")
            temporary.write_bytes(text.encode("utf-8"))
            temporary.replace(target)
            rewritten.append(table.file)
    remaining = validate(directory)
    if remaining:
        raise DataError(remaining)
    return rewritten

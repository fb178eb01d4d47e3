"""Saved views and stories: small TOML files under ``data/views/``, validated like the data.

A *view* is what a reader sees on the page, written down: a title, a note, the filters (in
the query form of :meth:`graph.filters.FilterSpec.to_query`), an optional selection (an
actor or a relation id), an optional pair of dates to compare and an optional pair of
actors whose connections to show. It lives in ``data/views/<slug>.toml``::

    title = "The Tehran meeting of 27 October"
    note = "Who was invited to talk about Afghanistan."
    selection = "iran"
    compare = ["2021-10-18", "2021-10-27"]
    connect = ["turkey", "jaish-al-adl"]

    [filters]
    types = ["diplomatic_consultation"]
    on = "2021-10-27"

A *story* is an ordered list of views that presentation mode steps through like slides,
in ``data/views/stories/<slug>.toml``::

    title = "Iran and Pakistan, October 2021"
    views = [
      "whole-picture",
      "tehran-meeting",
    ]

Why TOML: the files are written by hand as often as by the page, so they take comments,
need no quotes around keys and no trailing-comma discipline, and Python reads them with the
standard library (:mod:`tomllib`). Python has no TOML writer, so :func:`view_text` and
:func:`story_text` write the one canonical form of these few keys themselves (long notes
wrapped with TOML's line-ending backslash, so diffs stay readable); a test proves that
reading what they write gives back the same view.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from graph.analysis.paths import connecting_paths
from graph.dates import parse_partial_date
from graph.filters import FilterSpec, apply_filters, explain_empty
from graph.load import DataError, DataIssue, default_data_dir, resolves_inside

__all__ = [
    "FILTER_KEYS",
    "MAX_FILE_BYTES",
    "STORIES_FOLDER",
    "Story",
    "View",
    "ViewsRead",
    "check_view",
    "default_views_dir",
    "load_stories",
    "load_views",
    "read_views",
    "save_story",
    "save_view",
    "slugify",
    "story_text",
    "story_views",
    "validate_views",
    "view_from_spec",
    "view_from_text",
    "view_text",
    "write_atomic",
]

#: Keys of a view's ``[filters]`` table, in the order they are written: those of
#: :meth:`graph.filters.FilterSpec.to_query`.
FILTER_KEYS: tuple[str, ...] = tuple(
    FilterSpec._QUERY_KEYS.get(f.name, f.name) for f in fields(FilterSpec)
)
#: Filter keys that hold several values (written as TOML arrays).
_LIST_KEYS = frozenset({"types", "signs", "kinds", "focus"})
#: Folder of the stories, inside the views folder.
STORIES_FOLDER = "stories"

_VIEW_KEYS = ("title", "note", "selection", "compare", "connect", "filters")
_STORY_KEYS = ("title", "note", "views")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOML_PLACE = re.compile(r"\(at line (\d+), column \d+\)")
_WRAP = 88  # characters per line of a wrapped note
#: Largest view or story file read, in bytes: a view written by the page is under 3 KB (a
#: title of 120 characters, a note of 2,000), a hand-written story of 100 views under 5 KB.
MAX_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class View:
    """A saved view: title, note, filters, selection and dates to compare.

    Attributes
    ----------
    slug : str
        The file's name without ``.toml``; lowercase words joined by ``-``.
    title : str
        Shown above the figures and in the story's list.
    note : str
        A few sentences for the reader, in our own words.
    filters : dict of str to list of str
        The filters in query form (:meth:`graph.filters.FilterSpec.to_query`), canonical:
        only non-default choices, values normalised.
    selection : str or None
        An actor id or a relation id to select.
    compare : (str, str) or None
        Two ISO dates (possibly partial) for "what changed", earlier first.
    connect : (str, str) or None
        Two different actor ids: the ways between them are shown and highlighted.

    Examples
    --------
    >>> view = View("military", "Military ties", filters={"types": ["military_cooperation"]})
    >>> view.spec()
    FilterSpec(types=('military_cooperation',), signs=None, kinds=None, on=None, \
date_from=None, date_to=None, min_confidence=None, min_grade=None, focus=(), hops=1, \
search='', keep_isolates=True, keep_undated=True)
    """

    slug: str
    title: str
    note: str = ""
    filters: Mapping[str, list[str]] = field(default_factory=dict)
    selection: str | None = None
    compare: tuple[str, str] | None = None
    connect: tuple[str, str] | None = None

    def spec(self) -> FilterSpec:
        """Return the view's filters as a :class:`graph.filters.FilterSpec`.

        Raises
        ------
        ValueError
            If a filter value is invalid (the message names it).

        Examples
        --------
        >>> View("v", "V", filters={"on": ["2021-10-27"]}).spec().on
        '2021-10-27'
        """
        return FilterSpec.from_query(self.filters)


@dataclass(frozen=True)
class Story:
    """An ordered list of views, stepped through like slides.

    Attributes
    ----------
    slug : str
        The file's name without ``.toml``.
    title : str
    note : str
    views : tuple of str
        View slugs, in the order they are shown.

    Examples
    --------
    >>> Story("brief", "A brief", views=("one", "two")).views
    ('one', 'two')
    """

    slug: str
    title: str
    note: str = ""
    views: tuple[str, ...] = ()


# --------------------------------------------------------------------------- paths, names


def default_views_dir(data_dir: Path | str | None = None) -> Path:
    """Return the views folder of a data folder (default: :func:`graph.load.default_data_dir`).

    Examples
    --------
    >>> default_views_dir("data").as_posix()
    'data/views'
    """
    return Path(data_dir if data_dir is not None else default_data_dir()) / "views"


def slugify(title: str) -> str:
    """Return a file-name slug for a title: ASCII lowercase words joined by ``-``.

    Raises
    ------
    ValueError
        If the title has no letter or digit that survives (the message names it).

    Examples
    --------
    >>> slugify("Iran\u2013Pakistan: military ties, Oct. 2021")
    'iran-pakistan-military-ties-oct-2021'
    """
    # accents fall away (é -> e); every other non-ASCII character separates words
    letters = (
        "" if unicodedata.combining(c) else c if c.isascii() else " "
        for c in unicodedata.normalize("NFKD", str(title))
    )
    slug = "-".join(re.findall(r"[a-z0-9]+", "".join(letters).lower()))[:60].strip("-")
    if not slug:
        raise ValueError(f"title {title!r} gives no file name; use some Latin letters or digits")
    return slug


def view_from_spec(
    title: str,
    spec: FilterSpec,
    *,
    note: str = "",
    selection: str | None = None,
    compare: tuple[str, str] | None = None,
    connect: tuple[str, str] | None = None,
    slug: str | None = None,
) -> View:
    """Return the view of the page's current state, ready for :func:`save_view`.

    Parameters
    ----------
    title : str
        Must not be blank.
    spec : FilterSpec
        The page's filters.
    note, selection, compare, connect, slug
        As in :class:`View`; the slug defaults to :func:`slugify` of the title.

    Returns
    -------
    View

    Raises
    ------
    ValueError
        If the title is blank, the slug is not a slug, a compare date does not parse, or
        ``connect`` is not two different ids.

    Examples
    --------
    >>> view = view_from_spec("Hostile ties", FilterSpec(signs=[-1], on="2021-10"))
    >>> view.slug, view.filters
    ('hostile-ties', {'signs': ['-1'], 'on': ['2021-10']})
    """
    if not str(title).strip():
        raise ValueError("a view needs a title")
    slug = slug if slug is not None else slugify(title)
    if not _SLUG.fullmatch(slug):
        raise ValueError(f"slug {slug!r} is not lowercase words joined by '-'")
    if compare is not None:
        compare = _compare_pair(compare)
    if connect is not None:
        connect = _connect_pair(connect)
    return View(
        slug=slug,
        title=str(title).strip(),
        note=str(note).strip(),
        filters=spec.to_query(),
        selection=selection or None,
        compare=compare,
        connect=connect,
    )


# --------------------------------------------------------------------------- writing


def _quoted(text: str) -> str:
    """A TOML basic string."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _string_value(text: str, indent: int) -> str:
    """A basic string, or for a long plain text a multi-line one wrapped at word breaks
    with line-ending backslashes (TOML drops the newline and the next line's indent)."""
    simple = " " not in text.strip() or "  " in text or text != text.strip()
    if indent + len(_quoted(text)) <= _WRAP or simple or any(c in text for c in "\n\r\t"):
        return _quoted(text)
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(_quoted(current + " " + word)) > _WRAP:
            lines.append(current + " ")
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    body = " \\\n".join(_quoted(line)[1:-1].rstrip(" ") for line in lines[:-1])
    return f'"""\\\n{body} \\\n{_quoted(lines[-1])[1:-1]}"""'


def _array(values: Iterable[str], *, one_per_line: bool = False) -> str:
    items = [_quoted(str(v)) for v in values]
    if one_per_line and items:
        return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
    return "[" + ", ".join(items) + "]"


def view_text(view: View) -> str:
    """Return the canonical TOML text of a view.

    Keys in the order ``title``, ``note``, ``selection``, ``compare``, ``connect``, then the
    ``[filters]`` table in :data:`FILTER_KEYS` order; multi-valued filters as arrays, the
    others as strings; empty and default values left out.

    Notes
    -----
    Cost O(size of the view).

    Examples
    --------
    >>> print(view_text(View("tehran", "Tehran meeting", filters={"on": ["2021-10-27"]})),
    ...       end="")
    title = "Tehran meeting"
    <BLANKLINE>
    [filters]
    on = "2021-10-27"
    """
    lines = [f"title = {_quoted(view.title)}"]
    if view.note:
        lines.append(f"note = {_string_value(view.note, len('note = '))}")
    if view.selection:
        lines.append(f"selection = {_quoted(view.selection)}")
    if view.compare:
        lines.append(f"compare = {_array(view.compare)}")
    if view.connect:
        lines.append(f"connect = {_array(view.connect)}")
    lines += ["", "[filters]"]
    for key in FILTER_KEYS:
        if key not in view.filters:
            continue
        values = [v for v in view.filters[key] if v != ""]
        if key in _LIST_KEYS:
            lines.append(f"{key} = {_array(values)}")
        elif values:
            lines.append(f"{key} = {_quoted(values[-1])}")
    return "\n".join(lines) + "\n"


def story_text(story: Story) -> str:
    """Return the canonical TOML text of a story (one view per line).

    Examples
    --------
    >>> print(story_text(Story("s", "Brief", views=("a", "b"))), end="")
    title = "Brief"
    views = [
      "a",
      "b",
    ]
    """
    lines = [f"title = {_quoted(story.title)}"]
    if story.note:
        lines.append(f"note = {_string_value(story.note, len('note = '))}")
    lines.append(f"views = {_array(story.views, one_per_line=True)}")
    return "\n".join(lines) + "\n"


def save_view(view: View, directory: Path | str | None = None, *, overwrite: bool = False) -> Path:
    """Write a view to ``<directory>/<slug>.toml`` and return the path.

    Parameters
    ----------
    view : View
    directory : path-like, optional
        The views folder; default :func:`default_views_dir`. Created if missing.
    overwrite : bool, default False
        Replace a view of the same slug.

    Raises
    ------
    FileExistsError
        If the file exists and ``overwrite`` is False.
    ValueError
        If the slug is not a slug.

    Notes
    -----
    Cost O(size of the view).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_view(View("hostile", "Hostile ties", filters={"signs": ["-1"]}), folder)
    ...     path.name, load_views(folder)["hostile"].spec().signs
    ('hostile.toml', (-1,))
    """
    folder = Path(directory) if directory is not None else default_views_dir()
    return _write_toml(view.slug, view_text(view), folder, overwrite, kind="view")


def save_story(
    story: Story, directory: Path | str | None = None, *, overwrite: bool = False
) -> Path:
    """Write a story to ``<directory>/stories/<slug>.toml`` and return the path.

    Raises
    ------
    FileExistsError
        If the file exists and ``overwrite`` is False.
    ValueError
        If the slug is not a slug.

    Notes
    -----
    Cost O(size of the story).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_story(Story("brief", "Brief", views=("a", "b")), folder)
    ...     path.relative_to(folder).as_posix()
    'stories/brief.toml'
    """
    folder = (Path(directory) if directory is not None else default_views_dir()) / STORIES_FOLDER
    return _write_toml(story.slug, story_text(story), folder, overwrite, kind="story")


def _write_toml(slug: str, text: str, folder: Path, overwrite: bool, *, kind: str) -> Path:
    """Write ``text`` to ``<folder>/<slug>.toml`` (the folder made if missing), atomically.

    ValueError if ``slug`` is not a slug (checked before anything is made);
    FileExistsError naming the ``kind`` ("view", "story") if the file exists and
    ``overwrite`` is False. See :func:`write_atomic`.
    """
    if not _SLUG.fullmatch(slug):
        raise ValueError(f"slug {slug!r} is not lowercase words joined by '-'")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.toml"
    try:
        write_atomic(path, text.encode("utf-8"), overwrite=overwrite)
    except FileExistsError:
        raise FileExistsError(f"a {kind} named {slug!r} exists already: {path}") from None
    return path


def write_atomic(path: Path | str, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` so that a reader only ever sees the old or the new file.

    The bytes go to a hidden temporary file beside ``path`` (``.name.XXXX.tmp``, never
    ``*.toml``, so no reader lists it), are flushed to disk, then take the name in one
    step: :func:`os.replace` when ``overwrite``, else :func:`os.link`, which fails if the
    name exists, so two writers that both refuse to overwrite cannot both succeed. A
    process killed at any moment leaves the old file or the new one, never an empty or
    partial one (at worst a stray temporary file).

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is False.
    OSError
        If the folder cannot be written (full disk, permissions); ``path`` is unchanged.

    Notes
    -----
    Cost O(len(data)) plus two ``fsync`` calls (a few milliseconds on a disk).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_atomic(Path(folder) / "a.toml", b'title = "A"\\n')
    ...     try:
    ...         write_atomic(path, b'title = "B"\\n')
    ...     except FileExistsError:
    ...         print("kept:", path.read_text())
    kept: title = "A"
    <BLANKLINE>
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # atomic "create if absent"
            os.unlink(temporary)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk, so a new name survives a power cut (POSIX)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open a folder; its rename is durable enough
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# --------------------------------------------------------------------------- reading


class _Reader:
    """Reads one view or story, from its file or its text, and records its issues with
    their lines (in ``issues``, shared by the caller)."""

    def __init__(
        self,
        label: str,
        issues: list[DataIssue],
        path: Path | None = None,
        root: Path | None = None,
    ) -> None:
        self.label, self.issues, self.path, self.root = label, issues, path, root
        self.text = ""
        self.lines: dict[tuple[str, str], int] = {}

    def issue(self, field: str | None, message: str, line: int | None = None) -> None:
        if line is None and field is not None:
            table, _, key = field.rpartition(".")
            line = self.lines.get((table, key))
        self.issues.append(DataIssue(self.label, line, field, message))

    def read(self) -> dict[str, Any] | None:
        """The file's TOML, or None (with an issue) if it cannot be read."""
        assert self.path is not None
        if not _SLUG.fullmatch(self.path.stem):
            self.issue(None, "file name must be lowercase words joined by '-', ending .toml")
        if self.root is not None and not resolves_inside(self.path, self.root):
            self.issue(None, f"refused: the file leads outside {self.root.name or 'its folder'}/")
            return None
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.issue(None, f"too large to be a view ({size:,} bytes; at most "
                           f"{MAX_FILE_BYTES:,})")  # fmt: skip
                return None
            self.text = self.path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            self.issue(None, f"not UTF-8 text (byte {error.start})")
            return None
        except OSError as error:
            self.issue(None, f"cannot read: {error.strerror}")
            return None
        return self.parse(self.text)

    def parse(self, text: str) -> dict[str, Any] | None:
        """The TOML of ``text``, or None (with an issue naming the line) if it is not TOML."""
        self.text = text
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = _TOML_PLACE.search(str(error))
            message = _TOML_PLACE.sub("", str(error)).strip()
            line = int(found.group(1)) if found else text.count("\n") + 1  # "at end of document"
            self.issue(None, f"not valid TOML: {message}", line)
            return None
        except RecursionError:  # tomllib recurses once per level of nested arrays or tables
            self.issue(None, "not readable: values nested too deeply", _deepest_line(text))
            return None
        except MemoryError:
            self.issue(None, "not readable: too large to hold in memory")
            return None
        self.lines = _key_lines(text)
        return data

    def line_of(self, text: str, after: int | None) -> int | None:
        """First line at or after ``after`` that holds ``text``."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if (after is None or number >= after) and text in line:
                return number
        return after

    def string(self, data: Mapping[str, Any], key: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.issue(key, f"missing {key}", line=1)
            return ""
        if not isinstance(value, str):
            self.issue(key, f"{key} must be text, not {_toml_type(value)}")
            return ""
        if required and not value.strip():
            self.issue(key, f"{key} is empty")
        return value.strip()

    def unknown_keys(self, data: Mapping[str, Any], known: Iterable[str], table: str = "") -> None:
        allowed = list(known)
        for key in data:
            if key not in allowed:
                where = f"{table}.{key}" if table else key
                self.issue(where, f"unknown key {key!r}; known: {', '.join(allowed)}")


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """Line of each ``key =`` in a simple TOML file, by (table, key)."""
    found: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\s*([A-Za-z0-9_.-]+)\s*\]", stripped)
        if header:
            table = header.group(1)
            found.setdefault(("", table), number)
            continue
        key = re.match(r"([A-Za-z0-9_-]+)\s*=", stripped)
        if key:
            found.setdefault((table, key.group(1)), number)
    return found


def _deepest_line(text: str) -> int | None:
    """Line where the nesting of ``[`` and ``{`` (outside strings, roughly) is deepest."""
    depth = deepest = 0
    line = where = 1
    for char in text:
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, line
        elif char in "]}":
            depth -= 1
    return where if deepest else None


def _toml_type(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _compare_pair(value: Any) -> tuple[str, str]:
    if isinstance(value, str) or not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f'compare must be two dates, like ["2017", "2021-10-27"], not {value!r}')
    first, second = (str(v) for v in value)
    try:
        a, b = parse_partial_date(first), parse_partial_date(second)
    except ValueError as error:
        raise ValueError(f"compare: {error}") from None
    if a.first > b.first:
        raise ValueError(f"compare: {first} comes after {second}; put the earlier date first")
    return first, second


def _connect_pair(value: Any) -> tuple[str, str]:
    if (
        isinstance(value, str)
        or not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, str) and _SLUG.fullmatch(v) for v in value)
    ):
        raise ValueError(
            f'connect must be two actor ids, like ["turkey", "jaish-al-adl"], not {value!r}'
        )
    if value[0] == value[1]:
        raise ValueError(f"connect: choose two different actors, not {value[0]!r} twice")
    return str(value[0]), str(value[1])


def _read_view(reader: _Reader, data: Mapping[str, Any], slug: str) -> View:
    reader.unknown_keys(data, _VIEW_KEYS)
    title = reader.string(data, "title", required=True)
    note = reader.string(data, "note")
    selection = reader.string(data, "selection") or None
    compare = None
    if "compare" in data:
        try:
            compare = _compare_pair(data["compare"])
        except ValueError as error:
            reader.issue("compare", str(error))
    connect = None
    if "connect" in data:
        try:
            connect = _connect_pair(data["connect"])
        except ValueError as error:
            reader.issue("connect", str(error))
    raw = data.get("filters", {})
    query: dict[str, list[str]] = {}
    if not isinstance(raw, dict):
        reader.issue("filters", f"filters must be a table ([filters]), not {_toml_type(raw)}")
        raw = {}
    reader.unknown_keys(raw, FILTER_KEYS, table="filters")
    for key, value in raw.items():
        if key not in FILTER_KEYS:
            continue
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
            reader.issue(f"filters.{key}", f"{key} must be text or an array of text")
            continue
        try:
            FilterSpec.from_query({key: [str(v) for v in values] or [""]})
        except (ValueError, TypeError) as error:
            reader.issue(f"filters.{key}", str(error))
            continue
        query[key] = [str(v) for v in values] or [""]
    try:
        filters = FilterSpec.from_query(query).to_query()
    except (ValueError, TypeError) as error:  # a combination: "on" with "from"
        reader.issue("filters", str(error), line=reader.lines.get(("", "filters")))
        filters = {}
    return View(slug, title, note, filters, selection, compare, connect)


def _read_story(reader: _Reader, data: Mapping[str, Any], slug: str) -> Story:
    reader.unknown_keys(data, _STORY_KEYS)
    title = reader.string(data, "title", required=True)
    note = reader.string(data, "note")
    views = data.get("views")
    slugs: list[str] = []
    if views is None:
        reader.issue("views", "missing views (an array of view names)", line=1)
    elif not isinstance(views, list) or not all(isinstance(v, str) for v in views):
        reader.issue("views", "views must be an array of view names")
    elif not views:
        reader.issue("views", "a story needs at least one view")
    else:
        slugs = list(views)
    return Story(slug, title, note, tuple(slugs))


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.toml") if p.is_file() or p.is_symlink())


@dataclass
class _Folder:
    """Everything read from a views folder: each file's view or story, its reader (with
    the file's own issues and lines), and the issues of the stories' references."""

    views: dict[str, View] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    readers: dict[str, _Reader] = field(default_factory=dict)

    def issues(self) -> list[DataIssue]:
        found = [issue for reader in self.readers.values() for issue in reader.issues]
        return sorted(found, key=_issue_key)

    def good(self) -> ViewsRead:
        """The views and stories without issues, and the issues of those left out."""
        views = {s: v for s, v in self.views.items() if not self.readers[f"view:{s}"].issues}
        stories: dict[str, Story] = {}
        for slug, story in self.stories.items():
            reader = self.readers[f"story:{slug}"]
            missing = [name for name in story.views if name not in views]
            if not reader.issues and missing:  # present, but left out above
                start = reader.lines.get(("", "views"))
                reader.issue(
                    "views",
                    f"left out: its view {missing[0]!r} could not be read",
                    line=reader.line_of(f'"{missing[0]}"', start),
                )
            if not reader.issues:
                stories[slug] = story
        return ViewsRead(views, stories, self.issues())


def _read_all(directory: Path) -> _Folder:
    """Read every view and story file of a folder, each on its own."""
    base = directory.name or "views"
    found = _Folder()
    for kind, folder, prefix in (
        ("view", directory, f"{base}/"),
        ("story", directory / STORIES_FOLDER, f"{base}/{STORIES_FOLDER}/"),
    ):
        for path in _files(folder):
            reader = _Reader(f"{prefix}{path.name}", [], path=path, root=directory)
            found.readers[f"{kind}:{path.stem}"] = reader
            data = reader.read()
            if data is None:
                continue
            if kind == "view":
                found.views[path.stem] = _read_view(reader, data, path.stem)
            else:
                found.stories[path.stem] = _read_story(reader, data, path.stem)
    names = {p.stem for p in _files(directory)}
    for slug, story in found.stories.items():
        reader = found.readers[f"story:{slug}"]
        start = reader.lines.get(("", "views"))
        for name in story.views:
            if name not in names:
                known = ", ".join(sorted(names)) or "none"
                reader.issue(
                    "views",
                    f"unknown view {name!r}; views: {known}",
                    line=reader.line_of(f'"{name}"', start),
                )
    return found


class ViewsRead(NamedTuple):
    """What :func:`read_views` found: the good views and stories, and why others were
    left out."""

    views: dict[str, View]
    stories: dict[str, Story]
    issues: list[DataIssue]


def read_views(directory: Path | str | None = None) -> ViewsRead:
    """Return the views and stories of a folder that can be read, and the issues of the
    files left out; never raises.

    Each file is read on its own, so one bad file (empty, half written, not TOML, nested
    too deeply, a link out of the folder) never hides the others: it is left out and its
    issues say why, with the file and line. A story is left out when it names a view that
    is missing or left out. This is how the page reads views; :func:`load_views` is the
    strict reading, :func:`validate_views` the full check.

    Parameters
    ----------
    directory : path-like, optional
        The views folder; default :func:`default_views_dir`. A missing folder holds no
        views.

    Returns
    -------
    ViewsRead
        ``views`` and ``stories`` by slug (in slug order) and ``issues`` sorted by file and
        line.

    Notes
    -----
    Cost O(total size of the files); a file is read only up to :data:`MAX_FILE_BYTES`.

    Examples
    --------
    >>> import shutil, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     views = shutil.copytree(default_views_dir(), Path(folder) / "views")
    ...     _ = (views / "zz.toml").write_text("")
    ...     found = read_views(views)
    >>> len(found.views), list(found.stories), [str(issue) for issue in found.issues]
    (7, ['iran-pakistan-2021'], ['views/zz.toml:1: title: missing title'])
    """
    return _read_all(_folder(directory)).good()


def load_views(directory: Path | str | None = None) -> dict[str, View]:
    """Return the saved views of a folder, by slug (in slug order).

    Parameters
    ----------
    directory : path-like, optional
        The views folder; default :func:`default_views_dir`. A missing folder holds no
        views.

    Returns
    -------
    dict of str to View

    Raises
    ------
    graph.load.DataError
        If a view or story file is malformed (all issues listed; checks against the data
        are :func:`validate_views`'s).

    Notes
    -----
    Cost O(total size of the files).

    Examples
    --------
    >>> views = load_views()
    >>> "whole-picture" in views
    True
    """
    found = _read_all(_folder(directory))
    if issues := found.issues():
        raise DataError(issues)
    return found.views


def load_stories(directory: Path | str | None = None) -> dict[str, Story]:
    """Return the stories of a views folder, by slug (in slug order).

    Raises
    ------
    graph.load.DataError
        If a view or story file is malformed, or a story names a view that does not
        exist.

    Notes
    -----
    Cost O(total size of the files).

    Examples
    --------
    >>> load_stories()["iran-pakistan-2021"].views[0]
    'whole-picture'
    """
    found = _read_all(_folder(directory))
    if issues := found.issues():
        raise DataError(issues)
    return found.stories


def story_views(story: Story, views: Mapping[str, View]) -> list[View]:
    """Return the views of a story, in its order.

    Raises
    ------
    KeyError
        If the story names a view not in ``views`` (the message lists those there are).

    Examples
    --------
    >>> views = {"a": View("a", "A"), "b": View("b", "B")}
    >>> [v.title for v in story_views(Story("s", "S", views=("b", "a")), views)]
    ['B', 'A']
    """
    missing = [slug for slug in story.views if slug not in views]
    if missing:
        raise KeyError(
            f"story {story.slug!r} names unknown view {missing[0]!r}; views: "
            f"{', '.join(sorted(views)) or 'none'}"
        )
    return [views[slug] for slug in story.views]


def _folder(directory: Path | str | None) -> Path:
    return Path(directory) if directory is not None else default_views_dir()


def _issue_key(issue: DataIssue) -> tuple[str, int, str, str]:
    return issue.file, issue.line or 0, issue.field or "", issue.message


# --------------------------------------------------------------------------- validation


def view_from_text(
    text: str, slug: str, *, label: str | None = None
) -> tuple[View | None, list[DataIssue]]:
    """Read a view from its TOML text, by the rules of a view file.

    Parameters
    ----------
    text : str
        The TOML, as :func:`view_text` writes it or a person does.
    slug : str
        The view's name (a file's name without ``.toml``).
    label : str, optional
        What to call it in issues (default ``<slug>.toml``).

    Returns
    -------
    (View or None, list of graph.load.DataIssue)
        The view, or None if the text is not TOML; and every issue, with its line.

    Examples
    --------
    >>> view, issues = view_from_text('title = "Hostile"\\n[filters]\\nsigns = ["-1"]\\n', "h")
    >>> view.spec().signs, issues
    ((-1,), [])
    >>> view_from_text('note = "x"\\n', "h")[1][0].message
    'missing title'
    """
    issues: list[DataIssue] = []
    reader = _Reader(label or f"{slug}.toml", issues)
    if not _SLUG.fullmatch(slug):
        reader.issue(None, f"name {slug!r} is not lowercase words joined by '-'")
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        reader.issue(None, f"too large to be a view (at most {MAX_FILE_BYTES:,} bytes)")
        return None, issues
    data = reader.parse(text)
    if data is None:
        return None, sorted(issues, key=_issue_key)
    view = _read_view(reader, data, slug)
    return view, sorted(issues, key=_issue_key)


def check_view(
    view: View, G: nx.MultiDiGraph | None = None, *, label: str | None = None
) -> list[DataIssue]:
    """Return every issue :func:`validate_views` would find in ``view`` saved as a file.

    The view is written as :func:`view_text` writes it and read back by the rules of a
    view file, then, with ``G``, checked against the data: what a reader saves in the page
    passes ``python -m graph validate`` once promoted to the data folder.

    Parameters
    ----------
    view : View
    G : networkx.MultiDiGraph, optional
        The full relationship graph the view is for.
    label : str, optional
        What to call the view in issues (default ``<slug>.toml``).

    Returns
    -------
    list of graph.load.DataIssue
        Empty when the view is good.

    Notes
    -----
    Cost O(size of the view), plus O(n + m) with ``G`` (one filtering).

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.load import load_dataset
    >>> G = build_graph(load_dataset())
    >>> check_view(View("hostile", "Hostile ties", filters={"signs": ["-1"]}), G)
    []
    >>> [issue.message for issue in check_view(View("x", "X", selection="nobody"), G)]
    ["unknown actor or relation 'nobody'"]
    """
    issues: list[DataIssue] = []
    reader = _Reader(label or f"{view.slug}.toml", issues)
    read, found = view_from_text(view_text(view), view.slug, label=reader.label)
    issues.extend(found)
    if read is not None and not issues and G is not None:
        reader.lines = _key_lines(view_text(view))
        _check_against_graph(reader, read, G)
    return sorted(issues, key=_issue_key)


def validate_views(
    directory: Path | str | None = None, G: nx.MultiDiGraph | None = None
) -> list[DataIssue]:
    """Return every issue of the saved views and stories of a folder; never raises.

    Checks each file's name, encoding and TOML; a view's keys, title, note, selection,
    compare dates and filters (known keys, valid values); a story's title and views
    (each must name a view file). With the graph ``G`` of the data, also: relation types,
    actor kinds and focus actors exist; the selection is an actor or a relation of the
    view; and the view shows at least one relation.

    Parameters
    ----------
    directory : path-like, optional
        The views folder; default :func:`default_views_dir`. A missing folder has no
        issues.
    G : networkx.MultiDiGraph, optional
        The full relationship graph (:func:`graph.build.build_graph`).

    Returns
    -------
    list of graph.load.DataIssue
        Files named relative to the data folder (``views/tehran.toml``), with the line of
        the key at fault where it can be found; sorted by file and line.

    Notes
    -----
    Cost O(total size of the files), plus O(n + m) per view with ``G``.

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.load import load_dataset
    >>> validate_views(G=build_graph(load_dataset()))
    []
    """
    found = _read_all(_folder(directory))
    if G is not None:
        for slug, view in found.views.items():
            _check_against_graph(found.readers[f"view:{slug}"], view, G)
    return found.issues()


def _check_against_graph(reader: _Reader, view: View, G: nx.MultiDiGraph) -> None:
    spec = view.spec()
    problems = False
    types = G.graph.get("relation_types") or {}
    for kind in spec.types or ():
        if kind not in types:
            reader.issue("filters.types", f"unknown relation type {kind!r}")
            problems = True
    kinds = G.graph.get("actor_kinds") or ()
    for kind in spec.kinds or ():
        if kind not in kinds:
            reader.issue("filters.kinds", f"unknown actor kind {kind!r}; known: {', '.join(kinds)}")
            problems = True
    for actor in spec.focus:
        if actor not in G:
            reader.issue("filters.focus", f"unknown actor {actor!r}")
            problems = True
    relation_ids = {str(d.get("id") or k) for _, _, k, d in G.edges(keys=True, data=True)}
    if view.selection and view.selection not in G and view.selection not in relation_ids:
        reader.issue("selection", f"unknown actor or relation {view.selection!r}")
        problems = True
    for actor in view.connect or ():
        if actor not in G:
            reader.issue("connect", f"unknown actor {actor!r}")
            problems = True
    if problems:
        return
    H = apply_filters(G, spec)
    if H.number_of_edges() == 0:
        reader.issue(
            "filters",
            f"the view shows no relations: {explain_empty(G, spec) or 'nothing matches'}",
            line=reader.lines.get(("", "filters")),
        )
        return
    if view.selection:
        shown = {str(d.get("id") or k) for _, _, k, d in H.edges(keys=True, data=True)}
        if view.selection not in H and view.selection not in shown:
            reader.issue("selection", f"{view.selection!r} is not in the view its filters give")
    if view.connect:
        try:
            connecting_paths(H, *view.connect, limit=1)
        except (nx.NodeNotFound, nx.NetworkXNoPath):
            first, second = view.connect
            reader.issue(
                "connect", f"no relations in the view's filters join {first!r} and {second!r}"
            )

"""The reader of view and story files, private to :mod:`graph.views`: one file's TOML,
its keys checked with their lines, and a whole folder read file by file."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.filters import FilterSpec
from graph.i18n import N_
from graph.i18n import gettext as _
from graph.load import DataIssue, issue_order, resolves_inside
from graph.views._common import _SLUG, _compare_pair, _connect_pair
from graph.views.model import FILTER_KEYS, MAX_FILE_BYTES, STORIES_FOLDER, Story, View, ViewsRead

_VIEW_KEYS = ("title", "note", "title_ar", "note_ar", "selection", "compare", "connect", "filters")
_STORY_KEYS = ("title", "note", "title_ar", "note_ar", "views")
_TOML_PLACE = re.compile(r"\(at line (\d+), column \d+\)")


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
            table, _dot, key = field.rpartition(".")
            line = self.lines.get((table, key))
        self.issues.append(DataIssue(self.label, line, field, message))

    def read(self) -> dict[str, Any] | None:
        """The file's TOML, or None (with an issue) if it cannot be read."""
        assert self.path is not None
        if not _SLUG.fullmatch(self.path.stem):
            self.issue(None, _("file name must be lowercase words joined by '-', ending .toml"))
        if self.root is not None and not resolves_inside(self.path, self.root):
            if self.root.name:
                message = _("refused: the file leads outside {folder}/").format(
                    folder=self.root.name
                )
            else:
                message = _("refused: the file leads outside its folder/")
            self.issue(None, message)
            return None
        try:
            size = self.path.stat().st_size
            if size > MAX_FILE_BYTES:
                message = _("too large to be a view ({size} bytes; at most {limit})")
                self.issue(None, message.format(size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}"))
                return None
            self.text = self.path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            self.issue(None, _("not UTF-8 text (byte {position})").format(position=error.start))
            return None
        except OSError as error:
            self.issue(None, _("cannot read: {reason}").format(reason=error.strerror))
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
            self.issue(None, _("not valid TOML: {reason}").format(reason=message), line)
            return None
        except RecursionError:  # tomllib recurses once per level of nested arrays or tables
            message = _("not readable: values nested too deeply")
            self.issue(None, message, _deepest_line(text))
            return None
        except MemoryError:
            self.issue(None, _("not readable: too large to hold in memory"))
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
                self.issue(key, _("missing {key}").format(key=key), line=1)
            return ""
        if not isinstance(value, str):
            message = _("{key} must be text, not {type}")
            self.issue(key, message.format(key=key, type=_toml_type(value)))
            return ""
        if required and not value.strip():
            self.issue(key, _("{key} is empty").format(key=key))
        return value.strip()

    def pair(
        self,
        data: Mapping[str, Any],
        key: str,
        read: Callable[[Any], tuple[str, str]],
    ) -> tuple[str, str] | None:
        """``read(data[key])``, or None when the key is absent or (with an issue) when
        ``read`` refuses the value."""
        if key not in data:
            return None
        try:
            return read(data[key])
        except ValueError as error:
            self.issue(key, str(error))
            return None

    def unknown_keys(self, data: Mapping[str, Any], known: Iterable[str], table: str = "") -> None:
        allowed = list(known)
        for key in data:
            if key not in allowed:
                where = f"{table}.{key}" if table else key
                message = _("unknown key {key}; known: {known}")
                self.issue(where, message.format(key=repr(key), known=", ".join(allowed)))


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


#: A TOML value's type as a message names it (a type not listed by its Python name).
_TOML_TYPES: dict[type, str] = {
    bool: N_("a boolean"),
    int: N_("a number"),
    float: N_("a number"),
    list: N_("an array"),
    dict: N_("a table"),
}


def _toml_type(value: Any) -> str:
    """The type of ``value`` in the current language: ``a number``, ``an array``..."""
    named = _TOML_TYPES.get(type(value))
    return _(named) if named is not None else type(value).__name__


def _read_view(reader: _Reader, data: Mapping[str, Any], slug: str) -> View:
    reader.unknown_keys(data, _VIEW_KEYS)
    title = reader.string(data, "title", required=True)
    note = reader.string(data, "note")
    selection = reader.string(data, "selection") or None
    compare = reader.pair(data, "compare", _compare_pair)
    connect = reader.pair(data, "connect", _connect_pair)
    raw = data.get("filters", {})
    query: dict[str, list[str]] = {}
    if not isinstance(raw, dict):
        message = _("filters must be a table ([filters]), not {type}")
        reader.issue("filters", message.format(type=_toml_type(raw)))
        raw = {}
    reader.unknown_keys(raw, FILTER_KEYS, table="filters")
    for key, value in raw.items():
        if key not in FILTER_KEYS:
            continue
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
            message = _("{key} must be text or an array of text").format(key=key)
            reader.issue(f"filters.{key}", message)
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
    arabic = {
        "title_ar": reader.string(data, "title_ar"),
        "note_ar": reader.string(data, "note_ar"),
    }
    return View(slug, title, note, filters, selection, compare, connect, **arabic)


def _read_story(reader: _Reader, data: Mapping[str, Any], slug: str) -> Story:
    reader.unknown_keys(data, _STORY_KEYS)
    title = reader.string(data, "title", required=True)
    note = reader.string(data, "note")
    views = data.get("views")
    slugs: list[str] = []
    if views is None:
        reader.issue("views", _("missing views (an array of view names)"), line=1)
    elif not isinstance(views, list) or not all(isinstance(v, str) for v in views):
        reader.issue("views", _("views must be an array of view names"))
    elif not views:
        reader.issue("views", _("a story needs at least one view"))
    else:
        slugs = list(views)
    arabic = {
        "title_ar": reader.string(data, "title_ar"),
        "note_ar": reader.string(data, "note_ar"),
    }
    return Story(slug, title, note, tuple(slugs), **arabic)


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
        return sorted(found, key=issue_order)

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
                    _("left out: its view {name} could not be read").format(name=repr(missing[0])),
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
                if names:
                    message = _("unknown view {name}; views: {known}").format(
                        name=repr(name), known=", ".join(sorted(names))
                    )
                else:
                    message = _("unknown view {name}; views: none").format(name=repr(name))
                reader.issue(
                    "views",
                    message,
                    line=reader.line_of(f'"{name}"', start),
                )
    return found

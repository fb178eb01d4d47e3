"""What a view and a story are, and where they live: their types, keys and folder.

See :mod:`graph.views` for the files' form.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import NamedTuple, TypeVar

from graph.filters import FilterSpec
from graph.i18n import LANGUAGES
from graph.load import DataIssue, default_data_dir

__all__ = [
    "FILTER_KEYS",
    "MAX_FILE_BYTES",
    "STORIES_FOLDER",
    "Story",
    "View",
    "ViewsRead",
    "default_views_dir",
    "in_language",
    "slugify",
]

#: Keys of a view's ``[filters]`` table, in the order they are written: those of
#: :meth:`graph.filters.FilterSpec.to_query`.
FILTER_KEYS: tuple[str, ...] = tuple(
    FilterSpec._QUERY_KEYS.get(f.name, f.name) for f in fields(FilterSpec)
)
#: Folder of the stories, inside the views folder.
STORIES_FOLDER = "stories"
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
    title_ar, note_ar : str
        The title and note for the Arabic interface, written for an Arabic reader (empty:
        the English ones); :func:`in_language` puts them in place.

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
    title_ar: str = ""
    note_ar: str = ""

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
    title_ar, note_ar : str
        As in :class:`View`.

    Examples
    --------
    >>> Story("brief", "A brief", views=("one", "two")).views
    ('one', 'two')
    """

    slug: str
    title: str
    note: str = ""
    views: tuple[str, ...] = ()
    title_ar: str = ""
    note_ar: str = ""


_Titled = TypeVar("_Titled", "View", "Story")


def in_language(item: _Titled, lang: str) -> _Titled:
    """Return a view or story with its title and note in ``lang``: itself in English; in
    Arabic with ``title_ar`` and ``note_ar`` in place where it has them.

    Examples
    --------
    >>> view = View("v", "Military ties", "A note.", title_ar="الروابط العسكرية")
    >>> arabic = in_language(view, "ar")
    >>> arabic.title, arabic.note, in_language(view, "en") is view
    ('الروابط العسكرية', 'A note.', True)
    """
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    if lang == "en" or not (item.title_ar or item.note_ar):
        return item
    return replace(item, title=item.title_ar or item.title, note=item.note_ar or item.note)


class ViewsRead(NamedTuple):
    """What :func:`read_views` found: the good views and stories, and why others were
    left out."""

    views: dict[str, View]
    stories: dict[str, Story]
    issues: list[DataIssue]


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
    """Return a file-name slug for a title: ASCII lowercase words joined by ``-``; for a
    title written without Latin letters or digits (an Arabic one), ``view-`` and eight hex
    digits of the title's SHA-256, the same for the same title.

    Raises
    ------
    ValueError
        If the title has no letter or digit at all (the message names it).

    Examples
    --------
    >>> slugify("Iran\u2013Pakistan: military ties, Oct. 2021")
    'iran-pakistan-military-ties-oct-2021'
    >>> slugify("تقارب عسكري")
    'view-a6521060'
    """
    # accents fall away (é -> e); every other non-ASCII character separates words
    letters = (
        "" if unicodedata.combining(c) else c if c.isascii() else " "
        for c in unicodedata.normalize("NFKD", str(title))
    )
    slug = "-".join(re.findall(r"[a-z0-9]+", "".join(letters).lower()))[:60].strip("-")
    if slug:
        return slug
    text = unicodedata.normalize("NFC", str(title)).strip()
    if not any(c.isalnum() for c in text):
        raise ValueError(f"title {title!r} gives no file name; use some letters or digits")
    return "view-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]

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

The package's modules: :mod:`~graph.views.model` (the types, keys and folder),
:mod:`~graph.views.writing` (text and saving), :mod:`~graph.views.reading` (a folder's
views and stories) and :mod:`~graph.views.validation` (checks, also against the data).
"""

from graph.views.model import (
    FILTER_KEYS,
    MAX_FILE_BYTES,
    STORIES_FOLDER,
    Story,
    View,
    ViewsRead,
    default_views_dir,
    in_language,
    slugify,
)
from graph.views.reading import load_stories, load_views, read_views, story_views
from graph.views.validation import check_view, validate_views, view_from_text
from graph.views.writing import (
    save_story,
    save_view,
    story_text,
    view_from_spec,
    view_text,
    write_atomic,
)

__all__ = [
    "FILTER_KEYS",
    "MAX_FILE_BYTES",
    "STORIES_FOLDER",
    "Story",
    "View",
    "ViewsRead",
    "check_view",
    "default_views_dir",
    "in_language",
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

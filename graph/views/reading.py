"""Reading a views folder: the views and stories that can be read, strictly or not."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from graph.load import DataError
from graph.views._common import _folder
from graph.views._reader import _read_all
from graph.views.model import Story, View, ViewsRead

__all__ = [
    "load_stories",
    "load_views",
    "read_views",
    "story_views",
]


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
    >>> from graph.views import default_views_dir
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

"""Writing views and stories: the page's state as a view, canonical TOML text, atomic saves."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from graph.filters import FilterSpec
from graph.i18n import N_
from graph.views._common import _check_slug, _compare_pair, _connect_pair, _folder
from graph.views.model import FILTER_KEYS, STORIES_FOLDER, Story, View, slugify

__all__ = [
    "save_story",
    "save_view",
    "story_text",
    "view_from_spec",
    "view_text",
    "write_atomic",
]

#: Filter keys that hold several values (written as TOML arrays).
_LIST_KEYS = frozenset({"types", "signs", "kinds", "focus"})
_WRAP = 88  # characters per line of a wrapped note


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
        raise ValueError(N_("a view needs a title"))  # shown on the page, translated
    slug = slug if slug is not None else slugify(title)
    _check_slug(slug)
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


def _arabic_lines(item: View | Story) -> list[str]:
    lines = []
    if item.title_ar:
        lines.append(f"title_ar = {_quoted(item.title_ar)}")
    if item.note_ar:
        lines.append(f"note_ar = {_string_value(item.note_ar, len('note_ar = '))}")
    return lines


def view_text(view: View) -> str:
    """Return the canonical TOML text of a view.

    Keys in the order ``title``, ``note``, ``title_ar``, ``note_ar``, ``selection``,
    ``compare``, ``connect``, then the
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
    lines += _arabic_lines(view)
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
    lines += _arabic_lines(story)
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
    >>> from graph.views import load_views
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_view(View("hostile", "Hostile ties", filters={"signs": ["-1"]}), folder)
    ...     path.name, load_views(folder)["hostile"].spec().signs
    ('hostile.toml', (-1,))
    """
    return _write_toml(view.slug, view_text(view), _folder(directory), overwrite, kind="view")


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
    folder = _folder(directory) / STORIES_FOLDER
    return _write_toml(story.slug, story_text(story), folder, overwrite, kind="story")


def _write_toml(slug: str, text: str, folder: Path, overwrite: bool, *, kind: str) -> Path:
    """Write ``text`` to ``<folder>/<slug>.toml`` (the folder made if missing), atomically.

    ValueError if ``slug`` is not a slug (checked before anything is made);
    FileExistsError naming the ``kind`` ("view", "story") if the file exists and
    ``overwrite`` is False. See :func:`write_atomic`.
    """
    _check_slug(slug)
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

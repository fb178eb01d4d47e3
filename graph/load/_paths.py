"""Where the data and the source documents are."""

from __future__ import annotations

import os
from pathlib import Path

from graph.load._base import _REPO

__all__ = [
    "default_data_dir",
    "default_sources_dir",
    "resolves_inside",
]

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

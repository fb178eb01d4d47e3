"""Data version of a briefing: the data folder's content hash and the footer's version line.

:func:`content_hash` digests the descriptor and every file it lists; :func:`data_version`
names the descriptor's version with the first digits of that hash.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graph.load import Dataset

__all__ = ["content_hash", "data_version"]


def content_hash(path: Path | str, descriptor: Mapping[str, Any] | None = None) -> str:
    """Return the SHA-256 of a data folder's descriptor and the files it lists.

    Parameters
    ----------
    path : path-like
        The data folder.
    descriptor : mapping, optional
        The parsed ``datapackage.json``; read from ``path`` when not given.

    Returns
    -------
    str
        64 hex digits; any change to a table or the descriptor changes it.

    Raises
    ------
    FileNotFoundError
        If the descriptor or a listed file is missing.

    Notes
    -----
    Cost O(size of the files).

    Examples
    --------
    >>> from graph.load import default_data_dir
    >>> len(content_hash(default_data_dir()))
    64
    """
    import json

    folder = Path(path)
    raw = (folder / "datapackage.json").read_bytes()
    if descriptor is None:
        descriptor = json.loads(raw)
    digest = hashlib.sha256()
    names = ["datapackage.json"] + [str(r["path"]) for r in descriptor.get("resources", ())]
    for name in names:
        data = raw if name == "datapackage.json" else (folder / name).read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def data_version(dataset: Dataset) -> str:
    """Return the data's version for a footer: descriptor version and content hash.

    Parameters
    ----------
    dataset : graph.load.Dataset
        Reads ``descriptor`` and ``path``.

    Returns
    -------
    str
        Like ``"0.1.0 · sha256 1a2b3c4d5e6f"`` (the hash's first 12 digits).

    Notes
    -----
    Cost O(size of the data files).

    Examples
    --------
    >>> from graph.load import load_dataset
    >>> data_version(load_dataset()).startswith(load_dataset().descriptor["version"] + " · ")
    True
    """
    version = (getattr(dataset, "descriptor", None) or {}).get("version") or "unversioned"
    path = getattr(dataset, "path", None)
    try:
        digest = content_hash(path, dataset.descriptor)[:12] if path is not None else None
    except (OSError, KeyError):
        digest = None
    return f"{version} · sha256 {digest}" if digest else str(version)

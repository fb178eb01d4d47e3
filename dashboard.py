"""Borderlines: an offline dashboard of geopolitical relationships.

Start it from the repository root with ``uv run streamlit run dashboard.py``. The page loads
the dataset named by ``BORDERLINES_DATA`` (default: the shipped ``data/``) through
:mod:`graph.load` and, for now, shows how many rows each table holds. Loading is cached
here, and only here: ``graph/`` knows nothing of Streamlit.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from graph.load import DataError, Dataset, default_data_dir, load_dataset

# Tables counted on the page, in reading order, with their labels.
COUNTED_TABLES = {
    "actors": "Actors",
    "relations": "Relations",
    "events": "Events",
    "places": "Places",
    "sources": "Sources",
}

# Characters that Streamlit's Markdown would read as formatting (`$` starts LaTeX).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")


def data_fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file in ``data_dir``.

    Part of the cache key, so an edited table is reloaded without restarting the server.
    Costs one ``stat`` per file.
    """
    if not data_dir.is_dir():
        return ()
    files = (path for path in sorted(data_dir.iterdir()) if path.is_file())
    return tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in files)


@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def cached_dataset(data_dir: str, fingerprint: tuple[tuple[str, int, int], ...]) -> Dataset:
    """Load and validate the dataset once per folder and version of its files.

    The dataset is shared by every session and never mutated. ``fingerprint`` (from
    :func:`data_fingerprint`) is only part of the cache key. A dataset that fails to load
    raises :class:`DataError` and is not cached, so fixing the files fixes the page.
    """
    return load_dataset(Path(data_dir))


def escape_markdown(text: str) -> str:
    """Escape ``text`` so Streamlit shows it literally (ids like ``iran_gov``)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def show_data_error(error: DataError) -> None:
    """Show every issue of a dataset that failed to load, without a traceback."""
    count = len(error.issues)
    lines = [
        f"**The data could not be loaded: {count} problem{'s' if count != 1 else ''}.**",
        "",
        *(f"- {escape_markdown(str(issue))}" for issue in error.issues),
        "",
        "Run `uv run python -m graph validate` to check the data folder from a terminal.",
    ]
    st.error("\n".join(lines))


st.set_page_config(page_title="Borderlines", layout="wide")

st.title("Borderlines")
st.caption(
    "Who is related to whom around Iran, Pakistan and Afghanistan, with the evidence for "
    "each claim. This first page shows what the dataset holds; the network, the map and "
    "the analysis are being built."
)

data_dir = default_data_dir()
try:
    dataset = cached_dataset(str(data_dir), data_fingerprint(data_dir))
except DataError as error:
    show_data_error(error)
    st.stop()

for column, (table, label) in zip(
    st.columns(len(COUNTED_TABLES)), COUNTED_TABLES.items(), strict=True
):
    column.metric(label, len(getattr(dataset, table)))

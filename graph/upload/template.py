"""The tables an upload may hold, and a .zip of them with example rows to start from."""

from __future__ import annotations

import contextlib
import io
import zipfile
from typing import Any

from graph.load import DATASET_TABLES, Dataset, parse_evidence, table_text
from graph.upload._common import _descriptor

__all__ = [
    "table_files",
    "upload_template",
]


def table_files(base: Dataset | None = None) -> dict[str, str]:
    """Return the file names an upload may hold, mapped to their table names.

    Parameters
    ----------
    base : Dataset, optional
        Its descriptor names the files; default the shipped ``data/datapackage.json``.

    Returns
    -------
    dict of str to str
        ``{"sources.csv": "sources", ...}`` in schema order.

    Notes
    -----
    Cost O(tables).

    Examples
    --------
    >>> list(table_files())[:3]
    ['sources.csv', 'relation_types.csv', 'places.csv']
    """
    descriptor = _descriptor(base)
    return {
        resource["path"]: resource["name"]
        for resource in descriptor["resources"]
        if resource.get("name") in DATASET_TABLES
    }


def _example_rows(base: Dataset) -> dict[str, Any]:
    """A small slice of ``base`` that holds together: one relation, its two actors, its
    type, their places, an event, a border and an area among them, and the sources they
    cite. The relation is the first (by id) whose actors have the most of an event, a
    border and an area to show; a table with nothing among them is left empty."""

    def first(frame: Any, keep: Any) -> Any:
        kept = [ident for ident, row in frame.sort_index().iterrows() if keep(row)]
        return frame.loc[kept[:1]]

    def around(actors: set[str]) -> tuple[Any, Any, Any]:
        return (
            first(base.events, lambda row: set(row["participants"] or ()) <= actors),
            first(base.borders, lambda row: {row["state_a"], row["state_b"]} <= actors),
            first(base.areas, lambda row: row["actor"] in actors),
        )

    relations = base.relations.sort_index()
    best, shown = relations.iloc[:1], -1
    for ident, row in relations.iterrows():
        count = sum(bool(len(frame)) for frame in around({row["source"], row["target"]}))
        if count > shown:
            best, shown = relations.loc[[ident]], count
    actors = set(best["source"]) | set(best["target"])
    events, borders, areas = around(actors)
    chosen_actors = base.actors.loc[sorted(actors)]
    places = {p for frame in (chosen_actors, events, areas) for p in frame["place"] if p}
    cited = set()
    for frame in (best, events, borders, areas):
        for cell in frame["evidence"]:
            with contextlib.suppress(ValueError):
                cited |= {source for source, _ in parse_evidence(str(cell or ""))}
    return {
        "sources": base.sources.loc[sorted(cited & set(base.sources.index))],
        "relation_types": base.relation_types.loc[list(best["relation"])],
        "places": base.places.loc[sorted(places & set(base.places.index))],
        "actors": chosen_actors,
        "relations": best,
        "events": events,
        "borders": borders,
        "areas": areas,
    }


def upload_template(base: Dataset) -> bytes:
    """Return a .zip to start an upload from: one CSV per table an upload may hold, with
    its columns in order and example rows from ``base`` that hold together (one relation,
    its actors, their places, the sources cited...: uploaded as it is with *Replace
    tables*, it passes the validator), and ``README.txt`` saying what each column holds.

    Parameters
    ----------
    base : Dataset
        The data the page shows; its descriptor names the tables and columns.

    Returns
    -------
    bytes
        The archive, deflated; its members are named as :func:`table_files` says.

    Notes
    -----
    Cost O(tables x columns).

    Examples
    --------
    >>> from graph.load import load_dataset
    >>> archive = zipfile.ZipFile(io.BytesIO(upload_template(load_dataset())))
    >>> archive.namelist()[:3], len(archive.read("actors.csv").decode().splitlines())
    (['README.txt', 'sources.csv', 'relation_types.csv'], 3)
    """
    descriptor = _descriptor(base)
    resources = {r["name"]: r for r in descriptor["resources"]}
    examples = _example_rows(base)
    guide = [
        "Borderlines: tables to upload (Your data, in the sidebar).",
        "",
        "Each CSV holds its table's columns in order and example rows from the data the",
        "page showed (one relation and what it needs): replace them with your rows.",
        "'Add rows' adds your rows to the data (an id already there is refused); 'Replace",
        "tables' swaps the tables you upload. Upload the CSV files, or this folder zipped",
        "again. Dates are ISO 8601 (2021, 2021-10,",
        "2021-10-27); lists in a cell are separated as the column says.",
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        tables: list[tuple[str, str]] = []
        for path, name in table_files(base).items():
            resource = resources[name]
            tables.append((path, table_text(examples[name], resource)))
            guide += ["", f"{path}: {resource.get('description') or resource.get('title') or name}"]
            for column in resource["schema"]["fields"]:
                constraints = column.get("constraints") or {}
                need = "required" if constraints.get("required") else "optional"
                kind = column.get("type", "string")
                extra = ""
                if constraints.get("enum"):
                    extra = "; one of " + ", ".join(map(str, constraints["enum"]))
                described = column.get("description") or ""
                guide.append(f"  {column['name']} ({kind}, {need}{extra}): {described}")
        archive.writestr("README.txt", "\n".join(guide) + "\n")
        for path, text in tables:
            archive.writestr(path, text)
    return buffer.getvalue()

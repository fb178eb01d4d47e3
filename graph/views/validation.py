"""Checking views: a view's text by the rules of a view file, and views against the data."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.analysis.paths import connecting_paths
from graph.build import relation_ids
from graph.filters import apply_filters, explain_empty
from graph.i18n import gettext as _
from graph.load import DataIssue, issue_order
from graph.views._common import _SLUG, _folder
from graph.views._reader import _key_lines, _read_all, _read_view, _Reader
from graph.views.model import MAX_FILE_BYTES, View
from graph.views.writing import view_text

__all__ = [
    "check_view",
    "validate_views",
    "view_from_text",
]


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
        message = _("name {name} is not lowercase words joined by '-'")
        reader.issue(None, message.format(name=repr(slug)))
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        message = _("too large to be a view (at most {limit} bytes)")
        reader.issue(None, message.format(limit=f"{MAX_FILE_BYTES:,}"))
        return None, issues
    data = reader.parse(text)
    if data is None:
        return None, sorted(issues, key=issue_order)
    view = _read_view(reader, data, slug)
    return view, sorted(issues, key=issue_order)


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
    return sorted(issues, key=issue_order)


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
            message = _("unknown relation type {kind}").format(kind=repr(kind))
            reader.issue("filters.types", message)
            problems = True
    kinds = G.graph.get("actor_kinds") or ()
    for kind in spec.kinds or ():
        if kind not in kinds:
            message = _("unknown actor kind {kind}; known: {known}")
            reader.issue("filters.kinds", message.format(kind=repr(kind), known=", ".join(kinds)))
            problems = True
    for actor in spec.focus:
        if actor not in G:
            reader.issue("filters.focus", _("unknown actor {actor}").format(actor=repr(actor)))
            problems = True
    if view.selection and view.selection not in G and view.selection not in relation_ids(G):
        message = _("unknown actor or relation {name}").format(name=repr(view.selection))
        reader.issue("selection", message)
        problems = True
    for actor in view.connect or ():
        if actor not in G:
            reader.issue("connect", _("unknown actor {actor}").format(actor=repr(actor)))
            problems = True
    if problems:
        return
    H = apply_filters(G, spec)
    if H.number_of_edges() == 0:
        reason = explain_empty(G, spec)
        if reason:
            message = _("the view shows no relations: {reason}").format(reason=reason)
        else:
            message = _("the view shows no relations: nothing matches")
        reader.issue("filters", message, line=reader.lines.get(("", "filters")))
        return
    if view.selection and view.selection not in H and view.selection not in relation_ids(H):
        message = _("{name} is not in the view its filters give")
        reader.issue("selection", message.format(name=repr(view.selection)))
    if view.connect:
        try:
            connecting_paths(H, *view.connect, limit=1)
        except (nx.NodeNotFound, nx.NetworkXNoPath):
            first, second = view.connect
            message = _("no relations in the view's filters join {first} and {second}")
            reader.issue("connect", message.format(first=repr(first), second=repr(second)))

"""The briefing page: one self-contained HTML file per view or per story.

:func:`briefing_html` and :func:`story_briefing_html` gather what each view shows (its
heading, figures, findings, relations, events and source notes) and render
``templates/briefing.html.j2`` with plotly.js inlined once, the page's own CSS and a
Content-Security-Policy that forbids every request.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
from markupsafe import Markup

from graph import i18n, style
from graph.analysis import actor_name, ways_text
from graph.briefing._common import _spec_of
from graph.briefing.figures import briefing_figures, view_ways
from graph.briefing.findings import key_findings
from graph.briefing.sources import source_notes
from graph.briefing.version import data_version
from graph.build import relation_vocabulary
from graph.details import relations_frame
from graph.figures.plotlyjs import PLOTLY_JS
from graph.figures.timeline import events_in_view
from graph.filters import SIGN_NAMES, FilterSpec, apply_filters, describe, explain_empty
from graph.html import templates
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.load import Dataset, format_citation
from graph.vocabulary import word

__all__ = ["briefing_html", "story_briefing_html"]

_DASH = "\u2013"
_SIGN_CLASS = SIGN_NAMES  # CSS class of a sign's swatch: its name
# The page may run only its own inline scripts and styles, and load nothing at all.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; "
    "style-src 'unsafe-inline'; img-src data: blob:; font-src data:"
)


def briefing_html(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    spec: FilterSpec | None = None,
    *,
    view: Any = None,
    positions: Mapping[Hashable, Sequence[float]] | None = None,
    sources_dir: Path | str | None = None,
    generated: datetime | None = None,
) -> str:
    """Return a self-contained HTML briefing of a view.

    The page holds the title and note, the one-line filter summary
    (:func:`graph.filters.describe`), the data version (:func:`data_version`) and the
    generation time, the network, the map and the timeline (:func:`briefing_figures`),
    the key findings (:func:`key_findings`), the relations of the view with their
    evidence, grades and confidence, its events, and the source footnote. plotly.js is
    inlined once; a Content-Security-Policy forbids every request, so the file renders
    the same from a disk, a mail attachment or a USB stick, offline. Every text from the
    data is HTML-escaped.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph (unfiltered).
    dataset : graph.load.Dataset
        The tables (places, borders, events, sources) and the descriptor.
    spec : FilterSpec, optional
        The filters of the page; default the view's, else none.
    view : graph.views.View, optional
        Title, note, selection and compare dates.
    positions : mapping, optional
        Network positions for the full graph, as on the page.
    sources_dir : path-like, optional
        Folder of the archived sources (:func:`graph.load.default_sources_dir`).
    generated : datetime, optional
        The generation time shown; default now (UTC).

    Returns
    -------
    str
        The page: about 5 MB, nearly all of it plotly.js.

    Raises
    ------
    ValueError
        If the filters name an unknown type, kind or actor.

    Notes
    -----
    Cost: :func:`briefing_figures` plus :func:`key_findings` plus writing about 5 MB of
    text; well under a second at the shipped size.

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.load import load_dataset
    >>> ds = load_dataset()
    >>> page = briefing_html(build_graph(ds), ds, FilterSpec(signs=["hostile"]))
    >>> page.count("Plotly.newPlot("), "Hostile relations" in page
    (3, True)
    """
    spec = _spec_of(spec, view)
    section = _view_section(
        G, dataset, spec, view=view, positions=positions, sources_dir=sources_dir, anchor="view"
    )
    return _render(section["title"], [section], dataset=dataset, generated=generated)


def story_briefing_html(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    story: Any,
    views: Mapping[str, Any],
    *,
    positions: Mapping[Hashable, Sequence[float]] | None = None,
    sources_dir: Path | str | None = None,
    generated: datetime | None = None,
) -> str:
    """Return one self-contained HTML briefing for a whole story, one section per view.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The full relationship graph.
    dataset : graph.load.Dataset
    story : graph.views.Story
        Its views are shown in its order.
    views : mapping of str to graph.views.View
        The saved views (:func:`graph.views.load_views`).
    positions, sources_dir, generated
        As in :func:`briefing_html`; positions are computed once for all views.

    Returns
    -------
    str
        The page; plotly.js inlined once, three figures per view.

    Raises
    ------
    KeyError
        If the story names a view not in ``views``.
    ValueError
        If a view's filters name an unknown type, kind or actor.

    Notes
    -----
    Cost: :func:`briefing_html`'s per view, the layout once.

    Examples
    --------
    >>> from graph.build import build_graph
    >>> from graph.load import load_dataset
    >>> from graph.views import Story, View
    >>> ds = load_dataset()
    >>> views = {"all": View("all", "All"), "hostile": View(
    ...     "hostile", "Hostile", filters={"signs": ["-1"]})}
    >>> page = story_briefing_html(build_graph(ds), ds, Story("s", "S", views=(
    ...     "all", "hostile")), views)
    >>> page.count("Plotly.newPlot(")
    6
    """
    from graph.layout import layout_positions
    from graph.views import story_views

    chosen = story_views(story, views)
    if positions is None:
        positions = layout_positions(G)
    sections = [
        _view_section(
            G,
            dataset,
            view.spec(),
            view=view,
            positions=positions,
            sources_dir=sources_dir,
            anchor=f"step-{i}",
            step=(i, len(chosen)),
        )
        for i, view in enumerate(chosen, 1)
    ]
    return _render(story.title, sections, dataset=dataset, generated=generated, story=story)


def _view_section(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    spec: FilterSpec,
    *,
    view: Any,
    positions: Mapping[Hashable, Sequence[float]] | None,
    sources_dir: Path | str | None,
    anchor: str,
    step: tuple[int, int] | None = None,
) -> dict[str, Any]:
    """What the template shows of one view (``briefing.html.j2``'s section)."""
    H = apply_filters(G, spec)
    summary = describe(spec, G)
    figures = briefing_figures(G, dataset, spec, view=view, positions=positions)
    events = events_in_view(H, getattr(dataset, "events", None), spec)
    ways = view_ways(H, view)
    actors, relations = H.number_of_nodes(), H.number_of_edges()
    return {
        "anchor": anchor,
        "slug": getattr(view, "slug", None) or "",
        "kicker": _("View {number} of {count}").format(number=step[0], count=step[1])
        if step
        else "",
        "title": getattr(view, "title", None) or summary,
        "summary": summary,
        "counts": " · ".join(
            (
                ngettext("{n} actor", "{n} actors", actors).format(n=f"{actors:,}"),
                ngettext("{n} relation", "{n} relations", relations).format(n=f"{relations:,}"),
                ngettext("{n} event", "{n} events", len(events)).format(n=f"{len(events):,}"),
            )
        ),
        "note": getattr(view, "note", "") or "",
        "ways": ways_text(G, *ways) if ways else "",
        "empty": explain_empty(G, spec),
        "figures": [
            _figure(figures[name], f"{anchor}-{name}", caption, name)
            for name, caption in (
                ("network", _("Network")),
                ("map", _("Map")),
                ("timeline", _("Timeline")),
            )
        ],
        "findings": key_findings(H, compare=getattr(view, "compare", None)),
        "relations": _relation_rows(H),
        "events": _event_rows(G, events),
        "notes": source_notes(H, events, sources_dir=sources_dir),
    }


def _figure(fig: go.Figure, div_id: str, caption: str, name: str) -> dict[str, Any]:
    """A figure of the page: plotly's own HTML for it (trusted: it escapes data text)."""
    config = {
        "displaylogo": False,
        "responsive": True,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendDataToCloud"],
        "toImageButtonOptions": {"format": "svg", "filename": div_id},
    }
    body = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        div_id=div_id,
        config=config,
        default_width="100%",
    )
    return {"name": name, "caption": caption, "body": Markup(body)}


def _relation_rows(H: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """The relations table: :func:`graph.details.relations_frame`'s rows, with each type's
    colour and each actor's Arabic name."""
    used = (d.get("relation") for _, _, d in H.edges(data=True))
    colours = style.relation_type_colours(relation_vocabulary(H, used))
    return [
        {
            **row,
            "sign": word(row["sign"]),
            "status": word(row["status"]),
            "confidence": word(row["confidence"]),
            "from_ar": H.nodes[row["source"]].get("name_ar") or "",
            "to_ar": H.nodes[row["target"]].get("name_ar") or "",
            "sign_class": _SIGN_CLASS.get(row["sign_value"], ""),
            "colour": colours.get(row["relation"], "#888888"),
        }
        for row in relations_frame(H).to_dict("records")
    ]


def _event_rows(G: nx.MultiDiGraph, events: pd.DataFrame) -> list[dict[str, str]]:
    """The events table; participants named from the full graph ``G``."""
    if events is None or not len(events):
        return []
    return [
        {
            "id": str(ident),
            "when": str(row["date"]) + (f" {_DASH} {row['end']}" if row.get("end") else ""),
            "title": str(row.get("title") or ""),
            "summary": str(row.get("summary") or ""),
            "people": ", ".join(actor_name(G, p) for p in (row.get("participants") or ())),
            "status": word(row.get("status") or ""),
            "confidence": word(row.get("confidence") or ""),
            "evidence": format_citation(row.get("evidence")),
        }
        for ident, row in events.iterrows()
    ]


def _render(
    title: str,
    sections: list[dict[str, Any]],
    *,
    dataset: Dataset,
    generated: datetime | None,
    story: Any = None,
) -> str:
    """The whole page (``templates/briefing.html.j2``): plotly.js (the page's own bundle,
    :mod:`graph.figures.plotlyjs`) inlined once; its language and direction those of the run
    (:mod:`graph.i18n`), right to left in Arabic."""
    direction = i18n.direction()

    return (
        templates()
        .get_template("briefing.html.j2")
        .render(
            title=title,
            sections=sections,
            story=story,
            version=data_version(dataset),
            stamp=_stamp(generated),
            lang=i18n.language(),
            dir=direction,
            csp=Markup(_CSP),
            css=Markup(_CSS + (_RTL_CSS if direction == "rtl" else "")),
            plotlyjs=Markup(PLOTLY_JS.read_text(encoding="utf-8")),
        )
    )


def _stamp(generated: datetime | None) -> str:
    moment = generated if generated is not None else datetime.now(UTC)
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


_CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0;
  --band: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; color: var(--ink); background: #fff;
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  "Liberation Sans", sans-serif; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 26px; line-height: 1.2; margin: 0 0 6px; }
h3 { font-size: 19px; margin: 22px 0 8px; border-bottom: 1px solid var(--rule);
  padding-bottom: 4px; }
h4 { font-size: 15px; margin: 0 0 6px; }
p { margin: 4px 0; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: 12px;
  color: var(--muted); margin: 0 0 4px; }
.meta, .hint, .muted { color: var(--muted); font-size: 13px; }
header.page { margin-bottom: 12px; }
header.story { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 20px; }
.contents { columns: 2; margin: 8px 0 0; }
section.view { margin: 0 0 40px; }
section.view + section.view { border-top: 2px solid var(--ink); padding-top: 20px;
  break-before: page; }
.heading { margin-bottom: 8px; }
.summary { font-size: 17px; }
.summary .label { font-weight: 600; }
.counts { color: var(--muted); }
.note { max-width: 75em; }
.empty { color: #b42318; font-weight: 600; }
.figures { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; }
@media (max-width: 1100px) { .figures { grid-template-columns: minmax(0, 1fr); } }
figure { margin: 8px 0 0; border: 1px solid var(--rule); border-radius: 6px; padding: 6px;
  break-inside: avoid; }
figcaption { font-size: 13px; font-weight: 600; color: var(--muted); margin: 0 0 2px 4px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 12px; }
.card { background: var(--band); border: 1px solid var(--rule); border-radius: 6px;
  padding: 10px 14px; }
.card ul, .card ol { margin: 4px 0; padding-left: 20px; }
.card li { margin: 3px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px;
  border-bottom: 1px solid var(--rule); }
th { background: var(--band); position: sticky; top: 0; }
td.id, td.grade { font-family: ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; }
td.arrow { color: var(--muted); }
td.evidence { white-space: nowrap; }
.swatch { display: inline-block; width: 22px; height: 10px; margin-right: 6px;
  vertical-align: middle; border-radius: 2px; }
.swatch.hostile { background-image: repeating-linear-gradient(135deg, transparent 0 3px,
  rgba(255,255,255,.75) 3px 5px) !important; }
.swatch.structural { background-image: radial-gradient(rgba(255,255,255,.8) 1px,
  transparent 1.5px) !important; background-size: 4px 4px; }
.ar { font-size: 13px; color: var(--muted); unicode-bidi: isolate; }
footer.sources ol { padding-left: 20px; }
@media print { body { padding: 0; } figure { border: none; } th { position: static; } }
"""

# A right-to-left page (Arabic): cells, lists and swatches mirrored; figures stay left to
# right (plotly draws its axes so), as do ids and grades. plotly measures its labels in a
# hidden element of the body (#js-plotly-tester): right to left, it measures them short and
# the margins clip the timeline's row labels.
_RTL_CSS = """
th, td { text-align: right; }
.card ul, .card ol, footer.sources ol { padding-left: 0; padding-right: 20px; }
.swatch { margin-right: 0; margin-left: 6px; }
figcaption { margin: 0 4px 2px 0; }
figure .plotly-graph-div, #js-plotly-tester, td.id, td.grade { direction: ltr; }
"""

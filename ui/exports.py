"""The exports of the view on screen (the tab below the figures): data files, figures and
the HTML briefing, built when the reader asks for them."""

from __future__ import annotations

import functools
import time
import weakref
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import streamlit as st

from graph.briefing import briefing_figures, briefing_html, figures_images
from graph.build import build_graph
from graph.details import export_name
from graph.export import EXPORTERS
from graph.filters import FilterSpec, apply_filters
from graph.i18n import gettext as _
from graph.load import DataError, Dataset, default_sources_dir, load_dataset
from graph.text import escape_markdown
from graph.upload import read_upload
from graph.views import View
from ui.caches import AcceptedUpload
from ui.common import LIGHT_EXPORTS, LOG
from ui.state import STATE

# --------------------------------------------------------------------------- exports


class GraphSource(NamedTuple):
    """Where a session's full graph comes from, for work done after its run (a download
    built on click) without holding the graph: Streamlit keeps a download's callable with
    the session, and a graph there would keep each reader's upload alive. A weak reference
    to the shared, cached graph, and what to rebuild it from if the caches let it go."""

    graph: weakref.ref[nx.MultiDiGraph]
    data_dir: str
    upload: AcceptedUpload | None

    def full_graph(self) -> nx.MultiDiGraph:
        found = self.graph()
        if found is not None:
            return found
        base = load_dataset(Path(self.data_dir))
        if self.upload is None:
            return build_graph(base)
        result = read_upload(self.upload.files, base=base, mode=self.upload.mode)  # type: ignore[arg-type]
        if result.dataset is None:  # the data changed under the upload: say so, never guess
            raise DataError(list(result.issues))
        return build_graph(result.dataset)


def export_data(source: GraphSource, spec: FilterSpec, label: str) -> str | bytes:
    """One light export of the view ``spec`` of ``source``'s graph, built when its button
    is clicked (not on every run); the same exporter as
    :func:`graph.details.relation_exports` uses for that label."""
    return EXPORTERS[LIGHT_EXPORTS[label][0]](apply_filters(source.full_graph(), spec))


def exports_panel(
    G: nx.MultiDiGraph,
    source: GraphSource,
    dataset: Dataset,
    spec: FilterSpec,
    view: View,
    positions: dict,
    view_key: str,
    name: str,
) -> None:
    """Downloads of the current view; the heavy ones are built only on request. ``name``
    names the files: the saved view's title, else what the view shows."""
    state = STATE
    if state.export_key != view_key:  # the view changed: prepared files are stale
        state.export_key = view_key
        state.export_html = state.export_images = state.export_images_error = None
    light, briefing, images = st.columns([1, 1, 1.4], gap="medium")
    with light:
        st.markdown(_("**Relations and graph**"))
        for label, (extension, mime) in LIGHT_EXPORTS.items():
            st.download_button(
                _(label), functools.partial(export_data, source, spec, label),
                file_name=export_name(name, extension), mime=mime,
                key=f"export_{extension}", on_click="ignore", icon=":material/download:",
            )  # fmt: skip
        st.caption(_("The CSV opens safely in a spreadsheet: no cell starts a formula."))
    with briefing:
        st.markdown(_("**Briefing (HTML)**"))
        if st.button(_("Prepare briefing"), key="prepare_briefing", icon=":material/article:"):
            with st.spinner(_("Writing the briefing…")):
                started = time.perf_counter()
                page = briefing_html(
                    G, dataset, spec, view=view, positions=positions,
                    sources_dir=default_sources_dir(),
                )  # fmt: skip
                LOG.info("briefing built in %.2f s", time.perf_counter() - started)
            state.export_html = page.encode("utf-8")
        if state.export_html:
            st.download_button(
                _("Download the briefing"), state.export_html,
                file_name=export_name(name, "html"), mime="text/html",
                key="export_html_file", on_click="ignore", icon=":material/download:",
            )  # fmt: skip
        st.caption(_("One self-contained page: figures, findings, relations and sources; opens "
                     "with no network."))  # fmt: skip
    with images:
        st.markdown(_("**Figures as PNG and SVG**"))
        if st.button(_("Prepare images"), key="prepare_images", icon=":material/image:"):
            with st.spinner(_("Drawing the figures in a headless browser…")):
                started = time.perf_counter()
                figures = briefing_figures(G, dataset, spec, view=view, positions=positions)
                try:
                    state.export_images = {
                        fmt: figures_images(figures, fmt) for fmt in ("png", "svg")
                    }
                except (FileNotFoundError, ImportError, RuntimeError) as error:
                    state.export_images_error = str(error)
                LOG.info("images built in %.2f s", time.perf_counter() - started)
        if state.export_images_error:
            st.warning(
                _(
                    "The images could not be drawn: {error}. The chart toolbar's camera "
                    "button still saves one figure as PNG."
                ).format(error=escape_markdown(state.export_images_error))
            )
        figure_names = {"network": _("Network"), "map": _("Map"), "timeline": _("Timeline")}
        for fmt, found in (state.export_images or {}).items():
            columns = st.columns(len(found))
            for column, (figure, data) in zip(columns, found.items(), strict=True):
                column.download_button(
                    _("{figure} {format}").format(
                        figure=figure_names.get(figure, figure.title()), format=fmt.upper()
                    ), data,
                    file_name=export_name(f"{name} {figure}", fmt),
                    mime="image/png" if fmt == "png" else "image/svg+xml",
                    key=f"export_{figure}_{fmt}", on_click="ignore",
                )  # fmt: skip

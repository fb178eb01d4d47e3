"""The event-data layer on the Explore page: the choice of curated relations, event data or
both; the machine-coded dyads drawn beside the curated network; one pair's events month by
month; a dyad's record and its busiest sources.

Event data comes from the event store (``BORDERLINES_EVENTS``, else ``events/`` beside the
data folder; ``python -m graph events import ...``). The page reads only aggregates, cached
per version of the store's manifest, and the layer's controls appear once events exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import streamlit as st

from graph.build import actor_name
from graph.events.layer import (
    CONFIDENCE,
    DYAD_CAP,
    EventDyad,
    EventLayer,
    PairMonth,
    event_layer,
    pair_months,
    pair_sources,
    screened,
)
from graph.events.mapping import MAPPING_FILE, MappingError, read_mapping
from graph.events.store import EventStore, default_store_dir
from graph.figures.events import (
    DATASET_NAMES,
    dyad_text,
    event_edge_traces,
    event_map_traces,
    pair_months_figure,
)
from graph.filters import FilterSpec, time_bounds
from graph.i18n import N_, ngettext
from graph.i18n import gettext as _
from graph.load import default_data_dir
from graph.text import escape_markdown, isolate
from ui.common import PLOT_CONFIG
from ui.figure import figure_view
from ui.state import LAYER_CHOICES, STATE

__all__ = [
    "LAYERS",
    "add_event_edges",
    "event_caption",
    "event_pane",
    "layer_choice",
    "load_layer",
    "pair_timeline",
]

#: The layer choices, as the address writes them (``?layer=``), and their words (in English:
#: translated where shown).
LAYERS: dict[str, str] = dict(
    zip(LAYER_CHOICES, (N_("Curated"), N_("Event data"), N_("Both")), strict=True)
)


def _actor_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """Every actor's name by id, for the dyads' words (:func:`graph.figures.events.dyad_text`)."""
    return {str(a): actor_name(G, a) for a in G}


def _store() -> EventStore:
    return EventStore(default_store_dir(default_data_dir()))


#: A version: each file's path, size and time (None for a missing file).
Version = tuple[tuple[str, int, int] | None, ...]


def _stat(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (str(path), stat.st_size, stat.st_mtime_ns)


def store_version(store: EventStore) -> Version | None:
    """The key of every cache of the layer: the store's manifest and the data folder's
    mapping and actors (a curator's new mapping shows at once); None without events."""
    manifest = _stat(store.root / "manifest.json")
    if manifest is None:
        return None
    data = default_data_dir()
    return (manifest, _stat(data / MAPPING_FILE), _stat(data / "actors.csv"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _mapping(data_dir: str, version: Version) -> dict[str, dict[str, str]]:
    try:
        return read_mapping(Path(data_dir))
    except MappingError:
        return {"gdelt": {}, "acled": {}}


@st.cache_data(show_spinner="Reading the event data…", max_entries=32)
def _layer(
    root: str, version: Version, actors: tuple[str, ...], start: str | None,
    end: str | None,
) -> EventLayer:  # fmt: skip
    mapping = _mapping(str(default_data_dir()), version)
    return event_layer(EventStore(Path(root)), mapping, actors, start=start, end=end)


@st.cache_data(show_spinner=False, max_entries=32)
def _months(root: str, version: Version, a: str, b: str) -> list[PairMonth]:
    mapping = _mapping(str(default_data_dir()), version)
    return pair_months(EventStore(Path(root)), mapping, a, b)


@st.cache_data(show_spinner=False, max_entries=32)
def _sources(root: str, version: Version, dyad: EventDyad) -> list[tuple[str, int]]:
    mapping = _mapping(str(default_data_dir()), version)
    return pair_sources(EventStore(Path(root)), mapping, dyad)


def has_events() -> bool:
    """Whether the event store holds any event."""
    return store_version(_store()) is not None


def layer_choice() -> str:
    """The sidebar's choice of what the figures draw, once events exist; else curated."""
    if not has_events():
        return "curated"
    st.segmented_control(
        _("Relations from"),
        list(LAYERS),
        key="layer",
        format_func=lambda choice: _(LAYERS[choice]),
        help=_(
            "Curated relations are what careful readers of the sources concluded. Event "
            "data is machine-coded (GDELT, ACLED): counts of reported events between two "
            "actors, graded F6 (reliability and credibility cannot be judged), low "
            "confidence. The two are drawn apart and never merged."
        ),
        width="stretch",
    )
    return STATE.layer or "curated"


def months_of(spec: FilterSpec) -> tuple[str | None, str | None]:
    """The first and last month (``YYYY-MM``) the filters' dates cover, None when open.

    Examples
    --------
    >>> months_of(FilterSpec(on="2021")), months_of(FilterSpec(date_from="2021-10-05"))
    (('2021-01', '2021-12'), ('2021-10', None))
    """
    first, last = time_bounds(spec)
    return (
        None if first is None else f"{first.year:04d}-{first.month:02d}",
        None if last is None else f"{last.year:04d}-{last.month:02d}",
    )


def load_layer(H: nx.MultiDiGraph, spec: FilterSpec) -> EventLayer | None:
    """The dyads between the actors on screen in the filters' months, when the layer is
    on; None when it is off or the store is empty."""
    if STATE.layer not in ("events", "both"):
        return None
    store = _store()
    version = store_version(store)
    if version is None:
        return None
    start, end = months_of(spec)
    layer, hidden = screened(
        _layer(str(store.root), version, tuple(sorted(map(str, H))), start, end), spec
    )
    if hidden:
        st.caption(escape_markdown(_("No event data drawn: {reason}.").format(reason=hidden)))
    return layer


def add_event_edges(
    fig: Any, layer: EventLayer, positions: dict, G: nx.MultiDiGraph, theme: str
) -> None:
    """Draw the layer's dyads on the network figure (beneath nothing: after its traces)."""
    names = _actor_names(G)
    traces = event_edge_traces(layer, positions, names=names, theme=theme)
    if traces:
        fig.add_traces(traces)


def add_event_arcs(
    fig: Any, layer: EventLayer, G: nx.MultiDiGraph, places: Any, theme: str
) -> None:
    """Draw the layer's dyads on the map, between the actors' anchor places."""
    anchors: dict[str, tuple[float, float]] = {}
    for actor, place in G.nodes(data="place"):
        if place in places.index:
            anchors[str(actor)] = (float(places.at[place, "lon"]), float(places.at[place, "lat"]))
    names = _actor_names(G)
    traces = event_map_traces(layer, anchors, names=names, theme=theme)
    if traces:
        fig.add_traces(traces)


def event_caption(layer: EventLayer) -> str:
    """What the network shows of event data, in a sentence."""
    if not layer.total:
        if layer.months:
            return _(
                "Event data: no machine-coded events between the actors on screen in {start} "
                "to {end}."
            ).format(start=layer.months[0] or "…", end=layer.months[1] or "…")
        return _("Event data: no machine-coded events between the actors on screen.")
    shown, total = len(layer.dyads), layer.total
    if shown < total:  # the English words are the same for any count; Arabic's follow it
        busiest = ngettext(
            "the busiest {shown} of {total} dyads", "the busiest {shown} of {total} dyads", total
        ).format(shown=f"{shown:,}", total=f"{total:,}")
    else:
        busiest = ngettext("{n} dyad", "{n} dyads", total).format(n=f"{total:,}")
    caption = ngettext(
        "Event data (machine-coded, grey dotted arcs in the network and on the map): "
        "{dyads}, {n} events between the actors on screen; graded F6 (cannot be judged), "
        "{confidence} confidence. Hover an arc for its counts, click it for its sources.",
        "Event data (machine-coded, grey dotted arcs in the network and on the map): "
        "{dyads}, {n} events between the actors on screen; graded F6 (cannot be judged), "
        "{confidence} confidence. Hover an arc for its counts, click it for its sources.",
        layer.events,
    )
    return caption.format(dyads=busiest, n=f"{layer.events:,}", confidence=_(CONFIDENCE))


def picked_dyad(layer: EventLayer | None) -> EventDyad | None:
    """The dyad the reader clicked last, if it is on screen."""
    key = STATE.event_pick
    if layer is None or not key:
        return None
    return next((d for d in layer.dyads if d.key == key), None)


def event_pane(layer: EventLayer | None, G: nx.MultiDiGraph) -> None:
    """A clicked dyad's record: what, when, how graded, and its busiest sources."""
    dyad = picked_dyad(layer)
    if dyad is None:
        return
    names = _actor_names(G)
    with st.container(border=True, key="event_pane"):
        st.markdown(f"**{escape_markdown(isolate(dyad_text(dyad, names).split(' · ')[0]))}**")
        st.caption(escape_markdown(" · ".join(dyad_text(dyad, names).split(" · ")[1:])))
        store = _store()
        version = store_version(store)
        sources = _sources(str(store.root), version, dyad) if version else []
        if sources:
            lines = [
                _("Busiest articles of these events (events each):")
                if dyad.dataset == "gdelt"
                else _("Busiest sources of these events (events each):")
            ]
            for source, count in sources:
                shown = escape_markdown(source)
                link = (
                    f"[{shown}]({source})" if source.startswith(("http://", "https://")) else shown
                )
                lines.append(f"- {link} ({count:,})")
            st.markdown("\n".join(lines))


def pair_of(selection: Any, connect: Sequence[str] | None, G: nx.MultiDiGraph, index: dict,
            layer: EventLayer | None) -> tuple[str, str] | None:  # fmt: skip
    """The pair whose months the timeline shows: a clicked dyad's, else the two actors of
    *Connect*, else the ends of a selected relation."""
    dyad = picked_dyad(layer)
    if dyad is not None:
        return dyad.actor1, dyad.actor2
    if connect and len(connect) == 2:
        return str(connect[0]), str(connect[1])
    if selection is not None and selection.kind == "relation" and selection.id in index:
        a, b, _ = index[selection.id]
        return str(a), str(b)
    return None


def pair_timeline(
    pair: tuple[str, str] | None, G: nx.MultiDiGraph, theme: Literal["light", "dark"]
) -> None:
    """The pair's events month by month, under the curated timeline."""
    if pair is None or STATE.layer not in ("events", "both"):
        return
    store = _store()
    version = store_version(store)
    if version is None:
        return
    a, b = pair
    months = _months(str(store.root), version, a, b)
    fig = pair_months_figure(months, actor_name(G, a), actor_name(G, b), theme=theme)
    # Drawn as the page's other figures are: the app's own plotly.js, redrawn in place.
    figure_view(fig, key="pair_months", config=PLOT_CONFIG, theme=theme, clickable=False)
    datasets = sorted({m.dataset for m in months})
    if datasets:
        st.caption(
            _(
                "Machine-coded ({datasets}), both directions, every month in the store (the "
                "date filter does not apply here); bars count events, the line is GDELT's "
                "mean Goldstein score (-10 hostile, +10 cooperative). The dyads on the "
                "network are capped at {cap}."
            ).format(datasets=", ".join(DATASET_NAMES[d] for d in datasets), cap=DYAD_CAP)
        )

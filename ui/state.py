"""The session's state and the address: what the URL seeds, what callbacks ask for, what
the reader's clicks select, and the URL written back after every run.

Every filter and the selection are in the URL (seeded once per session, written back on
every run), so a copied address reproduces the view. Callbacks carry names, never data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Generic, TypeVar, overload

import networkx as nx
import streamlit as st

from graph.details import relation_index
from graph.figures.timeline import date_from_selection
from graph.filters import FilterSpec
from graph.geo import dataset_border_ids
from graph.i18n import Language
from graph.load import DataIssue, Dataset
from graph.text import escape_markdown
from graph.url import (
    Selection,
    compare_pair,
    connect_pair,
    page_query,
    selection_from_event,
    selection_from_query,
    spec_from_query,
    story_step,
    view_selection,
    widget_state,
)
from graph.views import View
from ui.caches import AcceptedUpload, map_shapes
from ui.common import CHARTS, DEFAULT_SIZE, KEPT_KEYS, MAX_HOPS, SIZE_CHOICES, TABLES

# --------------------------------------------------------------------------- the state


T = TypeVar("T")


class Entry(Generic[T]):
    """One entry of the session's state: its key (the attribute's name), its type and its
    value until something sets it (``default``, or ``factory()`` for a fresh container)."""

    def __init__(self, default: T | None = None, *, factory: Callable[[], T] | None = None) -> None:
        self.default, self.factory = default, factory
        self.key = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = name

    @overload
    def __get__(self, state: None, owner: type) -> Entry[T]: ...
    @overload
    def __get__(self, state: PageState, owner: type) -> T: ...
    def __get__(self, state: PageState | None, owner: type) -> Entry[T] | T:
        if state is None:
            return self
        session = st.session_state
        if self.key in session:
            return session[self.key]
        return self.factory() if self.factory is not None else self.default  # type: ignore[return-value]

    def __set__(self, state: PageState, value: T) -> None:
        st.session_state[self.key] = value


Event = dict[str, Any] | None  # what a figure or a table says was clicked or chosen
Rows = list[tuple[str, str]]  # (kind, id) of a table's rows, in the table's order


class PageState:
    """The page's state in the reader's session, one typed attribute per entry.

    Every key the page keeps in ``st.session_state`` is declared here, with its type and
    its value before anything sets it; the widgets' keys are among them (a widget keeps
    its value under its key). Reading an entry never writes it. ``STATE`` is the one
    instance: each attribute reads the session of the run that asks.

    Examples
    --------
    >>> PageState.step.key, PageState.step.default
    ('step', 1)
    >>> "f_types" in PageState.keys() and "f_" not in PageState.keys()
    True
    """

    # -- the session and the pages
    seeded = Entry[bool](False)  # the URL was read (once per session)
    present = Entry[bool](False)  # presentation mode: the Present page
    page_chosen = Entry[bool](False)  # a button chose the page the next run opens
    requested = Entry[tuple[str, str | None, int] | None]()  # a view or story step asked for
    url_warnings = Entry[list[str]](factory=list)  # what the URL had that was left out
    lang = Entry[Language]("en")  # the interface's language (ui.language)
    lang_seeded = Entry[bool](False)  # ?lang= was read (once per session)
    lang_warning = Entry[str | None]()  # an unknown ?lang= value, to say once
    lang_pick = Entry[str | None]()  # the language switch's widget
    # -- what the reader looks at
    selection = Entry[Selection | None]()
    story = Entry[str | None]()
    step = Entry[int](1)
    view_slug = Entry[str | None]()  # the saved view on screen
    view_spec = Entry[FilterSpec | None]()  # its filters, to tell when the reader moved away
    view_pending = Entry[bool](False)  # a view was applied: its filters come next run
    layout_spec = Entry[FilterSpec | None]()  # the filters the layout was re-run on
    lower = Entry[str | None]()  # the tab open below the figures
    analysed_views = Entry[set[Any]](factory=set)  # large views the reader asked to analyse
    # -- the filters' widgets (f_*) and the view's options
    f_types = Entry[list[str]](factory=list)
    f_signs = Entry[list[int]](factory=list)
    f_kinds = Entry[list[str]](factory=list)
    f_date_mode = Entry[str]("all")
    f_on = Entry[date | None]()
    f_from = Entry[date | None]()
    f_to = Entry[date | None]()
    f_conf = Entry[str]("any")
    f_rel = Entry[str | None]()
    f_cred = Entry[str | None]()
    f_focus = Entry[list[str]](factory=list)
    f_hops = Entry[int](0)
    f_search = Entry[str]("")
    f_isolates = Entry[bool](False)
    f_undated = Entry[bool](True)
    v_size = Entry[str](DEFAULT_SIZE)
    c_before = Entry[str]("")
    connect = Entry[list[str]](factory=list)  # two actors: the ways between them
    layer = Entry[str]("curated")  # curated relations, event data or both (ui.events)
    event_pick = Entry[str | None]()  # the event-data dyad clicked last (session only)
    c_after = Entry[str]("")
    # -- other widgets whose values the page reads
    pick_view = Entry[str | None]()
    pick_story = Entry[str | None]()
    pick_actor = Entry[str | None]()
    save_title = Entry[str]("")
    save_note = Entry[str]("")
    # -- clicks: each figure's and table's last event, the one seen, a table's rows
    network = Entry[Event]()
    map = Entry[Event]()
    timeline = Entry[Event]()
    relations_table = Entry[Event]()
    screen_table = Entry[Event]()
    measures_table = Entry[Event]()
    border_table = Entry[Event]()
    seen_network = Entry[tuple[Any, ...] | None]()
    seen_map = Entry[tuple[Any, ...] | None]()
    seen_timeline = Entry[str | None]()
    seen_relations_table = Entry[tuple[Any, ...] | None]()
    seen_screen_table = Entry[tuple[Any, ...] | None]()
    seen_measures_table = Entry[tuple[Any, ...] | None]()
    seen_border_table = Entry[tuple[Any, ...] | None]()
    ids_relations_table = Entry[Rows](factory=list)
    ids_screen_table = Entry[Rows](factory=list)
    ids_measures_table = Entry[Rows](factory=list)
    ids_border_table = Entry[Rows](factory=list)
    # -- the reader's upload (bytes only: the checked data is in the server's caches)
    upload = Entry[AcceptedUpload | None]()
    upload_seen = Entry[str | None]()  # digest of the file last checked
    upload_issues = Entry[tuple[DataIssue, ...] | None]()
    uploader_gen = Entry[int](0)  # a new uploader widget empties the old one
    # -- exports prepared on click, for the view they were made of
    export_key = Entry[str | None]()
    export_html = Entry[bytes | None]()
    export_images = Entry[dict[str, dict[str, bytes]] | None]()  # format -> figure -> file
    export_images_error = Entry[str | None]()

    @classmethod
    def keys(cls) -> tuple[str, ...]:
        """Every declared key, in declaration order."""
        return tuple(k for k, v in vars(cls).items() if isinstance(v, Entry))

    def has(self, key: str) -> bool:
        """Whether the session holds ``key`` (set by the page or a widget)."""
        return self._declared(key) in st.session_state

    def __getitem__(self, key: str) -> Any:
        return getattr(self, self._declared(key))

    def __setitem__(self, key: str, value: Any) -> None:
        st.session_state[self._declared(key)] = value

    def setdefault(self, key: str, value: Any) -> Any:
        """``key``'s value, set to ``value`` first if the session has none."""
        return st.session_state.setdefault(self._declared(key), value)

    def filters(self) -> dict[str, Any]:
        """The filters' widget values (``f_*``) the session holds."""
        held = st.session_state.to_dict()  # one copy: each `in` check makes one (0.3 ms)
        return {k: held[k] for k in self.keys() if k[:2] == "f_" and k in held}

    @staticmethod
    def _declared(key: str) -> str:
        if not isinstance(getattr(PageState, key, None), Entry):
            raise KeyError(f"{key!r} is not an entry of the page's state (ui.state.PageState)")
        return key


#: The page's state (each attribute reads the session of the run that asks).
STATE = PageState()


#: What the figures draw, as the address writes it (``?layer=``): the first is the default.
LAYER_CHOICES: tuple[str, ...] = ("curated", "events", "both")

# --------------------------------------------------------------------------- URL state


def query_dict() -> dict[str, list[str]]:
    """The page's query parameters, every value as a list."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def known_ids(
    G: nx.MultiDiGraph, dataset: Dataset, index: dict[str, Any] | None = None
) -> dict[str, set[str]]:
    """The ids a selection may name, per kind (``index``: the graph's relation index,
    when the caller has it)."""
    try:
        borders = set(dataset_border_ids(dataset.borders, dataset.actors).values())
    except ValueError:
        borders = set()
    return {
        "actor": {str(n) for n in G},
        "relation": set(relation_index(G) if index is None else index),
        "place": {str(p) for p in dataset.places.index},
        "border": borders,
    }


def seed_from_url(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    kinds: Sequence[str],
    views: dict[str, View],
    stories: dict[str, Any],
) -> None:
    """Set the widgets, the selection and the view or story step from the URL, once per
    session (the page, Explore or Present, is chosen before: :func:`wants_present`)."""
    state = STATE
    query = query_dict()
    spec, warnings = spec_from_query(G, query)
    values, more = widget_state(G, spec, kinds=kinds, max_hops=MAX_HOPS)
    selection, most = selection_from_query(query, known_ids(G, dataset))
    for key, value in values.items():
        state[key] = value
    size = (query.get("size") or [DEFAULT_SIZE])[-1]
    if size not in SIZE_CHOICES:
        more.append(f"Ignored size={size!r} in the address: not a way to size nodes.")
        size = DEFAULT_SIZE
    state.v_size = size
    state.layout_spec = spec if (query.get("layout") or [""])[-1] == "filtered" else None
    state.selection = selection
    pair, problem = connect_pair((query.get("connect") or [""])[-1], G)
    if problem:
        more.append(f"Ignored connect={query['connect'][-1]!r} in the address: {problem}.")
    state.connect = list(pair or ())
    layer = (query.get("layer") or ["curated"])[-1]
    if layer not in LAYER_CHOICES:
        more.append(f"Ignored layer={layer!r} in the address: use curated, events or both.")
        layer = "curated"
    state.layer = layer
    compare = query.get("compare") or []
    state.c_before, state.c_after = (compare[-2], compare[-1]) if len(compare) >= 2 else ("", "")
    problem = compare_pair(state.c_before, state.c_after)[1]
    if problem:
        more.append(f"Ignored compare={compare[-2:]!r} in the address: {problem}")
        state.c_before, state.c_after = "", ""
    state.url_warnings = [*warnings, *more, *most]
    state.story, state.step = None, 1
    found = story_step(query, stories)
    slug = (query.get("view") or [""])[-1]
    if found is not None:
        state.story, state.step = found
        chosen = views.get(stories[found[0]].views[found[1] - 1])
        if chosen is not None:
            apply_view(G, dataset, kinds, chosen)
    elif slug in views:
        state.view_slug, state.view_pending = slug, True
    state.seeded = True


def current_connect() -> tuple[str, str] | None:
    """The two actors whose connections the reader asked for, when two are chosen."""
    chosen = STATE.connect
    return (chosen[0], chosen[1]) if len(chosen) == 2 else None


def current_compare() -> tuple[str, str] | None:
    """The two dates of "what changed", when both are given and valid."""
    state = STATE
    return compare_pair(state.c_before, state.c_after)[0]


def apply_view(G: nx.MultiDiGraph, dataset: Dataset, kinds: Sequence[str], view: View) -> None:
    """Set the filters, the selection and the compare dates of a saved view.

    The view's filters go through the same path as the URL's (:func:`widget_state` of its
    :class:`FilterSpec`), so the page shows what :func:`apply_filters` keeps for it.
    """
    state = STATE
    try:
        spec = view.spec()
    except ValueError as error:
        state.url_warnings = [f"The view {view.title!r} could not be applied: {error}."]
        return
    values, warnings = widget_state(G, spec, kinds=kinds, max_hops=MAX_HOPS)
    for key, value in values.items():
        state[key] = value
    state.selection = view_selection(view, known_ids(G, dataset))
    state.c_before, state.c_after = view.compare or ("", "")
    state.connect = [a for a in view.connect or () if a in G]
    state.layout_spec = None
    state.view_slug, state.view_pending = view.slug, True
    state.url_warnings = warnings


def pick_view() -> None:
    """Callback of the saved-views box: ask for the chosen view, then empty the box.

    Callbacks carry names, never data: Streamlit keeps a widget's callback arguments with
    the session, and a graph or dataset there would keep each reader's upload alive after
    the server let it go. The run that follows applies the view (:func:`take_request`).
    """
    state = STATE
    state.requested = ("view", state.pick_view, 1)
    state.pick_view = None


def go_to_step(slug: str | None, step: int) -> None:
    """Callback: show step ``step`` (1-based) of story ``slug`` (default: the story picked
    in the sidebar) in presentation mode; the run that follows applies its view."""
    state = STATE
    state.present, state.page_chosen = True, True  # the run that follows opens the slides
    state.requested = ("step", slug or state.pick_story, step)


def take_request(
    G: nx.MultiDiGraph,
    dataset: Dataset,
    kinds: Sequence[str],
    views: dict[str, View],
    stories: dict[str, Any],
) -> None:
    """Apply the view or story step a callback asked for (:func:`pick_view`,
    :func:`go_to_step`), once."""
    state = STATE
    if state.requested is None:
        return
    kind, name, step = state.requested
    state.requested = None
    if name is None:
        return
    if kind == "view":
        chosen = views.get(name)
        if chosen is not None:
            state.story = None
            apply_view(G, dataset, kinds, chosen)
        return
    story = stories.get(name)
    if story is None or not story.views:
        return
    step = min(max(step, 1), len(story.views))
    state.story, state.step = name, step
    chosen = views.get(story.views[step - 1])
    if chosen is not None:
        apply_view(G, dataset, kinds, chosen)


def set_present(on: bool) -> None:
    """Callback: enter or leave presentation mode (leaving ends a story); the run that
    follows opens the page asked for (:func:`wants_present`)."""
    state = STATE
    state.present, state.page_chosen = on, True
    if not on:
        state.story = None


def wants_present(on_present: bool) -> bool:
    """Whether the Present page is the one to show; ``on_present``: it is the page the
    navigation chose (the address's path).

    A new session follows its address: the Present page's path, or ``?present=1`` (the
    links made before the pages had paths of their own). Then a button that enters or
    leaves presentation mode decides (:func:`set_present`, :func:`go_to_step`), and
    otherwise the page the reader went to (the browser's back and forward buttons).
    """
    state = STATE
    if not state.has("present"):
        state.present = on_present or st.query_params.get("present") == "1"
    elif not state.page_chosen:
        state.present = on_present
    state.page_chosen = False
    return bool(state.present)


def keep_hidden_inputs() -> None:
    """Keep the values of the filters while their widgets are not drawn (presentation
    mode): Streamlit forgets the value of a widget that a run does not draw."""
    state = STATE
    held = st.session_state.to_dict()
    for key in (*state.filters(), *KEPT_KEYS):
        if key in held:
            state[key] = held[key]


def init_state(G: nx.MultiDiGraph, kinds: Sequence[str]) -> None:
    """Give every widget key a value (the defaults, or what the data still allows)."""
    state = STATE
    defaults, _ = widget_state(G, FilterSpec(keep_isolates=False), kinds=kinds)
    for key, value in defaults.items():
        state.setdefault(key, value)
    # Values a widget cannot show (the data changed under the session) are dropped.
    types = G.graph.get("relation_types") or {}
    state.f_types = [t for t in state.f_types if t in types]
    state.f_kinds = [k for k in state.f_kinds if k in kinds]
    state.f_focus = [a for a in state.f_focus if a in G]
    state.connect = [a for a in state.connect if a in G][:2]
    state.setdefault("v_size", DEFAULT_SIZE)
    state.setdefault("layer", "curated")
    state.setdefault("event_pick", None)
    state.setdefault("layout_spec", None)
    state.setdefault("selection", None)
    for key in ("c_before", "c_after"):
        state.setdefault(key, "")
    for key, value in (("present", False), ("story", None), ("step", 1), ("view_slug", None)):
        state.setdefault(key, value)


def write_url(spec: FilterSpec, selection: Selection | None) -> None:
    """Put the view in the address bar when it changed, so a copied link reproduces it."""
    state = STATE
    extra = {
        "size": state.v_size if state.v_size != DEFAULT_SIZE else "",
        "layout": "filtered" if state.layout_spec is not None else "",
        "layer": state.layer if state.layer in LAYER_CHOICES[1:] else "",
    }
    query = page_query(spec, selection, extra)
    compare = current_compare()
    if compare is not None:
        query["compare"] = list(compare)
    connect = current_connect()
    if connect is not None:
        query["connect"] = [",".join(connect)]
    if state.view_slug and not state.story:
        query["view"] = [state.view_slug]
    if state.present:
        query["present"] = ["1"]
        if state.story:
            query["story"], query["step"] = [state.story], [str(state.step)]
    if state.lang != "en":
        query["lang"] = [state.lang]
    if query != query_dict():
        st.query_params.from_dict(query)


# --------------------------------------------------------------------------- selection


def take_clicks(known: dict[str, set[str]], G: nx.MultiDiGraph, kinds: Sequence[str]) -> None:
    """Make the latest click the selection: on either figure or a row of a table; a click
    on a date of the timeline sets the page's "in force on" date.

    Each chart and table keeps its last selection event under its key; only an event
    that differs from the one seen before counts, so what was clicked last wins.
    """
    state = STATE
    for key in CHARTS:
        event = state[key]
        try:
            chosen = event["selection"]
            marker = tuple(tuple(p.get("customdata") or ()) for p in chosen["points"])
            marker += (chosen.get("at"),) if marker else ()  # the same point clicked again
        except (KeyError, TypeError, AttributeError):
            marker = ()
        seen, state[f"seen_{key}"] = state[f"seen_{key}"], marker
        if not marker or marker == seen:
            continue
        if marker[0][:1] == ("event",):  # a dyad of event data: its record, not a selection
            state.event_pick = str(marker[0][1])
            continue
        selection = selection_from_event(event)
        if selection is None:
            if marker[0][:1] == ("country",):
                shape = map_shapes().get(str(marker[0][1]))
                where = shape.name if shape else "That country"
                st.toast(
                    f"{escape_markdown(where)} is not an actor in the data.",
                    icon=":material/info:",
                )
            continue
        ids = selection.id.split(",") if selection.kind == "relations" else [selection.id]
        wanted = "relation" if selection.kind == "relations" else selection.kind
        if all(ident in known.get(wanted, ()) for ident in ids):
            state.selection = selection
    event = state.timeline
    picked = date_from_selection(event) if isinstance(event, dict) else None
    seen, state.seen_timeline = state.seen_timeline, picked
    if picked is not None and picked != seen:
        values, _ = widget_state(G, FilterSpec(on=picked), kinds=kinds, max_hops=MAX_HOPS)
        for key in ("f_date_mode", "f_on", "f_from", "f_to"):
            state[key] = values[key]
    for key in TABLES:
        event = state[key]
        try:
            chosen = event["selection"]
            rows = tuple(chosen["rows"])
            marker = (*rows, chosen.get("at")) if rows else ()  # the same row chosen again
        except (KeyError, TypeError, AttributeError):
            rows = marker = ()
        seen, state[f"seen_{key}"] = state[f"seen_{key}"], marker
        ids = state[f"ids_{key}"]
        if rows and marker != seen and rows[0] < len(ids):
            state.selection = Selection(*ids[rows[0]])


def select(selection: Selection | None) -> None:
    """Callback: make ``selection`` the page's selection."""
    STATE.selection = selection


def pick_actor() -> None:
    """Callback of the "Select an actor" box."""
    actor = STATE.pick_actor
    STATE.selection = Selection("actor", actor) if actor else None


def focus_on(actor: str) -> None:
    """Callback: focus the filters on one actor."""
    STATE.f_focus = [actor]


def set_layout(spec: FilterSpec | None) -> None:
    """Callback: lay the network out on ``spec``'s graph, or on the full graph (None)."""
    STATE.layout_spec = spec

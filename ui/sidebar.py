"""The Explore page's sidebar: saved views and stories, the filters, saving a view, and
the reader's own data (upload, template)."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import networkx as nx
import streamlit as st

from graph import style
from graph.dates import FIRST_DAY, LAST_DAY
from graph.details import CREDIBILITY_TEXT, RELIABILITY_TEXT, issue_lines, type_legend_html
from graph.filters import FilterSpec
from graph.i18n import gettext as _
from graph.i18n import language, ngettext
from graph.load import Dataset
from graph.store import SAVING_SETTING, StoreError, ViewRefused, ViewStore, saving_policy
from graph.text import escape_markdown, isolate
from graph.upload import UploadLimits, UploadResult, upload_digest, upload_template
from graph.url import (
    CONFIDENCE_CHOICES,
    DATE_MODES,
    SIGN_CHOICES,
    Selection,
    compare_pair,
    spec_from_widgets,
)
from graph.views import View, view_from_spec, view_text
from graph.vocabulary import RELIABILITY_GRADES
from ui.caches import AcceptedUpload, GraphFacts, checked_upload
from ui.common import (
    CONFIDENCE_TEXT,
    DATE_MODE_TEXT,
    MAX_HOPS,
    SIGN_TEXT,
    UPLOADS_KEPT,
    Fingerprint,
)
from ui.events import layer_choice
from ui.state import STATE, current_compare, current_connect, go_to_step, pick_view

# --------------------------------------------------------------------------- sidebar


def _grade_box(label: str, grades: Iterable[Any], key: str, meanings: Mapping[Any, str]) -> None:
    """A minimum grade of the Admiralty code: "Any", or a grade with its meaning "or
    better"; the code's meanings in its help."""
    st.selectbox(
        label,
        [None, *grades],
        key=key,
        format_func=lambda grade: (
            _("Any")
            if grade is None
            else _("{grade} ({meaning}) or better").format(grade=grade, meaning=_(meanings[grade]))
        ),
        placeholder=_("Any"),
        help=_("Admiralty code: {grades}").format(
            grades="; ".join(f"{k} {_(v)}" for k, v in meanings.items())
        ),
    )


def sidebar_filters(
    G: nx.MultiDiGraph, kinds: Sequence[str], box: Any, facts: GraphFacts
) -> tuple[FilterSpec, list[str]]:
    """Draw the filters in the sidebar container ``box``, grouped; return their spec
    (``facts``: :func:`graph_facts` of ``G``)."""
    state = STATE
    rows = G.graph.get("relation_types") or {}
    counts, actors = facts.type_counts, facts.actors
    first, last = facts.span

    box.markdown("### " + _("Filters"))
    with box:
        layer_choice()
    with box.expander(_("What"), expanded=True, icon=":material/hub:"):
        st.multiselect(
            _("Relation types"),
            list(rows),
            key="f_types",
            format_func=lambda t: f"{(rows.get(t) or {}).get('label') or t} ({counts.get(t, 0):,})",
            help=_("Colours and line styles as in the network and on the map."),
            placeholder=_("No relation type chosen"),
            wrap=False,
        )
        st.html(type_legend_html(G, state.f_types, counts))
        st.pills(
            _("Sign"),
            SIGN_CHOICES,
            selection_mode="multi",
            key="f_signs",
            format_func=lambda s: _(SIGN_TEXT[s]),
        )
        st.multiselect(
            _("Actor kinds"),
            kinds,
            key="f_kinds",
            format_func=lambda k: _(style.actor_kind_style(k).label),
            placeholder=_("No kind chosen"),
            wrap=False,
        )
    with box.expander(_("When"), expanded=True, icon=":material/event:"):
        st.selectbox(
            _("Relations in force"),
            DATE_MODES,
            key="f_date_mode",
            format_func=lambda m: _(DATE_MODE_TEXT[m]),
        )
        if state.f_date_mode == "on":
            if not isinstance(state.f_on, date):
                state.f_on = last or date.today()
            st.date_input(
                _("In force on"), key="f_on", min_value=FIRST_DAY, max_value=LAST_DAY,
                format="YYYY-MM-DD",
            )  # fmt: skip
        elif state.f_date_mode == "window":
            if state.f_from is None and state.f_to is None:
                state.f_from, state.f_to = first, last
            for key, label in (("f_from", _("From")), ("f_to", _("To"))):
                st.date_input(
                    label, key=key, min_value=FIRST_DAY, max_value=LAST_DAY, format="YYYY-MM-DD"
                )
        if state.f_date_mode != "all":
            st.checkbox(
                ngettext(
                    "Keep the {n} relation without dates",
                    "Keep the {n} relations without dates",
                    facts.undated,
                ).format(n=f"{facts.undated:,}"),
                key="f_undated",
                help=_(
                    "The data gives no start or end for these: nothing says they were not "
                    "in force then. The summary above the figures says how many are on screen."
                ),
            )
        st.markdown(_("**What changed** between two dates"))
        before, after = st.columns(2)
        before.text_input(_("From"), key="c_before", placeholder="2017")
        after.text_input(_("To"), key="c_after", placeholder="2021-10-27")
        problem = compare_pair(state.c_before, state.c_after)[1]
        if problem:
            st.caption(escape_markdown(problem))
        else:
            st.caption(
                _("Dates like 2021, 2021-10 or 2021-10-27; changes are marked in the network.")
            )
    with box.expander(_("How sure"), expanded=True, icon=":material/verified:"):
        st.select_slider(
            _("Minimum confidence"),
            CONFIDENCE_CHOICES,
            key="f_conf",
            format_func=lambda c: _(CONFIDENCE_TEXT[c]),
            help=_("Our confidence in each relation (ICD 203): low, moderate or high."),
        )
        _grade_box(
            _("Minimum source reliability"), RELIABILITY_GRADES[:-1], "f_rel", RELIABILITY_TEXT
        )
        _grade_box(_("Minimum information credibility"), range(1, 6), "f_cred", CREDIBILITY_TEXT)
    with box.expander(_("Focus"), expanded=True, icon=":material/filter_center_focus:"):
        st.text_input(
            _("Search names"),
            key="f_search",
            placeholder=_("English or Arabic: Jaish, باكستان"),
            help=_("Keeps the actors whose names match, with their relations and partners."),
        )
        st.multiselect(
            _("Focus on actors"),
            actors,
            key="f_focus",
            format_func=facts.names.__getitem__,
            placeholder=_("Choose actors"),
        )
        st.slider(_("Hops around the focus"), 0, MAX_HOPS, key="f_hops", disabled=not state.f_focus)
        st.checkbox(_("Show actors without relations"), key="f_isolates")
    with box.expander(_("Connect"), expanded=True, icon=":material/route:"):
        st.multiselect(
            _("How are two actors connected?"),
            actors,
            key="connect",
            max_selections=2,
            format_func=facts.names.__getitem__,
            placeholder=_("Choose two actors"),
            help=_(
                "The shortest ways between them through the relations on screen, each step "
                "in words under the map, highlighted in the network and on the map."
            ),
        )
    values = state.filters()
    return spec_from_widgets(G, values, kinds=kinds)


def views_sidebar(
    views: dict[str, View],
    stories: dict[str, Any],
    mine: set[str],
    problem: str,
    box: Any,
) -> None:
    """The shipped views and stories, and those saved here, at the top of the sidebar."""
    with box.expander(_("Saved views and stories"), expanded=False, icon=":material/bookmarks:"):
        if problem:
            st.warning(
                _("Left out, as they could not be read:\n{problems}").format(problems=problem)
            )
        if not views:
            st.caption(_("No saved view yet: set the filters, then use “Save this view”."))
            return
        st.selectbox(
            _("Show a saved view"),
            list(views),
            index=None,
            key="pick_view",
            format_func=lambda slug: (
                _("{title} · saved here").format(title=views[slug].title)
                if slug in mine
                else views[slug].title
            ),
            placeholder=_("Choose a view"),
            on_change=pick_view,
        )
        if stories:
            st.selectbox(
                _("Story"),
                list(stories),
                key="pick_story",
                format_func=lambda slug: ngettext(
                    "{title} ({n} view)", "{title} ({n} views)", len(stories[slug].views)
                ).format(title=stories[slug].title, n=f"{len(stories[slug].views):,}"),
            )
            st.button(
                _("Present this story"),
                on_click=go_to_step,
                args=(None, 1),
                key="start_story",
                icon=":material/slideshow:",
                width="stretch",
            )


def save_sidebar(
    G: nx.MultiDiGraph,
    spec: FilterSpec,
    selection: Selection | None,
    store: ViewStore | None,
    views: dict[str, View],
    mine: set[str],
    box: Any,
) -> None:
    """Save the current view in the server's view store (never in the shipped data), or
    download it as TOML; on uploaded data (``store`` None) download only."""
    state = STATE
    with box.expander(_("Save this view"), expanded=False, icon=":material/bookmark_add:"):
        st.text_input(_("Title"), key="save_title", max_chars=120)
        st.text_area(_("Note"), key="save_note", max_chars=2000, height=90)
        wanted = selection.id if selection and selection.kind in ("actor", "relation") else None
        try:
            view = view_from_spec(
                state.save_title or "",
                spec,
                note=state.save_note or "",
                selection=wanted,
                compare=current_compare(),
                connect=current_connect(),
            )
        except ValueError as error:
            st.caption(escape_markdown(_(str(error)).capitalize() + "."))
            return
        allowed, why = saving_policy(
            os.environ.get(SAVING_SETTING),
            st.get_option("server.address"),
            dict(st.context.headers or {}),
        )
        if store is not None and allowed:
            store_button(G, view, store, views, mine)
        elif store is None:
            st.caption(_("On your own data the view is offered as a file, not saved here."))
        else:
            st.caption(escape_markdown(why))
        st.download_button(
            _("Download the view (TOML)"),
            view_text(view),
            file_name=f"{view.slug}.toml",
            mime="application/toml",
            key="download_view",
            on_click="ignore",
            icon=":material/download:",
        )


def store_button(
    G: nx.MultiDiGraph, view: View, store: ViewStore, views: dict[str, View], mine: set[str]
) -> None:
    """The "Save" button, with "Replace it" when this reader's name is taken by a view
    saved here; a shipped view's name is never taken."""
    if view.slug in views and view.slug not in mine:
        st.caption(
            _(
                "A shipped view is named “{name}”: give this one another "
                "title (shipped views change only in the data folder)."
            ).format(name=escape_markdown(view.slug))
        )
        return
    replace_it = False
    if view.slug in mine:
        st.warning(
            _("A view named “{name}” is saved already.").format(name=escape_markdown(view.slug))
        )
        # One box per name: ticked for one view, it is not ticked for the next.
        replace_it = st.checkbox(_("Replace it"), key=f"save_replace_{view.slug}")
    if not st.button(
        _("Save"), key="save_view", icon=":material/save:",
        disabled=view.slug in mine and not replace_it,
    ):  # fmt: skip
        return
    shipped = {slug for slug in views if slug not in mine}
    try:
        store.save(view, overwrite=replace_it, G=G, reserved=shipped)
    except ViewRefused as error:
        st.error("\n".join([_("**Not saved:**"), *issue_lines(error.issues)]))
    except StoreError as error:  # ViewExists too: another reader took the name meanwhile
        st.error(_("Not saved: {reason}.").format(reason=escape_markdown(str(error))))
    else:
        st.success(
            _("Saved “{title}”: it is listed under Saved views.").format(
                title=escape_markdown(isolate(view.title))
            )
        )
        # A slug is lowercase letters, digits and '-': nothing to escape in a code span.
        st.caption(
            _("A curator ships it with `python -m graph views promote {slug}`.").format(
                slug=view.slug
            )
        )


def data_sidebar(shipped: Dataset, base_key: Fingerprint, box: Any) -> None:
    """Bring your own data: upload tables to extend or replace the shipped data, for this
    session only. Nothing is applied unless every table passes the validator."""
    state = STATE
    with box.expander(_("Your data"), expanded=False, icon=":material/upload_file:"):
        st.caption(
            escape_markdown(UploadLimits().describe())
            + " "
            + ngettext(
                "The server keeps the checked data of its {n} latest upload; "
                "an older one is checked again when its reader comes back to it.",
                "The server keeps the checked data of its {n} latest uploads; "
                "an older one is checked again when its reader comes back to it.",
                UPLOADS_KEPT,
            ).format(n=f"{UPLOADS_KEPT:,}")
        )
        st.download_button(
            _("Download a template"),
            functools.partial(upload_template, shipped),
            file_name="borderlines-template.zip",
            mime="application/zip",
            key="upload_template",
            on_click="ignore",
            icon=":material/download:",
            help=_(
                "Each table's columns in order, with example rows that hold together, and "
                "a README saying what each column holds."
            ),
        )
        mode = st.radio(
            _("Your tables"),
            ("extend", "replace"),
            key="upload_mode",
            format_func=lambda m: {"extend": _("Add rows"), "replace": _("Replace tables")}[m],
            horizontal=True,
        )
        files = st.file_uploader(
            _("Upload CSV tables or a .zip"),
            type=["csv", "zip"],
            accept_multiple_files=True,
            key=f"uploader_{state.uploader_gen}",
        )
        if files:
            payload = tuple((f.name, f.getvalue()) for f in files)  # the box's own bytes
            digest = upload_digest(payload, mode)
            if digest != state.upload_seen:
                state.upload_seen = digest
                result = checked_upload(digest, base_key, mode, language(), payload, shipped)
                state.upload_issues = result.issues
                if result.ok:
                    state.upload = AcceptedUpload(digest, mode, payload)
                    state.layout_spec = None
        issues = state.upload_issues
        if issues:
            st.error(
                "\n".join(
                    [
                        ngettext(
                            "**Not applied: {n} problem in your tables.** "
                            "The page still shows the data it showed before.",
                            "**Not applied: {n} problems in your tables.** "
                            "The page still shows the data it showed before.",
                            len(issues),
                        ).format(n=f"{len(issues):,}"),
                        "",
                        *issue_lines(issues),
                    ]
                )
            )
        active = state.upload
        current = active and checked_upload(
            active.digest, base_key, active.mode, language(), active.files, shipped
        )
        if current and current.ok:  # one that no longer fits is dropped by uploaded_data()
            st.success(escape_markdown(current.summary()))
            st.button(
                _("Back to the shipped data"),
                on_click=drop_upload,
                key="drop_upload",
                icon=":material/undo:",
            )


def drop_upload() -> None:
    """Callback: forget the session's upload and empty the upload box."""
    state = STATE
    state.upload = state.upload_issues = state.upload_seen = None
    state.uploader_gen = state.uploader_gen + 1
    state.layout_spec = None


def uploaded_data(shipped: Dataset, base_key: Fingerprint) -> UploadResult | None:
    """The session's accepted upload, checked (from the server's caches, or again from its
    bytes if they were set aside); None without one, or when the shipped data changed so
    that the upload no longer fits it (the reader is told)."""
    state = STATE
    active = state.upload
    if active is None:
        return None
    result = checked_upload(active.digest, base_key, active.mode, language(), active.files, shipped)
    if not result.ok:
        st.warning(
            _(
                "Your upload no longer fits the shipped data, which changed on the server: the "
                "page shows the shipped data. Upload your tables again to see the problems."
            ),
            icon=":material/sync_problem:",
        )
        drop_upload()
        return None
    return result

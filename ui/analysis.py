"""The analysis of what is on screen (the tab below the figures): measures, tension
triads, camps, blocs, and what changed between two dates."""

from __future__ import annotations

from typing import Any

import networkx as nx
import streamlit as st

from graph import style
from graph.details import camp_rows
from graph.filters import FilterSpec
from graph.i18n import gettext as _
from graph.i18n import ngettext
from graph.text import escape_markdown
from ui.caches import analysis_tables
from ui.common import ANALYSIS_AUTO_LIMIT, Fingerprint
from ui.state import STATE
from ui.table import Column, table_view

# --------------------------------------------------------------------------- analysis


def changes_list(found: Any) -> None:
    """What changed between the two compare dates, in words."""
    begun, changed = len(found.begun), len(found.changed)
    st.markdown(
        _(
            "**From {before} to {after}:** {begun}, {ended} ended, {changed}. Begun and "
            "ended relations are thickened in the network."
        ).format(
            before=escape_markdown(found.before),
            after=escape_markdown(found.after),
            begun=ngettext("{n} relation begun", "{n} relations begun", begun).format(
                n=f"{begun:,}"
            ),
            ended=len(found.ended),
            changed=ngettext(
                "{n} pair of another net sign", "{n} pairs of another net sign", changed
            ).format(n=f"{changed:,}"),
        )
    )
    records = found.records()
    if not records:
        st.caption(_("Nothing changed among the relations the filters keep."))
        return
    words = {"begun": _("Begun"), "ended": _("Ended"), "changed sign": _("Changed sign")}
    st.markdown(
        "\n".join(
            f"- **{words[r['change']]}** ({escape_markdown(str(r['what']))}): "
            f"{escape_markdown(str(r['reason']))}"
            for r in records
        )
    )


def analysis_wanted(H: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec) -> bool:
    """Whether to analyse ``H`` now: always up to :data:`ANALYSIS_AUTO_LIMIT` relations;
    past it once the reader asked for this view (remembered for the session)."""
    size = H.number_of_edges()
    if size <= ANALYSIS_AUTO_LIMIT:
        return True
    asked = STATE.setdefault("analysed_views", set())
    if (fingerprint, spec) in asked:
        return True
    st.info(
        ngettext(
            "{n} relation on screen: at this size the analysis takes seconds, so it runs "
            "when asked. It runs on its own below {limit} relations: narrow the filters, or "
            "analyse this view.",
            "{n} relations on screen: at this size the analysis takes seconds, so it runs "
            "when asked. It runs on its own below {limit} relations: narrow the filters, or "
            "analyse this view.",
            size,
        ).format(n=f"{size:,}", limit=f"{ANALYSIS_AUTO_LIMIT:,}"),
        icon=":material/hourglass_top:",
    )
    # The click is remembered before the rerun (a callback), so that run analyses.
    st.button(
        _("Analyse this view"), key="analyse_large", icon=":material/analytics:",
        on_click=asked.add, args=((fingerprint, spec),),
    )  # fmt: skip
    return False


def analysis_panel(
    H: nx.MultiDiGraph, fingerprint: Fingerprint, spec: FilterSpec, found: Any
) -> None:
    if found is not None:
        with st.container(border=True):
            changes_list(found)
    if H.number_of_edges() == 0:
        st.caption(_("Nothing to analyse: no relation matches the filters."))
        return
    if not analysis_wanted(H, fingerprint, spec):
        return
    tables = analysis_tables(H, fingerprint, spec)
    top, tension, split, groups = st.tabs(
        [_("Top actors"), _("Tension triads"), _("Camps"), _("Blocs")]
    )
    with top:
        measures = tables["measures"].head(12).reset_index()
        measures["kind"] = [_(style.actor_kind_style(k).label) for k in measures["kind"]]
        STATE.ids_measures_table = [("actor", a) for a in measures["id"]]
        table_view(
            measures,
            {
                "name": _("Actor"),
                "kind": _("Kind"),
                "degree": Column(_("Relations"), number="{:,.0f}"),
                "partners": Column(_("Partners"), number="{:,.0f}"),
                "cooperative": Column(
                    _("Cooperative"),
                    _("Sum of |intensity| of its cooperative relations"),
                    "{:,.0f}",
                ),
                "hostile": Column(
                    _("Hostile"), _("Sum of |intensity| of its hostile relations"), "{:,.0f}"
                ),
                "structural": Column(_("Structural"), number="{:,.0f}"),
                "betweenness": Column(_("Betweenness"), number="{:.3f}"),
            },
            key="measures_table",
            filename="central-actors.csv",
        )
        st.caption(
            _(
                "The actors with the most relations on screen; betweenness {method}. Select "
                "a row to see the actor."
            ).format(method=escape_markdown(tables["betweenness"]))
        )
    with tension:
        triads = tables["triads"]
        if triads.empty:
            st.markdown(
                _(
                    "No tension triad: among the actors on screen, no two friends of a third "
                    "are hostile to each other, and no three are all hostile."
                )
            )
        else:
            st.markdown(
                ngettext(
                    "**{n} unbalanced triad**: three actors whose net relations cannot all "
                    "hold at once (two pairs cooperate while the third pair is hostile, or all "
                    "three pairs are hostile).",
                    "**{n} unbalanced triads**: three actors whose net relations cannot all "
                    "hold at once (two pairs cooperate while the third pair is hostile, or all "
                    "three pairs are hostile).",
                    len(triads),
                ).format(n=f"{len(triads):,}")
            )
            st.markdown("\n".join(f"- {escape_markdown(t)}" for t in triads["explanation"]))
    with split:
        found = tables["camps"]
        if found is None:
            st.markdown(_("No cooperative or hostile pair on screen: no camps to find."))
        else:
            rows = camp_rows(H, found)
            st.markdown("\n".join(f"- **{k}:** {escape_markdown(v)}" for k, v in rows.items()))
            st.caption(
                _(
                    "The two camps that best fit the net sign of every related pair; the "
                    "frustration index counts the pairs that defy them. Method: {method}"
                ).format(method=escape_markdown(found.method))
            )
    with groups:
        table = tables["blocs"]
        if table.empty:
            st.markdown(_("No bloc: no cooperative pair on screen."))
        else:
            st.dataframe(
                table,
                hide_index=True,
                column_config={
                    "bloc": st.column_config.NumberColumn(_("Bloc"), width="small"),
                    "size": st.column_config.NumberColumn(_("Actors"), width="small"),
                    "members": st.column_config.TextColumn(_("Members"), width="large"),
                },
            )
            st.caption(_("Communities of actors that cooperate (Louvain, seeded)."))

"""dashboard.py run headless by Streamlit's AppTest, and the settings it is served with.

The figures are read from the page's element tree (:func:`charts`: the in-place figure
components of ``ui.figure``, their data's ``spec``)
holds each figure's JSON (0 is the network, 1 the map), and a relation is on a figure when
a point's ``customdata`` names it. A click is simulated by putting the selection event
under the chart's key in ``at.session_state``, as the page reads it from there.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import re
import shutil
import tomllib
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from markupsafe import escape
from streamlit.testing.v1 import AppTest

from graph.analysis import connecting_paths
from graph.analysis.changes import changes
from graph.build import build_graph
from graph.details import relation_exports
from graph.filters import FilterSpec, apply_filters, describe, explain_empty, undated_count
from graph.load import Dataset, default_data_dir, load_dataset
from graph.store import ViewStore
from graph.views import default_views_dir, load_stories, load_views
from ui.table import table_rows

REPO = Path(__file__).resolve().parents[1]
DASHBOARD = REPO / "dashboard.py"
STREAMLIT_CONFIG = REPO / ".streamlit" / "config.toml"

# Seconds for one run of the page; a cold load of the data takes about one.
RUN_TIMEOUT = 30

COUNTED_TABLES = {
    "Actors": "actors",
    "Relations": "relations",
    "Events": "events",
    "Places": "places",
    "Sources": "sources",
}
NETWORK, MAP, TIMELINE = 0, 1, 2


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return load_dataset(default_data_dir())


@pytest.fixture(scope="module")
def G(shipped: Dataset) -> nx.MultiDiGraph:
    return build_graph(shipped)


@pytest.fixture
def sources_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: Dataset) -> Path:
    """A folder standing in for the source documents: paragraph n reads "paragraph n",
    in Arabic words for the Arabic source."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for row in shipped.sources.itertuples():
        lines = [f"الفقرة {n} paragraph {n}" for n in range(1, int(row.body_to) + 5)]
        (folder / row.file).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("BORDERLINES_SOURCES", str(folder))
    return folder


def run_dashboard(query: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(str(DASHBOARD), default_timeout=RUN_TIMEOUT)
    at.query_params.update(query or {})
    return at.run()


def assert_clean(at: AppTest) -> None:
    """No traceback and no error box on the page."""
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def open_tab(at: AppTest, label: str) -> AppTest:
    """Open a tab below the figures ("Analysis of what is on screen", "Export this view"),
    as a click on it does: only the open tab's part of the page runs."""
    at.session_state["lower"] = label
    return at.run()


ANALYSIS, EXPORT = "Analysis of what is on screen", "Export this view"


def charts(at: AppTest) -> list:
    """The page's figures, in page order (``ui.figure`` components; not the tables)."""
    return [c for c in at.get("bidi_component") if "spec" in component_data(c)]


def table(at: AppTest, key: str) -> pd.DataFrame:
    """The rows a table of the page (``ui.table``) shows, as text, under its headings."""

    [element] = [c for c in at.get("bidi_component") if c.key == key]
    data = component_data(element)
    return pd.DataFrame(table_rows(data), columns=[c["label"] for c in data["columns"]])


def component_data(element) -> dict:
    """What a component of the page was given (``ui.figure``, ``ui.table``)."""
    return json.loads(element.proto.json)


def figure(at: AppTest, index: int) -> dict:
    return json.loads(json.loads(charts(at)[index].proto.json)["spec"])


def relation_ids(at: AppTest, index: int = NETWORK) -> set[str]:
    """Ids of the relations a figure draws (clickable points name them)."""
    ids: set[str] = set()
    for trace in figure(at, index)["data"]:
        for item in trace.get("customdata") or ():
            if isinstance(item, list) and item[:1] in (["relation"], ["relations"]):
                ids.update(item[1].split(","))
    return ids


def actor_ids(at: AppTest, index: int = NETWORK) -> set[str]:
    return {
        item[1]
        for trace in figure(at, index)["data"]
        for item in trace.get("customdata") or ()
        if isinstance(item, list) and item[:1] == ["actor"]
    }


def edge_ids(G: nx.MultiDiGraph, spec: FilterSpec) -> set[str]:
    return {str(key) for _, _, key in apply_filters(G, spec).edges(keys=True)}


def click(at: AppTest, chart: str, kind: str, ident: str) -> AppTest:
    """Simulate a click on a point of ``chart`` whose customdata is ``[kind, ident]``."""
    point = {"customdata": [kind, ident], "curve_number": 0, "point_number": 0}
    at.session_state[chart] = {
        "selection": {"points": [point], "point_indices": [0], "box": [], "lasso": []}
    }
    return at.run()


def page_order(at: AppTest) -> list:
    """Every element of the main area, in page order."""

    def walk(node: object) -> list:
        children = getattr(node, "children", {})
        return [node, *(n for child in children.values() for n in walk(child))]

    return walk(at.main)


def is_figure(element: object) -> bool:
    """Whether an element of :func:`page_order` is one of the page's figures (ui.figure),
    not another component (the document's direction, ui.language)."""
    proto = getattr(element, "proto", None)
    return getattr(proto, "component_name", None) == "borderlines_figure"


def html_text(at: AppTest) -> str:
    return "\n".join(str(element.value) for element in at.get("html"))


def plain(markdown: str) -> str:
    """Markdown as read: backslash escapes removed (the page escapes data text)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def markdown_text(at: AppTest) -> str:
    return plain("\n".join(str(element.value) for element in at.markdown))


def shown_text(at: AppTest) -> str:
    """Every message a reader sees: markdown, captions, and info, warning, error and
    success boxes, as read."""
    kinds = (at.markdown, at.caption, at.info, at.warning, at.error, at.success)
    return plain("\n".join(str(element.value) for kind in kinds for element in kind))


def broken_copy(tmp_path: Path, table: str, edits: dict[tuple[int, str], str]) -> Path:
    """Copy the shipped data to ``tmp_path`` and set ``edits[(line, field)]`` in ``table``.

    Lines count as in the loader's messages: the header is line 1.
    """
    data_dir = shutil.copytree(default_data_dir(), tmp_path / "data")
    path = data_dir / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    for (line, field), value in edits.items():
        rows[line - 1][rows[0].index(field)] = value
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    return data_dir


# --------------------------------------------------------------------------- loading


def test_page_shows_the_counts_of_the_data(shipped: Dataset) -> None:
    at = run_dashboard()

    assert_clean(at)
    assert at.title[0].value == "Borderlines"
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown == {label: str(len(getattr(shipped, t))) for label, t in COUNTED_TABLES.items()}


def test_page_lists_every_issue_of_broken_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = broken_copy(
        tmp_path, "relations", {(2, "target"): "no-such-actor", (3, "source"): "nobody-at-all"}
    )
    monkeypatch.setenv("BORDERLINES_DATA", str(data_dir))

    at = run_dashboard()

    assert not at.exception
    assert not at.metric
    assert not charts(at)
    [error] = at.error
    for place, name in [("relations.csv:2", "no-such-actor"), ("relations.csv:3", "nobody-at-all")]:
        assert any(place in line and name in line for line in plain(error.value).splitlines())


def test_page_reports_a_missing_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDERLINES_DATA", str(tmp_path / "nowhere"))

    at = run_dashboard()

    assert not at.exception
    assert not at.metric
    assert len(at.error) == 1


@pytest.mark.parametrize(
    ("section", "key", "value"),
    [
        ("browser", "gatherUsageStats", False),  # no usage statistics sent out
        ("server", "address", "127.0.0.1"),  # no external IP look-up, not on the network
        ("server", "enableXsrfProtection", True),
        ("client", "showErrorDetails", "none"),  # no traceback on the page
    ],
)
def test_streamlit_config_keeps_the_page_offline_and_private(
    section: str, key: str, value: object
) -> None:
    config = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    assert config[section][key] == value


def test_an_unexpected_failure_shows_a_short_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in a figure builder")

    monkeypatch.setattr("ui.explore.map_figure", broken)  # as the page calls it

    at = run_dashboard()

    assert not at.exception
    [error] = at.error
    assert error.value.startswith("Something went wrong while drawing this view.")
    assert "RuntimeError" not in error.value
    assert len(at.metric) == len(COUNTED_TABLES)  # the rest of the page still stands


# --------------------------------------------------------------------------- the view


def test_default_view_draws_every_relation_on_both_figures(G: nx.MultiDiGraph) -> None:
    at = run_dashboard()

    assert_clean(at)
    assert [chart.key for chart in charts(at)] == [
        "network", "map", "timeline"
    ]  # fmt: skip
    assert relation_ids(at, NETWORK) == {str(k) for _, _, k in G.edges(keys=True)}
    assert relation_ids(at, MAP)  # arcs between anchor places
    assert {t["type"] for t in figure(at, MAP)["data"]} == {"scattergeo"}
    assert "<b>Showing:</b> All relations ·" in html_text(at)
    assert at.query_params == {}  # the default view has a clean address


def test_summary_line_sits_above_the_figures_and_names_the_filters(G: nx.MultiDiGraph) -> None:
    at = run_dashboard({"signs": "-1", "min_confidence": "moderate"})

    assert_clean(at)
    spec = FilterSpec(signs=[-1], min_confidence="moderate")
    order = page_order(at)
    [summary] = [i for i, e in enumerate(order) if "Showing:" in str(getattr(e, "value", ""))]
    drawn = [i for i, e in enumerate(order) if is_figure(e)]
    assert summary < min(drawn)
    assert describe(spec, G) in order[summary].value
    assert f"{len(edge_ids(G, spec))} relations" in order[summary].value


def set_types(at: AppTest) -> None:
    at.multiselect(key="f_types").set_value(["military_cooperation", "threat"])


def set_signs(at: AppTest) -> None:
    at.pills(key="f_signs").set_value([-1])


def set_kinds(at: AppTest) -> None:
    at.multiselect(key="f_kinds").set_value(["state"])


def set_day(at: AppTest) -> None:
    at.selectbox(key="f_date_mode").set_value("on").run()
    at.date_input(key="f_on").set_value(date(2017, 6, 1))


def set_window(at: AppTest) -> None:
    at.selectbox(key="f_date_mode").set_value("window").run()
    at.date_input(key="f_from").set_value(date(2017, 1, 1))
    at.date_input(key="f_to").set_value(date(2018, 12, 31))


def set_confidence(at: AppTest) -> None:
    at.select_slider(key="f_conf").set_value("high")


def set_grade(at: AppTest) -> None:
    at.selectbox(key="f_cred").set_value(2)


def set_focus(at: AppTest) -> None:
    at.multiselect(key="f_focus").set_value(["azerbaijan"])


def set_search(at: AppTest) -> None:
    at.text_input(key="f_search").input("Jaish")


@pytest.mark.parametrize(
    ("act", "spec", "query"),
    [
        (set_types, FilterSpec(types=["military_cooperation", "threat"]), {"types"}),
        (set_signs, FilterSpec(signs=[-1]), {"signs"}),
        (set_kinds, FilterSpec(kinds=["state"]), {"kinds"}),
        (set_day, FilterSpec(on="2017-06-01"), {"on"}),
        (set_window, FilterSpec(date_from="2017-01-01", date_to="2018-12-31"), {"from", "to"}),
        (set_confidence, FilterSpec(min_confidence="high"), {"min_confidence"}),
        (set_grade, FilterSpec(min_grade="F2"), {"min_grade"}),
        (set_focus, FilterSpec(focus=["azerbaijan"]), {"focus"}),
        (set_search, FilterSpec(search="Jaish"), {"search"}),
    ],
    ids=["types", "sign", "kinds", "day", "window", "confidence", "grade", "focus", "search"],
)
def test_each_filter_changes_the_network_as_apply_filters_says(
    G: nx.MultiDiGraph, act: Callable[[AppTest], None], spec: FilterSpec, query: set[str]
) -> None:
    at = run_dashboard()
    everything = relation_ids(at)

    act(at)
    at.run()

    assert_clean(at)
    expected = edge_ids(G, spec)
    assert 0 < len(expected) < len(everything)  # the filter does something here
    assert relation_ids(at, NETWORK) == expected
    assert relation_ids(at, MAP) <= expected
    assert query <= set(at.query_params)  # the choice is in the address


def test_actors_without_relations_are_hidden_unless_asked_for(G: nx.MultiDiGraph) -> None:
    at = run_dashboard({"types": "military_cooperation"})
    hidden = actor_ids(at)

    at.checkbox(key="f_isolates").check().run()

    assert_clean(at)
    assert hidden == set(
        apply_filters(G, FilterSpec(types=["military_cooperation"], keep_isolates=False))
    )
    assert actor_ids(at) == set(G)
    assert at.query_params["isolates"] == "show"


def test_query_parameters_seed_the_view(G: nx.MultiDiGraph) -> None:
    query = {
        "types": ["diplomatic_consultation", "military_cooperation"],
        "signs": "+1",
        "from": "2021-01-01",
        "to": "2021-10-31",
        "min_confidence": "moderate",
        "focus": "pakistan",
        "hops": "2",
        "actor": "iran",
        "size": "strength",
    }
    at = run_dashboard(query)

    assert_clean(at)
    assert not at.warning
    spec = FilterSpec.from_query({**query, "isolates": "hide"})
    assert relation_ids(at) == edge_ids(G, spec)
    assert at.multiselect(key="f_types").value == [
        "diplomatic_consultation",
        "military_cooperation",
    ]
    assert at.pills(key="f_signs").value == [1]
    assert at.selectbox(key="f_date_mode").value == "window"
    assert at.date_input(key="f_from").value == date(2021, 1, 1)
    assert at.select_slider(key="f_conf").value == "moderate"
    assert at.slider(key="f_hops").value == 2
    assert at.selectbox(key="v_size").value == "strength"
    assert at.selectbox(key="pick_actor").value == "iran"
    assert at.query_params == {k: v for k, v in query.items()}  # nothing lost on the way


def test_a_partial_day_in_the_address_keeps_the_same_relations(G: nx.MultiDiGraph) -> None:
    at = run_dashboard({"on": "2017"})

    assert_clean(at)
    assert relation_ids(at) == edge_ids(G, FilterSpec(on="2017"))
    assert (at.query_params["from"], at.query_params["to"]) == ("2017-01-01", "2017-12-31")


def test_bad_query_values_are_ignored_with_a_warning(G: nx.MultiDiGraph) -> None:
    at = run_dashboard(
        {
            "types": ["military_cooperation", "smuggling"],
            "on": "2021-13-45",
            "hops": "many",
            "actor": "atlantis",
            "size": "enormous",
        }
    )

    assert_clean(at)
    warnings = plain("\n".join(w.value for w in at.warning))
    for bad in ("smuggling", "2021-13-45", "many", "atlantis", "enormous"):
        assert bad in warnings
    assert relation_ids(at) == edge_ids(G, FilterSpec(types=["military_cooperation"]))
    assert at.query_params == {"types": "military_cooperation"}  # the address is repaired


def test_an_emptying_filter_explains_itself(G: nx.MultiDiGraph) -> None:
    at = run_dashboard({"types": "agreement", "on": "2017-06-01"})

    assert_clean(at)
    message = explain_empty(G, FilterSpec(types=["agreement"], on="2017-06-01"))
    assert message.startswith("No agreement relations in force on 2017-06-01")
    assert [plain(info.value) for info in at.info] == [message]
    assert relation_ids(at, NETWORK) == set()
    assert relation_ids(at, MAP) == set()


@pytest.mark.parametrize(
    "widget",
    [
        lambda at: at.multiselect(key="f_types").set_value([]),
        lambda at: at.pills(key="f_signs").set_value([]),
        lambda at: at.multiselect(key="f_kinds").set_value([]),
        lambda at: at.text_input(key="f_search").input("zzzz"),
    ],
    ids=["no types", "no signs", "no kinds", "no match"],
)
def test_emptying_every_widget_shows_a_message_not_a_traceback(
    widget: Callable[[AppTest], object],
) -> None:
    at = run_dashboard({"actor": "iran"})

    widget(at)
    at.run()

    assert_clean(at)
    [info] = at.info
    assert info.value.startswith("No ")
    assert relation_ids(at) == set()


# --------------------------------------------------------------------------- selection


def test_clicking_a_node_fills_the_reading_pane(G: nx.MultiDiGraph) -> None:
    at = click(run_dashboard(), "network", "actor", "iran")

    assert_clean(at)
    assert at.query_params["actor"] == "iran"
    assert at.selectbox(key="pick_actor").value == "iran"
    html = html_text(at)
    assert 'Iran · <span class="bl-ar" dir="rtl" lang="ar">إيران</span>' in html
    text = markdown_text(at)
    assert "**ISO 3166 code:** IRN" in text
    assert "**Wikidata:** Q794" in text
    expected = {k for u, v, k in G.edges(keys=True) if "iran" in (u, v)}
    assert set(table(at, "relations_table")["Id"]) == expected
    assert f"<b>Relations on screen:</b> {len(expected)} of {len(expected)}</p>" in html


def test_the_selected_actor_is_highlighted_on_both_figures() -> None:
    at = click(run_dashboard(), "map", "actor", "pakistan")

    assert_clean(at)
    network_labels = [
        text for t in figure(at, NETWORK)["data"] for text in (t.get("text") or ()) if text
    ]
    assert "<b>Pakistan</b>" in network_labels  # the network draws it in bold, ringed
    assert any(t.get("name") == "Selected: Pakistan" for t in figure(at, MAP)["data"])


def test_the_latest_click_wins() -> None:
    at = click(run_dashboard(), "network", "actor", "iran")
    at = click(at, "map", "actor", "pakistan")
    assert at.query_params["actor"] == "pakistan"

    at.run()  # a rerun without a new click keeps the selection
    assert at.query_params["actor"] == "pakistan"

    at = click(at, "network", "actor", "azerbaijan")
    assert_clean(at)
    assert at.query_params["actor"] == "azerbaijan"


def test_clicking_a_relation_shows_its_record_and_cited_paragraphs(
    G: nx.MultiDiGraph, sources_dir: Path
) -> None:
    at = click(run_dashboard(), "network", "relation", "R050")

    assert_clean(at)
    assert at.query_params["relation"] == "R050"
    html = html_text(at)
    assert '<h4 class="bl-pane-title">Military cooperation</h4>' in html
    assert "<b>Grade:</b> C2 (fairly reliable source; probably true)" in html
    evidence = G.edges["iran", "pakistan", "R050"]["evidence"]  # mena-2021-10:3,9,14,20
    numbers = [int(n) for n in evidence.split(":")[1].split(",")]
    labels = [e.label for e in at.expander if e.label.startswith("¶")]
    assert [int(label.split()[1]) for label in labels] == numbers
    for n in numbers:
        assert f'<div class="bl-rtl" dir="rtl" lang="ar">الفقرة {n} paragraph {n}</div>' in html


def test_without_the_sources_the_citation_is_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BORDERLINES_SOURCES", str(tmp_path / "no-sources-here"))

    at = click(run_dashboard(), "network", "relation", "R050")

    assert_clean(at)
    assert not [e for e in at.expander if e.label.startswith("¶")]
    assert "2021-10, paragraph 3, 9, 14, 20" in markdown_text(at)


def test_a_row_of_the_relations_table_opens_the_relation() -> None:
    at = run_dashboard({"actor": "azerbaijan"})
    first = table(at, "relations_table")["Id"].iloc[1]

    at.session_state["relations_table"] = {"selection": {"rows": [1], "at": 1}}
    at.run()

    assert_clean(at)
    assert at.query_params["relation"] == first
    # The actor again, the same row chosen again: the relation again.
    click(at, "network", "actor", "azerbaijan")
    assert at.query_params["actor"] == "azerbaijan"
    at.session_state["relations_table"] = {"selection": {"rows": [1], "at": 2}}
    at.run()
    assert at.query_params["relation"] == first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, None),
        ({"types": "military_cooperation"}, {"relation": "military_cooperation"}),
        ({"signs": "-1"}, {"sign_value": -1}),
    ],
)
def test_the_relations_on_screen_are_a_table_of_the_filtered_graph(
    G: nx.MultiDiGraph, query: dict[str, str], expected: dict | None
) -> None:
    at = run_dashboard(query)

    assert_clean(at)
    shown = table(at, "screen_table")
    ids = {str(k) for u, v, k, d in G.edges(keys=True, data=True)
           if all(d.get(f if f != "sign_value" else "sign") == x
                  for f, x in (expected or {}).items())}  # fmt: skip
    assert set(shown["Id"]) == ids == relation_ids(at)
    assert list(shown.columns) == [
        "Id", "Type", "From", "", "To", "Sign", "Dates", "Status", "Confidence", "Grade",
        "Citation",
    ]  # fmt: skip


def test_undated_relations_are_counted_and_can_be_left_out(G: nx.MultiDiGraph) -> None:
    at = run_dashboard({"on": "2021-08"})
    spec = FilterSpec(on="2021-08")
    undated = undated_count(apply_filters(G, spec))
    assert f"(of which {undated} undated, kept)" in html_text(at)
    assert at.checkbox(key="f_undated").value is True

    at.checkbox(key="f_undated").uncheck().run()

    assert_clean(at)
    assert at.query_params["undated"] == "hide"
    assert "undated ones left out" in html_text(at)
    dated = apply_filters(G, FilterSpec(on="2021-08", keep_undated=False))
    assert relation_ids(at) == {str(k) for *_, k in dated.edges(keys=True)}


def test_a_row_of_the_relations_on_screen_selects_its_relation() -> None:
    at = run_dashboard({"types": "military_cooperation"})
    rows = table(at, "screen_table")
    chosen = rows["Id"].iloc[2]
    before = figure(at, NETWORK)

    at.session_state["screen_table"] = {"selection": {"rows": [2], "at": 1}}
    at.run()

    assert_clean(at)
    assert at.query_params["relation"] == chosen
    assert component_data(screen_table_element(at))["selected"] == 2
    assert f"<b>Id:</b> {chosen}</span>" in html_text(at)  # its record in the pane
    assert figure(at, NETWORK) != before  # the others fade
    assert relation_ids(at) == set(rows["Id"])


def screen_table_element(at: AppTest):
    [element] = [c for c in at.get("bidi_component") if c.key == "screen_table"]
    return element


def test_the_actor_box_and_the_buttons_select_and_focus() -> None:
    at = run_dashboard()
    at.selectbox(key="pick_actor").set_value("turkey").run()
    assert at.query_params["actor"] == "turkey"

    at.button(key="focus_button").click().run()
    assert_clean(at)
    assert at.query_params["focus"] == "turkey"

    at.button(key="clear_selection").click().run()
    assert "actor" not in at.query_params


@pytest.mark.parametrize(
    ("kind", "ident", "shown"),
    [
        ("place", "chabahar", "Chabahar"),
        ("border", "IRN-PAK", "The Iran \u2013 Pakistan border"),
        ("relations", "R048,R049", "2 relations drawn as one arc"),
    ],
)
def test_clicks_on_map_places_borders_and_arcs(kind: str, ident: str, shown: str) -> None:
    at = click(run_dashboard(), "map", kind, ident)

    assert_clean(at)
    assert at.query_params[kind] == ident
    assert shown in html_text(at) + markdown_text(at)


def test_a_selection_hidden_by_the_filters_still_shows_its_card() -> None:
    at = run_dashboard({"actor": "iran", "kinds": "armed_group"})

    assert_clean(at)
    assert "iran" not in actor_ids(at)
    assert "(the filters hide it)" in html_text(at)


# --------------------------------------------------------------------------- the map


def test_map_arcs_follow_the_type_filter(G: nx.MultiDiGraph) -> None:
    at = run_dashboard()
    before = relation_ids(at, MAP)

    at.multiselect(key="f_types").set_value(["military_cooperation"]).run()

    assert_clean(at)
    after = relation_ids(at, MAP)
    chosen = edge_ids(G, FilterSpec(types=["military_cooperation"]))
    assert after
    assert after <= chosen
    assert before - chosen  # arcs of other types were there, and are gone
    assert not after & (before - chosen)


def test_map_arcs_follow_the_date_control(G: nx.MultiDiGraph) -> None:
    at = run_dashboard()
    before = relation_ids(at, MAP)

    at.selectbox(key="f_date_mode").set_value("on").run()
    at.date_input(key="f_on").set_value(date(2017, 6, 1)).run()

    assert_clean(at)
    in_force = edge_ids(G, FilterSpec(on="2017-06-01"))
    after = relation_ids(at, MAP)
    assert after
    assert after <= in_force
    assert before - in_force
    assert not after & (before - in_force)


# --------------------------------------------------------------------------- view options


def test_view_options_size_and_layout_round_trip_through_the_address() -> None:
    at = run_dashboard({"types": "military_cooperation"})

    at.selectbox(key="v_size").set_value("betweenness").run()
    at.button(key="relayout").click().run()

    assert_clean(at)
    assert at.query_params["size"] == "betweenness"
    assert at.query_params["layout"] == "filtered"

    again = run_dashboard(dict(at.query_params))
    assert_clean(again)
    assert again.selectbox(key="v_size").value == "betweenness"
    assert figure(again, NETWORK) == figure(at, NETWORK)  # the link reproduces the view

    at.button(key="full_layout").click().run()
    assert "layout" not in at.query_params


def test_the_analysis_covers_what_is_on_screen() -> None:
    at = open_tab(
        run_dashboard({"types": ["military_cooperation", "military_posturing"]}), ANALYSIS
    )

    assert_clean(at)
    text = markdown_text(at)
    assert "unbalanced triad" in text
    assert "Azerbaijan and Iran are hostile" in text
    assert "**Frustration index:**" in text
    measures = table(at, "measures_table")
    assert "Iran" in set(measures["Actor"])
    assert list(measures.columns[-1:]) == ["Betweenness"]


def test_the_sign_filter_names_each_sign_beside_its_line_style() -> None:
    at = run_dashboard()
    labels = [str(option) for option in at.pills(key="f_signs").options]
    assert labels == ["Cooperative ───", "Hostile - - -", "Structural ···"]


# --------------------------------------------------------------------------- presentation

STORY = "iran-pakistan-2021"


def param(at: AppTest, key: str) -> list[str]:
    """A query parameter of the page as a list (AppTest gives one value as a string)."""
    value = at.query_params[key]
    return value if isinstance(value, list) else [value]


@pytest.fixture(scope="module")
def views() -> dict:
    return load_views(default_views_dir())


@pytest.fixture(scope="module")
def story(views: dict):
    return load_stories(default_views_dir())[STORY]


def test_presentation_mode_hides_the_controls_and_shows_the_findings(G: nx.MultiDiGraph) -> None:
    at = run_dashboard({"present": "1", "signs": "-1"})

    assert_clean(at)
    assert len(at.sidebar) == 0  # no filter, view or upload control is drawn
    assert not at.multiselect
    assert not at.selectbox
    assert not at.text_input
    assert [chart.key for chart in charts(at)] == [
        "present_network", "present_map"
    ]  # fmt: skip
    assert relation_ids(at) == edge_ids(G, FilterSpec(signs=[-1], keep_isolates=False))
    for index in (NETWORK, MAP):  # labels readable from the back of a room
        assert figure(at, index)["layout"]["font"]["size"] >= 16
    legend = figure(at, NETWORK)["layout"]["legend"]  # above the plot: the graph keeps the width
    assert (legend["orientation"], legend["yanchor"]) == ("h", "bottom")
    text = html_text(at)
    assert "stSidebar" in text  # the static CSS that hides the sidebar
    assert '<h1 class="bl-present-title">Borderlines</h1>' in text
    assert describe(FilterSpec(signs=[-1]), G) in text
    for heading in ("Tension triads", "Camps", "Most central actors", "Source:"):
        assert heading in text
    assert param(at, "present") == ["1"]


def test_presentation_mode_toggles_on_and_off_keeping_the_filters() -> None:
    at = run_dashboard({"signs": "-1"})
    at.button(key="present_on").click().run()
    assert_clean(at)
    assert param(at, "present") == ["1"]
    assert param(at, "signs") == ["-1"]
    at.button(key="present_off").click().run()
    assert_clean(at)
    assert "present" not in at.query_params
    assert param(at, "signs") == ["-1"]
    assert at.pills(key="f_signs").value == [-1]


@pytest.mark.parametrize("slug", ["military-ties", "tehran-meeting", "since-2017"])
def test_a_view_from_the_sidebar_applies_its_filters_and_title(
    G: nx.MultiDiGraph, views: dict, slug: str
) -> None:
    at = run_dashboard()
    at.selectbox(key="pick_view").select(slug).run()

    assert_clean(at)
    view = views[slug]
    assert relation_ids(at) == edge_ids(G, view.spec())
    assert at.title[0].value == view.title
    assert param(at, "view") == [slug]
    if view.selection:
        kind = "actor" if view.selection in G else "relation"
        assert param(at, kind) == [view.selection]


def test_changing_a_filter_after_a_view_drops_its_title() -> None:
    at = run_dashboard()
    at.selectbox(key="pick_view").select("military-ties").run()
    at.pills(key="f_signs").set_value([-1]).run()
    assert_clean(at)
    assert at.title[0].value == "Borderlines"
    assert "view" not in at.query_params


def test_a_story_steps_next_and_previous_like_slides(
    G: nx.MultiDiGraph, views: dict, story
) -> None:
    at = run_dashboard()
    at.selectbox(key="pick_story").select(STORY)
    at.button(key="start_story").click().run()
    assert_clean(at)
    assert param(at, "story") == [STORY]
    assert param(at, "step") == ["1"]
    assert at.button(key="story_previous").disabled

    for step, slug in enumerate(story.views[1:], start=2):
        at.button(key="story_next").click().run()
        assert_clean(at)
        assert param(at, "step") == [str(step)]
        assert relation_ids(at) == edge_ids(G, views[slug].spec()), slug
        title = escape(views[slug].title)  # as the slide template escapes it
        assert f'<h1 class="bl-present-title">{title}</h1>' in html_text(at)
    assert at.button(key="story_next").disabled
    at.button(key="story_previous").click().run()
    assert param(at, "step") == [str(len(story.views) - 1)]
    assert relation_ids(at) == edge_ids(G, views[story.views[-2]].spec())


def test_a_story_step_in_the_address_opens_that_slide(G: nx.MultiDiGraph, views: dict, story):
    at = run_dashboard({"present": "1", "story": STORY, "step": "3"})
    assert_clean(at)
    assert relation_ids(at) == edge_ids(G, views[story.views[2]].spec())
    assert f"step 3 of {len(story.views)}" in html_text(at)


# --------------------------------------------------------------------------- timeline


@pytest.mark.parametrize(
    ("picked", "query"),
    [
        ("2021-10-27", {"on": ["2021-10-27"]}),
        ("2019-05", {"from": ["2019-05-01"], "to": ["2019-05-31"]}),
    ],
)
def test_a_click_on_the_timeline_sets_the_date(
    G: nx.MultiDiGraph, picked: str, query: dict
) -> None:
    at = run_dashboard()
    point = {"customdata": ["date", "", picked], "curve_number": 0, "point_number": 0}
    at.session_state["timeline"] = {"selection": {"points": [point]}}
    at.run()

    assert_clean(at)
    assert {key: param(at, key) for key in query} == query
    assert relation_ids(at) == edge_ids(G, FilterSpec(on=picked, keep_isolates=False))


# --------------------------------------------------------------------------- what changed


def test_what_changed_lists_and_marks_the_changes(G: nx.MultiDiGraph) -> None:
    at = run_dashboard()
    plain_network = figure(at, NETWORK)
    at.text_input(key="c_before").input("2017")
    at.text_input(key="c_after").input("2021-10-27").run()
    open_tab(at, ANALYSIS)

    assert_clean(at)
    found = changes(apply_filters(G, FilterSpec(keep_isolates=False)), "2017", "2021-10-27")
    assert found.records()
    text = markdown_text(at)
    for record in found.records():
        assert str(record["reason"]) in text
    assert param(at, "compare") == ["2017", "2021-10-27"]
    # the same relations are drawn, the begun and ended ones emphasised
    assert relation_ids(at) == edge_ids(G, FilterSpec(keep_isolates=False))
    assert figure(at, NETWORK)["data"] != plain_network["data"]


def test_what_changed_explains_bad_dates() -> None:
    at = run_dashboard()
    at.text_input(key="c_before").input("2022")
    at.text_input(key="c_after").input("2017").run()
    assert_clean(at)
    assert "is after the second" in markdown_text(at) + "".join(c.value for c in at.caption)
    assert "compare" not in at.query_params


# --------------------------------------------------------------------------- exports


def test_the_exports_hold_exactly_the_relations_on_screen(G: nx.MultiDiGraph) -> None:
    at = open_tab(
        run_dashboard({"types": ["military_cooperation", "threat"], "signs": "-1"}), EXPORT
    )
    assert_clean(at)
    shown = relation_ids(at)
    H = apply_filters(G, FilterSpec(types=["military_cooperation", "threat"], signs=[-1]))
    assert {str(k) for _, _, k in H.edges(keys=True)} == shown
    exports = relation_exports(H)
    rows = list(csv.DictReader(io.StringIO(exports["CSV of the relations"][0])))
    assert {row["id"] for row in rows} == shown
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row.values())
    for label in ("GraphML", "GEXF"):
        text = exports[label][0]
        text = text.decode() if isinstance(text, bytes) else text
        assert set(re.findall(r'id="(R\d+)"', text)) == shown, label
    keys = {button.key for button in at.get("download_button")}
    assert {"export_csv", "export_graphml", "export_gexf"} <= keys


def test_the_briefing_is_prepared_on_request() -> None:
    at = open_tab(run_dashboard({"signs": "-1"}), EXPORT)
    assert "export_html_file" not in {b.key for b in at.get("download_button")}
    at.button(key="prepare_briefing").click().run()
    assert_clean(at)
    assert "export_html_file" in {b.key for b in at.get("download_button")}


# --------------------------------------------------------------------------- saved views


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def save_as(at: AppTest, title: str, note: str = "") -> AppTest:
    at.text_input(key="save_title").input(title)
    at.text_area(key="save_note").input(note).run()
    return at


def test_a_saved_view_goes_to_the_state_store_never_into_the_data(
    state_dir: Path,
) -> None:
    shipped = folder_bytes(default_data_dir())
    at = save_as(run_dashboard({"signs": "-1"}), "Hostile ties", "Only the hostile ones.")
    at.button(key="save_view").click().run()
    assert_clean(at)
    assert "Saved “Hostile ties”: it is listed" in plain("".join(s.value for s in at.success))
    assert "graph views promote hostile-ties`" in shown_text(at)
    saved = ViewStore(state_dir).read().views["hostile-ties"]
    assert saved.spec().signs == (-1,)
    assert saved.note == "Only the hostile ones."
    assert folder_bytes(default_data_dir()) == shipped  # the repository is untouched

    at.run()  # listed with the others, marked as saved here
    picker = at.selectbox(key="pick_view")
    assert "hostile-ties" in picker.options or "Hostile ties · saved here" in picker.options


def test_replacing_a_saved_view_needs_a_tick_for_that_very_name(state_dir: Path) -> None:
    at = run_dashboard({"signs": "-1"})
    for title in ("Hostile ties", "Other ties"):
        save_as(at, title).button(key="save_view").click().run()
    store = ViewStore(state_dir)
    before = store.text("hostile-ties")
    save_as(at, "Hostile ties")
    assert at.button(key="save_view").disabled  # taken: needs "Replace it"
    assert "is saved already" in "".join(w.value for w in at.warning)
    at.checkbox(key="save_replace_hostile-ties").check().run()
    assert not at.button(key="save_view").disabled
    save_as(at, "Other ties")  # another taken name: its own box, not ticked
    assert not at.checkbox(key="save_replace_other-ties").value
    assert at.button(key="save_view").disabled
    assert store.text("hostile-ties") == before


def test_a_shipped_view_cannot_be_replaced_from_the_page(state_dir: Path) -> None:
    at = save_as(run_dashboard({"signs": "-1"}), "Whole picture")
    assert "save_view" not in {b.key for b in at.button}
    assert "A shipped view is named" in shown_text(at)
    assert "download_view" in {b.key for b in at.get("download_button")}
    assert not state_dir.exists()


def test_a_view_that_validate_would_reject_is_not_saved(state_dir: Path) -> None:
    # a search that matches nobody: the page explains the empty view; validate refuses it
    at = save_as(run_dashboard({"search": "zzzz"}), "Long ago")
    at.button(key="save_view").click().run()
    assert not at.exception
    errors = plain("\n".join(e.value for e in at.error))
    assert "Not saved" in errors
    assert "saved view long-ago" in errors
    assert "the view shows no relations" in errors
    assert len(ViewStore(state_dir)) == 0


@pytest.mark.parametrize(
    ("setting", "shown"),
    [("off", "Saving is off on this server"), ("maybe", "is not on, off or auto")],
)
def test_saving_can_be_turned_off_and_the_view_downloads_instead(
    monkeypatch: pytest.MonkeyPatch, state_dir: Path, setting: str, shown: str
) -> None:
    monkeypatch.setenv("BORDERLINES_SAVING", setting)
    at = save_as(run_dashboard({"signs": "-1"}), "Hostile ties")
    assert "save_view" not in {b.key for b in at.button}
    assert shown in shown_text(at)
    download = next(b for b in at.get("download_button") if b.key == "download_view")
    assert download.proto.label == "Download the view (TOML)"
    assert not state_dir.exists()


def test_a_broken_view_file_hides_only_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = shutil.copytree(default_data_dir(), tmp_path / "data")
    (data_dir / "views" / "zz.toml").write_text("")  # an empty file, as a killed save left
    (data_dir / "views" / "deep.toml").write_text("note = " + "[" * 30_000)
    (data_dir / "views" / "huge.toml").write_text("note = " + "[" * 100_000)
    monkeypatch.setenv("BORDERLINES_DATA", str(data_dir))
    at = run_dashboard()
    assert_clean(at)
    warnings = plain("\n".join(w.value for w in at.warning))
    assert "views/zz.toml:1: title: missing title" in warnings
    assert "views/deep.toml:1: not readable: values nested too deeply" in warnings
    assert "views/huge.toml: too large to be a view (100,007 bytes" in warnings
    assert len(at.selectbox(key="pick_view").options) == 7

    at = run_dashboard({"present": "1", "story": "iran-pakistan-2021", "step": "2"})
    assert_clean(at)
    assert "step 2 of 7" in html_text(at)


def test_a_story_whose_view_is_broken_is_left_out_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = shutil.copytree(default_data_dir(), tmp_path / "data")
    (data_dir / "views" / "tehran-meeting.toml").write_text('title = "W')  # a full disk
    monkeypatch.setenv("BORDERLINES_DATA", str(data_dir))
    at = run_dashboard()
    assert_clean(at)
    warnings = plain("\n".join(w.value for w in at.warning))
    assert "views/tehran-meeting.toml:1: not valid TOML" in warnings
    assert "its view 'tehran-meeting' could not be read" in warnings
    assert len(at.selectbox(key="pick_view").options) == 6


@pytest.mark.parametrize(
    "query",
    [
        {"on": "0001"},
        {"to": "9999"},
        {"from": "1799", "to": "2021"},
        {"on": "2200-01-01"},
        {"compare": ["0001", "2021"]},
    ],
    ids=["on-0001", "to-9999", "from-1799", "on-2200", "compare-0001"],
)
def test_dates_outside_the_range_warn_and_never_break_the_page(
    G: nx.MultiDiGraph, query: dict
) -> None:
    at = run_dashboard(query)
    assert_clean(at)
    assert "outside the years 1800 to 2199" in shown_text(at)
    assert relation_ids(at) == edge_ids(G, FilterSpec(keep_isolates=False))


@pytest.mark.parametrize(
    "query", [{"on": "1800"}, {"on": "2199-12-31"}, {"from": "1800-01-01", "to": "2199"}]
)
def test_dates_at_the_ends_of_the_range_are_taken(query: dict) -> None:
    at = run_dashboard(query)
    assert_clean(at)
    assert not at.warning
    assert set(at.query_params) & {"on", "from", "to"}


@pytest.mark.parametrize("typed", [("0001", "2021"), ("2021", "9999-12-31")])
def test_what_changed_refuses_dates_outside_the_range(typed: tuple[str, str]) -> None:
    at = run_dashboard()
    at.text_input(key="c_before").input(typed[0])
    at.text_input(key="c_after").input(typed[1]).run()
    assert_clean(at)
    assert "outside the years 1800 to 2199" in shown_text(at)


def test_ids_repeated_in_the_address_are_taken_once() -> None:
    at = run_dashboard({"relations": "R001,R001,R002,R001"})
    assert_clean(at)
    assert param(at, "relations") == ["R001,R002"]
    at = run_dashboard({"focus": ["iran", "iran"], "types": ["rivalry", "rivalry"]})
    assert_clean(at)


# --------------------------------------------------------------------------- uploads


def relations_csv(*rows: str) -> bytes:
    header = (default_data_dir() / "relations.csv").read_text(encoding="utf-8").splitlines()[0]
    return ("\n".join([header, *rows]) + "\n").encode()


GOOD_ROW = (
    "R900,iran,pakistan,false,military_cooperation,1,4,2021-10,,reported,moderate,C,3,"
    "A test relation.,,mena-2021-10:3"
)


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="uploader_0").set_value([(n, d, "text/csv") for n, d in files])
    return at.run()


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ([("relations.csv", relations_csv(GOOD_ROW) + b"#" * (5 * 1024 * 1024))], "upload"),
        ([("tables.zip", b"PK\x03\x04 not really a zip")], "tables.zip"),
        ([("actors.csv", b"id,title\nx,y\n")], "actors.csv"),
        ([("relations.csv", relations_csv(GOOD_ROW.replace(",pakistan,", ",talibans,")))],
         "relations.csv:2: target"),
        ([("relations.csv", relations_csv(GOOD_ROW.replace(",2021-10,", ",0001,")))],
         "relations.csv:2: start: invalid date '0001': outside the years 1800 to 2199"),
    ],
    ids=["oversized", "malformed", "wrong-columns", "unknown-id", "date-out-of-range"],
)  # fmt: skip
def test_a_bad_upload_shows_located_errors_and_changes_nothing(
    G: nx.MultiDiGraph, files: list, expected: str
) -> None:
    at = run_dashboard()
    before = relation_ids(at)
    upload(at, *files)

    assert not at.exception
    errors = plain("\n".join(e.value for e in at.error))
    assert "Not applied" in errors
    assert expected in errors, errors
    assert relation_ids(at) == before
    assert len(at.get("metric"))
    assert at.get("metric")[1].value == str(G.number_of_edges())


def test_a_good_upload_extends_the_graph_until_dropped() -> None:
    at = run_dashboard()
    before = relation_ids(at)
    upload(at, ("relations.csv", relations_csv(GOOD_ROW)))
    assert_clean(at)
    assert relation_ids(at) == before | {"R900"}
    assert "Applied: 1 row of relations added" in plain("".join(s.value for s in at.success))

    # a broken upload afterwards keeps the session's (uploaded) data as it was
    at.file_uploader(key="uploader_0").set_value(
        [("relations.csv", relations_csv("R901,iran"), "text/csv")]
    )
    at.run()
    assert relation_ids(at) == before | {"R900"}

    at.button(key="drop_upload").click().run()
    assert_clean(at)
    assert relation_ids(at) == before


def distinct_upload(number: int) -> tuple[str, bytes]:
    row = GOOD_ROW.replace("R900", f"R{900 + number}").replace("A test relation", f"Test {number}")
    return ("relations.csv", relations_csv(row))


def test_uploads_are_held_once_for_the_server_not_once_per_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Six readers upload six different tables: the server keeps the checked data of the
    latest four (UPLOADS_KEPT), each session only its bytes; a reader whose upload was set
    aside still sees it, checked again from its bytes."""
    import graph.build
    import graph.upload
    import ui.caches
    import ui.exports

    checks: list[weakref.ref] = []  # the data each check made, without keeping it alive
    graphs: list[weakref.ref] = []
    read, build = graph.upload.read_upload, graph.build.build_graph

    def counted(*args, **kwargs):
        result = read(*args, **kwargs)
        checks.append(weakref.ref(result.dataset))
        return result

    def built(dataset):
        made = build(dataset)
        if dataset.path.name != "data":  # an upload's dataset, not the shipped one
            graphs.append(weakref.ref(made))
        return made

    for module in (ui.caches, ui.exports):  # where the page calls them
        monkeypatch.setattr(module, "read_upload", counted)
        monkeypatch.setattr(module, "build_graph", built)
    sessions = [upload(run_dashboard(), distinct_upload(100 + n)) for n in range(6)]
    assert len(checks) == 6
    assert len(graphs) == 6
    gc.collect()
    # The two oldest uploads left the server's caches, and no session (its state, its
    # widgets' callbacks and labels, its downloads) kept their data alive: only the bytes.
    assert [ref() is None for ref in checks] == [True, True, False, False, False, False]
    assert [ref() is None for ref in graphs] == [True, True, False, False, False, False]
    for number, at in enumerate(sessions):
        assert_clean(at)
        assert f"R{1000 + number}" in relation_ids(at)
        kept = at.session_state["upload"]
        assert type(kept).__name__ == "AcceptedUpload"
        assert [type(value).__name__ for value in kept] == ["str", "str", "tuple"]
    assert "4 latest uploads" in shown_text(sessions[0])

    sessions[-1].run()  # among the four kept: no new check
    assert len(checks) == 6
    sessions[0].run()  # set aside: checked again from its bytes, and still shown
    assert len(checks) == 7
    assert_clean(sessions[0])
    assert "R1000" in relation_ids(sessions[0])


# --------------------------------------------------------------------------- connect


def test_the_address_asks_how_two_actors_connect(G: nx.MultiDiGraph) -> None:
    plain_view = run_dashboard()
    at = run_dashboard({"connect": "turkey,jaish-al-adl"})

    assert_clean(at)
    assert at.multiselect(key="connect").value == ["turkey", "jaish-al-adl"]
    assert at.query_params["connect"] == "turkey,jaish-al-adl"
    html = html_text(at)
    assert "How Turkey and Jaish al-Adl connect</h4>" in html
    paths = connecting_paths(G, "turkey", "jaish-al-adl")
    for path in paths:  # every way, each step in words with its relations' ids
        route = " \u2013 ".join(G.nodes[a]["name"] for a in path.actors)
        assert f"{len(path.hops)} steps: {route}</p>" in html
        for hop in path.hops:
            for relation in hop.relations:
                assert f"({relation['id']})" in html
    # The ways are highlighted: the other relations fade, in the network and on the map.
    assert figure(at, NETWORK) != figure(plain_view, NETWORK)
    assert figure(at, MAP) != figure(plain_view, MAP)


def test_choosing_two_actors_writes_the_address_and_a_saved_view(state_dir: Path) -> None:
    at = run_dashboard()
    at.multiselect(key="connect").set_value(["iran", "turkey"]).run()

    assert_clean(at)
    assert at.query_params["connect"] == "iran,turkey"
    assert "How Iran and Turkey connect" in html_text(at)
    save_as(at, "Iran to Turkey").button(key="save_view").click().run()
    assert ViewStore(state_dir).read().views["iran-to-turkey"].connect == ("iran", "turkey")


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"connect": "turkey"}, "Ignored connect='turkey' in the address: name two actors"),
        ({"connect": "turkey,atlantis"}, "there is no actor 'atlantis'"),
        ({"connect": "iran,iran"}, "choose two different actors"),
        ({"connect": "turkey,jaish-al-adl", "kinds": "state"}, "the filters hide one of them"),
        (
            {"connect": "turkey,taliban", "types": "military_cooperation", "isolates": "show"},
            "no chain of relations on screen joins them",
        ),
    ],
)
def test_a_connection_that_cannot_be_shown_says_why(query: dict, shown: str) -> None:
    at = run_dashboard(query)
    assert_clean(at)
    assert shown in shown_text(at) + html_text(at)

"""Tests of graph.export: GraphML, GEXF, CSV and JSON, read back by independent readers."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import igraph
import networkx as nx
import pandas as pd
import pytest

from graph.build import build_graph, graph_from_records
from graph.export import (
    CSV_COLUMNS,
    EXPORTERS,
    flat_graph,
    spreadsheet_safe,
    to_gexf,
    to_graphml,
    to_node_link_json,
    to_relations_csv,
)
from graph.filters import FilterSpec, apply_filters
from graph.load import default_data_dir, load_dataset

HAS_DATA = (default_data_dir() / "relations.csv").exists()
needs_data = pytest.mark.skipif(not HAS_DATA, reason="data/relations.csv is not there yet")

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def G() -> nx.MultiDiGraph:
    actors = [
        {
            "id": "iran",
            "name": "Iran",
            "short_name": "Iran",
            "name_ar": "إيران",
            "aliases_ar": ("طهران",),
            "kind": "state",
            "iso3": "IRN",
        },
        {
            "id": "pakistan",
            "name": "Pakistan",
            "name_ar": "باكستان",
            "aliases_ar": ("إسلام أباد", "باكستاني"),
            "kind": "state",
            "iso3": "PAK",
        },
        {
            "id": "jaish-al-adl",
            "name": "Jaish al-Adl",
            "aliases": ("JAA",),
            "name_ar": "جيش العدل",
            "kind": "armed_group",
        },
    ]
    relations = [
        {
            "id": "R1",
            "source": "iran",
            "target": "pakistan",
            "directed": False,
            "relation": "military_cooperation",
            "sign": 1,
            "intensity": 6.0,
            "start": "2021-10",
            "summary": '=HYPERLINK("http://x")',
            "evidence": "mena-2021-10:7",
        },
        {
            "id": "R2",
            "source": "jaish-al-adl",
            "target": "iran",
            "relation": "threat",
            "sign": -1,
            "intensity": -5,
            "start": "2017",
            "end": "2021-10-05",
            "confidence": "moderate",
            "summary": "-attacks on guards",
            "info_credibility": 3,
        },
        {
            "id": "R3",
            "source": "pakistan",
            "target": "iran",
            "relation": "tension",
            "sign": -1,
            "intensity": -3.0,
            "summary": "@odd\tsummary",
        },
    ]
    return graph_from_records(actors, relations)


def _only_plain_values(H: nx.MultiDiGraph) -> bool:
    values = [v for _, d in H.nodes(data=True) for v in d.values()]
    values += [v for *_, d in H.edges(keys=True, data=True) for v in d.values()]
    values += list(H.graph.values())
    return all(type(v) in (str, int, float, bool) for v in values)


# --------------------------------------------------------------------------- flattening


def test_flat_graph_has_only_plain_typed_values(G):
    H = flat_graph(G)
    assert _only_plain_values(H)
    assert _only_plain_values(flat_graph(G, gexf=True))
    assert H.nodes["pakistan"]["aliases_ar"] == "إسلام أباد;باكستاني"
    assert H.nodes["jaish-al-adl"]["iso3"] == ""
    assert H.nodes["iran"]["label"] == "Iran"
    assert "id" not in H.nodes["iran"]
    edge = H.edges["jaish-al-adl", "iran", "R2"]
    assert (edge["valid_from"], edge["valid_to"]) == ("2017-01-01", "2021-10-05")
    assert edge["relation_id"] == "R2"
    assert {"id", "source", "target"}.isdisjoint(edge)


def test_flat_graph_gives_an_attribute_one_type(G):
    # R2's intensity is an int, the others floats: all become floats
    H = flat_graph(G)
    assert {type(d["intensity"]) for *_, d in H.edges(keys=True, data=True)} == {float}


def test_flat_graph_gexf_intervals(G):
    H = flat_graph(G, gexf=True)
    r1, r3 = H.edges["iran", "pakistan", "R1"], H.edges["pakistan", "iran", "R3"]
    assert (r1["start"], "end" in r1, r1["start_text"]) == ("2021-10-01", False, "2021-10")
    assert "start" not in r3
    assert "end" not in r3
    assert r1["weight"] == 6.0
    assert H.edges["jaish-al-adl", "iran", "R2"]["weight"] == 5.0


# --------------------------------------------------------------------------- GraphML


def test_graphml_reads_back_with_networkx(G):
    H = nx.read_graphml(io.BytesIO(to_graphml(G)), force_multigraph=True)
    assert sorted(H) == sorted(G)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    edge = H.edges["iran", "pakistan", "R1"]
    assert edge["directed"] is False
    assert edge["sign"] == 1
    assert isinstance(edge["sign"], int)
    assert isinstance(edge["intensity"], float)
    assert isinstance(edge["info_credibility"], int)
    assert edge["end"] == ""
    assert H.nodes["iran"]["aliases_ar"] == "طهران"
    assert H.graph["as_of"] == ""


def test_graphml_declares_each_attribute_once_with_a_type(G):
    root = ET.fromstring(to_graphml(G))
    keys = [
        (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iter(f"{GRAPHML}key")
    ]
    names = [(domain, name) for domain, name, _ in keys]
    assert len(names) == len(set(names))
    types = {(domain, name): kind for domain, name, kind in keys}
    assert types[("edge", "sign")] in ("int", "long")
    assert types[("edge", "intensity")] == "double"
    assert types[("edge", "directed")] == "boolean"
    assert types[("node", "name")] == "string"
    ids = [k.get("id") for k in root.iter(f"{GRAPHML}key")]
    assert len(ids) == len(set(ids))


def test_graphml_reads_back_with_igraph(G, tmp_path):
    path = tmp_path / "graph.graphml"
    path.write_bytes(to_graphml(G))
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount(), g.is_directed()) == (3, 3, True)
    assert sorted(g.vs["id"]) == sorted(G)
    assert sorted(g.es["relation_id"]) == ["R1", "R2", "R3"]
    r1 = g.es.find(relation_id="R1")
    assert (g.vs[r1.source]["id"], g.vs[r1.target]["id"]) == ("iran", "pakistan")
    assert r1["directed"] is False
    assert r1["sign"] == 1  # igraph keeps numbers as floats
    assert r1["intensity"] == 6.0
    assert r1["valid_from"] == "2021-10-01"
    assert g.vs.find(id="pakistan")["aliases_ar"] == "إسلام أباد;باكستاني"
    assert g.vs.find(id="iran")["name_ar"] == "إيران"


TRICKY = "a & b < c > d \"e\" 'f' \r\n\tg\x01h"


def test_graphml_keeps_tricky_text(G, tmp_path):
    G.edges["iran", "pakistan", "R1"]["summary"] = TRICKY
    G.nodes["iran"]["name"] = "<Iran & co>"
    data = to_graphml(G)
    ET.fromstring(data)  # well-formed
    H = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert H.edges["iran", "pakistan", "R1"]["summary"] == TRICKY.replace("\x01", "")
    assert H.nodes["iran"]["name"] == "<Iran & co>"
    path = tmp_path / "tricky.graphml"
    path.write_bytes(data)
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.es.find(relation_id="R1")["summary"] == TRICKY.replace("\x01", "")


def test_gexf_keeps_tricky_text(G):
    G.edges["iran", "pakistan", "R1"]["summary"] = TRICKY
    G.edges["iran", "pakistan", "R1"]["label"] = 'say "no"'
    H = nx.read_gexf(io.BytesIO(to_gexf(G)))
    edge = next(d for *_, d in H.edges(data=True) if d["id"] == "R1")
    assert edge["summary"] == TRICKY.replace("\x01", "")
    assert edge["label"] == 'say "no"'


def test_gexf_without_dates_is_static():
    G = graph_from_records(
        [{"id": "a"}, {"id": "b"}],
        [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1, "intensity": 1.0}],
    )
    root = ET.fromstring(to_gexf(G))
    graph = next(e for e in root.iter() if e.tag.endswith("graph"))
    assert (graph.get("mode"), graph.get("timeformat")) == ("static", None)
    assert nx.read_gexf(io.BytesIO(to_gexf(G))).number_of_edges() == 1


def test_graphml_of_an_empty_graph(tmp_path):
    path = tmp_path / "empty.graphml"
    path.write_bytes(to_graphml(nx.MultiDiGraph()))
    assert igraph.Graph.Read_GraphML(str(path)).vcount() == 0


# --------------------------------------------------------------------------- GEXF


def test_gexf_reads_back_with_networkx(G):
    H = nx.read_gexf(io.BytesIO(to_gexf(G)))
    assert sorted(H) == sorted(G)
    assert H.number_of_edges() == 3
    ids = sorted(d["id"] for *_, d in H.edges(data=True))
    assert ids == ["R1", "R2", "R3"]
    edge = next(d for *_, d in H.edges(data=True) if d["id"] == "R2")
    assert (edge["start"], edge["end"], edge["label"]) == ("2017-01-01", "2021-10-05", "Threat")
    assert edge["sign"] == -1
    assert edge["directed"] is True
    assert edge["weight"] == 5.0
    assert H.nodes["iran"]["label"] == "Iran"


def test_gexf_is_dynamic_with_dates(G):
    root = ET.fromstring(to_gexf(G))
    graph = next(e for e in root.iter() if e.tag.endswith("graph"))
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = {e.get("id"): e for e in root.iter() if e.tag.endswith("edge")}
    assert edges["R3"].get("start") is None
    assert edges["R1"].get("end") is None


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Iran", "Iran"),
        ("", ""),
        (-1, -1),
        (-3.5, -3.5),
        (True, True),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_relations_csv(G):
    text = to_relations_csv(G)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["id"] for r in rows] == ["R1", "R2", "R3"]
    r1, r2, r3 = rows
    assert r1["summary"] == '\'=HYPERLINK("http://x")'
    assert r2["summary"] == "'-attacks on guards"
    assert r3["summary"] == "'@odd\tsummary"
    assert (r2["sign"], r2["intensity"]) == ("-1", "-5.0")  # numbers stay numbers
    assert (r1["directed"], r1["end"], r1["source_name"]) == ("false", "", "Iran")
    assert "\r" not in text
    frame = pd.read_csv(io.StringIO(text))
    assert frame["sign"].tolist() == [1, -1, -1]
    assert frame["intensity"].dtype.kind in "if"


def test_relations_csv_of_an_empty_graph():
    assert to_relations_csv(nx.MultiDiGraph()) == ",".join(CSV_COLUMNS) + "\n"


# --------------------------------------------------------------------------- JSON


def test_node_link_json(G):
    data = json.loads(to_node_link_json(G))
    assert {n["id"] for n in data["nodes"]} == set(G)
    iran = next(n for n in data["nodes"] if n["id"] == "iran")
    assert (iran["name"], iran["kind"], iran["aliases_ar"]) == ("Iran", "state", ["طهران"])
    edge = next(e for e in data["edges"] if e["id"] == "R2")
    for field in (
        "source",
        "target",
        "relation",
        "sign",
        "intensity",
        "start",
        "end",
        "status",
        "confidence",
        "source_reliability",
        "info_credibility",
        "summary",
        "evidence",
    ):
        assert field in edge
    assert (edge["source"], edge["target"], edge["valid_from"]) == (
        "jaish-al-adl",
        "iran",
        "2017-01-01",
    )
    assert next(e for e in data["edges"] if e["id"] == "R1")["valid_to"] is None
    H = nx.node_link_graph(data, edges="edges")
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))


def test_exporters_cover_every_format(G):
    assert sorted(EXPORTERS) == ["csv", "gexf", "graphml", "json"]
    for export in EXPORTERS.values():
        assert export(G)


# --------------------------------------------------------------------------- shipped data


@needs_data
def test_shipped_data_exports_read_back(tmp_path):
    G = build_graph(load_dataset())
    path = tmp_path / "borderlines.graphml"
    path.write_bytes(to_graphml(G))
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    H = nx.read_graphml(path, force_multigraph=True)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    assert nx.read_gexf(io.BytesIO(to_gexf(G))).number_of_edges() == G.number_of_edges()
    rows = list(csv.DictReader(io.StringIO(to_relations_csv(G))))
    assert len(rows) == G.number_of_edges()
    assert H.graph["as_of"] == date(2021, 10, 31).isoformat()


@needs_data
def test_shipped_data_filtered_export():
    G = build_graph(load_dataset())
    H = apply_filters(G, FilterSpec(signs=[-1], keep_isolates=False))
    data = json.loads(to_node_link_json(H))
    assert data["edges"]
    assert {e["sign"] for e in data["edges"]} == {-1}
    assert len(data["nodes"]) < G.number_of_nodes()

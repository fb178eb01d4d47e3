"""Export the (filtered) relationship graph: GraphML, GEXF, CSV of relations, JSON.

GraphML and GEXF are written for Gephi, Cytoscape and igraph: every attribute has one
type across the file (bool, int, float or str), lists are joined with ``;``, dates are ISO
strings and a missing text is ``""`` (a missing number is left out). Undirected relations
stay single edges from source to target with ``directed=false``, as in the graph.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

import networkx as nx

__all__ = [
    "CSV_COLUMNS",
    "EXPORTERS",
    "flat_graph",
    "spreadsheet_safe",
    "to_gexf",
    "to_graphml",
    "to_node_link_json",
    "to_relations_csv",
]

#: Columns of :func:`to_relations_csv`, in order.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "source_name",
    "target",
    "target_name",
    "directed",
    "relation",
    "label",
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
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _plain_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ";".join(_plain_text(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _column_type(values: Iterable[Any]) -> type:
    """The one type an attribute gets in a file: bool, int, float, else str."""
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return bool
    if kinds and kinds <= {int}:
        return int
    if kinds and kinds <= {int, float}:
        return float
    return str


def _typed(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, type]]:
    """Rows with every attribute of one type (None texts become "", None numbers go),
    and the type of each attribute in order of first appearance."""
    names = list(dict.fromkeys(k for row in rows for k in row))
    types = {name: _column_type(row.get(name) for row in rows) for name in names}
    out = []
    for row in rows:
        typed: dict[str, Any] = {}
        for name, value in row.items():
            kind = types[name]
            if kind is str:
                typed[name] = _plain_text(value)
            elif value is not None:
                typed[name] = kind(value)
        out.append(typed)
    return out, types


class _Flat(NamedTuple):
    """A graph's plain, typed attributes, ready to write."""

    graph: dict[str, str]
    nodes: list[tuple[Any, dict[str, Any]]]
    edges: list[tuple[Any, Any, Any, dict[str, Any]]]
    node_types: dict[str, type]
    edge_types: dict[str, type]


def _flatten(G: nx.MultiDiGraph, *, gexf: bool) -> _Flat:
    node_rows = []
    for n, d in G.nodes(data=True):
        row = {k: v for k, v in d.items() if k != "id"}
        row["label"] = d.get("name") or str(n)
        node_rows.append(row)
    edge_rows = []
    for _, _, k, d in G.edges(keys=True, data=True):
        row = {"relation_id": k}
        row.update((f, v) for f, v in d.items() if f not in ("id", "source", "target"))
        if gexf:
            row["id"] = k  # GEXF's own edge id
            row["start_text"], row["end_text"] = row.pop("start", None), row.pop("end", None)
            row["weight"] = abs(float(d.get("intensity") or 0.0))
            start, end = row.pop("valid_from", None), row.pop("valid_to", None)
            row["start"] = start.isoformat() if start is not None else None
            row["end"] = end.isoformat() if end is not None else None
        edge_rows.append(row)
    node_rows, node_types = _typed(node_rows)
    edge_rows, edge_types = _typed(edge_rows)
    if gexf:  # GEXF's own interval: absent when open, never ""
        for row in edge_rows:
            for bound in ("start", "end"):
                if row.get(bound) == "":
                    del row[bound]
    as_of = G.graph.get("as_of")
    graph = {
        "name": "Borderlines",
        "as_of": as_of.isoformat() if isinstance(as_of, date) else _plain_text(as_of),
    }
    return _Flat(
        graph,
        list(zip(G.nodes, node_rows, strict=True)),
        [(u, v, k, row) for (u, v, k), row in zip(G.edges(keys=True), edge_rows, strict=True)],
        node_types,
        edge_types,
    )


def flat_graph(G: nx.MultiDiGraph, *, gexf: bool = False) -> nx.MultiDiGraph:
    """Return a copy of ``G`` whose attributes GraphML and GEXF readers all accept.

    Node attributes: the actor fields except ``id`` (it is the node's id), plus ``label``
    (the name). Edge attributes: the relation fields except ``id``, ``source`` and
    ``target`` (the edge's own), plus ``relation_id``, ``label`` and ``valid_from`` /
    ``valid_to`` as ISO strings. Graph attributes: ``name`` and ``as_of`` only. With
    ``gexf=True``, ``start``/``end`` become the days the relation is in force (the GEXF
    time interval; left out when open), the dates as given move to ``start_text`` /
    ``end_text``, ``weight`` is ``|intensity|`` and ``id`` the relation id.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    gexf : bool, default False
        Shape the edges for GEXF.

    Returns
    -------
    networkx.MultiDiGraph

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "name": "Iran", "aliases_ar": ("طهران", "إيران")}, {"id": "b"}],
    ...     [{"id": "R1", "source": "iran", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 3.0, "start": "2021-10"}],
    ... )
    >>> H = flat_graph(G)
    >>> H.nodes["iran"]["aliases_ar"], H.nodes["b"]["name"]
    ('طهران;إيران', '')
    >>> H.edges["iran", "b", "R1"]["valid_from"], H.edges["iran", "b", "R1"]["end"]
    ('2021-10-01', '')
    """
    flat = _flatten(G, gexf=gexf)
    H = nx.MultiDiGraph()
    H.graph.update(flat.graph)
    H.add_nodes_from(flat.nodes)
    H.add_edges_from(flat.edges)
    return H


# XML 1.0 allows no other control characters; \t \n \r are kept, escaped where a parser
# would otherwise normalise them away.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_XML_ATTR = {**_XML_TEXT, '"': "&quot;", "\t": "&#9;", "\n": "&#10;"}
_TEXT_TABLE = str.maketrans(_XML_TEXT)
_ATTR_TABLE = str.maketrans(_XML_ATTR)


def _xml_value(value: Any) -> str:
    """A typed value as XML Schema writes it: true/false, integers, doubles, text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _xml_text(value: Any) -> str:
    return _XML_ILLEGAL.sub("", _xml_value(value)).translate(_TEXT_TABLE)


def _xml_attr(value: Any) -> str:
    return '"' + _XML_ILLEGAL.sub("", _xml_value(value)).translate(_ATTR_TABLE) + '"'


_GRAPHML_TYPES = {bool: "boolean", int: "int", float: "double", str: "string"}


def to_graphml(G: nx.MultiDiGraph) -> bytes:
    """Return ``G`` as GraphML (UTF-8), typed for Gephi, Cytoscape and igraph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.

    Returns
    -------
    bytes
        A GraphML document, ``edgedefault="directed"``; each edge's ``id`` is its
        relation id. Attribute types: ``boolean``, ``int``, ``double``, ``string``.

    Notes
    -----
    Cost O(n + m), written directly (networkx's writer takes ten times as long). See
    :func:`flat_graph` for the attributes.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": -1,
    ...       "intensity": -3.0}],
    ... )
    >>> H = nx.read_graphml(io.BytesIO(to_graphml(G)), force_multigraph=True)
    >>> list(H.edges(keys=True)), H.edges["a", "b", "R1"]["sign"]
    ([('a', 'b', 'R1')], -1)
    """
    flat = _flatten(G, gexf=False)
    graph_types = dict.fromkeys(flat.graph, str)
    out = [
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    ]
    keys: dict[str, dict[str, str]] = {}
    for domain, types in (
        ("graph", graph_types),
        ("node", flat.node_types),
        ("edge", flat.edge_types),
    ):
        keys[domain] = {}
        for i, (name, kind) in enumerate(types.items()):
            key = keys[domain][name] = f"{domain[0]}{i}"
            out.append(
                f'  <key id="{key}" for="{domain}" attr.name={_xml_attr(name)}'
                f' attr.type="{_GRAPHML_TYPES[kind]}" />\n'
            )
    out.append('  <graph edgedefault="directed">\n')

    def data(domain: str, row: Mapping[str, Any], indent: str) -> None:
        names = keys[domain]
        out.extend(
            f'{indent}<data key="{names[name]}">{_xml_text(value)}</data>\n'
            for name, value in row.items()
        )

    data("graph", flat.graph, "    ")
    for n, row in flat.nodes:
        out.append(f"    <node id={_xml_attr(n)}>\n")
        data("node", row, "      ")
        out.append("    </node>\n")
    for u, v, k, row in flat.edges:
        out.append(f"    <edge id={_xml_attr(k)} source={_xml_attr(u)} target={_xml_attr(v)}>\n")
        data("edge", row, "      ")
        out.append("    </edge>\n")
    out.append("  </graph>\n</graphml>\n")
    return "".join(out).encode("utf-8")


_GEXF_TYPES = {bool: "boolean", int: "integer", float: "double", str: "string"}
#: Edge fields that GEXF holds in the <edge> element itself, not as attributes.
_GEXF_EDGE_OWN = ("id", "label", "weight", "start", "end")


def to_gexf(G: nx.MultiDiGraph) -> bytes:
    """Return ``G`` as GEXF 1.2 (UTF-8) for Gephi, with each relation's time interval.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.

    Returns
    -------
    bytes
        A GEXF document. Edges carry ``id`` (relation id), ``label``, ``weight``
        (``|intensity|``) and ``start``/``end`` (the days the relation is in force, open
        ends left out; the graph is then ``mode="dynamic"``, ``timeformat="date"``, so
        Gephi's timeline can play them).

    Notes
    -----
    Cost O(n + m), written directly. See :func:`flat_graph` for the attributes.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 3.0, "start": "2021-10"}],
    ... )
    >>> H = nx.read_gexf(io.BytesIO(to_gexf(G)))
    >>> H.nodes["a"]["label"], H.edges["a", "b"]["id"], H.edges["a", "b"]["start"]
    ('A', 'R1', '2021-10-01')
    """
    flat = _flatten(G, gexf=True)
    node_types = {k: t for k, t in flat.node_types.items() if k != "label"}
    edge_types = {k: t for k, t in flat.edge_types.items() if k not in _GEXF_EDGE_OWN}
    dynamic = any("start" in row or "end" in row for *_, row in flat.edges)
    mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    out = [
        "<?xml version='1.0' encoding='utf-8'?>\n"
        '<gexf xmlns="http://www.gexf.net/1.2draft"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://www.gexf.net/1.2draft'
        ' http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
        f"  <meta><creator>Borderlines</creator><description>as of {_xml_text(flat.graph['as_of'])}"
        "</description></meta>\n"
        f'  <graph defaultedgetype="directed"{mode}>\n'
    ]
    ids: dict[str, dict[str, str]] = {}
    for domain, types in (("node", node_types), ("edge", edge_types)):
        ids[domain] = {name: str(i) for i, name in enumerate(types)}
        out.append(f'    <attributes class="{domain}" mode="static">\n')
        out.extend(
            f'      <attribute id="{i}" title={_xml_attr(name)}'
            f' type="{_GEXF_TYPES[types[name]]}" />\n'
            for name, i in ids[domain].items()
        )
        out.append("    </attributes>\n")

    def attvalues(domain: str, row: Mapping[str, Any]) -> None:
        names = ids[domain]
        values = [(names[k], v) for k, v in row.items() if k in names]
        if values:
            out.append("        <attvalues>\n")
            out.extend(
                f'          <attvalue for="{i}" value={_xml_attr(v)} />\n' for i, v in values
            )
            out.append("        </attvalues>\n")

    out.append("    <nodes>\n")
    for n, row in flat.nodes:
        out.append(f"      <node id={_xml_attr(n)} label={_xml_attr(row['label'])}>\n")
        attvalues("node", row)
        out.append("      </node>\n")
    out.append("    </nodes>\n    <edges>\n")
    for u, v, _, row in flat.edges:
        own = "".join(f" {f}={_xml_attr(row[f])}" for f in _GEXF_EDGE_OWN if f in row)
        out.append(f"      <edge source={_xml_attr(u)} target={_xml_attr(v)}{own}>\n")
        attvalues("edge", row)
        out.append("      </edge>\n")
    out.append("    </edges>\n  </graph>\n</gexf>\n")
    return "".join(out).encode("utf-8")


def spreadsheet_safe(value: Any) -> Any:
    """Return a cell value that a spreadsheet will not run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading single quote; numbers (and booleans) are returned unchanged.

    Parameters
    ----------
    value : object
        A cell value.

    Returns
    -------
    object

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe(-3.0), spreadsheet_safe("Iran")
    ("'=HYPERLINK(1)", -3.0, 'Iran')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_relations_csv(G: nx.MultiDiGraph) -> str:
    """Return the relations of ``G`` as CSV, safe to open in a spreadsheet.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.

    Returns
    -------
    str
        A header of :data:`CSV_COLUMNS`, then one row per relation sorted by id; ``\\n``
        line ends, minimal quoting, booleans ``true``/``false``, numbers as numbers, text
        through :func:`spreadsheet_safe`.

    Notes
    -----
    Cost O(m log m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": -1,
    ...       "intensity": -3.0, "summary": "-a threat"}],
    ... )
    >>> print(to_relations_csv(G).splitlines()[1])
    R1,a,A,b,B,true,x,X,-1,-3.0,,,reported,high,B,2,'-a threat,
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: str(e[2])):
        row = dict(d, id=k, source=u, target=v)
        row["source_name"] = G.nodes[u].get("name") or u
        row["target_name"] = G.nodes[v].get("name") or v
        cells = []
        for column in CSV_COLUMNS:
            value = row.get(column)
            if isinstance(value, bool) or value is None or not isinstance(value, (int, float)):
                value = _plain_text(value).replace("\r", "\n")  # csv leaves a lone CR unquoted
            cells.append(spreadsheet_safe(value))
        writer.writerow(cells)
    return buffer.getvalue()


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} {value!r} as JSON")


def to_node_link_json(G: nx.MultiDiGraph, *, indent: int | None = 2) -> str:
    """Return ``G`` as networkx node-link JSON (``nodes`` and ``edges``).

    Each node has ``id``, ``name``, ``kind`` and its other fields (lists as lists, missing
    as null); each edge ``source``, ``target``, ``key`` and ``id`` (the relation id) and
    every relation field, with ``valid_from``/``valid_to`` as ISO dates (null when open).
    The graph's vocabulary (``relation_types``, ``actor_kinds``, ``sources``, ``as_of``)
    is under ``graph``. ``nx.node_link_graph(json.loads(text), edges="edges")`` reads it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A (filtered) relationship graph.
    indent : int or None, default 2
        Indentation of the JSON text.

    Returns
    -------
    str

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 3.0, "start": "2021"}],
    ... )
    >>> data = json.loads(to_node_link_json(G))
    >>> data["edges"][0]["valid_from"], data["edges"][0]["key"]
    ('2021-01-01', 'R1')
    """
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=indent, default=_json_default) + "\n"


#: Export functions by format name: graph in, text or bytes out.
EXPORTERS: Mapping[str, Callable[[nx.MultiDiGraph], str | bytes]] = {
    "json": to_node_link_json,
    "graphml": to_graphml,
    "gexf": to_gexf,
    "csv": to_relations_csv,
}

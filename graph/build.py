"""Build the relationship graph: a networkx MultiDiGraph of actors and relations."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, Protocol

import networkx as nx
import pandas as pd

from graph.dates import parse_partial_date
from graph.i18n import LANGUAGES

__all__ = [
    "ACTOR_FIELDS",
    "RELATION_FIELDS",
    "GraphTables",
    "actor_name",
    "actor_short_name",
    "build_graph",
    "dataset_in_language",
    "edges_by_pair",
    "graph_from_records",
    "in_language",
    "relation_id",
    "relation_ids",
    "relation_pairs",
    "relation_type",
    "relation_type_label",
    "relation_vocabulary",
]

#: Actor columns of the shipped descriptor, in order; every node carries them (plus ``id``).
ACTOR_FIELDS: tuple[str, ...] = (
    "id",
    "name",
    "short_name",
    "aliases",
    "name_ar",
    "short_name_ar",
    "aliases_ar",
    "kind",
    "iso3",
    "country",
    "place",
    "wikidata",
    "description",
    "description_ar",
)

#: Relation columns of the shipped descriptor, in order; every edge carries them (plus ``id``).
RELATION_FIELDS: tuple[str, ...] = (
    "id",
    "source",
    "target",
    "directed",
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
    "summary_ar",
    "evidence",
)

_LIST_FIELDS = frozenset({"aliases", "aliases_ar", "participants"})


_ATOMIC = frozenset({int, bool})


def _plain(value: Any, field: str | None = None) -> Any:
    """Return ``value`` as a plain Python object: missing -> None, numpy -> builtin."""
    kind = type(value)  # the common cases first: called for every cell of the tables
    if kind is str:
        if field in _LIST_FIELDS:
            return tuple(part for part in value.split(";") if part)
        return value
    if kind in _ATOMIC:
        return value
    if kind is float:
        if value != value:  # NaN: missing
            return () if field in _LIST_FIELDS else None
        return value
    if isinstance(value, (list, tuple)):
        return tuple(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return () if field in _LIST_FIELDS else None
    if isinstance(value, float) and math.isnan(value):
        return () if field in _LIST_FIELDS else None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()  # numpy scalar
    if field in _LIST_FIELDS and isinstance(value, str):
        return tuple(part for part in value.split(";") if part)
    return value


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a frame indexed by ``id`` as plain dicts with ``id`` first."""
    # Column names once: pandas 3 keeps them in an Arrow-backed Index, slow to iterate.
    columns = [str(column) for column in frame.columns]
    rows = []
    for ident, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        row = {"id": str(ident)}
        for column, value in zip(columns, values, strict=True):
            row[column] = _plain(value, column)
        rows.append(row)
    return rows


def _descriptor_enum(descriptor: Mapping[str, Any], table: str, field: str) -> list[Any]:
    for resource in descriptor.get("resources", ()):
        if resource.get("name") != table:
            continue
        for spec in resource.get("schema", {}).get("fields", ()):
            if spec.get("name") == field:
                return list(spec.get("constraints", {}).get("enum", ()))
    return []


class GraphTables(Protocol):
    """What :func:`build_graph` reads of a dataset (a :class:`graph.load.Dataset` has it):
    the typed tables, indexed by id, and the descriptor."""

    @property
    def actors(self) -> pd.DataFrame: ...
    @property
    def relations(self) -> pd.DataFrame: ...
    @property
    def relation_types(self) -> pd.DataFrame: ...
    @property
    def sources(self) -> pd.DataFrame: ...
    @property
    def descriptor(self) -> dict[str, Any]: ...


def build_graph(dataset: GraphTables) -> nx.MultiDiGraph:
    """Return the relationship graph of a loaded dataset.

    Parameters
    ----------
    dataset : graph.load.Dataset
        The typed tables; frames indexed by ``id``. Only ``actors``, ``relations``,
        ``relation_types``, ``sources`` and ``descriptor`` are read.

    Returns
    -------
    networkx.MultiDiGraph
        One node per actor (key: actor id), carrying every actor column plus ``id``;
        list fields are tuples. One edge per relation, ``(source, target, key=relation id)``,
        carrying every relation column plus ``id``, ``label`` (the relation type's label),
        ``valid_from`` (first day of ``start``, None when open) and ``valid_to`` (last day
        of ``end``, None when open). ``G.graph`` holds ``relation_types`` and ``sources``
        (dicts id -> row dict, in file order), ``actor_kinds`` (the descriptor's kind
        vocabulary, in order) and ``as_of`` (last day of the latest source's publication).

    Raises
    ------
    networkx.NetworkXError
        If a relation names an actor or a relation type that the dataset does not hold.
    ValueError
        If a date does not parse (the message names it).

    Notes
    -----
    An undirected relation (``directed=False``) is stored once, as source -> target. Every
    function of :mod:`graph` that follows direction reads such an edge as going both ways;
    most analyses ignore direction altogether. Cost O(n + m).

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> actors = pd.DataFrame(
    ...     {"name": ["Iran", "Pakistan"], "kind": ["state", "state"]},
    ...     index=pd.Index(["iran", "pakistan"], name="id"),
    ... )
    >>> relations = pd.DataFrame(
    ...     {"source": ["iran"], "target": ["pakistan"], "directed": [False],
    ...      "relation": ["military_cooperation"], "sign": [1], "intensity": [6.0],
    ...      "start": ["2021-10"], "end": [None], "confidence": ["high"]},
    ...     index=pd.Index(["R001"], name="id"),
    ... )
    >>> types = pd.DataFrame(
    ...     {"label": ["Military cooperation"], "sign": [1]},
    ...     index=pd.Index(["military_cooperation"], name="id"),
    ... )
    >>> sources = pd.DataFrame(
    ...     {"published": ["2021-10"]}, index=pd.Index(["mena-2021-10"], name="id")
    ... )
    >>> ds = SimpleNamespace(actors=actors, relations=relations, relation_types=types,
    ...                      sources=sources, descriptor={})
    >>> G = build_graph(ds)
    >>> G.edges["iran", "pakistan", "R001"]["valid_from"], G.graph["as_of"]
    (datetime.date(2021, 10, 1), datetime.date(2021, 10, 31))
    """
    for name in ("actors", "relations", "relation_types", "sources"):
        if not isinstance(getattr(dataset, name, None), pd.DataFrame):
            raise TypeError(f"dataset has no {name!r} table (got {type(dataset).__name__})")
    descriptor = getattr(dataset, "descriptor", None) or {}
    return graph_from_records(
        _rows(dataset.actors),
        _rows(dataset.relations),
        relation_types=_rows(dataset.relation_types),
        sources=_rows(dataset.sources),
        actor_kinds=_descriptor_enum(descriptor, "actors", "kind") or None,
    )


_RELATION_DEFAULTS: dict[str, Any] = {
    "directed": True,
    "start": None,
    "end": None,
    "status": "reported",
    "confidence": "high",
    "source_reliability": "B",
    "info_credibility": 2,
    "summary": "",
    "evidence": "",
}


def graph_from_records(
    actors: Iterable[Mapping[str, Any]],
    relations: Iterable[Mapping[str, Any]],
    *,
    relation_types: Iterable[Mapping[str, Any]] | None = None,
    sources: Iterable[Mapping[str, Any]] | None = None,
    actor_kinds: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """Return the relationship graph of plain records (the core of :func:`build_graph`).

    Handy for tests, benchmarks and other data: missing actor fields become None (lists
    ``()``); missing relation fields get defaults (``directed=True``, open dates,
    ``status="reported"``, ``confidence="high"``, grade ``B2``, empty texts); a missing
    ``sign`` or ``intensity`` comes from the relation type (``sign``,
    ``default_intensity``). Relation types not given are made up from the ids used.

    Parameters
    ----------
    actors, relations : iterable of mappings
        Rows with at least ``id`` (actors) and ``id``, ``source``, ``target``,
        ``relation`` (relations).
    relation_types, sources : iterable of mappings, optional
        Rows with ``id`` (and ``label``, ``sign``; ``published`` for sources).
    actor_kinds : iterable of str, optional
        The kind vocabulary; default: the kinds used, in order of appearance.

    Returns
    -------
    networkx.MultiDiGraph
        As :func:`build_graph`.

    Raises
    ------
    networkx.NetworkXError
        If a relation names an unknown actor or relation type, or an id repeats.
    ValueError
        If a date does not parse.

    Notes
    -----
    Cost O(n + m).

    Examples
    --------
    >>> G = graph_from_records(
    ...     [{"id": "a", "kind": "state"}, {"id": "b", "kind": "state"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "rivalry", "sign": -1,
    ...       "intensity": -5.0, "start": "2021", "end": "2021-10"}],
    ... )
    >>> sorted(G.edges(keys=True))
    [('a', 'b', 'R1')]
    >>> G.edges["a", "b", "R1"]["valid_to"]
    datetime.date(2021, 10, 31)
    """
    relations = [dict(r) for r in relations]
    if relation_types is None:
        seen = dict.fromkeys(r.get("relation") for r in relations)
        relation_types = [{"id": t, "label": str(t).replace("_", " ").capitalize()} for t in seen]
    types = {str(t["id"]): dict(t) for t in relation_types}
    source_rows = {str(s["id"]): dict(s) for s in (sources or ())}

    G = nx.MultiDiGraph()
    kinds_seen: dict[str, None] = {}
    for actor in actors:
        row = {field: _plain(actor.get(field), field) for field in ACTOR_FIELDS}
        row.update({k: _plain(v, k) for k, v in actor.items() if k not in row})
        ident = row["id"]
        if ident is None:
            raise nx.NetworkXError(f"actor without id: {dict(actor)!r}")
        if ident in G:
            raise nx.NetworkXError(f"actor {ident!r} appears twice")
        if row.get("kind") is not None:
            kinds_seen[row["kind"]] = None
        G.add_node(ident, **row)

    for relation in relations:
        ident = relation.get("id")
        u, v, kind = relation.get("source"), relation.get("target"), relation.get("relation")
        for end in (u, v):
            if end not in G:
                raise nx.NetworkXError(f"relation {ident}: unknown actor {end!r}")
        if kind not in types:
            raise nx.NetworkXError(f"relation {ident}: unknown relation type {kind!r}")
        if G.has_edge(u, v, key=ident) or G.has_edge(v, u, key=ident):
            raise nx.NetworkXError(f"relation {ident!r} appears twice")
        rtype = types[kind]
        row = dict(_RELATION_DEFAULTS)
        row.update({k: _plain(val, k) for k, val in relation.items()})
        if row.get("sign") is None:
            row["sign"] = int(rtype.get("sign", 0) or 0)
        if row.get("intensity") is None:
            row["intensity"] = float(rtype.get("default_intensity", 0.0) or 0.0)
        row["directed"] = bool(row["directed"])
        row["sign"] = int(row["sign"])
        row["intensity"] = float(row["intensity"])
        row["label"] = rtype.get("label") or str(kind)
        row["valid_from"] = parse_partial_date(row["start"]).first if row["start"] else None
        row["valid_to"] = parse_partial_date(row["end"]).last if row["end"] else None
        ordered = {field: row.get(field) for field in RELATION_FIELDS}
        ordered.update(row)
        G.add_edge(u, v, key=ident, **ordered)

    as_of = None
    for row in source_rows.values():
        if row.get("published"):
            last = parse_partial_date(row["published"]).last
            as_of = last if as_of is None or last > as_of else as_of
    G.graph["relation_types"] = types
    G.graph["actor_kinds"] = list(actor_kinds) if actor_kinds is not None else list(kinds_seen)
    G.graph["sources"] = source_rows
    G.graph["as_of"] = as_of
    return G


def edges_by_pair(
    G: nx.Graph,
) -> Iterator[tuple[Hashable, Hashable, Mapping[Hashable, Mapping[str, Any]]]]:
    """Iterate over the relations of ``G`` one ordered pair of actors at a time.

    What depends only on the two actors (their countries, places, whether a selection
    fades them) can then be worked out once per pair, and pairs that cannot matter skipped
    without reading a relation.

    Parameters
    ----------
    G : networkx graph
        A relationship graph (a MultiDiGraph); other networkx graphs work too.

    Yields
    ------
    tuple
        ``(u, v, keyed)``: ``keyed`` maps each key of a relation from ``u`` to ``v`` to its
        attributes (the graph's own dicts: read, do not change them; a graph that is not
        a multigraph gives ``{None: attributes}``). Pairs, and the relations within a
        pair, come in ``G.edges`` order; an undirected graph gives each pair once.

    Notes
    -----
    Cost O(number of pairs), plus whatever the caller reads.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("a", "b", "R1", {}), ("a", "b", "R2", {}), ("b", "a", "R3", {})])
    ['R1', 'R2', 'R3']
    >>> [(u, v, list(keyed)) for u, v, keyed in edges_by_pair(G)]
    [('a', 'b', ['R1', 'R2']), ('b', 'a', ['R3'])]
    """
    if not G.is_multigraph():
        for u, v, data in G.edges(data=True):
            yield u, v, {None: data}
        return
    if G.is_directed():
        for u, neighbours in G._adj.items():
            for v, keyed in neighbours.items():
                yield u, v, keyed
        return
    seen: set[Hashable] = set()  # as networkx: a pair is given from the node met first
    for u, neighbours in G._adj.items():
        for v, keyed in neighbours.items():
            if v not in seen:
                yield u, v, keyed
        seen.add(u)


def relation_pairs(G: nx.MultiDiGraph) -> dict[frozenset, list[tuple[str, str, str]]]:
    """Group the relations of ``G`` by unordered actor pair, direction ignored.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.

    Returns
    -------
    dict
        ``frozenset({u, v}) -> [(u, v, relation id), ...]`` in edge order. Self-loops
        (an actor related to itself) are left out.

    Notes
    -----
    Cost O(m).

    Examples
    --------
    >>> G = graph_from_records(
    ...     [{"id": "a"}, {"id": "b"}],
    ...     [{"id": "R1", "source": "a", "target": "b", "relation": "x", "sign": 1,
    ...       "intensity": 1.0},
    ...      {"id": "R2", "source": "b", "target": "a", "relation": "x", "sign": 1,
    ...       "intensity": 1.0}],
    ... )
    >>> relation_pairs(G)[frozenset({"a", "b"})]
    [('a', 'b', 'R1'), ('b', 'a', 'R2')]
    """
    pairs: dict[frozenset, list[tuple[str, str, str]]] = {}
    for u, v, key in G.edges(keys=True):
        if u != v:
            pairs.setdefault(frozenset((u, v)), []).append((u, v, key))
    return pairs


def actor_name(G: nx.Graph, actor: Hashable) -> str:
    """Return an actor's name: its ``name`` (English, or Arabic in a graph of
    :func:`in_language`), else its id.

    Parameters
    ----------
    G : networkx graph
        A relationship graph.
    actor : hashable
        An actor id; one not in ``G`` is named by its id.

    Returns
    -------
    str

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> G = graph_from_records([{"id": "iran", "name": "Iran"}, {"id": "x"}], [])
    >>> actor_name(G, "iran"), actor_name(G, "x"), actor_name(G, "oman")
    ('Iran', 'x', 'oman')
    """
    return str(G.nodes[actor].get("name") or actor) if actor in G else str(actor)


def actor_short_name(G: nx.Graph, actor: Hashable) -> str:
    """Return the name a figure labels an actor with: its ``short_name``, else its
    ``name``, else its id (in the graph's language: :func:`in_language`).

    Parameters
    ----------
    G : networkx graph
        A relationship graph.
    actor : hashable
        An actor id; one not in ``G`` is named by its id.

    Returns
    -------
    str

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> G = graph_from_records(
    ...     [{"id": "ttp", "name": "Tehrik-i-Taliban Pakistan", "short_name": "TTP"},
    ...      {"id": "iran", "name": "Iran"}], []
    ... )
    >>> actor_short_name(G, "ttp"), actor_short_name(G, "iran"), actor_short_name(G, "oman")
    ('TTP', 'Iran', 'oman')
    """
    if actor not in G:
        return str(actor)
    data = G.nodes[actor]
    return str(data.get("short_name") or data.get("name") or actor)


def relation_id(key: Hashable, data: Mapping[str, Any]) -> str:
    """Return a relation's id: its ``id`` attribute, else its edge key.

    Parameters
    ----------
    key : hashable
        The edge key (:func:`build_graph` keys each relation by its id).
    data : mapping
        The edge's attributes.

    Returns
    -------
    str

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> relation_id("R1", {"id": "R1"}), relation_id(0, {}), relation_id(0, {"id": ""})
    ('R1', '0', '0')
    """
    return str(data.get("id") or key)


def relation_ids(G: nx.MultiDiGraph) -> set[str]:
    """Return the ids of the relations of ``G`` (:func:`relation_id` of each edge).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.

    Returns
    -------
    set of str

    Notes
    -----
    Cost O(m).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from([("a", "b", "R1", {"id": "R1"}), ("b", "a", 0, {})])
    ['R1', 0]
    >>> sorted(relation_ids(G))
    ['0', 'R1']
    """
    return {relation_id(k, d) for _, _, k, d in G.edges(keys=True, data=True)}


def relation_type(data: Mapping[str, Any]) -> str:
    """Return a relation's type id as the figures draw it: its ``relation``, else
    ``"unknown"``.

    Parameters
    ----------
    data : mapping
        The relation's attributes.

    Returns
    -------
    str

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> relation_type({"relation": "rivalry"}), relation_type({}), relation_type({"relation": ""})
    ('rivalry', 'unknown', 'unknown')
    """
    return str(data.get("relation") or "unknown")


def in_language(G: nx.MultiDiGraph, lang: str) -> nx.MultiDiGraph:
    """Return ``G`` with its names in ``lang``: ``G`` itself in English; in Arabic a copy
    whose actors are named by ``name_ar`` (labelled in figures by ``short_name_ar``, else
    ``name_ar``) and described by ``description_ar``, whose relations are summarised by
    ``summary_ar`` and whose relation types are labelled by ``label_ar``, where the data
    gives them (the others keep their English).

    Everything reads names through ``name``, ``short_name`` and the type's ``label``, so the
    figures, the details and the exports of the copy lead with the Arabic names where the
    English ones led. The English is kept beside them as ``name_en`` and ``label_en``;
    ``name_ar`` is emptied, so nothing shows an Arabic name twice.

    Parameters
    ----------
    G : MultiDiGraph
        A relationship graph (:func:`build_graph`); it is not changed.
    lang : {"en", "ar"}
        The language.

    Returns
    -------
    MultiDiGraph

    Raises
    ------
    ValueError
        If ``lang`` is not a language of the interface (:data:`graph.i18n.LANGUAGES`).

    Notes
    -----
    Cost O(number of actors + relations) for Arabic (one copy), O(1) for English.

    Examples
    --------
    >>> G = graph_from_records(
    ...     [{"id": "iran", "name": "Iran", "name_ar": "إيران"}, {"id": "x", "name": "X"}],
    ...     [{"id": "R1", "source": "iran", "target": "x", "relation": "threat",
    ...       "label": "Security threat"}],
    ... )
    >>> G.graph["relation_types"] = {"threat": {"label": "Security threat",
    ...                                         "label_ar": "تهديد أمني"}}
    >>> A = in_language(G, "ar")
    >>> actor_name(A, "iran"), actor_short_name(A, "iran"), actor_name(A, "x")
    ('إيران', 'إيران', 'X')
    >>> relation_type_label(A, "threat", {}), A.edges["iran", "x", "R1"]["label"]
    ('تهديد أمني', 'تهديد أمني')
    >>> in_language(G, "en") is G, actor_name(G, "iran")
    (True, 'Iran')
    """
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    if lang == "en":
        return G
    H = G.copy()
    for _, data in H.nodes(data=True):
        arabic = data.get("name_ar")
        if arabic:
            data["name_en"] = data.get("name")
            data["name"], data["short_name"] = arabic, data.get("short_name_ar") or arabic
            data["name_ar"] = None
        if data.get("description_ar"):
            data["description"] = data["description_ar"]
    types = {}
    for type_id, row in (G.graph.get("relation_types") or {}).items():
        row = dict(row)
        if row.get("label_ar"):
            row["label_en"], row["label"] = row.get("label"), row["label_ar"]
        types[type_id] = row
    H.graph["relation_types"] = types
    for _, _, data in H.edges(data=True):
        row = types.get(data.get("relation")) or {}
        if row.get("label_en"):
            data["label"] = row["label"]
        if data.get("summary_ar"):
            data["summary"] = data["summary_ar"]
    return H


def dataset_in_language(dataset: Any, lang: str) -> Any:
    """Return a dataset (:class:`graph.load.Dataset`) with the names its figures draw in
    ``lang``: itself in English; in Arabic a copy whose places are named by ``name_ar``,
    else ``label_ar`` (their notes by ``note_ar``), and whose events are titled by
    ``title_ar`` and summarised by ``summary_ar``, where written (the graph's own names:
    :func:`in_language`).

    Notes
    -----
    Cost O(places + events) for Arabic (two table copies), O(1) for English.

    Examples
    --------
    >>> from graph.load import load_dataset
    >>> arabic = dataset_in_language(load_dataset(), "ar")
    >>> arabic.places.loc["kabul", "name"], arabic.events.loc["E003", "title"]
    ('كابل', 'باجوا يزور إيران')
    """
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    if lang == "en":
        return dataset
    places = dataset.places.copy()
    places["name"] = _written(places, "name_ar", _written(places, "label_ar", places["name"]))
    places["name_ar"] = None
    places["note"] = _written(places, "note_ar", places["note"])
    events = dataset.events.copy()
    events["title"] = _written(events, "title_ar", events["title"])
    events["summary"] = _written(events, "summary_ar", events["summary"])
    return dataclasses.replace(dataset, places=places, events=events)


def _written(table: pd.DataFrame, column: str, otherwise: pd.Series) -> pd.Series:
    """``table[column]`` where it is written, else ``otherwise``."""
    if column not in table:
        return otherwise
    return table[column].where(table[column].fillna("").astype(str) != "", otherwise)


def relation_type_label(G: nx.Graph, type_id: Hashable, data: Mapping[str, Any]) -> str:
    """Return the label of a relation's type: the declared one
    (``G.graph["relation_types"]``), else the relation's own ``label``, else the type id.

    Parameters
    ----------
    G : networkx graph
        A relationship graph.
    type_id : hashable
        The type, as the caller reads it from the relation (e.g. ``data["relation"]``).
    data : mapping
        The relation's attributes (for a type the graph does not declare).

    Returns
    -------
    str

    Notes
    -----
    Cost O(1).

    Examples
    --------
    >>> G = graph_from_records([], [])
    >>> G.graph["relation_types"] = {"rivalry": {"label": "Rivalry"}}
    >>> relation_type_label(G, "rivalry", {}), relation_type_label(G, "arms", {"label": "Arms"})
    ('Rivalry', 'Arms')
    >>> relation_type_label(G, "arms", {})
    'arms'
    """
    declared = (G.graph.get("relation_types") or {}).get(type_id) or {}
    return str(declared.get("label") or data.get("label") or type_id)


def relation_vocabulary(G: nx.MultiDiGraph, used: Iterable[Hashable]) -> list[str]:
    """Return the relation types in the order their colours are given: the declared ones
    (``G.graph["relation_types"]``, in their order), then the other types in ``used``,
    sorted.

    Pass the result to :func:`graph.style.relation_type_colours`: a declared type keeps its
    colour whatever is filtered out, and the network, the timeline and the briefing colour
    a type alike.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph.
    used : iterable of hashable
        The types of the relations shown (each as ``str``); repeats are fine.

    Returns
    -------
    list of str

    Notes
    -----
    Cost O(t + k log k) for t declared types and k used ones.

    Examples
    --------
    >>> G = graph_from_records([], [])
    >>> G.graph["relation_types"] = {"trade": {}, "rivalry": {}}
    >>> relation_vocabulary(G, ["visit", "rivalry", "arms", "visit"])
    ['trade', 'rivalry', 'arms', 'visit']
    """
    vocabulary = [str(t) for t in G.graph.get("relation_types") or ()]
    vocabulary += sorted({str(t) for t in used} - set(vocabulary))
    return vocabulary

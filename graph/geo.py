"""Country shapes, shared land borders and their lengths, from the committed geometry.

The geometry lives in ``data/geo/`` (made by ``scripts/prepare_geometry.py`` from Natural
Earth 1:50m; see ``data/geo/README.md``): country polygons, the land borders two
countries share, each with the length measured along it, and a table of reference
lengths cited from a gazetteer. Everything is plain JSON and CSV read with the standard
library: no geo library is needed.

Three lengths of a border are kept apart and always named for what they are:

- *cited* by a gazetteer (:func:`reference_lengths`, the CIA World Factbook) or by a
  source of the dataset (the ``borders`` table, e.g. "about 1,000 km" in the article);
- *measured* along our 1:50m line (:attr:`SharedBorder.length_km`), which is shorter:
  a generalised line cuts the bends of rivers and ridges (typically by 10-30%).
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from graph.build import edges_by_pair, relation_id
from graph.i18n import N_
from graph.load import format_citation, parse_evidence

__all__ = [
    "COUNTRY_NAMES",
    "EARTH_RADIUS_KM",
    "GEO_DIR",
    "CountryShape",
    "SharedBorder",
    "border_id",
    "border_relation_edges",
    "border_relations",
    "cited_lengths",
    "country_shapes",
    "dataset_border_ids",
    "geo_meta",
    "geodesic_circle",
    "haversine_km",
    "lengths_for",
    "line_length_km",
    "reference_lengths",
    "ring_area",
    "sample_line",
    "shared_borders",
]

#: Folder of the committed geometry (``countries.geojson``, ``borders.geojson``,
#: ``meta.json``, ``reference_lengths.csv``).
GEO_DIR: Path = Path(__file__).resolve().parents[1] / "data" / "geo"

#: Mean earth radius (IUGG), the one the preparation script measured with.
EARTH_RADIUS_KM = 6371.0088

Point = tuple[float, float]

#: The countries' names as ``countries.geojson`` writes them, marked for the interface's
#: catalog (graph.i18n), so the map can name them in the reader's language
#: (``gettext(shape.name)``); tests/test_geo.py keeps the list and the file together.
COUNTRY_NAMES: tuple[str, ...] = (
    N_("Afghanistan"),
    N_("Armenia"),
    N_("Azerbaijan"),
    N_("Bahrain"),
    N_("Bangladesh"),
    N_("Belarus"),
    N_("Bhutan"),
    N_("Bulgaria"),
    N_("China"),
    N_("Cyprus"),
    N_("Djibouti"),
    N_("Egypt"),
    N_("Eritrea"),
    N_("Ethiopia"),
    N_("Georgia"),
    N_("Greece"),
    N_("India"),
    N_("Iran"),
    N_("Iraq"),
    N_("Israel"),
    N_("Jordan"),
    N_("Kazakhstan"),
    N_("Kuwait"),
    N_("Kyrgyzstan"),
    N_("Lebanon"),
    N_("Libya"),
    N_("Moldova"),
    N_("Mongolia"),
    N_("N. Cyprus"),
    N_("Nepal"),
    N_("Oman"),
    N_("Pakistan"),
    N_("Palestine"),
    N_("Poland"),
    N_("Qatar"),
    N_("Romania"),
    N_("Russia"),
    N_("S. Sudan"),
    N_("Saudi Arabia"),
    N_("Siachen Glacier"),
    N_("Sudan"),
    N_("Syria"),
    N_("Tajikistan"),
    N_("Turkey"),
    N_("Turkmenistan"),
    N_("Ukraine"),
    N_("United Arab Emirates"),
    N_("Uzbekistan"),
    N_("Yemen"),
)


@dataclass(frozen=True)
class CountryShape:
    """One country (or a disputed area Natural Earth draws apart) of the map.

    ``id`` is the ISO 3166-1 alpha-3 code, or a slug (``siachen-glacier``) for an area
    without one, in which case ``iso3`` is None. ``polygons`` holds each polygon as a
    tuple of rings, the outer ring first, points as ``(lon, lat)``. ``label`` is a point
    well inside the country's part in the dashboard's view (None when none of it is in
    view); ``clipped`` is True when the country was cut to the map's frame.
    """

    id: str
    iso3: str | None
    name: str
    polygons: tuple[tuple[tuple[Point, ...], ...], ...]
    label: Point | None
    clipped: bool


@dataclass(frozen=True)
class SharedBorder:
    """A land border between two countries of the map, as drawn and as measured.

    ``id`` is ``"A-B"`` with the two ISO codes (or slugs) sorted. ``lines`` holds the
    border's line strings as ``(lon, lat)`` points (several for a border in pieces,
    like Azerbaijan-Iran around Armenia). ``length_km`` is measured along the 1:50m line
    before rounding and clipping; ``length_km_10m`` along Natural Earth's 1:10m line, as
    a check of how much generalisation shortens it (None where 1:10m has no such
    border). ``clipped`` is True when part of the border lies outside the committed
    frame (the lengths still cover all of it).
    """

    id: str
    a: str
    b: str
    lines: tuple[tuple[Point, ...], ...]
    length_km: float
    length_km_10m: float | None
    clipped: bool


def border_id(a: str, b: str) -> str:
    """Return the id of the border between two countries: their codes sorted, ``"A-B"``.

    Parameters
    ----------
    a, b : str
        ISO 3166-1 alpha-3 codes (or the slugs of uncoded areas).

    Raises
    ------
    ValueError
        If a code is empty or both are the same.

    Examples
    --------
    >>> border_id("PAK", "IRN")
    'IRN-PAK'
    """
    if not a or not b or a == b:
        raise ValueError(f"no border between {a!r} and {b!r}")
    return "-".join(sorted((a, b)))


def haversine_km(p: Point, q: Point) -> float:
    """Great-circle distance in km between two ``(lon, lat)`` points.

    Examples
    --------
    >>> round(haversine_km((51.39, 35.69), (73.05, 33.68)))  # Tehran to Islamabad
    1989
    """
    lon1, lat1, lon2, lat2 = map(math.radians, (*p, *q))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def line_length_km(points: Iterable[Point]) -> float:
    """Length in km of a line through ``(lon, lat)`` points, segment by segment.

    Notes
    -----
    Cost O(k) for k points.

    Examples
    --------
    >>> round(line_length_km([(60.0, 25.0), (61.0, 25.0), (61.0, 26.0)]), 1)
    212.0
    """
    return sum(haversine_km(p, q) for p, q in pairwise(points))


def sample_line(points: Sequence[Point], spacing_km: float) -> list[Point]:
    """Return points along a line, about one every ``spacing_km`` (both ends kept).

    Notes
    -----
    Cost O(k) for k points.

    Examples
    --------
    >>> sample_line([(60.0, 25.0), (60.5, 25.0), (61.0, 25.0), (61.5, 25.0)], 100.0)
    [(60.0, 25.0), (61.0, 25.0), (61.5, 25.0)]
    """
    out = [points[0]]
    run = 0.0
    for p, q in pairwise(points):
        run += haversine_km(p, q)
        if run >= spacing_km:
            out.append(q)
            run = 0.0
    if out[-1] != points[-1]:
        out.append(points[-1])
    return out


def geodesic_circle(lon: float, lat: float, radius_km: float, points: int = 49) -> np.ndarray:
    """Return a circle of ``radius_km`` around ``(lon, lat)`` on the sphere, as
    ``(points, 2)`` lon/lat, clockwise (plotly's d3-geo reads a clockwise ring as the small
    side of the sphere).

    Examples
    --------
    >>> ring = geodesic_circle(60.0, 25.0, 100.0)
    >>> ring.shape, round(haversine_km((60.0, 25.0), tuple(ring[10])))
    ((49, 2), 100)
    """
    phi1, lam1 = math.radians(lat), math.radians(lon)
    delta = radius_km / EARTH_RADIUS_KM
    bearing = np.linspace(0.0, 2 * np.pi, points)  # north, east, south, west: clockwise
    phi2 = np.arcsin(np.sin(phi1) * np.cos(delta) + np.cos(phi1) * np.sin(delta) * np.cos(bearing))
    lam2 = lam1 + np.arctan2(
        np.sin(bearing) * np.sin(delta) * np.cos(phi1),
        np.cos(delta) - np.sin(phi1) * np.sin(phi2),
    )
    return np.stack([np.degrees(lam2), np.degrees(phi2)], axis=1)


def ring_area(shape: CountryShape) -> float:
    """Return the area of a country's largest ring in square degrees (a size to rank
    labels by, not a surface: the shoelace formula on lon/lat).

    Examples
    --------
    >>> ring = ((0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (0.0, 1.0))
    >>> ring_area(CountryShape("XXX", "XXX", "X", ((ring,),), None, False))
    2.0
    """
    best = 0.0
    for polygon in shape.polygons:
        ring = polygon[0]
        twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))
        best = max(best, abs(twice) / 2)
    return best


def _geo_dir(path: Path | str | None) -> Path:
    return GEO_DIR if path is None else Path(path)


def _read_features(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as handle:
            payload = json.load(handle)
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path} is missing; run `uv run python scripts/prepare_geometry.py`"
        ) from None
    if payload.get("type") != "FeatureCollection":
        raise ValueError(f"{path} is not a GeoJSON FeatureCollection")
    return payload["features"]


def country_shapes(path: Path | str | None = None) -> dict[str, CountryShape]:
    """Return the map's countries, keyed by ISO alpha-3 code (or slug), sorted by key.

    Parameters
    ----------
    path : path-like, optional
        Folder holding ``countries.geojson``; default :data:`GEO_DIR`.

    Returns
    -------
    dict
        ``id -> CountryShape``, read afresh on each call (the dashboard caches it).

    Raises
    ------
    FileNotFoundError
        If the geometry has not been prepared (the message says how to make it).

    Notes
    -----
    Reads about 200 KB of JSON (a few milliseconds). Nothing is cached here: caching is
    the dashboard's business (``st.cache_resource`` keyed by folder and modification time).

    Examples
    --------
    >>> shapes = country_shapes()
    >>> shapes["IRN"].name, shapes["IRN"].clipped
    ('Iran', False)
    >>> shapes["siachen-glacier"].iso3 is None
    True
    """
    shapes = {}
    for feature in _read_features(_geo_dir(path) / "countries.geojson"):
        props = feature["properties"]
        polygons = tuple(
            tuple(tuple((float(x), float(y)) for x, y in ring) for ring in polygon)
            for polygon in feature["geometry"]["coordinates"]
        )
        label = props.get("label")
        shapes[feature["id"]] = CountryShape(
            id=feature["id"],
            iso3=props.get("iso3"),
            name=props["name"],
            polygons=polygons,
            label=(float(label[0]), float(label[1])) if label else None,
            clipped=bool(props.get("clipped")),
        )
    return shapes


def shared_borders(path: Path | str | None = None) -> dict[str, SharedBorder]:
    """Return the land borders between the map's countries, keyed ``"A-B"`` (sorted).

    Parameters
    ----------
    path : path-like, optional
        Folder holding ``borders.geojson``; default :data:`GEO_DIR`.

    Returns
    -------
    dict
        ``border id -> SharedBorder`` (see :func:`border_id`), read afresh on each call
        (the dashboard caches it).

    Raises
    ------
    FileNotFoundError
        If the geometry has not been prepared.

    Notes
    -----
    Reads about 90 KB of JSON; nothing is cached here.

    Examples
    --------
    >>> borders = shared_borders()
    >>> iran_pakistan = borders[border_id("PAK", "IRN")]
    >>> 700 < iran_pakistan.length_km < 1000
    True
    >>> "AZE-TUR" in borders  # Nakhchivan's short border survives at 1:50m
    True
    """
    borders = {}
    for feature in _read_features(_geo_dir(path) / "borders.geojson"):
        props = feature["properties"]
        lines = tuple(
            tuple((float(x), float(y)) for x, y in line)
            for line in feature["geometry"]["coordinates"]
        )
        borders[feature["id"]] = SharedBorder(
            id=feature["id"],
            a=props["a"],
            b=props["b"],
            lines=lines,
            length_km=float(props["length_km"]),
            length_km_10m=(
                None if props.get("length_km_10m") is None else float(props["length_km_10m"])
            ),
            clipped=bool(props.get("clipped")),
        )
    return borders


def geo_meta(path: Path | str | None = None) -> dict[str, Any]:
    """Return the provenance of the committed geometry (``meta.json``).

    Examples
    --------
    >>> meta = geo_meta()
    >>> meta["package"], meta["resolution"]
    ('world-atlas', '50m')
    """
    with (_geo_dir(path) / "meta.json").open(encoding="utf-8") as handle:
        return json.load(handle)


_REFERENCE_COLUMNS = ("border", "a", "b", "length_km", "source", "edition", "detail")


def reference_lengths(path: Path | str | None = None) -> pd.DataFrame:
    """Return the border lengths a gazetteer cites (``reference_lengths.csv``).

    Parameters
    ----------
    path : path-like, optional
        Folder holding ``reference_lengths.csv``; default :data:`GEO_DIR`.

    Returns
    -------
    pandas.DataFrame
        Indexed by border id (``"A-B"``, sorted ISO codes), with columns ``a``, ``b``,
        ``length_km`` (float), ``source`` (e.g. "CIA World Factbook"), ``edition`` and
        ``detail`` (which entry gives the figure).

    Raises
    ------
    ValueError
        If a row's border id does not match its two codes, or a length is not positive.

    Notes
    -----
    Cost O(r) for r rows.

    Examples
    --------
    >>> ref = reference_lengths()
    >>> float(ref.loc["AFG-PAK", "length_km"]), ref.loc["AFG-PAK", "source"]
    (2670.0, 'CIA World Factbook')
    """
    file = _geo_dir(path) / "reference_lengths.csv"
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for line, row in enumerate(rows, start=2):
        if tuple(row) != _REFERENCE_COLUMNS:
            raise ValueError(
                f"{file.name}:{line}: columns {list(row)} are not {_REFERENCE_COLUMNS}"
            )
        if row["border"] != border_id(row["a"], row["b"]):
            raise ValueError(f"{file.name}:{line}: border {row['border']!r} is not a-b sorted")
        length = float(row["length_km"])  # a ValueError names a bad number
        if not length > 0:
            raise ValueError(f"{file.name}:{line}: length_km {length!r} is not positive")
        row["length_km"] = length
    frame = pd.DataFrame(rows, columns=list(_REFERENCE_COLUMNS))
    return frame.set_index("border")


def _state_codes(actors: pd.DataFrame) -> dict[str, str]:
    """Actor id -> ISO code for actors that carry one (states)."""
    if "iso3" not in actors.columns:
        return {}
    return {str(i): str(c) for i, c in actors["iso3"].items() if isinstance(c, str) and c}


def cited_lengths(dataset: Any = None, *, path: Path | str | None = None) -> pd.DataFrame:
    """Return every cited length of a border: the gazetteer's and the dataset's own.

    Parameters
    ----------
    dataset : graph.load.Dataset, optional
        When given, its ``borders`` table (lengths the sources give, e.g. the article's
        1,000 km for Iran-Pakistan) is added, its states mapped to ISO codes through
        ``actors.iso3``. Rows without a length, or between actors without a code, are
        left out.
    path : path-like, optional
        Folder of ``reference_lengths.csv``; default :data:`GEO_DIR`.

    Returns
    -------
    pandas.DataFrame
        One row per (border, source), columns ``border``, ``length_km``, ``source`` (a
        readable name), ``citation`` (edition and entry, or the evidence of the row),
        ``kind`` (``"gazetteer"`` or ``"dataset"``); dataset rows first, then by border.

    Notes
    -----
    Cost O(r + b) for r reference rows and b dataset borders.

    Examples
    --------
    >>> table = cited_lengths()
    >>> table[table.border == "IRN-PAK"][["length_km", "source"]].values.tolist()
    [[959.0, 'CIA World Factbook']]
    """
    rows: list[dict[str, Any]] = []
    borders = getattr(dataset, "borders", None)
    actors = getattr(dataset, "actors", None)
    if isinstance(borders, pd.DataFrame) and isinstance(actors, pd.DataFrame):
        codes = _state_codes(actors)
        for ident, row in borders.iterrows():
            length = row.get("length_km")
            a, b = codes.get(str(row.get("state_a"))), codes.get(str(row.get("state_b")))
            if a is None or b is None or length is None or pd.isna(length):
                continue
            evidence = row.get("evidence") or ""
            rows.append(
                {
                    "border": border_id(a, b),
                    "length_km": float(length),
                    "source": _source_name(dataset, evidence),
                    "citation": f"borders.csv {ident}: {evidence}",
                    "kind": "dataset",
                }
            )
    for ident, row in reference_lengths(path).iterrows():
        rows.append(
            {
                "border": str(ident),
                "length_km": float(row["length_km"]),
                "source": row["source"],
                "citation": f"{row['edition']} edition, {row['detail']}",
                "kind": "gazetteer",
            }
        )
    table = pd.DataFrame(rows, columns=["border", "length_km", "source", "citation", "kind"])
    order = table["kind"].map({"dataset": 0, "gazetteer": 1})
    return (
        table.assign(_order=order)
        .sort_values(["_order", "border"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _source_name(dataset: Any, evidence: str) -> str:
    """A readable name for the first source an evidence string cites ("publisher,
    published", as :func:`graph.load.format_citation` words it)."""
    first = evidence.split(";", 1)[0] if evidence else ""
    if not first:
        return "dataset"
    sources = getattr(dataset, "sources", None)
    rows = sources.to_dict("index") if isinstance(sources, pd.DataFrame) else {}
    return format_citation(first, rows, paragraphs=False)


def lengths_for(
    border: str, cited: pd.DataFrame, borders: dict[str, SharedBorder] | None = None
) -> tuple[list[tuple[float, str]], float | None]:
    """Return the cited lengths (with their sources) and the measured length of a border.

    Parameters
    ----------
    border : str
        A border id (:func:`border_id`).
    cited : pandas.DataFrame
        The table of :func:`cited_lengths`.
    borders : dict, optional
        :func:`shared_borders` (default: the committed ones).

    Returns
    -------
    tuple
        ``([(length_km, source), ...], measured_km)``; ``measured_km`` is None when the
        geometry has no such border.

    Notes
    -----
    Cost O(c) for c cited rows.

    Examples
    --------
    >>> cited, measured = lengths_for("IRN-PAK", cited_lengths())
    >>> cited, round(measured)
    ([(959.0, 'CIA World Factbook')], 780)
    """
    rows = cited[cited["border"] == border]
    pairs = [(float(r.length_km), str(r.source)) for r in rows.itertuples()]
    shape = (borders if borders is not None else shared_borders()).get(border)
    return pairs, (shape.length_km if shape else None)


def dataset_border_ids(borders: pd.DataFrame, actors: pd.DataFrame) -> dict[str, str]:
    """Map each row of the dataset's ``borders`` table to the geometry's border id.

    Parameters
    ----------
    borders : pandas.DataFrame
        The ``borders`` table (indexed by id; ``state_a``, ``state_b`` are actor ids).
    actors : pandas.DataFrame
        The ``actors`` table (indexed by id), whose ``iso3`` codes the states.

    Returns
    -------
    dict
        ``borders row id -> "A-B"`` (see :func:`border_id`), in table order.

    Raises
    ------
    ValueError
        If a row names an actor without an ISO code (the message names row and actor).

    Notes
    -----
    Cost O(b + a).

    Examples
    --------
    >>> actors = pd.DataFrame({"iso3": ["IRN", "PAK"]}, index=["iran", "pakistan"])
    >>> borders = pd.DataFrame({"state_a": ["iran"], "state_b": ["pakistan"]},
    ...                        index=["iran-pakistan"])
    >>> dataset_border_ids(borders, actors)
    {'iran-pakistan': 'IRN-PAK'}
    """
    codes = _state_codes(actors)
    ids = {}
    for ident, row in borders.iterrows():
        pair = []
        for column in ("state_a", "state_b"):
            actor = row.get(column)
            if actor not in codes:
                raise ValueError(f"border {ident!r}: {column} {actor!r} has no ISO code in actors")
            pair.append(codes[actor])
        ids[str(ident)] = border_id(*pair)
    return ids


_BORDER_WORDS = re.compile(r"\b(?:cross-)?(?:border|frontier)", re.IGNORECASE)


def _home(G: nx.MultiDiGraph, node: Any) -> str | None:
    data = G.nodes[node]
    return data.get("iso3") or data.get("country") or None


def _paragraphs(evidence: Any) -> set[tuple[str, int]]:
    if not isinstance(evidence, str) or not evidence:
        return set()
    try:
        return {(source, p) for source, paras in parse_evidence(evidence) for p in paras}
    except ValueError:
        return set()


def border_relations(
    G: nx.MultiDiGraph, borders: pd.DataFrame, actors: pd.DataFrame
) -> dict[str, list[str]]:
    """Return the relations of ``G`` that happen on each border of the ``borders`` table.

    A relation lies on the border between states A and B when its two actors belong to
    A and B (a state by its ``iso3``, any other actor by its ``country``), and one of:
    its type's PLOVER context is ``border``; its summary speaks of the border or frontier;
    or it cites a paragraph that the border's own row cites.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph, typically filtered: only its relations are considered.
    borders, actors : pandas.DataFrame
        The dataset's ``borders`` and ``actors`` tables (see :func:`dataset_border_ids`).

    Returns
    -------
    dict
        ``borders row id -> [relation id, ...]`` in edge order, for every row (empty
        lists included).

    Raises
    ------
    ValueError
        As :func:`dataset_border_ids`.

    Notes
    -----
    Cost O(b + p + r) for b borders, p related pairs of actors and r relations between
    the countries of a border (see :func:`border_relation_edges`).

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records(
    ...     [{"id": "iran", "kind": "state", "iso3": "IRN"},
    ...      {"id": "pakistan", "kind": "state", "iso3": "PAK"}],
    ...     [{"id": "R1", "source": "iran", "target": "pakistan", "relation": "talks",
    ...       "sign": 1, "intensity": 2.0, "summary": "Fencing the frontier."},
    ...      {"id": "R2", "source": "iran", "target": "pakistan", "relation": "talks",
    ...       "sign": 1, "intensity": 2.0, "summary": "Shipbuilding."}],
    ... )
    >>> actors = pd.DataFrame({"iso3": ["IRN", "PAK"]}, index=["iran", "pakistan"])
    >>> borders = pd.DataFrame({"state_a": ["iran"], "state_b": ["pakistan"],
    ...                         "evidence": ["src:18"]}, index=["iran-pakistan"])
    >>> border_relations(G, borders, actors)
    {'iran-pakistan': ['R1']}
    """
    return {
        ident: [rid for rid, *_ in found]
        for ident, found in border_relation_edges(G, borders, actors).items()
    }


def border_relation_edges(
    G: nx.MultiDiGraph, borders: pd.DataFrame, actors: pd.DataFrame
) -> dict[str, list[tuple[str, Any, Any, Any]]]:
    """Return the relations on each border as :func:`border_relations` does, with their
    actors and attributes: ``borders row id -> [(relation id, u, v, attributes), ...]``.

    Pairs of actors are read first: a relation's own attributes only when its two actors
    sit in the two countries of a border (most pairs do not).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("iran", {"iso3": "IRN"}), ("quetta", {"country": "PAK"})])
    >>> G.add_edge("quetta", "iran", key="R9", summary="Smuggling across the border.")
    'R9'
    >>> rows = pd.DataFrame({"state_a": ["iran"], "state_b": ["pakistan"]}, index=["ir-pk"])
    >>> codes = pd.DataFrame({"iso3": ["IRN", "PAK"]}, index=["iran", "pakistan"])
    >>> [(rid, u, v) for rid, u, v, _ in border_relation_edges(G, rows, codes)["ir-pk"]]
    [('R9', 'quetta', 'iran')]
    """
    ids = dataset_border_ids(borders, actors)
    pairs: dict[frozenset, list[str]] = {}
    for ident, geo_id in ids.items():
        pairs.setdefault(frozenset(geo_id.split("-")), []).append(ident)
    cited = {ident: _paragraphs(borders.loc[ident].get("evidence")) for ident in ids}
    types = G.graph.get("relation_types") or {}
    found: dict[str, list[tuple[str, Any, Any, Any]]] = {ident: [] for ident in ids}
    if not pairs:
        return found
    homes = {node: _home(G, node) for node in G}
    for u, v, keyed in edges_by_pair(G):
        hu, hv = homes[u], homes[v]
        if hu is None or hv is None or hu == hv:
            continue  # borders join two countries: most pairs are settled here
        rows = pairs.get(frozenset((hu, hv)))
        if not rows:
            continue
        for key, data in keyed.items():
            rid = relation_id(key, data)
            context = (types.get(data.get("relation")) or {}).get("plover_context")
            spoken = bool(_BORDER_WORDS.search(str(data.get("summary") or "")))
            paragraphs = None
            for ident in rows:
                if context == "border" or spoken:
                    found[ident].append((rid, u, v, data))
                    continue
                if paragraphs is None:
                    paragraphs = _paragraphs(data.get("evidence"))
                if paragraphs & cited[ident]:
                    found[ident].append((rid, u, v, data))
    return found

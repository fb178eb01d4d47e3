"""Where the non-state actors of a graph operate, approximately: the areas the map shades.

Curated areas (``data/areas.csv``) come first; the others are derived from each actor's
anchor place and the graph's ``territorial_presence`` relations. Analysis, not drawing:
the map (:mod:`graph.figures.map`) draws what :func:`areas_of_operation` returns.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from graph.build import edges_by_pair, relation_id
from graph.i18n import gettext as _

__all__ = ["AREA_KINDS", "areas_of_operation", "require_columns"]

#: Actor kinds whose area of operation is shaded around their anchor place.
AREA_KINDS: tuple[str, ...] = ("armed_group", "political_movement")

#: Radius in km of the approximate area drawn around an anchor place, by place kind.
_AREA_RADIUS_KM = {
    "province": 220.0,
    "region": 180.0,
    "border": 130.0,
    "capital": 110.0,
    "city": 110.0,
    "port": 90.0,
    "facility": 60.0,
}
_TERRITORIAL_TYPES = ("territorial_presence",)


def areas_of_operation(
    G: nx.MultiDiGraph,
    places: pd.DataFrame,
    *,
    areas: pd.DataFrame | None = None,
    kinds: Collection[str] = AREA_KINDS,
) -> pd.DataFrame:
    """Return the approximate areas of operation of the non-state actors of ``G``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A relationship graph; its actors of ``kinds`` get an area.
    places : pandas.DataFrame
        The ``places`` table (indexed by id; ``name``, ``kind``, ``lat``, ``lon``,
        ``country``).
    areas : pandas.DataFrame, optional
        Curated areas, which replace the derived ones for the actors they name: column
        ``actor`` and either ``place`` with ``radius_km`` (a circle) or ``country`` (a
        whole country); optional ``note`` and ``evidence``. An actor may have several.
    kinds : collection of str
        Actor kinds that get an area; default :data:`AREA_KINDS`.

    Returns
    -------
    pandas.DataFrame
        One row per area: ``actor``, ``place``, ``country`` (an ISO code when the area is
        a whole country, else None), ``radius_km``, ``basis`` (how the area was derived,
        in words). Without curated areas an actor's area is a circle around its anchor
        place, sized by the place's kind (a province 220 km, a city 110 km); an actor
        anchored in a capital that the graph says is present in that state (a
        ``territorial_presence`` relation) gets the whole country instead.

    Raises
    ------
    ValueError
        If ``areas`` lacks its columns (the message lists those it has).

    Notes
    -----
    Cost O(n + m). Every area is approximate by construction; the map says so.

    Examples
    --------
    >>> from graph.build import graph_from_records
    >>> G = graph_from_records([{"id": "jaish", "kind": "armed_group", "place": "sb"}], [])
    >>> places = pd.DataFrame({"name": ["Sistan and Baluchestan"], "kind": ["province"],
    ...                        "country": ["IRN"], "lat": [27.8], "lon": [60.8]},
    ...                       index=pd.Index(["sb"], name="id"))
    >>> areas_of_operation(G, places)[["actor", "place", "radius_km"]].values.tolist()
    [['jaish', 'sb', 220.0]]
    """
    rows: list[dict[str, Any]] = []
    curated: set[Hashable] = set()
    if areas is not None and len(areas):
        require_columns(areas, ("actor",), "areas")
        if "country" not in areas.columns:
            require_columns(areas, ("place", "radius_km"), "areas")
        for _index, row in areas.iterrows():
            area = _curated_area(G, places, row)
            if area is not None:
                curated.add(area["actor"])
                rows.append(area)
    presence: dict[Hashable, list[tuple[str, str]]] = {}
    node_data = G._node
    for u, v, keyed in edges_by_pair(G):  # only relations into a state can count
        code = node_data[v].get("iso3")
        if not code:
            continue
        for key, data in keyed.items():
            if data.get("relation") in _TERRITORIAL_TYPES:
                presence.setdefault(u, []).append((code, relation_id(key, data)))
    # Columns as dicts: a pandas lookup per actor costs more than the rest of the loop.
    place_kind = places["kind"].to_dict()
    place_country = places["country"].to_dict() if "country" in places.columns else {}
    for actor, data in G.nodes(data=True):
        place = data.get("place")
        if data.get("kind") not in kinds or actor in curated or place not in place_kind:
            continue
        kind, country = place_kind[place], place_country.get(place)
        whole = [
            (c, rid) for c, rid in presence.get(actor, ()) if kind == "capital" and c == country
        ]
        if whole:
            code, rid = whole[0]
            rows.append(
                {
                    "actor": actor,
                    "place": place,
                    "country": code,
                    "radius_km": math.nan,
                    "basis": _("present across the country (relation {id})").format(id=rid),
                }
            )
            continue
        radius = _AREA_RADIUS_KM.get(str(kind), 110.0)
        rows.append(
            {
                "actor": actor,
                "place": place,
                "country": None,
                "radius_km": radius,
                "basis": _("a {radius}-km circle around its anchor place ({kind})").format(
                    radius=f"{radius:.0f}", kind=kind
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=["actor", "place", "country", "radius_km", "basis"])
    frame["country"] = frame["country"].astype(object).where(frame["country"].notna(), None)
    return frame


def _curated_area(G: nx.MultiDiGraph, places: pd.DataFrame, row: pd.Series) -> dict | None:
    """An area row from a curated table, or None if its actor or location is unknown."""
    actor = row.get("actor")
    if actor not in G:
        return None
    country = row.get("country")
    country = country if isinstance(country, str) and country else None
    place = row.get("place")
    place = place if isinstance(place, str) and place in places.index else None
    radius = pd.to_numeric(row.get("radius_km"), errors="coerce")
    if country is None and (place is None or pd.isna(radius)):
        return None
    basis = str(row.get("note") or _("curated area"))
    if isinstance(row.get("evidence"), str) and row["evidence"]:
        basis += f" [{row['evidence']}]"
    anchor = G.nodes[actor].get("place")
    return {
        "actor": actor,
        "place": place or (anchor if anchor in places.index else None),
        "country": country,
        "radius_km": math.nan if country else float(radius),
        "basis": basis,
    }


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise a ValueError naming the first of ``columns`` that ``frame`` lacks, and those it
    has.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"a": [1]}), ["a", "b"], "areas")
    Traceback (most recent call last):
    ...
    ValueError: areas has no column 'b'; its columns are a
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        have = ", ".join(map(str, frame.columns))
        raise ValueError(f"{what} has no column {missing[0]!r}; its columns are {have}")

"""Derive the border map's geometry from Natural Earth (npm package ``world-atlas``).

Writes, into ``data/geo/``:

- ``countries.geojson``: the region's countries as a GeoJSON FeatureCollection, one
  MultiPolygon per country (feature ``id`` = ISO 3166-1 alpha-3, or a slug for areas
  without a code), coordinates rounded to 3 decimals, countries reaching beyond the clip
  box cut to it;
- ``borders.geojson``: every land border shared by two of those countries, as the
  MultiLineString of the TopoJSON arcs both reference, with its length measured along the
  full (unclipped, unrounded) line;
- ``meta.json``: provenance (package, version, tarball hash, resolution, clip box, date).

Run it again to reproduce the files (it needs ``npm`` and the npm registry, nothing else):

    uv run python scripts/prepare_geometry.py            # fetches world-atlas with npm pack
    uv run python scripts/prepare_geometry.py --tarball world-atlas-2.0.2.tgz

The TopoJSON is read as plain JSON: a border between two countries is the set of arcs
that both of their polygons reference, so no geometry library is needed here or at run
time. Nothing from ``node_modules`` is kept: the tarball is unpacked into a temporary
directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from pathlib import Path

# The geodesy of the page (graph/geo.py): one haversine, one earth radius.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from graph.geo import EARTH_RADIUS_KM, line_length_km

PACKAGE = "world-atlas"
VERSION = "2.0.2"
RESOLUTION = "50m"  # 1:50m; at 1:110m the Azerbaijan-Turkey border (Nakhchivan) vanishes
OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
DECIMALS = 3  # about 100 m: far finer than the 1:50m source's own accuracy

#: Countries are kept whole when they lie inside this box and cut to it otherwise; it is
#: the dashboard's view (lon 31..80, lat 21..45) with a wide margin for panning.
CLIP_BOX = (24.0, 12.0, 90.0, 52.0)  # west, south, east, north

#: Natural Earth features in the clip box: ISO 3166-1 numeric -> alpha-3. Features that
#: Natural Earth gives no code (disputed or special areas) are keyed by a slug instead.
_ISO_CODES = """
    004:AFG 031:AZE 048:BHR 050:BGD 051:ARM 064:BTN 100:BGR 104:MMR 112:BLR 140:CAF
    144:LKA 156:CHN 196:CYP 231:ETH 232:ERI 262:DJI 268:GEO 275:PSE 300:GRC 356:IND
    364:IRN 368:IRQ 376:ISR 398:KAZ 400:JOR 414:KWT 417:KGZ 422:LBN 434:LBY 496:MNG
    498:MDA 512:OMN 524:NPL 586:PAK 616:POL 634:QAT 642:ROU 643:RUS 682:SAU 706:SOM
    728:SSD 729:SDN 760:SYR 762:TJK 784:ARE 792:TUR 795:TKM 804:UKR 818:EGY 860:UZB
    887:YEM
"""
ISO_NUMERIC_TO_ALPHA3 = dict(pair.split(":") for pair in _ISO_CODES.split())
UNCODED = {
    "N. Cyprus": "northern-cyprus",
    "Siachen Glacier": "siachen-glacier",
    "Somaliland": "somaliland",
}

#: The view the label points are placed in (a label outside it would never show).
VIEW_BOX = (31.0, 21.0, 80.0, 45.0)


def fetch_tarball(workdir: Path) -> Path:
    """Run ``npm pack`` for the pinned package into ``workdir``; return the tarball path."""
    spec = f"{PACKAGE}@{VERSION}"
    result = subprocess.run(
        ["npm", "pack", spec, "--pack-destination", str(workdir), "--silent"],
        check=True,
        capture_output=True,
        text=True,
    )
    name = result.stdout.strip().splitlines()[-1]
    return workdir / name


def read_topology(tarball: Path, resolution: str) -> dict:
    """Return the countries TopoJSON at ``resolution`` ("50m", "10m") in ``tarball``."""
    with tarfile.open(tarball, mode="r:gz") as archive:
        member = archive.extractfile(f"package/countries-{resolution}.json")
        if member is None:
            raise SystemExit(f"{tarball} holds no countries-{resolution}.json")
        return json.load(member)


def feature_key(geometry: dict) -> str | None:
    """ISO alpha-3 (or slug) of a TopoJSON country; None if outside our lists."""
    numeric = geometry.get("id")
    if numeric:
        return ISO_NUMERIC_TO_ALPHA3.get(numeric)
    return UNCODED.get(geometry["properties"]["name"])


def measure_borders(topology: dict) -> dict[tuple[str, str], float]:
    """Length in km of every border between two listed countries of a topology."""
    arcs = decode_arcs(topology)
    users: dict[int, set[str]] = defaultdict(set)
    for geometry in topology["objects"]["countries"]["geometries"]:
        key = feature_key(geometry)
        if key is None:
            continue
        for poly in polygons_of(geometry):
            for ring in poly:
                for index in ring:
                    users[index if index >= 0 else ~index].add(key)
    lengths: dict[tuple[str, str], float] = defaultdict(float)
    for index, keys in users.items():
        if len(keys) == 2:
            lengths[tuple(sorted(keys))] += line_length_km(arcs[index])
    return dict(lengths)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return every arc as absolute (lon, lat) points (undo quantisation and deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    """Return a TopoJSON geometry's polygons as lists of rings of arc indices."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple]:
    """Stitch a ring's arcs (negative index = reversed arc) into one closed point list."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def signed_area(points: list[tuple[float, float]]) -> float:
    """Planar signed area (shoelace) in square degrees: negative when clockwise."""
    return 0.5 * sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)
    )


def clip_ring(points: list[tuple[float, float]], box: tuple) -> list[tuple[float, float]]:
    """Cut a closed ring to a lon/lat box (Sutherland-Hodgman, one box edge at a time)."""
    west, south, east, north = box
    edges = (
        (lambda p: p[0] >= west, lambda p, q: _at_x(p, q, west)),
        (lambda p: p[0] <= east, lambda p, q: _at_x(p, q, east)),
        (lambda p: p[1] >= south, lambda p, q: _at_y(p, q, south)),
        (lambda p: p[1] <= north, lambda p, q: _at_y(p, q, north)),
    )
    ring = points[:-1] if points and points[0] == points[-1] else list(points)
    for inside, cross in edges:
        if not ring:
            break
        out = []
        for i, current in enumerate(ring):
            previous = ring[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        ring = out
    return ring + ring[:1] if len(ring) >= 3 else []


def _at_x(p: tuple, q: tuple, x: float) -> tuple[float, float]:
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))


def _at_y(p: tuple, q: tuple, y: float) -> tuple[float, float]:
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)


def clip_line(points: list[tuple[float, float]], box: tuple) -> list[list[tuple]]:
    """Cut a polyline to a box: the runs of points inside it, each with one point beyond."""
    west, south, east, north = box

    def inside(p: tuple) -> bool:
        return west <= p[0] <= east and south <= p[1] <= north

    runs: list[list[tuple]] = []
    current: list[tuple] = []
    for i, point in enumerate(points):
        if inside(point):
            if not current and i > 0:
                current.append(points[i - 1])
            current.append(point)
        elif current:
            current.append(point)
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if len(run) >= 2]


def rounded(points: list[tuple[float, float]]) -> list[list[float]]:
    """Round to DECIMALS and drop points that repeat the one before after rounding."""
    out: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not out or point != out[-1]:
            out.append(point)
    return out


def chain_arcs(arc_ids: list[int], arcs: list[list[tuple]]) -> list[list[tuple]]:
    """Join arcs that meet end to end into as few polylines as possible."""
    pieces = [list(arcs[i]) for i in arc_ids]
    lines: list[list[tuple]] = []
    while pieces:
        line = pieces.pop(0)
        grown = True
        while grown:
            grown = False
            for k, piece in enumerate(pieces):
                if piece[0] == line[-1]:
                    line += piece[1:]
                elif piece[-1] == line[-1]:
                    line += piece[::-1][1:]
                elif piece[-1] == line[0]:
                    line = piece[:-1] + line
                elif piece[0] == line[0]:
                    line = piece[::-1][:-1] + line
                else:
                    continue
                pieces.pop(k)
                grown = True
                break
        lines.append(line)
    return lines


def point_in_ring(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Even-odd rule test of a point against a closed ring."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def distance_to_ring(point: tuple[float, float], ring: list[tuple[float, float]]) -> float:
    """Planar distance (degrees, longitude scaled by cos(lat)) from a point to a ring."""
    x, y = point
    k = math.cos(math.radians(y))
    best = math.inf
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        ax, ay, bx, by = (x1 - x) * k, y1 - y, (x2 - x) * k, y2 - y
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length2))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def label_point(rings: list[list[tuple[float, float]]]) -> list[float] | None:
    """A point well inside the largest part of the country that lies in the view.

    A grid search for the point farthest from the outline (a cheap pole of
    inaccessibility), so labels of thin or curved countries stay inside them.
    """
    clipped = [r for r in (clip_ring(r, VIEW_BOX) for r in rings) if r]
    if not clipped:
        return None
    ring = max(clipped, key=lambda r: abs(signed_area(r)))
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    steps = 40
    best, best_distance = None, -1.0
    for i in range(steps + 1):
        for j in range(steps + 1):
            candidate = (
                min(xs) + (max(xs) - min(xs)) * i / steps,
                min(ys) + (max(ys) - min(ys)) * j / steps,
            )
            if point_in_ring(candidate, ring):
                distance = distance_to_ring(candidate, ring)
                if distance > best_distance:
                    best, best_distance = candidate, distance
    return [round(best[0], 2), round(best[1], 2)] if best else None


def bbox_of(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def overlaps(a: tuple, b: tuple) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def within(a: tuple, b: tuple) -> bool:
    return b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3]


def build(topology: dict, lengths_10m: dict) -> tuple[dict, dict, list[str]]:
    """Return (countries FeatureCollection, borders FeatureCollection, warnings).

    ``lengths_10m`` holds the same borders measured on Natural Earth 1:10m, recorded
    beside our own measurement as a check of how much generalisation shortens them.
    """
    arcs = decode_arcs(topology)
    warnings: list[str] = []
    countries = []
    arc_users: dict[int, set[str]] = defaultdict(set)
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        numeric = geometry.get("id")
        key = feature_key(geometry)
        polygons = polygons_of(geometry)
        # Keep only the parts in or across the clip box (France's and others' far-off
        # territories would otherwise drag whole countries in).
        polygons = [
            poly for poly in polygons if overlaps(bbox_of(ring_points(poly[0], arcs)), CLIP_BOX)
        ]
        if not polygons:
            continue
        box = bbox_of([p for poly in polygons for p in ring_points(poly[0], arcs)])
        if key is None:
            warnings.append(f"skipped {name!r} ({numeric}): no code in ISO_NUMERIC_TO_ALPHA3")
            continue
        whole = within(box, CLIP_BOX)
        out_polygons = []
        exteriors = []
        for poly in polygons:
            rings = []
            for r, ring in enumerate(poly):
                points = ring_points(ring, arcs)
                if not whole:
                    points = clip_ring(points, CLIP_BOX)
                    if not points:
                        continue
                # d3-geo (inside plotly.js) reads a clockwise exterior as the small
                # side of the sphere; a counter-clockwise one would fill the globe.
                clockwise = signed_area(points) < 0
                if (r == 0) != clockwise:
                    points = points[::-1]
                if r == 0:
                    exteriors.append(points)
                rings.append(rounded(points))
            if rings and len(rings[0]) >= 4:
                out_polygons.append(rings)
        if not out_polygons:
            continue
        for poly in polygons:
            for ring in poly:
                for index in ring:
                    arc_users[index if index >= 0 else ~index].add(key)
        countries.append(
            {
                "type": "Feature",
                "id": key,
                "properties": {
                    "iso3": key if numeric else None,
                    "iso_numeric": numeric,
                    "name": name,
                    "clipped": not whole,
                    "label": label_point(exteriors),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": out_polygons},
            }
        )
    countries.sort(key=lambda f: f["id"])

    shared: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, users in sorted(arc_users.items()):
        if len(users) == 2:
            shared[tuple(sorted(users))].append(index)
        elif len(users) > 2:
            warnings.append(f"arc {index} is referenced by {sorted(users)}")
    borders = []
    for (a, b), arc_ids in sorted(shared.items()):
        lines = chain_arcs(arc_ids, arcs)
        length = sum(line_length_km(line) for line in lines)
        parts, clipped = [], False
        for line in lines:
            if within(bbox_of(line), CLIP_BOX):
                parts.append(rounded(line))
            else:
                clipped = True
                parts.extend(rounded(run) for run in clip_line(line, CLIP_BOX))
        if not parts:
            continue
        borders.append(
            {
                "type": "Feature",
                "id": f"{a}-{b}",
                "properties": {
                    "a": a,
                    "b": b,
                    "length_km": round(length, 1),
                    # None where 1:10m draws no shared line (Cyprus: a UN buffer zone)
                    "length_km_10m": round(lengths_10m[(a, b)], 1)
                    if (a, b) in lengths_10m
                    else None,
                    "parts": len(lines),
                    "clipped": clipped,
                },
                "geometry": {"type": "MultiLineString", "coordinates": parts},
            }
        )
    return (
        {"type": "FeatureCollection", "features": countries},
        {"type": "FeatureCollection", "features": borders},
        warnings,
    )


def write_json(path: Path, payload: dict) -> int:
    """Write compact JSON with one feature per line (readable diffs); return its size."""
    if "features" in payload:
        compact = {"separators": (",", ":"), "ensure_ascii": False}
        lines = [json.dumps(f, **compact) for f in payload["features"]]
        text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    else:
        text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path, help="a world-atlas tarball (skips npm pack)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch_tarball(Path(tmp))
        sha256 = hashlib.sha256(tarball.read_bytes()).hexdigest()
        topology = read_topology(tarball, RESOLUTION)
        lengths_10m = measure_borders(read_topology(tarball, "10m"))
    countries, borders, warnings = build(topology, lengths_10m)
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = {
        "countries.geojson": write_json(args.out / "countries.geojson", countries),
        "borders.geojson": write_json(args.out / "borders.geojson", borders),
    }
    meta = {
        "source": "Natural Earth Admin 0 - Countries, 1:50m, version 4.1.0",
        "source_url": "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/",
        "source_licence": "public domain (Natural Earth terms of use)",
        "package": PACKAGE,
        "package_version": VERSION,
        "package_licence": "ISC",
        "package_file": f"countries-{RESOLUTION}.json",
        "package_sha256": sha256,
        "resolution": RESOLUTION,
        "clip_box": dict(zip(("west", "south", "east", "north"), CLIP_BOX, strict=True)),
        "view_box": dict(zip(("west", "south", "east", "north"), VIEW_BOX, strict=True)),
        "coordinate_decimals": DECIMALS,
        "length_method": "haversine along the unclipped, unrounded 1:50m line, "
        f"earth radius {EARTH_RADIUS_KM} km; length_km_10m: the same on countries-10m.json",
        "prepared": dt.date.today().isoformat(),
        "script": "scripts/prepare_geometry.py",
        "countries": len(countries["features"]),
        "borders": len(borders["features"]),
    }
    write_json(args.out / "meta.json", meta)
    for line in warnings:
        print("warning:", line, file=sys.stderr)
    for name, size in sizes.items():
        print(f"{name}: {size / 1024:.1f} KiB")
    print(f"{meta['countries']} countries, {meta['borders']} borders")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Seeded synthetic datasets in the Borderlines schema, for benchmarks at any size.

``generate(n_relations, out=...)`` writes a data folder that the project's own validator
accepts without a single issue. Every resource of the shipped descriptor that the
generator does not make is copied (the descriptor itself, the relation types, the source,
the map's geometry), so signs, intensities and evidence paragraphs are valid; places,
actors, relations, events, borders and areas are generated and written through
:func:`graph.load.write_table`, the canonical writer.

The structure is meant to look like coded event data, not like a random graph:

- degrees are skewed: actors are drawn with Zipf weights (states first, as hubs), and a
  third of the relations repeat an existing pair, so busy pairs carry several relation
  types, and some types several times (three "tension" relations between two states);
- affiliations run from people and bodies to states and forums, presence on territory
  from armed groups and movements to states, other types follow the vocabulary's
  weights; directedness follows the type (consultations mutual, support directed);
- dates spread over 2012-2024 at mixed precision (year, month, day), a few open;
- signs and intensities agree with the type, places sit in the region with coordinates
  near their country, kinds come from the descriptor's enum.

Run from the repository root::

    uv run python benchmarks/generate.py --relations 10000 --out /tmp/bl-10k

Cost O(relations log relations); about 6 s for 10^5 relations, mostly the writer.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: graph/ lives at the repository root
    sys.path.insert(0, str(REPO))

from graph.load import DATASET_TABLES, write_table  # noqa: E402

__all__ = ["SHIPPED_DATA", "default_actors", "generate"]

#: The shipped data folder: its descriptor, relation types and source are copied.
SHIPPED_DATA = REPO / "data"

DESCRIPTOR = "datapackage.json"
# Tables the generator makes; every other resource of the descriptor is copied.
_GENERATED = ("places", "actors", "relations", "events", "borders", "areas")

# States of the region (and the powers the source names) with their English and Arabic
# names and a point near the middle of their territory in the region (lat, lon).
_COUNTRIES: tuple[tuple[str, str, str, float, float], ...] = (
    ("IRN", "Iran", "إيران", 32.4, 53.7),
    ("PAK", "Pakistan", "باكستان", 30.4, 69.3),
    ("AFG", "Afghanistan", "أفغانستان", 33.9, 67.7),
    ("TKM", "Turkmenistan", "تركمانستان", 38.9, 59.5),
    ("TJK", "Tajikistan", "طاجيكستان", 38.8, 71.2),
    ("UZB", "Uzbekistan", "أوزبكستان", 41.3, 64.5),
    ("AZE", "Azerbaijan", "أذربيجان", 40.1, 47.5),
    ("ARM", "Armenia", "أرمينيا", 40.0, 45.0),
    ("TUR", "Turkey", "تركيا", 38.9, 35.2),
    ("IRQ", "Iraq", "العراق", 33.2, 43.6),
    ("SAU", "Saudi Arabia", "السعودية", 24.0, 45.0),
    ("CHN", "China", "الصين", 39.4, 76.0),
    ("RUS", "Russia", "روسيا", 43.0, 45.0),
    ("IND", "India", "الهند", 28.6, 77.2),
    ("OMN", "Oman", "عمان", 21.5, 56.0),
    ("ARE", "United Arab Emirates", "الإمارات", 24.0, 54.0),
    ("QAT", "Qatar", "قطر", 25.3, 51.2),
    ("KWT", "Kuwait", "الكويت", 29.3, 47.5),
    ("KAZ", "Kazakhstan", "كازاخستان", 45.0, 66.0),
    ("KGZ", "Kyrgyzstan", "قيرغيزستان", 41.2, 74.7),
    ("SYR", "Syria", "سوريا", 34.8, 38.9),
    ("GEO", "Georgia", "جورجيا", 42.3, 43.4),
    ("JOR", "Jordan", "الأردن", 31.2, 36.5),
    ("BHR", "Bahrain", "البحرين", 26.0, 50.5),
)

# Non-state actor kinds with their share, an English pattern and an Arabic word.
_KINDS: dict[str, tuple[float, str, str]] = {
    "person": (0.25, "{a} {b}", "شخصية"),
    "government_body": (0.15, "{a} Ministry", "هيئة حكومية"),
    "military": (0.12, "{a} Brigade", "قوة عسكرية"),
    "armed_group": (0.12, "{a} Front", "جماعة مسلحة"),
    "organisation": (0.10, "{a} Institute", "منظمة"),
    "political_movement": (0.08, "{a} Movement", "حركة سياسية"),
    "media": (0.08, "{a} News", "وسيلة إعلام"),
    "community": (0.06, "{a} people", "جماعة"),
    "multilateral_forum": (0.04, "{a} Forum", "منتدى"),
}
_STATE_SHARE = 0.05  # of the actors, capped by the number of countries above

# fmt: off
_SYLLABLES = (
    "ka", "ra", "man", "sha", "dar", "zan", "bal", "kho", "rash", "ta", "mir", "sar", "ab",
    "bad", "gul", "har", "jan", "nur", "pa", "qa", "sa", "vand", "yar", "zeb", "fa", "ha",
    "lo", "mo", "ne", "ri", "su", "te", "va", "zi", "dost", "gar", "pur", "stan", "kan",
)
# fmt: on
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Relation types: (weight among "other" relations, probability that it is directed).
_TYPE_MIX: dict[str, tuple[float, float]] = {
    "accusation": (6, 0.9),
    "agreement": (5, 0.1),
    "armed_conflict": (5, 0.5),
    "border_security_cooperation": (3, 0.05),
    "coercion": (4, 0.95),
    "diplomatic_consultation": (14, 0.15),
    "economic_cooperation": (6, 0.05),
    "intelligence_sharing": (3, 0.1),
    "material_support": (6, 0.95),
    "military_cooperation": (6, 0.05),
    "military_posturing": (3, 0.2),
    "political_support": (8, 0.8),
    "rivalry": (4, 0.05),
    "tension": (8, 0.1),
    "threat": (5, 0.9),
}
# Types that describe one dated occasion: their end is mostly their start.
_OCCASIONS = frozenset({"diplomatic_consultation", "agreement", "armed_conflict"})
_MEMBERS = frozenset({"person", "government_body", "military", "media", "organisation"})
_WHOLES = frozenset({"state", "government_body", "military", "multilateral_forum"})
_HOLDERS = frozenset({"armed_group", "political_movement", "military"})

_PLACE_KINDS = ("city", "port", "province", "region", "facility", "border")
_EVENT_PLOVER = {
    "visit": "CONSULT",
    "meeting": "CONSULT",
    "exercise": "COOPERATE",
    "announcement": "SUPPORT",
    "statement": "ACCUSE",
    "attack": "ASSAULT",
    "takeover": "COERCE",
    "appointment": "AGREE",
    "clash": "ASSAULT",
    "agreement": "AGREE",
    "disruption": "SANCTION",
}
_FIRST_DAY = dt.date(2012, 1, 1)
_LAST_DAY = dt.date(2024, 12, 31)


def default_actors(n_relations: int) -> int:
    """Actors for a dataset of ``n_relations``: one tenth, at least 10.

    Examples
    --------
    >>> default_actors(100), default_actors(100_000)
    (10, 10000)
    """
    return max(10, n_relations // 10)


def generate(
    n_relations: int,
    *,
    n_actors: int | None = None,
    seed: int = 0,
    out: Path | str,
) -> Path:
    """Write a synthetic data folder of ``n_relations`` relations to ``out``; return it.

    Parameters
    ----------
    n_relations : int
        Relations to generate (at least 10).
    n_actors : int, optional
        Actors; default :func:`default_actors` (one per ten relations, at least 10).
    seed : int, default 0
        The same size and seed give byte-identical files.
    out : Path or str
        The folder, created if missing; tables already there are overwritten.

    Returns
    -------
    Path
        ``out``, which :func:`graph.load.validate` accepts with no issue.

    Raises
    ------
    ValueError
        If ``n_relations`` is below 10 or ``n_actors`` below 4.

    Notes
    -----
    Cost O(m log m) for m relations.

    Examples
    --------
    >>> import tempfile
    >>> from graph.load import validate
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = generate(100, out=folder)
    ...     validate(path)
    []
    """
    if isinstance(n_relations, bool) or not isinstance(n_relations, int) or n_relations < 10:
        raise ValueError(f"n_relations must be a whole number >= 10, not {n_relations!r}")
    n_actors = default_actors(n_relations) if n_actors is None else n_actors
    if isinstance(n_actors, bool) or not isinstance(n_actors, int) or n_actors < 4:
        raise ValueError(f"n_actors must be a whole number >= 4, not {n_actors!r}")

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    descriptor = json.loads((SHIPPED_DATA / DESCRIPTOR).read_text(encoding="utf-8"))
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    shutil.copyfile(SHIPPED_DATA / DESCRIPTOR, out / DESCRIPTOR)
    for name, resource in resources.items():
        if name not in _GENERATED:
            _copy_resource(resource, set(_GENERATED), out)
    types = pd.read_csv(SHIPPED_DATA / "relation_types.csv", keep_default_na=False)
    vocabulary = {
        row.id: (row.label, int(row.sign), float(row.default_intensity))
        for row in types.itertuples()
    }
    body = _source_body(SHIPPED_DATA / "sources.csv")

    rng = random.Random(seed)
    world = _World(rng, body)
    places = world.places(max(8, min(2000, n_actors // 4)))
    actors = world.actors(n_actors, places)
    tables = {
        "places": places,
        "actors": actors,
        "relations": world.relations(n_relations, actors, vocabulary),
        "events": world.events(max(5, n_relations // 20), actors, places),
        "borders": world.borders(actors),
        "areas": world.areas(actors, places),
    }
    for name, rows in tables.items():
        if name not in resources:  # an older descriptor without this table
            continue
        fields = [spec["name"] for spec in resources[name]["schema"]["fields"]]
        frame = pd.DataFrame({f: pd.Series([row[f] for row in rows], dtype=object) for f in fields})
        write_table(frame, resources[name], out)
    return out


def _copy_resource(resource: dict[str, Any], generated: set[str], out: Path) -> None:
    """Copy a resource the generator does not make (vocabulary, source, geometry).

    A table that refers to a generated one cannot be copied: its rows would name actors
    or places that the synthetic data does not have.
    """
    for key in resource.get("schema", {}).get("foreignKeys", ()):
        target = key.get("reference", {}).get("resource")
        if target in generated and resource.get("name") not in DATASET_TABLES:
            return  # a table a data folder may leave out (the event-data mapping)
        if target in generated:
            raise ValueError(
                f"resource {resource['name']!r} refers to the generated table {target!r}: "
                "teach benchmarks/generate.py to generate it"
            )
    paths = resource.get("path")
    for path in [paths] if isinstance(paths, str) else list(paths or ()):
        source = SHIPPED_DATA / path
        if source.is_file():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, out / path)


def _source_body(path: Path) -> tuple[str, int, int]:
    """The shipped source's id and body paragraphs, for valid evidence."""
    frame = pd.read_csv(path, keep_default_na=False)
    row = frame.iloc[0]
    return str(row["id"]), int(row["body_from"]), int(row["body_to"])


def _zipf_weights(n: int, exponent: float = 0.9) -> list[float]:
    return [1.0 / (rank + 1) ** exponent for rank in range(n)]


class _World:
    """The generator's state: one random stream, so a seed fixes every table."""

    def __init__(self, rng: random.Random, body: tuple[str, int, int]) -> None:
        self.rng = rng
        self.source_id, self.body_from, self.body_to = body

    # --- words ---------------------------------------------------------------------

    def stem(self) -> str:
        count = self.rng.choice((2, 2, 3))
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(count)).capitalize()

    def evidence(self) -> str:
        low, high = self.body_from, self.body_to
        first = self.rng.randint(low, high)
        parts = [str(first)]
        if self.rng.random() < 0.25 and first + 2 <= high:
            last = self.rng.randint(first + 1, min(high, first + 3))
            parts = [f"{first}-{last}"]
            first = last
        if self.rng.random() < 0.3 and first + 1 <= high:
            parts.append(str(self.rng.randint(first + 1, high)))
        return f"{self.source_id}:{','.join(parts)}"

    def day(self) -> dt.date:
        # Triangular towards recent years: coded events pile up near the present.
        span = (_LAST_DAY - _FIRST_DAY).days
        return _FIRST_DAY + dt.timedelta(days=int(self.rng.triangular(0, span, span * 0.8)))

    def partial(self, day: dt.date) -> str:
        roll = self.rng.random()
        if roll < 0.3:
            return f"{day.year:04d}"
        if roll < 0.65:
            return f"{day.year:04d}-{day.month:02d}"
        return day.isoformat()

    # --- tables ----------------------------------------------------------------------

    def places(self, count: int) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i in range(count):
            iso3, country, _, lat, lon = _COUNTRIES[i % len(_COUNTRIES)]
            capital = i < len(_COUNTRIES)
            name = f"{country} capital" if capital else self.stem()
            ident = _slug(f"{name}-{iso3}") if capital else _slug(f"{name}-{i}")
            assert ident not in seen
            seen.add(ident)
            spread = 0.5 if capital else 3.0
            rows.append(
                {
                    "id": ident,
                    "name": name,
                    "name_ar": None
                    if self.rng.random() < 0.5
                    else f"مكان {i}".translate(_ARABIC_DIGITS),
                    "label_ar": None,
                    "kind": "capital" if capital else self.rng.choice(_PLACE_KINDS),
                    "country": iso3,
                    "lat": round(min(89.0, max(-89.0, lat + self.rng.uniform(-1, 1) * spread)), 4),
                    "lon": round(lon + self.rng.uniform(-1, 1) * spread, 4),
                    "precision": self.rng.choice(("exact", "centroid", "approximate")),
                    "wikidata": None,
                    "note": None if self.rng.random() < 0.8 else "Synthetic place for benchmarks.",
                    "note_ar": None,
                }
            )
        return rows

    def actors(self, count: int, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
        by_country: dict[str, list[str]] = {}
        for place in places:
            by_country.setdefault(place["country"], []).append(place["id"])
        states = min(len(_COUNTRIES), max(2, round(count * _STATE_SHARE)))
        kinds = list(_KINDS)
        shares = [_KINDS[k][0] for k in kinds]
        rows: list[dict[str, Any]] = []
        for i in range(count):
            if i < states:
                iso3, name, name_ar, _, _ = _COUNTRIES[i]
                ident, kind, short = _slug(name), "state", name[:16]
                country = iso3
                description = f"Synthetic state actor {i}, one of the hubs of the graph."
            else:
                kind = self.rng.choices(kinds, shares)[0]
                first, second = self.stem(), self.stem()
                name = _KINDS[kind][1].format(a=first, b=second)
                ident = _slug(f"{name}-{i}")
                short = (second if kind == "person" else first)[:16]
                iso3 = None
                country = (
                    None
                    if self.rng.random() < 0.08
                    else _COUNTRIES[min(int(self.rng.paretovariate(1.2)) - 1, states - 1)][0]
                )
                name_ar = f"{_KINDS[kind][2]} {i}".translate(_ARABIC_DIGITS)
                description = (
                    f"Synthetic {kind.replace('_', ' ')} number {i}, generated for the "
                    f"performance benchmark; it stands for no real actor."
                )
            options = by_country.get(country or "", []) or [p["id"] for p in places[:8]]
            rows.append(
                {
                    "id": ident,
                    "name": name,
                    "short_name": short,
                    "aliases": (f"{short[:3].upper()}{i}",) if self.rng.random() < 0.3 else (),
                    "name_ar": name_ar,
                    "short_name_ar": None,
                    "aliases_ar": (),
                    "kind": kind,
                    "iso3": iso3 if kind == "state" else None,
                    "country": country,
                    "place": self.rng.choice(options) if self.rng.random() < 0.85 else None,
                    "wikidata": None,
                    "description": description,
                    "description_ar": None,
                }
            )
        return rows

    def relations(
        self,
        count: int,
        actors: list[dict[str, Any]],
        vocabulary: dict[str, tuple[str, int, float]],
    ) -> list[dict[str, Any]]:
        rng = self.rng
        ids = [a["id"] for a in actors]
        kind_of = {a["id"]: a["kind"] for a in actors}
        names = {a["id"]: a["name"] for a in actors}
        # Zipf weights over a shuffled order that keeps the states first (the hubs).
        states = [i for i, a in enumerate(actors) if a["kind"] == "state"]
        others = [i for i, a in enumerate(actors) if a["kind"] != "state"]
        rng.shuffle(others)
        ranked = [ids[i] for i in states + others]
        cumulative = list(_accumulate(_zipf_weights(len(ranked))))
        type_ids = [t for t in _TYPE_MIX if t in vocabulary]
        type_weights = [_TYPE_MIX[t][0] for t in type_ids]
        width = max(3, len(str(count)))
        pairs: list[tuple[str, str]] = []
        rows: list[dict[str, Any]] = []
        for i in range(count):
            if pairs and rng.random() < 0.35:
                source, target = rng.choice(pairs)
                if rng.random() < 0.5:
                    source, target = target, source
            else:
                source = ranked[_draw(rng, cumulative)]
                target = source
                while target == source:
                    target = ranked[_draw(rng, cumulative)]
                pairs.append((source, target))
            relation = self.relation_type(kind_of[source], kind_of[target], type_ids, type_weights)
            label, sign, default = vocabulary[relation]
            directed = relation in ("affiliation", "territorial_presence") or (
                rng.random() < _TYPE_MIX.get(relation, (0, 0.5))[1]
            )
            if sign == 0:
                intensity = 0.0
            else:
                magnitude = min(10.0, max(0.5, abs(default) + rng.gauss(0.0, 1.5)))
                intensity = sign * round(magnitude * 2) / 2
            start, end = self.period(relation)
            rows.append(
                {
                    "id": f"R{i + 1:0{width}d}",
                    "source": source,
                    "target": target,
                    "directed": directed,
                    "relation": relation,
                    "sign": sign,
                    "intensity": float(intensity),
                    "start": start,
                    "end": end,
                    "status": self.status(end),
                    "confidence": rng.choices(("high", "moderate", "low"), (45, 40, 15))[0],
                    "source_reliability": rng.choices("ABCDEF", (5, 25, 40, 15, 5, 10))[0],
                    "info_credibility": rng.choices(range(1, 7), (10, 35, 30, 12, 5, 8))[0],
                    "summary": self.summary(label, names[source], names[target], directed),
                    "summary_ar": None,
                    "evidence": self.evidence(),
                }
            )
        return rows

    def relation_type(
        self, source_kind: str, target_kind: str, type_ids: list[str], weights: list[float]
    ) -> str:
        roll = self.rng.random()
        if source_kind in _MEMBERS and target_kind in _WHOLES and roll < 0.35:
            return "affiliation"
        if source_kind in _HOLDERS and target_kind == "state" and roll < 0.25:
            return "territorial_presence"
        return self.rng.choices(type_ids, weights)[0]

    def period(self, relation: str) -> tuple[str | None, str | None]:
        rng = self.rng
        if rng.random() < 0.12:
            start_day = None
            start = None
        else:
            start_day = self.day()
            start = self.partial(start_day)
        if start_day is not None and relation in _OCCASIONS and rng.random() < 0.6:
            return start, start
        if rng.random() < 0.55 or (start_day is None and rng.random() < 0.8):
            return start, None
        base = start_day or self.day()
        end_day = min(_LAST_DAY, base + dt.timedelta(days=int(rng.expovariate(1 / 365))))
        return start, self.partial(end_day)

    def status(self, end: str | None) -> str:
        if end is not None and end[:4] < "2021" and self.rng.random() < 0.7:
            return "historical"
        options = ("reported", "agreed", "planned", "alleged", "historical", "hypothetical")
        return self.rng.choices(options, (50, 10, 5, 15, 10, 5))[0]

    def summary(self, label: str, source: str, target: str, directed: bool) -> str:
        what = label[0].lower() + label[1:]
        if directed:
            templates = (
                "{a} directs {what} at {b}, as the synthetic coding records it.",
                "Coded {what} from {a} towards {b}.",
                "{a} is reported in {what} towards {b} over the period.",
            )
        else:
            templates = (
                "{a} and {b} are coded with {what} between them.",
                "Mutual {what} between {a} and {b}, a synthetic record.",
                "{a} and {b}: {what}, as the generated source puts it.",
            )
        return self.rng.choice(templates).format(a=source, b=target, what=what)

    def events(
        self, count: int, actors: list[dict[str, Any]], places: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        rng = self.rng
        ids = [a["id"] for a in actors]
        cumulative = list(_accumulate(_zipf_weights(len(ids))))
        width = max(3, len(str(count)))
        rows = []
        for i in range(count):
            kind = rng.choice(list(_EVENT_PLOVER))
            day = self.day()
            date = self.partial(day)
            end = None
            if rng.random() < 0.1:
                later = min(_LAST_DAY, day + dt.timedelta(days=rng.randint(1, 20)))
                end = self.partial(later)  # its last day is never before the date's first
            people = {ids[_draw(rng, cumulative)] for _ in range(rng.randint(1, 4))}
            rows.append(
                {
                    "id": f"E{i + 1:0{width}d}",
                    "date": date,
                    "end": end,
                    "kind": kind,
                    "plover": _EVENT_PLOVER[kind],
                    "title": f"Synthetic {kind} number {i + 1}",
                    "title_ar": None,
                    "place": rng.choice(places)["id"] if rng.random() < 0.7 else None,
                    "participants": tuple(sorted(people)),
                    "status": rng.choices(("reported", "alleged", "historical"), (70, 20, 10))[0],
                    "confidence": rng.choice(("low", "moderate", "high")),
                    "summary": f"A generated {kind} with {len(people)} participants.",
                    "summary_ar": None,
                    "evidence": self.evidence(),
                }
            )
        return rows

    def areas(
        self, actors: list[dict[str, Any]], places: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Areas of operation for about a third of the armed groups and movements."""
        rows = []
        for actor in actors:
            if actor["kind"] not in ("armed_group", "political_movement"):
                continue
            if self.rng.random() > 0.35:
                continue
            circle = actor["place"] is not None and self.rng.random() < 0.7
            rows.append(
                {
                    "id": f"{actor['id']}-area",
                    "actor": actor["id"],
                    "place": actor["place"] if circle else None,
                    "country": None if circle else (actor["country"] or "AFG"),
                    "radius_km": float(self.rng.randrange(50, 400, 10)) if circle else None,
                    "extent": "circle" if circle else "country",
                    "note": None,
                    "evidence": self.evidence(),
                }
            )
        return rows

    def borders(self, actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
        states = sorted(a["id"] for a in actors if a["kind"] == "state")
        rows: dict[str, dict[str, Any]] = {}
        for a, b in itertools.pairwise(states):
            ident = f"{a}-{b}"
            rows[ident] = {
                "id": ident,
                "state_a": a,
                "state_b": b,
                "length_km": None if self.rng.random() < 0.5 else float(self.rng.randint(80, 2500)),
                "note": None,
                "evidence": self.evidence(),
            }
        return list(rows.values())


def _accumulate(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _draw(rng: random.Random, cumulative: list[float]) -> int:
    """Index drawn with the weights behind ``cumulative``; O(log n)."""
    return min(bisect.bisect_right(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


def _slug(text: str) -> str:
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--relations", type=int, required=True, help="relations to generate")
    parser.add_argument("--actors", type=int, default=None, help="default: relations / 10")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="data folder to write")
    parser.add_argument("--check", action="store_true", help="validate the folder afterwards")
    args = parser.parse_args(argv)
    path = generate(args.relations, n_actors=args.actors, seed=args.seed, out=args.out)
    actors = args.actors or default_actors(args.relations)
    print(f"wrote {path} ({args.relations} relations, {actors} actors)")
    if args.check:
        from graph.load import validate

        issues = validate(path)
        for issue in issues[:20]:
            print(issue)
        print(f"{len(issues)} issue(s)")
        return 1 if issues else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

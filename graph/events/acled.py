"""ACLED's CSV export: the columns the store keeps, those an import needs, and their types.

ACLED's ``actor1`` is not necessarily the aggressor, so its pairs are undirected
(:mod:`graph.events.dyads` writes them in a fixed order). ``event_date`` comes as
``2021-10-05`` or, in exports from ACLED's website, ``05 October 2021``; both are read.

Examples
--------
>>> ACLED_REQUIRED[:3]
('event_id_cnty', 'event_date', 'event_type')
>>> ACLED_SCHEMA["fatalities"], ACLED_SCHEMA["latitude"], ACLED_SCHEMA["interaction"]
('INTEGER', 'FLOAT', 'STRING')
"""

from __future__ import annotations

__all__ = ["ACLED_DATE_FORMATS", "ACLED_KEY", "ACLED_REQUIRED", "ACLED_SCHEMA"]

#: ACLED's published columns kept in the store, with their types (BigQuery's names); a
#: file may hold more (they are left out) or fewer (the missing ones are empty), but not
#: fewer than :data:`ACLED_REQUIRED`.
ACLED_SCHEMA: dict[str, str] = {
    "event_id_cnty": "STRING",
    "event_date": "DATE",
    "year": "INTEGER",
    "time_precision": "INTEGER",
    "disorder_type": "STRING",
    "event_type": "STRING",
    "sub_event_type": "STRING",
    "actor1": "STRING",
    "assoc_actor_1": "STRING",
    "inter1": "STRING",
    "actor2": "STRING",
    "assoc_actor_2": "STRING",
    "inter2": "STRING",
    "interaction": "STRING",
    "civilian_targeting": "STRING",
    "iso": "STRING",
    "region": "STRING",
    "country": "STRING",
    "admin1": "STRING",
    "admin2": "STRING",
    "admin3": "STRING",
    "location": "STRING",
    "latitude": "FLOAT",
    "longitude": "FLOAT",
    "geo_precision": "INTEGER",
    "source": "STRING",
    "source_scale": "STRING",
    "notes": "STRING",
    "fatalities": "INTEGER",
    "tags": "STRING",
    "timestamp": "INTEGER",
}

#: Columns without which a file cannot be imported (the whole file is refused).
ACLED_REQUIRED: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "actor1",
    "actor2",
    "country",
    "fatalities",
)

#: The column that identifies an event: importing it twice adds it once.
ACLED_KEY = "event_id_cnty"

#: ``event_date`` as ACLED writes it (strptime formats, tried in order).
ACLED_DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d %B %Y")

"""GDELT 2.0 event exports: their 61 columns, the types GDELT's own BigQuery table gives
them, and the checks a row must pass to be kept.

An export is ``YYYYMMDDHHMMSS.export.CSV.zip``: a zip holding one tab-separated file with
no header and no quoting, despite the name. Codes stay text (``040``, not 40): GDELT's
BigQuery table types them STRING too, so a query written for the store runs unchanged on
``gdelt-bq.gdeltv2.events`` (:mod:`graph.events.dyads`).

Examples
--------
>>> len(GDELT_COLUMNS), GDELT_COLUMNS[0], GDELT_COLUMNS[-1]
(61, 'GLOBALEVENTID', 'SOURCEURL')
>>> GDELT_SCHEMA["EventRootCode"], GDELT_SCHEMA["SQLDATE"], GDELT_SCHEMA["AvgTone"]
('STRING', 'INTEGER', 'FLOAT')
"""

from __future__ import annotations

import re

__all__ = ["GDELT_COLUMNS", "GDELT_KEY", "GDELT_SCHEMA", "SQL_TYPES", "month_number"]

#: GDELT 2.0 event columns with their types in GDELT's BigQuery table, in file order.
GDELT_SCHEMA: dict[str, str] = {
    "GLOBALEVENTID": "INTEGER",
    "SQLDATE": "INTEGER",
    "MonthYear": "INTEGER",
    "Year": "INTEGER",
    "FractionDate": "FLOAT",
    **{
        f"Actor{n}{part}": "STRING"
        for n in (1, 2)
        for part in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    },
    "IsRootEvent": "INTEGER",
    "EventCode": "STRING",
    "EventBaseCode": "STRING",
    "EventRootCode": "STRING",
    "QuadClass": "INTEGER",
    "GoldsteinScale": "FLOAT",
    "NumMentions": "INTEGER",
    "NumSources": "INTEGER",
    "NumArticles": "INTEGER",
    "AvgTone": "FLOAT",
    **{
        f"{who}Geo_{part}": kind
        for who in ("Actor1", "Actor2", "Action")
        for part, kind in (
            ("Type", "INTEGER"),
            ("FullName", "STRING"),
            ("CountryCode", "STRING"),
            ("ADM1Code", "STRING"),
            ("ADM2Code", "STRING"),
            ("Lat", "FLOAT"),
            ("Long", "FLOAT"),
            ("FeatureID", "STRING"),
        )
    },
    "DATEADDED": "INTEGER",
    "SOURCEURL": "STRING",
}

#: The 61 columns in file order.
GDELT_COLUMNS: tuple[str, ...] = tuple(GDELT_SCHEMA)

#: The column that identifies an event: importing it twice adds it once.
GDELT_KEY = "GLOBALEVENTID"

#: BigQuery's type names -> DuckDB's.
SQL_TYPES: dict[str, str] = {"INTEGER": "BIGINT", "FLOAT": "DOUBLE", "STRING": "VARCHAR"}


def month_number(month: str | None, *, end: bool = False) -> int | None:
    """``YYYY-MM`` as GDELT's SQLDATE bound: the month's first day, or its last with
    ``end`` (a day number past any real last day compares the same).

    Examples
    --------
    >>> month_number("2021-10"), month_number("2021-10", end=True), month_number(None)
    (20211001, 20211031, None)
    >>> month_number("2021-13")
    Traceback (most recent call last):
    ...
    ValueError: month '2021-13' is not YYYY-MM (e.g. 2021-10)
    """
    if month is None:
        return None
    found = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", month)
    if found is None:
        raise ValueError(f"month {month!r} is not YYYY-MM (e.g. 2021-10)")
    return int(found.group(1)) * 10000 + int(found.group(2)) * 100 + (31 if end else 1)

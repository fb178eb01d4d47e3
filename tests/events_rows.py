"""Rows of GDELT 2.0 and ACLED files for the event tests, built column by column."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from graph.events.acled import ACLED_SCHEMA
from graph.events.gdelt import GDELT_COLUMNS

REAL_GDELT = Path(__file__).resolve().parent / "data" / "gdelt" / "real-rows.export.CSV"


def gdelt_row(
    event: int,
    day: str = "20211005",
    actor1: str = "IRN",
    actor2: str = "PAK",
    code: str = "042",
    *,
    mentions: int = 4,
    goldstein: float = 1.9,
    tone: float = -2.5,
    url: str = "https://example.org/news/1",
    **cells: str,
) -> str:
    """One line of a GDELT export (61 tab-separated cells, no newline)."""
    values = dict.fromkeys(GDELT_COLUMNS, "")
    values.update(
        GLOBALEVENTID=str(event), SQLDATE=day, MonthYear=day[:6], Year=day[:4],
        Actor1Code=actor1, Actor1CountryCode=actor1[:3], Actor2Code=actor2,
        Actor2CountryCode=actor2[:3], IsRootEvent="1", EventCode=code,
        EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass="1",
        GoldsteinScale=str(goldstein), NumMentions=str(mentions), NumSources="1",
        NumArticles=str(mentions), AvgTone=str(tone), DATEADDED=day + "101500", SOURCEURL=url,
    )  # fmt: skip
    values.update(cells)
    return "\t".join(values[c] for c in GDELT_COLUMNS)


def write_gdelt(path: Path, lines: list[str], *, zipped: bool = False) -> Path:
    """Write ``lines`` as an export; zipped as GDELT publishes it (one member)."""
    text = "".join(line + "\n" for line in lines).encode("utf-8")
    if zipped:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(path.name.removesuffix(".zip"), text)
    else:
        path.write_bytes(text)
    return path


def acled_rows(rows: list[dict[str, str]], columns: list[str] | None = None) -> str:
    """An ACLED CSV export holding ``rows`` (unnamed columns empty)."""
    columns = columns or list(ACLED_SCHEMA)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buffer.getvalue()


def acled_row(event: str, date: str, actor1: str, actor2: str = "", **cells: str) -> dict:
    """One ACLED event (a dict of its cells)."""
    return {
        "event_id_cnty": event, "event_date": date, "year": date[-4:] if " " in date else date[:4],
        "time_precision": "1",
        "event_type": cells.pop("event_type", "Battles"), "actor1": actor1, "actor2": actor2,
        "country": cells.pop("country", "Afghanistan"), "fatalities": cells.pop("fatalities", "0"),
        "latitude": "34.5", "longitude": "69.2", "geo_precision": "1", "source": "Local media",
        **cells,
    }  # fmt: skip

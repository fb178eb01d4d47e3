"""Event data at scale: import GDELT-format files into the event store, then aggregate dyads.

For each size (rows), generated GDELT 2.0 exports (61 tab-separated columns, no header,
codes as text, split into files of ``--rows-per-file``) are imported into a fresh store
in a subprocess of its own (its peak memory is the import's), then dyads are computed for
one year and for all time. Beside them, the floor: DuckDB reading the same files with its
own CSV reader and nothing else (``SELECT count(*) FROM read_csv(...)``).

Usage (from the repository root)::

    uv run python benchmarks/events.py --sizes 100000 1000000 10000000 --json events.json

The generated rows: event ids in order and days in their order over 2017-2024 (as GDELT's
15-minute exports hold mostly the day's events), one in 20 dated up to a year earlier (each
file touches about ten months), Actor1 and Actor2 drawn
from 60 codes (our mapped ones, other countries and roles; 5% empty), CAMEO codes with their
root codes, mentions 1-50, Goldstein and tone as numbers, a URL per 3 events.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph.events.gdelt import GDELT_COLUMNS  # noqa: E402

CODES = (
    "IRN IRNGOV IRNMIL PAK PAKGOV PAKMIL AFG AFGGOV TAL TUR TURGOV AZE AZEGOV CHN RUS ARM "
    "TJK TKM UZB USA USAGOV GBR FRA DEU IND INDGOV SAU ARE QAT IRQ SYR ISR EGY JPN KOR "
    "IRNREB PAKREB AFGREB IRNMED PAKMED IRNBUS PAKBUS GOV MIL COP REB MED BUS EDU "
    "UAF IGOUNO IGOEUR NGO IRNOPP PAKOPP AFGOPP TURMIL AZEMIL IRNSPY PAKSPY"
).split()
CAMEO = (
    "010 020 036 040 042 043 051 057 061 071 112 120 130 138 141 173 190 193 195 0231"
).split()


def generate(path: Path, rows: int, start: int, total: int | None = None) -> None:
    """Write ``rows`` GDELT export rows to ``path`` with DuckDB: event ids from ``start``,
    and, as GDELT's exports come, days in the order of the ids (the ``total`` rows span
    2017-2024), one row in 20 dated up to a year earlier."""
    import duckdb

    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    cameo = "[" + ", ".join(f"'{c}'" for c in CAMEO) + "]"
    values = {c: "''" for c in GDELT_COLUMNS}
    total = total or rows
    offset = (
        f"CAST(({start} + i - 1000000000) * 2921 // {total} AS INTEGER)"
        f" - CASE WHEN CAST(hash(i * 29) % 20 AS BIGINT) = 0"
        f" THEN CAST(CAST(hash(i * 31) % 365 AS BIGINT) AS INTEGER) ELSE 0 END"
    )
    day = f"strftime(DATE '2017-01-01' + ({offset}), '%Y%m%d')"
    values.update(
        GLOBALEVENTID=f"CAST({start} + i AS VARCHAR)",
        SQLDATE=day,
        MonthYear=f"substr({day}, 1, 6)",
        Year=f"substr({day}, 1, 4)",
        Actor1Code=f"CASE WHEN CAST(hash(i * 7) % 20 AS BIGINT) = 0 THEN '' ELSE {codes}[1 + CAST(hash(i * 3) % {len(CODES)} AS BIGINT)] END",
        Actor2Code=f"CASE WHEN CAST(hash(i * 11) % 20 AS BIGINT) = 0 THEN '' ELSE {codes}[1 + CAST(hash(i * 5) % {len(CODES)} AS BIGINT)] END",
        IsRootEvent="'1'",
        EventCode=f"{cameo}[1 + CAST(hash(i * 13) % {len(CAMEO)} AS BIGINT)]",
        EventBaseCode=f"substr({cameo}[1 + CAST(hash(i * 13) % {len(CAMEO)} AS BIGINT)], 1, 3)",
        EventRootCode=f"substr({cameo}[1 + CAST(hash(i * 13) % {len(CAMEO)} AS BIGINT)], 1, 2)",
        QuadClass="CAST(1 + CAST(hash(i) % 4 AS BIGINT) AS VARCHAR)",
        GoldsteinScale="CAST(round((CAST(hash(i * 17) % 200 AS BIGINT)) / 10.0 - 10, 1) AS VARCHAR)",
        NumMentions="CAST(1 + CAST(hash(i * 19) % 50 AS BIGINT) AS VARCHAR)",
        NumSources="'1'",
        NumArticles="CAST(1 + CAST(hash(i * 19) % 50 AS BIGINT) AS VARCHAR)",
        AvgTone="CAST((CAST(hash(i * 23) % 2000 AS BIGINT)) / 100.0 - 10 AS VARCHAR)",
        ActionGeo_Type="'1'",
        ActionGeo_FullName="'Iran'",
        ActionGeo_CountryCode="'IR'",
        DATEADDED=f"{day} || '101500'",
        SOURCEURL="'https://news.example/' || CAST(i // 3 AS VARCHAR)",
    )  # fmt: skip
    select = ", ".join(f'{v} AS "{c}"' for c, v in values.items())
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT {select} FROM range({rows}) AS r(i)) TO '{path}' "
            "(FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')"
        )


_IMPORT = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from graph.events.store import EventStore
store = EventStore(Path(sys.argv[2]))
files = [Path(p) for p in sys.argv[3:]]
start = time.perf_counter()
outcomes = store.import_files("gdelt", files)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "added": sum(o.added for o in outcomes),
                  "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""

_DYADS = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import ibis
from graph.events.dyads import gdelt_dyads
from graph.events.mapping import read_mapping
from graph.events.store import EventStore
from graph.load import default_data_dir
store = EventStore(Path(sys.argv[2]))
mapping = read_mapping(default_data_dir())["gdelt"]
result = {}
for name, start, end in (("year", "2021-01", "2021-12"), ("all", None, None)):
    times = []
    for _ in range(int(sys.argv[3])):
        begin = time.perf_counter()
        events = ibis.duckdb.connect().read_parquet([str(p) for p in store.files("gdelt")])
        rows = gdelt_dyads(events, mapping, start=start, end=end).to_pyarrow().num_rows
        times.append(time.perf_counter() - begin)
    result[name] = {"seconds": sorted(times)[len(times) // 2], "dyads": rows}
result["peak_rss_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps(result))
"""


def _python(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def floor_seconds(files: list[Path]) -> float:
    """DuckDB's own CSV reader over the same files, counting rows: the floor of an import."""
    import duckdb

    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS) + "}"
    listed = "[" + ", ".join(f"'{f}'" for f in files) + "]"
    with duckdb.connect() as con:
        start = time.perf_counter()
        con.execute(
            f"SELECT count(*) FROM read_csv({listed}, columns={columns}, delim='\t', "
            "header=false, quote='', escape='', auto_detect=false)"
        ).fetchone()
        return time.perf_counter() - start


def run_size(rows: int, per_file: int, repeat: int, scratch: Path) -> dict[str, Any]:
    folder = scratch / f"gdelt-{rows}"
    folder.mkdir()
    files = []
    start = time.perf_counter()
    for n, first in enumerate(range(0, rows, per_file)):
        path = folder / f"{20210101000000 + n}.export.CSV"
        generate(path, min(per_file, rows - first), 1_000_000_000 + first, rows)
        files.append(path)
    generated = time.perf_counter() - start
    csv_bytes = sum(f.stat().st_size for f in files)
    floors = [floor_seconds(files) for _ in range(repeat)]
    store = scratch / f"store-{rows}"
    imported = _python(_IMPORT, str(REPO), str(store), *map(str, files))
    dyads = _python(_DYADS, str(REPO), str(store), str(repeat))
    from graph.events.store import EventStore

    size = EventStore(store).size_bytes()
    entry = {
        "rows": rows,
        "files": len(files),
        "csv_bytes": csv_bytes,
        "generate_s": round(generated, 2),
        "floor_read_s": round(statistics.median(floors), 3),
        "floor_rows_per_s": round(rows / statistics.median(floors)),
        "import_s": round(imported["seconds"], 2),
        "import_rows_per_s": round(rows / imported["seconds"]),
        "import_peak_rss_bytes": imported["peak_rss_bytes"],
        "store_bytes": size,
        "dyads_year_s": round(dyads["year"]["seconds"], 3),
        "dyads_year": dyads["year"]["dyads"],
        "dyads_all_s": round(dyads["all"]["seconds"], 3),
        "dyads_all": dyads["all"]["dyads"],
        "dyads_peak_rss_bytes": dyads["peak_rss_bytes"],
    }
    for path in files:
        path.unlink()
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rows-per-file", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the floor and dyads")
    parser.add_argument("--scratch", type=Path, default=None, help="folder for the files")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    if any(size < 1 for size in args.sizes) or args.rows_per_file < 1 or args.repeat < 1:
        parser.error("sizes, --rows-per-file and --repeat must be positive")
    results = []
    with tempfile.TemporaryDirectory(dir=args.scratch, prefix="bl-events-") as folder:
        for size in args.sizes:
            entry = run_size(size, args.rows_per_file, args.repeat, Path(folder))
            results.append(entry)
            print(
                f"{size:>11,} rows: import {entry['import_s']:.2f} s "
                f"({entry['import_rows_per_s']:,}/s; DuckDB's read alone "
                f"{entry['floor_rows_per_s']:,}/s), peak {entry['import_peak_rss_bytes'] / 2**20:,.0f} MiB, "
                f"store {entry['store_bytes'] / 2**20:,.1f} MiB of {entry['csv_bytes'] / 2**20:,.0f} MiB; "
                f"dyads: a year {entry['dyads_year_s']:.3f} s, all {entry['dyads_all_s']:.3f} s",
                flush=True,
            )  # fmt: skip
    document = {
        "machine": {
            "cpus": __import__("os").cpu_count(),
            "python": platform.python_version(),
            "duckdb": __import__("duckdb").__version__,
        },
        "sizes": results,
    }
    if args.json is not None:
        args.json.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Event data at scale: import GDELT-format files into the event store, then aggregate dyads.

For each size (rows), generated GDELT 2.0 exports (61 tab-separated columns, no header,
codes as text, split into files of ``--rows-per-file``) are imported into a fresh store
in a subprocess of its own (its peak memory is the import's), then dyads are computed for
one year and for all time. Beside them, the floor: DuckDB reading the same files with its
own CSV reader and nothing else (``SELECT count(*) FROM read_csv(...)``).

Usage (from the repository root)::

    uv run python benchmarks/events.py --sizes 100000 1000000 10000000 --json events.json

The generated rows: event ids in order and days in their order from 2021-01-01 at GDELT's
rate (120,000 events a day: 10^7 rows are 83 days), one in 20 dated up to a year earlier,
in files of 1,250 rows (a 15-minute export); Actor1 and Actor2 drawn
from 60 codes (our mapped ones, other countries and roles; 5% empty), CAMEO codes with their
root codes, mentions 1-50, Goldstein and tone as numbers, a URL per 3 events.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
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

CODES = [
    "IRN",
    "IRNGOV",
    "IRNMIL",
    "PAK",
    "PAKGOV",
    "PAKMIL",
    "AFG",
    "AFGGOV",
    "TAL",
    "TUR",
    "TURGOV",
    "AZE",
    "AZEGOV",
    "CHN",
    "RUS",
    "ARM",
    "TJK",
    "TKM",
    "UZB",
    "USA",
    "USAGOV",
    "GBR",
    "FRA",
    "DEU",
    "IND",
    "INDGOV",
    "SAU",
    "ARE",
    "QAT",
    "IRQ",
    "SYR",
    "ISR",
    "EGY",
    "JPN",
    "KOR",
    "IRNREB",
    "PAKREB",
    "AFGREB",
    "IRNMED",
    "PAKMED",
    "IRNBUS",
    "PAKBUS",
    "GOV",
    "MIL",
    "COP",
    "REB",
    "MED",
    "BUS",
    "EDU",
    "UAF",
    "IGOUNO",
    "IGOEUR",
    "NGO",
    "IRNOPP",
    "PAKOPP",
    "AFGOPP",
    "TURMIL",
    "AZEMIL",
    "IRNSPY",
    "PAKSPY",
]
#: Events a day, about GDELT's rate (a file every 15 minutes of about 1,250).
PER_DAY = 120_000

CAMEO = [
    "010",
    "020",
    "036",
    "040",
    "042",
    "043",
    "051",
    "057",
    "061",
    "071",
    "112",
    "120",
    "130",
    "138",
    "141",
    "173",
    "190",
    "193",
    "195",
    "0231",
]


def _h(seed: str, n: int) -> str:
    """SQL of a pseudo-random integer in [0, n) of the row ``i`` (DuckDB's hash)."""
    return f"CAST(hash({seed}) % {n} AS BIGINT)"


def generate(path: Path, rows: int, start: int) -> None:
    """Write ``rows`` GDELT export rows to ``path`` with DuckDB: event ids from ``start``,
    and, as GDELT's exports come, days in the order of the ids from 2021-01-01 at
    :data:`PER_DAY` events a day, one row in 20 dated up to a year earlier."""
    import duckdb

    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    cameo = "[" + ", ".join(f"'{c}'" for c in CAMEO) + "]"
    values = {c: "''" for c in GDELT_COLUMNS}
    offset = (
        f"CAST(({start} + i - 1000000000) // {PER_DAY} AS INTEGER)"
        f" - CASE WHEN CAST(hash(i * 29) % 20 AS BIGINT) = 0"
        f" THEN CAST(CAST(hash(i * 31) % 365 AS BIGINT) AS INTEGER) ELSE 0 END"
    )
    day = f"strftime(DATE '2021-01-01' + ({offset}), '%Y%m%d')"
    n_codes, n_cameo = len(CODES), len(CAMEO)
    cameo_code = f"{cameo}[1 + {_h('i * 13', n_cameo)}]"
    values.update(
        GLOBALEVENTID=f"CAST({start} + i AS VARCHAR)",
        SQLDATE=day,
        MonthYear=f"substr({day}, 1, 6)",
        Year=f"substr({day}, 1, 4)",
        Actor1Code=f"CASE WHEN {_h('i * 7', 20)} = 0 THEN '' "
        f"ELSE {codes}[1 + {_h('i * 3', n_codes)}] END",
        Actor2Code=f"CASE WHEN {_h('i * 11', 20)} = 0 THEN '' "
        f"ELSE {codes}[1 + {_h('i * 5', n_codes)}] END",
        IsRootEvent="'1'",
        EventCode=cameo_code,
        EventBaseCode=f"substr({cameo_code}, 1, 3)",
        EventRootCode=f"substr({cameo_code}, 1, 2)",
        QuadClass=f"CAST(1 + {_h('i', 4)} AS VARCHAR)",
        GoldsteinScale=f"CAST(round({_h('i * 17', 200)} / 10.0 - 10, 1) AS VARCHAR)",
        NumMentions=f"CAST(1 + {_h('i * 19', 50)} AS VARCHAR)",
        NumSources="'1'",
        NumArticles=f"CAST(1 + {_h('i * 19', 50)} AS VARCHAR)",
        AvgTone=f"CAST({_h('i * 23', 2000)} / 100.0 - 10 AS VARCHAR)",
        ActionGeo_Type="'1'",
        ActionGeo_FullName="'Iran'",
        ActionGeo_CountryCode="'IR'",
        DATEADDED=f"{day} || '101500'",
        SOURCEURL="'https://news.example/' || CAST(i // 3 AS VARCHAR)",
    )
    select = ", ".join(f'{v} AS "{c}"' for c, v in values.items())
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT {select} FROM range({rows}) AS r(i)) TO '{path}' "
            "(FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')"
        )


def generate_files(folder: Path, rows: int, per_file: int) -> list[Path]:
    """``rows`` rows in files of ``per_file`` rows (GDELT's exports hold about 1,250)."""
    import duckdb

    whole = folder / "all.tsv"
    folder.mkdir(parents=True)
    generate(whole, rows, 1_000_000_000)
    with duckdb.connect() as con:
        columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS) + "}"
        con.execute(
            f"COPY (SELECT *, (row_number() OVER () - 1) // {per_file} AS part FROM "
            f"read_csv('{whole}', columns={columns}, delim='\t', header=false, quote='', "
            f"escape='', auto_detect=false)) TO '{folder / 'parts'}' (FORMAT csv, "
            "DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '', PARTITION_BY (part))"
        )
    whole.unlink()
    return sorted(folder.glob("parts/part=*/*.csv"), key=lambda p: int(p.parent.name[5:]))


#: The peak memory of the process itself (VmHWM: unlike ru_maxrss, not inherited from the
#: parent that started it, which held the floor's table).
_PEAK = """
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
"""

_IMPORT = (
    _PEAK
    + """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from graph.events.store import EventStore
store = EventStore(Path(sys.argv[2]))
files = [Path(p) for p in sys.argv[3:]]
start = time.perf_counter()
outcomes = store.import_files("gdelt", files)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "added": sum(o.added for o in outcomes),
                  "peak_rss_bytes": peak()}))
"""
)

_DYADS = (
    _PEAK
    + """
import json, sys, time
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
result["peak_rss_bytes"] = peak()
print(json.dumps(result))
"""
)


def _python(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def floor_seconds(files: list[Path], scratch: Path) -> float:
    """DuckDB alone turning the same files into Parquet in one statement (its own CSV
    reader, every column as text, no checks, no store): the floor of an import."""
    import duckdb

    columns = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS) + "}"
    listed = "[" + ", ".join(f"'{f}'" for f in files) + "]"
    target = scratch / "floor.parquet"
    with duckdb.connect() as con:
        con.execute("SET preserve_insertion_order = false")
        start = time.perf_counter()
        con.execute(
            f"COPY (SELECT * FROM read_csv({listed}, columns={columns}, delim='\t', "
            "header=false, quote='', escape='', auto_detect=false)) "
            f"TO '{target}' (FORMAT parquet, COMPRESSION zstd)"
        )
        seconds = time.perf_counter() - start
    target.unlink()
    return seconds


def run_size(rows: int, per_file: int, repeat: int, scratch: Path) -> dict[str, Any]:
    folder = scratch / f"gdelt-{rows}"
    start = time.perf_counter()
    files = generate_files(folder, rows, per_file)
    generated = time.perf_counter() - start
    csv_bytes = sum(f.stat().st_size for f in files)
    floors = [floor_seconds(files, scratch) for _ in range(repeat)]
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
    shutil.rmtree(folder)
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--rows-per-file", type=int, default=1_250, help="rows per file (GDELT's: ~1,250)"
    )
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
            peak = entry["import_peak_rss_bytes"] / 2**20
            store_mib, csv_mib = entry["store_bytes"] / 2**20, entry["csv_bytes"] / 2**20
            print(
                f"{size:>11,} rows: import {entry['import_s']:.2f} s "
                f"({entry['import_rows_per_s']:,}/s; DuckDB alone, CSV to Parquet: "
                f"{entry['floor_rows_per_s']:,}/s), peak {peak:,.0f} MiB, "
                f"store {store_mib:,.1f} MiB of {csv_mib:,.0f} MiB; dyads: a year "
                f"{entry['dyads_year_s']:.3f} s, all {entry['dyads_all_s']:.3f} s",
                flush=True,
            )
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

"""``python -m graph events``: import GDELT and ACLED files, write dyads, list the codes
left to map, and show the dyad query as another engine would run it.

The heavy modules (DuckDB, Ibis) are imported when a command runs, not when the parser is
built, so ``python -m graph --help`` stays fast.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import sys
from pathlib import Path
from typing import Any

from graph.cli import UsageError, _data_dir, _print_issues, _write_output
from graph.text import plural

__all__ = ["add_arguments", "run"]

#: Dyads written at most (the busiest), unless ``--limit`` says otherwise.
DEFAULT_LIMIT = 10_000

#: The setting that names another engine for `events dyads` (an Ibis connection URL).
ENGINE_SETTING = "BORDERLINES_EVENTS_ENGINE"

#: Files per line of progress when an import has more.
PROGRESS_EVERY = 100

#: Engines whose dyad query ``events sql`` prints (any dialect sqlglot knows also works).
DIALECTS = ("bigquery", "duckdb", "trino", "snowflake", "postgres")


def _month(text: str) -> str:
    from graph.events.gdelt import month_number

    try:
        month_number(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``events`` subcommands and their options."""
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--store", metavar="DIR",
            help="event store (default: $BORDERLINES_EVENTS, else events/ beside the data)",
        )  # fmt: skip
        sub.add_argument(
            "--data", metavar="DIR", help="data folder (default: $BORDERLINES_DATA or data/)"
        )

    text = "import GDELT 2.0 event exports (.export.CSV.zip or unzipped) or ACLED CSV exports"
    sub = actions.add_parser("import", help=text, description=text)
    sub.add_argument("dataset", choices=("gdelt", "acled"))
    sub.add_argument("files", nargs="+", metavar="FILE")
    common(sub)

    text = "events per actor pair, type and month, busiest first"
    sub = actions.add_parser("dyads", help=text, description=text)
    common(sub)
    sub.add_argument("--dataset", choices=("gdelt", "acled", "both"), default="both")
    sub.add_argument("--from", dest="start", type=_month, metavar="YYYY-MM")
    sub.add_argument("--to", dest="end", type=_month, metavar="YYYY-MM")
    sub.add_argument("--format", choices=("csv", "json"), default="csv")
    sub.add_argument("--output", metavar="FILE", help="write here (default: standard output)")
    sub.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
        help=f"the N busiest dyads of each dataset (default {DEFAULT_LIMIT:,}; 0: all)",
    )  # fmt: skip
    sub.add_argument(
        "--engine", metavar="URL", default=os.environ.get(ENGINE_SETTING) or None,
        help="run the GDELT dyads on another engine, on its table `events` of GDELT's "
        "columns: bigquery://PROJECT reads GDELT's public gdelt-bq.gdeltv2.events "
        f"(needs ibis-framework[bigquery]), duckdb://FILE a DuckDB database "
        f"(default: ${ENGINE_SETTING}, else the event store)",
    )  # fmt: skip

    text = "the actor codes (GDELT) or names (ACLED) no row of data/event_actors.csv maps"
    sub = actions.add_parser("unmapped", help=text, description=text)
    common(sub)
    sub.add_argument("--dataset", choices=("gdelt", "acled"), default="gdelt")
    sub.add_argument("--limit", type=int, default=30, metavar="N", help="the N busiest")

    text = (
        "print the GDELT dyad query compiled for an engine, without connecting to it "
        "(bigquery: on GDELT's public table gdelt-bq.gdeltv2.events)"
    )
    sub = actions.add_parser("sql", help=text, description=text)
    sub.add_argument("--dialect", choices=DIALECTS, default="bigquery")
    sub.add_argument("--from", dest="start", type=_month, metavar="YYYY-MM")
    sub.add_argument("--to", dest="end", type=_month, metavar="YYYY-MM")
    sub.add_argument(
        "--data", metavar="DIR", help="data folder (default: $BORDERLINES_DATA or data/)"
    )


def run(args: argparse.Namespace) -> int:
    """Run an ``events`` subcommand; 0 done, 1 a file or the data has issues."""
    from graph.events.mapping import MappingError, read_mapping
    from graph.events.store import EventStore, default_store_dir

    data_dir = _data_dir(args.data)
    try:
        mapping = read_mapping(data_dir)
    except MappingError as error:
        _print_issues(error.issues, sys.stderr)
        print("the data folder has issues; run `python -m graph validate`", file=sys.stderr)
        return 1
    if args.action == "sql":
        return _sql(args, mapping)
    store = EventStore(Path(args.store) if args.store else default_store_dir(data_dir))
    if args.action == "import":
        return _import(store, args)
    if args.limit < 0:
        raise UsageError(f"--limit must be 0 or more, not {args.limit}")
    if args.action == "dyads":
        return _dyads(store, mapping, args)
    return _unmapped(store, mapping, args)


def _import(store: Any, args: argparse.Namespace) -> int:
    from graph.events.read import EventFileError

    paths = [Path(f) for f in args.files]
    total = len(paths)
    refused = added = rows = 0
    # Many files (a month of GDELT is 2,880): a line per file only when something is wrong,
    # and a line of progress every PROGRESS_EVERY files.
    quiet = total > PROGRESS_EVERY

    def report(index: int, path: Path, outcome: Any) -> None:
        nonlocal refused, added, rows
        head = f"[{index + 1}/{total}] {path.name}:"
        if not isinstance(outcome, EventFileError):
            added, rows = added + outcome.added, rows + outcome.read.rows
        if quiet and (index + 1) % PROGRESS_EVERY == 0:
            print(f"[{index + 1:,}/{total:,} files] {plural(rows, 'row')} read, "
                  f"{plural(added, 'event')} added", file=sys.stderr)  # fmt: skip
        if quiet and not isinstance(outcome, EventFileError) and not outcome.read.skipped:
            return
        if isinstance(outcome, EventFileError):
            refused += 1
            where = f" line {outcome.line}:" if outcome.line else ""
            print(f"{head}{where} not imported: {outcome.message}", file=sys.stderr)
            return
        read = outcome.read
        parts = [plural(read.rows, "row"), f"{plural(outcome.added, 'event')} added"]
        if outcome.already_stored:
            parts.append(f"{outcome.already_stored:,} already stored")
        if read.repeated:
            parts.append(f"{read.repeated:,} repeated in the file")
        if read.skipped:
            parts.append(f"{plural(read.skipped, 'row')} skipped")
        print(f"{head} {', '.join(parts)}", file=sys.stderr)
        for problem in read.problems:
            print(f"  {problem}", file=sys.stderr)
        if read.skipped > len(read.problems):
            print(f"  ... and {read.skipped - len(read.problems):,} more", file=sys.stderr)

    store.import_files(args.dataset, paths, on_file=report)
    if quiet:
        print(f"{total:,} files: {plural(rows, 'row')} read, {plural(added, 'event')} added"
              + (f", {plural(refused, 'file')} not imported" if refused else ""),
              file=sys.stderr)  # fmt: skip
    events = store.count(args.dataset)
    months = plural(len(store.months(args.dataset)), "month")
    print(f"{store.root}: {events:,} {args.dataset} events in {months}", file=sys.stderr)
    return 1 if refused else 0


def _tables(store: Any, dataset: str) -> Any:
    """The store's events of ``dataset`` as an Ibis table on DuckDB, or None if empty."""
    import ibis

    files = store.files(dataset)
    if not files:
        return None
    return ibis.duckdb.connect().read_parquet([str(f) for f in files])


def _dyads(store: Any, mapping: dict[str, dict[str, str]], args: argparse.Namespace) -> int:
    from graph.events.dyads import DYAD_COLUMNS, acled_dyads, gdelt_dyads

    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--from {args.start} comes after --to {args.end}")
    builders = {"gdelt": gdelt_dyads, "acled": acled_dyads}
    chosen = list(builders) if args.dataset == "both" else [args.dataset]
    if args.engine:  # the same expression on another engine: GDELT's table there
        if args.dataset == "acled":
            raise UsageError("--engine runs GDELT's dyads; ACLED has no public table")
        chosen = ["gdelt"]
    rows: list[dict[str, Any]] = []
    for dataset in chosen:
        events = _engine_table(args.engine) if args.engine else _tables(store, dataset)
        if events is None:
            print(f"{store.root}: no {dataset} events imported", file=sys.stderr)
            continue
        expr = builders[dataset](events, mapping[dataset], start=args.start, end=args.end)
        total = int(expr.count().to_pyarrow().as_py())
        if args.limit:
            expr = expr.limit(args.limit)
        rows.extend(expr.to_pyarrow().to_pylist())
        if args.limit and total > args.limit:
            print(f"{dataset}: the {args.limit:,} busiest of {total:,} dyads", file=sys.stderr)
    cleaned = [{c: _plain(row[c]) for c in DYAD_COLUMNS} for row in rows]
    if args.format == "json":
        data = (json.dumps(cleaned, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, DYAD_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: "" if v is None else v for c, v in row.items()} for row in cleaned)
        data = buffer.getvalue().encode("utf-8")
    _write_output(data, args.output)
    if args.output is not None:
        print(f"wrote {plural(len(cleaned), 'dyad')} to {args.output}", file=sys.stderr)
    return 0


def _engine_table(url: str) -> Any:
    """GDELT's events on the engine ``url`` names (an Ibis connection URL)."""
    import ibis

    from graph.events.dyads import BIGQUERY_EVENTS

    try:
        con = ibis.connect(url)
    except ImportError:
        scheme = url.split("://", 1)[0]
        raise UsageError(
            f"the {scheme} engine is not installed: uv add 'ibis-framework[{scheme}]' "
            "(and, for BigQuery, Google credentials); `events sql --dialect "
            f"{scheme}` prints its query without it"
        ) from None
    except Exception as error:  # a URL the engine refuses: its own words
        raise UsageError(f"cannot connect to {url}: {error}") from None
    if url.startswith("bigquery://"):
        project, dataset, table = BIGQUERY_EVENTS
        return con.table(table, database=(project, dataset))
    try:
        return con.table("events")
    except Exception:  # each engine says "no such table" its own way
        raise UsageError(f"{url} has no table `events` (GDELT's columns)") from None


def _plain(value: Any) -> Any:
    """A cell as JSON has it: floats to 6 decimals, NaN as missing."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


def _unmapped(store: Any, mapping: dict[str, dict[str, str]], args: argparse.Namespace) -> int:
    from graph.events.dyads import unmapped_codes

    events = _tables(store, args.dataset)
    if events is None:
        print(f"{store.root}: no {args.dataset} events imported", file=sys.stderr)
        return 0
    expr = unmapped_codes(events, args.dataset, mapping[args.dataset])
    total = int(expr.count().to_pyarrow().as_py())
    rows = (expr.limit(args.limit) if args.limit else expr).to_pyarrow().to_pylist()
    for row in rows:
        print(f"{row['events']}\t{row['code']}")
    shown = len(rows)
    print(f"{total:,} unmapped {args.dataset} codes" + (f", the {shown} busiest shown"
          if shown < total else "") + "; map them in data/event_actors.csv",
          file=sys.stderr)  # fmt: skip
    return 0


def _sql(args: argparse.Namespace, mapping: dict[str, dict[str, str]]) -> int:
    from graph.events.dyads import gdelt_dyads, gdelt_table, to_sql

    if args.start and args.end and args.start > args.end:
        raise UsageError(f"--from {args.start} comes after --to {args.end}")
    table = gdelt_table(engine="bigquery" if args.dialect == "bigquery" else "store")
    expr = gdelt_dyads(table, mapping["gdelt"], start=args.start, end=args.end)
    print(to_sql(expr, args.dialect))
    return 0

"""Command line of Borderlines: ``python -m graph validate|format|export|analyse|brief|views``.

Each subcommand is a pair of functions, one adding its arguments and one running it,
registered once in :data:`COMMANDS`. A run returns the exit status: 0 success, 1 the data
has issues, 2 the command was used wrongly (:class:`UsageError`, or argparse's own errors).
No traceback reaches the user for bad data or bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from graph.filters import FilterSpec
    from graph.load import DataIssue, Dataset
    from graph.store import ViewStore

__all__ = [
    "ANALYSES",
    "COMMANDS",
    "Analysis",
    "Command",
    "UsageError",
    "build_parser",
    "main",
    "summary_line",
]

#: Tables named first in the summary line, in this order; others follow in descriptor order.
SUMMARY_ORDER = ("actors", "relations", "events", "places", "borders", "areas", "relation_types")


class UsageError(Exception):
    """The command was used wrongly (an unknown name, an option without a value).

    :func:`main` prints the message and exits with status 2. A data folder that does not
    exist is not a usage error but an issue of the data (status 1).

    Examples
    --------
    >>> main(["analyse"])
    2
    """


class Command(NamedTuple):
    """A subcommand: its one-line help, how to add its arguments, and how to run it."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _data_dir(given: str | None) -> Path:
    """The data folder named on the command line, else the default.

    A folder that does not exist is left to :func:`graph.load.load_dataset`, which reports
    it as a located issue (status 1), like any other problem of the data.
    """
    from graph.load import default_data_dir

    return Path(given) if given is not None else default_data_dir()


def _non_negative(text: str) -> int:
    """argparse type: an integer >= 0."""
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _positive(text: str) -> int:
    """argparse type: an integer >= 1."""
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _write_output(data: bytes, path: str | None) -> None:
    """Write ``data`` to the file ``path``, or to standard output when it is None.

    An unwritable place is a :class:`UsageError` naming it.
    """
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None


def _shown(path: Path) -> str:
    """A folder as the user would name it: relative to the working directory if inside."""
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        shown = path
    return f"{os.fspath(shown).rstrip('/')}/"


def _print_issues(issues: Sequence[DataIssue], file: TextIO) -> None:
    for issue in issues:
        print(issue, file=file)


def _load_or_report(directory: Path, failed: str) -> Dataset | None:
    """The dataset of ``directory``, or None after printing its issues and ``failed`` (what
    the command could not do, e.g. "not exported") to standard error."""
    from graph.load import DataError, load_dataset

    try:
        return load_dataset(directory)
    except DataError as error:
        _print_issues(error.issues, sys.stderr)
        print(f"{_shown(directory)}: {failed}; run `python -m graph validate`", file=sys.stderr)
        return None


def summary_line(dataset: Dataset, shown: str) -> str:
    """One line saying a dataset is valid and how many rows each table holds.

    Parameters
    ----------
    dataset : graph.load.Dataset
    shown : str
        How to name the folder.

    Returns
    -------
    str

    Examples
    --------
    >>> from graph.load import load_dataset
    >>> summary_line(load_dataset(), "data/").startswith("data/: valid — ")
    True
    """
    tables = dataset.tables()
    names = [n for n in SUMMARY_ORDER if n in tables] + [
        n for n in tables if n not in SUMMARY_ORDER
    ]
    counts = []
    for name in names:
        count = len(tables[name])
        words = name.replace("_", " ")
        counts.append(f"{count} {words[:-1] if count == 1 and words.endswith('s') else words}")
    return f"{shown}: valid — {', '.join(counts)}"


# --- validate -------------------------------------------------------------------------------


def _add_validate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir", nargs="?", metavar="DIR", help="data folder (default: $BORDERLINES_DATA or data/)"
    )


def _run_validate(args: argparse.Namespace) -> int:
    """Check the data folder and its saved views; print a summary (status 0) or every
    issue (status 1)."""
    from graph.build import build_graph
    from graph.load import DataError, load_dataset
    from graph.views import default_views_dir, validate_views

    directory = _data_dir(args.dir)
    views = default_views_dir(directory)
    try:
        dataset = load_dataset(directory)
    except DataError as error:
        issues = [*error.issues, *validate_views(views)]  # views checked without the graph
    else:
        issues = validate_views(views, build_graph(dataset))
    if issues:
        _print_issues(issues, sys.stdout)
        count = len(issues)
        print(f"{_shown(directory)}: invalid — {count} issue{'' if count == 1 else 's'}")
        return 1
    print(summary_line(dataset, _shown(directory)))
    return 0


# --- format ---------------------------------------------------------------------------------


def _add_format_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir", nargs="?", metavar="DIR", help="data folder (default: $BORDERLINES_DATA or data/)"
    )


def _run_format(args: argparse.Namespace) -> int:
    """Rewrite the tables canonically; refuse (status 1) while the data has other issues."""
    from graph.load import DataError, format_data

    directory = _data_dir(args.dir)
    try:
        rewritten = format_data(directory)
    except DataError as error:
        _print_issues(error.issues, sys.stdout)
        print(f"{_shown(directory)}: not formatted; fix the issues above first")
        return 1
    for file in rewritten:
        print(f"rewrote {file}")
    if rewritten:
        print(f"{_shown(directory)}: {len(rewritten)} file(s) rewritten in canonical formatting")
    else:
        print(f"{_shown(directory)}: already in canonical formatting")
    return 0


# --- export ---------------------------------------------------------------------------------


def _export_formats() -> dict[str, Callable[..., str | bytes]]:
    """Export functions by format name (graph in, text or bytes out), from graph.export."""
    from graph.export import EXPORTERS

    return dict(EXPORTERS)


def _add_export_arguments(parser: argparse.ArgumentParser) -> None:
    formats = _export_formats()
    parser.add_argument(
        "--format",
        default="json",
        choices=sorted(formats),
        help="output format (default: json, networkx node-link with 'nodes' and 'edges')",
    )
    parser.add_argument("--output", metavar="FILE", help="write here instead of to stdout")
    parser.add_argument(
        "--data", metavar="DIR", help="data folder (default: $BORDERLINES_DATA or data/)"
    )
    _add_filter_arguments(parser)


def _run_export(args: argparse.Namespace) -> int:
    """Write the graph, filtered as asked, in the chosen format; status 1 if the data has
    issues."""
    from graph.build import build_graph

    directory = _data_dir(args.data)
    dataset = _load_or_report(directory, "not exported")
    if dataset is None:
        return 1
    G = _apply_filter_options(build_graph(dataset), args)
    output = _export_formats()[args.format](G)
    _write_output(output.encode("utf-8") if isinstance(output, str) else output, args.output)
    return 0


# --- filters (the dashboard's, for export and analyse) -------------------------------------


def _add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The dashboard's filters as options; lists are comma-separated or repeated."""
    from graph.vocabulary import CONFIDENCE_LEVELS

    group = parser.add_argument_group("filters (as in the dashboard; default: everything)")
    listed: dict[str, Any] = {"action": "append", "default": None}
    group.add_argument("--types", metavar="TYPE[,TYPE]", help="relation type ids", **listed)
    group.add_argument(
        "--signs",
        metavar="SIGN[,SIGN]",
        help="+1, -1, 0 (or cooperative, hostile, structural)",
        **listed,
    )
    group.add_argument("--kinds", metavar="KIND[,KIND]", help="actor kinds", **listed)
    group.add_argument("--on", metavar="DATE", help="relations in force on DATE (YYYY[-MM[-DD]])")
    group.add_argument("--from", dest="date_from", metavar="DATE", help="window start")
    group.add_argument("--to", dest="date_to", metavar="DATE", help="window end")
    group.add_argument("--min-confidence", choices=CONFIDENCE_LEVELS, help="lowest confidence kept")
    group.add_argument("--min-grade", metavar="GRADE", help="Admiralty grade, e.g. B2 or better")
    group.add_argument("--focus", metavar="ACTOR[,ACTOR]", help="actor ids to focus on", **listed)
    group.add_argument("--hops", type=int, default=1, help="focus radius (default 1)")
    group.add_argument("--search", metavar="TEXT", default="", help="English or Arabic names")
    group.add_argument(
        "--hide-isolates", action="store_true", help="drop actors left without relations"
    )


def _listed(values: list[str] | None, option: str) -> list[str] | None:
    """``--types a,b --types c`` -> ``["a", "b", "c"]``; None when not given.

    An option given only empty items (``--types ,,``) is a :class:`UsageError`, not "every
    type": the user meant to name some.
    """
    if values is None:
        return None
    items = [item.strip() for value in values for item in value.split(",") if item.strip()]
    if not items:
        raise UsageError(f"{option}: no value given")
    return items


def _filter_spec(args: argparse.Namespace) -> FilterSpec:
    """The :class:`graph.filters.FilterSpec` of the filter options; UsageError if bad."""
    from graph.filters import FilterSpec

    try:
        return FilterSpec(
            types=_listed(args.types, "--types"),
            signs=_listed(args.signs, "--signs"),
            kinds=_listed(args.kinds, "--kinds"),
            on=args.on,
            date_from=args.date_from,
            date_to=args.date_to,
            min_confidence=args.min_confidence,
            min_grade=args.min_grade,
            focus=_listed(args.focus, "--focus") or (),
            hops=args.hops,
            search=args.search,
            keep_isolates=not args.hide_isolates,
        )
    except (ValueError, TypeError) as error:
        raise UsageError(str(error)) from None


def _apply_filter_options(G: nx.MultiDiGraph, args: argparse.Namespace) -> nx.MultiDiGraph:
    """``G`` narrowed by the filter options (the one filter path, as the dashboard's)."""
    import networkx as nx

    from graph.filters import apply_filters

    spec = _filter_spec(args)
    try:
        return apply_filters(G, spec)
    except (ValueError, nx.NodeNotFound) as error:
        raise UsageError(str(error)) from None


# --- analyse --------------------------------------------------------------------------------


class Analysis(NamedTuple):
    """An ``analyse`` subcommand: help, its own arguments, and how to print it."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[nx.MultiDiGraph, argparse.Namespace], int]


def _table(frame: pd.DataFrame) -> str:
    """A frame as a plain text table, nothing truncated."""
    return frame.to_string(index=False, max_colwidth=None)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments beyond the data folder and the filters."""


def _add_measures_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--top", type=_positive, metavar="N", help="only the N actors of most relations"
    )


def run_measures(G: nx.MultiDiGraph, args: argparse.Namespace) -> int:
    """Print degree, signed strength and betweenness per actor."""
    from graph.analysis import actor_measures

    frame = actor_measures(G)
    if args.top is not None:
        frame = frame.head(args.top)
    shown = frame.reset_index().round({"cooperative": 2, "hostile": 2, "betweenness": 3})
    print(_table(shown))
    print(f"Betweenness: {frame.attrs['betweenness']}.")
    return 0


def _add_balance_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--exact-limit",
        type=_non_negative,
        default=20,
        metavar="N",
        help="solve parts of up to N actors exactly (default 20); larger ones give a bound",
    )


def run_balance(G: nx.MultiDiGraph, args: argparse.Namespace) -> int:
    """Print the signed view's triads, the unbalanced ones explained, and the two camps."""
    from graph.analysis import actor_name, camps, signed_view, triads, unbalanced_triads

    S = signed_view(G)
    every = triads(S)
    unbalanced = unbalanced_triads(S, G)
    print(
        f"Signed view: {S.number_of_edges()} pairs with a net sign; {len(every)} triads, "
        f"{len(unbalanced)} unbalanced."
    )
    for i, explanation in enumerate(unbalanced["explanation"], start=1):
        print(f"  {i}. {explanation}")
    try:
        split = camps(S, exact_limit=args.exact_limit)
    except ValueError as error:
        raise UsageError(str(error)) from None
    for name, camp in (("Camp 1", split.first), ("Camp 2", split.second)):
        names = sorted(actor_name(G, a) for a in camp)
        print(f"{name} ({len(camp)}): {', '.join(names) or '-'}")
    print(f"Frustration: {split.frustration}, {split.method}.")
    for u, v in split.frustrated:
        sign = "cooperate" if S[u][v]["sign"] > 0 else "are hostile"
        where = "across the camps" if S[u][v]["sign"] > 0 else "within a camp"
        ids = ", ".join(S[u][v]["relations"])
        print(f"  {actor_name(G, u)} and {actor_name(G, v)} {sign} {where} ({ids})")
    return 0


def _add_path_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="A", help="actor id")
    parser.add_argument("target", metavar="B", help="actor id")


def run_path(G: nx.MultiDiGraph, args: argparse.Namespace) -> int:
    """Print the shortest and the strongest path between two actors."""
    import networkx as nx

    from graph.analysis import actor_name, shortest_path, strongest_path

    for title, find in (("Shortest path", shortest_path), ("Strongest path", strongest_path)):
        try:
            path = find(G, args.source, args.target)
        except nx.NodeNotFound as error:  # the check lives in graph.analysis.paths
            raise UsageError(f"{error} (or filtered out)") from None
        except nx.NetworkXNoPath as error:
            print(f"{title}: none ({error}).")
            continue
        hops = f"{len(path.hops)} hop{'' if len(path.hops) == 1 else 's'}"
        extra = f", weakest link {path.strength:.2f}" if path.strength is not None else ""
        names = " - ".join(actor_name(G, a) for a in path.actors)
        print(f"{title} ({hops}{extra}): {names}")
        for i, hop in enumerate(path.hops, start=1):
            ties = ", ".join(
                f"{r['id']} {r['label']} ({r['sign']:+d})"
                if r["sign"]
                else f"{r['id']} {r['label']}"
                for r in hop.relations
            )
            print(f"  {i}. {actor_name(G, hop.source)} - {actor_name(G, hop.target)}: {ties}")
    return 0


def run_blocs(G: nx.MultiDiGraph, args: argparse.Namespace) -> int:
    """Print the blocs (Louvain communities of the cooperative view, seeded)."""
    from graph.analysis import actor_name, blocs

    found = blocs(G)
    if not found:
        print("No blocs: no pair of actors cooperates in this view.")
    for i, bloc in enumerate(found, start=1):
        names = sorted(actor_name(G, a) for a in bloc)
        print(f"Bloc {i} ({len(bloc)}): {', '.join(names)}")
    return 0


def _add_changes_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("before", metavar="D1", help="first date (YYYY[-MM[-DD]])")
    parser.add_argument("after", metavar="D2", help="second date")


def run_changes(G: nx.MultiDiGraph, args: argparse.Namespace) -> int:
    """Print the relations begun and ended, and the pairs of another sign, between dates."""
    from graph.analysis import changes

    try:
        result = changes(G, args.before, args.after)
    except ValueError as error:
        raise UsageError(str(error)) from None
    for title, frame in (
        ("Begun", result.begun),
        ("Ended", result.ended),
        ("Changed sign", result.changed),
    ):
        print(f"{title} ({len(frame)}):")
        for reason in frame["reason"]:
            print(f"  - {reason}")
    return 0


#: Every ``analyse`` subcommand, by name. Add one here with its two functions.
ANALYSES: dict[str, Analysis] = {
    "measures": Analysis(
        "degree, cooperative and hostile strength, betweenness per actor",
        _add_measures_arguments,
        run_measures,
    ),
    "balance": Analysis(
        "structural balance: triads, unbalanced ones explained, two camps, frustration",
        _add_balance_arguments,
        run_balance,
    ),
    "path": Analysis(
        "shortest and strongest path between actors A and B", _add_path_arguments, run_path
    ),
    "blocs": Analysis("communities of the cooperative view (seeded)", _no_arguments, run_blocs),
    "changes": Analysis(
        "relations begun, ended or of another sign between dates D1 and D2",
        _add_changes_arguments,
        run_changes,
    ),
}


def _add_analyse_arguments(parser: argparse.ArgumentParser) -> None:
    # not required by argparse, so that `analyse` alone gets our own message
    subparsers = parser.add_subparsers(dest="analysis", metavar="ANALYSIS")
    for name, analysis in ANALYSES.items():
        sub = subparsers.add_parser(name, help=analysis.help, description=analysis.help)
        analysis.add_arguments(sub)
        sub.add_argument(
            "--data", metavar="DIR", help="data folder (default: $BORDERLINES_DATA or data/)"
        )
        _add_filter_arguments(sub)
        sub.set_defaults(analyse=analysis.run)


def run_analyse(args: argparse.Namespace) -> int:
    """Filter the graph as asked, print what is shown, then the analysis; status 1 if the
    data has issues."""
    from graph.build import build_graph
    from graph.filters import describe, explain_empty

    if getattr(args, "analyse", None) is None:
        raise UsageError(f"choose an analysis: {', '.join(ANALYSES)}")
    directory = _data_dir(args.data)
    spec = _filter_spec(args)
    dataset = _load_or_report(directory, "not analysed")
    if dataset is None:
        return 1
    full = build_graph(dataset)
    G = _apply_filter_options(full, args)
    print(f"{describe(spec, full)} · {G.number_of_nodes()} actors, {G.number_of_edges()} relations")
    if G.number_of_edges() == 0:
        print(explain_empty(full, spec))
    return args.analyse(G, args)


# --- brief ----------------------------------------------------------------------------------


def _add_brief_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--view", metavar="NAME", help="a saved view (data/views/NAME.toml)")
    which.add_argument(
        "--story", metavar="NAME", help="a story, one section per view (data/views/stories/)"
    )
    parser.add_argument("--output", metavar="FILE", help="write here instead of to stdout")
    parser.add_argument(
        "--title", metavar="TEXT", help="title of a briefing of the filter options (no view)"
    )
    parser.add_argument(
        "--data", metavar="DIR", help="data folder (default: $BORDERLINES_DATA or data/)"
    )
    _add_filter_arguments(parser)


def _named(kind: str, name: str, known: Sequence[str]) -> UsageError:
    listed = ", ".join(known) or "none"
    plural = "stories" if kind == "story" else f"{kind}s"
    return UsageError(f"unknown {kind} {name!r}; available {plural}: {listed}")


def _run_brief(args: argparse.Namespace) -> int:
    """Write a self-contained HTML briefing of a saved view, a story, or the filter options;
    status 1 if the data or the views have issues."""
    from graph.briefing import briefing_html, story_briefing_html
    from graph.build import build_graph
    from graph.filters import FilterSpec
    from graph.load import default_sources_dir
    from graph.views import View, default_views_dir, read_views

    directory = _data_dir(args.data)
    spec = _filter_spec(args)
    chosen = args.view or args.story
    if chosen is not None and (spec != FilterSpec() or args.title):
        raise UsageError("give --view or --story, or filter options (and --title), not both")
    dataset = _load_or_report(directory, "no briefing")
    if dataset is None:
        return 1
    # A bad view file is left out with a warning; the others still brief.
    views, stories, issues = read_views(default_views_dir(directory))
    if issues:
        _print_issues(issues, sys.stderr)
        print(
            "left out the views and stories above; see `python -m graph validate`", file=sys.stderr
        )
    G = build_graph(dataset)
    sources = default_sources_dir()
    try:
        if args.story is not None:
            if args.story not in stories:
                raise _named("story", args.story, list(stories))
            page = story_briefing_html(G, dataset, stories[args.story], views, sources_dir=sources)
        elif args.view is not None:
            if args.view not in views:
                raise _named("view", args.view, list(views))
            page = briefing_html(G, dataset, view=views[args.view], sources_dir=sources)
        else:
            view = View("filters", args.title) if args.title else None
            page = briefing_html(G, dataset, spec, view=view, sources_dir=sources)
    except (ValueError, KeyError) as error:  # a view naming what the data lacks
        raise UsageError(str(error).strip("'\"")) from None
    data = page.encode("utf-8")
    _write_output(data, args.output)
    if args.output is not None:
        print(f"wrote {args.output} ({len(data) / 1e6:.1f} MB)")
    return 0


# --- views -----------------------------------------------------------------------------------


def _add_views_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (
        ("list", "list the views saved from the page"),
        ("show", "print a saved view as TOML (as it would be committed)"),
        ("promote", "move a saved view into the data folder's views/, for a curator to commit"),
        ("delete", "delete a saved view"),
    ):
        sub = actions.add_parser(name, help=text, description=text)
        if name != "list":
            sub.add_argument("slug", metavar="NAME", help="the view's name, as `list` shows it")
        sub.add_argument(
            "--state", metavar="DIR", help="state folder (default: $BORDERLINES_STATE or the "
            "user's state folder)"
        )  # fmt: skip
        if name == "promote":
            sub.add_argument(
                "--data", metavar="DIR", help="data folder (default: $BORDERLINES_DATA or data/)"
            )
            sub.add_argument(
                "--overwrite", action="store_true", help="replace a view file of that name"
            )


def _run_views(args: argparse.Namespace) -> int:
    """List, show, delete or promote the views readers saved in the page (the state
    store); status 1 when the view is missing or fails the data's checks."""
    from graph.store import StoreError, ViewStore

    store = ViewStore(args.state)
    try:
        if args.action == "list":
            return _list_views(store)
        text = store.text(args.slug)
        if text is None:
            known = ", ".join(row.slug for row in store.rows()) or "none"
            print(f"no saved view named {args.slug!r} in {store.path}; saved: {known}",
                  file=sys.stderr)  # fmt: skip
            return 1
        if args.action == "show":
            print(text, end="")
            return 0
        if args.action == "delete":
            store.delete(args.slug)
            print(f"deleted the saved view {args.slug!r}")
            return 0
        return _promote_view(store, args.slug, text, args)
    except StoreError as error:
        print(f"python -m graph views: {error}", file=sys.stderr)
        return 1


def _list_views(store: ViewStore) -> int:
    rows = store.rows()
    for row in rows:
        title = next((line for line in row.text.splitlines() if line.startswith("title =")), "")
        print(f"{row.slug}\t{row.saved}\t{title.removeprefix('title = ')}")
    print(f"{len(rows)} saved view{'' if len(rows) == 1 else 's'} in {store.path}",
          file=sys.stderr)  # fmt: skip
    return 0


def _promote_view(store: ViewStore, slug: str, text: str, args: argparse.Namespace) -> int:
    """Check a stored view against the data as `validate` would, write it to the data
    folder's views/ (atomically), then drop it from the store."""
    from graph.build import build_graph
    from graph.views import check_view, default_views_dir, save_view, view_from_text

    directory = _data_dir(args.data)
    dataset = _load_or_report(directory, "not promoted")
    if dataset is None:
        return 1
    view, issues = view_from_text(text, slug, label=f"saved view {slug}")
    if view is not None and not issues:
        issues = check_view(view, build_graph(dataset), label=f"views/{slug}.toml")
    if view is None or issues:
        _print_issues(issues, sys.stderr)
        print(f"{slug}: not promoted", file=sys.stderr)
        return 1
    try:
        path = save_view(view, default_views_dir(directory), overwrite=args.overwrite)
    except FileExistsError:
        print(f"{_shown(directory)}views/{slug}.toml exists; --overwrite replaces it",
              file=sys.stderr)  # fmt: skip
        return 1
    except OSError as error:
        print(f"cannot write the view: {error}", file=sys.stderr)
        return 1
    store.delete(slug)
    print(f"wrote {path}; commit it to ship the view (removed from the saved views)")
    return 0


# --- events ----------------------------------------------------------------------------------


def _add_events_arguments(parser: argparse.ArgumentParser) -> None:
    from graph.events.cli import add_arguments

    add_arguments(parser)


def _run_events(args: argparse.Namespace) -> int:
    from graph.events.cli import run

    return run(args)


# --- registry and entry point ---------------------------------------------------------------

#: Every subcommand, by name. Add one here with its two functions.
COMMANDS: dict[str, Command] = {
    "validate": Command(
        "check the data against its descriptor; print a summary or every issue",
        _add_validate_arguments,
        _run_validate,
    ),
    "format": Command(
        "rewrite the tables in canonical formatting (only when nothing else is wrong)",
        _add_format_arguments,
        _run_format,
    ),
    "export": Command(
        "write the relationship graph, filtered as asked (node-link JSON by default)",
        _add_export_arguments,
        _run_export,
    ),
    "analyse": Command(
        "analyse the (filtered) graph: measures, balance, path A B, blocs, changes D1 D2",
        _add_analyse_arguments,
        run_analyse,
    ),
    "brief": Command(
        "write a self-contained HTML briefing of a saved view, a story, or the filters",
        _add_brief_arguments,
        _run_brief,
    ),
    "views": Command(
        "list, show, delete or promote the views readers saved in the page",
        _add_views_arguments,
        _run_views,
    ),
    "events": Command(
        "import GDELT and ACLED event files; write their dyads; list codes left to map",
        _add_events_arguments,
        _run_events,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser, one subparser per entry of :data:`COMMANDS`.

    Returns
    -------
    argparse.ArgumentParser

    Examples
    --------
    >>> build_parser().parse_args(["validate", "data"]).dir
    'data'
    """
    parser = argparse.ArgumentParser(
        prog="python -m graph",
        description="Borderlines: check, format, export, analyse and brief the relationship data.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in COMMANDS.items():
        sub = subparsers.add_parser(name, help=command.help, description=command.help)
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command line; return the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 success, 1 the data has issues, 2 wrong usage.

    Notes
    -----
    Cost: that of the command (validation is O(cells)).

    Examples
    --------
    >>> import contextlib, io
    >>> with contextlib.redirect_stdout(io.StringIO()) as out:
    ...     status = main(["validate"])
    >>> status, ": valid — " in out.getvalue()
    (0, True)
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage error or the help
        return int(exit_.code or 0)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"{parser.prog}: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1

"""The curated table that maps event-data actors to ours (``data/event_actors.csv``).

It is checked like every table of the data folder (its descriptor entry, the actor ids it
names); :func:`read_mapping` reads it once those checks pass.

Examples
--------
>>> from graph.load import default_data_dir
>>> mapping = read_mapping(default_data_dir())
>>> mapping["gdelt"]["IRNGOV"], mapping["acled"]["Taliban"]
('iran', 'taliban')
"""

from __future__ import annotations

from pathlib import Path

from graph.load import DataIssue, csv_records, validate

__all__ = ["MAPPING_FILE", "MappingError", "read_mapping"]

#: The mapping table's file in a data folder.
MAPPING_FILE = "event_actors.csv"


class MappingError(Exception):
    """The data folder's checks failed; ``issues`` says where."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues
        super().__init__(f"{len(issues)} issue(s) in the data folder, the first: {issues[0]}")


def read_mapping(data_dir: Path) -> dict[str, dict[str, str]]:
    """Dataset (``gdelt``, ``acled``) -> the source's code or name -> our actor id.

    A data folder without the table maps nothing (every code stays the source's own).

    Raises
    ------
    MappingError
        When the data folder has issues (the mapping could name an actor that is not
        there).
    """
    issues = validate(data_dir)
    if issues:
        raise MappingError(issues)
    path = Path(data_dir) / MAPPING_FILE
    mapping: dict[str, dict[str, str]] = {"gdelt": {}, "acled": {}}
    if not path.is_file():
        return mapping
    records = csv_records(path.read_text(encoding="utf-8"))
    _, header = next(records)
    for _, cells in records:
        if cells:
            row = dict(zip(header, cells, strict=False))
            mapping[row["dataset"]][row["code"]] = row["actor"]
    return mapping

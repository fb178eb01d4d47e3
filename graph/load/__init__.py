"""Load the Borderlines tables into typed frames, checking them against their descriptor.

The descriptor (``datapackage.json``, a Frictionless Data Package) is the schema: every
check on types, constraints, keys and foreign keys is read from it, after the descriptor's
own shape is checked (a malformed part is an issue placed at its JSON path, never an
exception). The few rules it cannot express (a list item that names an actor, a sign that
must match the relation type's, dates in order, fields required by another field's value,
evidence within a source's body) are declared in the tables below. Every problem is
collected as a :class:`DataIssue` naming the file, the line and the field; nothing but
:class:`DataError` is raised for bad data.

Only ``tabular-data-resource`` resources are read. The tables of :data:`DATASET_TABLES`
must be present; any other table of the descriptor (the map's border reference lengths)
is checked when its file is there. Other resources (the map's GeoJSON) are declared for
their provenance and licence; only their paths are checked.
"""

from graph.load._base import (
    CONDITIONAL_FIELDS,
    DATASET_TABLES,
    EVIDENCE_SOURCES,
    EXCLUDED_KINDS,
    FORMAT_COMMAND,
    KIND_REFERENCES,
    LIST_REFERENCES,
    ORDERED_FIELDS,
)
from graph.load._entry import format_data, load_dataset, load_tables, validate
from graph.load._paths import default_data_dir, default_sources_dir, resolves_inside
from graph.load._types import DataError, DataIssue, Dataset
from graph.load.canonical import (
    canonical_csv,
    canonical_row_order,
    save_dataset,
    table_text,
    write_table,
)
from graph.load.cells import CsvError, csv_records, header_problem, issue_order
from graph.load.evidence import format_citation, paragraph_ranges, parse_evidence, read_paragraphs

__all__ = [
    "CONDITIONAL_FIELDS",
    "DATASET_TABLES",
    "EVIDENCE_SOURCES",
    "EXCLUDED_KINDS",
    "FORMAT_COMMAND",
    "KIND_REFERENCES",
    "LIST_REFERENCES",
    "ORDERED_FIELDS",
    "CsvError",
    "DataError",
    "DataIssue",
    "Dataset",
    "canonical_csv",
    "canonical_row_order",
    "csv_records",
    "default_data_dir",
    "default_sources_dir",
    "format_citation",
    "format_data",
    "header_problem",
    "issue_order",
    "load_dataset",
    "load_tables",
    "paragraph_ranges",
    "parse_evidence",
    "read_paragraphs",
    "resolves_inside",
    "save_dataset",
    "table_text",
    "validate",
    "write_table",
]

# The loader's public names are this package's: tracebacks and reprs say graph.load.
for _name in ("DataError", "DataIssue", "Dataset", "CsvError"):
    globals()[_name].__module__ = __name__

"""Checks across rows and tables: foreign keys, the rules the descriptor cannot express,
and evidence against the sources' paragraphs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from graph.dates import PartialDate
from graph.load._base import (
    _COPIED_FIELDS,
    _DISTINCT_FIELDS,
    _KIND_ONLY_FIELDS,
    _SIGNED_FIELDS,
    CONDITIONAL_FIELDS,
    EVIDENCE_SOURCES,
    EXCLUDED_KINDS,
    KIND_REFERENCES,
    LIST_REFERENCES,
    ORDERED_FIELDS,
    _show,
    parsed_once,
)
from graph.load.cells import _parsed_date, _Report, _Table
from graph.load.descriptor import _number_text
from graph.load.evidence import parse_evidence

# --- Checks across rows and tables ------------------------------------------------------


def _singular(table: str) -> str:
    name = table.replace("_", " ")
    return name[:-1] if name.endswith("s") else name


def _key_set(table: _Table, fields: list[str]) -> set[tuple[Any, ...]]:
    columns = [table.columns[name] for name in fields]
    return {values for values in zip(*columns, strict=True) if None not in values}


def _column(tables: dict[str, _Table], table: str, *fields: str) -> Iterator[tuple[Any, ...]]:
    """(line, value...) for each row of a readable table that has all the fields."""
    found = tables.get(table)
    if found is None or not found.readable or not all(f in found.columns for f in fields):
        return iter(())
    return zip(found.lines, *(found.columns[f] for f in fields), strict=True)


def _check_foreign_keys(tables: dict[str, _Table], report: _Report) -> None:
    for table in tables.values():
        if not table.readable:
            continue
        for fields, target, target_fields in table.resource.foreign_keys:
            other = tables.get(target)
            if other is None or not other.complete:
                continue  # a dropped row could hold the key: no guessing
            if not all(name in other.columns for name in target_fields):
                continue
            keys = _key_set(other, target_fields)
            what = _singular(target)
            if target_fields != other.resource.primary_key:
                what += " " + "/".join(target_fields)
            for line, *values in _column(tables, table.resource.name, *fields):
                if None in values or tuple(values) in keys:
                    continue
                shown = values[0] if len(values) == 1 else tuple(values)
                report.add(table.file, line, fields[0], f"unknown {what} {_show(shown)}")

    for (name, list_field), (target, key) in LIST_REFERENCES.items():
        other = tables.get(target)
        if other is None or not other.complete or key not in other.columns:
            continue
        keys = set(other.columns[key])
        for line, items in _column(tables, name, list_field):
            for item in items or ():
                if item and item not in keys:
                    message = f"unknown {_singular(target)} {_show(item)}"
                    report.add(tables[name].file, line, list_field, message)

    for (name, ref_field), (target, kind_field, kind) in KIND_REFERENCES.items():
        kinds = _keyed(tables, target, kind_field)
        for line, value in _column(tables, name, ref_field):
            if value in kinds and kinds[value] != kind:
                message = (
                    f"{_singular(target)} {_show(value)} is of {kind_field} "
                    f"{_show(kinds[value])}, not {_show(kind)}"
                )
                report.add(tables[name].file, line, ref_field, message)

    for (name, ref_field), (target, kind_field, kind) in EXCLUDED_KINDS.items():
        kinds = _keyed(tables, target, kind_field)
        for line, value in _column(tables, name, ref_field):
            if value in kinds and kinds[value] == kind:
                message = (
                    f"{_singular(target)} {_show(value)} is of {kind_field} {_show(kind)}, "
                    f"which {_singular(name)} rows may not name"
                )
                report.add(tables[name].file, line, ref_field, message)


def _keyed(tables: dict[str, _Table], table: str, field_name: str) -> dict[Any, Any]:
    """{key: field value} of a readable table with a one-field primary key, else {}."""
    found = tables.get(table)
    if found is None or not found.readable or len(found.resource.primary_key) != 1:
        return {}
    key = found.resource.primary_key[0]
    if key not in found.columns or field_name not in found.columns:
        return {}
    return dict(zip(found.columns[key], found.columns[field_name], strict=True))


def _check_rows(tables: dict[str, _Table], report: _Report) -> None:
    for name, first_field, later_field in ORDERED_FIELDS:
        for line, first, later in _column(tables, name, first_field, later_field):
            if first is None or later is None:
                continue
            if isinstance(first, str):
                start, end = _parsed_date(first, report.dates), _parsed_date(later, report.dates)
                # A bad date is reported already; compare days covered, not the texts.
                if (
                    isinstance(start, PartialDate)
                    and isinstance(end, PartialDate)
                    and start.first > end.last
                ):
                    message = f"{_show(later)} is before {first_field} {_show(first)}"
                    report.add(tables[name].file, line, later_field, message)
            elif first > later:
                message = f"{later} is less than {first_field} {first}"
                report.add(tables[name].file, line, later_field, message)

    for name, field_name, other in _DISTINCT_FIELDS:
        for line, value, other_value in _column(tables, name, field_name, other):
            if value is not None and value == other_value:
                message = f"{_show(value)} is the same as {other}"
                report.add(tables[name].file, line, field_name, message)

    for name, field_name, via, target, target_field in _COPIED_FIELDS:
        expected = _keyed(tables, target, target_field)
        for line, value, ref in _column(tables, name, field_name, via):
            if value is None or ref not in expected or expected[ref] is None:
                continue
            if value != expected[ref]:
                message = (
                    f"{value} differs from the {target_field} {expected[ref]} of "
                    f"{_singular(target)} {_show(ref)}"
                )
                report.add(tables[name].file, line, field_name, message)

    for name, magnitude, sign in _SIGNED_FIELDS:
        for line, value, sign_value in _column(tables, name, magnitude, sign):
            if value is None or sign_value is None:
                continue
            if (value > 0) - (value < 0) != sign_value:
                shown = _number_text(value)
                need = {1: "above 0", -1: "below 0", 0: "0"}.get(sign_value, "?")
                message = f"{shown} disagrees with {sign} {sign_value} (must be {need})"
                report.add(tables[name].file, line, magnitude, message)

    for name, field_name, wanted, required, forbidden in CONDITIONAL_FIELDS:
        for line, value, *others in _column(tables, name, field_name, *required, *forbidden):
            if value != wanted:
                continue
            file, when = tables[name].file, f"{field_name} is {_show(wanted)}"
            for other, other_value in zip(required, others[: len(required)], strict=True):
                if _is_missing(other_value):
                    report.add(file, line, other, f"missing value, required when {when}")
            for other, other_value in zip(forbidden, others[len(required) :], strict=True):
                if not _is_missing(other_value):
                    message = f"{_show(_cell(other_value))} must be empty when {when}"
                    report.add(file, line, other, message)

    for name, field_name, kind_field, kind in _KIND_ONLY_FIELDS:
        for line, value, row_kind in _column(tables, name, field_name, kind_field):
            if value is not None and row_kind is not None and row_kind != kind:
                message = f"{_show(value)} is set on a row of {kind_field} {_show(row_kind)}"
                report.add(tables[name].file, line, field_name, f"{message} ({kind} only)")


def _is_missing(value: Any) -> bool:
    return value is None or value == () or (isinstance(value, float) and math.isnan(value))


def _cell(value: Any) -> str:
    return _number_text(value) if isinstance(value, float) else str(value)


def _parsed_evidence(
    text: str, memo: dict[str, tuple[tuple[str, tuple[int, ...]], ...] | str]
) -> tuple[tuple[str, tuple[int, ...]], ...] | str:
    """The citations of an evidence cell, or the error message (parsed once)."""
    return parsed_once(parse_evidence, text, memo)


def _check_evidence(tables: dict[str, _Table], report: _Report) -> None:
    name, body_from, body_to = EVIDENCE_SOURCES
    bodies: dict[str, tuple[Any, Any]] | None = None
    cited = tables.get(name)
    if cited is not None and cited.complete and cited.resource.primary_key:
        key = cited.resource.primary_key[0]
        ids, lows, highs = (cited.columns.get(c) for c in (key, body_from, body_to))
        if ids is not None and lows is not None and highs is not None:
            bodies = {ident: (low, high) for ident, low, high in zip(ids, lows, highs, strict=True)}
    for table in tables.values():
        if "evidence" not in table.columns:
            continue
        for line, text in _column(tables, table.resource.name, "evidence"):
            if text is None:
                continue
            for part in text.split(";"):
                citation = _parsed_evidence(part, report.evidence)
                if isinstance(citation, str):
                    if "does not ascend" in citation:
                        report.add(table.file, line, "evidence", citation)
                    continue  # a malformed cell is reported by its pattern
                if bodies is not None:
                    _check_citation(table.file, line, citation[0], bodies, report)


def _check_citation(
    file: str,
    line: int,
    citation: tuple[str, tuple[int, ...]],
    bodies: dict[str, tuple[Any, Any]],
    report: _Report,
) -> None:
    source, paragraphs = citation
    if source not in bodies:
        report.add(file, line, "evidence", f"unknown source {_show(source)}")
        return
    low, high = bodies[source]
    if low is None or high is None or low > high:
        return  # a broken body range is reported on the source itself
    outside = [p for p in paragraphs if not low <= p <= high]
    if outside:
        shown = ", ".join(map(str, outside))
        verb = "paragraphs {} are" if len(outside) > 1 else "paragraph {} is"
        message = f"{verb.format(shown)} outside the body of {_show(source)} ({low}-{high})"
        report.add(file, line, "evidence", message)

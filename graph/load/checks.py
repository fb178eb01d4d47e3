"""Checks across rows and tables: foreign keys, the rules the descriptor cannot express,
and evidence against the sources' paragraphs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from graph.dates import PartialDate
from graph.i18n import N_, ngettext
from graph.i18n import gettext as _
from graph.load._base import (
    _CITATION,
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

# The messages that name a row of another table, one per table (the words around the table's
# name differ from language to language); a table not listed is named by :func:`_singular`.
#: An unknown key: table -> message.
_UNKNOWN: dict[str, str] = {
    "sources": N_("unknown source {value}"),
    "relation_types": N_("unknown relation type {value}"),
    "places": N_("unknown place {value}"),
    "actors": N_("unknown actor {value}"),
    "relations": N_("unknown relation {value}"),
    "events": N_("unknown event {value}"),
    "borders": N_("unknown border {value}"),
    "areas": N_("unknown area {value}"),
}
#: A row of the wrong kind (:data:`KIND_REFERENCES`): referenced table -> message.
_WRONG_KIND: dict[str, str] = {
    "actors": N_("actor {value} is of {field} {found}, not {wanted}"),
}
#: A row of an excluded kind (:data:`EXCLUDED_KINDS`): (table, referenced table) -> message.
_EXCLUDED_KIND: dict[tuple[str, str], str] = {
    ("areas", "actors"): N_("actor {value} is of {field} {kind}, which area rows may not name"),
}
#: A value that differs from the referenced row's (``_COPIED_FIELDS``): referenced table ->
#: message.
_DIFFERS: dict[str, str] = {
    "relation_types": N_("{value} differs from the {field} {expected} of relation type {ref}"),
}


def _singular(table: str) -> str:
    name = table.replace("_", " ")
    return name[:-1] if name.endswith("s") else name


def _unknown(target: str, what: str, shown: str) -> str:
    """The message of a key no row of ``target`` holds (``unknown actor 'x'``); ``what``
    names the table, and its fields when they are not its primary key."""
    if what == _singular(target) and target in _UNKNOWN:
        return _(_UNKNOWN[target]).format(value=shown)
    return _("unknown {table} {value}").format(table=what, value=shown)


def _wrong_kind(target: str) -> str:
    """The message of a row of ``target`` of the wrong kind, to format."""
    if target in _WRONG_KIND:
        return _(_WRONG_KIND[target])
    return _("{table} {value} is of {field} {found}, not {wanted}")


def _excluded_kind(name: str, target: str) -> str:
    """The message of a row of ``name`` naming a row of ``target`` of an excluded kind."""
    if (name, target) in _EXCLUDED_KIND:
        return _(_EXCLUDED_KIND[name, target])
    return _("{table} {value} is of {field} {kind}, which {rows} rows may not name")


def _differs(target: str) -> str:
    """The message of a value that differs from the row of ``target`` it copies."""
    if target in _DIFFERS:
        return _(_DIFFERS[target])
    return _("{value} differs from the {field} {expected} of {table} {ref}")


def _sign_message(sign: Any) -> str:
    """The message of a magnitude whose sign disagrees with ``sign``, to format."""
    if sign == 1:
        return _("{value} disagrees with {field} {sign} (must be above 0)")
    if sign == -1:
        return _("{value} disagrees with {field} {sign} (must be below 0)")
    if sign == 0:
        return _("{value} disagrees with {field} {sign} (must be 0)")
    return _("{value} disagrees with {field} {sign} (must be ?)")


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
                shown = _show(values[0] if len(values) == 1 else tuple(values))
                report.add(table.file, line, fields[0], _unknown(target, what, shown))

    for (name, list_field), (target, key) in LIST_REFERENCES.items():
        other = tables.get(target)
        if other is None or not other.complete or key not in other.columns:
            continue
        keys = set(other.columns[key])
        for line, items in _column(tables, name, list_field):
            for item in items or ():
                if item and item not in keys:
                    message = _unknown(target, _singular(target), _show(item))
                    report.add(tables[name].file, line, list_field, message)

    for (name, ref_field), (target, kind_field, kind) in KIND_REFERENCES.items():
        kinds = _keyed(tables, target, kind_field)
        for line, value in _column(tables, name, ref_field):
            if value in kinds and kinds[value] != kind:
                message = _wrong_kind(target).format(
                    table=_singular(target),
                    value=_show(value),
                    field=kind_field,
                    found=_show(kinds[value]),
                    wanted=_show(kind),
                )
                report.add(tables[name].file, line, ref_field, message)

    for (name, ref_field), (target, kind_field, kind) in EXCLUDED_KINDS.items():
        kinds = _keyed(tables, target, kind_field)
        for line, value in _column(tables, name, ref_field):
            if value in kinds and kinds[value] == kind:
                message = _excluded_kind(name, target).format(
                    table=_singular(target),
                    value=_show(value),
                    field=kind_field,
                    kind=_show(kind),
                    rows=_singular(name),
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
                    message = _("{value} is before {field} {first}").format(
                        value=_show(later), field=first_field, first=_show(first)
                    )
                    report.add(tables[name].file, line, later_field, message)
            elif first > later:
                message = _("{value} is less than {field} {first}").format(
                    value=later, field=first_field, first=first
                )
                report.add(tables[name].file, line, later_field, message)

    for name, field_name, other in _DISTINCT_FIELDS:
        for line, value, other_value in _column(tables, name, field_name, other):
            if value is not None and value == other_value:
                message = _("{value} is the same as {field}").format(
                    value=_show(value), field=other
                )
                report.add(tables[name].file, line, field_name, message)

    for name, field_name, via, target, target_field in _COPIED_FIELDS:
        expected = _keyed(tables, target, target_field)
        for line, value, ref in _column(tables, name, field_name, via):
            if value is None or ref not in expected or expected[ref] is None:
                continue
            if value != expected[ref]:
                message = _differs(target).format(
                    value=value,
                    field=target_field,
                    expected=expected[ref],
                    table=_singular(target),
                    ref=_show(ref),
                )
                report.add(tables[name].file, line, field_name, message)

    for name, magnitude, sign in _SIGNED_FIELDS:
        for line, value, sign_value in _column(tables, name, magnitude, sign):
            if value is None or sign_value is None:
                continue
            if (value > 0) - (value < 0) != sign_value:
                message = _sign_message(sign_value).format(
                    value=_number_text(value), field=sign, sign=sign_value
                )
                report.add(tables[name].file, line, magnitude, message)

    for name, field_name, wanted, required, forbidden in CONDITIONAL_FIELDS:
        for line, value, *others in _column(tables, name, field_name, *required, *forbidden):
            if value != wanted:
                continue
            file, shown = tables[name].file, _show(wanted)
            for other, other_value in zip(required, others[: len(required)], strict=True):
                if _is_missing(other_value):
                    message = _("missing value, required when {field} is {wanted}").format(
                        field=field_name, wanted=shown
                    )
                    report.add(file, line, other, message)
            for other, other_value in zip(forbidden, others[len(required) :], strict=True):
                if not _is_missing(other_value):
                    message = _("{value} must be empty when {field} is {wanted}").format(
                        value=_show(_cell(other_value)), field=field_name, wanted=shown
                    )
                    report.add(file, line, other, message)

    for name, field_name, kind_field, kind in _KIND_ONLY_FIELDS:
        for line, value, row_kind in _column(tables, name, field_name, kind_field):
            if value is not None and row_kind is not None and row_kind != kind:
                message = _("{value} is set on a row of {field} {found} ({kind} only)").format(
                    value=_show(value), field=kind_field, found=_show(row_kind), kind=kind
                )
                report.add(tables[name].file, line, field_name, message)


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
                    # A part of the right form whose range does not ascend; any other
                    # malformed cell is reported by its pattern.
                    if _CITATION.fullmatch(part):
                        report.add(table.file, line, "evidence", citation)
                    continue
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
        report.add(file, line, "evidence", _unknown(EVIDENCE_SOURCES[0], "source", _show(source)))
        return
    low, high = bodies[source]
    if low is None or high is None or low > high:
        return  # a broken body range is reported on the source itself
    outside = [p for p in paragraphs if not low <= p <= high]
    if outside:
        message = ngettext(
            "paragraph {paragraphs} is outside the body of {source} ({low}-{high})",
            "paragraphs {paragraphs} are outside the body of {source} ({low}-{high})",
            len(outside),
        ).format(paragraphs=", ".join(map(str, outside)), source=_show(source), low=low, high=high)
        report.add(file, line, "evidence", message)

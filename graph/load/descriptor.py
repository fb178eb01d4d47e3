"""The Frictionless descriptor (``datapackage.json``) checked and compiled into the checks
the tables are read with.
"""

from __future__ import annotations

import json
import math
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graph.dates import DATE_PATTERN
from graph.i18n import gettext as _
from graph.load._base import (
    _CONTROL,
    _COPIED_FIELDS,
    _DEFAULT_FALSE,
    _DEFAULT_TRUE,
    _INTEGER,
    _INVALID,
    _NUMBER,
    _OUTSIDE,
    _SIGNED_FIELDS,
    DATASET_TABLES,
    DESCRIPTOR,
    EVIDENCE_SOURCES,
    LIST_REFERENCES,
    ORDERED_FIELDS,
    _show,
)
from graph.load._paths import resolves_inside
from graph.load._types import DataIssue
from graph.vocabulary import VOCABULARY, vocabulary_problems

# --- Descriptor ------------------------------------------------------------------------------


@dataclass
class _Field:
    """A descriptor field, compiled for checking."""

    name: str
    type: str
    required: bool = False
    unique: bool = False
    separator: str | None = None
    missing: frozenset[str] = frozenset({""})
    true_values: tuple[str, ...] = _DEFAULT_TRUE
    false_values: tuple[str, ...] = _DEFAULT_FALSE
    enum: frozenset[Any] | None = None
    enum_text: str = ""
    pattern: re.Pattern[str] | None = None
    is_date: bool = False
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    uri: bool = False

    def convert(self, text: str) -> Any:
        """Typed value of a non-missing cell, or ``_INVALID``."""
        if self.type == "integer":
            if not _INTEGER.fullmatch(text):
                return _INVALID
            value = int(text)
            return value if -(2**63) <= value < 2**63 else _INVALID
        if self.type == "number":
            return float(text) if _NUMBER.fullmatch(text) else _INVALID
        if self.type == "boolean":
            if text in self.true_values:
                return True
            return False if text in self.false_values else _INVALID
        return text

    def type_message(self, text: str) -> str:
        if self.type == "boolean":
            allowed = ", ".join(self.true_values + self.false_values)
            return _("{value} is not a boolean ({allowed})").format(
                value=_show(text), allowed=allowed
            )
        if self.type == "integer":
            return _("{value} is not an integer").format(value=_show(text))
        if self.type == "number":
            return _("{value} is not a number").format(value=_show(text))
        return f"{_show(text)} is not a {self.type}"  # no other type is ever invalid

    def cell_text(self, value: Any) -> str:
        """Canonical text of a typed value (None, NaN and NA are empty)."""
        if value is None or value is pd.NA:
            return ""
        if isinstance(value, (tuple, list)):
            return (self.separator or ";").join(value)
        if isinstance(value, (bool, np.bool_)):
            return self.true_values[0] if value else self.false_values[0]
        if isinstance(value, numbers.Integral):
            return str(int(value))
        if isinstance(value, numbers.Real):
            return _number_text(float(value))
        return str(value)


def _number_text(value: float) -> str:
    """Shortest text of a number: ``5`` not ``5.0``, ``2.5``; NaN is empty."""
    number = float(value)
    if math.isnan(number):
        return ""
    if number.is_integer() and abs(number) < 1e16:
        return str(int(number))
    return repr(number)


@dataclass
class _Resource:
    name: str
    file: str
    fields: list[_Field]
    primary_key: list[str]
    foreign_keys: list[tuple[list[str], str, list[str]]]
    dialect: dict[str, Any]
    where: str = "resources[0]"  # JSON path of the resource in the descriptor

    def field_spec(self, name: str) -> _Field | None:
        return next((spec for spec in self.fields if spec.name == name), None)

    def field_path(self, name: str) -> str:
        index = [spec.name for spec in self.fields].index(name)
        return f"{self.where}.schema.fields[{index}]"


_TABULAR = "tabular-data-resource"
_SUPPORTED_TYPES = ("string", "integer", "number", "boolean")
# Table Schema types the loader does not read: a descriptor naming one is refused, not
# silently read as text.
_OTHER_TYPES = frozenset(
    {"object", "array", "date", "time", "datetime", "year", "yearmonth", "duration"}
    | {"geopoint", "geojson", "any"}
)
_NUMERIC = frozenset({"integer", "number"})
_CONSTRAINTS = frozenset(
    {"required", "unique", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength"}
)
# The Data Package's "created": a date and time, as the standard (and frictionless) read it.
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
_FORMATS = frozenset({"default", "uri"})
# Field properties that change how a cell is read; the loader reads cells one way only.
_UNSUPPORTED_FIELD_KEYS = ("bareNumber", "decimalChar", "groupChar")
_DIALECT_KEYS = frozenset({"delimiter", "quoteChar", "doubleQuote", "lineTerminator", "header"})
_LINE_TERMINATORS = ("\n", "\r\n")
_RESOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
_JSON_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _read_descriptor(directory: Path, issues: list[DataIssue]) -> Any:
    """The parsed descriptor, or None (with an issue) if it cannot be read as JSON."""
    path = directory / DESCRIPTOR
    if not resolves_inside(path, directory):
        issues.append(DataIssue(DESCRIPTOR, None, None, _OUTSIDE))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        issues.append(DataIssue(DESCRIPTOR, None, None, "file not found"))
        return None
    except (OSError, UnicodeDecodeError) as error:
        issues.append(DataIssue(DESCRIPTOR, None, None, f"cannot be read: {error}"))
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        issues.append(DataIssue(DESCRIPTOR, error.lineno, None, f"invalid JSON: {error.msg}"))
    except (ValueError, RecursionError) as error:  # an integer of 4,300+ digits; deep nesting
        issues.append(DataIssue(DESCRIPTOR, None, None, f"invalid JSON: {error}"))
    return None


class _Problems:
    """Collects descriptor problems, each placed at its JSON path (``field`` of the issue)."""

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues

    def __call__(self, path: str, message: str) -> None:
        self.issues.append(DataIssue(DESCRIPTOR, None, path or None, message))

    def count(self) -> int:
        return len(self.issues)


def _json_show(value: Any) -> str:
    """Short JSON text of a descriptor value, for messages."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 60 else text[:59] + "…"


def _key(path: str, key: str | int) -> str:
    """JSON path of ``key`` under ``path``: ``a.b``, ``a[0]``, ``a["odd key"]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _JSON_NAME.fullmatch(key):
        return f"{path}.{key}" if path else key
    return f"{path}[{json.dumps(key, ensure_ascii=False)}]"


def _is_number(value: Any) -> bool:
    """A finite JSON number (booleans are not numbers)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and (isinstance(value, int) or math.isfinite(value))
    )


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _names_list(value: Any) -> list[str] | None:
    """A field-name list (a lone string counts as one name); None if malformed."""
    if isinstance(value, str):
        return [value] if value else None
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return list(value)
    return None


def _strings_list(value: Any, *, empty_items: bool = True) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    if not empty_items and not all(value):
        return None
    return list(value)


def _path_problem(value: Any) -> str | None:
    """Why ``value`` is not a safe relative path inside the data folder, or None."""
    if not isinstance(value, str):
        return f"must be a relative file path (a string), not {_json_show(value)}"
    if not value:
        return "must not be empty"
    if _CONTROL.search(value) or "\n" in value:
        return f"{_show(value)} holds a control character"
    if "\\" in value:
        return f"{_show(value)}: separate folders with '/', not '\\'"
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        return f"{_show(value)} must be a path inside the data folder, not a URL or drive"
    if value.startswith("/"):
        return f"{_show(value)} must be relative to the data folder, not absolute"
    if any(part in ("", ".", "..") for part in value.split("/")):
        return f"{_show(value)} must not hold '..', '.' or empty parts"
    if value == DESCRIPTOR:
        return f"{_show(value)} is the descriptor itself"
    return None


def _check_provenance(container: dict[str, Any], where: str, problem: _Problems) -> None:
    """``sources`` and ``licenses``: lists of objects, a source with a title, a licence
    with a name or a path."""
    for key in ("sources", "licenses"):
        if key not in container:
            continue
        path = _key(where, key)
        items = container[key]
        if not isinstance(items, list):
            problem(path, f"must be a list of objects, not {_json_show(items)}")
            continue
        for index, item in enumerate(items):
            at = _key(path, index)
            if not isinstance(item, dict):
                problem(at, f"must be an object, not {_json_show(item)}")
                continue
            for name in ("title", "path", "name", "email"):
                if name in item and not isinstance(item[name], str):
                    problem(_key(at, name), f"must be a string, not {_json_show(item[name])}")
            if key == "sources" and not (isinstance(item.get("title"), str) and item["title"]):
                problem(at, "a source needs a title")
            if key == "licenses" and not any(
                isinstance(item.get(name), str) and item[name] for name in ("name", "path")
            ):
                problem(at, "a licence needs a name or a path")


def _compile_resources(descriptor: Any, issues: list[DataIssue]) -> dict[str, _Resource]:
    """Check the descriptor's shape and compile its well-formed tabular resources.

    Every problem becomes an issue placed at its JSON path; a resource with any problem
    is left out (so its file is not read), and nothing raises, whatever the JSON holds.
    """
    problem = _Problems(issues)
    if not isinstance(descriptor, dict):
        problem("", f"the descriptor must be a JSON object, not {_json_show(descriptor)}")
        return {}
    for key in ("profile", "name", "title", "version", "created"):
        if key in descriptor and not isinstance(descriptor[key], str):
            problem(key, f"must be a string, not {_json_show(descriptor[key])}")
    created = descriptor.get("created")
    if isinstance(created, str) and not _RFC3339.fullmatch(created):
        problem(
            "created",
            f"{_show(created)} is not a date and time of RFC 3339, like 2026-11-29T00:00:00Z",
        )
    _check_provenance(descriptor, "", problem)
    raw_resources = descriptor.get("resources")
    if not isinstance(raw_resources, list):
        if "resources" not in descriptor:
            problem("resources", "no 'resources' list")
        else:
            problem("resources", f"must be a list of resources, not {_json_show(raw_resources)}")
        return {}

    declared: dict[str, tuple[int, bool]] = {}  # name -> (position, tabular)
    paths: dict[str, int] = {}
    candidates: dict[str, _Resource] = {}
    for position, raw in enumerate(raw_resources):
        where = f"resources[{position}]"
        before = problem.count()
        name, tabular, resource = _compile_resource(raw, where, problem)
        if name is not None:
            if name in declared:
                first = declared[name][0]
                problem(_key(where, "name"), f"{name!r} names resources[{first}] already")
            else:
                declared[name] = (position, tabular)
        file = raw.get("path") if isinstance(raw, dict) else None
        if isinstance(file, str) and _path_problem(file) is None:
            if file in paths:
                problem(_key(where, "path"), f"{file!r} is the path of resources[{paths[file]}]")
            else:
                paths[file] = position
        if resource is not None and problem.count() == before:
            candidates[resource.name] = resource

    for name in DATASET_TABLES:
        if name not in declared:
            problem("resources", f"no resource {name!r}")

    resources: dict[str, _Resource] = {}
    for name, resource in candidates.items():
        before = problem.count()
        _check_references(resource, declared, candidates, problem)
        if problem.count() == before:
            resources[name] = resource
    for resource, field_name, message in _rule_type_problems(candidates):
        problem(resource.field_path(field_name), f"{resource.name}.{field_name}: {message}")
        resources.pop(resource.name, None)
    for (table, field_name), message in _vocabulary_problems(candidates):
        resource = candidates[table]
        path = _key(_key(resource.field_path(field_name), "constraints"), "enum")
        problem(path, f"{table}.{field_name}: {message}")
        resources.pop(table, None)
    return resources


def _vocabulary_problems(resources: dict[str, _Resource]) -> list[tuple[tuple[str, str], str]]:
    """The controlled fields (:data:`graph.vocabulary.VOCABULARY`) these resources declare
    with values the code cannot rank or draw."""
    enums: dict[tuple[str, str], list[Any] | None] = {}
    for table, field_name in VOCABULARY:
        resource = resources.get(table)
        spec = resource.field_spec(field_name) if resource is not None else None
        if spec is not None:
            enums[(table, field_name)] = None if spec.enum is None else sorted(spec.enum, key=str)
    return vocabulary_problems(enums)


def _compile_resource(
    raw: Any, where: str, problem: _Problems
) -> tuple[str | None, bool, _Resource | None]:
    """(name, tabular, compiled resource) of one descriptor resource.

    The compiled resource is None for a non-tabular resource (its file is not read) and
    for one whose shape is wrong (the problems are reported).
    """
    if not isinstance(raw, dict):
        problem(where, f"a resource must be an object, not {_json_show(raw)}")
        return None, False, None
    before = problem.count()
    name = raw.get("name")
    if not isinstance(name, str) or not _RESOURCE_NAME.fullmatch(name):
        shown = "none" if "name" not in raw else _json_show(name)
        message = f"must be a lower-case name (a-z, 0-9, '.', '_', '-'), not {shown}"
        problem(_key(where, "name"), message)
        name = None
    label = name or where
    wrong_path = _path_problem(raw.get("path"))
    if wrong_path is not None:
        problem(_key(where, "path"), f"{label}: path {wrong_path}")
    for key in ("profile", "title", "description", "format", "mediatype", "encoding"):
        if key in raw and not isinstance(raw[key], str):
            problem(_key(where, key), f"{label}: must be a string, not {_json_show(raw[key])}")
    encoding = raw.get("encoding", "utf-8")
    if isinstance(encoding, str) and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        problem(_key(where, "encoding"), f"{label}: encoding {encoding!r} is not supported (utf-8)")
    _check_provenance(raw, where, problem)

    tabular = raw.get("profile") == _TABULAR
    if name in DATASET_TABLES and not tabular:
        found = _json_show(raw.get("profile")) if "profile" in raw else "none"
        message = f"{label}: a table of the dataset needs the profile {_TABULAR!r} ({found})"
        problem(_key(where, "profile"), message)
        tabular = True  # checked as a table all the same, to report what else is wrong
    if not tabular:
        return name, False, None

    schema = raw.get("schema")
    schema_at = _key(where, "schema")
    if not isinstance(schema, dict):
        problem(schema_at, f"{label}: a tabular resource needs a schema object")
        return name, True, None
    missing = _strings_list(schema.get("missingValues", [""]))
    if missing is None:
        message = f"{label}: missingValues must be a list of strings"
        problem(_key(schema_at, "missingValues"), message)
        missing = [""]
    raw_fields = schema.get("fields")
    fields_at = _key(schema_at, "fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        problem(fields_at, f"{label}: schema.fields must be a non-empty list of field objects")
        return name, True, None
    key_at = _key(schema_at, "primaryKey")
    raw_key = schema.get("primaryKey", [])
    primary_key = [] if raw_key == [] else _names_list(raw_key)
    if primary_key is None:
        shown = _json_show(raw_key)
        problem(key_at, f"{label}: primaryKey must be a field name or a list of them, not {shown}")
    key_ok, primary_key = primary_key is not None, primary_key or []
    fields: list[_Field] = []
    for index, raw_field in enumerate(raw_fields):
        compiled = _compile_field(
            raw_field, _key(fields_at, index), label, frozenset(missing), primary_key, problem
        )
        if compiled is not None:
            if any(spec.name == compiled.name for spec in fields):
                message = f"{label}: field {compiled.name!r} is declared twice"
                problem(_key(_key(fields_at, index), "name"), message)
            fields.append(compiled)
    names = {spec.name: spec for spec in fields}
    if key_ok and name in DATASET_TABLES and primary_key != ["id"]:
        message = f"{label}: a table of the dataset is keyed by 'id', not {primary_key}"
        problem(key_at, message)
    if len(set(primary_key)) != len(primary_key):
        problem(key_at, f"{label}: primaryKey {primary_key} repeats a field")
    for key in primary_key:
        if key not in names:
            problem(key_at, f"{label}: primary key {key!r} is not a field")
        elif names[key].separator is not None:
            problem(key_at, f"{label}: primary key {key!r} is a list field")
    foreign_keys = _compile_foreign_keys(schema, schema_at, label, names, problem)
    dialect = _compile_dialect(raw, where, label, problem)
    if name is None or problem.count() != before or len(fields) != len(raw_fields):
        return name, True, None
    resource = _Resource(name, raw["path"], fields, primary_key, foreign_keys, dialect, where)
    return name, True, resource


def _compile_foreign_keys(
    schema: dict[str, Any],
    schema_at: str,
    label: str,
    names: dict[str, _Field],
    problem: _Problems,
) -> list[tuple[list[str], str, list[str]]]:
    raw_keys = schema.get("foreignKeys", [])
    at = _key(schema_at, "foreignKeys")
    if not isinstance(raw_keys, list):
        problem(at, f"{label}: foreignKeys must be a list, not {_json_show(raw_keys)}")
        return []
    foreign_keys = []
    for index, fk in enumerate(raw_keys):
        fk_at = _key(at, index)
        reference = fk.get("reference") if isinstance(fk, dict) else None
        own = _names_list(fk.get("fields")) if isinstance(fk, dict) else None
        target = reference.get("resource", "") if isinstance(reference, dict) else None
        target_fields = (
            _names_list(reference.get("fields")) if isinstance(reference, dict) else None
        )
        if own is None or not isinstance(target, str) or target_fields is None:
            message = (
                f"{label}: a foreign key needs 'fields' (names) and a 'reference' with "
                f"'resource' and 'fields': {_json_show(fk)}"
            )
            problem(fk_at, message)
            continue
        if len(own) != len(target_fields):
            problem(fk_at, f"{label}: foreign key {own} -> {target_fields}: counts differ")
            continue
        unknown = [f for f in own if f not in names]
        if unknown:
            problem(_key(fk_at, "fields"), f"{label}: foreign key names no field {unknown}")
            continue
        foreign_keys.append((own, target or label, target_fields))  # "": the table itself
    return foreign_keys


def _compile_dialect(
    raw: dict[str, Any], where: str, label: str, problem: _Problems
) -> dict[str, Any]:
    dialect: dict[str, Any] = {"lineTerminator": "\n"}
    if "dialect" not in raw:
        return dialect
    given = raw["dialect"]
    at = _key(where, "dialect")
    if not isinstance(given, dict):
        problem(at, f"{label}: dialect must be an object, not {_json_show(given)}")
        return dialect
    for key, value in given.items():
        key_at = _key(at, key)
        if key not in _DIALECT_KEYS:
            problem(key_at, f"{label}: dialect {key!r} is not supported")
        elif key in ("delimiter", "quoteChar"):
            if not isinstance(value, str) or len(value) != 1 or value in "\r\n":
                problem(key_at, f"{label}: {key} must be one character, not {_json_show(value)}")
            elif _CONTROL.search(value) and value != "\t":
                problem(key_at, f"{label}: {key} {value!r} is a control character")
            else:
                dialect[key] = value
        elif key == "lineTerminator":
            if value not in _LINE_TERMINATORS:
                problem(key_at, f"{label}: lineTerminator must be '\\n' or '\\r\\n'")
            else:
                dialect[key] = value
        elif value is not True:  # doubleQuote, header: the only form the loader reads
            problem(key_at, f"{label}: {key} must be true, not {_json_show(value)}")
    if dialect.get("delimiter", ",") == dialect.get("quoteChar", '"'):
        problem(at, f"{label}: delimiter and quoteChar must differ")
    return dialect


def _compile_field(
    raw: Any,
    where: str,
    resource: str,
    missing: frozenset[str],
    primary_key: list[str],
    problem: _Problems,
) -> _Field | None:
    """One field, its problems reported; None if it has no name to compile it under."""
    if not isinstance(raw, dict):
        problem(where, f"{resource}: a field must be an object, not {_json_show(raw)}")
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        problem(_key(where, "name"), f"{resource}: a field needs a name: {_json_show(raw)}")
        return None
    label = f"{resource}.{name}"

    def bad(message: str, *keys: str) -> None:
        path = where
        for key in keys:
            path = _key(path, key)
        problem(path, f"{label}: {message}")

    kind = raw.get("type", "string")
    typed = isinstance(kind, str) and kind in _SUPPORTED_TYPES
    if not typed:
        what = "not supported" if isinstance(kind, str) and kind in _OTHER_TYPES else "unknown"
        bad(f"type {_json_show(kind)} is {what} (use {', '.join(_SUPPORTED_TYPES)})", "type")
        kind = "string"
    separator = raw.get("listSeparator")
    if separator is not None and (
        not isinstance(separator, str) or not separator or not separator.isprintable()
    ):
        shown = _json_show(separator)
        bad(f"listSeparator must be a non-empty printable string, not {shown}", "listSeparator")
        separator = None
    elif separator is not None and kind != "string":
        bad(f"a list field holds strings, not {kind} values", "listSeparator")
    booleans = {}
    for key, default in (("trueValues", _DEFAULT_TRUE), ("falseValues", _DEFAULT_FALSE)):
        values = _strings_list(raw.get(key, list(default)), empty_items=False)
        if not values:
            bad(f"{key} must be a non-empty list of non-empty strings", key)
            values = list(default)
        booleans[key] = tuple(values)
    if set(booleans["trueValues"]) & set(booleans["falseValues"]):
        bad("trueValues and falseValues overlap", "trueValues")
    for key in _UNSUPPORTED_FIELD_KEYS:
        if key in raw:
            bad(f"{key} is not supported (numbers are read plainly)", key)
    field_format = raw.get("format", "default")
    if not isinstance(field_format, str) or field_format not in _FORMATS:
        bad(f"format {_json_show(field_format)} is not supported (default, uri)", "format")
    constraints = raw.get("constraints", {})
    if not isinstance(constraints, dict):
        bad(f"constraints must be an object, not {_json_show(constraints)}", "constraints")
        constraints = {}
    spec = _Field(
        name=name,
        type=kind,
        required=constraints.get("required") is True or name in primary_key,
        unique=constraints.get("unique") is True,
        separator=separator,
        missing=missing,
        true_values=booleans["trueValues"],
        false_values=booleans["falseValues"],
        uri=field_format == "uri",
    )
    _compile_constraints(spec, constraints, typed, bad)
    return spec


def _compile_constraints(
    spec: _Field, constraints: dict[str, Any], typed: bool, bad: Callable[..., None]
) -> None:
    """Set the constraints of ``spec``; ``bad(message, *keys)`` reports a problem at
    ``constraints.<keys>``. Type-dependent checks wait for a known ``type`` (``typed``)."""
    for key, value in constraints.items():
        if key == "format":  # Table Schema puts it beside the type; frictionless refuses it here
            bad("format is a property of the field, beside its type, not a constraint",
                "constraints", key)  # fmt: skip
        elif key not in _CONSTRAINTS:
            bad(f"constraint {key!r} is not supported", "constraints", key)
        elif key in ("required", "unique") and not isinstance(value, bool):
            bad(f"{key} must be true or false, not {_json_show(value)}", "constraints", key)
        elif key in ("minimum", "maximum") and typed:
            if spec.type not in _NUMERIC or spec.separator is not None:
                bad(f"{key} applies to integer and number fields only", "constraints", key)
            elif not _is_number(value):
                bad(f"{key} must be a number, not {_json_show(value)}", "constraints", key)
            else:
                setattr(spec, key, value)
        elif key in ("minLength", "maxLength"):
            if _is_count(value):
                setattr(spec, "min_length" if key == "minLength" else "max_length", value)
            else:
                bad(
                    f"{key} must be a whole number >= 0, not {_json_show(value)}",
                    "constraints",
                    key,
                )
        elif key == "enum" and typed:
            _compile_enum(spec, value, bad)
        elif key == "pattern":
            if not isinstance(value, str):
                bad(f"pattern must be a string, not {_json_show(value)}", "constraints", key)
                continue
            try:
                spec.pattern = re.compile(value)
            except (re.error, OverflowError, RecursionError, ValueError) as error:
                bad(f"invalid pattern {value!r}: {error}", "constraints", key)
            spec.is_date = spec.type == "string" and value == DATE_PATTERN
    if spec.minimum is not None and spec.maximum is not None and spec.minimum > spec.maximum:
        bad(f"minimum {spec.minimum} is above maximum {spec.maximum}", "constraints")
    low, high = spec.min_length, spec.max_length
    if low is not None and high is not None and low > high:
        bad(f"minLength {low} is above maxLength {high}", "constraints")


def _compile_enum(spec: _Field, values: Any, bad: Callable[..., None]) -> None:
    """Set ``spec.enum`` from a list of values of the field's type (items of a list field)."""
    kind = "string" if spec.separator is not None else spec.type
    accepts: dict[str, Callable[[Any], bool]] = {
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": _is_number,
        "boolean": lambda v: isinstance(v, bool),
    }
    if not isinstance(values, list) or not values:
        shown = _json_show(values)
        bad(f"enum must be a non-empty list of {kind} values, not {shown}", "constraints", "enum")
        return
    wrong = [v for v in values if not accepts[kind](v)]
    if wrong:
        bad(f"enum values {_json_show(wrong)} are not {kind} values", "constraints", "enum")
        return
    spec.enum = frozenset(values)
    spec.enum_text = ", ".join(spec.cell_text(v) for v in values)


def _check_references(
    resource: _Resource,
    declared: dict[str, tuple[int, bool]],
    candidates: dict[str, _Resource],
    problem: _Problems,
) -> None:
    """Each foreign key names a tabular resource and its fields, of the same types."""
    for index, (own, target, target_fields) in enumerate(resource.foreign_keys):
        at = f"{resource.where}.schema.foreignKeys[{index}]"
        target = target or resource.name  # "" refers to the resource itself
        label = f"{resource.name}: foreign key {own}"
        if target not in declared:
            problem(_key(at, "reference"), f"{label} refers to no resource {target!r}")
            continue
        if not declared[target][1]:
            problem(_key(at, "reference"), f"{label} refers to {target!r}, which is not a table")
            continue
        other = candidates.get(target)
        if other is None:
            continue  # the target's own problems are reported on it
        unknown = [name for name in target_fields if other.field_spec(name) is None]
        if unknown:
            problem(_key(at, "reference"), f"{label} refers to no field {unknown} of {target!r}")
            continue
        for name, target_name in zip(own, target_fields, strict=True):
            mine, theirs = resource.field_spec(name), other.field_spec(target_name)
            assert mine is not None
            assert theirs is not None
            if _category(mine) != _category(theirs) or mine.separator is not None:
                message = (
                    f"{label}: {name} ({_category(mine)}) cannot refer to "
                    f"{target}.{target_name} ({_category(theirs)})"
                )
                problem(at, message)


def _category(spec: _Field) -> str:
    """What a rule can do with a field's values: compare them as text, numbers, ..."""
    if spec.separator is not None:
        return "list"
    return "number" if spec.type in _NUMERIC else spec.type


def _kind_of(spec: _Field) -> str:
    """The field's type as the descriptor gives it, ``list`` for a list field."""
    return "list" if spec.separator is not None else spec.type


def _rule_type_problems(resources: dict[str, _Resource]) -> list[tuple[_Resource, str, str]]:
    """Fields a rule of this module reads but whose declared type it cannot work with.

    Returns (resource, field, message) triples. A rule whose fields are not declared is
    not applied, so it needs nothing.
    """
    found: list[tuple[_Resource, str, str]] = []

    def spec(table: str, name: str) -> tuple[_Resource | None, _Field | None]:
        resource = resources.get(table)
        return resource, resource.field_spec(name) if resource is not None else None

    def need(table: str, name: str, categories: tuple[str, ...], why: str) -> None:
        resource, field_spec = spec(table, name)
        if resource is None or field_spec is None or _category(field_spec) in categories:
            return
        names = {"number": "integer or number", "list": "a list field (listSeparator)"}
        wanted = " or ".join(names.get(c, c) for c in categories)
        message = f"{why}, so it must be {wanted}, not {_kind_of(field_spec)}"
        found.append((resource, name, message))

    for table, first, later in ORDERED_FIELDS:
        resource, a = spec(table, first)
        _, b = spec(table, later)
        if resource is None or a is None or b is None:
            continue
        if _category(a) != _category(b) or _category(a) not in ("string", "number"):
            message = (
                f"is compared with {first}, so both must be dates (string) or both "
                f"numbers, not {_kind_of(a)} and {_kind_of(b)}"
            )
            found.append((resource, later, message))
    for table, magnitude, sign in _SIGNED_FIELDS:
        need(table, magnitude, ("number",), f"its sign must agree with {sign}")
        need(table, sign, ("number",), f"it gives the sign of {magnitude}")
    for table, name, _via, target, target_name in _COPIED_FIELDS:
        resource, mine = spec(table, name)
        _, theirs = spec(target, target_name)
        if mine is None or theirs is None or resource is None:
            continue
        if _category(mine) != _category(theirs):
            message = (
                f"it must equal {target}.{target_name}, so it must be "
                f"{_kind_of(theirs)}, not {_kind_of(mine)}"
            )
            found.append((resource, name, message))
    for (table, name), (target, key) in LIST_REFERENCES.items():
        need(table, name, ("list",), f"each of its items must name a row of {target} (its {key})")
    for table, resource in resources.items():
        if resource.field_spec("evidence") is not None:
            need(table, "evidence", ("string",), "it cites SOURCE_ID:PARAS")
    table, body_from, body_to = EVIDENCE_SOURCES
    for name in (body_from, body_to):
        need(table, name, ("number",), "it bounds the paragraphs evidence may cite")
    return found

"""The one vocabulary (graph.vocabulary): read from the shipped descriptor, followed by the
code that ranks and draws, and enforced on a data folder's own descriptor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import style, vocabulary
from graph.analysis import CONFIDENCE_WEIGHTS
from graph.briefing import page as briefing_page
from graph.filters import SIGN_NAMES
from graph.load import validate
from graph.vocabulary import (
    CONFIDENCE_LEVELS,
    DESCRIPTOR_PATH,
    RELIABILITY_GRADES,
    SIGNS,
    _read_vocabulary,
    vocabulary_problems,
)


def field_of(descriptor: dict, table: str, field: str) -> tuple[int, int, dict]:
    """(resource index, field index, field) of ``table.field`` in ``descriptor``."""
    for i, resource in enumerate(descriptor["resources"]):
        if resource["name"] == table:
            for j, spec in enumerate(resource["schema"]["fields"]):
                if spec["name"] == field:
                    return i, j, spec
    raise LookupError(f"{table}.{field}")


@pytest.fixture
def descriptor() -> dict:
    return json.loads(DESCRIPTOR_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("table", "field", "words"),
    [
        ("relations", "confidence", CONFIDENCE_LEVELS),
        ("events", "confidence", CONFIDENCE_LEVELS),
        ("relations", "source_reliability", RELIABILITY_GRADES),
        ("relations", "sign", SIGNS),
        ("relation_types", "sign", SIGNS),
    ],
)
def test_the_words_are_the_shipped_descriptors_in_its_order(descriptor, table, field, words):
    assert list(words) == field_of(descriptor, table, field)[2]["constraints"]["enum"]


def test_the_order_written_in_the_descriptor_is_the_order_the_code_ranks_by(
    descriptor, tmp_path: Path
):
    for table in ("relations", "events"):
        field_of(descriptor, table, "confidence")[2]["constraints"]["enum"] = ["high", "low"]
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    assert _read_vocabulary(path)[("relations", "confidence")] == ("high", "low")


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda d: field_of(d, "relations", "confidence")[2].pop("constraints"), "enum of"),
        (lambda d: d.pop("resources"), "enum of"),
        (
            lambda d: field_of(d, "events", "confidence")[2]["constraints"].update(
                enum=["low", "high"]
            ),
            "events.confidence lists ('low', 'high'), not ('low', 'moderate', 'high')",
        ),
    ],
    ids=["no-enum", "no-resources", "two-lists-disagree"],
)
def test_a_broken_shipped_descriptor_is_named_not_a_key_error(
    descriptor, tmp_path: Path, edit, fragment
):
    edit(descriptor)
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(RuntimeError, match=str(path)) as caught:
        _read_vocabulary(path)
    assert fragment in str(caught.value)


def test_a_missing_shipped_descriptor_is_named(tmp_path: Path):
    with pytest.raises(RuntimeError, match=r"datapackage\.json: the shipped descriptor"):
        _read_vocabulary(tmp_path / "datapackage.json")


@pytest.mark.parametrize(
    ("enums", "expected"),
    [
        ({("relations", "confidence"): ["high"]}, []),
        ({("relations", "sign"): [-1, 1]}, []),
        ({("places", "kind"): ["anything"]}, []),  # not a controlled field
        (
            {("relations", "source_reliability"): ["A", "G"]},
            [(("relations", "source_reliability"), "'G' is not a value the program knows")],
        ),
        (
            {("relations", "sign"): [2]},
            [(("relations", "sign"), "2 is not a value the program knows")],
        ),
        (
            {("events", "confidence"): None},
            [(("events", "confidence"), "must list its values (constraints.enum)")],
        ),
    ],
)
def test_vocabulary_problems(enums, expected):
    found = vocabulary_problems(enums)
    assert [key for key, _ in found] == [key for key, _ in expected]
    for (_, message), (_, start) in zip(found, expected, strict=True):
        assert message.startswith(start)


@pytest.mark.parametrize(
    ("table", "field", "constraints", "message"),
    [
        (
            "relations",
            "confidence",
            {"enum": ["low", "medium", "high"]},
            "relations.confidence: 'medium' is not a value the program knows "
            "(use low, moderate, high)",
        ),
        (
            "relations",
            "source_reliability",
            {},
            "relations.source_reliability: must list its values (constraints.enum), "
            "a choice of A, B, C, D, E, F",
        ),
    ],
)
def test_a_data_folder_cannot_add_words_the_code_cannot_rank(
    broken_copy, table, field, constraints, message
):
    descriptor = json.loads(broken_copy.file("datapackage.json").read_text(encoding="utf-8"))
    i, j, spec = field_of(descriptor, table, field)
    spec["constraints"] = {**spec.get("constraints", {}), **constraints}
    if not constraints:
        spec["constraints"].pop("enum")
    broken_copy.file("datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    issues = [i for i in validate(broken_copy.path) if i.file == "datapackage.json"]
    assert [str(issue) for issue in issues] == [
        f"datapackage.json: resources[{i}].schema.fields[{j}].constraints.enum: {message}"
    ]


def test_a_data_folder_may_write_the_words_in_its_own_order(broken_copy):
    descriptor = json.loads(broken_copy.file("datapackage.json").read_text(encoding="utf-8"))
    for table in ("relations", "events"):
        levels = field_of(descriptor, table, "confidence")[2]["constraints"]
        levels["enum"] = ["high", "moderate", "low"]
    broken_copy.file("datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert validate(broken_copy.path) == []


def test_sign_names_cover_the_signs():
    assert sorted(SIGN_NAMES) == sorted(SIGNS)


def test_style_and_briefing_use_the_one_vocabulary():
    assert style.CONFIDENCE_LEVELS is vocabulary.CONFIDENCE_LEVELS
    assert style.SIGN_TEXT is SIGN_NAMES
    assert briefing_page._SIGN_CLASS is SIGN_NAMES


@pytest.mark.parametrize(
    "table", [style.CONFIDENCE_OPACITY, style.CONFIDENCE_TEXT, CONFIDENCE_WEIGHTS]
)
def test_confidence_tables_name_every_level(table):
    assert set(table) == set(CONFIDENCE_LEVELS)


def test_opacity_grows_with_confidence():
    opacities = [style.CONFIDENCE_OPACITY[level] for level in CONFIDENCE_LEVELS]
    assert opacities == sorted(opacities)
    assert opacities[0] < opacities[-1] == 1.0


def test_the_words_cover_the_data_packages_vocabulary() -> None:
    from graph.filters import SIGN_NAMES
    from graph.load import load_dataset
    from graph.vocabulary import CONFIDENCE_LEVELS, WORDS

    statuses = set(load_dataset().relations["status"].dropna())
    assert {*CONFIDENCE_LEVELS, *SIGN_NAMES.values(), *statuses} <= set(WORDS)

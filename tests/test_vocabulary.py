"""The one vocabulary: the constants code uses equal the descriptor's enums."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import briefing, style
from graph.analysis import CONFIDENCE_WEIGHTS
from graph.filters import CONFIDENCE_LEVELS, RELIABILITY_GRADES, SIGN_NAMES

DESCRIPTOR = Path(__file__).resolve().parents[1] / "data" / "datapackage.json"


def enum(table: str, field: str) -> list:
    descriptor = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    (resource,) = [r for r in descriptor["resources"] if r["name"] == table]
    (spec,) = [f for f in resource["schema"]["fields"] if f["name"] == field]
    return spec["constraints"]["enum"]


@pytest.mark.parametrize("table", ["relations", "events"])
def test_confidence_levels_are_the_descriptors(table):
    assert list(CONFIDENCE_LEVELS) == enum(table, "confidence")


def test_reliability_grades_are_the_descriptors():
    assert list(RELIABILITY_GRADES) == enum("relations", "source_reliability")


@pytest.mark.parametrize("table", ["relations", "relation_types"])
def test_sign_names_cover_the_descriptors_signs(table):
    assert sorted(SIGN_NAMES) == sorted(enum(table, "sign"))


def test_style_and_briefing_use_the_filters_vocabulary():
    assert style.CONFIDENCE_LEVELS is CONFIDENCE_LEVELS
    assert style.SIGN_TEXT is SIGN_NAMES
    assert briefing._SIGN_CLASS is SIGN_NAMES


@pytest.mark.parametrize(
    "table", [style.CONFIDENCE_OPACITY, style.CONFIDENCE_TEXT, CONFIDENCE_WEIGHTS]
)
def test_confidence_tables_name_every_level(table):
    assert set(table) == set(CONFIDENCE_LEVELS)

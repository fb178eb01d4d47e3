"""Tests of graph.style: colours, symbols, dashes and opacities shared by every figure."""

from __future__ import annotations

import re

import pytest

from graph import style

KINDS = (
    "state",
    "government_body",
    "military",
    "armed_group",
    "political_movement",
    "person",
    "organisation",
    "media",
    "multilateral_forum",
    "community",
)
HEX = re.compile(r"^#[0-9A-F]{6}$")


def test_relation_type_colours_follow_the_vocabulary_order():
    colours = style.relation_type_colours(["cooperation", "rivalry", "affiliation"])

    assert list(colours) == ["cooperation", "rivalry", "affiliation"]
    assert list(colours.values()) == list(style.OKABE_ITO[:3])


def test_a_type_keeps_its_colour_whatever_follows():
    few = style.relation_type_colours(["a", "b"])
    many = style.relation_type_colours(["a", "b", "c", "d"])

    assert {t: many[t] for t in few} == few


@pytest.mark.parametrize("count", [1, 6, 7, 15, 20])
def test_up_to_twenty_types_get_distinct_colours(count):
    colours = style.relation_type_colours(f"type_{i}" for i in range(count))

    assert len(set(colours.values())) == count
    assert all(HEX.match(colour) for colour in colours.values())


def test_types_beyond_the_palette_still_get_a_colour():
    colours = style.relation_type_colours(f"type_{i}" for i in range(25))

    assert len(colours) == 25


def test_a_repeated_type_is_an_error():
    with pytest.raises(ValueError, match="'rivalry' appears twice"):
        style.relation_type_colours(["rivalry", "cooperation", "rivalry"])


def test_every_kind_has_its_own_symbol_and_colour():
    styles = style.actor_kind_styles(KINDS)

    assert len({s.symbol for s in styles.values()}) == len(KINDS)
    assert len({s.colour for s in styles.values()}) == len(KINDS)
    assert all(HEX.match(s.colour) for s in styles.values())


@pytest.mark.parametrize(("kind", "label"), [("think_tank", "Think tank"), (None, "Other")])
def test_an_unknown_kind_gets_the_default_look(kind, label):
    look = style.actor_kind_style(kind)

    assert (look.symbol, look.colour) == (
        style.DEFAULT_KIND_STYLE.symbol,
        style.DEFAULT_KIND_STYLE.colour,
    )
    assert look.label == label


@pytest.mark.parametrize(("sign", "dash"), [(1, "solid"), (-1, "dash"), (0, "dot")])
def test_sign_dash(sign, dash):
    assert style.sign_dash(sign) == dash
    assert style.SIGN_TEXT[sign]


@pytest.mark.parametrize("sign", [2, "hostile", None])
def test_a_bad_sign_is_named(sign):
    with pytest.raises(ValueError, match=re.escape(repr(sign))):
        style.sign_dash(sign)


def test_opacity_rises_with_confidence():
    opacities = [style.confidence_opacity(level) for level in style.CONFIDENCE_LEVELS]

    assert opacities == sorted(opacities)
    assert opacities[-1] == 1.0
    assert all(style.CONFIDENCE_TEXT[level] for level in style.CONFIDENCE_LEVELS)


@pytest.mark.parametrize("level", ["certain", "", None])
def test_a_bad_confidence_is_named(level):
    with pytest.raises(ValueError, match="is not one of low, moderate, high"):
        style.confidence_opacity(level)


@pytest.mark.parametrize(
    ("intensity", "bucket"), [(0.0, 0), (-3.4, 0), (3.5, 1), (-6.9, 1), (7.0, 2), (-10.0, 2)]
)
def test_intensity_buckets(intensity, bucket):
    assert style.intensity_bucket(intensity) == bucket
    assert style.intensity_width(intensity) == style.INTENSITY_WIDTHS[bucket]


def test_widths_grow_with_intensity():
    assert list(style.INTENSITY_WIDTHS) == sorted(set(style.INTENSITY_WIDTHS))


@pytest.mark.parametrize(
    ("colour", "alpha", "expected"),
    [("#000000", 1.0, "rgba(0,0,0,1)"), ("#E69F00", 0.25, "rgba(230,159,0,0.25)")],
)
def test_rgba(colour, alpha, expected):
    assert style.rgba(colour, alpha) == expected


@pytest.mark.parametrize(
    ("colour", "alpha", "message"),
    [("red", 0.5, "colour 'red' is not of the form"), ("#E69F00", 1.5, "alpha 1.5 is not")],
)
def test_rgba_rejects_bad_input(colour, alpha, message):
    with pytest.raises(ValueError, match=message):
        style.rgba(colour, alpha)

"""The message catalogs: the template follows the code, and every message has its Arabic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from graph import i18n

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
ARABIC = i18n.LOCALE_DIR / "ar" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
# Placeholders: str.format's in Python ("{n}"), %-style in templates ("%(count)s").
FIELD = re.compile(r"\{(\w*)[^{}]*\}|%\((\w+)\)[sd]")
EXTRACT = (
    "uv run pybabel extract -F babel.cfg -o graph/locale/borderlines.pot "
    "--no-location --sort-output --omit-header ."
)


def _code_messages() -> dict[str, tuple[str, ...]]:
    """msgid -> the (singular, plural) or (message,) the code marks, from babel.cfg's files."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        REPO, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        messages = (message,) if isinstance(message, str) else tuple(message)
        found[messages[0]] = messages
    return found


def _fields(text: str) -> set[str]:
    return {python or template for python, template in FIELD.findall(text)}


def _read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po, locale="ar" if path.suffix == ".po" else None)


@pytest.fixture(scope="module")
def code() -> dict[str, tuple[str, ...]]:
    return _code_messages()


def test_the_code_marks_messages(code: dict[str, tuple[str, ...]]) -> None:
    assert "Filters" in code  # the sidebar's heading: the extraction sees the page
    assert len(code) > 50


def test_the_template_follows_the_code(code: dict[str, tuple[str, ...]]) -> None:
    template = {m.id if isinstance(m.id, str) else m.id[0] for m in _read(TEMPLATE) if m.id}
    assert template == set(code), (
        f"graph/locale/borderlines.pot lags the code: run `{EXTRACT}`; "
        f"new: {sorted(set(code) - template)[:5]}, gone: {sorted(template - set(code))[:5]}"
    )


def test_every_message_has_its_arabic(code: dict[str, tuple[str, ...]]) -> None:
    catalog = _read(ARABIC)
    missing, bad = [], []
    for msgid, forms in code.items():
        entry = catalog.get(msgid)
        strings = (
            ()
            if entry is None
            else (entry.string,)
            if isinstance(entry.string, str)
            else entry.string
        )
        if entry is None or entry.fuzzy or not all(strings):
            missing.append(msgid)
            continue
        if len(forms) == 2 and len(strings) != 6:
            bad.append(f"{msgid!r}: {len(strings)} plural forms, Arabic has 6")
        wanted = {f for form in forms for f in _fields(form)}
        for string in strings:
            # A plural form may leave the count out ("علاقتان": two relations).
            have = _fields(string)
            if not have <= wanted or (len(forms) == 1 and have != wanted):
                bad.append(f"{msgid!r}: placeholders {sorted(have)} in {string!r}")
            if string.count("**") % 2:
                bad.append(f"{msgid!r}: unbalanced ** in {string!r}")
    assert not missing, f"{len(missing)} messages without Arabic, e.g. {missing[:5]}"
    assert not bad, bad[:5]


def test_the_catalog_holds_no_stale_message(code: dict[str, tuple[str, ...]]) -> None:
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in _read(ARABIC) if m.id]
    stale = [msgid for msgid in ids if msgid not in code]
    assert not stale, f"messages the code no longer has: {stale[:5]}"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "لا علاقات"), (1, "علاقة واحدة"), (2, "علاقتان"), (3, "3 علاقات"), (11, "11 علاقة"),
     (100, "100 علاقة"), (103, "103 علاقات")],
)  # fmt: skip
def test_arabic_counts_take_their_six_forms(n: int, expected: str) -> None:
    token = i18n.set_language("ar")
    try:
        assert i18n.ngettext("{n} relation", "{n} relations", n).format(n=n) == expected
    finally:
        i18n._current.reset(token)


def test_english_is_the_code_itself() -> None:
    assert i18n.language() == "en"
    assert i18n.ngettext("{n} relation", "{n} relations", 1).format(n=1) == "1 relation"

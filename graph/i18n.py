"""The interface's languages: English, in which the strings are written, and Arabic, from a
gettext message catalog.

A string a reader sees is marked where it is written: ``_("Filters")``, or
``ngettext("{n} relation", "{n} relations", n).format(n=n)`` for a count, ``N_("State")``
where a label is defined in a table before any language is set. The marks are
found by Babel's extractor (``babel.cfg`` at the repository's root names the files), which
writes the template ``graph/locale/borderlines.pot``; the Arabic catalog is
``graph/locale/ar/LC_MESSAGES/borderlines.po``. Regenerate the template and bring the catalog
up to date with::

    uv run pybabel extract -F babel.cfg -o graph/locale/borderlines.pot --no-location .
    uv run pybabel update -i graph/locale/borderlines.pot -d graph/locale -D borderlines

``tests/test_i18n.py`` fails while the template lags the code or a message has no Arabic
translation. The catalog is read with Babel the first time a language is used (a few
milliseconds; no compiled ``.mo`` file is kept in the repository).

The language of the current page run is a context variable, set once per run by the page
(:func:`set_language`); code below the page (figures, text helpers) reads it through
:func:`gettext`, so nothing has to pass it along. Arabic is written right to left
(:func:`direction`); numbers keep Western digits (0-9) in both languages, as the source
article and most Arabic news sites online write them, and dates keep their ISO form.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from contextvars import ContextVar, Token
from pathlib import Path
from typing import Literal, cast

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Language",
    "direction",
    "gettext",
    "language",
    "language_name",
    "ngettext",
    "set_language",
    "translation",
]

Language = Literal["en", "ar"]

#: The interface's languages, the source language first.
LANGUAGES: tuple[Language, ...] = ("en", "ar")
#: Where the catalogs are: ``LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"``.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "borderlines"

_NAMES: dict[str, str] = {"en": "English", "ar": "العربية"}
_current: ContextVar[Language] = ContextVar("borderlines_language", default="en")


def _check(lang: str) -> Language:
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return cast(Language, lang)


def set_language(lang: str) -> Token[Language]:
    """Make ``lang`` the language of what follows in this context (a page run, a test).

    Returns the token that :meth:`contextvars.ContextVar.reset` takes to undo it.

    Examples
    --------
    >>> token = set_language("ar")
    >>> language(), direction()
    ('ar', 'rtl')
    >>> _current.reset(token)
    >>> language()
    'en'
    >>> set_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language 'fr' is not one of en, ar
    """
    return _current.set(_check(lang))


def language() -> Language:
    """The language of the current context (``"en"`` unless :func:`set_language` said)."""
    return _current.get()


def direction(lang: str | None = None) -> Literal["ltr", "rtl"]:
    """The writing direction of ``lang`` (default: the current language).

    Examples
    --------
    >>> direction("ar"), direction("en")
    ('rtl', 'ltr')
    """
    return "rtl" if _check(lang or language()) == "ar" else "ltr"


def language_name(lang: str) -> str:
    """A language's name in that language, for the switch between them.

    Examples
    --------
    >>> language_name("ar")
    'العربية'
    """
    return _NAMES[_check(lang)]


@functools.cache
def _translations(lang: Language) -> _gettext.NullTranslations:
    """The catalog of ``lang``, read from its ``.po`` file with Babel and compiled in memory;
    English (the source language) translates to itself."""
    if lang == "en":
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def gettext(message: str) -> str:
    """``message`` in the current language (itself in English, or without a translation).

    Examples
    --------
    >>> gettext("Filters")
    'Filters'
    >>> token = set_language("ar")
    >>> gettext("Filters")
    'عوامل التصفية'
    >>> _current.reset(token)
    """
    return _translations(language()).gettext(message)


def translation(message: str, lang: str) -> str:
    """``message`` in ``lang``, whatever the current language: for what must be matched
    across a change of language (a tab's label that Streamlit keeps as its value).

    Examples
    --------
    >>> translation("Filters", "ar"), translation("Filters", "en")
    ('عوامل التصفية', 'Filters')
    """
    return _translations(_check(lang)).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog where it is defined (a table of labels at module
    level, read before any language is set), and return it unchanged; translate it with
    :func:`gettext` where it is shown.

    Examples
    --------
    >>> LABELS = {"state": N_("State")}
    >>> token = set_language("ar")
    >>> LABELS["state"], gettext(LABELS["state"])
    ('State', 'دولة')
    >>> _current.reset(token)
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count ``n`` in the current language (Arabic has six).

    Examples
    --------
    >>> ngettext("{n} relation", "{n} relations", 2).format(n=2)
    '2 relations'
    """
    return _translations(language()).ngettext(singular, plural, n)

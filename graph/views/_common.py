"""Private helpers shared by the modules of :mod:`graph.views`: slugs, the views folder,
and the ``compare`` and ``connect`` pairs of a view."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graph.dates import parse_partial_date
from graph.i18n import gettext as _
from graph.views.model import default_views_dir

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _check_slug(slug: str) -> None:
    """Raise ValueError if ``slug`` is not lowercase words joined by ``-``."""
    if not _SLUG.fullmatch(slug):
        raise ValueError(f"slug {slug!r} is not lowercase words joined by '-'")


def _folder(directory: Path | str | None) -> Path:
    return Path(directory) if directory is not None else default_views_dir()


def _compare_pair(value: Any) -> tuple[str, str]:
    if isinstance(value, str) or not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(
            _('compare must be two dates, like ["2017", "2021-10-27"], not {value}').format(
                value=repr(value)
            )
        )
    first, second = (str(v) for v in value)
    try:
        a, b = parse_partial_date(first), parse_partial_date(second)
    except ValueError as error:
        raise ValueError(_("compare: {reason}").format(reason=error)) from None
    if a.first > b.first:
        raise ValueError(
            _("compare: {first} comes after {second}; put the earlier date first").format(
                first=first, second=second
            )
        )
    return first, second


def _connect_pair(value: Any) -> tuple[str, str]:
    if (
        isinstance(value, str)
        or not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, str) and _SLUG.fullmatch(v) for v in value)
    ):
        raise ValueError(
            _('connect must be two actor ids, like ["turkey", "jaish-al-adl"], not {value}').format(
                value=repr(value)
            )
        )
    if value[0] == value[1]:
        raise ValueError(
            _("connect: choose two different actors, not {actor} twice").format(
                actor=repr(value[0])
            )
        )
    return str(value[0]), str(value[1])

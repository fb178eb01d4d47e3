"""Colours, marker symbols and line styles shared by every Borderlines figure and export.

One module decides how data looks, so that the network, the map, the timeline and the
exports agree and one legend explains them all:

- relation type -> colour, from a colour-blind-safe palette (Okabe & Ito), assigned in the
  order of the relation-type vocabulary so a type keeps its colour whatever is filtered;
- actor kind -> colour and marker symbol (meaning never rests on colour alone);
- sign -> line dash (cooperative solid, hostile dashed, structural dotted);
- confidence -> opacity (high opaque, low faint);
- |intensity| -> one of three line widths.

Every encoding comes with a short text for legends and keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.filters import SIGN_NAMES
from graph.i18n import N_
from graph.vocabulary import CONFIDENCE_LEVELS

__all__ = [
    "ACTOR_KIND_STYLES",
    "CONFIDENCE_LEVELS",
    "CONFIDENCE_OPACITY",
    "CONFIDENCE_RANK",
    "CONFIDENCE_TEXT",
    "DEFAULT_KIND_STYLE",
    "EXTRA_COLOURS",
    "HOVER_TEXT",
    "INTENSITY_LIMITS",
    "INTENSITY_WIDTHS",
    "OKABE_ITO",
    "SIGN_DASH",
    "SIGN_TEXT",
    "KindStyle",
    "actor_kind_style",
    "actor_kind_styles",
    "confidence_opacity",
    "contrast_ratio",
    "hover_box",
    "intensity_bucket",
    "intensity_width",
    "relation_type_colours",
    "rgba",
    "sign_dash",
]

#: Okabe & Ito (2008) colour-universal-design palette, ordered for relation types. Black is
#: left out (invisible on a dark theme) and yellow, faint on white, comes after the
#: :data:`EXTRA_COLOURS`.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
)
_YELLOW = "#F0E442"

#: Further colour-blind-safe colours (Paul Tol's "muted" and "light" schemes),
#: used after the seven above; mid-luminance so they read on light and dark backgrounds.
EXTRA_COLOURS: tuple[str, ...] = (
    "#882255",  # wine
    "#999933",  # olive
    "#44AA99",  # teal
    "#AA4499",  # purple
    "#DDCC77",  # sand
    "#6677CC",  # indigo (lightened so it reads on dark backgrounds)
    "#117733",  # green
    "#CC6677",  # rose
    "#888888",  # grey
    "#EE8866",  # light orange (Tol "light")
    "#77AADD",  # light blue
    "#BBCC33",  # pear
    "#FFAABB",  # pink
)


@dataclass(frozen=True)
class KindStyle:
    """How an actor kind is drawn: fill colour, plotly marker symbol and legend text."""

    colour: str
    symbol: str
    label: str


#: Actor kind -> style. Colours from Paul Tol's colour-blind-safe "bright" and "muted"
#: schemes; every kind also has its own marker symbol.
ACTOR_KIND_STYLES: dict[str, KindStyle] = {
    "state": KindStyle("#4477AA", "circle", N_("State")),
    "government_body": KindStyle("#66CCEE", "square", N_("Government body")),
    "military": KindStyle("#228833", "diamond", N_("Military")),
    "armed_group": KindStyle("#EE6677", "x", N_("Armed group")),
    "political_movement": KindStyle("#CCBB44", "star", N_("Political movement")),
    "person": KindStyle("#AA3377", "triangle-up", N_("Person")),
    "organisation": KindStyle("#BBBBBB", "pentagon", N_("Organisation")),
    "media": KindStyle("#DDCC77", "hexagon", N_("Media")),
    "multilateral_forum": KindStyle("#44AA99", "hexagram", N_("Multilateral forum")),
    "community": KindStyle("#999933", "triangle-down", N_("Community")),
}

#: Style of a kind outside the table above (or a missing kind).
DEFAULT_KIND_STYLE = KindStyle("#999999", "circle-dot", N_("Other"))

#: Relation sign -> plotly line dash.
SIGN_DASH: dict[int, str] = {1: "solid", -1: "dash", 0: "dot"}

#: Relation sign -> legend text: the sign names of :data:`graph.filters.SIGN_NAMES`.
SIGN_TEXT: dict[int, str] = SIGN_NAMES

# CONFIDENCE_LEVELS (weakest first, ICD 203 wording) is graph.vocabulary's, read from the
# data package; it stays in __all__ so that figures can keep naming it style.CONFIDENCE_LEVELS.

#: Confidence level -> its rank, 0 for the highest (the data package's order).
CONFIDENCE_RANK: dict[str, int] = {level: i for i, level in enumerate(CONFIDENCE_LEVELS)}

#: Confidence -> opacity of the line or mark: 0.4 for the weakest level up to 1 for the
#: strongest, evenly (low 0.4, moderate 0.7, high 1.0).
CONFIDENCE_OPACITY: dict[str, float] = {
    level: round(0.4 + 0.6 * rank / (len(CONFIDENCE_LEVELS) - 1), 3)
    for rank, level in enumerate(CONFIDENCE_LEVELS)
}

#: Confidence -> legend text.
CONFIDENCE_TEXT: dict[str, str] = {level: f"{level} confidence" for level in CONFIDENCE_LEVELS}

#: Line width in pixels for |intensity| below 3.5, below 7, and up to 10.
INTENSITY_WIDTHS: tuple[float, ...] = (1.5, 2.5, 4.0)

#: |intensity| at which the second and the third width begin.
INTENSITY_LIMITS: tuple[float, ...] = (3.5, 7.0)


def relation_type_colours(type_ids: Iterable[str]) -> dict[str, str]:
    """Return a colour for each relation type, assigned in the order given.

    Parameters
    ----------
    type_ids : iterable of str
        Relation type ids in vocabulary order (``G.graph["relation_types"]`` or the rows of
        ``relation_types.csv``). Pass the whole vocabulary, not just the types on screen,
        so a type keeps its colour when others are filtered out.

    Returns
    -------
    dict
        ``type id -> "#RRGGBB"``, in the order given. The first six types take the
        Okabe-Ito colours, the next thirteen :data:`EXTRA_COLOURS`, the twentieth
        Okabe-Ito yellow; past twenty types the colours repeat (the line style and the
        legend still tell types apart).

    Raises
    ------
    ValueError
        If an id repeats (the message names it).

    Notes
    -----
    Cost O(k) for k types.

    Examples
    --------
    >>> relation_type_colours(["military_cooperation", "rivalry"])
    {'military_cooperation': '#0072B2', 'rivalry': '#E69F00'}
    >>> len(set(relation_type_colours(f"t{i}" for i in range(20)).values()))
    20
    """
    palette = (*OKABE_ITO, *EXTRA_COLOURS, _YELLOW)
    colours: dict[str, str] = {}
    for i, type_id in enumerate(type_ids):
        if type_id in colours:
            raise ValueError(f"relation type {type_id!r} appears twice")
        colours[type_id] = palette[i % len(palette)]
    return colours


def actor_kind_style(kind: str | None) -> KindStyle:
    """Return the colour, marker symbol and legend text of an actor kind.

    Parameters
    ----------
    kind : str or None
        An actor kind of the vocabulary (``state``, ``armed_group`` ...).

    Returns
    -------
    KindStyle
        The kind's style; :data:`DEFAULT_KIND_STYLE`, labelled after the kind, for a kind
        this module does not know and for None.

    Examples
    --------
    >>> actor_kind_style("state")
    KindStyle(colour='#4477AA', symbol='circle', label='State')
    >>> actor_kind_style("think_tank").label
    'Think tank'
    """
    if kind in ACTOR_KIND_STYLES:
        return ACTOR_KIND_STYLES[kind]
    if not kind:
        return DEFAULT_KIND_STYLE
    label = str(kind).replace("_", " ").capitalize()
    return KindStyle(DEFAULT_KIND_STYLE.colour, DEFAULT_KIND_STYLE.symbol, label)


def actor_kind_styles(kinds: Iterable[str | None]) -> dict[str | None, KindStyle]:
    """Return :func:`actor_kind_style` for each kind, in the order given.

    Examples
    --------
    >>> [s.symbol for s in actor_kind_styles(["state", "person"]).values()]
    ['circle', 'triangle-up']
    """
    return {kind: actor_kind_style(kind) for kind in kinds}


def sign_dash(sign: int) -> str:
    """Return the plotly line dash of a relation sign (+1 solid, -1 dash, 0 dot).

    Raises
    ------
    ValueError
        If ``sign`` is not -1, 0 or +1.

    Examples
    --------
    >>> sign_dash(-1)
    'dash'
    """
    try:
        return SIGN_DASH[sign]
    except (KeyError, TypeError):
        raise ValueError(f"sign {sign!r} is not one of -1, 0, 1") from None


def confidence_opacity(confidence: str) -> float:
    """Return the opacity that shows a confidence level (high 1.0, moderate 0.7, low 0.4).

    Raises
    ------
    ValueError
        If ``confidence`` is not ``low``, ``moderate`` or ``high``.

    Examples
    --------
    >>> confidence_opacity("moderate")
    0.7
    """
    try:
        return CONFIDENCE_OPACITY[confidence]
    except (KeyError, TypeError):
        raise ValueError(
            f"confidence {confidence!r} is not one of {', '.join(CONFIDENCE_LEVELS)}"
        ) from None


def intensity_bucket(intensity: float) -> int:
    """Return 0, 1 or 2: the width class of a relation's |intensity| (below 3.5, 7, 10).

    Examples
    --------
    >>> [intensity_bucket(x) for x in (0.0, -5.0, 8.5)]
    [0, 1, 2]
    """
    magnitude = abs(float(intensity))
    return sum(magnitude >= limit for limit in INTENSITY_LIMITS)


def intensity_width(intensity: float) -> float:
    """Return the line width in pixels for a relation's intensity (by |intensity|).

    Examples
    --------
    >>> intensity_width(-8.0)
    4.0
    """
    return INTENSITY_WIDTHS[intensity_bucket(intensity)]


#: Text of a hover box on white (network and timeline, in both themes).
HOVER_TEXT = "#1f2328"


def hover_box(
    border: str,
    font_size: int,
    *,
    background: str = "white",
    text: str = HOVER_TEXT,
    align: str | None = "left",
) -> dict[str, Any]:
    """Return a trace's ``hoverlabel``: the box a hover shows, bordered in the trace's colour.

    Parameters
    ----------
    border : str
        The border's colour: the colour of what is hovered.
    font_size : int
        Points.
    background, text : str, optional
        The box's and the text's colours (the map passes its theme's).
    align : str or None, default "left"
        Lines aligned left (long hover text reads as a paragraph); None: plotly's default.

    Returns
    -------
    dict

    Examples
    --------
    >>> hover_box("#0072B2", 13)["font"]
    {'color': '#1f2328', 'size': 13}
    >>> "align" in hover_box("#0072B2", 13, background="#2b3137", align=None)
    False
    """
    box: dict[str, Any] = {
        "bgcolor": background,
        "bordercolor": border,
        "font": {"color": text, "size": font_size},
    }
    if align is not None:
        box["align"] = align
    return box


def rgba(colour: str, alpha: float) -> str:
    """Return ``"#RRGGBB"`` with an alpha, as a CSS ``rgba(...)`` string.

    Raises
    ------
    ValueError
        If ``colour`` is not ``#RRGGBB`` or ``alpha`` lies outside [0, 1].

    Examples
    --------
    >>> rgba("#0072B2", 0.5)
    'rgba(0,114,178,0.5)'
    """
    if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
        raise ValueError(f"colour {colour!r} is not of the form #RRGGBB")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha {alpha!r} is not between 0 and 1")
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha:g})"


def contrast_ratio(foreground: str, background: str) -> float:
    """Return the WCAG 2 contrast ratio of two colours, from 1 (none) to 21.

    Colours are ``#RRGGBB`` or CSS ``rgb(r, g, b)``; AA asks 4.5 for text, 3 for large
    text and graphics.

    Raises
    ------
    ValueError
        If a colour is in neither form.

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    >>> round(contrast_ratio("#808495", "rgb(255, 255, 255)"), 2)  # Streamlit's chart grey
    3.72
    """

    def luminance(colour: str) -> float:
        text = colour.strip()
        if text.startswith("#") and len(text) == 7:
            parts = [int(text[i : i + 2], 16) for i in (1, 3, 5)]
        elif text.startswith("rgb(") and text.endswith(")"):
            parts = [int(float(v)) for v in text[4:-1].split(",")]
        else:
            raise ValueError(f"colour {colour!r} is neither #RRGGBB nor rgb(r, g, b)")
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in (v / 255 for v in parts)
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)

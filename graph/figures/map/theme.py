"""The map's fixed look: the view it opens on, its palettes and the symbols of place kinds."""

from __future__ import annotations

from dataclasses import dataclass

from graph.i18n import N_

__all__ = ["MAP_THEMES", "PLACE_KIND_SYMBOLS", "VIEW_LAT", "VIEW_LON", "MapTheme"]

#: Longitude and latitude ranges the map opens on: Turkey to western China, the Gulf of
#: Oman to the Caucasus.
VIEW_LON: tuple[float, float] = (31.0, 80.0)
VIEW_LAT: tuple[float, float] = (21.0, 45.0)
#: Centre of the view (longitude, latitude).
_VIEW_CENTRE = (sum(VIEW_LON) / 2, sum(VIEW_LAT) / 2)

#: Place kind -> marker symbol (the shape tells the kind; the colour stays neutral).
PLACE_KIND_SYMBOLS: dict[str, str] = {
    "capital": "star",
    "city": "circle",
    "port": "diamond",
    "facility": "triangle-up",
    "province": "square-open",
    "region": "square-open",
    "border": "diamond-wide-open",
}
#: Place kind -> its key entry (English; translated where shown).
_PLACE_KIND_TEXT = {
    "capital": N_("Capital"),
    "city": N_("City"),
    "port": N_("Port"),
    "facility": N_("Facility"),
    "province": N_("Province or region (centre)"),
    "region": N_("Province or region (centre)"),
    "border": N_("Point on a border"),
}


@dataclass(frozen=True)
class MapTheme:
    """Colours of the map for one Streamlit theme.

    Explicit colours, so contrast never depends on plotly's or Streamlit's template.
    """

    sea: str
    land: str
    land_focus: str
    outline: str
    text: str
    muted: str
    border: str
    highlight_fill: str
    highlight_line: str
    place: str
    place_fill: str
    key_bg: str


#: ``"light"`` and ``"dark"`` palettes (Streamlit's two themes).
MAP_THEMES: dict[str, MapTheme] = {
    "light": MapTheme(
        sea="#d6e2eb",
        land="#e9e6df",
        land_focus="#f9f7f2",
        outline="#a39c90",
        text="#1f2328",
        muted="#635c52",  # 5:1 on the land and the sea (WCAG AA), as every map text
        border="#5b4636",
        highlight_fill="rgba(68,119,170,0.22)",
        highlight_line="#1f5a94",
        place="#2b2b2b",
        place_fill="#ffffff",
        key_bg="rgba(249,247,242,0.85)",
    ),
    "dark": MapTheme(
        sea="#0f1821",
        land="#22262d",
        land_focus="#30353d",
        outline="#5d6571",
        text="#e6edf3",
        muted="#a7b0ba",
        border="#e3cfae",
        highlight_fill="rgba(102,153,204,0.30)",
        highlight_line="#8cc4ff",
        place="#e6edf3",
        place_fill="#0f1821",
        key_bg="rgba(15,24,33,0.85)",
    ),
}


def _symbol_colour(palette: MapTheme, symbol: str) -> str:
    """Fill colour of a place marker: an open symbol takes the place colour (it is drawn
    as an outline), a filled one the place fill."""
    return palette.place if symbol.endswith("-open") else palette.place_fill

"""Label placement for the map: each label's box estimated from its text, and the first
box of its candidates that overlaps no label placed before it (and stays in view) taken.

Plotly draws text where it is told and never moves it apart; the map asks this module
where a label fits, in degrees, before it draws it.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Box", "LabelRoom", "overlap"]

Box = tuple[float, float, float, float]  # west, south, east, north in degrees


def overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share some area (touching edges do not count).

    Examples
    --------
    >>> overlap((0, 0, 2, 2), (1, 1, 3, 3)), overlap((0, 0, 1, 1), (1, 0, 2, 1))
    (True, False)
    """
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class LabelRoom:
    """The labels placed so far on a view ``lon`` x ``lat`` (degrees) drawn ``ppd`` pixels
    per degree, text scaled by ``scale`` (1 at 12 px).

    Examples
    --------
    >>> room = LabelRoom((30.0, 80.0), (20.0, 45.0), ppd=10.0)
    >>> first = room.box(60.0, 30.0, "Tehran", "middle right", 12.0)
    >>> room.claim([first]), room.claim([first, room.box(60.0, 30.0, "Tehran", "middle left",
    ...                                                   12.0)])
    (0, 1)
    """

    def __init__(
        self,
        lon: tuple[float, float],
        lat: tuple[float, float],
        *,
        ppd: float,
        scale: float = 1.0,
    ) -> None:
        self.lon, self.lat, self.ppd, self.scale = lon, lat, ppd, scale
        self.boxes: list[Box] = []

    def claim(self, candidates: Iterable[Box]) -> int | None:
        """Index of the first candidate box that overlaps nothing claimed and lies in the
        view; it is claimed. None if every candidate collides."""
        for i, box in enumerate(candidates):
            inside = (
                box[0] >= self.lon[0] and box[2] <= self.lon[1]
                and box[1] >= self.lat[0] and box[3] <= self.lat[1]
            )  # fmt: skip
            if inside and not any(overlap(box, other) for other in self.boxes):
                self.boxes.append(box)
                return i
        return None

    def box(self, lon: float, lat: float, text: str, position: str, size: float) -> Box:
        """A label's box in degrees for a plotly ``textposition`` (estimated text size;
        ``<br>`` breaks lines)."""
        lines = text.split("<br>")
        em = 0.7 if text.isupper() else 0.6  # capitals run wider
        width = (max(len(line) for line in lines) * size * em + 4) / self.ppd
        height = size * 1.3 * len(lines) / self.ppd
        gap = 5 * self.scale / self.ppd
        if position == "middle right":
            return (lon + gap, lat - height / 2, lon + gap + width, lat + height / 2)
        if position == "middle left":
            return (lon - gap - width, lat - height / 2, lon - gap, lat + height / 2)
        if position == "top center":
            return (lon - width / 2, lat + gap, lon + width / 2, lat + gap + height)
        if position == "bottom center":
            return (lon - width / 2, lat - gap - height, lon + width / 2, lat - gap)
        return (lon - width / 2, lat - height / 2, lon + width / 2, lat + height / 2)

    def keep_clear(self, lon: float, lat: float, half: float) -> None:
        """Keep a square of ``half`` degrees around a point free of labels (a marker)."""
        self.boxes.append((lon - half, lat - half, lon + half, lat + half))

"""Which labels the page draws, at which zoom, so that no two collide.

vis-network draws a node's label under it at a font size given in canvas units, so two labels that
overlap at one zoom overlap at every zoom (both grow alike), and a label is drawn only while its
font on screen is at least ``scaling.label.drawThreshold`` pixels. The page uses both facts:

* labels come in :data:`TIERS` tiers; tier *k* has the font ``font / 2**k``, so with the page's one
  threshold (set when the network is first fitted to the window, ``network.js``) tier 0 shows at
  the opening view, tier 1 from twice that zoom, tier 2 from four times …, each at about the same
  size on screen when it appears;
* each label gets the lowest tier whose box clears every label already placed, in priority order:
  the departments above the overload fence first (in tier 0: the font is made smaller, within
  limits, until they all fit), then the most loaded bodies (at most :data:`TOP` in tier 0), then units (from
  tier 1). A label no tier has room for goes in the last one; the tooltip always has the full name.

Widths are estimated (:func:`text_width`: a Chinese character is one em, Latin letters a little
over half) on the generous side, so boxes measured in the browser are inside the estimate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

TIERS = 4
TOP = 16  # labels in tier 0 besides the overloaded departments
SMALLEST = 0.6  # the tier-0 font is never lowered below this share of the opening font
FONT_PX = 14.0  # pixels on screen of a tier-0 label at the opening view of a 980 × 800 canvas
VIEW = (980.0, 800.0)  # the canvas beside the side panel in a 1280 × 800 window
FIT_MARGIN = 1.1  # vis-network's fit leaves this much room around the drawing
LINE = 1.0  # line height in em (vis-network's)
BELOW = 3.0  # pixels between a node and the top of its label (vis-network's)
PAD = 0.15  # em of room kept around each box
_NARROW = {" ": 0.3, "i": 0.28, "l": 0.28, "j": 0.3, "f": 0.35, "t": 0.38, "r": 0.4, ".": 0.3, ",": 0.3, "'": 0.25,
           "(": 0.35, ")": 0.35, "-": 0.4}


@dataclass(frozen=True)
class Candidate:
    """A node that could be labelled: its position and radius (canvas units), its label text
    (lines split by newlines) and the lowest tier it may take."""

    id: str
    x: float
    y: float
    radius: float
    text: str
    first: int = 0


def text_width(line: str) -> float:
    """The width of a line of text in em, on the generous side.

    >>> text_width("质监局"), text_width("Bureau")
    (3.0, 3.42)
    """
    total = 0.0
    for ch in line:
        if ord(ch) >= 0x2000:  # Chinese, and punctuation such as … (a full em in CJK fonts)
            total += 1.0
        elif ch in _NARROW:
            total += _NARROW[ch]
        else:
            total += 0.7 if ch.isupper() or ch in "mwMW" else 0.58
    return round(total, 2)


def box(c: Candidate, font: float) -> tuple[float, float, float, float]:
    """The label of ``c`` at ``font`` as (left, top, right, bottom), with :data:`PAD` around it."""
    lines = c.text.split("\n")
    width = max(text_width(line) for line in lines) * font
    top = c.y + c.radius + BELOW
    pad = PAD * font
    return (c.x - width / 2 - pad, top - pad, c.x + width / 2 + pad, top + len(lines) * LINE * font + pad)


def opening_font(extent: tuple[float, float]) -> float:
    """The tier-0 font (canvas units) that shows as :data:`FONT_PX` pixels once a drawing of
    ``extent`` (width, height) is fitted to the :data:`VIEW` (vis-network never zooms in past 1).

    >>> opening_font((980.0, 400.0)), opening_font((4000.0, 800.0))
    (15.4, 62.86)
    """
    scale = min(1.0, VIEW[0] / (extent[0] * FIT_MARGIN), VIEW[1] / (extent[1] * FIT_MARGIN))
    return round(FONT_PX / scale, 2)


class _Grid:
    """Boxes placed so far, bucketed by cell, to test a new box against its neighbours only."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)

    def _keys(self, b):
        c = self.cell
        return [(i, j) for i in range(math.floor(b[0] / c), math.floor(b[2] / c) + 1)
                for j in range(math.floor(b[1] / c), math.floor(b[3] / c) + 1)]

    def free(self, b) -> bool:
        return not any(o[0] < b[2] and b[0] < o[2] and o[1] < b[3] and b[1] < o[3]
                       for key in self._keys(b) for o in self.cells.get(key, ()))

    def add(self, b) -> None:
        for key in self._keys(b):
            self.cells[key].append(b)


def tiers(ranked: Sequence[Candidate], forced: Iterable[str], font: float) -> tuple[dict[str, int], float]:
    """Each candidate's tier, and the tier-0 font, for candidates in priority order.

    The candidates in ``forced`` may take tier 0 beyond :data:`TOP`; ``font`` is lowered (by tenths,
    to :data:`SMALLEST` of it at most) until their labels clear each other, which on one plan's
    page puts them all in tier 0 (on a corpus's, those that fit).

    >>> a, b = Candidate("a", 0, 0, 10, "质监局"), Candidate("b", 40, 0, 10, "财政厅")
    >>> tiers([a, b], ["a"], 14.0)
    ({'a': 0, 'b': 1}, 14.0)
    """
    forced = set(forced)
    floor = font * SMALLEST
    while font > floor and not _fits([c for c in ranked if c.id in forced], font):
        font *= 0.9
    font = round(max(font, floor), 2)
    grid = _Grid(font * 8)
    out: dict[str, int] = {}
    room = TOP
    for c in ranked:
        first = 0 if c.id in forced else c.first if room > 0 else max(c.first, 1)
        for k in range(first, TIERS):
            b = box(c, font / 2 ** k)
            if grid.free(b):
                grid.add(b)
                out[c.id] = k
                room -= k == 0 and c.id not in forced
                break
        else:
            out[c.id] = TIERS - 1
    return out, font


def _fits(labels: Sequence[Candidate], font: float) -> bool:
    grid = _Grid(font * 8)
    for c in labels:
        b = box(c, font)
        if not grid.free(b):
            return False
        grid.add(b)
    return True


def label_nodes(nodes: list[dict]) -> float:
    """Give each node of a page (vis-network node dicts with ``x``, ``y``, ``size``, ``label``,
    ``group`` and, for bodies, ``info``) its label ``tier`` and ``font``; returns the tier-0 font.

    Bodies rank by overload, then load index; units come after them, the most shared first.
    """
    xs = [n["x"] for n in nodes]
    ys = [n["y"] for n in nodes]
    reach = max(n["size"] for n in nodes)
    font = opening_font((max(xs) - min(xs) + 2 * reach, max(ys) - min(ys) + 2 * reach))

    def rank(n: dict) -> tuple:
        if n["group"] == "body":
            return (0, not n["info"]["overloaded"], -n["info"]["load"], n["id"])
        return (1, -n["size"], n["u"])

    ranked = [Candidate(n["id"], n["x"], n["y"], n["size"], n["label"], 0 if n["group"] == "body" else 1)
              for n in sorted(nodes, key=rank)]
    forced = [n["id"] for n in nodes if n["group"] == "body" and n["info"]["overloaded"]]
    tier, font = tiers(ranked, forced, font)
    for n in nodes:
        n["tier"] = tier[n["id"]]
        n["font"] = {"size": round(font / 2 ** n["tier"], 2)}
    return font

"""The font the charts draw Chinese labels in: one that comes with fengong, never a placeholder.

matplotlib's own DejaVu Sans has no Chinese glyph, and fonts installed on the system are no help on
a fresh machine, nor when matplotlib's font cache was built before they were installed (it is not
rescanned). So fengong depends on a font package from PyPI, ``pylopdf-fonts-zh-cn``, which ships
Noto Sans SC (SIL Open Font License 1.1) from Google's noto-cjk: ``pip install fengong`` is all a
chart needs. :func:`bundled_font` registers that file with matplotlib's font manager at run time,
under a family name of its own, so that no installed font of the same name can take its place: the
charts are drawn in the same font, to the same bytes, on every machine. Installed fonts are tried
only after it, for a label with a character it lacks.

A font is never accepted because its character map claims the characters: matplotlib ships "Last
Resort High-Efficiency", which claims every character and draws each as a box naming its Unicode
block. It and the other placeholder fonts (:data:`PLACEHOLDER_FAMILIES`) are never chosen.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import cache

from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from .defaults import FontWarning  # noqa: F401 - where the charts' code finds it

# The name the bundled font is registered under: no installed font has it.
BUNDLED_FAMILY = "fengong Noto Sans SC"
FONT_PACKAGE = "pylopdf-fonts-zh-cn"
# Families known to cover simplified Chinese, tried after the bundled font, in order; any other
# installed font that covers the labels is accepted after them.
CJK_FAMILIES = (
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
    "Source Han Sans CN", "Microsoft YaHei", "PingFang SC", "Heiti SC", "SimHei", "Noto Serif CJK SC",
    "AR PL UMing CN",
)
# Fonts whose character map claims characters they draw as boxes or code points.
PLACEHOLDER_FAMILIES = frozenset({
    "Last Resort High-Efficiency", "Last Resort", "LastResort", "Unicode BMP Fallback SIL", "Adobe NotDef",
})
SAMPLE = "质量技术监督局"


def bundled_font() -> font_manager.FontEntry | None:
    """The font fengong depends on, registered with matplotlib's font manager (again after
    matplotlib rebuilt its font list); None when the font package is not installed."""
    entry = _bundled_entry()
    if entry is None:
        return None
    ttflist = font_manager.fontManager.ttflist
    if entry not in ttflist:
        # Appended, not added with FontManager.addfont, to keep a name of its own. No lookup of
        # that name can have been cached as failed before: it is registered before any use.
        ttflist.append(entry)
    return entry


@cache
def _bundled_entry() -> font_manager.FontEntry | None:
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        return None
    path = str(sans_path())
    return dataclasses.replace(font_manager.ttfFontProperty(FT2Font(path)), name=BUNDLED_FAMILY)


@cache
def _charmap(path: str) -> frozenset[int]:
    try:
        return frozenset(FT2Font(path).get_charmap())
    except (OSError, RuntimeError):
        return frozenset()


def covers(path: str, text: str) -> bool:
    """Whether the font file at ``path`` maps every non-space character of ``text`` to a glyph."""
    cmap = _charmap(path)
    return all(ord(ch) in cmap for ch in text if not ch.isspace())


def find_cjk_font(text: str = SAMPLE, fonts: Iterable[font_manager.FontEntry] | None = None
                  ) -> font_manager.FontEntry | None:
    """The font (a matplotlib font-manager entry) to draw ``text`` in: the first of the bundled
    font, then :data:`CJK_FAMILIES`, then any other font by name, that has every non-ASCII
    character of ``text``; never a placeholder font. None when no font has them all.

    ``fonts`` defaults to every font matplotlib knows, the bundled one included.
    """
    if fonts is None:
        bundled_font()
        fonts = font_manager.fontManager.ttflist
    order = (BUNDLED_FAMILY, *CJK_FAMILIES)
    entries = sorted((f for f in fonts if f.name not in PLACEHOLDER_FAMILIES),
                     key=lambda f: (order.index(f.name) if f.name in order else len(order), f.name, f.fname))
    needed = "".join(sorted({ch for ch in text if ord(ch) > 0x7F}))
    return next((f for f in entries if covers(f.fname, needed)), None)


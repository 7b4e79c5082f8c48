"""Length-preserving text folding: the parser reads folded text, users see the original.

Plans mix traditional and simplified characters and full- and half-width punctuation. Rather than
converting the user's text, the parser matches on a *folded* copy in which every character is
replaced by exactly one character (牽→牵, (→（, ,→，, ３→3). Because the copy has the same length,
an offset found in the folded text is the offset in the source, and every name or sentence shown to
the user is sliced from the source as written.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..resources import read_table

_PUNCTUATION = {
    "(": "（", ")": "）", "﹙": "（", "﹚": "）",
    "[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕",
    ",": "，", "﹐": "，", ";": "；", "﹔": "；", ":": "：", "﹕": "：",
    "!": "！", "?": "？", "．": ".", "﹒": ".", "｡": "。", "﹑": "、", "︰": "：",
    "\u3000": " ", "\xa0": " ", "\t": " ", "\u2002": " ", "\u2003": " ", "\u200b": " ",
    "\ufeff": " ",
}


@cache
def _table() -> dict[int, str]:
    table = {ord(row["traditional"]): row["simplified"] for row in read_table("traditional-simplified.tsv")}
    table.update({ord(k): v for k, v in _PUNCTUATION.items()})
    table.update({0xFF10 + i: str(i) for i in range(10)})  # full-width digits
    return table


def fold(text: str) -> str:
    """Fold ``text`` to simplified characters and canonical punctuation, keeping its length.

    >>> fold("由自治區質監局負責(下同)")
    '由自治区质监局负责（下同）'
    """
    if len(text) <= 32:  # names: folded again and again, worth remembering
        return _fold_short(text)
    return text.translate(_table())


@lru_cache(maxsize=1 << 16)
def _fold_short(text: str) -> str:
    return text.translate(_table())

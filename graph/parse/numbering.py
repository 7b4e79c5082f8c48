"""The numbers plans put before their parts, sections and items: 一、 （一） 1. （1） ①.

Plans number their parts 一、, their sections （一）, their items 1. or 1． or （1）, and nest them in
whatever order the drafter chose. This module reads one number at the start of a text; the
reflow stage uses it to find numbers inside a line (a plan copied onto one line) and the layout
stage to build the tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零〇一二三四五六七八九十百两"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Marker types, with how to read the number (patterns are matched at a position: no ^). Text is folded first (see fold): ．﹒ are '.', （ is (.
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"第([{CN_DIGITS}]+)(?:部分|章)\s*")),
    ("cn", re.compile(rf"([{CN_DIGITS}]+)\s*[、.]\s*")),
    ("cn-paren", re.compile(rf"（\s*([{CN_DIGITS}]+)\s*）\s*")),
    ("num", re.compile(r"(\d{1,3})\s*[.、](?!\d)\s*")),
    ("num-paren", re.compile(r"（\s*(\d{1,3})\s*）\s*")),
    ("num-rparen", re.compile(r"(\d{1,3})）\s*")),
    ("circled", re.compile(r"([①-⑳])\s*")),
)
# Where a number may stand inside a line: one of these, then the number.
START = re.compile(rf"[{CN_DIGITS}（\d①-⑳第]")


def cn_number(text: str) -> int:
    """Value of a Chinese numeral up to the hundreds.

    >>> cn_number("二十一"), cn_number("十"), cn_number("12")
    (21, 10, 12)
    """
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_VALUE.get(ch, 0)
    return total + current


def cn_digits(text: str) -> str:
    """A number written digit by digit (a year: 二〇二三) in Arabic digits; other characters as they are.

    >>> cn_digits("二〇二三"), cn_digits("2016")
    ('2023', '2016')
    """
    return "".join(str(_CN_VALUE[ch]) if ch in _CN_VALUE else ch for ch in text)


@dataclass(frozen=True)
class Marker:
    type: str
    number: int
    label: str  # as printed in a label path: 一, （一）, 1, （1）, ①
    length: int  # characters the marker takes at the start of the paragraph


def marker_of(text: str, pos: int = 0) -> Marker | None:
    """The number at ``pos`` of a folded text, if one stands there.

    >>> marker_of("（三）加强监管").label, marker_of("12.推进").number
    ('（三）', 12)
    >>> marker_of("2.5万人") is None
    True
    """
    if not START.match(text, pos):  # most paragraphs open with a word: one test, not seven
        return None
    for mtype, regex in MARKERS:
        m = regex.match(text, pos)
        if m:
            num = m.group(1)
            value = ord(num) - ord("①") + 1 if mtype == "circled" else cn_number(num)
            if value == 0:
                return None
            label = {"cn-paren": f"（{num}）", "num-paren": f"（{num}）", "part": num}.get(mtype, num)
            return Marker(mtype, value, label, m.end() - pos)
    return None

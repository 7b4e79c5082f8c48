"""A clause's time frame read as the date its unit is due by: 6月底前 in a plan of 2016 is 2016-06-30.

Plans write deadlines as the people who carry them out speak: 2023年底前, 6月底前完成 (this year's
June), 9月25日前, 上半年, 一季度, or no date at all (持续推进, 长期坚持, 每年). The words are rows of
``ontology/deadline-words.tsv``; this module reads a time frame as a run of them. A time frame may
hold several dates (6月底前完成选址，年底前建成): the unit is due by the latest. A date without a
year takes the year written before it in the same time frame, else the plan's year, and says so
(:attr:`~fengong.model.Deadline.year_inferred`); in a plan without a date it stays without one.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cache

from ..model import Deadline
from ..resources import read_table
from .fold import fold
from .numbering import CN_DIGITS, cn_digits, cn_number

LEVELS = {"year": 1, "month": 2, "day": 3}  # how fine a word is: an expression runs from coarse to fine
KIND_ORDER = ("recurring", "by", "ongoing", "immediate")  # what a time frame is, when it holds several


@dataclass(frozen=True)
class Word:
    means: str  # year | month | day | end | period | ongoing | recurring | immediate
    month: int | None  # the month a period of the year ends with
    day: str  # the day it ends on: a number, "last" or ""


@cache
def _words() -> tuple[dict[str, Word], re.Pattern[str]]:
    """The table's words, and the pattern that finds them: a number with the word that counts it
    (2023年, 六月, 25日), or a phrase (年底, 上旬, 持续), longest first."""
    words = {r["phrase"]: Word(r["means"], int(r["month"]) if r["month"] else None, r["day"])
             for r in read_table("deadline-words.tsv")}
    units = "|".join(re.escape(w) for w, v in words.items() if v.means in LEVELS)
    phrases = "|".join(re.escape(w) for w in sorted((w for w, v in words.items() if v.means not in LEVELS),
                                                    key=len, reverse=True))
    pattern = re.compile(rf"(?P<number>\d{{1,4}}|[{CN_DIGITS}]{{1,4}})\s*(?P<unit>{units})|(?P<phrase>{phrases})")
    return words, pattern


@dataclass
class _Expression:
    """One date being read: the parts written so far and how fine the last one was."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    level: int = 0
    precision: str = ""
    of_a_month: bool = False  # a day (25日) or a part of a month (上旬), which means nothing without its month

    def takes(self, level: int) -> bool:
        return level > self.level


def deadline_of(text: str, plan_date: str = "") -> Deadline | None:
    """What the time frame ``text`` says, in a plan dated ``plan_date`` (ISO 8601, may be empty).

    >>> deadline_of("6月底前完成", "2016-03-01")
    Deadline(kind='by', date='2016-06-30', precision='day', year_inferred=True)
    >>> deadline_of("2023年6月底前完成选址，12月20日前建成", "2022-12-01").date
    '2023-12-20'
    >>> deadline_of("长期坚持").kind, deadline_of("每年年底前").kind, deadline_of("2025年前").precision
    ('ongoing', 'recurring', 'year')
    """
    if not text:
        return None
    words, pattern = _words()
    kinds: set[str] = set()
    dates: list[tuple[str, str, bool]] = []  # (date, precision, year inferred)
    current, written_year = _Expression(), None
    for m in pattern.finditer(fold(text)):
        word = words[m["unit"] or m["phrase"]]
        if word.means == "year" and _year(m["number"]) is None:  # 三年内: a span of years, not a date
            continue
        kinds.add("by" if word.means in {*LEVELS, "end", "period"} else word.means)
        level = LEVELS.get(word.means) or _level_of(word)
        if level is None:  # ongoing, recurring, immediate: no part of a date
            continue
        if not current.takes(level):
            dates.append(_close(current, written_year, plan_date))
            current = _Expression()
        _add(current, word, m["number"], level)
        written_year = current.year or written_year
    dates.append(_close(current, written_year, plan_date))
    kind = next((k for k in KIND_ORDER if k in kinds), "unknown")
    known = sorted(d for d in dates if d[0])
    if kind != "by" or not known:
        return Deadline(kind)
    date, precision, inferred = known[-1]
    return Deadline(kind, date, precision, inferred)


def _level_of(word: Word) -> int | None:
    """How fine an end or a period is: 年底 (a period of the year) ends a month, 上旬 and 底 a day."""
    if word.means == "period":
        return LEVELS["month"] if word.month else LEVELS["day"]
    if word.means == "end":
        return LEVELS["day"]
    return None


def _add(current: _Expression, word: Word, number: str | None, level: int) -> None:
    """Put one word into the date being read: a counted number, an end or a period."""
    if word.means == "year":
        current.year = _year(number)
        current.precision = "year"
    elif word.means in {"month", "day"}:
        value = int(number) if number and number.isdigit() else cn_number(number or "")
        setattr(current, word.means, value)
        current.precision = word.means
        current.of_a_month = word.means == "day"
    else:
        if word.month:
            current.month = word.month
        current.day = 0 if word.day == "last" else int(word.day)  # 0: the month's last day
        current.precision = "day"
        current.of_a_month = word.means == "period" and not word.month
    current.level = level


def _year(number: str | None) -> int | None:
    """A year written with four digits (2023, 二〇二三), else None."""
    digits = cn_digits(number or "")
    return int(digits) if len(digits) == 4 and digits.isdigit() else None


def _close(e: _Expression, written_year: int | None, plan_date: str) -> tuple[str, str, bool]:
    """The date an expression ends on, the precision written, and whether the year is the plan's:
    ("", "", False) when it holds no date or no year can be known."""
    if not e.level or (e.of_a_month and e.month is None):
        return "", "", False
    year, inferred = e.year or written_year, False
    if year is None and plan_date[:4].isdigit():
        year, inferred = int(plan_date[:4]), True
    if year is None:
        return "", "", False
    month = e.month or 12
    if not 1 <= month <= 12:
        return "", "", False
    last = calendar.monthrange(year, month)[1]
    day = e.day or last
    if day > last:
        return "", "", False
    return datetime.date(year, month, day).isoformat(), e.precision, inferred

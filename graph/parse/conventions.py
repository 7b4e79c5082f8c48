"""Document conventions: what a plan says, once, about how to read its clauses.

Plans save words by stating a rule once: 列第一位者为牵头单位 (the first name listed leads),
排在首位的为牵头或汇总单位, 除标注“牵头”外…, 下同. The rule may stand in the covering notice, in
a bracket under the title, in a footnote after the last item, or inside the first clause that
uses it (（A、B、C负责，列第一位者为牵头单位，下同）); it holds from where it is stated on, and a
rule stated outside any clause holds for the whole plan. The sentences are rows of
``ontology/conventions.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import read_table


@dataclass(frozen=True)
class Convention:
    effect: str  # first-leads | star-leads | marked-leads | carry-over | note
    start: int  # document offset from which it holds (0: the whole plan)
    text: str  # the sentence as written


@cache
def patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"]), r["effect"]) for r in read_table("conventions.tsv"))


@cache
def _keyed() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    return tuple((r["key"], regex, effect) for r, (regex, effect) in zip(read_table("conventions.tsv"), patterns()))


@cache
def _keys() -> re.Pattern[str]:
    return re.compile("|".join(dict.fromkeys(re.escape(r["key"]) for r in read_table("conventions.tsv"))))


def states_a_convention(text: str) -> bool:
    """Whether a text may hold a convention's sentence: it holds one of their key words."""
    return _keys().search(text) is not None


def effect_of(segment: str) -> str:
    """The convention a clause segment states, or ''.

    >>> effect_of("列第一位者为牵头单位"), effect_of("排在第一位的为牵头或汇总单位"), effect_of("下同")
    ('first-leads', 'first-leads', 'carry-over')
    >>> effect_of("省财政厅")
    ''
    """
    text = segment.strip()
    for key, regex, effect in _keyed():
        if key in text and regex.search(text):
            return effect
    return ""


@dataclass(frozen=True)
class Conventions:
    """The rules in force across a plan, each from its offset on."""

    rules: tuple[Convention, ...] = ()

    def holds(self, effect: str, offset: int) -> bool:
        """Whether a rule with ``effect`` is in force at document ``offset``."""
        return any(r.effect == effect and r.start <= offset for r in self.rules)

    def stated_in(self, effect: str, offset: int, text: str) -> Conventions:
        """These rules and one more, stated in a clause at ``offset``: it holds from there on."""
        if any(r.effect == effect and r.start <= offset for r in self.rules):
            return self
        return Conventions((*self.rules, Convention(effect, offset, text)))


def narrative_conventions(texts: list[str]) -> Conventions:
    """Rules stated outside clauses (in the notice, a heading, a footnote): they hold everywhere.

    ``texts`` are the folded texts of the plan's paragraphs with their clauses blanked out.
    """
    rules = []
    for text in texts:
        if not states_a_convention(text):
            continue
        for regex, effect in patterns():
            if effect in {"carry-over", "note"}:
                continue
            m = regex.search(text)
            if m:
                rules.append(Convention(effect, 0, m.group()))
    return Conventions(tuple(dict.fromkeys(rules)))

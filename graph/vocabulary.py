"""The clause vocabulary (``ontology/clause-vocabulary.tsv``) compiled for the parser.

The words live in data so that a new phrasing (落实单位, 协办) is a row, not a code change. This
module only turns the rows into regular expressions, longest phrase first, so that
按照职责分工负责 wins over 负责 at the same position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .resources import read_table

# A notice that the first-listed unit of a clause leads: 排在首位的为牵头单位, 列第一位者为牵头部门.
FIRST_LEADS = re.compile(
    r"(?:排在|排列|列在|位列|名列|排名|列|排)?(?:首位|第一位|第一个|第一)(?:的|者)?(?:部门|单位)?"
    r"(?:为|是)牵头(?:单位|部门)"
)
# 下同: what this clause says holds for what follows.
CARRY_OVER = re.compile(r"下同|以下同|后同")


@dataclass(frozen=True)
class Phrase:
    text: str
    form: str  # postfix | field | infix
    role: str  # lead | support | responsible | responsible* | joint | official | deadline


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[tuple[str, str], Phrase]  # (phrase, form): 牵头 is a postfix word and a field label
    postfix: re.Pattern[str]  # a role word that follows the names it governs
    field: re.Pattern[str]  # a field label followed by a colon, at a field boundary
    label: re.Pattern[str]  # a field label and its colon at the start of a line
    infix: re.Pattern[str]
    signal: re.Pattern[str]  # anything that makes a bracket look like a clause

    def role_of(self, phrase: str, form: str) -> Phrase:
        return self.phrases[(phrase, form)]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def vocabulary() -> Vocabulary:
    rows = read_table("clause-vocabulary.tsv")
    phrases = {(row["phrase"], row["form"]): Phrase(row["phrase"], row["form"], row["role"]) for row in rows}
    by_form: dict[str, list[str]] = {}
    for p in phrases.values():
        by_form.setdefault(p.form, []).append(p.text)
    postfix = _alternation(by_form["postfix"])
    field = _alternation(by_form["field"])
    infix = _alternation(by_form["infix"])
    return Vocabulary(
        phrases=phrases,
        postfix=re.compile(postfix),
        field=re.compile(rf"(?:^|(?<=[；，。\s]))(?P<label>{field})\s*：\s*"),
        label=re.compile(rf"^(?P<label>{field})\s*："),
        infix=re.compile(infix),
        signal=re.compile(rf"{postfix}|{field}|{infix}"),
    )

"""The clause vocabulary compiled for the parser: role words and the grammar of field labels.

The words live in data so that a new phrasing (落实单位, 协办) is a row, not a code change:
``ontology/clause-vocabulary.tsv`` lists the role words that follow or join names (由A牵头，B配合;
A会同B), and ``ontology/field-labels.tsv`` the parts field labels are made of (省 + 牵头 + 责任 +
单位). This module only turns the rows into regular expressions, longest phrase first, so that
按照职责分工负责 wins over 负责 at the same position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import read_table


@dataclass(frozen=True)
class Phrase:
    text: str
    form: str  # postfix | infix
    role: str  # lead | support | responsible | responsible* | joint


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[tuple[str, str], Phrase]  # (phrase, form)
    label_roles: dict[str, str]  # core or whole label → role
    person_heads: frozenset[str]
    postfix: re.Pattern[str]  # a role word that follows the names it governs
    field: re.Pattern[str]  # a field label followed by a colon, at a field boundary
    label: re.Pattern[str]  # a field label and its colon at the start of a line
    label_inside: re.Pattern[str]  # a field label and its colon after white space inside a line
    field_label: re.Pattern[str]  # a field label and its colon anywhere
    infix: re.Pattern[str]
    words: re.Pattern[str]  # the role words that follow or join names (a plain alternation: fast)

    def signals(self, text: str) -> bool:
        """Whether a text holds anything that makes a bracket look like a clause: a role word,
        or a field label with its colon."""
        return bool(self.words.search(text) or ("：" in text and self.field_label.search(text)))

    def role_of(self, phrase: str, form: str) -> Phrase:
        return self.phrases[(phrase, form)]

    def field_role(self, label: str) -> str:
        """The role a field label gives its names: lead, support, responsible*, official,
        deadline or clause.

        >>> v = vocabulary()
        >>> [v.field_role(x) for x in ("牵头责任单位", "协同责任单位", "省牵头单位", "牵头负责领导", "部门分工")]
        ['lead', 'support', 'lead', 'official', 'clause']
        """
        m = _label_grammar()[0].fullmatch(label)
        if m is None or not (m["core"] or m["bare"]):  # a whole label: 完成时限
            return self.label_roles[label]
        if m["head"] in self.person_heads:
            return "official"
        return self.label_roles[m["core"] or m["bare"]]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _label_grammar() -> tuple[re.Pattern[str], str]:
    """The label grammar, and the characters a label can start with."""
    parts: dict[str, list[dict[str, str]]] = {}
    for row in read_table("field-labels.tsv"):
        parts.setdefault(row["part"], []).append(row)
    level = _alternation(r["word"] for r in parts["level"])
    core = _alternation(r["word"] for r in parts["core"])
    bare = _alternation(r["word"] for r in parts["core"] if r["bare"] == "yes")
    qualifier = _alternation(r["word"] for r in parts["qualifier"])
    head = _alternation(r["word"] for r in parts["head"])
    whole = _alternation(r["word"] for r in parts["label"])
    # Every label starts with one of these characters: a lookahead on them lets the engine skip
    # every other position at once (the optional parts would otherwise be tried everywhere).
    first = "".join(sorted({r["word"][0] for r in (*parts["level"], *parts["core"], *parts["label"])}))
    return re.compile(
        rf"(?=[{first}])(?:(?:{whole})|(?:{level})?(?:(?P<core>{core})(?:{level})?(?:{qualifier})?(?P<head>{head})"
        rf"|(?P<bare>{bare})))"
    ), first


@cache
def vocabulary() -> Vocabulary:
    rows = read_table("clause-vocabulary.tsv")
    phrases = {(row["phrase"], row["form"]): Phrase(row["phrase"], row["form"], row["role"]) for row in rows}
    labels = read_table("field-labels.tsv")
    label_roles = {r["word"]: r["role"] for r in labels if r["part"] in {"core", "label"}}
    label_roles.update({r["word"]: r["role"] for r in labels if r["part"] == "core"})
    person_heads = frozenset(r["word"] for r in labels if r["part"] == "head" and r["role"] == "person")
    postfix = _alternation(p.text for p in phrases.values() if p.form == "postfix")
    infix = _alternation(p.text for p in phrases.values() if p.form == "infix")
    grammar, first = _label_grammar()
    field = grammar.pattern.replace("?P<core>", "?:").replace("?P<head>", "?:").replace("?P<bare>", "?:")
    at = f"(?=[{first}])"  # checked first: most positions fail at once
    return Vocabulary(
        phrases=phrases,
        label_roles=label_roles,
        person_heads=person_heads,
        postfix=re.compile(postfix),
        field=re.compile(rf"{at}(?:^|(?<=[；，。、\s〔（]))(?P<label>{field})\s*：\s*"),
        label=re.compile(rf"(?P<label>{field})\s*："),
        label_inside=re.compile(rf"\s(?P<label>{field})\s*："),
        field_label=re.compile(rf"{at}(?:{field})\s*："),
        infix=re.compile(infix),
        words=re.compile(rf"{postfix}|{infix}"),
    )

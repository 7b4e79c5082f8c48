"""Every role word accounted for: in a clause, in text read as narrative, or in a warning.

A graph that looks complete and is not is the worst thing a parser can give a researcher: a
support field nobody read leaves the bodies it names out of every count, and nothing says so.
After parsing, every occurrence of a role word (``ontology/coverage-words.tsv``: 牵头, 配合, 协同,
负责, 责任单位, 会同, 分工 …) is classified:

* ``clause``: inside a clause, parsed or kept unparsed with its warning;
* narrative, with its reason: ``notice`` (the covering notice and preamble), ``narrative``
  (a part without clauses: 三、工作要求), ``heading`` (a section's or item's title), ``text``
  (in a unit's own text, or after a block's last clause); in narrative and text a role word
  right after a body's name (市商务局牵头组织…) is not narrative but warned;
* ``warned``: anything else, reported with its line (``uncovered-role-word``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from ..model import Coverage
from ..resources import read_table
from .gazetteer import ORG_END, Gazetteer
from .snippet import Snippet

_REASONS = ("clause", "notice", "narrative", "heading", "text", "after")


@cache
def _words() -> re.Pattern[str]:
    parts = []
    rows = sorted(read_table("coverage-words.tsv"), key=lambda r: len(r["word"]), reverse=True)
    for row in rows:
        word = re.escape(row["word"])
        parts.append(f"{word}(?!{row['not_before']})" if row["not_before"] else word)
    return re.compile("|".join(parts))  # a plain alternation: the engine skips to its first characters


@dataclass
class Spans:
    """Document spans by what they were read as; later calls win over earlier ones."""

    marks: list[tuple[int, int, str]] = field(default_factory=list)

    def _add(self, snip: Snippet, reason: str) -> None:
        for s, d, nxt in zip(snip.starts, snip.docs, (*snip.starts[1:], len(snip))):
            if nxt > s:
                self.marks.append((d, d + nxt - s, reason))

    def notice(self, paras) -> None:
        for p in paras:
            self._add(p.snip, "notice")

    def narrative(self, snip: Snippet) -> None:
        self._add(snip, "narrative")

    def heading(self, snip: Snippet) -> None:
        self._add(snip, "heading")

    def unit(self, snip: Snippet) -> None:
        self._add(snip, "text")

    def after(self, snip: Snippet) -> None:
        """Text after a block's last clause (a line nobody read as a clause may hide there)."""
        self._add(snip, "after")

    def clause(self, snip: Snippet) -> None:
        self._add(snip, "clause")

    def reasons(self, length: int) -> bytearray:
        """The reason of every document offset, as its index in ``_REASONS`` + 1 (0: nothing);
        clauses win over the text around them, text over headings…"""
        by_offset = bytearray(length)
        rank = {r: len(_REASONS) - i for i, r in enumerate(_REASONS)}  # later in the list: weaker
        for s, e, reason in sorted(self.marks, key=lambda m: rank[m[2]]):
            by_offset[s:e] = bytes([_REASONS.index(reason) + 1]) * (e - s)
        return by_offset


def check_coverage(folded: str, spans: Spans, g: Gazetteer, warn: Callable[[str, str, int, str], None]) -> Coverage:
    """Classify every role word of a document; warn about each that no reading accounts for."""
    by_offset = spans.reasons(len(folded))
    counts: Counter[str] = Counter()
    for m in _words().finditer(folded):
        code = by_offset[m.start()]
        reason = _REASONS[code - 1] if code else ""
        if reason in {"text", "narrative", "after"} and _names_a_body(folded, m.start(), g):
            reason = ""  # 市商务局牵头组织…: a body and its role, in no clause
        elif reason == "after":
            reason = "text"
        if not reason:
            line = folded.count("\n", 0, m.start()) + 1
            context = folded[max(0, folded.rfind("\n", 0, m.start()) + 1, m.start() - 30): m.end() + 20]
            warn("uncovered-role-word", f"the role word {m.group()} (line {line}) is in no clause: "
                 "check whether it assigns a body", m.start(), context.strip())
            counts["warned"] += 1
        else:
            counts[reason] += 1
    return Coverage(
        clause=counts["clause"],
        narrative=sum(counts[r] for r in _REASONS[1:-1]),
        warned=counts["warned"],
        reasons=tuple(sorted((r, n) for r, n in counts.items() if r not in {"clause", "warned"})),
    )


def _names_a_body(folded: str, pos: int, g: Gazetteer) -> bool:
    """Whether the role word at ``pos`` follows a body's name (市发改委负责…), not other text."""
    start = max(folded.rfind(c, 0, pos) for c in "，。；、：（）\n ") + 1
    before = folded[start:pos].lstrip("由")
    if len(before) < 2:
        return False
    if g.is_known(before) or g.names_own_place(before):
        return True
    return len(before) >= 3 and bool(ORG_END.search(before)) and bool(g.shape(before).prefix)  # not 社会参与

"""Every role word accounted for: in a clause, in text read as narrative, or in a warning.

A graph that looks complete and is not is the worst thing a parser can give a researcher: a
support field nobody read leaves the bodies it names out of every count, and nothing says so.
After parsing, every occurrence of a role word (``ontology/coverage-words.tsv``: 牵头, 配合, 协同,
负责, 责任单位, 会同, 分工 …) is classified:

* ``clause``: inside a clause, parsed or kept unparsed with its warning;
* narrative, with its reason: ``notice`` (the covering notice and preamble), ``narrative``
  (a part without clauses: 三、工作要求), ``heading`` (a section's or item's title), ``text``
  (in a unit's own text, where no body's name stands before it: 由区级负责审批);
* ``warned``: anything else, reported with its line (``uncovered-role-word``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from ..model import Coverage
from ..resources import read_table
from .gazetteer import Gazetteer
from .snippet import Snippet

_REASONS = ("clause", "notice", "narrative", "heading", "text")


@cache
def _words() -> re.Pattern[str]:
    parts = []
    for row in sorted(read_table("coverage-words.tsv"), key=lambda r: len(r["word"]), reverse=True):
        word = re.escape(row["word"])
        parts.append(f"{word}(?!{row['not_before']})" if row["not_before"] else word)
    return re.compile("|".join(parts))


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

    def clause(self, snip: Snippet) -> None:
        self._add(snip, "clause")

    def reason_at(self) -> Callable[[int], str]:
        """A lookup from a document offset to its reason ('' when nothing covers it); clauses
        win over the text around them."""
        rank = {r: i for i, r in enumerate(_REASONS)}
        marks = sorted(self.marks)
        starts = [m[0] for m in marks]

        def at(offset: int) -> str:
            best = ""
            k = bisect_right(starts, offset)
            for s, e, reason in reversed(marks[max(0, k - 64):k]):
                if s <= offset < e and (not best or rank[reason] < rank[best]):
                    best = reason
            return best

        return at


def check_coverage(folded: str, spans: Spans, g: Gazetteer, warn: Callable[[str, str, int, str], None]) -> Coverage:
    """Classify every role word of a document; warn about each that no reading accounts for."""
    at = spans.reason_at()
    counts: Counter[str] = Counter()
    for m in _words().finditer(folded):
        reason = at(m.start())
        if reason == "text" and _names_a_body(folded, m.start(), g):
            reason = ""
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
        narrative=sum(counts[r] for r in _REASONS[1:]),
        warned=counts["warned"],
        reasons=tuple(sorted((r, n) for r, n in counts.items() if r not in {"clause", "warned"})),
    )


def _names_a_body(folded: str, pos: int, g: Gazetteer) -> bool:
    """Whether the role word at ``pos`` follows a body's name (市发改委负责…), not other text."""
    start = max(folded.rfind(c, 0, pos) for c in "，。；、：（）\n ") + 1
    before = folded[start:pos].lstrip("由")
    return len(before) >= 2 and g.looks_like_org(before) and bool(g.shape(before).body_row or g.kind_by_shape(before))

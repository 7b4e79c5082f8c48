"""Clauses set off from the text: in brackets (``bracket``) or on labelled field lines (``field``).

A bracket is a clause when it holds a role word (（由A牵头，B配合）) or, at the end of a sentence, only
names of bodies (（A、B、C）, read by the plan's conventions); one that explains rather than
assigns (（以下简称《决定》）) or only states a convention for the plan is not. A bracket left open
or closed without opening is reported, and kept when it reads like a clause.

A field is a line, or the end of an item's last sentence, under a label (牵头单位：A；配合单位：B);
consecutive field lines read as one clause, and a label that holds a role word but is no label
fengong knows is kept as an unparsed clause.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .clauses import ClauseError, ClauseReading, read_clause
from .conventions import effect_of, states_a_convention
from .found import Found, Warn
from .gazetteer import Gazetteer
from .snippet import Snippet
from .vocabulary import vocabulary

OPEN, CLOSE = "（〔", "）〕"
BRACKET = re.compile("[（〔）〕]")
# Brackets that explain rather than assign: （以下简称《决定》）, （含…）.
NOT_A_CLAUSE = re.compile(r"^\s*(?:以下简称|简称|下称|含|包括|即|如|例如|详见|见附件|附件|注)")
LABEL_AT_START = re.compile(r"(?P<label>[\u4e00-\u9fff]{2,8})\s*：")


def bracket_pairs(body: Snippet, warn: Warn) -> list[tuple[int, int]]:
    """Top-level bracket pairs; an unclosed bracket that reads like a clause is reported."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    signals = vocabulary().signals
    for m in BRACKET.finditer(body.folded):
        i, ch = m.start(), m.group()
        if ch in OPEN:
            stack.append(i)
        elif ch in CLOSE:
            if stack:
                start = stack.pop()
                if not stack:
                    pairs.append((start, i + 1))
            else:
                warn("unbalanced-bracket", "a closing bracket has no opening bracket",
                     body.offset(i), body[max(0, i - 20): i + 1].compact())
                # The sentence before it may be the clause: kept unparsed if it reads like one.
                begin = max([pairs[-1][1] if pairs else 0] + [body.folded.rfind(c, 0, i) + 1 for c in "。；\n"])
                if signals(body.folded[begin:i]):
                    pairs.append((begin, i + 1))
    for start in stack[:1]:
        tail = body[start:]
        warn("unbalanced-bracket", "a bracket is opened and never closed",
             body.offset(start), tail.compact()[:80])
        if signals(tail.folded):
            pairs.append((start, len(body)))
    return pairs


def bracket_clause(g: Gazetteer, body: Snippet, i: int, j: int) -> Found | None:
    """The clause of the bracket pair ``body[i:j]``, or None when it is no clause."""
    opened, closed = body.folded[i] in OPEN, body.folded[j - 1] in CLOSE
    content = body[i + 1 if opened else i: j - 1 if closed else j]
    text = content.folded
    if NOT_A_CLAUSE.match(text) or _only_conventions(text):
        return None
    signal = vocabulary().signals(text)
    bare = not signal and _bare_list(g, body, content, j)
    if not signal and not bare:
        return None
    try:
        reading = read_clause(content, bare=bare)
    except ClauseError as err:
        return Found("bracket", i, j, i, None, err)
    if not closed:
        return Found("bracket", i, j, i, None, ClauseError("unbalanced-bracket", "the clause is never closed"))
    if not opened:
        return Found("bracket", i, j, i, None, ClauseError("unbalanced-bracket", "the clause is never opened"))
    return Found("bracket", i, j, i, reading)


def _bare_list(g: Gazetteer, body: Snippet, content: Snippet, j: int) -> bool:
    """A bracket holding only names of bodies, at the end of a sentence: a clause that
    relies on the plan's convention (first listed leads, or all share responsibility)."""
    after = body.folded[j:j + 1]
    if after and after not in "。；\n ":
        return False
    names = [n for n in re.split(r"[、，]", content.compact_folded()) if n]
    return bool(names) and all(g.looks_like_org(n) for n in names) and any(
        g.is_known(n) for n in names
    )


def _only_conventions(text: str) -> bool:
    """（排在第一位的为牵头单位）under a title: a rule for the plan, not a clause."""
    if not states_a_convention(text):
        return False
    segments = [s for s in re.split(r"[，；。]", text) if s.strip()]
    return bool(segments) and all(effect_of(s) for s in segments)  # all() stops at the first name


def field_clauses(body: Snippet, starts: list[int], pairs: list[tuple[int, int]]) -> list[Found]:
    """牵头单位：A；配合单位：B on its own line or after the item's last sentence."""
    voc = vocabulary()
    found: list[Found] = []
    ends = starts[1:] + [len(body)]
    for start, end in zip(starts, ends):
        para = body.folded[start:end]
        if "：" not in para:  # every label has its colon (fold made ':' '：')
            continue
        unknown = _unknown_label(para)
        if unknown and not any(i <= start < j for i, j in pairs):
            found.append(Found("field", start, end, start, None, ClauseError(
                "unknown-label", f"{unknown} is not a field label fengong knows (ontology/field-labels.tsv)")))
            continue
        for m in voc.field.finditer(para):
            pos = start + m.start()
            if any(i <= pos < j for i, j in pairs):
                continue
            if m.start() > 0 and para[m.start() - 1] not in "。；！？ ":
                continue
            try:
                f = Found("field", pos, end, pos, read_clause(body[pos:end]))
            except ClauseError as err:
                f = Found("field", pos, end, pos, None, err)
            prev = found[-1] if found else None
            if prev and prev.end == pos and prev.reading and f.reading:  # field lines in a row
                found[-1] = replace(prev, end=end, reading=_join_readings(prev.reading, f.reading))
            else:
                found.append(f)
            break
    return found


def _unknown_label(para: str) -> str:
    """A line that opens with a label holding a role word that is no known label (协同配合单位：…):
    it is kept as an unparsed clause, never dropped or read as narrative."""
    m = LABEL_AT_START.match(para)
    if m is None or vocabulary().label.match(para) or not vocabulary().words.search(m["label"]):
        return ""
    return m["label"]


def _join_readings(a: ClauseReading, b: ClauseReading) -> ClauseReading:
    """Field lines under one item (牵头单位：A / 配合单位：B / 责任人：C) read as one clause."""
    return ClauseReading(
        a.groups + b.groups,
        a.officials + b.officials,
        a.deadline or b.deadline,
        a.first_leads or b.first_leads,
        a.carry_over or b.carry_over,
        tuple(dict.fromkeys(a.stated + b.stated)),
        a.notes + b.notes,
    )

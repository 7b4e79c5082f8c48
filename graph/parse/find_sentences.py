"""Clauses written into the sentences of the text, with no bracket or label to mark them.

* ``inline``: 由A会同B、C等部门研究提出… inside a sentence (A leads, B and C support), and a run
  of comma segments that each name bodies and a role word (由某副市长负责，市发改委牵头，相关部门
  配合，尽快完成…), whose unit is the sentence;
* ``sentence``: such a run, or an item's last sentence, that is a whole sentence of its own
  (县水利局牵头，县环保局配合。): it closes the text before it;
* ``prose``: in a plan with no clause of any other form, a sentence that opens with the bodies
  that do it (市公安局牵头，负责组织开展…。).

With nothing around them to say "this is a clause", these forms ask more of their names: each
must look like a body (:meth:`~fengong.parse.gazetteer.Gazetteer.looks_like_org`), and some must
be known ones.
"""

from __future__ import annotations

import re

from ..model import Jurisdiction
from .clauses import LEADING, ClauseError, ClauseReading, RoleGroup, read_clause
from .found import Found
from .gazetteer import ORG_END, Gazetteer
from .names import Expander, is_post
from .snippet import SEPARATORS, WHITESPACE, Snippet
from .vocabulary import vocabulary

SENTENCE_END = re.compile(r"[。；！？]")
PROSE_END = re.compile("[。；！？]")

Taken = list[tuple[int, int]]  # spans of the body other clauses (or brackets) already hold


def inline_clauses(g: Gazetteer, body: Snippet, taken: Taken) -> list[Found]:
    """由A会同B、C等部门… inside the text: A leads, B and C support."""
    text = body.folded
    found: list[Found] = []
    for m in vocabulary().infix.finditer(text):
        if any(i <= m.start() < j for i, j in taken):
            continue
        sentence_start = max((s.end() for s in SENTENCE_END.finditer(text, 0, m.start())), default=0)
        by = text.rfind("由", sentence_start, m.start())
        if by < 0:
            continue
        lead = body[by + 1: m.start()].strip(SEPARATORS)
        if not g.looks_like_org(lead.compact_folded()):
            continue
        stop = re.search(r"[，。；]", text[m.end():])
        limit = m.end() + (stop.start() if stop else len(text) - m.end())
        length = _leading_names(g, body[m.end(): limit])
        partners = body[m.end(): m.end() + length].strip(SEPARATORS)
        if not partners:
            continue
        end_sentence = SENTENCE_END.search(text, m.end())
        text_end = end_sentence.end() if end_sentence else len(text)
        reading = ClauseReading((
            RoleGroup(m.group(), "lead", "infix", lead),
            RoleGroup(m.group(), "support", "infix", partners),
        ))
        found.append(Found("inline", by, m.end() + length, text_end, reading))
    return found


def _leading_names(g: Gazetteer, snip: Snippet) -> int:
    """How long the list of names is at the start of a text that goes on with a verb
    (省财政厅、省商务厅制定方案 → up to 省商务厅)."""
    tail = re.search(r"等(?:有关|相关)?(?:部门|单位)?", snip.folded)
    if tail:
        return tail.start()
    last = snip.folded.rfind("、") + 1
    for k in range(min(len(snip) - last, 40), 1, -1):
        if g.is_known(snip.folded[last: last + k].replace(" ", "")):
            return last + k
    m = ORG_END.search(snip.folded[last: last + 40])
    return last + m.end() if m else 0


def role_runs(g: Gazetteer, body: Snippet, taken: Taken) -> list[Found]:
    """由某副市长负责，市发改委牵头，相关部门配合，尽快完成…: two or more comma-separated
    segments in a row that each are names and a role word, inside a sentence, read as a clause
    (its unit is the sentence)."""
    text = body.folded
    found: list[Found] = []
    ends = [m.end() for m in vocabulary().postfix.finditer(text)  # role words that end a segment
            if (m.end() == len(text) or text[m.end()] in "，。；！？") and not any(a <= m.start() < b for a, b in taken)]
    if len(ends) < 2:
        return found
    start = 0
    for end in [*(m.start() for m in SENTENCE_END.finditer(text)), len(text)]:
        if sum(1 for e in ends if start < e <= end) < 2:
            start = end + 1
            continue
        run: list[tuple[int, int]] = []
        for i, j in _comma_segments(text, start, end):
            if _names_a_role(g, text[i:j]) and not any(a <= i < b for a, b in taken):
                run.append((i, j))
                continue
            found.extend(_run_clause(body, run, start, end))
            run = []
        found.extend(_run_clause(body, run, start, end))
        start = end + 1
    return found


def _comma_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between commas, as document positions."""
    spans, pos = [], start
    for m in re.finditer("，", text[start:end]):
        spans.append((pos, start + m.start()))
        pos = start + m.end()
    spans.append((pos, end))
    return [(i, j) for i, j in spans if j > i]


def _names_a_role(g: Gazetteer, segment: str) -> bool:
    """省发改委牵头, 由王某副市长负责: names (or a person) and the role word that ends them."""
    segment = segment.strip(SEPARATORS)
    last = None
    for last in vocabulary().postfix.finditer(segment):
        pass
    if last is None or last.end() != len(segment) or last.start() < 2:
        return False
    names = segment[: last.start()].removeprefix("由")
    return all(g.looks_like_org(n) or is_post(n) for n in re.split(r"[、和及]", names) if n)


def _run_clause(body: Snippet, run: list[tuple[int, int]], start: int, end: int) -> list[Found]:
    """The clause of a run of role segments: a whole sentence closes the text before it
    (县水利局牵头，县环保局配合。); inside a sentence, the sentence is its unit."""
    if len(run) < 2:
        return []
    i, j = run[0][0], run[-1][1]
    try:
        reading = read_clause(body[i:j])
    except ClauseError:
        return []
    close = end + 1 if end < len(body) else end
    if not body.folded[start:i].strip(WHITESPACE) and body.folded[j:end].strip(WHITESPACE) == "" and start > 0:
        return [Found("sentence", i, close, i, reading)]
    return [Found("inline", i, j, close, reading)]


def prose_clauses(g: Gazetteer, body: Snippet, at_least: int) -> list[Found]:
    """Sentences (or parts of one between ；) that open with the bodies that do them and a
    role word (市公安局牵头，负责…; 此项活动由区商务局、某街办共同组织实施): each is a unit and its
    clause. Read only in a plan without any other clause (a news page, a report), in a block
    with no brackets, and from ``at_least`` such sentences."""
    text = body.folded
    found: list[Found] = []
    start = 0
    for end in [*(m.start() for m in PROSE_END.finditer(text)), len(text)]:
        segment = text[start:end]
        lead = LEADING.match(segment)
        names_from = start + (lead.end() if lead else 0)
        comma = text.find("，", names_from, end)
        word = vocabulary().postfix.search(text, names_from, comma if comma >= 0 else end)
        if word is not None and _prose_names(g, text[names_from: word.start()]):
            close = end + 1 if end < len(text) else end
            reading = ClauseReading((RoleGroup(word.group(), _postfix_role(word.group()), "postfix",
                                               body[names_from: word.start()]),))
            found.append(Found("prose", start, word.end(), close, reading))
        start = end + 1
    return found if len(found) >= at_least else []


def _prose_names(g: Gazetteer, names: str) -> bool:
    parts = [n for n in re.split(r"[、和及]", names) if n]
    return bool(parts) and len(names) <= 40 and all(
        g.is_known(n) or (g.kind_by_shape(n) == "collective" and len(n) <= 8)
        or (len(n) >= 3 and ORG_END.search(n) and g.looks_like_org(n)) for n in parts)


def _postfix_role(word: str) -> str:
    """The role a role word gives the names before it (牵头 → lead)."""
    return vocabulary().role_of(word, "postfix").role


def sentence_clause(g: Gazetteer, home: Jurisdiction | None, body: Snippet, strict: bool) -> Found | None:
    """The last sentence of an item read as a clause when it is nothing else: every name in it
    must look like a body (and, in a part with no other clause, be a known one)."""
    text = body.folded.rstrip(WHITESPACE + "。；")
    start = max((m.end() for m in SENTENCE_END.finditer(text)), default=0)
    if start == 0 or not vocabulary().postfix.search(text, start):
        return None
    sentence = body[start: len(text)]
    try:
        reading = read_clause(sentence)
    except ClauseError:
        return None
    expander = Expander(g)
    for group in reading.groups:
        for ref in expander.expand(group.names):
            if not g.looks_like_org(ref.key):
                return None
            if strict and not g.resolve(ref.surface, home).resolved:
                return None
    end = len(text) + (1 if len(text) < len(body) and body.folded[len(text)] in "。；" else 0)
    return Found("sentence", start, end, start, reading)

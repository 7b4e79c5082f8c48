"""Where the clauses of a block are, in the forms plans write them.

* ``bracket``: （由A牵头，B配合）, 〔牵头单位：A〕, [责任单位：A], and a bare list of bodies at the
  end of a sentence (（A、B、C）, read by the plan's conventions);
* ``field``: 牵头单位：A / 配合单位：B on lines of their own or after the item's last sentence;
* ``table``: the department columns of a table row;
* ``inline``: 由A会同B、C等部门研究提出… inside a sentence (A leads, B and C support);
* ``heading``: an item that opens with the body that does it (（二十一）市公安局。负责对…);
* ``heading-role``: a heading that names who does the work under it (（一）省监察厅牵头的工作),
  for its own text and every item below it;
* ``sentence``: a last sentence without brackets (县水利局牵头，县环保局配合。);
* ``prose``: in a plan with no clause of any other form, a sentence that opens with the bodies
  that do it (市公安局牵头，负责组织开展…。).

A :class:`Found` records where a clause stands in the block's body and what it reads as; one
that looks like a clause but cannot be read carries its :class:`~.clauses.ClauseError`, so that the
caller keeps it, unparsed, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .clauses import LEADING, SEPARATORS, ClauseError, ClauseReading, RoleGroup, read_clause, split_marked_leads
from .conventions import effect_of, states_a_convention
from .gazetteer import ORG_END, Gazetteer
from ..model import Jurisdiction
from .layout import Block
from .names import Expander, is_post
from .snippet import WHITESPACE, Snippet
from .tables import column_kind
from .vocabulary import vocabulary

OPEN, CLOSE = "（〔", "）〕"
BRACKET = re.compile("[（〔）〕]")
# Brackets that explain rather than assign: （以下简称《决定》）, （含…）.
NOT_A_CLAUSE = re.compile(r"^\s*(?:以下简称|简称|下称|含|包括|即|如|例如|详见|见附件|附件|注)")
SENTENCE_END = re.compile(r"[。；！？]")
LABEL_AT_START = re.compile(r"(?P<label>[\u4e00-\u9fff]{2,8})\s*：")
PROSE_END = re.compile("[。；！？]")
# A heading that names who does the work under it: （一）省监察厅牵头的工作, 市发改委负责事项.
HEADING_ROLE = re.compile(r"(?P<names>[^。，；：（）]{2,40}?)(?P<verb>牵头|负责|主办)(?:的)?(?:重点)?(?:工作|事项|任务)(?:清单)?")
# An item that opens with the body that does it: 市公安局。负责对…的调研 / 市财政局：牵头…
HEADING = re.compile(r"(?P<name>[^。：，；（）]{2,24}?)[。：]\s*(?P<verb>牵头|主要负责|负责|承担)")

Warn = Callable[[str, str, int, str], None]


@dataclass(frozen=True)
class Found:
    """A clause found in a block body, before it is turned into model values."""

    form: str  # bracket | field | inline | table | heading | sentence
    start: int  # position in the block body
    end: int
    text_end: int  # where the unit it closes ends (its start, or the sentence end for inline)
    reading: ClauseReading | None
    error: ClauseError | None = None


def body_of(block: Block) -> tuple[Snippet, list[int]]:
    """The block's own text (its paragraphs without its number) and where each paragraph starts."""
    parts = [p.snip for p in block.paras]
    if block.marker is not None and parts:
        parts[0] = parts[0][block.marker.length:].strip()
    starts, pos = [], 0
    for part in parts:
        starts.append(pos)
        pos += len(part)
    return Snippet.join(parts), starts


class Finder:
    """Finds the clauses of blocks; ``warn(code, message, offset, text)`` reports what it meets."""

    def __init__(self, g: Gazetteer, warn: Warn, home: Jurisdiction | None) -> None:
        self.g, self.warn, self.home = g, warn, home
        self.prose = False  # read prose (市公安局牵头，负责…) as clauses: for a plan with no other clause

    def find(self, block: Block, body: Snippet, starts: list[int]) -> list[Found]:
        if block.table:
            return self._table_clause(block, body)
        found: list[Found] = []
        pairs = self._brackets(body)
        for i, j in pairs:
            f = self._bracket_clause(body, i, j)
            if f is not None:
                found.append(f)
        found.extend(self._field_clauses(body, starts, pairs))
        taken = [(f.start, f.end) for f in found] + pairs
        found.extend(self._inline_clauses(body, taken))
        taken = [(f.start, f.end) for f in found] + pairs
        found.extend(self._role_runs(body, taken))
        if not found and block.marker is not None:
            heading = self._heading_clause(body)
            if heading is not None:
                found.append(heading)
        role = self._heading_role(block, body, starts)
        if self.prose and not found and not pairs and role is None:  # 市公安局牵头，负责组织开展…。
            found = self._prose_clauses(body, 1 if block.marker is not None else 2)
        found = sorted(found if role is None else [role, *found], key=lambda f: f.start)
        if role is not None:  # its unit runs to the next clause
            nxt = next((f.start for f in found if f is not role), len(body))
            found = [replace(f, text_end=nxt) if f is role else f for f in found]
        return found

    # -- brackets -------------------------------------------------------------------------------

    def _brackets(self, body: Snippet) -> list[tuple[int, int]]:
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
                    self.warn("unbalanced-bracket", "a closing bracket has no opening bracket",
                              body.offset(i), body[max(0, i - 20): i + 1].compact())
                    # The sentence before it may be the clause: kept unparsed if it reads like one.
                    begin = max([pairs[-1][1] if pairs else 0] + [body.folded.rfind(c, 0, i) + 1 for c in "。；\n"])
                    if signals(body.folded[begin:i]):
                        pairs.append((begin, i + 1))
        for start in stack[:1]:
            tail = body[start:]
            self.warn("unbalanced-bracket", "a bracket is opened and never closed",
                      body.offset(start), tail.compact()[:80])
            if signals(tail.folded):
                pairs.append((start, len(body)))
        return pairs

    def _bracket_clause(self, body: Snippet, i: int, j: int) -> Found | None:
        opened, closed = body.folded[i] in OPEN, body.folded[j - 1] in CLOSE
        content = body[i + 1 if opened else i: j - 1 if closed else j]
        text = content.folded
        if NOT_A_CLAUSE.match(text) or _only_conventions(text):
            return None
        signal = vocabulary().signals(text)
        bare = not signal and self._bare_list(body, content, j)
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

    def _bare_list(self, body: Snippet, content: Snippet, j: int) -> bool:
        """A bracket holding only names of bodies, at the end of a sentence: a clause that
        relies on the plan's convention (first listed leads, or all share responsibility)."""
        after = body.folded[j:j + 1]
        if after and after not in "。；\n ":
            return False
        names = [n for n in re.split(r"[、，]", content.compact_folded()) if n]
        return bool(names) and all(self.g.looks_like_org(n) for n in names) and any(
            self.g.is_known(n) for n in names
        )

    # -- fields -------------------------------------------------------------------------------

    def _field_clauses(self, body: Snippet, starts: list[int], pairs: list[tuple[int, int]]) -> list[Found]:
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

    # -- inside a sentence --------------------------------------------------------------------

    def _inline_clauses(self, body: Snippet, taken: list[tuple[int, int]]) -> list[Found]:
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
            if not self.g.looks_like_org(lead.compact_folded()):
                continue
            stop = re.search(r"[，。；]", text[m.end():])
            limit = m.end() + (stop.start() if stop else len(text) - m.end())
            length = self._leading_names(body[m.end(): limit])
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

    def _role_runs(self, body: Snippet, taken: list[tuple[int, int]]) -> list[Found]:
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
                if self._names_a_role(text[i:j]) and not any(a <= i < b for a, b in taken):
                    run.append((i, j))
                    continue
                found.extend(self._run_clause(body, run, start, end))
                run = []
            found.extend(self._run_clause(body, run, start, end))
            start = end + 1
        return found

    def _prose_clauses(self, body: Snippet, at_least: int) -> list[Found]:
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
            if word is not None and self._prose_names(text[names_from: word.start()]):
                close = end + 1 if end < len(text) else end
                reading = ClauseReading((RoleGroup(word.group(), voc_role(word.group()), "postfix",
                                                   body[names_from: word.start()]),))
                found.append(Found("prose", start, word.end(), close, reading))
            start = end + 1
        return found if len(found) >= at_least else []

    def _prose_names(self, names: str) -> bool:
        parts = [n for n in re.split(r"[、和及]", names) if n]
        return bool(parts) and len(names) <= 40 and all(
            self.g.is_known(n) or (self.g.kind_by_shape(n) == "collective" and len(n) <= 8)
            or (len(n) >= 3 and ORG_END.search(n) and self.g.looks_like_org(n)) for n in parts)

    def _names_a_role(self, segment: str) -> bool:
        """省发改委牵头, 由王某副市长负责: names (or a person) and the role word that ends them."""
        segment = segment.strip(SEPARATORS)
        last = None
        for last in vocabulary().postfix.finditer(segment):
            pass
        if last is None or last.end() != len(segment) or last.start() < 2:
            return False
        names = segment[: last.start()].removeprefix("由")
        return all(self.g.looks_like_org(n) or is_post(n) for n in re.split(r"[、和及]", names) if n)

    def _run_clause(self, body: Snippet, run: list[tuple[int, int]], start: int, end: int) -> list[Found]:
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

    def _leading_names(self, snip: Snippet) -> int:
        """How long the list of names is at the start of a text that goes on with a verb
        (省财政厅、省商务厅制定方案 → up to 省商务厅)."""
        tail = re.search(r"等(?:有关|相关)?(?:部门|单位)?", snip.folded)
        if tail:
            return tail.start()
        last = snip.folded.rfind("、") + 1
        for k in range(min(len(snip) - last, 40), 1, -1):
            if self.g.is_known(snip.folded[last: last + k].replace(" ", "")):
                return last + k
        m = ORG_END.search(snip.folded[last: last + 40])
        return last + m.end() if m else 0

    def _heading_clause(self, body: Snippet) -> Found | None:
        """（二十一）市公安局。负责对市区…的调研: the body the item opens with does it."""
        m = HEADING.match(body.folded)
        if m is None or not self.g.looks_like_org(m["name"]):
            return None
        if not (self.g.resolve(m["name"], self.home).resolved or
                (self.g.shape(m["name"]).prefix and ORG_END.search(m["name"]))):
            return None
        role = "lead" if m["verb"] == "牵头" else "responsible*"
        names = body[m.start("name"): m.end("name")]
        reading = ClauseReading((RoleGroup(m["verb"], role, "postfix", names),))
        return Found("heading", 0, m.end("name"), len(body), reading)

    def _heading_role(self, block: Block, body: Snippet, starts: list[int]) -> Found | None:
        """（一）省监察厅牵头的工作: a heading that names who does the work under it."""
        if block.marker is None or not block.paras or block.table:
            return None
        end = starts[1] if len(starts) > 1 else len(body)
        text = body.folded[:end]
        if "牵头" not in text and "负责" not in text and "主办" not in text:
            return None
        m = HEADING_ROLE.fullmatch(text.rstrip("。：: "))
        if m is None:
            return None
        title = body[:end]
        names = [n for n in re.split(r"[、和及]", m["names"]) if n]
        if not names or not all(self.g.looks_like_org(n) and not is_post(n) for n in names):
            return None  # 一、某某省长负责的工作: a person's share, no body's
        role = "lead" if m["verb"] in {"牵头", "主办"} else "responsible*"
        group = RoleGroup(m["verb"], role, "postfix", title[m.start("names"): m.end("names")])
        return Found("heading-role", 0, m.end("verb"), len(title), ClauseReading((group,)))

    def sentence_clause(self, body: Snippet, strict: bool) -> Found | None:
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
        expander = Expander(self.g)
        for group in reading.groups:
            for ref in expander.expand(group.names):
                if not self.g.looks_like_org(ref.key):
                    return None
                if strict and not self.g.resolve(ref.surface, self.home).resolved:
                    return None
        end = len(text) + (1 if len(text) < len(body) and body.folded[len(text)] in "。；" else 0)
        return Found("sentence", start, end, start, reading)

    # -- tables ---------------------------------------------------------------------------------

    def _table_clause(self, block: Block, body: Snippet) -> list[Found]:
        """A table row: its department, official and deadline columns form one clause."""
        groups, officials, deadline = [], [], ""
        cells = []
        for column, cell in block.table:
            kind = column_kind(column)
            if kind in {"lead", "support", "responsible"}:
                role = "responsible*" if kind == "responsible" else kind
                groups.extend(split_marked_leads(RoleGroup(column, role, "field", cell)))
            elif kind == "official":
                officials.append((column, cell))
            elif kind == "deadline":
                deadline = cell.compact()
            else:
                continue
            cells.append(cell)
        if not groups:
            return []
        start = body.index(cells[0].offset(0))
        reading = ClauseReading(tuple(groups), tuple(officials), deadline)
        return [Found("table", start, len(body), start, reading)]


def voc_role(word: str) -> str:
    return vocabulary().role_of(word, "postfix").role


def _comma_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between commas, as document positions."""
    spans, pos = [], start
    for m in re.finditer("，", text[start:end]):
        spans.append((pos, start + m.start()))
        pos = start + m.end()
    spans.append((pos, end))
    return [(i, j) for i, j in spans if j > i]


def _unknown_label(para: str) -> str:
    """A line that opens with a label holding a role word that is no known label (协同配合单位：…):
    it is kept as an unparsed clause, never dropped or read as narrative."""
    m = LABEL_AT_START.match(para)
    if m is None or vocabulary().label.match(para) or not vocabulary().words.search(m["label"]):
        return ""
    return m["label"]


def _only_conventions(text: str) -> bool:
    """（排在第一位的为牵头单位）under a title: a rule for the plan, not a clause."""
    if not states_a_convention(text):
        return False
    segments = [s for s in re.split(r"[，；。]", text) if s.strip()]
    return bool(segments) and all(effect_of(s) for s in segments)  # all() stops at the first name


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

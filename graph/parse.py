"""Parse a plan's text into a :class:`~fengong.model.Plan`.

The stages, each in its own module: :mod:`~fengong.layout` finds paragraphs and the numbered tree;
this module finds the clauses of every block (brackets, field lines, table cells, 由A会同B…),
reads them with :mod:`~fengong.clauses`, expands and resolves their names with
:mod:`~fengong.names` and :mod:`~fengong.gazetteer`, and cuts each block into units: the text a
clause closes, back to the previous clause or the block's start.

Nothing is dropped silently. A bracket that looks like a clause but cannot be read becomes an
unparsed clause of its item (in the graph) and a warning; so does a bracket left open.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import PurePath

from .clauses import SEPARATORS, ClauseError, ClauseReading, RoleGroup, final_roles, read_clause
from .fold import fold
from .gazetteer import ORG_END, Gazetteer, gazetteer
from .layout import Block, Para, build_tree, column_kind, paragraphs
from .metadata import read_metadata
from .model import (
    Assignment,
    Clause,
    Diagnostic,
    Item,
    Jurisdiction,
    Kind,
    Official,
    Plan,
    Section,
    Severity,
    Span,
    Unit,
)
from .names import Expander, NameRef
from .snippet import WHITESPACE, Snippet
from .vocabulary import FIRST_LEADS, vocabulary

OPEN, CLOSE = "（〔", "）〕"
# Brackets that explain rather than assign: （以下简称《决定》）, （含…）.
NOT_A_CLAUSE = re.compile(r"^\s*(?:以下简称|简称|下称|含|包括|即|如|例如|详见|见附件|附件|注)")
SENTENCE_END = re.compile(r"[。；！？]")


@dataclass(frozen=True)
class Found:
    """A clause found in a block body, before it is turned into model values."""

    form: str  # bracket | field | inline | table
    start: int  # position in the block body
    end: int
    text_end: int  # where the unit it closes ends (its start, or the sentence end for inline)
    reading: ClauseReading | None
    error: ClauseError | None = None


def doc_id_for(source: str) -> str:
    """A readable, stable document id from a file name (its stem, IRI-safe)."""
    stem = PurePath(source).stem if source not in {"", "-"} else "stdin"
    return re.sub(r"[^\w\-.\u3400-\u9fff]+", "-", stem).strip("-") or "plan"


def parse_text(text: str, source: str = "-", doc_id: str | None = None) -> Plan:
    """Parse the text of one plan.

    ``source`` names the input in diagnostics; ``doc_id`` (default: from ``source``) makes the
    document's IRIs. The function is pure: the same text gives the same plan.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _Parser(text, source, doc_id or doc_id_for(source)).plan()


class _Parser:
    def __init__(self, text: str, source: str, doc_id: str) -> None:
        self.text, self.source, self.doc_id = text, source, doc_id
        self.folded = fold(text)
        self.g: Gazetteer = gazetteer()
        self.diagnostics: list[Diagnostic] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.home: Jurisdiction | None = None
        self.first_leads = False  # a notice that the first-listed unit leads is in force
        self.carried: Clause | None = None  # a clause that said 下同
        self.reported: set[tuple[str, str]] = set()
        self.bodies: dict[int, tuple[Snippet, list[int]]] = {}

    # -- diagnostics --------------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def warn(self, code: str, message: str, offset: int, text: str = "") -> None:
        self.diagnostics.append(
            Diagnostic(code, message, self.line_of(offset), text, Severity.WARNING, self.source)
        )

    # -- the whole document -------------------------------------------------------------------

    def plan(self) -> Plan:
        paras = paragraphs(self.text, self.folded)
        root = build_tree(paras)
        meta = read_metadata(root.paras, paras, self.g)
        self.home = meta.jurisdiction
        self.first_leads = self._notice_outside_clauses(paras)
        blocks = [b for b in root.walk() if b is not root]
        found = {id(b): self._find(b) for b in blocks}
        bearing = self._bearing(blocks, found)
        for block in blocks:  # 县水利局牵头，县环保局配合。 as the last sentence, without brackets
            if not block.children and not block.table and not found[id(block)]:
                sentence = self._sentence_clause(block, strict=not bearing[id(_top(block))])
                if sentence is not None:
                    found[id(block)] = [sentence]
        bearing = self._bearing(blocks, found)
        sections: list[Section] = []
        items: list[Item] = []
        for block in blocks:
            top = _top(block)
            own = found[id(block)]
            is_item = any(f.reading for f in own) or (not block.children and bearing[id(top)])
            if is_item:
                items.append(self._item(block, own))
            else:
                sections.append(self._section(block, own, bearing[id(block)]))
        if not items and not any(d.code == "unparsed-clause" for d in self.diagnostics):
            self.warn("no-clauses", "no responsibility clause found in the document", 0)
        return Plan(
            doc_id=self.doc_id,
            source=self.source,
            text=self.text,
            sha256=hashlib.sha256(self.text.encode("utf-8")).hexdigest(),
            title=meta.title,
            date=meta.date,
            jurisdiction=meta.jurisdiction,
            addressees=meta.addressees,
            implements=meta.implements,
            sections=tuple(sections),
            items=tuple(items),
            diagnostics=tuple(self.diagnostics),
        )

    @staticmethod
    def _bearing(blocks: list[Block], found: dict[int, list[Found]]) -> dict[int, bool]:
        """Whether each block or anything under it has a clause that was read."""
        return {id(b): any(f.reading for d in b.walk() for f in found[id(d)]) for b in blocks}

    def _notice_outside_clauses(self, paras: list[Para]) -> bool:
        """A 排在首位的为牵头单位 notice in running text, or in a bracket of its own under the title
        (（排在第一位的为牵头单位）), holds for the whole plan; one inside a clause only for that
        clause (and what follows it when the clause says 下同)."""
        voc = vocabulary()
        for para in paras:
            for m in FIRST_LEADS.finditer(para.text):
                opened = max(para.text.rfind(c, 0, m.start()) for c in OPEN)
                closed = max(para.text.rfind(c, 0, m.start()) for c in CLOSE)
                if opened <= closed:
                    return True
                end = min((i for i in (para.text.find(c, m.end()) for c in CLOSE) if i >= 0), default=len(para.text))
                content = para.text[opened + 1: m.start()] + para.text[m.end(): end]
                if not voc.signal.search(content):
                    return True
        return False

    def _sentence_clause(self, block: Block, strict: bool) -> Found | None:
        """The last sentence of an item read as a clause when it is nothing else: every name in it
        must look like a body (and, in a part with no other clause, be a known one)."""
        body, _ = self._body(block)
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

    # -- finding clauses in a block -----------------------------------------------------------

    def _body(self, block: Block) -> tuple[Snippet, list[int]]:
        """The block's own text and where each of its paragraphs starts in it (made once)."""
        cached = self.bodies.get(id(block))
        if cached is None:
            cached = self.bodies[id(block)] = _body_of(block)
        return cached

    def _find(self, block: Block) -> list[Found]:
        if block.table:
            return self._table_clause(block)
        body, starts = self._body(block)
        found: list[Found] = []
        pairs = self._brackets(body)
        for i, j in pairs:
            f = self._bracket_clause(body, i, j)
            if f is not None:
                found.append(f)
        found.extend(self._field_clauses(body, starts, pairs))
        taken = [(f.start, f.end) for f in found] + pairs
        found.extend(self._inline_clauses(body, taken))
        return sorted(found, key=lambda f: f.start)

    def _brackets(self, body: Snippet) -> list[tuple[int, int]]:
        """Top-level bracket pairs; an unclosed bracket that reads like a clause is reported."""
        stack: list[int] = []
        pairs: list[tuple[int, int]] = []
        for i, ch in enumerate(body.folded):
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
                    if vocabulary().signal.search(body.folded[begin:i]):
                        pairs.append((begin, i + 1))
        for start in stack[:1]:
            tail = body[start:]
            self.warn("unbalanced-bracket", "a bracket is opened and never closed",
                      body.offset(start), tail.compact()[:80])
            if vocabulary().signal.search(tail.folded):
                pairs.append((start, len(body)))
        return pairs

    def _bracket_clause(self, body: Snippet, i: int, j: int) -> Found | None:
        opened, closed = body.folded[i] in OPEN, body.folded[j - 1] in CLOSE
        content = body[i + 1 if opened else i: j - 1 if closed else j]
        text = content.folded
        if NOT_A_CLAUSE.match(text):
            return None
        signal = vocabulary().signal.search(text)
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

    def _field_clauses(self, body: Snippet, starts: list[int], pairs: list[tuple[int, int]]) -> list[Found]:
        """牵头单位：A；配合单位：B on its own line or after the item's last sentence."""
        voc = vocabulary()
        found: list[Found] = []
        ends = starts[1:] + [len(body)]
        for start, end in zip(starts, ends):
            para = body.folded[start:end]
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

    def _table_clause(self, block: Block) -> list[Found]:
        """A flattened table row: its role, official and deadline columns form one clause."""
        groups, officials, deadline = [], [], ""
        cells = []
        for column, cell in block.table:
            kind = column_kind(column)
            if kind in {"lead", "support", "responsible"}:
                role = "responsible*" if kind == "responsible" else kind
                groups.append(RoleGroup(column, role, "field", cell))
            elif kind == "official":
                officials.append((column, cell))
            elif kind == "deadline":
                deadline = cell.compact()
            else:
                continue
            cells.append(cell)
        if not groups:
            return []
        body, _ = self._body(block)
        start = body.index(cells[0].offset(0))
        reading = ClauseReading(tuple(groups), tuple(officials), deadline)
        return [Found("table", start, len(body), start, reading)]

    # -- model values -------------------------------------------------------------------------

    def _names(self, reading: ClauseReading) -> list[list[NameRef]]:
        """The expanded names of each role group of a clause (prefixes shared across groups)."""
        expander = Expander(self.g)
        return [expander.expand(group.names) for group in reading.groups]

    def _run_together(self, refs: list[list[NameRef]]) -> ClauseError | None:
        """Two names written without a separator (省财政厅省商务厅) cannot be split safely: the
        clause is kept unparsed rather than read as one made-up department."""
        for group_refs in refs:
            for ref in group_refs:
                key = ref.key
                if self.g.is_known(key):
                    continue
                for k in range(2, len(key) - 1):
                    left, right = key[:k], key[k:]
                    if self.g.shape(right).prefix and self.g.is_known(right) and self.g.is_known(left):
                        return ClauseError("unsplittable-name",
                                           f"{ref.surface} reads as two names run together ({left} and {right})")
        return None

    def _clause(self, body: Snippet, f: Found, refs: list[list[NameRef]]) -> Clause:
        snip = body[f.start: f.end]
        assert f.reading is not None
        reading = f.reading
        if self.first_leads:
            reading = replace(reading, first_leads=True)
        for group, group_refs in zip(reading.groups, refs):
            if not group_refs:
                self.warn("role-without-department", f"{group.phrase} names no department",
                          snip.span.start, snip.compact())
        roles = final_roles(reading, [len(r) for r in refs])
        assignments: list[Assignment] = []
        for group_refs, group_roles in zip(refs, roles):
            for ref, role in zip(group_refs, group_roles):
                dept = self.g.resolve(ref.surface, self.home)
                same = [a for a in assignments if a.department.name == dept.name]
                if any(a.role is role for a in same):
                    self.warn("duplicate-name", f"{ref.surface} is named twice as {role.value} in one clause",
                              ref.written.span.start, snip.compact())
                    continue
                if same:
                    self.warn("department-twice",
                              f"{ref.surface} is named both as {same[0].role.value} and as {role.value} in one clause",
                              ref.written.span.start, snip.compact())
                if not dept.resolved and (ref.surface, "unresolved") not in self.reported:
                    self.reported.add((ref.surface, "unresolved"))
                    self.warn("unresolved-name", f"{ref.surface} is not in the gazetteer; kept as written",
                              ref.written.span.start, ref.surface)
                assignments.append(Assignment(role, dept, ref.surface, ref.written.compact(), ref.written.span))
        officials = tuple(
            Official(name.compact(), label, name.span)
            for label, names in reading.officials
            for group in Expander(self.g).split(names)
            for name in group
        )
        if reading.first_leads and reading.carry_over:
            self.first_leads = True
        clause = Clause(
            text=snip.compact(),
            span=snip.span,
            line=self.line_of(snip.span.start),
            form=f.form,
            assignments=tuple(assignments),
            officials=officials,
            deadline=reading.deadline,
        )
        if reading.carry_over and not reading.first_leads:
            self.carried = clause
        return clause

    def _unparsed(self, body: Snippet, f: Found) -> Clause:
        snip = body[f.start: f.end]
        code = f.error.code if f.error else "unparsed-clause"
        reason = str(f.error) if f.error else "not understood"
        self.warn("unparsed-clause", f"looks like a responsibility clause but does not parse ({code}: {reason})",
                  snip.span.start, snip.compact())
        return Clause(snip.compact(), snip.span, self.line_of(snip.span.start), f.form, parsed=False)

    def _units(self, body: Snippet, found: list[Found]) -> tuple[list[Unit], list[Clause]]:
        units: list[Unit] = []
        unparsed: list[Clause] = []
        leading: Clause | None = None  # a clause before any text: 1.（牵头单位：A）推进…
        prev = 0
        for f in found:
            refs = self._names(f.reading) if f.reading is not None else []
            if f.reading is not None and (error := self._run_together(refs)):
                f = replace(f, reading=None, error=error)
            if f.reading is None:
                unparsed.append(self._unparsed(body, f))
                continue
            clause = self._clause(body, f, refs)
            if f.form == "inline":
                segment, prev = body[prev: f.text_end], f.text_end
            else:
                segment, prev = body[prev: f.start], f.end
            segment = _unit_text(segment)
            if not segment:
                if units:  # （A牵头）（B配合）: two brackets close the same text
                    units[-1] = replace(units[-1], clause=_merge(units[-1].clause, clause))
                else:
                    leading = clause if leading is None else _merge(leading, clause)
                continue
            if leading is not None:
                clause, leading = _merge(leading, clause), None
            units.append(Unit(len(units) + 1, segment.compact(), segment.span, clause))
        if leading is not None:  # the clause opened the item: it applies to the text after it
            rest = _unit_text(body[prev:])
            units.append(Unit(len(units) + 1, rest.compact(), rest.span if rest else leading.span, leading))
        return units, unparsed

    def _item(self, block: Block, found: list[Found]) -> Item:
        body, _ = self._body(block)
        units, unparsed = self._units(body, found)
        if block.table:
            text = "".join(c.compact() for col, c in block.table if column_kind(col) == "task")
        else:
            text = body.compact()
        if not units and not unparsed:
            if self.carried is not None:
                carried = replace(self.carried, form="carried")
                units = [Unit(1, text, body.strip().span, carried)]
            else:
                self.warn("missing-clause", "item has no responsibility clause", body.span.start, text[:60])
        kind = Kind.TARGET if _under_targets(block.parent) else Kind.TASK
        parent = block.parent
        return Item(
            path=block.path,
            label=block.label,
            kind=kind,
            text=text,
            span=body.span,
            line=block.line,
            units=tuple(units),
            section=parent.path if parent is not None and parent.marker is not None else None,
            unparsed=tuple(unparsed),
        )

    def _section(self, block: Block, found: list[Found], bearing: bool) -> Section:
        body, _ = self._body(block)
        unparsed = tuple(self._unparsed(body, f) for f in found if f.reading is None)
        kind = ("target" if _under_targets(block) else "task") if bearing else "narrative"
        return Section(
            path=block.path,
            label=block.label,
            title=block.title,
            span=body.span,
            line=block.line,
            kind=kind,
            text=body.compact(),
            unparsed=unparsed,
        )


def _body_of(block: Block) -> tuple[Snippet, list[int]]:
    parts = [p.snip for p in block.paras]
    if block.marker is not None and parts:
        parts[0] = parts[0][block.marker.length:].strip()
    starts, pos = [], 0
    for part in parts:
        starts.append(pos)
        pos += len(part)
    return Snippet.join(parts), starts


def _top(block: Block) -> Block:
    """The top-level numbered block (the part) a block belongs to."""
    while block.parent is not None and block.parent.marker is not None:
        block = block.parent
    return block


def _unit_text(segment: Snippet) -> Snippet:
    """A unit's text: whitespace and the punctuation left after a clause (（…）。) trimmed."""
    segment = segment.strip(WHITESPACE)
    while segment and segment.folded[0] in "。；，、":
        segment = segment[1:].strip(WHITESPACE)
    return segment


def _under_targets(block: Block | None) -> bool:
    """Whether a block is, or is inside, a heading titled 工作目标 (and not 任务)."""
    while block is not None and block.marker is not None:
        title = fold(block.title)
        if "目标" in title and "任务" not in title:
            return True
        block = block.parent
    return False


def _join_readings(a: ClauseReading, b: ClauseReading) -> ClauseReading:
    """Field lines under one item (牵头单位：A / 配合单位：B / 责任人：C) read as one clause."""
    return ClauseReading(
        a.groups + b.groups,
        a.officials + b.officials,
        a.deadline or b.deadline,
        a.first_leads or b.first_leads,
        a.carry_over or b.carry_over,
    )


def _merge(a: Clause, b: Clause) -> Clause:
    """Two clauses with no text between them close the same unit: （A牵头）（B配合）."""
    names = {(x.department.name, x.role) for x in a.assignments}
    return replace(
        a,
        text=a.text + b.text,
        span=Span(a.span.start, b.span.end),
        assignments=a.assignments + tuple(x for x in b.assignments if (x.department.name, x.role) not in names),
        officials=a.officials + b.officials,
        deadline=a.deadline or b.deadline,
    )

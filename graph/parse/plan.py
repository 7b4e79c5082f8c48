"""Parse a plan's text into a :class:`~fengong.model.Plan`: the stages of :mod:`fengong.parse`, wired.

:func:`parse_text` reflows the text, builds the numbered tree, reads the covering notice, finds
the clauses of every block (:mod:`.find`), and assembles, in document order, the units (the text
a clause closes, back to the previous clause or the block's start), items and sections. Names are
expanded and resolved here, clause by clause, under the conventions in force at that point of the
document. Last, :mod:`.coverage` checks that every role word of the text was accounted for.

Nothing is dropped silently. A bracket that looks like a clause but cannot be read becomes an
unparsed clause of its item (in the graph) and a warning; so does a bracket left open.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import PurePath

from ..model import (
    Assignment,
    Clause,
    Diagnostic,
    Item,
    Jurisdiction,
    Kind,
    Official,
    Plan,
    Role,
    Section,
    Severity,
    Span,
    Unit,
)
from .clauses import ClauseError, final_roles
from .conventions import Conventions, narrative_conventions
from .coverage import Spans, check_coverage
from .find import Finder, Found, body_of
from .fold import fold
from .gazetteer import Gazetteer, gazetteer
from .layout import Block, build_tree
from .numbering import Marker
from .metadata import read_metadata
from .names import Expander, NameRef
from .reflow import reflow
from .snippet import WHITESPACE, Snippet


def doc_id_for(source: str) -> str:
    """A readable, stable document id from a file name (its stem, IRI-safe)."""
    stem = PurePath(source).stem if source not in {"", "-"} else "stdin"
    return re.sub(r"[^\w\-.\u3400-\u9fff]+", "-", stem).strip("-") or "plan"


def parse_text(text: str, source: str = "-", doc_id: str | None = None) -> Plan:
    """Parse the text of one plan.

    ``source`` names the input in diagnostics; ``doc_id`` (default: from ``source``) makes the
    document's IRIs. The function is pure: the same text gives the same plan.

    >>> plan = parse_text("一、主要任务\\n1.推进质量工作。（由省质监局牵头，省商务厅配合）\\n")
    >>> [(a.surface, a.role.value) for a in plan.assignments]
    [('省质监局', 'lead'), ('省商务厅', 'support')]
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    with _collector_paused():
        return _Parser(text, source, doc_id or doc_id_for(source)).plan()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a plan is parsed.

    A parse makes a few small objects per character (snippets, markers, names) that all live
    until the plan is built; each collection walks every one of them again, which made a 10 MB
    plan spend a fifth of its time collecting nothing. Then, rather than leave them all in the
    youngest generation, where the first collection after the parse would walk them once more
    (a tenth of the parse), they join the oldest one, as objects that lived that long would have:
    ``freeze`` and ``unfreeze`` move every tracked object there (skipped when the program has
    frozen objects of its own). Nothing waits there for a collection: the parse cuts the blocks'
    parent links, the only cycles it makes, so what it no longer needs is freed at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


class _Parser:
    def __init__(self, text: str, source: str, doc_id: str) -> None:
        self.text, self.source, self.doc_id = text, source, doc_id
        self.folded = fold(text)
        self.g: Gazetteer = gazetteer()
        self.diagnostics: list[Diagnostic] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.home: Jurisdiction | None = None
        self.conventions = Conventions()
        self.carried: Clause | None = None  # a clause that said 下同
        self.reported: set[tuple[str, str]] = set()
        self.bodies: dict[int, tuple[Snippet, list[int]]] = {}
        self.spans = Spans()

    # -- diagnostics --------------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def warn(self, code: str, message: str, offset: int, text: str = "") -> None:
        self.diagnostics.append(
            Diagnostic(code, message, self.line_of(offset), text, Severity.WARNING, self.source)
        )

    # -- the whole document -------------------------------------------------------------------

    def plan(self) -> Plan:
        flow = reflow(self.text, self.folded, self.g)
        if flow.mojibake:
            lines = ", ".join(map(str, flow.mojibake[:5])) + ("…" if len(flow.mojibake) > 5 else "")
            self.warn("mojibake", f"?? read as white space on {len(flow.mojibake)} lines ({lines}): "
                      "the file was converted with a wrong encoding", self.line_starts[flow.mojibake[0] - 1])
        root = build_tree(flow.paras)
        meta = read_metadata(root.paras, flow.paras, self.g)
        self.home = meta.jurisdiction
        finder = Finder(self.g, self.warn, self.home)
        _unnumbered_items(root, finder, self._body)
        blocks = [b for b in root.walk() if b is not root]
        found = {id(b): finder.find(b, *self._body(b)) for b in blocks}
        if not any(f.reading for fs in found.values() for f in fs):  # no clause of any form: prose?
            finder.prose = True
            _unnumbered_items(root, finder, self._body)
            blocks = [b for b in root.walk() if b is not root]
            found = {id(b): finder.find(b, *self._body(b)) for b in blocks}
        bearing = _bearing(blocks, found)
        for block in blocks:  # 县水利局牵头，县环保局配合。 as the last sentence, without brackets
            if not block.children and not block.table and not found[id(block)]:
                sentence = finder.sentence_clause(self._body(block)[0], strict=not bearing[id(_top(block))])
                if sentence is not None:
                    found[id(block)] = [sentence]
        bearing = _bearing(blocks, found)
        self.conventions = narrative_conventions(self._narrative_texts(root, blocks, found))
        self.spans.notice(root.paras)
        sections: list[Section] = []
        items: list[Item] = []
        headings: dict[int, Clause] = {}  # （一）省编办牵头的工作: the clause the items below it share
        for block in blocks:
            own = found[id(block)]
            role = next((f for f in own if f.form == "heading-role"), None)
            if role is not None and block.children:
                headings[id(block)] = self._clause(self._body(block)[0], role, self._names(role))
                own = [f for f in own if f is not role]
            inherited = _inherited(block.parent, headings)
            is_item = any(f.reading for f in own) or (not block.children and (bearing[id(_top(block))] or inherited))
            if is_item:
                items.append(self._item(block, own, inherited))
            else:
                sections.append(self._section(block, own, bearing[id(block)]))
        coverage = check_coverage(self.folded, self.spans, self.g, self.warn)
        if not any(i.units or i.unparsed for i in items) and coverage.total:
            where = "see the warnings above" if self.diagnostics else "in headings and the notice, or in a layout not read"
            self.warn("no-clauses", f"no responsibility clause could be read, though the text has {coverage.total} "
                      f"role words ({where})", 0)
        for block in blocks:  # the tree's only cycles: cut, so that it is freed as soon as it is dropped
            block.parent = None
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
            coverage=coverage,
        )

    def _body(self, block: Block) -> tuple[Snippet, list[int]]:
        """The block's own text and where each of its paragraphs starts in it (made once)."""
        cached = self.bodies.get(id(block))
        if cached is None:
            cached = self.bodies[id(block)] = body_of(block)
        return cached

    def _narrative_texts(self, root: Block, blocks: list[Block], found: dict[int, list[Found]]) -> list[str]:
        """The text of the notice and of every block with its readable clauses blanked out: where
        a convention stated outside a clause would stand."""
        texts = [p.text for p in root.paras]
        for block in blocks:
            body, _ = self._body(block)
            text = body.folded
            for f in found[id(block)]:
                if f.reading is not None:
                    text = text[: f.start] + " " * (f.end - f.start) + text[f.end:]
            texts.append(text)
        return texts

    # -- clauses ------------------------------------------------------------------------------

    def _names(self, f: Found) -> list[list[NameRef]]:
        """The expanded names of each role group of a clause (prefixes shared across groups)."""
        expander = Expander(self.g)
        assert f.reading is not None
        refs = []
        for group in f.reading.groups:
            if group.fresh:  # each field is a list of its own: 牵头单位：区财政局 / 责任单位：税务局
                expander.prefix = ""
            refs.append(expander.expand(group.names))
        return refs

    def _run_together(self, refs: list[list[NameRef]]) -> ClauseError | None:
        """Two names written without a separator (省财政厅省商务厅) cannot be split safely: the
        clause is kept unparsed rather than read as one made-up department."""
        for group_refs in refs:
            for ref in group_refs:
                key = ref.key
                if ref.person or self.g.is_known(key):
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
        start = snip.span.start
        for effect in f.reading.stated:  # a convention a clause states holds from here on
            self.conventions = self.conventions.stated_in(effect, start, snip.compact())
        reading = f.reading
        if reading.first_leads != (leads := self.conventions.holds("first-leads", start)):
            reading = replace(reading, first_leads=leads)
        officials = [
            Official(name.compact(), label, name.span)
            for label, names in reading.officials
            for group in Expander(self.g).split(names)
            for name in group
        ]
        for group_refs in refs:
            for ref in (r for r in group_refs if r.person):
                self.warn("person-not-department", f"{ref.surface} is a person's post, not a department: "
                          "kept as an official", ref.written.span.start, snip.compact())
                officials.append(Official(ref.surface, "", ref.written.span))
        refs = [[r for r in group_refs if not r.person] for group_refs in refs]
        for group, group_refs in zip(reading.groups, refs):
            if not group_refs:
                self.warn("role-without-department", f"{group.phrase} names no department", start, snip.compact())
        roles = final_roles(reading, [len(r) for r in refs])
        assignments: list[Assignment] = []
        earlier: dict[str, list] = {}
        for group_refs, group_roles in zip(refs, roles):
            for ref, role in zip(group_refs, group_roles):
                assignment = self._assignment(ref, role, earlier, snip)
                if assignment is not None:
                    assignments.append(assignment)
        clause = Clause(
            text=snip.compact(),
            span=snip.span,
            line=self.line_of(start),
            form=f.form,
            assignments=tuple(assignments),
            officials=tuple(officials),
            deadline=reading.deadline,
        )
        self.spans.clause(snip)
        if reading.carry_over and not reading.stated:
            self.carried = clause
        return clause

    def _assignment(self, ref: NameRef, role, earlier: dict[str, list], snip: Snippet) -> Assignment | None:
        """The assignment of one name; ``earlier`` holds the roles given to each body so far."""
        dept = self.g.resolve(ref.surface, self.home)
        same = earlier.setdefault(dept.name, [])
        if role in same:
            self.warn("duplicate-name", f"{ref.surface} is named twice as {role.value} in one clause",
                      ref.written.span.start, snip.compact())
            return None
        if same:
            self.warn("department-twice",
                      f"{ref.surface} is named both as {same[0].value} and as {role.value} in one clause",
                      ref.written.span.start, snip.compact())
        same.append(role)
        if not dept.resolved and (ref.surface, "unresolved") not in self.reported:
            self.reported.add((ref.surface, "unresolved"))
            self.warn("unresolved-name", f"{ref.surface} is not in the gazetteer; kept as written",
                      ref.written.span.start, ref.surface)
        return Assignment(role, dept, ref.surface, ref.written.compact(), ref.written.span)

    def _unparsed(self, body: Snippet, f: Found) -> Clause:
        snip = body[f.start: f.end]
        code = f.error.code if f.error else "unparsed-clause"
        reason = str(f.error) if f.error else "not understood"
        self.warn("unparsed-clause", f"looks like a responsibility clause but does not parse ({code}: {reason})",
                  snip.span.start, snip.compact())
        self.spans.clause(snip)
        return Clause(snip.compact(), snip.span, self.line_of(snip.span.start), f.form, parsed=False)

    # -- units, items, sections ---------------------------------------------------------------

    def _units(self, block: Block, found: list[Found]) -> tuple[list[Unit], list[Clause]]:
        body, starts = self._body(block)
        units: list[Unit] = []
        unparsed: list[Clause] = []
        leading: Clause | None = None  # a clause before any text: 1.（牵头单位：A）推进…
        prev = _after_title(body, starts, found)
        if prev:
            self.spans.heading(body[:prev])
        for f in found:
            refs = self._names(f) if f.reading is not None else []
            if f.reading is not None and (error := self._run_together(refs)):
                f = replace(f, reading=None, error=error)
            if f.reading is None:
                unparsed.append(self._unparsed(body, f))
                continue
            clause = self._clause(body, f, refs)
            if f.form in {"inline", "heading", "heading-role"}:
                segment, prev = body[prev: f.text_end], f.text_end
            elif f.form == "prose":  # the sentence is the unit, not the text before it
                segment, prev = body[f.start: f.text_end], f.text_end
            elif f.form == "table":  # a row's text is its text cells (the first of its cells)
                segment, prev = block.table[0][1], f.end
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
            self.spans.unit(segment)
        if leading is not None:  # the clause opened the item: it applies to the text after it
            rest = _unit_text(body[prev:])
            units.append(Unit(len(units) + 1, rest.compact(), rest.span if rest else leading.span, leading))
            self.spans.unit(rest)
        else:
            self.spans.after(body[prev:])
        return units, unparsed

    def _item(self, block: Block, found: list[Found], heading: Clause | None = None) -> Item:
        body, _ = self._body(block)
        units, unparsed = self._units(block, found)
        if heading is not None:  # the heading's lead leads every unit here that names none
            units = [u if any(a.role is Role.LEAD for a in u.clause.assignments)
                     else replace(u, clause=_merge(heading, u.clause)) for u in units]
        if block.table:
            text = block.table[0][1].compact()
        else:
            text = body.compact()
        if not units and not unparsed:
            if heading is not None:
                units = [Unit(1, text, body.strip().span, replace(heading, form="heading-role"))]
            elif self.carried is not None:
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
        if kind == "narrative":
            self.spans.narrative(body)
        else:
            self.spans.heading(body)
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


def _unnumbered_items(root: Block, finder: Finder, body_of_block) -> None:
    """Paragraphs before the first number that close with a clause (a news page quoting a plan's
    items): each becomes an item of its own, numbered ¶1, ¶2… A clause on lines of its own
    (牵头单位：…) takes the paragraph before it as its text."""
    body, starts = body_of_block(root)
    found = [f for f in finder.find(root, body, starts) if f.reading is not None]
    if not found:
        return
    used: set[int] = set()
    items: list[Block] = []
    for f in found:
        first = bisect.bisect_right(starts, f.start) - 1
        last = bisect.bisect_right(starts, max(f.start, f.end - 1)) - 1
        if f.start <= starts[first] and first > 0 and first - 1 not in used:
            first -= 1
        if any(k in used for k in range(first, last + 1)):
            continue
        used.update(range(first, last + 1))
        n = len(items) + 1
        items.append(Block(Marker("para", n, f"¶{n}", 0), root.paras[first: last + 1], parent=root))
    root.paras = [p for k, p in enumerate(root.paras) if k not in used]
    root.children[:0] = items


def _inherited(block: Block | None, headings: dict[int, Clause]) -> Clause | None:
    """The clause of the nearest heading above a block that names who does its work."""
    while block is not None:
        if id(block) in headings:
            return headings[id(block)]
        block = block.parent
    return None


def _bearing(blocks: list[Block], found: dict[int, list[Found]]) -> dict[int, bool]:
    """Whether each block or anything under it has a clause that was read (children come after
    their parent in ``blocks``, so one pass from the end sees every child first)."""
    bearing: dict[int, bool] = {}
    for b in reversed(blocks):
        bearing[id(b)] = any(f.reading for f in found[id(b)]) or any(bearing[id(c)] for c in b.children)
    return bearing


def _after_title(body: Snippet, starts: list[int], found: list[Found]) -> int:
    """Where a block's units start: after its title when the title is a heading over several
    paragraphs that each close with a clause ((五)充分释放… / text（A牵头）/ text（B牵头）)."""
    if len(starts) < 3 or not found or found[0].start < starts[1]:
        return 0
    in_body = {next(k for k in range(len(starts) - 1, -1, -1) if starts[k] <= f.start) for f in found}
    return starts[1] if len(in_body) >= 2 else 0


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

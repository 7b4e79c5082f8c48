"""Parse a plan's text into a :class:`~fengong.model.Plan`: the stages of :mod:`fengong.parse`, wired.

:func:`parse_text` reflows the text, builds the numbered tree, reads the covering notice, finds
the clauses of every block (:mod:`.find`), and assembles, in document order, the sections and
items (:mod:`.sections` decides which block is which), the units of each item (:mod:`.items`: the
text a clause closes, back to the previous clause or the block's start) and their clauses, whose
names are expanded and resolved clause by clause, under the conventions in force at that point of
the document (:mod:`.assign`). Last, :mod:`.coverage` checks that every role word of the text was
accounted for. The whole parse runs with the cycle collector paused (:mod:`.collector`).

Nothing is dropped silently. A bracket that looks like a clause but cannot be read becomes an
unparsed clause of its item (in the graph) and a warning; so does a bracket left open.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePath

from ..model import Clause, Diagnostic, Item, Plan, Section, Severity, normalise_newlines, text_sha256
from .assign import Assigner
from .collector import collector_paused
from .conventions import narrative_conventions
from .coverage import Spans, check_coverage
from .find import Finder, Found, body_of
from .fold import fold
from .gazetteer import Gazetteer, gazetteer
from .items import ItemBuilder
from .layout import Block, build_tree
from .lineage import history_of
from .metadata import read_metadata
from .reflow import reflow
from .sections import bearing_of, inherited_clause, section_of, top_of, unnumbered_items
from .snippet import Snippet


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
    text = normalise_newlines(text)
    with collector_paused():
        return _Parser(text, source, doc_id or doc_id_for(source)).plan()


class _Parser:
    """One parse of one text: the stages run in order, with what they share (the diagnostics,
    the spans read for :mod:`.coverage`, each block's body)."""

    def __init__(self, text: str, source: str, doc_id: str) -> None:
        self.text, self.source, self.doc_id = text, source, doc_id
        self.folded = fold(text)
        self.g: Gazetteer = gazetteer()
        self.diagnostics: list[Diagnostic] = []
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.bodies: dict[int, tuple[Snippet, list[int]]] = {}
        self.spans = Spans()

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def warn(self, code: str, message: str, offset: int, text: str = "") -> None:
        self.diagnostics.append(
            Diagnostic(code, message, self.line_of(offset), text, Severity.WARNING, self.source)
        )

    def plan(self) -> Plan:
        """The plan of the text: every stage, in the order its output flows into the next."""
        flow = reflow(self.text, self.folded, self.g)
        if flow.mojibake:
            lines = ", ".join(map(str, flow.mojibake[:5])) + ("…" if len(flow.mojibake) > 5 else "")
            self.warn("mojibake", f"?? read as white space on {len(flow.mojibake)} lines ({lines}): "
                      "the file was converted with a wrong encoding", self.line_starts[flow.mojibake[0] - 1])
        root = build_tree(flow.paras)
        meta = read_metadata(root.paras, flow.paras, self.g)
        blocks, found = self._find(root, Finder(self.g, self.warn, meta.jurisdiction))
        conventions = narrative_conventions(self._narrative_texts(root, blocks, found))
        assigner = Assigner(self.g, meta.jurisdiction, conventions, self.warn, self.line_of, self.spans, meta.date)
        self.spans.notice(root.paras)
        sections, items = self._assemble(blocks, found, assigner)
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
            sha256=text_sha256(self.text),
            title=meta.title,
            date=meta.date,
            jurisdiction=meta.jurisdiction,
            addressees=meta.addressees,
            implements=meta.implements,
            sections=tuple(sections),
            items=tuple(items),
            diagnostics=tuple(self.diagnostics),
            coverage=coverage,
            history=history_of(a.department for i in items for u in i.units for a in u.clause.assignments),
        )

    def _body(self, block: Block) -> tuple[Snippet, list[int]]:
        """The block's own text and where each of its paragraphs starts in it (made once)."""
        cached = self.bodies.get(id(block))
        if cached is None:
            cached = self.bodies[id(block)] = body_of(block)
        return cached

    def _find(self, root: Block, finder: Finder) -> tuple[list[Block], dict[int, list[Found]]]:
        """The numbered blocks (unnumbered items first) and the clauses of each, by ``id``.

        A text with no clause of any form is read again as prose (市公安局牵头，负责…); last, a
        leaf block with no clause may close with one written as a plain sentence.
        """
        unnumbered_items(root, finder, self._body)
        blocks = [b for b in root.walk() if b is not root]
        found = {id(b): finder.find(b, *self._body(b)) for b in blocks}
        if not any(f.reading for fs in found.values() for f in fs):  # no clause of any form: prose?
            finder.prose = True
            unnumbered_items(root, finder, self._body)
            blocks = [b for b in root.walk() if b is not root]
            found = {id(b): finder.find(b, *self._body(b)) for b in blocks}
        bearing = bearing_of(blocks, found)
        for block in blocks:  # 县水利局牵头，县环保局配合。 as the last sentence, without brackets
            if not block.children and not block.table and not found[id(block)]:
                sentence = finder.sentence_clause(self._body(block)[0], strict=not bearing[id(top_of(block))])
                if sentence is not None:
                    found[id(block)] = [sentence]
        return blocks, found

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

    def _assemble(self, blocks: list[Block], found: dict[int, list[Found]],
                  assigner: Assigner) -> tuple[list[Section], list[Item]]:
        """The sections and items of the document, each block made one or the other, in order."""
        bearing = bearing_of(blocks, found)
        builder = ItemBuilder(assigner, self._body, self.spans, self.warn)
        sections: list[Section] = []
        items: list[Item] = []
        headings: dict[int, Clause] = {}  # （一）省编办牵头的工作: the clause the items below it share
        for block in blocks:
            own = found[id(block)]
            role = next((f for f in own if f.form == "heading-role"), None)
            if role is not None and block.children:
                headings[id(block)] = assigner.clause(self._body(block)[0], role, assigner.names(role))
                own = [f for f in own if f is not role]
            inherited = inherited_clause(block.parent, headings)
            is_item = any(f.reading for f in own) or (not block.children and (bearing[id(top_of(block))] or inherited))
            if is_item:
                items.append(builder.item(block, own, inherited))
            else:
                sections.append(section_of(block, self._body(block)[0], own, bearing[id(block)], assigner, self.spans))
        return sections, items

"""Items and their units: the text each clause closes, back to the previous clause.

An item is a numbered block that carries clauses (or inherits one from the heading above it);
its units are the pieces of its text that one clause each assigns: the text before a bracket or
a field line, the sentence a clause stands in, the text cells of a table row. Two clauses with no
text between them (（A牵头）（B配合）) close the same unit; a clause that opens an item
(1.（牵头单位：A）推进…) applies to the text after it.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Clause, Item, Kind, Role, Span, Unit
from .assign import Assigner
from .coverage import Spans
from .found import Bodies, Found, Warn
from .layout import Block
from .sections import under_targets
from .snippet import WHITESPACE, Snippet


class ItemBuilder:
    """Makes the items of one document, in document order, with the clauses ``assigner`` makes."""

    def __init__(self, assigner: Assigner, body: Bodies, spans: Spans, warn: Warn) -> None:
        self.assigner, self.body, self.spans, self.warn = assigner, body, spans, warn

    def item(self, block: Block, found: list[Found], heading: Clause | None = None) -> Item:
        """The item of ``block``, whose clauses are ``found``; ``heading`` is the clause of a
        heading above it that names who does its work (its lead leads every unit that names none)."""
        body, _ = self.body(block)
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
            elif self.assigner.carried is not None:
                carried = replace(self.assigner.carried, form="carried")
                units = [Unit(1, text, body.strip().span, carried)]
            else:
                self.warn("missing-clause", "item has no responsibility clause", body.span.start, text[:60])
        kind = Kind.TARGET if under_targets(block.parent) else Kind.TASK
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

    def _units(self, block: Block, found: list[Found]) -> tuple[list[Unit], list[Clause]]:
        """The units of a block and its clauses that could not be read."""
        body, starts = self.body(block)
        units: list[Unit] = []
        unparsed: list[Clause] = []
        leading: Clause | None = None  # a clause before any text: 1.（牵头单位：A）推进…
        prev = _after_title(body, starts, found)
        if prev:
            self.spans.heading(body[:prev])
        for f in found:
            refs = self.assigner.names(f) if f.reading is not None else []
            if f.reading is not None and (error := self.assigner.run_together(refs)):
                f = replace(f, reading=None, error=error)
            if f.reading is None:
                unparsed.append(self.assigner.unparsed(body, f))
                continue
            clause = self.assigner.clause(body, f, refs)
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


def _after_title(body: Snippet, starts: list[int], found: list[Found]) -> int:
    """Where a block's units start: after its title when the title is a heading over several
    paragraphs that each close with a clause ((五)充分释放… / text（A牵头）/ text（B牵头）)."""
    if len(starts) < 3 or not found or found[0].start < starts[1]:
        return 0
    in_body = {next(k for k in range(len(starts) - 1, -1, -1) if starts[k] <= f.start) for f in found}
    return starts[1] if len(in_body) >= 2 else 0


def _unit_text(segment: Snippet) -> Snippet:
    """A unit's text: whitespace and the punctuation left after a clause (（…）。) trimmed."""
    segment = segment.strip(WHITESPACE)
    while segment and segment.folded[0] in "。；，、":
        segment = segment[1:].strip(WHITESPACE)
    return segment


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
        due=a.due if a.deadline else b.due,
    )

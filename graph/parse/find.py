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

The forms are found by kind, one module each: :mod:`.find_brackets` (bracket, field),
:mod:`.find_sentences` (inline, sentence, prose) and :mod:`.find_headings` (heading, heading-role);
a table row's clause is read here. :class:`Finder` tries them in the order that lets each see what the earlier ones took.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Jurisdiction
from .clauses import ClauseReading, RoleGroup, split_marked_leads
from .find_brackets import bracket_clause, bracket_pairs, field_clauses
from .find_headings import heading_clause, heading_role
from .find_sentences import inline_clauses, prose_clauses, role_runs, sentence_clause
from .found import Found, Warn, body_of
from .gazetteer import Gazetteer
from .layout import Block
from .snippet import Snippet
from .plan_tables import column_kind

__all__ = ["Finder", "Found", "Warn", "body_of"]


class Finder:
    """Finds the clauses of blocks; ``warn(code, message, offset, text)`` reports what it meets."""

    def __init__(self, g: Gazetteer, warn: Warn, home: Jurisdiction | None) -> None:
        self.g, self.warn, self.home = g, warn, home
        self.prose = False  # read prose (市公安局牵头，负责…) as clauses: for a plan with no other clause

    def find(self, block: Block, body: Snippet, starts: list[int]) -> list[Found]:
        """The clauses of one block, in the order they stand in its ``body``.

        Brackets come first, then field lines outside them, then what is inside sentences, each
        form skipping what the ones before it took; a heading's clause only when nothing else is.
        """
        if block.table:
            return self._table_clause(block, body)
        found: list[Found] = []
        pairs = bracket_pairs(body, self.warn)
        for i, j in pairs:
            f = bracket_clause(self.g, body, i, j)
            if f is not None:
                found.append(f)
        found.extend(field_clauses(body, starts, pairs))
        taken = [(f.start, f.end) for f in found] + pairs
        found.extend(inline_clauses(self.g, body, taken))
        taken = [(f.start, f.end) for f in found] + pairs
        found.extend(role_runs(self.g, body, taken))
        if not found and block.marker is not None:
            heading = heading_clause(self.g, self.home, body)
            if heading is not None:
                found.append(heading)
        role = heading_role(self.g, block, body, starts)
        if self.prose and not found and not pairs and role is None:  # 市公安局牵头，负责组织开展…。
            found = prose_clauses(self.g, body, 1 if block.marker is not None else 2)
        found = sorted(found if role is None else [role, *found], key=lambda f: f.start)
        if role is not None:  # its unit runs to the next clause
            nxt = next((f.start for f in found if f is not role), len(body))
            found = [replace(f, text_end=nxt) if f is role else f for f in found]
        return found

    def sentence_clause(self, body: Snippet, strict: bool) -> Found | None:
        """The last sentence of an item read as a clause when it is nothing else: every name in it
        must look like a body (and, with ``strict``, in a part with no other clause, be a known one)."""
        return sentence_clause(self.g, self.home, body, strict)

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

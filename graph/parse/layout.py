"""The layout of a plan: numbered headings and the tree they form.

Plans number their parts 一、, their sections （一）, their items 1. or 1． or （1）, and nest them
in whatever order the drafter chose (:mod:`.numbering`). The tree is built with a stack of marker
*types*: a marker of a type already open closes everything opened since (a sibling); a new type
opens a child. Whether a numbered block is a section or an item is decided later, by whether it
carries clauses. The paragraphs come from :mod:`.reflow`, table rows with their cells: a row is a
block of its own, numbered by its row number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .numbering import Marker
from .reflow import Para
from .snippet import Snippet

@dataclass
class Block:
    """A numbered heading and the paragraphs it owns, until the next heading."""

    marker: Marker | None
    paras: list[Para] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    parent: Block | None = None
    table: list[tuple[str, Snippet]] = field(default_factory=list)  # (column label, cell) of a table row

    @property
    def line(self) -> int:
        return self.paras[0].line if self.paras else 0

    @property
    def path(self) -> tuple[int, ...]:
        b, path = self, []
        while b is not None and b.marker is not None:
            path.append(b.marker.number)
            b = b.parent
        return tuple(reversed(path))

    @property
    def label(self) -> str:
        b, labels = self, []
        while b is not None and b.marker is not None:
            labels.append(b.marker.label)
            b = b.parent
        return "".join(reversed(labels))

    def body(self) -> Snippet:
        """The block's own text (its paragraphs, not its children's), without its number."""
        parts = [p.snip for p in self.paras]
        if self.marker is not None and parts:
            parts[0] = parts[0][self.marker.length:].strip()
        return Snippet.join(parts)

    @cached_property
    def title(self) -> str:
        """The heading text of the block (its first paragraph without the number)."""
        if not self.paras:
            return ""
        first = self.paras[0].snip
        return (first[self.marker.length:] if self.marker else first).strip().compact()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


# -- tree -------------------------------------------------------------------------------------


def build_tree(paras: list[Para]) -> Block:
    """Nest paragraphs under their numbered headings; returns the document root."""
    root = Block(None)
    stack: list[Block] = [root]
    for para in paras:
        if para.row is not None:  # a row closes the rows before it; a sub-row, the sub-rows
            closes = {"table-subrow"} if para.row.type == "table-subrow" else {"table-row", "table-subrow"}
            while len(stack) > 1 and stack[-1].marker and stack[-1].marker.type in closes:
                stack.pop()
            block = Block(para.row, [para], parent=stack[-1], table=list(para.cells))
            stack[-1].children.append(block)
            stack.append(block)
            continue
        marker = para.number if para.header is None else None
        if marker is None:
            stack[-1].paras.append(para)
            continue
        open_types = [b.marker.type for b in stack[1:] if b.marker]
        if marker.type in open_types:
            while stack[-1].marker is None or stack[-1].marker.type != marker.type:
                stack.pop()
            stack.pop()
        block = Block(marker, [para], parent=stack[-1])
        stack[-1].children.append(block)
        stack.append(block)
    return root

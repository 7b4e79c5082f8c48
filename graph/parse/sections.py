"""Which blocks of the numbered tree are items and which are sections, and the sections made.

Whether a numbered block is a section or an item is decided by where the clauses are: a block
with a clause of its own is an item; a leaf block is one too when its part carries clauses
somewhere (it *bears* them) or a heading above it names who does its work (（一）省监察厅牵头的
工作); every other block is a section, of tasks or targets when clauses stand below it, of
narrative when none do (三、工作要求). Paragraphs before the first number that close with a
clause become items of their own (a news page quoting a plan's items).
"""

from __future__ import annotations

import bisect

from ..model import Clause, Section
from .assign import Assigner
from .coverage import Spans
from .find import Finder
from .found import Bodies, Found
from .fold import fold
from .layout import Block
from .numbering import Marker
from .snippet import Snippet


def section_of(block: Block, body: Snippet, found: list[Found], bearing: bool, assigner: Assigner,
               spans: Spans) -> Section:
    """The section of ``block`` (whose text is ``body``); ``found`` are its own clauses, none of
    them read (kept unparsed); ``bearing`` is whether clauses stand anywhere below it."""
    unparsed = tuple(assigner.unparsed(body, f) for f in found if f.reading is None)
    kind = ("target" if under_targets(block) else "task") if bearing else "narrative"
    if kind == "narrative":
        spans.narrative(body)
    else:
        spans.heading(body)
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


def unnumbered_items(root: Block, finder: Finder, body_of_block: Bodies) -> None:
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


def bearing_of(blocks: list[Block], found: dict[int, list[Found]]) -> dict[int, bool]:
    """Whether each block or anything under it has a clause that was read (children come after
    their parent in ``blocks``, so one pass from the end sees every child first)."""
    bearing: dict[int, bool] = {}
    for b in reversed(blocks):
        bearing[id(b)] = any(f.reading for f in found[id(b)]) or any(bearing[id(c)] for c in b.children)
    return bearing


def inherited_clause(block: Block | None, headings: dict[int, Clause]) -> Clause | None:
    """The clause of the nearest heading above a block that names who does its work."""
    while block is not None:
        if id(block) in headings:
            return headings[id(block)]
        block = block.parent
    return None


def top_of(block: Block) -> Block:
    """The top-level numbered block (the part) a block belongs to."""
    while block.parent is not None and block.parent.marker is not None:
        block = block.parent
    return block


def under_targets(block: Block | None) -> bool:
    """Whether a block is, or is inside, a heading titled 工作目标 (and not 任务)."""
    while block is not None and block.marker is not None:
        title = fold(block.title)
        if "目标" in title and "任务" not in title:
            return True
        block = block.parent
    return False

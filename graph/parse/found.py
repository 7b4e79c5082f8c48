"""What every finder of :mod:`.find` returns, and the text it searches.

Kept apart from the finders so that each form's module (:mod:`.find_brackets`,
:mod:`.find_sentences`, :mod:`.find_headings`) can make a :class:`Found` without importing the
:class:`~.find.Finder` that calls it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .clauses import ClauseError, ClauseReading
from .layout import Block
from .snippet import Snippet

Warn = Callable[[str, str, int, str], None]  # warn(code, message, offset, text)
Bodies = Callable[[Block], tuple[Snippet, list[int]]]  # body_of, or a cache of it


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

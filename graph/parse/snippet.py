"""A piece of document text that remembers where each of its characters came from.

Paragraphs are joined across page breaks and stray line breaks, and clauses are cut out of them;
a :class:`Snippet` carries, for each character, its offset in the document, so spans stay exact
after any amount of joining and slicing. It holds the folded text (for matching, see
:mod:`fengong.parse.fold`) and the raw text (for showing) side by side.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model import Span

WHITESPACE = " \t\n\r\u3000\xa0\ufeff\u200b\u2002\u2003"
_SPACE = re.compile(r"\s+")
_ALNUM = re.compile(r"[A-Za-z0-9]")


def _squeeze(match: re.Match[str]) -> str:
    """Drop a whitespace run unless it separates two Latin words or numbers (ISO 9001)."""
    text, i, j = match.string, match.start(), match.end()
    keep = 0 < i and j < len(text) and _ALNUM.match(text[i - 1]) and _ALNUM.match(text[j])
    return " " if keep else ""


@dataclass(frozen=True, slots=True)
class Snippet:
    """Text plus the document offset of each character.

    Offsets are stored as *runs*: ``starts[k]`` is the index in this snippet where a run of
    consecutive document characters begins, at document offset ``docs[k]``. A paragraph joined from
    two lines has two runs; slicing and joining cost the number of runs, not of characters.
    """

    folded: str
    raw: str
    starts: tuple[int, ...]
    docs: tuple[int, ...]

    @classmethod
    def of(cls, raw: str, folded: str, start: int) -> Snippet:
        return cls(folded, raw, (0,), (start,))

    @classmethod
    def join(cls, parts: list[Snippet]) -> Snippet:
        starts: list[int] = []
        docs: list[int] = []
        pos = 0
        for p in parts:
            for s, d in zip(p.starts, p.docs):
                if starts and docs[-1] + (pos + s - starts[-1]) == d:
                    continue  # contiguous with the previous run
                starts.append(pos + s)
                docs.append(d)
            pos += len(p.folded)
        return cls("".join(p.folded for p in parts), "".join(p.raw for p in parts), tuple(starts), tuple(docs))

    def retext(self, folded: str, raw: str) -> Snippet:
        """The same positions with other characters (used to blank out parts of a clause)."""
        return Snippet(folded, raw, self.starts, self.docs)

    def __len__(self) -> int:
        return len(self.folded)

    def __bool__(self) -> bool:
        return bool(self.folded)

    def __getitem__(self, key: slice) -> Snippet:
        i, j, _ = key.indices(len(self.folded))
        j = max(i, j)
        if len(self.starts) == 1:  # one run, the common case: no search
            return Snippet(self.folded[i:j], self.raw[i:j], (0,), (self.docs[0] + i,))
        k = max(0, bisect_right(self.starts, i) - 1)
        starts, docs = [0], [self.docs[k] + i - self.starts[k]] if self.starts else [i]
        for s, d in zip(self.starts[k + 1:], self.docs[k + 1:]):
            if s >= j:
                break
            starts.append(s - i)
            docs.append(d)
        return Snippet(self.folded[i:j], self.raw[i:j], tuple(starts), tuple(docs))

    def offset(self, i: int) -> int:
        """The document offset of character ``i`` of this snippet."""
        k = max(0, bisect_right(self.starts, i) - 1)
        return self.docs[k] + i - self.starts[k]

    def index(self, doc_offset: int) -> int:
        """The position in this snippet of the character at ``doc_offset`` in the document."""
        for s, d, nxt in zip(self.starts, self.docs, (*self.starts[1:], len(self.folded))):
            if d <= doc_offset < d + (nxt - s):
                return s + doc_offset - d
        raise ValueError(f"offset {doc_offset} is not in this snippet")

    @property
    def span(self) -> Span:
        if not self.folded:
            return Span(self.docs[0], self.docs[0]) if self.docs else Span(0, 0)
        return Span(self.offset(0), self.offset(len(self.folded) - 1) + 1)

    def strip(self, chars: str = WHITESPACE) -> Snippet:
        text = self.folded
        i, j = 0, len(text)
        while i < j and text[i] in chars:
            i += 1
        while j > i and text[j - 1] in chars:
            j -= 1
        if i == 0 and j == len(text):
            return self
        return self[i:j]

    def compact(self) -> str:
        """The raw text without whitespace: names and sentences as users cite them.

        Whitespace inside Chinese text is an artefact of PDF or Word extraction (自治 区农牧厅).
        """
        return _SPACE.sub(_squeeze, self.raw)

    def compact_folded(self) -> str:
        return _SPACE.sub(_squeeze, self.folded)

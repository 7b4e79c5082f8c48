"""A piece of document text that remembers where each of its characters came from.

Paragraphs are joined across page breaks and stray line breaks, and clauses are cut out of them;
a :class:`Snippet` carries, for each character, its offset in the document, so spans stay exact
after any amount of joining and slicing. It holds the folded text (for matching, see
:mod:`fengong.fold`) and the raw text (for showing) side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Span

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
    folded: str
    raw: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, raw: str, folded: str, start: int) -> Snippet:
        return cls(folded, raw, tuple(range(start, start + len(raw))))

    @classmethod
    def join(cls, parts: list[Snippet]) -> Snippet:
        return cls(
            "".join(p.folded for p in parts),
            "".join(p.raw for p in parts),
            tuple(o for p in parts for o in p.offsets),
        )

    def __len__(self) -> int:
        return len(self.folded)

    def __bool__(self) -> bool:
        return bool(self.folded)

    def __getitem__(self, key: slice) -> Snippet:
        return Snippet(self.folded[key], self.raw[key], self.offsets[key])

    @property
    def span(self) -> Span:
        if not self.offsets:
            return Span(0, 0)
        return Span(self.offsets[0], self.offsets[-1] + 1)

    def strip(self, chars: str = WHITESPACE) -> Snippet:
        text = self.folded
        i, j = 0, len(text)
        while i < j and text[i] in chars:
            i += 1
        while j > i and text[j - 1] in chars:
            j -= 1
        return self[i:j]

    def compact(self) -> str:
        """The raw text without any whitespace: names and sentences as users cite them.

        Whitespace inside Chinese text is an artefact of PDF or Word extraction (自治 区农牧厅).
        """
        return _SPACE.sub(_squeeze, self.raw)

    def compact_folded(self) -> str:
        return _SPACE.sub(_squeeze, self.folded)

"""A piece of document text that remembers where each of its characters came from.

Paragraphs are joined across page breaks and stray line breaks, and clauses are cut out of them;
a :class:`Snippet` carries, for each character, its offset in the document, so spans stay exact
after any amount of joining and slicing. It holds the folded text (for matching, see
:mod:`fengong.parse.fold`) and the raw text (for showing) side by side.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from ..model import Span

WHITESPACE = " \t\n\r\u3000\xa0\ufeff\u200b\u2002\u2003"
# What separates the names and the segments of a clause, and is trimmed from their ends.
SEPARATORS = "，；。、：:,; \t\n\u3000"
_SPACE = re.compile(r"\s+")
_ALNUM = re.compile(r"[A-Za-z0-9]")


def _squeeze(match: re.Match[str]) -> str:
    """Drop a whitespace run unless it separates two Latin words or numbers (ISO 9001)."""
    text, i, j = match.string, match.start(), match.end()
    keep = 0 < i and j < len(text) and _ALNUM.match(text[i - 1]) and _ALNUM.match(text[j])
    return " " if keep else ""


class Snippet:
    """Text plus the document offset of each character.

    Offsets are stored as *runs*: ``starts[k]`` is the index in this snippet where a run of
    consecutive document characters begins, at document offset ``docs[k]``. A paragraph joined from
    two lines has two runs; slicing and joining cost the number of runs, not of characters.

    A snippet is a value, never changed once made. It is a plain class with slots rather than a
    frozen dataclass because a parse makes a quarter of a million of them per megabyte, and a
    frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field) took a tenth of the
    parse time.
    """

    __slots__ = ("folded", "raw", "starts", "docs")

    def __init__(self, folded: str, raw: str, starts: tuple[int, ...], docs: tuple[int, ...]) -> None:
        self.folded, self.raw, self.starts, self.docs = folded, raw, starts, docs

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Snippet):
            return NotImplemented
        return (self.folded, self.raw, self.starts, self.docs) == (other.folded, other.raw, other.starts, other.docs)

    def __hash__(self) -> int:
        return hash((self.folded, self.raw, self.starts, self.docs))

    def __repr__(self) -> str:
        return f"Snippet({self.folded!r}, {self.raw!r}, {self.starts!r}, {self.docs!r})"

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

    def blanked(self, spans: list[tuple[int, int]]) -> Snippet:
        """This snippet with the characters of ``spans`` made spaces, every offset kept: a part
        of a clause already read, blanked out so that later passes skip it."""
        folded, raw = list(self.folded), list(self.raw)
        for i, j in spans:
            folded[i:j] = raw[i:j] = [" "] * (j - i)
        return self.retext("".join(folded), "".join(raw))

    def __len__(self) -> int:
        return len(self.folded)

    def __bool__(self) -> bool:
        return bool(self.folded)

    def __getitem__(self, key: slice) -> Snippet:
        i, j, _ = key.indices(len(self.folded))
        j = max(i, j)
        if len(self.starts) == 1:  # one run, the common case: no search
            return Snippet(self.folded[i:j], self.raw[i:j], (0,), (self.docs[0] + i,))
        if not self.starts:
            return Snippet(self.folded[i:j], self.raw[i:j], (0,), (i,))
        k = max(0, bisect_right(self.starts, i) - 1)
        e = bisect_left(self.starts, j, k + 1)  # the runs that begin inside [i, j)
        starts = (0, *(s - i for s in self.starts[k + 1: e]))
        docs = (self.docs[k] + i - self.starts[k], *self.docs[k + 1: e])
        return Snippet(self.folded[i:j], self.raw[i:j], starts, docs)

    def rebase(self, onto: Snippet) -> Snippet:
        """This snippet, cut from a copy of ``onto`` that starts at offset 0 (``Snippet.of(onto.raw,
        onto.folded, 0)``), moved to where ``onto`` stands in the document.

        Readings that depend only on a text (a clause's role groups, a list's names) are worked
        out once per distinct text on such a copy, and moved onto each place the text occurs.

        >>> onto = Snippet.join([Snippet.of("省财政厅", "省财政厅", 10), Snippet.of("负责", "负责", 40)])
        >>> Snippet.of("省财政厅负责", "省财政厅负责", 0)[2:5].rebase(onto).span
        Span(start=12, end=41)
        """
        if len(onto.starts) == 1:
            base = onto.docs[0]
            return Snippet(self.folded, self.raw, self.starts, tuple(base + d for d in self.docs))
        if not self.folded:
            return Snippet(self.folded, self.raw, (0,), (onto.offset(self.docs[0]),))
        starts: list[int] = []
        docs: list[int] = []
        for s, d, nxt in zip(self.starts, self.docs, (*self.starts[1:], len(self.folded))):
            pos, end = d, d + nxt - s  # characters pos..end of onto, cut where its runs are
            while pos < end:
                k = bisect_right(onto.starts, pos) - 1
                starts.append(s + pos - d)
                docs.append(onto.docs[k] + pos - onto.starts[k])
                pos = min(end, onto.starts[k + 1] if k + 1 < len(onto.starts) else end)
        return Snippet(self.folded, self.raw, tuple(starts), tuple(docs))

    def offset(self, i: int) -> int:
        """The document offset of character ``i`` of this snippet."""
        if len(self.starts) == 1:
            return self.docs[0] + i
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
        return Span(self.docs[0], self.offset(len(self.folded) - 1) + 1)

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


def cuts_outside_brackets(text: str, seps: str, opening: str = "（〔", closing: str = "）〕") -> list[int]:
    """Where ``text`` has one of ``seps`` outside brackets: a list is cut there, and a name with a
    list of its own inside (各县（市、区）政府) stays whole. A closing bracket with no opening one
    is passed over.

    >>> cuts_outside_brackets("甲、各县（市、区）政府、乙", "、")
    [1, 11]
    """
    cuts, depth = [], 0
    for m in _marks(seps, opening, closing).finditer(text):
        ch = m.group()
        if ch in opening:
            depth += 1
        elif ch in closing:
            depth = max(0, depth - 1)
        elif depth == 0:
            cuts.append(m.start())
    return cuts


@cache
def _marks(seps: str, opening: str, closing: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(opening + closing + seps)}]")

"""The layout of a plan: paragraphs, numbered headings and the tree they form.

Plans number their parts 一、, their sections （一）, their items 1. or 1． or （1）, and nest them
in whatever order the drafter chose. The tree is built with a stack of marker *types*: a marker of
a type already open closes everything opened since (a sibling); a new type opens a child. Whether
a numbered block is a section or an item is decided later, by whether it carries clauses.

Paragraphs are lines joined where a line break is an artefact (a page break inside a sentence:
…鼓励大众创业、万 / 众创新…). Page numbers (- 3 -) are dropped. Table rows flattened to text
(序号 任务 牵头单位 on one line, then 1 任务 部门) are recognised from their header line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .fold import fold
from .snippet import WHITESPACE, Snippet
from .vocabulary import vocabulary

CN_DIGITS = "零〇一二三四五六七八九十百两"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Marker types, with how to read the number and how the label is printed in an item's path.
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第([{CN_DIGITS}]+)(?:部分|章)\s*")),
    ("cn", re.compile(rf"^([{CN_DIGITS}]+)\s*[、.]\s*")),
    ("cn-paren", re.compile(rf"^（\s*([{CN_DIGITS}]+)\s*）\s*")),
    ("num", re.compile(r"^(\d{1,3})\s*[.、](?!\d)\s*")),
    ("num-paren", re.compile(r"^（\s*(\d{1,3})\s*）\s*")),
    ("num-rparen", re.compile(r"^(\d{1,3})）\s*")),
    ("circled", re.compile(r"^([①-⑳])\s*")),
)
TERMINAL = set("。！？；：…）〕」』”\"!?;:")
PAGE_NUMBER = re.compile(r"^[\s\-—－–─_·]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d+)?[\s\-—－–─_·]*$")
DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|^[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")


def cn_number(text: str) -> int:
    """Value of a Chinese numeral up to the hundreds (二十一 → 21)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_VALUE.get(ch, 0)
    return total + current


@dataclass(frozen=True)
class Para:
    """A paragraph: one or more source lines joined, stripped of surrounding whitespace."""

    snip: Snippet
    line: int  # 1-based line number of its first line

    @property
    def text(self) -> str:
        return self.snip.folded


@dataclass(frozen=True)
class Marker:
    type: str
    number: int
    label: str  # as printed in a label path: 一, （一）, 1, （1）, ①
    length: int  # characters the marker takes at the start of the paragraph


def marker_of(text: str) -> Marker | None:
    for mtype, regex in MARKERS:
        m = regex.match(text)
        if m:
            num = m.group(1)
            if mtype == "circled":
                value = ord(num) - ord("①") + 1
            else:
                value = cn_number(num)
            if value == 0:
                return None
            label = {"cn-paren": f"（{num}）", "num-paren": f"（{num}）", "part": num}.get(mtype, num)
            return Marker(mtype, value, label, m.end())
    return None


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


# -- paragraphs -------------------------------------------------------------------------------


def _lines(text: str, folded: str) -> list[Para]:
    lines, start = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        snip = Snippet.of(raw, folded[start: start + len(raw)], start).strip(WHITESPACE)
        start += len(raw) + 1
        if snip and not PAGE_NUMBER.match(snip.folded):
            lines.append(Para(snip, number))
    return lines


TABLE_ROW = re.compile(r"^\d{1,3}\s")


def _is_structural(text: str) -> bool:
    """Lines that start something of their own: a heading, a field line, a table row, a date."""
    return bool(marker_of(text) or vocabulary().label.match(text) or DATE_LINE.match(text) or TABLE_ROW.match(text))


def _continues(prev: str, nxt: str) -> bool:
    """Whether a line break between two lines is an artefact inside a sentence."""
    if not prev or prev[-1] in TERMINAL or _is_structural(nxt) or TABLE_ROW.match(prev):
        return False
    if prev[-1] in "，、（“":
        return True
    body = prev
    m = marker_of(prev)
    if m:
        body = prev[m.length:]
    sentence_like = any(c in body for c in "，、；。") or len(body) >= 40
    return sentence_like and len(body) >= 12 and not DATE_LINE.match(prev)


def paragraphs(text: str, folded: str | None = None) -> list[Para]:
    """The paragraphs of a document, lines joined where the break is an artefact."""
    folded = fold(text) if folded is None else folded
    paras: list[Para] = []
    for para in _lines(text, folded):
        if paras and _continues(paras[-1].text, para.text):
            prev = paras[-1]
            paras[-1] = Para(Snippet.join([prev.snip, para.snip]), prev.line)
        else:
            paras.append(para)
    return paras


# -- tables -----------------------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"\s+")
# What a table column holds, from its header label, first match wins.
COLUMN_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^(?:序号|编号|序列|顺序)$")),
    ("deadline", re.compile(r"时限|时间|期限|进度|节点")),
    ("official", re.compile(r"责任人|负责人|领导|联系人")),
    ("lead", re.compile(r"牵头|主办|主责")),
    ("support", re.compile(r"配合|协办|参与|协助")),
    ("responsible", re.compile(r"责任|部门|单位")),
    ("task", re.compile(r"任务|工作|内容|事项|措施|目标|名称|举措|项目")),
)


def column_kind(label: str) -> str:
    """number, deadline, official, lead, support, responsible or task (the text of the row)."""
    return next((kind for kind, regex in COLUMN_KINDS if regex.search(label)), "")


def _table_header(text: str) -> list[str] | None:
    """Column labels if a paragraph is the header of a flattened table (序号 任务 牵头单位)."""
    cells = _CELL_SPLIT.split(text.strip())
    if len(cells) < 2 or any(len(c) > 10 for c in cells):
        return None
    kinds = [column_kind(c) for c in cells]
    if "" in kinds or not {"lead", "support", "responsible"} & set(kinds) or "task" not in kinds:
        return None
    return cells


def _table_row(para: Para, header: list[str]) -> tuple[Marker, list[tuple[str, Snippet]]] | None:
    """A row under a table header: its number and (column label, cell) pairs.

    Cells are split at whitespace; when a row has more cells than the header has columns, the
    extra cells belong to the task column (its text had spaces in it)."""
    m = re.match(r"^(\d{1,3})[\s.、]+", para.text)
    if not m:
        return None
    columns = [c for c in header if column_kind(c) != "number"]
    rest = para.snip[m.end():]
    cells: list[Snippet] = []
    pos = 0
    for cm in _CELL_SPLIT.finditer(rest.folded):
        cells.append(rest[pos: cm.start()])
        pos = cm.end()
    cells.append(rest[pos:])
    cells = [c for c in cells if c]
    if len(cells) < 2:
        return None
    task = next((i for i, c in enumerate(columns) if column_kind(c) == "task"), 0)
    extra = len(cells) - len(columns)
    if extra > 0:
        merged = Snippet.join(cells[task: task + extra + 1])
        cells = cells[:task] + [merged] + cells[task + extra + 1:]
    marker = Marker("table-row", int(m.group(1)), m.group(1), m.end())
    return marker, list(zip(columns, cells))


# -- tree -------------------------------------------------------------------------------------


def build_tree(paras: list[Para]) -> Block:
    """Nest paragraphs under their numbered headings; returns the document root."""
    root = Block(None)
    stack: list[Block] = [root]
    header: list[str] | None = None
    for para in paras:
        hdr = _table_header(para.text)
        if hdr is not None:
            header = hdr
            stack[-1].paras.append(para)
            continue
        row = _table_row(para, header) if header else None
        if row is not None:
            marker, cells = row
            while len(stack) > 1 and stack[-1].marker and stack[-1].marker.type == "table-row":
                stack.pop()
            block = Block(marker, [para], parent=stack[-1], table=cells)
            stack[-1].children.append(block)
            stack.append(block)
            continue
        marker = marker_of(para.text)
        if marker is None:
            stack[-1].paras.append(para)
            continue
        header = None
        open_types = [b.marker.type for b in stack[1:] if b.marker]
        if marker.type in open_types:
            while stack[-1].marker is None or stack[-1].marker.type != marker.type:
                stack.pop()
            stack.pop()
        block = Block(marker, [para], parent=stack[-1])
        stack[-1].children.append(block)
        stack.append(block)
    return root

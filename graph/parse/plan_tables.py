"""Tables flattened to text: a header of column labels, then rows of cells.

Plans are often printed as a table (序号 · 工作任务 · 牵头单位 · 配合单位 · 完成时限). Copied out of a
Word file, a PDF or a web page, the table arrives as text in one of three shapes:

* one row per line, cells split by spaces: ``7 推进标准化建设 市质监局 市商务局、财政局 年底前``;
  the header may be letter-spaced (``序号 工 作 任 务 牵头负责部门``), a row's number may be missing or
  marked (``1*``), and a cell's own text may hold stray spaces;
* one cell per line (the header's labels each on a line, then ``1`` / the task / the department…);
* rows whose cells are missing (no 配合单位 for this row).

The header says what each column holds (``ontology/table-columns.tsv``). Cells are matched to
columns by what they look like, not only by position: text goes to the task column, names of
bodies to the department columns in order, a time frame to the deadline column; space-separated
names next to each other stay in one department cell (the names stage splits them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import read_table
from .gazetteer import Gazetteer
from .snippet import Snippet

DEPARTMENT_KINDS = ("lead", "support", "responsible")
NAME_KINDS = (*DEPARTMENT_KINDS, "bodies")  # columns whose cells are names of bodies
_SPACES = re.compile(r"\s+")
_PIPES = re.compile(r"\s*[|｜]\s*")
_LABEL = re.compile(r"[\u4e00-\u9fff（）\d ]{2,14}")  # a header label: words, no punctuation
_BRACKETED = re.compile(r"（[^（）]*）|〈[^〈〉]*〉|<[^<>]*>")
PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4})*")  # 张某, 李某、王某 in a 责任领导 column
ROW_NUMBER = re.compile(r"(?:（\s*(\d{1,3})\s*）|(\d{1,3})\*?)(?:[\s.、|｜]+|$)")  # 7, 1*, (3)
# A time frame that fills a deadline cell: 2023年6月底前, 长期坚持, 持续推进.
DEADLINE_CELL = re.compile(r"^(?:\d{4}\s*年|\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|年内|年底|年中|长期|持续|常态|每年|全年|"
                           r"上半年|下半年|\d{4}\s*[-—至~]\s*\d{4})")


def is_deadline_cell(text: str) -> bool:
    """A short cell that states a time frame (2023年6月底前, 全年): a deadline column's cell."""
    return len(text) <= 16 and bool(DEADLINE_CELL.match(text))


@cache
def _column_kinds() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"]), r["kind"]) for r in read_table("table-columns.tsv"))


def column_kind(label: str) -> str:
    """What a column holds, from its header label (``ontology/table-columns.tsv``).

    >>> column_kind("牵头负责部门"), column_kind("工作任务"), column_kind("序号"), column_kind("天气")
    ('lead', 'task', 'number', '')
    """
    label = _SPACES.sub("", label)
    return next((kind for regex, kind in _column_kinds() if regex.search(label)), "")


@dataclass(frozen=True)
class Header:
    """The column labels of a table and what each holds."""

    labels: tuple[str, ...]
    piped: bool = False  # cells are split at | rather than at white space

    def has(self, kind: str) -> bool:
        """Whether the table has a column of ``kind`` (deadline, official…)."""
        return any(column_kind(label) == kind for label in self.labels)

    @property
    def columns(self) -> tuple[str, ...]:
        """The labels of the columns a row's cells fill (all but the number)."""
        return tuple(label for label in self.labels if column_kind(label) != "number")


def _is_header(labels: list[str]) -> bool:
    """Column labels, most of a known kind, with a column of departments and one of text."""
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return False
    kinds = [column_kind(label) for label in labels]
    known = sum(1 for k in kinds if k)
    return (set(DEPARTMENT_KINDS) & set(kinds) and ("task" in kinds or "number" in kinds)
            and known * 2 > len(kinds) and kinds[0] != "responsible")


def _merge_letter_spaced(cells: list[str]) -> list[str]:
    """序号 工 作 任 务 牵头负责部门 → 序号 工作任务 牵头负责部门: runs of one-character cells are one label."""
    out: list[str] = []
    run = ""
    for cell in cells:
        if len(cell) == 1:
            run += cell
            continue
        if run:
            out.append(run)
            run = ""
        out.append(cell)
    if run:
        out.append(run)
    return out


def header_of(text: str) -> Header | None:
    """The header of a table printed on one line, if the (folded) line is one.

    >>> header_of("序号 工 作 任 务 牵头负责部门").labels
    ('序号', '工作任务', '牵头负责部门')
    >>> header_of("序号 | 实事项目 | 责任单位 | 配合单位 |").labels
    ('序号', '实事项目', '责任单位', '配合单位')
    >>> header_of("一、主要任务") is None
    True
    """
    piped = "|" in text or "｜" in text
    if not piped and " " not in text.strip():  # one cell: no header
        return None
    if piped:
        cells = [_SPACES.sub("", c) for c in _PIPES.split(text.strip(" |｜")) if c.strip()]
    else:
        cells = _merge_letter_spaced(_SPACES.split(text.strip()))
    return Header(tuple(cells), piped) if _is_header(cells) else None


def header_of_lines(texts: list[str]) -> Header | None:
    """A header printed one label per line: the longest run of labels at the start of ``texts``."""
    if not texts or len(texts[0]) > 16 or not column_kind(texts[0].rstrip(" |｜")):
        return None
    labels: list[str] = []
    piped = False
    for text in texts:
        label = text.strip()
        if label.endswith(("|", "｜")):
            piped, label = True, label.rstrip(" |｜")
        if not _LABEL.fullmatch(label) or label.isdigit():
            break
        labels.append(_SPACES.sub("", label))
    while labels and not column_kind(labels[-1]):  # a heading line after the labels
        labels.pop()
    return Header(tuple(labels), piped) if len(labels) >= 3 and _is_header(labels) else None


def row_number(text: str) -> tuple[int, int] | None:
    """The number a row starts with and where its cells start: ``7 任务`` → (7, 2); ``1*`` too."""
    m = ROW_NUMBER.match(text.rstrip(" |｜"))
    return (int(m.group(1) or m.group(2)), m.end()) if m else None


def is_number_line(text: str) -> bool:
    """A line that holds only a row's number (a table printed one cell per line)."""
    found = row_number(text)
    return found is not None and found[1] >= len(text.rstrip(" |｜"))


def split_cells(snip: Snippet, piped: bool) -> list[Snippet]:
    """A line's cells: the texts between runs of white space (or between |)."""
    cells, pos = [], 0
    for m in (_PIPES if piped else _SPACES).finditer(snip.folded):
        cells.append(snip[pos: m.start()])
        pos = m.end()
    cells.append(snip[pos:])
    return [c.strip(" |｜") for c in cells if c.strip(" |｜")]


class CellReader:
    """Matches the cells of a row to the columns of its header by what each cell looks like."""

    def __init__(self, g: Gazetteer) -> None:
        self.g = g

    def is_names(self, text: str) -> bool:
        """A cell that holds only names of bodies (市发展改革委、财政局等, 各县（市、区）政府)."""
        flat = _BRACKETED.sub("", _SPACES.sub("", text))
        parts = [p for p in re.split(r"[、，；]", flat) if p]
        parts = [re.sub(r"等(?:有关|相关)?(?:部门|单位)?$", "", p) for p in parts]
        return bool(parts) and all(p and self.g.looks_like_org(p) for p in parts)

    def kind_of(self, cell: Snippet, header: Header) -> str:
        """names, deadline, person or text: what a cell looks like, for the columns its header has."""
        text = cell.folded
        if self.is_names(text):
            return "names"
        if header.has("deadline") and is_deadline_cell(text):
            return "deadline"
        if header.has("official") and PERSON.fullmatch(_SPACES.sub("", text)):  # 张 某
            return "person"
        return "text"

    def assign(self, cells: list[Snippet], header: Header) -> list[tuple[str, Snippet]] | None:
        """(column label, cell) pairs of a row, or None when the cells do not fit the header.

        A cell may be missing (merged with the row above in the printed table), split in two (a
        text with a space in it, two lines of one 责任部门 cell) or in the column next to where it
        should be, so cells are not matched to columns by position alone: the matching is the
        cheapest alignment of the cells, in order, to the columns, in order, by what each cell
        looks like (:data:`ALIGNMENT_COSTS`). The row's text is its text cells, in order.
        """
        columns = list(header.columns)
        kinds = [_column_role(column_kind(c)) for c in columns]
        found = [self.kind_of(c, header) for c in cells]
        runs = _align(kinds, found)
        if runs is None:
            return None
        task = next((c for c, k in zip(columns, kinds) if column_kind(c) == "task"), columns[0])
        text = [cells[j] for (i, j) in runs if kinds[i] == "text"]
        pairs: list[tuple[str, Snippet]] = [(task, Snippet.join(_spaced(text)))] if text else []
        for n, column in enumerate(columns):
            run = [cells[j] for (i, j) in runs if i == n]
            if run and kinds[n] != "text":
                pairs.append((column, Snippet.join(_spaced(run))))
        if not text or not any(column_kind(c) in DEPARTMENT_KINDS for c, _ in pairs):
            return None
        return pairs


# What it costs to put a cell of a kind (names, deadline, person, text) in a column of a role, per
# cell; None: never. A column left empty costs EMPTY (a little more for the columns on the left,
# so that a row with one name fills 牵头单位 rather than 配合单位), each cell beyond a column's
# first costs EXTRA (more for a column of names: one 责任部门 cell on two lines is rarer).
ALIGNMENT_COSTS: dict[str, dict[str, float | None]] = {
    "text": {"text": 0.0, "deadline": 0.4, "person": 0.4, "names": 1.5},
    "names": {"names": 0.0, "text": None, "deadline": None, "person": None},
    "deadline": {"deadline": 0.0, "text": 0.7, "person": None, "names": None},
    "person": {"person": 0.0, "text": 0.5, "deadline": None, "names": 0.9},
}
EMPTY = {"text": 0.6, "names": 1.0, "deadline": 0.6, "person": 0.6}
EXTRA = {"text": 0.3, "names": 0.5, "deadline": 0.7, "person": 0.5}


def _column_role(kind: str) -> str:
    if kind in NAME_KINDS:
        return "names"
    return {"deadline": "deadline", "official": "person"}.get(kind, "text")


def _align(columns: list[str], cells: list[str]) -> list[tuple[int, int]] | None:
    """(column, cell) index pairs of the cheapest alignment of ``cells`` (their kinds) to
    ``columns`` (their roles), both in order, each column taking a run of zero or more cells."""
    inf = float("inf")
    n, m = len(columns), len(cells)
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i, role in enumerate(columns, start=1):
        for j in range(m + 1):
            for k in range(j, -1, -1):  # column i takes cells[k:j]
                if cost[i - 1][k] == inf:
                    continue
                if k == j:
                    run = EMPTY[role] + 0.01 * (n - i)
                else:
                    prices = [ALIGNMENT_COSTS[role][cells[x]] for x in range(k, j)]
                    if None in prices:
                        break  # a longer run holds this cell too
                    run = sum(prices) + EXTRA[role] * (j - k - 1)
                if cost[i - 1][k] + run < cost[i][j]:
                    cost[i][j], back[i][j] = cost[i - 1][k] + run, k
    if cost[n][m] == inf:
        return None
    pairs, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        pairs[:0] = [(i - 1, x) for x in range(k, j)]
        j = k
    return pairs


def _spaced(cells: list[Snippet]) -> list[Snippet]:
    """Cells joined back with the space that stood between them (names split at it later)."""
    out: list[Snippet] = []
    for cell in cells:
        if out:
            out.append(Snippet(" ", " ", (0,), (cell.offset(0) - 1,)))
        out.append(cell)
    return out

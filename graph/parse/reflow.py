"""Reflow: the layout a plan was printed in becomes one paragraph per line of meaning.

Plans reach fengong in the shapes copying gives them: a PDF's text with a line break every forty
characters and a page number between pages; a whole plan on one line, as a news page or a PDF
extractor gives it (``…提出如下政策清单。 一、推进… (一)增强… 1.实施…``), with stray spaces where
lines wrapped (``自治 区农牧厅``); a table flattened to rows of cells; ``??`` where an indent was.
This stage undoes all of that before the layout is read, and keeps, for every character, its
offset in the original text (:class:`~fengong.parse.snippet.Snippet`), so a fact found later
still points at the characters it came from.

The steps, in order:

1. lines: split at line breaks; blank lines and page numbers (``- 3 -``) dropped; runs of
   ``??`` or U+FFFD read as the white space they replaced (a ``mojibake`` warning says so);
2. numbers inside a line: a line is cut before a number that continues the plan's numbering
   (``1.`` after ``(一)``, ``3.`` after item 2) and follows a space, a sentence end or a clause
   (items run together on one line), before a field label after a space (``牵头单位：``), and
   after a colon that introduces what follows it, with a space (``…指出： 贯彻实施…``);
3. tables: a header of column labels (one line, letter-spaced, or a label per line) turns the
   lines under it into rows of cells (:mod:`.plan_tables`);
4. stray spaces: white space between two Chinese characters is dropped, except where it
   separates two names of bodies (``市发改委 市财政局``), which the names stage splits;
5. paragraphs: a line break inside a sentence is joined (``…鼓励大众创业、万`` / ``众创新…``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .numbering import CN_DIGITS, Marker, marker_of
from .snippet import WHITESPACE, Snippet
from .plan_tables import CellReader, Header, header_of, header_of_lines, is_deadline_cell, is_number_line, row_number, split_cells
from .vocabulary import vocabulary

TERMINAL = set("。！？；：…）〕」』”\"!?;:")
PAGE_NUMBER = re.compile(r"^[\s\-—－–─_·]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d+)?[\s\-—－–─_·]*$")
BARE_NUMBER = re.compile(r"\d{1,3}\*?[\s|｜]*")  # a page's number, or a row's in a table of one cell per line
DATE_LINE = re.compile(
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$|"
    r"^[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$"
)
PIPES_ONLY = re.compile(r"[\s|｜]*")
MOJIBAKE = re.compile(r"[?？\ufffd]{2,}")
# Where a number may begin inside a line: after white space, a sentence end or a closing bracket.
NUMBER_INSIDE = re.compile(  # the character before the number, then the number (not consumed)
    rf"[\s。；！？）〕](?=第[{CN_DIGITS}]+(?:部分|章)|[{CN_DIGITS}]+\s*[、.]|（\s*[{CN_DIGITS}\d]+\s*）|"
    r"\d{1,3}\s*[.、](?!\d)|\d{1,3}）|[①-⑳])"
)
CLAUSE_END = set("。；！？）〕")
HEADING_NUMBERS = {"part", "cn"}  # the numbers of parts: 第一部分, 一、
SUBROW_NUMBERS = {"num", "num-paren", "circled"}  # numbered tasks inside a table row's cell
# A colon that introduces what follows, then a space: …其中明确指出： 贯彻实施… (one-line text).
INTRODUCING_COLON = re.compile(r"(?<=[\u4e00-\u9fff])：\s+(?=\S{15})")
LABEL_LINE = re.compile(r"[\u4e00-\u9fff]{1,6}：")  # 具体工作：…, 工作目标：… at the start of a line
_SPACE_RUN = re.compile(r"[ \t\u3000\xa0\u2002\u2003\u200b\ufeff]+")
_ASCII = re.compile(r"[A-Za-z0-9]")
_TOKEN_STOP = "、，；：（）〔〕。 "


@dataclass(frozen=True)
class Para:
    """A paragraph: a line of meaning, with the table structure it has, if any.

    ``header`` is set on a table's header line; ``cells`` and ``row`` on a table row: (column
    label, cell) pairs and the row's number (counted on when the row printed none).
    """

    snip: Snippet
    line: int  # 1-based line number of its first character
    header: Header | None = None
    cells: tuple[tuple[str, Snippet], ...] = ()
    row: Marker | None = None

    @property
    def text(self) -> str:
        return self.snip.folded

    @property
    def number(self) -> Marker | None:
        """The number the paragraph starts with (一、 （二） 3.), read once."""
        try:
            return self.__dict__["_number"]
        except KeyError:  # the dataclass is frozen: the value goes straight into its dict
            number = self.__dict__["_number"] = marker_of(self.snip.folded)
            return number


@dataclass(frozen=True)
class Reflowed:
    paras: list[Para]
    mojibake: tuple[int, ...]  # lines where ?? stood for white space


def reflow(text: str, folded: str, g: Gazetteer) -> Reflowed:
    """The paragraphs of a document (``folded`` is ``fold(text)``)."""
    lines, mojibake = _lines(text, folded)
    lines = _split_numbers(lines)
    paras = _tables(lines, CellReader(g))
    paras = [_despaced(p, g) for p in paras]
    return Reflowed(_join(paras), tuple(mojibake))


# -- 1. lines -----------------------------------------------------------------------------------


def _lines(text: str, folded: str) -> tuple[list[Para], list[int]]:
    lines, mojibake, start = [], [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        snip = Snippet.of(raw, folded[start: start + len(raw)], start)
        start += len(raw) + 1
        if ("|" in raw or "｜" in raw) and PIPES_ONLY.fullmatch(snip.folded):  # ||||| between a table's rows
            continue
        if ("?" in raw or "？" in raw or "\ufffd" in raw) and MOJIBAKE.search(snip.folded):
            snip = _blank(snip, MOJIBAKE)
            mojibake.append(number)
        snip = snip.strip(WHITESPACE)
        if snip and (not snip.folded[0].isdigit() and snip.folded[0] not in "-—－–─_·第 "
                     or BARE_NUMBER.fullmatch(snip.folded) or not PAGE_NUMBER.match(snip.folded)):
            lines.append(Para(snip, number))
    return lines, mojibake


def _blank(snip: Snippet, pattern: re.Pattern[str]) -> Snippet:
    """The same snippet with what ``pattern`` matches turned into spaces."""
    folded = pattern.sub(lambda m: " " * len(m.group()), snip.folded)
    raw = "".join(" " if f == " " and r != " " else r for f, r in zip(folded, snip.raw))
    return snip.retext(folded, raw)


# -- 2. numbers inside a line ----------------------------------------------------------------


def _split_numbers(lines: list[Para]) -> list[Para]:
    last: dict[str, int] = {}
    out: list[Para] = []
    label = vocabulary().label_inside
    for para in lines:
        text = para.snip.folded
        first = para.number
        if first is not None:
            last[first.type] = first.number
        fields = []  # a label or a colon followed by a space: one-line text
        if " " in text:
            fields = [m.start("label") for m in label.finditer(text) if m.start() > 0]
            fields += [m.end() for m in INTRODUCING_COLON.finditer(text) if not _ends_label(text, m.start())]
        cuts = [0]
        numbers = NUMBER_INSIDE.finditer(text) if "|" not in text else ()  # in a row of | cells, cell text
        for m in numbers:
            pos = m.end()
            marker = marker_of(text, pos)
            field = max((f for f in fields if f < pos), default=-1)
            if marker is not None and (_continues_numbering(text, max(cuts[-1], field), pos, marker, last)
                                       or _after_field(text, field, pos, marker, last)):
                cuts.append(pos)
                last[marker.type] = marker.number
        cuts.extend(fields)
        if len(cuts) == 1:
            out.append(para)
            continue
        cuts = sorted(c for c in set(cuts) if c == 0 or not _inside_brackets(text, c))
        for i, j in zip(cuts, [*cuts[1:], len(text)]):
            piece = para.snip[i:j].strip(WHITESPACE)
            if piece:
                out.append(Para(piece, para.line))
    return out


def _inside_brackets(text: str, pos: int) -> bool:
    """Whether ``pos`` stands inside a bracket opened before it (a clause is never cut)."""
    return text.count("（", 0, pos) + text.count("〔", 0, pos) > text.count("）", 0, pos) + text.count("〕", 0, pos)


def _ends_label(text: str, colon: int) -> bool:
    """Whether the colon at ``colon`` closes a field label (牵头单位：, 分管领导：)."""
    start = max(text.rfind(c, 0, colon) for c in " 。；，") + 1
    return bool(vocabulary().label.fullmatch(text, start, colon + 1))


def _continues_numbering(text: str, segment_start: int, pos: int, marker: Marker, last: dict[str, int]) -> bool:
    """Whether a number inside a line starts an item: it continues its kind of numbering and
    stands after a space (following a sentence end, a clause, or a heading) or right after a
    sentence end or a clause (items run together)."""
    expected = marker.number == last.get(marker.type, 0) + 1
    segment = text[segment_start:pos].rstrip()
    if not text[pos - 1].isspace():
        return expected and text[pos - 1] in CLAUSE_END
    if not segment:
        return False
    if segment[-1] in TERMINAL:  # a page that starts inside a list: its first number may be any
        return expected or marker.number == 1 or marker.type not in last
    if marker.type in HEADING_NUMBERS and (expected or marker.number == 1):
        return True  # … 分解方案 一、主要目标 …: a part's number after a space starts the part
    return (expected or marker.number == 1) and _is_heading(segment)


def _after_field(text: str, field: int, pos: int, marker: Marker, last: dict[str, int]) -> bool:
    """A number after a space that ends a field line (…配合单位：A、B 2.推进…): the next item."""
    return (field >= 0 and text[pos - 1].isspace() and marker.number == last.get(marker.type, 0) + 1
            and vocabulary().label.match(text, field) is not None)


def _is_heading(segment: str) -> bool:
    """A numbered heading without punctuation: 一、推进农牧业优质高效转型."""
    return marker_of(segment) is not None and len(segment) <= 60 and not any(c in segment for c in "。；，")


# -- 3. tables --------------------------------------------------------------------------------


def _tables(lines: list[Para], cells: CellReader) -> list[Para]:
    out: list[Para] = []
    header: Header | None = None
    count = 0
    i = 0
    while i < len(lines):
        para = lines[i]
        found = header_of(para.text)
        if found is None and len(para.text) <= 16:  # a label on a line of its own may start a header
            found = header_of_lines([p.text for p in lines[i: i + 12]])
            if found is not None:  # one label per line: one header paragraph
                span = len(found.labels)
                out.append(Para(Snippet.join([p.snip for p in lines[i: i + span]]), para.line, header=found))
                header, count, i = found, 0, i + span
                continue
        if found is not None:
            out.append(Para(para.snip, para.line, header=found))
            header, count, i = found, 0, i + 1
            continue
        if header is not None:
            rows, used = _row(lines, i, header, cells, count)
            if rows:
                out.extend(rows)
                count = rows[0].row.number
                i += used
                continue
            if not _inside_table(para.text, header):
                header = None
        if not BARE_NUMBER.fullmatch(para.text):  # outside a table, a bare number is a page's
            out.append(para)
        i += 1
    return out


def _row(lines: list[Para], i: int, header: Header, cells: CellReader, count: int) -> tuple[list[Para], int]:
    """The row at line ``i`` (one line, or a number line and one line per cell), as paragraphs
    (the row, and its sub-rows when its cells hold numbered tasks), and the lines it took."""
    para = lines[i]
    number = row_number(para.text)
    if number is not None and is_number_line(para.text):
        group = []  # one cell per line, until the next row's number
        for k in range(i + 1, len(lines)):
            nxt = lines[k]
            if is_number_line(nxt.text) and row_number(nxt.text)[0] == number[0] + 1:  # 300 | is a cell
                break
            if header_of(nxt.text) or header_of_lines([p.text for p in lines[k: k + 12]]):
                break
            group.append(nxt)
        while group and not cells.is_names(group[-1].text.rstrip(" |｜")) \
                and not (header.has("deadline") and is_deadline_cell(group[-1].text)):  # a heading after the row's last cell
            group.pop()
        used = 1 + len(group)
        subrows = _subrows(group, header, cells)
        if subrows:
            marker = Marker("table-row", number[0], str(number[0]), number[1])
            first = next(k for k, g in enumerate(group) if g.number is not None)
            row = Para(Snippet.join([p.snip for p in lines[i: i + 1 + first]]), para.line, row=marker)
            return [row, *subrows], used
        pairs = cells.assign([_cell(g) for g in group], header) if group else None
    else:
        body = para.snip[number[1]:] if number else para.snip
        pairs = cells.assign(split_cells(body, header.piped), header)
        used = 1
    if pairs is None:
        return [], 0
    n = number[0] if number else count + 1
    marker = Marker("table-row", n, str(n), number[1] if number else 0)
    snip = Snippet.join([p.snip for p in lines[i: i + used]])
    return [Para(snip, para.line, cells=tuple(pairs), row=marker)], used


def _cell(line: Para) -> Snippet:
    return line.snip.strip(WHITESPACE + "|｜")


def _subrows(group: list[Para], header: Header, cells: CellReader) -> list[Para]:
    """A row whose cells hold numbered tasks, each with its own departments (1 / 主要预期目标 /
    1.地区生产总值增长5% / ★区发改委 / 2.一般公共预算收入… / ★区财政局): a sub-row per task."""
    starts = [k for k, g in enumerate(group) if g.number is not None and g.number.type in SUBROW_NUMBERS]
    if not starts or (len(starts) == 1 and starts[0] == 0):
        return []
    out = []
    for a, b in zip(starts, [*starts[1:], len(group)]):
        first = group[a]
        task = first.snip[first.number.length:].strip(WHITESPACE + "|｜")
        pairs = cells.assign([task, *(_cell(g) for g in group[a + 1: b])], header)
        if pairs is None:
            return []
        marker = Marker("table-subrow", first.number.number, f".{first.number.number}", first.number.length)
        out.append(Para(Snippet.join([g.snip for g in group[a:b]]), first.line, cells=tuple(pairs), row=marker))
    return out


def _inside_table(text: str, header: Header) -> bool:
    """A line between a table's rows that does not end it: a group heading (一、稳增长), or in a
    table of | cells, any line with a | (二、重点工作 | |||)."""
    if header.piped and ("|" in text or "｜" in text):
        return True
    return len(text) <= 30 and not any(c in text for c in "。；")


# -- 4. stray spaces --------------------------------------------------------------------------


def _despaced(para: Para, g: Gazetteer) -> Para:
    if para.header is not None:
        return para
    if para.row is not None:
        cells = tuple((label, despace(cell, g)) for label, cell in para.cells)
        return Para(para.snip, para.line, cells=cells, row=para.row)
    return Para(despace(para.snip, g), para.line)


def despace(snip: Snippet, g: Gazetteer) -> Snippet:
    """Drop white space inside Chinese text (``自治 区农牧厅``: a wrapped line), keeping a space
    between two ASCII words (ISO 9001) or between two names of bodies (``市发改委 市财政局``).

    >>> from fengong.parse.gazetteer import gazetteer
    >>> despace(Snippet.of("自治 区农牧厅、ISO 9001", "自治 区农牧厅、ISO 9001", 0), gazetteer()).folded
    '自治区农牧厅、ISO 9001'
    """
    text = snip.folded
    if " " not in text:  # folding made every kind of white space a space
        return snip
    pieces, pos = [], 0
    for m in _SPACE_RUN.finditer(text):
        i, j = m.span()
        if i == 0 or j == len(text):
            continue
        if (_ASCII.match(text[i - 1]) and _ASCII.match(text[j])) or _separates_names(text, i, j, g):
            continue
        pieces.append(snip[pos:i])
        pos = j
    if not pieces:
        return snip
    pieces.append(snip[pos:])
    return Snippet.join(pieces)


def _separates_names(text: str, i: int, j: int, g: Gazetteer) -> bool:
    start = max(text.rfind(c, 0, i) for c in _TOKEN_STOP) + 1
    left = text[start:i]
    if not (len(left) >= 2 and g.looks_like_org(left)):
        return False
    if vocabulary().label.match(text, j):
        return True
    ends = [k for k in (text.find(c, j) for c in _TOKEN_STOP) if k >= 0]
    right = text[j: min(ends, default=len(text))]
    if g.looks_like_org(right):  # 县教体局 各相关乡镇政府
        return True
    return any(g.looks_like_org(right[:k]) and g.shape(right[:k]).prefix for k in range(len(right), 2, -1))


# -- 5. paragraphs ------------------------------------------------------------------------------


def is_structural(para: Para) -> bool:
    """Lines that start something of their own: a heading, a field line (牵头单位：, and any short
    label: 具体工作：), a date."""
    text = para.text
    return bool(para.number or vocabulary().label.match(text) or DATE_LINE.match(text) or LABEL_LINE.match(text))


def _continues(prev: Para, nxt: Para) -> bool:
    """Whether a line break between two lines is an artefact inside a sentence."""
    a = prev.text
    if prev.cells or prev.header or nxt.cells or nxt.header:
        return False
    if not a or a[-1] in TERMINAL or is_structural(nxt):
        return False
    if a[-1] in "，、（“":
        return True
    m = prev.number
    body = a[m.length:] if m else a
    sentence_like = any(c in body for c in "，、；。") or len(body) >= 40
    return sentence_like and len(body) >= 12 and not DATE_LINE.match(a)


def _join(paras: list[Para]) -> list[Para]:
    out: list[Para] = []
    for para in paras:
        if out and _continues(out[-1], para):
            prev = out[-1]
            out[-1] = Para(Snippet.join([prev.snip, para.snip]), prev.line)
        else:
            out.append(para)
    return out

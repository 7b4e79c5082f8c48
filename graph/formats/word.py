"""Word files (.docx): paragraphs and table rows in document order, automatic numbering included.

Drafters often number 一、 / （一） / 1. with Word's automatic numbering rather than typing it, and
the numbers are then not in the paragraph's text at all, only in ``numbering.xml``. The reader
renders them (decimal, Chinese counting, circled numbers, letters, roman numerals) so that the
layout stage sees the headings a reader of the printed plan sees. Page headers, footers and
comments are not part of the body and are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from . import Extracted, FormatError

CN = "〇一二三四五六七八九"
SENTENCE = re.compile(r"[。；，！？]")


def extract_docx(data: bytes) -> Extracted:
    """The text of a Word file and the title its properties declare."""
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise FormatError("damaged Word .docx file (cannot be parsed)") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            lines.append(numbering.label(block) + block.text)
        else:
            lines.extend(_rows(block))
    return Extracted("\n".join(lines), "", (document.core_properties.title or "").strip())


def _blocks(document) -> Iterator[Paragraph | Table]:
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document)


def _rows(table: Table) -> Iterator[str]:
    """One tab-separated line per row; a merged cell is read once."""
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text([p.text.strip() for p in cell.paragraphs]))
        yield "\t".join(cells)


def _cell_text(paras: list[str]) -> str:
    """Paragraphs of a cell: a column of short names (one department a line) is a list,
    anything else is running text split by the cell's width."""
    paras = [p for p in paras if p]
    if len(paras) > 1 and all(len(p) <= 25 and not SENTENCE.search(p) for p in paras):
        return "、".join(paras)
    return "".join(paras)


def cn_numeral(n: int) -> str:
    """Chinese counting as Word prints it: 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五."""
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    if n < 100:
        return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else ("零" + CN[rest] if rest < 10 else ("一" if rest < 20 else "") + cn_numeral(rest))
    return CN[n // 100] + "百" + tail


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "chineseCounting": cn_numeral,
    "chineseCountingThousand": cn_numeral,
    "chineseLegalSimplified": cn_numeral,
    "ideographDigital": lambda n: "".join(CN[int(d)] for d in str(n)),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "bullet": lambda n: "",
    "none": lambda n: "",
}


class _Numbering:
    """Word's list counters, advanced paragraph by paragraph in document order."""

    def __init__(self, document) -> None:
        self.styles = document.styles.element
        part = document.part
        try:
            self.root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            self.root = None
        self.counters: dict[str, list[int]] = {}

    def _attr(self, el, path: str) -> str | None:
        found = el.find(path) if el is not None else None
        return found.get(qn("w:val")) if found is not None else None

    def _num_pr(self, paragraph: Paragraph):
        """(numId, ilvl) of a paragraph, set on it or inherited from its style chain."""
        p_pr = paragraph._p.pPr
        num_id = ilvl = None
        if p_pr is not None and p_pr.numPr is not None:
            num_id = self._attr(p_pr.numPr, qn("w:numId"))
            ilvl = self._attr(p_pr.numPr, qn("w:ilvl"))
        style_id = p_pr.pStyle.val if p_pr is not None and p_pr.pStyle is not None else None
        depth = 0
        while num_id is None and style_id and depth < 10:
            style = self.styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
            if style is None:
                break
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                num_id = self._attr(num_pr, qn("w:numId"))
                ilvl = ilvl or self._attr(num_pr, qn("w:ilvl"))
            style_id = self._attr(style, qn("w:basedOn"))
            depth += 1
        return num_id, int(ilvl or 0)

    def _levels(self, num_id: str) -> tuple[dict[int, tuple[int, str, str]], dict[int, int]]:
        """Per level: (start, numFmt, lvlText); and the start overrides of this list instance."""
        num = self.root.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']")
        if num is None:
            return {}, {}
        abstract_id = self._attr(num, qn("w:abstractNumId"))
        abstract = self.root.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
        levels = {}
        for lvl in abstract.findall(qn("w:lvl")) if abstract is not None else []:
            start = int(self._attr(lvl, qn("w:start")) or 1)
            levels[int(lvl.get(qn("w:ilvl")))] = (
                start, self._attr(lvl, qn("w:numFmt")) or "decimal", self._attr(lvl, qn("w:lvlText")) or "")
        overrides = {}
        for override in num.findall(qn("w:lvlOverride")):
            start = self._attr(override, qn("w:startOverride"))
            if start is not None:
                overrides[int(override.get(qn("w:ilvl")))] = int(start)
        return levels, overrides

    def label(self, paragraph: Paragraph) -> str:
        """The number Word prints before a paragraph (一、, （一）, 1.), or ``""``."""
        if self.root is None:
            return ""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id == "0":
            return ""
        levels, overrides = self._levels(num_id)
        if ilvl not in levels:
            return ""
        starts = {lvl: overrides.get(lvl, start) for lvl, (start, _, _) in levels.items()}
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(starts.get(len(counters), 1) - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1:]
        _, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return ""

        def number(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            value = counters[level] if level < len(counters) else starts.get(level, 1)
            return FORMATS.get(levels.get(level, (1, "decimal", ""))[1], str)(value)

        return re.sub(r"%(\d)", number, text)

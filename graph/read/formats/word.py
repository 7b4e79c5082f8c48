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
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLParser, XMLSyntaxError

from . import Extracted, FormatError

CN = "〇一二三四五六七八九"
SENTENCE = re.compile(r"[。；，！？]")
DAMAGED = "damaged Word .docx file (cannot be parsed)"
# What fengong reads of one Word file; beyond any of these it is refused as a zip bomb. A plan
# of several hundred pages, with its images, stays well within each (README, "Inputs").
MAX_UNPACKED = 200 << 20  # bytes, all its parts unpacked: bounds memory
MAX_ELEMENTS = 250_000  # XML elements in all its parts: each costs lxml memory and python-docx time
MAX_PARTS = 2_000  # entries of the archive: python-docx looks each one up in a list of the others
PIECE = 1 << 16  # compressed bytes inflated at a time while checking
CHUNK = 1 << 20  # unpacked bytes at most per step


def extract_docx(data: bytes) -> Extracted:
    """The text of a Word file and the title its properties declare."""
    try:
        _check_package(data)
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError, zlib.error, struct.error):
        raise FormatError(DAMAGED) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            lines.append(numbering.label(block) + block.text)
        else:
            lines.extend(_rows(block))
    return Extracted("\n".join(lines), "", (document.core_properties.title or "").strip())


def _check_package(data: bytes) -> None:
    """Refuse a Word file that would unpack to more than fengong reads, before python-docx
    unpacks it.

    python-docx has zipfile inflate each part whole, trusting the size its header declares: a
    part declaring 4 GB is inflated to 4 GB, one declaring 1 KB that inflates to 4 GB is
    inflated a gigabyte at a time before the lie is noticed, and lxml then builds the tree of
    every part. So the sizes declared are checked first, then every part is inflated here a
    megabyte at a time, must come to exactly the size it declares, and its XML elements are
    counted by a parser that builds no tree.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise FormatError(f"a Word file of {len(entries):,} parts, more than the {MAX_PARTS:,} fengong reads "
                          "(a zip bomb?)")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED:
        raise FormatError(f"a Word file that unpacks to {unpacked / (1 << 20):,.0f} MB, more than the "
                          f"{MAX_UNPACKED >> 20} MB fengong reads (a zip bomb?)")
    elements = 0
    for entry in entries:
        elements += _count_elements(_unpacked(data, entry), MAX_ELEMENTS - elements)


def _unpacked(data: bytes, entry: zipfile.ZipInfo) -> Iterator[bytes]:
    """The bytes of one part of the archive ``data``, at most :data:`CHUNK` at a time; a part
    that unpacks to more or fewer bytes than it declares is damaged, and so is one encrypted or
    compressed otherwise than Word does (stored or deflated)."""
    if entry.flag_bits & 0x1 or entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise FormatError(DAMAGED)
    header = entry.header_offset
    if data[header:header + 4] != b"PK\x03\x04":
        raise FormatError(DAMAGED)
    name_length, extra_length = struct.unpack_from("<HH", data, header + 26)
    start = header + 30 + name_length + extra_length
    packed = memoryview(data)[start:start + entry.compress_size]
    if len(packed) != entry.compress_size:
        raise FormatError(DAMAGED)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if entry.compress_type == zipfile.ZIP_DEFLATED else None
    left = entry.file_size
    for offset in range(0, len(packed), PIECE):
        pending = bytes(packed[offset:offset + PIECE])
        while pending:
            if inflater is None:
                chunk, pending = pending, b""
            else:
                chunk, pending = inflater.decompress(pending, CHUNK), inflater.unconsumed_tail
            left -= len(chunk)
            if left < 0:
                raise FormatError(DAMAGED)
            yield chunk
    if left or (inflater is not None and not inflater.eof):
        raise FormatError(DAMAGED)


class _ElementCount:
    """An lxml parser target that counts elements, builds nothing, and stops past ``limit``."""

    def __init__(self, limit: int) -> None:
        self.count = 0
        self.limit = limit

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.count += 1
        if self.count > self.limit:
            raise FormatError(f"a Word file of more than {MAX_ELEMENTS:,} XML elements, more than fengong reads "
                              "(a zip bomb?)")

    def close(self) -> int:
        return self.count


def _count_elements(chunks: Iterable[bytes], limit: int) -> int:
    """The XML elements of one part, given as chunks, which are all consumed (so that the part's
    size is checked); a part that is not XML (an image) has none. The parser is lxml's, with
    python-docx's settings, so that a part counted as not XML is one python-docx cannot parse."""
    count = _ElementCount(limit)
    parser: XMLParser | None = XMLParser(target=count, resolve_entities=False, no_network=True)
    for chunk in chunks:
        if parser is not None:
            try:
                parser.feed(chunk)
            except XMLSyntaxError:
                parser = None
    if parser is not None:
        try:
            parser.close()
        except XMLSyntaxError:
            pass
    return count.count


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


def _by_id(parent, tag: str, attribute: str) -> dict[str, object]:
    """The ``tag`` children of ``parent`` by their ``attribute``, the first one of each value (as
    ``find`` would give it): looked up for every paragraph, they are indexed once."""
    found: dict[str, object] = {}
    for child in parent.iterchildren(qn(tag)) if parent is not None else ():
        if (key := child.get(qn(attribute))) is not None:
            found.setdefault(key, child)
    return found


class _Numbering:
    """Word's list counters, advanced paragraph by paragraph in document order."""

    def __init__(self, document) -> None:
        self.styles = _by_id(document.styles.element, "w:style", "w:styleId")
        part = document.part
        try:
            self.root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            self.root = None
        self.nums = _by_id(self.root, "w:num", "w:numId")
        self.abstracts = _by_id(self.root, "w:abstractNum", "w:abstractNumId")
        self.levels: dict[str, tuple[dict[int, tuple[int, str, str]], dict[int, int]]] = {}
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
            style = self.styles.get(style_id)
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
        if num_id not in self.levels:
            self.levels[num_id] = self._read_levels(num_id)
        return self.levels[num_id]

    def _read_levels(self, num_id: str) -> tuple[dict[int, tuple[int, str, str]], dict[int, int]]:
        num = self.nums.get(num_id)
        if num is None:
            return {}, {}
        abstract = self.abstracts.get(self._attr(num, qn("w:abstractNumId")))
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

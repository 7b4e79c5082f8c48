"""PDF files with a text layer: text page by page, wrapped lines and page breaks joined again.

A PDF has no paragraphs, only lines placed on pages. The reader rebuilds paragraphs from their
geometry, the way the printed plan shows them: a line that runs to the right margin and is
followed by a line starting at the left margin (not indented) is one sentence wrapped, on the
same page or across a page break, and the two are joined. Page numbers (— 3 —) and running
headers or footers repeated on most pages are dropped. A PDF without a text layer (a scan) is
refused with a reason, never read as an empty plan.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException, PSException
from pdfminer.pdfpage import PDFTextExtractionNotAllowed
from pdfminer.pdfparser import PDFParser
from pdfminer.utils import decode_text

from . import Extracted, FormatError

PAGE_NUMBER = re.compile(r"^[\s\-—－–─_·]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d+)?(?:\s*共\s*\d+\s*页)?[\s\-—－–─_·]*$")
INDENT = ("\u3000", " ", "\t", "\xa0")
LETTER = re.compile(r"[A-Za-z]")  # a word wrapped at a space: the space is restored


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    height: float
    width: float  # of the page


def extract_pdf(data: bytes) -> Extracted:
    """The text of a PDF's text layer, and the title its document information declares."""
    try:
        pages = [_page_lines(n, page) for n, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()))]
        title = _title(data)
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise FormatError("PDF is encrypted (save an unprotected copy)") from None
    except PDFTextExtractionNotAllowed:
        raise FormatError("PDF forbids text extraction") from None
    except (PDFException, PSException, ValueError, KeyError, TypeError):
        raise FormatError("damaged PDF file (cannot be parsed)") from None
    lines = _drop_furniture(pages)
    if not any(line.text.strip() for line in lines):
        raise FormatError("PDF has no text layer (a scanned image?): run OCR on it first")
    return Extracted(_reflow(lines), "", title)


def _page_lines(number: int, page) -> list[Line]:
    """The lines of a page from top to bottom; pieces of text on one baseline (table cells,
    a heading and its page-aligned number) are one line, tab-separated."""
    pieces = sorted(
        (
            Line(number, obj.get_text().strip("\n"), obj.x0, obj.x1, obj.y1, obj.height, page.width)
            for box in page if isinstance(box, LTTextContainer)
            for obj in (box if not isinstance(box, LTTextLine) else [box]) if isinstance(obj, LTTextLine)
        ),
        key=lambda line: (-line.top, line.x0),
    )
    lines: list[Line] = []
    for piece in pieces:
        if not piece.text.strip():
            continue
        last = lines[-1] if lines else None
        if last is not None and abs(last.top - piece.top) < min(last.height, piece.height) / 2:
            row = sorted([last, piece], key=lambda line: line.x0)
            lines[-1] = Line(number, "\t".join(x.text.strip() for x in row), row[0].x0, row[-1].x1,
                             last.top, last.height, page.width)
        else:
            lines.append(piece)
    return lines


def _title(data: bytes) -> str:
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    for info in document.info:
        value = info.get("Title")
        if isinstance(value, bytes):
            return decode_text(value).strip()
        if isinstance(value, str):
            return value.strip()
    return ""


def _drop_furniture(pages: list[list[Line]]) -> list[Line]:
    """Lines of all pages without page numbers and without headers/footers repeated on most pages."""
    edges = Counter(
        re.sub(r"\d+", "#", line.text.strip())
        for page in pages for line in {id(x): x for x in (page[:1] + page[-1:])}.values()
    )
    repeated = {text for text, n in edges.items() if len(pages) >= 3 and n > len(pages) / 2}
    kept = []
    for page in pages:
        for i, line in enumerate(page):
            at_edge = i == 0 or i == len(page) - 1
            text = line.text.strip()
            if at_edge and (PAGE_NUMBER.match(text) or re.sub(r"\d+", "#", text) in repeated):
                continue
            kept.append(line)
    return kept


def _reflow(lines: list[Line]) -> str:
    """Join a line that runs to the right margin with the next line, when that one starts at the
    left margin (not indented) at the usual line pitch or at the top of the next page.

    The right margin is taken to mirror the left one (as in GB/T 9704 and most layouts): when no
    line comes near it, nothing wrapped, however long the longest line is.
    """
    if not lines:
        return ""
    left = min(line.x0 for line in lines)
    gaps = Counter(round(a.top - b.top) for a, b in zip(lines, lines[1:]) if a.page == b.page)
    pitch = gaps.most_common(1)[0][0] if gaps else 0
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        char = line.height or 10.0
        starts_at_margin = line.x0 <= left + char / 2 and not line.text.startswith(INDENT)
        close = prev is not None and (prev.page != line.page or prev.top - line.top <= pitch * 1.3)
        if prev is not None and close and starts_at_margin and prev.x1 >= prev.width - left - 3 * char:
            glue = " " if LETTER.match(prev.text[-1:]) and LETTER.match(line.text[:1]) else ""
            out[-1] += glue + line.text.strip()
        else:
            out.append(line.text.rstrip())
        prev = line
    return "\n".join(out)

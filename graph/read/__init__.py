"""Reading plan files into text: the first stage, and the only one that touches the file system.

A plan arrives as a text file (UTF-8 with or without BOM, GB18030/GBK or Big5, told apart by
content), a web page saved from a government site, a Word ``.docx`` or a PDF with a text layer,
from a path or from standard input (``-``). The form is recognised from the file's first bytes,
then from its name; each form has its reader in :mod:`fengong.read.formats`.

Reading is strict: an input that cannot be read as a plan is refused with a :class:`ReadError`
that names the file and the reason, never decoded with replacement characters or read as an
empty text into a quietly wrong graph.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .formats import Extracted, FormatError, sniff
from .formats.encoding import decode_as, detect
from ..resources import SAMPLE_PLAN, sample_plan

REFUSED = {
    "doc": "a Word 97-2003 .doc file: save it as .docx or as text",
    "zip": "a zip archive, not a plan (unpack it first)",
}


NOUNS = {"html": "page", "docx": "document", "pdf": "PDF"}


class ReadError(Exception):
    """An input that cannot be read as a plan. ``str(err)`` is one line: file and reason.

    Its ``args`` are the constructor's own arguments: a worker process sends the error back
    pickled, and unpickling calls ``ReadError(*args)``.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Source:
    """A plan's text and where it came from.

    ``format`` is the form it was read from (text, html, docx, pdf); ``encoding`` the encoding a
    text or web page was decoded with; ``title`` and ``date`` what the file itself declares
    (empty when it declares nothing), used where the plan's text does not say.
    """

    name: str  # the path as the user gave it, or "-" for standard input
    text: str
    format: str = "text"
    encoding: str = ""
    title: str = ""
    date: str = ""


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode the bytes of a text file: as ``encoding``, or detected among UTF-8, GB18030, Big5."""
    try:
        return decode_as(data, encoding) if encoding else detect(data)[0]
    except FormatError as err:
        raise ReadError(name, str(err)) from None


def extract(data: bytes, name: str, encoding: str | None = None) -> Source:
    """The text of a plan file's bytes, whatever its form."""
    form = sniff(data, name)
    if form in REFUSED:
        raise ReadError(name, REFUSED[form])
    try:  # each reader (pdfminer, python-docx, BeautifulSoup) is imported when a file needs it
        if form == "pdf":
            from .formats.pdf import extract_pdf
            doc = extract_pdf(data)
        elif form == "docx":
            from .formats.word import extract_docx
            doc = extract_docx(data)
        elif form == "html":
            from .formats.html import extract_html
            doc = extract_html(data, encoding)
        elif encoding:
            doc = Extracted(decode_as(data, encoding), encoding)
        else:
            doc = Extracted(*detect(data))
    except FormatError as err:
        raise ReadError(name, str(err)) from None
    if not doc.text.strip():
        raise ReadError(name, "empty file" if form == "text" else f"no text in the {NOUNS[form]}")
    return Source(name, doc.text, form, doc.encoding, doc.title, doc.date)


def read_source(path: str, encoding: str | None = None) -> Source:
    """Read one plan from a file path, or from standard input when ``path`` is ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists():
            raise ReadError(path, "no such file")
        if p.is_dir():
            raise ReadError(path, "a folder with no plan in it (.txt, .html, .docx or .pdf files)")
        try:
            data = p.read_bytes()
        except OSError as err:
            raise ReadError(path, err.strerror or str(err)) from None
    if not data.strip():
        raise ReadError(path, "empty file")
    return extract(data, path, encoding)


def read_sample() -> Source:
    """The bundled sample plan (内蒙古自治区贯彻落实质量强区决定分工方案, 2016)."""
    return Source(SAMPLE_PLAN, sample_plan().read_text(encoding="utf-8"), encoding="utf-8")

"""Readers for the forms a plan reaches researchers in: text files, web pages, Word and PDF files.

Each reader turns the bytes of one file into :class:`Extracted` text (and the metadata the file
itself declares); :mod:`fengong.read` picks the reader and wraps the result into a
:class:`~fengong.read.Source`. A reader that cannot use its input raises :class:`FormatError`
with a reason fit to be shown after the file name, never a half-read text.
"""

from __future__ import annotations

from dataclasses import dataclass


class FormatError(Exception):
    """A file that cannot be read in the form it claims; ``str(err)`` is the reason, one line."""


@dataclass(frozen=True)
class Extracted:
    """The text of a document, and the metadata its file declares (empty when it declares none).

    ``date`` is a publication date the file states as such (a web page's ``PubDate``), never the
    time a file was created or saved: that is when a clerk exported the PDF, not when the plan
    was issued, and a researcher would cite it as the plan's date.
    """

    text: str
    encoding: str = ""
    title: str = ""
    date: str = ""


def sniff(data: bytes, name: str) -> str:
    """The form of a file from its first bytes, then its name: ``pdf``, ``docx``, ``doc``,
    ``zip``, ``html`` or ``text``.

    Content wins over the name, so a Word file saved as ``plan.txt`` or read from standard input
    is still read as Word.
    """
    head = data[:1024].lstrip()
    lower = name.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or lower.endswith(".docx") else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if lower.endswith((".html", ".htm", ".xhtml", ".shtml")):
        return "html"
    probe = data[:4096].lower().replace(b"\x00", b"")
    if probe.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").startswith((b"<!doctype html", b"<html")) or (
        b"<html" in probe and (b"<body" in probe or b"<head" in probe)
    ):
        return "html"
    return "text"

"""Reading plan files into text: the first stage, and the only one that touches the file system.

Decoding is strict: a file that is not valid text in any encoding we try is refused with a
:class:`ReadError` that names the file and the reason, never decoded with replacement characters
into a quietly wrong graph.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .resources import SAMPLE_PLAN, sample_plan

ENCODINGS = ("utf-8-sig", "gb18030", "big5")


class ReadError(Exception):
    """An input that cannot be read as a plan. ``str(err)`` is one line: file and reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Source:
    """A plan's text and where it came from."""

    name: str  # the path as the user gave it, or "-" for standard input
    text: str


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode bytes as UTF-8 (with or without BOM), GB18030 or Big5, or as ``encoding``."""
    if b"\x00" in data[:4096]:
        raise ReadError(name, "binary file, not text")
    for enc in (encoding,) if encoding else ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
        except LookupError:
            raise ReadError(name, f"unknown encoding {enc!r}") from None
    tried = encoding or ", ".join(ENCODINGS)
    raise ReadError(name, f"cannot be decoded as {tried}")


def read_source(path: str, encoding: str | None = None) -> Source:
    """Read one plan from a file path, or from standard input when ``path`` is ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if not p.exists():
            raise ReadError(path, "no such file")
        if p.is_dir():
            raise ReadError(path, "is a directory")
        try:
            data = p.read_bytes()
        except OSError as err:
            raise ReadError(path, err.strerror or str(err)) from None
    text = decode(data, path, encoding)
    if not text.strip():
        raise ReadError(path, "empty file")
    return Source(path, text)


def read_sample() -> Source:
    """The bundled sample plan (内蒙古自治区贯彻落实质量强区决定分工方案, 2016)."""
    return Source(SAMPLE_PLAN, sample_plan().read_text(encoding="utf-8"))

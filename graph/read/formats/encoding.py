"""Decoding text files: UTF-8 (with or without BOM), GB18030/GBK and Big5, told apart by content.

Order of evidence: an encoding the user names; a byte-order mark; strict UTF-8 (multi-byte UTF-8
is so constrained that Chinese text in another encoding practically never passes it); then the
Chinese legacy encodings the bytes decode under *strictly*. When more than one does (GB18030
accepts most Big5 byte sequences, turning 質量 into 竭秖), charset-normalizer picks the decoding
whose characters look like language rather than noise. Nothing is ever decoded with replacement
characters: bytes that fit no encoding are refused.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from . import FormatError

CHINESE = ("gb18030", "big5", "cp950")
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Legacy labels that name a subset of what the files really hold: pages declared gb2312 use GBK.
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
             "big5": "cp950", "x-big5": "cp950"}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def declared_encoding(encoding: str) -> str:
    """The codec to use for an encoding a user or a page declares (``gb2312`` means GB18030)."""
    name = encoding.strip().lower()
    try:
        codecs.lookup(name)
    except LookupError:
        raise FormatError(f"unknown encoding {encoding!r}") from None
    return SUPERSETS.get(name, name)


def decode_as(data: bytes, encoding: str) -> str:
    """Decode strictly with one named encoding, or say where it fails."""
    codec = declared_encoding(encoding)
    try:
        return _text(data.decode(codec), codec)[0]
    except UnicodeDecodeError as err:
        raise FormatError(f"not valid {encoding} text (byte {err.start})") from None


def detect(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding: returns ``(text, encoding)``."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _text(data.decode(codec), codec)
            except UnicodeDecodeError as err:
                raise FormatError(f"starts with a {codec} byte-order mark but is not {codec} (byte {err.start})") from None
    try:
        return _text(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    readings: dict[str, str] = {}
    for codec in CHINESE:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if text not in readings.values():
            readings[codec] = text
    if not readings:
        raise FormatError("cannot be decoded as UTF-8, GB18030 or Big5 (name the encoding with --encoding)")
    if len(readings) > 1:
        best = from_bytes(data, cp_isolation=list(readings)).best()
        if best is not None and best.encoding in readings:
            return _text(readings[best.encoding], best.encoding)
    codec, text = next(iter(readings.items()))
    return _text(text, codec)


def _text(text: str, encoding: str) -> tuple[str, str]:
    """Refuse a decoding that is not text: one holding a NUL character anywhere (no plan has one,
    in any encoding; an image or a database has many, a torn copy a few), or one whose start is
    mostly control characters (a binary file without NUL bytes). Every decoding passes here,
    whatever told the encoding (a byte-order mark, detection, a page's charset, --encoding)."""
    if "\0" in text or len(CONTROL.findall(text[:8192])) > max(8, len(text[:8192]) // 100):
        raise FormatError("binary file, not text")
    return text, encoding

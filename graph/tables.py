"""Writing rows as a terminal table, CSV or JSON: the ``--format`` option of every command.

The table aligns Chinese text by display width (a Chinese character takes two columns), so that
output stays readable in a terminal.

CSV written here is meant for people, who open it in a spreadsheet: a cell that a spreadsheet would
run as a formula (a unit text ``=HYPERLINK(…)`` copied from a plan) is neutralised by
:func:`neutralise`. JSON is for programs and keeps every text as it is; SPARQL results in CSV
(:mod:`fengong.results`) keep the W3C format, which other SPARQL tools read.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence

FORMATS = ("table", "csv", "json")
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"), and a plain number,
# which it reads as a number however it starts (-0.5).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def render_table(columns: Sequence[str], rows: Iterable[Sequence[object]], max_width: int = 40) -> str:
    cells = [[_clip("" if v is None else str(v), max_width) for v in row] for row in rows]
    widths = [max([width(c)] + [width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(columns), line(["─" * w for w in widths])]
    out.extend(line(r) for r in cells)
    return "\n".join(out) + "\n"


def neutralise(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: a text that begins with ``= + - @``, a
    tab or a carriage return gets a leading ``'``, which spreadsheets read as "this is text".

    Numbers, and texts that are a plain number, are left as they are: a spreadsheet cannot run
    them, and the analysis tables hold negative numbers. A program reading the CSV recovers the
    text by dropping one ``'`` before one of those characters.

    >>> neutralise("=HYPERLINK(A1)"), neutralise("-1+1"), neutralise("-0.5"), neutralise(-2)
    ("'=HYPERLINK(A1)", "'-1+1", '-0.5', -2)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value):
        return "'" + value
    return value


def render(columns: Sequence[str], rows: Iterable[Sequence[object]], fmt: str) -> str:
    """Rows (sequences in column order) as ``table``, ``csv`` (for people: cells neutralised, see
    :func:`neutralise`) or ``json`` (a list of objects)."""
    rows = list(rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else neutralise(v) for v in row] for row in rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    return render_table(columns, rows)

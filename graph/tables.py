"""The one table writer: columns and rows as a terminal table, CSV or JSON, the ``--format``
option of every command (:data:`FORMATS`).

One writer, so that every command offers the same formats and writes each the same way; where
outputs genuinely differ, the caller says how with a parameter of :func:`render`:

- ``line_end``: CSV for people ends lines with LF; SPARQL results CSV (:mod:`fengong.sparql.results`)
  ends them with CRLF, as the W3C recommendation requires, so that other SPARQL tools read it.
- ``neutralised``: CSV for people is opened in a spreadsheet, so a cell that a spreadsheet would run
  as a formula (a unit text ``=HYPERLINK(…)`` copied from a plan) is neutralised by
  :func:`neutralise`; SPARQL results CSV keeps every value as it is, as the W3C format says.
- ``digits``: the analysis tables round floats, so that their files are stable to read and compare.

The table aligns Chinese text by display width (a Chinese character takes two columns), so that
output stays readable in a terminal. JSON is for programs and keeps every text as it is.

This is a base-layer module: it imports nothing from fengong, so that any layer may write tables.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence

FORMATS = ("table", "csv", "json")
LF, CRLF = "\n", "\r\n"
# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"), and a plain number,
# which it reads as a number however it starts (-0.5).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

Row = Sequence[object]


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for a wide (Chinese) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` columns with a closing …, so one long cell does not widen a table."""
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


def render_table(columns: Sequence[str], rows: Iterable[Row], max_width: int = 40) -> str:
    """Rows aligned under their column names, for reading in a terminal; cells clipped to
    ``max_width`` columns, None shown as empty."""
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
    return "'" + value if formula_like(value) else value


def formula_like(value: object) -> bool:
    """Text a spreadsheet would run as a formula: it starts with one of :data:`FORMULA_START` and
    is not a plain number (-0.5 is a number, -1+1 a formula)."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.fullmatch(value)


def render_csv(columns: Sequence[str], rows: Iterable[Row], line_end: str = LF, neutralised: bool = True) -> str:
    """A header row and the rows as CSV, lines ended by ``line_end``, None as an empty cell, and
    each cell passed through :func:`neutralise` when ``neutralised`` (see the module's docstring).

    >>> render_csv(("a", "b"), [("=1+1", None)]), render_csv(("a",), [("=1+1",)], CRLF, neutralised=False)
    ("a,b\\n'=1+1,\\n", 'a\\r\\n=1+1\\r\\n')
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=line_end)
    writer.writerow(columns)
    writer.writerows(["" if v is None else neutralise(v) if neutralised else v for v in row] for row in rows)
    return buf.getvalue()


def json_text(document: object) -> str:
    """``document`` as JSON for programs and for people reading it: Chinese kept as it is (not as
    ``\\u`` escapes), indented, ending in a newline like every other output."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_json(columns: Sequence[str], rows: Iterable[Row]) -> str:
    """The rows as a JSON list of objects, column name → value, every text kept as it is."""
    return json_text([dict(zip(columns, row)) for row in rows])


def rounded(rows: Iterable[Row], digits: int) -> list[tuple[object, ...]]:
    """The rows with every float rounded to ``digits`` decimals, other values as they are."""
    return [tuple(round(v, digits) if isinstance(v, float) else v for v in row) for row in rows]


def render(columns: Sequence[str], rows: Iterable[Row], fmt: str, *, line_end: str = LF, neutralised: bool = True,
           digits: int | None = None) -> str:
    """Rows (sequences in column order) as ``fmt``, one of :data:`FORMATS`: ``table``, ``csv``
    (see :func:`render_csv` for ``line_end`` and ``neutralised``) or ``json`` (a list of objects);
    floats rounded to ``digits`` decimals when it is given.

    Raises ValueError for any other format, so that a command cannot offer one this writer lacks.

    >>> print(render(("name", "load"), [("质监局", 2 / 3)], "table", digits=2), end="")
    name    load
    ──────  ────
    质监局  0.67
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    rows = rounded(rows, digits) if digits is not None else list(rows)
    if fmt == "csv":
        return render_csv(columns, rows, line_end, neutralised)
    if fmt == "json":
        return render_json(columns, rows)
    return render_table(columns, rows)

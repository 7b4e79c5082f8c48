"""Writing rows as a terminal table, CSV or JSON: the ``--format`` option of every command.

The table aligns Chinese text by display width (a Chinese character takes two columns), so that
output stays readable in a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Sequence

FORMATS = ("table", "csv", "json")


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


def render(columns: Sequence[str], rows: Iterable[Sequence[object]], fmt: str) -> str:
    """Rows (sequences in column order) as ``table``, ``csv`` or ``json`` (a list of objects)."""
    rows = list(rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    return render_table(columns, rows)

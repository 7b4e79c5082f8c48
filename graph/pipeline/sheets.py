"""Tables as people open them: an Excel workbook (.xlsx) and a standalone HTML page.

Practitioners track these plans in spreadsheets, so an export must open as a worksheet they can
work in: headers that stay in view (frozen panes), filters, columns wide enough for Chinese text
(a Chinese character takes about two widths of a Latin one: :func:`fengong.tables.width`). Two
rules of every output hold here too:

- **Text from documents is data.** A unit text ``=HYPERLINK(…)`` copied from a plan must not become
  a formula: a cell that starts like one is stored as text with Excel's quote prefix (what Excel
  itself does for a cell typed as ``'=…``), so it shows and reads back as written and stays text
  when edited. Characters XML cannot hold (control characters) become U+FFFD. In HTML every text
  is escaped.
- **The same input gives the same bytes.** A workbook is a zip archive whose entries carry the time
  they were written, and whose properties carry when it was created and modified: both are set to
  one fixed time (:data:`FIXED_TIME`), so that a file can be checked by its digest like every other
  output.
"""

from __future__ import annotations

import datetime
import html
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from ..tables import formula_like, width

# The time every workbook says it was created and modified, and its zip entries were written: the
# earliest a zip archive can record, so that it reads as "no time" rather than as a real date.
FIXED_TIME = datetime.datetime(1980, 1, 1)
MAX_WIDTH = 60  # columns wider than this wrap their text
NARROW = 8  # the width of a column of short cells (a matrix's roles) whose header wraps instead


@dataclass(frozen=True)
class Sheet:
    """One table: a worksheet of a workbook, a table of a page.

    ``frozen`` leading columns stay in view beside the header; ``footer`` rows (totals) follow the
    data, outside its filter; ``narrow`` columns (from that index on) hold short cells under
    headers that wrap.
    """

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    footer: Sequence[Sequence[object]] = ()
    frozen: int = 0
    narrow: int | None = None
    widths: dict[int, int] = field(default_factory=dict)


def _cell_text(value: object) -> object:
    """A value as a workbook can hold it: None as empty, text without XML's forbidden characters."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def _write_sheet(ws, sheet: Sheet) -> None:
    bold = Font(bold=True)
    header_alignment = Alignment(wrap_text=True, vertical="top")
    ws.append([_cell_text(c) for c in sheet.columns])
    for cell in ws[1]:
        cell.font, cell.alignment = bold, header_alignment
    for row in (*sheet.rows, *sheet.footer):
        ws.append([_cell_text(v) for v in row])
        for cell in ws[ws.max_row]:
            if formula_like(cell.value):  # text, never a formula
                cell.data_type = "s"
                cell.quotePrefix = True
    for cell in ws[ws.max_row] if sheet.footer else ():
        cell.font = bold
    last = get_column_letter(max(len(sheet.columns), 1))
    ws.auto_filter.ref = f"A1:{last}{1 + len(sheet.rows)}"
    ws.freeze_panes = f"{get_column_letter(sheet.frozen + 1)}2"
    for i, column in enumerate(sheet.columns):
        ws.column_dimensions[get_column_letter(i + 1)].width = _column_width(sheet, i)
        if sheet.narrow is None or i < sheet.narrow:
            wide = _column_width(sheet, i) >= MAX_WIDTH
            for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
                cell.alignment = Alignment(wrap_text=wide, vertical="top")


def _column_width(sheet: Sheet, i: int) -> int:
    """A column as wide as its widest cell (a Chinese character counts two), at most
    :data:`MAX_WIDTH`; a narrow column as wide as its cells, its header wrapping."""
    if i in sheet.widths:
        return sheet.widths[i]
    cells = [width(str(row[i])) for row in (*sheet.rows, *sheet.footer) if row[i] is not None]
    if sheet.narrow is not None and i >= sheet.narrow:
        return max([NARROW, *(c + 2 for c in cells)])
    return min(MAX_WIDTH, max([width(sheet.columns[i]), *cells]) + 2)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The sheets as an Excel workbook, the same bytes for the same sheets.

    >>> data = xlsx_bytes([Sheet("t", ("a",), [("=1+1",)])])
    >>> data[:2], data == xlsx_bytes([Sheet("t", ("a",), [("=1+1",)])])
    (b'PK', True)
    """
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _write_sheet(wb.create_sheet(sheet.title[:31]), sheet)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = "fengong"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return _fixed_times(raw.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """The zip archive ``data`` with every entry dated :data:`FIXED_TIME`, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info))
    return out.getvalue()


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 1em; }}
table {{ border-collapse: collapse; margin-bottom: 2em; }}
th, td {{ border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; }}
thead th {{ position: sticky; top: 0; background: #f3f3f3; }}
tfoot td {{ font-weight: bold; }}
td.role {{ text-align: center; }}
caption {{ text-align: left; font-weight: bold; padding: 4px 0; }}
</style>
</head>
<body>
{tables}</body>
</html>
"""


def html_page(title: str, sheets: Sequence[Sheet], lang: str = "zh") -> str:
    """The sheets as one standalone HTML page (no script, nothing fetched), every text escaped.

    >>> "&lt;b&gt;" in html_page("t", [Sheet("s", ("a",), [("<b>",)])])
    True
    """
    return PAGE.format(lang=html.escape(lang), title=html.escape(title),
                       tables="".join(_html_table(s) for s in sheets))


def _html_table(sheet: Sheet) -> str:
    def cells(row: Sequence[object], tag: str) -> str:
        out = []
        for i, v in enumerate(row):
            cls = ' class="role"' if sheet.narrow is not None and i >= sheet.narrow and tag == "td" else ""
            out.append(f"<{tag}{cls}>{html.escape('' if v is None else str(v))}</{tag}>")
        return "".join(out)

    lines = [f"<table>\n<caption>{html.escape(sheet.title)}</caption>\n",
             f"<thead><tr>{cells(sheet.columns, 'th')}</tr></thead>\n<tbody>\n"]
    lines += [f"<tr>{cells(row, 'td')}</tr>\n" for row in sheet.rows]
    lines.append("</tbody>\n")
    if sheet.footer:
        lines.append("<tfoot>\n" + "".join(f"<tr>{cells(row, 'td')}</tr>\n" for row in sheet.footer) + "</tfoot>\n")
    lines.append("</table>\n")
    return "".join(lines)

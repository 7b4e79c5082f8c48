"""``fengong export``: what the parser found, as flat tables and in the forms people work in."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..output import OutputError, check_not_input, write_atomic
from ..tables import FORMATS, render
from ..store.labels import DEFAULT_LANGUAGE, LANGUAGES
from .common import encoding_option, exit_code, fail, plans_argument, report, strict_option

if TYPE_CHECKING:
    from ..pipeline.sheets import Sheet

# Every format of the one table writer, and the forms people open: a workbook and a page.
EXPORT_FORMATS = (*FORMATS, "xlsx", "html")
output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output (xlsx: needed when standard output is a terminal).",
)


@click.group()
def export() -> None:
    """Export what the parser found: one row per assignment, or the responsibility matrix."""


@export.command("assignments")
@plans_argument
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True,
              help="An aligned table for reading, CSV or JSON for other tools, an Excel workbook or an HTML page.")
@output_option
@encoding_option
@strict_option
def assignments(plans: tuple[str, ...], fmt: str, output: Path | None, encoding: str | None, strict: bool) -> None:
    """One row per assignment of PLAN files (default: the bundled sample plan).

    \b
    Columns:
      document    the plan's id (its file name without extension)
      item        the item's number path as the plan prints it: 一（一）, 二（一）7
      kind        target or task
      text        the unit's own text, without its number and without the clause
      department  the resolved department's canonical Chinese name
      surface     the name as the plan means it (shared prefixes expanded): 自治区商务厅
      role        lead, support, responsible or joint (official for a person a clause names)
      deadline    the unit's time frame as written: 6月底前完成, 持续推进
      due         the date it is due by (2016-06-30; the plan's year where the clause writes none)

    \b
    Examples:
      fengong export assignments plan.docx > assignments.csv
      fengong export assignments plans/ --format xlsx -o assignments.xlsx
    """
    from ..pipeline.export import ASSIGNMENT_COLUMNS, assignment_table  # the parser: not for --help
    from ..pipeline.sheets import Sheet

    _check_output(output, plans, fmt)
    corpus, rows = assignment_table(plans, encoding=encoding)
    n_warn, n_fail = report(corpus.diagnostics, corpus.failures)
    sheet = Sheet("assignments", ASSIGNMENT_COLUMNS, rows, frozen=2, widths={3: 60})
    _emit(_rendered([sheet], fmt, "assignments", "zh"), output)
    sys.exit(exit_code(n_warn, n_fail, strict))


@export.command("matrix")
@plans_argument
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True,
              help="An aligned table, CSV, JSON, an Excel workbook (the matrix and the classic table, one sheet "
                   "each) or an HTML page.")
@click.option("--classic", is_flag=True,
              help="The classic table (序号 任务 牵头单位 配合单位 完成时限) instead of the matrix (not for xlsx, "
                   "which holds both).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
              help="zh: Chinese headers and roles (牵 责 共 配), departments by their canonical Chinese names; en: "
                   "English ones (lead responsible joint support), departments by their English names (a body "
                   "without one keeps its Chinese name).")
@output_option
@encoding_option
@strict_option
def matrix(plans: tuple[str, ...], fmt: str, classic: bool, lang: str, output: Path | None, encoding: str | None,
           strict: bool) -> None:
    """The responsibility matrix of PLAN files (default: the bundled sample plan).

    One row per unit of work (its number, target or task, text), one column per department
    (most accountable first), the cell the department's role: 牵 lead, 责 responsible, 共 joint,
    配 support (with --lang en: lead, responsible, joint, support); the last two rows the
    department's totals: accountable (lead, responsible, joint) and all roles, as `fengong query
    workload` counts them. The workbook (--format xlsx) holds the classic table as a second
    sheet: 序号 · 任务 · 牵头单位 · 配合单位 · 完成时限, the bodies as the plan names them.

    \b
    Examples:
      fengong export matrix plan.docx --format xlsx -o matrix.xlsx
      fengong export matrix --format html -o matrix.html
      fengong export matrix --classic --lang en > table.csv
    """
    from ..pipeline.export import parsed_plans  # the parser: not for --help
    from ..pipeline.matrix import classic_sheet, matrix_sheet

    _check_output(output, plans, fmt)
    corpus, parsed = parsed_plans(plans, encoding=encoding)
    n_warn, n_fail = report(corpus.diagnostics, corpus.failures)
    sheets = [matrix_sheet(parsed, lang), classic_sheet(parsed, lang)]
    if fmt != "xlsx":
        sheets = sheets[1:] if classic else sheets[:1]
    title = " · ".join([*(p.title or p.doc_id for p in parsed), sheets[0].title])
    _emit(_rendered(sheets, fmt, title, lang), output)
    sys.exit(exit_code(n_warn, n_fail, strict))


def _rendered(sheets: list[Sheet], fmt: str, title: str, lang: str) -> str | bytes:
    """``sheets`` in ``fmt``: a workbook of them all, a page of them all, or the first as a table."""
    from ..pipeline.sheets import html_page, xlsx_bytes  # openpyxl: loaded to write, not for --help

    if fmt == "xlsx":
        return xlsx_bytes(sheets)
    if fmt == "html":
        return html_page(title, sheets, lang)
    return render(sheets[0].columns, [*sheets[0].rows, *sheets[0].footer], fmt)


def _check_output(output: Path | None, plans: tuple[str, ...], fmt: str) -> None:
    """Refuse, before any work, a workbook for a terminal and an output that is one of the inputs."""
    if output is None:
        if fmt == "xlsx" and sys.stdout.isatty():
            fail("an Excel workbook is binary: give -o FILE.xlsx, or redirect standard output to a file")
        return
    try:
        check_not_input([output], plans)
    except OutputError as err:
        fail(str(err))


def _emit(data: str | bytes, output: Path | None) -> None:
    """``data`` to the output file (atomically) or to standard output."""
    if output is not None:
        try:
            write_atomic(output, data)
        except OSError as err:
            fail(f"{output}: cannot be written ({err.strerror or err})")
    elif isinstance(data, bytes):
        click.get_binary_stream("stdout").write(data)
    else:
        click.echo(data, nl=False)

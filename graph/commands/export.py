"""``fengong export``: flat tables of what the parser found."""

from __future__ import annotations

import sys

import click

from ..tables import render
from .common import encoding_option, exit_code, format_option, plans_argument, report, strict_option


@click.group()
def export() -> None:
    """Export what the parser found as a table (CSV, JSON or aligned text)."""


@export.command("assignments")
@plans_argument
@format_option(default="csv")
@encoding_option
@strict_option
def assignments(plans: tuple[str, ...], fmt: str, encoding: str | None, strict: bool) -> None:
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
    """
    from ..pipeline.export import ASSIGNMENT_COLUMNS, assignment_table  # the parser: not for --help

    corpus, rows = assignment_table(plans, encoding=encoding)
    n_warn, n_fail = report(corpus.diagnostics, corpus.failures)
    click.echo(render(ASSIGNMENT_COLUMNS, rows, fmt), nl=False)
    sys.exit(exit_code(n_warn, n_fail, strict))

"""Options and reporting shared by the commands."""

from __future__ import annotations

from collections.abc import Iterable

import click

from ..model import Diagnostic
from ..read import ReadError
from ..tables import FORMATS

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
DEFAULT_OUT = "out"
DEFAULT_GRAPH = f"{DEFAULT_OUT}/graph.ttl"

plans_argument = click.argument("plans", nargs=-1, metavar="[PLAN]...")
encoding_option = click.option(
    "--encoding", metavar="NAME",
    help="Decode plan files with this encoding instead of detecting UTF-8, GB18030 or Big5.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Exit with code 1 when the input produces any warning."
)


def format_option(choices: Iterable[str] = FORMATS, default: str = "table"):
    choices = tuple(choices)
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output as an aligned table for reading, or CSV / JSON for other tools.",
    )


def report(diagnostics: Iterable[Diagnostic], failures: Iterable[ReadError]) -> tuple[int, int]:
    """Print warnings and unreadable inputs to stderr; returns (warnings, failures) counts."""
    n_warn = n_fail = 0
    for d in diagnostics:
        click.echo(d.format(), err=True)
        n_warn += 1
    for err in failures:
        click.echo(f"error: {err}", err=True)
        n_fail += 1
    return n_warn, n_fail


def exit_code(n_warnings: int, n_failures: int, strict: bool) -> int:
    if n_failures:
        return EXIT_UNUSABLE
    if strict and n_warnings:
        return EXIT_PROBLEMS
    return EXIT_OK

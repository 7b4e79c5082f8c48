"""Options and reporting shared by the commands."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from ..store.labels import DEFAULT_LANGUAGE, LANGUAGES
from ..output import DEFAULT_OUT
from ..store import Store, StoreError, open_store
from ..tables import FORMATS

if TYPE_CHECKING:
    from ..model import Diagnostic
    from ..read import ReadError

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
DEFAULT_GRAPH = f"{DEFAULT_OUT}/graph.ttl"

plans_argument = click.argument("plans", nargs=-1, metavar="[PLAN]...")
encoding_option = click.option(
    "--encoding", metavar="NAME",
    help="Decode plan files with this encoding instead of detecting UTF-8, GB18030 or Big5.",
)
strict_option = click.option(
    "--strict", is_flag=True, help="Exit with code 1 when the input produces any warning."
)


def lang_option(what: str):
    """``--lang zh|en``: the language ``what`` names departments in."""
    return click.option(
        "--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
        help=f"Language of {what}: zh names departments by their Chinese short names; en by their "
             "English labels in the graph (rdfs:label@en; a body without one keeps its Chinese name).",
    )


def format_option(default: str = "table"):
    """``--format``: one of :data:`fengong.tables.FORMATS`, the same list in every command, since
    one writer (:func:`fengong.tables.render`) writes them all."""
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
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


def store_options(verb: str):
    """``--graph``, ``--store`` and ``--endpoint``: where a command reads the built graph from
    (one of them; :func:`open_graph_store` opens it). ``verb`` completes the help: "analyse"."""
    options = (
        click.option("--graph", "graph_file", type=click.Path(dir_okay=False),
                     help=f"Graph file to {verb} (Turtle, TriG, N-Triples, N-Quads). Default: {DEFAULT_GRAPH}, "
                          "when neither --store nor --endpoint is given."),
        click.option("--store", "store_dir", type=click.Path(file_okay=False),
                     help=f"An on-disk Oxigraph store to {verb} (opened read-only)."),
        click.option("--endpoint", metavar="URL",
                     help=f"A SPARQL 1.1 endpoint to {verb}; credentials, if needed, come from the environment."),
    )

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def open_graph_store(graph_file: str | None, store_dir: str | None, endpoint: str | None,
                     engine: str = "oxigraph", timeout: float | None = None, allow_federation: bool = False) -> Store:
    """The store :func:`store_options` name; with none of them, the graph ``fengong build`` wrote.

    ``timeout`` and ``allow_federation`` as for :func:`fengong.store.open_store`. Exits with code 2
    and a one-line message when it cannot be opened (an endpoint whose default graph leaves the
    plans out included).
    """
    if not (graph_file or store_dir or endpoint):
        graph_file = DEFAULT_GRAPH
        if not Path(graph_file).exists():
            fail(f"{graph_file}: no such file; run `fengong build` first, or give --graph, --store or --endpoint")
    chosen = [flag for flag, value in (("--graph", graph_file), ("--store", store_dir), ("--endpoint", endpoint)) if value]
    if len(chosen) > 1:
        fail(f"give one of --graph, --store and --endpoint, not {' and '.join(chosen)}")
    try:
        return open_store(graph=graph_file, store=store_dir, endpoint=endpoint, engine=engine, timeout=timeout,
                          allow_federation=allow_federation)
    except StoreError as err:
        fail(str(err))


def fail(message: str) -> NoReturn:
    """Report unusable input on standard error and exit with code 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_UNUSABLE)

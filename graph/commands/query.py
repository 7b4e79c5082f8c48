"""``fengong query``: run a named query, a query file or an ad-hoc query on a graph, a store or an endpoint."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import click

from ..store import DEFAULT_TIMEOUT, ENGINES, PASSWORD_ENV, USER_ENV, StoreError
from ..tables import json_text, render
from .common import fail, format_option, open_graph_store, store_options

if TYPE_CHECKING:
    from ..sparql.catalogue import NamedQuery

EPILOG = f"""\b
Examples:
  fengong query --list                                   the named queries
  fengong query workload                                 on out/graph.ttl (what fengong build wrote)
  fengong query department --param department=自治区质监局
  fengong query partners --format csv --limit 20 > partners.csv
  fengong query my-question.rq --param year=2016         your own query file
  fengong query -e 'SELECT ?name WHERE {{ ?d <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }}'
  fengong query workload --store corpus.db               an on-disk Oxigraph store
  fengong query workload --endpoint http://127.0.0.1:8890/sparql --timeout 30
  fengong query -e 'SELECT * WHERE {{ SERVICE <https://query.wikidata.org/sparql> {{ … }} }}' --allow-federation

\b
An endpoint that needs a login reads it from the environment, never from the command line:
  {USER_ENV}, {PASSWORD_ENV}, FENGONG_ENDPOINT_AUTH=basic|digest
"""


def _params(ctx, param, values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r} should read KEY=VALUE (department=自治区质监局)")
        if key in out:
            raise click.BadParameter(f"{key} is given twice")
        out[key] = text
    return out


@click.command(epilog=EPILOG)
@click.argument("name", required=False, metavar="[NAME|FILE.rq]")
@click.option("-e", "--expression", metavar="SPARQL", help="Run this SELECT query instead of a named one.")
@click.option("-l", "--list", "list_queries", is_flag=True,
              help="Print the catalogue of named queries (with --format csv or json: as data) and exit.")
@click.option("--show", is_flag=True, help="Print the named query's description, parameters and SPARQL and exit.")
@store_options("query")
@click.option("--engine", type=click.Choice(ENGINES), default="oxigraph", show_default=True,
              help="SPARQL engine for a graph file: Oxigraph (fast), or rdflib's own (to compare).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Stop the query when it has run this long, on every engine: a graph file's or "
                                      "a store's query is stopped (it runs in a worker process), an endpoint is no "
                                      "longer waited for. Ctrl-C stops it too.")
@click.option("--allow-federation", is_flag=True,
              help="Let a SERVICE clause send requests to the server it names. Without it such a query is "
                   "refused, so that a query over your graph never reaches the network.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", callback=_params,
              help="A value for one of the query's parameters (repeat for several); bound safely, never "
                   "pasted into the query.")
@format_option()
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Return at most N rows.")
def query(name: str | None, expression: str | None, list_queries: bool, show: bool, graph_file: str | None,
          store_dir: str | None, endpoint: str | None, engine: str, timeout: float, allow_federation: bool,
          params: dict[str, str], fmt: str, limit: int | None) -> None:
    """Ask the graph a question in SPARQL: a named query, a .rq file, or -e 'SELECT …'.

    NAME is one of the named queries in queries/ (see --list); a name ending in .rq or containing
    a / is a query file of your own, with or without a header. Results are SPARQL SELECT
    results: a table to read, or the standard SPARQL CSV and JSON results formats. Exit code 2
    when the graph, store or endpoint cannot be used (an endpoint whose default graph is not the
    union of its named graphs included), or the query fails or runs past --timeout.
    """
    # The catalogue and the results are rdflib terms: loaded here, not when --help reads the options.
    from ..sparql.catalogue import CatalogueError, adhoc, load
    from ..sparql.results import Results, render_results
    from ..sparql.text import QueryTextError, with_limit

    if list_queries:
        click.echo(_catalogue_text(fmt), nl=False)
        return
    if bool(name) == bool(expression):
        raise click.UsageError("give a query NAME (or FILE.rq), or -e 'SPARQL', but not both")
    try:
        named = adhoc(expression) if expression else load(name)
        if show:
            click.echo(_describe(named))
            return
        bindings = named.bindings(params)
        text = with_limit(named.text, limit) if limit is not None else named.text
    except (CatalogueError, QueryTextError) as err:
        fail(str(err))
    store = open_graph_store(graph_file, store_dir, endpoint, engine=engine, timeout=timeout,
                             allow_federation=allow_federation)
    try:
        results = store.select(text, bindings)
    except StoreError as err:
        fail(str(err))
    if limit is not None:
        results = Results(results.columns, results.rows[:limit])
    click.echo(render_results(results, fmt), nl=False)


def _catalogue_text(fmt: str) -> str:
    from ..sparql.catalogue import CatalogueError, catalogue

    try:
        queries = catalogue()
    except CatalogueError as err:
        fail(str(err))
    if fmt == "json":
        return json_text([_as_data(q) for q in queries.values()])
    if fmt == "csv":
        rows = [[q.name, q.title, " ".join(p.usage() for p in q.parameters), q.description] for q in queries.values()]
        return render(("name", "title", "parameters", "description"), rows, "csv")
    width = max(len(n) for n in queries) + 2
    lines = []
    for q in queries.values():
        lines.append(f"{q.name:<{width}}{q.title}")
        lines.extend(f"{'':<{width}}--param {p.usage()}" for p in q.parameters)
    lines.append("")
    lines.append("fengong query NAME --show   prints a query's description, parameters and SPARQL.")
    return "\n".join(lines) + "\n"


def _as_data(q: NamedQuery) -> dict[str, object]:
    return {
        "name": q.name, "title": q.title, "description": q.description, "examples": list(q.examples),
        "parameters": [{"name": p.name, "type": p.type, "default": p.default, "optional": p.optional,
                        "description": p.description} for p in q.parameters],
    }


def _describe(q: NamedQuery) -> str:
    out = [f"{q.name}: {q.title}" if q.title else q.name, ""]
    if q.description:
        out += textwrap.wrap(q.description, 100) + [""]
    for p in q.parameters:
        out.append(f"--param {p.usage()}")
        out += textwrap.wrap(p.description, 96, initial_indent="    ", subsequent_indent="    ")
    out += [f"example: {e}" for e in q.examples]
    out += ["", q.text.rstrip()]
    return "\n".join(out)

"""``fengong push``: load a built graph into a SPARQL store, one named graph per plan."""

from __future__ import annotations

import sys

import click

from typing import TYPE_CHECKING

from ..store import DEFAULT_TIMEOUT, PASSWORD_ENV, USER_ENV, StoreError
from ..store.base import DEFAULT_BATCH
from .common import DEFAULT_GRAPH, EXIT_OK, EXIT_PROBLEMS, fail

if TYPE_CHECKING:
    from ..store import EndpointStore

EPILOG = f"""\b
Examples:
  Oxigraph (oxigraph serve --location DB --union-default-graph):
    fengong push --endpoint http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store
  Virtuoso (writes need a login: {USER_ENV}=dba {PASSWORD_ENV}=… FENGONG_ENDPOINT_AUTH=digest):
    fengong push --endpoint http://127.0.0.1:8890/sparql \\
                 --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth
  Fuseki, GraphDB, Stardog… (one URL takes queries and updates):
    fengong push --endpoint http://127.0.0.1:3030/ds --update-endpoint http://127.0.0.1:3030/ds
"""


@click.command(epilog=EPILOG)
@click.option("--graph", "graph_file", default=DEFAULT_GRAPH, show_default=True, type=click.Path(dir_okay=False),
              help="The graph file to load (Turtle as fengong build writes it, or TriG / N-Quads).")
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's SPARQL query endpoint: after loading, each graph's triples are counted there.")
@click.option("--update-endpoint", metavar="URL", help="Load through SPARQL 1.1 Update at this URL.")
@click.option("--graph-store", metavar="URL",
              help="Load through the SPARQL 1.1 Graph Store Protocol at this URL (PUT replaces a graph).")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True, metavar="N",
              help="Triples per request.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Give up on a request the store has not answered in this many seconds.")
def push(graph_file: str, endpoint: str, update_endpoint: str | None, graph_store: str | None, batch_size: int,
         timeout: float) -> None:
    """Load a graph into a SPARQL store, each plan in its own named graph.

    Each plan's graph is named by the plan's IRI (https://w3id.org/fengong/id/plan/DOC-ID) and
    holds the plan and the descriptions of the departments it names; pushing again replaces it,
    so nothing is duplicated or left behind. Give --graph-store or --update-endpoint for the
    writes (exactly one). Credentials come from the environment only. Exit code 2 when the file
    cannot be read or the store refuses or does not answer, 1 when a graph's triple count in the
    store differs from what was sent.
    """
    from ..store import EndpointStore, credentials_from_env  # pyoxigraph, rdflib: not for --help
    from ..store.publish import GraphStore, Update, named_graphs, push as push_graphs, read_quads

    if bool(update_endpoint) == bool(graph_store):
        raise click.UsageError("give --graph-store URL or --update-endpoint URL (exactly one) for the writes")
    try:
        credentials = credentials_from_env()
        graphs = named_graphs(read_quads(graph_file))
        sender = (GraphStore(graph_store, credentials, timeout) if graph_store
                  else Update(update_endpoint, credentials, timeout))
        push_graphs(graphs, sender, batch_size)
        counter = EndpointStore(endpoint, timeout, credentials)
        counts = [_count(counter, g.name) for g in graphs]
    except StoreError as err:
        fail(str(err))
    status = EXIT_OK
    for graph, count in zip(graphs, counts):
        click.echo(f"<{graph.name}>: {count} triples")
        if count != len(graph.triples):
            click.echo(f"error: <{graph.name}>: the store holds {count} triples, {len(graph.triples)} were sent",
                       err=True)
            status = EXIT_PROBLEMS
    click.echo(f"pushed {sum(len(g.triples) for g in graphs)} triples in {len(graphs)} graphs to {endpoint}")
    sys.exit(status)


def _count(store: EndpointStore, graph: str) -> int:
    """The triples the store holds in named graph ``graph`` (``queries/internal/graph-triples.rq``)."""
    from ..sparql.catalogue import internal

    query = internal("graph-triples")
    return int(store.select(query.text, query.bindings({"graph": graph})).rows[0][0])

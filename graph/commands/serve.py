"""``fengong serve``: a local read-only SPARQL endpoint with a query page, for any SPARQL client."""

from __future__ import annotations

import signal
import sys
import tempfile
from pathlib import Path

import click

from ..server import DEFAULT_TIMEOUT, HOST, QUERY_PATH, QueryServer, load, port_is_free
from ..store import StoreError
from .common import DEFAULT_GRAPH, fail


@click.command(epilog="""\b
Examples:
  fengong serve                          the graph fengong build wrote, at http://127.0.0.1:7878/
  fengong serve --graph corpus.trig --port 8000
  fengong serve --store corpus.db        an on-disk Oxigraph store, served as it is
  fengong serve --timeout 300            for long queries over a large corpus
""")
@click.option("--graph", "graph_file", default=DEFAULT_GRAPH, show_default=True, type=click.Path(dir_okay=False),
              help="The graph file to serve (loaded into a temporary store, deleted on exit).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, exists=True),
              help="Serve this on-disk Oxigraph store instead of a graph file.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port on 127.0.0.1 to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              metavar="SECONDS", help="Stop any query that runs longer than this (the client gets HTTP 503); a "
                                      "query whose client hangs up is stopped at once.")
@click.option("--allow-federation", is_flag=True,
              help="Let SERVICE clauses send requests to the servers they name. Without it a query with one "
                   "is refused (HTTP 403): the server never reaches the network.")
def serve(graph_file: str, store_dir: str | None, port: int, timeout: float, allow_federation: bool) -> None:
    """Serve the graph read-only at http://127.0.0.1:PORT/ until Ctrl-C.

    SPARQL 1.1 queries at /query (GET or POST), each run in a worker process that is stopped at
    --timeout; every update refused (HTTP 403); a query page at / that loads nothing from
    elsewhere, with fengong's prefixes and the named queries. Listens on 127.0.0.1 only and
    answers only requests addressed to 127.0.0.1 or localhost (a web page cannot reach it under a
    name of its own). Each plan's named graph is part of the default graph, as for fengong query.
    Exit code 2 when the graph cannot be loaded or the port is taken.
    """
    if not port_is_free(port):
        fail(f"port {port} on {HOST} is in use (choose another with --port)")
    signal.signal(signal.SIGTERM, _stop)  # from here on, SIGTERM cleans up as Ctrl-C does
    try:
        with tempfile.TemporaryDirectory(prefix="fengong-serve-") as tmp:
            try:
                location = store_dir or _loaded(graph_file, Path(tmp) / "store")
                server = QueryServer(port, location, timeout, allow_federation)
            except StoreError as err:
                fail(str(err))
            except OSError as err:  # the port, taken since it was checked
                fail(f"port {port} on {HOST}: {err.strerror}")
            try:
                url = f"http://{HOST}:{port}"
                click.echo(f"serving {store_dir or graph_file} read-only: query page {url}/ , "
                           f"SPARQL endpoint {url}{QUERY_PATH} (Ctrl-C stops)")
                sys.stdout.flush()  # a script waiting for this line should not wait for the buffer
                server.serve_forever()
            finally:
                server.server_close()  # its workers too, before their store is deleted
    except KeyboardInterrupt:
        pass


def _loaded(graph_file: str, location: Path) -> Path:
    if not Path(graph_file).is_file():
        raise StoreError(f"{graph_file}: no such file (run fengong build first)")
    load(graph_file, location)
    return location


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt

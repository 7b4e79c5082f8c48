"""``fengong serve``: a local read-only SPARQL endpoint with a query page, for any SPARQL client."""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from ..server import HOST, load, port_is_free, serve_command, wait_until_ready
from ..store import StoreError
from .common import DEFAULT_GRAPH, fail


@click.command(epilog="""\b
Examples:
  fengong serve                          the graph fengong build wrote, at http://127.0.0.1:7878/
  fengong serve --graph corpus.trig --port 8000
  fengong serve --store corpus.db        an on-disk Oxigraph store, served as it is
""")
@click.option("--graph", "graph_file", default=DEFAULT_GRAPH, show_default=True, type=click.Path(dir_okay=False),
              help="The graph file to serve (loaded into a temporary store, deleted on exit).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, exists=True),
              help="Serve this on-disk Oxigraph store instead of a graph file.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port on 127.0.0.1 to listen on.")
@click.option("--timeout", type=click.FloatRange(min=1), metavar="SECONDS",
              help="Stop any query that runs longer than this.")
def serve(graph_file: str, store_dir: str | None, port: int, timeout: float | None) -> None:
    """Serve the graph read-only at http://127.0.0.1:PORT/ until Ctrl-C.

    Runs the Oxigraph server (read-only mode) on 127.0.0.1 only: SPARQL 1.1 queries at /query,
    a query page at / that needs no internet access (it asks prefix.cc for prefix suggestions and
    works without them), and every update refused. Each plan's named graph is part of the
    default graph, as for fengong query. Exit code 2 when the graph cannot be loaded or the port
    is taken.
    """
    if not port_is_free(port):
        fail(f"port {port} on {HOST} is in use (choose another with --port)")
    signal.signal(signal.SIGTERM, _stop)  # from here on, SIGTERM cleans up as Ctrl-C does
    try:
        with tempfile.TemporaryDirectory(prefix="fengong-serve-") as tmp:
            try:
                location = store_dir or _loaded(graph_file, Path(tmp) / "store")
                command = serve_command(location, port, timeout)
            except StoreError as err:
                fail(str(err))
            _run(command, f"http://{HOST}:{port}", store_dir or graph_file)
    except KeyboardInterrupt:
        pass


def _loaded(graph_file: str, location: Path) -> Path:
    if not Path(graph_file).is_file():
        raise StoreError(f"{graph_file}: no such file (run fengong build first)")
    load(graph_file, location)
    return location


def _run(command: list[str], url: str, what: str) -> None:
    """Run the server until Ctrl-C or SIGTERM, and always stop it (so the temporary store can go)."""
    process = subprocess.Popen(command)
    try:
        wait_until_ready(f"{url}/", process)
        click.echo(f"serving {what} read-only: query page {url}/ , SPARQL endpoint {url}/query (Ctrl-C stops)")
        sys.stdout.flush()  # a script waiting for this line should not wait for the buffer
        if process.wait() != 0:
            fail(f"the server stopped with exit code {process.returncode}")
    except StoreError as err:
        fail(str(err))
    finally:
        process.terminate()
        process.wait()


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt

"""The Oxigraph server (the ``oxigraph`` binary from PyPI) as fengong's local SPARQL endpoint.

``fengong serve`` does not implement a server: it loads the graph into an Oxigraph store in a
temporary folder and runs ``oxigraph serve-read-only`` on 127.0.0.1, which answers SPARQL 1.1
queries at ``/query``, refuses updates (HTTP 403) and serves a query page (YASGUI, from the
binary itself: no CDN). Its default graph is the union of the named graphs, as for the embedded
store, so the named queries answer the same.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .store import StoreError

HOST = "127.0.0.1"


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: on PATH, or beside this Python (a virtual environment's bin)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise StoreError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def load(graph_file: str | Path, location: str | Path) -> None:
    """Bulk-load a graph file into a new on-disk store at ``location``."""
    done = subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(graph_file)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise StoreError(f"{graph_file}: cannot be loaded: {message}")


def serve_command(location: str | Path, port: int, timeout: float | None = None, writable: bool = False) -> list[str]:
    """The command line of an Oxigraph server on 127.0.0.1:``port`` (read-only unless ``writable``)."""
    command = [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", str(location),
               "--bind", f"{HOST}:{port}", "--union-default-graph"]
    if timeout:
        command += ["--timeout-s", str(max(1, round(timeout)))]
    return command


def wait_until_ready(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    """Return once ``url`` answers; raise StoreError if the process dies or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StoreError(f"the server stopped at start-up (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answers, if only to say no
        except OSError:
            time.sleep(0.05)
    raise StoreError(f"{url}: the server did not answer within {seconds:g} s")

"""fengong's local SPARQL endpoint: the SPARQL 1.1 protocol, read-only, over an Oxigraph store.

``fengong serve`` used to run the Oxigraph server binary (``oxigraph serve-read-only``). That
server answers whatever Host header a request carries, so a web page whose name an attacker
points at 127.0.0.1 (DNS rebinding) could read the graph; it follows SERVICE clauses to any
address; a query whose client has gone keeps a core busy until it ends, if ever; and its query
page asks prefix.cc for prefixes and knows nothing of fengong. This server, in the standard
library's HTTP server:

* answers only requests whose Host names this machine (:data:`LOOPBACK_NAMES`), on 127.0.0.1;
* runs each query in a worker process (:mod:`fengong.store.worker`) that is killed when the query's
  time is up or its client hangs up;
* refuses SERVICE unless federation was allowed, and every update (HTTP 403);
* serves its own query page at ``/``: no file from elsewhere, fengong's prefixes, and the named
  queries one click away (:mod:`fengong.server.query_page`).

Queries see the union of the named graphs as their default graph, as on the embedded store, so
the named queries answer the same (unless the request names its own default graphs).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import parse_qs, urlsplit

from ..version import __version__
from ..store import StoreError
from ..store.worker import ClientGone, Pool, QueryTimeout

if TYPE_CHECKING:
    from ..store import OxigraphStore

HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 30.0
# The names a client on this machine gives it in the Host header. A page from elsewhere that
# reaches 127.0.0.1 under a name of its own (DNS rebinding) sends that name, and is refused.
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
QUERY_PATH = "/query"
UPDATE_PATHS = ("/update", "/store")  # where a read-write SPARQL server takes updates
WRITE_METHODS = ("PUT", "DELETE", "PATCH")
MAX_BODY = 1 << 20  # bytes of a POSTed query
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
F = TypeVar("F")


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


# -- answering a query (in a worker process) --------------------------------------------------------


class NotAcceptable(StoreError):
    """The client accepts none of the formats this kind of answer can be written in."""


@dataclass(frozen=True)
class QueryRequest:
    """A SPARQL protocol query request: the query, the dataset it names, and the Accept header."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str = ""


def negotiate(accept: str, parse: Callable[[str], F | None], default: F) -> F | None:
    """The format the client prefers among those ``parse`` knows (``*/*`` or no header: ``default``)."""
    ranges = []
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        weight = next((p[2:] for p in params if p.startswith("q=")), "1")
        try:
            q = float(weight)
        except ValueError:
            q = 0.0
        if media and q > 0:
            ranges.append((-q, position, media.lower()))
    for _, _, media in sorted(ranges):
        found = default if media.endswith("/*") else parse(media)
        if found is not None:
            return found
    return None


def answer(store: OxigraphStore, request: QueryRequest) -> tuple[str, bytes]:
    """The answer to ``request`` as (media type, body). Runs in a worker, which the server kills
    when the query takes too long: the whole evaluation happens here, in ``serialize``."""
    import pyoxigraph as ox  # here, not at import: `fengong serve --help` reads HOST without it

    if request.default_graphs:
        dataset = {"default_graph": [ox.NamedNode(g) for g in request.default_graphs]}
    else:
        dataset = {"use_default_graph_as_union": True}
    if request.named_graphs:
        dataset["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
    try:
        result = store.store.query(request.query, **dataset)
        if isinstance(result, ox.QueryTriples):
            fmt = negotiate(request.accept, ox.RdfFormat.from_media_type, ox.RdfFormat.N_TRIPLES)
        else:
            fmt = negotiate(request.accept, ox.QueryResultsFormat.from_media_type, ox.QueryResultsFormat.JSON)
        if fmt is None:
            raise NotAcceptable(f"no format the request accepts ({request.accept}) can hold this answer")
        return fmt.media_type, result.serialize(format=fmt)
    except (SyntaxError, OSError, ValueError) as err:
        raise StoreError(f"the query failed: {' '.join(str(err).split())}") from None


# -- HTTP ---------------------------------------------------------------------------------------


class _Refused(Exception):
    """A request answered with an error status and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(status, reason)  # both, so that the error can be pickled like every other
        self.status = status
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class QueryServer(ThreadingHTTPServer):
    """The endpoint on 127.0.0.1:``port`` over the Oxigraph store at ``location``.

    ``workers`` queries run at once, each for at most ``timeout`` seconds. Raises OSError when
    the port is taken, StoreError when the store cannot be opened.
    """

    daemon_threads = True

    def __init__(self, port: int, location: str | Path, timeout: float = DEFAULT_TIMEOUT,
                 allow_federation: bool = False, workers: int | None = None) -> None:
        from ..store import OxigraphStore
        from .query_page import render as render_page

        super().__init__((HOST, port), _Handler)
        self.allow_federation = allow_federation
        self.page, self.page_policy = render_page(QUERY_PATH)
        try:
            self.pool = Pool(partial(OxigraphStore, location, read_only=True), workers or os.cpu_count() or 2,
                             timeout)
        except StoreError:
            self.server_close()
            raise

    def server_close(self) -> None:
        super().server_close()
        if hasattr(self, "pool"):
            self.pool.close()


def _host_name(host: str) -> str:
    """The name in a Host header: without the port, in lower case, without a final dot."""
    host = host.strip().lower()
    if host.startswith("["):  # an IPv6 address: [::1]:7878
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0].rstrip(".")


class _Handler(BaseHTTPRequestHandler):
    server: QueryServer
    server_version = f"fengong/{__version__}"
    timeout = 30  # seconds for a client to send its request: a stalled client does not keep a thread

    def do_GET(self) -> None:
        self._respond()

    def do_POST(self) -> None:
        self._respond()

    do_PUT = do_DELETE = do_PATCH = do_POST

    def _respond(self) -> None:
        try:
            status, media_type, body, headers = self._route()
        except _Refused as err:
            status, media_type, body, headers = err.status, "text/plain; charset=utf-8", f"{err}\n".encode(), {}
        except ClientGone:
            self.close_connection = True
            return
        self.send_response(status)
        for name, value in {"Content-Type": media_type, "Content-Length": str(len(body)),
                            "Cache-Control": "no-store", **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> tuple[int, str, bytes, dict[str, str]]:
        host = self.headers.get("Host") or ""
        if _host_name(host) not in LOOPBACK_NAMES:
            raise _Refused(403, f"this server answers requests for {HOST} or localhost only, not for {host!r}")
        url = urlsplit(self.path)
        if self.command in WRITE_METHODS or url.path in UPDATE_PATHS:
            raise _Refused(403, "this endpoint is read-only: updates are refused")
        if url.path == "/" and self.command == "GET":
            return 200, "text/html; charset=utf-8", self.server.page, {"Content-Security-Policy": self.server.page_policy}
        if url.path != QUERY_PATH:
            raise _Refused(404, f"nothing at {url.path}: queries go to {QUERY_PATH}, the query page is /")
        media_type, body = self._query(self._parameters(url.query))
        return 200, media_type, body, {}

    def _parameters(self, query_string: str) -> dict[str, list[str]]:
        """The protocol's parameters: from the URL, and from a POSTed form or query body."""
        params = parse_qs(query_string, keep_blank_values=True)
        if self.command != "POST":
            return params
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _Refused(400, "the Content-Length header is not a number") from None
        if length > MAX_BODY:
            raise _Refused(413, f"a query of more than {MAX_BODY} bytes is refused")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == FORM:
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif kind == SPARQL_QUERY:
            params["query"] = [body]
        else:
            raise _Refused(415, f"POST a query as {SPARQL_QUERY} or as a form ({FORM})")
        return params

    def _query(self, params: dict[str, list[str]]) -> tuple[str, bytes]:
        from ..sparql.text import federated

        if "update" in params:
            raise _Refused(403, "this endpoint is read-only: updates are refused")
        if len(params.get("query", [])) != 1:
            raise _Refused(400, "give one query parameter")
        text = params["query"][0]
        if federated(text) and not self.server.allow_federation:
            raise _Refused(403, "SERVICE is refused: this endpoint queries its own graph only "
                                "(fengong serve --allow-federation lets SERVICE through)")
        request = QueryRequest(text, tuple(params.get("default-graph-uri", ())),
                               tuple(params.get("named-graph-uri", ())), self.headers.get("Accept") or "")
        try:
            return self.server.pool.run(answer, (request,), self.connection)
        except QueryTimeout as err:
            raise _Refused(503, str(err)) from None
        except NotAcceptable as err:
            raise _Refused(406, str(err)) from None
        except StoreError as err:
            raise _Refused(400, str(err)) from None

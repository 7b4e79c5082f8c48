"""Stores that answer SPARQL over built graphs.

After the RDF stage the graph is the single source of truth: queries, analysis and visualisation
read it through a :class:`Store`, never through the parser's objects, so they work the same on one
plan, on a corpus in an on-disk store, and on a remote endpoint.

Three engines, one interface (:func:`open_store` picks one):

* :class:`OxigraphStore`, the default: pyoxigraph, in memory (loaded from a graph file) or an
  on-disk store. Fast (Rust), see ``bench/``.
* :class:`RdflibStore`: rdflib's own pure-Python SPARQL engine, kept for comparison and for
  checking that the named queries do not rely on one engine's reading of the standard.
* :class:`EndpointStore`: any SPARQL 1.1 endpoint over HTTP, through SPARQLWrapper.

Every engine sees the union of all named graphs as its default graph, so a query answers the
same whether each plan sits in its own named graph or all in the default graph (an endpoint whose
default graph leaves the plans out is refused: :meth:`EndpointStore.check_default_graph`).
Parameters are bound the same way on all three (a VALUES block, :func:`fengong.sparql.text.bind`), and
results come back as rdflib terms (:class:`Results`), so callers and output formats do not depend
on the engine. No engine reaches another server unless told to (``allow_federation``): a query
with a SERVICE clause is refused, and rdflib does not fetch the graphs a FROM clause names.

A local engine cannot be stopped while it evaluates a query; given a ``timeout``,
:func:`open_store` opens it in a worker process that can be (:mod:`fengong.store.worker`).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..lazy import exports
from .base import AUTH_ENV, DEFAULT_TIMEOUT, PASSWORD_ENV, USER_ENV, Store, StoreError, rdf_format

if TYPE_CHECKING:
    from .endpoint import Credentials, EndpointStore, credentials_from_env, term_from_json
    from .local import OxigraphStore, RdflibStore
    from .worker import WorkerStore
    from ..sparql.results import Results, Term

ENGINES = ("oxigraph", "rdflib")
# The engines load pyoxigraph, rdflib and SPARQLWrapper: each name is imported when first asked
# for, so a command's options and ``--help`` read the constants above without them.
_EXPORTS = {
    "Credentials": "endpoint", "EndpointStore": "endpoint", "credentials_from_env": "endpoint",
    "term_from_json": "endpoint", "OxigraphStore": "local", "RdflibStore": "local", "WorkerStore": "worker",
    "Results": ".sparql.results", "Term": ".sparql.results",
}
__all__ = [
    "AUTH_ENV", "DEFAULT_TIMEOUT", "ENGINES", "PASSWORD_ENV", "USER_ENV", "Credentials", "EndpointStore",
    "OxigraphStore", "RdflibStore", "Results", "Store", "StoreError", "Term", "WorkerStore", "credentials_from_env",
    "open_store", "rdf_format", "term_from_json",
]
__getattr__, __dir__ = exports(__name__, _EXPORTS)


def open_store(graph: str | Path | None = None, store: str | Path | None = None, endpoint: str | None = None,
               engine: str = "oxigraph", timeout: float | None = None, allow_federation: bool = False) -> Store:
    """The store a command reads: a graph file (loaded in memory), an on-disk Oxigraph store
    (read-only), or an endpoint; exactly one of them. Raises StoreError when it cannot be opened.

    ``timeout`` bounds each query, in seconds: an endpoint's answer (DEFAULT_TIMEOUT when None),
    and, when given, a local engine's work, which then runs in a worker process that is killed
    when the time is up (or at Ctrl-C). Without it a local engine runs here, unbounded.
    """
    chosen = [name for name, value in (("graph", graph), ("store", store), ("endpoint", endpoint)) if value]
    if len(chosen) != 1:
        raise StoreError(f"open_store takes exactly one of graph, store and endpoint, not {' and '.join(chosen) or 'none'}")
    if engine not in ENGINES:
        raise StoreError(f"unknown engine {engine!r} (choose {' or '.join(ENGINES)})")
    from .endpoint import EndpointStore, credentials_from_env
    from .local import OxigraphStore, RdflibStore
    from .worker import WorkerStore

    if endpoint:
        remote = EndpointStore(endpoint, timeout or DEFAULT_TIMEOUT, credentials_from_env(), allow_federation)
        remote.check_default_graph()
        return remote
    if store and engine != "oxigraph":
        raise StoreError("an on-disk store (--store) is read with the oxigraph engine")
    if store:
        opener = partial(OxigraphStore, store, read_only=True, allow_federation=allow_federation)
    else:
        opener = partial(OxigraphStore.from_file if engine == "oxigraph" else RdflibStore.from_file, graph,
                         allow_federation=allow_federation)
    if timeout is None:
        return opener()
    return WorkerStore(opener, timeout)

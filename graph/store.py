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
Parameters are bound the same way on all three (a VALUES block, :func:`fengong.sparql.bind`), and
results come back as rdflib terms (:class:`Results`), so callers and output formats do not depend
on the engine. No engine reaches another server unless told to (``allow_federation``): a query
with a SERVICE clause is refused, and rdflib does not fetch the graphs a FROM clause names.

A local engine cannot be stopped while it evaluates a query; given a ``timeout``,
:func:`open_store` opens it in a worker process that can be (:mod:`fengong.worker`).
"""

from __future__ import annotations

import os
import socket
import urllib.error
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.namespace import XSD
from rdflib.term import Identifier
from rdflib.util import guess_format
from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .namespace import FG
from .sparql import QueryTextError, bind, federated, query_form, sort_rows, split_order

Term = Identifier  # URIRef | Literal | BNode
ENGINES = ("oxigraph", "rdflib")
# Environment variables with an endpoint's credentials: never on the command line, where they
# would end up in shell history and in the process list.
USER_ENV, PASSWORD_ENV, AUTH_ENV = "FENGONG_ENDPOINT_USER", "FENGONG_ENDPOINT_PASSWORD", "FENGONG_ENDPOINT_AUTH"
DEFAULT_TIMEOUT = 60.0
# Longer queries go by POST: servers and proxies cap URL lengths at a few kilobytes.
MAX_GET_URL = 2000
# How each store makes its default graph the union of its named graphs, as the queries expect.
UNION_DEFAULT_GRAPH = {
    "Oxigraph": "oxigraph serve --union-default-graph",
    "Virtuoso": "no DefaultGraph in the [SPARQL] section of virtuoso.ini",
    "Fuseki": "tdb2:unionDefaultGraph true in the dataset's configuration",
}


class StoreError(Exception):
    """A store that cannot answer: a missing file, a bad query, an endpoint down or failing.

    ``str(err)`` is one line, fit to print after ``error:``.
    """


@dataclass(frozen=True)
class Results:
    """The answer to a SELECT query: variable names and rows of rdflib terms (None when unbound)."""

    columns: tuple[str, ...]
    rows: list[tuple[Term | None, ...]]

    def records(self) -> list[dict[str, object]]:
        """Rows as dicts of Python values (str, int, float, date…), for analysis code."""
        return [
            {c: (None if v is None else v.toPython() if isinstance(v, Literal) else str(v))
             for c, v in zip(self.columns, row)}
            for row in self.rows
        ]


class Store(Protocol):
    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run a SELECT query; ``bindings`` pre-bind variables (by name, without ``?``) safely."""
        ...


def _bound(query: str, bindings: Mapping[str, Term] | None, allow_federation: bool) -> str:
    """The query to send: its parameters bound, and refused if it would reach another server."""
    if not allow_federation and federated(query):
        raise StoreError("the query has a SERVICE clause, which sends requests to another server "
                         "(allow it with --allow-federation)")
    try:
        return bind(query, bindings or {})
    except QueryTextError as err:
        raise StoreError(str(err)) from None


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


# -- Oxigraph ---------------------------------------------------------------------------------


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a graph file, from its extension (Turtle when unknown)."""
    return ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE


def _graph_path(graph_file: str | Path) -> Path:
    path = Path(graph_file)
    if not path.is_file():
        raise StoreError(f"{graph_file}: no such file (run fengong build first)")
    return path


class OxigraphStore:
    """The embedded default: Oxigraph, in memory or on disk (``path``).

    Queries see the union of all named graphs as their default graph, so the same query answers
    the same whether each plan sits in its own named graph or all in the default graph.
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False, allow_federation: bool = False) -> None:
        self.allow_federation = allow_federation
        if path is None:
            self.store = ox.Store()
        elif read_only:
            if not Path(path).is_dir():
                raise StoreError(f"{path}: no such store folder")
            try:
                self.store = ox.Store.read_only(str(path))
            except OSError as err:
                raise StoreError(f"{path}: not an Oxigraph store ({_first_line(err)})") from None
        else:
            self.store = ox.Store(str(path))

    @classmethod
    def from_file(cls, graph_file: str | Path, allow_federation: bool = False) -> OxigraphStore:
        store = cls(allow_federation=allow_federation)
        store.load(graph_file)
        return store

    def load(self, graph_file: str | Path, graph: str | None = None) -> None:
        """Add a graph file's triples (into named graph ``graph`` if given; quads keep theirs)."""
        path = _graph_path(graph_file)
        target = ox.NamedNode(graph) if graph else None
        try:
            self.store.bulk_load(path=str(path), format=rdf_format(path), to_graph=target)
        except (SyntaxError, OSError, ValueError) as err:
            raise StoreError(f"{graph_file}: cannot be read as RDF: {_first_line(err)}") from None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        # The final ORDER BY, when it is plain variables, is done in Python: see split_order.
        text, order = split_order(_bound(query, bindings, self.allow_federation))
        # Each distinct term converted once: building an rdflib Literal costs ~10 µs, and big
        # answers repeat the same names and counts on row after row.
        converted: dict[object, Term | None] = {}

        def term(value: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Term | None:
            if value not in converted:
                converted[value] = _to_rdflib(value)
            return converted[value]

        # Evaluation is lazy: a SERVICE that cannot be reached fails while the rows are read.
        try:
            solutions = self.store.query(text, use_default_graph_as_union=True)
            if not isinstance(solutions, ox.QuerySolutions):
                raise StoreError("fengong runs SELECT queries (this one is ASK, CONSTRUCT or DESCRIBE)")
            columns = tuple(v.value for v in solutions.variables)
            rows = [tuple(term(s[c]) for c in columns) for s in solutions]
        except (SyntaxError, OSError, ValueError) as err:
            raise StoreError(f"the query failed: {_first_line(err)}") from None
        return Results(columns, sort_rows(columns, rows, order) if order else rows)


# -- rdflib -----------------------------------------------------------------------------------


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib 7.6's own Dataset code reads its deprecated ``default_context`` on every triple
    lookup in a union default graph: one DeprecationWarning per lookup, about rdflib, not us."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Dataset.default_context is deprecated", DeprecationWarning)
        yield


@contextmanager
def _graphs_not_fetched() -> Iterator[None]:
    """rdflib's engine fetches a graph that a FROM clause names and the dataset lacks, from the
    web; fengong's FROM names graphs of the store, as on every other engine."""
    import rdflib.plugins.sparql as engine  # here: 0.3 s to import, for the rdflib engine only

    fetching = engine.SPARQL_LOAD_GRAPHS
    engine.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        engine.SPARQL_LOAD_GRAPHS = fetching


class RdflibStore:
    """rdflib's own SPARQL engine over an in-memory dataset: slow, but a second reading of the
    standard to compare the named queries against. Its default graph is the union of all graphs."""

    def __init__(self, allow_federation: bool = False) -> None:
        self.dataset = Dataset(default_union=True)
        self.allow_federation = allow_federation

    @classmethod
    def from_file(cls, graph_file: str | Path, allow_federation: bool = False) -> RdflibStore:
        store = cls(allow_federation)
        store.load(graph_file)
        return store

    def load(self, graph_file: str | Path) -> None:
        path = _graph_path(graph_file)
        try:
            with _quiet_rdflib():
                self.dataset.parse(path, format=guess_format(str(path)) or "turtle")
        except Exception as err:  # rdflib raises many unrelated types for bad input
            raise StoreError(f"{graph_file}: cannot be read as RDF: {_first_line(err)}") from None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        try:
            with _quiet_rdflib(), _graphs_not_fetched():
                result = self.dataset.query(_bound(query, bindings, self.allow_federation))
                rows = [tuple(row) for row in result] if result.type == "SELECT" else []
        except Exception as err:  # pyparsing and evaluation errors alike
            raise StoreError(f"the query failed: {_first_line(err)}") from None
        if result.type != "SELECT":
            raise StoreError("fengong runs SELECT queries (this one is ASK, CONSTRUCT or DESCRIBE)")
        columns = tuple(str(v) for v in result.vars)
        return Results(columns, rows)


# -- SPARQL endpoints -------------------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    auth: str = "basic"  # or "digest" (Virtuoso's authenticated endpoints)


def credentials_from_env(environ: Mapping[str, str] = os.environ) -> Credentials | None:
    """Endpoint credentials from FENGONG_ENDPOINT_USER / _PASSWORD / _AUTH (basic or digest)."""
    user = environ.get(USER_ENV)
    if not user:
        return None
    auth = environ.get(AUTH_ENV, "basic").lower()
    if auth not in ("basic", "digest"):
        raise StoreError(f"{AUTH_ENV} must be basic or digest, not {auth!r}")
    return Credentials(user, environ.get(PASSWORD_ENV, ""), auth)


def term_from_json(value: Mapping[str, str]) -> Term:
    """A term of the SPARQL 1.1 JSON results format (Virtuoso's ``typed-literal`` included)."""
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype and datatype != str(XSD.string):
        return Literal(value["value"], datatype=URIRef(datatype))
    return Literal(value["value"])


class EndpointStore:
    """A SPARQL 1.1 query endpoint (``url``), with a timeout and optional credentials."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT, credentials: Credentials | None = None,
                 allow_federation: bool = False) -> None:
        self.url = url
        self.timeout = timeout
        self.credentials = credentials
        self.allow_federation = allow_federation

    def check_default_graph(self) -> None:
        """Raise StoreError when the plans sit in named graphs the default graph leaves out.

        The queries read the default graph; on a store where it is not the union of the named
        graphs (Oxigraph's own default) they would all answer nothing, and say nothing about why.
        """
        plan = f"?plan <{RDF.type}> <{FG.Plan}>"
        if self.select(f"SELECT ?plan WHERE {{ {plan} }} LIMIT 1").rows:
            return
        if self.select(f"SELECT ?plan WHERE {{ GRAPH ?g {{ {plan} }} }} LIMIT 1").rows:
            remedies = "; ".join(f"{name}: {how}" for name, how in UNION_DEFAULT_GRAPH.items())
            raise StoreError(f"{self.url}: the plans are in named graphs but not in the default graph, so every "
                             f"query would answer nothing: make the default graph the union of the named graphs "
                             f"({remedies})")

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        text = _bound(query, bindings, self.allow_federation)
        if query_form(text) != "SELECT":
            raise StoreError("fengong runs SELECT queries (this one is ASK, CONSTRUCT or DESCRIBE)")
        client = SPARQLWrapper(self.url)
        client.setQuery(text)
        client.setReturnFormat(JSON)
        client.setOnlyConneg(True)
        client.setTimeout(self.timeout)
        client.setMethod(GET if len(self.url) + len(quote(text)) < MAX_GET_URL else POST)
        if self.credentials:
            client.setHTTPAuth(self.credentials.auth.upper())
            client.setCredentials(self.credentials.user, self.credentials.password)
        client.queryType = "SELECT"  # SPARQLWrapper guesses from the text, and comments mislead it
        try:
            with warnings.catch_warnings():  # an answer that is not JSON is reported below, on one line
                warnings.simplefilter("ignore", RuntimeWarning)
                answer = client.queryAndConvert()
        except (TimeoutError, socket.timeout):
            raise StoreError(f"{self.url}: no answer within {self.timeout:g} s (raise --timeout?)") from None
        except urllib.error.URLError as err:
            reason = err.reason if isinstance(err.reason, str) else _first_line(err.reason)
            raise StoreError(f"{self.url}: cannot reach the endpoint ({reason})") from None
        except SPARQLWrapperException as err:
            raise StoreError(f"{self.url}: the endpoint answered with an error: {_endpoint_message(err)}") from None
        except (OSError, ValueError) as err:  # a connection reset, or a body that is not JSON
            raise StoreError(f"{self.url}: {_first_line(err)}") from None
        if not isinstance(answer, dict) or "head" not in answer or "bindings" not in answer.get("results", {}):
            raise StoreError(f"{self.url}: the answer is not SPARQL JSON results (is this a SPARQL endpoint?)")
        columns = tuple(answer["head"].get("vars", []))
        rows = [tuple(term_from_json(b[c]) if c in b else None for c in columns)
                for b in answer["results"]["bindings"]]
        return Results(columns, rows)


def _endpoint_message(err: SPARQLWrapperException) -> str:
    """SPARQLWrapper's message without its boilerplate, on one line."""
    text = " ".join(str(err).split())
    for boilerplate in ("Response: b'", "Response:"):
        text = text.replace(boilerplate, "")
    return text[:300].rstrip("'")


# -- choosing a store -------------------------------------------------------------------------


def open_store(graph: str | Path | None = None, store: str | Path | None = None, endpoint: str | None = None,
               engine: str = "oxigraph", timeout: float | None = None, allow_federation: bool = False) -> Store:
    """The store a command reads: a graph file (loaded in memory), an on-disk Oxigraph store
    (read-only), or an endpoint; exactly one of them. Raises StoreError when it cannot be opened.

    ``timeout`` bounds each query, in seconds: an endpoint's answer (DEFAULT_TIMEOUT when None),
    and, when given, a local engine's work, which then runs in a worker process that is killed
    when the time is up (or at Ctrl-C). Without it a local engine runs here, unbounded.
    """
    chosen = [name for name, value in (("--graph", graph), ("--store", store), ("--endpoint", endpoint)) if value]
    if len(chosen) != 1:
        raise StoreError(f"give one of --graph, --store and --endpoint, not {' and '.join(chosen) or 'none'}")
    if engine not in ENGINES:
        raise StoreError(f"unknown engine {engine!r} (choose {' or '.join(ENGINES)})")
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
    from .worker import WorkerStore  # which imports this module

    return WorkerStore(opener, timeout)

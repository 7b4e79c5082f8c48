"""Any SPARQL 1.1 query endpoint over HTTP, through SPARQLWrapper, with a timeout and credentials."""

from __future__ import annotations

import os
import socket
import urllib.error
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..sparql.catalogue import internal
from ..sparql.results import Results, Term
from ..sparql.text import query_form
from .base import AUTH_ENV, DEFAULT_TIMEOUT, PASSWORD_ENV, USER_ENV, StoreError, _bound, _first_line

# Longer queries go by POST: servers and proxies cap URL lengths at a few kilobytes.
MAX_GET_URL = 2000
# How each store makes its default graph the union of its named graphs, as the queries expect.
UNION_DEFAULT_GRAPH = {
    "Oxigraph": "oxigraph serve --union-default-graph",
    "Virtuoso": "no DefaultGraph in the [SPARQL] section of virtuoso.ini",
    "Fuseki": "tdb2:unionDefaultGraph true in the dataset's configuration",
}


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
        if self.select(internal("plan-in-default-graph").text).rows:
            return
        if self.select(internal("plan-in-named-graph").text).rows:
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

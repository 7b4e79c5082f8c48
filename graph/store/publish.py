"""Loading a built graph into a SPARQL store, each plan in its own named graph.

**Which triples go where.** The graph of a plan is named by the plan's IRI
(``https://w3id.org/fengong/id/plan/<doc-id>``) and holds, by the named-graph rule of
:mod:`fengong.rdf.graphs` (:func:`~fengong.rdf.graphs.owning_plan`), every triple about a node under
the plan's IRI (items, units, clauses, assignments…) and every triple pointing at one
(``org:… fg:leads item``). A store it is pushed to may hold other plans, pushed from other files,
so each plan graph also holds what is needed to read that plan on its own: the descriptions of the shared nodes
the plan refers to — its departments with their names, jurisdictions, body types, the policy it
implements — copied into each plan graph that refers to them. So pushing one plan again replaces
exactly its graph (no duplicates, nothing lost for the others), and a store's union default graph
holds the same triples as the merged file (shared descriptions may sit in several graphs, which
is why the named queries count with DISTINCT). Triples no plan refers to go to one shared graph,
:data:`SHARED_GRAPH`. A file with named graphs (TriG, N-Quads) keeps them as they are.

**How.** Through the SPARQL 1.1 Graph Store Protocol (:class:`GraphStore`: ``PUT`` the first batch
to replace the graph, ``POST`` the others) or SPARQL 1.1 Update (:class:`Update`: ``DROP SILENT
GRAPH`` and ``INSERT DATA`` in the first request, ``INSERT DATA`` after), in batches small enough
for every server (Virtuoso's SPARQL compiler runs out of memory near 5,000 triples in one request).
Batches are N-Triples, which is both Turtle and SPARQL syntax.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import URIRef

from ..namespace import FG
from ..rdf import SHARED_GRAPH, owning_plan
from ..sparql.text import term_text
from .base import DEFAULT_BATCH, StoreError, rdf_format
from .endpoint import Credentials

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass
class NamedGraph:
    name: str
    triples: list[ox.Triple] = field(default_factory=list)


def read_quads(graph_file: str | Path) -> list[ox.Quad]:
    path = Path(graph_file)
    if not path.is_file():
        raise StoreError(f"{graph_file}: no such file (run fengong build first)")
    try:
        parsed = list(ox.parse(path=str(path), format=rdf_format(path)))
    except (SyntaxError, OSError, ValueError) as err:
        raise StoreError(f"{graph_file}: cannot be read as RDF: {str(err).splitlines()[0]}") from None
    return [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
            for q in parsed]


def named_graphs(quads: Iterable[ox.Quad]) -> list[NamedGraph]:
    """The graphs to push, in a fixed order: plan graphs by IRI, then any kept or shared graphs."""
    quads = list(quads)
    plans = {q.subject.value for q in quads
             if q.predicate == _RDF_TYPE and q.object == ox.NamedNode(str(FG.Plan))}

    def owner(term) -> str | None:
        return owning_plan(term.value, plans) if isinstance(term, ox.NamedNode) else None

    owned: dict[str, list[ox.Triple]] = defaultdict(list)
    kept: dict[str, list[ox.Triple]] = defaultdict(list)
    shared_by_subject: dict[ox.NamedNode | ox.BlankNode, list[ox.Triple]] = defaultdict(list)
    for q in quads:
        triple = q.triple
        if not isinstance(q.graph_name, ox.DefaultGraph):
            kept[q.graph_name.value].append(triple)
        elif (plan := owner(q.subject) or owner(q.object)) is not None:
            owned[plan].append(triple)
        else:
            shared_by_subject[q.subject].append(triple)
    reached: set = set()
    graphs = []
    for plan in sorted(owned):
        triples = owned[plan]
        frontier = [t for tr in triples for t in (tr.subject, tr.object)
                    if t in shared_by_subject]
        seen: set = set()
        while frontier:
            node = frontier.pop()
            if node in seen:
                continue
            seen.add(node)
            for t in shared_by_subject[node]:
                triples.append(t)
                if t.object in shared_by_subject:
                    frontier.append(t.object)
        reached |= seen
        graphs.append(NamedGraph(plan, triples))
    for name in sorted(kept):
        graphs.append(NamedGraph(name, kept[name]))
    rest = [t for node, ts in shared_by_subject.items() if node not in reached for t in ts]
    if rest:
        graphs.append(NamedGraph(SHARED_GRAPH, rest))
    return graphs


def batches(triples: list[ox.Triple], size: int) -> Iterator[bytes]:
    """N-Triples documents of at most ``size`` triples each (at least one, even when empty)."""
    for start in range(0, max(len(triples), 1), size):
        yield ox.serialize(triples[start:start + size], format=ox.RdfFormat.N_TRIPLES) or b""


class Sender(Protocol):
    def replace(self, graph: str, documents: Iterable[bytes]) -> None:
        """Make ``graph`` hold exactly the triples of ``documents`` (N-Triples batches)."""
        ...


def _opener(url: str, credentials: Credentials | None) -> urllib.request.OpenerDirector:
    """An HTTP client that answers a server's basic or digest challenge with ``credentials``."""
    handlers: list[urllib.request.BaseHandler] = []
    if credentials:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, credentials.user, credentials.password)
        handlers = [urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


class _Http:
    def __init__(self, url: str, credentials: Credentials | None, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self.opener = _opener(url, credentials)

    def send(self, method: str, url: str, body: bytes, content_type: str) -> None:
        request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as err:
            detail = " ".join(err.read().decode("utf-8", "replace").split())[:200]
            hint = " (set FENGONG_ENDPOINT_USER and FENGONG_ENDPOINT_PASSWORD)" if err.code in (401, 403) else ""
            raise StoreError(f"{self.url}: {method} refused with HTTP {err.code} {err.reason}{hint}: {detail}") from None
        except urllib.error.URLError as err:
            raise StoreError(f"{self.url}: cannot reach the endpoint ({err.reason})") from None
        except TimeoutError:
            raise StoreError(f"{self.url}: no answer within {self.timeout:g} s (raise --timeout?)") from None


class GraphStore(_Http):
    """SPARQL 1.1 Graph Store Protocol, indirect graph identification (``?graph=IRI``)."""

    def replace(self, graph: str, documents: Iterable[bytes]) -> None:
        target = f"{self.url}{'&' if '?' in self.url else '?'}graph={quote(graph, safe='')}"
        for n, document in enumerate(documents):
            self.send("PUT" if n == 0 else "POST", target, document, "text/turtle; charset=utf-8")


class Update(_Http):
    """SPARQL 1.1 Update, posted directly (``application/sparql-update``)."""

    def replace(self, graph: str, documents: Iterable[bytes]) -> None:
        name = term_text(URIRef(graph)).encode()
        for n, document in enumerate(documents):
            drop = b"DROP SILENT GRAPH " + name + b" ;\n" if n == 0 else b""
            body = drop + b"INSERT DATA { GRAPH " + name + b" {\n" + document + b"} }\n"
            self.send("POST", self.url, body, "application/sparql-update; charset=utf-8")


def push(graphs: Iterable[NamedGraph], sender: Sender, batch_size: int = DEFAULT_BATCH) -> None:
    """Replace each graph in the store with its triples, batch by batch."""
    for graph in graphs:
        sender.replace(graph.name, batches(graph.triples, batch_size))

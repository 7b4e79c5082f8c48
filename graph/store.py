"""Stores that answer SPARQL over built graphs.

After the RDF stage the graph is the single source of truth: queries, analysis and visualisation
read it through a :class:`Store`, never through the parser's objects, so they work the same on one
plan, on a corpus in an on-disk store, and on a remote endpoint.

Results come back as rdflib terms (:class:`Results`), whatever engine answered, so that the
callers and the output formats do not depend on the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

Term = Identifier  # URIRef | Literal | BNode


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


def _to_ox(term: Term) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot bind {term!r}")


def _from_ox(term) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


class OxigraphStore:
    """The embedded default: Oxigraph, in memory or on disk (``path``).

    Queries see the union of all named graphs as their default graph, so the same query answers
    the same whether each plan sits in its own named graph or all in the default graph.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.store = ox.Store(str(path)) if path is not None else ox.Store()

    @classmethod
    def from_file(cls, graph_file: str | Path) -> OxigraphStore:
        store = cls()
        store.load(graph_file)
        return store

    def load(self, graph_file: str | Path) -> None:
        path = Path(graph_file)
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        self.store.bulk_load(path=str(path), format=fmt)

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        subs = {ox.Variable(k): _to_ox(v) for k, v in (bindings or {}).items()}
        solutions = self.store.query(query, use_default_graph_as_union=True, substitutions=subs or None)
        columns = tuple(v.value for v in solutions.variables)
        rows = [tuple(_from_ox(s[c]) for c in columns) for s in solutions]
        return Results(columns, rows)

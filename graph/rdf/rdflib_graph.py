"""The plans as an rdflib Graph, and as Turtle: for Python users, pySHACL and rdflib's own engine."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..model import Plan
from .terms import PREFIXES, to_ntriples, to_rdflib
from .triples import plan_triples
from .turtle import turtle


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    return g


def plan_graph(*plans: Plan) -> Graph:
    """Plans as one rdflib Graph (for Python users, pySHACL and rdflib's own SPARQL engine).

    Several plans share the nodes of the departments they have in common.
    """
    return _rdflib_graph(t for plan in plans
                         for t in ox.parse(to_ntriples(plan_triples(plan)), format=ox.RdfFormat.N_TRIPLES))


def _rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    g = new_graph()
    for t in triples:
        g.add((URIRef(t.subject.value), URIRef(t.predicate.value), to_rdflib(t.object)))
    return g


def to_turtle(graph: Graph) -> str:
    """Deterministic Turtle, as ``fengong build`` writes it (:func:`fengong.rdf.turtle.turtle`)."""
    return turtle(graph.serialize(format="nt").splitlines())

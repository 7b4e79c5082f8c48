"""A parsed plan as RDF, in the terms of ``ontology/fengong.ttl``.

A pure function of the :class:`~fengong.model.Plan`, one module per concern:

* :mod:`.iris` — the IRIs, readable and stable;
* :mod:`.terms` — terms in N-Triples syntax, the one form triples take on their way to a store;
* :mod:`.triples` — what the graph says (:func:`plan_triples`, the one place that decides it);
* :mod:`.graphs` — the named-graph rule: a plan's own graph and the shared one (:func:`plan_nquads`);
* :mod:`.turtle` — deterministic Turtle written from the triples' text, without rdflib;
* :mod:`.rdflib_graph` — the rdflib Graph for Python users and pySHACL (:func:`plan_graph`, :func:`to_turtle`);
* :mod:`.validate` — SHACL shapes and the ontology's vocabulary, checked on a graph.
"""

from .graphs import SHARED_GRAPH, owning_plan, plan_nquads, plan_parts
from .iris import body_type_iri, department_iri, jurisdiction_iri, plan_iri, segment
from .terms import PREFIXES, Triple, to_ntriples, to_rdflib
from .triples import department_triples, own_triples, plan_triples, shared_triples
from .rdflib_graph import new_graph, plan_graph, to_turtle

__all__ = [
    "PREFIXES", "SHARED_GRAPH", "Triple", "body_type_iri", "department_iri", "department_triples", "jurisdiction_iri",
    "new_graph", "own_triples", "owning_plan", "plan_graph", "plan_iri", "plan_nquads", "plan_parts", "plan_triples",
    "segment", "shared_triples", "to_ntriples", "to_rdflib", "to_turtle",
]

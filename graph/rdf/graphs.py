"""The named-graph rule, written once: which graph each triple of a plan goes to.

A plan's own statements (the document, its sections, items, units, clauses and assignments, and
the edges from bodies to its items: every triple whose subject or object is the plan's IRI or under
it) go to the graph named by the plan's IRI; descriptions many plans share (bodies, jurisdictions,
policies, lineage) go to one shared graph, :data:`SHARED_GRAPH`. SPARQL engines that take the union
of named graphs as their default graph would otherwise return each shared triple once per plan.
:func:`plan_nquads` writes a plan by this rule, :func:`split_shared` reads it back from N-Quads, and
:func:`owning_plan` applies it to a triple of a file without named graphs (``fengong push``).
"""

from __future__ import annotations

from collections.abc import Collection

from ..model import Plan
from ..namespace import ID
from .iris import plan_iri
from .terms import iri_term
from .triples import own_triples, shared_triples

SHARED_GRAPH = f"{ID}graph/shared"
PLAN_PREFIX = f"{ID}plan/"
SHARED_MARKER = f"<{SHARED_GRAPH}> .".encode()  # how an N-Quads line in the shared graph ends


def plan_nquads(plan: Plan) -> str:
    """The plan as N-Quads: its own triples in its named graph (the plan IRI), shared ones in
    :data:`SHARED_GRAPH`."""
    g = iri_term(plan_iri(plan.doc_id))
    shared = iri_term(SHARED_GRAPH)
    own = [f"{s} {p} {o} {g} .\n" for s, p, o in own_triples(plan)]
    return "".join(own + [f"{s} {p} {o} {shared} .\n" for s, p, o in shared_triples(plan)])


def split_shared(nquads: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines of one plan's N-Quads: those of its own graph, and those of the shared graph."""
    own: list[bytes] = []
    shared: list[bytes] = []
    for line in nquads.splitlines(keepends=True):
        (shared if line.rstrip().endswith(SHARED_MARKER) else own).append(line)
    return own, shared


def owning_plan(iri: str, plans: Collection[str]) -> str | None:
    """The plan (one of ``plans``, plan IRIs) whose graph a node belongs to: the plan itself or a
    node under its IRI; None for a shared node.

    >>> owning_plan("https://w3id.org/fengong/id/plan/p/item/1", {"https://w3id.org/fengong/id/plan/p"})
    'https://w3id.org/fengong/id/plan/p'
    """
    if not iri.startswith(PLAN_PREFIX):
        return None
    plan = PLAN_PREFIX + iri[len(PLAN_PREFIX):].split("/", 1)[0]
    return plan if plan in plans else None

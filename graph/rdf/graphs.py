"""The named-graph rule, written once: which graph each triple of a plan goes to.

A plan's own statements (the document, its sections, items, units, clauses and assignments, and
the edges from bodies to its items: every triple whose subject or object is the plan's IRI or under
it) go to the graph named by the plan's IRI; descriptions many plans share (bodies, jurisdictions,
policies, lineage) go to one shared graph, :data:`SHARED_GRAPH`. SPARQL engines that take the union
of named graphs as their default graph would otherwise return each shared triple once per plan.
:func:`plan_nquads` writes a plan by this rule (:func:`plan_parts`: in its two parts), and
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


def plan_nquads(plan: Plan) -> str:
    """The plan as N-Quads: its own triples in its named graph (the plan IRI), shared ones in
    :data:`SHARED_GRAPH`."""
    own, shared = plan_parts(plan)
    return (own + b"".join(shared)).decode("utf-8")


def plan_parts(plan: Plan) -> tuple[bytes, list[bytes]]:
    """The plan's N-Quads in the two parts a corpus treats apart: its own graph, as one document,
    and the lines of the shared graph (each once, in the order written), which a corpus store
    counts and loads once per build (:mod:`fengong.pipeline.corpus`). Made in the worker that
    parsed the plan, so that the process loading the store does not split them again."""
    g = iri_term(plan_iri(plan.doc_id))
    shared = iri_term(SHARED_GRAPH)
    own = "".join([f"{s} {p} {o} {g} .\n" for s, p, o in own_triples(plan)]).encode("utf-8")
    lines = dict.fromkeys(f"{s} {p} {o} {shared} .\n".encode("utf-8") for s, p, o in shared_triples(plan))
    return own, list(lines)


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

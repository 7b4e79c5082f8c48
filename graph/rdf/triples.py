"""What the graph says about a plan: :func:`plan_triples` is the one place that decides it.

Triples come in a fixed order, as N-Triples terms (:mod:`.terms`), made from the
:class:`~fengong.model.Plan` alone: the RDF stage looks nothing up, so the same plan gives the same
triples wherever it is written (a graph file, a corpus store, an endpoint).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Assignment, Clause, Department, History, Item, Jurisdiction, Kind, Plan, Role, Section, Unit
from .iris import body_type_iri, department_iri, jurisdiction_iri, path_text, plan_iri, policy_iri, segment
from .terms import (
    A, BOOLEAN, DATE, DCTERMS_, FG_, FOAF_, GYEAR, GYEARMONTH, ORG_, PROV_, RDFS_, ROLE_EDGE, ROLE_IRI, SKOS_, TIME_,
    Triple, integer, iri_term, literal, tagged, unwrap,
)

COLLECTIVE_KINDS = {"collective"}


def _span(s: str, start: int, end: int, line: int | None = None) -> Iterator[Triple]:
    yield s, FG_.start, integer(start)
    yield s, FG_.end, integer(end)
    if line is not None:
        yield s, FG_.line, integer(line)


def plan_triples(plan: Plan) -> Iterator[Triple]:
    """Every triple of one plan, in a fixed order: its own statements, then :func:`shared_triples`."""
    yield from own_triples(plan)
    yield from shared_triples(plan)


def own_triples(plan: Plan) -> Iterator[Triple]:
    """What only this plan states: the document, its sections, items, units, clauses and assignments
    (including the direct edges from bodies to its items)."""
    p = iri_term(plan_iri(plan.doc_id))
    yield from _document(plan, p)
    iris = _structure_iris(plan, unwrap(p))
    order = 0
    for node in sorted([*plan.sections, *plan.items], key=lambda n: (n.span.start, len(n.path))):
        order += 1
        if isinstance(node, Section):
            yield from _section(node, iris, p, order)
        else:
            yield from _item(node, iris, p, order)


def shared_triples(plan: Plan) -> Iterator[Triple]:
    """Descriptions that many plans share: the bodies a plan names (labels, kind, jurisdiction,
    body type), jurisdictions and the policy it implements.

    In a corpus they live in one named graph (:data:`SHARED_GRAPH`) instead of in every plan's
    graph: SPARQL engines that take the union of named graphs as the default graph (Oxigraph
    does) would otherwise return each shared triple once per plan.
    """
    if plan.jurisdiction is not None:
        yield from _jurisdiction(plan.jurisdiction)
    if plan.implements is not None:
        policy = iri_term(policy_iri(plan.implements.title))
        yield policy, A, FG_.Policy
        yield policy, DCTERMS_.title, literal(plan.implements.title)
        if plan.implements.short:
            yield policy, SKOS_.altLabel, tagged(plan.implements.short, "zh")
    yield from _bodies(plan)


def _document(plan: Plan, p: str) -> Iterator[Triple]:
    yield p, A, FG_.Plan
    yield p, DCTERMS_.identifier, literal(plan.doc_id)
    if plan.title:
        yield p, DCTERMS_.title, literal(plan.title)
    if plan.date:
        yield p, DCTERMS_.date, f'"{plan.date}"{DATE}'
    yield p, DCTERMS_.source, literal(plan.source)
    yield p, FG_.sha256, literal(plan.sha256)
    for addressee in plan.addressees:
        yield p, FG_.addressee, literal(addressee)
    if plan.jurisdiction is not None:
        yield p, FG_.issuedIn, iri_term(jurisdiction_iri(plan.jurisdiction))
    if plan.implements is not None:
        yield p, FG_.implements, iri_term(policy_iri(plan.implements.title))


def _jurisdiction(j: Jurisdiction) -> Iterator[Triple]:
    s = iri_term(jurisdiction_iri(j))
    yield s, A, FG_.Jurisdiction
    yield s, SKOS_.prefLabel, tagged(j.name, "zh")
    yield s, FG_.level, literal(j.level)
    if j.en:
        yield s, RDFS_.label, tagged(j.en, "en")
    if j.code:
        yield s, FG_.divisionCode, literal(j.code)


IriIndex = dict[tuple[str, tuple[int, ...], int], str]  # (kind, number path, start) → IRI


def _structure_iris(plan: Plan, base: str) -> IriIndex:
    """IRIs of sections and items from their number paths; a number used twice (a drafting slip)
    gets a ``-2`` suffix in document order, so IRIs stay unique and stable."""
    iris: IriIndex = {}
    used: set[str] = set()
    for kind, nodes in (("section", plan.sections), ("item", plan.items)):
        for node in nodes:
            iri = f"{base}/{kind}/{path_text(node.path)}"
            n = 1
            while iri in used:
                n += 1
                iri = f"{base}/{kind}/{path_text(node.path)}-{n}"
            used.add(iri)
            iris[(kind, node.path, node.span.start)] = iri
    return iris


def _section(section: Section, iris: IriIndex, p: str, order: int) -> Iterator[Triple]:
    s = iri_term(iris[("section", section.path, section.span.start)])
    yield s, A, FG_.Section
    yield s, FG_.inPlan, p
    yield s, FG_.parent, _parent_of(section.path[:-1], section.span.start, iris, p)
    yield s, SKOS_.notation, literal(section.label)
    yield s, FG_.path, literal(path_text(section.path))
    yield s, DCTERMS_.title, literal(section.title)
    yield s, FG_.sectionKind, literal(section.kind)
    if section.kind == "narrative" and section.text:
        yield s, FG_.text, literal(section.text)
    yield s, FG_.order, integer(order)
    yield from _span(s, section.span.start, section.span.end, section.line)
    for n, clause in enumerate(section.unparsed, start=1):
        yield from _clause(clause, f"{unwrap(s)}/unparsed{n}", s, p)


def _parent_of(path: tuple[int, ...] | None, start: int, iris: IriIndex, p: str) -> str:
    """The section with number path ``path`` that encloses a node starting at ``start``."""
    if not path:
        return p
    best = None
    for (kind, node_path, node_start), iri in iris.items():
        if kind == "section" and node_path == path and node_start <= start and (best is None or node_start > best[0]):
            best = (node_start, iri)
    return iri_term(best[1]) if best else p


def _item(item: Item, iris: IriIndex, p: str, order: int) -> Iterator[Triple]:
    s = iri_term(iris[("item", item.path, item.span.start)])
    yield s, A, FG_.Item
    yield s, A, FG_.Target if item.kind is Kind.TARGET else FG_.Task
    yield s, FG_.inPlan, p
    yield s, FG_.parent, _parent_of(item.section, item.span.start, iris, p)
    yield s, SKOS_.notation, literal(item.label)
    yield s, FG_.path, literal(path_text(item.path))
    yield s, FG_.text, literal(item.text)
    yield s, FG_.order, integer(order)
    yield from _span(s, item.span.start, item.span.end, item.line)
    edges: set[tuple[str, Role]] = set()
    for unit in item.units:
        yield from _unit(unit, s, p, edges)
    for n, clause in enumerate(item.unparsed, start=1):
        yield from _clause(clause, f"{unwrap(s)}/unparsed{n}", s, p)


def _unit(unit: Unit, item: str, p: str, edges: set[tuple[str, Role]]) -> Iterator[Triple]:
    u = iri_term(f"{unwrap(item)}/u{unit.number}")
    yield u, A, FG_.Unit
    yield u, FG_.item, item
    yield u, FG_.inPlan, p
    yield u, FG_.number, integer(unit.number)
    yield u, FG_.text, literal(unit.text)
    yield from _span(u, unit.span.start, unit.span.end)
    if unit.clause.deadline:
        yield u, FG_.deadline, literal(unit.clause.deadline)
        yield from _due(unit.clause, u)
    c = f"{unwrap(u)}/clause"
    yield from _clause(unit.clause, c, u, p)
    for k, a in enumerate(unit.clause.assignments, start=1):
        yield from _assignment(a, iri_term(f"{unwrap(u)}/a{k}"), u, iri_term(c))
        dept = department_iri(a.department)
        if (dept, a.role) not in edges:
            edges.add((dept, a.role))
            yield iri_term(dept), ROLE_EDGE[a.role], item
    for k, official in enumerate(unit.clause.officials, start=1):
        person = iri_term(f"{unwrap(p)}/person/{segment(official.name)}")
        a = iri_term(f"{unwrap(u)}/o{k}")
        yield u, PROV_.qualifiedAssociation, a
        yield a, A, FG_.Assignment
        yield a, PROV_.agent, person
        yield a, PROV_.hadRole, FG_.official
        yield a, FG_.officialTitle, literal(official.title)
        yield a, FG_.statedIn, iri_term(c)
        yield from _span(a, official.span.start, official.span.end)
        yield person, A, FG_.Official
        yield person, FOAF_.name, literal(official.name)


def _due(clause: Clause, unit: str) -> Iterator[Triple]:
    """The unit's time frame as OWL-Time: an interval labelled with the words as written, ending,
    where a date can be known, at the instant the unit is due by (see ``fg:due`` in the ontology)."""
    due = clause.due
    if due is None:
        return
    t = iri_term(f"{unwrap(unit)}/due")
    yield unit, FG_.due, t
    yield t, A, TIME_.Interval
    yield t, RDFS_.label, literal(clause.deadline)
    yield t, FG_.deadlineKind, literal(due.kind)
    if not due.date:
        return
    end = iri_term(f"{unwrap(t)}/end")
    yield t, TIME_.hasEnd, end
    yield end, A, TIME_.Instant
    yield end, TIME_.inXSDDate, f'"{due.date}"{DATE}'
    if due.precision == "year":
        yield end, TIME_.inXSDgYear, f'"{due.date[:4]}"{GYEAR}'
    elif due.precision == "month":
        yield end, TIME_.inXSDgYearMonth, f'"{due.date[:7]}"{GYEARMONTH}'
    yield end, FG_.yearInferred, BOOLEAN[due.year_inferred]


def _clause(clause: Clause, iri: str, owner: str, p: str) -> Iterator[Triple]:
    c = iri_term(iri)
    yield owner, FG_.clause, c
    yield c, A, FG_.Clause
    if not clause.parsed:
        yield c, A, FG_.UnparsedClause
    yield c, FG_.inPlan, p
    yield c, FG_.text, literal(clause.text)
    yield c, FG_.form, literal(clause.form)
    yield from _span(c, clause.span.start, clause.span.end, clause.line)


def _assignment(a: Assignment, s: str, unit: str, clause: str) -> Iterator[Triple]:
    yield unit, PROV_.qualifiedAssociation, s
    yield s, A, FG_.Assignment
    yield s, PROV_.agent, iri_term(department_iri(a.department))
    yield s, PROV_.hadRole, ROLE_IRI[a.role]
    yield s, FG_.statedIn, clause
    yield s, FG_.surfaceName, literal(a.surface)
    yield s, FG_.writtenName, literal(a.written)
    yield from _span(s, a.span.start, a.span.end)


def _bodies(plan: Plan) -> Iterator[Triple]:
    """Each department named in the plan, with every surface name it is written as."""
    surfaces: dict[str, list[str]] = {}
    depts: dict[str, Department] = {}
    for a in plan.assignments:
        depts.setdefault(a.department.name, a.department)
        names = surfaces.setdefault(a.department.name, [])
        if a.surface not in names and a.surface != a.department.name:
            names.append(a.surface)
    seen_jurisdictions = {plan.jurisdiction.name} if plan.jurisdiction else set()
    seen_types: set[str] = set()
    for name, dept in depts.items():
        yield from department_triples(dept, surfaces[name])
        j = dept.jurisdiction
        if j is not None and j.name not in seen_jurisdictions:
            seen_jurisdictions.add(j.name)
            yield from _jurisdiction(j)
        if dept.body_id and dept.body_id not in seen_types:
            seen_types.add(dept.body_id)
            t = iri_term(body_type_iri(dept.body_id))
            yield t, A, FG_.BodyType
            yield t, SKOS_.notation, literal(dept.body_id)
            yield t, SKOS_.prefLabel, tagged(dept.body, "zh")
            if dept.body_en:
                yield t, RDFS_.label, tagged(dept.body_en, "en")
    yield from history_triples(plan.history)


def department_triples(dept: Department, surfaces: list[str]) -> Iterator[Triple]:
    d = iri_term(department_iri(dept))
    collective = dept.kind in COLLECTIVE_KINDS
    yield d, A, FG_.Body
    yield d, A, FG_.Collective if collective else FG_.Department
    yield d, A, ORG_.Organization
    yield from _labels(d, dept)
    for surface in surfaces:
        yield d, SKOS_.altLabel, tagged(surface, "zh")
    yield d, FG_.kind, literal(dept.kind)
    if dept.jurisdiction is not None:
        yield d, FG_.jurisdiction, iri_term(jurisdiction_iri(dept.jurisdiction))
    if dept.body_id:
        yield d, FG_.bodyType, iri_term(body_type_iri(dept.body_id))


def history_triples(history: History) -> Iterator[Triple]:
    """The lineage a plan carries (:func:`fengong.parse.lineage.history_of`): the change events,
    org:changedBy / org:resultedFrom on the bodies, and fg:currentSuccessor, the end of each chain."""
    for e in history.events:
        s = iri_term(e.iri)
        yield s, A, ORG_.ChangeEvent
        yield s, A, getattr(FG_, e.kind)
        for org in e.originals:
            yield s, ORG_.originalOrganization, iri_term(org)
            yield iri_term(org), ORG_.changedBy, s
        for org in e.results:
            yield s, ORG_.resultingOrganization, iri_term(org)
            yield iri_term(org), ORG_.resultedFrom, s
        yield s, DCTERMS_.date, f'{literal(e.date)}^^<{e.date_type}>'
        for text, language in e.descriptions:
            yield s, DCTERMS_.description, tagged(text, language) if language else literal(text)
        yield s, DCTERMS_.source, literal(e.source)
    for body in history.bodies:
        o = iri_term(body.iri)
        dept = body.department
        if dept is not None:
            yield o, A, ORG_.Organization
            yield from _labels(o, dept)
            yield o, FG_.kind, literal(dept.kind)
        for name in body.alt_labels:
            yield o, SKOS_.altLabel, tagged(name, "zh")
        for successor in body.successors:
            yield o, FG_.currentSuccessor, iri_term(successor)


def _labels(node: str, dept: Department) -> Iterator[Triple]:
    """A body's names: its canonical Chinese name (preferred, and as rdfs:label), its English one, and
    where the canonical name comes from."""
    yield node, SKOS_.prefLabel, tagged(dept.name, "zh")
    yield node, RDFS_.label, tagged(dept.name, "zh")
    if dept.en:
        yield node, RDFS_.label, tagged(dept.en, "en")
    if dept.name_source:
        yield node, FG_.nameSource, literal(dept.name_source)

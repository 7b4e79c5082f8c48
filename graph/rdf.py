"""A parsed plan as RDF, in the terms of ``ontology/fengong.ttl``.

:func:`plan_triples` is the one place that decides what the graph says. It yields pyoxigraph terms,
which cost a fraction of rdflib's to create and load straight into the embedded store; the rdflib
view (:func:`plan_graph`) and the Turtle (:func:`to_turtle`) are made from the same triples.

IRIs are readable and stable: a plan's from its document id, an item's from its number path
(``…/plan/neimenggu-2016-quality-plan/item/2.1.7`` for 二（一）7), a department's from its
canonical name (``…/org/内蒙古自治区质量技术监督局``), so the same department gets the same node from
every plan of its jurisdiction. Nothing depends on run order or memory addresses.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from .gazetteer import gazetteer
from .model import Assignment, Clause, Department, Item, Jurisdiction, Kind, Plan, Role, Section, Unit
from .namespace import FG, ID

PREFIXES = {
    "fg": str(FG._NS),
    "id": str(ID),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
ROLE_IRI = {Role.LEAD: FG.lead, Role.SUPPORT: FG.support, Role.RESPONSIBLE: FG.responsible, Role.JOINT: FG.joint}
ROLE_EDGE = {
    Role.LEAD: FG.leads,
    Role.SUPPORT: FG.supports,
    Role.RESPONSIBLE: FG.isResponsibleFor,
    Role.JOINT: FG.sharesResponsibilityFor,
}
COLLECTIVE_KINDS = {"collective"}

_N: dict[str, ox.NamedNode] = {}


def _n(iri: str) -> ox.NamedNode:
    node = _N.get(iri)
    if node is None:
        node = _N[iri] = ox.NamedNode(iri)
    return node


_INT = ox.NamedNode(str(XSD.integer))
_DATE = ox.NamedNode(str(XSD.date))
A = _n(str(RDF.type))


def _s(value: str) -> ox.Literal:
    return ox.Literal(value)


def _i(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INT)


def _zh(value: str) -> ox.Literal:
    return ox.Literal(value, language="zh")


def _en(value: str) -> ox.Literal:
    return ox.Literal(value, language="en")


def segment(text: str) -> str:
    """An IRI path segment: letters and digits (Chinese included) kept, the rest percent-encoded."""
    out = []
    for ch in text:
        if ch.isalnum() or ch in "-._~":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


# -- IRIs ---------------------------------------------------------------------------------------


def plan_iri(doc_id: str) -> str:
    return f"{ID}plan/{segment(doc_id)}"


def department_iri(dept: Department) -> str:
    return f"{ID}org/{segment(dept.name)}"


def jurisdiction_iri(j: Jurisdiction) -> str:
    return f"{ID}jurisdiction/{segment(j.name)}"


def body_type_iri(body_id: str) -> str:
    return f"{ID}body/{segment(body_id)}"


def _path(path: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in path)


# -- triples ------------------------------------------------------------------------------------

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]


def _span(s: ox.NamedNode, start: int, end: int, line: int | None = None) -> Iterator[Triple]:
    yield s, _n(FG.start), _i(start)
    yield s, _n(FG.end), _i(end)
    if line is not None:
        yield s, _n(FG.line), _i(line)


SHARED_GRAPH = f"{ID}graph/shared"


def plan_triples(plan: Plan) -> Iterator[Triple]:
    """Every triple of one plan, in a fixed order: its own statements, then :func:`shared_triples`."""
    yield from own_triples(plan)
    yield from shared_triples(plan)


def own_triples(plan: Plan) -> Iterator[Triple]:
    """What only this plan states: the document, its sections, items, units, clauses and assignments
    (including the direct edges from bodies to its items)."""
    p = _n(plan_iri(plan.doc_id))
    yield from _document(plan, p)
    iris = _structure_iris(plan, p.value)
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
        policy = _n(_policy_iri(plan.implements.title))
        yield policy, A, _n(FG.Policy)
        yield policy, _n(DCTERMS.title), _s(plan.implements.title)
        if plan.implements.short:
            yield policy, _n(SKOS.altLabel), _zh(plan.implements.short)
    yield from _bodies(plan)


def plan_quads(plan: Plan) -> Iterator[ox.Quad]:
    """The plan's own triples in its named graph (the plan IRI), shared ones in :data:`SHARED_GRAPH`."""
    g = _n(plan_iri(plan.doc_id))
    for s, p, o in own_triples(plan):
        yield ox.Quad(s, p, o, g)
    shared = _n(SHARED_GRAPH)
    for s, p, o in shared_triples(plan):
        yield ox.Quad(s, p, o, shared)


def _policy_iri(title: str) -> str:
    return f"{ID}policy/{segment(title.strip('《》'))}"


def _document(plan: Plan, p: ox.NamedNode) -> Iterator[Triple]:
    yield p, A, _n(FG.Plan)
    yield p, _n(DCTERMS.identifier), _s(plan.doc_id)
    if plan.title:
        yield p, _n(DCTERMS.title), _s(plan.title)
    if plan.date:
        yield p, _n(DCTERMS.date), ox.Literal(plan.date, datatype=_DATE)
    yield p, _n(DCTERMS.source), _s(plan.source)
    yield p, _n(FG.sha256), _s(plan.sha256)
    for addressee in plan.addressees:
        yield p, _n(FG.addressee), _s(addressee)
    if plan.jurisdiction is not None:
        yield p, _n(FG.issuedIn), _n(jurisdiction_iri(plan.jurisdiction))
    if plan.implements is not None:
        yield p, _n(FG.implements), _n(_policy_iri(plan.implements.title))


def _jurisdiction(j: Jurisdiction) -> Iterator[Triple]:
    s = _n(jurisdiction_iri(j))
    yield s, A, _n(FG.Jurisdiction)
    yield s, _n(SKOS.prefLabel), _zh(j.name)
    yield s, _n(FG.level), _s(j.level)
    if j.en:
        yield s, _n(RDFS.label), _en(j.en)
    if j.code:
        yield s, _n(FG.divisionCode), _s(j.code)


IriIndex = dict[tuple[str, tuple[int, ...], int], str]  # (kind, number path, start) → IRI


def _structure_iris(plan: Plan, base: str) -> IriIndex:
    """IRIs of sections and items from their number paths; a number used twice (a drafting slip)
    gets a ``-2`` suffix in document order, so IRIs stay unique and stable."""
    iris: IriIndex = {}
    used: set[str] = set()
    for kind, nodes in (("section", plan.sections), ("item", plan.items)):
        for node in nodes:
            iri = f"{base}/{kind}/{_path(node.path)}"
            n = 1
            while iri in used:
                n += 1
                iri = f"{base}/{kind}/{_path(node.path)}-{n}"
            used.add(iri)
            iris[(kind, node.path, node.span.start)] = iri
    return iris


def _section(section: Section, iris: IriIndex, p: ox.NamedNode, order: int) -> Iterator[Triple]:
    s = _n(iris[("section", section.path, section.span.start)])
    yield s, A, _n(FG.Section)
    yield s, _n(FG.inPlan), p
    yield s, _n(FG.parent), _parent_of(section.path[:-1], section.span.start, iris, p)
    yield s, _n(SKOS.notation), _s(section.label)
    yield s, _n(FG.path), _s(_path(section.path))
    yield s, _n(DCTERMS.title), _s(section.title)
    yield s, _n(FG.sectionKind), _s(section.kind)
    if section.kind == "narrative" and section.text:
        yield s, _n(FG.text), _s(section.text)
    yield s, _n(FG.order), _i(order)
    yield from _span(s, section.span.start, section.span.end, section.line)
    for n, clause in enumerate(section.unparsed, start=1):
        yield from _clause(clause, f"{s.value}/unparsed{n}", s, p)


def _parent_of(path: tuple[int, ...] | None, start: int, iris: IriIndex, p: ox.NamedNode) -> ox.NamedNode:
    """The section with number path ``path`` that encloses a node starting at ``start``."""
    if not path:
        return p
    best = None
    for (kind, node_path, node_start), iri in iris.items():
        if kind == "section" and node_path == path and node_start <= start and (best is None or node_start > best[0]):
            best = (node_start, iri)
    return _n(best[1]) if best else p


def _item(item: Item, iris: IriIndex, p: ox.NamedNode, order: int) -> Iterator[Triple]:
    s = _n(iris[("item", item.path, item.span.start)])
    yield s, A, _n(FG.Item)
    yield s, A, _n(FG.Target if item.kind is Kind.TARGET else FG.Task)
    yield s, _n(FG.inPlan), p
    yield s, _n(FG.parent), _parent_of(item.section, item.span.start, iris, p)
    yield s, _n(SKOS.notation), _s(item.label)
    yield s, _n(FG.path), _s(_path(item.path))
    yield s, _n(FG.text), _s(item.text)
    yield s, _n(FG.order), _i(order)
    yield from _span(s, item.span.start, item.span.end, item.line)
    edges: set[tuple[str, str]] = set()
    for unit in item.units:
        yield from _unit(unit, s, p, edges)
    for n, clause in enumerate(item.unparsed, start=1):
        yield from _clause(clause, f"{s.value}/unparsed{n}", s, p)


def _unit(unit: Unit, item: ox.NamedNode, p: ox.NamedNode, edges: set[tuple[str, str]]) -> Iterator[Triple]:
    u = _n(f"{item.value}/u{unit.number}")
    yield u, A, _n(FG.Unit)
    yield u, _n(FG.item), item
    yield u, _n(FG.inPlan), p
    yield u, _n(FG.number), _i(unit.number)
    yield u, _n(FG.text), _s(unit.text)
    yield from _span(u, unit.span.start, unit.span.end)
    if unit.clause.deadline:
        yield u, _n(FG.deadline), _s(unit.clause.deadline)
    c = f"{u.value}/clause"
    yield from _clause(unit.clause, c, u, p)
    for k, a in enumerate(unit.clause.assignments, start=1):
        yield from _assignment(a, _n(f"{u.value}/a{k}"), u, _n(c))
        dept, edge = department_iri(a.department), str(ROLE_EDGE[a.role])
        if (dept, edge) not in edges:
            edges.add((dept, edge))
            yield _n(dept), _n(edge), item
    for k, official in enumerate(unit.clause.officials, start=1):
        person = _n(f"{p.value}/person/{segment(official.name)}")
        a = _n(f"{u.value}/o{k}")
        yield u, _n(PROV.qualifiedAssociation), a
        yield a, A, _n(FG.Assignment)
        yield a, _n(PROV.agent), person
        yield a, _n(PROV.hadRole), _n(FG.official)
        yield a, _n(FG.officialTitle), _s(official.title)
        yield a, _n(FG.statedIn), _n(c)
        yield from _span(a, official.span.start, official.span.end)
        yield person, A, _n(FG.Official)
        yield person, _n(FOAF.name), _s(official.name)


def _clause(clause: Clause, iri: str, owner: ox.NamedNode, p: ox.NamedNode) -> Iterator[Triple]:
    c = _n(iri)
    yield owner, _n(FG.clause), c
    yield c, A, _n(FG.Clause)
    if not clause.parsed:
        yield c, A, _n(FG.UnparsedClause)
    yield c, _n(FG.inPlan), p
    yield c, _n(FG.text), _s(clause.text)
    yield c, _n(FG.form), _s(clause.form)
    yield from _span(c, clause.span.start, clause.span.end, clause.line)


def _assignment(a: Assignment, s: ox.NamedNode, unit: ox.NamedNode, clause: ox.NamedNode) -> Iterator[Triple]:
    yield unit, _n(PROV.qualifiedAssociation), s
    yield s, A, _n(FG.Assignment)
    yield s, _n(PROV.agent), _n(department_iri(a.department))
    yield s, _n(PROV.hadRole), _n(ROLE_IRI[a.role])
    yield s, _n(FG.statedIn), clause
    yield s, _n(FG.surfaceName), _s(a.surface)
    yield s, _n(FG.writtenName), _s(a.written)
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
            t = _n(body_type_iri(dept.body_id))
            yield t, A, _n(FG.BodyType)
            yield t, _n(SKOS.notation), _s(dept.body_id)
            yield t, _n(SKOS.prefLabel), _zh(dept.body)
            row = gazetteer().body(dept.body)
            if row is not None and row.en:
                yield t, _n(RDFS.label), _en(row.en)


def department_triples(dept: Department, surfaces: list[str]) -> Iterator[Triple]:
    d = _n(department_iri(dept))
    collective = dept.kind in COLLECTIVE_KINDS
    yield d, A, _n(FG.Body)
    yield d, A, _n(FG.Collective if collective else FG.Department)
    yield d, A, _n(ORG.Organization)
    yield d, _n(SKOS.prefLabel), _zh(dept.name)
    yield d, _n(RDFS.label), _zh(dept.name)
    if dept.en:
        yield d, _n(RDFS.label), _en(dept.en)
    for surface in surfaces:
        yield d, _n(SKOS.altLabel), _zh(surface)
    yield d, _n(FG.kind), _s(dept.kind)
    if dept.jurisdiction is not None:
        yield d, _n(FG.jurisdiction), _n(jurisdiction_iri(dept.jurisdiction))
    if dept.body_id:
        yield d, _n(FG.bodyType), _n(body_type_iri(dept.body_id))


# -- views --------------------------------------------------------------------------------------


def _rdflib_term(term: ox.NamedNode | ox.Literal) -> URIRef | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    return g


def plan_graph(*plans: Plan) -> Graph:
    """Plans as one rdflib Graph (for Python users, pySHACL and rdflib's own SPARQL engine).

    Several plans share the nodes of the departments they have in common.
    """
    g = new_graph()
    for plan in plans:
        for s, p, o in plan_triples(plan):
            g.add((URIRef(s.value), URIRef(p.value), _rdflib_term(o)))
    return g


def to_turtle(graph: Graph) -> str:
    """Deterministic Turtle: subjects, predicates and objects sorted (rdflib's longturtle)."""
    return graph.serialize(format="longturtle")

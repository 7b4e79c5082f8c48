"""A parsed plan as RDF, in the terms of ``ontology/fengong.ttl``.

:func:`plan_triples` is the one place that decides what the graph says. It yields each triple as
three terms already written in N-Triples syntax (``<iri>``, ``"text"@zh``): a corpus build writes
tens of millions of triples, and formatting strings costs a fraction of building term objects. The
N-Quads a corpus store loads (:func:`plan_nquads`), the rdflib view (:func:`plan_graph`) and the
Turtle (:func:`to_turtle`) are all made from these same triples.

IRIs are readable and stable: a plan's from its document id, an item's from its number path
(``…/plan/neimenggu-2016-quality-plan/item/2.1.7`` for 二（一）7), a department's from its
canonical name (``…/org/内蒙古自治区质量技术监督局``), so the same department gets the same node from
every plan of its jurisdiction. Nothing depends on run order or memory addresses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from .parse.gazetteer import gazetteer
from .lineage import lineage_triples
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

COLLECTIVE_KINDS = {"collective"}

def _n(iri: str) -> str:
    """An IRI term. fengong's own IRIs need no escaping: their segments come from :func:`segment`."""
    return f"<{iri}>"


def _v(term: str) -> str:
    """The IRI inside an IRI term."""
    return term[1:-1]


class _Nodes:
    """IRI terms of a vocabulary, written once: rdflib namespace lookups cost microseconds each,
    and a corpus build writes tens of millions of triples."""

    def __init__(self, ns, names) -> None:
        for name in names:
            setattr(self, name, _n(str(ns[name])))


FG_ = _Nodes(FG, FG.__annotations__)
ROLE_IRI = {Role.LEAD: FG_.lead, Role.SUPPORT: FG_.support, Role.RESPONSIBLE: FG_.responsible, Role.JOINT: FG_.joint}
ROLE_EDGE = {
    Role.LEAD: FG_.leads,
    Role.SUPPORT: FG_.supports,
    Role.RESPONSIBLE: FG_.isResponsibleFor,
    Role.JOINT: FG_.sharesResponsibilityFor,
}
PROV_ = _Nodes(PROV, ["agent", "hadRole", "qualifiedAssociation"])
SKOS_ = _Nodes(SKOS, ["prefLabel", "altLabel", "notation"])
DCTERMS_ = _Nodes(DCTERMS, ["identifier", "title", "date", "source"])
RDFS_ = _Nodes(RDFS, ["label"])
ORG_ = _Nodes(ORG, ["Organization"])
FOAF_ = _Nodes(FOAF, ["name"])
A = _n(str(RDF.type))
_INT = f"^^<{XSD.integer}>"
_DATE = f"^^<{XSD.date}>"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _s(value: str) -> str:
    return f'"{value.translate(_ESCAPES)}"'


def _i(value: int) -> str:
    return f'"{value}"{_INT}'


def _zh(value: str) -> str:
    return f'"{value.translate(_ESCAPES)}"@zh'


def _en(value: str) -> str:
    return f'"{value.translate(_ESCAPES)}"@en'


@lru_cache(maxsize=1 << 16)
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

Triple = tuple[str, str, str]  # subject, predicate, object in N-Triples syntax


def _span(s: str, start: int, end: int, line: int | None = None) -> Iterator[Triple]:
    yield s, FG_.start, _i(start)
    yield s, FG_.end, _i(end)
    if line is not None:
        yield s, FG_.line, _i(line)


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
    iris = _structure_iris(plan, _v(p))
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
        yield policy, A, FG_.Policy
        yield policy, DCTERMS_.title, _s(plan.implements.title)
        if plan.implements.short:
            yield policy, SKOS_.altLabel, _zh(plan.implements.short)
    yield from _bodies(plan)


def plan_nquads(plan: Plan) -> str:
    """The plan as N-Quads: its own triples in its named graph (the plan IRI), shared ones in
    :data:`SHARED_GRAPH`."""
    g = _n(plan_iri(plan.doc_id))
    shared = _n(SHARED_GRAPH)
    own = [f"{s} {p} {o} {g} .\n" for s, p, o in own_triples(plan)]
    return "".join(own + [f"{s} {p} {o} {shared} .\n" for s, p, o in shared_triples(plan)])


def to_ntriples(triples: Iterator[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def _policy_iri(title: str) -> str:
    return f"{ID}policy/{segment(title.strip('《》'))}"


def _document(plan: Plan, p: str) -> Iterator[Triple]:
    yield p, A, FG_.Plan
    yield p, DCTERMS_.identifier, _s(plan.doc_id)
    if plan.title:
        yield p, DCTERMS_.title, _s(plan.title)
    if plan.date:
        yield p, DCTERMS_.date, f'"{plan.date}"{_DATE}'
    yield p, DCTERMS_.source, _s(plan.source)
    yield p, FG_.sha256, _s(plan.sha256)
    for addressee in plan.addressees:
        yield p, FG_.addressee, _s(addressee)
    if plan.jurisdiction is not None:
        yield p, FG_.issuedIn, _n(jurisdiction_iri(plan.jurisdiction))
    if plan.implements is not None:
        yield p, FG_.implements, _n(_policy_iri(plan.implements.title))


def _jurisdiction(j: Jurisdiction) -> Iterator[Triple]:
    s = _n(jurisdiction_iri(j))
    yield s, A, FG_.Jurisdiction
    yield s, SKOS_.prefLabel, _zh(j.name)
    yield s, FG_.level, _s(j.level)
    if j.en:
        yield s, RDFS_.label, _en(j.en)
    if j.code:
        yield s, FG_.divisionCode, _s(j.code)


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


def _section(section: Section, iris: IriIndex, p: str, order: int) -> Iterator[Triple]:
    s = _n(iris[("section", section.path, section.span.start)])
    yield s, A, FG_.Section
    yield s, FG_.inPlan, p
    yield s, FG_.parent, _parent_of(section.path[:-1], section.span.start, iris, p)
    yield s, SKOS_.notation, _s(section.label)
    yield s, FG_.path, _s(_path(section.path))
    yield s, DCTERMS_.title, _s(section.title)
    yield s, FG_.sectionKind, _s(section.kind)
    if section.kind == "narrative" and section.text:
        yield s, FG_.text, _s(section.text)
    yield s, FG_.order, _i(order)
    yield from _span(s, section.span.start, section.span.end, section.line)
    for n, clause in enumerate(section.unparsed, start=1):
        yield from _clause(clause, f"{_v(s)}/unparsed{n}", s, p)


def _parent_of(path: tuple[int, ...] | None, start: int, iris: IriIndex, p: str) -> str:
    """The section with number path ``path`` that encloses a node starting at ``start``."""
    if not path:
        return p
    best = None
    for (kind, node_path, node_start), iri in iris.items():
        if kind == "section" and node_path == path and node_start <= start and (best is None or node_start > best[0]):
            best = (node_start, iri)
    return _n(best[1]) if best else p


def _item(item: Item, iris: IriIndex, p: str, order: int) -> Iterator[Triple]:
    s = _n(iris[("item", item.path, item.span.start)])
    yield s, A, FG_.Item
    yield s, A, FG_.Target if item.kind is Kind.TARGET else FG_.Task
    yield s, FG_.inPlan, p
    yield s, FG_.parent, _parent_of(item.section, item.span.start, iris, p)
    yield s, SKOS_.notation, _s(item.label)
    yield s, FG_.path, _s(_path(item.path))
    yield s, FG_.text, _s(item.text)
    yield s, FG_.order, _i(order)
    yield from _span(s, item.span.start, item.span.end, item.line)
    edges: set[tuple[str, Role]] = set()
    for unit in item.units:
        yield from _unit(unit, s, p, edges)
    for n, clause in enumerate(item.unparsed, start=1):
        yield from _clause(clause, f"{_v(s)}/unparsed{n}", s, p)


def _unit(unit: Unit, item: str, p: str, edges: set[tuple[str, Role]]) -> Iterator[Triple]:
    u = _n(f"{_v(item)}/u{unit.number}")
    yield u, A, FG_.Unit
    yield u, FG_.item, item
    yield u, FG_.inPlan, p
    yield u, FG_.number, _i(unit.number)
    yield u, FG_.text, _s(unit.text)
    yield from _span(u, unit.span.start, unit.span.end)
    if unit.clause.deadline:
        yield u, FG_.deadline, _s(unit.clause.deadline)
    c = f"{_v(u)}/clause"
    yield from _clause(unit.clause, c, u, p)
    for k, a in enumerate(unit.clause.assignments, start=1):
        yield from _assignment(a, _n(f"{_v(u)}/a{k}"), u, _n(c))
        dept = department_iri(a.department)
        if (dept, a.role) not in edges:
            edges.add((dept, a.role))
            yield _n(dept), ROLE_EDGE[a.role], item
    for k, official in enumerate(unit.clause.officials, start=1):
        person = _n(f"{_v(p)}/person/{segment(official.name)}")
        a = _n(f"{_v(u)}/o{k}")
        yield u, PROV_.qualifiedAssociation, a
        yield a, A, FG_.Assignment
        yield a, PROV_.agent, person
        yield a, PROV_.hadRole, FG_.official
        yield a, FG_.officialTitle, _s(official.title)
        yield a, FG_.statedIn, _n(c)
        yield from _span(a, official.span.start, official.span.end)
        yield person, A, FG_.Official
        yield person, FOAF_.name, _s(official.name)


def _clause(clause: Clause, iri: str, owner: str, p: str) -> Iterator[Triple]:
    c = _n(iri)
    yield owner, FG_.clause, c
    yield c, A, FG_.Clause
    if not clause.parsed:
        yield c, A, FG_.UnparsedClause
    yield c, FG_.inPlan, p
    yield c, FG_.text, _s(clause.text)
    yield c, FG_.form, _s(clause.form)
    yield from _span(c, clause.span.start, clause.span.end, clause.line)


def _assignment(a: Assignment, s: str, unit: str, clause: str) -> Iterator[Triple]:
    yield unit, PROV_.qualifiedAssociation, s
    yield s, A, FG_.Assignment
    yield s, PROV_.agent, _n(department_iri(a.department))
    yield s, PROV_.hadRole, ROLE_IRI[a.role]
    yield s, FG_.statedIn, clause
    yield s, FG_.surfaceName, _s(a.surface)
    yield s, FG_.writtenName, _s(a.written)
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
            yield t, A, FG_.BodyType
            yield t, SKOS_.notation, _s(dept.body_id)
            yield t, SKOS_.prefLabel, _zh(dept.body)
            row = gazetteer().body(dept.body)
            if row is not None and row.en:
                yield t, RDFS_.label, _en(row.en_kind)
    for t in lineage_triples({department_iri(d): d for d in depts.values()}):
        yield str(t[0]), str(t[1]), str(t[2])


def department_triples(dept: Department, surfaces: list[str]) -> Iterator[Triple]:
    d = _n(department_iri(dept))
    collective = dept.kind in COLLECTIVE_KINDS
    yield d, A, FG_.Body
    yield d, A, FG_.Collective if collective else FG_.Department
    yield d, A, ORG_.Organization
    yield d, SKOS_.prefLabel, _zh(dept.name)
    yield d, RDFS_.label, _zh(dept.name)
    if dept.en:
        yield d, RDFS_.label, _en(dept.en)
    for surface in surfaces:
        yield d, SKOS_.altLabel, _zh(surface)
    yield d, FG_.kind, _s(dept.kind)
    if dept.jurisdiction is not None:
        yield d, FG_.jurisdiction, _n(jurisdiction_iri(dept.jurisdiction))
    if dept.body_id:
        yield d, FG_.bodyType, _n(body_type_iri(dept.body_id))


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
    return _rdflib_graph(t for plan in plans
                         for t in ox.parse(to_ntriples(plan_triples(plan)), format=ox.RdfFormat.N_TRIPLES))


def merged_graph(nquads: bytes) -> Graph:
    """N-Quads of many plans as one rdflib Graph (the named graphs merged)."""
    return _rdflib_graph(q.triple for q in ox.parse(nquads, format=ox.RdfFormat.N_QUADS))


def _rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    g = new_graph()
    for t in triples:
        g.add((URIRef(t.subject.value), URIRef(t.predicate.value), _rdflib_term(t.object)))
    return g


def to_turtle(graph: Graph) -> str:
    """Deterministic Turtle: subjects, predicates and objects sorted (rdflib's longturtle)."""
    return graph.serialize(format="longturtle")

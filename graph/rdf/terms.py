"""RDF terms written in N-Triples syntax, the one form triples take between the RDF stage and a store.

A corpus build writes tens of millions of triples, and formatting strings costs a fraction of
building term objects; every writer downstream (N-Quads, rdflib's graph, Turtle) reads these.
:func:`to_rdflib` is the one conversion from Oxigraph's terms to rdflib's, for every engine.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from ..model import Role
from ..namespace import FG, ID

Triple = tuple[str, str, str]  # subject, predicate, object in N-Triples syntax
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
    "time": str(TIME),
}


def iri_term(iri: str) -> str:
    """An IRI term. fengong's own IRIs need no escaping: their segments come from :func:`segment`."""
    return f"<{iri}>"


def unwrap(term: str) -> str:
    """The IRI inside an IRI term."""
    return term[1:-1]


class Nodes:
    """IRI terms of a vocabulary, written once: rdflib namespace lookups cost microseconds each,
    and a corpus build writes tens of millions of triples."""

    def __init__(self, ns, names) -> None:
        for name in names:
            setattr(self, name, iri_term(str(ns[name])))


FG_ = Nodes(FG, FG.__annotations__)
ROLE_IRI = {Role.LEAD: FG_.lead, Role.SUPPORT: FG_.support, Role.RESPONSIBLE: FG_.responsible, Role.JOINT: FG_.joint}
ROLE_EDGE = {
    Role.LEAD: FG_.leads,
    Role.SUPPORT: FG_.supports,
    Role.RESPONSIBLE: FG_.isResponsibleFor,
    Role.JOINT: FG_.sharesResponsibilityFor,
}
PROV_ = Nodes(PROV, ["agent", "hadRole", "qualifiedAssociation"])
SKOS_ = Nodes(SKOS, ["prefLabel", "altLabel", "notation"])
DCTERMS_ = Nodes(DCTERMS, ["identifier", "title", "date", "source", "description"])
RDFS_ = Nodes(RDFS, ["label"])
ORG_ = Nodes(ORG, ["Organization", "ChangeEvent", "originalOrganization", "resultingOrganization", "changedBy",
                   "resultedFrom"])
FOAF_ = Nodes(FOAF, ["name"])
TIME_ = Nodes(TIME, ["Interval", "Instant", "hasEnd", "inXSDDate", "inXSDgYear", "inXSDgYearMonth"])
A = iri_term(str(RDF.type))
INTEGER = f"^^<{XSD.integer}>"
DATE = f"^^<{XSD.date}>"
GYEAR, GYEARMONTH = f"^^<{XSD.gYear}>", f"^^<{XSD.gYearMonth}>"
BOOLEAN = {True: f'"true"^^<{XSD.boolean}>', False: f'"false"^^<{XSD.boolean}>'}
ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def literal(value: str) -> str:
    return f'"{value.translate(ESCAPES)}"'


def integer(value: int) -> str:
    return f'"{value}"{INTEGER}'


def tagged(value: str, language: str) -> str:
    """A string in a language: ``"质监局"@zh``, ``"Customs"@en``."""
    return f'"{value.translate(ESCAPES)}"@{language}'




def to_ntriples(triples: Iterator[Triple]) -> str:
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples)


def to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """An Oxigraph term as rdflib's (plain literals stay plain: no explicit xsd:string)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))

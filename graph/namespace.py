"""The terms of the fengong ontology (``ontology/fengong.ttl``) as a closed rdflib namespace.

Closed: ``FG.laeds`` raises at import time instead of minting a wrong IRI. A test checks that this
list and the ontology declare the same terms.
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

ID = Namespace("https://w3id.org/fengong/id/")


class FG(DefinedNamespace):
    """fengong ontology: https://w3id.org/fengong/ns#"""

    _NS = Namespace("https://w3id.org/fengong/ns#")
    _fail = True

    # classes
    Plan: URIRef
    Policy: URIRef
    Jurisdiction: URIRef
    Section: URIRef
    Item: URIRef
    Target: URIRef
    Task: URIRef
    Unit: URIRef
    Clause: URIRef
    UnparsedClause: URIRef
    Assignment: URIRef
    Role: URIRef
    Body: URIRef
    Department: URIRef
    Collective: URIRef
    BodyType: URIRef
    Official: URIRef
    RoleScheme: URIRef
    Merger: URIRef
    Renaming: URIRef
    TransferOfDuties: URIRef
    # roles
    lead: URIRef
    support: URIRef
    responsible: URIRef
    joint: URIRef
    official: URIRef
    # object properties
    inPlan: URIRef
    implements: URIRef
    issuedIn: URIRef
    parent: URIRef
    item: URIRef
    clause: URIRef
    statedIn: URIRef
    jurisdiction: URIRef
    bodyType: URIRef
    isNamedIn: URIRef
    isAccountableFor: URIRef
    leads: URIRef
    isResponsibleFor: URIRef
    sharesResponsibilityFor: URIRef
    supports: URIRef
    currentSuccessor: URIRef
    due: URIRef
    # datatype properties
    text: URIRef
    start: URIRef
    end: URIRef
    line: URIRef
    order: URIRef
    path: URIRef
    number: URIRef
    sectionKind: URIRef
    form: URIRef
    deadline: URIRef
    deadlineKind: URIRef
    yearInferred: URIRef
    surfaceName: URIRef
    writtenName: URIRef
    nameSource: URIRef
    kind: URIRef
    level: URIRef
    divisionCode: URIRef
    addressee: URIRef
    sha256: URIRef
    officialTitle: URIRef

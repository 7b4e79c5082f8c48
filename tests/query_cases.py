"""Helpers for the query tests: the catalogue's example parameters, and answers compared as sets."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal
from rdflib.namespace import XSD

from fengong.sparql.catalogue import catalogue, internal, internal_names

QUERIES = catalogue()
NAMES = sorted(QUERIES)
# The queries fengong's own code runs (queries/internal/): not in the catalogue, tested alike.
INTERNAL = {name: internal(name) for name in internal_names()}
INTERNAL_NAMES = sorted(INTERNAL)
NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short,
           XSD.nonNegativeInteger, XSD.positiveInteger}


def _term(t):
    if t is None:
        return None
    if isinstance(t, Literal):
        if t.datatype == XSD.boolean:  # Virtuoso has no boolean results: it answers 1 and 0
            return ("number", Decimal(int(t.toPython())))
        if t.datatype in NUMERIC:
            return ("number", Decimal(str(t)).normalize())
        datatype = None if t.datatype in (None, XSD.string) else str(t.datatype)
        return ("literal", str(t), (t.language or "").lower(), datatype)
    return ("term", str(t))


def answer(results) -> list[tuple]:
    """Rows as a sorted list of normalised tuples: engines order ties differently, and say
    ``"3"^^xsd:int`` or ``"3"^^xsd:integer``, ``typed-literal`` or ``literal``, ``1`` or ``true``,
    for the same answer."""
    return sorted((tuple(_term(v) for v in row) for row in results.rows), key=repr)

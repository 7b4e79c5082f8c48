"""Checking a graph against the SHACL shapes and the ontology (``fengong validate``).

Two checks: pySHACL with ``ontology/shapes.ttl``, and a vocabulary check that every ``fg:`` term
the graph uses is declared in ``ontology/fengong.ttl`` (a misspelt property would pass SHACL, which
only looks at the properties it is told about).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from ..namespace import FG
from ..resources import ontology_file


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str

    def format(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


@cache
def shapes() -> Graph:
    return Graph().parse(data=ontology_file("shapes.ttl").read_text(encoding="utf-8"), format="turtle")


@cache
def ontology() -> Graph:
    return Graph().parse(data=ontology_file("fengong.ttl").read_text(encoding="utf-8"), format="turtle")


def _declared_terms() -> set[URIRef]:
    return {s for s in ontology().subjects() if isinstance(s, URIRef) and str(s).startswith(str(FG._NS))}


def _vocabulary_violations(graph: Graph) -> list[Violation]:
    declared = _declared_terms()
    used = {p for p in graph.predicates() if str(p).startswith(str(FG._NS))}
    used |= {o for o in graph.objects(None, RDF.type) if str(o).startswith(str(FG._NS))}
    return [Violation(str(term), "", "term is not declared in the fengong ontology")
            for term in sorted(used - declared)]


def validate_graph(graph: Graph) -> list[Violation]:
    """All violations of ``graph``; an empty list means it conforms."""
    conforms, report, _ = shacl_validate(graph, shacl_graph=shapes(), inference="none", advanced=True)
    violations = _vocabulary_violations(graph)
    if not conforms:
        for result in report.subjects(RDF.type, SH.ValidationResult):
            focus = report.value(result, SH.focusNode)
            path = report.value(result, SH.resultPath)
            message = report.value(result, SH.resultMessage)
            violations.append(Violation(str(focus), str(path) if path is not None else "", str(message)))
    return sorted(violations, key=lambda v: (v.focus, v.path, v.message))

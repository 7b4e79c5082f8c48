"""Query results as text: a terminal table, or the standard SPARQL 1.1 CSV and JSON results formats.

CSV and JSON follow the W3C recommendations (SPARQL 1.1 Query Results CSV and TSV Formats;
SPARQL 1.1 Query Results JSON Format), so any SPARQL tool reads what ``fengong query`` writes: CSV
has one header row of variable names and CRLF line ends, IRIs and literals as plain strings, blank
nodes as ``_:label``; JSON keeps every term's type, language and datatype.

The table and the CSV are written by :mod:`fengong.tables`, the one table writer of every command;
this module turns terms into their cells, and writes SPARQL JSON, which is a format of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.term import Identifier

from ..rdf import PREFIXES
from ..tables import CRLF, json_text, render

Term = Identifier  # URIRef | Literal | BNode


@dataclass(frozen=True)
class Results:
    """The answer to a SELECT query: variable names and rows of rdflib terms (None when unbound).

    Every engine answers in this one form (:mod:`fengong.store`), so callers and output formats
    do not depend on the engine.
    """

    columns: tuple[str, ...]
    rows: list[tuple[Term | None, ...]]

    def records(self) -> list[dict[str, object]]:
        """Rows as dicts of Python values (str, int, float, date…), for analysis code."""
        return [
            {c: (None if v is None else v.toPython() if isinstance(v, Literal) else str(v))
             for c, v in zip(self.columns, row)}
            for row in self.rows
        ]


def term_json(term: Term) -> dict[str, str]:
    """One term in the SPARQL JSON results format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(results: Results) -> str:
    """SPARQL JSON results: a format of its own (every term's type, language and datatype), not
    the writer's list of objects, which would lose them."""
    document = {
        "head": {"vars": list(results.columns)},
        "results": {"bindings": [
            {c: term_json(v) for c, v in zip(results.columns, row) if v is not None} for row in results.rows
        ]},
    }
    return json_text(document)


def csv_cell(term: Term | None) -> str:
    """A term in SPARQL CSV: IRIs and literals as plain strings, blank nodes as ``_:label``."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def compact(term: Term | None) -> str:
    """A term for reading: IRIs under fengong's prefixes shortened (``id:org/…``), literals bare."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
            if term.startswith(ns):
                return f"{prefix}:{term[len(ns):]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).splitlines())  # a table row stays one line


def render_results(results: Results, fmt: str) -> str:
    """``results`` as ``fmt``, one of :data:`fengong.tables.FORMATS`: ``table`` (terms compacted
    for reading), ``csv`` (SPARQL CSV) or ``json`` (SPARQL JSON).

    SPARQL CSV is written by the one table writer with the W3C's CRLF line ends and no
    neutralisation: it is read by SPARQL tools, which expect every value as it is.
    """
    if fmt == "json":
        return to_json(results)
    cell = csv_cell if fmt == "csv" else compact
    rows = [[cell(v) for v in row] for row in results.rows]
    return render(results.columns, rows, fmt, line_end=CRLF, neutralised=False)

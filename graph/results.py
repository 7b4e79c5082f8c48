"""Query results as text: a terminal table, or the standard SPARQL 1.1 CSV and JSON results formats.

CSV and JSON follow the W3C recommendations (SPARQL 1.1 Query Results CSV and TSV Formats;
SPARQL 1.1 Query Results JSON Format), so any SPARQL tool reads what ``fengong query`` writes: CSV
has one header row of variable names and CRLF line ends, IRIs and literals as plain strings, blank
nodes as ``_:label``; JSON keeps every term's type, language and datatype.
"""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, URIRef

from .rdf import PREFIXES
from .store import Results, Term
from .tables import render_table

RESULT_FORMATS = ("table", "csv", "json")


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
    document = {
        "head": {"vars": list(results.columns)},
        "results": {"bindings": [
            {c: term_json(v) for c, v in zip(results.columns, row) if v is not None} for row in results.rows
        ]},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(results: Results) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(results.columns)
    writer.writerows([_csv_value(v) for v in row] for row in results.rows)
    return buf.getvalue()


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


def to_table(results: Results) -> str:
    return render_table(results.columns, ([compact(v) for v in row] for row in results.rows))


def render_results(results: Results, fmt: str) -> str:
    """``results`` as ``table``, ``csv`` (SPARQL CSV) or ``json`` (SPARQL JSON)."""
    if fmt == "csv":
        return to_csv(results)
    if fmt == "json":
        return to_json(results)
    return to_table(results)

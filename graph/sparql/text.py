"""SPARQL query text: writing terms, binding parameters, limiting and ordering results.

Parameters are never pasted into a query as text. Each value becomes an RDF term (a typed
literal or a checked IRI), is written with :func:`term_text` (which escapes everything the
SPARQL grammar gives a meaning to), and is joined to the query by a ``VALUES`` block placed at
the start of the query's WHERE clause (:func:`bind`). That works the same on every engine
(pyoxigraph only substitutes projected variables; rdflib's ``initBindings`` and an endpoint's
protocol differ), and a value can only ever be compared, never executed: a department name
``x" } ; DROP ALL #`` is one string literal that matches no department.

Finding "the start of the WHERE clause" needs a tokenizer that knows where strings, IRIs and
comments are, so that a brace inside one of them is not taken for syntax: :func:`_tokens`. The
same tokenizer tells whether a query is federated (:func:`federated`): a SERVICE clause makes the
engine send requests to another server, which fengong does only when the user asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_LANG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*\Z")
# IRIREF of the SPARQL grammar, without the angle brackets.
_IRI_CHARS = re.compile(r'[^<>"{}|^`\\\x00-\x20]*\Z')
FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               | '(?:[^'\\\n\r]|\\.)*'
               | "(?:[^"\\\n\r]|\\.)*")
    | (?P<var>[?$][A-Za-z0-9_]+)
    | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w.:%-]|\\[_~.\-!$&'()*+,;=/?\#@%])*)
    | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    | (?P<number>[0-9]+)
    | (?P<punct>[{}()])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


# SPARQL's code-point escapes, which the grammar lets an engine expand before it parses the query.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class QueryTextError(ValueError):
    """A query or a value that cannot be used as asked (no WHERE clause, an invalid IRI…)."""


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def _tokens(query: str) -> Iterator[_Token]:
    """Tokens that matter for finding clauses; comments and whitespace are dropped."""
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup
        if kind == "comment" or (kind == "other" and m.group().isspace()):
            continue
        yield _Token(kind, m.group(), m.start(), m.end())


def _codepoints_expanded(query: str) -> str:
    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else m.group()

    return _CODEPOINT.sub(char, query)


def federated(query: str) -> bool:
    """Whether ``query`` has a SERVICE clause, which makes the engine query another server.

    Read twice, as written and with its ``\\u`` escapes expanded: rdflib expands them before
    parsing (so ``SERVIC\\u0045`` is SERVICE to it), Oxigraph only inside strings and IRIs (so a
    ``\\u0022`` may end a string for one engine and not for the other). Either reading counts.
    """
    return any(t.kind == "word" and t.text.upper() == "SERVICE"
               for text in {query, _codepoints_expanded(query)} for t in _tokens(text))


def term_text(term: Identifier) -> str:
    """An RDF term as SPARQL text, escaped so that it can only ever be that one term."""
    if isinstance(term, URIRef):
        if not _IRI_CHARS.match(str(term)):
            raise QueryTextError(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = "".join(_ESCAPES.get(ch, f"\\u{ord(ch):04X}" if ord(ch) < 0x20 else ch) for ch in str(term))
        if term.language:
            if not _LANG.match(term.language):
                raise QueryTextError(f"not a valid language tag: {term.language!r}")
            return f'"{lexical}"@{term.language}'
        if term.datatype:
            return f'"{lexical}"^^{term_text(URIRef(term.datatype))}'
        return f'"{lexical}"'
    if isinstance(term, BNode):
        raise QueryTextError("a blank node cannot be bound: it names nothing outside one answer")
    raise QueryTextError(f"not an RDF term: {term!r}")


def _form(tokens: list[_Token]) -> str | None:
    return next((t.text.upper() for t in tokens if t.kind == "word" and t.text.upper() in FORMS), None)


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (None for an update or no query): the first of these
    keywords outside comments, strings and IRIs."""
    return _form(list(_tokens(query)))


def _where_brace(tokens: list[_Token]) -> int:
    """Index of the ``{`` that opens the WHERE clause: the first brace outside parentheses.

    Parentheses hold the expressions of the SELECT clause, which may contain ``EXISTS { … }``.
    """
    if _form(tokens) not in ("SELECT", "ASK"):
        raise QueryTextError("parameters can only be bound in SELECT and ASK queries")
    depth = 0
    for i, t in enumerate(tokens):
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif t.text == "{" and depth == 0:
            return i
    raise QueryTextError("the query has no WHERE clause")


def bind(query: str, bindings: Mapping[str, Identifier]) -> str:
    """``query`` with a ``VALUES`` block that binds each variable, first thing in its WHERE clause.

    The block joins with everything in the WHERE clause, FILTERs included (as the SPARQL
    algebra evaluates a group as one join); sub-queries do not see it, as usual in SPARQL.
    """
    if not bindings:
        return query
    for name in bindings:
        if not VARNAME.match(name):
            raise QueryTextError(f"not a variable name: {name!r}")
    tokens = list(_tokens(query))
    brace = tokens[_where_brace(tokens)]
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(term_text(t) for t in bindings.values())
    block = f"\n  VALUES ({names}) {{ ({values}) }}\n"
    return query[: brace.end] + block + query[brace.end:]


def _where_close(tokens: list[_Token]) -> int:
    """Index of the ``}`` that closes the WHERE clause: the solution modifiers follow it."""
    depth = 0
    for i in range(_where_brace(tokens), len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[i].text, 0)
        if depth == 0:
            return i
    raise QueryTextError("the WHERE clause is not closed")


def with_limit(query: str, limit: int) -> str:
    """``query`` returning at most ``limit`` rows: its own LIMIT lowered, or one added.

    The solution modifiers follow the brace that closes the WHERE clause; a trailing VALUES
    clause, if any, comes after them.
    """
    if limit < 0:
        raise QueryTextError("the limit cannot be negative")
    tokens = list(_tokens(query))
    tail = tokens[_where_close(tokens) + 1:]
    for i, t in enumerate(tail):
        if t.kind == "word" and t.text.upper() == "LIMIT" and i + 1 < len(tail) and tail[i + 1].kind == "number":
            n = tail[i + 1]
            return query[: n.start] + str(min(int(n.text), limit)) + query[n.end:]
    values = next((t for t in tail if t.kind == "word" and t.text.upper() == "VALUES"), None)
    at = values.start if values else len(query)
    return query[:at].rstrip() + f"\nLIMIT {limit}\n" + query[at:]


# -- ordering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderKey:
    """One key of an ORDER BY clause: a projected variable, ascending or descending."""

    variable: str
    descending: bool = False


def _projected(tokens: list[_Token]) -> set[str] | None:
    """The variables a SELECT clause projects (``?v`` and ``(… AS ?v)``); None for ``SELECT *``."""
    names: set[str] = set()
    depth = 0
    for i, t in enumerate(tokens[: _where_brace(tokens)]):
        depth += {"(": 1, ")": -1}.get(t.text, 0)
        if t.text == "*" and depth == 0:
            return None
        if t.kind == "var" and (depth == 0 or tokens[i - 1].text.upper() == "AS"):
            names.add(t.text[1:])
    return names


def _order_keys(tail: list[_Token]) -> tuple[OrderKey, ...] | None:
    """Keys of an ORDER BY clause made only of ``?v``, ``ASC(?v)`` and ``DESC(?v)``, up to the end."""
    keys, i = [], 0
    while i < len(tail):
        t = tail[i]
        if t.kind == "var":
            keys.append(OrderKey(t.text[1:]))
            i += 1
        elif (t.kind == "word" and t.text.upper() in ("ASC", "DESC") and i + 3 < len(tail)
              and tail[i + 1].text == "(" and tail[i + 2].kind == "var" and tail[i + 3].text == ")"):
            keys.append(OrderKey(tail[i + 2].text[1:], t.text.upper() == "DESC"))
            i += 4
        else:
            return None
    return tuple(keys) or None


def split_order(query: str) -> tuple[str, tuple[OrderKey, ...], slice | None]:
    """``query`` without its final ORDER BY clause (and the LIMIT and OFFSET after it), that
    clause's keys, and the window of rows LIMIT and OFFSET keep, so that the rows can be sorted by
    :func:`sort_rows` and cut instead of by the engine.

    Why: Oxigraph compares strings and IRIs by reading them back from its store at every
    comparison, so sorting 250,000 rows by an IRI took 28 s on a 1,000-plan store, where the
    query itself took 1 s; with a LIMIT the engine still sorts every row first (``partners
    --limit 20`` took 69 s there, 28 s without the limit). Only a clause at the very end whose
    keys are all plain projected variables is split off; otherwise (and for text that is not a
    well-formed query) the query comes back unchanged, with no keys and no window.

    >>> split_order("SELECT ?a WHERE { ?a ?p ?b } ORDER BY DESC(?a) LIMIT 3 OFFSET 1")
    ('SELECT ?a WHERE { ?a ?p ?b }\\n', (OrderKey(variable='a', descending=True),), slice(1, 4, None))
    """
    unchanged = query, (), None
    tokens = list(_tokens(query))
    if _form(tokens) != "SELECT":
        return unchanged
    try:
        tail = tokens[_where_close(tokens) + 1:]
    except QueryTextError:  # not for us to diagnose: the engine reports its own syntax errors
        return unchanged
    at = next((i for i in range(len(tail) - 1)
               if tail[i].text.upper() == "ORDER" and tail[i + 1].text.upper() == "BY"), None)
    if at is None:
        return unchanged
    clause, window = _window(tail[at + 2:])
    keys = _order_keys(clause)
    projected = _projected(tokens)
    if keys is None or projected is None or any(k.variable not in projected for k in keys):
        return unchanged
    return query[: tail[at].start].rstrip() + "\n", keys, window


def _window(tail: list[_Token]) -> tuple[list[_Token], slice | None]:
    """The tokens of an ORDER BY clause before its LIMIT and OFFSET (in either order, each at
    most once, at the very end), and the rows those keep."""
    found: dict[str, int] = {}
    while (len(tail) >= 2 and tail[-1].kind == "number" and tail[-2].kind == "word"
           and tail[-2].text.upper() in ("LIMIT", "OFFSET") and tail[-2].text.upper() not in found):
        found[tail[-2].text.upper()] = int(tail[-1].text)
        tail = tail[:-2]
    if not found:
        return tail, None
    start = found.get("OFFSET", 0)
    return tail, slice(start, start + found["LIMIT"] if "LIMIT" in found else None)


_NUMERIC = {str(XSD[n]) for n in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte")}


def order_key(kind: int, value: str, datatype: str | None = None, language: str | None = None) -> tuple:
    """SPARQL's ORDER BY ranking (0 unbound, 1 blank nodes, 2 IRIs, 3 literals), numbers by value:
    one ranking for the terms of every engine (rdflib's: :func:`rdflib_key`; Oxigraph's:
    :func:`fengong.store.local.oxigraph_key`)."""
    if kind < 3:
        return (kind, value)
    if datatype in _NUMERIC:
        try:
            return (3, 0, Decimal(value), "")
        except InvalidOperation:
            pass
    return (3, 1, value, language or "")


def rdflib_key(term: Identifier | None) -> tuple:
    """:func:`order_key` of an rdflib term."""
    if term is None:
        return (0, "")
    if isinstance(term, BNode):
        return order_key(1, str(term))
    if isinstance(term, URIRef):
        return order_key(2, str(term))
    datatype = getattr(term, "datatype", None)
    return order_key(3, str(term), None if datatype is None else str(datatype), getattr(term, "language", None))


def sort_rows(columns: tuple[str, ...], rows: list[tuple], keys: tuple[OrderKey, ...],
              key: Callable[[object], tuple] = rdflib_key) -> list[tuple]:
    """``rows`` in the order of ``keys`` (stable: one sort per key, the last key first); ``key``
    ranks one term (:func:`rdflib_key` for rdflib's terms)."""
    for k in reversed(keys):
        index = columns.index(k.variable)
        rows = sorted(rows, key=lambda row: key(row[index]), reverse=k.descending)
    return rows

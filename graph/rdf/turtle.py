"""Turtle written from N-Triples or N-Quads lines: sorted, readable, and without building a graph.

rdflib's serializer builds a Graph of Python terms and walks it (about 2 s for the sample's 5,831
triples, most of ``fengong build``). The triples are already terms in N-Triples syntax
(:mod:`.terms`), which is Turtle too; writing Turtle is then grouping them by subject and
predicate, sorting, and shortening what can be shortened:

* an IRI in one of :data:`~.terms.PREFIXES` whose local name is plain (letters, digits, ``_``,
  ``-``) becomes a prefixed name (``fg:Unit``); any other stays ``<…>``;
* ``rdf:type`` is ``a`` and comes first; the other predicates follow in IRI order;
* an ``xsd:integer`` is written bare (``fg:start 331``), another datatype by its prefixed name;
* a predicate with several objects puts each on its own line, in the order of their N-Triples text.

The layout is rdflib's ``longturtle`` (``PREFIX`` lines, one subject a block closed by ``.``), in
one fixed order: subjects by their term's text. The same triples give the same bytes, whatever the
order of the lines or the repetitions among them (a corpus sends the shared graph once per plan).

    >>> print(turtle(['<https://w3id.org/fengong/ns#x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
    ...               '<https://w3id.org/fengong/ns#Unit> .',
    ...               '<https://w3id.org/fengong/ns#x> <https://w3id.org/fengong/ns#start> '
    ...               '"3"^^<http://www.w3.org/2001/XMLSchema#integer> <https://w3id.org/fengong/id/g> .']), end="")
    PREFIX fg: <https://w3id.org/fengong/ns#>
    <BLANKLINE>
    fg:x
        a fg:Unit ;
        fg:start 3 ;
    .
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .terms import A, PREFIXES

# One line of N-Triples or N-Quads: subject, predicate, object (a literal read whole, whatever
# spaces or quotes it holds), and the graph, which Turtle drops.
_LINE = re.compile(r'(\S+) (\S+) ("[^"\\]*(?:\\.[^"\\]*)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?|\S+)(?: \S+)? \.\s*')
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_INTEGER = re.compile(r'"([+-]?[0-9]+)"\^\^<http://www\.w3\.org/2001/XMLSchema#integer>')
_NAMESPACES = {ns: prefix for prefix, ns in PREFIXES.items()}
INDENT = "    "


class TurtleError(ValueError):
    """A line that is not N-Triples or N-Quads."""


Subjects = dict[str, dict[str, set[str]]]  # subject term → predicate term → object terms


def turtle(lines: Iterable[str]) -> str:
    """The triples of ``lines`` (N-Triples or N-Quads, one statement a line; blank lines and
    comments skipped) as Turtle, the named graphs merged."""
    return write(group(lines))


def group(lines: Iterable[str]) -> Subjects:
    """The distinct triples of ``lines``, by subject and predicate. Raises TurtleError for a line
    that is not a statement."""
    subjects: Subjects = defaultdict(lambda: defaultdict(set))
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise TurtleError(f"not an N-Triples or N-Quads statement: {line[:80]!r}")
        s, p, o = match.groups()
        subjects[s][p].add(o)
    return subjects


def count(subjects: Subjects) -> int:
    """The number of triples :func:`group` found."""
    return sum(len(objects) for predicates in subjects.values() for objects in predicates.values())


def write(subjects: Subjects) -> str:
    """Grouped triples as Turtle text, in the order the module's docstring gives."""
    terms = _Terms()
    blocks = [_block(s, subjects[s], terms) for s in sorted(subjects)]
    header = "".join(f"PREFIX {prefix}: <{PREFIXES[prefix]}>\n" for prefix in sorted(terms.used))
    return header + "".join(f"\n{block}\n.\n" for block in blocks)


def _block(subject: str, predicates: dict[str, set[str]], terms: _Terms) -> str:
    out = [terms.text(subject)]
    for p in sorted(predicates, key=lambda p: (p != A, p)):
        verb = "a" if p == A else terms.text(p)
        objects = [terms.text(o) for o in sorted(predicates[p])]
        if len(objects) == 1:
            out.append(f"{INDENT}{verb} {objects[0]} ;")
        else:
            listed = f" ,\n{INDENT * 2}".join(objects)
            out.append(f"{INDENT}{verb}\n{INDENT * 2}{listed} ;")
    return "\n".join(out)


class _Terms:
    """Terms as Turtle writes them, each worked out once (a graph names the same bodies, classes
    and counts on block after block), and the prefixes they used."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.seen: dict[str, tuple[str, str | None]] = {}

    def text(self, term: str) -> str:
        if term not in self.seen:
            self.seen[term] = _written(term)
        text, prefix = self.seen[term]
        if prefix is not None:
            self.used.add(prefix)
        return text


def _written(term: str) -> tuple[str, str | None]:
    """A term as Turtle writes it, and the prefix that takes (None when none)."""
    if not term.startswith('"'):
        return _shortened(term)
    integer = _INTEGER.fullmatch(term)
    if integer:
        return integer.group(1), None
    if term.endswith(">"):
        value, datatype = term.rsplit("^^", 1)
        name, prefix = _shortened(datatype)
        return f"{value}^^{name}", prefix
    return term, None


def _shortened(term: str) -> tuple[str, str | None]:
    """An IRI term as a prefixed name where one of the prefixes covers it (and that prefix);
    other terms as they are."""
    if not term.startswith("<"):
        return term, None
    iri = term[1:-1]
    cut = max(iri.rfind("#"), iri.rfind("/")) + 1
    prefix = _NAMESPACES.get(iri[:cut])
    if prefix is None or not _LOCAL.fullmatch(iri[cut:]):
        return term, None
    return f"{prefix}:{iri[cut:]}", prefix

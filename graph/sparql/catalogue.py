"""The named queries: ``queries/*.rq``, each described by the header comment it opens with.

A header is the block of ``#`` lines at the top of the file. Fields start with ``# key: value``;
lines indented further (``#   more text``) continue the field above. ::

    # title: Departments above an accountable-load threshold
    # description:
    #   Departments whose accountable load (lead + responsible + joint) is above a threshold …
    # param: threshold integer = 10
    #   Report departments with more accountable assignments than this.
    # example: fengong query above-threshold --param threshold=20

``title``, ``description`` and at least one ``example`` are required; ``param`` may repeat and
reads ``NAME TYPE [= DEFAULT | optional]``, its description on the lines below. A parameter with
neither a default nor ``optional`` is required; an optional one left out is not bound at all, so
its variable ranges over everything (``# param: plan iri optional``: one plan, or every plan).
Types: string, name, integer, decimal, date, iri. A ``name`` is a Chinese name as the graph
writes its labels (``"自治区质监局"@zh``): matched as a label term, it lets an engine look the body
up in its index instead of comparing every label as a string. The query refers to a parameter as ``?NAME``; the
value is bound by a VALUES block (:func:`fengong.sparql.text.bind`), never pasted.

The header is the single source of ``fengong query --list`` and of the README catalogue, so the
three cannot disagree.

The SPARQL fengong's own code runs (the English names of bodies, the texts the network page shows,
the checks of ``fengong push`` and of an endpoint…) lives in ``queries/internal/``, with the same
headers, so that every SPARQL text is a ``.rq`` file that can be read, run (``fengong query
queries/internal/NAME.rq``) and tested on every engine. Those are not questions for users:
:func:`catalogue` leaves them out, and the code loads each by name with :func:`internal`.
"""

from __future__ import annotations

import datetime
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from ..resources import queries_dir
from .text import VARNAME, QueryTextError, term_text

FIELDS = ("title", "description", "param", "example")
_FIELD = re.compile(r"# (?P<key>[a-z]+):(?P<value>.*)\Z")
_MORE = re.compile(r"#(?: {2,}(?P<text>.*)|\s*)\Z")
_PARAM = re.compile(r"(?P<name>\S+)\s+(?P<type>\S+)(?:\s*=\s*(?P<default>.*?)|\s+(?P<optional>optional))?\s*\Z")


class CatalogueError(ValueError):
    """A query file whose header cannot be read, or a parameter value that does not fit."""


def _iri(value: str) -> URIRef:
    term = URIRef(value)
    try:
        term_text(term)
    except QueryTextError as err:
        raise ValueError(str(err)) from None
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise ValueError(f"not an absolute IRI: {value!r}")
    return term


def _integer(value: str) -> Literal:
    return Literal(str(int(value.strip())), datatype=XSD.integer)


def _decimal(value: str) -> Literal:
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(f"not a decimal number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return Literal(str(number), datatype=XSD.decimal)


def _name(value: str) -> Literal:
    return Literal(value, lang="zh")


def _date(value: str) -> Literal:
    return Literal(datetime.date.fromisoformat(value.strip()).isoformat(), datatype=XSD.date)


TYPES = {
    "string": Literal,  # a plain literal (xsd:string); queries compare it with STR()
    "name": _name,
    "integer": _integer,
    "decimal": _decimal,
    "date": _date,
    "iri": _iri,
}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str
    optional: bool = False

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def term(self, value: str) -> Identifier:
        """``value`` (as typed on the command line) as an RDF term of this parameter's type."""
        try:
            return TYPES[self.type](value)
        except ValueError as err:
            raise CatalogueError(f"--param {self.name}: {value!r} is not a valid {self.type} ({err})") from None

    def usage(self) -> str:
        if self.optional:
            return f"{self.name}={self.type.upper()} (optional)"
        return f"{self.name}={self.type.upper()}" + ("" if self.required else f" (default {self.default})")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    examples: tuple[str, ...]
    text: str
    header: bool = True  # False for a query without a header (-e, or a .rq file of one's own)

    def parameter(self, name: str) -> Parameter:
        """The declared parameter ``name``: code that shares a number with a query (the ``min`` of
        ``diffuse``) reads it from the header, so that it is written once."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise CatalogueError(f"{self.name} has no parameter {name}")

    def example_params(self) -> dict[str, str]:
        """The ``--param`` values of the first example: the call the README shows."""
        words = shlex.split(self.examples[0]) if self.examples else []
        return dict(words[i + 1].split("=", 1) for i, w in enumerate(words[:-1]) if w in ("--param", "-p"))

    def bindings(self, given: Mapping[str, str]) -> dict[str, Identifier]:
        """Terms for every parameter: the given values, else the defaults; unknown names refused.

        A query without a header (``-e``, or a file of one's own) binds any given name as a
        string, so ad-hoc queries can still take values safely.
        """
        declared = {p.name: p for p in self.parameters}
        if not self.header:
            for name in given:
                if not VARNAME.match(name):
                    raise CatalogueError(f"--param {name}: not a variable name")
            return {name: Literal(value) for name, value in given.items()}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            known = f"it takes: {', '.join(declared)}" if declared else "it takes none"
            raise CatalogueError(f"{self.name} has no parameter {', '.join(unknown)} ({known})")
        out: dict[str, Identifier] = {}
        for p in self.parameters:
            value = given.get(p.name, p.default)
            if value is None and p.optional:
                continue
            if value is None:
                raise CatalogueError(f"{self.name} needs --param {p.name}=… ({p.description})")
            out[p.name] = p.term(value)
        return out


def parse(name: str, text: str) -> NamedQuery:
    """A named query from the text of its ``.rq`` file; raises CatalogueError on a bad header."""
    fields: list[tuple[str, list[str]]] = []
    lines = text.splitlines()
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    for number, line in enumerate(lines[:header], start=1):
        line = line.rstrip()
        field, more = _FIELD.match(line), _MORE.match(line)
        if field:
            key = field.group("key")
            if key not in FIELDS:
                raise CatalogueError(f"{name}.rq:{number}: unknown header field {key!r} (known: {', '.join(FIELDS)})")
            fields.append((key, [field.group("value").strip()]))
        elif more and fields:
            fields[-1][1].append((more.group("text") or "").strip())
        else:
            raise CatalogueError(f"{name}.rq:{number}: header lines are '# key: value' or '#   continued text'")
    values: dict[str, list[list[str]]] = {}
    for key, field_lines in fields:
        values.setdefault(key, []).append(field_lines)
    for key in ("title", "description", "example"):
        if key not in values:
            raise CatalogueError(f"{name}.rq: the header has no {key}")
    for key in ("title", "description"):
        if len(values[key]) > 1:
            raise CatalogueError(f"{name}.rq: the header has more than one {key}")
    params = tuple(_param(name, field_lines) for field_lines in values.get("param", []))
    body = "\n".join(lines[header:])
    for p in params:
        if not re.search(rf"[?$]{p.name}\b", body):
            raise CatalogueError(f"{name}.rq: parameter {p.name} is not used as ?{p.name} in the query")
    return NamedQuery(
        name=name,
        title=_join(values["title"][0]),
        description=_join(values["description"][0]),
        parameters=params,
        examples=tuple(_join(lines) for lines in values["example"]),
        text=text,
    )


def _join(lines: list[str]) -> str:
    return " ".join(line for line in lines if line)


def _param(name: str, lines: list[str]) -> Parameter:
    m = _PARAM.match(lines[0])
    if not m or not VARNAME.match(m.group("name")) or m.group("type") not in TYPES:
        raise CatalogueError(
            f"{name}.rq: 'param: {lines[0]}' should read 'NAME TYPE [= DEFAULT | optional]' with TYPE one of {', '.join(TYPES)}")
    p = Parameter(m.group("name"), m.group("type"), m.group("default"), _join(lines[1:]), bool(m.group("optional")))
    if p.default is not None:
        p.term(p.default)  # a default that does not fit its type is an error in the file
    return p


INTERNAL = "internal"  # the sub-folder of queries/ that holds the queries fengong's code runs
_QUERY_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _files(folder: Traversable) -> dict[str, Traversable]:
    """The ``.rq`` files of ``folder`` by name (the file name without ``.rq``); sub-folders left out."""
    return {f.name[:-3]: f for f in folder.iterdir() if f.name.endswith(".rq") and f.is_file()}


def catalogue() -> dict[str, NamedQuery]:
    """Every named query shipped in ``queries/``, by name (the file name without ``.rq``), sorted.

    Only the questions for users: the queries of ``queries/internal/`` are not among them.
    """
    files = _files(queries_dir())
    return {name: parse(name, files[name].read_text(encoding="utf-8")) for name in sorted(files)}


def internal_names() -> tuple[str, ...]:
    """The names of the queries in ``queries/internal/``, sorted: for the tests that run them all."""
    return tuple(sorted(_files(queries_dir().joinpath(INTERNAL))))


@cache
def internal(name: str) -> NamedQuery:
    """The query ``queries/internal/NAME.rq`` that fengong's own code runs; its parameters are
    bound like any named query's (``store.select(q.text, q.bindings({...}))``), never pasted.

    Read once per process: the files are part of the package, and some are run for every store.
    Raises CatalogueError for a name with no such file (a bug in the caller, not in the input).
    """
    file = queries_dir().joinpath(INTERNAL).joinpath(f"{name}.rq") if _QUERY_NAME.match(name) else None
    if file is None or not file.is_file():
        raise CatalogueError(f"no internal query {name!r} in queries/{INTERNAL}/")
    return parse(name, file.read_text(encoding="utf-8"))


def load(name_or_file: str) -> NamedQuery:
    """A named query by name, or any ``.rq`` file by path (its header optional)."""
    if name_or_file.endswith(".rq") or "/" in name_or_file:
        path = Path(name_or_file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise CatalogueError(f"{name_or_file}: {err.strerror or err}") from None
        return parse(path.stem, text) if text.startswith("# title:") else adhoc(text, path.stem)
    # Only the file asked for is read: code that shares a number with a query reads it at import.
    file = _files(queries_dir()).get(name_or_file)
    if file is None:
        raise CatalogueError(f"no named query {name_or_file!r} (fengong query --list shows them)")
    return parse(name_or_file, file.read_text(encoding="utf-8"))


def adhoc(text: str, name: str = "query") -> NamedQuery:
    """A query without a header (``-e``): no declared parameters, no description."""
    return NamedQuery(name=name, title="", description="", parameters=(), examples=(), text=text, header=False)


def markdown(queries: Mapping[str, NamedQuery]) -> str:
    """The catalogue as the README shows it: one row per query."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| query | question | parameters |", "|---|---|---|"]
    for q in queries.values():
        params = "<br>".join(f"`{cell(p.usage())}`" for p in q.parameters) or "—"
        lines.append(f"| `{q.name}` | **{cell(q.title)}.** {cell(q.description)} | {params} |")
    return "\n".join(lines) + "\n"

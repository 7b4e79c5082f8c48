"""The embedded engines: Oxigraph (the default, fast) and rdflib's own (a second reading of the standard)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.util import guess_format

from ..rdf.terms import to_rdflib
from ..sparql.results import Results, Term
from ..sparql.text import order_key, sort_rows, split_order
from .base import StoreError, _bound, _first_line, _graph_path, rdf_format


class OxigraphStore:
    """The embedded default: Oxigraph, in memory or on disk (``path``).

    Queries see the union of all named graphs as their default graph, so the same query answers
    the same whether each plan sits in its own named graph or all in the default graph.
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False, allow_federation: bool = False) -> None:
        self.allow_federation = allow_federation
        if path is None:
            self.store = ox.Store()
        elif read_only:
            if not Path(path).is_dir():
                raise StoreError(f"{path}: no such store folder")
            try:
                self.store = ox.Store.read_only(str(path))
            except OSError as err:
                raise StoreError(f"{path}: not an Oxigraph store ({_first_line(err)})") from None
        else:
            self.store = ox.Store(str(path))

    @classmethod
    def from_file(cls, graph_file: str | Path, allow_federation: bool = False) -> OxigraphStore:
        store = cls(allow_federation=allow_federation)
        store.load(graph_file)
        return store

    def load(self, graph_file: str | Path, graph: str | None = None) -> None:
        """Add a graph file's triples (into named graph ``graph`` if given; quads keep theirs)."""
        path = _graph_path(graph_file)
        target = ox.NamedNode(graph) if graph else None
        try:
            self.store.bulk_load(path=str(path), format=rdf_format(path), to_graph=target)
        except (SyntaxError, OSError, ValueError) as err:
            raise StoreError(f"{graph_file}: cannot be read as RDF: {_first_line(err)}") from None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        # A final ORDER BY of plain variables, and the LIMIT and OFFSET after it, are done here,
        # on Oxigraph's own terms (see split_order); only the rows kept become rdflib terms.
        text, order, window = split_order(_bound(query, bindings, self.allow_federation))
        # Evaluation is lazy: a SERVICE that cannot be reached fails while the rows are read.
        try:
            solutions = self.store.query(text, use_default_graph_as_union=True)
            if not isinstance(solutions, ox.QuerySolutions):
                raise StoreError("fengong runs SELECT queries (this one is ASK, CONSTRUCT or DESCRIBE)")
            columns = tuple(v.value for v in solutions.variables)
            raw = [tuple(s) for s in solutions]
        except (SyntaxError, OSError, ValueError) as err:
            raise StoreError(f"the query failed: {_first_line(err)}") from None
        if order:
            raw = sort_rows(columns, raw, order, key=oxigraph_key)
        if window is not None:
            raw = raw[window]
        return Results(columns, _converted(raw))


def oxigraph_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> tuple:
    """:func:`fengong.sparql.text.order_key` of an Oxigraph term."""
    if term is None:
        return (0, "")
    if isinstance(term, ox.Literal):
        return order_key(3, term.value, term.datatype.value, term.language)
    return order_key(1 if isinstance(term, ox.BlankNode) else 2, term.value)


def _converted(rows: list[tuple]) -> list[tuple[Term | None, ...]]:
    """Rows of Oxigraph terms as rdflib's, each distinct term converted once: building an rdflib
    Literal costs ~10 µs, and big answers repeat the same names and counts on row after row."""
    converted: dict[object, Term | None] = {None: None}

    def term(value: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Term | None:
        if value not in converted:
            converted[value] = to_rdflib(value)
        return converted[value]

    return [tuple(map(term, row)) for row in rows]


# -- rdflib -----------------------------------------------------------------------------------


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """rdflib 7.6's own Dataset code reads its deprecated ``default_context`` on every triple
    lookup in a union default graph, and its deprecated ``contexts`` for every ``GRAPH ?g``: one
    DeprecationWarning per lookup, about rdflib, not us."""
    with warnings.catch_warnings():
        for message in ("Dataset.default_context is deprecated", "Dataset.contexts is deprecated"):
            warnings.filterwarnings("ignore", message, DeprecationWarning)
        yield


@contextmanager
def _graphs_not_fetched() -> Iterator[None]:
    """rdflib's engine fetches a graph that a FROM clause names and the dataset lacks, from the
    web; fengong's FROM names graphs of the store, as on every other engine."""
    import rdflib.plugins.sparql as engine  # here: 0.3 s to import, for the rdflib engine only

    fetching = engine.SPARQL_LOAD_GRAPHS
    engine.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        engine.SPARQL_LOAD_GRAPHS = fetching


class RdflibStore:
    """rdflib's own SPARQL engine over an in-memory dataset: slow, but a second reading of the
    standard to compare the named queries against. Its default graph is the union of all graphs."""

    def __init__(self, allow_federation: bool = False) -> None:
        self.dataset = Dataset(default_union=True)
        self.allow_federation = allow_federation

    @classmethod
    def from_file(cls, graph_file: str | Path, allow_federation: bool = False) -> RdflibStore:
        store = cls(allow_federation)
        store.load(graph_file)
        return store

    def load(self, graph_file: str | Path) -> None:
        path = _graph_path(graph_file)
        try:
            with _quiet_rdflib():
                self.dataset.parse(path, format=guess_format(str(path)) or "turtle")
        except Exception as err:  # rdflib raises many unrelated types for bad input
            raise StoreError(f"{graph_file}: cannot be read as RDF: {_first_line(err)}") from None

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        try:
            with _quiet_rdflib(), _graphs_not_fetched():
                result = self.dataset.query(_bound(query, bindings, self.allow_federation))
                rows = [tuple(row) for row in result] if result.type == "SELECT" else []
        except Exception as err:  # pyparsing and evaluation errors alike
            raise StoreError(f"the query failed: {_first_line(err)}") from None
        if result.type != "SELECT":
            raise StoreError("fengong runs SELECT queries (this one is ASK, CONSTRUCT or DESCRIBE)")
        columns = tuple(str(v) for v in result.vars)
        return Results(columns, rows)

"""What every store shares: the protocol, its one error type, and how a query is made ready to send."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # loaded when a store is used, not when a command's options are read
    import pyoxigraph as ox

    from ..sparql.results import Results, Term

DEFAULT_TIMEOUT = 60.0
# Environment variables with an endpoint's credentials: never on the command line, where they
# would end up in shell history and in the process list.
USER_ENV, PASSWORD_ENV, AUTH_ENV = "FENGONG_ENDPOINT_USER", "FENGONG_ENDPOINT_PASSWORD", "FENGONG_ENDPOINT_AUTH"
DEFAULT_BATCH = 2000  # triples per request when a graph is pushed to a store (fengong.store.publish)


class StoreError(Exception):
    """A store that cannot answer: a missing file, a bad query, an endpoint down or failing.

    ``str(err)`` is one line, fit to print after ``error:``.
    """


class Store(Protocol):
    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        """Run a SELECT query; ``bindings`` pre-bind variables (by name, without ``?``) safely."""
        ...


def _bound(query: str, bindings: Mapping[str, Term] | None, allow_federation: bool) -> str:
    """The query to send: its parameters bound, and refused if it would reach another server."""
    from ..sparql.text import QueryTextError, bind, federated

    if not allow_federation and federated(query):
        raise StoreError("the query has a SERVICE clause, which sends requests to another server "
                         "(allow it with allow_federation=True, or --allow-federation on the command line)")
    try:
        return bind(query, bindings or {})
    except QueryTextError as err:
        raise StoreError(str(err)) from None


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF syntax of a graph file, from its extension (Turtle when unknown)."""
    import pyoxigraph as ox

    return ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE


def _graph_path(graph_file: str | Path) -> Path:
    path = Path(graph_file)
    if not path.is_file():
        raise StoreError(f"{graph_file}: no such file (run fengong build first)")
    return path

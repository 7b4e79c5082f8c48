"""The graph written as a file: Turtle (one graph), TriG or N-Quads (a named graph per plan)."""

from __future__ import annotations

from pathlib import Path

from ..output import write_atomic

# pyoxigraph and rdflib are imported by the functions that write, so that `fengong build --help`
# reads GRAPH_FILES without them.
GRAPH_FILES = {"ttl": "graph.ttl", "trig": "graph.trig", "nq": "graph.nq"}


def write_graph(nquads: bytes, graph_file: Path) -> int:
    """Write the plans' N-Quads as ``graph_file``: Turtle (one graph, sorted and readable:
    :mod:`fengong.rdf.turtle`), TriG or N-Quads (a named graph per plan), by its suffix; returns
    the number of triples or quads written."""
    import pyoxigraph as ox

    from ..rdf import PREFIXES
    from ..rdf.turtle import count, group, write

    if graph_file.suffix == ".ttl":
        triples = group(nquads.decode("utf-8").splitlines())
        write_atomic(graph_file, write(triples))
        return count(triples)
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    trig = graph_file.suffix == ".trig"
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG if trig else ox.RdfFormat.N_QUADS,
                        prefixes=PREFIXES if trig else None)
    write_atomic(graph_file, data)
    return len(quads)


def dump_store(store_dir: str | Path, graph_file: Path) -> None:
    """Write every named graph of an on-disk store as ``graph_file`` (TriG or N-Quads)."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.TRIG if graph_file.suffix == ".trig" else ox.RdfFormat.N_QUADS
    write_atomic(graph_file, ox.Store.read_only(str(store_dir)).dump(format=fmt))

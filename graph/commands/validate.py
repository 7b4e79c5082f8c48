"""``fengong validate``: check a built graph against the SHACL shapes and the ontology."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import DEFAULT_GRAPH, EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE


@click.command()
@click.option("--graph", "graph_file", default=DEFAULT_GRAPH, show_default=True, type=click.Path(dir_okay=False),
              help="The Turtle file to check (what fengong build wrote).")
def validate(graph_file: str) -> None:
    """Check a graph against ontology/shapes.ttl and the fengong ontology.

    Prints one line per violation (focus node, property, message) and exits with 1 when there
    is any, 0 when the graph conforms, 2 when the file cannot be read as Turtle.
    """
    from rdflib import Graph  # rdflib and pySHACL: loaded to validate, not for --help

    from ..rdf.validate import validate_graph

    path = Path(graph_file)
    if not path.exists():
        click.echo(f"error: {graph_file}: no such file (run fengong build first)", err=True)
        sys.exit(EXIT_UNUSABLE)
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as err:  # rdflib raises several unrelated types for bad Turtle
        click.echo(f"error: {graph_file}: not valid Turtle: {err}".splitlines()[0], err=True)
        sys.exit(EXIT_UNUSABLE)
    violations = validate_graph(graph)
    for v in violations:
        click.echo(v.format())
    if violations:
        click.echo(f"{graph_file}: {len(violations)} violations", err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(f"{graph_file}: conforms ({len(graph)} triples)")
    sys.exit(EXIT_OK)

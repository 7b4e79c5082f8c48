#!/usr/bin/env python3
"""Named queries on the sample plan: embedded Oxigraph against rdflib's own SPARQL engine.

    python bench/queries.py [--repeat 5] [--markdown]

Loads the sample plan's graph (as ``fengong build`` writes it) into both engines, runs every named
query with its README example's parameters ``--repeat`` times, and prints the median wall time
per query and engine, with the load times. ``--markdown`` appends the table to bench/README.md.
Corpus-scale figures are in ``bench/run.py``. Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import timeit
from pathlib import Path

from fengong import parse_text
from fengong.sparql.catalogue import catalogue
from fengong.rdf import plan_graph, to_turtle
from fengong.read import read_sample
from fengong.store import OxigraphStore, RdflibStore

HERE = Path(__file__).resolve().parent


def timed(function, repeat: int) -> float:
    """Median wall time of ``repeat`` calls, in milliseconds."""
    return statistics.median(timeit.repeat(function, number=1, repeat=repeat)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per query and engine (median reported)")
    parser.add_argument("--markdown", action="store_true", help="append the table to bench/README.md")
    args = parser.parse_args()

    source = read_sample()
    turtle = to_turtle(plan_graph(parse_text(source.text, source=source.name)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.ttl"
        path.write_text(turtle, encoding="utf-8")
        load = {"oxigraph": timed(lambda: OxigraphStore.from_file(path), args.repeat),
                "rdflib": timed(lambda: RdflibStore.from_file(path), args.repeat)}
        stores = {"oxigraph": OxigraphStore.from_file(path), "rdflib": RdflibStore.from_file(path)}

    rows = []
    for name, query in catalogue().items():
        bindings = query.bindings(query.example_params())
        ms = {engine: timed(lambda s=store: s.select(query.text, bindings), args.repeat)
              for engine, store in stores.items()}
        rows.append((name, ms["oxigraph"], ms["rdflib"]))
        print(f"{name:18} oxigraph {ms['oxigraph']:8.1f} ms   rdflib {ms['rdflib']:8.1f} ms", file=sys.stderr)

    total_ox, total_rdf = sum(r[1] for r in rows), sum(r[2] for r in rows)
    lines = [
        "", "## Named queries on the sample plan", "",
        f"`python bench/queries.py --repeat {args.repeat}` ({platform.machine()}, {platform.python_version()}): "
        "median wall time of each named query with its README example's parameters, on the sample plan's "
        f"graph loaded from Turtle (load: Oxigraph {load['oxigraph']:.0f} ms, rdflib {load['rdflib']:.0f} ms).",
        "", "| query | Oxigraph (ms) | rdflib (ms) | rdflib / Oxigraph |", "|---|---:|---:|---:|",
    ]
    lines += [f"| `{n}` | {o:.1f} | {r:.1f} | {r / o:.0f}× |" for n, o, r in rows]
    lines.append(f"| all | {total_ox:.0f} | {total_rdf:.0f} | {total_rdf / total_ox:.0f}× |")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.markdown:
        with open(HERE / "README.md", "a", encoding="utf-8") as f:
            f.write(table)


if __name__ == "__main__":
    main()

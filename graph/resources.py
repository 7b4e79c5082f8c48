"""Where fengong's data files live.

The ontology, gazetteer, named queries and sample plan sit beside the package in a source checkout
(``ontology/``, ``queries/``, ``samples/``) and inside it in an installed wheel (``fengong.ontology``
…): ``pyproject.toml`` maps both layouts onto the same package names, so reading them through
:mod:`importlib.resources` works in either.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

SAMPLE_PLAN = "neimenggu-2016-quality-plan.txt"


def ontology_file(name: str) -> Traversable:
    """A file of ``ontology/`` (Turtle, TSV)."""
    return resources.files("fengong.ontology").joinpath(name)


def queries_dir() -> Traversable:
    """The folder of named SPARQL queries (``queries/*.rq``)."""
    return resources.files("fengong.queries")


def sample_plan() -> Traversable:
    """The bundled sample plan: the default input of ``fengong build``."""
    return resources.files("fengong.samples").joinpath(SAMPLE_PLAN)


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated table in ``ontology/``; lines starting with ``#`` are comments.

    Empty cells come back as ``""``; the header row names the keys.
    """
    text = ontology_file(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)

"""fengong (分工): Chinese government division-of-labour plans as a knowledge graph of responsibilities.

The public API, one function per job, in the order the data flows:

    >>> import fengong
    >>> from fengong.resources import sample_plan
    >>> plan = fengong.parse(sample_plan())                  # a file: text, web page, Word or PDF
    >>> len(plan.assignments), plan.assignments[0].department.name
    (274, '内蒙古自治区农牧业厅')
    >>> plan = fengong.parse_text("一、主要任务\\n1.建立质量信用平台。（由自治区质监局负责）")
    >>> [(a.surface, a.role.value) for a in plan.assignments]
    [('自治区质监局', 'responsible')]

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> built = fengong.build(out_dir=out, analysis=False, pages=False)   # the bundled sample plan
    >>> built.graph.triples
    5831
    >>> store = fengong.open_store(graph=out / "graph.ttl")
    >>> top = fengong.query(store, "workload").records()[0]
    >>> top["department"], top["accountable"], top["support"]
    ('内蒙古自治区质量技术监督局', 35, 14)
    >>> analysis = fengong.analyse(store)
    >>> [(d.short_name, d.load) for d in analysis.overloaded[:2]], analysis.fence.q3 + 1.5 * (analysis.fence.q3 - analysis.fence.q1)
    ([('自治区质监局', 34.5), ('自治区发展改革委', 8.5)], 6.46875)
    >>> html = fengong.viz.network_page(store, "coordination")
    >>> html.startswith("<!DOCTYPE html>")
    True

* :func:`parse` / :func:`parse_text` — a plan (a file, or text) into a :class:`~fengong.model.Plan`
  (``fengong.parse`` is the parse stage's package, callable: :func:`fengong.parse.parse_file`);
* :func:`build` — ``fengong build``: plans into a graph file or store, with the analysis and pages;
* :func:`open_store` — a graph file, an on-disk store or a SPARQL endpoint, to query;
* :func:`query` — a named query of ``queries/`` (or any SELECT) with its parameters bound safely;
* :func:`analyse` — workload, overload and coordination figures of a store;
* :func:`fengong.viz.network_page` — an interactive network page of a store.

The stages live in subpackages whose names say the flow (README, "Layout"): ``read`` → ``parse``
→ ``model`` → ``rdf`` → ``sparql`` + ``store`` → ``analysis``, ``viz`` → ``pipeline`` → ``commands``.
Only this module is loaded by ``import fengong``; each function loads its stage when first called.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .version import __version__

if TYPE_CHECKING:
    from .model import Assignment, Clause, Department, Item, Plan, Role, Unit
    from .analysis.run import Analysis
    from .pipeline.build import Built
    from .sparql.results import Results
    from .store import Store

__all__ = [
    "Assignment", "Clause", "Department", "Item", "Plan", "Role", "Unit", "__version__",
    "analyse", "build", "open_store", "parse", "parse_text", "query", "viz",
]


def build(inputs=(), out_dir="out", **options) -> Built:
    """``fengong build`` as a function (see :func:`fengong.pipeline.build.build` for the options)."""
    from .pipeline.build import build as build_job

    return build_job(inputs, out_dir, **options)


def open_store(graph=None, store=None, endpoint=None, **options) -> Store:
    """The graph to query: a graph file, an on-disk store or a SPARQL 1.1 endpoint, exactly one
    (see :func:`fengong.store.open_store` for the options)."""
    from .store import open_store as open_one

    return open_one(graph, store, endpoint, **options)


def query(store: Store, name: str, **params: str) -> Results:
    """Run the named query ``name`` (``fengong query --list``), a ``.rq`` file, or a SELECT text,
    with ``params`` bound by its header's types (never pasted into the text).

    Raises :class:`fengong.sparql.catalogue.CatalogueError` for an unknown query or a bad value,
    :class:`fengong.store.StoreError` when the store cannot answer.
    """
    from .sparql.catalogue import adhoc, load

    named = adhoc(name) if name.lstrip().upper().startswith(("SELECT", "PREFIX", "BASE")) else load(name)
    return store.select(named.text, named.bindings(params))


def analyse(store: Store, plan: str | None = None, **options) -> Analysis:
    """Workload, overload fence, concentration and coordination network of the plans in
    ``store`` (of one ``plan`` IRI if given); see :func:`fengong.analysis.run.analyse` for the options."""
    from .analysis.run import analyse_store

    return analyse_store(store, plan, **options)


def parse_text(text: str, source: str = "-", doc_id: str | None = None) -> Plan:
    """Parse the text of one plan (:func:`fengong.parse.plan.parse_text`)."""
    from .parse import parse_text as parse_plan_text

    return parse_plan_text(text, source, doc_id)


_MODEL = ("Assignment", "Clause", "Department", "Item", "Plan", "Role", "Unit")


def __getattr__(name: str):
    # Subpackages of the API, loaded on first use: the parser's tables and the page templates
    # take most of a second, which ``fengong --help`` should not pay (nor the model's classes).
    if name in ("parse", "viz"):
        return import_module(f".{name}", __name__)
    if name in _MODEL:
        return getattr(import_module(".model", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Workload and coordination analysis: which bureaus carry too much, and who coordinates whom.

Everything is computed from the graph, read through SPARQL (the named query ``assignments``), so it
works the same on one plan, on a corpus store and on a remote endpoint. The functions are plain:
assignments in, lists of small dataclasses out; :func:`frame` turns any of them into a pandas
DataFrame in a notebook.

    >>> from fengong.store import OxigraphStore
    >>> from fengong.analysis import load_assignments, department_loads, frame
    >>> store = OxigraphStore.from_file("out/graph.ttl")          # doctest: +SKIP
    >>> loads = department_loads(load_assignments(store))         # doctest: +SKIP
    >>> frame(loads)[["short_name", "lead", "support", "load", "overloaded"]].head()  # doctest: +SKIP

Modules, one concern each: :mod:`.data` (reading the assignments), :mod:`.stats` (quantiles,
Tukey's fence, Gini), :mod:`.workload` (per department and section), :mod:`.units` (per unit of
work), :mod:`.network` (projections, centralities, communities, GraphML/GEXF), :mod:`.charts`,
:mod:`.report`, :mod:`.display` (naming departments in Chinese or in English), :mod:`.run` (one
run of all of them), :mod:`.outputs` (the files) and :mod:`.job` (a run written to a folder, as
``fengong analyze`` and ``fengong build`` do).
"""

from ..lazy import exports

# name → module. Loaded on first use (PEP 562), so that ``fengong`` commands that do not analyse
# do not pay for importing networkx and matplotlib.
_EXPORTS = {
    "Assignment": "data", "assignments_from_records": "data", "load_assignments": "data",
    "Unit": "data", "load_units": "data", "short_names": "data", "units_from_records": "data",
    "frame": "frames",
    "analyse_network": "network", "coordination_graph": "network", "degree_centralisation": "network",
    "support_graph": "network",
    "Analysis": "run", "analyse": "run", "analyse_store": "run", "analyse_into": "job",
    "gini": "stats", "quantile": "stats", "top_share": "stats", "tukey_fence": "stats",
    "unit_coordination": "units", "unit_summary": "units",
    "DEFAULT_WEIGHTS": "workload", "Weights": "workload", "concentration": "workload",
    "department_loads": "workload", "overload_fence": "workload", "parse_weights": "workload",
    "section_loads": "workload",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = exports(__name__, _EXPORTS)

"""Writing one analysis to a folder: the CSV tables, ``summary.csv``, the charts, the network files
and ``report.md``. Every file is written atomically and holds no timestamp, so the same graph gives
the same files.

In English (``--lang en``) the report, the charts and ``summary.csv`` name departments by their
English labels, and the tables and networks keep every Chinese name and gain one more column or
node attribute, ``english_name`` (the body's English label, empty when the graph has none), after
their own: a script that reads the Chinese files reads the English ones unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..output import write_atomic
from .data import Assignment
from .display import CHINESE, Display
from .frames import to_csv
from .units import DIFFUSE, at_least
from .network import Centrality, annotated, write_network
from .painter import Chart, Painter, drawing
from .defaults import CHART_TOP, DEFAULT_TOP, HEATMAP, LOAD_CHART, NETWORK_SUFFIXES, NETWORKS, REPORT_FILE, TABLE_FILES
from .report import render_report
from .run import Analysis
from .units import UnitCoordination
from .workload import DepartmentLoad, SectionLoad



@dataclass(frozen=True)
class Metric:
    """A line of ``summary.csv``: one whole-analysis figure and what it is."""

    metric: str
    value: str
    definition: str


def summary(a: Analysis, d: Display = CHINESE) -> list[Metric]:
    """The figures of the report that are not a line of another CSV (departments named as ``d``
    does)."""
    c, f, us, ns = a.concentration, a.fence, a.unit_summary, a.network.summary
    rows = [
        ("plans", len(a.plans), "plans analysed"),
        ("assignments", len(a.assignments), "rows of the named query assignments"),
        ("units", a.total_units, "distinct units of work"),
        ("bodies", len(a.loads), "distinct bodies named (departments and collectives)"),
        ("departments", len(a.departments), "distinct departments named (not collectives)"),
        ("weights", str(a.weights), "load index weight of one assignment in each role"),
        ("q1", f.q1, "first quartile of the departments' load index"),
        ("median", f.median, "median load index of the departments"),
        ("q3", f.q3, "third quartile of the departments' load index"),
        ("fence", f.upper, f"overload fence Q3 + {f.k:g}·IQR"),
        ("far_out_fence", a.far_out.upper, f"Tukey's far-out fence Q3 + {a.far_out.k:g}·IQR"),
        ("overloaded", len(a.overloaded), "departments above the overload fence"),
        ("accountable", c.accountable, "accountable assignments (lead, responsible, joint) of departments"),
        ("gini", c.gini, "Gini coefficient of accountable assignments across departments"),
        ("top1_share", c.top1_share, "share of accountable assignments held by the top department"),
        ("top3_share", c.top3_share, "share held by the top three departments"),
        ("bodies_per_unit_mean", us.bodies_mean, "mean bodies named per unit"),
        ("bodies_per_unit_median", us.bodies_median, "median bodies named per unit"),
        ("bodies_per_unit_max", us.bodies_max, "most bodies named on one unit"),
        ("single_body_units", us.single_body, "units naming exactly one body"),
        ("gaps", us.gaps, "units no department is accountable for (none leads, is responsible or holds jointly)"),
        ("collective_only", us.collective_only, "units whose accountable bodies are all collectives"),
        ("joint_only", us.joint_only, "units all their accountable departments hold jointly (no gaps)"),
        ("diffuse", us.diffuse, f"units with {at_least(DIFFUSE)} accountable departments"),
        ("departments_in_network", ns.departments, "nodes of the coordination network"),
        ("ties", ns.ties, "ties of the coordination network (department pairs sharing a unit)"),
        ("density", ns.density, "density of the coordination network"),
        ("centralisation", ns.centralisation, "Freeman degree centralisation of the coordination network"),
        ("components", ns.components, "connected components of the coordination network"),
        ("isolates", ns.isolates, "departments sharing no unit with another department"),
        ("communities", ns.communities, f"Louvain communities (seed {ns.seed})"),
        ("modularity", ns.modularity, "weighted modularity of the Louvain communities"),
        ("support_ties", ns.support_edges, "ties of the support network (accountable → supporter)"),
    ]
    rows += [(f"sensitivity {s.weights}", f"fence {s.fence:g}; top {d.cell(s.top)}; overloaded "
              f"{d.cell(s.overloaded) or 'none'}", "verdicts under these weights")
             for s in a.sensitivity]
    return [Metric(m, f"{v:.6g}" if isinstance(v, float) else "" if v is None else str(v), d) for m, v, d in rows]


def write_outputs(a: Analysis, outdir: Path, top: int = DEFAULT_TOP, chart_top: int = CHART_TOP,
                  display: Display = CHINESE, opening: Sequence[str] = (), draw: bool = True,
                  painter: Painter | None = None) -> list[Path]:
    """Write every output of ``a`` into ``outdir``, naming departments as ``display`` does, the
    report opening with the lines ``opening`` (what it was computed from); without the charts
    when not ``draw``; returns the paths written. The charts are drawn by ``painter`` when given,
    while the rest is written (:mod:`.painter`)."""
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    english = {} if display.lang == "zh" else {"english_name": lambda r: display.english.get(r.department, "")}
    tables = [(a.assignments, Assignment, {}), (a.loads, DepartmentLoad, english),
              (a.network.centrality, Centrality, english), (a.units, UnitCoordination, {}),
              (a.sections, SectionLoad, english), (summary(a, display), Metric, {})]
    for name, (records, cls, extra) in zip(TABLE_FILES, tables, strict=True):
        write_atomic(outdir / name, to_csv(records, cls, extra))
        written.append(outdir / name)
    files = {"load_chart": f"{LOAD_CHART}.png", "heatmap": f"{HEATMAP}.png"} if draw else {}
    drawn = drawing([Chart("load_chart", (a.loads, a.fence, a.weights, chart_top, display), outdir / LOAD_CHART),
                     Chart("section_heatmap", (a.sections, a.loads, chart_top), outdir / HEATMAP,
                           {"display": display})], painter) if draw else list
    charts_at = len(written)
    coordination = annotated(a.network, a.loads)
    for stem, graph in zip(NETWORKS, (coordination, a.network.support), strict=True):
        if display.lang != "zh":
            graph = _with_english(graph, display.english)
        for suffix in NETWORK_SUFFIXES:
            write_network(graph, outdir / f"{stem}{suffix}")
            written.append(outdir / f"{stem}{suffix}")
    report = render_report(a, files, top, display, opening)
    write_atomic(outdir / REPORT_FILE, report)
    written.append(outdir / REPORT_FILE)
    written[charts_at:charts_at] = drawn()
    return written


def _with_english(graph: nx.Graph, english: Mapping[str, str]) -> nx.Graph:
    """A copy of ``graph`` whose department nodes (IRIs) carry their English label."""
    graph = graph.copy()
    for node, attributes in graph.nodes(data=True):
        attributes["english_name"] = english.get(node, "")
    return graph

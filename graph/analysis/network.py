"""The coordination network: who works with whom, who directs whom, and who bridges the groups.

Two networks of departments (collectives are left out: a 领导小组成员单位 is a set of bodies, not a
partner), built from the assignments:

* the **coordination network**, undirected: the projection of the bipartite department–unit graph
  onto the departments; two departments are tied when they are named on the same unit, and the
  tie's ``weight`` is the number of units they share (Newman 2001's one-mode projection);
* the **support network**, directed: an edge from each accountable department of a unit (lead,
  responsible or joint) to each department supporting it, weighted by units. A department named
  both leading and supporting one unit (二（一）7 names 自治区质监局 twice) gets no self-loop.

Measures, on the coordination network (``n`` departments, isolates included):

* degree (partners) and weighted degree (shared units summed over partners);
* betweenness on the unweighted graph, normalised by (n − 1)(n − 2)/2 — weights here are tie
  strengths, not distances, so shortest paths count steps;
* eigenvector centrality on the weighted graph (power iteration, as networkx does);
* density 2m / (n(n − 1)) of the unweighted graph;
* Freeman's degree centralisation (:func:`degree_centralisation`);
* communities by Louvain modularity optimisation (Blondel et al. 2008) with a fixed seed, so
  the same graph always gives the same partition, numbered by size;
* **brokers**: departments in the top quarter by betweenness (at or above its third quartile, and
  above 0) whose load index is at or below the median load — they connect many others without
  carrying much accountability themselves.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from networkx.algorithms import bipartite

from ..output import write_atomic
from .data import Assignment, short_names
from .defaults import DEFAULT_SEED
from .stats import quantile
from .workload import DepartmentLoad

def _departments(assignments: Sequence[Assignment]) -> dict[str, Assignment]:
    """The first assignment of each department (not collective), keyed by IRI, in IRI order."""
    first: dict[str, Assignment] = {}
    for a in assignments:
        if not a.collective:
            first.setdefault(a.department, a)
    return dict(sorted(first.items()))


def _add_department_nodes(graph: nx.Graph, assignments: Sequence[Assignment]) -> None:
    # Nodes go in in IRI order, so that the graph, its exports and Louvain's result do not depend on
    # the order the store returned the rows in.
    short = short_names(assignments)
    for iri, a in _departments(assignments).items():
        graph.add_node(iri, label=short[iri], name=a.name, kind=a.body_kind)


def coordination_graph(assignments: Sequence[Assignment]) -> nx.Graph:
    """Departments tied by the units they are named on together (``weight`` = shared units)."""
    deps = _departments(assignments)
    units = sorted({a.unit for a in assignments if a.department in deps})
    bi = nx.Graph()
    bi.add_nodes_from(deps, bipartite=0)
    bi.add_nodes_from(units, bipartite=1)
    bi.add_edges_from(sorted({(a.department, a.unit) for a in assignments if a.department in deps}))
    # bipartite.sets() raises on a disconnected graph (ours usually is): give the node set ourselves.
    projected = bipartite.weighted_projected_graph(bi, list(deps))
    graph = nx.Graph()
    _add_department_nodes(graph, assignments)
    graph.add_weighted_edges_from(sorted((*sorted((u, v)), w) for u, v, w in projected.edges(data="weight")))
    return graph


def support_graph(assignments: Sequence[Assignment]) -> nx.DiGraph:
    """Accountable department → supporting department, ``weight`` = units; no self-loops."""
    by_unit: dict[str, list[Assignment]] = {}
    for a in assignments:
        if not a.collective:
            by_unit.setdefault(a.unit, []).append(a)
    weights: dict[tuple[str, str], int] = {}
    for rows in by_unit.values():
        heads = {a.department for a in rows if a.accountable}
        helpers = {a.department for a in rows if a.role == "support"}
        for pair in ((h, s) for h in heads for s in helpers if h != s):
            weights[pair] = weights.get(pair, 0) + 1
    graph = nx.DiGraph()
    _add_department_nodes(graph, assignments)
    graph.add_weighted_edges_from((u, v, w) for (u, v), w in sorted(weights.items()))
    return graph


def degree_centralisation(graph: nx.Graph) -> float:
    """Freeman's degree centralisation of an undirected graph, between 0 and 1.

    C_D = Σᵥ (d* − d(v)) / ((n − 1)(n − 2)), where d(v) is the degree of v, d* the largest degree
    and (n − 1)(n − 2) the value of the numerator for a star, the most centralised graph on n nodes
    (Freeman, L. C. 1979. "Centrality in social networks: conceptual clarification." *Social
    Networks* 1(3): 215–239, eq. 5; Wasserman & Faust 1994, *Social Network Analysis*, eq. 5.5).
    1 for a star, 0 when every node has the same degree; edge weights are ignored.

    >>> degree_centralisation(nx.star_graph(4)), degree_centralisation(nx.cycle_graph(5))
    (1.0, 0.0)
    """
    n = graph.number_of_nodes()
    if n < 3:
        raise ValueError(f"degree centralisation needs at least 3 nodes, not {n}")
    degrees = [d for _, d in graph.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def communities(graph: nx.Graph, seed: int = DEFAULT_SEED) -> list[list[str]]:
    """Louvain communities of the weighted graph with a fixed ``seed``: lists of node IRIs, largest
    first (ties by their first label), each sorted by label."""
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    groups = [sorted(c, key=lambda n: graph.nodes[n]["label"]) for c in found]
    return sorted(groups, key=lambda c: (-len(c), graph.nodes[c[0]]["label"]))


@dataclass(frozen=True)
class Centrality:
    """A department's position in the coordination and support networks."""

    department: str  # IRI
    short_name: str
    degree: int  # partners: departments sharing at least one unit
    weighted_degree: int  # shared units summed over partners
    betweenness: float
    eigenvector: float
    directs: int  # departments it has as supporters (out-degree in the support network)
    assists: int  # departments it supports (in-degree)
    community: int  # 1 = the largest community
    load: float
    broker: bool


@dataclass(frozen=True)
class NetworkSummary:
    """Whole-network figures of the coordination network."""

    departments: int
    ties: int
    density: float
    centralisation: float | None  # undefined below 3 departments
    components: int
    isolates: int
    communities: int
    modularity: float | None  # undefined without ties
    seed: int
    support_edges: int


@dataclass(frozen=True)
class Network:
    graph: nx.Graph
    support: nx.DiGraph
    centrality: list[Centrality]
    communities: list[list[str]]
    summary: NetworkSummary


def analyse_network(assignments: Sequence[Assignment], loads: Sequence[DepartmentLoad],
                    seed: int = DEFAULT_SEED) -> Network:
    """Both networks, every department's centralities and the whole-network summary.

    ``centrality`` is sorted by betweenness, then weighted degree, then name.
    """
    graph = coordination_graph(assignments)
    support = support_graph(assignments)
    if not graph:
        raise ValueError("no department to build a coordination network of")
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    eigen = (nx.eigenvector_centrality(graph, weight="weight", max_iter=10_000)
             if graph.number_of_edges() else dict.fromkeys(graph, 0.0))
    groups = communities(graph, seed)
    community_of = {n: i for i, c in enumerate(groups, 1) for n in c}
    load_of = {r.department: r.load for r in loads}
    deps = list(graph)
    b_cut = quantile([betweenness[d] for d in deps], 0.75)
    load_cut = quantile([load_of[d] for d in deps], 0.5)
    rows = [
        Centrality(
            department=d, short_name=graph.nodes[d]["label"], degree=graph.degree(d),
            weighted_degree=graph.degree(d, weight="weight"), betweenness=round(betweenness[d], 6),
            eigenvector=round(eigen[d], 6), directs=support.out_degree(d), assists=support.in_degree(d),
            community=community_of[d], load=load_of[d],
            broker=betweenness[d] > 0 and betweenness[d] >= b_cut and load_of[d] <= load_cut,
        )
        for d in deps
    ]
    rows.sort(key=lambda r: (-r.betweenness, -r.weighted_degree, r.short_name))
    summary = NetworkSummary(
        departments=graph.number_of_nodes(), ties=graph.number_of_edges(), density=nx.density(graph),
        centralisation=degree_centralisation(graph) if len(graph) >= 3 else None,
        components=nx.number_connected_components(graph),
        isolates=nx.number_of_isolates(graph), communities=len(groups),
        modularity=nx.community.modularity(graph, groups, weight="weight") if graph.number_of_edges() else None,
        seed=seed,
        support_edges=support.number_of_edges(),
    )
    return Network(graph, support, rows, groups, summary)


def annotated(network: Network, loads: Sequence[DepartmentLoad]) -> nx.Graph:
    """The coordination network with every department's workload and centralities as node
    attributes, ready for Gephi (GraphML / GEXF take only str, int, float and bool values)."""
    graph = network.graph.copy()
    by_iri = {r.department: r for r in loads}
    for c in network.centrality:
        r = by_iri[c.department]
        graph.nodes[c.department].update(
            lead=r.lead, responsible=r.responsible, joint=r.joint, support=r.support,
            accountable=r.accountable, load=r.load, overloaded=r.overloaded, degree=c.degree,
            weighted_degree=c.weighted_degree, betweenness=c.betweenness, eigenvector=c.eigenvector,
            community=c.community, broker=c.broker,
        )
    return graph


def write_network(graph: nx.Graph, path: Path) -> None:
    """Write ``graph`` as GraphML (``.graphml``) or GEXF (``.gexf``) in UTF-8, atomically.

    networkx stamps GEXF files with today's date; it is removed (the attribute is optional), so the
    same graph always gives the same bytes.
    """
    buf = io.BytesIO()
    if path.suffix == ".graphml":
        nx.write_graphml(graph, buf, encoding="utf-8")
        data = buf.getvalue()
    elif path.suffix == ".gexf":
        nx.write_gexf(graph, buf, encoding="utf-8")
        data = re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)
    else:
        raise ValueError(f"{path}: write .graphml or .gexf")
    write_atomic(path, data)

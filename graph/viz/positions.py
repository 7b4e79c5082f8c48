"""Node positions, computed once in Python so the page is usable the moment it opens.

A force simulation in the browser is what made pyvis's default pages unusable: about 28 s to settle
300 nodes in headless Chromium on two cores, and never for 3,000. Here networkx lays the graph out
with a fixed seed, one connected component at a time:

* a component of up to :data:`FULL_LAYOUT` nodes (one plan's network, or one city's in a corpus)
  gets a Fruchterman–Reingold spring layout of all its nodes;
* a larger one (a corpus sharing its departments) would take minutes that way, so only its bodies
  are laid out, on their coordination ties, and each unit of work is then placed beside the bodies
  named on it: at their centre, on a golden-angle (sunflower) spiral with the units that have the
  same bodies, so a body's own units ring it and shared work sits between the partners. That
  second step is linear in the number of units.

Components are then packed: the largest in the middle, the others in rows beneath it, so that a few
isolated departments do not push the main network into a corner. The result depends on the graph
only (sorted inputs, fixed seed, rounded coordinates): the same graph gives the same page.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable

import networkx as nx

SEED = 2016
FULL_LAYOUT = 500  # nodes; above this networkx's layout switches to sparse matrices and slows down
ITERATIONS = 50  # of Fruchterman–Reingold (networkx's default); a corpus has hundreds of components
DENSITY = 70.0  # a component of n nodes gets a drawing of radius DENSITY·√n pixels
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SPACING = 22.0  # pixels between neighbouring units around one centre
BODY_GAP = 30.0  # pixels between a body and the first ring of its own units
GAP = 150.0  # pixels between packed components (room for a label)

Point = tuple[float, float]


def layout(graph: nx.Graph, units: Iterable[str] = (), ties: Callable[[], nx.Graph] = nx.Graph
           ) -> dict[str, Point]:
    """Positions of every node of ``graph`` (pixels, y downwards as on the canvas).

    ``units`` are the nodes that are units of work (the others are bodies); ``ties`` makes the
    body–body network that large components are laid out on (called only when one is needed).
    """
    units = set(units)
    network = None
    parts = []
    for nodes in sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c))):
        sub = _ordered(graph, nodes)
        if len(sub) <= FULL_LAYOUT or not (nodes & units):
            parts.append(_spring(sub))
        else:
            bodies = sorted(nodes - units)
            network = network if network is not None else ties()
            pos = _spring(_ordered(network, bodies, keep=bodies), len(nodes))
            members = {u: sorted(graph[u]) for u in sorted(nodes & units)}
            pos.update(around(members, pos))
            parts.append(pos)
    return pack(parts)


def _ordered(graph: nx.Graph, nodes: Iterable[str], keep: Iterable[str] = ()) -> nx.Graph:
    """The subgraph on ``nodes`` with nodes and edges inserted in sorted order (networkx's layouts
    depend on insertion order), plus the isolated nodes ``keep`` missing from ``graph``."""
    nodes = set(nodes)
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes | set(keep)))
    g.add_weighted_edges_from(sorted((*sorted((u, v)), w) for u, v, w in graph.edges(nodes, data="weight", default=1)
                                     if u in nodes and v in nodes))
    return g


def _spring(g: nx.Graph, size: int | None = None) -> dict[str, Point]:
    n = len(g)
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    pos = nx.spring_layout(g, seed=SEED, iterations=ITERATIONS, scale=DENSITY * math.sqrt(size or n))
    return {v: (float(x), float(y)) for v, (x, y) in pos.items()}


def around(members: dict[str, list[str]], bodies: dict[str, Point]) -> dict[str, Point]:
    """Positions of units, each near the bodies named on it (``members``: unit → bodies).

    Units with the same set of bodies share a centre, the mean of their bodies' positions, and lie
    on a golden-angle spiral around it; around a single body the spiral starts outside it.
    """
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for unit in sorted(members):
        groups[tuple(sorted(members[unit]))].append(unit)
    out: dict[str, Point] = {}
    for g, (key, group) in enumerate(sorted(groups.items())):
        cx = sum(bodies[b][0] for b in key) / len(key)
        cy = sum(bodies[b][1] for b in key) / len(key)
        start = BODY_GAP if len(key) == 1 else SPACING / 2
        for i, unit in enumerate(group):
            r, angle = start + SPACING * math.sqrt(i), g + i * GOLDEN_ANGLE
            out[unit] = (cx + r * math.cos(angle), cy + r * math.sin(angle))
    return out


def pack(parts: list[dict[str, Point]]) -> dict[str, Point]:
    """Components side by side: the first (largest) centred at the origin, the others in rows
    beneath it, each row as wide as the first component (or the widest part), rounded to 0.1 px."""
    boxes = []
    for pos in parts:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    out: dict[str, Point] = {}
    first = boxes[0]
    width = max(first[2] - first[0], max(b[2] - b[0] for b in boxes))
    x, y, row_height = first[0], first[3] + GAP, 0.0
    for i, (pos, (x0, y0, x1, y1)) in enumerate(zip(parts, boxes)):
        if i == 0:
            dx, dy = 0.0, 0.0
        else:
            if x > first[0] and x + (x1 - x0) > first[0] + width:
                x, y, row_height = first[0], y + row_height + GAP, 0.0
            dx, dy = x - x0, y - y0
            x += (x1 - x0) + GAP
            row_height = max(row_height, y1 - y0)
        for v, (px, py) in pos.items():
            out[v] = (round(px + dx, 1), round(py + dy, 1))
    return out

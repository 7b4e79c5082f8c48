"""Node positions, computed once in Python so the page is readable the moment it opens.

A force simulation in the browser is what made pyvis's default pages unusable (about 28 s to settle
300 nodes in headless Chromium on two cores), and a plain spring layout is what made them a knot:
a bureau named on 40 units pulls everything it touches into the middle. So each view has a layout
of its own, computed by networkx with a fixed seed, one connected component at a time:

* **coordination**: ForceAtlas2 (:func:`networkx.forceatlas2_layout`) with hub dissuasion
  (``distributed_action``: a department with many partners is attracted less, so hubs spread
  outwards instead of piling up) and overlap prevention by node size, then a last pass that pushes
  apart any circles still overlapping (:func:`separate`), each circle with room for its label;
* **responsibility**: every unit of work belongs to one *owner*, the body with the strongest role
  on it (the lead department, else the responsible one …), and lies on a golden-angle (sunflower)
  spiral around it (:func:`flowers`); the bodies, each as large as its flower, are laid out by
  ForceAtlas2 on their coordination ties, so that a department's own work rings it and the bodies
  that only support sit outside, between the flowers they serve.

A component of more than :data:`FULL_LAYOUT` bodies (a corpus sharing its departments) is laid out
by a Fruchterman–Reingold spring layout instead: networkx's ForceAtlas2 holds n × n arrays.
Components are then packed: the largest in the middle, the others in rows beneath it. The result
depends on the graph only (sorted inputs, fixed seed, rounded coordinates): the same graph gives
the same page, byte for byte.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import networkx as nx
import numpy as np

SEED = 2016
FULL_LAYOUT = 500  # bodies; above this ForceAtlas2's n × n arrays get large and slow
ATLAS_ITERATIONS = 100  # networkx's default
SPRING_ITERATIONS = 50  # Fruchterman–Reingold, for components above FULL_LAYOUT
FILL = 0.22  # share of a component's disc its circles (nodes with their room) cover
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SPACING = 36.0  # a unit's share of a flower: one SPACING × SPACING square per unit
BODY_GAP = 10.0  # pixels between a body's edge and the first ring of its own units
ROOM = 26.0  # pixels kept free around each circle when separating (a label's height and more)
GAP = 150.0  # pixels between packed components

Point = tuple[float, float]


def coordination_layout(graph: nx.Graph, sizes: Mapping[str, float]) -> dict[str, Point]:
    """Positions (pixels, y downwards as on the canvas) of the departments of the coordination
    network ``graph`` (edge attribute ``weight``: shared units), ``sizes`` being node radii."""
    parts = [_atlas(_ordered(graph, nodes), {v: sizes[v] + ROOM for v in nodes})
             for nodes in _components(graph)]
    return pack(parts)


def responsibility_layout(graph: nx.Graph, owner: Mapping[str, str], ties: Callable[[], nx.Graph],
                          sizes: Mapping[str, float]) -> dict[str, Point]:
    """Positions of bodies and units of the responsibility network ``graph`` (pixels).

    ``owner`` maps each unit to the body it is grouped around; ``ties`` makes the body–body network
    the bodies are laid out on (called once); ``sizes`` are node radii.
    """
    network = ties()
    parts = []
    for nodes in _components(graph):
        bodies = sorted(v for v in nodes if v not in owner)
        own = {b: [] for b in bodies}
        for unit in sorted(v for v in nodes if v in owner):
            own[owner[unit]].append(unit)
        reach = {b: flower_radius(sizes[b], [sizes[u] for u in own[b]]) + ROOM for b in bodies}
        pos = _atlas(_ordered(network, bodies, keep=bodies), reach, hubs_out=False)
        pos.update(flowers(own, pos, sizes))
        parts.append(pos)
    return pack(parts)


def _components(graph: nx.Graph) -> list[set[str]]:
    return sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))


def _ordered(graph: nx.Graph, nodes, keep=()) -> nx.Graph:
    """The subgraph on ``nodes`` with nodes and edges inserted in sorted order (networkx's layouts
    depend on insertion order), plus the isolated nodes ``keep`` missing from ``graph``."""
    nodes = set(nodes)
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes | set(keep)))
    g.add_weighted_edges_from(sorted((*sorted((u, v)), w) for u, v, w in graph.edges(nodes, data="weight", default=1)
                                     if u in nodes and v in nodes))
    return g


def _atlas(g: nx.Graph, reach: Mapping[str, float], hubs_out: bool = True) -> dict[str, Point]:
    """ForceAtlas2 positions of ``g``, scaled so that the circles of radius ``reach`` fill
    :data:`FILL` of the drawing, then separated; a spring layout above :data:`FULL_LAYOUT`."""
    n = len(g)
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    order = list(g)
    radii = np.array([reach[v] for v in order])
    target = math.sqrt(float((radii ** 2).sum()) / FILL)  # radius of the drawing
    if n > FULL_LAYOUT:
        raw = nx.spring_layout(g, seed=SEED, iterations=SPRING_ITERATIONS, scale=target)
        return {v: (float(x), float(y)) for v, (x, y) in raw.items()}
    # Hubs out (coordination): a department's attraction divided by its degree. Bodies with their
    # flowers (responsibility): equal masses, so a large flower is not pushed to the rim, and a
    # stronger pull to the centre for the bodies that only support.
    tuning = {"distributed_action": True} if hubs_out else {"node_mass": dict.fromkeys(g, 1.0), "gravity": 3.0}
    raw = nx.forceatlas2_layout(g, seed=SEED, max_iter=ATLAS_ITERATIONS, node_size=dict(reach), weight="weight",
                                **tuning)
    xy = np.array([raw[v] for v in order], dtype=float)
    xy -= xy.mean(axis=0)
    spread = float(np.sqrt((xy ** 2).sum(axis=1).mean())) or 1.0
    xy *= target / spread / math.sqrt(2)
    xy = separate(xy, radii)
    return {v: (float(x), float(y)) for v, (x, y) in zip(order, xy)}


def separate(xy: np.ndarray, radii: np.ndarray, rounds: int = 200) -> np.ndarray:
    """``xy`` moved as little as it takes for no two circles (centres ``xy``, ``radii``) to overlap.

    Each round pushes every overlapping pair apart along the line between them, each by half the
    overlap (a coincident pair along a fixed direction), until none overlaps by half a pixel.

    >>> separate(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([5.0, 5.0])).round(1).tolist()
    [[-4.5, 0.0], [5.5, 0.0]]
    """
    xy = xy.copy()
    need = radii[:, None] + radii[None, :]
    np.fill_diagonal(need, 0.0)
    for _ in range(rounds):
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((diff ** 2).sum(axis=-1))
        short = need - dist
        np.fill_diagonal(short, 0.0)
        if short.max() < 0.5:
            break
        short = np.clip(short, 0.0, None)
        # From the other circle to this one; for a coincident pair, the earlier one goes left.
        apart = np.sign(np.subtract.outer(np.arange(len(xy)), np.arange(len(xy))))[..., None] * np.array([1.0, 0.0])
        unit = np.where(dist[..., None] > 1e-9, diff / np.maximum(dist, 1e-9)[..., None], apart)
        xy += (unit * (short / 2)[..., None]).sum(axis=1)
    return xy


def flower_radius(body: float, units: list[float]) -> float:
    """How far a body's flower reaches: its own radius, the gap, its units' rings and one unit."""
    if not units:
        return body
    return math.sqrt((body + BODY_GAP) ** 2 + len(units) * SPACING ** 2 / math.pi) + max(units)


def flowers(own: Mapping[str, list[str]], at: Mapping[str, Point], sizes: Mapping[str, float]
            ) -> dict[str, Point]:
    """Positions of units around their owner: the k-th unit of a body of radius r at distance
    √((r + gap)² + k·SPACING²/π) from it, at k golden angles, so that every unit gets the same area
    and the first ring clears the body.

    >>> flowers({"b": ["u0", "u1"]}, {"b": (0.0, 0.0)}, {"b": 10.0, "u0": 6.0, "u1": 6.0})
    {'u0': (20.0, 0.0), 'u1': (-21.0, 19.3)}
    """
    out: dict[str, Point] = {}
    for body, units in own.items():
        cx, cy = at[body]
        start = sizes[body] + BODY_GAP
        for k, unit in enumerate(units):
            r, angle = math.sqrt(start ** 2 + k * SPACING ** 2 / math.pi), k * GOLDEN_ANGLE
            out[unit] = (round(cx + r * math.cos(angle), 1), round(cy + r * math.sin(angle), 1))
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

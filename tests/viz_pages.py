"""Shared by the network page tests (and ``bench/viz.py``): a plan written to attack the page, stores
of test graphs, the counts a page must show, recounted from the graph by SPARQL, and the boxes of
the labels a page draws."""

from __future__ import annotations

from pathlib import Path

from fengong import parse_text
from fengong.rdf import plan_graph, to_turtle
from fengong.store import OxigraphStore

# Markup in an item's text, a section heading, the plan's title and two department names. The page
# must show each of these strings as text and run none of them.
HOSTILE_PLAN = """关于<script>alert("title")</script>的分工方案
一、<b onmouseover=alert(1)>主要任务</b>
1.推进<img src=x onerror=alert(1)>建设，见<a href="javascript:alert(2)">链接</a>。（由自治区质监局牵头，自治区</script><a href=x>办公室配合）
2.落实</script><script>alert(4)</script>要求，包括href和<img src=x onerror=alert(5)>。（由自治区<img src=x onerror=alert(3)>局负责）
"""
HOSTILE_TEXTS = (
    '推进<img src=x onerror=alert(1)>建设，见<a href="javascript:alert(2)">链接</a>。',
    "落实</script><script>alert(4)</script>要求，包括href和<img src=x onerror=alert(5)>。",
    "自治区</script><a href=x>办公室",
    "自治区<img src=x onerror=alert(3)>局",
    '关于<script>alert("title")</script>的分工方案',
    "<b onmouseover=alert(1)>主要任务</b>",
)

COUNTS = """
PREFIX fg: <https://w3id.org/fengong/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT (COUNT(DISTINCT ?unit) AS ?units) (COUNT(DISTINCT ?body) AS ?bodies) (COUNT(DISTINCT ?a) AS ?assignments)
WHERE {
  ?unit a fg:Unit ; prov:qualifiedAssociation ?a .
  ?a prov:agent ?body ; prov:hadRole ?role .
  FILTER(?role IN (fg:lead, fg:support, fg:responsible, fg:joint))
}"""


def plan_graph_file(text: str, folder: Path) -> Path:
    """The graph of a plan written for a test, as ``fengong build`` would write it."""
    path = folder / "graph.ttl"
    path.write_text(to_turtle(plan_graph(parse_text(text, source="plan.txt"))), encoding="utf-8")
    return path


def hostile_graph_file(folder: Path) -> Path:
    return plan_graph_file(HOSTILE_PLAN, folder)


def counts(store: OxigraphStore) -> dict[str, int]:
    """Units, bodies and assignments (in the four roles) of the graph in ``store``."""
    [row] = store.select(COUNTS).records()
    return {k: int(v) for k, v in row.items()}


# Each label vis-network draws at the current view, as a box in DOM pixels: its canvas position and
# size as vis-network measured them (Label.size, set when it last drew the label), shown only when
# its font on screen reaches the draw threshold (the test Label.draw makes).
LABEL_BOXES = """() => {
    const scale = network.getScale(), out = [];
    for (const id of nodes.getIds({filter: n => !n.hidden})) {
        const lab = network.body.nodes[id].labelModule;
        if (!lab.elementOptions.label) continue;
        if (lab.fontOptions.size * scale < lab.elementOptions.scaling.label.drawThreshold - 1) continue;
        const a = network.canvasToDOM({x: lab.size.left, y: lab.size.top});
        const b = network.canvasToDOM({x: lab.size.left + lab.size.width, y: lab.size.top + lab.size.height});
        const box = document.getElementById('network').getBoundingClientRect();
        if (b.x < 0 || b.y < 0 || a.x > box.width || a.y > box.height) continue;  // off screen
        out.push({id: id, x0: a.x, y0: a.y, x1: b.x, y1: b.y});
    }
    return out;
}"""


def overlap_share(boxes: list[dict]) -> float:
    """The share of labels whose box overlaps another's (touching edges do not count)."""
    hit = set()
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]:
                hit |= {a["id"], b["id"]}
    return len(hit) / len(boxes) if boxes else 0.0

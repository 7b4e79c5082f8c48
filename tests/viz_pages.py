"""Shared by the network page tests: a plan written to attack the page, stores of test graphs, and
the counts a page must show, recounted from the graph by SPARQL."""

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

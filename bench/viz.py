#!/usr/bin/env python3
"""How fast the network pages are written and drawn, and how big they are.

For each graph: the time to read it from the store and write both pages (Python), the size of
each page, and the time from navigation to the first drawing of the network in headless Chromium
(``fengong.drawnAt``: ``performance.now()`` at vis-network's first ``afterDrawing``, i.e. measured
from the start of navigation), median of ``--runs`` fresh page loads.

Graphs:

* ``sample``: the bundled sample plan (39 bodies, 82 units, 274 assignments);
* ``corpus``: synthetic plans from ``bench/generate.py`` (random provinces and cities), as many as
  it takes to reach ``--nodes`` nodes (bodies + units): many mid-sized components;
* ``province``: synthetic plans of one province only, to ``--nodes`` nodes: one giant component,
  the worst case of the layout (bodies by force layout, units placed around them).

    python bench/viz.py                       # print the table
    python bench/viz.py --readme bench/README.md --screenshot docs/network.png

Needs Debian ``chromium`` and Playwright (``pip install '.[test]'``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

from fengong import parse_text
from fengong.rdf import plan_graph, to_turtle
from fengong.read import read_sample
from fengong.store import open_store
from fengong.output import write_atomic
from fengong.viz import FILES, VIEWS, build_page, read_graph, render

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
import generate  # noqa: E402  (bench/generate.py, the synthetic corpus generator)
from viz_pages import LABEL_BOXES, overlap_share  # noqa: E402  (the browser tests' label boxes)

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 900}
HEADING = "## Visualisation"


@dataclass
class Result:
    graph: str
    bodies: int
    units: int
    assignments: int
    read_s: float  # store loaded, assignments and texts read by SPARQL
    pages_s: float  # layout and both pages written
    sizes: dict[str, int]  # view → bytes
    drawn_ms: dict[str, float]  # view → median ms after navigation
    labels: dict[str, tuple[int, float]]  # view → labels drawn at the opening view, share overlapping


def sample_plans() -> list:
    source = read_sample()
    return [parse_text(source.text, source=source.name)]


def synthetic_plans(nodes: int, one_province: bool, seed: int = 2016) -> list:
    """Synthetic plans until bodies + units reach ``nodes``."""
    rng = random.Random(seed)
    pools = {"province": generate.departments("province"), "city": generate.departments("city")}
    places = generate.jurisdictions()
    if one_province:
        places = [j for j in places if j.name == "浙江省"]
    plans, bodies, units = [], set(), 0
    while len(bodies) + units < nodes:
        j = rng.choice(places)
        writer = generate.PlanWriter(rng, j, pools[j.level])
        sections = [rng.randint(5, 11) for _ in range(rng.randint(5, 7))]
        text = writer.write(rng.randint(2015, 2024), rng.randint(18, 28), sections)
        plan = parse_text(text, source=f"plan-{len(plans) + 1:05d}.txt")
        plans.append(plan)
        units += len(plan.units)
        bodies |= {a.department.name for a in plan.assignments}
    return plans


def draw_times(browser, path: Path, runs: int) -> tuple[float, tuple[int, float]]:
    """Median ms to the first drawing, and the labels of the opening view (count, share overlapping)."""
    times = []
    for _ in range(runs):
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(path.as_uri())
        page.wait_for_function("window.fengong && fengong.drawnAt !== null", timeout=120_000)
        times.append(page.evaluate("fengong.drawnAt"))
        boxes = page.evaluate(LABEL_BOXES)
        page.close()
    return statistics.median(times), (len(boxes), overlap_share(boxes))


def measure(name: str, plans: list, browser, runs: int, folder: Path) -> Result:
    graph = plan_graph(*plans)
    graph_path = folder / "graph.ttl"
    graph_path.write_text(to_turtle(graph), encoding="utf-8")
    start = time.perf_counter()
    read = read_graph(open_store(graph=graph_path))
    middle = time.perf_counter()
    written = []
    for view in VIEWS:
        written.append(folder / FILES[view])
        write_atomic(written[-1], render(build_page(read, view)))
    end = time.perf_counter()
    return Result(
        graph=name, bodies=len({a.department.name for p in plans for a in p.assignments}),
        units=sum(len(p.units) for p in plans), assignments=sum(len(p.assignments) for p in plans),
        read_s=middle - start, pages_s=end - middle, sizes={p.stem: p.stat().st_size for p in written},
        **_drawn({p.stem: draw_times(browser, p, runs) for p in written}),
    )


def _drawn(by_view: dict[str, tuple[float, tuple[int, float]]]) -> dict:
    return {"drawn_ms": {v: t for v, (t, _) in by_view.items()}, "labels": {v: lab for v, (_, lab) in by_view.items()}}


def screenshot(browser, folder: Path, out: Path) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    page.goto((folder / "network.html").as_uri())
    page.wait_for_function("window.fengong && fengong.drawnAt !== null")
    page.wait_for_timeout(300)
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out))
    page.close()


def table(results: list[Result]) -> list[str]:
    lines = [
        "| graph | bodies | units | assignments | read | write both pages | network.html | drawn after | labels "
        "(overlapping) | coordination.html | drawn after | labels (overlapping) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        cells = [f"{r.sizes[v] / 1e6:.2f} MB | {r.drawn_ms[v] / 1000:.2f} s | {r.labels[v][0]} ({r.labels[v][1]:.0%})"
                 for v in ("network", "coordination")]
        lines.append(f"| {r.graph} | {r.bodies:,} | {r.units:,} | {r.assignments:,} | {r.read_s:.1f} s | "
                     f"{r.pages_s:.1f} s | {cells[0]} | {cells[1]} |")
    return lines


def section(results: list[Result], runs: int) -> str:
    return "\n".join([
        HEADING, "",
        "`python bench/viz.py` (2-core machine, Debian Chromium headless, Playwright). *Drawn after*: time from",
        "the start of navigation to vis-network's first drawing of the network, from `file://`, median of",
        f"{runs} fresh page loads. The page is usable at that moment: positions come from Python, physics is off.",
        "*Read*: loading the graph file into the embedded store and reading the assignments and texts by",
        "SPARQL (`fengong.viz.read_graph`); *write*: layout and both pages (`build_page`, `render`).",
        "Sizes include the inlined vis-network 9.1.2 (0.47 MB). *Labels*: the labels drawn at the opening",
        "view, and the share of them whose box overlaps another's (`tests/viz_pages.py`, as in the browser tests).",
        "",
        *table(results), "",
        "*corpus*: synthetic plans of random provinces and cities (`bench/generate.py`), many mid-sized",
        "components, each laid out by ForceAtlas2; *province*: plans of one province, one giant component",
        "of some hundred bodies (ForceAtlas2) with thousands of units ringed around them; a component of",
        "more than 500 bodies gets a spring layout instead (`fengong.viz.positions`).", "",
    ])


def write_readme(path: Path, text: str) -> None:
    """Replace the Visualisation section of ``path`` (up to the next ``## `` heading), or add it."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if HEADING in old:
        head, rest = old.split(HEADING, 1)
        following = rest.find("\n## ")
        new = head + text + ("\n" + rest[following + 1:] if following >= 0 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000, help="nodes (bodies + units) of the synthetic graphs")
    parser.add_argument("--runs", type=int, default=3, help="page loads per page (the median is reported)")
    parser.add_argument("--readme", type=Path, help="write the results into this file's Visualisation section")
    parser.add_argument("--screenshot", type=Path, help="save a screenshot of the sample's network page here")
    args = parser.parse_args()
    graphs = {"sample": sample_plans, "corpus": lambda: synthetic_plans(args.nodes, False),
              "province": lambda: synthetic_plans(args.nodes, True)}
    results = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for name, plans in graphs.items():
            folder = Path(tmp) / name
            folder.mkdir()
            results.append(measure(name, plans(), browser, args.runs, folder))
            print(table(results)[-1], flush=True)
            if name == "sample" and args.screenshot:
                screenshot(browser, folder, args.screenshot)
        browser.close()
    text = section(results, args.runs)
    print(text)
    if args.readme:
        write_readme(args.readme, text)


if __name__ == "__main__":
    main()

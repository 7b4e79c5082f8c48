"""A comparison written to a folder: ``compare.csv`` (every department, both sides and the change),
``compare-network.csv``, the dumbbell chart ``compare-changes.png/.svg`` and ``compare.md``, which
opens with the plans of both sides as every report does (:mod:`.citation`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..output import write_atomic
from ..store import Store
from ..store.labels import DEFAULT_LANGUAGE, english_names
from . import charts
from .citation import cited
from .compare import Comparison, DepartmentChange, NetworkChange, compare, load_successors, sides
from .defaults import DEFAULT_SEED
from .display import CHINESE, Display, display_in
from .workload import DEFAULT_WEIGHTS, Weights
from .frames import to_csv
from .report import MarkdownDisplay, markdown_text
from .trend_charts import dumbbell_chart

COMPARE_TABLE = "compare.csv"
NETWORK_TABLE = "compare-network.csv"
CHART = "compare-changes"
REPORT = "compare.md"
COMPARE_FILES = (COMPARE_TABLE, NETWORK_TABLE, f"{CHART}.png", f"{CHART}.svg", REPORT)


def compare_into(store: Store, a: Sequence[str], b: Sequence[str], outdir: Path, by: str = "department",
                 jurisdiction: str | None = None, weights: Weights = DEFAULT_WEIGHTS, top: int = 10,
                 seed: int = DEFAULT_SEED, lang: str = DEFAULT_LANGUAGE) -> tuple[Comparison, Display]:
    """``fengong compare``: the sides ``a`` and ``b`` (selectors) of ``store`` compared ``by``
    department or successor, written into ``outdir``; returns the comparison and how it names
    departments. Raises StoreError, or ValueError when a side names no plan or has nothing to
    analyse."""
    side_a, side_b = sides(store, a, b, jurisdiction)
    c = compare(side_a, side_b, by, load_successors(store) if by == "successor" else None, weights, seed)
    display = display_in([*c.analysis_a.loads, *c.analysis_b.loads], lang,
                         english_names(store) if lang == "en" else {})
    write_comparison(c, outdir, top, display)
    return c, display


def write_comparison(c: Comparison, outdir: Path, top: int = 10, display: Display = CHINESE) -> list[Path]:
    """Write the comparison's files into ``outdir``, naming departments as ``display`` does."""
    outdir.mkdir(parents=True, exist_ok=True)
    write_atomic(outdir / COMPARE_TABLE, to_csv(c.departments, DepartmentChange))
    write_atomic(outdir / NETWORK_TABLE, to_csv(c.network, NetworkChange))
    rows = [(r.short_name, r.load_a, r.load_b) for r in c.largest(top)]
    written = [outdir / COMPARE_TABLE, outdir / NETWORK_TABLE]
    written += charts.save(dumbbell_chart(rows, c.a.label, c.b.label, display), outdir / CHART)
    write_atomic(outdir / REPORT, render_comparison(c, top, display))
    return [*written, outdir / REPORT]


def _change(a: float, b: float, d: float) -> str:
    return f"{a:g} → {b:g} ({d:+g})" if d else f"{a:g}"


def render_comparison(c: Comparison, top: int = 10, display: Display = CHINESE) -> str:
    """``compare.md``: the plans compared, the largest changes (table and chart), the departments
    that appear or disappear, and the change in the coordination network."""
    d = MarkdownDisplay(display.lang, display.names, display.english)
    a, b = markdown_text(c.a.label), markdown_text(c.b.label)
    how = ("by body" if c.by == "department" else
           "by today's body: each department mapped first to the bodies that hold its duties now "
           "(fg:currentSuccessor, ontology/lineage.ttl), so merged bodies count as one")
    note = (f"A = {a} ({_plans(c.a.plans)}), B = {b} ({_plans(c.b.plans)}); departments compared {how}. "
            "Each side is one population: its workload summed over its plans, ranks among its departments.")
    out = [f"# Comparison: {a} → {b}\n", *cited([*c.a.plans, *c.b.plans], str(c.weights), note)]
    largest = c.largest(top)
    out.append(f"## The {len(largest)} largest changes in load\n")
    out.append("| department | status | lead | responsible | joint | support | accountable | load index | rank |")
    out.append("|---|---|---|---|---|---|---|---|---|")
    for r in largest:
        cells = [_change(getattr(r, f"{m}_a"), getattr(r, f"{m}_b"), getattr(r, f"{m}_change"))
                 for m in ("lead", "responsible", "joint", "support", "accountable", "load")]
        rank = f"{r.rank_a or '–'} → {r.rank_b or '–'}"
        out.append(f"| {d(r.short_name)} | {r.status} | " + " | ".join(cells) + f" | {rank} |")
    out.append("\n*(compare.csv: the `_a`, `_b` and `_change` columns of every department)*\n")
    out.append(f"![Load index in A and B, largest changes]({CHART}.png)\n")
    out += _appearing(c.departments, d, a, b)
    out += _network(c, d)
    return "\n".join(out) + "\n"


def _plans(plans: Sequence) -> str:
    return "1 plan" if len(plans) == 1 else f"{len(plans)} plans"


def _appearing(rows: Sequence[DepartmentChange], d: MarkdownDisplay, a: str, b: str) -> list[str]:
    came = [r for r in rows if r.status == "appeared"]
    went = [r for r in rows if r.status == "disappeared"]
    return [
        "## Departments that appear or disappear\n",
        f"- Named in {b} but not in {a} ({len(came)}): "
        + (d.separator.join(f"{d(r.short_name)} ({r.load_b:g})" for r in came) or "none") + ".",
        f"- Named in {a} but not in {b} ({len(went)}): "
        + (d.separator.join(f"{d(r.short_name)} ({r.load_a:g})" for r in went) or "none") + ".",
        "*(compare.csv: status, load_a, load_b)*\n",
    ]


def _network(c: Comparison, d: MarkdownDisplay) -> list[str]:
    out = ["## The coordination network\n", "| measure | A | B | change |", "|---|---:|---:|---:|"]
    for n in c.network:
        cells = ["undefined" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)
                 for v in (n.a, n.b, n.change)]
        out.append(f"| {n.metric} | " + " | ".join(cells) + " |")
    out.append("\n*(compare-network.csv)*\n")
    rises, falls = c.betweenness_moves(5)
    for word, moved in (("rises", rises), ("falls", falls)):
        out.append(f"- Largest {word} in betweenness (departments on both sides): "
                   + (d.separator.join(f"{d(r.short_name)} ({r.betweenness_a:.3f} → {r.betweenness_b:.3f})"
                                       for r in moved) or "none") + ".")
    out.append("\n*(compare.csv: betweenness_a, betweenness_b, betweenness_change)*")
    return out

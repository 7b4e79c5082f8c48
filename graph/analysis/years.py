"""One jurisdiction over the years: each department's load per year, and a line chart of the most
loaded.

A province's plans of one year are one population (the same government's bureaus), so a year's
figures are its plans' workload summed, ranked among that year's departments. A series across
jurisdictions would mix governments, so :func:`years_into` wants the plans of one (``--jurisdiction``
when the store holds several). Reforms rename bodies in the middle of a series (质监局 until 2018,
市场监管局 after): ``by="successor"`` maps every department to today's bodies first
(:func:`~fengong.analysis.compare.to_successors`), so the line does not break.

Written into a folder: ``by-year.csv`` (one line per year and department), ``by-year.png/.svg``
and ``by-year.md``, which opens with the plans it is computed from, as every report does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..output import write_atomic
from ..store import Store
from ..store.labels import DEFAULT_LANGUAGE, english_names
from . import charts
from .citation import cited
from .compare import load_successors, to_successors
from .data import Assignment, load_assignments, short_names
from .display import CHINESE, Display, display_in
from .frames import to_csv
from .plans import PlanFacts, PlanSelectionError, in_jurisdiction, jurisdictions, load_plan_facts
from .report import MarkdownDisplay, markdown_text
from .trend_charts import LINE_COLOURS, year_chart
from .workload import DEFAULT_WEIGHTS, Weights, department_loads

YEAR_TABLE = "by-year.csv"
YEAR_CHART = "by-year"
YEAR_REPORT = "by-year.md"


@dataclass(frozen=True)
class YearLoad:
    """A line of ``by-year.csv``: one department's workload in one year's plans."""

    year: str
    department: str  # IRI (today's body's, by successor)
    name: str
    short_name: str
    plans: int  # of that year's plans, those naming it
    lead: int
    responsible: int
    joint: int
    support: int
    accountable: int
    load: float
    rank: int  # among that year's departments, by load


def year_series(plans: Sequence[PlanFacts], assignments: Sequence[Assignment],
                weights: Weights = DEFAULT_WEIGHTS) -> list[YearLoad]:
    """Every department's workload in each year of ``plans`` (collectives left out), years in
    order, each year's departments by rank. Plans without a date are left out: a year is what
    places them in the series."""
    year_of = {p.plan: p.year for p in plans if p.year}
    short = short_names(assignments)
    by_year: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        if a.plan in year_of:
            by_year[year_of[a.plan]].append(a)
    out = []
    for year in sorted(by_year):
        rows = by_year[year]
        named = defaultdict(set)
        for a in rows:
            named[a.department].add(a.plan)
        for r in department_loads(rows, weights):
            if not r.collective:
                out.append(YearLoad(year, r.department, r.name, short[r.department], len(named[r.department]), r.lead,
                                    r.responsible, r.joint, r.support, r.accountable, r.load, r.rank))
    return out


def top_lines(series: Sequence[YearLoad], top: int) -> tuple[list[str], dict[str, list[float]]]:
    """The years, and the load per year of the ``top`` departments of the highest total load
    (0 in a year whose plans do not name it), keyed by short name."""
    years = sorted({r.year for r in series})
    total: dict[str, float] = defaultdict(float)
    load: dict[tuple[str, str], float] = {}
    short: dict[str, str] = {}
    for r in series:
        total[r.department] += r.load
        load[(r.department, r.year)] = r.load
        short[r.department] = r.short_name
    chosen = sorted(total, key=lambda d: (-total[d], short[d]))[:top]
    return years, {short[d]: [load.get((d, y), 0.0) for y in years] for d in chosen}


def years_into(store: Store, outdir: Path, jurisdiction: str | None = None, by: str = "department",
               weights: Weights = DEFAULT_WEIGHTS, top: int = len(LINE_COLOURS), lang: str = DEFAULT_LANGUAGE
               ) -> tuple[list[YearLoad], Display, Path]:
    """``fengong analyze --by-year``: the series of the plans of ``jurisdiction`` (needed when the
    store holds several), departments matched ``by`` body or successor, written into ``outdir``.
    Returns the series, how it names departments, and the report's path. Raises ValueError when
    the plans are of several jurisdictions or none has a date."""
    facts = in_jurisdiction(load_plan_facts(store), jurisdiction)
    names = jurisdictions(facts)
    if len(names) > 1:
        raise PlanSelectionError(f"a series over years is of one jurisdiction, and the plans are of {len(names)} "
                                 f"({', '.join(names)}): choose one with --jurisdiction")
    dated = [p for p in facts if p.year]
    if not dated:
        raise PlanSelectionError("no plan has a date: a series over years needs the year of each plan")
    chosen = {p.plan for p in dated}
    rows = [a for a in load_assignments(store) if a.plan in chosen]
    if by == "successor":
        rows = to_successors(rows, load_successors(store), short_names(rows))
    series = year_series(dated, rows, weights)
    if not series:
        raise ValueError("no department is named in the dated plans")
    english = english_names(store) if lang == "en" else {}
    display = display_in(department_loads(rows, weights), lang, english)
    write_years(series, dated, outdir, names[0], by, str(weights), top, display)
    return series, display, outdir / YEAR_REPORT


def write_years(series: Sequence[YearLoad], plans: Sequence[PlanFacts], outdir: Path, jurisdiction: str, by: str,
                weights: str, top: int, display: Display = CHINESE) -> None:
    """``by-year.csv``, the line chart of the ``top`` departments and ``by-year.md``."""
    write_atomic(outdir / YEAR_TABLE, to_csv(series, YearLoad))
    years, lines = top_lines(series, top)
    charts.save(year_chart(lines, years, jurisdiction, display), outdir / YEAR_CHART)
    d = MarkdownDisplay(display.lang, display.names, display.english)
    how = ("" if by == "department" else " Departments are mapped to today's bodies first (fg:currentSuccessor, "
           "ontology/lineage.ttl), so a body renamed or merged in the series keeps one line.")
    note = (f"Each year's figures are that year's plans of {markdown_text(jurisdiction)} together (their workload "
            f"summed, ranks among that year's departments); plans without a date are left out.{how}")
    out = [f"# Load per year: {markdown_text(jurisdiction)}\n", *cited(plans, weights, note)]
    out.append(f"## The {len(lines)} departments of the highest total load\n")
    out.append("| department | " + " | ".join(years) + " |")
    out.append("|---|" + "---:|" * len(years))
    out += [f"| {d(name)} | " + " | ".join(f"{v:g}" for v in values) + " |" for name, values in lines.items()]
    out.append(f"\n*({YEAR_TABLE}: load, one line per year and department, with its role counts, rank and plans)*\n")
    out.append(f"![Load index per year of the most loaded departments]({YEAR_CHART}.png)")
    write_atomic(outdir / YEAR_REPORT, "\n".join(out) + "\n")

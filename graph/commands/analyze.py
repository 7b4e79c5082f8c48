"""``fengong analyze``: workload and coordination analysis of a built graph, into a folder."""

from __future__ import annotations

import math
from pathlib import Path

import click

from ..analysis.defaults import DEFAULT_SEED, DEFAULT_TOP, MATCH_BY
from ..analysis.workload import DEFAULT_WEIGHTS, Weights, parse_weights
from ..store import StoreError
from ..tables import render
from .common import DEFAULT_OUT, fail, format_option, lang_option, open_graph_store, store_options

HEADLINE_COLUMNS = ("rank", "department", "lead", "responsible", "joint", "support", "accountable_units",
                    "support_only_units", "load", "overloaded")
YEAR_COLUMNS = ("year", "rank", "department", "plans", "lead", "responsible", "joint", "support", "accountable",
                "load")
CORPUS_COLUMNS = ("plan", "rank", "department", "lead", "responsible", "joint", "support", "accountable", "load",
                  "overloaded")


def _weights(ctx, param, value: str) -> Weights:
    try:
        return parse_weights(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


weights_option = click.option(
    "--weights", default=str(DEFAULT_WEIGHTS), show_default=True, callback=_weights, metavar="ROLE=N,…",
    help="Load-index weight of one assignment per role, as role=number,…; roles left out keep their default.")

seed_option = click.option(
    "--seed", default=DEFAULT_SEED, show_default=True, type=int,
    help="Random seed of Louvain community detection (fixed, so communities are reproducible).")


@click.command(epilog="""\b
Examples:
  fengong analyze                               the graph fengong build wrote (out/graph.ttl)
  fengong analyze --graph corpus.trig -o report
  fengong analyze --store corpus.db --format csv
  fengong analyze --endpoint http://127.0.0.1:7878/query
  fengong analyze --weights support=0.5,joint=1 --top 5
  fengong analyze --lang en                     departments by their English names
  fengong analyze --store corpus.db             several plans: each on its own, and corpus.csv
  fengong analyze --store corpus.db --plan nm-2017          one plan, by its document id
  fengong analyze --store corpus.db --pooled --jurisdiction 内蒙古自治区
  fengong analyze --store corpus.db --by-year --jurisdiction 内蒙古自治区 --by successor
""")
@store_options("analyse")
@click.option("--plan", metavar="ID|IRI",
              help="Analyse only this plan (its document id or IRI); default: every plan in the graph, "
                   "each on its own.")
@click.option("--jurisdiction", metavar="NAME",
              help="Only the plans this jurisdiction issued (its name, e.g. 内蒙古自治区, or IRI).")
@click.option("--pooled", is_flag=True,
              help="One analysis of all the plans together (one fence, one network) instead of one per "
                   "plan; refused for plans of different jurisdictions unless --force.")
@click.option("--force", is_flag=True,
              help="With --pooled: pool plans of different jurisdictions all the same (the report says so).")
@click.option("--by-year", is_flag=True,
              help="Instead: each department's load per year in the plans of one jurisdiction, into "
                   "by-year.csv, by-year.md and a line chart of the top departments (by-year.png/.svg).")
@click.option("--by", type=click.Choice(MATCH_BY), default=MATCH_BY[0], show_default=True,
              help="With --by-year: match departments as the same body, or as today's body (through "
                   "ontology/lineage.ttl), so that a bureau merged in a reform keeps one line.")
@click.option("-o", "--out", "outdir", default=DEFAULT_OUT, show_default=True, type=click.Path(file_okay=False),
              help="Folder to write workload.csv, centrality.csv, report.md, the charts and the networks into.")
@format_option()
@weights_option
@click.option("--top", default=DEFAULT_TOP, show_default=True, type=click.IntRange(min=1),
              help="Departments in the printed headline table and the report's table.")
@seed_option
@lang_option("the headline, report.md and the charts (the CSV files then add an english_name column)")
def analyze(graph_file: str | None, store_dir: str | None, endpoint: str | None, plan: str | None,
            jurisdiction: str | None, pooled: bool, force: bool, by_year: bool, by: str, outdir: str, fmt: str,
            weights: Weights, top: int, seed: int, lang: str) -> None:
    """Which departments carry too much, and who coordinates whom.

    Reads every assignment and every unit of work from the graph with the named SPARQL queries
    `assignments` and `units` and writes to OUTDIR: workload.csv (counts by role, load index, overload flag per department),
    centrality.csv (coordination-network centralities, communities, brokers), units.csv,
    sections.csv, summary.csv, assignments.csv, report.md (the findings in sentences, each with
    its source), load-index.png/.svg, department-section.png/.svg, and the coordination and
    support networks as GraphML and GEXF. Prints the headline: the most loaded departments and
    the overload verdict.

    A department is overloaded when its load index is above Tukey's fence, Q3 + 1.5·IQR of the
    load index of all departments. Default weights: lead 1, responsible 1, joint 0.5, support 0.25.

    With --lang en, departments are named by their English labels in the graph; the figures are
    the same as in Chinese, and the CSV files keep their Chinese names beside english_name.

    Several plans are analysed one by one, each over its own departments, into OUTDIR/plans/ID/
    (the files above); OUTDIR then holds corpus.csv (plan × department: counts, load, rank,
    overload verdict of its own plan) and a report.md setting the plans side by side. --pooled
    makes one analysis of them all, for plans of one jurisdiction.
    """
    from ..analysis.job import analyse_into  # networkx and matplotlib: loaded only when analysing
    from ..store import StoreError

    if force and not pooled:
        fail("--force only goes with --pooled")
    if by != "department" and not by_year:
        fail("--by only goes with --by-year (fengong compare has its own)")
    # A local graph or store is read in a worker process (without a time limit), so that this
    # process runs one thread and can deal the plans out among forked copies (fengong.forking).
    store = open_graph_store(graph_file, store_dir, endpoint, timeout=None if endpoint else math.inf)
    if by_year:
        _by_year(store, jurisdiction, by, Path(outdir), weights, top, lang, fmt)
        return
    try:
        job = analyse_into(store, Path(outdir), weights=weights, top=top, seed=seed, plan=plan, lang=lang,
                           pooled=pooled, force=force, jurisdiction=jurisdiction)
    except (StoreError, ValueError) as err:
        fail(str(err))
    for message in job.fonts:
        click.echo(f"warning: {message}", err=True)
    if fmt == "table":
        for line in job.headlines():
            click.echo(line)
        click.echo()
    click.echo(_table(job, top, fmt), nl=False)
    click.echo(f"wrote {job.report} and the tables, charts and networks beside it", err=fmt != "table")


def _by_year(store, jurisdiction: str | None, by: str, outdir: Path, weights: Weights, top: int, lang: str,
             fmt: str) -> None:
    """``--by-year``: the series written into ``outdir``, and the ``top`` departments of each year
    printed."""
    from ..analysis.years import years_into  # matplotlib: loaded only when analysing

    try:
        series, display, report = years_into(store, outdir, jurisdiction, by, weights, lang=lang)
    except (StoreError, ValueError) as err:
        fail(str(err))
    rows = [(r.year, r.rank, display(r.short_name), r.plans, r.lead, r.responsible, r.joint, r.support,
             r.accountable, r.load) for r in series if r.rank <= top]
    click.echo(render(YEAR_COLUMNS, rows, fmt), nl=False)
    click.echo(f"wrote {report} and by-year.csv and the chart beside it", err=fmt != "table")


def _table(job, top: int, fmt: str) -> str:
    """The printed table: the ``top`` most loaded departments of the analysis, or of each plan."""
    if not job.per_plan:
        part = job.parts[0]
        d = part.display
        rows = [(r.rank, d(r.short_name), r.lead, r.responsible, r.joint, r.support, r.accountable_units,
                 r.support_only_units, r.load, r.overloaded) for r in part.analysis.departments[:top]]
        return render(HEADLINE_COLUMNS, rows, fmt)
    rows = [(p.label, r.rank, p.display(r.short_name), r.lead, r.responsible, r.joint, r.support, r.accountable,
             r.load, r.overloaded) for p in job.parts for r in p.analysis.departments[:top]]
    return render(CORPUS_COLUMNS, rows, fmt)

"""``fengong build``: parse plans and write the graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..output import OutputError, check_not_input, write_atomic
from ..pipeline import parse_all
from ..rdf import plan_graph, to_turtle
from .analyze import analyse_built_graph
from .common import DEFAULT_OUT, encoding_option, exit_code, plans_argument, report, strict_option
from .viz import draw_built_graph


@click.command()
@plans_argument
@click.option("-o", "--out", "outdir", default=DEFAULT_OUT, show_default=True, type=click.Path(file_okay=False),
              help="Folder to write graph.ttl (and the other outputs) into.")
@encoding_option
@strict_option
@click.option("--no-analysis", is_flag=True,
              help="Do not run the workload and coordination analysis (fengong analyze) on the graph.")
@click.option("--no-viz", is_flag=True,
              help="Do not write the interactive network pages (fengong viz): network.html, coordination.html.")
def build(plans: tuple[str, ...], outdir: str, encoding: str | None, strict: bool, no_analysis: bool,
          no_viz: bool) -> None:
    """Parse PLAN files into a responsibility graph: OUTDIR/graph.ttl.

    With no PLAN, builds the bundled sample plan (内蒙古自治区贯彻落实质量强区决定分工方案, 2016).
    Use - to read a plan from standard input. Warnings (a clause that does not parse, a name not
    in the gazetteer) go to standard error with their line numbers; unreadable files are reported
    and the others are still built (exit code 2).
    """
    out = Path(outdir) / "graph.ttl"
    try:
        check_not_input(out, plans)
    except OutputError as err:
        raise click.UsageError(str(err)) from None
    if len(plans) > 1:
        with click.progressbar(length=len(plans), label="parsing", file=sys.stderr, show_pos=True) as bar:
            batch = parse_all(plans, encoding, progress=lambda sources: _advance(sources, bar))
    else:
        batch = parse_all(plans, encoding)
    n_warn, n_fail = report(batch.diagnostics, batch.failures)
    if batch.plans:
        graph = plan_graph(*batch.plans)
        write_atomic(out, to_turtle(graph))
        for plan in batch.plans:
            click.echo(_summary(plan))
        click.echo(f"wrote {out} ({len(graph)} triples)")
        if not no_analysis:
            analyse_built_graph(out, Path(outdir))
        if not no_viz:
            draw_built_graph(out, Path(outdir))
    sys.exit(exit_code(n_warn, n_fail, strict))


def _advance(sources, bar):
    for source in sources:
        yield source
        bar.update(1)


def _summary(plan) -> str:
    targets = sum(1 for i in plan.items if i.kind.value == "target")
    unparsed = len(plan.unparsed_clauses)
    parsed = sum(1 for unit in plan.units if unit.clause.form != "carried")  # a 下同 clause counts once
    return (
        f"{plan.source}: {len(plan.items)} items ({targets} targets, {len(plan.items) - targets} tasks), "
        f"{len(plan.units)} units, {len(plan.assignments)} assignments, "
        f"{len(plan.departments)} departments, {parsed} clauses parsed, {unparsed} unparsed, "
        f"{len(plan.diagnostics)} warnings"
    )

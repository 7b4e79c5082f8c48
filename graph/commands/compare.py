"""``fengong compare``: two plans, two years or two groups of plans, department by department."""

from __future__ import annotations

from pathlib import Path

import click

from ..analysis.defaults import DEFAULT_TOP, MATCH_BY
from ..analysis.workload import Weights
from ..store import StoreError
from ..tables import render
from .analyze import seed_option, weights_option
from .common import DEFAULT_OUT, fail, format_option, lang_option, open_graph_store, store_options

# The printed table (all formats): the changes, with the loads and ranks they come from;
# compare.csv holds every column of both sides.
COLUMNS = ("department", "status", "lead", "responsible", "joint", "support", "accountable", "load_a", "load_b",
           "load_change", "rank_a", "rank_b")


@click.command(epilog="""\b
Examples:
  fengong compare nm-2016 nm-2016-revised            two plans, by document id
  fengong compare 2017 2019 --store corpus.db --jurisdiction 内蒙古自治区     two years of one province
  fengong compare nm-2017,nm-2018 nm-2019 --by successor      merged bureaus as today's agency
  fengong compare nm-2017 nm-2019 --format csv > changes.csv
""")
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@store_options("compare")
@click.option("--by", type=click.Choice(MATCH_BY), default=MATCH_BY[0], show_default=True,
              help="Match departments as the same body, or as the body that holds their duties today "
                   "(through ontology/lineage.ttl: 质监局, 工商局 and 食药监局 count as 市场监督管理局).")
@click.option("--jurisdiction", metavar="NAME", help="Only plans of this jurisdiction (name or IRI) on either side.")
@click.option("-o", "--out", "outdir", default=DEFAULT_OUT, show_default=True, type=click.Path(file_okay=False),
              help="Folder to write compare.md, compare.csv, compare-network.csv and the chart into.")
@format_option()
@weights_option
@click.option("--top", default=DEFAULT_TOP, show_default=True, type=click.IntRange(min=1),
              help="Departments in the report's table and the chart of the largest changes.")
@seed_option
@lang_option("the report and the chart")
def compare(a: str, b: str, graph_file: str | None, store_dir: str | None, endpoint: str | None, by: str,
            jurisdiction: str | None, outdir: str, fmt: str, weights: Weights, top: int, seed: int,
            lang: str) -> None:
    """Compare side A with side B, department by department.

    A and B each name plans: a document id, a plan IRI or a year (every plan dated that year),
    several joined by commas. Each side is one population (its plans' workload summed). Prints,
    per department, the change in each role count, the accountable count and the load index,
    and its rank on both sides; writes OUTDIR/compare.md (the plans of both sides with their
    SHA-256, the largest changes with a dumbbell chart, the departments that appear or
    disappear, and the change in the coordination network: density, centralisation, the largest
    rises and falls in betweenness), compare.csv (both sides and the change, every department),
    compare-network.csv and compare-changes.png/.svg.
    """
    from ..analysis.compare_report import compare_into  # networkx and matplotlib: loaded only here

    store = open_graph_store(graph_file, store_dir, endpoint)
    try:
        c, display = compare_into(store, a.split(","), b.split(","), Path(outdir), by, jurisdiction, weights, top,
                                  seed, lang)
    except (StoreError, ValueError) as err:
        fail(str(err))
    rows = [(display(r.short_name), r.status, r.lead_change, r.responsible_change, r.joint_change,
             r.support_change, r.accountable_change, r.load_a, r.load_b, r.load_change, r.rank_a, r.rank_b)
            for r in c.departments]
    click.echo(render(COLUMNS, rows, fmt), nl=False)
    click.echo(f"wrote {Path(outdir) / 'compare.md'} and the table and chart beside it", err=fmt != "table")

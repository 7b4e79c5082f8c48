"""``fengong build``: parse plans and write the graph (a file, or an on-disk store for a corpus)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from typing import TYPE_CHECKING

from ..output import OutputError
from ..pipeline.files import GRAPH_FILES
from ..store import StoreError
from .common import DEFAULT_OUT, encoding_option, exit_code, fail, lang_option, plans_argument, report, strict_option

if TYPE_CHECKING:
    from ..pipeline.work import CorpusReport

SUMMARY_LINES = 20  # more plans than this get one total line instead of a line each


@click.command()
@plans_argument
@click.option("-o", "--out", "outdir", default=DEFAULT_OUT, show_default=True, type=click.Path(file_okay=False),
              help="Folder to write graph.ttl (and the other outputs) into.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False),
              help="Load the plans into this on-disk Oxigraph store instead of a graph file (created if "
                   "missing; one named graph per plan; a plan unchanged since the last build is not "
                   "parsed again, a changed one replaces its graph). Query it with --store DIR.")
@click.option("--rdf-format", type=click.Choice(sorted(GRAPH_FILES)), default=None,
              help="Graph file to write: ttl (all plans in one graph; the default without --store), "
                   "trig or nq (one named graph per plan, for corpora and triple stores).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes that parse plans in parallel (default: one per core).")
@encoding_option
@strict_option
@click.option("--no-analysis", is_flag=True,
              help="Do not run the workload and coordination analysis (fengong analyze) on the graph.")
@click.option("--no-viz", is_flag=True,
              help="Do not write the interactive network pages (fengong viz): network.html, coordination.html.")
@lang_option("the analysis and the network pages (as fengong analyze --lang and fengong viz --lang)")
def build(plans: tuple[str, ...], outdir: str, store_dir: str | None, rdf_format: str | None, jobs: int | None,
          encoding: str | None, strict: bool, no_analysis: bool, no_viz: bool, lang: str) -> None:
    """Parse PLAN files (or folders of them) into a responsibility graph.

    \b
    With no PLAN, builds the bundled sample plan (内蒙古自治区贯彻落实质量强区决定分工方案, 2016).
    Use - to read a plan from standard input. A folder is searched for .txt, .html, .docx and
    .pdf files; each plan's id is its path inside the folder.

    \b
    Writes OUTDIR/graph.ttl, then the analysis (report.md, charts) and the network pages. For a
    corpus, --store DIR keeps an on-disk store that later commands read with --store DIR and that
    the next build updates incrementally.

    Warnings (a clause that does not parse, a name not in the gazetteer) go to standard error with
    their line numbers; unreadable files are reported and the others are still built (exit code 2).
    """
    if store_dir and rdf_format == "ttl":
        raise click.UsageError("--store keeps one named graph per plan: dump it with --rdf-format trig or nq")
    from ..analysis.painter import painter_for

    # Charts: a painter forked first loads matplotlib while this process loads the parser and
    # parses (fengong.analysis.painter).
    with painter_for(plans, not no_analysis) as painter:
        from ..pipeline.build import analyse_and_draw, build_graph  # the parser, rdflib: not for --help
        from ..pipeline.inputs import discover

        with _progress(len(discover(plans))) as step:
            try:
                built = build_graph(plans, outdir, store=store_dir, rdf_format=rdf_format, jobs=jobs, encoding=encoding,
                                    analysis=not no_analysis, pages=not no_viz, progress=step)
            except (OutputError, StoreError) as err:
                fail(str(err))
        corpus = built.report
        n_warn, n_fail = report(corpus.diagnostics, corpus.failures)
        _summarise(corpus)
        if built.built and store_dir:
            click.echo(f"store {store_dir}: {corpus.count('parsed')} plans parsed, {corpus.count('unchanged')} "
                       f"unchanged, {corpus.triples} triples")
            if built.graph_file is not None:
                click.echo(f"wrote {built.graph_file}")
        elif built.built and built.graph_file is not None:
            click.echo(f"wrote {built.graph_file} ({built.triples} triples)")
        if built.built and not (no_analysis and no_viz):
            _tell(analyse_and_draw(built.open(), outdir, analysis=not no_analysis, pages=not no_viz, lang=lang,
                                   painter=painter), outdir)
    sys.exit(exit_code(n_warn, n_fail, strict))


def _tell(after, outdir: str) -> None:
    """What the analysis and the pages gave: the headline and the files, or why there are none."""
    for message in after.analysis.fonts if after.analysis else ():
        click.echo(f"warning: {message}", err=True)
    if after.analysis_error is not None:
        click.echo(f"warning: no analysis: {after.analysis_error}", err=True)
    elif after.analysis is not None:
        for line in after.analysis.headlines(full=False):
            click.echo(line)
        click.echo(f"wrote {Path(outdir) / 'report.md'} (fengong analyze --help: the other outputs; --no-analysis: skip)")
    if after.pages_error is not None:
        click.echo(f"warning: no network pages: {after.pages_error}", err=True)
    elif after.pages:
        click.echo(f"wrote {' and '.join(str(p) for p in after.pages)} (open in a browser; --no-viz: skip)")


class _progress:
    """A progress bar on standard error for more than one plan, on a terminal only: elsewhere
    click's would still print its label, a line among the errors a script reads there."""

    def __init__(self, total: int) -> None:
        self.bar = click.progressbar(length=total, label="parsing", file=sys.stderr, show_pos=True) \
            if total > 1 and sys.stderr.isatty() else None

    def __enter__(self):
        if self.bar is None:
            return None
        self.bar.__enter__()
        return lambda outcome: self.bar.update(1)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _summarise(corpus: CorpusReport) -> None:
    parsed = [o for o in corpus.outcomes if o.status == "parsed"]
    if len(parsed) <= SUMMARY_LINES:
        for o in parsed:
            click.echo(o.summary.line(o.name, len(o.diagnostics)))
        return
    keys = ("items", "units", "assignments", "clauses_parsed", "clauses_unparsed", "role_words", "role_words_uncovered")
    total = {k: sum(getattr(o.summary, k) for o in parsed) for k in keys}
    click.echo(f"{len(parsed)} plans: {total['items']} items, {total['units']} units, {total['assignments']} "
               f"assignments, {total['clauses_parsed']} clauses parsed, {total['clauses_unparsed']} unparsed, "
               f"{total['role_words_uncovered']} of {total['role_words']} role words uncovered, "
               f"{len(corpus.diagnostics)} warnings")

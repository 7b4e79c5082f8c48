"""``fengong build``: parse plans and write the graph (a file, or an on-disk store for a corpus)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pyoxigraph as ox

from ..corpus import CorpusReport, Outcome, build_store, collect, discover
from ..output import OutputError, check_not_input, write_atomic
from ..rdf import PREFIXES, merged_graph, to_turtle
from ..store import OxigraphStore, Store, StoreError, open_store
from ..viz import FILES as PAGE_FILES
from ..analysis.defaults import ANALYSIS_FILES
from .analyze import analyse_built_graph
from .common import DEFAULT_OUT, encoding_option, exit_code, fail, lang_option, plans_argument, report, strict_option
from .viz import draw_built_graph

GRAPH_FILES = {"ttl": "graph.ttl", "trig": "graph.trig", "nq": "graph.nq"}
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
    out_dir = Path(outdir)
    if store_dir and rdf_format == "ttl":
        raise click.UsageError("--store keeps one named graph per plan: dump it with --rdf-format trig or nq")
    fmt = rdf_format or (None if store_dir else "ttl")
    graph_file = out_dir / GRAPH_FILES[fmt] if fmt else None
    names = [name for name, _ in discover(plans)]
    try:
        check_not_input(outputs(out_dir, graph_file, not no_analysis, not no_viz), names)
    except OutputError as err:
        fail(str(err))
    with _progress(len(names)) as step:
        if store_dir:
            try:
                corpus = build_store(plans, store_dir, jobs=jobs, encoding=encoding, progress=step)
            except StoreError as err:
                fail(str(err))
        else:
            corpus, nquads = collect(plans, jobs=jobs, encoding=encoding, progress=step)
    n_warn, n_fail = report(corpus.diagnostics, corpus.failures)
    _summarise(corpus)
    built = [o for o in corpus.outcomes if o.status != "failed"]
    if store_dir and built:
        click.echo(f"store {store_dir}: {corpus.count('parsed')} plans parsed, {corpus.count('unchanged')} "
                   f"unchanged, {corpus.triples} triples")
        if graph_file is not None:
            _dump(ox.Store.read_only(store_dir), graph_file)
    elif built and graph_file is not None:
        triples = _write(nquads, graph_file)
        click.echo(f"wrote {graph_file} ({triples} triples)")
    if built:
        _after_build(_reopen(store_dir, graph_file), out_dir, no_analysis, no_viz, lang)
    sys.exit(exit_code(n_warn, n_fail, strict))


def outputs(out_dir: Path, graph_file: Path | None, analysis: bool, pages: bool) -> list[Path]:
    """Every file a build writes: the graph file, then into ``out_dir`` the analysis's files and
    the network pages (when they are asked for). None of them may be one of the build's inputs."""
    names = [*(ANALYSIS_FILES if analysis else ()), *(PAGE_FILES.values() if pages else ())]
    return [*([graph_file] if graph_file else []), *(out_dir / name for name in names)]


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
    parsed: list[Outcome] = [o for o in corpus.outcomes if o.status == "parsed"]
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


def _write(nquads: bytes, graph_file: Path) -> int:
    """Write the plans' N-Quads as ``graph_file``: Turtle (one graph, rdflib's sorted and readable
    form), TriG or N-Quads (a named graph per plan); returns the number of triples or quads."""
    if graph_file.suffix == ".ttl":
        graph = merged_graph(nquads)
        write_atomic(graph_file, to_turtle(graph))
        return len(graph)
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    trig = graph_file.suffix == ".trig"
    data = ox.serialize(quads, format=ox.RdfFormat.TRIG if trig else ox.RdfFormat.N_QUADS,
                        prefixes=PREFIXES if trig else None)
    write_atomic(graph_file, data)
    return len(quads)


def _dump(store: ox.Store, graph_file: Path) -> None:
    fmt = ox.RdfFormat.TRIG if graph_file.suffix == ".trig" else ox.RdfFormat.N_QUADS
    write_atomic(graph_file, store.dump(format=fmt))
    click.echo(f"wrote {graph_file}")


def _reopen(store_dir: str | None, graph_file: Path | None) -> Store:
    """The store the analysis and the pages read: what this build has just written."""
    if store_dir:
        return OxigraphStore(store_dir, read_only=True)
    return open_store(graph=graph_file)


def _after_build(store: Store, out_dir: Path, no_analysis: bool, no_viz: bool, lang: str) -> None:
    if not no_analysis:
        analyse_built_graph(store, out_dir, lang)
    if not no_viz:
        draw_built_graph(store, out_dir, lang)


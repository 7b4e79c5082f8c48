"""The whole job of ``fengong build``, as library calls: the graph, then the analysis and the pages.

:func:`build` runs both steps; the command runs them one at a time (:func:`build_graph`, then
:func:`analyse_and_draw`), to report the parse before the analysis starts.

    >>> import tempfile
    >>> from fengong.pipeline.build import build
    >>> with tempfile.TemporaryDirectory() as out:
    ...     built = build(out_dir=out, analysis=False, pages=False)
    ...     print(built.graph.triples, built.graph.report.count("parsed"))
    5831 1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.defaults import ANALYSIS_FILES
from ..analysis.painter import painter_for
from ..forking import in_copy
from ..output import DEFAULT_OUT, check_not_input
from ..store import OxigraphStore, Store, StoreError, open_store
from ..store.labels import DEFAULT_LANGUAGE
from ..viz import FILES as PAGE_FILES
from .corpus import build_store, collect
from .files import GRAPH_FILES, dump_store, write_graph
from .inputs import discover
from .work import CorpusReport, Outcome

if TYPE_CHECKING:
    from ..analysis.job import Job
    from ..analysis.painter import Painter


@dataclass
class BuiltGraph:
    """The graph step: what each input gave, and where the graph is (a file, a store or both)."""

    report: CorpusReport
    graph_file: Path | None = None
    store_dir: Path | None = None
    triples: int = 0  # in the graph file written from the plans (a store counts its own: report.triples)

    @property
    def built(self) -> bool:
        return any(o.status != "failed" for o in self.report.outcomes)

    def open(self) -> Store:
        """The store the analysis and the pages read: what this build has just written."""
        if self.store_dir is not None:
            return OxigraphStore(self.store_dir, read_only=True)
        return open_store(graph=self.graph_file)


@dataclass
class AfterBuild:
    """The analysis and the pages of a built graph; a graph that cannot be analysed or drawn
    (too few departments, no assignment) is not a failed build: the error says why instead."""

    analysis: Job | None = None  # what the analysis wrote, when analysed
    analysis_error: str | None = None
    pages: list[Path] = field(default_factory=list)
    pages_error: str | None = None


@dataclass
class Built:
    graph: BuiltGraph
    after: AfterBuild


def graph_file_for(out_dir: Path, store_dir: str | Path | None, rdf_format: str | None) -> Path | None:
    """The graph file a build writes: ``graph.ttl`` by default, none into a store unless asked
    for as TriG or N-Quads (a store keeps a named graph per plan, which Turtle cannot)."""
    if store_dir and rdf_format == "ttl":
        raise ValueError("a store keeps one named graph per plan: dump it as trig or nq, not ttl")
    fmt = rdf_format or (None if store_dir else "ttl")
    return out_dir / GRAPH_FILES[fmt] if fmt else None


def outputs(out_dir: Path, graph_file: Path | None, analysis: bool, pages: bool) -> list[Path]:
    """Every file a build writes: the graph file, then into ``out_dir`` the analysis's files and
    the network pages (when they are asked for). None of them may be one of the build's inputs."""
    names = [*(ANALYSIS_FILES if analysis else ()), *(PAGE_FILES.values() if pages else ())]
    return [*([graph_file] if graph_file else []), *(out_dir / name for name in names)]


def build_graph(inputs: Iterable[str] = (), out_dir: str | Path = DEFAULT_OUT, *, store: str | Path | None = None,
                rdf_format: str | None = None, jobs: int | None = None, encoding: str | None = None,
                analysis: bool = True, pages: bool = True,
                progress: Callable[[Outcome], None] | None = None) -> BuiltGraph:
    """Parse the plans (the bundled sample when ``inputs`` is empty) into a graph file in
    ``out_dir`` or the on-disk ``store`` (incrementally), after checking that no output would
    overwrite an input (``analysis`` and ``pages``: whether their files will be written too).

    Raises OutputError for an output that is an input, StoreError when the store cannot be written.
    """
    inputs = list(inputs)
    out = Path(out_dir)
    graph_file = graph_file_for(out, store, rdf_format)
    check_not_input(outputs(out, graph_file, analysis, pages), [name for name, _ in discover(inputs)])
    if store:
        result = BuiltGraph(build_store(inputs, store, jobs=jobs, encoding=encoding, progress=progress),
                            graph_file, Path(store))
        if result.built and graph_file is not None:
            dump_store(store, graph_file)
        return result
    report, nquads = collect(inputs, jobs=jobs, encoding=encoding, progress=progress)
    result = BuiltGraph(report, graph_file)
    if result.built:
        result.triples = write_graph(nquads, graph_file)
    return result


def analyse_and_draw(store: Store, out_dir: str | Path, *, analysis: bool = True, pages: bool = True,
                     lang: str = DEFAULT_LANGUAGE, painter: Painter | None = None) -> AfterBuild:
    """The analysis (report.md, tables, charts, networks) and the network pages of a built graph,
    with the defaults, into ``out_dir``; the charts drawn by ``painter`` when given (see
    :mod:`fengong.analysis.painter`: started before the build, it loads matplotlib meanwhile)."""
    from ..analysis.job import analyse_into  # networkx and matplotlib: loaded only when analysing

    after = AfterBuild()
    out = Path(out_dir)
    # The pages are written in a copy of this process while it analyses (fengong.forking).
    written = in_copy(partial(_write_pages, store, out, lang)) if pages else None
    if analysis:
        try:
            after.analysis = analyse_into(store, out, lang=lang, painter=painter)
        except (StoreError, ValueError) as err:
            after.analysis_error = str(err)
    if written is not None:
        after.pages, after.pages_error = written()
    return after


def _write_pages(store: Store, out: Path, lang: str) -> tuple[list[Path], str | None]:
    """The network pages, or why there are none."""
    from ..viz import AssetError, write_views  # networkx, numpy and the page assets: loaded only when drawing

    try:
        return write_views(store, out, lang), None
    except (StoreError, AssetError, ValueError) as err:
        return [], str(err)


def build(inputs: Iterable[str] = (), out_dir: str | Path = DEFAULT_OUT, *, store: str | Path | None = None,
          rdf_format: str | None = None, jobs: int | None = None, encoding: str | None = None,
          analysis: bool = True, pages: bool = True, lang: str = DEFAULT_LANGUAGE,
          progress: Callable[[Outcome], None] | None = None) -> Built:
    """``fengong build`` as a function: :func:`build_graph`, then :func:`analyse_and_draw` on what
    it built (skipped when no plan could be built)."""
    inputs = list(inputs)
    with painter_for(inputs, analysis) as painter:
        graph = build_graph(inputs, out_dir, store=store, rdf_format=rdf_format, jobs=jobs, encoding=encoding,
                            analysis=analysis, pages=pages, progress=progress)
        after = analyse_and_draw(graph.open(), out_dir, analysis=analysis, pages=pages, lang=lang, painter=painter) \
            if graph.built and (analysis or pages) else AfterBuild()
    return Built(graph, after)


"""Where an analysis's charts are drawn: here, or in worker processes beside the rest of the job.

Drawing is the largest part of an analysis: for the sample's two charts, each as PNG and SVG, about
a second of matplotlib after almost another to import it. A :class:`Painter` draws each chart when
asked, in this process. A :class:`WorkerPainter` draws them in worker processes instead:
``fengong build`` starts one before it parses, and multiprocessing's fork server, started at once,
imports matplotlib and the chart module (:mod:`.chart_server`) on another core while the plan is
parsed; each chart is then drawn in a process forked from that server while this process writes
the tables, the networks, the report and the network pages. A fork server, not a fork of this
process: a process that has opened a store runs Oxigraph's threads, and a fork of a multi-threaded
process can deadlock.

A chart is a name and its inputs (:class:`Chart`), drawn by the same function wherever it is
drawn, so its files are the same bytes in either painter.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import forkserver
from pathlib import Path
from typing import Any

from .defaults import CHART_SUFFIXES

SERVER_MODULE = f"{__package__}.chart_server"  # what the fork server imports before it forks a worker


@dataclass(frozen=True)
class Chart:
    """A chart to draw: the function of :mod:`.charts` that makes its figure, by name (so that
    naming it loads no matplotlib, and a worker process can be sent it), that function's
    arguments, and the path its files are saved under without their suffix."""

    figure: str
    stem: Path
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def paths(self) -> list[Path]:
        """The files the chart is written to."""
        return [self.stem.with_suffix(suffix) for suffix in CHART_SUFFIXES]


def draw(chart: Chart) -> list[str]:
    """Draw ``chart`` and write its files; the font warnings drawing it gave, as messages."""
    from . import charts  # matplotlib: loaded where a chart is drawn

    with fonts_caught() as fonts:
        charts.save(getattr(charts, chart.figure)(*chart.args, **chart.kwargs), chart.stem)
    return fonts


class Painter:
    """Draws each chart here, when asked."""

    def __init__(self) -> None:
        # The charts' font warnings (no font has some character of a label), in the order the
        # charts were asked for: complete once the painter has finished.
        self.fonts: list[str] = []

    def paint(self, chart: Chart) -> list[Path]:
        """Draw ``chart``, now or in a worker; the paths of the files it is written to."""
        self.fonts += draw(chart)
        return chart.paths

    def finish(self) -> list[str]:
        """Wait until every chart asked for is written (an error drawing one is raised here);
        :attr:`fonts`."""
        return self.fonts

    def cancel(self) -> None:
        """Give up the charts not drawn yet (the job failed): nothing to wait for here."""

    def __enter__(self) -> Painter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.finish()
        else:
            self.cancel()


class WorkerPainter(Painter):
    """Draws the charts in up to ``workers`` processes forked from a fork server that has loaded
    matplotlib, started when the painter is made."""

    def __init__(self, workers: int) -> None:
        super().__init__()
        context = multiprocessing.get_context("forkserver")
        # Only a server not yet running takes it: one a corpus build already started forks
        # workers that import matplotlib themselves, as slowly as this process would.
        context.set_forkserver_preload([SERVER_MODULE])
        forkserver.ensure_running()  # returns at once: the server loads matplotlib meanwhile
        self._pool = ProcessPoolExecutor(workers, mp_context=context)
        self._pending: list[Future[list[str]]] = []

    def paint(self, chart: Chart) -> list[Path]:
        self._pending.append(self._pool.submit(draw, chart))
        return chart.paths

    def finish(self) -> list[str]:
        try:
            for future in self._pending:
                self.fonts += future.result()
        finally:
            self._pending.clear()
            self._pool.shutdown(cancel_futures=True)
        return self.fonts

    def cancel(self) -> None:
        self._pending.clear()
        self._pool.shutdown(cancel_futures=True)


def start_painter(drawing: bool = True) -> Painter:
    """A painter for a job about to start: with a worker per core when the job draws charts and
    this machine has a core to spare beside this process (and multiprocessing a fork server: not
    on Windows); one that draws here otherwise (for a job that draws none, it costs nothing)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if not drawing or cores < 2 or "forkserver" not in multiprocessing.get_all_start_methods():
        return Painter()
    return WorkerPainter(cores)


@contextmanager
def fonts_caught() -> Iterator[list[str]]:
    """The font warnings of the charts drawn inside, as messages; other warnings pass on."""
    from .fonts import FontWarning

    fonts: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        yield fonts
    for w in caught:
        if issubclass(w.category, FontWarning):
            fonts.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)

"""Charts drawn beside the rest of a job, in forked copies of the process.

Drawing is most of what ``fengong build`` spends on one plan: two charts, each saved as PNG and
as SVG (2.6 s on the sample), after importing matplotlib (0.9 s), and nothing else waits for
them. A :class:`Painter` is forked when the job starts, imports matplotlib while the plan is
parsed, and, sent the charts of an analysis, draws each in a copy of its own while the job writes
its tables, networks, report and pages. The files are those drawn in the job's own process (the
same code and settings, in a copy of it); where the process runs other threads, and so cannot be
forked safely (:mod:`fengong.forking`), the charts are drawn in it, one after the other.

    >>> from fengong.analysis.painter import Chart, Painter
    >>> with Painter() as painter:                                           # doctest: +SKIP
    ...     drawn = painter.draw([Chart("load_chart", (loads, fence), out / "load-index")])
    ...     ...                                                              # the job goes on
    ...     paths = drawn()                          # [out/load-index.png, out/load-index.svg]
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..forking import Forked, Outcome, in_copy, outcome_of, received, result_of, single_threaded
from .defaults import CHART_PLANS


@dataclass(frozen=True)
class Chart:
    """A chart to draw: the function of :mod:`fengong.analysis.charts` that makes the figure, its
    arguments, and the stem of its files (``stem.png``, ``stem.svg``)."""

    figure: str
    args: tuple
    stem: Path
    kwargs: dict[str, Any] = field(default_factory=dict)


def draw(chart: Chart) -> Outcome:
    """Draw ``chart`` here: the paths written, with every warning drawing it raised, or the error
    (for :func:`finish` to raise where the job runs)."""
    return outcome_of(partial(_save, chart), every_warning=True)


def _save(chart: Chart) -> list[Path]:
    from . import charts  # matplotlib

    return charts.save(getattr(charts, chart.figure)(*chart.args, **chart.kwargs), chart.stem)


def finish(outcomes: Sequence[Outcome]) -> list[Path]:
    """The paths the charts were written to, in order, each chart's warnings raised here; the
    error of the first chart that failed."""
    return [path for outcome in outcomes for path in result_of(outcome)]


def drawing(charts: Sequence[Chart], painter: Painter | None = None) -> Callable[[], list[Path]]:
    """Start drawing ``charts`` with ``painter``, or in this process (each chart in a copy of
    its own where it can fork); the function returned waits for them (see :meth:`Painter.draw`)."""
    if painter is not None:
        return painter.draw(charts)
    outcomes = _apart(charts)
    return lambda: finish(outcomes)


def _apart(charts: Sequence[Chart]) -> list[Outcome]:
    """Each chart drawn in a copy of its own (with one core each, two charts take the time of
    the longer); here, one after the other, when this process cannot fork."""
    from . import charts as _  # noqa: F401 - matplotlib loaded once, before the copies are made

    if len(charts) < 2:
        return [draw(c) for c in charts]
    return [wait() for wait in [in_copy(partial(draw, c)) for c in charts]]


def _paint(jobs: int, done: int, unused: tuple[int, ...]) -> None:
    """The painter: import matplotlib now, then draw each list of charts sent, until the job
    closes its end."""
    for fd in unused:
        os.close(fd)
    # numpy's BLAS starts a pool of threads when it loads, and a process with threads is not
    # forked; the charts do no linear algebra worth a second thread.
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    from . import charts  # noqa: F401 - loaded while the job parses

    with os.fdopen(jobs, "rb") as inbox, os.fdopen(done, "wb") as outbox:
        while True:
            try:
                job = pickle.load(inbox)
            except EOFError:
                return
            pickle.dump(_apart(job), outbox)
            outbox.flush()


class Painter:
    """A forked process that draws the charts sent to it (see the module's text); in a process
    that cannot fork, :meth:`draw` draws them here. Close it (or use it as a context manager)."""

    def __init__(self) -> None:
        self._copy: Forked | None = None
        if not single_threaded():
            return
        jobs_read, jobs_write = os.pipe()
        done_read, done_write = os.pipe()
        self._copy = Forked(partial(_paint, jobs_read, done_write, (jobs_write, done_read)))
        os.close(jobs_read)
        os.close(done_write)
        self._jobs, self._done = os.fdopen(jobs_write, "wb"), os.fdopen(done_read, "rb")

    def draw(self, charts: Sequence[Chart]) -> Callable[[], list[Path]]:
        """Start drawing ``charts``; the function returned waits for them, raises their warnings
        and errors, and returns the paths written."""
        if self._copy is None:
            return drawing(charts)
        pickle.dump(list(charts), self._jobs)
        self._jobs.flush()
        return lambda: finish(received(self._done, self._copy))

    def close(self, stop: bool = False) -> None:
        """Let the painter finish and end (``stop``: end it now)."""
        if self._copy is None:
            return
        if stop:
            self._copy.kill()
        self._jobs.close()
        self._done.close()
        self._copy.wait()
        self._copy = None

    def __enter__(self) -> Painter:
        return self

    def __exit__(self, kind, *_) -> None:
        self.close(stop=kind is not None)


def painter_for(plans: Sequence[str], analysis: bool) -> AbstractContextManager[Painter | None]:
    """A painter started now, for a build whose analysis draws charts: of at most CHART_PLANS
    plans named one by one (no folder, which may hold thousands, whose plans get no charts);
    otherwise nothing (``None``)."""
    few = len(plans) <= CHART_PLANS and not any(Path(p).is_dir() for p in plans)
    return Painter() if analysis and few else nullcontext()

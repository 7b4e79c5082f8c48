"""One plan's way through the stages, the same for every job: read, parse, refuse or keep, emit.

``fengong build`` and ``fengong export`` both run :func:`outcomes`: each input is read, its text's
digest compared with what a store already holds (an unchanged plan is not parsed again), parsed,
refused when it holds no role word at all, and handed to an *emitter*, a function of the
:class:`~fengong.model.Plan` that makes what the job needs (the plan's N-Quads for a graph, its rows
for a table). The work runs in worker processes, one per core, and the outcomes come back in
input order, so the result never depends on which worker finished first.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial

from ..model import Diagnostic, Plan, text_sha256
from ..parse import parse_source
from ..rdf import plan_iri, plan_parts
from ..read import ReadError
from ..store.shared import pack
from .inputs import discover, read_input

PARALLEL_FROM = 4  # plans per worker below which starting workers costs more than it saves
AHEAD = 64  # plans submitted ahead per worker: enough to keep the workers busy while the store
# loads a batch (about 70 plans), few enough to bound memory (about 1 MB each)


@dataclass(frozen=True)
class Summary:
    """What one plan yielded, for the build report (no parser objects cross processes)."""

    items: int
    targets: int
    units: int
    assignments: int
    departments: int
    clauses_parsed: int
    clauses_unparsed: int
    role_words: int  # occurrences of role words in the text (牵头, 配合, 负责…)
    role_words_narrative: int  # of them, in text read as narrative (the notice, a heading…)
    role_words_uncovered: int  # of them, in no clause and no narrative: each one warned

    @classmethod
    def of(cls, plan: Plan) -> Summary:
        return cls(
            items=len(plan.items),
            targets=sum(1 for i in plan.items if i.kind.value == "target"),
            units=len(plan.units),
            assignments=len(plan.assignments),
            departments=len(plan.departments),
            clauses_parsed=sum(1 for u in plan.units if u.clause.form != "carried"),  # 下同 counts once
            clauses_unparsed=len(plan.unparsed_clauses),
            role_words=plan.coverage.total,
            role_words_narrative=plan.coverage.narrative,
            role_words_uncovered=plan.coverage.warned,
        )

    def line(self, name: str, warnings: int) -> str:
        return (
            f"{name}: {self.items} items ({self.targets} targets, {self.items - self.targets} tasks), "
            f"{self.units} units, {self.assignments} assignments, {self.departments} departments, "
            f"{self.clauses_parsed} clauses parsed, {self.clauses_unparsed} unparsed, "
            f"{self.role_words_uncovered} of {self.role_words} role words uncovered, {warnings} warnings"
        )


@dataclass(frozen=True)
class Outcome:
    """The result of one input: parsed, unchanged since the last build, or unreadable."""

    name: str
    doc_id: str
    status: str  # parsed | unchanged | failed
    sha256: str = ""
    payload: object = None  # what the emitter made of the plan (N-Quads, rows…)
    summary: Summary | None = None
    diagnostics: tuple[Diagnostic, ...] = ()
    error: ReadError | None = None


@dataclass
class CorpusReport:
    outcomes: list[Outcome] = field(default_factory=list)
    triples: int = 0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for o in self.outcomes for d in o.diagnostics]

    @property
    def failures(self) -> list[ReadError]:
        return [o.error for o in self.outcomes if o.error is not None]


Task = tuple[str, str, str | None, str]  # name, doc id, encoding, SHA-256 already in the store
Emitter = Callable[[Plan], object]  # a module-level function: it is sent to the worker processes


@dataclass(frozen=True)
class Quads:
    """What a worker makes of a plan for a graph or a store: its own graph's N-Quads, the lines of
    the shared graph (:func:`fengong.rdf.plan_parts`), and those lines packed as a store's record
    keeps them (:func:`fengong.store.shared.pack`). Made in the workers, in parallel, so that the
    one process writing the store only loads."""

    own: bytes
    shared: list[bytes]
    packed: bytes


def as_nquads(plan: Plan) -> Quads:
    """The emitter of a graph: the plan's N-Quads, in its two parts."""
    own, shared = plan_parts(plan)
    return Quads(own, shared, pack(shared))


def work(task: Task, emit: Emitter = as_nquads) -> Outcome:
    """Read, parse and emit one plan (runs in a worker process)."""
    name, doc_id, encoding, known_sha = task
    try:
        source = read_input(name, encoding)
    except ReadError as err:
        return Outcome(name, doc_id, "failed", error=err)
    sha = text_sha256(source.text)
    if sha == known_sha:
        return Outcome(source.name, doc_id, "unchanged", sha)
    plan = parse_source(source, doc_id)
    error = no_clause_error(plan)
    if error is not None:
        return Outcome(source.name, doc_id, "failed", error=error)
    return Outcome(source.name, doc_id, "parsed", sha, emit(plan), Summary.of(plan), plan.diagnostics)


def tasks_of(inputs: Iterable[str], encoding: str | None = None, known: Mapping[str, str] | None = None) -> list[Task]:
    """A task per plan named or found in the folders named; ``known``: the SHA-256 a store already
    holds per plan IRI, so that an unchanged plan is not parsed again."""
    known = known or {}
    return [(name, doc_id, encoding, known.get(plan_iri(doc_id), "")) for name, doc_id in discover(inputs)]


def outcomes(tasks: list[Task], jobs: int | None = None, emit: Emitter = as_nquads) -> Iterator[Outcome]:
    """Outcomes in input order, computed by ``jobs`` worker processes (1: in this process; None:
    one per core).

    A document id met twice (plan.docx and plan.pdf) fails the second input: its IRIs would
    merge with the first plan's into an invalid graph.
    """
    jobs = jobs or os.cpu_count() or 1
    seen: dict[str, str] = {}
    todo = []
    for task in tasks:
        if task[1] in seen:
            err = ReadError(task[0], f"same document id {task[1]!r} as {seen[task[1]]}: rename one of the files")
            todo.append(Outcome(task[0], task[1], "failed", error=err))
        else:
            seen[task[1]] = task[0]
            todo.append(task)
    runnable = [t for t in todo if not isinstance(t, Outcome)]
    if jobs <= 1 or len(runnable) < PARALLEL_FROM * jobs:
        results = map(partial(work, emit=emit), runnable)
        yield from (t if isinstance(t, Outcome) else next(results) for t in todo)
        return
    # forkserver, not fork: a process that has opened a store runs Oxigraph's threads, and a
    # forked copy of a multi-threaded process can deadlock or die.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("forkserver")) as pool:
        # A few plans ahead per worker, not the whole corpus: the workers parse faster than the
        # store loads, and every finished plan waits in memory (about 1 MB of N-Quads each) until
        # it is taken. Submitting everything at once held 8 GB at 10,000 plans.
        pending: deque[Future[Outcome]] = deque()
        queue = iter(runnable)
        for t in todo:
            while len(pending) < AHEAD * jobs and (task := next(queue, None)) is not None:
                pending.append(pool.submit(work, task, emit))
            yield t if isinstance(t, Outcome) else pending.popleft().result()


def no_clause_error(plan: Plan) -> ReadError | None:
    """A file without a single role word (牵头, 配合, 负责…) is not a plan of the genre: refused,
    not built. One with role words but no readable clause is built, and its warnings say where."""
    if plan.units or plan.unparsed_clauses or plan.coverage.total:
        return None
    return ReadError(plan.source, NOT_A_PLAN)


NOT_A_PLAN = "no role word (牵头, 配合, 负责…) in the text: not a division-of-labour plan?"


def without_payload(outcome: Outcome) -> Outcome:
    """The outcome without its payload, once used (a corpus report must not hold gigabytes)."""
    return replace(outcome, payload=None)

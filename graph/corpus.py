"""Building many plans at once: in parallel, into a graph file or an on-disk store.

A researcher's corpus holds thousands of plans (every province and city issues them every year).
The work per plan (read, parse, make RDF, write N-Quads) runs in worker processes, one per core;
the parent only collects the N-Quads, in input order, so the result never depends on which worker
finished first. Each plan is one named graph (its plan IRI); what plans share (bodies,
jurisdictions, policies) goes to one shared graph (:data:`fengong.rdf.SHARED_GRAPH`), so the same
自治区质监局 node serves every Inner Mongolia plan.

Into a store, builds are incremental: a plan whose text has the same SHA-256 as the one already in
the store is not parsed again, a changed plan replaces its named graph, and the shared graph is
left holding what the plans in the store share, as a clean build would (:mod:`fengong.shared`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .model import Diagnostic, Plan
from .pipeline import discover, no_clause_error, parse_source, read_input
from .rdf import SHARED_GRAPH, plan_iri, plan_nquads
from .read import ReadError
from .shared import SharedRecord
from .store import StoreError

NQ = ox.RdfFormat.N_QUADS
SHARED_MARKER = f"<{SHARED_GRAPH}> .".encode()  # how an N-Quads line in the shared graph ends
LOAD_BATCH = 64 << 20  # bytes of N-Quads handed to the store's bulk loader at once
PARALLEL_FROM = 4  # plans per worker below which starting workers costs more than it saves
AHEAD = 64  # plans submitted ahead per worker: enough to keep the workers busy while the store
# loads a batch (LOAD_BATCH, about 70 plans), few enough to bound memory (about 1 MB each)


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
    nquads: bytes = b""
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


def work(task: Task) -> Outcome:
    """Read, parse and write one plan as N-Quads (runs in a worker process)."""
    name, doc_id, encoding, known_sha = task
    try:
        source = read_input(name, encoding)
    except ReadError as err:
        return Outcome(name, doc_id, "failed", error=err)
    text = source.text.replace("\r\n", "\n").replace("\r", "\n")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if sha == known_sha:
        return Outcome(source.name, doc_id, "unchanged", sha)
    plan = parse_source(source, doc_id)
    error = no_clause_error(plan)
    if error is not None:
        return Outcome(source.name, doc_id, "failed", error=error)
    return Outcome(source.name, doc_id, "parsed", sha, plan_nquads(plan).encode("utf-8"), Summary.of(plan),
                   plan.diagnostics)


def outcomes(tasks: list[Task], jobs: int) -> Iterator[Outcome]:
    """Outcomes in input order, computed by ``jobs`` worker processes (1: in this process).

    A document id met twice (plan.docx and plan.pdf) fails the second input: its IRIs would
    merge with the first plan's into an invalid graph.
    """
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
        results = map(work, runnable)
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
                pending.append(pool.submit(work, task))
            yield t if isinstance(t, Outcome) else pending.popleft().result()


def known_hashes(store: ox.Store) -> dict[str, str]:
    """The SHA-256 of every plan already in a store, by plan IRI."""
    query = """SELECT ?plan ?sha WHERE { GRAPH ?plan {
        ?plan a <https://w3id.org/fengong/ns#Plan> ; <https://w3id.org/fengong/ns#sha256> ?sha } }"""
    return {row["plan"].value: row["sha"].value for row in store.query(query)}


def build_store(
    inputs: Iterable[str],
    store_dir: str | Path,
    *,
    jobs: int | None = None,
    encoding: str | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> CorpusReport:
    """Parse plans into the on-disk store at ``store_dir`` (created if missing), incrementally.

    N-Quads are handed to Oxigraph's bulk loader in large batches: it loads far faster per triple
    in one big call than in many small ones. The shared graph is then what the plans in the store
    share, no more (:mod:`fengong.shared`). Raises StoreError when the store cannot be opened for
    writing, another build's included.
    """
    store = open_for_writing(Path(store_dir))
    stored = known_hashes(store)
    record = SharedRecord(Path(store_dir), bool(stored))
    try:
        recorded = record.hashes()
        # A plan is unchanged only if the store and the record hold the same text's version.
        known = {iri: sha for iri, sha in stored.items() if recorded.get(iri) == sha}
        tasks = [(name, doc_id, encoding, known.get(plan_iri(doc_id), "")) for name, doc_id in discover(inputs)]
        report = CorpusReport()
        batch: list[bytes] = []
        size = 0

        def flush() -> None:
            nonlocal batch, size
            if batch:
                store.bulk_load(b"".join(batch), format=NQ)
                batch, size = [], 0

        for outcome in outcomes(tasks, jobs or os.cpu_count() or 1):
            if outcome.status == "parsed":
                iri = plan_iri(outcome.doc_id)
                if iri in stored:
                    store.clear_graph(ox.NamedNode(iri))
                record.replace(iri, outcome.sha256, split_shared(outcome.nquads)[1])
                batch.append(outcome.nquads)
                size += len(outcome.nquads)
                if size >= LOAD_BATCH:
                    flush()
            report.outcomes.append(_without_payload(outcome))
            if progress is not None:
                progress(outcome)
        flush()
        record.commit(store)
    finally:
        record.close()
    if report.count("parsed"):
        store.optimize()  # compact the store: queries on it then seek through fewer files
    store.flush()
    report.triples = len(store)
    return report


def open_for_writing(store_dir: Path) -> ox.Store:
    """The on-disk store at ``store_dir``, opened to write (created if missing).

    Oxigraph lets one process at a time write a store, and says so in an OSError about its LOCK
    file: a second build is told, in one line, to wait for the first.
    """
    try:
        return ox.Store(str(store_dir))
    except OSError as err:
        if "lock" in str(err).lower():
            raise StoreError(f"{store_dir}: another fengong build is writing to this store: wait for it to finish") from None
        raise StoreError(f"{store_dir}: cannot open the store to write it ({str(err).strip()})") from None


def split_shared(nquads: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines of one plan's N-Quads: those of its own graph, and those of the shared graph."""
    own: list[bytes] = []
    shared: list[bytes] = []
    for line in nquads.splitlines(keepends=True):
        (shared if line.rstrip().endswith(SHARED_MARKER) else own).append(line)
    return own, shared


def collect(
    inputs: Iterable[str],
    *,
    jobs: int | None = None,
    encoding: str | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> tuple[CorpusReport, bytes]:
    """Parse plans into one N-Quads document: each plan's graph in input order, then the shared
    graph once (its triples deduplicated, in first-seen order)."""
    tasks = [(name, doc_id, encoding, "") for name, doc_id in discover(inputs)]
    report = CorpusReport()
    own: list[bytes] = []
    shared: dict[bytes, None] = {}
    for outcome in outcomes(tasks, jobs or os.cpu_count() or 1):
        plan_own, plan_shared = split_shared(outcome.nquads)
        own += plan_own
        shared.update(dict.fromkeys(plan_shared))
        report.outcomes.append(_without_payload(outcome))
        if progress is not None:
            progress(outcome)
    return report, b"".join(own) + b"".join(shared)


def _without_payload(outcome: Outcome) -> Outcome:
    """The outcome without its N-Quads, once used (a corpus report must not hold gigabytes)."""
    return Outcome(outcome.name, outcome.doc_id, outcome.status, outcome.sha256, b"",
                   outcome.summary, outcome.diagnostics, outcome.error)

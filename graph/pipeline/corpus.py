"""Plans into a graph: one N-Quads document, or an on-disk store.

A researcher's corpus holds thousands of plans (every province and city issues them every year).
The work per plan runs in worker processes (:mod:`.work`); here the parent collects their N-Quads,
in input order. Each plan is one named graph (its plan IRI); what plans share (bodies,
jurisdictions, policies) goes to one shared graph (:data:`fengong.rdf.SHARED_GRAPH`), so the same
自治区质监局 node serves every Inner Mongolia plan.

Into a store, builds are incremental: a plan whose text has the same SHA-256 as the one already in
the store is not parsed again, a changed plan replaces its named graph, and the shared graph is
left holding what the plans in the store share, as a clean build would (:mod:`fengong.store.shared`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

from ..rdf import plan_iri
from ..sparql.catalogue import internal
from ..store import StoreError
from ..store.shared import SharedRecord
from .work import CorpusReport, Outcome, outcomes, tasks_of, without_payload

NQ = ox.RdfFormat.N_QUADS
# Bytes of N-Quads handed to the store's bulk loader at once. Each call writes files of its own,
# which the final optimize() merges, but a batch loads in a thread while the next one fills
# (_Loader), so batches small enough to start loading while plans are still parsed win: 200
# plans built in 23–25 s with 32 MB batches, 26 s with 16 MB or 64 MB, 33 s with 256 MB (one
# batch, loaded after the last plan), on 2 cores; and two batches in flight hold 0.44 GB instead of 1.3 GB.
LOAD_BATCH = 32 << 20


def known_hashes(store: ox.Store) -> dict[str, str]:
    """The SHA-256 of every plan already in a store, by plan IRI (``queries/internal/plan-hashes.rq``).

    Asked of the raw store being written, not through OxigraphStore: the query names each plan's
    own graph, so it needs no union default graph.
    """
    return {row["plan"].value: row["sha"].value for row in store.query(internal("plan-hashes").text)}


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
    share, no more (:mod:`fengong.store.shared`). Raises StoreError when the store cannot be opened for
    writing, another build's included.
    """
    store = open_for_writing(Path(store_dir))
    stored = known_hashes(store)
    record = SharedRecord(Path(store_dir), bool(stored))
    try:
        recorded = record.hashes()
        # A plan is unchanged only if the store and the record hold the same text's version.
        known = {iri: sha for iri, sha in stored.items() if recorded.get(iri) == sha}
        tasks = tasks_of(inputs, encoding, known)
        report = CorpusReport()
        loader = _Loader(store)
        for outcome in outcomes(tasks, jobs):
            if outcome.status == "parsed":
                iri = plan_iri(outcome.doc_id)
                if iri in stored:
                    store.clear_graph(ox.NamedNode(iri))
                quads = outcome.payload
                record.replace(iri, outcome.sha256, quads.shared, quads.packed)
                loader.add(quads.own, quads.shared)
            report.outcomes.append(without_payload(outcome))
            if progress is not None:
                progress(outcome)
        loader.close()
        record.commit(store)
    finally:
        record.close()
    if report.count("parsed"):
        store.optimize()  # compact the store: queries on it then seek through fewer files
    store.flush()
    report.triples = len(store)
    return report


class _Loader:
    """N-Quads handed to the store's bulk loader in large batches, what plans share (bodies,
    places, lineage) once per build rather than once per plan.

    Each batch loads in a thread of its own while the next one fills: Oxigraph releases the GIL
    while it loads, so the loading overlaps with taking the workers' plans, at most one batch
    loading at a time (memory: two batches). Call :meth:`close` at the end; it waits for the last
    load and raises what a load raised.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.batch: list[bytes] = []
        self.size = 0
        self.sent: set[bytes] = set()  # shared quads already handed to the loader
        self.loading: threading.Thread | None = None
        self.failure: BaseException | None = None

    def add(self, own: bytes, shared: list[bytes]) -> None:
        fresh = [quad for quad in shared if quad not in self.sent]
        self.sent.update(fresh)
        self.batch.append(own)
        self.batch += fresh
        self.size += len(own) + sum(map(len, fresh))
        if self.size >= LOAD_BATCH:
            self._send()

    def close(self) -> None:
        self._send()
        self._wait()

    def _send(self) -> None:
        if not self.batch:
            return
        self._wait()
        data, self.batch, self.size = b"".join(self.batch), [], 0
        self.loading = threading.Thread(target=self._load, args=(data,), name="fengong-bulk-load", daemon=True)
        self.loading.start()

    def _load(self, data: bytes) -> None:
        try:
            # Lenient: the quads are fengong's own N-Quads (fengong.rdf.terms), whose IRIs and
            # literals are well-formed by construction (loading without the checks measured 1.4× faster).
            self.store.bulk_load(data, format=NQ, lenient=True)
        except BaseException as err:  # raised in the builder's thread by _wait
            self.failure = err

    def _wait(self) -> None:
        if self.loading is not None:
            self.loading.join()
            self.loading = None
        if self.failure is not None:
            failure, self.failure = self.failure, None
            raise failure


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


def collect(
    inputs: Iterable[str],
    *,
    jobs: int | None = None,
    encoding: str | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> tuple[CorpusReport, bytes]:
    """Parse plans into one N-Quads document: each plan's graph in input order, then the shared
    graph once (its triples deduplicated, in first-seen order)."""
    tasks = tasks_of(inputs, encoding)
    report = CorpusReport()
    own: list[bytes] = []
    shared: dict[bytes, None] = {}
    for outcome in outcomes(tasks, jobs):
        if outcome.payload is not None:
            own.append(outcome.payload.own)
            shared.update(dict.fromkeys(outcome.payload.shared))
        report.outcomes.append(without_payload(outcome))
        if progress is not None:
            progress(outcome)
    return report, b"".join(own) + b"".join(shared)

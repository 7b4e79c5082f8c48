#!/usr/bin/env python3
"""The store-loading half of a corpus build, against the way it loaded before, in the same process.

    python bench/load.py --docs 100

Parses N plans of the synthetic corpus once (``bench/generate.py``), then loads their N-Quads into
fresh on-disk stores, alternating: *before*, every plan's whole payload (its shared quads again
each time) checked by the loader in 64 MB calls; *now*, :class:`fengong.pipeline.corpus._Loader`
(each shared quad once per build, lenient, 32 MB calls, each loaded in a thread while the next
fills); each followed by the final
``optimize``. Reports the best of ``--repeat`` loads of each and their ratio, with the quads each
store holds (the same, or the comparison is void).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import corpus  # noqa: E402

from fengong.pipeline.corpus import _Loader  # noqa: E402
from fengong.pipeline.work import outcomes, tasks_of  # noqa: E402
from fengong.pipeline.work import Quads  # noqa: E402

BEFORE_BATCH = 64 << 20


def before(store: ox.Store, payloads: list[Quads]) -> None:
    batch, size = [], 0
    for quads in payloads:
        payload = quads.own + b"".join(quads.shared)
        batch.append(payload)
        size += len(payload)
        if size >= BEFORE_BATCH:
            store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)
            batch, size = [], 0
    if batch:
        store.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)


def now(store: ox.Store, payloads: list[Quads]) -> None:
    loader = _Loader(store)
    for quads in payloads:
        loader.add(quads.own, quads.shared)
    loader.close()


def timed(load, payloads: list[Quads], folder: Path) -> tuple[float, int]:
    shutil.rmtree(folder, ignore_errors=True)
    store = ox.Store(str(folder))
    start = time.perf_counter()
    load(store, payloads)
    store.optimize()
    store.flush()
    return time.perf_counter() - start, len(store)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100, help="plans to load (the first of the 1,000-plan corpus)")
    ap.add_argument("--repeat", type=int, default=3, help="loads of each; the best is kept")
    args = ap.parse_args()
    files = sorted(str(p) for p in corpus(1000).glob("*.txt"))[: args.docs]
    payloads = [o.payload for o in outcomes(tasks_of(files, None), os.cpu_count()) if o.status == "parsed"]
    work = Path(tempfile.mkdtemp(prefix="fengong-load-"))
    try:
        best: dict[str, tuple[float, int]] = {}
        for _ in range(args.repeat):
            for name, load in (("before", before), ("now", now)):
                seconds, quads = timed(load, payloads, work / name)
                if name not in best or seconds < best[name][0]:
                    best[name] = (seconds, quads)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sent = sum(len(q.own) + sum(map(len, q.shared)) for q in payloads)
    print(f"{len(payloads)} plans, {sent / 2**20:.0f} MB of N-Quads sent by the workers, load average "
          f"{os.getloadavg()[0]:.2f}")
    print("| load | seconds | quads in the store | plans/s |\n|---|---:|---:|---:|")
    for name, (seconds, quads) in best.items():
        print(f"| {name} | {seconds:.2f} | {quads:,} | {len(payloads) / seconds:.0f} |")
    print(f"\nnow / before: {best['now'][0] / best['before'][0]:.2f}")
    return 0 if best["now"][1] == best["before"][1] else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Corpus benchmark: build throughput, peak memory and named-query latency, as ratios in one run.

    python bench/run.py --docs 100 --json bench/results/100.json

1. Generates (or reuses) a synthetic corpus of N sample-sized plans (``bench/generate.py``).
2. Builds it into a fresh on-disk store with every core (``fengong build --store``), measuring plans/s,
   triples/s and the peak resident memory of the whole process tree; the baseline is the same build
   on one core, over the first plans of the corpus.
3. Reopens the store in a new process and answers the workload query (wall time).
4. Runs every named query on the embedded store (Oxigraph) and, up to ``--rdflib-max`` plans, on
   rdflib's in-memory store over the same quads (the baseline), and on an Oxigraph server through
   ``--endpoint``; reports the median of ``--repeat`` runs each.

The JSON has ``build_plans_per_s``, ``peak_rss_mb`` and ``query_median_ms`` as
{query name: {"oxigraph": ms, "rdflib": ms, "endpoint": ms}}; a run stopped at ``--cap`` is
``{"capped_s": cap}``, never a number, and a ratio is ``{"value": x, "bound": "exact" | "lower" |
"upper"}`` (a capped slow run makes it a lower bound). The JSON is written whatever happens: a run
that fails or is stopped half-way keeps what it measured, with ``error``. ``--markdown`` appends the
table to bench/README.md. The figures are wall-clock times: the load average is recorded beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from store_queries import corpus_values  # noqa: E402

from fengong.sparql.catalogue import catalogue  # noqa: E402
from fengong.pipeline.corpus import build_store  # noqa: E402
from fengong.store import EndpointStore, OxigraphStore, RdflibStore  # noqa: E402

SEED = 2016


class PeakRss:
    """Samples the resident memory of this process and all its descendants (from /proc)."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval, self.peak, self._stop = interval, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(os.getpid()))
            time.sleep(self.interval)

    @property
    def mb(self) -> float:
        return self.peak / 2**20


def _tree_rss(pid: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            pass
        stack.extend(children.get(p, []))
    return total


def corpus(docs: int) -> Path:
    folder = HERE / "corpus" / str(docs)
    if not (folder / "truth.tsv").exists():
        generate(docs, folder, SEED)
    return folder


def timed_build(plans: Path | list[str], store_dir: Path, jobs: int) -> tuple[float, int, float]:
    """(seconds, plans parsed, peak MB) of a build into a fresh store."""
    shutil.rmtree(store_dir, ignore_errors=True)
    inputs = [str(plans)] if isinstance(plans, Path) else plans
    with PeakRss() as rss:
        start = time.perf_counter()
        report = build_store(inputs, store_dir, jobs=jobs)
        seconds = time.perf_counter() - start
    failed = [o for o in report.outcomes if o.status == "failed"]
    if failed:
        raise SystemExit(f"build failed: {failed[0].error}")
    return seconds, report.count("parsed"), rss.mb


class TooSlow(BaseException):  # not Exception: stores turn those into StoreError
    pass


def _alarm(signum, frame):
    raise TooSlow


def capped(cap: float) -> dict[str, float]:
    """A run stopped at ``cap`` seconds: not a time, so never a number in a sum or a ratio."""
    return {"capped_s": cap}


def is_capped(value: object) -> bool:
    return isinstance(value, dict) and "capped_s" in value


def ratio(slow: float | dict, fast: float | dict) -> dict | None:
    """``slow / fast`` with what it is: ``exact``, a ``lower`` bound (the slow run was stopped at its
    cap, so it would have taken longer) or an ``upper`` one (the fast run was); None when both
    were stopped (nothing is known)."""
    if is_capped(slow) and is_capped(fast):
        return None
    top = slow["capped_s"] * 1000 if is_capped(slow) else slow
    bottom = fast["capped_s"] * 1000 if is_capped(fast) else fast
    bound = "lower" if is_capped(slow) else "upper" if is_capped(fast) else "exact"
    return {"value": round(top / max(bottom, 0.01), 1), "bound": bound}


def median_ratio(ratios: list[dict | None]) -> dict | None:
    """The median of ratios; a lower bound when some of them are (the median cannot fall when a
    value rises), unknown (None) when some are upper bounds or unknown too."""
    known = [r for r in ratios if r is not None]
    if not known or len(known) < len(ratios) or any(r["bound"] == "upper" for r in known):
        return None
    bound = "lower" if any(r["bound"] == "lower" for r in known) else "exact"
    return {"value": round(statistics.median(r["value"] for r in known), 1), "bound": bound}


def shown(value: float | dict | None, unit: str = "") -> str:
    """A figure for the table: a time, "> cap" for a stopped run, "≥ x" for a lower bound."""
    if value is None:
        return "unknown"
    if is_capped(value):
        return f"> {value['capped_s']:g} s"
    if isinstance(value, dict):
        sign = {"lower": "≥ ", "upper": "≤ ", "exact": ""}[value["bound"]]
        return f"{sign}{value['value']}{unit}"
    return f"{value}{unit}"


def median_ms(run, repeat: int, cap: float) -> float | None:
    """Median wall time of ``repeat`` runs in ms; None when one run exceeds ``cap`` seconds
    (rdflib evaluates in Python, so an alarm can stop it)."""
    times = []
    signal.signal(signal.SIGALRM, _alarm)
    for _ in range(repeat):
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, cap)
        try:
            run()
        except TooSlow:
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def query_times(stores: dict[str, object], given: dict[str, str], repeat: int, cap: float) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for name, q in sorted(catalogue().items()):
        values = {p.name: given[p.name] for p in q.parameters if p.required and p.name in given}
        if any(p.required and p.name not in given for p in q.parameters):
            continue
        bindings = q.bindings(values)
        out[name] = {}
        for engine, store in stores.items():
            ms = median_ms(lambda s=store: s.select(q.text, bindings), repeat if engine != "rdflib" else 1, cap)
            out[name][engine] = ms if ms is not None else capped(cap)
            log(f"  {name:18s} {engine:9s} {shown(out[name][engine], ' ms' if ms is not None else '')}")
    return out


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store_dir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    binary = Path(sys.executable).with_name("oxigraph")
    proc = subprocess.Popen([str(binary), "serve-read-only", "--location", str(store_dir),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return proc, f"http://127.0.0.1:{port}/query"


def run(docs: int, jobs: int, repeat: int, rdflib_max: int, baseline_docs: int, server: bool, cap: float,
        result: dict) -> None:
    """Fills ``result`` as each step ends, so that a run stopped or failing half-way still leaves
    what it measured (``main`` writes it whatever happens)."""
    log(f"corpus of {docs} plans")
    source = corpus(docs)
    result.update(docs=docs, jobs=jobs, cap_s=cap, machine=f"{platform.machine()}, {os.cpu_count()} cores, Python "
                  f"{platform.python_version()}, pyoxigraph {ox.__version__}", load_average_start=os.getloadavg()[0])
    work = Path(tempfile.mkdtemp(prefix="fengong-bench-"))
    try:
        log("build")
        seconds, parsed, peak = timed_build(source, work / "store", jobs)
        log(f"  {parsed} plans in {seconds:.1f} s; baseline on one core")
        result.update(build_seconds=round(seconds, 2), build_plans_per_s=round(parsed / seconds, 1),
                      peak_rss_mb=round(peak))
        files = sorted(str(p) for p in source.glob("*.txt"))[: min(docs, baseline_docs)]
        base_seconds, base_parsed, _ = timed_build(files, work / "baseline", 1)
        result.update(baseline_one_core_plans_per_s=round(base_parsed / base_seconds, 1),
                      parallel_speedup=round((parsed / seconds) / (base_parsed / base_seconds), 2))
        store = OxigraphStore(work / "store")
        triples = len(store.store)
        result.update(triples=triples, build_triples_per_s=round(triples / seconds))
        given = corpus_values(store)
        stores: dict[str, object] = {}
        if docs <= rdflib_max:
            rdf = RdflibStore()
            dump = work / "corpus.nq"
            store.store.dump(str(dump), format=ox.RdfFormat.N_QUADS)
            start = time.perf_counter()
            rdf.load(dump)
            result["rdflib_load_s"] = round(time.perf_counter() - start, 1)
        del store
        start = time.perf_counter()
        reopen = subprocess.run([sys.executable, "-m", "fengong", "query", "workload", "--store",
                                 str(work / "store"), "--format", "csv"], capture_output=True, check=True)
        result.update(reopen_workload_s=round(time.perf_counter() - start, 2),
                      reopen_rows=reopen.stdout.decode().count("\n") - 1)
        stores["oxigraph"] = OxigraphStore(work / "store", read_only=True)
        if docs <= rdflib_max:
            stores["rdflib"] = rdf
        proc = None
        if server:
            proc, url = serve(work / "store")
            stores["endpoint"] = EndpointStore(url, timeout=600)
        try:
            log("queries")
            result["query_median_ms"] = queries = query_times(stores, given, repeat, cap)
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait()
        if docs <= rdflib_max:
            result["rdflib_over_oxigraph_median"] = median_ratio(
                [ratio(q["rdflib"], q["oxigraph"]) for q in queries.values()])
            result["rdflib_capped_queries"] = sum(is_capped(q["rdflib"]) for q in queries.values())
    finally:
        shutil.rmtree(work, ignore_errors=True)


def markdown(result: dict) -> str:
    """The run's tables; a figure the run did not reach (it stopped or failed first) reads "not measured"."""
    q = result.get("query_median_ms", {})
    engines = [e for e in ("oxigraph", "rdflib", "endpoint") if any(e in v for v in q.values())]
    get = lambda key, unit="": shown(result[key], unit) if key in result else "not measured"  # noqa: E731
    lines = [
        f"### {result.get('docs')} plans ({result.get('triples', 0):,} triples)", "",
        f"Machine: {result.get('machine')}; load average {result.get('load_average_start', 0):.2f} at the start.", "",
        "| build | value |", "|---|---|",
        f"| plans/s ({result.get('jobs')} workers) | {get('build_plans_per_s')} |",
        f"| plans/s, one core (baseline) | {get('baseline_one_core_plans_per_s')} |",
        f"| parallel speed-up | {get('parallel_speedup', '×')} |",
        f"| triples/s | {get('build_triples_per_s')} |",
        f"| build time | {get('build_seconds', ' s')} |",
        f"| peak memory (process tree) | {get('peak_rss_mb', ' MB')} |",
        f"| reopen store + workload query (new process) | {get('reopen_workload_s', ' s')} |",
    ]
    if "rdflib_over_oxigraph_median" in result:
        median = result["rdflib_over_oxigraph_median"]
        capped_runs = f"{result['rdflib_capped_queries']} rdflib runs stopped at {result['cap_s']:g} s"
        note = (f" ({capped_runs}, counted as {result['cap_s']:g} s: a lower bound)" if median and median["bound"] == "lower"
                else " (an Oxigraph run was stopped at the cap too: no bound)" if median is None else "")
        lines.append(f"| rdflib / Oxigraph, median over the queries | {get('rdflib_over_oxigraph_median', '×')}{note} |")
    if "error" in result:
        lines.append(f"| stopped by | {result['error']} |")
    lines += ["", "| query (median ms) | " + " | ".join(engines) + " |", "|---|" + "---|" * len(engines)]
    for name, times in q.items():
        lines.append(f"| {name} | " + " | ".join(shown(times[e]) if e in times else "" for e in engines) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100, help="plans in the synthetic corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for the build")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median reported)")
    parser.add_argument("--rdflib-max", type=int, default=100, help="largest corpus to also query with rdflib")
    parser.add_argument("--baseline-docs", type=int, default=50, help="plans in the one-core baseline build")
    parser.add_argument("--no-server", action="store_true", help="skip the Oxigraph server (--endpoint) runs")
    parser.add_argument("--cap", type=float, default=120, help="seconds after which an rdflib query is given up")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    parser.add_argument("--markdown", action="store_true", help="append the table to bench/README.md")
    args = parser.parse_args()
    result: dict = {}
    try:
        run(args.docs, args.jobs, args.repeat, args.rdflib_max, args.baseline_docs, not args.no_server, args.cap,
            result)
    except BaseException as err:  # Ctrl-C and failures too: what was measured is still written
        result["error"] = f"{type(err).__name__}: {err}".strip()
        raise
    finally:
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        table = markdown(result)
        print(table)
        if args.markdown:
            with open(HERE / "README.md", "a", encoding="utf-8") as f:
                f.write("\n" + table)


if __name__ == "__main__":
    main()

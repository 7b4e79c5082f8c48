#!/usr/bin/env python3
"""Every named query on a built on-disk store: rows and median wall time, each in its own process.

    python bench/generate.py --docs 1000 --out /tmp/c1000
    fengong build /tmp/c1000 --store /tmp/s1000 --no-analysis --no-viz -o /tmp/o1000
    python bench/store_queries.py --store /tmp/s1000 [--repeat 5] [--timeout 300] [--json FILE]
        [--against OTHER/.venv/bin/python]

Runs each named query with its README example's parameters, the required ones filled from the
store itself (the most-named department, one of its items, a word of a unit's text), plus the
optional filters a researcher uses on a corpus (one plan, one jurisdiction). Each query runs in a
fresh process that opens the store read-only, so a query that runs for minutes is stopped at
``--timeout`` and the others are still measured; the median is over ``--repeat`` runs, or fewer
when one run already takes more than 10 s. Also times ``fengong query workload --store DIR`` as a
new process (reopen + answer), as a user would run it. ``--against PYTHON`` times the same
cases with another fengong as well (an interpreter whose ``fengong`` is, say, a ``git worktree``
of an older commit), the two alternating query by query, so that the ratio of each pair is taken
under the same load; a query the other fengong does not have is "—". ``bench/run.py`` builds
and times a corpus end to end; this script is for working on the queries themselves.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rdflib import Literal, URIRef

from fengong.sparql.catalogue import catalogue
from fengong.store import OxigraphStore

PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX fg: <https://w3id.org/fengong/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
SLOW_MS = 10_000  # after one run this slow, the median is over the runs made so far


def _first(store: OxigraphStore, query: str, **bindings: Literal | URIRef) -> list[str]:
    return [str(v) for v in store.select(PREFIXES + query, bindings).rows[0]]


def corpus_values(store: OxigraphStore) -> dict[str, str]:
    """Parameter values taken from the corpus, so that every query has something to find
    (``bench/run.py`` uses them too)."""
    department, _ = _first(store, """SELECT ?name (COUNT(?a) AS ?n) WHERE { ?a prov:agent ?d . ?d a fg:Department ; skos:prefLabel ?name }
        GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1""")
    plan, item, jurisdiction = _first(store, """SELECT ?plan ?item ?j WHERE {
        ?d skos:prefLabel ?name . ?a prov:agent ?d . ?u prov:qualifiedAssociation ?a ;
        fg:item ?i ; fg:inPlan ?plan . ?i skos:notation ?item . ?plan fg:issuedIn/skos:prefLabel ?j }
        ORDER BY ?plan ?item LIMIT 1""", name=Literal(department, lang="zh"))
    other, = _first(store, """SELECT ?other WHERE { ?other fg:issuedIn/skos:prefLabel ?j . FILTER (?other != ?plan) }
        ORDER BY ?other LIMIT 1""", j=Literal(jurisdiction, lang="zh"), plan=URIRef(plan))
    return {"department": department, "item": item, "plan": plan, "jurisdiction": jurisdiction, "phrase": "标准化",
            "a": plan, "b": other, "before": "2020-01-01"}


def cases(values: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(query, parameters) to time: each query's example, with corpus values for the required
    parameters, then each optional filter alone."""
    out = []
    for name, query in catalogue().items():
        example = query.example_params()
        params = {p.name: values[p.name] if p.required else example[p.name]
                  for p in query.parameters if p.required or (p.name in example and not p.optional)}
        out.append((name, params))
        out += [(name, {**params, p.name: values[p.name]}) for p in query.parameters if p.optional and p.name in values]
    return out


def child(store_dir: Path, name: str, params: dict[str, str], repeat: int) -> None:
    """Run one query ``repeat`` times on the store and print {rows, ms} as JSON."""
    query = catalogue()[name]
    store = OxigraphStore(store_dir, read_only=True)
    bindings = query.bindings(params)
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(store.select(query.text, bindings).rows)
        times.append((time.perf_counter() - start) * 1000)
        if times[-1] > SLOW_MS:
            break
    print(json.dumps({"rows": rows, "ms": round(statistics.median(times), 1), "runs": len(times)}))


def measure(store_dir: Path, name: str, params: dict[str, str], repeat: int, timeout: float,
            python: str = sys.executable) -> dict:
    args = [python, __file__, "--store", str(store_dir), "--child", name, "--repeat", str(repeat)]
    for key, value in params.items():
        args += ["--param", f"{key}={value}"]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return {"rows": None, "ms": None, "timeout_s": timeout}
    except subprocess.CalledProcessError as err:
        if python != sys.executable and "KeyError" in err.stderr:
            return {"rows": None, "ms": None, "missing": True}  # a query the other fengong lacks
        raise SystemExit(f"{name}: {err.stderr.strip().splitlines()[-1]}") from None
    return json.loads(done.stdout)


def reopen_ms(store_dir: Path, repeat: int) -> float:
    """Wall time of ``fengong query workload --store DIR`` as a new process (median)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "fengong", "query", "workload", "--store", str(store_dir),
                        "--format", "csv"], capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times))


def label(name: str, params: dict[str, str]) -> str:
    return name + "".join(f" {k}=…" if len(v) > 12 else f" {k}={v}" for k, v in params.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="an on-disk store built by fengong build --store")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median reported)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a query's process is stopped")
    parser.add_argument("--only", nargs="*", default=[], help="time only these queries")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    parser.add_argument("--against", metavar="PYTHON", help="also time the queries of the fengong this interpreter imports")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--param", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.store, args.child, dict(p.split("=", 1) for p in args.param), args.repeat)
        return
    values = corpus_values(OxigraphStore(args.store, read_only=True))
    print(f"store {args.store}; values: {values}", file=sys.stderr)
    results = []
    for name, params in cases(values):
        if args.only and name not in args.only:
            continue
        result = {"query": name, "params": params, **measure(args.store, name, params, args.repeat, args.timeout)}
        if args.against:
            result["against"] = measure(args.store, name, params, args.repeat, args.timeout, args.against)
        results.append(result)
        print(f"{label(name, params):48} {_rows(result)}  {_ms(result, args.timeout)}"
              + (f"  (against: {_ms(result['against'], args.timeout)})" if args.against else ""), file=sys.stderr)
    reopen = reopen_ms(args.store, 3)
    print(f"fengong query workload --store (new process): {reopen} ms", file=sys.stderr)
    if args.against:
        lines = ["| query | rows | against: median ms | now: median ms | now / against |", "|---|---:|---:|---:|---:|"]
        lines += [f"| `{label(r['query'], r['params'])}` | {_rows(r)} | {_ms(r['against'], args.timeout)} | "
                  f"{_ms(r, args.timeout)} | {_ratio(r)} |" for r in results]
    else:
        lines = ["| query | rows | median ms |", "|---|---:|---:|"]
        lines += [f"| `{label(r['query'], r['params'])}` | {_rows(r)} | {_ms(r, args.timeout)} |" for r in results]
    lines.append(f"| `fengong query workload --store` (new process) | | {reopen} |")
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"store": str(args.store), "values": values, "queries": results,
                                         "reopen_workload_ms": reopen}, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")


def _rows(result: dict) -> str:
    return "—" if result["rows"] is None else str(result["rows"])


def _ms(result: dict, timeout: float) -> str:
    if result.get("missing"):
        return "—"
    return f"> {timeout:g} s" if result["ms"] is None else f"{result['ms']:.1f}"


def _ratio(result: dict) -> str:
    """now / against; a bound when one side was stopped at the timeout."""
    now, then = result["ms"], result["against"]["ms"]
    if result["against"].get("missing") or (now is None and then is None):
        return "—"
    if then is None:
        return f"< {now / (result['against']['timeout_s'] * 1000):.3f}"
    if now is None:
        return f"> {result['timeout_s'] * 1000 / then:.2f}"
    return f"{now / then:.3f}"

if __name__ == "__main__":
    main()

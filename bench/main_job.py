#!/usr/bin/env python3
"""The README's first command and its neighbours, as whole processes, against another checkout in the same run.

    python bench/main_job.py                      # this checkout
    python bench/main_job.py --against ../old     # and another checkout of fengong (a git worktree), alternating

Each job is a fresh ``python -m fengong …`` process in a folder of its own (the build's ``out/``
there; ``query workload`` reads the graph the build wrote). With ``--against``, the two checkouts
run in turn, A B A B …, and the ratio now/before is taken pair by pair, so a machine whose speed
drifts (a shared one) still gives a fair ratio; the medians of wall and CPU time (user + system)
are reported, with the machine's load average at the start and the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Runs the command line of the checkout ``tree`` (its graph/ as the package ``fengong``).
BOOT = r"""
import importlib.util, sys
tree = sys.argv[1]
spec = importlib.util.spec_from_file_location("fengong", tree + "/graph/__init__.py",
                                              submodule_search_locations=[tree + "/graph", tree])
m = importlib.util.module_from_spec(spec); sys.modules["fengong"] = m; spec.loader.exec_module(m)
from fengong.cli import main
main(sys.argv[2:], prog_name="fengong")
"""
JOBS = {
    "fengong --help": ["--help"],
    "fengong build (graph only: --no-analysis --no-viz)": ["build", "--no-analysis", "--no-viz"],
    "fengong build (analysis and pages included)": ["build"],
    "fengong query workload": ["query", "workload"],
}


def run_once(tree: Path, args: list[str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one process: on a machine shared with other work the wall time
    waits for the cores, the CPU time (user + system, the process and its children) much less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", BOOT, str(tree), *args], cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def measure(trees: dict[str, Path], runs: int) -> dict[str, dict]:
    folders = {name: Path(tempfile.mkdtemp(prefix=f"fengong-main-{name}-")) for name in trees}
    for name, tree in trees.items():  # warm-up: caches, and the graph `query workload` reads
        run_once(tree, ["build"], folders[name])
    out: dict[str, dict] = {}
    for job, args in JOBS.items():
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        for _ in range(runs):
            for name, tree in trees.items():
                times[name].append(run_once(tree, args, folders[name]))
        out[job] = {}
        for i, kind in enumerate(("wall", "cpu")):
            for name, t in times.items():
                out[job][f"{name}_{kind}"] = round(statistics.median(x[i] for x in t), 3)
            if "before" in trees:
                out[job][f"ratio_{kind}"] = round(statistics.median(
                    a[i] / b[i] for a, b in zip(times["now"], times["before"])), 3)
        print(json.dumps({job: out[job]}), file=sys.stderr, flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--against", metavar="DIR", help="another fengong checkout to compare with (its graph/ is run)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each job per checkout; the median is reported")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = ap.parse_args(argv)
    trees = {"now": ROOT, **({"before": Path(args.against).resolve()} if args.against else {})}
    load_before = os.getloadavg()[0]
    figures = measure(trees, args.runs)
    result = {"load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)], "cores": os.cpu_count(),
              "runs": args.runs, "median_seconds": figures}
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    head = "| job | now: wall | CPU |" + (" before: wall | CPU | now / before: wall | CPU |" if args.against else "")
    print(head + "\n|---|---:|---:|" + ("---:|---:|---:|---:|" if args.against else ""))
    for job, row in figures.items():
        line = f"| `{job}` | {row['now_wall']:.2f} s | {row['now_cpu']:.2f} s |"
        if args.against:
            line += (f" {row['before_wall']:.2f} s | {row['before_cpu']:.2f} s | {row['ratio_wall']:.2f} | "
                     f"{row['ratio_cpu']:.2f} |")
        print(line)
    print(f"\nload average {result['load_average'][0]} at the start, {result['load_average'][1]} at the end, "
          f"{result['cores']} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())

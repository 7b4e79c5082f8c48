#!/usr/bin/env python3
"""Parse speed per character: the sample plan and large plans, against baselines in the same run.

    python bench/parse.py                       # sample and a 1 MB plan, this checkout
    python bench/parse.py --against ../old      # and another checkout of fengong, for the ratio
    python bench/parse.py --sizes 1,5,10,50 --kinds sample,varied   # the time curve
    python bench/parse.py --instructions

Each figure comes from its own process (a fresh interpreter, caches warmed on one small parse, the
best of ``--repeat`` parses). The baselines run in the same session:

* the *text floor*: folding the text and one pass of the role-word pattern over it, the least any
  parser of this text must do (its ratio says how far the parser is from it);
* ``--against DIR``: the same parse with the fengong of another checkout (for example a ``git
  worktree`` of the previous release), so that "no slower than before" is a ratio, not a memory.

Wall-clock times on a shared machine are noisy; ``--instructions`` also counts the instructions of
one parse with valgrind's callgrind (repeatable for the same inputs), when valgrind is installed.
Plans of N MB come in two kinds (``--kinds``): *sample*, the sample plan repeated until its UTF-8
text reaches N MiB (clauses recur, as they do in real plans and corpora, and the parser reads each
distinct clause once), and *varied*, synthetic plans of ``bench/generate.py`` (random bodies of many
provinces and cities, so clause texts rarely recur) joined to the same size. ``--names N`` adds a
plan of one clause listing N names. Each row gives the peak memory of its process.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

WORKER = r"""
import importlib.util, json, sys, time
tree, path, mode, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
if tree:
    spec = importlib.util.spec_from_file_location("fengong", tree + "/graph/__init__.py",
                                                  submodule_search_locations=[tree + "/graph", tree])
    m = importlib.util.module_from_spec(spec); sys.modules["fengong"] = m; spec.loader.exec_module(m)
import fengong
text = open(path, encoding="utf-8").read()
if mode == "floor":
    from fengong.parse.fold import fold
    from fengong.parse.coverage import _words
    fold(text[:3000]); words = _words()
    def run():
        return sum(1 for _ in words.finditer(fold(text)))
else:
    fengong.parse_text(text[:3000])
    def run():
        return len(fengong.parse_text(text).assignments)
best = float("inf")
for _ in range(repeat):
    start = time.process_time(); n = run(); best = min(best, time.process_time() - start)
import resource
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"chars": len(text), "seconds": best, "count": n, "peak_bytes": peak}))
"""


def plan_of_size(mib: float, folder: Path, kind: str = "sample") -> Path:
    """A plan of ``mib`` MiB of UTF-8 (the sample itself for 0): see the module's docstring."""
    sample = (ROOT / "samples" / "neimenggu-2016-quality-plan.txt").read_text(encoding="utf-8")
    path = folder / (f"{kind}-{mib:g}mb.txt" if mib else "sample.txt")
    if path.exists():
        return path
    if not mib:
        path.write_text(sample, encoding="utf-8")
        return path
    size, parts = int(mib * 2 ** 20), []
    if kind == "sample":
        parts = [sample] * max(1, -(-size // len(sample.encode("utf-8"))))
    else:
        sys.path.insert(0, str(HERE))
        from generate import PlanWriter, departments, jurisdictions

        rng, places, total = random.Random(2016), jurisdictions(), 0
        pools = {"province": departments("province"), "city": departments("city")}
        while total < size:
            j = rng.choice(places)
            text = PlanWriter(rng, j, pools[j.level]).write(
                rng.randint(2015, 2024), rng.randint(18, 28), [rng.randint(5, 11) for _ in range(rng.randint(5, 7))])
            parts.append(text + "\n")
            total += len(text.encode("utf-8")) + 1
    path.write_text("".join(parts), encoding="utf-8")
    return path


def names_plan(n: int, folder: Path) -> Path:
    """One item whose clause lists ``n`` names (自治区第1局、自治区第2局…负责)."""
    path = folder / f"names-{n}.txt"
    names = "、".join(f"自治区第{i}局" for i in range(1, n + 1))
    path.write_text(f"一、主要任务\n1.加强质量工作。（由{names}负责）\n", encoding="utf-8")
    return path


def measure(tree: str, plan: Path, mode: str, repeat: int) -> dict:
    out = subprocess.run([sys.executable, "-c", WORKER, tree, str(plan), mode, str(repeat)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout)


def instructions(tree: str, plan: Path) -> int | None:
    """Instructions of one parse (a run with the parse minus a run without it), by callgrind."""
    if shutil.which("valgrind") is None:
        return None

    def count(repeat: int) -> int:
        run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
                              "-c", WORKER, tree, str(plan), "parse", str(repeat)],
                             capture_output=True, text=True, cwd=ROOT)
        return int(re.search(r"Collected : (\d+)", run.stderr).group(1))

    return count(2) - count(1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1", help="plan sizes in MiB besides the sample, comma-separated (default 1)")
    ap.add_argument("--kinds", default="sample", help="kinds of large plan: sample, varied (default sample)")
    ap.add_argument("--names", type=int, default=0, metavar="N", help="also a clause listing N names")
    ap.add_argument("--against", metavar="DIR", help="another fengong checkout to compare with (its graph/ is imported)")
    ap.add_argument("--repeat", type=int, default=3, help="parses per figure; the best is kept (default 3)")
    ap.add_argument("--instructions", action="store_true", help="also count instructions with callgrind")
    ap.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",") if s]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        plans = [("sample", plan_of_size(0, Path(tmp)), 0.0)]
        plans += [(f"{size:g} MB {kind}", plan_of_size(size, Path(tmp), kind), size)
                  for kind in args.kinds.split(",") for size in sizes]
        if args.names:
            plans.append((f"{args.names:,} names", names_plan(args.names, Path(tmp)), 0.0))
        for label, plan, size in plans:
            repeat = args.repeat if size <= 10 else 1
            row = {"plan": label, "bytes": plan.stat().st_size}
            new = measure("", plan, "parse", repeat)
            floor = measure("", plan, "floor", repeat)
            row.update(chars=new["chars"], assignments=new["count"], seconds=new["seconds"], peak=new["peak_bytes"],
                       us_per_char=1e6 * new["seconds"] / new["chars"], floor_ratio=new["seconds"] / floor["seconds"])
            if args.against:
                old = measure(str(Path(args.against).resolve()), plan, "parse", repeat)
                row.update(against_seconds=old["seconds"], ratio_to_against=new["seconds"] / old["seconds"])
            if args.instructions and size <= 1:
                row["instructions"] = instructions("", plan)
                if args.against:
                    row["against_instructions"] = instructions(str(Path(args.against).resolve()), plan)
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    print("| plan | chars | assignments | parse | µs/char | × text floor | peak memory |"
          + (" before | now / before |" if args.against else "")
          + (" instructions | now / before |" if args.instructions and args.against else ""))
    print("|---|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if args.against else "")
          + ("---:|---:|" if args.instructions and args.against else ""))
    for r in rows:
        line = (f"| {r['plan']} | {r['chars']:,} | {r['assignments']:,} | {r['seconds']:.2f} s | "
                f"{r['us_per_char']:.2f} | {r['floor_ratio']:.0f}× | {r['peak'] / 2 ** 20:,.0f} MB |")
        if args.against:
            line += f" {r['against_seconds']:.2f} s | {r['ratio_to_against']:.2f} |"
        if args.instructions and args.against and r.get("instructions"):
            line += f" {r['instructions'] / 1e6:,.0f} M | {r['instructions'] / r['against_instructions']:.3f} |"
        elif args.instructions and args.against:
            line += " | |"
        print(line)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

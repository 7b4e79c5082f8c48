"""What the analysis of several plans costs: per plan (the default) against pooled, in one run.

    python bench/analysis.py --docs 10

Generates a synthetic corpus (bench/generate.py), builds its graph once without analysis, then
times, each in a process of its own, `fengong analyze` of the corpus per plan and pooled
(`--pooled --force`: the generated plans are of many jurisdictions), and `fengong compare` of two
plans. Prints the seconds, the seconds per plan and the ratio per plan / pooled, which is what to
compare across machines: both runs share the machine's load of the moment.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FENGONG = [sys.executable, "-m", "fengong"]


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10, help="plans in the corpus")
    docs = parser.parse_args().docs
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--docs", str(docs), "--out", str(work / "plans")],
                       check=True, capture_output=True)
        (work / "plans" / "truth.tsv").unlink()
        subprocess.run([*FENGONG, "build", str(work / "plans"), "-o", str(work / "graph"), "--no-analysis",
                        "--no-viz"], check=True, capture_output=True)
        graph = str(work / "graph" / "graph.ttl")
        per_plan = timed([*FENGONG, "analyze", "--graph", graph, "-o", str(work / "per-plan"), "--format", "csv"])
        pooled = timed([*FENGONG, "analyze", "--graph", graph, "-o", str(work / "pooled"), "--pooled", "--force",
                        "--format", "csv"])
        compared = timed([*FENGONG, "compare", "plan-00001", "plan-00002", "--graph", graph, "-o",
                          str(work / "compare"), "--by", "successor", "--format", "csv"])
    print(f"{docs} plans: per plan {per_plan:.1f} s ({per_plan / docs:.2f} s a plan), pooled {pooled:.1f} s, "
          f"per plan / pooled {per_plan / pooled:.2f}; compare of two plans {compared:.1f} s")


if __name__ == "__main__":
    main()

"""Work done in forked copies of the process (fengong.forking): the charts drawn beside the job
(fengong.analysis.painter), the plans of a corpus dealt out among copies: the same files as done
in one process, warnings and errors brought back to the job.

Each case runs in a fresh interpreter: whether a process forks depends on its threads, and the
test process has whatever threads other tests left."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys, threading
from pathlib import Path
from fengong.analysis.painter import Chart, Painter
from fengong.pipeline.build import analyse_and_draw, build_graph


def build(out, painter):
    return analyse_and_draw(build_graph(out_dir=out, pages=False).open(), out, pages=False, painter=painter)


out = Path(sys.argv[1])
case = sys.argv[2]
if case == "threads":  # a thread running: the painter cannot fork and draws here
    threading.Thread(target=threading.Event().wait, daemon=True).start()
if case in ("forked", "threads"):
    with Painter() as painter:
        forked = painter._copy is not None
        after = build(out, painter)
    loaded = "matplotlib" in sys.modules
    print(forked, loaded, after.analysis_error)
elif case == "font":  # labels beyond every font: each chart warns, in the painter
    from fengong.analysis import charts
    charts.find_cjk_font = lambda *args, **kw: None
    with Painter() as painter:
        forked = painter._copy is not None
        after = build(out, painter)
    print(forked, [m[:40] for m in after.analysis.fonts])
elif case == "error":
    with Painter() as painter:
        try:
            painter.draw([Chart("no_such_chart", (), out / "x")])()
        except AttributeError as err:
            print("AttributeError", "no_such_chart" in str(err))
"""


def run(out: Path, case: str) -> str:
    # numpy's BLAS pool would be a thread where matplotlib is loaded before the painter forks
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(out), case], capture_output=True, text=True, timeout=300,
                          env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_charts_drawn_by_a_forked_painter_are_the_files_drawn_in_the_job(tmp_path):
    assert run(tmp_path / "forked", "forked") == "True False None\n"  # the job never loaded matplotlib
    assert run(tmp_path / "here", "threads") == "False True None\n"
    forked, here = digests(tmp_path / "forked"), digests(tmp_path / "here")
    assert {"load-index.png", "load-index.svg", "department-section.png", "department-section.svg"} <= set(forked)
    assert forked == here


def test_an_error_drawing_a_chart_is_raised_in_the_job(tmp_path):
    assert run(tmp_path, "error") == "AttributeError True\n"


def test_a_font_warning_raised_in_the_painter_reaches_the_job(tmp_path):
    message = "no installed font has every character of"
    assert run(tmp_path, "font") == f"True {[message, message]!r}\n"


CORPUS = """
import os, sys, threading
from fengong.cli import main

forks = []
fork = os.fork
os.fork = lambda: forks.append(1) or fork()
if sys.argv[3] == "threads":  # a thread running: nothing is forked, the plans are analysed here
    threading.Thread(target=threading.Event().wait, daemon=True).start()
try:
    main(["analyze", "--graph", sys.argv[1], "-o", sys.argv[2], "--format", "csv"], prog_name="fengong")
except SystemExit as done:
    print(done.code, len(forks), file=sys.stderr)
"""


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_corpus_analysed_in_copies_gives_the_files_of_one_process(several_plans_graph, tmp_path):
    """Each plan's analysis and files are independent: two copies (one per core) do half each,
    and the plans' order in corpus.csv and the report is the order of one process."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    runs = {case: subprocess.run([sys.executable, "-c", CORPUS, str(several_plans_graph), str(tmp_path / case), case],
                                 capture_output=True, text=True, timeout=600, env=env) for case in ("forked", "threads")}
    codes = {case: done.stderr.split()[-2:] for case, done in runs.items()}
    # the worker reading the graph, two copies analysing and two writing the plans (the charts: theirs)
    assert codes["forked"] == ["0", "5"] and codes["threads"] == ["0", "0"], codes
    assert runs["forked"].stdout == runs["threads"].stdout
    forked, here = tree(tmp_path / "forked"), tree(tmp_path / "threads")
    assert "corpus.csv" in forked and sum(name.endswith("report.md") for name in forked) > 2
    assert forked == here

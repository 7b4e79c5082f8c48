"""The charts drawn beside the job (fengong.analysis.painter): in other processes when this one
can fork, the same files as drawn in it, warnings and errors brought back to the job.

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

"""Every output fengong writes for the sample and a synthetic corpus, as SHA-256 digests.

Why: a change to how the code is organised must not change one byte of what users get. The digests
in ``tests/data/snapshots.json`` were written by the code before a change; ``test_snapshots.py``
runs the same jobs and compares. A change that is *meant* to change outputs regenerates them:

    .venv/bin/python -m tests.snapshots --update

and the diff of ``snapshots.json`` shows which files changed, for review. The digests depend on the
libraries that write the bytes (rdflib's Turtle writer, matplotlib's SVG and PNG), so the file records
their versions and the test compares only under the same ones.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from click.testing import CliRunner

from fengong.cli import main

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "data" / "snapshots.json"
LIBRARIES = ("rdflib", "pyoxigraph", "matplotlib", "pyvis", "networkx", "jinja2", "openpyxl")
CORPUS_DOCS = 4

# (job name, fengong arguments); {out}, {corpus}, {store} and {graph} are filled in per run.
JOBS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("build", ("build", "-o", "{out}")),
    ("build-en-nq", ("build", "--lang", "en", "--rdf-format", "nq", "--no-viz", "-o", "{out}")),
    ("corpus-trig", ("build", "--rdf-format", "trig", "-j", "1", "-o", "{out}", "{corpus}")),
    ("corpus-store", ("build", "--store", "{store}", "-j", "1", "-o", "{out}", "{corpus}")),
    ("query-store", ("query", "supporters", "--store", "{store}", "--format", "csv")),
    ("export-csv", ("export", "assignments", "--format", "csv")),
    ("export-json", ("export", "assignments", "--format", "json")),
    ("export-corpus", ("export", "assignments", "--format", "csv", "{corpus}")),
    ("export-matrix", ("export", "matrix", "--format", "xlsx", "-o", "{out}/matrix.xlsx", "{corpus}")),
    ("export-matrix-html", ("export", "matrix", "--format", "html", "--lang", "en")),
    ("query-workload", ("query", "workload", "--graph", "{graph}", "--format", "csv")),
    ("query-partners", ("query", "partners", "--graph", "{graph}", "--format", "json")),
    ("analyze-en", ("analyze", "--graph", "{graph}", "--lang", "en", "-o", "{out}")),
    ("compare-store", ("compare", "plan-00001,plan-00002", "plan-00003", "--store", "{store}", "--by", "successor",
                       "--format", "csv", "-o", "{out}")),
)


def _digest(data: bytes, work: Path) -> str:
    """The digest of ``data`` with the run's own folder written as WORK (plans cite their path)."""
    return hashlib.sha256(data.replace(str(work).encode(), b"WORK")).hexdigest()


def _corpus(folder: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--docs", str(CORPUS_DOCS),
                    "--out", str(folder)], check=True, capture_output=True)
    (folder / "truth.tsv").unlink()
    return folder


def outputs(work: Path) -> dict[str, str]:
    """Run every job in ``work`` and return {job/file or job/stdout: sha256} (stderr included)."""
    corpus = _corpus(work / "corpus")
    graph = work / "build" / "graph.ttl"
    digests: dict[str, str] = {}
    runner = CliRunner()
    for name, arguments in JOBS:
        out = work / name
        filled = [a.format(out=out, corpus=corpus, graph=graph, store=work / "store") for a in arguments]
        result = runner.invoke(main, filled, catch_exceptions=False)
        digests[f"{name}/exit"] = str(result.exit_code)
        digests[f"{name}/stdout"] = _digest(result.stdout_bytes, work)
        digests[f"{name}/stderr"] = _digest(result.stderr_bytes, work)
        if out.is_dir():
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    digests[f"{name}/{path.relative_to(out).as_posix()}"] = _digest(path.read_bytes(), work)
    return digests


def libraries() -> dict[str, str]:
    return {name: version(name) for name in LIBRARIES}


def main_(argv: list[str]) -> None:
    import tempfile

    if argv != ["--update"]:
        sys.exit("usage: python -m tests.snapshots --update")
    with tempfile.TemporaryDirectory() as work:
        record = {"libraries": libraries(), "outputs": outputs(Path(work))}
    SNAPSHOTS.write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOTS.relative_to(ROOT)} ({len(record['outputs'])} digests)")


if __name__ == "__main__":
    main_(sys.argv[1:])

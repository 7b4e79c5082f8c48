"""What the installed package holds: nothing in it may point at a file only its developers have."""

from __future__ import annotations

import re
from pathlib import Path
from importlib import resources

import pytest

PACKAGES = ("fengong", "fengong.ontology", "fengong.queries", "fengong.samples")
TEXT = (".py", ".ttl", ".tsv", ".rq", ".txt", ".html", ".js", ".css")
# An absolute path (/work/shared/notes.md, ~/notes, C:\notes) or one that climbs out of the package
# (../shared/notes.md). Not part of a URL or an IRI (https://…/plan/x, …/item/2.1.7), nor a
# relative path inside the package (queries/gaps.rq), nor Linux's /proc, which every Linux machine has.
MACHINE_PATH = re.compile(r"(?<![\w.:/~…\\-])/(?!proc/)[A-Za-z_][\w.-]*/[\w.-]|(?<![\w/])~/\w|\b[A-Za-z]:\\\w"
                          r"|(?<![\w./])\.\./\w")


def package_files():
    for package in PACKAGES:
        for path in resources.files(package).rglob("*"):
            if path.suffix in TEXT and "__pycache__" not in path.parts:
                yield path


@pytest.mark.parametrize("text, found", [
    ("see ``/work/shared/notes/engines.md``", True), ("~/notes/x.md", True), (r"C:\Users\x", True),
    ("../shared/realplans/score.py", True), ("``./out/../out/report.md``", False), ("https://w3id.org/fengong/id/plan/x", False),
    ("``…/plan/neimenggu/item/2.1.7``", False), ("queries/gaps.rq", False), ("text/html", False),
    ("/proc/self/task", False), ("/process/x", True),
])
def test_machine_path_pattern(text, found):
    assert bool(MACHINE_PATH.search(text)) is found


def test_the_package_points_at_no_file_its_users_do_not_have():
    files = list(package_files())
    assert any(p.name == "page.py" for p in files) and any(p.suffix == ".rq" for p in files)
    found = [f"{p.name}:{n}: {m.group()}" for p in files
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if (m := MACHINE_PATH.search(line))]
    assert not found


def test_the_version_is_written_once():
    """``fengong.__version__`` is the one place the version is written: pyproject.toml reads it
    (``dynamic``), so the installed metadata, ``fengong --version`` and the pages agree."""
    from importlib.metadata import version
    from pathlib import Path

    import fengong

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert version("fengong") == fengong.__version__


def test_the_readme_python_example_runs(tmp_path, monkeypatch):
    """The README's "In Python" block, run on the bundled sample (its file names mapped to it)."""
    from fengong.resources import sample_plan

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## In Python"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    assert '"plan.docx"' in code and '["plans/"]' in code
    code = code.replace('"plan.docx"', repr(str(sample_plan()))).replace('["plans/"]', "[]")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("builtins.print", lambda *args: None)
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["html"].startswith("<!DOCTYPE html>")
    assert namespace["analysis"].overloaded[0].short_name == "自治区质监局"
    assert (tmp_path / "out" / "graph.ttl").is_file() and (tmp_path / "out" / "report.md").is_file()

"""What the command line loads before it runs a command.

`fengong --help` and every `fengong COMMAND --help` read the commands' options only; the engines,
the parser's readers, the analysis and the drawing (rdflib, pyoxigraph, networkx, matplotlib,
pandas, pySHACL, BeautifulSoup, python-docx, SPARQLWrapper) are loaded by the command that uses
them, when it runs. The check is on what is imported, not on a time: a timing test would fail on
a busy machine and pass a slow import on an idle one (the times are in bench/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("rdflib", "pyoxigraph", "networkx", "matplotlib", "pandas", "pyshacl", "bs4", "docx", "SPARQLWrapper")


def _loaded_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_command_line_loads_no_engine():
    assert _loaded_after("import fengong.cli") == []


def test_every_command_is_defined_without_loading_an_engine():
    # What `fengong --help` does: every command module imported, every option built.
    code = ("import fengong.cli as cli\n"
            "for name in cli.COMMANDS:\n"
            "    assert cli.main.get_command(None, name) is not None, name")
    assert _loaded_after(code) == []


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["query", "--help"], ["viz", "--help"],
                                  ["serve", "--help"], ["push", "--help"], ["analyze", "--help"]])
def test_help_loads_no_engine(args):
    code = ("import sys\nfrom fengong.cli import main\n"
            f"try:\n    main({args!r}, prog_name='fengong')\nexcept SystemExit as done:\n"
            "    assert done.code == 0, done.code")
    assert _loaded_after(code) == []


def test_a_command_still_loads_its_engine_when_it_runs(tmp_path):
    # The other side: the lazy names resolve to the real classes.
    code = "from fengong.store import OxigraphStore, RdflibStore\nfrom fengong.viz import VIEWS, network_page"
    assert {"rdflib", "pyoxigraph", "networkx"} <= set(_loaded_after(code))


def test_reading_a_text_plan_loads_no_reader_of_other_forms():
    """A .txt plan is decoded without BeautifulSoup, python-docx or pdfminer; a web page loads its reader."""
    text = _loaded_after("from fengong.read import read_sample\nread_sample()\nimport sys\n"
                         "assert 'pdfminer' not in sys.modules")
    assert not {"bs4", "docx"} & set(text)
    page = _loaded_after("from fengong.read import extract\n"
                         "extract('<html><body><p>一、任务</p></body></html>'.encode(), 'p.html')")
    assert "bs4" in page


def test_drawing_a_page_does_not_import_pyvis_or_ipython(tmp_path):
    """The page inlines pyvis's vis-network build, found on disk: pyvis's package (which imports
    IPython, ~0.1 s) is loaded only for notebooks (fengong.viz.pyvis_network)."""
    code = ("import json, sys\nfrom fengong.cli import main\n"
            f"try:\n    main(['build', '-o', {str(tmp_path)!r}, '--no-analysis'], prog_name='fengong')\n"
            "except SystemExit as done:\n    assert done.code == 0, done.code\n"
            "print(json.dumps(sorted(m for m in ('pyvis', 'pyvis.network', 'IPython') if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (tmp_path / "network.html").is_file()
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_help_does_not_build_the_model_classes():
    """fengong's dataclasses take ~30 ms to define: `import fengong` and `fengong --help` leave them
    until a name of the model is asked for (fengong.Plan still works)."""
    code = ("import sys\nfrom fengong.cli import main\n"
            "try:\n    main(['--help'], prog_name='fengong')\nexcept SystemExit:\n    pass\n"
            "assert 'fengong.model' not in sys.modules, 'model imported'\n"
            "import fengong\nassert fengong.Plan.__module__ == 'fengong.model'")
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

"""The stages depend one way: a module imports only from its own stage or the stages below it.

The order is the flow of data (README, "Layout"): a plan is read, parsed, made RDF, stored and
queried, then analysed and drawn; the pipeline wires the stages into jobs, the server answers
queries, and the commands are the outermost skin. Importing upwards (the parser asking the store
something, the library calling a command) is how a layered tool turns into a knot, so it fails
here, read from the source with :mod:`ast`. ``fengong/__init__.py`` (the public API) and
``fengong/__main__.py`` sit above everything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "graph"

# Lowest first. Modules of one layer may import each other; a layer imports only from layers before it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("version", "model", "resources", "namespace", "tables", "output", "lazy", "forking"),  # the base: imports nothing of fengong
    ("read",),
    ("parse",),
    ("rdf",),
    ("sparql",),
    ("store",),
    ("analysis",),
    ("viz",),
    ("pipeline", "server"),
    ("commands", "cli"),
    ("__init__", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
BASE = set(LAYERS[0])


def _module(path: Path) -> tuple[str, ...]:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts


def _imports(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """(line, absolute fengong module path) of every fengong import in one file."""
    here = _module(path)
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = (*base, *(node.module.split(".") if node.module else ()))
            elif node.module and node.module.split(".")[0] == "fengong":
                target = tuple(node.module.split(".")[1:])
            else:
                continue
            if not target:  # from . import x: the modules x of the package root
                found += [(node.lineno, (alias.name,)) for alias in node.names]
            else:
                found.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, tuple(a.name.split(".")[1:])) for a in node.names
                      if a.name.split(".")[0] == "fengong"]
    return found


def _layer(module: tuple[str, ...]) -> str:
    return module[0] if module else "__init__"


def violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        here = _module(path)
        mine = _layer(here) if path != PACKAGE / "__init__.py" else "__init__"
        for line, target in _imports(path):
            theirs = _layer(target)
            if theirs not in RANK or mine not in RANK:
                found.append(f"{path.relative_to(PACKAGE)}:{line}: {'.'.join(target)} is in no layer of LAYERS")
            elif RANK[theirs] > RANK[mine] or (mine in BASE and theirs != mine):
                found.append(f"{path.relative_to(PACKAGE)}:{line}: {mine} imports {'.'.join(target)}, "
                             f"a higher layer ({theirs})")
    return found


def test_every_import_goes_down_the_layers():
    assert violations() == []


def test_every_subpackage_and_module_of_the_package_has_a_layer():
    tops = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
            if (p.suffix == ".py" or (p / "__init__.py").is_file())}
    assert tops - set(RANK) == set()


@pytest.mark.parametrize("source, expected", [
    ("from ..commands.common import fail\n", "parse imports commands.common, a higher layer (commands)"),
    ("from fengong.store import open_store\n", "parse imports store, a higher layer (store)"),
    ("import fengong.viz\n", "parse imports viz, a higher layer (viz)"),
])
def test_an_upward_import_is_caught(tmp_path, monkeypatch, source, expected):
    """The check itself: a parser module importing a command, the store or the pages fails."""
    fake = tmp_path / "graph"
    (fake / "parse").mkdir(parents=True)
    (fake / "parse" / "bad.py").write_text(source, encoding="utf-8")
    monkeypatch.setitem(globals(), "PACKAGE", fake)
    assert [v.split(": ", 1)[1] for v in violations()] == [expected]

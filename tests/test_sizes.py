"""Size limits on the package's code (issue 17): a module reads as one subject, a function as one step.

Every module under ``graph/`` (the ``fengong`` package, recursively) has at most
:data:`MAX_MODULE_LINES` lines, and every function or method at most :data:`MAX_FUNCTION_LINES`
(``end_lineno - lineno + 1``: from its ``def`` line to its last line, decorators not counted),
unless its docstring gives the reason it is longer. The reason is written as a paragraph of the
docstring that starts with the phrase :data:`REASON` ("Long because"), e.g.::

    def render(...):
        \"\"\"Render the page.

        Long because the template is one table whose rows are easiest to check side by side.
        \"\"\"

A module has no such escape: one over the limit is split. The failure message lists every
offender, so that one run shows the whole of what is left to do.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "graph"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = "Long because"
_REASON_PARAGRAPH = re.compile(rf"(?:\A|\n[ \t]*\n)[ \t]*{re.escape(REASON)}\b")


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def has_reason(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the function's docstring has a paragraph that starts with :data:`REASON`."""
    doc = ast.get_docstring(node, clean=True) or ""
    return bool(_REASON_PARAGRAPH.search(doc))


def offenders(path: Path) -> list[str]:
    """What in one module is over a limit, one line each (``module: what (lines)``)."""
    source = path.read_text(encoding="utf-8")
    name = path.relative_to(PACKAGE.parent).as_posix()
    found = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{name}: module ({lines} lines)")
    tree = ast.parse(source, filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES and not has_reason(node):
                found.append(f"{name}:{node.lineno}: {node.name} ({length} lines)")
    return found


def test_reason_phrase_is_read_as_a_paragraph():
    def parse(doc: str) -> ast.FunctionDef:
        return ast.parse(f"def f():\n    {doc!r}\n").body[0]

    assert has_reason(parse("Long because it is a table."))
    assert has_reason(parse("Render.\n\nLong because it is a table."))
    assert has_reason(parse("Render.\n\n    Long because it is a table."))
    assert not has_reason(parse("Render. Long because it is a table."))
    assert not has_reason(parse("Render.\nLonger because of nothing."))
    assert not has_reason(ast.parse("def f():\n    pass\n").body[0])


def test_modules_and_functions_are_within_limits():
    assert modules(), f"no modules found under {PACKAGE}"
    found = [o for path in modules() for o in offenders(path)]
    assert not found, (
        f"over {MAX_MODULE_LINES} lines a module or {MAX_FUNCTION_LINES} a function "
        f"(a function may say why in a docstring paragraph starting {REASON!r}):\n  " + "\n  ".join(found)
    )

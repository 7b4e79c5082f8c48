"""Helpers for tests: parse a short plan written for a test and look at what came out."""

from __future__ import annotations

from click.testing import CliRunner

from fengong import parse_text
from fengong.cli import main


def rows(text: str, **kw) -> list[tuple[str, str, str, str]]:
    """(item label, unit text, surface, role) of every assignment of a test plan."""
    plan = parse_text(text, **kw)
    return [
        (item.label, unit.text, a.surface, a.role.value)
        for item in plan.items
        for unit in item.units
        for a in unit.clause.assignments
    ]


def codes(text: str) -> list[str]:
    """The diagnostic codes a test plan produces."""
    return [d.code for d in parse_text(text).diagnostics]


def assert_valid(graph_file) -> None:
    """Run ``fengong validate`` on a graph a test built: every built graph must conform."""
    result = CliRunner().invoke(main, ["validate", "--graph", str(graph_file)])
    assert result.exit_code == 0, result.output

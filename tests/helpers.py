"""Helpers for tests: parse a short plan written for a test and look at what came out."""

from __future__ import annotations

from fengong import parse_text


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

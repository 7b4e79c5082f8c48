"""Flat tables of a parsed plan: one row per assignment, for spreadsheets and scoring.

The columns are a contract other tools rely on (see README, "Export"):
``document,item,kind,text,department,surface,role``.
"""

from __future__ import annotations

from collections.abc import Iterator

from .model import Plan

ASSIGNMENT_COLUMNS = ("document", "item", "kind", "text", "department", "surface", "role")


def assignment_rows(plan: Plan, officials: bool = True) -> Iterator[dict[str, str]]:
    """One row per assignment in document order; officials (role ``official``) after the
    departments of their unit, never mixed into the four department roles."""
    for item in plan.items:
        for unit in item.units:
            base = {"document": plan.doc_id, "item": item.label, "kind": item.kind.value, "text": unit.text}
            for a in unit.clause.assignments:
                yield {**base, "department": a.department.name, "surface": a.surface, "role": a.role.value}
            if officials:
                for o in unit.clause.officials:
                    yield {**base, "department": o.name, "surface": o.name, "role": "official"}

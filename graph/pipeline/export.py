"""Flat tables of parsed plans: one row per assignment, for spreadsheets and scoring.

The columns are a contract other tools rely on (see README, "Export"):
``document,item,kind,text,department,surface,role``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Plan
from .work import CorpusReport, outcomes, tasks_of, without_payload

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


def assignment_tuples(plan: Plan) -> tuple[tuple[str, ...], ...]:
    """The emitter of ``fengong export assignments``: the plan's rows, in :data:`ASSIGNMENT_COLUMNS` order."""
    return tuple(tuple(row[c] for c in ASSIGNMENT_COLUMNS) for row in assignment_rows(plan))


def assignment_table(inputs: Iterable[str], *, encoding: str | None = None,
                     jobs: int = 1) -> tuple[CorpusReport, list[tuple[str, ...]]]:
    """Every assignment of the plans named (or found in the folders named), through the same
    pipeline as a build (:func:`~fengong.pipeline.work.outcomes`); unreadable inputs are in the report."""
    report = CorpusReport()
    rows: list[tuple[str, ...]] = []
    for outcome in outcomes(tasks_of(inputs, encoding), jobs, emit=assignment_tuples):
        rows += outcome.payload or ()
        report.outcomes.append(without_payload(outcome))
    return report, rows

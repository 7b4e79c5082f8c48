"""Tables of parsed plans: one row per assignment, for spreadsheets and scoring; and the
responsibility matrix and the classic table (:mod:`.matrix`).

The columns of the assignments are a contract other tools rely on (see README, "Export"):
``document,item,kind,text,department,surface,role,deadline,due``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model import Plan
from .work import CorpusReport, outcomes, tasks_of, without_payload

ASSIGNMENT_COLUMNS = ("document", "item", "kind", "text", "department", "surface", "role", "deadline", "due")


def assignment_rows(plan: Plan, officials: bool = True) -> Iterator[dict[str, str]]:
    """One row per assignment in document order; officials (role ``official``) after the
    departments of their unit, never mixed into the four department roles. ``deadline`` is the
    unit's time frame as written, ``due`` the date it is due by (ISO 8601; empty without one)."""
    for item in plan.items:
        for unit in item.units:
            due = unit.clause.due
            base = {"document": plan.doc_id, "item": item.label, "kind": item.kind.value, "text": unit.text,
                    "deadline": unit.clause.deadline, "due": due.date if due else ""}
            for a in unit.clause.assignments:
                yield {**base, "department": a.department.name, "surface": a.surface, "role": a.role.value}
            if officials:
                for o in unit.clause.officials:
                    yield {**base, "department": o.name, "surface": o.name, "role": "official"}


def assignment_tuples(plan: Plan) -> tuple[tuple[str, ...], ...]:
    """The emitter of ``fengong export assignments``: the plan's rows, in :data:`ASSIGNMENT_COLUMNS` order."""
    return tuple(tuple(row[c] for c in ASSIGNMENT_COLUMNS) for row in assignment_rows(plan))


def whole_plan(plan: Plan) -> Plan:
    """The emitter of ``fengong export matrix``: the parsed plan itself (a matrix needs them all)."""
    return plan


def _collect(inputs: Iterable[str], encoding: str | None, jobs: int, emit) -> tuple[CorpusReport, list]:
    """What ``emit`` makes of each plan named (or found in the folders named), through the same
    pipeline as a build (:func:`~fengong.pipeline.work.outcomes`); unreadable inputs are in the report."""
    report = CorpusReport()
    payloads = []
    for outcome in outcomes(tasks_of(inputs, encoding), jobs, emit=emit):
        if outcome.payload is not None:
            payloads.append(outcome.payload)
        report.outcomes.append(without_payload(outcome))
    return report, payloads


def assignment_table(inputs: Iterable[str], *, encoding: str | None = None,
                     jobs: int = 1) -> tuple[CorpusReport, list[tuple[str, ...]]]:
    """Every assignment of the plans named (or found in the folders named), in input order."""
    report, payloads = _collect(inputs, encoding, jobs, assignment_tuples)
    return report, [row for rows in payloads for row in rows]


def parsed_plans(inputs: Iterable[str], *, encoding: str | None = None, jobs: int = 1) -> tuple[CorpusReport, list[Plan]]:
    """The plans named (or found in the folders named), parsed, in input order."""
    return _collect(inputs, encoding, jobs, whole_plan)

"""The responsibility matrix and the classic division-of-labour table: plans in the forms people
print and track them in.

The **matrix** has one row per unit of work and one column per department, the cell the role the
department has in that unit (牵 lead, 责 responsible, 共 joint, 配 support; two roles where a clause
names a department twice: 牵/配), and the department's totals in the last rows: its accountable
assignments (lead, responsible, joint) and all of them, as ``fengong query workload`` counts them.
Departments are ordered as that query ranks them: most accountable first.

The **classic table** is the form the plans themselves are printed in: 序号 · 任务 · 牵头单位 ·
配合单位 · 完成时限, the bodies named as the plan names them (its surface names).

The words of both are rows of ``ontology/matrix-labels.tsv``, in Chinese and English (``lang``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..model import Department, Plan, Role, Unit
from ..resources import read_table
from .sheets import Sheet

ROLES = (Role.LEAD, Role.RESPONSIBLE, Role.JOINT, Role.SUPPORT)
TEXT_COLUMN_WIDTH = 60


@cache
def labels(lang: str) -> dict[str, str]:
    """The matrix's words in ``lang`` (zh or en), by key.

    >>> labels("zh")["lead"], labels("en")["lead"]
    ('牵', 'lead')
    """
    return {row["key"]: row[lang] for row in read_table("matrix-labels.tsv")}


def _separator(lang: str) -> str:
    sep = labels(lang)["separator"]
    return sep + " " if sep.isascii() else sep  # "A; B", but 甲、乙


@dataclass(frozen=True)
class _Row:
    plan: Plan
    label: str
    number: int
    kind: str
    unit: Unit


def _units(plans: Sequence[Plan]) -> list[_Row]:
    return [_Row(plan, item.label, unit.number, item.kind.value, unit)
            for plan in plans for item in plan.items for unit in item.units]


def _name(dept: Department, lang: str) -> str:
    return dept.en if lang == "en" and dept.en else dept.name


def _departments(rows: list[_Row]) -> list[tuple[Department, int, int]]:
    """Every department with its accountable and total counts, ranked as the workload query
    ranks them (accountable, then total, descending; then by name)."""
    depts: dict[str, Department] = {}
    accountable: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in rows:
        for a in row.unit.clause.assignments:
            depts.setdefault(a.department.name, a.department)
            total[a.department.name] += 1
            accountable[a.department.name] += a.role.accountable
    ranked = sorted(depts, key=lambda n: (-accountable[n], -total[n], n))
    return [(depts[n], accountable[n], total[n]) for n in ranked]


def matrix_sheet(plans: Sequence[Plan], lang: str = "zh") -> Sheet:
    """The responsibility matrix of ``plans`` (several plans: one row per unit of each, a first
    column naming its plan)."""
    words = labels(lang)
    rows = _units(plans)
    depts = _departments(rows)
    lead_columns = ([words["document"]] if len(plans) > 1 else []) + [
        words["number"], words["unit"], words["kind"], words["text"]]
    body = []
    for row in rows:
        roles: dict[str, list[str]] = {}
        for a in row.unit.clause.assignments:
            roles.setdefault(a.department.name, []).append(words[a.role.value])
        cells = ["/".join(roles[d.name]) if d.name in roles else None for d, _, _ in depts]
        lead = ([row.plan.doc_id] if len(plans) > 1 else []) + [row.label, row.number, words[row.kind], row.unit.text]
        body.append([*lead, *cells])
    pad = [None] * (len(lead_columns) - 1)
    footer = [[*pad, words["accountable"], *(n for _, n, _ in depts)],
              [*pad, words["total"], *(n for _, _, n in depts)]]
    text_at = len(lead_columns) - 1
    return Sheet(words["matrix"], [*lead_columns, *(_name(d, lang) for d, _, _ in depts)], body, footer,
                 frozen=len(lead_columns), narrow=len(lead_columns), widths={text_at: TEXT_COLUMN_WIDTH})


def classic_sheet(plans: Sequence[Plan], lang: str = "zh") -> Sheet:
    """The classic table of ``plans``: 序号 · 任务 · 牵头单位 · 配合单位 · 完成时限, one row per unit
    (an item of several units numbered 二（一）7-1, 二（一）7-2); the bodies as the plan names them
    (in English, by their English names); the accountable ones (lead, responsible, joint) as 牵头单位."""
    words, sep = labels(lang), _separator(lang)
    rows = _units(plans)
    several = Counter((id(r.plan), r.label) for r in rows)
    columns = ([words["document"]] if len(plans) > 1 else []) + [
        words["number"], words["text"], words["leads"], words["supports"], words["deadline"]]
    body = []
    for row in rows:
        clause = row.unit.clause
        named = [(a.surface if lang == "zh" else _name(a.department, lang), a.role) for a in clause.assignments]
        accountable = [name for name, role in named if role.accountable]
        support = [name for name, role in named if not role.accountable]
        number = f"{row.label}-{row.number}" if several[(id(row.plan), row.label)] > 1 else row.label
        body.append([*([row.plan.doc_id] if len(plans) > 1 else []), number, row.unit.text,
                     sep.join(accountable), sep.join(support), clause.deadline])
    text_at = columns.index(words["text"])
    return Sheet(words["table"], columns, body, frozen=text_at, widths={text_at: TEXT_COLUMN_WIDTH})

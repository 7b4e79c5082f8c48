"""Workload per department: counts by role, a weighted load index, the overload rule, concentration.

**The load index** of a body is Σ over its assignments of the weight of the assignment's role. The
default weights (:data:`DEFAULT_WEIGHTS`) follow what each role obliges a bureau to do:

* ``lead`` (牵头) = 1: the lead organises the work, convenes the others and answers for the result;
* ``responsible`` (负责, the one body named) = 1: sole accountability, the same burden as leading;
* ``joint`` (按照职责分工负责, 分别负责) = 0.5: accountable only for its own remit, beside others;
* ``support`` (配合, 参与, 协助) = 0.25: contributes, but does not answer for the result — four
  supporting roles weigh as much as one lead.

They are conventions, not measurements, so they are configurable (``--weights lead=1,support=0.5``)
and the report checks whether its verdicts survive other weights (:func:`sensitivity`).

**Overload** is Tukey's upper fence on the load index: a department is overloaded when its load is
above Q3 + 1.5·IQR of the loads of all departments the plans name (quartiles by
:func:`~fengong.analysis.stats.quantile`). The rule is distribution-free and robust to the very
outliers it looks for, which a z-score (mean and standard deviation) is not.

**Concentration** of accountability is the Gini coefficient of the accountable assignments (lead +
responsible + joint) over the departments, and the share held by the top 1 and top 3.

Collectives (领导小组成员单位, 各有关部门) are listed with their counts but are not departments: they
are left out of the populations of the fence and of the concentration figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .data import ACCOUNTABLE_ROLES, ROLES, Assignment, Unit, short_names
from .defaults import FENCE_K
from .stats import Fence, gini, top_share, tukey_fence


@dataclass(frozen=True)
class Weights:
    """The weight of one assignment in each role, for the load index."""

    lead: float = 1.0
    responsible: float = 1.0
    joint: float = 0.5
    support: float = 0.25

    def of(self, role: str) -> float:
        return getattr(self, role)

    def __str__(self) -> str:
        return ",".join(f"{r}={self.of(r):g}" for r in ROLES)


DEFAULT_WEIGHTS = Weights()


def parse_weights(text: str, base: Weights = DEFAULT_WEIGHTS) -> Weights:
    """Weights from ``role=number,…``; roles not mentioned keep their ``base`` weight.

    >>> str(parse_weights("support=0.5, joint=1"))
    'lead=1,responsible=1,joint=1,support=0.5'
    >>> parse_weights("leed=1")
    Traceback (most recent call last):
    ValueError: unknown role 'leed' in weights (roles: lead, responsible, joint, support)
    """
    values: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        role, sep, number = (s.strip() for s in part.partition("="))
        if not sep:
            raise ValueError(f"weight {part!r} is not role=number")
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} in weights (roles: {', '.join(ROLES)})")
        try:
            value = float(number)
        except ValueError:
            raise ValueError(f"weight of {role} is not a number: {number!r}") from None
        if not value >= 0 or value == float("inf"):
            raise ValueError(f"weight of {role} must be a finite number ≥ 0, not {number}")
        values[role] = value
    weights = replace(base, **values)
    if not any(weights.of(r) for r in ROLES):
        raise ValueError("all weights are 0: the load index would be 0 for everyone")
    return weights


@dataclass(frozen=True)
class DepartmentLoad:
    """One body's workload. Counts of ``lead`` … ``support`` are assignments; ``*units`` count
    distinct units of work (a body can hold two roles on one unit); ``items`` distinct items."""

    rank: int | None  # among departments by load; None for a collective
    department: str  # IRI
    name: str
    short_name: str
    kind: str
    collective: bool
    lead: int
    responsible: int
    joint: int
    support: int
    accountable: int  # lead + responsible + joint assignments
    units: int  # units named in, any role
    accountable_units: int
    support_only_units: int  # units supported without being accountable for them
    items: int
    target_units: int  # units named in, within targets
    task_units: int  # … within tasks
    unit_share: float  # units / all units
    accountable_share: float  # accountable_units / all units
    load: float
    overloaded: bool


def department_loads(assignments: Sequence[Assignment], weights: Weights = DEFAULT_WEIGHTS,
                     k: float = FENCE_K, total_units: int | None = None) -> list[DepartmentLoad]:
    """The workload table: departments ranked by load index (then accountable count, then name),
    collectives after them; ``overloaded`` by the Tukey fence with multiplier ``k``.

    Shares are of ``total_units``, the plans' units of work (default: the units the assignments
    are on, which leaves out units no body is named on)."""
    if not assignments:
        return []
    if total_units is None:
        total_units = len({a.unit for a in assignments})
    short = short_names(assignments)
    by_body: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        by_body[a.department].append(a)
    rows = [_load(rows, short[d], weights, total_units) for d, rows in by_body.items()]
    rows.sort(key=lambda r: (r.collective, -r.load, -r.accountable, r.name))
    fence = overload_fence(rows, k)
    rank = 0
    out = []
    for r in rows:
        if not r.collective:
            rank += 1
        out.append(replace(r, rank=None if r.collective else rank,
                           overloaded=not r.collective and r.load > fence.upper))
    return out


def _load(rows: list[Assignment], short: str, weights: Weights, total_units: int) -> DepartmentLoad:
    first = rows[0]
    counts = {r: sum(1 for a in rows if a.role == r) for r in ROLES}
    units = {a.unit for a in rows}
    accountable_units = {a.unit for a in rows if a.role in ACCOUNTABLE_ROLES}
    return DepartmentLoad(
        rank=None, department=first.department, name=first.name, short_name=short,
        kind=first.body_kind, collective=first.collective, **counts,
        accountable=counts["lead"] + counts["responsible"] + counts["joint"],
        units=len(units), accountable_units=len(accountable_units),
        support_only_units=len(units - accountable_units), items=len({a.item for a in rows}),
        target_units=len({a.unit for a in rows if a.kind == "target"}),
        task_units=len({a.unit for a in rows if a.kind == "task"}),
        unit_share=len(units) / total_units, accountable_share=len(accountable_units) / total_units,
        load=round(sum(weights.of(a.role) for a in rows), 6), overloaded=False,
    )


def departments_only(loads: Iterable[DepartmentLoad]) -> list[DepartmentLoad]:
    return [r for r in loads if not r.collective]


def overload_fence(loads: Sequence[DepartmentLoad], k: float = FENCE_K) -> Fence:
    """Tukey's fence Q3 + k·IQR over the load index of the departments (collectives left out)."""
    values = [r.load for r in departments_only(loads)]
    if not values:
        raise ValueError("no department to compute an overload fence over")
    return tukey_fence(values, k)


@dataclass(frozen=True)
class Concentration:
    """How concentrated accountability is across the departments the plans name (departments with
    only supporting roles count as holding 0)."""

    departments: int
    accountable: int  # accountable assignments of all departments
    gini: float
    top1_share: float
    top3_share: float
    top1: tuple[str, ...]  # short names, most accountable first
    top3: tuple[str, ...]


def concentration(loads: Sequence[DepartmentLoad]) -> Concentration:
    """Gini coefficient and top-1 / top-3 shares of accountable assignments across departments."""
    deps = sorted(departments_only(loads), key=lambda r: (-r.accountable, r.name))
    values = [r.accountable for r in deps]
    return Concentration(
        departments=len(deps), accountable=sum(values), gini=gini(values),
        top1_share=top_share(values, 1), top3_share=top_share(values, 3),
        top1=tuple(r.short_name for r in deps[:1]), top3=tuple(r.short_name for r in deps[:3]),
    )


@dataclass(frozen=True)
class SectionLoad:
    """One body's assignments within one section (strategy) of a plan: a cell of the
    department × section table."""

    plan_id: str
    section: str  # IRI ("" for items directly under the plan)
    section_label: str  # 二（一） 实施质量提升战略
    part: str  # target or task
    department: str
    short_name: str
    lead: int
    responsible: int
    joint: int
    support: int
    units: int
    load: float


def section_loads(assignments: Sequence[Assignment], weights: Weights = DEFAULT_WEIGHTS) -> list[SectionLoad]:
    """The department × section table in long form, in document order of the sections."""
    short = short_names(assignments)
    cells: dict[tuple, list[Assignment]] = defaultdict(list)
    for a in assignments:
        cells[(a.plan, a.section_order, a.section, a.kind, a.department)].append(a)
    out = []
    for (_, _, section, part, dep), rows in sorted(cells.items()):
        counts = {r: sum(1 for a in rows if a.role == r) for r in ROLES}
        out.append(SectionLoad(
            plan_id=rows[0].plan_id, section=section, section_label=section_name(rows[0]), part=part,
            department=dep, short_name=short[dep], **counts, units=len({a.unit for a in rows}),
            load=round(sum(weights.of(a.role) for a in rows), 6),
        ))
    return out


def section_name(a: Unit, limit: int = 12) -> str:
    """A section's number and the head of its title, up to the first pause: 二（一）实施质量提升战略,
    一、工作目标分工.

    >>> from fengong.analysis.data import assignments_from_records
    >>> [a] = assignments_from_records([{"plan": "p", "item": "i", "kind": "task", "unit": "u",
    ...     "role": "lead", "department": "d", "departmentName": "D", "sectionLabel": "二（一）",
    ...     "sectionTitle": "实施质量提升战略，提高质量总体水平。"}])
    >>> section_name(a)
    '二（一）实施质量提升战略'
    """
    head = a.section_title
    for stop in "，。；：,;:（(":
        head = head.split(stop, 1)[0]
    if len(head) > limit:
        head = head[: limit - 1] + "…"
    if not a.section_label:
        return "(no section)"
    last = a.section_label[-1]
    return a.section_label + ("" if last in "）)" else "." if last.isdigit() else "、") + head


@dataclass(frozen=True)
class Sensitivity:
    """The workload verdicts under one set of weights, to see whether they depend on the weights."""

    weights: str
    top: tuple[str, ...]  # short names of the five most loaded departments
    overloaded: tuple[str, ...]
    fence: float


def sensitivity(assignments: Sequence[Assignment], alternatives: Iterable[Weights],
                k: float = FENCE_K) -> list[Sensitivity]:
    """Top five and overloaded departments under each of ``alternatives``."""
    out = []
    for w in alternatives:
        loads = department_loads(assignments, w, k)
        deps = departments_only(loads)
        out.append(Sensitivity(str(w), tuple(r.short_name for r in deps[:5]),
                               tuple(r.short_name for r in deps if r.overloaded),
                               overload_fence(loads, k).upper))
    return out


ALTERNATIVE_WEIGHTS = (
    Weights(1, 1, 1, 1),  # every mention counts the same
    Weights(1, 1, 1, 0),  # accountability only
)

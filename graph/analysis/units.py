"""The item side of the workload: how many bodies each unit of work mobilises, and where
accountability is missing, diffuse, or left to a collective.

Definitions (the same as the named queries of the SPARQL catalogue, so the figures can be checked
there):

* a **gap** is a unit with no *department* in the role lead or responsible (joint holders and
  collectives do not close it: nobody in particular answers for the whole unit);
* **diffuse** accountability is a unit with three or more accountable departments;
* **collective only** is a unit whose accountable bodies are all collectives (领导小组成员单位).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean, median

from .data import Assignment, short_names
from .workload import section_name

DIFFUSE = 3


@dataclass(frozen=True)
class UnitCoordination:
    """One unit of work: who is named on it and how accountability is held."""

    plan_id: str
    unit: str  # IRI
    item_label: str
    part: str
    section_label: str
    bodies: int  # distinct bodies named, any role
    accountable: int  # distinct accountable bodies
    accountable_departments: int
    supporters: int
    accountable_names: str  # short names, 、-separated, in the plan's order
    support_names: str
    gap: bool
    diffuse: bool
    collective_only: bool


def unit_coordination(assignments: Sequence[Assignment]) -> list[UnitCoordination]:
    """One row per unit, in document order."""
    short = short_names(assignments)
    by_unit: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        by_unit[a.unit].append(a)
    out = []
    for rows in sorted(by_unit.values(), key=lambda rs: (rs[0].plan, rs[0].item_order, rs[0].item,
                                                          rs[0].unit_number, rs[0].unit)):
        first = rows[0]
        accountable = _distinct(a for a in rows if a.accountable)
        supporters = _distinct(a for a in rows if a.role == "support")
        acc_departments = [a for a in accountable if not a.collective]
        out.append(UnitCoordination(
            plan_id=first.plan_id, unit=first.unit, item_label=first.item_label, part=first.kind,
            section_label=section_name(first), bodies=len({a.department for a in rows}),
            accountable=len(accountable), accountable_departments=len(acc_departments),
            supporters=len(supporters),
            accountable_names="、".join(short[a.department] for a in accountable),
            support_names="、".join(short[a.department] for a in supporters),
            gap=not any(a.role in ("lead", "responsible") and not a.collective for a in rows),
            diffuse=len(acc_departments) >= DIFFUSE,
            collective_only=bool(accountable) and not acc_departments,
        ))
    return out


def _distinct(rows) -> list[Assignment]:
    seen: dict[str, Assignment] = {}
    for a in rows:
        seen.setdefault(a.department, a)
    return list(seen.values())


@dataclass(frozen=True)
class UnitSummary:
    """Coordination complexity over all units."""

    units: int
    bodies_mean: float
    bodies_median: float
    bodies_max: int
    single_body: int  # units with exactly one body named
    distribution: tuple[tuple[int, int], ...]  # (bodies named, units), ascending
    gaps: int
    gaps_joint: int  # gaps where joint departments hold the unit
    gaps_without_accountable: int  # gaps with no accountable body at all
    diffuse: int
    collective_only: int


def unit_summary(units: Sequence[UnitCoordination]) -> UnitSummary:
    """Bodies per unit (mean, median, maximum, distribution) and the counts of gaps, diffuse
    and collective-only units."""
    if not units:
        raise ValueError("no units to summarise")
    sizes = [u.bodies for u in units]
    gaps = [u for u in units if u.gap]
    return UnitSummary(
        units=len(units), bodies_mean=mean(sizes), bodies_median=median(sizes), bodies_max=max(sizes),
        single_body=sizes.count(1), distribution=tuple(sorted(Counter(sizes).items())),
        gaps=len(gaps), gaps_joint=sum(1 for u in gaps if u.accountable_departments),
        gaps_without_accountable=sum(1 for u in gaps if not u.accountable),
        diffuse=sum(u.diffuse for u in units), collective_only=sum(u.collective_only for u in units),
    )

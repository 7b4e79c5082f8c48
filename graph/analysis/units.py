"""The item side of the workload: how many bodies each unit of work mobilises, and where
accountability is missing, diffuse, or left to a collective.

Definitions (the same as the named queries of the SPARQL catalogue, so the figures can be checked
there: ``gaps`` lists exactly the gaps, ``diffuse`` the diffuse units):

* a **gap** is a unit no *department* is accountable for: none leads it or is responsible for it,
  alone or jointly. A unit no body is named on (its clause names only an official) is one, and so
  is a unit held only by collectives (领导小组成员单位), which name no department that answers;
* **joint only** is a unit its accountable departments all hold jointly (按照职责分工负责): each
  answers for its own remit, so it is no gap, but none leads it or answers for it alone;
* **diffuse** accountability is a unit with at least :data:`DIFFUSE` accountable departments
  (the default ``min`` of the ``diffuse`` query);
* **collective only** is a unit whose accountable bodies are all collectives.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean, median

from ..sparql.catalogue import load
from .data import Assignment, Unit, short_names, units_of
from .workload import section_name


def _diffuse_default() -> int:
    """The default of the ``diffuse`` query's ``min`` (queries/diffuse.rq): the number is written
    there once, so that the analysis and the query count the same units as diffuse."""
    default = load("diffuse").parameter("min").default
    if default is None:
        raise RuntimeError("queries/diffuse.rq: its parameter min needs a default (the analysis uses it)")
    return int(default)


DIFFUSE: int = _diffuse_default()  # a unit with at least this many accountable departments is diffuse

_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def at_least(n: int) -> str:
    """``n`` or more, in words as the report's prose writes small numbers: the sentences that
    define diffuse units are written from :data:`DIFFUSE`, so they follow a new default."""
    return f"{_NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else n} or more"


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
    joint_only: bool


def unit_coordination(assignments: Sequence[Assignment], units: Sequence[Unit] | None = None
                      ) -> list[UnitCoordination]:
    """One row per unit of ``units`` (default: the units the assignments are on), in document
    order; a unit no assignment is on names no body and is a gap."""
    short = short_names(assignments)
    by_unit: dict[str, list[Assignment]] = defaultdict(list)
    for a in assignments:
        by_unit[a.unit].append(a)
    out = []
    for unit in sorted(units_of(assignments) if units is None else units,
                       key=lambda u: (u.plan, u.item_order, u.item, u.unit_number, u.unit)):
        rows = by_unit.get(unit.unit, [])
        accountable = _distinct(a for a in rows if a.accountable)
        supporters = _distinct(a for a in rows if a.role == "support")
        acc_departments = [a for a in accountable if not a.collective]
        out.append(UnitCoordination(
            plan_id=unit.plan_id, unit=unit.unit, item_label=unit.item_label, part=unit.kind,
            section_label=section_name(unit), bodies=len({a.department for a in rows}),
            accountable=len(accountable), accountable_departments=len(acc_departments),
            supporters=len(supporters),
            accountable_names="、".join(short[a.department] for a in accountable),
            support_names="、".join(short[a.department] for a in supporters),
            gap=not acc_departments, diffuse=len(acc_departments) >= DIFFUSE,
            collective_only=bool(accountable) and not acc_departments,
            joint_only=bool(acc_departments) and all(a.role == "joint" for a in acc_departments),
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
    gaps: int  # units no department is accountable for
    gaps_without_accountable: int  # gaps with no accountable body at all, not even a collective
    diffuse: int
    collective_only: int
    joint_only: int


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
        gaps=len(gaps), gaps_without_accountable=sum(1 for u in gaps if not u.accountable),
        diffuse=sum(u.diffuse for u in units), collective_only=sum(u.collective_only for u in units),
        joint_only=sum(u.joint_only for u in units),
    )

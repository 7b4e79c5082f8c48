"""One run of the whole analysis: every table and figure, computed once from the assignments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..store import Store
from .data import Assignment, Unit, load_assignments, load_units
from .defaults import DEFAULT_SEED, FAR_OUT_K, FENCE_K
from .network import Network, analyse_network
from .stats import Fence
from .units import UnitCoordination, UnitSummary, unit_coordination, unit_summary
from .workload import (
    ALTERNATIVE_WEIGHTS, DEFAULT_WEIGHTS, Concentration, DepartmentLoad, SectionLoad, Sensitivity, Weights,
    concentration, department_loads, overload_fence, section_loads, sensitivity,
)

@dataclass(frozen=True)
class Analysis:
    """Everything ``fengong analyze`` reports, for one set of assignments."""

    assignments: list[Assignment]
    weights: Weights
    loads: list[DepartmentLoad]
    fence: Fence
    far_out: Fence
    concentration: Concentration
    sections: list[SectionLoad]
    units: list[UnitCoordination]
    unit_summary: UnitSummary
    network: Network
    sensitivity: list[Sensitivity]

    @property
    def total_units(self) -> int:
        return self.unit_summary.units

    @property
    def plans(self) -> list[str]:
        return sorted({a.plan_id for a in self.assignments})

    @property
    def departments(self) -> list[DepartmentLoad]:
        return [r for r in self.loads if not r.collective]

    @property
    def overloaded(self) -> list[DepartmentLoad]:
        return [r for r in self.loads if r.overloaded]


def analyse(assignments: Sequence[Assignment], weights: Weights = DEFAULT_WEIGHTS, k: float = FENCE_K,
            seed: int = DEFAULT_SEED, units: Sequence[Unit] | None = None) -> Analysis:
    """Run every analysis on ``assignments`` (from :func:`~fengong.analysis.data.load_assignments`)
    and the plans' ``units`` of work (from :func:`~fengong.analysis.data.load_units`; default: the
    units the assignments are on, which misses the units no body is named on, gaps all).

    Raises :class:`ValueError` when there is nothing to analyse (no assignment, fewer than three
    departments): an empty report would look like a finding.
    """
    assignments = list(assignments)
    if not assignments:
        raise ValueError("no assignments to analyse: is the graph empty, or the plan IRI wrong?")
    units = unit_coordination(assignments, units)
    loads = department_loads(assignments, weights, k, len(units))
    alternatives = [w for w in ALTERNATIVE_WEIGHTS if w != weights]
    return Analysis(
        assignments=assignments, weights=weights, loads=loads, fence=overload_fence(loads, k),
        far_out=overload_fence(loads, FAR_OUT_K), concentration=concentration(loads),
        sections=section_loads(assignments, weights), units=units, unit_summary=unit_summary(units),
        network=analyse_network(assignments, loads, seed),
        sensitivity=sensitivity(assignments, [weights, *alternatives], k),
    )


def analyse_store(store: Store, plan: str | None = None, **options) -> Analysis:
    """:func:`analyse` on the assignments and units read from ``store`` (of one ``plan`` IRI if
    given)."""
    return analyse(load_assignments(store, plan), units=load_units(store, plan), **options)

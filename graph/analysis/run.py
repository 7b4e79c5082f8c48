"""One run of the whole analysis: every table and figure, computed once from the assignments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..store import Store
from .data import Assignment, Unit, load_assignments, load_units
from .defaults import DEFAULT_SEED, FAR_OUT_K, FENCE_K
from .stats import Fence
from .units import UnitCoordination, UnitSummary, unit_coordination, unit_summary
from .workload import (
    ALTERNATIVE_WEIGHTS, DEFAULT_WEIGHTS, Concentration, DepartmentLoad, SectionLoad, Sensitivity, Weights,
    concentration, department_loads, overload_fence, section_loads, sensitivity,
)

if TYPE_CHECKING:
    from .network import Network

@dataclass(frozen=True)
class Analysis:
    """Everything ``fengong analyze`` reports, for one set of assignments.

    The coordination and support networks (:attr:`network`) are computed when first asked for,
    with networkx (~0.15 s to import): a job asks for its charts, which need none of them, first.
    """

    assignments: list[Assignment]
    weights: Weights
    loads: list[DepartmentLoad]
    fence: Fence
    far_out: Fence
    concentration: Concentration
    sections: list[SectionLoad]
    units: list[UnitCoordination]
    unit_summary: UnitSummary
    sensitivity: list[Sensitivity]
    seed: int = DEFAULT_SEED  # Louvain's, for the communities

    @cached_property
    def network(self) -> Network:
        from .network import analyse_network  # networkx: loaded when a network is first asked for

        return analyse_network(self.assignments, self.loads, self.seed)

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
        sensitivity=sensitivity(assignments, [weights, *alternatives], k), seed=seed,
    )


def analyse_store(store: Store, plan: str | None = None, **options) -> Analysis:
    """:func:`analyse` on the assignments and units read from ``store`` (of one ``plan`` IRI if
    given)."""
    return analyse(load_assignments(store, plan), units=load_units(store, plan), **options)

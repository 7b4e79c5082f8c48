"""Two plans, two years or two groups of plans, compared department by department.

``A → B``: for every department, its assignments in each role, its load index and its rank in A
and in B, and the change; the departments that appear in B or disappear from it; and how the
coordination network changed (density, Freeman centralisation, the largest rises and falls in
betweenness). Each side is analysed as one population (:func:`~fengong.analysis.run.analyse` of
its assignments: for a group of plans, their workload summed, ranks among its departments).

Departments are the same when they are the same body (IRI). Reforms rename and merge bodies, so
``by="successor"`` first maps each department to the bodies that hold its duties today
(``fg:currentSuccessor``, from ``ontology/lineage.ttl``; :func:`load_successors`): a 2016 plan's
质监局, 工商局 and 食药监局 and a 2020 plan's 市场监管局 then compare as one 市场监督管理局. A department
whose duties were split counts in full for each successor, as in the ``workload-today`` query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..sparql.catalogue import internal
from ..store import Store
from .data import ROLES, Assignment, Unit, load_assignments, load_units, short_names
from .defaults import DEFAULT_SEED, MATCH_BY
from .plans import PlanFacts, PlanSelectionError, in_jurisdiction, load_plan_facts, select_plans
from .run import Analysis, analyse
from .workload import DEFAULT_WEIGHTS, DepartmentLoad, Weights

MEASURES = (*ROLES, "accountable", "load")


@dataclass(frozen=True)
class Side:
    """One side of a comparison: its label (as the user named it), its plans and what they hold
    (no ``units``: the units its assignments are on)."""

    label: str
    plans: tuple[PlanFacts, ...]
    assignments: Sequence[Assignment]
    units: Sequence[Unit]


@dataclass(frozen=True)
class DepartmentChange:
    """One department in A and in B. ``status``: ``both``, ``appeared`` (only in B) or
    ``disappeared`` (only in A); a count it does not have on a side is 0 there, its rank and
    betweenness empty. ``rank_change`` is positive when the department moved up (rank 5 → 2: +3)."""

    department: str  # IRI (today's body's, compared by successor)
    name: str
    short_name: str
    status: str
    lead_a: int
    lead_b: int
    lead_change: int
    responsible_a: int
    responsible_b: int
    responsible_change: int
    joint_a: int
    joint_b: int
    joint_change: int
    support_a: int
    support_b: int
    support_change: int
    accountable_a: int
    accountable_b: int
    accountable_change: int
    load_a: float
    load_b: float
    load_change: float
    rank_a: int | None
    rank_b: int | None
    rank_change: int | None
    betweenness_a: float | None
    betweenness_b: float | None
    betweenness_change: float | None


@dataclass(frozen=True)
class NetworkChange:
    """A whole-network figure of the coordination network in A and in B."""

    metric: str
    a: float | None
    b: float | None
    change: float | None


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    by: str
    weights: Weights
    analysis_a: Analysis
    analysis_b: Analysis
    departments: list[DepartmentChange]  # by the size of the change in load, largest first
    network: list[NetworkChange]

    def largest(self, n: int) -> list[DepartmentChange]:
        """The ``n`` departments whose load changed most (appearing and disappearing included)."""
        return [r for r in self.departments if r.load_change][:n]

    def betweenness_moves(self, n: int) -> tuple[list[DepartmentChange], list[DepartmentChange]]:
        """The ``n`` largest rises and falls in betweenness, among departments on both sides."""
        both = [r for r in self.departments if r.betweenness_change is not None]
        rises = sorted((r for r in both if r.betweenness_change > 0), key=lambda r: (-r.betweenness_change, r.name))
        falls = sorted((r for r in both if r.betweenness_change < 0), key=lambda r: (r.betweenness_change, r.name))
        return rises[:n], falls[:n]


def sides(store: Store, a: Sequence[str], b: Sequence[str], jurisdiction: str | None = None
          ) -> tuple[Side, Side]:
    """The two sides named by the selectors ``a`` and ``b`` (document ids, plan IRIs or years, as
    :func:`~fengong.analysis.plans.select_plans` reads them), of ``jurisdiction`` when given, with
    their assignments and units read from ``store``. A plan on both sides raises
    :class:`~fengong.analysis.plans.PlanSelectionError`: it would compare with itself."""
    facts = load_plan_facts(store)
    if jurisdiction is not None:
        facts = in_jurisdiction(facts, jurisdiction)
    plans_a, plans_b = select_plans(facts, a), select_plans(facts, b)
    both = sorted({p.document for p in plans_a} & {p.document for p in plans_b})
    if both:
        raise PlanSelectionError(f"{', '.join(both)} on both sides: compare two different plans or groups")
    rows, units = load_assignments(store), load_units(store)
    out = []
    for label, plans in ((",".join(a), plans_a), (",".join(b), plans_b)):
        chosen = {p.plan for p in plans}
        out.append(Side(label, tuple(plans), [r for r in rows if r.plan in chosen],
                        [u for u in units if u.plan in chosen]))
    return out[0], out[1]


def load_successors(store: Store) -> dict[str, list[tuple[str, str]]]:
    """Body IRI → [(IRI, canonical name) of each body holding its duties today], for every body
    a reform changed (``queries/internal/successors.rq``)."""
    out: dict[str, list[tuple[str, str]]] = {}
    for r in store.select(internal("successors").text).records():
        out.setdefault(str(r["body"]), []).append((str(r["successor"]), str(r["successorName"])))
    return out


def to_successors(assignments: Sequence[Assignment], successors: Mapping[str, Sequence[tuple[str, str]]],
                  short: Mapping[str, str]) -> list[Assignment]:
    """``assignments`` with each changed department replaced by its successors (one assignment per
    successor), named by ``short`` (short names of the bodies as the plans write them) when a
    plan names the successor itself, else by its canonical name.

    >>> from fengong.analysis.data import assignments_from_records
    >>> rows = assignments_from_records([{"plan": "p", "item": "i", "kind": "task", "unit": "u",
    ...     "role": "lead", "department": "d:qts", "departmentName": "质量技术监督局"}])
    >>> [(a.department, a.name) for a in to_successors(rows, {"d:qts": [("d:amr", "市场监督管理局")]}, {})]
    [('d:amr', '市场监督管理局')]
    """
    out = []
    for a in assignments:
        for iri, name in successors.get(a.department, ()) or [(a.department, a.name)]:
            out.append(a if iri == a.department else replace(a, department=iri, name=name,
                                                             surface=short.get(iri, name)))
    return out


def compare(a: Side, b: Side, by: str = "department",
            successors: Mapping[str, Sequence[tuple[str, str]]] | None = None,
            weights: Weights = DEFAULT_WEIGHTS, seed: int = DEFAULT_SEED) -> Comparison:
    """Compare side ``a`` with side ``b``, departments matched ``by`` body or by today's successor
    (``successors`` from :func:`load_successors`). Raises ValueError when a side has nothing to
    analyse, or ``by`` is neither."""
    if by not in MATCH_BY:
        raise ValueError(f"compare by {by!r}: by department or by successor")
    if by == "successor":
        short = short_names([*a.assignments, *b.assignments])
        a = replace(a, assignments=to_successors(a.assignments, successors or {}, short))
        b = replace(b, assignments=to_successors(b.assignments, successors or {}, short))
    analyses = []
    for side in (a, b):
        try:
            analyses.append(analyse(side.assignments, weights, seed=seed, units=side.units or None))
        except ValueError as err:
            raise ValueError(f"{side.label}: {err}") from None
    x, y = analyses
    rows = department_changes(x, y)
    return Comparison(a, b, by, weights, x, y, rows, network_changes(x, y))


def department_changes(x: Analysis, y: Analysis) -> list[DepartmentChange]:
    """Every department of ``x`` or ``y`` (collectives left out), by the size of the change in its
    load index, then by name."""
    before = {r.department: r for r in x.departments}
    after = {r.department: r for r in y.departments}
    between_a = {c.department: c.betweenness for c in x.network.centrality}
    between_b = {c.department: c.betweenness for c in y.network.centrality}
    rows = []
    for iri in sorted(before.keys() | after.keys()):
        r, s = before.get(iri), after.get(iri)
        values: dict[str, object] = {}
        for m in MEASURES:
            va, vb = _value(r, m), _value(s, m)
            values.update({f"{m}_a": va, f"{m}_b": vb, f"{m}_change": round(vb - va, 6)})
        ra, rb = (r.rank if r else None), (s.rank if s else None)
        ba, bb = between_a.get(iri), between_b.get(iri)
        shown = s or r
        rows.append(DepartmentChange(
            department=iri, name=shown.name, short_name=shown.short_name,
            status="both" if r and s else "appeared" if s else "disappeared", **values,
            rank_a=ra, rank_b=rb, rank_change=ra - rb if r and s else None,
            betweenness_a=ba, betweenness_b=bb,
            betweenness_change=round(bb - ba, 6) if ba is not None and bb is not None else None,
        ))
    rows.sort(key=lambda c: (-abs(c.load_change), c.name))
    return rows


def _value(r: DepartmentLoad | None, measure: str) -> float:
    return 0 if r is None else getattr(r, measure)


def network_changes(x: Analysis, y: Analysis) -> list[NetworkChange]:
    """Departments, ties, density, centralisation and modularity of both coordination networks."""
    out = []
    for metric in ("departments", "ties", "density", "centralisation", "components", "modularity"):
        va, vb = getattr(x.network.summary, metric), getattr(y.network.summary, metric)
        change = None if va is None or vb is None else round(vb - va, 6)
        out.append(NetworkChange(metric, va, vb, change))
    return out

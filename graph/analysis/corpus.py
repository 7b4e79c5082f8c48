"""Several plans: each analysed on its own, and the corpus table beside them.

A plan's overload fence, Gini and centralities describe the departments *of that plan*: the
population is the bodies one government asked to do one programme of work. Pooling two plans
into one fence (Inner Mongolia's 2016 quality plan and Hangzhou's 2024 key-work plan) ranks
bureaus that never shared a task against each other, and the figures mean nothing. So with
several plans the analysis runs once per plan (:func:`analyse_plans`), and the **corpus table**
(:func:`corpus_table`: plan × department, with the accountable and support counts, load, rank
and overload verdict each plan gave) puts them side by side.

Pooled figures are for plans of one jurisdiction (a province's plans of several years, whose
departments are the same bodies): :func:`check_poolable` refuses plans of different
jurisdictions unless the caller forces it, and the report then says so.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from ..forking import spread
from .data import Assignment, Unit
from .plans import PlanFacts, jurisdictions
from .run import Analysis, analyse


class PoolingError(ValueError):
    """Plans of different jurisdictions asked to be pooled without being forced."""


@dataclass(frozen=True)
class PlanDepartment:
    """A line of ``corpus.csv``: one department in one plan, with the figures of that plan's own
    analysis (its rank and overload verdict among that plan's departments)."""

    plan_id: str
    jurisdiction: str
    year: str
    rank: int | None  # None for a collective
    department: str  # IRI
    name: str
    short_name: str
    lead: int
    responsible: int
    joint: int
    support: int
    accountable: int
    accountable_units: int
    load: float
    overloaded: bool


@dataclass(frozen=True)
class PlanAnalysis:
    """One plan and its own analysis."""

    facts: PlanFacts
    analysis: Analysis


def analyse_plans(plans: Sequence[PlanFacts], assignments: Sequence[Assignment], units: Sequence[Unit],
                  **options) -> tuple[list[PlanAnalysis], dict[str, str]]:
    """:func:`~fengong.analysis.run.analyse` of each plan on its own assignments and units (the
    ``options`` of that function apply to every plan).

    Returns the analyses in the order of ``plans``, and for each plan that cannot be analysed
    (no assignment, no department) its document id and the reason: one plan without clauses
    does not stop a corpus, and the report lists it.
    """
    by_plan: dict[str, list[Assignment]] = defaultdict(list)
    units_of: dict[str, list[Unit]] = defaultdict(list)
    for a in assignments:
        by_plan[a.plan].append(a)
    for u in units:
        units_of[u.plan].append(u)
    # The plans are independent: dealt out among forked copies, one per core (fengong.forking).
    each = spread(partial(_analyse_each, by_plan, units_of, options), list(plans))
    done = [a for a in each if isinstance(a, PlanAnalysis)]
    skipped = {p.document: why for p, why in zip(plans, each) if isinstance(why, str)}
    return done, skipped


def _analyse_each(by_plan: Mapping[str, list[Assignment]], units_of: Mapping[str, list[Unit]], options: dict,
                  plans: Sequence[PlanFacts]) -> list[PlanAnalysis | str]:
    """Each plan's analysis, or why it has none."""
    out: list[PlanAnalysis | str] = []
    for p in plans:
        try:
            out.append(PlanAnalysis(p, analyse(by_plan.get(p.plan, []), units=units_of.get(p.plan, []), **options)))
        except ValueError as err:
            out.append(str(err))
    return out


def corpus_table(analyses: Sequence[PlanAnalysis]) -> list[PlanDepartment]:
    """Every body of every plan, plans in order, each plan's bodies in the order of its own
    workload table (by rank, collectives last)."""
    return [
        PlanDepartment(
            plan_id=p.facts.document, jurisdiction=p.facts.where, year=p.facts.year, rank=r.rank,
            department=r.department, name=r.name, short_name=r.short_name, lead=r.lead,
            responsible=r.responsible, joint=r.joint, support=r.support, accountable=r.accountable,
            accountable_units=r.accountable_units, load=r.load, overloaded=r.overloaded,
        )
        for p in analyses for r in p.analysis.loads
    ]


def check_poolable(plans: Sequence[PlanFacts], force: bool = False) -> list[str]:
    """The jurisdictions of ``plans``; raises :class:`PoolingError` when there are several and
    ``force`` is false (a plan of unknown jurisdiction counts as another one).

    >>> a = PlanFacts("p:a", "a", "", "", "j:1", "内蒙古自治区", "")
    >>> b = PlanFacts("p:b", "b", "", "", "j:2", "浙江省", "")
    >>> check_poolable([a, b], force=True)
    ['内蒙古自治区', '浙江省']
    >>> check_poolable([a, b])
    Traceback (most recent call last):
    fengong.analysis.corpus.PoolingError: the plans are of 2 jurisdictions (内蒙古自治区, 浙江省): one overload fence over them would rank bureaus of different governments against each other; analyse them per plan (the default), select one jurisdiction (--jurisdiction), or force pooling (--force)
    """
    names = jurisdictions(plans)
    if len(names) > 1 and not force:
        raise PoolingError(
            f"the plans are of {len(names)} jurisdictions ({', '.join(names)}): one overload fence over them "
            "would rank bureaus of different governments against each other; analyse them per plan (the "
            "default), select one jurisdiction (--jurisdiction), or force pooling (--force)")
    return names

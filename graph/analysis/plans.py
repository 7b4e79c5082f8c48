"""The plans an analysis is about: what a report cites of each, and how a user names them.

Researchers quote figures from the reports in papers, so a report opens with every plan it was
computed from, by title, date, jurisdiction, document id and the SHA-256 of its text (read from
the graph with ``queries/internal/plan-facts.rq``): the figure can then be traced to the exact
text and recomputed. The jurisdiction is also what decides whether plans may be pooled: the
overload fence of two governments' departments together compares bureaus that never share work.

    >>> p = PlanFacts("https://w3id.org/fengong/id/plan/nm-2017", "nm-2017", "分工方案", "2017-03-01",
    ...               "https://w3id.org/fengong/id/jurisdiction/内蒙古自治区", "内蒙古自治区", "ab12")
    >>> [q.document for q in select_plans([p], ["nm-2017"])], p.year
    (['nm-2017'], '2017')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..sparql.catalogue import internal
from ..store import Store

QUERY = "plan-facts"
UNKNOWN_JURISDICTION = "(jurisdiction unknown)"


@dataclass(frozen=True)
class PlanFacts:
    """One plan as a report cites it. Fields the graph does not hold are empty strings."""

    plan: str  # IRI
    document: str  # the document id (file name without extension)
    title: str
    date: str  # ISO 8601, or ""
    jurisdiction: str  # IRI, or ""
    jurisdiction_name: str
    sha256: str  # of the plan's text

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def where(self) -> str:
        """The jurisdiction's name, or a placeholder that says it is not known."""
        return self.jurisdiction_name or self.jurisdiction or UNKNOWN_JURISDICTION


def load_plan_facts(store: Store) -> list[PlanFacts]:
    """Every plan in ``store``, in document-id order (one row per plan: the first title, date,
    jurisdiction and hash the graph gives, should it hold several)."""
    facts: dict[str, PlanFacts] = {}
    for r in store.select(internal(QUERY).text).records():
        plan = str(r["plan"])
        if plan not in facts:
            facts[plan] = PlanFacts(plan, _text(r.get("document")), _text(r.get("title")), _text(r.get("date")),
                                    _text(r.get("jurisdiction")), _text(r.get("jurisdictionName")),
                                    _text(r.get("sha")))
    return sorted(facts.values(), key=lambda p: (p.document, p.plan))


class PlanSelectionError(ValueError):
    """A plan the user named is not in the graph, or a selection that leaves no plan."""


def select_plans(plans: Sequence[PlanFacts], selectors: Iterable[str]) -> list[PlanFacts]:
    """The plans that ``selectors`` name, in the order of ``plans``: each selector a document id
    (``nm-2017``), a plan IRI, or a year (``2017``: every plan dated that year); to select within
    one jurisdiction, pass the plans :func:`in_jurisdiction` keeps.

    A selector that names no plan raises :class:`PlanSelectionError` with the ids there are: a
    typo would otherwise analyse nothing, or something else.
    """
    chosen: set[str] = set()
    for selector in selectors:
        found = [p.plan for p in plans if _names(p, selector)]
        if not found:
            known = ", ".join(p.document for p in plans) or "none"
            raise PlanSelectionError(f"no plan is {selector!r} (a document id, plan IRI or year; "
                                     f"the plans: {known})")
        chosen.update(found)
    return [p for p in plans if p.plan in chosen]


def in_jurisdiction(plans: Sequence[PlanFacts], jurisdiction: str | None) -> list[PlanFacts]:
    """The ``plans`` issued by ``jurisdiction`` (its name or IRI); all of them for None."""
    if jurisdiction is None:
        return list(plans)
    kept = [p for p in plans if _issued_by(p, jurisdiction)]
    if not kept:
        known = ", ".join(sorted({p.where for p in plans})) or "none"
        raise PlanSelectionError(f"no plan of {jurisdiction!r} in the graph (jurisdictions: {known})")
    return kept


def jurisdictions(plans: Iterable[PlanFacts]) -> list[str]:
    """The distinct jurisdictions of ``plans`` by name, sorted; a plan without one counts as a
    jurisdiction of its own kind (:data:`UNKNOWN_JURISDICTION`), since nothing shows it is the
    others'."""
    return sorted({p.where for p in plans})


def _names(p: PlanFacts, selector: str) -> bool:
    if re.fullmatch(r"\d{4}", selector):
        return p.year == selector
    return selector in (p.document, p.plan)


def _issued_by(p: PlanFacts, jurisdiction: str | None) -> bool:
    return jurisdiction is None or jurisdiction in (p.jurisdiction, p.jurisdiction_name)


def _text(value: object) -> str:
    return "" if value is None else str(value)

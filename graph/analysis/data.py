"""The analysis's input: one record per assignment, read from a store with the named query
``queries/assignments.rq``.

The analysis never looks at the parser's objects: it reads the graph through SPARQL, so it gives
the same answers on one plan, on a corpus in an on-disk store and on a remote endpoint, and every
figure it reports can be recounted from the rows of that one named query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..catalogue import NamedQuery, load
from ..store import Store

QUERY = "assignments"
ROLES = ("lead", "responsible", "joint", "support")
ACCOUNTABLE_ROLES = frozenset({"lead", "responsible", "joint"})
PARTS = ("target", "task")


@dataclass(frozen=True)
class Assignment:
    """One body in one role for one unit of work: a row of ``queries/assignments.rq``.

    ``department`` is the body's IRI (its identity); ``name`` its canonical Chinese name; ``surface``
    the name the plan used. ``collective`` bodies (领导小组成员单位, 各有关部门) are sets of bodies
    named as one, never a department of their own.
    """

    plan: str
    plan_id: str
    item: str
    item_label: str
    kind: str
    section: str
    section_label: str
    section_title: str
    unit: str
    role: str
    department: str
    name: str
    body_kind: str
    collective: bool
    surface: str
    item_order: int = 0
    unit_number: int = 0
    section_order: int = 0

    @property
    def accountable(self) -> bool:
        """Lead, responsible or joint: the roles that hold a unit to account."""
        return self.role in ACCOUNTABLE_ROLES


def named_query() -> NamedQuery:
    """The named query the analysis reads (``queries/assignments.rq``)."""
    return load(QUERY)


def load_assignments(store: Store, plan: str | None = None) -> list[Assignment]:
    """Every assignment in ``store`` (of one ``plan`` IRI if given), in document order.

    The plan is bound as a query parameter (checked as an IRI), never pasted into the query text.
    """
    query = named_query()
    bindings = query.bindings({"plan": plan} if plan else {})
    return assignments_from_records(store.select(query.text, bindings).records())


def assignments_from_records(records: Iterable[Mapping[str, object]]) -> list[Assignment]:
    """Assignments from rows shaped like the query's results (dicts keyed by its variables).

    Use it to analyse rows from elsewhere, e.g. a CSV written by ``fengong query assignments``.
    A row with a role outside lead/responsible/joint/support or without a unit or body raises
    :class:`ValueError`: a silently dropped row would change every figure.

    >>> [a] = assignments_from_records([{"plan": "p", "item": "i", "itemLabel": "一（一）",
    ...     "kind": "target", "unit": "u", "role": "lead", "department": "d",
    ...     "departmentName": "内蒙古自治区质量技术监督局", "bodyClass": "department"}])
    >>> a.role, a.accountable, a.surface
    ('lead', True, '内蒙古自治区质量技术监督局')
    """
    out = []
    for n, r in enumerate(records, 1):
        role = _text(r.get("role"))
        if role not in ROLES:
            raise ValueError(f"row {n}: role {role!r} is not one of {', '.join(ROLES)}")
        kind = _text(r.get("kind"))
        if kind not in PARTS:
            raise ValueError(f"row {n}: kind {kind!r} is not target or task")
        for key in ("plan", "item", "unit", "department", "departmentName"):
            if not _text(r.get(key)):
                raise ValueError(f"row {n}: no {key}")
        name = _text(r["departmentName"])
        out.append(Assignment(
            plan=_text(r["plan"]), plan_id=_text(r.get("planId")) or _text(r["plan"]).rsplit("/", 1)[-1],
            item=_text(r["item"]), item_label=_text(r.get("itemLabel")) or _text(r["item"]), kind=kind,
            section=_text(r.get("section")), section_label=_text(r.get("sectionLabel")),
            section_title=_text(r.get("sectionTitle")), unit=_text(r["unit"]), role=role,
            department=_text(r["department"]), name=name, body_kind=_text(r.get("departmentKind")),
            collective=_text(r.get("bodyClass")) == "collective", surface=_text(r.get("surface")) or name,
            item_order=_int(r.get("itemOrder")), unit_number=_int(r.get("unitNumber")),
            section_order=_int(r.get("sectionOrder")),
        ))
    return out


def short_names(assignments: Iterable[Assignment]) -> dict[str, str]:
    """A short display name per body: the name the plans use most for it (自治区质监局).

    Ties go to the shorter name, then the first in code-point order, so the choice is stable. When
    two bodies would share a short name (a 市质监局 in two cities), both keep their canonical name.
    """
    uses: dict[str, Counter[str]] = {}
    canonical: dict[str, str] = {}
    for a in assignments:
        uses.setdefault(a.department, Counter())[a.surface] += 1
        canonical[a.department] = a.name
    chosen = {d: min(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] for d, c in uses.items()}
    taken = Counter(chosen.values())
    return {d: (s if taken[s] == 1 else canonical[d]) for d, s in chosen.items()}


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _int(value: object) -> int:
    return 0 if value in (None, "") else int(value)

"""The analysis's input: one record per assignment, read from a store with the named query
``queries/assignments.rq``, and one per unit of work, read with ``queries/units.rq``.

The analysis never looks at the parser's objects: it reads the graph through SPARQL, so it gives
the same answers on one plan, on a corpus in an on-disk store and on a remote endpoint, and every
figure it reports can be recounted from the rows of those named queries. The units come on their
own because a unit no body is named on (its clause names only an official) has no assignment, yet
is a unit of the plan, and a gap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from ..store import Store

QUERY = "assignments"
UNITS_QUERY = "units"
ROLES = ("lead", "responsible", "joint", "support")
ACCOUNTABLE_ROLES = frozenset({"lead", "responsible", "joint"})
PARTS = ("target", "task")


@dataclass(frozen=True)
class Unit:
    """One unit of work: a row of ``queries/units.rq``. ``*_order`` and ``unit_number`` are its
    positions in the plan, for document order."""

    plan: str
    plan_id: str
    item: str
    item_label: str
    kind: str
    section: str
    section_label: str
    section_title: str
    unit: str
    item_order: int = 0
    unit_number: int = 0
    section_order: int = 0


@dataclass(frozen=True, kw_only=True)
class Assignment(Unit):
    """One body in one role for one unit of work: a row of ``queries/assignments.rq``, the unit's
    fields and the body's.

    ``department`` is the body's IRI (its identity); ``name`` its canonical Chinese name; ``surface``
    the name the plan used. ``collective`` bodies (领导小组成员单位, 各有关部门) are sets of bodies
    named as one, never a department of their own.
    """

    role: str
    department: str
    name: str
    body_kind: str
    collective: bool
    surface: str

    @property
    def accountable(self) -> bool:
        """Lead, responsible or joint: the roles that hold a unit to account."""
        return self.role in ACCOUNTABLE_ROLES


def _select(store: Store, name: str, plan: str | None) -> list[dict[str, object]]:
    # The plan is bound as a query parameter (checked as an IRI), never pasted into the query text.
    from ..sparql.catalogue import load  # rdflib: not loaded for the weights in analyze's options

    query = load(name)
    return store.select(query.text, query.bindings({"plan": plan} if plan else {})).records()


def load_assignments(store: Store, plan: str | None = None) -> list[Assignment]:
    """Every assignment in ``store`` (of one ``plan`` IRI if given), in document order."""
    return assignments_from_records(_select(store, QUERY, plan))


def load_units(store: Store, plan: str | None = None) -> list[Unit]:
    """Every unit of work in ``store`` (of one ``plan`` IRI if given), in document order, also
    those no body is named on."""
    return units_from_records(_select(store, UNITS_QUERY, plan))


def units_of(assignments: Iterable[Assignment]) -> list[Unit]:
    """The units the ``assignments`` are on, each once, in the order of its first assignment:
    the units of a plan when its units were not read (rows from a CSV, say)."""
    units: dict[str, Unit] = {}
    for a in assignments:
        if a.unit not in units:
            units[a.unit] = Unit(**{f.name: getattr(a, f.name) for f in fields(Unit)})
    return list(units.values())


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
        unit = _unit_fields(n, r)
        role = _text(r.get("role"))
        if role not in ROLES:
            raise ValueError(f"row {n}: role {role!r} is not one of {', '.join(ROLES)}")
        for key in ("department", "departmentName"):
            if not _text(r.get(key)):
                raise ValueError(f"row {n}: no {key}")
        name = _text(r["departmentName"])
        out.append(Assignment(
            **unit, role=role, department=_text(r["department"]), name=name,
            body_kind=_text(r.get("departmentKind")), collective=_text(r.get("bodyClass")) == "collective",
            surface=_text(r.get("surface")) or name,
        ))
    return out


def units_from_records(records: Iterable[Mapping[str, object]]) -> list[Unit]:
    """Units from rows shaped like the results of ``queries/units.rq``; a row without a plan,
    item or unit, or of a part other than target or task, raises :class:`ValueError`."""
    return [Unit(**_unit_fields(n, r)) for n, r in enumerate(records, 1)]


def _unit_fields(n: int, r: Mapping[str, object]) -> dict[str, object]:
    """The fields of the unit of row number ``n``, checked: a :class:`Unit`'s, keyed by name."""
    kind = _text(r.get("kind"))
    if kind not in PARTS:
        raise ValueError(f"row {n}: kind {kind!r} is not target or task")
    for key in ("plan", "item", "unit"):
        if not _text(r.get(key)):
            raise ValueError(f"row {n}: no {key}")
    return dict(
        plan=_text(r["plan"]), plan_id=_text(r.get("planId")) or _text(r["plan"]).rsplit("/", 1)[-1],
        item=_text(r["item"]), item_label=_text(r.get("itemLabel")) or _text(r["item"]), kind=kind,
        section=_text(r.get("section")), section_label=_text(r.get("sectionLabel")),
        section_title=_text(r.get("sectionTitle")), unit=_text(r["unit"]), item_order=_int(r.get("itemOrder")),
        unit_number=_int(r.get("unitNumber")), section_order=_int(r.get("sectionOrder")),
    )


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

"""The parsed plan as frozen dataclasses: what the parser yields and the RDF stage consumes.

Every fact carries a :class:`Span` into the document text (the decoded source, newlines normalised
to ``\\n``), so that any number fengong reports can be traced back to the characters it came from.
The model holds no behaviour beyond small derived properties; the stages are pure functions
between these values.
"""

from __future__ import annotations

import hashlib

from dataclasses import dataclass, field
from enum import Enum


class Role(str, Enum):
    """What a clause makes a department do for a unit of work."""

    LEAD = "lead"  # 牵头: leads and coordinates
    SUPPORT = "support"  # 配合, 参与, 协助…: contributes under a lead
    RESPONSIBLE = "responsible"  # 负责: the one department accountable
    JOINT = "joint"  # 按照职责分工负责: accountable together, each for its own remit

    @property
    def accountable(self) -> bool:
        """Lead, responsible and joint hold a unit to account; support does not."""
        return self is not Role.SUPPORT


class Kind(str, Enum):
    """Whether an item is a target (工作目标) or a task (主要任务, 保障措施…)."""

    TARGET = "target"
    TASK = "task"


class Severity(str, Enum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, order=True)
class Span:
    """Half-open character range ``[start, end)`` in the document text."""

    start: int
    end: int


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error about the input, with where it happened.

    ``code`` is stable and documented (see README, "Warnings"); ``message`` is for people.
    """

    code: str
    message: str
    line: int
    text: str = ""
    severity: Severity = Severity.WARNING
    source: str = ""

    def format(self) -> str:
        where = f"{self.source}:{self.line}" if self.source else f"line {self.line}"
        return f"{where}: {self.severity.value}: {self.message} [{self.code}]"


@dataclass(frozen=True)
class Jurisdiction:
    """An administrative area whose government the departments belong to (内蒙古自治区)."""

    name: str
    level: str  # national | province | municipality | autonomous-region | city | county | unknown
    en: str = ""
    code: str = ""


@dataclass(frozen=True)
class Department:
    """A resolved body: one node in the graph, whatever way a plan writes its name.

    ``name`` is the canonical Chinese name (jurisdiction + official body name), the identity of
    the node; ``body_id`` is the gazetteer row it resolved to, empty when it did not resolve.
    """

    name: str
    body: str
    kind: str
    jurisdiction: Jurisdiction | None
    body_id: str = ""
    en: str = ""
    body_en: str = ""  # the English name of the kind of body (Customs, CPC Committee), for its body type
    name_source: str = ""  # where ``name`` comes from: a gazetteer row (and its source), or as written

    @property
    def resolved(self) -> bool:
        return bool(self.body_id) or self.kind in {"collective", "admin-committee", "coordination-body"}


@dataclass(frozen=True)
class Assignment:
    """One department in one role for one unit, with the name as the clause writes it."""

    role: Role
    department: Department
    surface: str  # the expanded name (自治区商务厅 for 商务厅 after 自治区发展改革委、)
    written: str  # the characters of the clause that name it (商务厅)
    span: Span  # where ``written`` stands in the document


@dataclass(frozen=True)
class Official:
    """A person a clause names (责任领导：张三), never a department."""

    name: str
    title: str  # the field label that introduced the person (责任领导, 责任人)
    span: Span


@dataclass(frozen=True)
class Deadline:
    """When a clause makes its unit due, as read from its time frame (:mod:`fengong.parse.deadlines`).

    ``kind`` is ``by`` (due by a date: 6月底前, 2023年底前), ``ongoing`` (持续推进, 长期坚持),
    ``recurring`` (每年), ``immediate`` (立即) or ``unknown`` (a time frame with no word fengong reads:
    三年内). ``date`` is the last day the unit is due by, ISO 8601 (``2016-06-30``), empty when it
    cannot be known (no date, or a relative one in a plan without a date); ``precision`` says how
    much of it the clause writes: ``day`` (6月底, 9月25日, 年底), ``month`` (6月前: the month's last
    day) or ``year`` (2025年前: the year's). ``year_inferred``: the clause wrote no year (6月底前), so
    the year is the plan's own.
    """

    kind: str
    date: str = ""
    precision: str = ""
    year_inferred: bool = False


@dataclass(frozen=True)
class Clause:
    """A responsibility clause as written, and what it was parsed into.

    ``form`` tells how it was written: ``bracket`` （由A牵头，B配合）, ``field`` lines such as
    牵头单位：A, ``table`` a flattened table row, ``inline`` 由A会同B… inside the text,
    ``sentence`` a last sentence without brackets (县水利局牵头，县环保局配合。), ``carried`` when it
    applies to this unit through 下同 from an earlier clause, ``heading`` an item that opens with its
    body (市公安局。负责…), ``heading-role`` a heading over the unit that names who does it
    (（一）省编办牵头的工作), ``prose`` a sentence that opens with its bodies in a plan written as prose.
    An unparsed clause has no assignments and ``parsed`` False: it is kept so nothing is lost.
    """

    text: str
    span: Span
    line: int
    form: str
    assignments: tuple[Assignment, ...] = ()
    officials: tuple[Official, ...] = ()
    deadline: str = ""  # the time frame as written: 6月底前完成
    due: Deadline | None = None  # what ``deadline`` says, where it says it
    parsed: bool = True


@dataclass(frozen=True)
class Unit:
    """The text a clause closes, back to the previous clause or the item start.

    An item with two clauses has two units; most items have one.
    """

    number: int
    text: str
    span: Span
    clause: Clause


@dataclass(frozen=True)
class Section:
    """A numbered heading that groups items (二、主要任务分工; （一）实施质量提升战略…)."""

    path: tuple[int, ...]
    label: str  # the numbering as printed, ancestors included: 二（一）
    title: str
    span: Span
    line: int
    kind: str  # target | task | narrative
    text: str = ""  # the body of a narrative section (三、工作要求), kept as text
    unparsed: tuple[Clause, ...] = ()  # brackets that looked like clauses but did not parse


@dataclass(frozen=True)
class Item:
    """A numbered target or task: the unit of a plan that clauses are attached to."""

    path: tuple[int, ...]
    label: str  # 一（一）, 二（一）7
    kind: Kind
    text: str  # the item's own text without its number, clauses included
    span: Span
    line: int
    units: tuple[Unit, ...]
    section: tuple[int, ...] | None  # path of the innermost enclosing section
    unparsed: tuple[Clause, ...] = ()  # brackets that looked like clauses but did not parse


@dataclass(frozen=True)
class Policy:
    """The policy a plan implements (《关于质量强区的决定》, short name 《决定》)."""

    title: str
    short: str = ""


@dataclass(frozen=True)
class Coverage:
    """Where the role words of a plan's text (牵头, 配合, 负责, 责任单位…) were accounted for.

    ``clause``: inside clauses; ``narrative``: in text read as narrative, by reason (``reasons``:
    notice, narrative, heading, text); ``warned``: in no reading, each reported by a warning.
    """

    clause: int = 0
    narrative: int = 0
    warned: int = 0
    reasons: tuple[tuple[str, int], ...] = ()

    @property
    def total(self) -> int:
        return self.clause + self.narrative + self.warned


@dataclass(frozen=True)
class ChangeEvent:
    """One reform step as ``ontology/lineage.ttl`` records it: ``originals`` became (or moved their
    duties into) ``results`` (body IRIs of the lineage data)."""

    iri: str
    kind: str  # Merger | Renaming | TransferOfDuties (the fg: subclass of org:ChangeEvent)
    originals: tuple[str, ...]
    results: tuple[str, ...]
    date: str  # as recorded: 2018-03-21, or 2018 where the day is not
    date_type: str  # the datatype IRI of ``date`` (xsd:date or xsd:gYear)
    descriptions: tuple[tuple[str, str], ...]  # (text, language), @zh and @en
    source: str  # the document that decided it


@dataclass(frozen=True)
class LineageBody:
    """A body of the lineage a plan carries: the names it was written under and who holds its
    duties today. ``department`` is set for a body the plan does not name itself (a successor,
    another original of a merger), resolved like any name in a plan."""

    iri: str
    alt_labels: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()  # body IRIs, the ends of its chains of change
    department: Department | None = None


@dataclass(frozen=True)
class History:
    """The reforms that touched the bodies a plan names, back to their earliest known
    predecessors and forward to today, so that queries on the plan's graph alone can follow them."""

    events: tuple[ChangeEvent, ...] = ()
    bodies: tuple[LineageBody, ...] = ()  # sorted by IRI


@dataclass(frozen=True)
class Plan:
    """A parsed division-of-labour plan."""

    doc_id: str
    source: str  # file name or "-" as given by the user
    text: str  # the document text all spans refer to
    sha256: str
    title: str = ""
    date: str = ""  # ISO 8601
    jurisdiction: Jurisdiction | None = None
    addressees: tuple[str, ...] = ()
    implements: Policy | None = None
    sections: tuple[Section, ...] = ()
    items: tuple[Item, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    coverage: Coverage = field(default_factory=lambda: Coverage())
    history: History = field(default_factory=History)

    @property
    def units(self) -> tuple[Unit, ...]:
        return tuple(unit for item in self.items for unit in item.units)

    @property
    def assignments(self) -> tuple[Assignment, ...]:
        return tuple(a for unit in self.units for a in unit.clause.assignments)

    @property
    def departments(self) -> tuple[Department, ...]:
        """Distinct departments in order of first mention."""
        seen: dict[str, Department] = {}
        for a in self.assignments:
            seen.setdefault(a.department.name, a.department)
        return tuple(seen.values())

    @property
    def unparsed_clauses(self) -> tuple[Clause, ...]:
        return tuple(c for s in (*self.sections, *self.items) for c in s.unparsed)


def normalise_newlines(text: str) -> str:
    """The text every offset and digest refers to: CRLF and CR line ends written as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def text_sha256(text: str) -> str:
    """The SHA-256 of a plan's text, newlines normalised: the plan's ``fg:sha256``, by which an
    incremental build knows an unchanged plan before parsing it.

    >>> text_sha256("a\\r\\nb") == text_sha256("a\\nb")
    True
    """
    return hashlib.sha256(normalise_newlines(text).encode("utf-8")).hexdigest()

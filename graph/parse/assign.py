"""Who does what: a found clause made a model :class:`~fengong.model.Clause`.

A :class:`~.find.Found` says where a clause stands and what its words read as; here its names
are expanded (prefixes shared across a list, :mod:`.names`), checked (two names run together,
a person's post), resolved to bodies (:mod:`.gazetteer`) and given their final roles
(:func:`~.clauses.final_roles`), under the conventions in force at that point of the document.

An :class:`Assigner` works through a document's clauses in order, because a clause can change
how the ones after it read: a convention it states holds from there on, and one that says 下同
is carried to the items after it that have none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model import Assignment, Clause, Deadline, Jurisdiction, Official, Role
from .clauses import ClauseError, final_roles
from .conventions import Conventions
from .coverage import Spans
from .deadlines import deadline_of
from .found import Found, Warn
from .gazetteer import Gazetteer
from .names import Expander, NameRef
from .snippet import Snippet


class Assigner:
    """Makes the clauses of one document, in document order.

    ``conventions`` are those the document states outside its clauses; ``line_of`` gives the line
    of a document offset; ``spans`` records every clause's text as read (for :mod:`.coverage`).
    """

    def __init__(self, g: Gazetteer, home: Jurisdiction | None, conventions: Conventions, warn: Warn,
                 line_of: Callable[[int], int], spans: Spans, date: str = "") -> None:
        self.g, self.home, self.conventions, self.date = g, home, conventions, date
        self.warn, self.line_of, self.spans = warn, line_of, spans
        self.carried: Clause | None = None  # a clause that said 下同
        self.reported: set[tuple[str, str]] = set()

    def names(self, f: Found) -> list[list[NameRef]]:
        """The expanded names of each role group of a clause (prefixes shared across groups)."""
        expander = Expander(self.g)
        assert f.reading is not None
        refs = []
        for group in f.reading.groups:
            if group.fresh:  # each field is a list of its own: 牵头单位：区财政局 / 责任单位：税务局
                expander.prefix = ""
            refs.append(expander.expand(group.names))
        return refs

    def run_together(self, refs: list[list[NameRef]]) -> ClauseError | None:
        """Two names written without a separator (省财政厅省商务厅) cannot be split safely: the
        clause is kept unparsed rather than read as one made-up department."""
        for group_refs in refs:
            for ref in group_refs:
                key = ref.key
                if ref.person or self.g.is_known(key):
                    continue
                for k in range(2, len(key) - 1):
                    left, right = key[:k], key[k:]
                    if self.g.shape(right).prefix and self.g.is_known(right) and self.g.is_known(left):
                        return ClauseError("unsplittable-name",
                                           f"{ref.surface} reads as two names run together ({left} and {right})")
        return None

    def clause(self, body: Snippet, f: Found, refs: list[list[NameRef]]) -> Clause:
        """The clause ``f`` of ``body``, whose names ``refs`` are (from :meth:`names`)."""
        snip = body[f.start: f.end]
        assert f.reading is not None
        start = snip.span.start
        for effect in f.reading.stated:  # a convention a clause states holds from here on
            self.conventions = self.conventions.stated_in(effect, start, snip.compact())
        reading = f.reading
        if reading.first_leads != (leads := self.conventions.holds("first-leads", start)):
            reading = replace(reading, first_leads=leads)
        officials = [
            Official(name.compact(), label, name.span)
            for label, names in reading.officials
            for group in Expander(self.g).split(names)
            for name in group
        ]
        for group_refs in refs:
            for ref in (r for r in group_refs if r.person):
                self.warn("person-not-department", f"{ref.surface} is a person's post, not a department: "
                          "kept as an official", ref.written.span.start, snip.compact())
                officials.append(Official(ref.surface, "", ref.written.span))
        refs = [[r for r in group_refs if not r.person] for group_refs in refs]
        for group, group_refs in zip(reading.groups, refs):
            if not group_refs:
                self.warn("role-without-department", f"{group.phrase} names no department", start, snip.compact())
        roles = final_roles(reading, [len(r) for r in refs])
        assignments: list[Assignment] = []
        earlier: dict[str, list] = {}
        for group_refs, group_roles in zip(refs, roles):
            for ref, role in zip(group_refs, group_roles):
                assignment = self._assignment(ref, role, earlier, snip)
                if assignment is not None:
                    assignments.append(assignment)
        clause = Clause(
            text=snip.compact(),
            span=snip.span,
            line=self.line_of(start),
            form=f.form,
            assignments=tuple(assignments),
            officials=tuple(officials),
            deadline=reading.deadline,
            due=self._due(reading.deadline, start, snip.compact()),
        )
        self.spans.clause(snip)
        if reading.carry_over and not reading.stated:
            self.carried = clause
        return clause

    def _due(self, deadline: str, start: int, clause: str) -> Deadline | None:
        """What the time frame says, in this plan's year; a date without a year that falls before
        the plan's own date is warned about (3月底前 in a plan of November: next year's March?)."""
        due = deadline_of(deadline, self.date)
        if due is not None and due.year_inferred and due.date < self.date:
            self.warn("deadline-before-plan", f"{deadline} read as {due.date}, before the plan's date {self.date}: "
                      "the clause writes no year, and the plan's was taken", start, clause)
        return due

    def _assignment(self, ref: NameRef, role: Role, earlier: dict[str, list], snip: Snippet) -> Assignment | None:
        """The assignment of one name; ``earlier`` holds the roles given to each body so far."""
        dept = self.g.resolve(ref.surface, self.home, self.date)
        same = earlier.setdefault(dept.name, [])
        if role in same:
            self.warn("duplicate-name", f"{ref.surface} is named twice as {role.value} in one clause",
                      ref.written.span.start, snip.compact())
            return None
        if same:
            self.warn("department-twice",
                      f"{ref.surface} is named both as {same[0].value} and as {role.value} in one clause",
                      ref.written.span.start, snip.compact())
        same.append(role)
        if not dept.resolved and (ref.surface, "unresolved") not in self.reported:
            self.reported.add((ref.surface, "unresolved"))
            self.warn("unresolved-name", f"{ref.surface} is not in the gazetteer; kept as written",
                      ref.written.span.start, ref.surface)
        return Assignment(role, dept, ref.surface, ref.written.compact(), ref.written.span)

    def unparsed(self, body: Snippet, f: Found) -> Clause:
        """A clause that could not be read: kept, unparsed, with a warning."""
        snip = body[f.start: f.end]
        code = f.error.code if f.error else "unparsed-clause"
        reason = str(f.error) if f.error else "not understood"
        self.warn("unparsed-clause", f"looks like a responsibility clause but does not parse ({code}: {reason})",
                  snip.span.start, snip.compact())
        self.spans.clause(snip)
        return Clause(snip.compact(), snip.span, self.line_of(snip.span.start), f.form, parsed=False)

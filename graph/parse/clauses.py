"""The grammar of responsibility clauses: which words name whom in which role.

A clause is read in three passes over its folded text:

1. what names nobody is taken out (:mod:`.asides`): conventions (排在首位的为牵头单位, 下同),
   notes (以下各条不再单独列出), a deadline (6月底前完成), officials (责任领导：张三);
2. the rest is read either as *fields* (牵头单位：A；配合单位：B; a field may hold a clause of its
   own: 部门分工：A牵头，B配合; 责任单位：A、B牵头，C、D) or as names followed by *role words*
   (由A牵头，B、C配合; 由A、B按照职责分工负责), with 会同 splitting a lead from partners;
3. what is left must be nothing: a clause with unexplained text raises :class:`ClauseError`, and
   the caller keeps it as an unparsed clause with a warning rather than guessing.

Names are not split here (see :mod:`fengong.parse.names`); a :class:`RoleGroup` holds the text
that names the departments of one role word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..model import Role
from .asides import Asides, labelled_asides, read_asides
from .snippet import SEPARATORS, Snippet
from .vocabulary import vocabulary

# Words that introduce the names of a clause and say nothing about roles: 由A牵头, 并由B配合.
LEADING = re.compile(r"^(?:(?:此项|该项|以上|上述|本项)(?:工作|活动|任务|措施))?(?:分别|均|主要|另|并)?由")
# Verbs that may follow a role word without changing it: 由A负责组织实施.
_ACTION = r"(?:组织|抓好|做好|具体|统筹|督促|推动|推进|共同)?(?:实施|落实|推进|推动|完成|办理|执行|督办|指导|开展)(?:工作)?"
ACTION = re.compile(f"^{_ACTION}")
ACTION_AT_END = re.compile(f"{_ACTION}$")
TAIL = re.compile(r"等(?:有关|相关|其他)?(?:部门|单位|机构)?$|等部门单位$")
# A name marked as the lead inside a list: 省发展改革委（牵头）、省财政厅; 市商务局*、市财政局.
MARKED_LEAD = re.compile(r"（(?:牵头|牵头单位|牵头部门|主责|主责单位)）|[*＊★]")


class ClauseError(ValueError):
    """A text that looks like a responsibility clause but cannot be read as one.

    ``code`` is one of ``no-role-word``, ``role-without-department``, ``unparsed-text`` (raised
    here), ``unbalanced-bracket``, ``unsplittable-name`` and ``unknown-label`` (raised by the
    parser around it).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)  # both, so that unpickling (ClauseError(*args)) rebuilds it
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class RoleGroup:
    """The names one role word governs: ``names`` is the text between it and the previous one."""

    phrase: str
    role: str  # lead | support | responsible | responsible* | joint  (see clause-vocabulary.tsv)
    form: str  # postfix | field | infix | bare
    names: Snippet
    fresh: bool = False  # the first group of a field: its list does not share the names before it


@dataclass(frozen=True)
class ClauseReading:
    groups: tuple[RoleGroup, ...]
    officials: tuple[tuple[str, Snippet], ...] = ()
    deadline: str = ""
    first_leads: bool = False  # the first name leads when none is named (a convention in force)
    carry_over: bool = False  # 下同: the clause holds for the items after it that have none
    stated: tuple[str, ...] = ()  # conventions this clause states (they hold from here on)
    notes: tuple[str, ...] = ()  # what the clause says that names nobody


def _trim(snip: Snippet) -> Snippet:
    snip = snip.strip(SEPARATORS)
    m = LEADING.match(snip.folded)
    if m:
        snip = snip[m.end():].strip(SEPARATORS)
    m = TAIL.search(snip.folded)
    if m and m.start() > 0:
        snip = snip[: m.start()].strip(SEPARATORS)
    return snip


def read_clause(content: Snippet, *, bare: bool = False, first_leads: bool = False) -> ClauseReading:
    """Read the inside of a clause (without its brackets) into role groups.

    ``bare`` allows a clause with no role word at all, a plain list of names (（省发展改革委、
    省财政厅）), which plans use together with a 排在首位的为牵头单位 notice; the caller decides
    when that reading is plausible. ``first_leads`` says that such a notice is in force.

    The reading depends on the clause's text alone: plans repeat their clauses (（由市发改委牵头，
    各区政府配合） on item after item), so each distinct text is read once and its reading moved
    onto each occurrence.
    """
    reading = _read_text(content.folded, content.raw, bare, first_leads)
    if isinstance(reading, ClauseError):
        raise ClauseError(reading.code, str(reading))
    return ClauseReading(
        tuple(replace(g, names=g.names.rebase(content)) for g in reading.groups),
        tuple((label, names.rebase(content)) for label, names in reading.officials),
        reading.deadline, reading.first_leads, reading.carry_over, reading.stated, reading.notes,
    )


@lru_cache(maxsize=1 << 12)
def _read_text(folded: str, raw: str, bare: bool, first_leads: bool) -> ClauseReading | ClauseError:
    """:func:`read_clause` of a text at offset 0 (its error, if it has one, is kept too)."""
    try:
        return _read(Snippet.of(raw, folded, 0), bare=bare, first_leads=first_leads)
    except ClauseError as err:
        return err


def _read(content: Snippet, *, bare: bool, first_leads: bool) -> ClauseReading:
    side = read_asides(content)
    snip = content.blanked(side.masked)
    officials, masked = labelled_asides(snip, side)
    snip = snip.blanked(masked)
    fields = list(vocabulary().field.finditer(snip.folded))

    if fields:
        groups = _read_fields(snip, fields, side)
    elif snip.strip(SEPARATORS):  # a bare list is read when the clause states how (列第一位者为牵头单位)
        groups = _read_postfix(snip, bare=bare or bool(side.stated), side=side)
    else:  # only officials or a deadline: 责任人：王五 on its own line
        groups = []
    if not groups and not officials and not (side.deadline and masked):
        raise ClauseError("no-role-word", "no role word (牵头, 负责, 配合…) names a department")
    leads = first_leads or "first-leads" in side.stated
    return ClauseReading(tuple(groups), tuple(officials), side.deadline, leads, side.carry_over,
                         tuple(dict.fromkeys(side.stated)), tuple(side.notes))


def split_marked_leads(group: RoleGroup) -> list[RoleGroup]:
    """省发展改革委（牵头）、省财政厅: a name marked （牵头） (or * or ★, after it or before it: ★区发改委)
    inside a list leads; the others of a 负责 / 责任单位 list then support it."""
    marks = list(MARKED_LEAD.finditer(group.names.folded))
    if not marks:
        return [group]
    text = group.names.folded
    leads, cut = [], []
    for m in marks:
        start = max(text.rfind(sep, 0, m.start()) for sep in "、，；") + 1
        if text[start: m.start()].strip(SEPARATORS):  # 省发改委（牵头）: the name before the mark
            leads.append(group.names[start: m.start()].strip(SEPARATORS))
            cut.append((start, m.end()))
        else:  # ★区发改委: the name after it
            end = min([k for k in (text.find(sep, m.end()) for sep in "、，；") if k >= 0] or [len(text)])
            leads.append(group.names[m.end(): end].strip(SEPARATORS))
            cut.append((m.start(), end))
    rest = _trim(group.names.blanked(cut))
    role = "support" if group.role == "responsible*" else group.role
    out = [RoleGroup(m.group(), "lead", group.form, lead) for m, lead in zip(marks, leads) if lead]
    if rest:
        out.append(RoleGroup(group.phrase, role, group.form, rest))
    return out


def _read_fields(snip: Snippet, fields: list[re.Match[str]], side: Asides) -> list[RoleGroup]:
    voc = vocabulary()
    before = snip[: fields[0].start()].strip(SEPARATORS)
    if before:
        raise ClauseError("unparsed-text", f"text before the first field label: {before.compact()}")
    groups = []
    for n, m in enumerate(fields):
        end = fields[n + 1].start() if n + 1 < len(fields) else len(snip)
        value = snip[m.end(): end]
        role = voc.field_role(m["label"])
        if role == "clause":  # 部门分工：A牵头，B配合
            groups.extend(_read_postfix(value, bare=False, side=side))
            continue
        names = _trim(value)
        if not names:
            raise ClauseError("role-without-department", f"{m['label']} names no department")
        if _valid_markers(names.folded):  # 责任单位：A、B牵头，C、D: A and B lead, C and D take the field's role
            groups.extend(_read_postfix(names, bare=False, side=side, rest_role=(m["label"], role)))
            continue
        split = split_marked_leads(RoleGroup(m["label"], role, "field", names))
        groups.extend([replace(split[0], fresh=True), *split[1:]])
    return groups


def _valid_markers(text: str) -> list[tuple[re.Match[str], int]]:
    """Role words that really end a name list: followed by a separator, the end, or an action verb.

    协同 in 协同创新中心 is part of a name, not a role word; 负责 in 负责组织实施 is one.
    Returns each match with the end of what it consumes (the role word and any action verb).
    """
    found = []
    for m in vocabulary().postfix.finditer(text):
        rest = text[m.end():]
        if not rest.strip(SEPARATORS) or rest[0] in SEPARATORS:
            found.append((m, m.end()))
            continue
        action = ACTION.match(rest)
        if action and (action.end() == len(rest) or rest[action.end()] in SEPARATORS):
            found.append((m, m.end() + action.end()))
    return found


def _read_postfix(snip: Snippet, *, bare: bool, side: Asides,
                  rest_role: tuple[str, str] | None = None) -> list[RoleGroup]:
    """Names followed by role words. ``rest_role`` (label, role) gives the names left after the
    last role word a role of their own (a field's), instead of an error."""
    voc = vocabulary()
    text = snip.folded
    markers = _valid_markers(text)
    if not markers:
        names = _trim(snip)
        if bare and names:
            return split_marked_leads(RoleGroup("", "responsible*", "bare", names))
        raise ClauseError("no-role-word", "no role word (牵头, 负责, 配合…) ends a list of names")
    groups: list[RoleGroup] = []
    cursor = 0
    for m, end in markers:
        phrase = voc.role_of(m.group(), "postfix")
        gap = snip[cursor: m.start()]
        names = _trim(gap)
        cursor = end
        if not names:
            # 牵头，并负责… or 负责指导: a second role word for the same names adds nothing; but a
            # support word after a break (…牵头，配合) always names others, and none are named.
            if groups and not (phrase.role == "support" and gap):
                continue
            raise ClauseError("role-without-department", f"{m.group()} has no department before it")
        infix = voc.infix.search(names.folded)
        if infix:
            groups.extend(_read_infix(names, infix, bool(groups)))
            continue
        groups.extend(split_marked_leads(RoleGroup(phrase.text, phrase.role, "postfix", names)))
    rest = snip[cursor:].strip(SEPARATORS)
    infix = voc.infix.match(rest.folded)
    if infix and groups:  # 由A牵头，会同B、C组织实施: the partners support
        partners = rest[infix.end():]
        action = ACTION_AT_END.search(partners.folded)
        groups.extend(_read_infix(partners[: action.start()] if action else partners, None, True))
        rest = rest[:0]
    if rest and rest_role is not None:
        groups.append(RoleGroup(rest_role[0], rest_role[1], "field", _trim(rest)))
        rest = rest[:0]
    if rest and text[cursor:].lstrip(" ，；")[:1] == "。":  # a sentence after the role word: a note
        side.notes.append(rest.compact())
        rest = rest[:0]
    if rest:
        raise ClauseError("unparsed-text", f"text after the last role word: {rest.compact()}")
    return groups


def _read_infix(names: Snippet, infix: re.Match[str] | None, after_lead: bool) -> list[RoleGroup]:
    """A会同B: A leads and B supports; 会同B after a lead (由A牵头，会同B…) names supporters only."""
    word = infix.group() if infix else "会同"
    lead = _trim(names[: infix.start()]) if infix else names[:0]
    partners = _trim(names[infix.end():] if infix else names)
    if not partners or not (lead or after_lead):
        raise ClauseError("role-without-department", f"{word} lacks a department on one side")
    groups = [RoleGroup(word, "lead", "infix", lead)] if lead else []
    return groups + [RoleGroup(word, "support", "infix", partners)]


def final_roles(reading: ClauseReading, counts: list[int]) -> list[list[Role]]:
    """The role of every name of every group, once the names are counted.

    ``counts[i]`` is the number of names in group ``i``. The rules, from the genre:
    负责 or 责任单位 naming one department makes it responsible, naming several makes them joint;
    beside a lead (a 牵头单位 field, or X牵头，Y负责落实) they name supporters; a first-leads
    convention makes the first name of a clause that names several bodies and no lead the lead
    (the others keep their role, or support when the clause is a bare list or a 责任单位 field).
    """
    has_lead = any(g.role == "lead" for g in reading.groups)
    roles: list[list[Role]] = []
    for group, count in zip(reading.groups, counts):
        if group.role == "responsible*":
            if has_lead:  # 责任单位 beside 牵头单位, or X牵头，Y负责落实: Y works under the lead
                role = Role.SUPPORT
            else:
                role = Role.RESPONSIBLE if count == 1 else Role.JOINT
        else:
            role = Role(group.role)
        roles.append([role] * count)
    if reading.first_leads and not has_lead and sum(counts) > 1:  # one name: nobody to lead
        first = next((n for n, c in enumerate(counts) if c), None)
        if first is not None:
            group = reading.groups[first]
            roles[first][0] = Role.LEAD
            if group.form in {"field", "bare"} or group.role == "responsible*":
                roles[first][1:] = [Role.SUPPORT] * (len(roles[first]) - 1)
                for later in range(first + 1, len(roles)):  # 责任单位：A、B，C (several groups)
                    if reading.groups[later].role == "responsible*":
                        roles[later] = [Role.SUPPORT] * len(roles[later])
    return roles

"""How the page tells things apart: colours, shapes and dashes, in one table the legend is drawn from.

Roles are told apart by colour *and* line, so that the difference survives a grey-scale print and
colour-blind readers: lead is a thick arrow from the department to the unit (the lead directs the
work), responsible a solid line, joint a dashed one, support a thin light one. Support is not
dotted: it is the commonest role, and dashed lines cost vis-network a separate stroke pattern per
edge (with 10,000 dotted support edges the first drawing took 2 s longer; see ``bench/``). Body colours follow the kinds of the
gazetteer (``ontology/departments.tsv``); collectives (领导小组成员单位, 各有关部门) also get a shape
of their own, since they are sets of bodies, not a bureau. Units are squares, targets and tasks in
two colours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .words import Term

# Canvas labels: fonts with Chinese glyphs first (else the browser's fallback may draw boxes).
FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


@dataclass(frozen=True)
class RoleStyle:
    role: str
    zh: str
    colour: str
    dashes: tuple[int, ...]  # canvas line dash pattern; () for a solid line
    width: float
    arrow: bool

    def label(self, lang: str = "zh") -> str:
        """lead 牵头, or lead in English."""
        return Term(self.role, self.zh).says(lang)


ROLE_STYLES = (
    RoleStyle("lead", "牵头", "#c0392b", (), 2.5, True),
    RoleStyle("responsible", "负责", "#1f6fb4", (), 2.0, False),
    RoleStyle("joint", "共同负责", "#7b3fa0", (8, 5), 2.0, False),
    RoleStyle("support", "配合", "#a3a3a3", (), 1.0, False),
)
ROLES = tuple(s.role for s in ROLE_STYLES)
ROLE = {s.role: s for s in ROLE_STYLES}


@dataclass(frozen=True)
class KindStyle:
    kind: str
    en: str
    zh: str
    colour: str
    shape: str  # a vis-network shape

    def label(self, lang: str = "zh") -> str:
        """government department 政府部门, or government department in English."""
        return Term(self.en, self.zh).says(lang)


# Body kinds of the gazetteer, then "other" for names it does not know.
BODY_KINDS = (
    KindStyle("government", "government department", "政府部门", "#4e79a7", "dot"),
    KindStyle("party", "party organ", "党委部门", "#e15759", "dot"),
    KindStyle("central-branch", "central agency's local branch", "垂直管理部门", "#76b7b2", "dot"),
    KindStyle("admin-committee", "administrative committee", "管委会", "#edc948", "dot"),
    KindStyle("coordination-body", "coordination body", "领导小组/联席会议", "#b07aa1", "dot"),
    KindStyle("mass-organization", "mass organisation", "群团组织", "#ff9da7", "dot"),
    KindStyle("judicial", "judicial organ", "司法机关", "#9c755f", "dot"),
    KindStyle("legislative", "legislature", "人大", "#bab0ac", "dot"),
    KindStyle("enterprise", "enterprise", "企业", "#59a14f", "dot"),
    KindStyle("other", "not in the gazetteer", "未收录", "#6b6b6b", "dot"),
)
COLLECTIVE = KindStyle("collective", "collective", "成员单位/有关部门", "#f28e2b", "triangle")
UNIT_KINDS = (
    KindStyle("target", "target", "工作目标", "#8cd17d", "square"),
    KindStyle("task", "task", "主要任务", "#a0cbe8", "square"),
)
_BODY = {k.kind: k for k in BODY_KINDS}
_UNIT = {k.kind: k for k in UNIT_KINDS}

OVERLOAD = "#b2182b"  # outline of a department above the overload fence
OVERLOAD_WIDTH = 4  # pixels of that outline (other nodes: 1)
TIE = "rgba(90,110,140,0.55)"  # coordination ties
DIM = "rgba(190,190,190,0.25)"  # nodes and edges outside a highlighted neighbourhood


def body_style(kind: str, collective: bool) -> KindStyle:
    """The style of a body: collectives first, then its gazetteer kind, "other" when unknown."""
    if collective:
        return COLLECTIVE
    return _BODY.get(kind, _BODY["other"])


def unit_style(kind: str) -> KindStyle:
    return _UNIT[kind]


def legend_kinds(body_kinds: set[str], collectives: bool, unit_kinds: set[str]) -> list[KindStyle]:
    """The node styles a page uses, in the legend's fixed order (unused kinds left out)."""
    shown = [k for k in BODY_KINDS if k.kind in body_kinds]
    if collectives:
        shown.append(COLLECTIVE)
    return shown + [k for k in UNIT_KINDS if k.kind in unit_kinds]


def scaled(value: float, top: float, smallest: float, largest: float) -> float:
    """A node size between ``smallest`` and ``largest`` whose *area* grows with ``value``.

    Area, not radius, is what the eye compares, so the radius goes with the square root.

    >>> scaled(0, 10, 8, 40), scaled(10, 10, 8, 40), scaled(2.5, 10, 8, 40)
    (8.0, 40.0, 24.0)
    """
    if top <= 0:
        return float(smallest)
    return round(smallest + (largest - smallest) * math.sqrt(max(value, 0) / top), 2)

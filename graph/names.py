"""Name lists: split the names a role word governs and expand what the list shares.

Plans save characters: 自治区发展改革委、商务厅 means 自治区发展改革委 and 自治区商务厅;
产业聚集区、技术开发区、出口加工区管委会 means three 管委会. This module turns the text of one role
group into :class:`NameRef` values whose ``surface`` is the expanded name, as the plan means it,
in the characters the plan uses, and whose ``written`` snippet is what the plan actually wrote.

The prefix a list shares is kept by an :class:`Expander` across the role groups of one clause:
由自治区质监局牵头，商务厅配合 means 自治区商务厅. A ``，`` starts a new prefix group
(…配合单位：自治区A、B，内蒙古C、D), and a name that carries its own jurisdiction or is a known
full name (呼和浩特海关, 人民银行呼和浩特中心支行, 财政部) neither takes nor changes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fold import fold
from .gazetteer import ORG_END, Gazetteer
from .snippet import Snippet

CONJUNCTIONS = re.compile(r"以及|及|和|与|/|／")
QUOTES = "“”‘’\"'《》「」"
# Heads a list can share: 产业聚集区、技术开发区管委会; 市财政、审计局.
SHARED_HEADS = ("管理委员会", "管委会", "人民政府", "政府", "党工委", "党委", "办事处")
SHARED_SUFFIXES = ("厅", "局", "委", "办")
# Names that never take a list's prefix: collectives of all (各有关部门), a stated level (省级有关部门),
# enterprises, universities and banks named in their own right (包钢集团, 内蒙古大学).
OWN_NAME = re.compile(r"^各|^(?:省|市|县|区|州|盟|旗)级|(?:公司|集团|大学|学院|银行|分行|支行)$")


@dataclass(frozen=True)
class NameRef:
    surface: str  # expanded name in the plan's own characters, whitespace removed
    written: Snippet  # the characters of the clause that name it

    @property
    def key(self) -> str:
        """The folded surface, for resolution against the gazetteer."""
        return fold(self.surface).replace(" ", "")


def _split_top(snip: Snippet, seps: str) -> list[Snippet]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(snip.folded):
        if ch in "（〔":
            depth += 1
        elif ch in "）〕":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in seps:
            parts.append(snip[start:i])
            start = i + 1
    parts.append(snip[start:])
    return parts


def _clean(snip: Snippet) -> Snippet:
    return snip.strip(" \t\n\u3000" + QUOTES + "，、；。：")


class Expander:
    """Splits and expands the name lists of one clause, in order."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.g = gazetteer
        self.prefix = ""  # the prefix (plan's characters) bare names of this clause take

    def split(self, names: Snippet) -> list[list[Snippet]]:
        """Prefix groups (split at ，；) of elements (split at 、 and at 及/和 between names)."""
        groups = []
        for group in _split_top(names, "，；"):
            elements: list[Snippet] = []
            for part in _split_top(group, "、"):
                elements.extend(self._split_conjunctions(_clean(part)))
            elements = [e for e in (_clean(e) for e in elements) if e]
            if elements:
                groups.append(elements)
        return groups

    def _split_conjunctions(self, part: Snippet) -> list[Snippet]:
        """Split at 及, 和, 与 only between two names: 发展和改革委员会 stays whole."""
        text = part.folded
        for m in CONJUNCTIONS.finditer(text):
            left, right = _clean(part[: m.start()]), _clean(part[m.end():])
            if len(right) >= 2 and len(left) >= 2 and self._is_name(left.compact_folded()):
                return [left, *self._split_conjunctions(right)]
        return [part]

    def _is_name(self, text: str) -> bool:
        return bool(ORG_END.search(text)) or self.g.is_known(text) or bool(self.g.kind_by_shape(text))

    def expand(self, names: Snippet) -> list[NameRef]:
        refs = []
        for group in self.split(names):
            surfaces = self._share_suffix(group)
            for element, surface in zip(group, surfaces):
                refs.append(NameRef(self._share_prefix(surface), element))
        return refs

    def _share_suffix(self, group: list[Snippet]) -> list[str]:
        surfaces = [e.compact() for e in group]
        last = fold(surfaces[-1])
        head = next((h for h in SHARED_HEADS if last.endswith(h) and len(last) > len(h)), "")
        single = next((s for s in SHARED_SUFFIXES if last.endswith(s)), "") if not head else ""
        if not head and not single:
            return surfaces
        shared = surfaces[-1][-len(head or single):]
        for i, surface in enumerate(surfaces[:-1]):
            key = fold(surface)
            if ORG_END.search(key) or self.g.is_known(key):  # already a whole name
                continue
            if head or self.g.is_known(key + single):
                surfaces[i] = surface + shared
        return surfaces

    def _share_prefix(self, surface: str) -> str:
        key = fold(surface)
        shape = self.g.shape(key)
        admin_committee = self.g.kind_by_shape(key) == "admin-committee" and shape.body_row is None
        if OWN_NAME.search(key) or admin_committee:  # 国有资产监督管理委员会 is a department, not a zone's
            return surface
        if shape.carries_jurisdiction:
            if shape.distributable:
                self.prefix = surface[: len(shape.prefix)]
            return surface
        return self.prefix + surface

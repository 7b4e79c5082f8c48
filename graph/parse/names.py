"""Name lists: split the names a role word governs and expand what the list shares.

Plans save characters: 自治区发展改革委、商务厅 means 自治区发展改革委 and 自治区商务厅;
产业聚集区、技术开发区、出口加工区管委会 means three 管委会; 嘉兴、湖州、绍兴市政府 means three city
governments. This module turns the text of one role group into :class:`NameRef` values whose
``surface`` is the expanded name, as the plan means it, in the characters the plan uses, and
whose ``written`` snippet is what the plan actually wrote.

The prefix a list shares is kept by an :class:`Expander` across the role groups of one clause:
由自治区质监局牵头，商务厅配合 means 自治区商务厅. A ``，`` starts a new prefix group
(…配合单位：自治区A、B，内蒙古C、D), and a name that carries its own place or level, or is a body
in its own right (呼和浩特海关, 立山经济开发区, 各街道, 团市委, 包钢集团), neither takes nor passes
on a prefix. Words after a name that are not part of it (等, 等相关部门) are dropped, and a
person's post (分管副市长) is never a department. The patterns are rows of
``ontology/name-patterns.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..resources import read_table
from .fold import fold
from .gazetteer import ORG_END, PLACE, Gazetteer
from .snippet import Snippet, cuts_outside_brackets

CONJUNCTIONS = re.compile(r"以及|及|和|与|/|／")
QUOTES = "“”‘’\"'《》「」"
_SPACE_RUN = re.compile(r"\s+")
# A reading aid some copying sites insert after characters: 區(qū)衛(wèi)生 (pinyin in brackets).
GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])（[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}）")
# An alias in brackets after a name: 区民政局（区委社会工委）.
ALIAS = re.compile(r"（[^（）]*）$")
# A list's members named as the members of a body: 区商务局等数字经济工作领导小组成员单位.
MEMBERS = re.compile(r"等(?=.{2,}(?:成员单位|成员部门)$)")
# Levels of government named in a row inside one collective: 各县、市、区政府, 各州、市人民政府.
_LEVELS = r"(?:自治区|自治州|自治县|自治旗|省|市|县|区|旗|乡|镇|州|盟|街道|地|县市区|县市|县区|市区)"
LEVEL_ONLY = re.compile(rf"{_LEVELS}(?:（[^）]*）)?(?:人民政府|政府|党委|党委和人民政府|管委会)?(?:（[^）]*）)?")
OWNER = re.compile(r"(?P<owner>[\u4e00-\u9fff]{2,8}?)各")
COLLECTIVE_OF_LEVELS = re.compile(rf"(?:各|相关|有关){_LEVELS}(?:（[^）]*）)?")


@dataclass(frozen=True)
class NamePatterns:
    tail: re.Pattern[str]
    post: re.Pattern[str]
    own: re.Pattern[str]
    heads: tuple[str, ...]  # heads a list can share: 产业聚集区、技术开发区管委会
    head_at_end: re.Pattern[str]  # the longest of them ending a name
    suffixes: tuple[str, ...]  # one-character heads: 市财政、审计局


@cache
def patterns() -> NamePatterns:
    rows: dict[str, list[str]] = {}
    for row in read_table("name-patterns.tsv"):
        rows.setdefault(row["kind"], []).append(row["pattern"])

    def either(kind: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in rows[kind]))

    by_length = sorted(rows["head"], key=len, reverse=True)
    heads = "|".join(re.escape(h) for h in by_length)
    return NamePatterns(either("tail"), either("post"), either("own"),
                        tuple(by_length), re.compile(f"(?:{heads})$"), tuple(rows["suffix"]))


@dataclass(frozen=True)
class NameRef:
    surface: str  # expanded name in the plan's own characters, whitespace removed
    written: Snippet  # the characters of the clause that name it
    person: bool = False  # a person's post (分管副市长): an official, not a department

    @property
    def key(self) -> str:
        """The folded surface, for resolution against the gazetteer."""
        return fold(self.surface).replace(" ", "")


def _split_top(snip: Snippet, seps: str) -> list[Snippet]:
    """``snip`` split at ``seps`` outside brackets (各县（市、区）政府 stays whole)."""
    cuts = cuts_outside_brackets(snip.folded, seps, "（〔<〈", "）〕>〉")
    return [snip[i:j] for i, j in zip([0, *(c + 1 for c in cuts)], [*cuts, len(snip)])]


def _clean(snip: Snippet) -> Snippet:
    return snip.strip(" \t\n\u3000" + QUOTES + "，、；。：")


def without_tail(snip: Snippet) -> Snippet:
    """A name without the words after it that are not part of it (区水务局等部门 → 区水务局).

    >>> without_tail(Snippet.of("银保监会等国务院相关部门", "银保监会等国务院相关部门", 0)).folded
    '银保监会'
    """
    if "等" not in snip.folded:
        return snip
    m = patterns().tail.search(snip.folded)
    if m and m.start() >= 2:
        return _clean(snip[: m.start()])
    return snip


class Expander:
    """Splits and expands the name lists of one clause, in order."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.g = gazetteer
        self.prefix = ""  # the prefix (plan's characters) bare names of this clause take
        self.owner = ""  # 省政府 of 省政府各部门: what a 各… name after it belongs to

    def split(self, names: Snippet) -> list[list[Snippet]]:
        """Prefix groups (split at ，；) of elements (split at 、, at a space between two names,
        and at 及/和 between names), each without its tail (等部门)."""
        groups = []
        for group in _split_top(names, "，；"):
            elements: list[Snippet] = []
            for part in _join_levels(group, _split_top(group, "、")):
                pieces = _members(part) if "等" in part.folded else None
                for piece in pieces or self._split_spaces(_clean(part)):
                    elements.extend(self._split_conjunctions(_clean(piece)))
            cleaned = []
            for e in elements:
                e = without_tail(_clean(_without_glosses(e)))
                if e:
                    cleaned.append(e)
            elements = cleaned
            if elements:
                groups.append(elements)
        return groups

    @staticmethod
    def _split_spaces(part: Snippet) -> list[Snippet]:
        """The reflow stage keeps a space only between two names (市发改委 市财政局)."""
        if " " not in part.folded:
            return [part]
        pieces, pos = [], 0
        for m in _SPACE_RUN.finditer(part.folded):
            i, j = m.span()
            if 0 < i and j < len(part) and not (part.folded[i - 1].isascii() and part.folded[j].isascii()):
                pieces.append(part[pos:i])
                pos = j
        pieces.append(part[pos:])
        return pieces

    def _split_conjunctions(self, part: Snippet) -> list[Snippet]:
        """Split at 及, 和, 与 only between two names: 发展和改革委员会 stays whole."""
        text = part.folded
        if not CONJUNCTIONS.search(text):
            return [part]
        for m in CONJUNCTIONS.finditer(text):
            left, right = _clean(part[: m.start()]), _clean(part[m.end():])
            if len(right) >= 2 and len(left) >= 2 and self._is_name(left.compact_folded()) \
                    and not self._is_shared_head(right.compact_folded()):
                return [left, *self._split_conjunctions(right)]
        return [part]

    def _is_name(self, text: str) -> bool:
        return bool(ORG_END.search(text)) or self.g.is_known(text) or bool(self.g.kind_by_shape(text))

    @staticmethod
    def _is_shared_head(text: str) -> bool:
        """管委会 in 党工委和管委会: the second half of one head, not a name of its own."""
        return text in patterns().heads

    def expand(self, names: Snippet) -> list[NameRef]:
        """The names of a list, each completed with the prefix and ends it shares.

        What a list expands to depends on its text and on the prefix and owner the clause has
        reached (``省发改委、财政厅``: 财政厅 takes 省); each distinct list is expanded once, and its
        names moved onto each place it occurs.
        """
        refs, self.prefix, self.owner = _expanded(self.g, names.folded, names.raw, self.prefix, self.owner)
        return [NameRef(r.surface, r.written.rebase(names), r.person) for r in refs]

    def _expand(self, names: Snippet) -> list[NameRef]:
        refs = []
        for group in self.split(names):
            surfaces = self._share_suffix(group)
            for element, surface in zip(group, surfaces):
                if is_post(fold(surface)):
                    refs.append(NameRef(surface, element, person=True))
                    continue
                refs.append(NameRef(self._share_prefix(surface), element))
        return refs

    def _share_suffix(self, group: list[Snippet]) -> list[str]:
        """The names of a prefix group with the ends they share written once, after the last of
        a run: 产业聚集区、技术开发区管委会; 市财政、审计局; 嘉兴、湖州、绍兴市政府; 银川市、石嘴山市
        人民政府、某管委会 (the run is the names just before the one that carries the end)."""
        surfaces = [e.compact() for e in group]
        if len(surfaces) < 2:
            return surfaces
        out = list(surfaces)
        run: list[int] = []  # names before this one that are not whole names yet
        for i, surface in enumerate(surfaces):
            key = ALIAS.sub("", fold(surface))
            end = self._shared_end(key, surface) if run else None
            if end is not None:
                for k in run:
                    out[k] = self._complete(surfaces[k], end)
            # 内蒙古大学 takes no 管委会 from the name after it; a zone (产业聚集区) does
            whole = bool(ORG_END.search(key)) or self.g.is_known(key) or bool(patterns().own.search(key))
            run = [] if whole else [*run, i]
        return out

    def _shared_end(self, key: str, surface: str) -> tuple[str, str, str] | None:
        """What a name can share with the names before it: (kind, end, level), kind being
        place (绍兴市 + 政府), head (管委会) or suffix (局)."""
        pat = patterns()
        m = PLACE.match(key)
        if m is not None and m.end() < len(key) and m.end() >= 3:
            rest = key[m.end():]
            if rest in pat.heads or ORG_END.search(rest) or self.g.is_known(rest):
                return ("place", surface[m.end():], surface[m.end() - 1: m.end()])
        h = pat.head_at_end.search(key)
        if h and h.start() > 0:
            return ("head", surface[h.start():], "")
        if key[-1:] in pat.suffixes:
            return ("suffix", surface[-1:], "")
        return None

    def _complete(self, surface: str, end: tuple[str, str, str]) -> str:
        kind, text, level = end
        key = ALIAS.sub("", fold(surface))
        if kind == "place":
            if PLACE.fullmatch(key):
                return surface + text
            if fold(text) in patterns().heads and 2 <= len(key) <= 4 and not self._is_name(key):
                return surface + level + text  # 嘉兴 + 市 + 政府
            return surface + text if fold(text) in patterns().heads else surface
        if kind == "head" or self.g.is_known(key + fold(text)):
            return surface + text
        return surface

    def _share_prefix(self, surface: str) -> str:
        key = fold(surface)
        facts = _facts(self.g, key)
        owner, self.owner = self.owner, ""
        if facts.owner:
            self.owner = surface[: facts.owner]
        elif key.startswith("各") and owner:  # 省政府各部门、各直属机构 → 省政府各直属机构
            self.owner = owner
            return owner + surface
        if facts.names_place:
            self.prefix = ""  # 立山经济开发区，各街道，税务局: the list's prefix ends here
            return surface
        if facts.own:
            return surface
        if facts.prefix is not None:
            if facts.prefix:
                self.prefix = surface[: facts.prefix]
            return surface
        return self.prefix + surface


@lru_cache(maxsize=1 << 12)
def _expanded(g: Gazetteer, folded: str, raw: str, prefix: str, owner: str) -> tuple[tuple[NameRef, ...], str, str]:
    """:meth:`Expander.expand` of a list at offset 0, from a prefix and owner: its names, and the
    prefix and owner after it."""
    expander = Expander(g)
    expander.prefix, expander.owner = prefix, owner
    refs = tuple(expander._expand(Snippet.of(raw, folded, 0)))
    return refs, expander.prefix, expander.owner


@dataclass(frozen=True)
class _Facts:
    """What a name says about the list prefix around it (worked out once per name)."""

    owner: int  # length of the body a 各… name after it belongs to (省政府 in 省政府各部门), or 0
    names_place: bool  # it names its own place (立山经济开发区, 凤城镇): ends the list's prefix
    own: bool  # it takes no prefix (各街道, 包钢集团, a zone's 管委会, a collective)
    prefix: int | None  # it carries its own jurisdiction: the length of the prefix it passes on


@lru_cache(maxsize=1 << 14)
def _facts(g: Gazetteer, key: str) -> _Facts:
    m = OWNER.match(key)
    owner = len(m["owner"]) if m and (ORG_END.search(m["owner"]) or g.is_known(m["owner"])) else 0
    shape = g.shape(ALIAS.sub("", key))
    if g.names_own_place(key) or _names_a_place(key, shape.prefix):
        return _Facts(owner, True, False, None)
    kind = g.kind_by_shape(key)
    admin_committee = kind == "admin-committee" and shape.body_row is None  # 国资委 has a row
    if patterns().own.search(key) or admin_committee or kind == "collective":
        return _Facts(owner, False, True, None)
    if shape.carries_jurisdiction:
        return _Facts(owner, False, False, len(shape.prefix) if shape.distributable else 0)
    return _Facts(owner, False, False, None)


@lru_cache(maxsize=1 << 14)
def is_post(key: str) -> bool:
    """A person's post (分管副市长, 秘书长), never a department."""
    return bool(patterns().post.search(key))


def _without_glosses(snip: Snippet) -> Snippet:
    """區(qū)農業農村局 → 區農業農村局: a pinyin gloss is not part of a name."""
    if "（" not in snip.folded:
        return snip
    cuts = [m.span() for m in GLOSS.finditer(snip.folded)]
    if not cuts:
        return snip
    pieces, pos = [], 0
    for i, j in cuts:
        pieces.append(snip[pos:i])
        pos = j
    pieces.append(snip[pos:])
    return Snippet.join(pieces)


def _members(part: Snippet) -> list[Snippet] | None:
    """区商务局等数字经济工作领导小组成员单位 → 区商务局, 数字经济工作领导小组成员单位 (None
    when the part is not such a list)."""
    m = MEMBERS.search(part.folded)
    return [part[: m.start()], part[m.end():]] if m else None


def _join_levels(group: Snippet, parts: list[Snippet]) -> list[Snippet]:
    """各县、市、区政府 is one collective (all county, city and district governments), not three
    names: a 各 + level part and the bare levels after it are joined back into one name."""
    if "各" not in group.folded and "关" not in group.folded:  # 各县、市、区政府; 相关市、县政府
        return parts
    out: list[Snippet] = []
    first: Snippet | None = None
    last: Snippet | None = None
    for part in parts:
        text = _clean(part).compact_folded()
        if first is not None and LEVEL_ONLY.fullmatch(text):
            last = part
            continue
        if first is not None:
            out.append(_between(group, first, last))
            first = last = None
        if COLLECTIVE_OF_LEVELS.fullmatch(text):
            first = last = part
        else:
            out.append(part)
    if first is not None:
        out.append(_between(group, first, last))
    return out


def _between(group: Snippet, first: Snippet, last: Snippet) -> Snippet:
    """The part of ``group`` from the start of ``first`` to the end of ``last``."""
    if first is last:
        return first
    return group[group.index(first.offset(0)): group.index(last.offset(len(last) - 1)) + 1]


def _names_a_place(key: str, prefix: str) -> bool:
    """凤城镇, 黄埔区政府: a name that starts with a named place (not a bare level word)."""
    m = PLACE.match(key)
    return m is not None and not prefix and m.end() >= 3

"""Department names: how a written name splits into jurisdiction and body, and what it resolves to.

A plan names a department as *jurisdiction + body* (自治区 + 质监局, 呼和浩特市 + 财政局), as a
body alone that takes the jurisdiction of the list it stands in (商务厅 after 自治区发展改革委、),
or as a name that carries its own place (呼和浩特海关, 人民银行呼和浩特中心支行). The gazetteer
(``ontology/departments.tsv``) knows the bodies and their aliases, ``local-names.tsv`` the bodies a
place names its own way; the places themselves are :mod:`.places`'. Nothing here is specific to
one province: a plan of 浙江省 resolves 省发改委 by the same rules, keyed by its own jurisdiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from . import english
from .fold import fold
from .official import fill, zone_committee
from .places import LEVEL_WORDS, NATIONAL_WORDS, PLACE, Places, is_named
from ..model import Department, Jurisdiction
from ..resources import read_table

# Words that start with a level character but are not jurisdictions (市场监管局 is not 市 + 场监管局).
NOT_A_PREFIX = re.compile(r"^(?:市场|市政|市容|区域|县域|省级|市级|县级|区级|州级|旗县|盟市)")
# The last characters of an organisation's name; a list element without one is not a name yet.
ORG_END = re.compile(
    r"(?:[厅局委办部会院署行处室站所社校馆队组司心府位门构团关联]|军区|企业|集团|政府)$"
)
# 省委, 市委宣传部: a level word and 委 stand for that level's Party committee (党委).
PARTY_COMMITTEE = re.compile(r"^(?P<level>自治区|省|市|县|区|州|盟|旗)委(?!员)(?P<rest>.*)$")
_PLACE_SLOT = "{place}"
_BODY_KEY_TAIL = (("委员会", "委"), ("办公室", "办"))


def body_key(name: str) -> str:
    """The lookup key of a body name: variants that differ only in 和 or in the abbreviation of
    委员会 / 办公室 at the end share a key (发展和改革委员会 = 发展改革委)."""
    key = fold(name).replace("和", "").replace(" ", "")
    for long, short in _BODY_KEY_TAIL:
        if key.endswith(long):
            key = key[: -len(long)] + short
    return key


@dataclass(frozen=True)
class Body:
    """A row of the gazetteer."""

    id: str
    name: str
    kind: str
    levels: frozenset[str]
    en: str
    pattern: re.Pattern[str] | None = None  # for names that embed their place: {place}海关
    en_national: str = ""  # the English name of the national body of this kind (全国总工会)
    form: str = ""  # its official full name, when not jurisdiction + name (see .official)
    since: str = ""  # the dates (ISO) between which the body bore this name; empty: always
    until: str = ""
    source: str = ""  # a document or page that uses the name, for a form that is not regular

    def valid_at(self, date: str) -> bool:
        """Whether the body bore this name on ``date`` (a plan's date; always true without one)."""
        return not date or ((not self.since or date >= self.since) and (not self.until or date < self.until))

    @property
    def en_kind(self) -> str:
        """The English name of the kind of body, without any jurisdiction (Customs, CPC Committee)."""
        return english.without_place(self.en)

    @property
    def national_only(self) -> bool:
        return self.levels == {"national"}


@dataclass(frozen=True)
class Shape:
    """How a written name splits: ``prefix`` + ``body``.

    ``body_row`` is the gazetteer row the body matched (None when unknown); ``place`` the place a
    self-naming body embeds (呼和浩特 in 呼和浩特海关).
    """

    prefix: str
    body: str
    body_row: Body | None
    place: str = ""

    @property
    def distributable(self) -> bool:
        """Whether this name's prefix carries over to the bare names after it in a list."""
        return bool(self.prefix) and not self.prefix.startswith(NATIONAL_WORDS)

    @property
    def carries_jurisdiction(self) -> bool:
        """A name that needs no prefix from its list: it has one, embeds a place, or is national."""
        if self.prefix or self.place:
            return True
        return self.body_row is not None and self.body_row.national_only


def _body(row: dict[str, str], levels: frozenset[str], pattern: re.Pattern[str] | None) -> Body:
    return Body(row["id"], row["name"], row["kind"], levels, row["en"], pattern, row.get("en_national", ""),
                row.get("form", ""), row.get("from", ""), row.get("until", ""), row.get("source", ""))


class Gazetteer(Places):
    """The department gazetteer, loaded from ``ontology/``; use :func:`gazetteer`."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: dict[str, list[Body]] = {}
        # the rows a name is written as exactly: of 政务服务数据管理局 and 政务服务和数据管理局, which
        # share a lookup key, each is its own body
        self.written: dict[str, set[str]] = {}
        self.patterns: list[Body] = []
        for row in read_table("departments.tsv"):
            levels = frozenset(row["level"].split("|"))
            names = [row["name"], *filter(None, row["aliases"].split("|"))]
            if _PLACE_SLOT in row["name"]:
                for name in names:
                    head, tail = (re.escape(fold(part)) for part in name.split(_PLACE_SLOT))
                    regex = re.compile(rf"^{head}(?P<place>[\u4e00-\u9fff]{{2,8}}?){tail}$")
                    self.patterns.append(_body(row, levels, regex))
                continue
            body = _body(row, levels, None)
            for name in names:
                rows = self.bodies.setdefault(body_key(name), [])
                if body not in rows:
                    rows.append(body)
                self.written.setdefault(fold(name), set()).add(body.id)
        self.local: dict[tuple[str, str], list[Body]] = {}  # (浙江省, 大数据局): its own name there
        for row in read_table("local-names.tsv"):
            body = _body(row, frozenset(row["level"].split("|")), None)
            for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
                self.local.setdefault((row["place"], body_key(name)), []).append(body)
        self.kinds = [(re.compile(r["pattern"]), r["kind"], r["en"]) for r in read_table("name-kinds.tsv")]
        self.own_places = re.compile("|".join(
            f"(?:{r['pattern']})" for r in read_table("name-patterns.tsv") if r["kind"] == "place"))

    # -- bodies -------------------------------------------------------------------------------

    def body(self, name: str, level: str = "", date: str = "") -> Body | None:
        """The gazetteer row of a body name (no jurisdiction), preferring one used at ``level``
        and, of a name borne by different bodies over time (国税局), the one of ``date``."""
        rows = self.bodies.get(body_key(name))
        if not rows:
            return None
        exact = self.written.get(fold(name).replace(" ", ""), set())
        rows = [row for row in rows if row.id in exact] or rows
        if date:
            rows = [row for row in rows if row.valid_at(date)] or rows
        if level:
            for row in rows:
                if level in row.levels:
                    return row
        for row in rows:  # a bare alias (发展改革委) names a local body unless the plan is national
            if not row.national_only:
                return row
        return rows[0]

    def local_body(self, name: str, where: Jurisdiction | None, date: str = "") -> Body | None:
        """The row of a body that bears its own name in ``where`` (local-names.tsv), at ``date``."""
        rows = self.local.get((where.name, body_key(name)), []) if where is not None else []
        return next((row for row in rows if row.valid_at(date)), None)

    def is_known(self, name: str) -> bool:
        return self.shape(name).body_row is not None

    def names_own_place(self, name: str) -> bool:
        """A body named by its own place (凤城镇, 锦城街道, 立山经济开发区, 沈阳铁路局): name-patterns.tsv."""
        return bool(self.own_places.search(name))

    def kind_by_shape(self, name: str) -> str:
        for regex, kind, _ in self.kinds:
            if regex.search(name):
                return kind
        return ""

    def kind_en(self, kind: str) -> str:
        """The English label of a kind of name (name-kinds.tsv): "member units", "Administrative Committee"."""
        return next((en for _, k, en in self.kinds if k == kind), "")

    def looks_like_org(self, name: str) -> bool:
        """Whether a string is shaped like the name of a body (ends like one, or is known)."""
        name = fold(name).replace(" ", "")
        return len(name) >= 2 and bool(
            ORG_END.search(name) or self.names_own_place(name) or self.kind_by_shape(name) or self.shape(name).body_row
        )

    # -- splitting ----------------------------------------------------------------------------

    def _self_named(self, name: str) -> Shape | None:
        for row in self.patterns:
            m = row.pattern.match(name) if row.pattern else None
            if m and not m["place"].startswith(LEVEL_WORDS):
                return Shape("", name, row, m["place"])
        return None

    def _branch_of_a_place(self, name: str) -> Shape | None:
        """宁波证监局, 湖北保监局: a central agency's branch named after a place written without its
        level. The place is embedded (like 呼和浩特 in 呼和浩特海关): the name takes no list prefix."""
        for k in (2, 3, 4):
            place, rest = name[:k], name[k:]
            if len(rest) < 2 or place.startswith(LEVEL_WORDS) or place.startswith(NATIONAL_WORDS):
                continue
            row = self.body(rest)
            if row is not None and row.kind == "central-branch" and not self.is_known(place):
                return Shape("", name, row, place)
        return None

    def _prefixes(self, name: str) -> list[str]:
        """Candidate jurisdiction prefixes at the start of ``name``, longest first."""
        found: list[str] = []
        m = self.province_pattern.match(name)
        while m:  # every province name the text starts with (内蒙古自治区 and 内蒙古)
            found.append(m.group())
            m = self.province_pattern.match(name[: len(m.group()) - 1]) if len(m.group()) > 1 else None
        m = PLACE.match(name)
        if m:
            found.append(m.group())
        for word in (*LEVEL_WORDS, *NATIONAL_WORDS):
            if name.startswith(word):
                found.append(word)
        return sorted(set(found), key=len, reverse=True)

    @lru_cache(maxsize=65536)
    def shape(self, name: str) -> Shape:
        """Split a (folded, space-free) name into jurisdiction prefix and body.

        >>> g = gazetteer()
        >>> s = g.shape("自治区发展改革委"); (s.prefix, s.body, s.body_row.id)
        ('自治区', '发展改革委', 'drc')
        >>> s = g.shape("呼和浩特海关"); (s.prefix, s.place, s.body_row.id)
        ('', '呼和浩特', 'customs')
        >>> g.shape("市场监管局").prefix
        ''
        """
        whole = self.body(name)
        if whole is not None:
            return Shape("", name, whole)
        own = self._self_named(name)
        if own is not None:
            return own
        party = PARTY_COMMITTEE.match(name)  # 省委宣传部 = 省 + 党委宣传部; 市委改革办 = 市 + a Party office
        if party:
            for body in ("党委" + party["rest"], party["rest"]):
                row = self.body(body)
                if row is not None and row.kind == "party":
                    return Shape(party["level"], body, row)
        candidates = self._prefixes(name)
        for prefix in candidates:  # a prefix followed by a known body (possibly itself prefixed)
            rest = name[len(prefix):]
            if len(rest) < 2:
                continue
            inner = self.shape(rest)
            if inner.body_row is not None and not inner.place:
                return Shape(prefix + inner.prefix, inner.body, inner.body_row)
        branch = self._branch_of_a_place(name)
        if branch is not None:
            return branch
        if NOT_A_PREFIX.match(name):  # 市场服务中心 is not 市 + 场服务中心 (but 市政法委 is 市 + 政法委)
            return Shape("", name, None)
        for prefix in candidates:  # a prefix followed by something shaped like an organisation
            if prefix.endswith("区") and prefix not in LEVEL_WORDS and prefix not in self.provinces:
                continue  # 质量强区, 开发区: a 区 before an unknown body is rarely a jurisdiction
            rest = name[len(prefix):]
            if len(rest) >= 2 and (ORG_END.search(rest) or self.kind_by_shape(rest)):
                return Shape(prefix, rest, None)
        return Shape("", name, None)

    # -- resolution ---------------------------------------------------------------------------

    def resolve(self, surface: str, home: Jurisdiction | None, date: str = "") -> Department:
        """The department a surface name denotes in a plan issued by ``home`` on ``date``."""
        return _resolve(self, fold(surface).replace(" ", ""), home, date)


@lru_cache(maxsize=65536)
def _resolve(g: Gazetteer, name: str, home: Jurisdiction | None, date: str) -> Department:
    dept = _compose(g, name, home, date)
    row = g.body(dept.body) if dept.body_id else None
    return replace(dept, body_en=row.en_kind) if row is not None and row.en else dept


def _compose(g: Gazetteer, name: str, home: Jurisdiction | None, date: str) -> Department:
    shape = g.shape(name)
    row = shape.body_row
    if row is not None and g.kind_by_shape(name) == "collective":  # 各盟市人民政府: all of them
        row = None
    if shape.place and row is not None:  # self-named: 呼和浩特海关, 宁波证监局
        canonical = row.name.replace(_PLACE_SLOT, shape.place) if _PLACE_SLOT in row.name else shape.place + row.name
        if row.form:
            canonical = fill(row.form.replace(_PLACE_SLOT, shape.place), Jurisdiction(shape.place, "unknown"))
        en = english.department_en(row.en, home, place=english.place_en(shape.place, embedded=True))
        how = "its official form, with the place it names" if row.form else "the name as written, with its own place"
        return Department(canonical, canonical, row.kind, home, row.id, en, name_source=_source(row, how))
    jurisdiction = g.jurisdiction_of(shape.prefix, home)
    local = g.local_body(shape.body, jurisdiction, date)  # 浙江省 + 大数据局: 浙江省大数据发展管理局
    if row is None and local is None:
        kind = g.kind_by_shape(name) or g.kind_by_shape(shape.body) or "other"
        en = english.shape_en(shape.body, g.kind_en(kind), jurisdiction) if kind != "other" else ""
        zone = zone_committee(shape.body) if kind == "admin-committee" and not shape.prefix else None
        if zone is not None:  # 滁州经开区管委会: named by its zone, not by the plan's jurisdiction
            return Department(zone, shape.body, kind, jurisdiction, "", en,
                              name_source="composed: a zone committee by its zone's name (zone-words.tsv)")
        return Department(_where(jurisdiction, shape, shape.body) + shape.body, shape.body, kind, jurisdiction, "", en,
                          name_source="as written: a collective" if kind == "collective" else
                          "as written: no gazetteer row")
    row = local or g.body(shape.body, _home_level(jurisdiction), date) or row
    if row.national_only:
        national = g.provinces["国家"]
        return Department(row.form or row.name, row.name, row.kind, national, row.id, row.en,
                          name_source=_source(row, "the national body"))
    en = english.department_en(row.en, jurisdiction, national_en=row.en_national)
    if row.form and jurisdiction is not None and is_named(jurisdiction) and jurisdiction.level != "national":
        return Department(fill(row.form, jurisdiction), row.name, row.kind, jurisdiction, row.id, en,
                          name_source=_source(row, "its official form"))
    return Department(_where(jurisdiction, shape, row.name) + row.name, row.name, row.kind, jurisdiction, row.id, en,
                      name_source=_source(row, "jurisdiction + body" if jurisdiction is not None and is_named(jurisdiction)
                                          else "the prefix as written + body (the plan names no jurisdiction)"))


def _where(jurisdiction: Jurisdiction | None, shape: Shape, body: str) -> str:
    """The jurisdiction part of a composed name: the jurisdiction's name, or for the State the word
    the plan uses (全国总工会, 中央网信办, 国家…)."""
    where = jurisdiction.name if jurisdiction is not None else ""
    if where == "国家":
        where = "" if body.startswith(NATIONAL_WORDS) else shape.prefix if shape.prefix in NATIONAL_WORDS else "国家"
    return where


def _source(row: Body, how: str) -> str:
    """Where a canonical name comes from, as ``fengong query departments`` shows it."""
    return f"gazetteer {row.id}, {how}" + (f"; source: {row.source}" if row.source else "")


def _home_level(j: Jurisdiction | None) -> str:
    if j is None:
        return ""
    return {
        "national": "national", "province": "province", "autonomous-region": "province",
        "municipality": "province", "special-administrative-region": "province",
        "city": "city", "county": "county", "township": "county",
    }.get(j.level, "")


@cache
def gazetteer() -> Gazetteer:
    """The shared, read-only gazetteer (loaded once per process)."""
    return Gazetteer()

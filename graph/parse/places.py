"""Places: what a written prefix means as a jurisdiction, in the plan that writes it.

A plan names its departments' places as a level (自治区, 市: the plan's own, or the one above it),
as a province (内蒙古, 浙江省), or as a city or county (呼和浩特市, 吴江区), the last looked up by name
in the GB/T 2260 list (:mod:`.divisions`) inside the plan's own area, so that a district carries its
city (苏州市吴江区). Bodies are the gazetteer's business (:mod:`.gazetteer`); this module knows
only places, and the gazetteer builds on it.
"""

from __future__ import annotations

import re

from . import english
from .divisions import Division, divisions
from ..model import Jurisdiction
from ..resources import read_table

# Prefixes that stand for a level of government rather than a named place. They take their
# meaning from the document: 自治区 in an Inner Mongolia plan is 内蒙古自治区.
LEVEL_WORDS = ("自治区", "自治州", "自治县", "自治旗", "省", "市", "县", "区", "旗", "盟", "州", "镇", "乡")
# National prefixes name the State, not a jurisdiction a list can share (国家发展改革委、财政部).
NATIONAL_WORDS = ("国务院", "国家", "中央", "全国", "中国")
LEVEL_OF_WORD = {
    "自治区": "province", "省": "province", "自治州": "city", "州": "city", "盟": "city", "市": "city",
    "县": "county", "区": "county", "旗": "county", "自治县": "county", "自治旗": "county",
    "镇": "township", "乡": "township",
}
# A named place ends with its level: 呼和浩特市, 鄂尔多斯市, 东胜区, 土默特左旗, 锡林郭勒盟.
PLACE = re.compile(r"^[\u4e00-\u9fff]{2,7}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|市|县|区|旗|盟|州)")


class Places:
    """The provinces (jurisdictions.tsv) and the cities and counties (divisions.tsv) by name and code."""

    def __init__(self) -> None:
        self.provinces: dict[str, Jurisdiction] = {}
        self.doc_codes: dict[str, Jurisdiction] = {}  # 豫政 → 河南省: how a province numbers its documents
        self.by_code: dict[str, Jurisdiction] = {}  # 320000 → 江苏省: the province a place's code names
        self.divisions = divisions()
        for r in read_table("jurisdictions.tsv"):
            j = Jurisdiction(r["name"], r["level"], r["en"], r["code"])
            self.by_code[j.code] = j
            for name in [r["name"], *filter(None, r["short"].split("|"))]:
                self.provinces[name] = j
            for code in filter(None, r.get("doc_codes", "").split("|")):
                self.doc_codes[code] = j
        self._province_names = sorted(self.provinces, key=len, reverse=True)
        # every province name, longest first: 内蒙古自治区 matches before 内蒙古
        self.province_pattern = re.compile("|".join(map(re.escape, self._province_names)))

    def province_at(self, text: str) -> str:
        """The province name ``text`` starts with, longest first (内蒙古自治区 before 内蒙古); ''
        when none (the national words 国家, 中央, 全国 are not provinces)."""
        m = self.province_pattern.match(text)
        return m.group() if m and m.group() not in NATIONAL_WORDS else ""

    def jurisdiction_of(self, prefix: str, home: Jurisdiction | None) -> Jurisdiction | None:
        """What a written prefix means in a plan issued by ``home``.

        >>> from fengong.parse.gazetteer import gazetteer
        >>> g = gazetteer()
        >>> wujiang = g.jurisdiction_of("苏州市吴江区", None); wujiang.name, wujiang.code
        ('苏州市吴江区', '320509')
        >>> g.jurisdiction_of("市", wujiang).name, g.jurisdiction_of("省", wujiang).name
        ('苏州市', '江苏省')
        """
        if not prefix:
            return home
        if prefix in self.provinces:
            return self.provinces[prefix]
        for word in NATIONAL_WORDS:
            if prefix == word:
                return self.provinces["国家"]
        m = self.province_pattern.match(prefix)  # 内蒙古自治区呼和浩特市: the innermost place counts
        if m and len(prefix) > m.end():
            return self.jurisdiction_of(prefix[m.end():], self.provinces[m.group()])
        if prefix in LEVEL_OF_WORD:
            level = LEVEL_OF_WORD[prefix]
            if home is not None and (_same_level(level, home.level) or home.name.endswith(prefix)):
                return home  # 市 in a plan of 青州市 (a county-level city) is 青州市 itself
            return self._above(level, home) or Jurisdiction(prefix, level)
        m = PLACE.match(prefix)
        if m and m.group() == prefix:
            return self.place(prefix, home)
        if m and PLACE.match(prefix[m.end():]):  # 苏州市吴江区: a city, then a place within it
            return self.jurisdiction_of(prefix[m.end():], self.place(m.group(), home))
        return Jurisdiction(prefix, "unknown")

    def place(self, name: str, home: Jurisdiction | None) -> Jurisdiction:
        """A named city or county, looked up (divisions.tsv) inside the plan's own area first: 南沙区
        in a 广州市 plan is 广州市南沙区; a name the list does not settle is kept as written."""
        division = self._division(name, home)
        if division is None:
            rest = "市" if name.endswith("市") else name[-1]
            return Jurisdiction(name, LEVEL_OF_WORD.get(rest, "city"), english.place_en(name))
        return self._of_division(division)

    def _division(self, name: str, home: Jurisdiction | None) -> Division | None:
        code = home.code if home is not None and home.level != "national" else ""
        if not code:
            return self.divisions.find(name)
        areas = dict.fromkeys((code, code[:4] + "00", code[:2] + "0000"))
        return next(filter(None, (self.divisions.find(name, within) for within in areas)), None)

    def _of_division(self, division: Division) -> Jurisdiction:
        province = self.by_code.get(division.province_code)
        municipality = province.name if province is not None and province.level == "municipality" else ""
        return Jurisdiction(self.divisions.full_name(division, municipality), "city" if division.is_city else "county",
                            english.place_en(division.name), division.code)

    def _above(self, level: str, home: Jurisdiction | None) -> Jurisdiction | None:
        """A level word above the plan's own: 市 in a district plan is its city, 省 in a city plan its
        province (by the plan's code); None when the plan's place is not known."""
        division = self.divisions.by_code.get(home.code) if home is not None and home.code else None
        if division is None:
            return None
        if level == "province":
            return self.by_code.get(division.province_code)
        if level == "city" and not division.is_city:
            city = self.divisions.parent(division)
            province = self.by_code.get(division.province_code)
            if city is not None:
                return self._of_division(city)
            return province if province is not None and province.level == "municipality" else None
        return None


def _same_level(word_level: str, home_level: str) -> bool:
    provincial = {"province", "autonomous-region", "municipality", "special-administrative-region"}
    if word_level == "province":
        return home_level in provincial
    if word_level == "city":
        return home_level in {"city", "municipality"}
    return word_level == home_level


def is_named(j: Jurisdiction) -> bool:
    """A jurisdiction with a name (河南省), not a level the plan left unnamed (省) or a guess."""
    return j.name not in LEVEL_OF_WORD and j.level != "unknown"

"""Document metadata from the preamble of a plan: title, date, issuer, addressees, parent policy.

A plan usually arrives inside its covering notice: an addressee line (各盟行政公署、市人民政府，…：),
a sentence that issues it (现将《…》印发给你们), a date, then the plan's own title and a preamble that
names the policy it implements (《关于质量强区的决定》（以下简称《决定》）). The addressees are
kept as addressees: they are never turned into assignments.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .fold import fold
from .gazetteer import Gazetteer
from .places import PLACE, is_named
from .numbering import cn_number
from .reflow import DATE_LINE, TERMINAL, Para
from ..model import Jurisdiction, Policy

ISSUED = re.compile(r"(?:现将|印发|下发|转发)《([^》]{4,120})》")
NOTICE_TITLE = re.compile(r"关于印发《?(.{4,100}?)》?的通知$")
TITLE_END = re.compile(r"(?:方案|分工|意见|通知|计划|安排|清单|措施|要点|任务|任务书|规划|办法)$")
SHORT_NAME = re.compile(r"《([^》]{2,80})》\s*[（(]\s*以下简称\s*[《“\"]([^》”\"]{1,30})[》”\"]\s*[）)]")
IMPLEMENTS = re.compile(r"(?:贯彻|落实|贯彻落实|实施|执行)《([^》]{2,80})》")
ADDRESSEE_WORDS = re.compile(r"各|人民政府|政府|厅|局|委|办|单位|部门|公署")
LEVEL_ISSUER = re.compile(r"经?(自治区|省|市|县|区|旗|州|盟)(?:人民)?政府同意|(自治区|省|市|县|区|旗|州|盟)(?:人民)?政府(?:办公厅|办公室)?(?:关于|印发)")
NATIONAL_ISSUER = re.compile(r"国务院")
# A named government before 人民政府 (its issuer, its signature): up to 16 characters of places.
ISSUER = re.compile(r"(?P<head>[\u4e00-\u9fff]{2,16}?)人民政府")
# A document number: 豫政〔2023〕5号, 粤府办〔2021〕3号; the code names the province (jurisdictions.tsv).
DOC_CODE = re.compile(r"(?P<code>[\u4e00-\u9fff]{2})[\u4e00-\u9fff]{0,3}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]")
# What a place name never holds: a level word first (县市区), 各, or words of prose (县级市, 直辖市, 报区).
NOT_A_PLACE = re.compile(r"^(?:各|年|[省市县区旗州盟])|[级辖报案作工的各是对城民靠依在和与及]")
# Addressees only a local government writes to: its own departments (省政府各厅委, 市直各部门).
LOCAL_ADDRESSEES = re.compile(r"(?P<level>省|自治区|市|县|区)(?:政府|直)各|各(?P<below>市|县|区)、?(?:县|区)?人民政府")
ABOVE = {"市": "省", "县": "市", "区": "市"}  # who writes to 各市人民政府: a province; to 各区、县: a city
# What follows 市 where it is not a city's level: 市民 (citizens), 市场 (market), 市容.
NOT_AFTER_A_PLACE = ("民", "场", "容")
# What follows a city's name where the text speaks of it as a government (咸宁市人民政府, 咸宁市《政府工作报告》).
GOVERNMENT_WORDS = ("人民政府", "政府", "委员会", "党委", "市委", "《", "“")
# A title's leading year: 2022年六盘水市促进居民增收实施计划.
LEADING_YEAR = re.compile(r"^(?:19|20)\d{2}年(?:度)?")
# The place a plan says it is adapting a policy to: 结合淮安实际, 结合我省实际 (a place's name
# without its level, looked up among the cities).
OWN_PLACE = re.compile(r"结合(?P<place>[\u4e00-\u9fff]{2,5}?)(?:市|县|区)?(?:的)?实际")
# A city named in running text: 咸宁市, 六盘水市 (2 to 5 characters before 市).
CITY = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=[年省]))(?!年)[\u4e00-\u9fff]{2,5}?市(?![民场容])")


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    date: str = ""
    jurisdiction: Jurisdiction | None = None
    addressees: tuple[str, ...] = ()
    implements: Policy | None = None


def iso_date(text: str) -> str:
    """2016年8月30日 → 2016-08-30; 二〇一六年八月三十日 → 2016-08-30."""
    m = re.match(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = re.match(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日", text)
    if m:
        year = "".join(str(cn_number(c)) for c in m[1])
        return f"{year}-{cn_number(m[2]):02d}-{cn_number(m[3]):02d}"
    return ""


def _title(preamble: list[Para]) -> str:
    for para in preamble:
        m = ISSUED.search(para.text)
        if m:
            return para.snip[m.start(1): m.end(1)].compact()
    for para in preamble:
        text = para.snip.compact_folded()
        if 4 <= len(text) <= 100 and text[-1] not in TERMINAL and TITLE_END.search(text):
            inner = NOTICE_TITLE.search(text)
            if inner:
                start = text.index(inner[1])
                return para.snip.compact()[start: start + len(inner[1])]
            return para.snip.compact()
    return ""


def _addressees(preamble: list[Para]) -> tuple[str, ...]:
    for para in preamble[:3]:
        text = para.text.rstrip()
        if text.endswith("：") and ("、" in text or "，" in text) and ADDRESSEE_WORDS.search(text):
            raw = para.snip.compact().rstrip("：:")
            return tuple(a for a in re.split(r"[，,]", raw) if a)
    return ()


def _jurisdiction(title: str, preamble: list[Para], paras: list[Para], g: Gazetteer) -> Jurisdiction | None:
    """The government that issues the plan: named in its title, its issuer or signature
    (河南省人民政府, 成都市人民政府办公厅), its document number (豫政〔2023〕5号), or the paragraph it
    opens with; else only the level its notice states (省人民政府办公厅: a province, unnamed)."""
    found = _from_title(title, g)
    edges = [fold(p.text).replace(" ", "") for p in (*preamble[:12], *paras[:6], *paras[-12:])]
    found_local = [m for text in edges[:3] for m in LOCAL_ADDRESSEES.finditer(text[:60])]
    local = next((m for m in found_local if m["level"]), found_local[0] if found_local else None)
    if found is not None and found.level == "national" and local:
        found = None  # 国务院关于… is the policy a province implements: its notice goes to 省政府各厅委
    if found is not None and is_named(found):
        return found
    for named_in in (_issuer, _own_place, _doc_code, _opening_province):  # the strongest evidence first
        named = next(filter(None, (named_in(text, g) for text in edges)), None)
        if named is not None:
            return named
    level = found or _level_issuer(preamble, g)
    if local and (level is None or level.level == "national"):
        level = g.jurisdiction_of(local["level"] or ABOVE[local["below"]], None)
    return _named_in_text(level, paras, g)


def _named_in_text(level: Jurisdiction | None, paras: list[Para], g: Gazetteer) -> Jurisdiction | None:
    """A plan that states only its level (省政府, 市政府) or nothing names its place elsewhere, as
    the place it speaks of most: the province a 省 plan mentions most (湖北 three times), the city
    a 市 plan names as a government (咸宁市人民政府, 2023年咸宁市《政府工作报告》). A level the text
    never names stays a level: a place is never guessed from words that only look like one.

    >>> from fengong import parse_text
    >>> parse_text("2023年咸宁市《政府工作报告》任务分工\\n一、任务\\n1.推进。（市财政局负责）").assignments[0].department.name
    '咸宁市财政局'
    >>> parse_text("促进新市民就业的分工方案\\n一、任务\\n1.推进。（市财政局负责）").assignments[0].department.name
    '市财政局'
    """
    if level is not None and level.level == "national":
        return level
    text = fold("".join(p.text for p in paras)).replace(" ", "")
    provinces = Counter(g.provinces[m.group()] for m in g.province_pattern.finditer(text)
                        if g.provinces[m.group()].level != "national")
    cities = Counter(m.group() for m in CITY.finditer(text) if not NOT_A_PLACE.search(m.group())
                     and m.group() not in g.provinces and text.startswith(GOVERNMENT_WORDS, m.end()))
    municipal = [j for j in provinces if j.level == "municipality"]
    wants = level.level if level is not None else ""
    if wants in ("province", "autonomous-region") and provinces:
        return provinces.most_common(1)[0][0]
    if wants in ("city", "") and municipal:
        return max(municipal, key=provinces.__getitem__)
    opening = fold("".join(p.text for p in paras[:2])).replace(" ", "")
    leading = [c for c in cities if c in opening]
    if wants in ("city", "") and (leading or (wants and cities)):
        city = leading[0] if leading else cities.most_common(1)[0][0]
        home = provinces.most_common(1)[0][0] if provinces else None
        return g.jurisdiction_of(city, home)
    if not wants and provinces:
        return provinces.most_common(1)[0][0]
    return level


def _from_title(title: str, g: Gazetteer) -> Jurisdiction | None:
    t = LEADING_YEAR.sub("", fold(title).replace(" ", ""))  # 2022年六盘水市…计划: the place after the year
    if t.startswith("国务院") or t.startswith("国家"):
        return g.provinces["国家"]
    province = _leading_province(t, g)
    if province is not None:
        rest = t[len(province.name):] if t.startswith(province.name) else t[len(g.province_at(t)):]
        m = PLACE.match(rest)
        if m and rest[m.end():].startswith(("人民政府", "关于", "贯彻", "落实")):
            return g.jurisdiction_of(m.group(), province)
        return province
    m = PLACE.match(t)
    if m and not NOT_A_PLACE.search(m.group()) and not t.startswith(NOT_AFTER_A_PLACE, m.end()):
        return g.jurisdiction_of(m.group(), None)
    return None


def _leading_province(text: str, g: Gazetteer) -> Jurisdiction | None:
    name = g.province_at(text)
    return g.provinces[name] if name else None


def _issuer(text: str, g: Gazetteer) -> Jurisdiction | None:
    """A named government issuing or signing: the places just before 人民政府 (河南省人民政府,
    苏州市吴江区人民政府)."""
    for m in ISSUER.finditer(text):
        head = re.split(r"[于发将经转的，、《（(：:\s]", m["head"])[-1]
        for start in range(len(head)):
            j = _places(head[start:], g)
            if j is not None:
                return j
    return None


def _own_place(text: str, g: Gazetteer) -> Jurisdiction | None:
    """The place a plan adapts its parent policy to (结合淮安实际 → 淮安市), when the list of cities
    and counties knows it by that name alone."""
    for m in OWN_PLACE.finditer(text):
        for name in (m["place"], *(m["place"] + level for level in ("市", "县", "区"))):
            j = g.place(name, None)
            if j.code:
                return j
    return None


def _doc_code(text: str, g: Gazetteer) -> Jurisdiction | None:
    """The province a document number names (豫政〔2023〕5号 → 河南省)."""
    m = DOC_CODE.search(text)
    return g.doc_codes.get(m["code"]) if m else None


def _opening_province(text: str, g: Gazetteer) -> Jurisdiction | None:
    """A province's full name a paragraph opens with (河南省…, not 河南…)."""
    province = _leading_province(text, g)
    return province if province is not None and text.startswith(province.name) else None


def _places(text: str, g: Gazetteer) -> Jurisdiction | None:
    """The jurisdiction ``text`` names entirely: a province, then places within it (湖北省武汉市蔡甸区)."""
    home: Jurisdiction | None = None
    rest = text
    name = g.province_at(rest)
    if name and name == g.provinces[name].name:
        home, rest = g.provinces[name], rest[len(name):]
    while rest:
        m = PLACE.match(rest)
        if not m or NOT_A_PLACE.search(m.group()):
            return None
        home = g.jurisdiction_of(m.group(), home)
        rest = rest[m.end():]
    return home


def _level_issuer(preamble: list[Para], g: Gazetteer) -> Jurisdiction | None:
    for para in preamble:
        if NATIONAL_ISSUER.search(para.text) and "国务院" in para.text[:20]:
            return g.provinces["国家"]
        m = LEVEL_ISSUER.search(para.text)
        if m:
            word = m.group(1) or m.group(2)
            return g.jurisdiction_of(word, None)
    return None


def _implements(preamble: list[Para], title: str) -> Policy | None:
    text = "".join(p.snip.compact() for p in preamble)
    shorts = [(m[1], m[2]) for m in SHORT_NAME.finditer(text)]
    for full, short in shorts:
        if short in title or full in title:
            return Policy(f"《{full}》", f"《{short}》")
    if shorts:
        full, short = shorts[0]
        return Policy(f"《{full}》", f"《{short}》")
    for m in IMPLEMENTS.finditer(text):
        if m[1] != title:
            return Policy(f"《{m[1]}》")
    return None


def read_metadata(preamble: list[Para], all_paras: list[Para], g: Gazetteer) -> Metadata:
    """Metadata from the paragraphs before the first numbered heading (and a date line anywhere)."""
    title = _title(preamble)
    date = next((iso_date(p.text) for p in preamble if DATE_LINE.match(p.text)), "")
    if not date:
        date = next((iso_date(p.text) for p in reversed(all_paras) if DATE_LINE.match(p.text)), "")
    return Metadata(
        title=title,
        date=date,
        jurisdiction=_jurisdiction(title, preamble, all_paras, g),
        addressees=_addressees(preamble),
        implements=_implements(preamble, title),
    )

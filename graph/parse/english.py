"""English names of departments, composed from jurisdiction + body.

International readers cite bodies by their English names, so each department node carries one
(rdfs:label @en). The body's part comes from the gazetteer (``en`` of ``departments.tsv``,
following the body's own published usage), the jurisdiction's from ``jurisdictions.tsv`` and
``places-en.tsv``; they combine as the bodies themselves write them:

* province level: *body of jurisdiction*: Department of Commerce of Inner Mongolia Autonomous Region;
* city and county level, and the municipalities: *place + body*: Hangzhou Municipal Development and
  Reform Commission, Dongsheng District Development and Reform Bureau;
* national bodies keep their own name: National Development and Reform Commission;
* a body whose name places its jurisdiction elsewhere says so in its ``en`` with ``{place}`` (the
  place's short name: Hohhot Customs, Inner Mongolia Entry-Exit Inspection and Quarantine Bureau) or
  ``{in}`` (the attributive form: CPC Inner Mongolia Autonomous Regional Committee).

Names the gazetteer knows only by their shape (管委会, 领导小组成员单位, 各有关部门) are translated from
``glossary-en.tsv`` when every part of them is listed there, and otherwise labelled by their kind
with the Chinese name kept, so an English reader is never shown a guess.
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Jurisdiction
from ..resources import read_table

PROVINCIAL = {"province", "autonomous-region", "special-administrative-region"}
# The English of a place's level suffix, longest suffix first. 市 has none: a city is named by
# its bare place (Hohhot) and its departments are "Hohhot Municipal …".
SUFFIX_EN = (
    ("特别行政区", "Special Administrative Region"), ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("地区", "Prefecture"),
    ("新区", "New Area"), ("林区", "Forest District"), ("矿区", "Mining District"),
    ("市", ""), ("县", "County"), ("区", "District"), ("旗", "Banner"), ("盟", "League"),
    ("州", "Prefecture"), ("镇", "Town"), ("乡", "Township"),
)
# A bare level word as a prefix (市发展改革委 in a plan whose own level is not a city).
LEVEL_WORD_EN = {
    "省": "Provincial", "自治区": "Autonomous Regional", "市": "Municipal", "自治州": "Prefectural",
    "州": "Prefectural", "盟": "League", "县": "County", "区": "District", "旗": "Banner",
    "自治县": "County", "自治旗": "Banner", "镇": "Town", "乡": "Township",
}
_ATTRIBUTIVE = (
    (" Autonomous Region", " Autonomous Regional"), (" Province", " Provincial"), (" Municipality", " Municipal"),
)
_SHORT = re.compile(
    r" (?:(?:Zhuang|Hui|Uygur) )?(?:Autonomous Region|Province|Municipality|Special Administrative Region)$"
)
_VOWEL_START = ("a", "o", "e")


@cache
def _places() -> dict[str, str]:
    return {row["name"]: row["en"] for row in read_table("places-en.tsv")}


@cache
def _provinces() -> dict[str, str]:
    """Province-level names and short names (内蒙古自治区, 内蒙古) → short English (Inner Mongolia)."""
    out = {}
    for row in read_table("jurisdictions.tsv"):
        for name in [row["name"], *filter(None, row["short"].split("|"))]:
            out[name] = _SHORT.sub("", row["en"])
    return out


@cache
def _glossary() -> dict[str, str]:
    return {row["zh"]: row["en"] for row in read_table("glossary-en.tsv")}


def romanise(text: str) -> str:
    """Hanyu Pinyin of a place name, as one capitalised word with the syllable apostrophe.

    >>> romanise("东胜"), romanise("西安")
    ('Dongsheng', "Xi'an")
    """
    from pypinyin import lazy_pinyin  # loaded only for a place the table does not list

    word = ""
    for syllable in lazy_pinyin(text, errors="ignore"):
        if word and syllable.startswith(_VOWEL_START):
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]


def place_en(name: str, embedded: bool = False) -> str:
    """The English name of a place; a province's is its short name (内蒙古自治区 → Inner Mongolia).

    ``embedded``: the place is written inside a body's name, where a city drops its 市 (杭州海关), so
    a final 州 or 区 belongs to the name rather than standing for a level.

    >>> place_en("呼和浩特市"), place_en("东胜区"), place_en("锡林郭勒盟"), place_en("杭州", embedded=True)
    ('Hohhot', 'Dongsheng District', 'Xilingol League', 'Hangzhou')
    """
    places, provinces = _places(), _provinces()
    for key in (name, name + "市"):
        if key in places:
            return places[key]
    if name in provinces:
        return provinces[name]
    for suffix, english in SUFFIX_EN:
        if embedded and suffix in ("州", "区"):
            continue
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = romanise(name[: -len(suffix)])
            return f"{stem} {english}".strip() if stem else ""
    return romanise(name)


def short(j: Jurisdiction | None) -> str:
    """The jurisdiction as a place name, without its level: Inner Mongolia, Zhejiang, Hohhot."""
    if j is None or j.level == "national":
        return ""
    return _SHORT.sub("", j.en) if j.en else ""


def attributive(j: Jurisdiction | None) -> str:
    """The jurisdiction as a modifier: Inner Mongolia Autonomous Regional, Hangzhou Municipal."""
    if j is None:
        return ""
    if j.level == "national":
        return "National"
    if not j.en:
        return LEVEL_WORD_EN.get(j.name, "")
    for tail, adjective in _ATTRIBUTIVE:
        if j.en.endswith(tail):
            return j.en[: -len(tail)] + adjective
    if j.name.endswith("市"):
        return f"{j.en} Municipal"
    return j.en


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,")


def without_place(body_en: str) -> str:
    """``body_en`` with its jurisdiction slots dropped: the name of the kind of body.

    >>> without_place("{place} Customs"), without_place("CPC {in} Committee")
    ('Customs', 'CPC Committee')
    """
    return _squeeze(body_en.replace("{place}", "").replace("{in}", ""))


def department_en(body_en: str, j: Jurisdiction | None, place: str = "", national_en: str = "") -> str:
    """The English name of a body of the gazetteer (``body_en``) in jurisdiction ``j``.

    ``place`` is the English of a place the name embeds (Hohhot in 呼和浩特海关); ``national_en`` the
    body's own name when it is the national one (全国总工会: All-China Federation of Trade Unions).

    >>> from fengong.parse.gazetteer import gazetteer
    >>> im = gazetteer().provinces["内蒙古自治区"]
    >>> department_en("Department of Commerce", im)
    'Department of Commerce of Inner Mongolia Autonomous Region'
    >>> department_en("Development and Reform Commission", Jurisdiction("杭州市", "city", "Hangzhou"))
    'Hangzhou Municipal Development and Reform Commission'
    >>> department_en("{place} Customs", im, place="Hohhot")
    'Hohhot Customs'
    """
    if not body_en:
        return ""
    if j is not None and j.level == "national" and national_en:
        return national_en
    if "{place}" in body_en or "{in}" in body_en:
        return _squeeze(body_en.replace("{place}", place or short(j)).replace("{in}", attributive(j)))
    if j is None or j.level == "national":
        return body_en
    if j.level in PROVINCIAL and j.en:
        return f"{body_en} of {j.en}"
    return _squeeze(f"{attributive(j)} {body_en}")


# Names shaped like coordination bodies and collectives: (pattern, English template). ``x`` is the
# topic or zone, translated from the glossary; the first pattern that matches and translates wins.
_SHAPES = (
    (re.compile(r"^(?P<x>.+?)(?:工作)?领导小组(?P<other>其他)?成员单位$"), "{other}Member Units of the Leading Group for {x}"),
    (re.compile(r"^(?P<x>.+?)(?:工作)?领导小组办公室$"), "Office of the Leading Group for {x}"),
    (re.compile(r"^(?P<x>.+?)(?:工作)?领导小组$"), "Leading Group for {x}"),
    (re.compile(r"^(?P<x>.+?)(?:工作)?联席会议(?P<other>其他)?成员单位$"), "{other}Member Units of the Joint Conference on {x}"),
    (re.compile(r"^(?P<x>.+?)(?:工作)?联席会议办公室$"), "Office of the Joint Conference on {x}"),
    (re.compile(r"^(?P<x>.+?)(?:工作)?联席会议$"), "Joint Conference on {x}"),
    (re.compile(r"^(?P<x>.+?)(?:工作)?指挥部(?:办公室)?$"), "Headquarters for {x}"),
    (re.compile(r"^(?P<x>.+?)工作组$"), "Working Group on {x}"),
    (re.compile(r"^(?P<x>.+?)(?:管委会|管理委员会)$"), "Administrative Committee of the {x}"),
    (re.compile(r"^(?P<x>.+)$"), "{x}"),
)


def translate(text: str) -> str | None:
    """``text`` in English from the glossary, longest parts first; None if any part is not listed.

    >>> translate("应对气候变化及节能减排")
    'Addressing Climate Change and Energy Conservation and Emission Reduction'
    >>> translate("某某事项") is None
    True
    """
    glossary, words, i = _glossary(), [], 0
    longest = max(map(len, glossary))
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            if text[i: i + n] in glossary:
                words.append(glossary[text[i: i + n]])
                i += n
                break
        else:
            return None
    return " ".join(words)


def shape_en(body: str, kind_en: str, j: Jurisdiction | None) -> str:
    """The English name of a body known only by the shape of its name (``kind_en``: its kind's label).

    >>> shape_en("出口加工区管委会", "Administrative Committee", None)
    'Administrative Committee of the Export Processing Zone'
    >>> shape_en("某某园管委会", "Administrative Committee", None)
    'Administrative Committee (某某园管委会)'
    """
    english = None
    for pattern, template in _SHAPES:
        m = pattern.match(body)
        x = translate(m["x"]) if m else None
        if x is not None:
            other = "Other " if m.groupdict().get("other") else ""
            english = template.format(x=x, other=other)
            break
    if english is None:
        english = f"{kind_en[:1].upper()}{kind_en[1:]} ({body})" if kind_en else ""
    english = english[:1].upper() + english[1:]
    if english and j is not None and j.level != "national" and j.en:
        return f"{english}, {j.en}"
    return english

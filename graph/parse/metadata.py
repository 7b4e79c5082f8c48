"""Document metadata from the preamble of a plan: title, date, issuer, addressees, parent policy.

A plan usually arrives inside its covering notice: an addressee line (各盟行政公署、市人民政府，…：),
a sentence that issues it (现将《…》印发给你们), a date, then the plan's own title and a preamble that
names the policy it implements (《关于质量强区的决定》（以下简称《决定》）). The addressees are
kept as addressees: they are never turned into assignments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fold import fold
from .gazetteer import PLACE, Gazetteer
from .numbering import cn_number
from .reflow import DATE_LINE, TERMINAL, Para
from ..model import Jurisdiction, Policy

ISSUED = re.compile(r"(?:现将|印发|下发|转发)《([^》]{4,120})》")
NOTICE_TITLE = re.compile(r"关于印发《?(.{4,100}?)》?的通知$")
TITLE_END = re.compile(r"(?:方案|分工|意见|通知|计划|安排|清单|措施|要点|任务|任务书|规划|办法)$")
SHORT_NAME = re.compile(r"《([^》]{2,80})》\s*[（(]\s*以下简称\s*[《“\"]([^》”\"]{1,30})[》”\"]\s*[）)]")
IMPLEMENTS = re.compile(r"(?:贯彻|落实|贯彻落实|实施|执行)《([^》]{2,80})》")
ADDRESSEE_WORDS = re.compile(r"各|人民政府|政府|厅|局|委|办|单位|部门|公署")
LEVEL_ISSUER = re.compile(r"经?(自治区|省|市|县|区|旗|州|盟)人民政府同意|(自治区|省|市|县|区|旗|州|盟)人民政府(?:办公厅|办公室)?(?:关于|印发)")
NATIONAL_ISSUER = re.compile(r"国务院")


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


def _jurisdiction(title: str, preamble: list[Para], g: Gazetteer) -> Jurisdiction | None:
    t = fold(title)
    if t.startswith("国务院") or t.startswith("国家"):
        return g.provinces["国家"]
    for name in sorted(g.provinces, key=len, reverse=True):
        if t.startswith(name) and name not in {"国家", "中央", "全国"}:
            province = g.provinces[name]
            rest = t[len(name):]
            m = PLACE.match(rest)
            if m and rest[m.end():].startswith(("人民政府", "关于", "贯彻", "落实")):
                return g.jurisdiction_of(m.group(), province)
            return province
    m = PLACE.match(t)
    if m:
        return g.jurisdiction_of(m.group(), None)
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
        jurisdiction=_jurisdiction(title, preamble, g),
        addressees=_addressees(preamble),
        implements=_implements(preamble, title),
    )

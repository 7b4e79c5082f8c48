"""A body's official full name: a gazetteer row's form, filled in for the plan's jurisdiction.

Most bodies are named *jurisdiction + body* (河南省 + 发展和改革委员会), and a row needs no form.
The others follow their own pattern, which the row's ``form`` column writes out
(``ontology/departments.tsv``), so that a canonical name is always the one the body itself uses:

* Party organs hang off the Party committee: ``{party}宣传部`` → 中共内蒙古自治区委员会宣传部;
  offices of its commissions off its short form: ``{party_short}网络安全和信息化委员会办公室`` →
  中共杭州市委网络安全和信息化委员会办公室.
* The government's own offices carry 人民政府: ``{j}人民政府法制办公室``.
* Central agencies' local branches are named by the agency: ``中国银行业监督管理委员会{short}监管局``
  → 中国银行业监督管理委员会内蒙古监管局; ``{short}出入境检验检疫局`` → 内蒙古出入境检验检疫局.

``{j}`` is the jurisdiction's full name, ``{short}`` its short name (内蒙古, 河南, 杭州). A name that no
row knows is never composed into another body's: it is kept as written (see the gazetteer).

    >>> from fengong.model import Jurisdiction
    >>> fill("{party}宣传部", Jurisdiction("河南省", "province"))
    '中共河南省委员会宣传部'
    >>> fill("{party_short}全面深化改革委员会办公室", Jurisdiction("杭州市", "city"))
    '中共杭州市委全面深化改革委员会办公室'
    >>> fill("中国证券监督管理委员会{short}监管局", Jurisdiction("内蒙古自治区", "autonomous-region"))
    '中国证券监督管理委员会内蒙古监管局'
"""

from __future__ import annotations

import re
from functools import cache

from ..model import Jurisdiction
from ..resources import read_table

LEVEL_ENDS = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "旗", "盟", "州")
# The Party committee of a jurisdiction in its short form: 中共河南省委, 中共杭州市委. An autonomous
# region's committee keeps 委员会 (中共内蒙古自治区委员会): "自治区委" is not a form anyone writes.
_LONG_COMMITTEE = ("自治区",)


def short_name(j: Jurisdiction) -> str:
    """The jurisdiction without its level: 内蒙古自治区 → 内蒙古, 河南省 → 河南, 杭州市 → 杭州."""
    for end in LEVEL_ENDS:
        if j.name.endswith(end) and len(j.name) > len(end) + 1:
            return j.name[: -len(end)]
    return j.name


def fill(form: str, j: Jurisdiction) -> str:
    """The official name a row's ``form`` gives in jurisdiction ``j``."""
    party = f"中共{j.name}委员会"
    party_short = party if j.name.endswith(_LONG_COMMITTEE) else f"中共{j.name}委"
    return form.format(j=j.name, short=short_name(j), party=party, party_short=party_short)


@cache
def _zone_words() -> tuple[re.Pattern[str], dict[str, str]]:
    rows = {r["short"]: r["full"] for r in read_table("zone-words.tsv")}
    words = "|".join(map(re.escape, sorted(rows, key=len, reverse=True)))
    return re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,12}}?)(?P<zone>{words})(?P<committee>管委会|管理委员会)$"), rows


def zone_committee(body: str) -> str | None:
    """The official name of a named zone's committee (滁州经开区管委会 → 滁州经济技术开发区管理委员会),
    or None when ``body`` is not one: a zone with a name of its own before its zone word.

    >>> zone_committee("中新苏滁高新区管委会")
    '中新苏滁高新技术产业开发区管理委员会'
    >>> zone_committee("开发区管委会") is None
    True
    """
    pattern, full = _zone_words()
    m = pattern.match(body)
    if m is None:
        return None
    return m["name"] + full[m["zone"]] + "管理委员会"

"""Cities and counties by name and GB/T 2260 code (``ontology/divisions.tsv``).

A plan writes its places without their parents: a district plan signs 吴江区 or 苏州市吴江区, a city
plan names 南沙区政府, a county plan says 市财政局 for its city's bureau. The code of a place holds
its parents (the first two digits: the province, the first four: the city), so once a place is
known by name, its city and province are known too, and a district's bodies take the name they
sign with: 苏州市吴江区财政局, never a bare 吴江区财政局 that several cities could own (鼓楼区 is in
four). A name the list does not hold, or holds several times where the plan gives no parent to
choose by, is not looked up: the place is kept as the plan writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..resources import read_table

# A county-level name that is a district of its city: its bodies carry the city's name first.
DISTRICT_END = "区"


@dataclass(frozen=True)
class Division:
    """A row of the list: an official name and its six-digit code."""

    code: str
    name: str

    @property
    def is_city(self) -> bool:
        """Prefecture level (苏州市, 锡林郭勒盟, 恩施土家族苗族自治州): its code ends in 00."""
        return self.code.endswith("00")

    @property
    def city_code(self) -> str:
        return self.code[:4] + "00"

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


class Divisions:
    """Every city and county, by name; use :func:`divisions`.

    >>> d = divisions()
    >>> d.find("吴江区").code, d.full_name(d.find("吴江区"))
    ('320509', '苏州市吴江区')
    >>> d.find("鼓楼区") is None, d.find("鼓楼区", within="320100").code
    (True, '320106')
    >>> d.find("淮安", city=True).name
    '淮安市'
    """

    def __init__(self) -> None:
        self.by_code: dict[str, Division] = {}
        self.by_name: dict[str, list[Division]] = {}
        for row in read_table("divisions.tsv"):
            division = Division(row["code"], row["name"])
            self.by_code[division.code] = division
            self.by_name.setdefault(division.name, []).append(division)

    def find(self, name: str, within: str = "", city: bool = False) -> Division | None:
        """The division named ``name`` inside the area coded ``within`` (a province's or city's
        code; empty: anywhere), None when there is none or more than one. ``city``: a city written
        without its 市 (结合淮安实际)."""
        candidates = self.by_name.get(name, []) or (self.by_name.get(name + "市", []) if city else [])
        if city:
            candidates = [d for d in candidates if d.is_city]
        if within:
            prefix = within[:2] if within.endswith("0000") else within[:4] if within.endswith("00") else within
            candidates = [d for d in candidates if d.code.startswith(prefix)]
        return candidates[0] if len(candidates) == 1 else None

    def parent(self, division: Division) -> Division | None:
        """The city a county-level place lies in (None for a city, or a county a province governs
        directly, such as 仙桃市)."""
        return None if division.is_city else self.by_code.get(division.city_code)

    def full_name(self, division: Division, municipality: str = "") -> str:
        """The name a place's bodies sign with: a district with its city first (苏州市吴江区,
        or with ``municipality`` 上海市浦东新区); a county, county-level city or city alone."""
        if division.is_city or not division.name.endswith(DISTRICT_END):
            return division.name
        parent = self.parent(division)
        return (parent.name if parent is not None else municipality) + division.name


@cache
def divisions() -> Divisions:
    """The shared, read-only list (loaded once per process)."""
    return Divisions()

"""The sample plan against the gold annotation (tests/data, a copy of shared/gold): row for row."""

from __future__ import annotations

import re

from fengong.pipeline.export import assignment_rows

CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    tens, ones = divmod(n, 10)
    return (CN[tens - 1] if tens > 1 else "") + "十" + (CN[ones - 1] if ones else "")


def gold_label(code: str) -> str:
    """Gold item codes to the plan's own numbering: T3 → 一（三）, S2.4 → 二（二）4."""
    if code.startswith("T"):
        return f"一（{cn(int(code[1:]))}）"
    section, item = re.match(r"S(\d+)\.(\d+)", code).groups()
    return f"二（{cn(int(section))}）{item}"


def test_sample_assignments_match_gold_row_for_row(sample, gold):
    mine = [(r["item"], r["text"][:12], r["surface"], r["role"]) for r in assignment_rows(sample)]
    expected = [(gold_label(g["item"]), g["item_start"], g["department"], g["role"]) for g in gold]
    assert len(expected) == 274
    assert mine == expected


def test_sample_counts(sample):
    assert len(sample.items) == 80
    assert sum(1 for i in sample.items if i.kind.value == "target") == 25
    assert len(sample.units) == 82
    assert len(sample.assignments) == 274
    roles = {}
    for a in sample.assignments:
        roles[a.role.value] = roles.get(a.role.value, 0) + 1
    assert roles == {"lead": 42, "support": 161, "responsible": 24, "joint": 47}


def test_sample_only_warning_is_the_department_named_twice(sample):
    assert [(d.code, d.line) for d in sample.diagnostics] == [("department-twice", 84)]
    (item,) = [i for i in sample.items if i.label == "二（一）7"]
    roles = [a.role.value for a in item.units[0].clause.assignments if a.surface == "自治区质监局"]
    assert roles == ["lead", "support"]

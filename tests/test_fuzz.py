"""Property tests (Hypothesis), on a fixed budget so that CI stays fast and deterministic.

Two kinds of properties: on *arbitrary* text the parser, the clause reader and the name
splitter return a result or raise their own documented error, never anything else; on
*generated well-formed* plans (clause forms of ``ontology/clause-vocabulary.tsv``, department
lists from ``ontology/departments.tsv`` with jurisdiction prefixes, shared prefixes, collectives,
half-width punctuation, traditional characters, GB18030 and Big5 bytes) the pipeline recovers
exactly the assignments that were generated.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from documents import traditional
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fengong import parse_text
from fengong.parse.clauses import ClauseError, read_clause
from fengong.parse.fold import fold
from fengong.read.formats.encoding import detect
from fengong.parse.gazetteer import gazetteer
from fengong.model import Plan
from fengong.parse.names import Expander
from fengong.resources import read_table
from fengong.parse.snippet import Snippet
from fengong.parse.vocabulary import vocabulary

# CI budget: derandomized (the same examples every run, no example database), a few seconds in all.
# FENGONG_FUZZ_EXAMPLES=5000 runs a deep, randomised search locally.
DEEP = int(os.environ.get("FENGONG_FUZZ_EXAMPLES", "0"))
BUDGET = settings(max_examples=DEEP or 100, deadline=None, derandomize=not DEEP, database=None,
                  suppress_health_check=[HealthCheck.too_slow])
PLANS = settings(BUDGET, max_examples=DEEP or 60)

# Arbitrary text, biased towards what the parser looks at: brackets, role words, field labels,
# numbering, separators, line breaks, jurisdiction words and names.
PIECES = ["（", "）", "(", ")", "〔", "〕", "【", "】", "由", "牵头", "配合", "负责", "按照职责分工负责", "会同",
          "牵头单位：", "配合单位:", "责任领导：", "、", "，", ",", "；", "。", "\n", "\n\n", "一、", "（一）", "1.",
          "①", "省", "市", "自治区", "财政厅", "质监局", "各有关部门", "等部门", "下同", "排在首位的为牵头单位",
          "6月底前完成", "工作目标", "主要任务", " ", "\u3000", "及", "和", "《", "》", "序号\t任务\t牵头单位\n"]
texty = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)
anything = st.one_of(st.text(max_size=200), texty)


@BUDGET
@given(anything)
def test_parse_text_never_raises(text):
    plan = parse_text(text, source="fuzz.txt")
    assert isinstance(plan, Plan)
    for a in plan.assignments:  # every assignment still points at the characters it came from
        assert plan.text[a.span.start:a.span.end] == a.written


@BUDGET
@given(anything)
def test_read_clause_returns_or_raises_clause_error(text):
    try:
        reading = read_clause(Snippet.of(text, fold(text), 0))
    except ClauseError as err:
        assert err.code and str(err)
    else:
        assert reading.groups or reading.officials


@BUDGET
@given(anything)
def test_name_splitter_never_raises(text):
    for ref in Expander(gazetteer()).expand(Snippet.of(text, fold(text), 0)):
        assert ref.surface and ref.written


# -- generated well-formed plans ------------------------------------------------------------------

def _bodies() -> list[tuple[str, str]]:
    """(row id, written name) of provincial government bodies, every alias included."""
    signals = vocabulary().signals
    out = []
    for row in read_table("departments.tsv"):
        if row["kind"] != "government" or "province" not in row["level"].split("|"):
            continue
        for name in [row["name"], *row["aliases"].split("|")]:
            if name and "{" not in name and not signals(name):
                out.append((row["id"], name))
    return out


BODIES = _bodies()
PREFIXES = ("省", "市", "自治区")
COLLECTIVES = ("各有关部门", "各成员单位", "各盟市人民政府")
TEXTS = ("推进质量信用体系建设", "加强标准化工作", "实施品牌战略", "完善检验检测体系", "开展质量提升行动")
BRACKETS = (("（", "）"), ("(", ")"), ("〔", "〕"))


@dataclass(frozen=True)
class Group:
    """One role word's names, as written and as the parser must read them."""

    written: str
    surfaces: tuple[str, ...]


@st.composite
def name_list(draw, taken: set[str], size: tuple[int, int], collective: bool = False) -> Group:
    """A list of distinct bodies under one prefix, written with the prefix shared or repeated."""
    n = draw(st.integers(*size))
    chosen = []
    for _ in range(n):
        row, name = draw(st.sampled_from(BODIES).filter(lambda b: b[0] not in taken))
        taken.add(row)
        chosen.append(name)
    prefix = draw(st.sampled_from(PREFIXES))
    surfaces = [prefix + name for name in chosen]
    shared = draw(st.booleans())
    written = [surfaces[0], *(chosen[1:] if shared else surfaces[1:])]
    if collective and draw(st.booleans()):
        c = draw(st.sampled_from(COLLECTIVES))
        written.append(c)
        surfaces.append(c)
    return Group("、".join(written), tuple(surfaces))


@st.composite
def clause(draw) -> tuple[str, list[tuple[str, str]]]:
    """A clause in one of the grammar's forms and the (surface, role) pairs it states."""
    taken: set[str] = set()
    by = draw(st.sampled_from(("由", "")))
    comma, semi, colon = draw(st.sampled_from((("，", "；", "："), (",", ";", ":"))))
    form = draw(st.sampled_from(("lead-support", "responsible", "duties-support", "fields", "lead")))
    if form == "lead-support":
        lead, support = draw(name_list(taken, (1, 2))), draw(name_list(taken, (1, 4), collective=True))
        text = f"{by}{lead.written}牵头{comma}{support.written}配合"
        roles = [(s, "lead") for s in lead.surfaces] + [(s, "support") for s in support.surfaces]
    elif form == "responsible":
        group = draw(name_list(taken, (1, 4)))
        text = f"{by}{group.written}负责"
        role = "responsible" if len(group.surfaces) == 1 else "joint"
        roles = [(s, role) for s in group.surfaces]
    elif form == "duties-support":
        joint, support = draw(name_list(taken, (2, 4))), draw(name_list(taken, (1, 3), collective=True))
        text = f"{by}{joint.written}按照职责分工负责{comma}{support.written}配合"
        roles = [(s, "joint") for s in joint.surfaces] + [(s, "support") for s in support.surfaces]
    elif form == "fields":
        lead, support = draw(name_list(taken, (1, 1))), draw(name_list(taken, (1, 4), collective=True))
        text = f"牵头单位{colon}{lead.written}{semi}配合单位{colon}{support.written}"
        roles = [(s, "lead") for s in lead.surfaces] + [(s, "support") for s in support.surfaces]
    else:
        lead = draw(name_list(taken, (1, 1)))
        text, roles = f"{by}{lead.written}牵头", [(lead.surfaces[0], "lead")]
    opening, closing = draw(st.sampled_from(BRACKETS))
    return f"{opening}{text}{closing}", roles


@st.composite
def plan(draw) -> tuple[str, list[tuple[str, str]]]:
    clauses = draw(st.lists(clause(), min_size=1, max_size=6))
    lines, expected = ["一、主要任务"], []
    for n, (text, roles) in enumerate(clauses, start=1):
        lines.append(f"{n}.{draw(st.sampled_from(TEXTS))}。{text}")
        expected.extend(roles)
    return "\n".join(lines) + "\n", expected


def _recovered(text: str) -> list[tuple[str, str]]:
    parsed = parse_text(text, source="generated.txt")
    assert not parsed.unparsed_clauses
    return [(fold(a.surface), a.role.value) for a in parsed.assignments]


@PLANS
@given(plan())
def test_generated_plans_are_recovered_exactly(generated):
    text, expected = generated
    assert _recovered(text) == expected


@PLANS
@given(plan())
def test_generated_plans_in_traditional_characters_are_recovered(generated):
    text, expected = generated
    assert _recovered(traditional(text)) == [(fold(s), r) for s, r in expected]


@settings(PLANS, max_examples=DEEP or 40)
@given(plan())
def test_generated_plans_survive_legacy_encodings(generated):
    """GB18030 and Big5 bytes of a plan are recognised as such and give the same assignments."""
    text, expected = generated
    assert detect(text.encode("gb18030")) == (text, "gb18030")
    trad = traditional(text)
    decoded, encoding = detect(trad.encode("big5"))
    assert decoded == trad and encoding in {"big5", "cp950"}
    assert _recovered(decoded) == [(fold(s), r) for s, r in expected]


# -- parser bugs the properties found, pinned -----------------------------------------------------

def test_国有资产监督管理委员会_takes_the_lists_prefix_like_国资委():
    """The full name ends like a development zone's 管理委员会 but is a department: it takes the
    prefix of the list it is in (it was left as a bare, unresolved name)."""
    plan = parse_text("一、主要任务\n1.推进。（由省财政厅牵头，国有资产监督管理委员会配合）\n")
    assert [(a.surface, a.role.value, a.department.body_id) for a in plan.assignments] == [
        ("省财政厅", "lead", "finance-dept"), ("省国有资产监督管理委员会", "support", "sasac-local")]

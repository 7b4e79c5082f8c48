"""Every clause form of the genre, each on a short plan written for the test.

Each test states the rows the parser must produce: (item label, unit text, surface name, role).
"""

from __future__ import annotations

import pytest

from helpers import codes, rows
from fengong import parse_text
from fengong.model import Deadline
from fengong.parse.deadlines import deadline_of

HEAD = "一、主要任务\n"


def one(clause: str, text: str = "推进质量工作。") -> list[tuple[str, str]]:
    """(surface, role) pairs of a one-item plan closed by ``clause``."""
    return [(s, r) for _, _, s, r in rows(f"{HEAD}1.{text}{clause}\n")]


# -- the bracket forms --------------------------------------------------------------------------

@pytest.mark.parametrize("clause", [
    "（由自治区农牧业厅牵头，自治区质监局、商务厅配合）",
    "(由自治区农牧业厅牵头,自治区质监局、商务厅配合)",
    "〔由自治区农牧业厅牵头，自治区质监局、商务厅配合〕",
])
def test_lead_and_supporters_in_any_bracket(clause):
    assert one(clause) == [
        ("自治区农牧业厅", "lead"), ("自治区质监局", "support"), ("自治区商务厅", "support")]


def test_responsible_alone():
    assert one("（由自治区质监局负责）") == [("自治区质监局", "responsible")]


def test_joint_by_division_of_duties():
    assert one("（由自治区质监局、食品药品监管局按照职责分工负责）") == [
        ("自治区质监局", "joint"), ("自治区食品药品监管局", "joint")]


def test_joint_with_supporters():
    assert one("（由自治区住房城乡建设厅、水利厅按照职责分工负责，自治区质监局配合）") == [
        ("自治区住房城乡建设厅", "joint"), ("自治区水利厅", "joint"), ("自治区质监局", "support")]


def test_lead_alone():
    assert one("（由自治区科技厅牵头）") == [("自治区科技厅", "lead")]


def test_shared_suffix_and_joint_lead():
    assert one("（由产业聚集区、技术开发区、出口加工区管委会按照职责分工牵头，自治区农牧业厅配合）") == [
        ("产业聚集区管委会", "lead"), ("技术开发区管委会", "lead"), ("出口加工区管委会", "lead"),
        ("自治区农牧业厅", "support")]


def test_prefix_groups_split_by_comma():
    assert one("（由自治区质监局牵头，自治区人力资源社会保障厅、财政厅，内蒙古国税局、银监局配合）") == [
        ("自治区质监局", "lead"), ("自治区人力资源社会保障厅", "support"), ("自治区财政厅", "support"),
        ("内蒙古国税局", "support"), ("内蒙古银监局", "support")]


def test_known_full_names_take_no_prefix():
    assert one("（由自治区金融办牵头，自治区经济和信息化委，内蒙古证监局、人民银行呼和浩特中心支行、"
               "呼和浩特海关、满洲里海关配合）") == [
        ("自治区金融办", "lead"), ("自治区经济和信息化委", "support"), ("内蒙古证监局", "support"),
        ("人民银行呼和浩特中心支行", "support"), ("呼和浩特海关", "support"), ("满洲里海关", "support")]


def test_collective_is_kept_as_a_collective():
    plan = parse_text(f"{HEAD}1.推进。（由自治区质量强区工作领导小组成员单位按照职责分工负责）\n")
    (a,) = plan.assignments
    assert (a.surface, a.role.value, a.department.kind) == ("自治区质量强区工作领导小组成员单位", "joint", "collective")


def test_tail_等相关部门_is_dropped():
    assert one("（由自治区编办、质监局按照职责分工负责，自治区农牧业厅、内蒙古出入境检验检疫局等相关部门配合）") == [
        ("自治区编办", "joint"), ("自治区质监局", "joint"), ("自治区农牧业厅", "support"),
        ("内蒙古出入境检验检疫局", "support")]


def test_clause_without_由():
    assert one("（市发展改革委牵头，市各有关部门按职责分工负责）") == [
        ("市发展改革委", "lead"), ("市各有关部门", "joint")]


def test_prefix_carries_into_the_next_role_group():
    assert one("（由省发展改革委牵头，财政厅配合）") == [("省发展改革委", "lead"), ("省财政厅", "support")]


# -- field forms --------------------------------------------------------------------------------

@pytest.mark.parametrize("clause", [
    "（牵头单位：市发展改革委；配合单位：市财政局、市商务局）",
    "(牵头单位:市发展改革委;配合单位:市财政局、市商务局)",
    "〔牵头单位：市发展改革委，配合单位：市财政局、市商务局〕",
    "\n牵头单位：市发展改革委\n配合单位：市财政局、市商务局",
    "\n牵头单位：市发展改革委；配合单位：市财政局、市商务局",
])
def test_lead_and_support_fields(clause):
    assert one(clause) == [("市发展改革委", "lead"), ("市财政局", "support"), ("市商务局", "support")]


def test_responsible_field_beside_a_lead_names_supporters():
    assert one("\n牵头单位：市发展改革委，责任单位：市财政局、市商务局") == [
        ("市发展改革委", "lead"), ("市财政局", "support"), ("市商务局", "support")]


def test_responsible_field_alone():
    assert one("（责任单位：市财政局）") == [("市财政局", "responsible")]
    assert one("\n责任单位：市财政局、市商务局") == [("市财政局", "joint"), ("市商务局", "joint")]


def test_flattened_table_with_lead_column():
    text = "一、任务\n序号 任务 牵头负责部门\n1 推进A工作 县发改局\n2 推进B工作 县财政局、县教育局\n"
    assert rows(text) == [
        ("一1", "推进A工作", "县发改局", "lead"),
        ("一2", "推进B工作", "县财政局", "lead"), ("一2", "推进B工作", "县教育局", "lead")]


def test_flattened_table_with_tabs_and_two_role_columns():
    text = "序号\t工作任务\t牵头单位\t配合单位\n1\t推进A工作。\t市发展改革委\t市财政局、市商务局\n"
    assert rows(text) == [
        ("1", "推进A工作。", "市发展改革委", "lead"), ("1", "推进A工作。", "市财政局", "support"),
        ("1", "推进A工作。", "市商务局", "support")]


# -- in the text --------------------------------------------------------------------------------

def test_会同_inside_the_text():
    text = f"{HEAD}1.由市发展改革委会同市财政局、市商务局等部门制定实施方案。\n"
    assert rows(text) == [
        ("一1", "由市发展改革委会同市财政局、市商务局等部门制定实施方案。", s, r)
        for s, r in [("市发展改革委", "lead"), ("市财政局", "support"), ("市商务局", "support")]]


def test_会同_list_ending_in_a_verb():
    assert [(s, r) for *_, s, r in rows(f"{HEAD}1.由省教育厅会同省财政厅制定办法。\n")] == [
        ("省教育厅", "lead"), ("省财政厅", "support")]


# -- people, deadlines, notices -----------------------------------------------------------------

def test_officials_are_persons_not_departments():
    plan = parse_text(f"{HEAD}1.推进。（责任领导：张三、李四；牵头单位：省发展改革委）\n")
    (unit,) = plan.units
    assert [(a.surface, a.role.value) for a in unit.clause.assignments] == [("省发展改革委", "lead")]
    assert [(o.name, o.title) for o in unit.clause.officials] == [("张三", "责任领导"), ("李四", "责任领导")]
    plan = parse_text(f"{HEAD}1.推进。\n责任单位：市财政局\n责任人：王五\n")
    assert [(o.name, o.title) for o in plan.units[0].clause.officials] == [("王五", "责任人")]


@pytest.mark.parametrize("clause, deadline", [
    ("（由省质监局负责，2017年6月底前完成）", "2017年6月底前完成"),
    ("（由省质监局负责，6月底前完成）", "6月底前完成"),
    ("（由省质监局负责；年内持续推进）", "年内持续推进"),
    ("（牵头单位：省质监局；完成时限：2018年底）", "2018年底"),
])
def test_deadline_is_captured_not_named(clause, deadline):
    plan = parse_text(f"{HEAD}1.推进。{clause}\n")
    (unit,) = plan.units
    assert [(a.surface, a.role.value) for a in unit.clause.assignments] == [("省质监局", unit.clause.assignments[0].role.value)]
    assert unit.clause.deadline == deadline


DATED = "某市重点工作分工方案\n2023年2月1日\n一、主要任务\n"


@pytest.mark.parametrize("deadline, due", [
    ("6月底前完成", ("by", "2023-06-30", "day", True)),
    ("2024年6月底前", ("by", "2024-06-30", "day", False)),
    ("2023年底前", ("by", "2023-12-31", "day", False)),
    ("年底前完成", ("by", "2023-12-31", "day", True)),
    ("9月25日前", ("by", "2023-09-25", "day", True)),
    ("二〇二四年三月底前", ("by", "2024-03-31", "day", False)),
    ("上半年", ("by", "2023-06-30", "day", True)),
    ("三季度", ("by", "2023-09-30", "day", True)),
    ("10月中旬前", ("by", "2023-10-20", "day", True)),
    ("6月前完成", ("by", "2023-06-30", "month", True)),
    ("2025年前", ("by", "2025-12-31", "year", False)),
    ("2024年3月底前完成选址，9月底前建成", ("by", "2024-09-30", "day", False)),  # the latest; the year carried
    ("年内持续推进", ("by", "2023-12-31", "day", True)),
    ("持续推进", ("ongoing", "", "", False)),
    ("长期坚持", ("ongoing", "", "", False)),
    ("每年6月底前", ("recurring", "", "", False)),
    ("立即启动", ("immediate", "", "", False)),
    ("限期完成", ("unknown", "", "", False)),
    ("年内下旬完成", ("by", "2023-12-31", "day", True)),  # 下旬 of no month: only 年内 dates it
])
def test_deadline_read_as_a_date_with_the_plan_year(deadline, due):
    (unit,) = parse_text(f"{DATED}1.推进。（由省质监局负责，{deadline}）\n").units
    d = unit.clause.due
    assert unit.clause.deadline == deadline
    assert (d.kind, d.date, d.precision, d.year_inferred) == due


def test_a_day_or_a_part_of_a_month_without_its_month_has_no_date():
    assert deadline_of("25日前", "2023-02-01") == Deadline("by")
    assert deadline_of("下旬完成", "2023-02-01") == Deadline("by")
    assert deadline_of("9月下旬完成", "2023-02-01") == Deadline("by", "2023-09-30", "day", True)


def test_deadline_without_a_year_in_a_plan_without_a_date_has_no_date():
    (unit,) = parse_text(f"{HEAD}1.推进。（由省质监局负责，6月底前完成）\n").units
    assert (unit.clause.due.kind, unit.clause.due.date) == ("by", "")
    (unit,) = parse_text(f"{HEAD}1.推进。（由省质监局负责，2024年6月底前完成）\n").units
    assert unit.clause.due.date == "2024-06-30"


def test_a_deadline_without_a_year_before_the_plan_is_warned_about():
    text = "某市重点工作分工方案\n2023年11月1日\n一、主要任务\n1.推进。（由省质监局负责，3月底前完成）\n2.推进。（由省质监局负责，年底前完成）\n"
    plan = parse_text(text)
    assert [u.clause.due.date for u in plan.units] == ["2023-03-31", "2023-12-31"]
    assert [(d.code, d.line) for d in plan.diagnostics] == [("deadline-before-plan", 4)]


def test_deadline_of_a_table_column_and_of_a_carried_clause():
    text = f"{DATED}序号 工作任务 责任单位 完成时限\n1 推进A工作。 市发改委 2023年9月底前\n2 推进B工作。 市财政局 长期坚持\n"
    assert [(u.clause.due.kind, u.clause.due.date) for u in parse_text(text).units] == [
        ("by", "2023-09-30"), ("ongoing", "")]
    carried = parse_text(f"{DATED}1.推进A。（由省质监局负责，6月底前完成，下同）\n2.推进B。\n").units
    assert [(u.clause.form, u.clause.due.date) for u in carried] == [("bracket", "2023-06-30"), ("carried", "2023-06-30")]


def test_first_listed_leads_notice_in_the_text():
    text = "注：排在首位的为牵头单位。\n一、任务\n1.推进A。（省发展改革委、省财政厅、省商务厅）\n2.推进B。（责任单位：市发展改革委、市财政局）\n"
    assert [(i, s, r) for i, _, s, r in rows(text)] == [
        ("一1", "省发展改革委", "lead"), ("一1", "省财政厅", "support"), ("一1", "省商务厅", "support"),
        ("一2", "市发展改革委", "lead"), ("一2", "市财政局", "support")]


def test_first_listed_leads_notice_carried_by_下同():
    text = ("一、任务\n1.推进A。（国家发展改革委、财政部按职责分工负责，列第一位者为牵头部门，下同）\n"
            "2.推进B。（教育部、人力资源社会保障部按职责分工负责）\n")
    assert [(i, s, r) for i, _, s, r in rows(text)] == [
        ("一1", "国家发展改革委", "lead"), ("一1", "财政部", "joint"),
        ("一2", "教育部", "lead"), ("一2", "人力资源社会保障部", "joint")]


def test_clause_carried_over_by_下同():
    text = "一、任务\n1.推进A。（由市财政局负责，下同）\n2.推进B。\n3.推进C。（由市商务局负责）\n"
    plan = parse_text(text)
    assert [(i.label, [(a.surface, a.role.value) for u in i.units for a in u.clause.assignments],
             [u.clause.form for u in i.units]) for i in plan.items] == [
        ("一1", [("市财政局", "responsible")], ["bracket"]),
        ("一2", [("市财政局", "responsible")], ["carried"]),
        ("一3", [("市商务局", "responsible")], ["bracket"])]


# -- writing artefacts ----------------------------------------------------------------------------

def test_stray_spaces_inside_names():
    assert one("（由自治 区农牧厅负责，自治区 质监局配合）") == [
        ("自治区农牧厅", "responsible"), ("自治区质监局", "support")]


def test_traditional_characters():
    plan = parse_text(f"{HEAD}1.推進品質工作。（由自治區農牧業廳、質監局按職責分工負責，自治區商務廳配合）\n")
    assert [(a.surface, a.role.value, a.department.name) for a in plan.assignments] == [
        ("自治區農牧業廳", "joint", "自治区农牧业厅"),
        ("自治區質監局", "joint", "自治区质量技术监督局"),
        ("自治區商務廳", "support", "自治区商务厅")]


@pytest.mark.parametrize("clause", [
    "（由省质监局及省工商局负责）", "（由省质监局和省工商局负责）", "（由省质监局、省工商局负责）",
])
def test_及_and_和_join_names(clause):
    assert one(clause) == [("省质监局", "joint"), ("省工商局", "joint")]


def test_和_inside_a_name_does_not_split_it():
    assert one("（由省发展和改革委员会、人力资源和社会保障厅负责）") == [
        ("省发展和改革委员会", "joint"), ("省人力资源和社会保障厅", "joint")]


def test_page_break_inside_a_sentence_is_joined():
    text = f"{HEAD}1.鼓励大众创业、万\n\n　　众创新，推动产业集聚。（由自治区科技厅负责）\n2.推进。（由自治区财政厅负责）\n"
    assert [(i, t) for i, t, _, _ in rows(text)] == [
        ("一1", "鼓励大众创业、万众创新，推动产业集聚。"), ("一2", "推进。")]


# -- scope and structure --------------------------------------------------------------------------

def test_two_clauses_make_two_units_of_one_item():
    text = f"{HEAD}（一）农产品合格率达到96%。（由自治区农牧业厅负责）\n\n工业产品合格率达到90%。（由自治区质监局负责）\n"
    plan = parse_text(text)
    (item,) = plan.items
    assert [(u.number, u.text, u.clause.assignments[0].surface) for u in item.units] == [
        (1, "农产品合格率达到96%。", "自治区农牧业厅"), (2, "工业产品合格率达到90%。", "自治区质监局")]


def test_two_clauses_inside_one_paragraph():
    text = f"{HEAD}1.推进A，落实B（由省财政厅负责）；推进C（由省商务厅牵头，省财政厅配合）。\n"
    assert rows(text) == [
        ("一1", "推进A，落实B", "省财政厅", "responsible"),
        ("一1", "推进C", "省商务厅", "lead"), ("一1", "推进C", "省财政厅", "support")]


def test_department_named_twice_keeps_both_and_is_reported():
    text = f"{HEAD}1.推进。（由自治区质监局牵头，自治区工商局、质监局配合）\n"
    assert [(s, r) for *_, s, r in rows(text)] == [
        ("自治区质监局", "lead"), ("自治区工商局", "support"), ("自治区质监局", "support")]
    assert codes(text) == ["department-twice"]


def test_targets_and_tasks_and_narrative():
    text = ("一、工作目标\n（一）合格率达到96%。（由省质监局负责）\n二、主要任务\n（一）实施质量战略。\n"
            "1.推进A。（由省财政厅负责）\n（二）保障措施。\n1.推进B。（由省教育厅负责）\n三、工作要求\n（一）加强领导。\n各地区要高度重视。\n")
    plan = parse_text(text)
    assert [(i.label, i.kind.value) for i in plan.items] == [
        ("一（一）", "target"), ("二（一）1", "task"), ("二（二）1", "task")]
    assert [(s.label, s.kind) for s in plan.sections] == [
        ("一", "target"), ("二", "task"), ("二（一）", "task"), ("二（二）", "task"),
        ("三", "narrative"), ("三（一）", "narrative")]
    assert plan.sections[-1].text == "加强领导。各地区要高度重视。"


# -- forms seen in other provinces, cities and counties ----------------------------------------------

def test_party_committee_prefix_省委():
    plan = parse_text(f"{HEAD}1.加强宣传。（省委宣传部牵头，省委办公厅配合）\n", source="t")
    assert [(a.surface, a.role.value, a.department.body) for a in plan.assignments] == [
        ("省委宣传部", "lead", "党委宣传部"), ("省委办公厅", "support", "党委办公厅")]
    assert not [d for d in plan.diagnostics if d.code == "unresolved-name"]


def test_lead_marked_inside_a_list():
    assert one("（责任单位：省发展改革委（牵头）、省财政厅、省商务厅）") == [
        ("省发展改革委", "lead"), ("省财政厅", "support"), ("省商务厅", "support")]


def test_会同_after_the_lead():
    assert one("（由省发展改革委牵头，会同省财政厅、省商务厅组织实施）") == [
        ("省发展改革委", "lead"), ("省财政厅", "support"), ("省商务厅", "support")]


def test_clause_before_the_text():
    assert rows(f"{HEAD}1.（牵头单位：省发改委）推进放管服改革。\n") == [
        ("一1", "推进放管服改革。", "省发改委", "lead")]


def test_a_collective_of_levels_is_one_name():
    # 各市、县（市、区）人民政府 is one collective (every city and county government), kept as written
    assert one("（省发展改革委、省财政厅，各市、县（市、区）人民政府负责）") == [
        ("省发展改革委", "joint"), ("省财政厅", "joint"), ("各市、县（市、区）人民政府", "joint")]


def test_clause_as_the_last_sentence_without_brackets():
    assert rows(f"{HEAD}1.全面落实河长制。县水利局牵头，县环保局配合。\n") == [
        ("一1", "全面落实河长制。", "县水利局", "lead"), ("一1", "全面落实河长制。", "县环保局", "support")]


def test_a_sentence_that_only_mentions_a_role_is_not_a_clause():
    assert rows("一、工作要求\n（一）加强领导。各地要推进工作，由各级政府负责组织实施。\n") == []


def test_fields_separated_by_spaces_on_one_line():
    plan = parse_text(f"{HEAD}1.推进F。责任单位：县发改局 责任人：张三 完成时限：2019年12月底\n")
    (unit,) = plan.units
    assert [(a.surface, a.role.value) for a in unit.clause.assignments] == [("县发改局", "responsible")]
    assert [o.name for o in unit.clause.officials] == ["张三"]
    assert unit.clause.deadline == "2019年12月底"


def test_table_with_deadline_and_official_columns():
    text = "序号 工作任务 责任单位 完成时限\n1 推进A工作。 市发改委 2019年底\n2 推进 B 工作。 市财政局、市商务局 长期坚持\n"
    plan = parse_text(text)
    assert [(i.text, [(a.surface, a.role.value) for a in i.units[0].clause.assignments], i.units[0].clause.deadline)
            for i in plan.items] == [
        ("推进A工作。", [("市发改委", "responsible")], "2019年底"),
        ("推进B工作。", [("市财政局", "joint"), ("市商务局", "joint")], "长期坚持")]


def test_first_leads_notice_in_a_bracket_under_the_title():
    text = "某市重点工作任务分工方案\n（排在第一位的为牵头单位）\n一、重点任务\n1.推进A。（市发改委、市财政局、市商务局）\n"
    assert [(s, r) for *_, s, r in rows(text)] == [("市发改委", "lead"), ("市财政局", "support"), ("市商务局", "support")]


def test_state_council_style():
    text = ("国务院关于落实《政府工作报告》重点工作部门分工的意见\n一、推进结构性改革\n"
            "（一）推进A。（发展改革委、工业和信息化部牵头，财政部、人民银行、国务院国资委等按职责分工负责）\n"
            "（二）推进B。（中央网信办、公安部负责，2019年底前完成）\n")
    plan = parse_text(text)
    assert plan.jurisdiction is not None and plan.jurisdiction.name == "国家"
    assert [(a.surface, a.role.value, a.department.name) for a in plan.assignments] == [
        ("发展改革委", "lead", "国家发展和改革委员会"), ("工业和信息化部", "lead", "工业和信息化部"),
        ("财政部", "joint", "财政部"), ("人民银行", "joint", "中国人民银行"),
        ("国务院国资委", "joint", "国务院国有资产监督管理委员会"),
        ("中央网信办", "joint", "中央网络安全和信息化委员会办公室"), ("公安部", "joint", "公安部")]
    assert plan.units[1].clause.deadline == "2019年底前完成"


def test_other_province_resolves_by_its_own_jurisdiction():
    plan = parse_text("浙江省贯彻落实质量强省分工方案\n一、任务\n1.推进。（省发改委牵头，省市场监管局配合）\n")
    assert [a.department.name for a in plan.assignments] == ["浙江省发展和改革委员会", "浙江省市场监督管理局"]
    plan = parse_text("杭州市重点工作分工方案\n一、任务\n1.推进。（市商务局牵头，市财政局、人民银行杭州中心支行配合）\n")
    assert [a.department.name for a in plan.assignments] == ["杭州市商务局", "杭州市财政局", "中国人民银行杭州中心支行"]


def test_names_in_their_own_right_take_no_list_prefix():
    assert one("（由自治区工业和信息化厅牵头，自治区财政厅、包钢集团、内蒙古大学、包头稀土高新区管委会、省级有关部门配合）") == [
        ("自治区工业和信息化厅", "lead"), ("自治区财政厅", "support"), ("包钢集团", "support"),
        ("内蒙古大学", "support"), ("包头稀土高新区管委会", "support"), ("省级有关部门", "support")]


def test_市政法委_is_市_plus_政法委_and_市政府_is_市_plus_政府():
    assert one("（由市政法委、政府督查室负责，市政府办公室配合）") == [
        ("市政法委", "joint"), ("市政府督查室", "joint"), ("市政府办公室", "support")]


@pytest.mark.parametrize("clause, expected", [
    ("（各市、县（市、区）人民政府负责，省有关部门指导）",
     [("各市、县（市、区）人民政府", "responsible"), ("省有关部门", "support")]),
    ("（市发改委主办，市财政局协办）", [("市发改委", "lead"), ("市财政局", "support")]),
    ("（由省教育厅负责指导，各市落实）", [("省教育厅", "responsible"), ("各市", "responsible")]),
])
def test_指导_主办_落实(clause, expected):
    assert one(clause) == expected


def test_national_bodies_keep_the_national_word_the_plan_uses():
    plan = parse_text("国务院关于某项工作分工的意见\n一、任务\n1.推进。（全国妇联、全国总工会、国家统计局负责）\n")
    assert [a.department.name for a in plan.assignments] == ["全国妇女联合会", "全国总工会", "国家统计局"]


@pytest.mark.parametrize("clause", [
    "（牵头：省发展改革委；配合：省财政厅、省商务厅）",
    "\n牵头：省发展改革委\n配合：省财政厅、省商务厅",
])
def test_short_field_labels_牵头_and_配合(clause):
    assert one(clause) == [("省发展改革委", "lead"), ("省财政厅", "support"), ("省商务厅", "support")]


# -- field labels as a grammar (forms met in real plans) ---------------------------------------

@pytest.mark.parametrize("lines, expected", [
    ("牵头责任单位：市发展改革委\n协同责任单位：市财政局、市商务局",
     [("市发展改革委", "lead"), ("市财政局", "support"), ("市商务局", "support")]),
    ("省牵头单位：省教育厅\n省配合单位：省财政厅", [("省教育厅", "lead"), ("省财政厅", "support")]),
    ("牵头负责部门：县发改局", [("县发改局", "lead")]),
    ("主办单位：县城投公司，协办单位：县住建局、凤城镇。", [("县城投公司", "lead"), ("县住建局", "support"), ("凤城镇", "support")]),
])
def test_field_labels_read_by_their_grammar(lines, expected):
    assert one(f"\n{lines}") == expected


def test_a_person_field_is_an_official_and_not_part_of_the_unit_text():
    plan = parse_text(f"{HEAD}1.地区生产总值增长6%。\n牵头负责领导：张某。\n牵头责任单位：市发展改革委。\n"
                      "协同责任单位：市统计局等，各县、市、区政府。\n")
    (unit,) = plan.units
    assert unit.text == "地区生产总值增长6%。"
    assert [(a.surface, a.role.value) for a in unit.clause.assignments] == [
        ("市发展改革委", "lead"), ("市统计局", "support"), ("各县、市、区政府", "support")]
    assert [(o.name, o.title) for o in unit.clause.officials] == [("张某", "牵头负责领导")]


def test_a_field_that_holds_a_clause():
    assert one("\n分管领导：副省长张某\n部门分工：省科技厅牵头，省财政厅、省教育厅配合。") == [
        ("省科技厅", "lead"), ("省财政厅", "support"), ("省教育厅", "support")]


def test_a_lead_named_inside_a_responsible_field():
    assert one("（责任单位：市发改委、市工信局牵头，市财政局、市商务局）") == [
        ("市发改委", "lead"), ("市工信局", "lead"), ("市财政局", "support"), ("市商务局", "support")]


@pytest.mark.parametrize("clause, expected", [
    ("（市农业农村局牵头，市林业局按职责配合）", [("市农业农村局", "lead"), ("市林业局", "support")]),
    ("（市教育局、市卫健委分别牵头）", [("市教育局", "lead"), ("市卫健委", "lead")]),
    ("（市生态环境局牵头，市水务局参与，各区政府负责落实）",
     [("市生态环境局", "lead"), ("市水务局", "support"), ("各区政府", "support")]),
])
def test_role_words_met_in_real_plans(clause, expected):
    assert one(clause) == expected


# -- what names a list holds, and what they share -----------------------------------------------

@pytest.mark.parametrize("clause, expected", [
    # a tail in the middle of a list, before another group
    ("（区发改局牵头，区财政局、区水务局等部门，区城投公司、各街道办事处配合）",
     [("区发改局", "lead"), ("区财政局", "support"), ("区水务局", "support"), ("区城投公司", "support"),
      ("各街道办事处", "support")]),
    ("（发展改革委牵头，财政部、银保监会等国务院相关部门按职责分工负责）",
     [("发展改革委", "lead"), ("财政部", "joint"), ("银保监会", "joint")]),
    # never a doubled prefix: 市卫生健康委等 carries its own 市
    ("（责任单位：市防控办、市卫生健康委等，各县（市、区）政府）",
     [("市防控办", "joint"), ("市卫生健康委", "joint"), ("各县（市、区）政府", "joint")]),
    # a name that names its own place takes no prefix and ends the list's prefix
    ("\n牵头单位：区财政局\n责任单位：立山经济开发区，各街道，税务局",
     [("区财政局", "lead"), ("立山经济开发区", "support"), ("各街道", "support"), ("税务局", "support")]),
    ("（区交通局牵头，区发改局、西湖风景名胜区管委会、沈阳铁路局、相关乡镇办配合）",
     [("区交通局", "lead"), ("区发改局", "support"), ("西湖风景名胜区管委会", "support"),
      ("沈阳铁路局", "support"), ("相关乡镇办", "support")]),
    # a suffix shared over a list of places
    ("（省发展改革委牵头，嘉兴、湖州、绍兴市政府配合）",
     [("省发展改革委", "lead"), ("嘉兴市政府", "support"), ("湖州市政府", "support"), ("绍兴市政府", "support")]),
    # a collective of levels, and the members of a body's 各…
    ("（省发展改革委牵头，省政府各部门、各直属机构配合）",
     [("省发展改革委", "lead"), ("省政府各部门", "support"), ("省政府各直属机构", "support")]),
    ("（责任单位：区政府办、区商务局等数字经济工作领导小组成员单位，各街道）",
     [("区政府办", "joint"), ("区商务局", "joint"), ("数字经济工作领导小组成员单位", "joint"), ("各街道", "joint")]),
    # an alias in brackets, a youth-league committee
    ("（区委宣传部牵头，区民政局（区委社会工委）、团区委、区妇联配合）",
     [("区委宣传部", "lead"), ("区民政局（区委社会工委）", "support"), ("团区委", "support"), ("区妇联", "support")]),
])
def test_names_as_the_plan_means_them(clause, expected):
    assert one(clause) == expected


def test_a_post_is_never_a_department():
    plan = parse_text(f"{HEAD}1.推进。（分管副市长、市发改委负责）\n")
    (unit,) = plan.units
    assert [(a.surface, a.role.value) for a in unit.clause.assignments] == [("市发改委", "responsible")]
    assert [o.name for o in unit.clause.officials] == ["分管副市长"]
    assert "person-not-department" in [d.code for d in plan.diagnostics]


def test_pinyin_glosses_are_not_part_of_a_name():
    plan = parse_text(f"{HEAD}1.嚴格執行農(nóng)藥殘留標準。(區(qū)農業農村局負責)\n")
    (unit,) = plan.units
    assert unit.text == "嚴格執行農(nóng)藥殘留標準。"
    assert [(a.surface, a.role.value) for a in unit.clause.assignments] == [("區農業農村局", "responsible")]


def test_a_field_under_a_label_with_no_role_is_a_note():
    assert one("（牵头领导：张某，牵头单位：市发改委，责任单位：市经信局；数据提供单位：市统计局）") == [
        ("市发改委", "lead"), ("市经信局", "support")]

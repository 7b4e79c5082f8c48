"""Layouts real plans arrive in, each on a short plan written for the test.

Plans are copied out of PDFs, news pages and Word tables before they reach fengong: on one line,
with stray spaces, as tables flattened to text, with ?? where an indent was. Each test states the
rows the parser must produce: (item label, unit text, surface name, role), and, for the offsets,
that every unit still points at its own characters in the original text.
"""

from __future__ import annotations

import pytest

from helpers import codes, rows
from fengong import parse_text


def units_point_at_their_text(text: str) -> None:
    plan = parse_text(text)
    for unit in plan.units:
        assert "".join(text[unit.span.start: unit.span.end].split())[:4] == unit.text[:4]
        for a in unit.clause.assignments:
            assert "".join(text[a.span.start: a.span.end].split()) == a.written


# -- text on one line --------------------------------------------------------------------------

ONE_LINE = ("某市2024年营商环境若干措施 为优化营商环境，制定以下措施。 一、提升政务服务 (一)压缩审批时限 "
            "1.推行承诺审批，时限压减一半。(责任单位:市 行政审批局、市场监管局) "
            "2.推进证照 分离改革。(责任单位:市市场监管局) (二)优化纳税服务 "
            "3.推广电子税务局。(市税务局牵头,市财政局配合)")


def test_a_whole_plan_on_one_line_is_split_at_its_numbers():
    assert rows(ONE_LINE) == [
        ("一（一）1", "推行承诺审批，时限压减一半。", "市行政审批局", "joint"),
        ("一（一）1", "推行承诺审批，时限压减一半。", "市市场监管局", "joint"),
        ("一（一）2", "推进证照分离改革。", "市市场监管局", "responsible"),
        ("一（二）3", "推广电子税务局。", "市税务局", "lead"),
        ("一（二）3", "推广电子税务局。", "市财政局", "support"),
    ]
    units_point_at_their_text(ONE_LINE)


def test_numbers_inside_a_sentence_are_not_items():
    text = "一、任务\n1.新增学位2.5万个，建成 3 所学校，覆盖 1 万人。（市教育局负责）\n"
    assert [(i, s) for i, _, s, _ in rows(text)] == [("一1", "市教育局")]


def test_items_run_together_on_one_line():
    text = "一、任务\n1.推进甲项工作。（市发改委负责）2.推进乙项工作。（市财政局负责）3.推进丙项工作。（市商务局负责）\n"
    assert [(i, u, s) for i, u, s, _ in rows(text)] == [
        ("一1", "推进甲项工作。", "市发改委"), ("一2", "推进乙项工作。", "市财政局"), ("一3", "推进丙项工作。", "市商务局")]


def test_field_lines_on_one_line_after_spaces():
    text = "一、任务 1.建设智慧社区。 牵头单位：区民政局 配合单位：区财政局、各街道 2.建设养老驿站。 牵头单位：区民政局\n"
    assert rows(text) == [
        ("一1", "建设智慧社区。", "区民政局", "lead"), ("一1", "建设智慧社区。", "区财政局", "support"),
        ("一1", "建设智慧社区。", "各街道", "support"), ("一2", "建设养老驿站。", "区民政局", "lead")]


def test_mojibake_indent_is_read_as_white_space_with_a_warning():
    text = "一、任务\n??1.推广电子证照。（区政务服务局负责）\n??2.推行一网通办。（区大数据中心负责）\n"
    assert [(i, u, s) for i, u, s, _ in rows(text)] == [
        ("一1", "推广电子证照。", "区政务服务局"), ("一2", "推行一网通办。", "区大数据中心")]
    assert codes(text).count("mojibake") == 1


def test_a_page_number_between_lines_is_dropped():
    text = "一、任务\n1.推进老旧小区改造，\n- 3 -\n完成改造100个。（市住建局负责）\n"
    assert rows(text) == [("一1", "推进老旧小区改造，完成改造100个。", "市住建局", "responsible")]


# -- tables flattened to text -----------------------------------------------------------------

def test_letter_spaced_table_header_and_rows_of_cells():
    text = ("附件\n重点任务分工表\n序号 工 作 任 务 牵头负责部门\n1 城镇新增就业5万人 市人社局\n"
            "2 新建 公园 3 个 市城管局\n")
    assert rows(text) == [("1", "城镇新增就业5万人", "市人社局", "lead"), ("2", "新建公园3个", "市城管局", "lead")]


def test_table_printed_one_cell_per_line():
    text = "序号\n重点工作\n牵头单位\n配合单位\n完成时限\n1\n新建公办幼儿园2所。\n区教育局\n区住建局、区财政局\n2024年9月底前\n2\n新增托位300个。\n区卫健局\n\n年底前\n"
    plan = parse_text(text)
    assert rows(text) == [
        ("1", "新建公办幼儿园2所。", "区教育局", "lead"), ("1", "新建公办幼儿园2所。", "区住建局", "support"),
        ("1", "新建公办幼儿园2所。", "区财政局", "support"), ("2", "新增托位300个。", "区卫健局", "lead")]
    assert [u.clause.deadline for u in plan.units] == ["2024年9月底前", "年底前"]


def test_pipe_table_one_row_per_line():
    text = ("序号 | 民生实事 | 实施计划 | 责任单位 | 配合单位 |\n"
            "1 | 新增停车位500个。 | 1.6月底前完成选址 2.年底前建成 | 交通局 | 城管局、各街道 |\n")
    assert rows(text) == [
        ("1", "新增停车位500个。1.6月底前完成选址2.年底前建成", s, r)
        for s, r in [("交通局", "responsible"), ("城管局", "support"), ("各街道", "support")]]


def test_pipe_table_one_cell_per_line_with_a_number_in_a_cell():
    text = "|\n序号 |\n项目名称 |\n投资（万元） |\n责任单位 |\n|\n1 |\n新建社区食堂 |\n300 |\n民政局 |\n|\n2 |\n改造农贸市场 |\n450 |\n商务局 |\n"
    assert rows(text) == [("1", "新建社区食堂300", "民政局", "responsible"), ("2", "改造农贸市场450", "商务局", "responsible")]


def test_table_rows_without_numbers_and_marked_numbers():
    text = "任务 牵头单位 配合单位\n推进数字乡村建设 县农业农村局 县财政局\n1* 推进电商进村 县商务局 县邮政公司\n"
    assert rows(text) == [
        ("1", "推进数字乡村建设", "县农业农村局", "lead"), ("1", "推进数字乡村建设", "县财政局", "support"),
        ("1", "推进电商进村", "县商务局", "lead"), ("1", "推进电商进村", "县邮政公司", "support")]


def test_table_with_a_scoring_column_and_merged_cells():
    # 评分部门 names who scores the task, not who does it; row 2's indicator cell is merged into row 1's
    text = ("序号\n考核指标\n考核内容\n年度目标\n责任部门\n评分部门\n1\n粮食生产\n播种面积\n稳定\n县农业农村局\n县水利局\n市农业农村局\n"
            "2\n总产量\n增长\n县农业农村局\n市统计局\n")
    assert rows(text) == [
        ("1", "粮食生产播种面积稳定", "县农业农村局", "joint"), ("1", "粮食生产播种面积稳定", "县水利局", "joint"),
        ("2", "总产量增长", "县农业农村局", "responsible")]


def test_table_with_a_person_and_a_deadline_column():
    text = "序号 | 重点工作 | 责任领导 | 责任单位 | 完成时限 |\n1 | 盘活存量土地400亩。 | 张某 | 规划建设局 | 全年 |\n"
    plan = parse_text(text)
    (unit,) = plan.units
    assert [(a.surface, a.role.value) for a in unit.clause.assignments] == [("规划建设局", "responsible")]
    assert [o.name for o in unit.clause.officials] == ["张某"]
    assert unit.clause.deadline == "全年"


# -- paragraphs ---------------------------------------------------------------------------------

def test_units_under_a_heading_start_after_it():
    text = ("一、扩大有效需求\n（一）稳定和扩大消费。\n开展消费促进月活动。（市商务局牵头，市财政局按职责分工负责）\n"
            "发展夜间经济。（市文旅局牵头，各区政府按职责分工负责）\n")
    assert [(i, u, s, r) for i, u, s, r in rows(text)] == [
        ("一（一）", "开展消费促进月活动。", "市商务局", "lead"), ("一（一）", "开展消费促进月活动。", "市财政局", "joint"),
        ("一（一）", "发展夜间经济。", "市文旅局", "lead"), ("一（一）", "发展夜间经济。", "各区政府", "joint")]


def test_a_news_page_quoting_items_without_numbers():
    text = ("本报讯 近日，省政府办公厅印发分工方案，其中明确： 推进全省数据中心集群建设，带动产业发展。 "
            "分管领导：副省长张某 部门分工：省发展改革委牵头，省工业和信息化厅、省通信管理局配合。\n")
    assert rows(text) == [
        ("¶1", "推进全省数据中心集群建设，带动产业发展。", s, r)
        for s, r in [("省发展改革委", "lead"), ("省工业和信息化厅", "support"), ("省通信管理局", "support")]]


def test_a_label_line_after_a_field_is_not_read_as_its_names():
    text = ("一、任务\n1.开展志愿服务活动\n责任单位：市文明办（牵头单位）、团市委、妇联\n具体工作：组织志愿者进社区，开展宣传活动。\n")
    assert rows(text) == [
        ("一1", "开展志愿服务活动", "市文明办", "lead"), ("一1", "开展志愿服务活动", "团市委", "support"),
        ("一1", "开展志愿服务活动", "市妇联", "support")]


def test_an_item_opening_with_the_body_that_does_it():
    text = "一、分工\n（一）市公安局。负责户籍管理一体化调研，形成报告。\n（二）市教育局。负责教育资源共享调研。\n"
    assert rows(text) == [
        ("一（一）", "市公安局。负责户籍管理一体化调研，形成报告。", "市公安局", "responsible"),
        ("一（二）", "市教育局。负责教育资源共享调研。", "市教育局", "responsible")]


def test_table_row_whose_cell_holds_numbered_tasks_with_starred_leads():
    # a merged 项目 cell, then numbered tasks, each with its own 责任单位 cell; ★ marks the lead
    text = ("序号\n|\n项目\n|\n重点工作\n|\n牵头领导\n|\n责任单位\n|\n1\n|\n预期目标\n|\n1.地区生产总值增长5%。\n|\n"
            "张 某\n|\n★区发改委、统计局\n|\n2.一般公共预算收入增长6%。\n|\n★区财政局、税务局\n|\n")
    assert rows(text) == [
        ("1.1", "地区生产总值增长5%。", "区发改委", "lead"), ("1.1", "地区生产总值增长5%。", "区统计局", "support"),
        ("1.2", "一般公共预算收入增长6%。", "区财政局", "lead"), ("1.2", "一般公共预算收入增长6%。", "区税务局", "support")]


def test_one_line_notice_then_parts_numbered_after_spaces():
    text = ("某县人民政府办公室关于印发重点工作责任分解的通知 各镇人民政府： 现印发给你们。 重点工作责任分解 "
            "一、县长牵头重点工作 1.生产总值增长7%。 责任单位：县发改局（首位单位为牵头单位，下同）、县统计局 "
            "2.节约一切开支。 责任单位：县财政局\n")
    assert rows(text) == [
        ("一1", "生产总值增长7%。", "县发改局", "lead"), ("一1", "生产总值增长7%。", "县统计局", "support"),
        ("一2", "节约一切开支。", "县财政局", "responsible")]


def test_fields_in_one_bracket_separated_by_spaces_stay_one_clause():
    text = "一、任务\n1.提高流通效能。(牵头单位:市商务局  责任单位:市编办、市发改委)\n"
    assert [(s, r) for *_, s, r in rows(text)] == [("市商务局", "lead"), ("市编办", "support"), ("市发改委", "support")]


def test_a_plan_written_as_prose():
    # a news page with no clause of any form: sentences that open with the body that does them
    text = ("本报讯 我市开展安全生产专项整治。市公安局牵头，负责组织开展道路交通领域的整治工作。"
            "市教育局牵头，负责组织开展校园安全领域的整治工作。\n")
    assert [(u[:6], s, r) for _, u, s, r in rows(text)] == [("市公安局牵头", "市公安局", "lead"), ("市教育局牵头", "市教育局", "lead")]


@pytest.mark.parametrize("text", [
    "一、分工\n（一）市公安局。负责户籍管理一体化调研。\n",
    "一、分工\n（一）市编办牵头的工作\n1.推进机构改革。\n2.推进乡镇改革。\n协同单位：市财政局。\n",
    "本报讯 市公安局牵头，负责道路交通整治。市教育局牵头，负责校园安全整治。\n",
    "序号 | 任务 | 牵头单位 |\n1 | 推进A | 市发改委 |\n",
])
def test_graphs_of_the_new_forms_conform_to_the_shapes(tmp_path, text):
    from helpers import assert_valid
    from fengong.rdf import plan_graph, to_turtle
    plan = parse_text(text, source="plan.txt")
    assert plan.assignments
    path = tmp_path / "graph.ttl"
    path.write_text(to_turtle(plan_graph(plan)), encoding="utf-8")
    assert_valid(path)

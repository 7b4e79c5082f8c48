"""Department names researchers can cite: the official full name of each body, at the plan's date.

Each case is a name as plans write it and the name the body itself uses; the plans are short
fixtures written for the test, in the forms real plans take (a covering notice with its document
number, an issuer's signature, a clause).
"""

from __future__ import annotations

import json

import pytest

from click.testing import CliRunner

from fengong import parse_text
from fengong.cli import main
from fengong.parse.gazetteer import gazetteer
from fengong.rdf import to_turtle

IM = "内蒙古自治区"


def names(text: str) -> dict[str, str]:
    """surface → canonical name of every assignment of a plan."""
    return {a.surface: a.department.name for a in parse_text(text, source="t.txt").assignments}


def clause_plan(head: str, clause: str, tail: str = "") -> str:
    return f"{head}\n一、主要任务\n1.推进质量工作。（{clause}）\n{tail}"


# -- the sample plan (内蒙古, 2016) --------------------------------------------------------------

SAMPLE_OFFICIAL = [
    ("内蒙古银监局", "中国银行业监督管理委员会内蒙古监管局"),
    ("内蒙古证监局", "中国证券监督管理委员会内蒙古监管局"),
    ("内蒙古保监局", "中国保险监督管理委员会内蒙古监管局"),
    ("内蒙古出入境检验检疫局", "内蒙古出入境检验检疫局"),
    ("人民银行呼和浩特中心支行", "中国人民银行呼和浩特中心支行"),
    ("内蒙古国税局", IM + "国家税务局"),  # 2016: before the tax services merged
    ("自治区法制办", IM + "人民政府法制办公室"),
    ("自治区金融办", IM + "人民政府金融工作办公室"),
    ("自治区党委宣传部", "中共内蒙古自治区委员会宣传部"),
    ("自治区党委组织部", "中共内蒙古自治区委员会组织部"),
    ("自治区质监局", IM + "质量技术监督局"),
]


@pytest.mark.parametrize(("surface", "official"), SAMPLE_OFFICIAL)
def test_the_sample_names_each_body_by_its_official_name(sample, surface, official):
    found = {a.department.name for a in sample.assignments if a.surface == surface}
    assert found == {official}


def test_the_sample_zone_committees_are_collectives_not_bodies_of_a_made_up_place(sample):
    """由产业聚集区、技术开发区、出口加工区管委会…牵头: the committees of every such zone of the region."""
    zones = {a.department for a in sample.assignments if a.surface.endswith("区管委会")}
    assert {d.name for d in zones} == {IM + "产业聚集区管委会", IM + "技术开发区管委会", IM + "出口加工区管委会"}
    assert {d.kind for d in zones} == {"collective"}


# -- a city plan (my own fixture, in the form of a Hangzhou notice) -----------------------------

HANGZHOU = """杭州市人民政府办公厅关于印发数字经济工作分工方案的通知
各区、县（市）人民政府，市政府各部门、各直属单位：
一、主要任务
1.推进网络安全工作。（由市委网信办牵头，市数据资源局、市委改革办配合）
2.推进县域经济发展。（由各区、县（市）政府负责）
3.做好税收工作。（由市国税局负责）
杭州市人民政府办公厅
{date}
"""


def test_a_city_plan_names_party_offices_and_its_data_bureau_as_they_are():
    found = names(HANGZHOU.format(date="2019年3月1日"))
    assert found["市委网信办"] == "中共杭州市委网络安全和信息化委员会办公室"
    assert found["市委改革办"] == "中共杭州市委全面深化改革委员会办公室"
    assert found["市数据资源局"] == "杭州市数据资源管理局"  # never another body (杭州市大数据局)
    assert found["市国税局"] == "国家税务总局杭州市税务局"  # 2019: one tax service since June 2018


def test_the_same_words_name_the_body_of_the_plans_date():
    found = names(HANGZHOU.format(date="2016年3月1日"))
    assert found["市委网信办"] == "中共杭州市委网络安全和信息化领导小组办公室"
    assert found["市委改革办"] == "中共杭州市委全面深化改革领导小组办公室"
    assert found["市国税局"] == "杭州市国家税务局"


def test_a_list_of_local_governments_stays_a_collective_of_the_city():
    plan = parse_text(HANGZHOU.format(date="2019年3月1日"), source="t.txt")
    [dept] = {a.department for a in plan.assignments if a.surface == "各区、县（市）政府"}
    assert dept.kind == "collective" and dept.jurisdiction.name == "杭州市"
    assert dept.en.startswith("All the local governments") and "Gequ" not in dept.en


# -- one body, one node -------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "same_as"), [
    ("国家税务总局内蒙古自治区税务局", "自治区税务局"),
    ("中国银监会内蒙古监管局", "内蒙古银监局"),
    ("中国人民银行呼和浩特中心支行", "人民银行呼和浩特中心支行"),
    ("人行呼和浩特中心支行", "人民银行呼和浩特中心支行"),
])
def test_short_and_full_forms_of_a_branch_are_one_node(written, same_as):
    g = gazetteer()
    home = g.provinces[IM]
    assert g.resolve(written, home, "2017-01-01").name == g.resolve(same_as, home, "2017-01-01").name


def test_a_national_plan_names_the_state_councils_offices():
    found = names(clause_plan("国务院关于印发重点工作分工的通知", "由侨办、外专局负责"))
    assert (found["侨办"], found["外专局"]) == ("国务院侨务办公室", "国家外国专家局")


# -- the plan's jurisdiction, wherever the plan names it ---------------------------------------

@pytest.mark.parametrize(("head", "tail", "official"), [
    ("关于明确重点工作责任单位的通知\n豫政〔2023〕5号", "", "河南省发展和改革委员会"),  # its document number
    ("关于印发重点工作责任分解的通知", "湖北省人民政府\n2018年1月29日\n", "湖北省发展和改革委员会"),  # its signature
    ("省政府关于重点工作分工的通知\n为推动浙江高质量发展，现将分工明确如下。", "", "浙江省发展和改革委员会"),
])
def test_the_jurisdiction_reaches_the_names_from_anywhere_the_plan_names_it(head, tail, official):
    assert names(clause_plan(head, "由省发改委负责", tail))["省发改委"] == official


def test_a_plan_that_never_names_its_place_keeps_the_name_as_written():
    """No place anywhere: 省发改委 is kept with its level word and warned about, never guessed."""
    plan = parse_text(clause_plan("省政府关于重点工作分工的通知", "由省发改委负责"), source="t.txt")
    [dept] = plan.departments
    assert dept.name == "省发展和改革委员会" and "no jurisdiction" in dept.name_source


# -- where each name comes from -----------------------------------------------------------------

def test_the_departments_query_says_where_each_name_comes_from(sample_graph, tmp_path):
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_text(to_turtle(sample_graph), encoding="utf-8")
    result = CliRunner().invoke(main, ["query", "departments", "--graph", str(graph_file), "--format", "json"])
    rows = {r["department"]["value"]: r["source"]["value"] for r in json.loads(result.stdout)["results"]["bindings"]}
    assert rows["中国银行业监督管理委员会内蒙古监管局"].startswith("gazetteer cbrc-local, its official form; source: ")
    assert rows[IM + "财政厅"] == "gazetteer finance-dept, jurisdiction + body"
    assert rows[IM + "质量强区工作领导小组成员单位"] == "as written: a collective"
    assert all(rows.values())


@pytest.mark.parametrize(("written", "official"), [
    ("滁州经开区管委会", "滁州经济技术开发区管理委员会"),  # named by its zone, not 滁州市 + …
    ("中新苏滁高新区管委会", "中新苏滁高新技术产业开发区管理委员会"),
    ("市人行", "中国人民银行滁州市中心支行"),
    ("市交委", "滁州市交通委员会"),
    ("市经贸委", "滁州市经济贸易委员会"),
])
def test_a_city_plans_zones_branches_and_commissions(written, official):
    assert names(clause_plan("滁州市人民政府关于印发重点工作分工的通知", f"由{written}负责"))[written] == official


def test_a_zone_committee_without_a_name_of_its_own_is_the_committees_of_every_such_zone():
    dept = gazetteer().resolve("开发区管委会", gazetteer().jurisdiction_of("滁州市", None))
    assert dept.kind == "collective"


def test_a_province_implementing_a_state_council_opinion_is_not_the_state_council():
    """The notice quotes 《国务院关于…的意见》 and goes to 各市人民政府，省政府各厅委: a provincial plan."""
    head = "各市人民政府，省政府各厅委、各直属机构：\n为贯彻落实《国务院关于做好就业工作的意见》，结合辽宁实际，提出以下意见："
    assert names(clause_plan(head, "由省发展改革委负责"))["省发展改革委"] == "辽宁省发展和改革委员会"


# -- places by the list of divisions (divisions.tsv) -------------------------------------------

@pytest.mark.parametrize(("head", "tail", "written", "official"), [
    # a district's signature with its city: the district's bodies carry both names
    ("区政府关于印发重点工作目标任务分解的通知", "苏州市吴江区人民政府\n2024年1月25日\n", "区财政局", "苏州市吴江区财政局"),
    # a district named alone: its city comes from its code
    ("蔡甸区人民政府办公室关于印发目标任务责任分解方案的通知", "", "区统计局", "武汉市蔡甸区统计局"),
    # 市 in a district plan is the district's city; 省 its province
    ("蔡甸区人民政府办公室关于印发目标任务责任分解方案的通知", "", "市财政局", "武汉市财政局"),
    ("蔡甸区人民政府办公室关于印发目标任务责任分解方案的通知", "", "省财政厅", "湖北省财政厅"),
    # 市 in a plan of a county-level city is that city, never the city above it (潍坊市)
    ("青州市人民政府关于印发重点工作分工的通知", "", "市发改局", "青州市发展和改革局"),
    # a city plan names a district government: the city's district
    ("广州市人民政府关于印发重点工作分工的通知", "", "南沙区政府", "广州市南沙区人民政府"),
    # a title that opens with its year, and a place said only as 结合淮安实际
    ("2022年六盘水市促进居民增收实施计划", "", "市人社局", "六盘水市人力资源和社会保障局"),
    ("关于进一步帮助市场主体纾困解难的实施细则\n为贯彻落实省政府的若干政策措施（苏政发〔2022〕1号）精神，结合淮安实际，制定如下细则。",
     "", "市工信局", "淮安市工业和信息化局"),
])
def test_a_plans_place_is_known_by_its_division_code(head, tail, written, official):
    assert names(clause_plan(head, f"由{written}负责", tail))[written] == official


def test_a_district_name_several_cities_share_is_not_guessed():
    """鼓楼区 is in four cities: a plan that names no city keeps it as written."""
    j = gazetteer().jurisdiction_of("鼓楼区", None)
    assert (j.name, j.code) == ("鼓楼区", "")
    assert gazetteer().jurisdiction_of("鼓楼区", gazetteer().jurisdiction_of("南京市", None)).name == "南京市鼓楼区"


@pytest.mark.parametrize(("head", "written", "official"), [
    ("浙江省人民政府关于印发重点工作分工的通知", "省大数据局", "浙江省大数据发展管理局"),  # its own name there
    ("河南省人民政府关于印发重点工作分工的通知", "省大数据局", "河南省大数据局"),  # and nowhere else
    ("广东省人民政府关于印发重点工作分工的通知", "省政务服务数据管理局", "广东省政务服务数据管理局"),
    ("广州市人民政府关于印发重点工作分工的通知", "市政务服务和数据管理局", "广州市政务服务和数据管理局"),
    ("河南省人民政府关于印发重点工作分工的通知", "省数据局", "河南省数据局"),  # not the 大数据局
    ("黑龙江省人民政府关于印发重点工作分工的通知", "省物价监管局", "黑龙江省物价监督管理局"),
    ("辽宁省人民政府关于印发重点工作分工的通知", "省沈抚示范区管委会", "辽宁省沈抚改革创新示范区管理委员会"),
])
def test_names_that_differ_by_place_or_by_one_word_are_each_bodys_own(head, written, official):
    assert names(clause_plan(head, f"由{written}负责"))[written] == official

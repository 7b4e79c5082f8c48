"""Departments across time and languages: English names, the reforms' lineage, and the queries on it.

The successor facts are checked against the documents that decided them; each is recorded with its
source in ``ontology/lineage.ttl`` and the test checks the graph cites that source.
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from fengong import parse_text
from fengong.sparql.catalogue import load
from fengong.parse.gazetteer import gazetteer
from fengong.model import History
from fengong.parse.lineage import Lineage, history_of, lineage
from fengong.model import Jurisdiction
from fengong.namespace import FG, ID
from fengong.rdf import department_iri, plan_graph
from fengong.store import OxigraphStore, RdflibStore
from fengong.rdf.validate import validate_graph

IM = "内蒙古自治区"
PLAN = f"{ID}plan/neimenggu-2016-quality-plan"
SC2018 = "《国务院机构改革方案》，第十三届全国人民代表大会第一次会议2018年3月17日批准"
PS2018 = "《深化党和国家机构改革方案》，中共中央2018年3月21日印发"
IM2018 = "《内蒙古自治区机构改革方案》"
PS2023 = "《党和国家机构改革方案》，中共中央、国务院2023年3月16日印发"


def org(name: str) -> URIRef:
    return URIRef(f"{ID}org/{name}")


def home() -> Jurisdiction:
    return gazetteer().provinces[IM]


# -- the successors of the sample's departments, hand-checked against the reform documents ---------

# (name as the sample writes it, today's bodies, the event that first changed it, its date, source)
SAMPLE_SUCCESSORS = [
    ("自治区质监局", [IM + "市场监督管理局"], "2018-nm-market-regulation", "2018", IM2018),
    ("自治区工商局", [IM + "市场监督管理局"], "2018-nm-market-regulation", "2018", IM2018),
    ("自治区食品药品监管局", [IM + "市场监督管理局"], "2018-nm-market-regulation", "2018", IM2018),
    ("内蒙古出入境检验检疫局", ["呼和浩特海关", "满洲里海关"], "2018-nm-entry-exit-inspection", "2018-03-21", PS2018),
    ("内蒙古国税局", ["国家税务总局" + IM + "税务局"], "2018-nm-taxation", "2018-03-21", PS2018),
    ("自治区地税局", ["国家税务总局" + IM + "税务局"], "2018-nm-taxation", "2018-03-21", PS2018),
    ("内蒙古银监局", ["国家金融监督管理总局内蒙古监管局"], "2018-nm-banking-insurance", "2018-03-17", SC2018),
    ("内蒙古保监局", ["国家金融监督管理总局内蒙古监管局"], "2018-nm-banking-insurance", "2018-03-17", SC2018),
    ("自治区环保厅", [IM + "生态环境厅"], "2018-nm-ecology-environment", "2018", IM2018),
    ("自治区农牧业厅", [IM + "农牧厅"], "2018-nm-agriculture", "2018", IM2018),
    ("自治区卫生计生委", [IM + "卫生健康委员会"], "2018-nm-health", "2018", IM2018),
    ("自治区林业厅", [IM + "林业和草原局"], "2018-nm-forestry-grassland", "2018", IM2018),
    ("自治区法制办", [IM + "司法厅"], "2018-nm-justice", "2018", IM2018),
    ("自治区旅游局", [IM + "文化和旅游厅"], "2018-nm-culture-tourism", "2018", IM2018),
    ("自治区经济和信息化委", [IM + "工业和信息化厅"], "2018-nm-industry-it", "2018", IM2018),
    ("自治区金融办", [IM + "地方金融监督管理局"], "2018-nm-local-finance", "2018", IM2018),
    ("人民银行呼和浩特中心支行", ["中国人民银行内蒙古自治区分行"], "2023-nm-central-bank", "2023-03-16", PS2023),
]
UNCHANGED = ["自治区发展改革委", "自治区财政厅", "自治区商务厅", "内蒙古证监局", "呼和浩特海关", "自治区统计局"]


@pytest.mark.parametrize(("name", "today", "event", "date", "source"), SAMPLE_SUCCESSORS)
def test_sample_department_has_its_successor_in_the_graph(sample, sample_graph, name, today, event, date, source):
    g = sample_graph
    dept = org(gazetteer().resolve(name, home()).name)
    assert (dept, RDF.type, FG.Department) in g, f"{name} is not named in the sample"
    assert sorted(g.objects(dept, FG.currentSuccessor)) == sorted(org(t) for t in today)
    e = URIRef(f"{ID}event/{event}")
    assert (dept, ORG.changedBy, e) in g and (e, ORG.originalOrganization, dept) in g
    assert str(g.value(e, DCTERMS.date)) == date
    assert source in str(g.value(e, DCTERMS.source))
    for t in today:  # today's body is labelled in both languages, and is itself current
        assert g.value(org(t), SKOS.prefLabel) == Literal(t, lang="zh")
        assert any(label.language == "en" for label in g.objects(org(t), RDFS.label))
        assert g.value(org(t), FG.currentSuccessor) is None


@pytest.mark.parametrize("name", UNCHANGED)
def test_departments_no_reform_changed_have_no_successor(sample_graph, name):
    dept = org(gazetteer().resolve(name, home()).name)
    assert (dept, RDF.type, FG.Department) in sample_graph
    assert sample_graph.value(dept, FG.currentSuccessor) is None
    assert sample_graph.value(dept, ORG.changedBy) is None


def test_a_chain_of_reforms_ends_today():
    """银监局 → 银保监局 (2018) → 金融监管局 (2023): the successor is the end of the chain."""
    data = lineage()
    cbrc = str(org("中国银行业监督管理委员会内蒙古监管局"))
    assert [e.iri.rsplit("/", 1)[1] for e in data.events_for([cbrc])] == [
        "2018-nm-banking-insurance", "2023-nm-financial-regulation"]
    assert data.current(cbrc) == (str(org("国家金融监督管理总局内蒙古监管局")),)
    assert data.successors("中国银监会内蒙古监管局") == ("国家金融监督管理总局内蒙古监管局",)


@pytest.mark.parametrize(("name", "today"), [
    ("国家质量监督检验检疫总局", ("国家市场监督管理总局", "海关总署")),  # merged, and its border duties moved
    ("银监会", ("国家金融监督管理总局",)),
    ("国务院扶贫办", ("农业农村部",)),  # 2021 国家乡村振兴局, 2023 into 农业农村部
    ("环境保护部", ("生态环境部",)),
    ("国务院法制办", ("司法部",)),
    ("财政部", ()),
])
def test_national_successors(name, today):
    assert lineage().successors(name, gazetteer().provinces["国家"]) == today


def test_every_lineage_body_is_the_node_its_name_resolves_to():
    """A plan naming a body of the lineage (by its canonical name) lands on the lineage's node."""
    data = lineage()
    for iri, name in data.labels.items():
        assert department_iri(gazetteer().resolve(name, None)) == iri, name


def test_every_event_cites_its_date_source_and_what_it_did():
    events = lineage().events
    assert len(events) == 32
    for e in events.values():
        assert e.originals and e.results and "20" in e.source
        assert {language for _, language in e.descriptions} == {"zh", "en"}
        assert e.date_type.endswith(("#date", "#gYear"))
    assert Counter(e.kind for e in events.values()) == {"Merger": 14, "Renaming": 13, "TransferOfDuties": 5}


def test_an_event_without_its_source_is_refused():
    turtle = f"""@prefix org: <http://www.w3.org/ns/org#> . @prefix fg: <https://w3id.org/fengong/ns#> .
    <{ID}event/x> a org:ChangeEvent , fg:Renaming ;
        org:originalOrganization <{ID}org/a> ; org:resultingOrganization <{ID}org/b> ;
        <http://purl.org/dc/terms/date> "2018" ."""
    with pytest.raises(ValueError, match="source"):
        Lineage(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))


# -- a graph carries its lineage ------------------------------------------------------------------


def test_a_later_plan_carries_the_history_of_the_bodies_it_names():
    """A 2022 plan naming 自治区市场监管局 can answer "what did 质监局 become?" on its own graph."""
    plan = parse_text("内蒙古自治区质量工作分工方案\n一、主要任务\n1.推进质量工作。（由自治区市场监管局牵头）\n")
    g = plan_graph(plan)
    amr = org(IM + "市场监督管理局")
    assert (amr, ORG.resultedFrom, URIRef(f"{ID}event/2018-nm-market-regulation")) in g
    qts = org(IM + "质量技术监督局")
    assert g.value(qts, FG.currentSuccessor) == amr
    assert g.value(qts, SKOS.prefLabel) == Literal(IM + "质量技术监督局", lang="zh")
    assert (qts, RDF.type, FG.Department) not in g  # known from the lineage, not named by the plan
    assert validate_graph(g) == []


def test_a_plans_history_is_deterministic_and_only_for_the_named():
    assert history_of([]) == History()
    plan = parse_text("内蒙古自治区方案\n一、主要任务\n1.推进。（由自治区农牧业厅牵头，自治区财政厅配合）\n")
    departments = [a.department for a in plan.assignments]
    assert history_of(departments) == history_of(departments) == plan.history
    assert [e.iri for e in plan.history.events] == [f"{ID}event/2018-nm-agriculture"]
    named = {department_iri(d) for d in departments}
    # a body the plan names is described by the plan; the others (its successor) by the history
    assert all((b.department is None) == (b.iri in named) for b in plan.history.bodies)


def test_a_broken_event_is_caught_by_the_shapes(sample_graph):
    g = plan_graph(parse_text("内蒙古自治区方案\n一、主要任务\n1.推进。（由自治区林业厅牵头）\n"))
    event = URIRef(f"{ID}event/2018-nm-forestry-grassland")
    g.remove((event, DCTERMS.source, None))
    assert [(v.focus, v.path) for v in validate_graph(g)] == [(str(event), str(DCTERMS.source))]


# -- English names -----------------------------------------------------------------------------


def test_every_body_in_the_sample_graph_has_an_english_label_and_a_kind(sample_graph):
    g = sample_graph
    bodies = set(g.subjects(RDF.type, ORG.Organization))
    assert len(bodies) == 39 + 14  # the sample's 39, and 14 bodies of their lineage
    for body in bodies:
        english = [label for label in g.objects(body, RDFS.label) if label.language == "en"]
        assert len(english) == 1, body
        assert "{" not in english[0] and not any("\u4e00" <= c <= "\u9fff" for c in english[0]), english
        assert g.value(body, FG.kind) is not None


@pytest.mark.parametrize(("name", "where", "english"), [
    ("自治区商务厅", IM, "Department of Commerce of Inner Mongolia Autonomous Region"),
    ("自治区质监局", IM, "Bureau of Quality and Technical Supervision of Inner Mongolia Autonomous Region"),
    ("市发展改革委", "杭州市", "Hangzhou Municipal Development and Reform Commission"),
    ("市场监管局", "杭州市", "Hangzhou Municipal Administration for Market Regulation"),
    ("省发改委", "浙江省", "Development and Reform Commission of Zhejiang Province"),
    ("市发展改革委", "北京市", "Beijing Municipal Development and Reform Commission"),
    ("东胜区发改局", IM, "Dongsheng District Development and Reform Bureau"),
    ("鄂尔多斯市财政局", IM, "Ordos Municipal Finance Bureau"),
    ("国家发展改革委", "国家", "National Development and Reform Commission"),
    ("全国总工会", "国家", "All-China Federation of Trade Unions"),
    ("呼和浩特海关", IM, "Hohhot Customs"),
    ("内蒙古出入境检验检疫局", IM, "Inner Mongolia Entry-Exit Inspection and Quarantine Bureau"),
    ("内蒙古银监局", IM, "China Banking Regulatory Commission Inner Mongolia Office"),
    ("人民银行呼和浩特中心支行", IM, "Hohhot Central Sub-branch of the People's Bank of China"),
    ("自治区党委宣传部", IM, "Publicity Department of the CPC Inner Mongolia Autonomous Regional Committee"),
    ("自治区人民政府办公厅", IM, "General Office of the Inner Mongolia Autonomous Regional People's Government"),
    ("产业聚集区管委会", IM, "Administrative Committee of the Industrial Cluster Zone, Inner Mongolia Autonomous Region"),
    ("自治区质量强区工作领导小组成员单位", IM,
     "Member Units of the Leading Group for Building a Quality-Strong Region, Inner Mongolia Autonomous Region"),
    ("自治区某某园区建设领导小组", IM, "Coordination body (某某园区建设领导小组), Inner Mongolia Autonomous Region"),
])
def test_english_names(name, where, english):
    g = gazetteer()
    j = g.provinces.get(where) or g.jurisdiction_of(where, None)
    assert g.resolve(name, j).en == english


def test_a_city_plan_names_its_departments_in_english():
    plan = parse_text("杭州市人民政府关于质量工作的分工方案\n一、主要任务\n1.推进。（由市发展改革委牵头，市财政局配合）\n")
    assert [a.department.en for a in plan.assignments] == [
        "Hangzhou Municipal Development and Reform Commission", "Hangzhou Municipal Finance Bureau"]


# -- the named queries ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stores(sample_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("lineage") / "graph.nt"
    sample_graph.serialize(path, format="nt", encoding="utf-8")
    return OxigraphStore.from_file(path), RdflibStore.from_file(path)


def run(stores, name: str, **params) -> list[dict]:
    """Rows of a named query, identical (as a set) on both embedded engines."""
    query = load(name)
    results = [store.select(query.text, query.bindings(params)) for store in stores]
    assert set(results[0].rows) == set(results[1].rows)
    return results[0].records()


def gold_counts(gold, surfaces: set[str]) -> Counter:
    return Counter(row["role"] for row in gold if row["department"] in surfaces)


def test_workload_today_adds_the_predecessors_up(stores, gold):
    rows = run(stores, "workload-today")
    by_name = {r["agencyName"]: r for r in rows}
    amr = by_name[IM + "市场监督管理局"]
    merged = gold_counts(gold, {"自治区质监局", "自治区工商局", "自治区食品药品监管局"})
    assert (amr["lead"], amr["responsible"], amr["joint"], amr["support"]) == (
        merged["lead"], merged["responsible"], merged["joint"], merged["support"]) == (20, 10, 19, 36)
    assert (amr["accountable"], amr["total"], amr["bodies"]) == (49, 85, 3)
    assert rows[0]["agencyName"] == IM + "市场监督管理局"
    assert amr["agencyEnglish"] == "Administration for Market Regulation of Inner Mongolia Autonomous Region"
    tax = by_name["国家税务总局" + IM + "税务局"]
    assert tax["support"] == sum(gold_counts(gold, {"内蒙古国税局", "自治区地税局"}).values()) == 6
    inspection = sum(gold_counts(gold, {"内蒙古出入境检验检疫局"}).values())
    assert sum(r["total"] for r in rows) == 274 + inspection == 290  # it counts for both customs
    assert IM + "质量技术监督局" not in by_name


def test_workload_today_of_one_plan(stores):
    rows = run(stores, "workload-today", plan=PLAN)
    assert sum(r["total"] for r in rows) == 290
    assert run(stores, "workload-today", plan=f"{ID}plan/no-such-plan") == []


@pytest.mark.parametrize(("asked", "today"), [
    ("自治区质监局", [IM + "市场监督管理局"]),  # a name the plan wrote
    (IM + "质量技术监督局", [IM + "市场监督管理局"]),  # the canonical name
    ("中国银保监会内蒙古监管局", ["国家金融监督管理总局内蒙古监管局"]),  # an official name from the lineage data
    ("内蒙古出入境检验检疫局", ["呼和浩特海关", "满洲里海关"]),
    ("自治区财政厅", [IM + "财政厅"]),  # unchanged: its own successor
    ('"} ; DROP ALL ; {"', []),
])
def test_successor_query(stores, asked, today):
    rows = run(stores, "successor", department=asked)
    assert sorted({r["successorName"] for r in rows}) == today
    assert all(r["changed"] == (r["name"] != r["successorName"]) for r in rows)


def test_successor_query_lists_every_body(stores):
    rows = run(stores, "successor")
    assert len({r["body"] for r in rows}) == 39 + 14
    changed = {r["name"] for r in rows if r["changed"]}
    assert len(changed) == 17 + 2  # the sample's 17 changed departments, and 文化厅, 银保监局 of their lineage

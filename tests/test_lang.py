"""English names (``--lang en``) in the analysis and the network pages: read from the graph, the
same figures as in Chinese, deterministic, and the Chinese default unchanged.

tests/test_browser.py opens an English page in Chromium.
"""

from __future__ import annotations

import csv
import json
import re
import warnings

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDFS, Literal, URIRef

from fengong.analysis import analyse, load_assignments
from fengong.analysis import charts
from fengong.analysis.display import display_in
from fengong.analysis.report import headline
from fengong.cli import main
from fengong.store.labels import english_names
from fengong.namespace import FG
from fengong.rdf import to_turtle
from fengong.store import open_store
from fengong.viz import network_page, page_data
from fengong.viz.views import english_label

ORG = "https://w3id.org/fengong/id/org/"
QTS_IRI = ORG + "内蒙古自治区质量技术监督局"
QTS = "自治区质监局"  # its short name: how the plan names it
DRC_IRI = ORG + "内蒙古自治区发展和改革委员会"
DRC = "自治区发展改革委"
ANALYSIS_FILES = ("workload.csv", "centrality.csv", "sections.csv", "units.csv", "assignments.csv", "summary.csv",
                  "report.md", "load-index.png", "load-index.svg", "department-section.png",
                  "department-section.svg", "coordination.graphml", "coordination.gexf", "support.graphml",
                  "support.gexf")


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def english_of(graph, iri: str) -> str:
    """The body's English label, read from the graph here (not through the code under test)."""
    [label] = [o for o in graph.objects(URIRef(iri), RDFS.label) if isinstance(o, Literal) and o.language == "en"]
    return str(label)


@pytest.fixture(scope="module")
def qts_en(sample_graph) -> str:
    name = english_of(sample_graph, QTS_IRI)
    assert name and name.isascii()
    return name


@pytest.fixture(scope="module")
def store(sample_file):
    return open_store(graph=sample_file)


@pytest.fixture(scope="module")
def result(store):
    return analyse(load_assignments(store))


@pytest.fixture(scope="module")
def page(store):
    return page_data(store)


def analysed(graph, out, *options: str):
    """``fengong analyze`` of ``graph`` into ``out``: its result and the folder."""
    return run("analyze", "--graph", str(graph), "-o", str(out), *options), out


@pytest.fixture(scope="module")
def zh(sample_file, tmp_path_factory):
    return analysed(sample_file, tmp_path_factory.mktemp("zh"))


@pytest.fixture(scope="module")
def en(sample_file, tmp_path_factory):
    return analysed(sample_file, tmp_path_factory.mktemp("en"), "--lang", "en")


@pytest.fixture(scope="module")
def built_en(tmp_path_factory):
    """``fengong build --lang en`` of the sample plan: the analysis and the pages, in English."""
    out = tmp_path_factory.mktemp("built") / "out"
    return run("build", "-o", str(out), "--lang", "en"), out


@pytest.fixture(scope="module")
def edited(sample_graph, tmp_path_factory):
    """The sample graph with the quality bureau's English label edited and the development and
    reform commission's removed: names must come from the graph, whatever built it."""
    graph = sample_graph.__class__()
    for triple in sample_graph:
        graph.add(triple)
    graph.remove((URIRef(QTS_IRI), RDFS.label, None))
    graph.add((URIRef(QTS_IRI), RDFS.label, Literal("Quality Bureau (edited)", lang="en")))
    graph.remove((URIRef(DRC_IRI), RDFS.label, Literal(english_of(sample_graph, DRC_IRI), lang="en")))
    path = tmp_path_factory.mktemp("edited") / "graph.ttl"
    path.write_text(to_turtle(graph), encoding="utf-8")
    return open_store(graph=path)


def rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", text)


# -- the analysis -----------------------------------------------------------------------------------


def test_english_headline_names_the_bureau_with_the_same_figures(zh, en, qts_en):
    (zh_result, _), (en_result, _) = zh, en
    assert zh_result.stdout.startswith(f"{QTS} is accountable for 35 of 82 units (42.7%) and supports 13 more")
    assert en_result.stdout.startswith(f"{qts_en} is accountable for 35 of 82 units (42.7%) and supports 13 more")
    zh_lines, en_lines = zh_result.stdout.splitlines(), en_result.stdout.splitlines()
    assert "6 of 34 departments are above the overload fence" in en_lines[1]
    assert [numbers(line) for line in zh_lines[:3]] == [numbers(line) for line in en_lines[:3]]
    assert QTS not in en_result.stdout and "、" not in en_lines[1]


def test_english_report_has_the_same_figures_in_the_same_order(zh, en, qts_en):
    zh_report = (zh[1] / "report.md").read_text(encoding="utf-8")
    en_report = (en[1] / "report.md").read_text(encoding="utf-8")
    assert numbers(zh_report) == numbers(en_report)
    assert f"| 1 | {qts_en} | 19 | 8 | 8 | 14 | 35 | 13 | 34.5 | yes |" in en_report
    assert f"workload.csv, {qts_en}: accountable_units" in en_report
    assert QTS not in en_report
    assert qts_en not in zh_report and "english_name" not in zh_report


def test_tables_keep_their_chinese_columns_and_add_english_name(zh, en, qts_en, sample_graph):
    for name in ("workload.csv", "centrality.csv", "sections.csv"):
        zh_rows, en_rows = rows(zh[1] / name), rows(en[1] / name)
        assert list(en_rows[0]) == [*zh_rows[0], "english_name"], name  # appended: old columns in place
        assert [{k: v for k, v in r.items() if k != "english_name"} for r in en_rows] == zh_rows, name
        assert all(r["english_name"] == english_of(sample_graph, r["department"]) for r in en_rows), name
    [qts] = [r for r in rows(en[1] / "workload.csv") if r["department"] == QTS_IRI]
    assert (qts["name"], qts["short_name"], qts["english_name"]) == ("内蒙古自治区质量技术监督局", QTS, qts_en)
    for name in ("units.csv", "assignments.csv"):
        assert (zh[1] / name).read_bytes() == (en[1] / name).read_bytes(), name
    sensitivity = [r["value"] for r in rows(en[1] / "summary.csv") if r["metric"].startswith("sensitivity")]
    assert all(v.startswith("fence ") and f"top {qts_en} | " in v for v in sensitivity)


def test_networks_carry_the_english_name_as_a_node_attribute(zh, en, qts_en):
    for name in ("coordination.graphml", "support.graphml"):
        zh_graph, en_graph = nx.read_graphml(zh[1] / name), nx.read_graphml(en[1] / name)
        assert en_graph.nodes[QTS_IRI]["english_name"] == qts_en
        assert "english_name" not in zh_graph.nodes[QTS_IRI]
        for node, attributes in en_graph.nodes(data=True):
            assert {k: v for k, v in attributes.items() if k != "english_name"} == zh_graph.nodes[node]
        assert sorted(en_graph.edges(data=True)) == sorted(zh_graph.edges(data=True))


def test_chinese_default_has_no_english(zh, qts_en):
    out = zh[1]
    assert list(rows(out / "workload.csv")[0])[-1] == "overloaded"
    for name in ("workload.csv", "centrality.csv", "summary.csv", "report.md", "coordination.graphml"):
        assert qts_en not in (out / name).read_text(encoding="utf-8"), name


def test_build_passes_lang_on_and_english_outputs_are_deterministic(built_en, en, qts_en, store):
    result, out = built_en
    assert f"{qts_en} is accountable for 35 of 82 units" in result.stdout
    # Built twice (build, then analyze of the same graph): the same bytes.
    for name in ANALYSIS_FILES:
        assert (out / name).read_bytes() == (en[1] / name).read_bytes(), name
    assert (out / "network.html").read_text(encoding="utf-8") == network_page(store, lang="en")
    assert (out / "coordination.html").read_text(encoding="utf-8") == network_page(store, "coordination", lang="en")


def test_names_come_from_the_graph_and_fall_back_to_chinese(edited):
    english = english_names(edited)
    assert english[QTS_IRI] == "Quality Bureau (edited)" and DRC_IRI not in english
    result = analyse(load_assignments(edited))
    lines = headline(result, display_in(result.loads, "en", english))
    assert lines[0].startswith("Quality Bureau (edited) is accountable for 35 of 82 units")
    assert f"; {DRC} 8.5;" in lines[1]  # no English label in the graph: its Chinese name
    page = page_data(edited, lang="en")
    labels = {n["info"]["iri"]: n["label"] for n in page.nodes if n["group"] == "body"}
    assert labels[QTS_IRI] == "Quality Bureau\n(edited)" and labels[DRC_IRI] == DRC


def test_unknown_language_is_refused(sample_file):
    result = CliRunner().invoke(main, ["analyze", "--graph", str(sample_file), "--lang", "fr"])
    assert result.exit_code == 2 and "'fr' is not one of 'zh', 'en'" in result.output
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        display_in([], "fr")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        page_data(open_store(graph=sample_file), lang="fr")


def test_english_charts_need_no_cjk_font(store, result, monkeypatch, qts_en):
    monkeypatch.setattr(charts, "find_cjk_font", lambda *args, **kw: None)  # a machine without CJK fonts
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        english = display_in(result.loads, "en", english_names(store))
        fig = charts.load_chart(result.loads, result.fence, display=english)
        fig.canvas.draw()
    assert caught == []
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == charts.wrapped(qts_en) and labels[0].replace("\n", " ") == qts_en and "\n" in labels[0]
    assert all(len(line) <= charts.LABEL_WIDTH for label in labels for line in label.splitlines())


# -- the network pages ------------------------------------------------------------------------------


def bureau(page) -> dict:
    [node] = [n for n in page.nodes if n["group"] == "body" and n["info"]["iri"] == QTS_IRI]
    return node


def data_block(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="fengong-data">(.*?)</script>', html, re.S)[1])


def chinese(text: str) -> list[str]:
    return re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", text)


def side_panel(html: str) -> str:
    """The page's own words: the side panel without the plan's title and the names to find."""
    panel = re.search(r'<aside id="side">(.*?)</aside>', html, re.S)[1]
    panel = re.sub(r"<h1.*?</h1>|<datalist.*?</datalist>", "", panel, flags=re.S)
    return re.sub(r'<select id="section">.*?</select>', "", panel, flags=re.S)  # section titles are data


def test_english_page_labels_the_bureau_with_its_english_name(store, qts_en, sample_graph):
    html = network_page(store, lang="en")
    data = data_block(html)
    [node] = [n for n in data["nodes"] if n["group"] == "body" and n["info"]["iri"] == QTS_IRI]
    # On the canvas: the English name without its jurisdiction (as 自治区质监局 drops 内蒙古), wrapped.
    [place] = sample_graph.objects(URIRef(QTS_IRI), FG.jurisdiction)
    assert node["label"] == english_label(qts_en.removesuffix(" of " + english_of(sample_graph, place)))
    assert len(node["label"].splitlines()) > 1 and qts_en.startswith(node["label"].replace("\n", " ").removesuffix("…"))
    # The tooltip has both names, whatever the language.
    assert (node["info"]["en"], node["info"]["name"], node["info"]["short"]) == (qts_en, "内蒙古自治区质量技术监督局", QTS)
    assert qts_en in node["names"] and QTS in node["names"]  # found by either
    assert data["lang"] == "en" and data["roleNames"]["lead"] == "lead" and node["info"]["kind"] == "government department"
    assert not chinese("".join(data["words"].values()))
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">') and not chinese(side_panel(html))


def test_chinese_page_is_the_default(store, page, qts_en):
    html = network_page(store)
    data = data_block(html)
    assert data == page.data() and data["lang"] == "zh"
    assert bureau(page)["label"] == QTS and bureau(page)["info"]["en"] == qts_en  # English in the tooltip
    assert data["roleNames"]["lead"] == "lead 牵头" and "Find a department 查找部门" in side_panel(html)


def test_english_page_is_deterministic_and_drawn_the_same(store, page):
    assert network_page(store, lang="en") == network_page(store, lang="en")
    english = page_data(store, lang="en")
    assert [(n["id"], n["x"], n["y"], n["size"]) for n in english.nodes] == [(n["id"], n["x"], n["y"], n["size"]) for n in page.nodes]
    assert english.edges == page.edges
    for view in ("responsibility", "coordination"):
        assert network_page(store, view, lang="en") != network_page(store, view)


def test_focus_finds_a_body_by_its_english_name(store, page, qts_en):
    for lang in ("en", "zh"):
        assert page_data(store, focus=qts_en, lang=lang).focus == bureau(page)["id"]
    assert page_data(store, focus="Bureau of Quality", lang="en").focus == bureau(page)["id"]

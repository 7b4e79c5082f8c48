"""Workload and coordination analysis, read from the graph through SPARQL.

The figures on the sample plan are checked against the gold annotation (tests/data), recounted
here by hand from its rows: never by calling the function under test.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import warnings
from collections import Counter, defaultdict
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

import matplotlib
import networkx as nx
import pytest
from click.testing import CliRunner
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from markdown_it import MarkdownIt
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from fengong.analysis import (
    analyse, analyse_network, assignments_from_records, degree_centralisation,
    department_loads, frame, load_assignments, parse_weights, support_graph,
)
from fengong.analysis import charts, fonts
from fengong.analysis.frames import to_csv
from fengong.analysis.outputs import write_outputs
from fengong.analysis.report import render_report
from fengong.sparql.catalogue import load as load_query
from fengong.cli import main
from fengong.rdf import to_turtle
from fengong.store import OxigraphStore, open_store

QTS = "自治区质监局"  # 内蒙古自治区质量技术监督局, as the plan names it
ACCOUNTABLE = {"lead", "responsible", "joint"}
WEIGHTS = {"lead": 1, "responsible": 1, "joint": 0.5, "support": 0.25}


# -- fixtures: the sample graph in a store, analysed once ----------------------------------------


@pytest.fixture(scope="module")
def graph_file(sample_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "graph.ttl"
    path.write_text(to_turtle(sample_graph), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def assignments(graph_file):
    return load_assignments(open_store(graph=graph_file))


@pytest.fixture(scope="module")
def result(assignments):
    return analyse(assignments)


@pytest.fixture(scope="module")
def cli_out(graph_file, tmp_path_factory):
    """``fengong analyze`` of the sample graph: its result and output folder."""
    out = tmp_path_factory.mktemp("analysis")
    return run("analyze", "--graph", str(graph_file), "-o", str(out)), out


@pytest.fixture(scope="module")
def outdir(cli_out):
    return cli_out[1]


@pytest.fixture(scope="module")
def by_name(result):
    return {r.short_name: r for r in result.loads}


# -- figures the gold annotation gives, recounted by hand ------------------------------------------


def is_collective(name: str) -> bool:
    # the sample's collectives: 领导小组（其他）成员单位, and the committees of every zone of a kind
    # (产业聚集区、技术开发区、出口加工区管委会: all such zones of the region, not one body)
    return name.endswith(("成员单位", "区管委会"))


@pytest.fixture(scope="module")
def gold_counts(gold):
    """Per gold department name: assignments by role."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for g in gold:
        counts[g["department"]][g["role"]] += 1
    return counts


@pytest.fixture(scope="module")
def gold_units(gold):
    """Per gold unit (item, first characters of the unit): (department, role) rows."""
    units: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for g in gold:
        units[(g["item"], g["item_start"])].append((g["department"], g["role"]))
    return units


def test_qts_bureau_holds_35_accountable_and_14_support_assignments_and_is_overloaded(by_name):
    qts = by_name[QTS]
    assert qts.name == "内蒙古自治区质量技术监督局"
    assert (qts.lead, qts.responsible, qts.joint, qts.support) == (19, 8, 8, 14)
    assert qts.accountable == 35
    assert qts.rank == 1 and qts.load == 19 + 8 + 8 * 0.5 + 14 * 0.25 == 34.5
    assert qts.overloaded


def test_role_counts_of_every_body_match_gold(by_name, gold_counts):
    assert len(by_name) == len(gold_counts) == 39
    for name, counts in gold_counts.items():
        r = by_name[name]
        assert (r.lead, r.responsible, r.joint, r.support) == tuple(
            counts[role] for role in ("lead", "responsible", "joint", "support")), name
        assert r.collective == is_collective(name)


def test_units_are_counted_once_per_unit_not_per_assignment(result, by_name, gold_units):
    assert result.total_units == len(gold_units) == 82
    qts = by_name[QTS]
    accountable = {u for u, rows in gold_units.items() if any(d == QTS and r in ACCOUNTABLE for d, r in rows)}
    supported = {u for u, rows in gold_units.items() if (QTS, "support") in rows}
    assert len(accountable) == qts.accountable_units == 35
    # 二（一）7 (S1.7) names 自治区质监局 as lead and again as support: one unit, counted once.
    assert ("S1.7", "建立完善现代物流、金融、") in accountable & supported
    assert len(supported - accountable) == qts.support_only_units == 13
    assert qts.units == 48


def test_overload_fence_is_tukeys_fence_recomputed_by_hand(result, gold_counts):
    loads = {name: sum(WEIGHTS[role] * n for role, n in c.items())
             for name, c in gold_counts.items() if not is_collective(name)}
    q1, _, q3 = statistics.quantiles(loads.values(), n=4, method="inclusive")  # linear interpolation
    fence = q3 + 1.5 * (q3 - q1)
    assert result.fence.upper == pytest.approx(fence) == 6.46875
    assert {r.short_name for r in result.overloaded} == {n for n, load in loads.items() if load > fence}
    assert QTS in {r.short_name for r in result.overloaded}


def test_concentration_matches_a_hand_computation_from_gold(result, gold_counts):
    # Accountable assignments of every department the plan names (support-only ones hold 0).
    x = sorted((sum(c[r] for r in ACCOUNTABLE) for n, c in gold_counts.items() if not is_collective(n)),
               reverse=True)
    n, total, mean = len(x), sum(x), sum(x) / len(x)
    gini = sum(abs(a - b) for a in x for b in x) / (2 * n * n * mean)  # mean absolute difference form
    c = result.concentration
    assert (c.departments, c.accountable) == (n, total) == (34, 105)
    assert c.gini == pytest.approx(gini, abs=1e-12)
    assert round(c.gini, 4) == 0.6944
    assert c.top1_share == pytest.approx(x[0] / total) == 35 / 105
    assert c.top3_share == pytest.approx(sum(x[:3]) / total) == (35 + 9 + 9) / 105
    assert c.top1 == (QTS,)


def test_unit_side_gaps_and_diffuse_units_match_gold(result, gold_units):
    def accountable_departments(rows):
        return {d for d, r in rows if r in ACCOUNTABLE and not is_collective(d)}

    gaps = [u for u, rows in gold_units.items() if not accountable_departments(rows)]
    joint_only = [u for u, rows in gold_units.items() if accountable_departments(rows)
                  and not any(r in ("lead", "responsible") and not is_collective(d) for d, r in rows)]
    diffuse = [u for u, rows in gold_units.items() if len(accountable_departments(rows)) >= 3]
    collective_only = [u for u, rows in gold_units.items()
                       if any(r in ACCOUNTABLE for _, r in rows) and not accountable_departments(rows)]
    s = result.unit_summary
    assert (s.gaps, s.joint_only, s.diffuse, s.collective_only) == (
        len(gaps), len(joint_only), len(diffuse), len(collective_only)) == (6, 13, 8, 6)
    sizes = [len({d for d, _ in rows}) for rows in gold_units.values()]
    assert (s.bodies_max, s.single_body) == (max(sizes), sizes.count(1))
    assert s.bodies_mean == pytest.approx(statistics.mean(sizes))


def gap_rows(store) -> Counter:
    """(document, item) of every row of the named query ``gaps``."""
    query = load_query("gaps")
    return Counter((r["document"], r["item"]) for r in store.select(query.text, query.bindings({})).records())


def table_gaps(out: Path) -> tuple[Counter, dict[str, str]]:
    """(plan, item) of every gap in units.csv, and summary.csv as metric → value."""
    with open(out / "units.csv", encoding="utf-8", newline="") as f:
        gaps = Counter((r["plan_id"], r["item_label"]) for r in csv.DictReader(f) if r["gap"] == "True")
    with open(out / "summary.csv", encoding="utf-8", newline="") as f:
        return gaps, {r["metric"]: r["value"] for r in csv.DictReader(f)}


def test_a_gap_is_the_same_unit_in_the_gaps_query_the_tables_and_the_report(graph_file, outdir, tmp_path):
    # The sample: 6 units no department is accountable for (one only the zone committees, a collective,
    # lead); the 13 held only jointly are no gaps.
    expected = gap_rows(open_store(graph=graph_file))
    gaps, summary = table_gaps(outdir)
    assert gaps == expected and sum(expected.values()) == 6
    assert (summary["gaps"], summary["joint_only"]) == ("6", "13")
    assert "- 6 units have no accountable department" in (outdir / "report.md").read_text(encoding="utf-8")
    # A unit whose clause names only an official is a gap too, though no department is named on it.
    plan = tmp_path / "p.txt"
    plan.write_text("一、任务\n1.推进甲。（由省财政厅负责）\n2.推进乙。（由省商务厅、省教育厅按照职责分工负责）\n"
                    "3.推进丙。（责任领导：张三）\n4.推进丁。（由省发展改革委牵头，省科技厅配合）\n", encoding="utf-8")
    assert run("build", str(plan), "-o", str(tmp_path / "out"), "--no-viz").exit_code == 0
    gaps, summary = table_gaps(tmp_path / "out")
    assert gaps == gap_rows(open_store(graph=tmp_path / "out" / "graph.ttl")) == Counter({("p", "一3"): 1})
    assert (summary["units"], summary["gaps"], summary["joint_only"]) == ("4", "1", "1")


def test_coordination_ties_weigh_the_units_two_departments_share(result, gold_units):
    shared = Counter()
    for rows in gold_units.values():
        names = sorted({d for d, _ in rows if not is_collective(d)})
        shared.update(combinations(names, 2))
    graph = result.network.graph
    label = nx.get_node_attributes(graph, "label")
    mine = {tuple(sorted((label[u], label[v]))): w for u, v, w in graph.edges(data="weight")}
    assert mine == dict(shared)
    assert result.network.summary.density == pytest.approx(2 * len(shared) / (34 * 33))


def test_support_network_points_from_the_accountable_to_supporters_without_self_loops(assignments):
    graph = support_graph(assignments)
    assert nx.number_of_selfloops(graph) == 0
    label = nx.get_node_attributes(graph, "label")
    iri = {v: k for k, v in label.items()}
    # 一（一）: 自治区农牧业厅 leads, 自治区质监局 supports.
    assert graph.has_edge(iri["自治区农牧业厅"], iri[QTS])


# -- network measures on graphs small enough to check by hand ---------------------------------------


def toy(rows: list[tuple[str, str, str]]):
    """Assignments from (unit, department, role) triples."""
    return assignments_from_records(
        {"plan": "p", "item": f"i{u}", "kind": "task", "unit": u, "role": role, "department": d,
         "departmentName": d, "bodyClass": "department"} for u, d, role in rows)


def test_freeman_centralisation_and_density_by_hand():
    # A leads unit 1 with B and C supporting; D works alone: ties A–B, A–C, B–C; D is isolated
    # (the bipartite graph is disconnected, which bipartite.sets would refuse).
    rows = toy([("1", "A", "lead"), ("1", "B", "support"), ("1", "C", "support"), ("2", "A", "responsible"),
                ("3", "D", "responsible")])
    net = analyse_network(rows, department_loads(rows))
    # degrees 2, 2, 2, 0: Σ(d* − d) = 2 over (n − 1)(n − 2) = 6
    assert net.summary.centralisation == pytest.approx(2 / 6)
    assert net.summary.density == pytest.approx(3 / 6)
    assert (net.summary.components, net.summary.isolates) == (2, 1)
    assert degree_centralisation(nx.star_graph(5)) == 1.0


def test_a_plan_with_one_department_is_analysed_with_undefined_measures_said_so():
    rows = toy([("1", "A", "responsible")])
    result = analyse(rows)
    assert (result.network.summary.centralisation, result.network.summary.modularity) == (None, None)
    assert result.loads[0].accountable == 1 and not result.loads[0].overloaded
    assert "centralisation undefined (fewer than 3 departments)" in render_report(result)


def test_report_takes_its_example_of_a_department_named_twice_from_its_own_plan(outdir):
    sample = (outdir / "report.md").read_text(encoding="utf-8")
    assert f"counts once there (二（一）7: {QTS} as lead and support)" in sample
    # A plan where no department is named twice on a unit: the definition, without an example.
    once = render_report(analyse(toy([("1", "A", "lead"), ("1", "B", "support"), ("2", "B", "responsible")])))
    assert "counts once there." in once and "二（一）7" not in once
    # Another plan's example is its own.
    twice = render_report(analyse(toy([("1", "A", "lead"), ("2", "B", "joint"), ("2", "A", "joint"),
                                       ("2", "B", "support")])))
    assert "counts once there (i2: B as joint and support)." in twice and "二（一）7" not in twice


def test_louvain_communities_do_not_depend_on_row_order(assignments, result):
    shuffled = list(assignments)
    random.Random(7).shuffle(shuffled)
    again = analyse_network(shuffled, result.loads)
    assert again.communities == result.network.communities
    assert [c.community for c in again.centrality] == [c.community for c in result.network.centrality]


def test_sample_network_figures(result):
    s = result.network.summary
    assert (s.departments, s.ties, s.components, s.isolates) == (34, 190, 4, 3)
    assert 0 < s.centralisation < 1 and s.communities >= 2 and s.modularity > 0
    top = result.network.centrality[0]
    assert top.short_name == QTS and top.degree == 27


# -- weights --------------------------------------------------------------------------------------


def test_weights_are_configurable_and_checked():
    assert str(parse_weights("support=0.5")) == "lead=1,responsible=1,joint=0.5,support=0.5"
    for bad in ("lead", "lead=x", "lead=-1", "boss=1", "lead=0,responsible=0,joint=0,support=0", "lead=nan"):
        with pytest.raises(ValueError):
            parse_weights(bad)


def test_other_weights_change_the_load_index(assignments):
    equal = {r.short_name: r for r in department_loads(assignments, parse_weights("joint=1,support=1"))}
    assert equal[QTS].load == 49


def test_bad_rows_are_refused_not_dropped():
    with pytest.raises(ValueError, match="role 'boss'"):
        toy([("1", "A", "boss")])


# -- outputs --------------------------------------------------------------------------------------


def test_report_says_it_in_a_sentence_with_sources(outdir):
    report = (outdir / "report.md").read_text(encoding="utf-8")
    assert (f"{QTS} is accountable for 35 of 82 units (42.7%) and supports 13 more; "
            "it is above the overload fence of 6.46875.") in report
    assert "Gini coefficient of accountable assignments across the 34 departments is 0.694" in report
    assert "33.3% of the 105 accountable assignments" in report and "50.5%" in report
    assert "Freeman" in report and "modularity" in report
    # Every bullet names where to recount it.
    bullets = [line for line in report.splitlines() if line.startswith("- ") and line[2:3] != "*"]
    assert bullets and all("*(" in line and ".csv" in line for line in bullets)


def test_csv_lines_reproduce_the_report(outdir, result):
    workload = {r["short_name"]: r for r in csv.DictReader(open(outdir / "workload.csv", encoding="utf-8"))}
    qts = workload[QTS]
    assert (qts["accountable_units"], qts["support_only_units"], qts["load"], qts["overloaded"]) == \
        ("35", "13", "34.5", "True")
    summary = {r["metric"]: r["value"] for r in csv.DictReader(open(outdir / "summary.csv", encoding="utf-8"))}
    assert summary["units"] == "82" and summary["fence"] == "6.46875"
    assert float(summary["gini"]) == pytest.approx(result.concentration.gini, abs=1e-6)
    units = list(csv.DictReader(open(outdir / "units.csv", encoding="utf-8")))
    assert len(units) == 82 and sum(u["gap"] == "True" for u in units) == 6
    rows = list(csv.DictReader(open(outdir / "assignments.csv", encoding="utf-8")))
    assert len(rows) == 274


def test_networks_open_in_sna_tools(outdir):
    g = nx.read_graphml(outdir / "coordination.graphml")
    assert (g.number_of_nodes(), g.number_of_edges()) == (34, 190)
    qts = g.nodes["https://w3id.org/fengong/id/org/内蒙古自治区质量技术监督局"]
    assert qts["label"] == QTS and qts["accountable"] == 35 and qts["overloaded"] is True
    gexf = (outdir / "coordination.gexf").read_text(encoding="utf-8")
    assert "lastmodifieddate" not in gexf and QTS in gexf
    assert nx.read_gexf(outdir / "coordination.gexf").number_of_edges() == 190
    assert nx.read_graphml(outdir / "support.graphml").is_directed()


def test_frame_gives_a_dataframe_for_notebooks(result):
    pytest.importorskip("pandas")
    df = frame(result.loads)
    assert df.loc[df.short_name == QTS, "accountable"].item() == 35
    assert list(df.columns)[:3] == ["rank", "department", "name"]


# -- texts from the plan are data in every output ---------------------------------------------------

HTML_NAME = "<img src=x onerror=alert(1)>局"
MARKDOWN_NAME = "# 标题 **厅** [链接](javascript:alert(1)) | `码` _斜_ \\ &lt;"  # first in name order
FORMULA_NAME = '=HYPERLINK("http://x","y")'
HOSTILE = (MARKDOWN_NAME, HTML_NAME, FORMULA_NAME, "@SUM(A1)", "-1+1委")
TABLES = ("assignments.csv", "workload.csv", "centrality.csv", "units.csv", "sections.csv", "summary.csv")


@pytest.fixture(scope="module")
def hostile():
    """The analysis of a plan all of whose texts are hostile: names, item and section labels, its id."""
    records = []
    for u, (lead, support) in enumerate(zip(HOSTILE, HOSTILE[1:] + HOSTILE[:1]), 1):
        records += [{"plan": "p", "planId": "<script>alert(2)</script>", "item": f"i{u}", "itemLabel": f"-{u}<b>",
                     "kind": "task", "unit": f"u{u}", "role": role, "department": f"d{HOSTILE.index(name)}",
                     "departmentName": name, "bodyClass": "department", "sectionLabel": "=1",
                     "sectionTitle": "<i>节</i>|x"}
                    for name, role in ((lead, "lead"), (support, "support"))]
    return analyse(assignments_from_records(records))


class Rendered(HTMLParser):
    """The elements, table rows and text of an HTML page."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: set[str] = set()
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self.text = ""
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th", "li"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append("".join(self._cell).strip())
        elif tag == "li" and self._cell is not None:
            self.items.append("".join(self._cell).strip())
        if tag in ("td", "th", "li"):
            self._cell = None

    def handle_data(self, data):
        self.text += data
        if self._cell is not None:
            self._cell.append(data)


def test_report_escapes_every_text_from_the_plan_for_commonmark(hostile):
    page = Rendered(MarkdownIt("commonmark").enable("table").render(render_report(hostile)))
    # No element a text could have made: no image, link, script, heading inside a list, emphasis.
    assert page.tags <= {"h1", "h2", "p", "ul", "ol", "li", "em", "code", "table", "thead", "tbody", "tr", "th", "td"}
    # And every text reads as the plan wrote it.
    assert sorted(row[1] for row in page.rows[1:]) == sorted(HOSTILE)
    assert page.items[0].startswith(f"{MARKDOWN_NAME} is accountable for 1 of 5 units")
    assert "Plans: <script>alert(2)</script>." in page.text
    assert "the most crowded, -1<b>, names 2" in page.text
    assert "- =1.<i>节</i>|x: " not in page.text and "=1.<i>节</i>|x: " in page.text


def test_report_leaves_punctuation_that_makes_no_markdown_as_written(result):
    """Escaping is for what could become Markdown; a plan id, a date or a label reads in the raw
    file as it does in the plan."""
    report = render_report(result)
    assert "Plans: neimenggu-2016-quality-plan." in report
    assert "\\-" not in report and "\\." not in report and "\\（" not in report


@pytest.mark.filterwarnings("ignore:constrained_layout not applied")  # names far longer than a bureau's
def test_analysis_tables_neutralise_cells_a_spreadsheet_would_run_as_formulas(hostile, tmp_path):
    write_outputs(hostile, tmp_path)
    for name in TABLES:
        with open(tmp_path / name, encoding="utf-8", newline="") as f:
            cells = [c for row in csv.reader(f) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")
                    and not re.fullmatch(r"-?\d+(\.\d+)?", c)], name
    with open(tmp_path / "workload.csv", encoding="utf-8", newline="") as f:
        names = {r["name"] for r in csv.DictReader(f)}
    assert names == {MARKDOWN_NAME, HTML_NAME, "'" + FORMULA_NAME, "'@SUM(A1)", "'-1+1委"}


@dataclasses.dataclass(frozen=True)
class Row:
    name: str
    partners: tuple[str, ...]
    share: float


def test_analysis_csv_rounds_floats_joins_names_and_ends_lines_with_lf():
    """The analysis tables go through the one writer as CSV for people: LF, neutralised cells,
    floats to DIGITS decimals, extra columns after the record's own."""
    rows = [Row("=SUM(A1)", ("甲", "乙"), 2 / 3), Row("质监局", (), -0.25)]
    text = to_csv(rows, Row, {"english_name": lambda r: r.name.upper()})
    assert text == ("name,partners,share,english_name\n"
                    "'=SUM(A1),甲、乙,0.666667,'=SUM(A1)\n"
                    "质监局,,-0.25,质监局\n")
    assert to_csv([], Row) == "name,partners,share\n"


# -- Chinese in the charts ------------------------------------------------------------------------


def shipped_with_matplotlib() -> list[font_manager.FontEntry]:
    """The fonts matplotlib ships (DejaVu, STIX, Computer Modern, Last Resort): all a fresh machine has."""
    data = Path(matplotlib.get_data_path()).resolve()
    return [f for f in font_manager.fontManager.ttflist if data in Path(f.fname).resolve().parents]


@pytest.fixture
def fresh_machine(monkeypatch):
    """Matplotlib knows no system font (no apt font, no font cache from before): the font finder
    sees only the fonts matplotlib ships, and whatever fengong brings itself."""
    manager = font_manager.fontManager
    monkeypatch.setattr(manager, "ttflist", shipped_with_matplotlib())
    manager._findfont_cached.cache_clear()  # no answer found among the system fonts may stand
    yield
    manager._findfont_cached.cache_clear()


def glyph(char: str, font: font_manager.FontProperties) -> bytes:
    """``char`` drawn alone in ``font`` (with matplotlib's fallbacks, as a chart draws it)."""
    canvas = FigureCanvasAgg(Figure(figsize=(0.6, 0.6), dpi=50))
    canvas.figure.text(0.1, 0.2, char, fontproperties=font, fontsize=24)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a missing glyph warns: the images say it better
        canvas.draw()
    return bytes(canvas.buffer_rgba())


def assert_drawn(text: str, font: font_manager.FontProperties) -> None:
    """Every character of ``text`` drawn as itself: not as the box a missing character gets, and
    not as one box for a whole Unicode block (what Last Resort draws), so distinct characters
    draw distinct glyphs."""
    chars = sorted(set(text) - set(" \n"))
    images = {glyph(ch, font): ch for ch in chars}
    assert len(images) == len(chars), f"{text!r}: characters drawn alike, as boxes"
    missing = glyph("\U000F0000", font)  # a private-use character no font has
    assert missing not in images, f"{text!r}: {images.get(missing)!r} drawn as a missing character"


@pytest.mark.parametrize("machine", ["as set up", "fresh"])
def test_chart_labels_render_as_chinese_glyphs_not_boxes(result, machine, request):
    if machine == "fresh":
        request.getfixturevalue("fresh_machine")
    fig = charts.load_chart(result.loads, result.fence)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert not [w for w in caught if "missing from font" in str(w.message)]
    ax = fig.axes[0]
    ticks = ax.get_yticklabels()
    assert ticks[0].get_text() == QTS
    for tick in ticks:
        assert_drawn(tick.get_text(), tick.get_fontproperties())
    assert_drawn("质监局ABC", ticks[0].get_fontproperties())
    assert_drawn(ax.title.get_text(), ax.title.get_fontproperties())  # Latin too
    # The check itself: without a CJK font, 质 and 监 are one box.
    with pytest.raises(AssertionError, match="drawn alike"):
        assert_drawn("质监", font_manager.FontProperties(family=["DejaVu Sans"]))


def test_the_font_finder_never_takes_a_placeholder_font():
    shipped = shipped_with_matplotlib()
    # Last Resort's character map claims every character, and its glyphs are boxes.
    assert "Last Resort High-Efficiency" in {f.name for f in shipped}
    assert charts.find_cjk_font(QTS, fonts=shipped) is None


def test_charts_come_with_a_chinese_font_of_their_own_in_png_and_svg(result, fresh_machine, tmp_path):
    font = fonts.bundled_font()
    assert font is not None and charts.find_cjk_font(QTS) == font
    paths = [charts.save(charts.load_chart(result.loads, result.fence), tmp_path / name) for name in ("a", "b")]
    for first, again in zip(*paths):  # deterministic: the same figure, the same bytes
        assert first.read_bytes() == again.read_bytes(), first.name
    # The SVG draws text as paths, one per glyph, named after the font that drew it.
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    face = FT2Font(font.fname)
    for char in QTS:
        assert f'id="{face.postscript_name}-{face.get_char_index(ord(char)):x}"' in svg, char
    assert "LastResort" not in svg


def test_without_a_cjk_font_the_charts_warn_once(result, monkeypatch):
    dejavu = [f for f in font_manager.fontManager.ttflist if f.name == "DejaVu Sans"]
    assert charts.find_cjk_font(QTS, fonts=dejavu) is None
    monkeypatch.setattr(charts, "find_cjk_font", lambda *args, **kw: None)  # labels beyond every font
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts.load_chart(result.loads, result.fence)
    assert [w.category for w in caught] == [charts.FontWarning]
    assert "install a font that has them" in str(caught[0].message)


# -- command line ---------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_analyze_command_prints_the_headline_and_writes_everything(cli_out):
    result, out = cli_out
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{QTS} is accountable for 35 of 82 units (42.7%)")
    assert "6 of 34 departments are above the overload fence" in result.stdout
    table = result.stdout.split("\n\n", 1)[1].splitlines()
    assert len(table) == 2 + 10 + 1 and table[2].split()[:2] == ["1", QTS]
    for name in ("workload.csv", "centrality.csv", "units.csv", "sections.csv", "summary.csv", "report.md",
                 "load-index.png", "load-index.svg", "department-section.png", "department-section.svg",
                 "coordination.graphml", "coordination.gexf"):
        assert (out / name).stat().st_size > 0, name


def test_analyze_json_with_other_weights(graph_file, tmp_path):
    out = run("analyze", "--graph", str(graph_file), "-o", str(tmp_path), "--format", "json", "--top", "2",
              "--weights", "support=1,joint=1")
    rows = json.loads(out.stdout)
    assert [r["department"] for r in rows] == [QTS, "自治区食品药品监管局"] and rows[0]["load"] == 49
    assert rows[0]["accountable_units"] == 35


@pytest.mark.parametrize("args, message", [
    (("--weights", "leed=1"), "unknown role 'leed'"),
    (("--plan", "not an iri"), "no plan is 'not an iri' (a document id, plan IRI or year; the plans: "
                               "neimenggu-2016-quality-plan)"),
    (("--plan", "https://w3id.org/fengong/id/plan/nothing"), "no plan is 'https://w3id.org/fengong/id/plan/nothing'"),
    (("--graph", "missing.ttl"), "missing.ttl"),
])
def test_analyze_refuses_unusable_input_with_exit_2(graph_file, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    full = ("--graph", str(graph_file), *args) if "--graph" not in args else args
    result = run("analyze", *full)
    assert result.exit_code == 2
    assert message in result.stderr


def test_analyze_without_a_graph_says_to_build_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("analyze")
    assert result.exit_code == 2 and "run `fengong build` first" in result.stderr


def test_build_ends_with_the_analysis_unless_told_not_to(outdir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build", "-o", "with")
    assert result.exit_code == 0
    assert f"{QTS} is accountable for 35 of 82 units" in result.stdout
    # The same analysis as `fengong analyze` of the same graph, to the byte: outputs are deterministic.
    for path in sorted(outdir.iterdir()):
        assert path.read_bytes() == (tmp_path / "with" / path.name).read_bytes(), path.name
    result = run("build", "--no-analysis", "-o", "without")
    assert result.exit_code == 0 and "accountable" not in result.stdout
    assert not (tmp_path / "without" / "report.md").exists()
    assert not (tmp_path / "without" / "workload.csv").exists()



# -- the same rows from every kind of store ---------------------------------------------------------


def test_an_on_disk_store_gives_the_same_assignments(graph_file, assignments, tmp_path):
    store = OxigraphStore(tmp_path / "store")
    store.load(graph_file)
    del store  # release the store's lock: open_store opens it read-only, as `--store DIR` does
    assert Counter(load_assignments(open_store(store=tmp_path / "store"))) == Counter(assignments)


@pytest.fixture(scope="module")
def endpoint(graph_file, tmp_path_factory):
    """A read-only Oxigraph server on loopback holding the sample graph."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.fail("the oxigraph server is a test dependency: pip install '.[test]'")
    location = tmp_path_factory.mktemp("oxigraph")
    subprocess.run([binary, "load", "--location", str(location), "--file", str(graph_file)], check=True,
                   capture_output=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([binary, "serve-read-only", "--location", str(location), "--bind",
                               f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_an_endpoint_gives_the_same_assignments(endpoint, assignments):
    assert Counter(load_assignments(open_store(endpoint=endpoint))) == Counter(assignments)

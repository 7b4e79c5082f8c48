"""Several plans: each analysed on its own population, the corpus table, pooling only when asked.

The corpus is tests/data/several-plans/: five short plans written for these tests in the genre's
forms, from two jurisdictions (内蒙古自治区 2017, 2018, 2019; 浙江省 2018, 2019).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from fengong.analysis import analyse, load_assignments, load_units
from fengong.analysis.display import CHINESE
from fengong.analysis.job import HEADLINE_PLANS, Job, Part
from fengong.analysis.plans import load_plan_facts
from fengong import __version__
from fengong.cli import main
from fengong.store import open_store

CORPUS = Path(__file__).parent / "data" / "several-plans"
PLANS = ("nm-2017", "nm-2018", "nm-2019", "zj-2018", "zj-2019")
INNER_MONGOLIA = ("nm-2017", "nm-2018", "nm-2019")
PER_PLAN_FILES = ("workload.csv", "centrality.csv", "units.csv", "sections.csv", "summary.csv", "assignments.csv",
                  "report.md", "coordination.graphml", "support.gexf", "load-index.svg")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def graph(several_plans_graph) -> Path:
    return several_plans_graph


@pytest.fixture(scope="module")
def alone(tmp_path_factory) -> dict[str, Path]:
    """Each plan built and analysed on its own: the figures per plan must equal these."""
    folders = {}
    for doc in PLANS:
        out = tmp_path_factory.mktemp(doc)
        result = run("build", str(CORPUS / f"{doc}.txt"), "-o", str(out), "--no-viz")
        assert result.exit_code == 0, result.output
        folders[doc] = out
    return folders


@pytest.fixture(scope="module")
def per_plan(graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("per-plan")
    return run("analyze", "--graph", str(graph), "-o", str(out)), out


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_each_plan_of_a_corpus_gets_the_figures_it_gets_alone(per_plan, alone):
    result, out = per_plan
    assert result.exit_code == 0, result.output
    for doc in PLANS:
        for name in PER_PLAN_FILES:
            assert (out / "plans" / doc / name).read_bytes() == (alone[doc] / name).read_bytes(), (doc, name)
    # and not the pooled figures: the fence of nm-2017 alone, not that of the five plans
    summary = {r["metric"]: r["value"] for r in rows(out / "plans" / "nm-2017" / "summary.csv")}
    assert summary["plans"] == "1" and summary["departments"] == "6" and summary["fence"] == "2.1875"


def test_build_of_a_corpus_analyses_it_per_plan_as_analyze_does(per_plan, tmp_path):
    result = run("build", str(CORPUS), "-o", str(tmp_path), "--no-viz")
    assert result.exit_code == 0, result.output
    for doc in PLANS:
        assert f"{doc}: " in result.stdout
    _, out = per_plan
    for path in sorted(out.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (tmp_path / path.relative_to(out)).read_bytes(), path


def test_the_corpus_table_holds_each_plans_own_ranks_loads_and_verdicts(per_plan):
    _, out = per_plan
    table = rows(out / "corpus.csv")
    assert list(table[0]) == ["plan_id", "jurisdiction", "year", "rank", "department", "name", "short_name", "lead",
                              "responsible", "joint", "support", "accountable", "accountable_units", "load",
                              "overloaded"]
    for doc in PLANS:
        mine = [r for r in table if r["plan_id"] == doc]
        own = rows(out / "plans" / doc / "workload.csv")
        assert [(r["rank"], r["department"], r["lead"], r["support"], r["load"], r["overloaded"]) for r in mine] == \
               [(r["rank"], r["department"], r["lead"], r["support"], r["load"], r["overloaded"]) for r in own]
    qts = next(r for r in table if r["plan_id"] == "nm-2017" and r["short_name"] == "自治区质监局")
    assert (qts["jurisdiction"], qts["year"], qts["rank"], qts["accountable"], qts["support"], qts["load"],
            qts["overloaded"]) == ("内蒙古自治区", "2017", "1", "3", "2", "3.0", "True")


def test_the_pooled_fence_is_refused_across_jurisdictions(graph, tmp_path):
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path / "p"), "--pooled")
    assert result.exit_code == 2
    assert "the plans are of 2 jurisdictions (内蒙古自治区, 浙江省)" in result.stderr
    assert not (tmp_path / "p" / "report.md").exists()
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path / "f"), "--force")
    assert result.exit_code == 2 and "--force only goes with --pooled" in result.stderr


def test_pooling_one_jurisdiction_is_one_analysis_of_its_plans(graph, tmp_path):
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path), "--pooled", "--jurisdiction", "内蒙古自治区")
    assert result.exit_code == 0, result.output
    store = open_store(graph=graph)
    mine = [a for a in load_assignments(store) if a.plan_id in INNER_MONGOLIA]
    expected = analyse(mine, units=[u for u in load_units(store) if u.plan_id in INNER_MONGOLIA])
    summary = {r["metric"]: r["value"] for r in rows(tmp_path / "summary.csv")}
    assert summary["plans"] == "3" and float(summary["fence"]) == pytest.approx(expected.fence.upper)
    assert int(summary["assignments"]) == 12 + 16 + 12
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "The 3 plans, all of 内蒙古自治区, are pooled into one analysis (`--pooled`)" in report
    assert not (tmp_path / "plans").exists()


def test_pooling_across_jurisdictions_when_forced_says_so_in_the_report(graph, tmp_path):
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path), "--pooled", "--force")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "**Pooled across 2 jurisdictions** (内蒙古自治区, 浙江省), forced (`--pooled --force`)" in report
    summary = {r["metric"]: r["value"] for r in rows(tmp_path / "summary.csv")}
    assert summary["plans"] == "5"


@pytest.mark.parametrize("plan", ["zj-2018", "https://w3id.org/fengong/id/plan/zj-2018"])
def test_plan_takes_a_document_id_or_an_iri(graph, alone, tmp_path, plan):
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path), "--plan", plan)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("省质监局 is accountable for 3 of 6 units")
    for name in PER_PLAN_FILES:
        assert (tmp_path / name).read_bytes() == (alone["zj-2018"] / name).read_bytes(), name


def test_a_plan_that_is_not_there_is_refused_with_the_ids_there_are(graph, tmp_path):
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path), "--plan", "nm-2016")
    assert result.exit_code == 2
    assert "no plan is 'nm-2016'" in result.stderr and "nm-2017, nm-2018, nm-2019, zj-2018, zj-2019" in result.stderr


def test_reports_open_with_what_each_plan_is_and_the_hash_of_its_text(per_plan):
    _, out = per_plan
    report = (out / "report.md").read_text(encoding="utf-8")
    head = report.split("\n\n", 3)
    assert head[0] == "# Workload and coordination, plan by plan"
    table = head[1].splitlines()
    assert table[0] == "| plan | date | jurisdiction | document id | SHA-256 of the text |"
    sha = hashlib.sha256((CORPUS / "nm-2018.txt").read_bytes()).hexdigest()
    assert f"| 内蒙古自治区2018年质量工作要点分工方案 | 2018-02-26 | 内蒙古自治区 | `nm-2018` | `{sha}` |" in table
    assert len(table) == 2 + len(PLANS)
    assert head[2].startswith(f"Computed by fengong {__version__} (cite it as its CITATION.cff says) with load-index "
                              "weights lead=1,responsible=1,joint=0.5,support=0.25. Each plan is analysed on its own")
    assert "| nm-2017 | 6 | 6 | 自治区质监局 (3) | 2.1875 | 1 |" in report
    assert "[report](<plans/nm-2017/report.md>)" in report
    one = (out / "plans" / "zj-2019" / "report.md").read_text(encoding="utf-8")
    sha = hashlib.sha256((CORPUS / "zj-2019.txt").read_bytes()).hexdigest()
    assert f"| 浙江省2019年标准化工作重点任务分工 | 2019-04-08 | 浙江省 | `zj-2019` | `{sha}` |" in one


def test_the_software_citation_names_this_version():
    text = (Path(__file__).parent.parent / "CITATION.cff").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^([a-z-]+): (.+)$", text, re.M))
    assert fields["cff-version"] == "1.2.0" and fields["type"] == "software"
    assert fields["version"] == __version__ and fields["license"] == "Apache-2.0"
    assert re.search(r"^authors:\n  - name: \S", text, re.M)


# -- one jurisdiction over the years (analyze --by-year) ------------------------------------------


def test_a_series_over_years_is_refused_across_jurisdictions(graph, tmp_path):
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path), "--by-year")
    assert result.exit_code == 2
    assert "a series over years is of one jurisdiction, and the plans are of 2 (内蒙古自治区, 浙江省)" in result.stderr
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path), "--by", "successor")
    assert result.exit_code == 2 and "--by only goes with --by-year" in result.stderr


def test_each_years_load_is_that_of_its_plan_analysed_alone(graph, alone, tmp_path):
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path), "--by-year", "--jurisdiction", "内蒙古自治区")
    assert result.exit_code == 0, result.output
    series = rows(tmp_path / "by-year.csv")
    assert sorted({r["year"] for r in series}) == ["2017", "2018", "2019"]
    for doc in INNER_MONGOLIA:
        mine = [(r["rank"], r["department"], r["lead"], r["responsible"], r["joint"], r["support"], r["load"])
                for r in series if r["year"] == doc[-4:]]
        own = [(r["rank"], r["department"], r["lead"], r["responsible"], r["joint"], r["support"], r["load"])
               for r in rows(alone[doc] / "workload.csv")]
        assert mine == own, doc
    assert (tmp_path / "by-year.png").read_bytes().startswith(b"\x89PNG")
    report = (tmp_path / "by-year.md").read_text(encoding="utf-8")
    assert report.startswith("# Load per year: 内蒙古自治区\n\n| plan | date | jurisdiction | document id |")
    assert "| 自治区质监局 | 3 | 3.75 | 0 |" in report and "![Load index per year" in report


def test_by_successor_a_series_keeps_one_line_across_the_2018_reform(graph, tmp_path):
    result = run("analyze", "--graph", str(graph), "-o", str(tmp_path), "--by-year", "--jurisdiction", "内蒙古自治区",
                 "--by", "successor")
    assert result.exit_code == 0, result.output
    amr = [r for r in rows(tmp_path / "by-year.csv") if r["name"] == "内蒙古自治区市场监督管理局"]
    # 2017: 质监局 (load 3) + 工商局 (1.25) + 食药监局 (1); 2018: 质监局 3.75 + 工商局 0.75 + 食药监局 2.25
    assert [(r["year"], r["rank"], r["load"]) for r in amr] == [("2017", "1", "5.25"), ("2018", "1", "6.75"),
                                                                ("2019", "1", "3.0")]
    assert not [r for r in rows(tmp_path / "by-year.csv") if r["name"] == "内蒙古自治区质量技术监督局"]
    assert "| 自治区市场监管局 | 5.25 | 6.75 | 3 |" in (tmp_path / "by-year.md").read_text(encoding="utf-8")


def test_a_build_of_a_large_corpus_prints_the_first_plans_and_says_where_the_rest_are(graph):
    store = open_store(graph=graph)
    [facts] = [p for p in load_plan_facts(store) if p.document == "nm-2017"]
    analysis = analyse(load_assignments(store, facts.plan), units=load_units(store, facts.plan))
    parts = [Part((facts,), analysis, CHINESE, Path(f"out/plans/{n}")) for n in range(HEADLINE_PLANS + 2)]
    job = Job(parts, per_plan=True, report=Path("out/report.md"))
    assert len(job.headlines()) == HEADLINE_PLANS + 2
    short = job.headlines(full=False)
    assert len(short) == HEADLINE_PLANS + 1 and short[-1] == "… and 2 more plans: see out/report.md"
    assert short[0].startswith("nm-2017: 自治区质监局 is accountable for 3 of 6 units")


def test_a_corpus_above_the_chart_limit_gets_each_plans_figures_without_charts(graph, per_plan, tmp_path,
                                                                                monkeypatch):
    """Drawing is most of an analysis's time: past CHART_PLANS plans, each plan's folder holds the
    same tables and networks, its report links no chart, and the corpus report says why."""
    from fengong.analysis import job
    monkeypatch.setattr(job, "CHART_PLANS", 4)
    out = tmp_path / "many"
    result = run("analyze", "--graph", str(graph), "-o", str(out))
    assert result.exit_code == 0, result.output
    _, drawn = per_plan
    for doc in PLANS:
        assert not list((out / "plans" / doc).glob("*.png")) and not list((out / "plans" / doc).glob("*.svg"))
        for name in ("workload.csv", "centrality.csv", "coordination.graphml"):
            assert (out / "plans" / doc / name).read_bytes() == (drawn / "plans" / doc / name).read_bytes()
        assert ".png" not in (out / "plans" / doc / "report.md").read_text(encoding="utf-8")
    assert "without charts" in (out / "report.md").read_text(encoding="utf-8")

"""``fengong compare``: two versions of the sample plan, whose moved duties it must report exactly,
and the five short plans of tests/data/several-plans/, compared across a reform by successor."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fengong.analysis import assignments_from_records
from fengong.analysis.compare import Side, compare
from fengong.analysis.compare_report import render_comparison
from fengong.cli import main
from fengong.resources import sample_plan
from fengong.sparql.catalogue import load as load_query
from fengong.store import open_store

CORPUS = Path(__file__).parent / "data" / "several-plans"
PLAN = "https://w3id.org/fengong/id/plan/"
QTS, STI, DRC, FINANCE = ("内蒙古自治区质量技术监督局", "内蒙古自治区科学技术厅", "内蒙古自治区发展和改革委员会",
                          "内蒙古自治区财政厅")
AMR = "内蒙古自治区市场监督管理局"
MERGED = ("内蒙古自治区质量技术监督局", "内蒙古自治区工商行政管理局", "内蒙古自治区食品药品监督管理局")
# The revised sample: three units 质监局 led go to 科技厅, two units 发展改革委 led to 财政厅.
MOVES = (("（由自治区质监局牵头", "（由自治区科技厅牵头", 3), ("由自治区发展改革委牵头", "由自治区财政厅牵头", 2))
EXPECTED = {QTS: -3, STI: +3, DRC: -2, FINANCE: +2}  # lead_change per department; every other change 0


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> Path:
    """A graph of the sample and of its revised version (document ids sample and revised)."""
    folder = tmp_path_factory.mktemp("versions")
    text = Path(sample_plan()).read_text(encoding="utf-8")
    (folder / "sample.txt").write_text(text, encoding="utf-8")
    for old, new, count in MOVES:
        assert text.count(old) >= count
        text = text.replace(old, new, count)
    (folder / "revised.txt").write_text(text, encoding="utf-8")
    out = folder / "out"
    result = run("build", str(folder / "sample.txt"), str(folder / "revised.txt"), "-o", str(out), "--no-viz",
                 "--no-analysis")
    assert result.exit_code == 0, result.output
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def corpus(several_plans_graph) -> Path:
    return several_plans_graph


def table(path: Path) -> dict[str, dict[str, str]]:
    return {r["name"]: r for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))}


def test_compare_reports_exactly_the_duties_moved_between_two_versions(versions, tmp_path):
    result = run("compare", "sample", "revised", "--graph", str(versions), "-o", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    rows = table(tmp_path / "compare.csv")
    for name, r in rows.items():
        assert r["status"] == "both", name
        assert int(r["lead_change"]) == EXPECTED.get(name, 0), name
        for role in ("responsible", "joint", "support"):
            assert r[f"{role}_change"] == "0", (name, role)
        assert int(r["accountable_change"]) == EXPECTED.get(name, 0), name
        assert float(r["load_change"]) == EXPECTED.get(name, 0), name
    assert (rows[QTS]["lead_a"], rows[QTS]["lead_b"], rows[QTS]["rank_a"]) == ("19", "16", "1")
    printed = {r["department"]: r for r in json.loads(result.stdout)}
    assert printed["自治区科技厅"]["lead"] == 3 and printed["自治区财政厅"]["lead"] == 2
    # the largest changes first (then by canonical name)
    assert [r["department"] for r in json.loads(result.stdout)][:4] == ["自治区科技厅", "自治区质监局", "自治区发展改革委",
                                                                       "自治区财政厅"]


def test_the_compare_query_gives_the_same_counts(versions, tmp_path):
    run("compare", "sample", "revised", "--graph", str(versions), "-o", str(tmp_path))
    rows = table(tmp_path / "compare.csv")
    query = load_query("compare")
    answer = open_store(graph=versions).select(
        query.text, query.bindings({"a": PLAN + "sample", "b": PLAN + "revised"})).records()
    assert {r["name"] for r in answer} == set(rows)
    for r in answer:
        mine = rows[r["name"]]
        for role in ("lead", "responsible", "joint", "support", "accountable"):
            assert (r[f"{role}A"], r[f"{role}B"]) == (int(mine[f"{role}_a"]), int(mine[f"{role}_b"])), (r["name"], role)
    assert [r["accountableChange"] for r in answer if r["accountableChange"]] == [-3, -2, 2, 3]


def test_by_successor_merges_the_three_bureaus_into_market_regulation(versions, tmp_path):
    result = run("compare", "sample", "revised", "--graph", str(versions), "-o", str(tmp_path), "--by", "successor")
    assert result.exit_code == 0, result.output
    rows = table(tmp_path / "compare.csv")
    assert not set(MERGED) & set(rows)
    amr = rows[AMR]
    # workload-today's figures for the 2016 plan: 49 accountable (20 lead), 36 support
    assert (amr["accountable_a"], amr["lead_a"], amr["support_a"]) == ("49", "20", "36")
    assert (amr["lead_b"], amr["lead_change"], amr["status"]) == ("17", "-3", "both")
    result = run("compare", "sample", "revised", "--graph", str(versions), "-o", str(tmp_path / "body"))
    rows = table(tmp_path / "body" / "compare.csv")
    assert set(MERGED) <= set(rows) and AMR not in rows


def test_by_successor_compares_a_bureau_with_the_agency_that_replaced_it(corpus, tmp_path):
    result = run("compare", "nm-2017", "nm-2019", "--graph", str(corpus), "-o", str(tmp_path / "body"))
    assert result.exit_code == 0, result.output
    rows = table(tmp_path / "body" / "compare.csv")
    assert rows[AMR]["status"] == "appeared" and rows[QTS]["status"] == "disappeared"
    result = run("compare", "nm-2017", "nm-2019", "--graph", str(corpus), "-o", str(tmp_path), "--by", "successor")
    rows = table(tmp_path / "compare.csv")
    amr = rows[AMR]
    # nm-2017: 质监局 1 lead, 1 responsible, 1 joint, 2 support; 工商局 1 lead, 1 support; 食药监局 1 lead
    assert (amr["status"], amr["lead_a"], amr["responsible_a"], amr["joint_a"], amr["support_a"]) == \
           ("both", "3", "1", "1", "3")
    assert (amr["lead_b"], amr["support_b"], amr["rank_a"], amr["rank_b"]) == ("1", "2", "1", "1")


def test_years_of_one_jurisdiction_are_sides_too(corpus, tmp_path):
    by_id = run("compare", "nm-2017", "nm-2019", "--graph", str(corpus), "-o", str(tmp_path / "ids"))
    by_year = run("compare", "2017", "2019", "--jurisdiction", "内蒙古自治区", "--graph", str(corpus),
                  "-o", str(tmp_path / "years"))
    assert by_year.exit_code == 0, by_year.output
    assert (tmp_path / "ids" / "compare.csv").read_bytes() == (tmp_path / "years" / "compare.csv").read_bytes()
    group = run("compare", "nm-2017,nm-2018", "nm-2019", "--graph", str(corpus), "-o", str(tmp_path / "group"))
    assert group.exit_code == 0, group.output
    qts = table(tmp_path / "group" / "compare.csv")[QTS]
    assert (qts["lead_a"], qts["responsible_a"], qts["support_a"]) == ("3", "2", "3")  # 2017 (1, 1, 2) + 2018 (2, 1, 1)


@pytest.mark.parametrize("a, b, message", [
    ("nm-2017", "nm-2017,nm-2019", "nm-2017 on both sides"),
    ("nm-2016", "nm-2019", "no plan is 'nm-2016'"),
    ("2017", "2019", "no plan is '2017' (a document id, plan IRI or year; the plans: zj-2018, zj-2019)"),
])
def test_sides_that_name_no_plan_or_the_same_plan_are_refused(corpus, tmp_path, a, b, message):
    args = ("--jurisdiction", "浙江省") if "zj-2018" in message else ()
    result = run("compare", a, b, "--graph", str(corpus), "-o", str(tmp_path), *args)
    assert result.exit_code == 2 and message in result.stderr


def test_the_compare_report_cites_both_plans_and_shows_the_network_change(corpus, tmp_path):
    assert run("compare", "nm-2017", "nm-2019", "--graph", str(corpus), "-o", str(tmp_path), "--by",
               "successor").exit_code == 0
    report = (tmp_path / "compare.md").read_text(encoding="utf-8")
    assert report.startswith("# Comparison: nm-2017 → nm-2019\n\n| plan | date | jurisdiction | document id |")
    for doc in ("nm-2017", "nm-2019"):
        assert f"`{doc}` | `{hashlib.sha256((CORPUS / f'{doc}.txt').read_bytes()).hexdigest()}` |" in report
    assert "departments compared by today's body" in report
    assert "| 自治区市场监管局 | both | 3 → 1 (-2) | 1 | 1 | 3 → 2 (-1) | 5 → 3 (-2) | 5.25 → 3 (-2.25) | 1 → 1 |" in report
    assert "| density | 0.500 | 0.600 | 0.100 |" in report
    assert "- Named in nm-2019 but not in nm-2017 (1): 自治区财政厅 (0.25)." in report
    assert "- Largest falls in betweenness (departments on both sides): 自治区市场监管局 (1.000 → 0.583)." in report
    assert "![Load index in A and B, largest changes](compare-changes.png)" in report
    assert (tmp_path / "compare-changes.png").read_bytes().startswith(b"\x89PNG")
    network = {r["metric"]: r for r in csv.DictReader(io.StringIO((tmp_path / "compare-network.csv").read_text()))}
    assert (network["ties"]["a"], network["ties"]["b"], network["ties"]["change"]) == ("3", "6", "3")


def test_the_compare_report_escapes_every_text_from_the_plans():
    hostile = "<img src=x onerror=alert(1)>局"

    def side(plan: str, label: str, names: list[str]) -> Side:
        rows = assignments_from_records(
            {"plan": plan, "item": f"{plan}/i{n}", "kind": "task", "unit": f"{plan}/u{n}", "role": role,
             "department": f"d:{name}", "departmentName": name, "bodyClass": "department"}
            for n in range(3) for name, role in zip(names, ("lead", "support", "support")))
        return Side(label, (), rows, [])

    c = compare(side("p:a", "*a*", [hostile, "乙局", "丙局"]), side("p:b", "[b](javascript:x)", ["乙局", "丙局", "丁局"]))
    report = render_comparison(c)
    assert "<img" not in report and "&lt;img src=x onerror=alert(1)&gt;局" in report
    assert "# Comparison: \\*a\\* → \\[b\\](javascript:x)" in report

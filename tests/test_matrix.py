"""The responsibility matrix and the classic table (``fengong export matrix``), and the workbooks
of ``fengong export``: read back with openpyxl, checked against the parsed plan and the workload
query, byte-identical from run to run, and safe with text that looks like a formula or markup."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from fengong.cli import main
from fengong.pipeline.sheets import FIXED_TIME
from fengong.store import OxigraphStore
from query_cases import QUERIES

ROLE = {"牵": "lead", "责": "responsible", "共": "joint", "配": "support"}
HOSTILE = ("一、任务\n1.=HYPERLINK(\"http://x\",\"y\")推进甲。（由省财政厅牵头，省商务厅配合，6月底前完成）\n"
           "2.<script>alert(1)</script>推进乙。（由省商务厅负责）\n3.@SUM(A1)推进丙。（由省财政厅负责）\n")


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, input: str | None = None):
        result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    return invoke


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("matrix") / "matrix.xlsx"
    result = CliRunner().invoke(main, ["export", "matrix", "--format", "xlsx", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_the_sample_matrix_has_a_row_per_unit_and_a_column_per_department(workbook, sample):
    ws = openpyxl.load_workbook(workbook)["责任矩阵"]
    rows = list(ws.iter_rows(values_only=True))
    header, units, footer = rows[0], rows[1:-2], rows[-2:]
    assert header[:4] == ("序号", "单元", "类别", "任务")
    departments = header[4:]
    assert len(units) == 82 and len(departments) == 39 == len(set(departments))
    cells = Counter()
    for row in units:
        for name, cell in zip(departments, row[4:]):
            for role in (cell or "").split("/") if cell else ():
                cells[(row[0], row[1], name, ROLE[role])] += 1
    assignments = Counter((item.label, unit.number, a.department.name, a.role.value)
                          for item in sample.items for unit in item.units for a in unit.clause.assignments)
    assert sum(assignments.values()) == 274 and cells == assignments
    assert footer[0][3] == "合计（牵头、负责、共同）" and footer[1][3] == "合计（含配合）"


def test_the_matrix_totals_are_the_workload(workbook, sample_file):
    ws = openpyxl.load_workbook(workbook)["责任矩阵"]
    rows = list(ws.iter_rows(values_only=True))
    accountable = dict(zip(rows[0][4:], rows[-2][4:]))
    total = dict(zip(rows[0][4:], rows[-1][4:]))
    query = QUERIES["workload"]
    workload = OxigraphStore.from_file(sample_file).select(query.text, query.bindings({})).records()
    assert {str(r["department"]): int(r["accountable"]) for r in workload} == accountable
    assert {str(r["department"]): int(r["total"]) for r in workload} == total
    assert list(accountable) == [str(r["department"]) for r in workload]  # ranked as the query ranks them


def test_the_workbook_is_made_for_working_in(workbook):
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == ["责任矩阵", "分工表"]
    matrix, classic = wb["责任矩阵"], wb["分工表"]
    assert matrix.freeze_panes == "E2" and matrix.auto_filter.ref == "A1:AQ83"
    assert classic.freeze_panes == "B2" and classic.auto_filter.ref == "A1:E83"
    assert [c.value for c in classic[1]] == ["序号", "任务", "牵头单位", "配合单位", "完成时限"]
    assert [c.value for c in classic[2]] == [
        "一（一）-1", "主要农畜产品质量安全监测合格率达到96%以上，累计建成农业标准化示范区180个。", "自治区农牧业厅", "自治区质监局", None]
    # A Chinese character counts as two: the lead units column fits its longest cell.
    longest = max(len(c.value or "") for (c,) in classic.iter_rows(min_row=2, min_col=3, max_col=3))
    assert classic.column_dimensions["C"].width >= 2 * longest or classic.column_dimensions["C"].width == 60
    assert matrix.column_dimensions["D"].width == 60 and matrix[2][3].alignment.wrap_text


def test_the_workbook_is_the_same_bytes_every_time(workbook, tmp_path):
    again = tmp_path / "again.xlsx"
    assert CliRunner().invoke(main, ["export", "matrix", "--format", "xlsx", "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == workbook.read_bytes()
    with zipfile.ZipFile(workbook) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = openpyxl.load_workbook(workbook).properties
    assert props.created == props.modified == FIXED_TIME


def test_formula_like_text_stays_text_in_a_workbook(run, tmp_path):
    run("export", "matrix", "-", "--format", "xlsx", "-o", "m.xlsx", input=HOSTILE)
    run("export", "assignments", "-", "--format", "xlsx", "-o", "a.xlsx", input=HOSTILE)
    for name, sheet, column in (("m.xlsx", "分工表", 2), ("a.xlsx", "assignments", 4)):
        ws = openpyxl.load_workbook(tmp_path / name)[sheet]
        cells = [row[0] for row in ws.iter_rows(min_row=2, min_col=column, max_col=column)]
        first = cells[0]
        assert first.value == "=HYPERLINK(\"http://x\",\"y\")推进甲。" and first.data_type == "s" and first.quotePrefix
        assert any(c.value == "@SUM(A1)推进丙。" and c.quotePrefix for c in cells)
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx")["assignments"]
    assert [c.value for c in ws[1]][-2:] == ["deadline", "due"] and [c.value for c in ws[2]][-2:] == ["6月底前完成", None]


def test_matrix_csv_and_html(run):
    rows = list(csv.reader(io.StringIO(run("export", "matrix", "-", input=HOSTILE).stdout)))
    assert rows[0] == ["序号", "单元", "类别", "任务", "省财政厅", "省商务厅"]
    assert rows[1] == ["一1", "1", "任务", "'=HYPERLINK(\"http://x\",\"y\")推进甲。", "牵", "配"]
    assert rows[-2:] == [["", "", "", "合计（牵头、负责、共同）", "2", "1"], ["", "", "", "合计（含配合）", "2", "2"]]
    classic = list(csv.reader(io.StringIO(run("export", "matrix", "-", "--classic", "--lang", "en", input=HOSTILE).stdout)))
    assert classic[0] == ["number", "task", "lead units", "supporting units", "deadline"]
    assert classic[1][2:] == ["Provincial Department of Finance", "Provincial Department of Commerce", "6月底前完成"]
    page = run("export", "matrix", "-", "--format", "html", input=HOSTILE).stdout
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;推进乙。" in page
    en = run("export", "matrix", "--format", "html", "--lang", "en").stdout
    assert "<th>Bureau of Quality and Technical Supervision of Inner Mongolia Autonomous Region</th>" in en
    assert '<td class="role">lead/support</td>' in en  # 二（一）7: the bureau as lead and as supporter


@pytest.mark.skipif(not (shutil.which("libreoffice") or shutil.which("soffice")), reason="LibreOffice not installed")
def test_libreoffice_opens_the_workbook_and_runs_no_text_as_a_formula(workbook, tmp_path):
    def converted(path: Path) -> list[list[str]]:
        office = shutil.which("libreoffice") or shutil.which("soffice")
        subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76",  # comma, double quote, UTF-8
                        "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
        return list(csv.reader(io.StringIO((tmp_path / f"{path.stem}.csv").read_text(encoding="utf-8"))))

    rows = converted(workbook)
    assert rows[0][:4] == ["序号", "单元", "类别", "任务"] and len(rows) == 85 and len(rows[0]) == 43
    hostile = tmp_path / "hostile.xlsx"
    assert CliRunner().invoke(main, ["export", "matrix", "-", "--format", "xlsx", "-o", str(hostile)],
                              input=HOSTILE).exit_code == 0
    assert [r[3] for r in converted(hostile)[1:4]] == [
        "=HYPERLINK(\"http://x\",\"y\")推进甲。", "<script>alert(1)</script>推进乙。", "@SUM(A1)推进丙。"]


def test_a_matrix_of_several_plans_names_each_rows_plan(run, tmp_path):
    (tmp_path / "a.txt").write_text("一、任务\n1.推进甲。（由省财政厅牵头，省商务厅配合）\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("一、任务\n1.推进乙。（由省教育厅负责）\n2.推进丙。（由省商务厅负责）\n", encoding="utf-8")
    rows = list(csv.reader(io.StringIO(run("export", "matrix", "a.txt", "b.txt").stdout)))
    # Ranked as the workload query ranks them: accountable, all roles, then the name's code points.
    assert rows[0] == ["文件", "序号", "单元", "类别", "任务", "省商务厅", "省教育厅", "省财政厅"]
    assert [r[:2] + r[5:] for r in rows[1:4]] == [
        ["a", "一1", "配", "", "牵"], ["b", "一1", "", "责", ""], ["b", "一2", "责", "", ""]]
    classic = list(csv.reader(io.StringIO(run("export", "matrix", "a.txt", "b.txt", "--classic").stdout)))
    assert classic[0] == ["文件", "序号", "任务", "牵头单位", "配合单位", "完成时限"]
    assert classic[1] == ["a", "一1", "推进甲。", "省财政厅", "省商务厅", ""]

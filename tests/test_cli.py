"""The command line contract: outputs, formats, exit codes, and help that documents every option."""

from __future__ import annotations

import csv
import os
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from fengong.cli import main
from fengong.tables import CRLF, FORMATS, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def test_build_defaults_to_the_sample_plan(run, tmp_path):
    result = run("build")
    assert result.exit_code == 0
    assert "80 items (25 targets, 55 tasks), 82 units, 274 assignments, 39 departments" in result.stdout
    assert (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8").startswith("PREFIX")
    assert "line 84" not in result.stdout and ":84: warning:" in result.stderr


def test_strict_fails_on_warnings(run):
    result = run("build", "--strict", "-o", "strict")
    assert result.exit_code == 1


def test_unreadable_input_is_reported_and_the_rest_built(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("一、任务\n1.推进。（由省财政厅负责）\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK")
    result = run("build", "missing.txt", str(good), "binary.txt", "-o", "mixed")
    assert result.exit_code == 2
    assert "error: missing.txt: no such file" in result.stderr
    assert "error: binary.txt: binary file, not text" in result.stderr
    assert "good.txt: 1 items" in result.stdout
    assert (tmp_path / "mixed" / "graph.ttl").exists()


def test_build_refuses_to_overwrite_an_input(run, tmp_path):
    plan = tmp_path / "graph.ttl"
    plan.write_text("一、任务\n1.推进。（由省财政厅负责）\n", encoding="utf-8")
    result = run("build", str(plan), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "refusing to overwrite the input" in result.stderr
    assert plan.read_text(encoding="utf-8").startswith("一、任务")


def test_plan_from_standard_input(run):
    result = run("export", "assignments", "-", input="一、任务\n1.推进。（由省财政厅负责）\n")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "stdin,一1,task,推进。,省财政厅,省财政厅,responsible,,"


def test_export_formats(run):
    text = run("export", "assignments").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 274
    assert list(rows[0]) == ["document", "item", "kind", "text", "department", "surface", "role", "deadline", "due"]
    assert rows[0] == {
        "document": "neimenggu-2016-quality-plan", "item": "一（一）", "kind": "target",
        "text": "主要农畜产品质量安全监测合格率达到96%以上，累计建成农业标准化示范区180个。",
        "department": "内蒙古自治区农牧业厅", "surface": "自治区农牧业厅", "role": "lead", "deadline": "", "due": ""}
    data = json.loads(run("export", "assignments", "--format", "json").stdout)
    assert data[0] == rows[0] and len(data) == 274
    table = run("export", "assignments", "--format", "table").stdout.splitlines()
    assert table[0].split() == ["document", "item", "kind", "text", "department", "surface", "role", "deadline", "due"]
    assert len(table) == 276


def test_officials_are_exported_with_their_own_role(run):
    result = run("export", "assignments", "-", input="一、任务\n1.推进。（责任领导：张三；牵头单位：省发展改革委）\n")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["surface"], r["role"]) for r in rows] == [("省发展改革委", "lead"), ("张三", "official")]


def test_validate_exit_codes(run, tmp_path):
    run("build")
    ok = run("validate")
    assert ok.exit_code == 0 and "conforms" in ok.stdout
    broken = tmp_path / "broken.ttl"
    text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    broken.write_text(text.replace("prov:hadRole fg:lead", "prov:hadRole fg:leed"), encoding="utf-8")
    bad = run("validate", "--graph", str(broken))
    assert bad.exit_code == 1
    assert "violations" in bad.stderr
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    assert run("validate", "--graph", str(garbage)).exit_code == 2
    assert run("validate", "--graph", str(tmp_path / "none.ttl")).exit_code == 2


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under ``group``, asked for as the command line asks: a lazy group has no
    ``commands`` of its own, only ``list_commands`` and ``get_command``."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


COMMANDS = list(_commands(main))


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(path) for path, _ in COMMANDS])
def test_every_command_answers_help_and_documents_every_option(run, path, command):
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: main {' '.join(path)} ")
    assert command.help and len(command.help) > 20, f"fengong {' '.join(path)} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"fengong {' '.join(path)} {param.opts[0]} has no help text"
            assert param.opts[-1] in result.stdout, f"fengong {' '.join(path)} --help does not show {param.opts[-1]}"


def test_console_script_and_entry_script_agree(tmp_path):
    fengong = Path(sys.executable).with_name("fengong")
    subprocess.run([str(fengong), "build", "-o", str(tmp_path / "a")], check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "build_graph.py"), "-o", str(tmp_path / "b")], check=True,
                   capture_output=True)
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (tmp_path / "b" / "graph.ttl").read_bytes()


def test_outputs_are_readable_by_others(tmp_path):
    from fengong.output import write_atomic

    out = tmp_path / "graph.ttl"
    old = os.umask(0o022)
    try:
        write_atomic(out, "x")
    finally:
        os.umask(old)
    assert oct(out.stat().st_mode & 0o777) == oct(0o644)


FORMULAS = ("一、任务\n1.=HYPERLINK(\"http://x\",\"y\")推进。（由省财政厅负责）\n2.@SUM(A1)推进乙。（由省商务厅负责）\n"
            "3.+1+1推进丙。（由省商务厅负责）\n4.-2+3推进丁。（由省商务厅负责）\n")


def test_export_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(run, tmp_path):
    texts = [r["text"] for r in csv.DictReader(io.StringIO(run("export", "assignments", "-", input=FORMULAS).stdout))]
    assert texts == ["'=HYPERLINK(\"http://x\",\"y\")推进。", "'@SUM(A1)推进乙。", "'+1+1推进丙。", "'-2+3推进丁。"]
    # JSON is for programs, and keeps the text as the plan wrote it.
    data = json.loads(run("export", "assignments", "-", "--format", "json", input=FORMULAS).stdout)
    assert data[0]["text"] == "=HYPERLINK(\"http://x\",\"y\")推进。"
    # SPARQL results CSV is the W3C format other SPARQL tools read: the text as it is.
    (tmp_path / "formulas.txt").write_text(FORMULAS, encoding="utf-8")
    assert run("build", "formulas.txt", "--no-analysis", "--no-viz").exit_code == 0
    sparql = run("query", "search", "--param", "phrase=HYPERLINK", "--format", "csv").stdout
    assert [r["text"] for r in csv.DictReader(io.StringIO(sparql))] == ["=HYPERLINK(\"http://x\",\"y\")推进。"]


# -- the one table writer (fengong.tables) --------------------------------------------------------

COLUMNS = ("name", "load", "note")
ROWS = [("=HYPERLINK(\"http://x\")", -0.5, None), ("质监局", 2 / 3, "-1+1")]


def test_the_writer_writes_csv_for_people_with_lf_and_neutralised_cells():
    text = render(COLUMNS, ROWS, "csv")
    assert text == 'name,load,note\n"\'=HYPERLINK(""http://x"")",-0.5,\n质监局,0.6666666666666666,\'-1+1\n'


def test_the_writer_writes_sparql_csv_with_crlf_and_every_value_as_it_is():
    text = render(COLUMNS, ROWS, "csv", line_end=CRLF, neutralised=False)
    assert text == 'name,load,note\r\n"=HYPERLINK(""http://x"")",-0.5,\r\n质监局,0.6666666666666666,-1+1\r\n'


def test_the_writer_writes_json_as_a_list_of_objects_with_every_text_as_it_is():
    text = render(COLUMNS, ROWS, "json")
    assert json.loads(text) == [{"name": "=HYPERLINK(\"http://x\")", "load": -0.5, "note": None},
                                {"name": "质监局", "load": 2 / 3, "note": "-1+1"}]
    assert "质监局" in text and text.endswith("]\n")  # Chinese as it is, not \\u escapes


def test_the_writer_rounds_floats_only_when_asked_and_in_every_format():
    assert render(COLUMNS, ROWS, "csv", digits=6).splitlines()[2] == "质监局,0.666667,'-1+1"
    assert json.loads(render(COLUMNS, ROWS, "json", digits=2))[1]["load"] == 0.67
    assert render(COLUMNS, ROWS, "table", digits=2).splitlines()[3].split()[:2] == ["质监局", "0.67"]


def test_the_writer_aligns_the_table_by_display_width():
    lines = render(("name", "n"), [("质监局", 1), ("ab", 22)], "table").splitlines()
    assert lines == ["name    n", "──────  ──", "质监局  1", "ab      22"]


def test_the_writer_refuses_a_format_it_does_not_write():
    with pytest.raises(ValueError, match="table, csv, json"):
        render(COLUMNS, ROWS, "tsv")


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(path) for path, _ in COMMANDS])
def test_every_command_offers_the_formats_of_the_one_writer(path, command):
    # fengong export adds the forms people open tables in: a workbook and a page.
    formats = (*FORMATS, "xlsx", "html") if path[0] == "export" else FORMATS
    for param in command.params:
        if param.name == "fmt":
            assert tuple(param.type.choices) == formats, " ".join(path)

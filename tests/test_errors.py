"""Bad input: unreadable files fail with one clear line and exit code 2 while the rest is built;
suspicious text is warned about with file and line and kept in the graph as an unparsed clause;
output is written atomically and never over an input."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from documents import to_pdf
from fpdf import FPDF
from helpers import assert_valid
from rdflib import Graph, Literal
from rdflib.namespace import RDF

from fengong import parse_text
from fengong.cli import main
from fengong.namespace import FG

HEAD = "一、主要任务\n"
GOOD = f"{HEAD}1.推进质量信用建设。（由省质监局负责）\n"


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def _scan() -> bytes:
    """A PDF page with only an image-like shape on it: no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")
    return bytes(pdf.output())


def _damaged_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w:document")
    return out.getvalue()


# (file name, its bytes, or None for no file, "dir" for a folder) → the one line reported
UNREADABLE = {
    "missing": ("missing.txt", None, "no such file"),
    "directory": ("plans", "dir", "a folder with no plan in it (.txt, .html, .docx or .pdf files)"),
    "binary": ("logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    "undecodable": ("latin.txt", b"plan\xff\xfe\xffplan", "cannot be decoded as UTF-8, GB18030 or Big5 "
                                                         "(name the encoding with --encoding)"),
    "empty": ("empty.txt", b"", "empty file"),
    "blank": ("blank.txt", "\ufeff \u3000\n\n".encode(), "empty file"),
    "clause-less": ("notes.txt", "会议纪要\n一、会议听取了汇报。\n二、会议要求加强质量工作。\n".encode(),
                    "no role word (牵头, 配合, 负责…) in the text: not a division-of-labour plan?"),
    "old word": ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
                 "a Word 97-2003 .doc file: save it as .docx or as text"),
    "damaged word": ("broken.docx", _damaged_docx(), "damaged Word .docx file (cannot be parsed)"),
    "scanned pdf": ("scan.pdf", _scan(), "PDF has no text layer (a scanned image?): run OCR on it first"),
    "damaged pdf": ("cut.pdf", to_pdf(GOOD, "t")[:400], "damaged PDF file (cannot be parsed)"),
    "zip": ("plans.zip", b"PK\x03\x04" + bytes(60), "a zip archive, not a plan (unpack it first)"),
}


def _make(folder: Path, name: str, data) -> str:
    if data == "dir":
        (folder / name).mkdir()
    elif data is not None:
        (folder / name).write_bytes(data)
    return name


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_input_fails_alone_with_one_clear_line(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name, data, reason = UNREADABLE[case]
    bad = _make(tmp_path, name, data)
    Path("good.txt").write_text(GOOD, encoding="utf-8")

    built = run("build", bad, "good.txt", "-o", "out", "--no-analysis")
    assert built.exit_code == 2
    assert [line for line in built.stderr.splitlines() if line.startswith("error:")] == [f"error: {bad}: {reason}"]
    assert built.stdout.splitlines()[0].startswith("good.txt: 1 items")
    assert_valid(tmp_path / "out" / "graph.ttl")

    exported = run("export", "assignments", bad, "good.txt")
    assert exported.exit_code == 2
    assert f"error: {bad}: {reason}" in exported.stderr.splitlines()
    assert exported.stdout.splitlines()[1:] == ["good,一1,task,推进质量信用建设。,省质量技术监督局,省质监局,responsible"]


def test_nothing_readable_writes_no_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build", "missing.txt", "-o", "out", "--no-analysis")
    assert result.exit_code == 2 and result.stderr.strip() == "error: missing.txt: no such file"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("encoding, reason", [
    ("big5", "not valid big5 text (byte 8)"),
    ("klingon", "unknown encoding 'klingon'"),
])
def test_a_wrong_encoding_option_is_reported(tmp_path, monkeypatch, encoding, reason):
    monkeypatch.chdir(tmp_path)
    Path("plan.txt").write_bytes(GOOD.encode("gb18030"))
    result = run("build", "plan.txt", "--encoding", encoding, "-o", "out", "--no-analysis")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: plan.txt: {reason}"]


def test_empty_standard_input():
    result = run("export", "assignments", "-", input=b"")
    assert result.exit_code == 2 and result.stderr.strip() == "error: -: empty file"


# -- suspicious text: warned about with file and line, kept in the graph --------------------------

SUSPICIOUS = {  # plan line 2 → (the warnings, the clause kept unparsed)
    "clause that does not parse": (
        "1.推进A。（由省财政厅牵头，省商务厅配合，具体办法另行制定）",
        ["looks like a responsibility clause but does not parse "
         "(unparsed-text: text after the last role word: 具体办法另行制定) [unparsed-clause]"],
        "（由省财政厅牵头，省商务厅配合，具体办法另行制定）"),
    "bracket never closed": (
        "1.推进A。（由省财政厅牵头，省商务厅配合",
        ["a bracket is opened and never closed [unbalanced-bracket]",
         "looks like a responsibility clause but does not parse "
         "(unbalanced-bracket: the clause is never closed) [unparsed-clause]"],
        "（由省财政厅牵头，省商务厅配合"),
    "bracket never opened": (
        "1.推进A。由省财政厅牵头，省商务厅配合）",
        ["a closing bracket has no opening bracket [unbalanced-bracket]",
         "looks like a responsibility clause but does not parse "
         "(unbalanced-bracket: the clause is never opened) [unparsed-clause]"],
        "由省财政厅牵头，省商务厅配合）"),
    "names that cannot be split": (
        "1.推进A。（由省财政厅省商务厅负责）",
        ["looks like a responsibility clause but does not parse (unsplittable-name: "
         "省财政厅省商务厅 reads as two names run together (省财政厅 and 省商务厅)) [unparsed-clause]"],
        "（由省财政厅省商务厅负责）"),
    "lead word with no department": (
        "1.推进A。（牵头，省商务厅配合）",
        ["looks like a responsibility clause but does not parse "
         "(role-without-department: 牵头 has no department before it) [unparsed-clause]"],
        "（牵头，省商务厅配合）"),
    "support word with no department": (
        "1.推进A。（由省财政厅牵头，配合）",
        ["looks like a responsibility clause but does not parse "
         "(role-without-department: 配合 has no department before it) [unparsed-clause]"],
        "（由省财政厅牵头，配合）"),
    "field with no department": (
        "1.推进A。（牵头单位：；配合单位：省商务厅）",
        ["looks like a responsibility clause but does not parse "
         "(role-without-department: 牵头单位 names no department) [unparsed-clause]"],
        "（牵头单位：；配合单位：省商务厅）"),
}


@pytest.mark.parametrize("case", list(SUSPICIOUS))
def test_suspicious_text_is_warned_about_and_kept_in_the_graph(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line, warnings, kept = SUSPICIOUS[case]
    Path("p.txt").write_text(f"{HEAD}{line}\n2.推进B。（由省商务厅负责）\n", encoding="utf-8")
    result = run("build", "p.txt", "-o", "out", "--no-analysis")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"p.txt:2: warning: {w}" for w in warnings]
    assert "1 clauses parsed, 1 unparsed" in result.stdout
    graph = Graph().parse(tmp_path / "out" / "graph.ttl")
    [clause] = graph.subjects(RDF.type, FG.UnparsedClause)
    assert (graph.value(clause, FG.text), graph.value(clause, FG.line)) == (Literal(kept), Literal(2))
    assert str(clause).endswith("/plan/p/item/1.1/unparsed1")
    assert_valid(tmp_path / "out" / "graph.ttl")
    strict = run("build", "p.txt", "-o", "strict", "--no-analysis", "--strict")
    assert strict.exit_code == 1 and (tmp_path / "strict" / "graph.ttl").exists()


def test_strict_passes_a_clean_plan(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("good.txt").write_text(GOOD, encoding="utf-8")
    assert run("build", "good.txt", "-o", "out", "--no-analysis", "--strict").exit_code == 0
    assert run("export", "assignments", "good.txt", "--strict").exit_code == 0


# -- output ---------------------------------------------------------------------------------------

FDOPEN = os.fdopen


class _DiskFull(io.RawIOBase):
    """A file that takes half of what is written to it, then fails as a full disk does."""

    def __init__(self, fd: int) -> None:
        self.real = FDOPEN(fd, "wb")

    def write(self, data) -> int:
        self.real.write(bytes(data[: len(data) // 2]))
        self.real.flush()
        raise OSError(28, "No space left on device")

    def close(self) -> None:
        self.real.close()
        super().close()


def test_a_failed_write_leaves_the_previous_graph_whole(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("good.txt").write_text(GOOD, encoding="utf-8")
    assert run("build", "good.txt", "-o", "out", "--no-analysis").exit_code == 0
    before = (tmp_path / "out" / "graph.ttl").read_bytes()
    Path("good.txt").write_text(GOOD.replace("省质监局", "省财政厅"), encoding="utf-8")
    monkeypatch.setattr("fengong.output.os.fdopen", lambda fd, mode: _DiskFull(fd))
    failed = run("build", "good.txt", "-o", "out", "--no-analysis")
    assert failed.exit_code != 0 and isinstance(failed.exception, OSError)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == before
    assert not list((tmp_path / "out").glob(".graph.ttl*"))  # no half-written temporary file either
    assert_valid(tmp_path / "out" / "graph.ttl")


def test_a_failed_first_build_leaves_no_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("good.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr("fengong.output.os.fdopen", lambda fd, mode: _DiskFull(fd))
    failed = run("build", "good.txt", "-o", "out", "--no-analysis")
    assert failed.exit_code != 0 and isinstance(failed.exception, OSError)
    assert not (tmp_path / "out" / "graph.ttl").exists() and not list((tmp_path / "out").glob(".graph.ttl*"))


@pytest.mark.parametrize("spelling", ["./out/../out/graph.ttl", "link.txt"])
def test_output_never_overwrites_an_input_however_it_is_named(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    Path("out").mkdir()
    Path("out/graph.ttl").write_text(GOOD, encoding="utf-8")  # a plan kept where the graph would go
    Path("link.txt").symlink_to(tmp_path / "out" / "graph.ttl")
    result = run("build", spelling, "-o", "out", "--no-analysis")
    assert result.exit_code == 2 and "refusing to overwrite the input file" in result.stderr
    assert Path("out/graph.ttl").read_text(encoding="utf-8") == GOOD


def test_validate_fails_on_a_broken_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("good.txt").write_text(GOOD, encoding="utf-8")
    run("build", "good.txt", "-o", "out", "--no-analysis")
    graph = Graph().parse("out/graph.ttl")
    [assignment] = graph.subjects(RDF.type, FG.Assignment)
    graph.remove((assignment, None, None))  # the unit still points at it: an assignment with no agent
    graph.add((assignment, RDF.type, FG.Assignment))
    graph.serialize("broken.ttl", format="turtle")
    result = run("validate", "--graph", "broken.ttl")
    assert result.exit_code == 1
    assert f"{assignment} http://www.w3.org/ns/prov#agent:" in result.stdout
    assert result.stderr.strip().endswith("violations")


def test_closing_bracket_without_opening_keeps_the_clause_unparsed():
    plan = parse_text(f"{HEAD}1.推进A。由省财政厅牵头，省商务厅配合）\n2.推进B。（由省商务厅负责）\n", source="p.txt")
    assert [(c.text, c.line, c.parsed) for c in plan.unparsed_clauses] == [("由省财政厅牵头，省商务厅配合）", 2, False)]
    assert [d.format() for d in plan.diagnostics] == [
        "p.txt:2: warning: a closing bracket has no opening bracket [unbalanced-bracket]",
        "p.txt:2: warning: looks like a responsibility clause but does not parse "
        "(unbalanced-bracket: the clause is never opened) [unparsed-clause]"]
    assert [a.surface for a in plan.assignments] == ["省商务厅"]


def test_support_word_without_department_is_not_silently_dropped():
    plan = parse_text(f"{HEAD}1.推进A。（由省财政厅牵头，配合）\n2.推进B。（由省商务厅负责）\n", source="p.txt")
    assert [(c.text, c.line) for c in plan.unparsed_clauses] == [("（由省财政厅牵头，配合）", 2)]
    assert [d.format() for d in plan.diagnostics] == [
        "p.txt:2: warning: looks like a responsibility clause but does not parse "
        "(role-without-department: 配合 has no department before it) [unparsed-clause]"]
    assert parse_text(f"{HEAD}1.推进A。（由省财政厅牵头，并负责组织实施）\n").assignments[0].role.value == "lead"


def test_names_run_together_are_not_made_into_one_department():
    plan = parse_text(f"{HEAD}1.推进A。（由省财政厅省商务厅负责）\n2.推进B。（由省商务厅负责）\n", source="p.txt")
    assert [(c.text, c.line) for c in plan.unparsed_clauses] == [("（由省财政厅省商务厅负责）", 2)]
    assert [d.format() for d in plan.diagnostics] == [
        "p.txt:2: warning: looks like a responsibility clause but does not parse (unsplittable-name: "
        "省财政厅省商务厅 reads as two names run together (省财政厅 and 省商务厅)) [unparsed-clause]"]
    assert [a.surface for a in plan.assignments] == ["省商务厅"]


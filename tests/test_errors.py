"""Bad input: unreadable files fail with one clear line and exit code 2 while the rest is built;
suspicious text is warned about with file and line and kept in the graph as an unparsed clause;
output is written atomically and never over an input."""

from __future__ import annotations

import importlib
import inspect
import io
import os
import pickle
import pkgutil
import resource
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from documents import deflate_repeated, docx_with_parts, to_docx, to_pdf
from fpdf import FPDF
from helpers import assert_valid
from rdflib import Graph, Literal
from rdflib.namespace import RDF

import fengong
from fengong import parse_text
from fengong.cli import main
from fengong.namespace import FG
from fengong.pipeline.inputs import SUFFIXES
from fengong.pipeline.work import NOT_A_PLAN

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
    assert exported.stdout.splitlines()[1:] == ["good,一1,task,推进质量信用建设。,省质量技术监督局,省质监局,responsible,,"]


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


def _error_classes() -> list[type[BaseException]]:
    """Every exception class fengong defines, found by importing each of its modules, so that a
    class added tomorrow is tested without being listed here."""
    for module in pkgutil.walk_packages(fengong.__path__, "fengong."):
        if not module.name.endswith("__main__"):  # that one runs the command line
            importlib.import_module(module.name)
    found, todo = set(), [BaseException]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.startswith("fengong."):
                found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _an_instance(cls: type[BaseException]) -> BaseException:
    """``cls`` raised as its code raises it: a value for every argument its constructor requires
    (a class that keeps Exception's own constructor has no signature to read, and takes a message)."""
    try:
        parameters = inspect.signature(cls).parameters.values()
    except ValueError:
        parameters = []
    required = [p.name for p in parameters if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return cls(*(f"the {name}" for name in required)) if required else cls("the reason")


ERRORS = _error_classes()


@pytest.mark.parametrize("cls", ERRORS, ids=[cls.__name__ for cls in ERRORS])
def test_every_error_survives_the_trip_back_from_a_worker_process(cls):
    """A worker process sends its result, an unreadable file's error included, back by pickling
    it; an error that cannot be rebuilt on the other side breaks the whole pool."""
    error = _an_instance(cls)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.args, str(copy), vars(copy)) == (cls, error.args, str(error), vars(error))


# -- Word files that unpack to far more than they hold: zip bombs ---------------------------------

DOCUMENT_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
                 b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
DOCUMENT_TAIL = b"</w:body></w:document>"
PARAGRAPH = "<w:p><w:r><w:t>推进质量信用建设。（由省质监局负责）</w:t></w:r></w:p>".encode()


def _part_of(head: bytes, block: bytes, times: int, tail: bytes, declared: int | None = None,
             crc: bool = True) -> tuple[bytes, int, int]:
    """A part holding ``block`` written ``times`` times between ``head`` and ``tail``, deflated,
    with its true CRC-32 (or none, when ``crc`` is false: a reader must refuse such a part from
    its sizes alone, before it inflates any of it) and its true size (or ``declared``)."""
    checksum = 0
    if crc:
        checksum = zlib.crc32(head)
        for _ in range(times):
            checksum = zlib.crc32(block, checksum)
        checksum = zlib.crc32(tail, checksum)
    size = len(head) + len(block) * times + len(tail)
    return deflate_repeated(head, block, times, tail), checksum, size if declared is None else declared


def _document_of(block: bytes, times: int, **declared) -> bytes:
    """A Word file whose document body is ``block`` written ``times`` times."""
    return docx_with_parts({"word/document.xml": _part_of(DOCUMENT_HEAD, block, times, DOCUMENT_TAIL, **declared)})


def _parts(total: int) -> bytes:
    """A Word file of ``total`` parts: its own, and small images."""
    with zipfile.ZipFile(io.BytesIO(to_docx(GOOD, ""))) as base:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in base.infolist():
                z.writestr(info, base.read(info))
            for k in range(total - len(base.infolist())):
                z.writestr(f"word/media/image{k}.png", b"\x89PNG")
    return out.getvalue()


FOUR_GB = 4_000_000_000 // (10_000 * len(PARAGRAPH))
BOMBS = {  # what a file holds → (its bytes, the reason it is refused)
    "4 GB of XML": (lambda: _document_of(PARAGRAPH * 10_000, FOUR_GB, crc=False),
                    "a Word file that unpacks to 3,815 MB, more than the 200 MB fengong reads (a zip bomb?)"),
    "4 GB of XML, declaring 10 KB": (lambda: _document_of(PARAGRAPH * 10_000, FOUR_GB, declared=10_000, crc=False),
                                     "damaged Word .docx file (cannot be parsed)"),
    "2 million paragraphs": (lambda: _document_of("<w:p><w:r><w:t>推进。</w:t></w:r></w:p>".encode() * 1000, 2000),
                             "a Word file of more than 250,000 XML elements, more than fengong reads (a zip bomb?)"),
    "2,001 parts": (lambda: _parts(2001),
                    "a Word file of 2,001 parts, more than the 2,000 fengong reads (a zip bomb?)"),
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_word_files_that_unpack_to_too_much_are_refused_within_1_gb_and_seconds(tmp_path):
    """Full-size bombs, made in milliseconds: each refused in one line and the plan beside them
    built, by a process allowed 1 GB of memory and a minute (before the limits, the first took
    6.4 GB and the third ran for minutes)."""
    names = []
    for n, (make, _) in enumerate(BOMBS.values()):
        names.append(f"bomb{n}.docx")
        (tmp_path / names[-1]).write_bytes(make())
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "fengong", "build", *names, "good.txt", "-o", "out",
                             "--no-analysis", "--no-viz"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60, preexec_fn=_limit_memory)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [f"error: {name}: {reason}" for name, (_, reason) in zip(names, BOMBS.values())]
    assert result.stdout.startswith("good.txt: 1 items")


def test_a_word_file_whose_paragraphs_name_none_of_its_styles_is_read_in_seconds(tmp_path):
    """Within the limits, reading stays linear: a paragraph's style and list are looked up, not
    searched for among every style and list of the file (5,000 × 50,000 searches took ten minutes)."""
    styles = _part_of(b'<?xml version="1.0" encoding="UTF-8"?>\n<w:styles '
                      b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
                      b'<w:style w:type="paragraph" w:styleId="unused"/>', 50_000, b"</w:styles>")
    document = _part_of(DOCUMENT_HEAD, b'<w:p><w:pPr><w:pStyle w:val="missing"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>',
                        5_000, DOCUMENT_TAIL)
    (tmp_path / "styled.docx").write_bytes(docx_with_parts({"word/styles.xml": styles, "word/document.xml": document}))
    result = subprocess.run([sys.executable, "-m", "fengong", "export", "assignments", "styled.docx"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: styled.docx: {NOT_A_PLAN}"]


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


# Every file `fengong build` writes into its output folder, with the options that write it.
BUILD_OUTPUTS = {
    "graph.ttl": [], "graph.trig": ["--rdf-format", "trig"], "graph.nq": ["--rdf-format", "nq"],
    **{name: [] for name in (
        "assignments.csv", "workload.csv", "centrality.csv", "units.csv", "sections.csv", "summary.csv",
        "load-index.png", "load-index.svg", "department-section.png", "department-section.svg",
        "coordination.graphml", "coordination.gexf", "support.graphml", "support.gexf", "report.md",
        "network.html", "coordination.html")},
}
THREE_UNITS = (f"{HEAD}1.推进质量信用建设。（由省质监局牵头，省工商局、省商务厅配合）\n"
               "2.建立标准体系。（由省财政厅负责，省商务厅配合）\n3.加强品牌。（由省商务厅牵头，省质监局配合）\n")


def test_the_outputs_guarded_against_overwriting_are_all_a_build_writes(tmp_path, monkeypatch):
    """The list the next test goes through is complete: a build with the analysis and the pages
    writes these files and no other."""
    monkeypatch.chdir(tmp_path)
    Path("p.txt").write_text(THREE_UNITS, encoding="utf-8")
    assert run("build", "p.txt", "-o", "out").exit_code == 0
    assert sorted(os.listdir("out")) == sorted(name for name, options in BUILD_OUTPUTS.items() if not options)


@pytest.mark.parametrize("name", list(BUILD_OUTPUTS))
def test_a_build_never_writes_an_output_over_one_of_its_inputs(tmp_path, monkeypatch, name):
    """However the input is named (a path through ``..``, an absolute path, a symbolic or a hard
    link, the folder it is in), the build refuses in one line before writing anything."""
    monkeypatch.chdir(tmp_path)
    Path("w").mkdir()
    plan = Path("w") / name
    plan.write_text(GOOD, encoding="utf-8")  # a plan kept where an output would go
    Path("soft.txt").symlink_to(plan.resolve())
    os.link(plan, "hard.txt")
    spellings = [str(plan), f"./w/../w/{name}", str(plan.resolve()), "soft.txt", "hard.txt"]
    if plan.suffix in SUFFIXES:  # a plan found in the folder named
        spellings.append("w")
    for spelling in spellings:
        result = run("build", spelling, "-o", "w", *BUILD_OUTPUTS[name])
        assert result.exit_code == 2, spelling
        assert result.stderr.splitlines() == [
            f"error: {plan}: refusing to overwrite the input file {plan if spelling == 'w' else spelling}"]
        assert os.listdir("w") == [name] and plan.read_text(encoding="utf-8") == GOOD


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


"""Plans as users have them: every encoding and file format gives the same assignments.

The sample plan is written out here in each form (GB18030, GBK, Big5 in traditional characters,
UTF-8 with a BOM, UTF-16, a saved government web page, a Word file, a PDF whose lines wrap) and
read back through the same path a user's file takes; the assignments must be those of the
UTF-8 text, row for row.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from documents import to_docx, to_html, to_pdf, traditional
from helpers import assert_valid
from pdfminer.high_level import extract_text
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, XSD

from fengong.cli import main
from fengong.pipeline.export import assignment_rows
from fengong.parse.fold import fold
from fengong.read.formats.encoding import detect
from fengong.read.formats.word import cn_numeral
from fengong.parse.numbering import marker_of
from fengong.namespace import ID
from fengong.parse import parse_source
from fengong.rdf import plan_graph, to_turtle
from fengong.read import read_sample, read_source

TITLE = "内蒙古自治区贯彻落实质量强区决定分工方案"
SMALL = "一、主要任务\n1.推进质量信用建设。（由省质监局牵头，省工商局、省商务厅配合）\n2.建立标准体系。（由省财政厅负责）\n"


def _rows(plan, folded: bool = False) -> list[tuple[str, ...]]:
    """Assignment rows without the document column (it is the file's name)."""
    out = [tuple(v for k, v in row.items() if k != "document") for row in assignment_rows(plan)]
    return [tuple(fold(v) for v in row) for row in out] if folded else out


@pytest.fixture(scope="module")
def reference():
    return _rows(parse_source(read_sample()))


SAMPLE = read_sample().text
FORMS = {  # file name → how to write a plan's text as that file
    "gb18030.txt": lambda text: text.encode("gb18030"),
    "gbk.txt": lambda text: text.encode("gbk"),
    "utf8-bom.txt": lambda text: text.encode("utf-8-sig"),
    "utf16.txt": lambda text: text.encode("utf-16"),
    "big5.txt": lambda text: traditional(text).encode("big5"),
    "page.html": lambda text: to_html(text, TITLE),
    "page-gb2312.htm": lambda text: to_html(text, TITLE, charset="gb2312"),
    "word.docx": lambda text: to_docx(text, TITLE),
    "printed.pdf": lambda text: to_pdf(text, TITLE),
}
EXPECTED = {  # (format, encoding) each form is read as
    "gb18030.txt": ("text", "gb18030"), "gbk.txt": ("text", "gb18030"), "utf8-bom.txt": ("text", "utf-8-sig"),
    "utf16.txt": ("text", "utf-16"), "big5.txt": ("text", "big5"), "page.html": ("html", "utf-8"),
    "page-gb2312.htm": ("html", "gb2312"), "word.docx": ("docx", ""), "printed.pdf": ("pdf", ""),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The sample plan in every form, as files."""
    folder = tmp_path_factory.mktemp("forms")
    for name, write in FORMS.items():
        (folder / name).write_bytes(write(SAMPLE))
    return folder


@pytest.mark.parametrize("name", list(FORMS))
def test_every_form_gives_the_same_assignments(corpus, reference, name):
    source = read_source(str(corpus / name))
    assert (source.format, source.encoding) == EXPECTED[name]
    plan = parse_source(source)
    assert _rows(plan, folded=name == "big5.txt") == [tuple(fold(v) for v in r) if name == "big5.txt" else r
                                                      for r in reference]
    assert len(plan.assignments) == 274 and plan.date == "2016-08-30"


def test_traditional_text_is_kept_as_written(corpus):
    """Big5 text is read, not converted: surfaces stay traditional, departments are canonical."""
    plan = parse_source(read_source(str(corpus / "big5.txt")))
    first = plan.assignments[0]
    assert (first.surface, first.department.name) == ("自治區農牧業廳", "内蒙古自治区农牧业厅")
    assert plan.title == "內蒙古自治區貫徹落實質量強區決定分工方案"


def test_corpus_of_every_form_builds_one_valid_graph(tmp_path):
    """A small plan in every form, in one run: one summary line each, one graph that validates."""
    for name, write in FORMS.items():
        (tmp_path / name).write_bytes(write(SMALL))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *(str(tmp_path / n) for n in FORMS), "-o", str(out), "--no-analysis"])
    assert result.exit_code == 0, result.output
    summaries = [line for line in result.stdout.splitlines() if "assignments" in line]
    assert len(summaries) == len(FORMS)
    assert all(": 2 items (0 targets, 2 tasks), 2 units, 4 assignments, 4 departments, 2 clauses parsed, 0 unparsed, "
               "0 of 3 role words uncovered, 0 warnings" in s for s in summaries)
    assert_valid(out / "graph.ttl")


def test_metadata_comes_from_the_file_where_the_text_has_none(tmp_path):
    """A plan without a title line or date: the page's ArticleTitle and PubDate, the Word and PDF
    title properties fill them in, and they reach the graph."""
    files = {
        "a.html": to_html(SMALL, "某省质量工作分工方案"),
        "b.docx": to_docx(SMALL, "某省质量工作分工方案"),
        "c.pdf": to_pdf(SMALL, "某省质量工作分工方案"),
    }
    dates = {"a.html": "2016-09-05", "b.docx": "", "c.pdf": ""}  # a file's creation time is not an issue date
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        plan = parse_source(read_source(str(tmp_path / name)))
        assert (plan.title, plan.date) == ("某省质量工作分工方案", dates[name])
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *(str(tmp_path / n) for n in files), "-o", str(out), "--no-analysis"])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / "graph.ttl")
    assert graph.value(URIRef(f"{ID}plan/a"), DCTERMS.date) == Literal("2016-09-05", datatype=XSD.date)
    assert graph.value(URIRef(f"{ID}plan/c"), DCTERMS.title) == Literal("某省质量工作分工方案")
    assert_valid(out / "graph.ttl")


def test_the_plans_own_title_wins_over_the_file_title(tmp_path):
    (tmp_path / "p.html").write_bytes(to_html(SAMPLE, "关于印发分工方案的通知_政策文件_内蒙古自治区人民政府"))
    assert parse_source(read_source(str(tmp_path / "p.html"))).title == TITLE


# -- encodings ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    SMALL,
    "（由省财政厅负责）",
    "一、任务\n1.推进。（由自治区质监局牵头）",
    "牵头单位：市发展改革委；配合单位：市财政局、市商务局",
])
def test_short_texts_are_told_apart(text):
    """GB18030 accepts most Big5 bytes; short texts must still come back as written."""
    assert detect(text.encode("gb18030")) == (text, "gb18030")
    trad = traditional(text)
    decoded, encoding = detect(trad.encode("big5"))
    assert decoded == trad and encoding in {"big5", "cp950"}


NUL_FILES = {  # file name → how to write a text holding NUL characters as that file
    "utf8.txt": lambda text: text.encode("utf-8"),
    "utf8-bom.txt": lambda text: text.encode("utf-8-sig"),
    "gb18030.txt": lambda text: text.encode("gb18030"),
    "utf16.txt": lambda text: text.encode("utf-16"),
    "page.html": lambda text: to_html(text, TITLE),
}


@pytest.mark.parametrize("name", list(NUL_FILES))
@pytest.mark.parametrize("nuls", [1, 2])
@pytest.mark.parametrize("where", [100, len(SAMPLE) // 2])
def test_a_nul_character_anywhere_makes_a_file_binary(tmp_path, name, nuls, where):
    """One rule, whatever the encoding, the count and the place: text holds no NUL character. A
    NUL is not a character of any plan; it is an image, a database, or a file torn by a copy."""
    (tmp_path / name).write_bytes(NUL_FILES[name](SAMPLE[:where] + "\0" * nuls + SAMPLE[where:]))
    result = CliRunner().invoke(main, ["export", "assignments", str(tmp_path / name)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {tmp_path / name}: binary file, not text"]


def test_encoding_option_overrides_detection(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_bytes(SMALL.encode("gbk"))
    out = CliRunner().invoke(main, ["export", "assignments", str(plan), "--encoding", "gbk"])
    assert out.exit_code == 0 and "省质量技术监督局,省质监局,lead" in out.stdout


def test_a_page_declaring_the_wrong_charset_is_still_read(tmp_path):
    page = to_html(SAMPLE, TITLE, charset="gb2312").replace(b"charset=gb2312", b"charset=utf-8")
    (tmp_path / "p.html").write_bytes(page)
    source = read_source(str(tmp_path / "p.html"))
    assert source.encoding == "gb18030" and len(parse_source(source).assignments) == 274


@pytest.mark.parametrize("data", [
    SMALL.encode("gb18030"), traditional(SMALL).encode("big5"), to_docx(SMALL, ""), to_html(SMALL, "t"),
], ids=["gb18030", "big5", "docx", "html"])
def test_standard_input_in_any_form(data):
    """``-`` reads bytes: the form and the encoding are recognised from the content."""
    result = CliRunner().invoke(main, ["export", "assignments", "-"], input=data)
    assert result.exit_code == 0, result.output
    rows = [line.split(",")[-4:-2] for line in result.stdout.splitlines()[1:]]  # surface, role (then deadline, due)
    assert [(fold(surface), role) for surface, role in rows] == [
        ("省质监局", "lead"), ("省工商局", "support"), ("省商务厅", "support"), ("省财政厅", "responsible")]


# -- web pages ------------------------------------------------------------------------------------

def test_web_page_furniture_is_dropped(corpus):
    text = read_source(str(corpus / "page.html")).text
    for clutter in ("网站首页", "政务公开", "当前位置", "发布时间", "分享到", "打印本页", "相关文件", "主办",
                    "蒙ICP备", "var tasks", "document.write", "float: left", "网站编辑部", "自治区商务厅配合）</p>"):
        assert clutter not in text
    lines = text.split("\n")
    assert lines[0] == "各盟行政公署、市人民政府，自治区各委、办、厅、局，各大企业、事业单位："
    assert [line.strip() for line in lines] == [line.strip() for line in SAMPLE.split("\n") if line.strip()]


def test_html_table_rows_become_lines_of_cells(tmp_path):
    page = ("<html><body><div class='nav'><a href='/'>首页</a></div><div class='content'><p>一、主要任务</p>"
            "<table><tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>配合单位</th></tr>"
            "<tr><td>1</td><td>推进质量信用建设。</td><td>省质监局</td><td>省工商局、省商务厅</td></tr>"
            "</table></div></body></html>")
    (tmp_path / "t.html").write_text(page, encoding="utf-8")
    plan = parse_source(read_source(str(tmp_path / "t.html")))
    assert [(a.surface, a.role.value) for a in plan.assignments] == [
        ("省质监局", "lead"), ("省工商局", "support"), ("省商务厅", "support")]


# -- Word -----------------------------------------------------------------------------------------

LEVELS = {"cn": ("chineseCounting", "%1、"), "cn-paren": ("chineseCounting", "（%2）"), "num": ("decimal", "%3.")}


def _numbered_docx(text: str) -> bytes:
    """The plan with its 一、 / （一） / 1. numbers made by Word's automatic numbering, not typed."""
    document = Document()
    numbering = document.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{label}"/></w:lvl>'
        for i, (fmt, label) in enumerate(LEVELS.values()))
    numbering.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for line in text.split("\n"):
        marker = marker_of(fold(line.strip()))
        if marker is None or marker.type not in LEVELS:
            document.add_paragraph(line)
            continue
        paragraph = document.add_paragraph(line.strip()[marker.length:])
        level = list(LEVELS).index(marker.type)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_automatic_numbering_is_rendered(tmp_path, reference):
    (tmp_path / "numbered.docx").write_bytes(_numbered_docx(SAMPLE))
    source = read_source(str(tmp_path / "numbered.docx"))
    assert "\n二、主要任务分工\n" in source.text and "\n（七）保障措施。\n" in source.text
    assert _rows(parse_source(source)) == reference


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五"),
                                     (100, "一百"), (105, "一百零五"), (110, "一百一十"), (999, "九百九十九")])
def test_chinese_counting(n, text):
    assert cn_numeral(n) == text


def test_word_table_with_one_name_per_line_in_a_cell(tmp_path):
    document = Document()
    document.add_paragraph("一、主要任务")
    table = document.add_table(rows=2, cols=4)
    for cell, value in zip(table.rows[0].cells, ["序号", "工作任务", "牵头单位", "配合单位"]):
        cell.text = value
    row = table.rows[1].cells
    row[0].text, row[1].text, row[2].text = "1", "推进质量信用建设。", "省质监局"
    row[3].text = "省工商局"
    row[3].add_paragraph("省商务厅")
    out = io.BytesIO()
    document.save(out)
    (tmp_path / "t.docx").write_bytes(out.getvalue())
    plan = parse_source(read_source(str(tmp_path / "t.docx")))
    assert [(a.surface, a.role.value) for a in plan.assignments] == [
        ("省质监局", "lead"), ("省工商局", "support"), ("省商务厅", "support")]


# -- PDF ------------------------------------------------------------------------------------------

def test_pdf_lines_and_page_breaks_are_joined(corpus):
    """The PDF wraps every long paragraph and breaks some across pages; the reader gives back the
    paragraphs exactly, without the page numbers."""
    data = (corpus / "printed.pdf").read_bytes()
    first_page = [line for line in extract_text(io.BytesIO(data), page_numbers=[0]).split("\n") if line.strip()]
    assert first_page[-1] == "— 1 —" and first_page[-2][-1] not in "。）；："  # a sentence runs on to page 2
    text = read_source(str(corpus / "printed.pdf")).text
    assert text.split("\n") == [line.strip() for line in SAMPLE.split("\n") if line.strip()]


# -- determinism and round trip -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["big5.txt", "printed.pdf"])
def test_graph_of_a_read_file_round_trips_through_turtle(corpus, name):
    graph = plan_graph(parse_source(read_source(str(corpus / name))))
    assert isomorphic(graph, Graph().parse(data=to_turtle(graph), format="turtle"))


def test_builds_from_every_form_are_byte_identical_under_any_hash_seed(tmp_path):
    names = ["big5.txt", "page-gb2312.htm", "word.docx", "printed.pdf"]
    for name in names:
        (tmp_path / name).write_bytes(FORMS[name](SMALL))
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run([sys.executable, "-m", "fengong", "build", *names, "-o", str(out), "--no-analysis", "--no-viz"],
                       check=True, capture_output=True, cwd=tmp_path, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append((out / "graph.ttl").read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b" a fg:Plan") == 4

"""Writers for the tests: the same plan text as the files users have (GB18030, Big5, a saved web
page with its site around it, a Word file, a PDF whose long lines wrap), made here from the text
so that every format test compares against the same plan read as UTF-8."""

from __future__ import annotations

import html
import io
import struct
import zipfile
import zlib
from functools import cache

from fengong.resources import read_table

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


@cache
def _to_traditional() -> dict[int, str]:
    """Simplified → traditional for characters Big5 lacks (质 → 質); others are kept, as in
    real traditional text (同 stays 同)."""
    table: dict[int, str] = {}
    for row in read_table("traditional-simplified.tsv"):
        s, t = row["simplified"], row["traditional"]
        if ord(s) in table or _in_big5(s) or not _in_big5(t):
            continue
        table[ord(s)] = t
    return table


def _in_big5(ch: str) -> bool:
    try:
        ch.encode("big5")
        return True
    except UnicodeEncodeError:
        return False


def traditional(text: str) -> str:
    """The text in traditional characters, each folding back to the original (fold(t) == fold(s))."""
    return text.translate(_to_traditional())


CLUTTER_HEAD = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2016-09-05 10:31">
<title>{title}_政策文件_内蒙古自治区人民政府</title>
<script>var tasks = "1.推进。（由自治区财政厅负责）";</script>
<style>.nav li {{ float: left }}</style>
</head>
<body>
<div class="top-bar"><a href="/">网站首页</a> | <a href="/en">English</a> | 无障碍浏览</div>
<header><h1 class="logo">内蒙古自治区人民政府</h1></header>
<nav class="main-nav"><ul><li><a href="/zw">一、政务公开</a></li><li><a href="/fw">二、政务服务</a></li>
<li><a href="/hd">三、互动交流（由网站编辑部负责）</a></li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策文件</a></div>
<div class="wrapper"><div class="article">
<h2 class="article-title">{title}</h2>
<div class="info">发布时间：2016-09-05　来源：自治区人民政府办公厅</div>
<div id="zoom" class="TRS_Editor">
"""
CLUTTER_TAIL = """</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
<div class="print-tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<aside class="sidebar"><h3>相关文件</h3><ol>
<li><a href="/a">1.关于印发质量发展纲要的通知（由自治区质监局牵头）</a></li>
<li><a href="/b">2.关于质量强区的决定（自治区人民政府）</a></li></ol></aside>
</div>
<footer class="footer"><p>主办：内蒙古自治区人民政府办公厅　承办：内蒙古自治区人民政府信息中心</p>
<p>网站标识码：1500000000　蒙ICP备05003363号</p></footer>
<script type="text/javascript">document.write("<p>（由自治区商务厅配合）</p>");</script>
</body></html>
"""


def to_html(text: str, title: str, charset: str = "utf-8") -> bytes:
    """A government web page holding ``text`` as its article, in ``charset``."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" if line.strip() else "<p>&nbsp;</p>" for line in text.split("\n"))
    page = CLUTTER_HEAD.format(charset=charset, title=html.escape(title)) + body + CLUTTER_TAIL
    return page.encode(charset)


def to_docx(text: str, title: str) -> bytes:
    """A Word file with one paragraph per line of ``text`` and ``title`` in its properties."""
    from docx import Document

    document = Document()
    document.core_properties.title = title
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(text: str, title: str) -> bytes:
    """An A4 PDF of ``text`` in a CJK font, typeset as government PDFs are: each paragraph's first
    line indented by two characters, long lines wrapping at the right margin and across pages
    (so a reader must join them again), a page number under every page; ``title`` in its
    document information."""
    from datetime import datetime, timezone

    from fpdf import FPDF

    class Plan(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.cell(0, 10, f"— {self.page_no()} —", align="C")

    pdf = Plan(format="A4")
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=12)
    pdf.set_title(title)
    pdf.set_creation_date(datetime(2016, 9, 5, tzinfo=timezone.utc))  # the same bytes every run
    pdf.add_page()
    indent = 2 * pdf.get_string_width("中")

    def emit(line: str, x: float) -> None:
        if pdf.will_page_break(8):
            pdf.add_page()
        pdf.set_x(x)
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")

    for para in (p.strip() for p in text.split("\n")):
        if not para:
            continue
        line, x, width = "", pdf.l_margin + indent, pdf.epw - indent
        for ch in para:
            if pdf.get_string_width(line + ch) > width:
                emit(line, x)
                line, x, width = "", pdf.l_margin, pdf.epw
            line += ch
        emit(line, x)
    return bytes(pdf.output())


def deflate_repeated(head: bytes, block: bytes, times: int, tail: bytes) -> bytes:
    """``head + block * times + tail`` deflated (raw, as in a zip), without ever holding it: after
    a full flush the deflater starts afresh, so ``block`` deflates to the same bytes every time
    and is deflated once. Gigabytes of XML in a few megabytes, made in milliseconds."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    start = deflater.compress(head) + deflater.flush(zlib.Z_FULL_FLUSH)
    once = deflater.compress(block) + deflater.flush(zlib.Z_FULL_FLUSH)
    return start + once * times + deflater.compress(tail) + deflater.flush()


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of (name, deflated data, CRC-32, size) entries, each declaring the CRC and the
    size given, true or not: what zip bombs are made of, and zipfile writes only what it
    compresses itself."""
    local, central = bytearray(), bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc,
                               len(data), size, len(encoded), 0, 0, 0, 0, 0, len(local)) + encoded
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, zipfile.ZIP_DEFLATED, 0, 0x21, crc, len(data), size,
                             len(encoded), 0) + encoded + data
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return bytes(local + central + end)


def docx_with_parts(parts: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A Word file, the parts python-docx writes, with those named in ``parts`` given as
    (deflated bytes, the CRC-32 and the size to declare)."""
    base = zipfile.ZipFile(io.BytesIO(to_docx("", "")))
    entries = []
    for info in base.infolist():
        if info.filename in parts:
            entries.append((info.filename, *parts[info.filename]))
        else:
            data = base.read(info)
            deflater = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
            entries.append((info.filename, deflater.compress(data) + deflater.flush(), zlib.crc32(data), len(data)))
    return raw_zip(entries)

"""Web pages: the body of a plan saved from a government site, without the site around it.

A saved page carries the plan inside navigation bars, breadcrumbs, a header with the site's
logo, related-article lists, share buttons, a footer with the site's address, and scripts. Those
are dropped first (by element and by the class and id names sites give them), then the reader
descends from ``<body>`` into the element holding nearly all of the remaining text that is not
link text: the article. Block elements become lines and table rows tab-separated lines, which
is what the layout stage reads in a text file.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from . import Extracted, FormatError
from .encoding import decode_as, detect

DROPPED = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe",
    "svg", "button", "select", "input", "textarea", "object", "embed", "canvas", "map", "menu", "dialog",
    "head", "link", "meta",
}
# Class and id words of site furniture (whole words of a class or id: "nav", "main-nav", "footer_box").
CLUTTER = re.compile(
    r"^(?:nav\w*|menu\w*|header|head|top|topbar|footer\w*|foot|bottom|breadcrumbs?|crumbs?|location|position|"
    r"sidebar|side|aside|share\w*|tools?|toolbar|print|copyright|banner|logo|search\w*|related|relate|"
    r"recommend\w*|links?|friendlinks?|login|comments?|ads?|advert\w*|qrcode|ewm|wza|skip)$",
    re.I,
)
BLOCKS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "caption", "center", "address",
    "figure", "figcaption", "hr", "body", "html",
}
CELLS = {"td", "th"}
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w\-:.]+)""", re.I)
CJK = re.compile(r"[\u3400-\u9fff]")
SPACES = re.compile(r"[ \t\r\n\f]+")
TITLE_META = ("ArticleTitle", "og:title", "title", "DC.title")
DATE_META = ("PubDate", "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "DC.date",
             "dcterms.date")
DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# The site name a page title adds: 关于…的通知_政策文件_内蒙古自治区人民政府.
TITLE_SPLIT = re.compile(r"\s*[_|｜]\s*|\s+[-—]\s+")
SHARE_OF_BODY = 0.8  # descend into a child holding at least this share of the text


def decode_html(data: bytes, encoding: str | None) -> tuple[str, str]:
    """Decode a page: the user's encoding, else the page's own declaration, else detection."""
    if encoding:
        return decode_as(data, encoding), encoding
    m = CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m.group(1).decode("ascii", "replace")
        try:
            return decode_as(data, declared), declared.lower()
        except FormatError:
            pass  # pages often declare the wrong charset: fall back to looking at the bytes
    return detect(data)


def extract_html(data: bytes, encoding: str | None = None) -> Extracted:
    """The article text of a web page, with its title and publication date where it declares them."""
    markup, used = decode_html(data, encoding)
    soup = BeautifulSoup(markup, "lxml")
    title, date = _metadata(soup)
    body = soup.body or soup
    for comment in body.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    total = _weight(body)
    for tag in body.find_all(True):
        if tag.decomposed or tag.parent is None:
            continue
        if _is_furniture(tag) and _weight(tag) < total / 2:
            tag.decompose()
    lines = _lines(_article(body))
    return Extracted("\n".join(lines), used, title, date)


def _metadata(soup: BeautifulSoup) -> tuple[str, str]:
    def meta(names: tuple[str, ...]) -> str:
        for name in names:
            tag = soup.find("meta", attrs={"name": name}) or soup.find("meta", attrs={"property": name})
            if tag and tag.get("content", "").strip():
                return tag["content"].strip()
        return ""

    title = meta(TITLE_META)
    if not title and soup.title and soup.title.string:
        title = soup.title.string
    title = next((part for part in TITLE_SPLIT.split(title.strip()) if part), "")
    m = DATE.search(meta(DATE_META))
    date = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else ""
    return title, date


def _is_furniture(tag: Tag) -> bool:
    if tag.name in DROPPED or tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = tag.get("style", "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    words = " ".join([*tag.get("class", []), tag.get("id", "") or ""])
    return any(CLUTTER.match(word) for word in re.split(r"[\s_\-]+", words) if word)


def _weight(tag: Tag) -> int:
    """Chinese characters of a tag that are not link text: what an article has and a menu lacks."""
    text = len(CJK.findall(tag.get_text()))
    links = sum(len(CJK.findall(a.get_text())) for a in tag.find_all("a"))
    return text - links


def _article(body: Tag) -> Tag:
    node = body
    while True:
        total = _weight(node)
        children = [c for c in node.children if isinstance(c, Tag)]
        best = max(children, key=_weight, default=None)
        if best is None or total == 0 or _weight(best) < SHARE_OF_BODY * total:
            return node
        node = best


def _lines(root: Tag) -> list[str]:
    """Text of the article, one line per block element, table cells separated by tabs."""
    out: list[str] = []

    def walk(node) -> None:
        if isinstance(node, NavigableString):
            out.append(SPACES.sub(" ", str(node)) if node.parent.name != "pre" else str(node))
            return
        if not isinstance(node, Tag):
            return
        if node.name == "br":
            out.append("\n")
            return
        block = node.name in BLOCKS or node.name == "tr"
        if block:
            out.append("\n")
        for child in node.children:
            walk(child)
        if node.name in CELLS:
            out.append("\t")
        if block:
            out.append("\n")

    walk(root)
    lines = [line.strip(" \t") for line in "".join(out).split("\n")]
    return [line for line in lines if line.strip()]

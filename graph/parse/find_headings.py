"""Clauses a heading states: the body an item opens with (``heading``), or the bodies a heading
says do the work under it (``heading-role``).

* ``heading``: （二十一）市公安局。负责对… — an item that opens with a name and then a verb of
  doing; the name must be a known body, or look like one (a place and an organisation's ending);
* ``heading-role``: （一）省监察厅牵头的工作 — the clause of the heading's own text and, through
  the parser, of every item below it that names none; a person's share (一、某某省长负责的工作)
  is no body's and not read.
"""

from __future__ import annotations

import re

from ..model import Jurisdiction
from .clauses import ClauseReading, RoleGroup
from .found import Found
from .gazetteer import ORG_END, Gazetteer
from .layout import Block
from .names import is_post
from .snippet import Snippet

# A heading that names who does the work under it: （一）省监察厅牵头的工作, 市发改委负责事项.
HEADING_ROLE = re.compile(r"(?P<names>[^。，；：（）]{2,40}?)(?P<verb>牵头|负责|主办)(?:的)?(?:重点)?(?:工作|事项|任务)(?:清单)?")
# An item that opens with the body that does it: 市公安局。负责对…的调研 / 市财政局：牵头…
HEADING = re.compile(r"(?P<name>[^。：，；（）]{2,24}?)[。：]\s*(?P<verb>牵头|主要负责|负责|承担)")


def heading_clause(g: Gazetteer, home: Jurisdiction | None, body: Snippet) -> Found | None:
    """（二十一）市公安局。负责对市区…的调研: the body the item opens with does it."""
    m = HEADING.match(body.folded)
    if m is None or not g.looks_like_org(m["name"]):
        return None
    if not (g.resolve(m["name"], home).resolved or
            (g.shape(m["name"]).prefix and ORG_END.search(m["name"]))):
        return None
    role = "lead" if m["verb"] == "牵头" else "responsible*"
    names = body[m.start("name"): m.end("name")]
    reading = ClauseReading((RoleGroup(m["verb"], role, "postfix", names),))
    return Found("heading", 0, m.end("name"), len(body), reading)


def heading_role(g: Gazetteer, block: Block, body: Snippet, starts: list[int]) -> Found | None:
    """（一）省监察厅牵头的工作: a heading that names who does the work under it."""
    if block.marker is None or not block.paras or block.table:
        return None
    end = starts[1] if len(starts) > 1 else len(body)
    text = body.folded[:end]
    if "牵头" not in text and "负责" not in text and "主办" not in text:
        return None
    m = HEADING_ROLE.fullmatch(text.rstrip("。：: "))
    if m is None:
        return None
    title = body[:end]
    names = [n for n in re.split(r"[、和及]", m["names"]) if n]
    if not names or not all(g.looks_like_org(n) and not is_post(n) for n in names):
        return None  # 一、某某省长负责的工作: a person's share, no body's
    role = "lead" if m["verb"] in {"牵头", "主办"} else "responsible*"
    group = RoleGroup(m["verb"], role, "postfix", title[m.start("names"): m.end("names")])
    return Found("heading-role", 0, m.end("verb"), len(title), ClauseReading((group,)))

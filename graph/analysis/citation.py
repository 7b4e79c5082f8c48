"""The opening of every report: what it was computed from, so that a quoted figure can be cited.

A researcher who quotes "自治区质监局 holds 33.3% of the accountable assignments" must be able to
say of which plan (title, date, jurisdiction, document id), of which exact text (its SHA-256, as
the graph records it: ``fengong query provenance`` gives the same hash), by which fengong and
with which load-index weights. Every report fengong writes opens with these lines.

    >>> from fengong.analysis.plans import PlanFacts
    >>> p = PlanFacts("p:1", "nm-2017", "内蒙古自治区2017年质量工作要点分工方案", "2017-03-01", "j:nm",
    ...               "内蒙古自治区", "ab" * 32)
    >>> lines = cited([p], "lead=1,responsible=1,joint=0.5,support=0.25")
    >>> print(lines[2][:60])
    | 内蒙古自治区2017年质量工作要点分工方案 | 2017-03-01 | 内蒙古自治区 | `nm-2017` |
    >>> print(lines[4])
    Computed by fengong ... (cite it as its CITATION.cff says) with load-index weights lead=1,responsible=1,joint=0.5,support=0.25.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..version import __version__
from .plans import PlanFacts
from .report import markdown_text


def cited(plans: Sequence[PlanFacts], weights: str, note: str = "") -> list[str]:
    """The lines that open a report: a table of the ``plans`` (every text from the plan escaped
    as Markdown), then fengong's version, the ``weights`` and a ``note`` (how the plans were
    grouped), each a line of its own."""
    out = ["| plan | date | jurisdiction | document id | SHA-256 of the text |", "|---|---|---|---|---|"]
    for p in plans:
        out.append(f"| {markdown_text(p.title) or '(no title)'} | {markdown_text(p.date) or '(no date)'} | "
                   f"{markdown_text(p.where)} | `{_code(p.document)}` | `{_code(p.sha256) or 'unknown'}` |")
    out.append("")
    out.append(f"Computed by fengong {__version__} (cite it as its CITATION.cff says) with load-index weights "
               f"{weights}." + (f" {note}" if note else ""))
    out.append("")
    return out


def _code(text: str) -> str:
    """``text`` inside a code span of a table cell: a backtick would end it, a bar the cell."""
    return " ".join(text.splitlines()).replace("`", "'").replace("|", "\\|")

"""``report.md`` of several plans analysed one by one: the plans side by side, each with its own
figures and a link to its own report.

Every figure here is one of a plan's own report (its ``summary.csv`` and ``workload.csv`` in
``plans/ID/``); ``corpus.csv`` gathers the workload lines of every plan. Texts from the plans are
escaped as in every report (:func:`~fengong.analysis.report.markdown_text`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .defaults import CORPUS_TABLE, REPORT_FILE
from .report import MarkdownDisplay, markdown_text

if TYPE_CHECKING:
    from .job import Part


def render_corpus_report(parts: Sequence[Part], skipped: Mapping[str, str], outdir: Path,
                         opening: Sequence[str]) -> str:
    """The Markdown report of a per-plan analysis written into ``outdir``: ``opening`` (what it
    was computed from), a table of each plan's headline figures, the overloaded departments of
    each plan, and the plans that could not be analysed (document id → why)."""
    out = ["# Workload and coordination, plan by plan\n", *opening]
    out.append("| plan | units | departments | most loaded (load index) | overload fence | overloaded | "
               "Gini | density | centralisation | report |")
    out.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for part in parts:
        a, d = part.analysis, MarkdownDisplay(part.display.lang, part.display.names, part.display.english)
        first, ns = a.departments[0], a.network.summary
        link = (part.folder / REPORT_FILE).relative_to(outdir).as_posix()
        centralisation = "" if ns.centralisation is None else f"{ns.centralisation:.3f}"
        out.append(f"| {markdown_text(part.label)} | {a.total_units} | {len(a.departments)} | "
                   f"{d(first.short_name)} ({first.load:g}) | {a.fence.upper:g} | {len(a.overloaded)} | "
                   f"{a.concentration.gini:.3f} | {ns.density:.3f} | {centralisation} | [report](<{link}>) |")
    out.append("\n*(each plan's `summary.csv`: units, departments, fence, overloaded, gini, density, "
               "centralisation; `workload.csv`: load)*\n")
    out.append("## Overloaded departments, plan by plan\n")
    for part in parts:
        d = MarkdownDisplay(part.display.lang, part.display.names, part.display.english)
        over = part.analysis.overloaded
        out.append(f"- {markdown_text(part.label)}: "
                   + (d.separator.join(f"{d(r.short_name)} ({r.load:g})" for r in over) if over else "none")
                   + f", above its fence of {part.analysis.fence.upper:g}.")
    out.append("")
    out.append(f"`{CORPUS_TABLE}` holds every body of every plan, one line each (plan_id, jurisdiction, year, "
               "rank, department, name, short_name, lead, responsible, joint, support, accountable, "
               "accountable_units, load, overloaded), with the rank and the verdict of its own plan's analysis.\n")
    if skipped:
        out.append("## Plans not analysed\n")
        out += [f"- {markdown_text(doc)}: {markdown_text(why)}" for doc, why in skipped.items()]
        out.append("")
    return "\n".join(out) + "\n"

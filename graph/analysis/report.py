"""``report.md``: the headline findings in plain sentences, each with where to recount it.

Every figure names its source: a column of a CSV written beside the report (``workload.csv`` …,
one line per department, unit or metric) or the named SPARQL query ``assignments`` whose rows
everything is computed from. Researchers cite these numbers, so none may be unverifiable.

Departments are named through a :class:`~fengong.analysis.display.Display`: by their Chinese short
names, or (``--lang en``) by their English labels; the figures do not change.

Every text that comes from a plan (names, item and section labels, the plan's id) is data, never
Markdown or HTML: :func:`markdown_text` escapes it, so that a department named
``<img src=x onerror=…>`` reads as written in a CommonMark renderer instead of running there.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .data import ROLES
from .defaults import DEFAULT_TOP
from .display import CHINESE, Display
from .run import Analysis
from .units import DIFFUSE, at_least
from .workload import DepartmentLoad, SectionLoad


# What can make Markdown out of text inside a line: emphasis, code, links and images, raw HTML and
# entities, table cells, strikethrough and math (GitHub), and the autolinks of GitHub's dialect
# (http://…, www.…, a@b). CommonMark lets a backslash escape any ASCII punctuation; &, < and >
# become character references instead, which every renderer passes through as text. Other
# punctuation (2016-01-01, plan-1.txt, （一）) is left as written, so the file reads well as text.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_INLINE = re.compile(r"[\\`*_\[\]<>&|~$@]|:(?=//)|(?<=[Ww]{3})\.")
# What makes a block when it opens a line or a list item: a heading, a list, a setext underline.
_BLOCK_START = re.compile(r"\s*(?:[#+\-=]|\d+[.)])")


def markdown_text(text: str) -> str:
    """``text`` as Markdown that renders exactly as ``text``, on one line: the punctuation that
    could start Markdown syntax escaped, line breaks (which would end a table row or start a
    block) read as spaces.

    >>> print(markdown_text("<img src=x> **局** | 1. 2016-01-01"))
    &lt;img src=x&gt; \\*\\*局\\*\\* \\| 1. 2016-01-01
    >>> print(markdown_text("- 1. https://a"))
    \\- 1. https\\://a
    """
    flat = " ".join(text.splitlines()).strip()  # four leading spaces would open a code block
    out = _INLINE.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), flat)
    start = _BLOCK_START.match(out)
    if start:  # 1. or - at the start: escape its punctuation
        out = out[: start.end() - 1] + "\\" + out[start.end() - 1:]
    return out


@dataclass(frozen=True)
class MarkdownDisplay(Display):
    """A :class:`Display` whose names are Markdown text (:func:`markdown_text`), for the report."""

    def __call__(self, short: str) -> str:
        return markdown_text(super().__call__(short))


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _maybe(x: float | None, why: str) -> str:
    return f"undefined ({why})" if x is None else f"{x:.3f}"


def _names(rows, d: Display = CHINESE) -> str:
    """Short names (or rows that have one) as ``d`` shows them, listed with its separator."""
    return d.join(r if isinstance(r, str) else r.short_name for r in rows) or "none"


def accountability_sentence(r: DepartmentLoad, total_units: int, fence: float, d: Display = CHINESE) -> str:
    """自治区质监局 is accountable for 35 of 82 units (42.7%) and supports 13 more; it is above the
    overload fence of 6."""
    verdict = "above" if r.overloaded else "not above"
    return (f"{d(r.short_name)} is accountable for {r.accountable_units} of {total_units} units "
            f"({pct(r.accountable_units / total_units)}) and supports {r.support_only_units} more; "
            f"it is {verdict} the overload fence of {fence:g}")


def headline(a: Analysis, d: Display = CHINESE) -> list[str]:
    """The two or three sentences ``fengong analyze`` prints first, naming departments as ``d`` does."""
    top = a.departments[0]
    over = a.overloaded
    lines = [accountability_sentence(top, a.total_units, a.fence.upper, d) + f" (load index {top.load:g})."]
    lines.append(f"{len(over)} of {len(a.departments)} departments are above the overload fence "
                 f"(Q3 + {a.fence.k:g}·IQR of the load index = {a.fence.upper:g}): "
                 + d.separator.join(f"{d(r.short_name)} {r.load:g}" for r in over) + "." if over else
                 f"No department is above the overload fence ({a.fence.upper:g}).")
    c = a.concentration
    lines.append(f"Concentration of accountability: Gini {c.gini:.3f} over {c.departments} departments; "
                 f"{_names(c.top1, d)} holds {pct(c.top1_share)} of the {c.accountable} accountable assignments, "
                 f"the top three {pct(c.top3_share)}.")
    return lines


def _src(text: str) -> str:
    return f" *({text})*"


def render_report(a: Analysis, files: dict[str, str] | None = None, top: int = DEFAULT_TOP,
                  d: Display = CHINESE, opening: Sequence[str] = ()) -> str:
    """The Markdown report, naming departments as ``d`` does. ``files`` maps an output's role
    (``load_chart``, ``heatmap``) to its file name, to link the charts; ``opening``, the lines
    under the title that say what the report was computed from
    (:func:`fengong.analysis.citation.cited`).

    Each section of the report is written by a function of its own (its lines, in order); this
    one puts them together, under the one :class:`MarkdownDisplay` they all name departments by.
    """
    files = files or {}
    d = MarkdownDisplay(d.lang, d.names, d.english)  # every name it gives is Markdown text
    sections = (
        ["# Workload and coordination\n", *opening],
        _introduction(a, d),
        _headline_section(a, d),
        _workload_section(a, d, top, files),
        _units_section(a),
        _parts_section(a, d, files),
        _network_section(a, d),
        _definitions_section(a, d),
    )
    return "\n".join(line for section in sections for line in section) + "\n"


def _introduction(a: Analysis, d: MarkdownDisplay) -> list[str]:
    """What every figure is computed from and where it can be recounted."""
    deps = a.departments
    return [
        f"Plans: {', '.join(markdown_text(p) for p in a.plans)}. Computed from {len(a.assignments)} assignments of "
        f"{len(a.loads)} bodies ({len(deps)} departments, {len(a.loads) - len(deps)} collectives) "
        f"on {a.total_units} units of work, as returned by the named SPARQL query `assignments` "
        f"(`fengong query assignments`; the same rows are in `assignments.csv`). "
        f"Load-index weights: {a.weights}." + _src("summary.csv: assignments, bodies, departments, units, weights")
        + " Each figure says where to recount it: a CSV file and column (or the `metric` of "
        "`summary.csv`)." + ("" if d.lang == "zh" else
        " Departments are named by their English labels in the graph (`rdfs:label` in English; a body "
        "without one keeps its Chinese name); the CSV files name them in Chinese (`name`, `short_name`) "
        "and in English (`english_name`).") + "\n",
    ]


def _headline_section(a: Analysis, d: MarkdownDisplay) -> list[str]:
    """The most loaded department, the overloaded ones, and how concentrated accountability is."""
    deps, first, c, f = a.departments, a.departments[0], a.concentration, a.fence
    out = ["## Headline\n"]
    out.append("- " + accountability_sentence(first, a.total_units, f.upper, d) + "."
               + _src(f"workload.csv, {d(first.short_name)}: accountable_units, support_only_units; "
                      "summary.csv: units, fence"))
    over = a.overloaded
    if over:
        far = [r for r in over if r.load > a.far_out.upper]
        out.append(f"- {len(over)} of {len(deps)} departments are above the overload fence of {f.upper:g}: "
                   + d.separator.join(f"{d(r.short_name)} ({r.load:g})" for r in over) + ". "
                   + (f"Of these, {_names(far, d)} {'is' if len(far) == 1 else 'are'} far out, above "
                      f"Q3 + {a.far_out.k:g}·IQR = {a.far_out.upper:g}." if far else
                      f"None is far out (above Q3 + {a.far_out.k:g}·IQR = {a.far_out.upper:g}).")
                   + _src("workload.csv: load, overloaded; summary.csv: fence, far_out_fence"))
    else:
        out.append(f"- No department is above the overload fence of {f.upper:g}." + _src("summary.csv: fence"))
    out.append(f"- Concentration of accountability: the Gini coefficient of accountable assignments across the "
               f"{c.departments} departments is {c.gini:.3f}; {_names(c.top1, d)} alone holds {pct(c.top1_share)} of "
               f"the {c.accountable} accountable assignments, the top three ({_names(c.top3, d)}) "
               f"{pct(c.top3_share)}." + _src("summary.csv: gini, top1_share, top3_share; workload.csv: accountable"))
    out.append("")
    return out


def _workload_section(a: Analysis, d: MarkdownDisplay, top: int, files: dict[str, str]) -> list[str]:
    """The table of the ``top`` most loaded departments, the fence, and how other weights move it."""
    deps, f = a.departments, a.fence
    out = [f"## Workload: the {min(top, len(deps))} most loaded departments\n"]
    out.append("| rank | department | lead | responsible | joint | support | accountable units | "
               "supported only | load index | overloaded |")
    out.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in deps[:top]:
        out.append(f"| {r.rank} | {d(r.short_name)} | {r.lead} | {r.responsible} | {r.joint} | {r.support} | "
                   f"{r.accountable_units} | {r.support_only_units} | {r.load:g} | "
                   f"{'yes' if r.overloaded else ''} |")
    out.append("\n" + _src("workload.csv, one line per department; counts of lead … support are assignments, "
                           "the others units").strip() + "\n")
    if "load_chart" in files:
        out.append(f"![Load index of the most loaded departments]({files['load_chart']})\n")
    out.append(f"The load index weighs each assignment by its role ({a.weights}); a department is "
               f"*overloaded* when its load index is above Tukey's fence Q3 + {f.k:g}·IQR = {f.q3:g} + "
               f"{f.k:g} × {f.iqr:g} = {f.upper:g}, computed over the {f.n} departments (quartiles by linear "
               f"interpolation, as numpy and R's default). Collectives are listed in `workload.csv` but are "
               f"not departments, so they are outside this population."
               + _src("summary.csv: q1, median, q3, fence") + "\n")
    for s in a.sensitivity[1:]:
        out.append(f"- With weights {s.weights}, the fence is {s.fence:g}, the most loaded are "
                   f"{_names(s.top, d)}, and the overloaded {_names(s.overloaded, d)}."
                   + _src(f"summary.csv: sensitivity {s.weights}"))
    out.append("")
    return out


def _units_section(a: Analysis) -> list[str]:
    """How many bodies a unit names, the gaps (no one accountable) and the diffuse units."""
    us = a.unit_summary
    longest = max(a.units, key=lambda u: u.bodies)
    diffuse = [u for u in a.units if u.diffuse]
    return [
        "## Units of work: coordination and accountability\n",
        f"- A unit names {us.bodies_mean:.2f} bodies on average (median {us.bodies_median:g}); "
        f"{us.single_body} of {us.units} units name a single body, and the most crowded, "
        f"{markdown_text(longest.item_label)}, names {us.bodies_max}." + _src("units.csv: bodies"),
        f"- {us.gaps} units have no accountable department (gaps, the units of the named query `gaps`): "
        f"{us.collective_only} are held only by a collective, {us.gaps_without_accountable} by nobody "
        f"accountable at all. {us.joint_only} more are held only jointly (按照职责分工负责): each of "
        f"their departments answers for its own remit, and no department leads or answers alone."
        + _src("units.csv: gap, collective_only, accountable, joint_only; summary.csv: gaps, joint_only"),
        f"- {us.diffuse} units spread accountability over {at_least(DIFFUSE)} departments"
        + (": " + "、".join(markdown_text(u.item_label) for u in diffuse) if diffuse else "") + "."
        + _src("units.csv: diffuse"),
        "",
    ]


def _parts_section(a: Analysis, d: MarkdownDisplay, files: dict[str, str]) -> list[str]:
    """The most loaded department's share of each part, and who is named most in each section."""
    first = a.departments[0]
    out = ["## By part and section\n"]
    for part in ("target", "task"):
        n = len({u.unit for u in a.units if u.part == part})
        if n:
            out.append(f"- {d(first.short_name)} is named on {getattr(first, part + '_units')} of the {n} {part} "
                       f"units." + _src(f"workload.csv, {d(first.short_name)}: {part}_units; units.csv: part"))
    for section, cells in _by_section(a).items():
        label = markdown_text(section)
        best = min(cells, key=lambda x: (-x.units, -x.load, x.short_name))
        out.append(f"- {label}: {d(best.short_name)} is named on the most units ({best.units})."
                   + _src(f"sections.csv: section_label {label}, units"))
    if "heatmap" in files:
        out.append(f"\n![Units per department and section]({files['heatmap']})")
    out.append("")
    return out


def _network_section(a: Analysis, d: MarkdownDisplay) -> list[str]:
    """The coordination network: its shape, its most central departments, brokers, communities."""
    ns, centrality = a.network.summary, a.network.centrality
    isolates = [c.short_name for c in centrality if c.degree == 0]
    out = ["## Coordination network\n"]
    out.append(f"Two departments are tied when a unit names both; a tie weighs the units they share. The "
               f"network has {ns.departments} departments and {ns.ties} ties: density {ns.density:.3f}, "
               f"Freeman degree centralisation {_maybe(ns.centralisation, 'fewer than 3 departments')}, "
               f"{ns.components} components"
               + (f" ({ns.isolates} departments never share a unit: {d.join(isolates)})" if isolates else "")
               + "." + _src("summary.csv: departments_in_network, ties, density, centralisation, components"))
    out.append("")
    by_b = centrality[:5]
    by_e = sorted(centrality, key=lambda c: (-c.eigenvector, c.short_name))[:5]
    out.append("- Highest betweenness (on the most shortest paths between others): "
               + d.separator.join(f"{d(c.short_name)} ({c.betweenness:.3f})" for c in by_b) + "."
               + _src("centrality.csv: betweenness"))
    out.append("- Highest eigenvector centrality (tied to the well-tied): "
               + d.separator.join(f"{d(c.short_name)} ({c.eigenvector:.3f})" for c in by_e) + "."
               + _src("centrality.csv: eigenvector"))
    brokers = [c for c in centrality if c.broker]
    out.append("- Brokers (betweenness in the top quarter, load index at or below the median): "
               + (d.separator.join(f"{d(c.short_name)} (betweenness {c.betweenness:.3f}, load {c.load:g})"
                                   for c in brokers) if brokers else "none")
               + "." + _src("centrality.csv: broker"))
    directs = sorted(centrality, key=lambda c: (-c.directs, c.short_name))[0]
    out.append(f"- In the support network (accountable → supporting department, {ns.support_edges} ties), "
               f"{d(directs.short_name)} has the most supporters: {directs.directs} departments."
               + _src("centrality.csv: directs, assists; summary.csv: support_ties"))
    out.append(f"- Louvain community detection (seed {ns.seed}) finds {ns.communities} communities, "
               f"modularity {_maybe(ns.modularity, 'no ties')}:"
               + _src("centrality.csv: community; summary.csv: communities, modularity"))
    for i, group in enumerate(a.network.communities, 1):
        out.append(f"  {i}. " + d.join(a.network.graph.nodes[n]["label"] for n in group))
    out.append("")
    out.append("`coordination.graphml` and `coordination.gexf` hold this network with every department's "
               "workload and centralities as node attributes, for Gephi or any SNA tool.\n")
    return out


def _definitions_section(a: Analysis, d: MarkdownDisplay) -> list[str]:
    """What the report's terms and measures mean, with an example from the plans where one helps."""
    twice = _named_twice(a)
    return [
        "## Definitions\n",
        "- *Accountable*: lead (牵头), responsible (负责, one body) or joint (按照职责分工负责, several); "
        "*support*: 配合, 参与, 协助. Counts of roles are assignments; counts of units are distinct "
        "units, so a department named twice on one unit counts once there"
        + (f" ({twice[0]}: {d(twice[1])} as {' and '.join(twice[2])})" if twice else "") + ".",
        "- *Gini*: G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2n² x̄) over the accountable assignments xᵢ of the n "
        "departments (0: equal, (n − 1)/n: one holds all).",
        "- *Freeman degree centralisation*: Σᵥ (d* − d(v)) / ((n − 1)(n − 2)), d* the largest degree: "
        "1 for a star, 0 when all degrees are equal (Freeman 1979, *Social Networks* 1: 215–239).",
        "- *Betweenness* on the unweighted network, normalised; *eigenvector centrality* on the weighted "
        "one; *Louvain* (Blondel et al. 2008) maximises weighted modularity, with a fixed seed so the "
        "communities are the same on every run.",
        "- *Gap*: a unit no department is accountable for (a collective is not a department). "
        f"*Diffuse*: {at_least(DIFFUSE)} accountable departments.",
    ]


def _named_twice(a: Analysis) -> tuple[str, str, tuple[str, ...]] | None:
    """The first unit, in plan order, that names one department in two roles, as the example of the
    report's definitions: the unit's label (Markdown text; with its plan's id when there are
    several plans), the department's short name and its roles. None when no unit does."""
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # unit → body → roles
    for x in a.assignments:
        if not x.collective:
            roles[x.unit][x.department].add(x.role)
    short = {r.department: r.short_name for r in a.loads}
    several = len(a.plans) > 1
    for u in a.units:
        for department, held in roles.get(u.unit, {}).items():
            if len(held) > 1:
                label = f"{u.plan_id} {u.item_label}" if several else u.item_label
                return markdown_text(label), short[department], tuple(r for r in ROLES if r in held)
    return None


def _by_section(a: Analysis) -> dict[str, list[SectionLoad]]:
    """The cells of departments (not collectives), grouped by section label in document order."""
    departments = {r.department for r in a.departments}
    groups: dict[str, list[SectionLoad]] = {}
    for cell in a.sections:
        if cell.department in departments:
            groups.setdefault(cell.section_label, []).append(cell)
    return groups

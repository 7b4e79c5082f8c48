"""The two views as plain data: nodes and edges in vis-network's terms, plus what the page's
legend, tooltips and filters need.

* **responsibility**: bodies and units of work; one edge per assignment, styled by its role
  (:mod:`.style`), lead edges pointing from the department to the unit.
* **coordination**: departments only, tied by the units they share: the analysis's projection
  (:func:`fengong.analysis.coordination_graph`), edge width by the number of shared units.

Figures are the analysis's (:func:`fengong.analysis.department_loads`: counts by role and the load
index that sizes a body), so the page and ``fengong analyze``'s report always agree. Node and edge
ids are short (``b0``, ``u0``, ``e0``) and numbered in a fixed order (bodies by IRI, units in
document order), so the same graph always gives the same page. With ``lang="en"`` bodies are
labelled with their English names (from the graph; Chinese when it has none) and the page's words
are English (:mod:`.words`); the layout and every figure stay the same.
"""

from __future__ import annotations

import difflib
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import networkx as nx

from ..analysis import Assignment, coordination_graph, department_loads
from ..analysis.workload import DepartmentLoad, section_name
from ..store.labels import LANGUAGES, without_place
from .facts import Facts, Section
from .labels import label_nodes
from .positions import coordination_layout, responsibility_layout
from .style import COLLECTIVE, DIM, FONT, OVERLOAD, OVERLOAD_WIDTH, ROLE, ROLES, TIE, KindStyle, body_style, legend_kinds, scaled, unit_style
from .words import words

VIEWS = ("responsibility", "coordination")
LABEL_CHARS = 10  # longer short names are cut on the canvas (the tooltip has the full name)
LINE_CHARS = 20  # English names are wrapped on the canvas at this many characters a line …
LINES = 2  # … onto at most this many lines
BIG = 1500  # from this many nodes on, the page hides edges while dragging and zooming


class FocusError(ValueError):
    """A --focus name that matches no body, or more than one."""


@dataclass
class Page:
    """Everything one HTML page shows: what :func:`fengong.viz.page.render` writes out."""

    view: str
    title: str
    subtitle: str
    nodes: list[dict]
    edges: list[dict]
    sections: list[dict]  # filter options: {"label", "depth"}; units refer to them by index
    units: list[list[int]]  # per unit index: the sections it lies in (its own and the enclosing ones)
    legend: list[KindStyle]
    roles: list[str]  # the roles the page has edges (or shared units) for
    focus: str | None = None  # node id to select when the page opens
    members: dict[str, list[list[int]]] = field(default_factory=dict)  # coordination: body → [[unit, role bits]]
    lang: str = "zh"  # zh: Chinese names, English words with a Chinese gloss; en: English
    label_font: float = 14.0  # canvas font of the labels shown at the opening view (:mod:`.labels`)

    def data(self) -> dict:
        """The JSON the page script reads."""
        return {
            "view": self.view, "nodes": self.nodes, "edges": self.edges, "sections": self.sections,
            "units": self.units, "members": self.members, "focus": self.focus, "dim": DIM, "font": FONT,
            "big": len(self.nodes) >= BIG, "roleOrder": list(ROLES),
            "roleNames": {r: ROLE[r].label(self.lang) for r in ROLES}, "lang": self.lang,
            "words": words(self.lang), "labelFont": self.label_font,
        }


def short_label(name: str) -> str:
    """A canvas label: the short name, cut to :data:`LABEL_CHARS` characters."""
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def english_label(name: str) -> str:
    """A canvas label for an English name: wrapped between words onto at most :data:`LINES` lines
    of about :data:`LINE_CHARS` characters, the last cut with … when the name is longer.

    >>> print(english_label("Bureau of Quality and Technical Supervision"))
    Bureau of Quality
    and Technical…
    >>> print(english_label("Office of the Inner Mongolia Autonomous Regional Commission for Public Sector Reform"))
    Office of the Inner
    Mongolia Autonomous…
    """
    lines = textwrap.wrap(name, LINE_CHARS, break_on_hyphens=False)
    if len(lines) > LINES:
        lines = [*lines[: LINES - 1], lines[LINES - 1] + "…"]
    return "\n".join(lines)


def canvas_labels(loads: Iterable[DepartmentLoad], facts: Facts, lang: str) -> dict[str, str]:
    """Body IRI → its label on the canvas: the short name (Chinese), or the English name without
    its jurisdiction (English), unless another body has that shortened name, then in full; a body
    without an English name keeps its short name."""
    loads = list(loads)
    chinese = {r.department: short_label(r.short_name) for r in loads}
    if lang != "en":
        return chinese
    short = {r.department: without_place(facts.english[r.department], facts.places.get(r.department, ""))
             for r in loads if r.department in facts.english}
    taken = Counter(short.values())
    return {**chinese, **{b: english_label(s if taken[s] == 1 else facts.english[b]) for b, s in short.items()}}


def select(assignments: Sequence[Assignment], facts: Facts, roles: Iterable[str] = (),
           sections: Iterable[str] = ()) -> list[Assignment]:
    """The assignments in ``roles`` (all when empty) on units within ``sections`` (all when empty).

    A section is named by its number as the plan prints it (二（一）), its title, or the label the
    page and the report use (二（一）实施质量提升战略); it includes the sections under it. Raises
    :class:`ValueError` for a name that matches no section, listing the ones there are.
    """
    roles = set(roles)
    unknown = roles - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role {sorted(unknown)[0]!r} (roles: {', '.join(ROLES)})")
    chosen = _sections_named(list(sections), facts)
    return [a for a in assignments
            if (not roles or a.role in roles)
            and (chosen is None or chosen & set(facts.ancestors(a.section)))]


def _sections_named(names: list[str], facts: Facts) -> set[str] | None:
    if not names:
        return None
    chosen: set[str] = set()
    for name in names:
        found = {s.iri for s in facts.sections.values() if name in (s.notation, s.title, _section_label(s))}
        if not found:
            known = [s.notation for s in sorted(facts.sections.values(), key=lambda s: (s.plan, s.order)) if s.notation]
            raise ValueError(f"no section {name!r} (sections: {'、'.join(dict.fromkeys(known)) or 'none'})")
        chosen |= found
    return chosen


def _section_label(s: Section) -> str:
    # The report's wording of a section (二（一）实施质量提升战略), so page and report agree.
    return section_name(_SectionRow(s.notation, s.title))


@dataclass(frozen=True)
class _SectionRow:
    """The two fields :func:`~fengong.analysis.workload.section_name` reads from an assignment."""

    section_label: str
    section_title: str


def build(view: str, assignments: Sequence[Assignment], facts: Facts, shown: Sequence[Assignment] | None = None,
          focus: str | None = None, lang: str = "zh") -> Page:
    """The page of ``view`` for ``shown`` (default: all ``assignments``), in ``lang``.

    Body sizes and counts come from all ``assignments``, so that filtering the page by role or
    section does not change what a body's load is; ``shown`` picks the edges and units drawn.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r} (views: {', '.join(VIEWS)})")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (languages: {', '.join(LANGUAGES)})")
    shown = list(assignments if shown is None else shown)
    loads = {r.department: r for r in department_loads(list(assignments))}
    units = list(dict.fromkeys(a.unit for a in shown))  # document order
    unit_ids = {u: i for i, u in enumerate(units)}
    if view == "coordination" and all(a.collective for a in shown):
        raise ValueError("no department to draw: the coordination view leaves collectives out")
    coordination = coordination_graph(shown) if view == "coordination" else None
    bodies = sorted(coordination.nodes if coordination is not None else {a.department for a in shown})
    body_ids = {b: f"b{i}" for i, b in enumerate(bodies)}
    top = max((r.load for r in loads.values()), default=0.0)
    labels = canvas_labels(loads.values(), facts, lang)
    nodes = [_body_node(body_ids[b], loads[b], facts, scaled(loads[b].load, top, 10, 36), labels[b], lang)
             for b in bodies]
    members: dict[str, list[list[int]]] = {}
    radius = {b: n["size"] for b, n in zip(bodies, nodes)}
    if coordination is None:
        unit_nodes = _unit_nodes(shown, facts, unit_ids, lang)
        nodes += unit_nodes
        radius.update(zip(units, (n["size"] for n in unit_nodes)))
        edges = _assignment_edges(shown, body_ids, unit_ids)
        drawn = nx.Graph()
        drawn.add_nodes_from(bodies + units)
        drawn.add_edges_from((a.department, a.unit) for a in shown)
        # Collectives are no partners in the analysis's network, but they still need a place
        # among the departments named with them: lay the bodies out as if they were.
        positions = responsibility_layout(drawn, owners(shown, loads), lambda: coordination_graph(
            [replace(a, collective=False) for a in shown]), radius)
    else:
        edges = _coordination_edges(coordination, body_ids)
        members = _member_bits(shown, body_ids, unit_ids)
        positions = coordination_layout(coordination, radius)
    ids = {**body_ids, **{u: f"u{i}" for u, i in unit_ids.items()}}
    at = {ids[key]: p for key, p in positions.items()}
    for node in nodes:
        node["x"], node["y"] = at[node["id"]]
    label_font = label_nodes(nodes)
    sections, unit_sections = _sections(shown, facts, unit_ids)
    styles = [body_style(loads[b].kind, loads[b].collective) for b in bodies]
    legend = legend_kinds({k.kind for k in styles}, COLLECTIVE in styles,
                          {a.kind for a in shown} if view == "responsibility" else set())
    return Page(
        view=view, title=_title(sorted({a.plan for a in shown}), facts),
        subtitle=_subtitle(view, len(bodies), len(units), len(edges)), nodes=nodes, edges=edges,
        sections=sections, units=unit_sections, legend=legend, roles=[r for r in ROLES if any(a.role == r for a in shown)],
        focus=_focus(focus, shown, facts, body_ids, view), members=members, lang=lang, label_font=label_font,
    )


def owners(shown: Sequence[Assignment], loads: dict[str, DepartmentLoad]) -> dict[str, str]:
    """Unit → the body it is drawn around: the one with the strongest role on it (lead, then
    responsible, joint, support), the most loaded of those, then the first by IRI."""
    best: dict[str, tuple] = {}
    for a in shown:
        key = (ROLES.index(a.role), -loads[a.department].load, a.department)
        best[a.unit] = min(best.get(a.unit, key), key)
    return {unit: key[2] for unit, key in best.items()}


def _focus(name: str | None, shown: Sequence[Assignment], facts: Facts, body_ids: dict[str, str], view: str
           ) -> str | None:
    if not name:
        return None
    body = find_body(name, shown, facts.english)
    if body not in body_ids:
        raise FocusError(f"{name!r} is a collective, not drawn in the {view} view")
    return body_ids[body]


def find_body(name: str, assignments: Sequence[Assignment], english: dict[str, str] | None = None) -> str:
    """The IRI of the body called ``name``: by any name the plans use for it (canonical, short or
    as written) or its English name (``english``: IRI → name), else by a part of one name that only
    one body has. Raises :class:`FocusError`."""
    english = english or {}
    names: dict[str, set[str]] = defaultdict(set)
    for a in assignments:
        for n in (a.name, a.surface, english.get(a.department)):
            if n:
                names[n].add(a.department)
    exact = names.get(name, set())
    if len(exact) == 1:
        return next(iter(exact))
    partial = exact or {b for n, bs in names.items() if name in n for b in bs}
    if len(partial) == 1:
        return next(iter(partial))
    if partial:
        options = sorted({a.name for a in assignments if a.department in partial})
        more = "…" if len(options) > 8 else ""
        raise FocusError(f"{name!r} names {len(partial)} bodies: {'、'.join(options[:8])}{more}")
    close = difflib.get_close_matches(name, sorted(names), n=3, cutoff=0.5)
    hint = f" (did you mean {'、'.join(close)}?)" if close else ""
    raise FocusError(f"no body called {name!r} in this graph{hint}")


def _title(plans: list[str], facts: Facts) -> str:
    titles = [facts.plans.get(p) or p.rsplit("/", 1)[-1] for p in plans]
    return titles[0] if len(titles) == 1 else f"{len(titles)} plans: {'；'.join(titles[:3])}{'…' if len(titles) > 3 else ''}"


def _subtitle(view: str, bodies: int, units: int, edges: int) -> str:
    if view == "responsibility":
        return f"Responsibility network: {bodies} bodies, {units} units of work, {edges} assignments"
    return f"Coordination network: {bodies} departments, {edges} ties (pairs named on the same units)"


def _sections(shown: Sequence[Assignment], facts: Facts, unit_ids: dict[str, int]
              ) -> tuple[list[dict], list[list[int]]]:
    """Filter options (the sections the shown units lie in, with the ones enclosing them, in
    document order, indented by depth) and, per unit, the indexes of its sections."""
    chains = {a.unit: facts.ancestors(a.section) for a in shown}
    used = {s for chain in chains.values() for s in chain}
    multi = len({facts.sections[s].plan for s in used}) > 1
    ordered = sorted(used, key=lambda s: (facts.sections[s].plan, facts.sections[s].order, s))
    index = {s: i for i, s in enumerate(ordered)}
    options = []
    for s in ordered:
        sec = facts.sections[s]
        prefix = f"{sec.plan.rsplit('/', 1)[-1]} " if multi else ""
        options.append({"label": prefix + _section_label(sec), "depth": len(facts.ancestors(s)) - 1})
    per_unit = [[] for _ in unit_ids]
    for unit, i in unit_ids.items():
        per_unit[i] = sorted(index[s] for s in chains[unit])
    return options, per_unit


def _colour(fill: str, border: str = "#3d3d3d") -> dict:
    return {"background": fill, "border": border, "highlight": {"background": fill, "border": "#000000"},
            "hover": {"background": fill, "border": "#000000"}}


def _body_node(node_id: str, load: DepartmentLoad, facts: Facts, size: float, label: str, lang: str) -> dict:
    style = body_style(load.kind, load.collective)
    english = facts.english.get(load.department, "")
    # Above the overload fence (the report's headline): a thick outline of its own colour.
    outline = {"borderWidth": OVERLOAD_WIDTH, "color": _colour(style.colour, OVERLOAD)} if load.overloaded else {}
    return {
        "id": node_id, "label": label, "size": size,
        "shape": style.shape, "color": _colour(style.colour), "group": "body", "kind": style.kind, **outline,
        "names": sorted({load.short_name, load.name, *([english] if lang == "en" and english else [])}),
        "info": {
            "name": load.name, "short": load.short_name, "en": english,
            "kind": style.label(lang), "iri": load.department, "lead": load.lead, "responsible": load.responsible,
            "joint": load.joint, "support": load.support, "units": load.units, "load": load.load,
            "rank": load.rank, "overloaded": load.overloaded,
        },
    }


def _unit_nodes(shown: Sequence[Assignment], facts: Facts, unit_ids: dict[str, int], lang: str) -> list[dict]:
    first: dict[str, Assignment] = {}
    bodies: dict[str, set[str]] = defaultdict(set)
    per_item: dict[str, set[str]] = defaultdict(set)
    for a in shown:
        first.setdefault(a.unit, a)
        bodies[a.unit].add(a.department)
        per_item[a.item].add(a.unit)
    top = max((len(b) for b in bodies.values()), default=1)
    nodes = []
    for unit, i in unit_ids.items():
        a = first[unit]
        label = a.item_label if len(per_item[a.item]) == 1 else f"{a.item_label}-{a.unit_number}"
        text = facts.units.get(unit)
        style = unit_style(a.kind)
        nodes.append({
            "id": f"u{i}", "u": i, "label": label, "size": scaled(len(bodies[unit]), top, 6, 14), "shape": style.shape, "color": _colour(style.colour),
            "group": "unit", "kind": a.kind,
            "info": {
                "item": label, "part": style.label(lang), "text": text.text if text else "",
                "clause": text.clause if text else "",
                "section": " › ".join(_section_label(facts.sections[s]) for s in reversed(facts.ancestors(a.section))),
                "plan": facts.plans.get(a.plan) or a.plan_id, "iri": unit, "bodies": len(bodies[unit]),
            },
        })
    return nodes


def _assignment_edges(shown: Sequence[Assignment], body_ids: dict[str, str], unit_ids: dict[str, int]) -> list[dict]:
    edges = []
    for n, a in enumerate(shown):
        style = ROLE[a.role]
        edge = {"id": f"e{n}", "from": body_ids[a.department], "to": f"u{unit_ids[a.unit]}", "role": a.role,
                "u": unit_ids[a.unit], "width": style.width,
                "color": {"color": style.colour, "highlight": style.colour, "hover": style.colour}}
        if style.dashes:
            edge["dashes"] = list(style.dashes)
        if style.arrow:
            edge["arrows"] = "to"
        edges.append(edge)
    return edges


def _coordination_edges(graph, body_ids: dict[str, str]) -> list[dict]:
    ties = sorted((*sorted((_number(body_ids[u]), _number(body_ids[v]))), w) for u, v, w in graph.edges(data="weight"))
    colour = {"color": TIE, "highlight": "#333333", "hover": "#333333"}
    return [{"id": f"e{n}", "from": f"b{a}", "to": f"b{b}", "value": w, "shared": w, "color": dict(colour)}
            for n, (a, b, w) in enumerate(ties)]


def _number(node_id: str) -> int:
    return int(node_id[1:])


def _member_bits(shown: Sequence[Assignment], body_ids: dict[str, str], unit_ids: dict[str, int]
                 ) -> dict[str, list[list[int]]]:
    """Per department, its units with a bit per role it holds there (bit i: :data:`ROLES` [i]),
    for the page to recount shared units when the reader filters by role or section."""
    bits: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for a in shown:
        if a.department in body_ids:
            bits[body_ids[a.department]][unit_ids[a.unit]] |= 1 << ROLES.index(a.role)
    return {b: [[u, m] for u, m in sorted(units.items())] for b, units in sorted(bits.items(), key=lambda kv: _number(kv[0]))}

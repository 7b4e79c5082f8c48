"""What the page shows beyond the analysis's assignment rows: the words behind each node.

The analysis reads one row per assignment (``queries/assignments.rq``); the page also needs each
unit's full text and clause, each body's English name, the plans' titles and the section tree (to
filter by a part and everything under it). These come from the same store, by SPARQL (the
queries ``unit-texts``, ``plan-titles`` and ``section-tree`` of ``queries/internal/``), so the
page is drawn from the graph alone, whatever engine holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..sparql.catalogue import internal
from ..store.labels import english_names, english_places
from ..store import Store

@dataclass(frozen=True)
class UnitText:
    text: str
    clause: str


@dataclass(frozen=True)
class Section:
    iri: str
    plan: str
    notation: str
    title: str
    order: int
    parent: str  # IRI of the enclosing section, "" at the top


@dataclass(frozen=True)
class Facts:
    units: dict[str, UnitText]
    english: dict[str, str]  # body IRI → English name
    plans: dict[str, str]  # plan IRI → title ("" when the plan has none)
    sections: dict[str, Section]
    places: dict[str, str]  # body IRI → English name of its jurisdiction

    def ancestors(self, section: str) -> list[str]:
        """``section`` and the sections that contain it, innermost first."""
        chain: list[str] = []
        while section and section in self.sections and section not in chain:
            chain.append(section)
            section = self.sections[section].parent
        return chain


def read_facts(store: Store) -> Facts:
    """Unit texts, English names of bodies and their jurisdictions (:mod:`fengong.store.labels`), plan
    titles and sections from ``store``.

    Where the graph holds two values for one thing (two titles), the smallest in code-point order is
    kept, so that the page does not depend on the order the engine answers in.
    """
    units: dict[str, UnitText] = {}
    for r in store.select(internal("unit-texts").text).records():
        text = UnitText(str(r["text"]), str(r["clause"] or ""))
        units[r["unit"]] = min(units.get(r["unit"], text), text, key=lambda t: (t.text, t.clause))
    plans: dict[str, str] = {}
    for r in store.select(internal("plan-titles").text).records():
        plans[r["plan"]] = min(plans.get(r["plan"], str(r["title"] or "")), str(r["title"] or ""))
    section_rows = store.select(internal("section-tree").text).records()
    sections = {
        r["section"]: Section(r["section"], r["plan"], str(r["notation"] or ""), str(r["title"] or ""),
                              int(r["order"] or 0), str(r["parent"] or ""))
        for r in sorted(section_rows, key=lambda r: (str(r["section"]), str(r["parent"] or "")))
    }
    return Facts(units, english_names(store), plans, sections, english_places(store))

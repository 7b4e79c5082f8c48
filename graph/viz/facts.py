"""What the page shows beyond the analysis's assignment rows: the words behind each node.

The analysis reads one row per assignment (``queries/assignments.rq``); the page also needs each
unit's full text and clause, each body's English name, the plans' titles and the section tree (to
filter by a part and everything under it). These come from the same store, by SPARQL, so the
page is drawn from the graph alone, whatever engine holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import english_names, english_places
from ..store import Store

PREFIXES = """\
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX fg: <https://w3id.org/fengong/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

UNITS = PREFIXES + """\
SELECT ?unit ?text ?clause WHERE {
  ?unit a fg:Unit ; fg:text ?text .
  OPTIONAL { ?unit fg:clause ?c . ?c fg:text ?clause }
}"""

PLANS = PREFIXES + """\
SELECT ?plan ?title WHERE {
  ?plan a fg:Plan .
  OPTIONAL { ?plan dcterms:title ?title }
}"""

SECTIONS = PREFIXES + """\
SELECT ?section ?plan ?notation ?title ?order ?parent WHERE {
  ?section a fg:Section ; fg:inPlan ?plan .
  OPTIONAL { ?section skos:notation ?notation }
  OPTIONAL { ?section dcterms:title ?title }
  OPTIONAL { ?section fg:order ?order }
  OPTIONAL { ?section fg:parent ?parent . ?parent a fg:Section }
}"""


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
    """Unit texts, English names of bodies and their jurisdictions (:mod:`fengong.labels`), plan
    titles and sections from ``store``.

    Where the graph holds two values for one thing (two titles), the smallest in code-point order is
    kept, so that the page does not depend on the order the engine answers in.
    """
    units: dict[str, UnitText] = {}
    for r in store.select(UNITS).records():
        text = UnitText(str(r["text"]), str(r["clause"] or ""))
        units[r["unit"]] = min(units.get(r["unit"], text), text, key=lambda t: (t.text, t.clause))
    plans: dict[str, str] = {}
    for r in store.select(PLANS).records():
        plans[r["plan"]] = min(plans.get(r["plan"], str(r["title"] or "")), str(r["title"] or ""))
    sections = {
        r["section"]: Section(r["section"], r["plan"], str(r["notation"] or ""), str(r["title"] or ""),
                              int(r["order"] or 0), str(r["parent"] or ""))
        for r in sorted(store.select(SECTIONS).records(), key=lambda r: (str(r["section"]), str(r["parent"] or "")))
    }
    return Facts(units, english_names(store), plans, sections, english_places(store))

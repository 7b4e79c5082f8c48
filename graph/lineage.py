"""Bodies across time: the institutional reforms of 2018 and 2023 as W3C ORG change events.

A 2016 plan names 自治区质监局; since the 2018 reform its duties are held by 自治区市场监督管理局. A
researcher comparing plans across the reform, or asking "which agency holds these duties today?",
needs that lineage. It is reviewed data (``ontology/lineage.ttl``): each org:ChangeEvent with the
bodies before and after, its date and the document that decided it. This module reads it, follows
it (:meth:`Lineage.current`), and gives the triples a built graph carries for the departments it
names (:func:`lineage_triples`), so that queries on that graph alone can follow the lineage: the
events, org:changedBy / org:resultedFrom on the bodies, and fg:currentSuccessor, the end of each
chain, materialised because transitive property paths are slow or unsupported on some servers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from .parse.gazetteer import gazetteer
from .model import Department, Jurisdiction
from .namespace import FG
from .resources import ontology_file

Triple = tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]
EVENT_KINDS = ("Merger", "Renaming", "TransferOfDuties")


def _node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


A = _node(RDF.type)


@dataclass(frozen=True)
class ChangeEvent:
    """One reform step: ``originals`` became (or moved their duties into) ``results``."""

    iri: str
    kind: str  # Merger | Renaming | TransferOfDuties (the fg: subclass of org:ChangeEvent)
    originals: tuple[str, ...]  # body IRIs
    results: tuple[str, ...]
    date: ox.Literal  # xsd:date, or xsd:gYear where the day is not recorded
    descriptions: tuple[ox.Literal, ...]  # @zh and @en
    source: str  # the document that decided it


class Lineage:
    """The change events of ``ontology/lineage.ttl``; use :func:`lineage`."""

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        by_subject: dict[str, dict[str, list[ox.NamedNode | ox.Literal]]] = {}
        for t in triples:
            by_subject.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
        self.events: dict[str, ChangeEvent] = {}
        self.labels: dict[str, str] = {}
        self.alt_labels: dict[str, tuple[str, ...]] = {}
        for subject, props in sorted(by_subject.items()):
            types = {o.value for o in props.get(str(RDF.type), [])}
            if str(ORG.ChangeEvent) in types:
                self.events[subject] = _event(subject, props, types)
            if str(SKOS.prefLabel) in props:
                self.labels[subject] = props[str(SKOS.prefLabel)][0].value
                self.alt_labels[subject] = tuple(sorted(o.value for o in props.get(str(SKOS.altLabel), [])))
        self._from: dict[str, list[ChangeEvent]] = {}
        self._into: dict[str, list[ChangeEvent]] = {}
        for event in self.events.values():
            for org in event.originals:
                self._from.setdefault(org, []).append(event)
            for org in event.results:
                self._into.setdefault(org, []).append(event)
        self._by_name = {name: iri for iri, name in self.labels.items()}
        for iri, names in self.alt_labels.items():
            for name in names:
                self._by_name.setdefault(name, iri)

    def changed_by(self, org: str) -> list[ChangeEvent]:
        """The events in which ``org`` (a body IRI) is an original organization."""
        return self._from.get(org, [])

    def current(self, org: str) -> tuple[str, ...]:
        """IRIs of the bodies that hold ``org``'s duties today, sorted; () if no reform changed it.

        A body that is both an original and a result of one event (re-formed under its own name)
        continues; a split (出入境检验检疫局 → two customs districts) gives several.
        """
        found: set[str] = set()
        seen = {org}
        stack = [org]
        while stack:
            body = stack.pop()
            for event in self._from.get(body, []):
                for result in event.results:
                    if result in seen:
                        continue
                    seen.add(result)
                    if self._from.get(result):
                        stack.append(result)
                    else:
                        found.add(result)
        return tuple(sorted(found))

    def events_for(self, orgs: Iterable[str]) -> list[ChangeEvent]:
        """The events a graph naming ``orgs`` carries: their history back to the earliest known
        predecessors, and every change from there forward to today, sorted by IRI."""
        back = set(orgs)
        stack = list(back)
        while stack:
            for event in self._into.get(stack.pop(), []):
                for org in event.originals:
                    if org not in back:
                        back.add(org)
                        stack.append(org)
        events: dict[str, ChangeEvent] = {}
        stack = sorted(back)
        done: set[str] = set()
        while stack:
            org = stack.pop()
            if org in done:
                continue
            done.add(org)
            for event in self._from.get(org, []):
                events[event.iri] = event
                stack.extend(event.results)
        return [events[iri] for iri in sorted(events)]

    def successors(self, name: str, home: Jurisdiction | None = None) -> tuple[str, ...]:
        """Canonical names of the bodies that hold the duties of the body ``name`` today.

        ``name`` is any name a plan issued by ``home`` may write (自治区质监局 in an Inner Mongolia
        plan), or a canonical or official name in the lineage data. () when no reform changed it.

        >>> im = gazetteer().provinces["内蒙古自治区"]
        >>> lineage().successors("自治区质监局", im)
        ('内蒙古自治区市场监督管理局',)
        >>> lineage().successors("内蒙古银监局", im)
        ('内蒙古自治区金融监督管理局',)
        """
        iri = self._by_name.get(name) or self._by_name.get(gazetteer().resolve(name, home).name)
        return tuple(self.labels[o] for o in self.current(iri)) if iri else ()


def _event(iri: str, props: Mapping[str, list], types: set[str]) -> ChangeEvent:
    kinds = [k for k in EVENT_KINDS if str(FG[k]) in types]
    missing = [p for p in (ORG.originalOrganization, ORG.resultingOrganization, DCTERMS.date, DCTERMS.source)
               if str(p) not in props]
    if len(kinds) != 1 or missing:
        raise ValueError(f"lineage.ttl: event {iri} needs one of fg:{', fg:'.join(EVENT_KINDS)} and "
                         f"{', '.join(str(p) for p in missing) or 'its properties'}")
    return ChangeEvent(
        iri=iri,
        kind=kinds[0],
        originals=tuple(sorted(o.value for o in props[str(ORG.originalOrganization)])),
        results=tuple(sorted(o.value for o in props[str(ORG.resultingOrganization)])),
        date=props[str(DCTERMS.date)][0],
        descriptions=tuple(sorted(props.get(str(DCTERMS.description), []), key=lambda d: d.language or "")),
        source=props[str(DCTERMS.source)][0].value,
    )


@cache
def lineage() -> Lineage:
    """The shared, read-only lineage (loaded once per process)."""
    data = ontology_file("lineage.ttl").read_bytes()
    return Lineage(ox.parse(data, format=ox.RdfFormat.TURTLE))


def body_of(iri: str) -> Department:
    """The department a lineage body is, resolved from its canonical name like any name in a plan."""
    return gazetteer().resolve(lineage().labels[iri], None)


def lineage_triples(named: Mapping[str, Department]) -> Iterator[Triple]:
    """The lineage a graph carries for the departments it names (``named``: IRI → department).

    Bodies the plan does not name (the successors, the other originals of a merger) get their
    labels and kind here; the named ones have them already.
    """
    data = lineage()
    events = data.events_for(iri for iri in named if iri in data.labels)
    bodies = sorted({org for e in events for org in (*e.originals, *e.results)})
    for e in events:
        s = _node(e.iri)
        yield s, A, _node(ORG.ChangeEvent)
        yield s, A, _node(FG[e.kind])
        for org in e.originals:
            yield s, _node(ORG.originalOrganization), _node(org)
            yield _node(org), _node(ORG.changedBy), s
        for org in e.results:
            yield s, _node(ORG.resultingOrganization), _node(org)
            yield _node(org), _node(ORG.resultedFrom), s
        yield s, _node(DCTERMS.date), e.date
        for description in e.descriptions:
            yield s, _node(DCTERMS.description), description
        yield s, _node(DCTERMS.source), ox.Literal(e.source)
    for org in bodies:
        o = _node(org)
        if org not in named:
            dept = body_of(org)
            yield o, A, _node(ORG.Organization)
            yield o, _node(SKOS.prefLabel), ox.Literal(dept.name, language="zh")
            yield o, _node(RDFS.label), ox.Literal(dept.name, language="zh")
            if dept.en:
                yield o, _node(RDFS.label), ox.Literal(dept.en, language="en")
            yield o, _node(FG.kind), ox.Literal(dept.kind)
        for name in data.alt_labels[org]:
            yield o, _node(SKOS.altLabel), ox.Literal(name, language="zh")
        for successor in data.current(org):
            yield o, _node(FG.currentSuccessor), _node(successor)

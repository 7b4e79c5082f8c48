"""Bodies across time: the institutional reforms of 2018 and 2023 as W3C ORG change events.

A 2016 plan names 自治区质监局; since the 2018 reform its duties are held by 自治区市场监督管理局. A
researcher comparing plans across the reform, or asking "which agency holds these duties today?",
needs that lineage. It is reviewed data (``ontology/lineage.ttl``): each org:ChangeEvent with the
bodies before and after, its date and the document that decided it. This module reads it, follows
it (:meth:`Lineage.current`), and finds the history a plan carries for the departments it names
(:func:`history_of`), which the RDF stage writes so that queries on that graph alone can follow
the lineage: the events, org:changedBy / org:resultedFrom on the bodies, and fg:currentSuccessor,
the end of each chain, materialised because transitive property paths are slow or unsupported on
some servers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from .gazetteer import gazetteer
from ..model import ChangeEvent, Department, History, Jurisdiction, LineageBody
from ..namespace import FG
from ..resources import ontology_file

EVENT_KINDS = ("Merger", "Renaming", "TransferOfDuties")


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
        self.iri_of = {name: iri for iri, name in self.labels.items()}  # canonical name → body IRI
        self._by_name = dict(self.iri_of)
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
        ('国家金融监督管理总局内蒙古监管局',)
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
        date=props[str(DCTERMS.date)][0].value,
        date_type=props[str(DCTERMS.date)][0].datatype.value,
        descriptions=tuple((d.value, d.language or "") for d in
                           sorted(props.get(str(DCTERMS.description), []), key=lambda d: d.language or "")),
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


def history_of(departments: Iterable[Department]) -> History:
    """The lineage a plan naming ``departments`` carries (:class:`~fengong.model.History`).

    Bodies the plan does not name (the successors, the other originals of a merger) are resolved
    here, so that the graph can give them their labels and kind; the named ones have them already.
    """
    data = lineage()
    named = {data.iri_of[d.name] for d in departments if d.name in data.iri_of}
    if not named:
        return History()
    events = data.events_for(sorted(named))
    bodies = sorted({org for e in events for org in (*e.originals, *e.results)})
    return History(
        events=tuple(events),
        bodies=tuple(LineageBody(org, data.alt_labels[org], data.current(org),
                                 None if org in named else body_of(org)) for org in bodies),
    )

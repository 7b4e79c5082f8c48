"""From input names to parsed plans and one RDF graph: the work ``fengong build`` wires up."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .model import Plan
from .parse import parse_text
from .read import ReadError, Source, read_sample, read_source


@dataclass
class Batch:
    """What a run produced: parsed plans, and the inputs that could not be read."""

    plans: list[Plan] = field(default_factory=list)
    failures: list[ReadError] = field(default_factory=list)

    @property
    def diagnostics(self):
        return [d for p in self.plans for d in p.diagnostics]


def read_all(names: Iterable[str], encoding: str | None = None) -> tuple[list[Source], list[ReadError]]:
    """Read every input; an unreadable one is reported and the others are still read."""
    names = list(names)
    if not names:
        return [read_sample()], []
    sources, failures = [], []
    for name in names:
        try:
            sources.append(read_source(name, encoding))
        except ReadError as err:
            failures.append(err)
    return sources, failures


def parse_all(names: Iterable[str], encoding: str | None = None,
              progress: Callable[[Iterable[Source]], Iterable[Source]] | None = None) -> Batch:
    sources, failures = read_all(names, encoding)
    batch = Batch(failures=failures)
    ids: dict[str, str] = {}
    for source in (progress(sources) if progress else sources):
        plan = parse_source(source)
        if not (plan.units or plan.unparsed_clauses):
            batch.failures.append(ReadError(source.name, "no responsibility clause found: not a division-of-labour plan?"))
        elif plan.doc_id in ids:  # its IRIs would merge with the other plan's into an invalid graph
            batch.failures.append(ReadError(
                source.name, f"same document id {plan.doc_id!r} as {ids[plan.doc_id]}: rename one of the files"))
        else:
            ids[plan.doc_id] = source.name
            batch.plans.append(plan)
    return batch


def parse_source(source: Source) -> Plan:
    """Parse a source; the title and date its file declares fill in what the text does not say."""
    plan = parse_text(source.text, source=source.name)
    return replace(plan, title=plan.title or source.title, date=plan.date or source.date)

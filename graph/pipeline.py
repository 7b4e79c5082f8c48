"""From input names to parsed plans and one RDF graph: the work ``fengong build`` wires up."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pathlib import Path

from .model import Plan
from .parse import doc_id_for, parse_text
from .read import ReadError, Source, read_sample, read_source


SUFFIXES = {".txt", ".text", ".htm", ".html", ".docx", ".pdf"}
SAMPLE = ""  # the input name that stands for the bundled sample plan


def discover(inputs: Iterable[str]) -> list[tuple[str, str]]:
    """(path, doc id) of every plan named, or found under a named folder, in a stable order.

    A plan found in a folder gets its path relative to that folder as its id
    (``2016/nmg-quality`` for ``corpus/2016/nmg-quality.txt``), so that equal file names in
    different folders stay apart. No input at all means the bundled sample plan.
    """
    inputs = list(inputs)
    if not inputs:
        return [(SAMPLE, doc_id_for(read_sample().name))]
    found: list[tuple[str, str]] = []
    for name in inputs:
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES) \
            if name != "-" and path.is_dir() else []
        if files:
            for f in files:
                rel = f.relative_to(path).with_suffix("")
                found.append((str(f), "/".join(doc_id_for(part + ".x") for part in rel.parts)))
        else:  # a file, or a folder with no plan in it (reading it says so)
            found.append((name, doc_id_for(name)))
    return found


@dataclass
class Batch:
    """What a run produced: parsed plans, and the inputs that could not be read."""

    plans: list[Plan] = field(default_factory=list)
    failures: list[ReadError] = field(default_factory=list)

    @property
    def diagnostics(self):
        return [d for p in self.plans for d in p.diagnostics]


def read_input(name: str, encoding: str | None = None) -> Source:
    """Read one input named by :func:`discover` (the sample plan for :data:`SAMPLE`)."""
    return read_sample() if name == SAMPLE else read_source(name, encoding)


def parse_all(names: Iterable[str], encoding: str | None = None) -> Batch:
    """Read and parse every input in this process (files, and the plans in folders); an
    unreadable one is reported and the others are still parsed. For many plans in parallel, see
    :mod:`fengong.corpus`."""
    batch = Batch()
    ids: dict[str, str] = {}
    for name, doc_id in discover(names):
        try:
            source = read_input(name, encoding)
        except ReadError as err:
            batch.failures.append(err)
            continue
        plan = parse_source(source, doc_id)
        error = no_clause_error(plan)
        if error is not None:
            batch.failures.append(error)
        elif plan.doc_id in ids:  # its IRIs would merge with the other plan's into an invalid graph
            batch.failures.append(ReadError(
                source.name, f"same document id {plan.doc_id!r} as {ids[plan.doc_id]}: rename one of the files"))
        else:
            ids[plan.doc_id] = source.name
            batch.plans.append(plan)
    return batch


def parse_source(source: Source, doc_id: str | None = None) -> Plan:
    """Parse a source; the title and date its file declares fill in what the text does not say."""
    plan = parse_text(source.text, source=source.name, doc_id=doc_id)
    return replace(plan, title=plan.title or source.title, date=plan.date or source.date)


def no_clause_error(plan: Plan) -> ReadError | None:
    """A file without a single role word (牵头, 配合, 负责…) is not a plan of the genre: refused,
    not built. One with role words but no readable clause is built, and its warnings say where."""
    if plan.units or plan.unparsed_clauses or plan.coverage.total:
        return None
    return ReadError(plan.source, NOT_A_PLAN)


NOT_A_PLAN = "no role word (牵头, 配合, 负责…) in the text: not a division-of-labour plan?"

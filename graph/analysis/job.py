"""The analysis as a job: a store in, every table, chart and network written to a folder.

What ``fengong analyze`` and ``fengong build`` run, and what a script calls to get the same files.

With one plan (or ``plan=`` one of several) the folder holds that plan's analysis. With several,
each plan is analysed on its own population (:mod:`.corpus`) into ``plans/ID/`` of the folder,
and the folder holds the corpus table (``corpus.csv``) and a report that sets the plans side by
side; ``pooled=True`` makes one analysis of them all instead, refused across jurisdictions unless
``force=True``.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..forking import spread
from ..output import write_atomic
from ..store import Store
from ..store.labels import DEFAULT_LANGUAGE, english_names
from .citation import cited
from .corpus import PlanAnalysis, PlanDepartment, analyse_plans, check_poolable, corpus_table
from .corpus_report import render_corpus_report
from .data import load_assignments, load_units
from .defaults import CHART_PLANS, CORPUS_TABLE, DEFAULT_SEED, DEFAULT_TOP, PLANS_FOLDER, REPORT_FILE, FontWarning
from .display import Display, display_in
from .frames import to_csv
from .outputs import write_outputs
from .painter import Painter
from .plans import PlanFacts, in_jurisdiction, load_plan_facts, select_plans
from .report import headline
from .run import Analysis, analyse
from .workload import DEFAULT_WEIGHTS, Weights


HEADLINE_PLANS = 10  # plans whose headline fengong build prints


@dataclass(frozen=True)
class Part:
    """One analysis a job wrote: of one plan, or of several pooled, into ``folder``."""

    plans: tuple[PlanFacts, ...]
    analysis: Analysis
    display: Display
    folder: Path

    @property
    def label(self) -> str:
        """The plan's document id (the ids, for plans pooled)."""
        return ", ".join(p.document for p in self.plans) or "all plans"


@dataclass
class Job:
    """What a job wrote: its analyses (one per plan, or one), the corpus table when per plan,
    the plans that could not be analysed (document id → why) and the font warnings."""

    parts: list[Part]
    per_plan: bool = False
    corpus: list[PlanDepartment] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    fonts: list[str] = field(default_factory=list)
    report: Path | None = None

    def headlines(self, full: bool = True) -> list[str]:
        """What a command prints first: the headline sentences of the one analysis (only the
        first with ``full`` false), or the first sentence of each plan's, after its id (with
        ``full`` false, of the first :data:`HEADLINE_PLANS` plans: a build of a large corpus
        says where the rest are instead of printing a line per plan)."""
        if not self.per_plan:
            lines = headline(self.parts[0].analysis, self.parts[0].display)
            return lines if full else lines[:1]
        shown = self.parts if full else self.parts[:HEADLINE_PLANS]
        lines = [f"{p.label}: {headline(p.analysis, p.display)[0]}" for p in shown]
        if len(shown) < len(self.parts):
            lines.append(f"… and {len(self.parts) - len(shown)} more plans: see {self.report}")
        lines += [f"{doc}: not analysed: {why}" for doc, why in self.skipped.items()]
        return lines


def analyse_into(store: Store, outdir: Path, weights: Weights = DEFAULT_WEIGHTS, top: int = DEFAULT_TOP,
                 seed: int = DEFAULT_SEED, plan: str | None = None, lang: str = DEFAULT_LANGUAGE, *,
                 pooled: bool = False, force: bool = False, jurisdiction: str | None = None,
                 painter: Painter | None = None) -> Job:
    """Analyse ``store`` and write every output into ``outdir``, naming departments in ``lang``
    (English names read from the same store): of the one ``plan`` named (document id or IRI),
    per plan when the store holds several (the plans of ``jurisdiction`` only, when given), or
    all pooled (``pooled``; across jurisdictions only with ``force``).

    Raises StoreError when the store cannot answer, ValueError when there is nothing to analyse
    (PlanSelectionError: no such plan; PoolingError: plans of several jurisdictions pooled
    unforced). A chart drawn without a Chinese font is still written; the warnings are in
    :attr:`Job.fonts`, for the caller to say. ``painter`` draws the charts beside the rest.
    """
    facts = load_plan_facts(store)
    if jurisdiction is not None:
        facts = in_jurisdiction(facts, jurisdiction)
    if plan is not None:
        facts = select_plans(facts, [plan])
    one = facts[0].plan if plan is not None and len(facts) == 1 else None  # read only its rows
    rows, units = load_assignments(store, one), load_units(store, one)
    if jurisdiction is not None or (plan is not None and one is None):  # a year: its plans
        chosen = {p.plan for p in facts}
        rows, units = [a for a in rows if a.plan in chosen], [u for u in units if u.plan in chosen]
    english = english_names(store) if lang == "en" else {}
    options = dict(weights=weights, seed=seed)
    with _fonts_caught() as fonts:
        if len(facts) <= 1 or pooled:
            note = _pooling_note(facts, force) if len(facts) > 1 else ""
            a = analyse(rows, units=units, **options)
            part = Part(tuple(facts), a, display_in(a.loads, lang, english), outdir)
            write_outputs(a, outdir, top, display=part.display, opening=cited(facts, str(weights), note),
                          painter=painter)
            job = Job([part], report=outdir / REPORT_FILE)
        else:
            job = _per_plan(facts, analyse_plans(facts, rows, units, **options), outdir, top, lang, english,
                            str(weights))
    job.fonts = fonts
    return job


def _per_plan(facts: Sequence[PlanFacts], analysed: tuple[list[PlanAnalysis], dict[str, str]], outdir: Path,
              top: int, lang: str, english: dict[str, str], weights: str) -> Job:
    """Write each plan's analysis into its folder, then the corpus table and report beside them."""
    analyses, skipped = analysed
    if not analyses:
        raise ValueError("no plan could be analysed: "
                         + "; ".join(f"{doc}: {why}" for doc, why in skipped.items()))
    folders = plan_folders([p.facts.document for p in analyses])
    draw = len(analyses) <= CHART_PLANS
    parts = [Part((p.facts,), p.analysis, display_in(p.analysis.loads, lang, english),
                  outdir / PLANS_FOLDER / folders[p.facts.document]) for p in analyses]
    # Each plan's files, written by forked copies, one per core (fengong.forking), which draw their
    # own charts (the painter serves one process: a job of one analysis).
    spread(partial(_write_parts, top, weights, draw), parts)
    corpus = corpus_table(analyses)
    write_atomic(outdir / CORPUS_TABLE, to_csv(corpus, PlanDepartment))
    report = outdir / REPORT_FILE
    note = _PER_PLAN_NOTE + ("" if draw else _NO_CHARTS_NOTE)
    write_atomic(report, render_corpus_report(parts, skipped, outdir, cited(facts, weights, note)))
    return Job(parts, per_plan=True, corpus=corpus, skipped=skipped, report=report)


def _write_parts(top: int, weights: str, draw: bool, parts: Sequence[Part]) -> list[None]:
    for part in parts:
        write_outputs(part.analysis, part.folder, top, display=part.display, opening=cited(part.plans, weights),
                      draw=draw)
    return [None] * len(parts)


_PER_PLAN_NOTE = ("Each plan is analysed on its own: its overload fence, Gini, centralities and communities "
                  "are over its own departments, since bureaus of different plans never share a unit of work "
                  "(`fengong analyze --pooled` pools plans of one jurisdiction).")


_NO_CHARTS_NOTE = (f" With more than {CHART_PLANS} plans, each plan's folder holds its tables, networks and "
                   "report without charts (`fengong analyze --plan ID` draws one plan's).")


def _pooling_note(facts: Sequence[PlanFacts], force: bool) -> str:
    """What the report says of plans pooled: of one jurisdiction, or of several, forced."""
    names = check_poolable(facts, force)
    if len(names) == 1:
        return (f"The {len(facts)} plans, all of {names[0]}, are pooled into one analysis (`--pooled`): one "
                "overload fence and one network over the departments of them all.")
    return (f"**Pooled across {len(names)} jurisdictions** ({', '.join(names)}), forced (`--pooled --force`): "
            "the overload fence, ranks and network put departments of different governments into one "
            "population, though they never share a unit of work; the per-plan analysis (the default) does not.")


def plan_folders(documents: Sequence[str]) -> dict[str, str]:
    """A folder path under ``plans/`` for each document id, safe to create: the id's own path
    (``2016/nmg`` → ``2016/nmg``), with characters no file system takes, and ``.``/``..``
    segments, replaced by ``_``; two ids that would meet get ``~2``, ``~3``.

    >>> plan_folders(["2016/nmg", "..", "a:b", "a?b"])
    {'2016/nmg': '2016/nmg', '..': '_', 'a:b': 'a_b', 'a?b': 'a_b~2'}
    """
    out: dict[str, str] = {}
    taken: set[str] = set()
    for doc in documents:
        segments = [re.sub(r'[\\:*?"<>|\x00-\x1f]', "_", s) for s in doc.split("/")]
        name = "/".join("_" if s in ("", ".", "..") else s for s in segments)
        candidate, n = name, 1
        while candidate.lower() in taken:
            n += 1
            candidate = f"{name}~{n}"
        taken.add(candidate.lower())
        out[doc] = candidate
    return out


@contextmanager
def _fonts_caught() -> Iterator[list[str]]:
    """The font warnings of the charts drawn inside, as messages; other warnings pass on."""
    fonts: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        yield fonts
    for w in caught:
        if issubclass(w.category, FontWarning):
            fonts.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)

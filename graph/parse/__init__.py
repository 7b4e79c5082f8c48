"""The parse stage: a plan's text in, a :class:`~fengong.model.Plan` out.

The stages, one module each, in the order the text flows through them:

* :mod:`.reflow` — the layout as printed becomes one line per line of meaning (a whole plan on
  one line is split at its numbers, flattened tables become rows of cells, stray spaces and
  mojibake indents go), every character keeping its offset into the original text;
* :mod:`.layout` — numbered parts, sections and items, and the tree they form;
* :mod:`.metadata` — title, date, jurisdiction and addressees from the covering notice;
* :mod:`.conventions` — document-wide rules stated anywhere (列第一位者为牵头单位, 下同);
* :mod:`.find` — where the clauses of a block are (brackets, field lines, table cells, 由A会同B),
  one module a kind of form: :mod:`.find_brackets`, :mod:`.find_sentences`, :mod:`.find_headings`;
* :mod:`.clauses` — the clause grammar: which words name whom in which role, after
  :mod:`.asides` has taken out what names nobody (conventions, notes, deadlines, officials);
* :mod:`.names` — lists of names, shared prefixes and suffixes, tails (等部门), persons;
* :mod:`.gazetteer` — a written name resolved to a body;
* :mod:`.sections`, :mod:`.items`, :mod:`.assign` — which blocks are sections and which items,
  the units of each item, and the clause of each unit made a model value (who does what);
* :mod:`.plan` — the stages wired: :func:`parse_text`;
* :mod:`.coverage` — every role word accounted for: in a clause, in narrative, or in a warning.

Every phrase these modules know is a row in ``ontology/``.

The package is also the parse function of the public API: ``fengong.parse(path)`` reads and
parses one plan file (:func:`parse_file`), and ``fengong.parse.gazetteer`` is still a module.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from types import ModuleType

from ..model import Plan
from ..read import Source, read_source
from .plan import doc_id_for, parse_text

__all__ = ["doc_id_for", "parse_file", "parse_source", "parse_text"]


def parse_source(source: Source, doc_id: str | None = None) -> Plan:
    """Parse a source as read (:mod:`fengong.read`); the title and date its file declares fill in
    what the text does not say."""
    plan = parse_text(source.text, source=source.name, doc_id=doc_id)
    return replace(plan, title=plan.title or source.title, date=plan.date or source.date)


def parse_file(path: str | os.PathLike, *, encoding: str | None = None, doc_id: str | None = None) -> Plan:
    """Read and parse one plan file: text in any Chinese encoding, a web page, Word or PDF, told
    apart by its first bytes. Raises :class:`fengong.read.ReadError` for a file that cannot be read.

    >>> from fengong.resources import sample_plan
    >>> plan = parse_file(str(sample_plan()))
    >>> len(plan.assignments), plan.jurisdiction.name
    (274, '内蒙古自治区')
    """
    return parse_source(read_source(os.fspath(path), encoding), doc_id)


class _Stage(ModuleType):
    """The parse stage's package, callable as :func:`parse_file`: ``fengong.parse(path)``."""

    def __call__(self, path: str | os.PathLike, *, encoding: str | None = None, doc_id: str | None = None) -> Plan:
        return parse_file(path, encoding=encoding, doc_id=doc_id)


sys.modules[__name__].__class__ = _Stage

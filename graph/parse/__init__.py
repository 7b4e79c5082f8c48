"""The parse stage: a plan's text in, a :class:`~fengong.model.Plan` out.

The stages, one module each, in the order the text flows through them:

* :mod:`.reflow` — the layout as printed becomes one line per line of meaning (a whole plan on
  one line is split at its numbers, flattened tables become rows of cells, stray spaces and
  mojibake indents go), every character keeping its offset into the original text;
* :mod:`.layout` — numbered parts, sections and items, and the tree they form;
* :mod:`.metadata` — title, date, jurisdiction and addressees from the covering notice;
* :mod:`.conventions` — document-wide rules stated anywhere (列第一位者为牵头单位, 下同);
* :mod:`.find` — where the clauses of a block are (brackets, field lines, table cells, 由A会同B);
* :mod:`.clauses` — the clause grammar: which words name whom in which role;
* :mod:`.names` — lists of names, shared prefixes and suffixes, tails (等部门), persons;
* :mod:`.gazetteer` — a written name resolved to a body;
* :mod:`.plan` — the units, items and sections assembled into the model;
* :mod:`.coverage` — every role word accounted for: in a clause, in narrative, or in a warning.

Every phrase these modules know is a row in ``ontology/``.
"""

from .plan import doc_id_for, parse_text

__all__ = ["doc_id_for", "parse_text"]

"""How the analysis's outputs name departments: by Chinese short names, or by English names.

The analysis always works on the bodies' IRIs and Chinese names, so figures, ranks, ties and
communities are the same in either language; only what a reader sees changes. Every record of the
analysis carries a body's short name (自治区质监局): :class:`Display` maps it to the name shown
(``--lang en``: the body's ``rdfs:label @en`` from the graph, see :mod:`fengong.store.labels`) and knows
how to list several (、 between Chinese names; "; " between English ones in sentences, which
contain commas, and " | " in a table cell, whose parts are already separated by "; ").

    >>> from fengong.analysis.display import Display
    >>> en = Display("en", {"自治区质监局": "Bureau of Quality and Technical Supervision"}, {})
    >>> en.join(["自治区质监局", "自治区科技厅"])
    'Bureau of Quality and Technical Supervision; 自治区科技厅'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .workload import DepartmentLoad

SEPARATORS = {"zh": "、", "en": "; "}
CELL_SEPARATORS = {"zh": "、", "en": " | "}


@dataclass(frozen=True)
class Display:
    """The language of the outputs, and the name shown for each short name."""

    lang: str = "zh"
    names: Mapping[str, str] = field(default_factory=dict)  # short name → name shown (missing: itself)
    english: Mapping[str, str] = field(default_factory=dict)  # body IRI → English label, for the tables

    def __call__(self, short: str) -> str:
        return self.names.get(short, short)

    @property
    def separator(self) -> str:
        return SEPARATORS[self.lang]

    def join(self, shorts: Iterable[str]) -> str:
        """Several short names as the reader sees them in a sentence, in the given order."""
        return self.separator.join(self(s) for s in shorts)

    def cell(self, shorts: Iterable[str]) -> str:
        """Several short names in one cell of a table (the value of a line of ``summary.csv``)."""
        return CELL_SEPARATORS[self.lang].join(self(s) for s in shorts)


CHINESE = Display()


def display_in(loads: Sequence[DepartmentLoad], lang: str = "zh", english: Mapping[str, str] | None = None
               ) -> Display:
    """How to name the bodies of ``loads`` in ``lang``, given their English labels (IRI → label).

    A body without an English label keeps its short name. A short name two bodies share (two
    bodies with one canonical name) stays Chinese: which English name it stands for is unknown.
    """
    if lang not in SEPARATORS:
        raise ValueError(f"unknown language {lang!r} (languages: {', '.join(SEPARATORS)})")
    if lang == "zh":
        return CHINESE
    english = dict(english or {})
    shown: dict[str, set[str]] = defaultdict(set)
    for r in loads:
        shown[r.short_name].add(english.get(r.department) or r.short_name)
    return Display(lang, {s: next(iter(n)) for s, n in shown.items() if len(n) == 1}, english)

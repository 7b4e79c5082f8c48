"""Bodies' names in the reader's language, read from the graph.

The outputs of ``fengong analyze`` and ``fengong viz`` name a body by its Chinese short name
(自治区质监局) or, with ``--lang en``, by its English name: the ``rdfs:label "…"@en`` the build gives
every body (official names from the gazetteer, others composed by :mod:`fengong.parse.english`). The
English names are read from the store by SPARQL, never taken from the parser, so they are the same
on one plan, on a corpus store and on a remote endpoint, and a graph someone else built or edited
is named by its own labels. A body the graph gives no English label keeps its Chinese name.

Where space is short (a node on the network page), an English name may drop its jurisdiction, as
the plans' Chinese short names drop 内蒙古 (:func:`without_place`); the jurisdiction's English name is
read from the graph too.
"""

from __future__ import annotations

from .base import Store

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def english_names(store: Store) -> dict[str, str]:
    """Body IRI → English label, for every body in ``store`` that has one (``@en`` or ``@en-…``).

    Where the graph holds two English labels for one body, the smallest in code-point order is
    kept, so that the outputs do not depend on the order the engine answers in.
    """
    return _smallest(store, "english-names")


def english_places(store: Store) -> dict[str, str]:
    """Body IRI → the English name of its jurisdiction (Inner Mongolia Autonomous Region), for
    every body in ``store`` whose jurisdiction has one (the smallest, if several)."""
    return _smallest(store, "english-places")


def _smallest(store: Store, name: str) -> dict[str, str]:
    """Body IRI → the smallest ``?english`` the internal query ``name`` (``queries/internal/``) answers."""
    from ..sparql.catalogue import internal  # rdflib: not loaded for LANGUAGES in a command's options

    names: dict[str, str] = {}
    for r in store.select(internal(name).text).records():
        body, english = str(r["body"]), str(r["english"])
        names[body] = min(names.get(body, english), english)
    return names


def without_place(name: str, place: str) -> str:
    """An English name without its jurisdiction ``place`` where that ends it (" of PLACE",
    ", PLACE"); other names as they are.

    >>> region = "Inner Mongolia Autonomous Region"
    >>> without_place("Bureau of Statistics of Inner Mongolia Autonomous Region", region)
    'Bureau of Statistics'
    >>> without_place("Administrative Committee of the Export Processing Zone, Inner Mongolia Autonomous Region", region)
    'Administrative Committee of the Export Processing Zone'
    >>> without_place("Inner Mongolia Local Taxation Bureau", region)
    'Inner Mongolia Local Taxation Bureau'
    """
    for joint in (" of ", ", "):
        suffix = joint + place
        if place and name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name

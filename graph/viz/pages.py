"""A view's page from a store: read the graph once, build each view's data, render it (the public
functions :mod:`fengong.viz` exports)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..analysis import Assignment, load_assignments
from ..output import write_atomic
from ..store import Store
from . import FILES
from .facts import Facts, read_facts
from .page import render
from .views import VIEWS, Page, build, select


def page_data(store: Store, view: str = "responsibility", focus: str | None = None,
              roles: Iterable[str] = (), sections: Iterable[str] = (), lang: str = "zh") -> Page:
    """The data of one view's page: nodes, edges, legend and filters (see :class:`Page`).

    ``roles`` and ``sections`` restrict what is drawn (all when empty); ``focus`` names a body the
    page opens on; ``lang`` is ``zh`` (Chinese names) or ``en`` (English names from the graph, and
    English words). Raises :class:`ValueError` (:class:`FocusError` for ``focus``) for names that
    match nothing, and when the graph holds no assignment.
    """
    return build_page(read_graph(store), view, focus, roles, sections, lang)


def network_page(store: Store, view: str = "responsibility", focus: str | None = None,
                 roles: Iterable[str] = (), sections: Iterable[str] = (), lang: str = "zh") -> str:
    """The HTML page of one view (arguments as :func:`page_data`)."""
    return render(page_data(store, view, focus, roles, sections, lang))


def pyvis_network(store: Store, view: str = "responsibility", focus: str | None = None,
                  roles: Iterable[str] = (), sections: Iterable[str] = (), lang: str = "zh", height: str = "750px"):
    """The network of one view as a :class:`pyvis.network.Network` (arguments as :func:`page_data`),
    for notebooks: the page's nodes and edges, positions fixed, physics off, plain-text tooltips
    (:mod:`.notebook`). Restyle it with pyvis, then show it.

        >>> from fengong.viz import pyvis_network
        >>> net = pyvis_network(store, "coordination")            # doctest: +SKIP
        >>> net.show("coordination.html", notebook=True)          # doctest: +SKIP
    """
    from .notebook import to_pyvis  # pyvis (and through it IPython): for notebooks only

    return to_pyvis(page_data(store, view, focus, roles, sections, lang), height)


def write_views(store: Store, outdir: Path, lang: str = "zh") -> list[Path]:
    """Both views with the defaults, in ``lang``, as ``OUTDIR/network.html`` and
    ``OUTDIR/coordination.html``."""
    graph = read_graph(store)
    written = []
    for view in VIEWS:
        path = Path(outdir) / FILES[view]
        write_atomic(path, render(build_page(graph, view, lang=lang)))
        written.append(path)
    return written


def read_graph(store: Store) -> tuple[list[Assignment], Facts]:
    """What pages are drawn from: every assignment (the analysis's rows) and the texts beside them.

    Read it once to build several pages (:func:`build_page`). Raises :class:`ValueError` when the
    graph holds no assignment.
    """
    assignments = load_assignments(store)
    if not assignments:
        raise ValueError("the graph holds no assignment to draw: is it empty?")
    return assignments, read_facts(store)


def build_page(graph: tuple[list[Assignment], Facts], view: str, focus: str | None = None,
               roles: Iterable[str] = (), sections: Iterable[str] = (), lang: str = "zh") -> Page:
    """:func:`page_data` on a graph already read by :func:`read_graph`."""
    assignments, facts = graph
    shown = select(assignments, facts, roles, sections)
    if not shown:
        raise ValueError("no assignment left to draw with these --role and --section filters")
    return build(view, assignments, facts, shown, focus, lang)

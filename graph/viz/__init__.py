"""Interactive networks of a built graph: one self-contained HTML page per view, offline and safe.

    >>> from fengong.store import open_store
    >>> from fengong.viz import network_page
    >>> store = open_store(graph="out/graph.ttl")                         # doctest: +SKIP
    >>> html = network_page(store, "coordination", focus="自治区质监局")   # doctest: +SKIP

The page is read from the graph through SPARQL (the analysis's assignment rows plus
:mod:`.facts`), laid out in Python (:mod:`.positions`), labelled by zoom tier (:mod:`.labels`),
described as plain data (:mod:`.views`) and written with its own template and the vis-network build
pyvis ships (:mod:`.page`), or handed to pyvis for notebooks (:mod:`.notebook`). It opens from
``file://`` with no network, draws at once (no physics until the reader asks), and shows every text
of the plans as text.
"""

from ..lazy import exports

FILES = {"responsibility": "network.html", "coordination": "coordination.html"}

# networkx, jinja2 and the store's engines are loaded when a page is drawn, not when a command's
# options name the views (PEP 562): each name below is imported when first asked for.
_EXPORTS = {
    "VIEWS": "views", "FocusError": "views", "Page": "views", "AssetError": "page", "render": "page",
    "build_page": "pages", "network_page": "pages", "page_data": "pages", "pyvis_network": "pages",
    "read_graph": "pages", "write_views": "pages",
}
__all__ = ["FILES", *sorted(_EXPORTS)]
__getattr__, __dir__ = exports(__name__, _EXPORTS)

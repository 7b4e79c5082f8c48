"""The page's network as a :class:`pyvis.network.Network`, for notebook users who know
``Network.show()`` and want to restyle the picture themselves.

It is built from the same page data as the HTML page (:func:`fengong.viz.page_data`): the same
node ids, labels, positions, sizes, colours, shapes and label fonts, the same edges with their
widths, colours and dashes; positions are fixed and physics is off, so it opens as laid out.

Tooltips are plain text (vis-network 9 shows a string ``title`` as text). One pyvis behaviour needs
care: when any node's title contains the letters ``href``, pyvis 0.3.2's template switches every
tooltip to a popup that sets ``innerHTML`` (read ``pyvis/templates/template.html``). Plans can
contain those letters, so in that case every title is HTML-escaped, and the popup shows the text as
written instead of running it.
"""

from __future__ import annotations

import html
from pyvis.network import Network

from .style import ROLE, ROLES
from .views import Page
from .words import words

NODE_KEYS = ("label", "x", "y", "size", "shape", "color", "font", "borderWidth")  # not "group": pyvis drops the colour
EDGE_KEYS = ("width", "value", "color", "dashes", "arrows")


def to_pyvis(page: Page, height: str = "750px") -> Network:
    """A pyvis ``Network`` of ``page`` (see :func:`fengong.viz.pyvis_network`)."""
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line")
    nodes = {n["id"]: n for n in page.nodes}
    titles = {n["id"]: node_title(n, page.lang) for n in page.nodes}
    edge_titles = [edge_title(e, nodes, page) for e in page.edges]
    if any("href" in t for t in titles.values()):
        titles = {k: html.escape(t).replace("\n", "<br>") for k, t in titles.items()}
        edge_titles = [html.escape(t).replace("\n", "<br>") for t in edge_titles]
    for n in page.nodes:
        net.add_node(n["id"], title=titles[n["id"]], physics=False, **{k: n[k] for k in NODE_KEYS if k in n})
    for e, title in zip(page.edges, edge_titles):
        options = {k: e[k] for k in EDGE_KEYS if k in e}
        options.setdefault("arrows", {"to": {"enabled": False}})  # directed only for pyvis's speed
        net.add_edge(e["from"], e["to"], title=title, **options)
    net.toggle_physics(False)
    return net


def node_title(n: dict, lang: str) -> str:
    """A node's tooltip as plain text, with what the page's tooltip shows."""
    i = n["info"]
    if n["group"] == "unit":
        lines = [f"{i['item']} · {i['part']}", i["text"], i["clause"], i["section"], i["plan"]]
    else:
        first = i["en"] if lang == "en" and i["en"] else i["name"]
        lines = [first, i["name"] if first != i["name"] else "",
                 f"{words(lang)['shortName']} {i['short']}" if i["short"] != i["name"] else "",
                 i["en"] if first != i["en"] else "", i["kind"],
                 " · ".join(f"{ROLE[r].label(lang)} {i[r]}" for r in ROLES),
                 f"load index {i['load']} · {i['units']} units" + (f" · rank {i['rank']}" if i["rank"] else "")
                 + (" · above the overload fence" if i["overloaded"] else "")]
    return "\n".join(line for line in lines if line)


def edge_title(e: dict, nodes: dict[str, dict], page: Page) -> str:
    def name(node_id: str) -> str:
        i = nodes[node_id]["info"]
        return (page.lang == "en" and i["en"]) or i["short"]

    if page.view == "coordination":
        return f"{name(e['from'])} — {name(e['to'])}\n{e['shared']} {words(page.lang)['sharedUnits']}"
    return f"{name(e['from'])} {ROLE[e['role']].label(page.lang)} {nodes[e['to']]['info']['item']}"

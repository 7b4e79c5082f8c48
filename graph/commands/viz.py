"""``fengong viz``: an interactive network of a built graph, as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path

import click

from ..output import OutputError, check_not_input, write_atomic
from ..store import StoreError
from ..viz import FILES
from ..viz.style import ROLES
from .common import DEFAULT_GRAPH, DEFAULT_OUT, fail, lang_option, open_graph_store, store_options


@click.command(epilog="""\b
Examples:
  fengong viz                                   out/network.html from out/graph.ttl
  fengong viz --view coordination -o coordination.html
  fengong viz --focus 自治区质监局 --role lead --role responsible
  fengong viz --section 二（一） --store corpus.db -o part-2-1.html
  fengong viz --lang en --focus "Bureau of Quality"   English names and words
""")
@store_options("draw")
@click.option("--view", type=click.Choice(tuple(FILES)), default="responsibility", show_default=True,
              help="responsibility: departments and units, an edge per assignment; coordination: "
                   "departments tied by the units they share.")
@click.option("--focus", metavar="NAME",
              help="Open the page on this department's own network: it, its units and the bodies it shares "
                   "them with (any of its names, or a part only one name has).")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES),
              help="Draw only assignments in this role (repeat for several; default: all).")
@click.option("--section", "sections", multiple=True, metavar="SECTION",
              help="Draw only units in this section and those under it, by number (二（一）) or title "
                   "(repeat for several; default: all).")
@click.option("-o", "--out", "out", type=click.Path(dir_okay=False),
              help=f"HTML file to write. Default: {DEFAULT_OUT}/{FILES['responsibility']} or "
                   f"{DEFAULT_OUT}/{FILES['coordination']}, by view.")
@lang_option("the node labels, legend and controls (tooltips show both names)")
def viz(graph_file: str | None, store_dir: str | None, endpoint: str | None, view: str, focus: str | None,
        roles: tuple[str, ...], sections: tuple[str, ...], out: str | None, lang: str) -> None:
    """Draw the graph as an interactive network: one HTML file that opens offline in any browser.

    Find a department, click it to highlight who it works with and dim the rest, double-click it
    (or "Only its network") to see just its units and partners, hover a node to read its full name,
    English name, role counts or the unit's sentence and clause, filter by role and section, zoom in
    for more labels, switch physics on to let the layout move. Node size is the load index of
    `fengong analyze`; departments above its overload fence have a red outline. All scripts are inline, nothing is fetched from the network, and every text
    of the plans is shown as text.
    """
    from ..viz import AssetError, network_page  # networkx, the engines: loaded to draw, not for --help

    path = Path(out or Path(DEFAULT_OUT) / FILES[view])
    try:
        check_not_input([path], [graph_file or DEFAULT_GRAPH] if not (store_dir or endpoint) else [])
    except OutputError as err:
        fail(str(err))
    store = open_graph_store(graph_file, store_dir, endpoint)
    try:
        html = network_page(store, view, focus, roles, sections, lang)
    except (StoreError, AssetError, ValueError) as err:
        fail(str(err))
    write_atomic(path, html)
    click.echo(f"wrote {path}")

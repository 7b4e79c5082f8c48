"""Writing a :class:`~fengong.viz.views.Page` as one self-contained, safe HTML file.

pyvis 0.3.2's own output is neither offline nor safe (read its ``templates/template.html``): its
template links Bootstrap from a CDN, a tooltip containing ``href`` switches every tooltip to
``innerHTML``, and its ``heading`` and ``select_menu`` values are pasted in raw. So the page is our
own template, and pyvis contributes what it is good for: the vis-network build it ships, inlined.

Safety, in layers:

* Every text from the plans is escaped where it is written: HTML text and attributes by Jinja's
  autoescaping; the graph data as JSON in a ``<script type="application/json">`` block, with ``<``,
  ``>`` and ``&`` written as ``\\u003c`` … so no ``</script>`` or ``<!--`` can end or bend the block;
  in the page, texts reach the DOM only through ``textContent`` or vis-network's text tooltips.
* A Content-Security-Policy allows exactly the two inline scripts and the one stylesheet of the
  page (by their SHA-256), no other script, no network at all (``default-src 'none'``): even an
  injected ``<img src=x onerror=…>`` could neither run nor fetch anything.

The output depends on the page data only (JSON with sorted keys, no timestamp): the same graph
gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..version import __version__
from .style import ROLE
from .views import Page
from .words import HTML_LANG, VIEW_NAMES, words

VIS_VERSION = re.compile(r"vis-(\d+(?:\.\d+)*)\Z")
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


class AssetError(RuntimeError):
    """The vis-network build pyvis ships cannot be found (pyvis missing or reorganised)."""


def _own(name: str) -> str:
    return resources.files("fengong.viz").joinpath(name).read_text(encoding="utf-8")


@cache
def vis_network_js() -> str:
    """The newest vis-network build inside the installed pyvis (``templates/lib/vis-X.Y.Z``)."""
    try:  # found without importing pyvis, whose package imports IPython
        spec = importlib.util.find_spec("pyvis")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("pyvis")
        lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib"
        builds = [(tuple(int(p) for p in m.group(1).split(".")), d) for d in lib.iterdir()
                  if (m := VIS_VERSION.match(d.name)) and d.joinpath("vis-network.min.js").is_file()]
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        builds = []
    if not builds:
        raise AssetError("vis-network.min.js not found in the installed pyvis: pip install 'pyvis>=0.3.2'")
    text = max(builds)[1].joinpath("vis-network.min.js").read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise AssetError("the vis-network build contains '</script' and cannot be inlined")
    return text


def script_json(data: object) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element, deterministic byte for byte.

    >>> script_json({"b": "</script><img src=x>", "a": 1})
    '{"a":1,"b":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text)


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(csp_hash(s) for s in scripts),
        "style-src " + " ".join(csp_hash(s) for s in styles),
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


@cache
def _template():
    env = Environment(autoescape=True, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return env.from_string(_own("template.html"))


def render(page: Page) -> str:
    """The page as HTML text (write it as UTF-8)."""
    css, vis_js, page_js = _own("network.css"), vis_network_js(), _own("network.js")
    bodies = [n for n in page.nodes if n["group"] == "body"]
    names = sorted({name for n in bodies for name in n["names"]})
    biggest = max(bodies, key=lambda n: (n["size"], n["id"]))["info"] if bodies else {}
    example = (page.lang == "en" and biggest.get("en")) or biggest.get("short", "")
    return _template().render(
        page=page, version=__version__, view_name=VIEW_NAMES[page.lang][page.view],
        lang=page.lang, html_lang=HTML_LANG[page.lang], words=words(page.lang),
        csp=content_security_policy([vis_js, page_js], [css]),
        css=Markup(css), vis_js=Markup(vis_js), page_js=Markup(page_js),
        data_json=Markup(script_json(page.data())),
        roles=[ROLE[r] for r in page.roles], names=names, example_name=example,
    )

"""The query page ``fengong serve`` shows at ``/``: offline, and made for fengong's graph.

The editor opens with fengong's prefixes and a first question; the named queries are listed
beside it, each one click from its answer (with its parameters bound to the example values of its
header, as ``fengong query`` binds them). Styles and script are inline, and a
Content-Security-Policy (sent as a header) lets the page fetch nothing but the query endpoint of
the server that served it.
"""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment
from markupsafe import Markup

from . import __version__
from .catalogue import catalogue
from .rdf import PREFIXES
from .sparql import bind
from .viz.page import content_security_policy, script_json

FIRST_QUESTION = "SELECT ?plan ?title ?date WHERE {\n  ?plan a fg:Plan ; dcterms:title ?title .\n" \
                 "  OPTIONAL { ?plan dcterms:date ?date }\n}\nORDER BY ?date ?title\n"
# Rows drawn as a table; a bigger answer is counted, and its first rows shown.
MAX_ROWS = 1000


def _own(name: str) -> str:
    return resources.files("fengong").joinpath(name).read_text(encoding="utf-8")


def render(endpoint: str) -> tuple[bytes, str]:
    """The page (UTF-8) and the Content-Security-Policy to send with it; queries go to ``endpoint``."""
    css, js = _own("query_page.css"), _own("query_page.js")
    queries = list(catalogue().values())
    prologue = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
    data = {"endpoint": endpoint, "maxRows": MAX_ROWS,
            "queries": {q.name: bind(q.text, q.bindings(q.example_params())) for q in queries}}
    html = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(_own("query_page.html")).render(
        version=__version__, endpoint=endpoint, queries=queries, start=prologue + "\n" + FIRST_QUESTION,
        css=Markup(css), js=Markup(js), data_json=Markup(script_json(data)))
    return html.encode("utf-8"), content_security_policy([js], [css]) + "; connect-src 'self'"

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

from ..version import __version__
from ..sparql.catalogue import catalogue, internal
from ..rdf import PREFIXES
from ..sparql.text import bind
from ..viz.page import content_security_policy, script_json

# Rows drawn as a table; a bigger answer is counted, and its first rows shown.
MAX_ROWS = 1000


def first_question() -> str:
    """The query the editor opens with (``queries/internal/first-question.rq``), without its header
    and its PREFIX lines: the page declares every prefix of fengong above it, those included."""
    lines = internal("first-question").text.splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith(("#", "PREFIX ")))


def _own(name: str) -> str:
    return resources.files("fengong.server").joinpath(name).read_text(encoding="utf-8")


def render(endpoint: str) -> tuple[bytes, str]:
    """The page (UTF-8) and the Content-Security-Policy to send with it; queries go to ``endpoint``."""
    css, js = _own("query_page.css"), _own("query_page.js")
    queries = list(catalogue().values())
    prologue = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
    data = {"endpoint": endpoint, "maxRows": MAX_ROWS,
            "queries": {q.name: bind(q.text, q.bindings(q.example_params())) for q in queries}}
    html = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string(_own("query_page.html")).render(
        version=__version__, endpoint=endpoint, queries=queries, start=prologue + "\n" + first_question(),
        css=Markup(css), js=Markup(js), data_json=Markup(script_json(data)))
    return html.encode("utf-8"), content_security_policy([js], [css]) + "; connect-src 'self'"

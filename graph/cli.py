"""The ``fengong`` command line: a thin layer that wires the stages together.

Each command lives in its own module under :mod:`fengong.commands`; this module only builds the
group. Exit codes, for every command: 0 success, 1 the result has problems the user asked to fail
on (``--strict`` warnings, validation violations), 2 the input could not be used (unreadable file,
bad option, unreachable endpoint).
"""

from __future__ import annotations

import click

from . import __version__
from .commands.analyze import analyze
from .commands.build import build
from .commands.export import export
from .commands.push import push
from .commands.query import query
from .commands.serve import serve
from .commands.validate import validate
from .commands.viz import viz

EPILOG = """\b
Examples:
  fengong build                      parse the bundled sample plan into out/graph.ttl
  fengong build plans/*.txt -o out   parse your own plans
  fengong export assignments --format csv > assignments.csv
  fengong validate --graph out/graph.ttl
"""


@click.group(epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="fengong")
def main() -> None:
    """fengong (分工): turn Chinese government division-of-labour plans into a knowledge graph.

    A plan lists numbered targets and tasks, each closed by a clause saying who does it:
    （由自治区农牧业厅牵头，自治区质监局配合）. fengong parses the clauses, resolves the
    departments, and publishes the result as RDF you can query, analyse and draw.
    """


main.add_command(analyze)
main.add_command(build)
main.add_command(export)
main.add_command(push)
main.add_command(query)
main.add_command(serve)
main.add_command(validate)
main.add_command(viz)

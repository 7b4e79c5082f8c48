"""The ``fengong`` command line: a thin layer that wires the stages together.

Each command lives in its own module under :mod:`fengong.commands`; this module only builds the
group. Exit codes, for every command: 0 success, 1 the result has problems the user asked to fail
on (``--strict`` warnings, validation violations), 2 the input could not be used (unreadable file,
bad option, unreachable endpoint).
"""

from __future__ import annotations

import atexit
import gc
import importlib
from collections.abc import Sequence

import click

from .version import __version__

# Each command is imported when it runs, not before: `fengong query` then starts without loading
# the parser, the document readers, networkx and matplotlib (0.5 s of a 1.1 s start).
COMMANDS = ("analyze", "build", "compare", "export", "push", "query", "serve", "validate", "viz")

EPILOG = """\b
Examples:
  fengong build                      parse the bundled sample plan into out/graph.ttl
  fengong build plans/*.txt -o out   parse your own plans
  fengong export assignments --format csv > assignments.csv
  fengong validate --graph out/graph.ttl
"""


class LazyGroup(click.Group):
    """A group whose commands live in ``fengong.commands.NAME`` as the function ``NAME``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return getattr(importlib.import_module(f"{__package__}.commands.{cmd_name}"), cmd_name)


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="fengong")
def main() -> None:
    """fengong (分工): turn Chinese government division-of-labour plans into a knowledge graph.

    A plan lists numbered targets and tasks, each closed by a clause saying who does it:
    （由自治区农牧业厅牵头，自治区质监局配合）. fengong parses the clauses, resolves the
    departments, and publishes the result as RDF you can query, analyse and draw.
    """


def run(args: Sequence[str] | None = None, prog_name: str = "fengong") -> None:
    """The ``fengong`` program (``python -m fengong``, ``build_graph.py``): :func:`main`, with a
    quick exit. Python's last garbage collection at exit walks every object the run made (0.2 s
    after a build of the sample, for memory the process is about to give back), so at exit they
    are frozen out of it (:func:`gc.freeze`) first. A library caller of :func:`main` keeps
    Python's own exit."""
    atexit.register(gc.freeze)  # registered first, so it runs after every other exit handler
    main(args, prog_name=prog_name)

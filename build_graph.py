#!/usr/bin/env python3
"""Entry script: ``python build_graph.py ARGS`` does what ``fengong build ARGS`` does.

It needs the project installed (``pip install .``), like the ``fengong`` command itself.
"""

import sys

from fengong.cli import run

if __name__ == "__main__":
    run(["build", *sys.argv[1:]], prog_name="build_graph.py")

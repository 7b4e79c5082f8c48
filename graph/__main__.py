"""``python -m fengong`` runs the command line."""

from .cli import run

run()

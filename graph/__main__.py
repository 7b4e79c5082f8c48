"""``python -m fengong`` runs the command line."""

from .cli import main

main(prog_name="fengong")

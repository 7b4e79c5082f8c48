"""The version of fengong, written once: pyproject.toml reads it (dynamic metadata)."""

__version__ = "0.1.0"

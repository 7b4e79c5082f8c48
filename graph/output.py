"""Writing results: atomically, and never over an input.

A build that fails half-way must not leave a half-written ``graph.ttl`` behind for someone to cite,
so every file is written to a temporary file beside it and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """An output path that must not be written (it is an input, or cannot be created)."""


def check_not_input(out: Path, inputs: Iterable[str]) -> None:
    target = out.resolve()
    for name in inputs:
        if name != "-" and Path(name).resolve() == target:
            raise OutputError(f"{out}: refusing to overwrite the input file {name}")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes the file private; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

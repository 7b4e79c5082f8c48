"""Writing results: atomically, and never over an input.

A build that fails half-way must not leave a half-written ``graph.ttl`` behind for someone to cite,
so every file is written to a temporary file beside it and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

DEFAULT_OUT = "out"  # the folder every command writes into and reads the graph from, by default


class OutputError(Exception):
    """An output path that must not be written (it is an input, or cannot be created)."""


def check_not_input(outputs: Iterable[Path], inputs: Iterable[str]) -> None:
    """Refuse, before anything is written, to write any of ``outputs`` where one of ``inputs`` is.

    Files are compared by what they are (device and inode), not by how they are named, so that
    ``./out/../out/report.md``, an absolute path, a symbolic or a hard link to it and, on a file
    system that ignores case, ``OUT/Report.md`` are all the same file. An output that does not
    exist yet cannot be an input; an input that cannot be read is reported by the reader.
    """
    files: dict[tuple[int, int], str] = {}
    for name in inputs:
        if name != "-" and (file := _file_id(name)) is not None:
            files.setdefault(file, name)
    for out in outputs:
        if (file := _file_id(out)) in files:
            raise OutputError(f"{out}: refusing to overwrite the input file {files[file]}")


def _file_id(path: str | Path) -> tuple[int, int] | None:
    """What a path names (device, inode), whatever its spelling; None when there is no such file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


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

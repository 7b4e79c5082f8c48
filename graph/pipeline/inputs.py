"""The inputs of a run: the plans named, or found in the folders named, each with its document id."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..parse import doc_id_for
from ..read import Source, read_sample, read_source


SUFFIXES = {".txt", ".text", ".htm", ".html", ".docx", ".pdf"}
SAMPLE = ""  # the input name that stands for the bundled sample plan


def discover(inputs: Iterable[str]) -> list[tuple[str, str]]:
    """(path, doc id) of every plan named, or found under a named folder, in a stable order.

    A plan found in a folder gets its path relative to that folder as its id
    (``2016/nmg-quality`` for ``corpus/2016/nmg-quality.txt``), so that equal file names in
    different folders stay apart. No input at all means the bundled sample plan.
    """
    inputs = list(inputs)
    if not inputs:
        return [(SAMPLE, doc_id_for(read_sample().name))]
    found: list[tuple[str, str]] = []
    for name in inputs:
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES) \
            if name != "-" and path.is_dir() else []
        if files:
            for f in files:
                rel = f.relative_to(path).with_suffix("")
                found.append((str(f), "/".join(doc_id_for(part + ".x") for part in rel.parts)))
        else:  # a file, or a folder with no plan in it (reading it says so)
            found.append((name, doc_id_for(name)))
    return found


def read_input(name: str, encoding: str | None = None) -> Source:
    """Read one input named by :func:`discover` (the sample plan for :data:`SAMPLE`)."""
    return read_sample() if name == SAMPLE else read_source(name, encoding)

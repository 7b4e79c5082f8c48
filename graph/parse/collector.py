"""Python's cycle collector kept out of a parse's way (:func:`collector_paused`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a plan is parsed.

    A parse makes a few small objects per character (snippets, markers, names) that all live
    until the plan is built; each collection walks every one of them again, which made a 10 MB
    plan spend a fifth of its time collecting nothing. Then, rather than leave them all in the
    youngest generation, where the first collection after the parse would walk them once more
    (a tenth of the parse), they join the oldest one, as objects that lived that long would have:
    ``freeze`` and ``unfreeze`` move every tracked object there (skipped when the program has
    frozen objects of its own). Nothing waits there for a collection: the parse cuts the blocks'
    parent links, the only cycles it makes, so what it no longer needs is freed at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()

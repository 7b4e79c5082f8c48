"""Forked copies of this process, for work that should not start an interpreter of its own.

A new interpreter pays for every import again (a query worker, 0.3 s of rdflib and pyoxigraph; a
chart painter, 0.9 s of matplotlib); a fork has them all. A fork copies only the thread that calls
it, though: any other thread (RocksDB's, Oxigraph's, a server's, numpy's BLAS pool) is gone in the
copy with whatever locks it held. So a copy is made only while :func:`single_threaded` says the
process runs one OS thread, and the callers start a fresh interpreter, or do the work here,
otherwise.
"""

from __future__ import annotations

import os
import pickle
import signal
import traceback
import warnings
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

T, I, R = TypeVar("T"), TypeVar("I"), TypeVar("R")


def single_threaded() -> bool:
    """Whether this process runs one OS thread (Linux's /proc/self/task), threads started by
    extension modules included. False where there is no /proc to tell."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


class Forked:
    """``child()`` run in a forked copy of this process, which then leaves at once (``os._exit``:
    none of the caller's code after the fork, no exit handlers, no flush of output buffered
    before it). The parent holds the part of :class:`subprocess.Popen` callers use.

    ``new_session``: the copy runs in a session of its own, so that Ctrl-C in a terminal does not
    reach it (the parent acts on it); otherwise Ctrl-C ends the copy at once, without a traceback.
    """

    def __init__(self, child: Callable[[], object], new_session: bool = False) -> None:
        self.returncode: int | None = None
        self.pid = os.fork()
        if self.pid == 0:
            code = 1
            try:
                if new_session:
                    os.setsid()
                else:
                    signal.signal(signal.SIGINT, signal.SIG_DFL)
                child()
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def in_copy(task: Callable[[], T]) -> Callable[[], T]:
    """``task()`` run in a forked copy of this process while the caller goes on; the function
    returned waits for the copy and returns what ``task`` returned, or raises what it raised
    (both pickled back), after raising the warnings the copy raised. Where the process runs other
    threads, ``task`` runs here, at once.

    >>> wait = in_copy(lambda: sum(range(10)))
    >>> wait()
    45
    """
    if not single_threaded():
        return partial(result_of, outcome_of(task))
    read, write = os.pipe()
    copy = Forked(partial(_send_outcome, read, write, task))
    os.close(write)
    return partial(_outcome, read, copy)


def spread(task: Callable[[Sequence[I]], list[R]], items: Sequence[I], copies: int | None = None) -> list[R]:
    """``task(items)`` (one result per item, in order) with the items dealt out among ``copies``
    forked copies (one per core by default): each copy runs ``task`` on every n-th item, and the
    results come back in the items' order. Where the process cannot fork, ``task`` runs here.

    >>> spread(lambda chunk: [x * x for x in chunk], [1, 2, 3, 4, 5], copies=2)
    [1, 4, 9, 16, 25]
    """
    n = min(copies or len(os.sched_getaffinity(0)), len(items))
    if n <= 1 or not single_threaded():
        return task(items)
    waits = [in_copy(partial(task, items[i::n])) for i in range(n)]
    out: list = [None] * len(items)
    for i, wait in enumerate(waits):
        out[i::n] = wait()
    return out


# What a task gave, fit to send from a copy: ("ok", what it returned) or ("error", what it
# raised), with the warnings it raised as (message, category, filename, line).
Outcome = tuple[str, object, list[tuple[str, type[Warning], str, int]]]


def outcome_of(task: Callable[[], object], every_warning: bool = False) -> Outcome:
    """``task()``'s :data:`Outcome`, its warnings caught: those the filters let through, or
    ``every_warning`` (for a copy made before the caller set its filters, which then decide, in
    :func:`result_of`, what becomes of them)."""
    with warnings.catch_warnings(record=True) as caught:
        if every_warning:
            warnings.simplefilter("always")
        try:
            outcome: tuple[str, object] = ("ok", task())
        except Exception as err:  # noqa: BLE001 - raised again by result_of
            outcome = ("error", err)
    return (*outcome, [(str(w.message), w.category, w.filename, w.lineno) for w in caught])


def result_of(outcome: Outcome) -> object:
    """What the task of ``outcome`` returned, after raising its warnings again here; or raise
    what it raised."""
    status, value, raised = outcome
    for message, category, filename, lineno in raised:
        warnings.warn_explicit(message, category, filename, lineno)
    if status == "error":
        raise value
    return value


def _send_outcome(read: int, write: int, task: Callable[[], object]) -> None:
    os.close(read)
    outcome = outcome_of(task)
    with os.fdopen(write, "wb") as outbox:
        pickle.dump(outcome, outbox)


def _outcome(read: int, copy: Forked) -> object:
    with os.fdopen(read, "rb") as inbox:
        outcome = received(inbox, copy)
    copy.wait()
    return result_of(outcome)


def received(inbox, copy: Forked) -> object:
    """The next object ``copy`` sends through ``inbox``; KeyboardInterrupt when Ctrl-C ended the
    copy before this process noticed it, RuntimeError when the copy ended otherwise."""
    try:
        return pickle.load(inbox)
    except EOFError:
        code = copy.wait()
        if code == -signal.SIGINT:
            raise KeyboardInterrupt from None
        raise RuntimeError(f"a worker process stopped (exit code {code})") from None

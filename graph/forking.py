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
import signal
import traceback
from collections.abc import Callable


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

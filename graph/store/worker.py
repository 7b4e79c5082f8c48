"""Queries in a worker process, so that they stop when their time is up, at Ctrl-C, or when the
client that asked has gone.

Neither local engine can be stopped from outside while it evaluates a query: pyoxigraph runs it in
Rust, checking neither a clock nor signals, and rdflib's engine runs for as long as the query
takes. A thread that gives up waiting leaves the query running: ``fengong serve`` once kept a core
busy for every abandoned cross-join. A process can be killed. So the store is opened in a
:class:`Worker` process, the caller waits for each answer with a deadline, and kills the worker
when the deadline passes, when the caller is interrupted, or (for the server) when the client
hangs up. The next query starts a new worker, which opens the store again.
"""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Mapping
from functools import partial
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from ..forking import Forked, single_threaded
from .base import Store, StoreError

if TYPE_CHECKING:
    from ..sparql.results import Results, Term

# Each worker runs in a session of its own: Ctrl-C in a terminal signals the foreground process
# group, and it is the parent's to act on. A process running one OS thread forks its worker (a
# copy with every module loaded: `fengong query` answers in half the time); any other starts a
# fresh interpreter (see fengong.forking).
_WORKER = "import sys; from fengong.store.worker import _serve; _serve(int(sys.argv[1]))"
# After the deadline the parent kills the worker; a worker whose parent died first stops itself
# this many seconds later (SIGALRM's default action ends the process, even inside Rust).
_ORPHAN_GRACE = 5
_LONGEST_ALARM = 2**31 - 1  # seconds: alarm() takes an unsigned int; a timeout of years is no timeout


class QueryTimeout(StoreError):
    """The query was stopped because it ran longer than it was allowed to."""


class ClientGone(Exception):
    """The client that sent the query closed its connection: nobody waits for the answer."""


def _serve(fd: int) -> None:
    """The worker process: open the store with the opener sent first, then run each task sent,
    until the parent closes its end (file descriptor ``fd``)."""
    connection = Connection(fd)
    try:
        store = connection.recv()()
    except StoreError as err:
        connection.send(("error", err))
        return
    connection.send(("ready", None))
    while True:
        try:
            task, args, seconds = connection.recv()
        except EOFError:  # the parent has gone
            return
        signal.alarm(min(math.ceil(min(seconds, _LONGEST_ALARM)) + _ORPHAN_GRACE, _LONGEST_ALARM))
        try:
            connection.send(("ok", task(store, *args)))
        except StoreError as err:
            connection.send(("error", err))
        signal.alarm(0)


def _serve_forked(theirs: int, ours: int) -> None:
    os.close(ours)
    _serve(theirs)


def _hung_up(client: socket.socket) -> bool:
    """Whether a client socket that polls readable was closed (rather than sent more bytes)."""
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:  # reset by the peer
        return True


class Worker:
    """One worker process with a store open in it (``opener()`` builds the store there)."""

    def __init__(self, opener: Callable[[], Any]) -> None:
        ours, theirs = socket.socketpair()
        with ours, theirs:
            if single_threaded():
                self._process: subprocess.Popen | Forked = Forked(
                    partial(_serve_forked, theirs.fileno(), ours.fileno()), new_session=True)
            else:
                self._process = subprocess.Popen([sys.executable, "-c", _WORKER, str(theirs.fileno())],
                                                 pass_fds=[theirs.fileno()], start_new_session=True)
            self._connection = Connection(ours.detach())
        self._finalizer = weakref.finalize(self, self._process.kill)  # a dropped worker does not linger
        try:
            self._connection.send(opener)
            status, value = self._receive()
        except BaseException:
            self.kill()
            raise
        if status != "ready":
            self.kill()
            raise value

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def run(self, task: Callable[..., Any], args: tuple, timeout: float, client: socket.socket | None = None) -> Any:
        """``task(store, *args)`` in the worker, within ``timeout`` seconds.

        Raises QueryTimeout when the time is up, ClientGone when ``client`` hangs up first, and
        whatever StoreError the task raised; the worker is killed unless the task itself failed.
        """
        try:
            self._connection.send((task, args, timeout))
            self._wait(timeout, client)
            status, value = self._receive()
        except BaseException:  # KeyboardInterrupt included: the query must not outlive the wait
            self.kill()
            raise
        if status == "error":
            raise value
        return value

    def _wait(self, timeout: float, client: socket.socket | None) -> None:
        deadline = time.monotonic() + timeout
        watched: list[Any] = [self._connection] + ([client] if client else [])
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise QueryTimeout(f"the query ran longer than {timeout:g} s (raise --timeout?)")
            ready = wait(watched, None if math.isinf(remaining) else remaining)
            if self._connection in ready:
                return
            if client in ready:
                if _hung_up(client):
                    raise ClientGone
                watched.remove(client)  # it sent more bytes, which are not ours to read: stop watching

    def _receive(self) -> tuple[str, Any]:
        try:
            return self._connection.recv()
        except EOFError:
            raise StoreError(f"the query engine stopped (exit code {self._process.wait()})") from None

    def kill(self) -> None:
        self._finalizer()
        self._process.wait()
        self._connection.close()


def _select(store: Store, query: str, bindings: Mapping[str, Term]) -> Results:
    return store.select(query, bindings)


class WorkerStore:
    """A local store whose queries run in a :class:`Worker` and stop after ``timeout`` seconds or
    at Ctrl-C. The store is opened at once, so that a missing file is reported before any query."""

    def __init__(self, opener: Callable[[], Store], timeout: float) -> None:
        self._opener = opener
        self.timeout = timeout
        self._worker: Worker | None = Worker(opener)

    def select(self, query: str, bindings: Mapping[str, Term] | None = None) -> Results:
        worker = self._worker or Worker(self._opener)  # the last one was killed: open the store again
        try:
            return worker.run(_select, (query, dict(bindings or {})), self.timeout)
        finally:
            self._worker = worker if worker.alive else None


class Pool:
    """Workers for a server: one for each query running, at most ``size`` at once, each query
    stopped after ``timeout`` seconds. A worker whose query was stopped is killed; the next query
    opens a new one. One worker is opened at once, so that a store that cannot be opened stops
    the server at start."""

    def __init__(self, opener: Callable[[], Store], size: int, timeout: float) -> None:
        self._opener = opener
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle = [Worker(opener)]

    def run(self, task: Callable[..., Any], args: tuple, client: socket.socket | None = None) -> Any:
        """``task(store, *args)`` in an idle worker (see :meth:`Worker.run`)."""
        if not self._slots.acquire(timeout=self.timeout):
            raise QueryTimeout(f"the server was busy with other queries for {self.timeout:g} s")
        try:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            worker = worker or Worker(self._opener)
            try:
                return worker.run(task, args, self.timeout, client)
            finally:
                if worker.alive:
                    with self._lock:
                        self._idle.append(worker)
        finally:
            self._slots.release()

    def close(self) -> None:
        """Kill the idle workers (a busy one is killed by the query that holds it, or at exit)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()

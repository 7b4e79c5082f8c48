"""Real SPARQL servers on loopback for the tests, started once per session and stopped at its end.

* ``oxigraph_server``: the Oxigraph server (the ``oxigraph`` binary from PyPI), writable, with its
  default graph the union of the named graphs, its store in a temporary folder.
* ``virtuoso_server``: Virtuoso Open-Source 7 (Debian ``virtuoso-opensource``), its database in a
  temporary folder, SQL and HTTP on free loopback ports (never the default 1111/8890, so a
  Virtuoso already running is left alone). Writes need the ``dba`` login (digest auth).

Virtuoso takes ~9 s to start cold, so it is launched as soon as pytest knows a selected test needs
it (after collection) and the fixture only waits for it: other tests run meanwhile.

Registered in ``conftest.py`` with ``pytest_plugins = ["servers"]``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fengong.rdf import to_turtle
from fengong.server import oxigraph_binary

VIRTUOSO = "virtuoso-t"
VIRTUOSO_VAD = "/usr/share/virtuoso-opensource-7/vad/"
VIRTUOSO_VSP = "/var/lib/virtuoso-opensource-7/vsp"
START_TIMEOUT = 90.0


@dataclass(frozen=True)
class Server:
    """Where a running server answers, and the environment fengong needs to write to it."""

    name: str
    query: str
    update: str
    graph_store: str
    env: dict[str, str] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen, seconds: float) -> None:
    """Return once ``url`` answers; raise RuntimeError if the process dies or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at start-up (exit code {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except urllib.error.HTTPError:
            return  # it answers, if only to say no
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url}: the server did not answer within {seconds:g} s")


class Process:
    """A server process with its log, stopped politely (SIGTERM) and then firmly."""

    def __init__(self, command: list[str], log: Path, cwd: Path | None = None) -> None:
        self.log = log
        self._log = open(log, "wb")
        self.popen = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, cwd=cwd)

    def wait_for(self, url: str, timeout: float = START_TIMEOUT) -> None:
        try:
            wait_until_ready(url, self.popen, timeout)
        except RuntimeError as err:
            raise RuntimeError(f"{err}: {self.log.read_text(errors='replace')[-2000:]}") from None

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
        self._log.close()


# -- Virtuoso ---------------------------------------------------------------------------------

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {db}, {vad}
VADInstallDir = {vad}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


@dataclass
class _Virtuoso:
    process: Process
    server: Server
    folder: Path


def _launch_virtuoso(folder: Path) -> _Virtuoso:
    binary = shutil.which(VIRTUOSO)
    if binary is None:
        raise RuntimeError(f"{VIRTUOSO} not found: install virtuoso-opensource (.ci/setup does)")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port,
                                       vad=VIRTUOSO_VAD, vsp=VIRTUOSO_VSP), encoding="utf-8")
    process = Process([binary, "+configfile", str(ini), "+foreground"], folder / "stdout.log", cwd=folder)
    base = f"http://127.0.0.1:{http_port}"
    server = Server(
        name="virtuoso",
        query=f"{base}/sparql",
        update=f"{base}/sparql-auth",
        graph_store=f"{base}/sparql-graph-crud-auth",
        env={"FENGONG_ENDPOINT_USER": "dba", "FENGONG_ENDPOINT_PASSWORD": "dba", "FENGONG_ENDPOINT_AUTH": "digest"},
    )
    return _Virtuoso(process, server, folder)


_virtuoso: _Virtuoso | None = None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """Start Virtuoso right after collection when a selected test needs it: it boots in the background."""
    global _virtuoso
    if _virtuoso is None and any("virtuoso_server" in getattr(item, "fixturenames", ()) for item in items):
        _virtuoso = _launch_virtuoso(Path(tempfile.mkdtemp(prefix="fengong-virtuoso-")))


def pytest_sessionfinish(session, exitstatus):
    global _virtuoso
    if _virtuoso is not None:
        _virtuoso.process.stop()
        shutil.rmtree(_virtuoso.folder, ignore_errors=True)
        _virtuoso = None


@pytest.fixture(scope="session")
def virtuoso_server() -> Server:
    global _virtuoso
    if _virtuoso is None:  # requested in a way the collection hook did not see (getfixturevalue)
        _virtuoso = _launch_virtuoso(Path(tempfile.mkdtemp(prefix="fengong-virtuoso-")))
    _virtuoso.process.wait_for(_virtuoso.server.query)
    return _virtuoso.server


# -- Oxigraph ---------------------------------------------------------------------------------


def oxigraph_command(location: str | Path, port: int, writable: bool = False, union: bool = True) -> list[str]:
    """An Oxigraph server on 127.0.0.1:``port``, read-only unless ``writable``, its default graph the
    union of the named graphs unless not ``union`` (Oxigraph's own default)."""
    return [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", str(location),
            "--bind", f"127.0.0.1:{port}", *(["--union-default-graph"] if union else [])]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[Server]:
    yield from writable_oxigraph(tmp_path_factory.mktemp("oxigraph"))


def writable_oxigraph(folder: Path, union: bool = True) -> Iterator[Server]:
    """A writable Oxigraph server on a free port, its store in ``folder``; stopped afterwards."""
    port = free_port()
    process = Process(oxigraph_command(folder / "store", port, writable=True, union=union), folder / "stdout.log")
    base = f"http://127.0.0.1:{port}"
    try:
        process.wait_for(f"{base}/")
        yield Server(name="oxigraph", query=f"{base}/query", update=f"{base}/update", graph_store=f"{base}/store")
    finally:
        process.stop()


# -- another server ---------------------------------------------------------------------------


@dataclass
class OtherServer:
    """Where "another server" listens, and how many connections it has had."""

    url: str
    calls: int = 0


@pytest.fixture
def other_server() -> Iterator[OtherServer]:
    """Another server on loopback, which counts the connections made to it and closes each at once
    (so a request to it fails fast instead of waiting for an answer)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        s.settimeout(0.1)
        server = OtherServer(f"http://127.0.0.1:{s.getsockname()[1]}/sparql")
        stop = threading.Event()

        def accept() -> None:
            while not stop.is_set():
                try:
                    connection, _ = s.accept()
                except TimeoutError:
                    continue
                server.calls += 1  # before the close that ends the caller's wait
                connection.close()

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            yield server
        finally:
            stop.set()
            thread.join()


# -- data -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_file(tmp_path_factory, sample_graph) -> Path:
    """The sample plan's graph as fengong build writes it (Turtle, everything in the default graph)."""
    path = tmp_path_factory.mktemp("sample") / "graph.ttl"
    path.write_text(to_turtle(sample_graph), encoding="utf-8")
    return path

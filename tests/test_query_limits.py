"""What ``fengong query`` may not do on its own: run past its time, ignore Ctrl-C, reach other
servers without being asked, or answer an unreachable one with a traceback. Each engine is
checked through the real command (a subprocess where a runaway query would otherwise hang the
test), with a real socket standing in for "another server"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from click.testing import CliRunner
from servers import free_port

from fengong.cli import main

# Three copies of every triple joined with each other: an answer no engine finishes in minutes.
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def fengong(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_error_line(result, *words: str) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert all(w in lines[0] for w in words), lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def store_dir(sample_file, tmp_path_factory):
    """The sample plan in an on-disk Oxigraph store, as `--store DIR` reads it."""
    folder = tmp_path_factory.mktemp("store") / "db"
    subprocess.run([sys.executable, "-c", "import pyoxigraph as ox, sys; "
                    "ox.Store(sys.argv[1]).bulk_load(path=sys.argv[2], format=ox.RdfFormat.TURTLE)",
                    str(folder), str(sample_file)], check=True)
    return folder


@pytest.fixture
def where(request, sample_file, store_dir) -> list[str]:
    """The options that pick each local engine."""
    return {"graph": ["--graph", str(sample_file)],
            "rdflib": ["--graph", str(sample_file), "--engine", "rdflib"],
            "store": ["--store", str(store_dir)]}[request.param]


ENGINES = pytest.mark.parametrize("where", ["graph", "rdflib", "store"], indirect=True)


# -- timeouts and Ctrl-C (item 13) ----------------------------------------------------------------


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "fengong", "query", *args]


@ENGINES
def test_timeout_stops_a_query_on_every_local_engine(where):
    started = time.monotonic()
    done = subprocess.run(command("-e", CROSS_JOIN, "--timeout", "1", *where), capture_output=True, text=True,
                          timeout=30)
    assert time.monotonic() - started < 15  # start-up, loading and 1 s of query
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == ["error: the query ran longer than 1 s (raise --timeout?)"]


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.mark.parametrize("where", ["graph", "store"], indirect=True)
def test_ctrl_c_stops_a_local_query(where):
    """Ctrl-C in a terminal signals the whole foreground process group: the command and its worker.

    The command starts with SIGINT's default action, as a terminal gives it: a test run started in
    the background of a shell without job control inherits SIGINT ignored, and so would the
    command (Python leaves an ignored SIGINT ignored, rightly: nohup-like parents mean it)."""
    process = subprocess.Popen(command("-e", CROSS_JOIN, "--timeout", "600", *where), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 20
        while not any(p.cpu_percent(0.2) > 50 for p in descendants(process.pid)):  # the query is running
            assert time.monotonic() < deadline and process.poll() is None, "the query never ran in a worker"
        workers = descendants(process.pid)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)  # long before its 600 s timeout
        _, stderr = process.communicate()
        assert "Traceback" not in stderr and stderr.strip().splitlines()[-1] == "Aborted!", stderr
        psutil.wait_procs(workers, timeout=5)
        assert not [p for p in workers if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


FORK_OR_SPAWN = """
import sys, threading
from fengong.store import open_store

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
print("written before the worker starts;", end=" ")  # a pipe buffers it: a forked copy must not write it again
alone = open_store(graph=sys.argv[1], timeout=30)
answers = [type(alone._worker._process).__name__, alone.select(COUNT).rows[0][0]]
stop = threading.Event()
beside = threading.Thread(target=stop.wait)
beside.start()
threaded = open_store(graph=sys.argv[1], timeout=30)
answers += [type(threaded._worker._process).__name__, threaded.select(COUNT).rows[0][0]]
stop.set()
print(*answers)
"""


def test_a_worker_is_forked_by_a_process_of_one_thread_and_started_fresh_beside_threads(sample_file):
    """A fork copies only the thread that forks: with another thread running (a server's, or
    RocksDB's), its locks would stay held in the copy, so the worker is a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", FORK_OR_SPAWN, str(sample_file)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "written before the worker starts; Forked 5831 Popen 5831\n"


# -- federation (items 11 and 12); `other_server` stands in for another  ---------------------


@ENGINES
def test_service_reaches_no_other_server_unless_federation_is_allowed(where, other_server):
    url = other_server.url
    refused = fengong("query", "-e", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", *where)
    one_error_line(refused, "SERVICE", "--allow-federation")
    # rdflib reads SPARQL's \u escapes before parsing: a keyword spelt with them is still SERVICE
    hidden = fengong("query", "-e", f"SELECT * WHERE {{ SERVIC\\u0045 <{url}> {{ ?s ?p ?o }} }}", *where)
    one_error_line(hidden, "SERVICE")
    assert other_server.calls == 0


def test_allow_federation_lets_service_through(sample_file, other_server):
    url = other_server.url
    result = fengong("query", "-e", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "--graph",
                     str(sample_file), "--allow-federation")
    assert result.exit_code == 2  # the stand-in server hangs up
    assert other_server.calls > 0


def test_from_an_http_graph_is_not_fetched_by_rdflib(sample_file, other_server):
    url = other_server.url
    result = fengong("query", "-e", f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}", "--graph", str(sample_file),
                     "--engine", "rdflib", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1  # a header, no row: FROM names a graph of the store, none here
    assert other_server.calls == 0


def test_service_through_an_endpoint_needs_federation_too(oxigraph_server, other_server):
    url = other_server.url
    refused = fengong("query", "-e", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                      "--endpoint", oxigraph_server.query)
    one_error_line(refused, "SERVICE", "--allow-federation")
    assert other_server.calls == 0


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_unreachable_service_is_one_error_line(sample_file, engine):
    closed = f"http://127.0.0.1:{free_port()}/"
    result = fengong("query", "-e", f"SELECT * {{SERVICE <{closed}> {{?s ?p ?o}}}}", "--graph", str(sample_file),
                     "--engine", engine, "--allow-federation")
    one_error_line(result, "the query failed")

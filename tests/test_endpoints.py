"""The named queries on real SPARQL servers, loaded with ``fengong push``: an Oxigraph server and
Virtuoso Open-Source (``servers.py``), and ``fengong serve``. Same answers as the embedded store,
pushing twice changes nothing, parameters stay values, failures are one line and exit code 2."""

from __future__ import annotations

import contextlib
import html
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import warnings
from html.parser import HTMLParser
from urllib.parse import urlencode

import psutil
import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright
from query_cases import NAMES, QUERIES, answer
from rdflib import URIRef
from servers import Process, free_port, writable_oxigraph
from SPARQLWrapper import SPARQLWrapper

from fengong.cli import main
from fengong.store.publish import named_graphs, read_quads
from fengong.rdf import PREFIXES
from fengong.resources import queries_dir
from fengong.store import EndpointStore, OxigraphStore

QSJ = "内蒙古自治区质量技术监督局"
PLAN = "https://w3id.org/fengong/id/plan/neimenggu-2016-quality-plan"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SERVE_TIMEOUT = 3  # seconds, for the served fixture


def fengong(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def triples_in(server, graph: str = PLAN) -> int:
    return int(EndpointStore(server.query).select(COUNT, {"g": URIRef(graph)}).rows[0][0])


@pytest.fixture(scope="session")
def embedded(sample_file):
    return OxigraphStore.from_file(sample_file)


@pytest.fixture(scope="session")
def expected_triples(sample_file) -> int:
    [graph] = named_graphs(read_quads(sample_file))
    return len(graph.triples)


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def loaded(request, oxigraph_server, virtuoso_server, sample_file):
    """Each server with the sample plan pushed into its named graph (Graph Store Protocol)."""
    server = {"oxigraph": oxigraph_server, "virtuoso": virtuoso_server}[request.param]
    result = fengong("push", "--graph", str(sample_file), "--endpoint", server.query,
                     "--graph-store", server.graph_store, env=server.env)
    assert result.exit_code == 0, result.output
    return server


@pytest.mark.parametrize("name", NAMES)
def test_named_queries_answer_as_the_embedded_store(loaded, embedded, name):
    query = QUERIES[name]
    bindings = query.bindings(query.example_params())
    expected = answer(embedded.select(query.text, bindings))
    assert answer(EndpointStore(loaded.query).select(query.text, bindings)) == expected


def test_workload_through_the_command(loaded):
    result = fengong("query", "workload", "--endpoint", loaded.query, "--format", "csv", "--limit", "2")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == f"{QSJ},government,19,8,8,35,14,49"
    assert len(result.stdout.splitlines()) == 3


# Each new value makes Virtuoso compile the query again (~2 s): two strings, the second aimed at
# servers that decode \u escapes before parsing. test_queries.py tries more on the embedded engines.
@pytest.mark.parametrize("value", ['自治区质监局" } ; DROP ALL #', '自治区质监局\\" \\u0022 }\n} ; DROP ALL'])
def test_injection_strings_match_nothing_on_servers(loaded, value, expected_triples):
    store = EndpointStore(loaded.query)
    for name, params in (("department", {"department": value}), ("provenance", {"item": value, "department": value})):
        assert store.select(QUERIES[name].text, QUERIES[name].bindings(params)).rows == [], name
    assert triples_in(loaded) == expected_triples


def test_push_twice_gives_the_same_triples(loaded, sample_file, expected_triples):
    for protocol, url in (("--update-endpoint", loaded.update), ("--update-endpoint", loaded.update),
                          ("--graph-store", loaded.graph_store)):
        result = fengong("push", "--graph", str(sample_file), "--endpoint", loaded.query, protocol, url,
                         "--batch-size", "1000", env=loaded.env)
        assert result.exit_code == 0, result.output
        assert f"<{PLAN}>: {expected_triples} triples" in result.stdout
        assert triples_in(loaded) == expected_triples


def test_writes_without_a_login_are_refused(virtuoso_server, sample_file):
    result = fengong("push", "--graph", str(sample_file), "--endpoint", virtuoso_server.query,
                     "--graph-store", virtuoso_server.graph_store, env={"FENGONG_ENDPOINT_USER": ""})
    assert result.exit_code == 2
    assert "HTTP 401" in result.stderr and "FENGONG_ENDPOINT_USER" in result.stderr


# -- an endpoint that cannot answer ----------------------------------------------------------------


@pytest.fixture
def silent_port():
    """A port that accepts connections and never answers: a hung server."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield s.getsockname()[1]


def one_error_line(result, pattern: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and re.search(pattern, lines[0]), result.stderr


def test_endpoint_down_slow_or_failing_exits_2(oxigraph_server, silent_port, sample_file):
    down = f"http://127.0.0.1:{free_port()}/sparql"
    one_error_line(fengong("query", "workload", "--endpoint", down), r"^error: .*: cannot reach the endpoint")
    one_error_line(fengong("query", "workload", "--endpoint", f"http://127.0.0.1:{silent_port}/sparql",
                           "--timeout", "1"), r"no answer within 1 s")
    one_error_line(fengong("query", "-e", "SELECT * WHERE { ?s ?p", "--endpoint", oxigraph_server.query),
                   r"the endpoint answered with an error")
    one_error_line(fengong("query", "workload", "--endpoint", oxigraph_server.query.replace("/query", "/nowhere")),
                   r"the endpoint answered with an error")
    one_error_line(fengong("query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--endpoint",
                           oxigraph_server.query.replace("/query", "/")), r"not SPARQL JSON results")
    one_error_line(fengong("push", "--graph", str(sample_file), "--endpoint", down, "--update-endpoint", down),
                   r"cannot reach the endpoint")


def test_virtuoso_errors_are_one_line(virtuoso_server):
    one_error_line(fengong("query", "-e", "SELECT * WHERE { ?s ?p", "--endpoint", virtuoso_server.query),
                   r"the endpoint answered with an error")


# -- the .rq files in another client -----------------------------------------------------------


@pytest.fixture(scope="module")
def oxigraph_loaded(oxigraph_server, sample_file):
    result = fengong("push", "--graph", str(sample_file), "--endpoint", oxigraph_server.query,
                     "--graph-store", oxigraph_server.graph_store)
    assert result.exit_code == 0, result.output
    return oxigraph_server


@pytest.mark.parametrize("name", NAMES)
def test_named_query_file_runs_in_a_plain_sparqlwrapper(oxigraph_loaded, embedded, name):
    """As the README tells researchers: the file's text, SPARQLWrapper's defaults (GET, XML results)."""
    client = SPARQLWrapper(oxigraph_loaded.query)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # SPARQLWrapper warns when it cannot tell the query form
        client.setQuery(queries_dir().joinpath(f"{name}.rq").read_text(encoding="utf-8"))
    # SPARQLWrapper drops only every second line of a block of comments and takes the first of its
    # keywords it finds anywhere, inside words too (task: ASK, workload: LOAD): reword that line.
    assert client.queryType == "SELECT", f"SPARQLWrapper reads {name}.rq as {client.queryType}"
    document = client.query().convert()
    variables = [v.getAttribute("name") for v in document.getElementsByTagName("variable")]
    query = QUERIES[name]
    assert variables == list(embedded.select(query.text, query.bindings(query.example_params())).columns)


# -- a default graph that is not the union of the named graphs ---------------------------------------


@pytest.fixture(scope="module")
def without_union(tmp_path_factory, sample_file):
    """An Oxigraph server as `oxigraph serve` starts by default (no --union-default-graph), the
    sample plan pushed into its named graph."""
    for server in writable_oxigraph(tmp_path_factory.mktemp("no-union"), union=False):
        result = fengong("push", "--graph", str(sample_file), "--endpoint", server.query,
                         "--graph-store", server.graph_store)
        assert result.exit_code == 0, result.output
        yield server


@pytest.mark.parametrize("command", [["query", "workload"], ["analyze", "-o", "{out}"],
                                     ["viz", "-o", "{out}/network.html"]])
def test_a_default_graph_without_the_plans_is_reported(without_union, command, tmp_path):
    args = [a.replace("{out}", str(tmp_path / "out")) for a in command]
    result = fengong(*args, "--endpoint", without_union.query)
    one_error_line(result, r"default graph.*--union-default-graph.*Virtuoso.*Fuseki")
    assert not (tmp_path / "out").exists()


# -- fengong serve --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(sample_file, tmp_path_factory):
    port = free_port()
    process = Process([sys.executable, "-m", "fengong", "serve", "--graph", str(sample_file), "--port", str(port),
                       "--timeout", str(SERVE_TIMEOUT)], tmp_path_factory.mktemp("serve") / "serve.log")
    url = f"http://127.0.0.1:{port}"
    try:
        process.wait_for(f"{url}/")
        yield url, port, process
    finally:
        process.stop()


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the TCP sockets listening on ``port`` (Linux /proc/net/tcp, tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.rsplit(":", 1)
                if state == "0A" and int(hex_port, 16) == port:
                    found.add(address)
    return found


def test_serve_answers_queries_on_loopback_only(served):
    url, port, _ = served
    table = EndpointStore(f"{url}/query").select(QUERIES["workload"].text).records()
    assert (table[0]["department"], table[0]["accountable"]) == (QSJ, 35)
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else


@pytest.mark.parametrize("path, method, content_type, body", [
    ("/update", "POST", "application/sparql-update", "DROP ALL"),
    ("/update", "POST", "application/sparql-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"),
    ("/store?default", "PUT", "text/turtle", "<urn:a> <urn:b> <urn:c> ."),
    (f"/store?graph={PLAN}", "DELETE", "text/turtle", ""),
])
def test_serve_refuses_updates(served, sample_file, path, method, content_type, body):
    url, _, _ = served
    request = urllib.request.Request(f"{url}{path}", data=body.encode(), method=method,
                                     headers={"Content-Type": content_type})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert len(EndpointStore(f"{url}/query").select("SELECT * WHERE { ?s ?p ?o }").rows) == len(read_quads(sample_file))


def cpu_use(pid: int, seconds: float = 1.0) -> float:
    """Cores a process and its descendants keep busy over the next ``seconds`` (1.0 = one core)."""

    def times() -> dict[int, float]:
        found = {}
        with contextlib.suppress(psutil.NoSuchProcess):
            for p in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    t = p.cpu_times()
                    found[p.pid] = t.user + t.system
        return found

    before = times()
    time.sleep(seconds)
    return sum(t - before.get(p, 0.0) for p, t in times().items()) / seconds


def query_url(url: str, query: str) -> str:
    return f"{url}/query?{urlencode({'query': query})}"


def test_serve_stops_a_query_when_its_time_is_up(served):
    url, _, process = served
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as timed_out:
        urllib.request.urlopen(query_url(url, CROSS_JOIN), timeout=30)
    assert timed_out.value.code == 503 and time.monotonic() - started < SERVE_TIMEOUT + 2
    assert f"ran longer than {SERVE_TIMEOUT} s" in timed_out.value.read().decode()
    time.sleep(0.5)
    assert cpu_use(process.popen.pid) < 0.1, "the query still runs"


def test_serve_stops_a_query_whose_client_has_gone(served):
    """As with `curl -m 0.5`: the query stops when its client hangs up, not only at the timeout."""
    url, _, process = served
    assert EndpointStore(f"{url}/query").select("SELECT * WHERE { ?s ?p ?o } LIMIT 1").rows  # a worker is ready
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        urllib.request.urlopen(query_url(url, CROSS_JOIN), timeout=0.5)
    time.sleep(0.5)
    assert cpu_use(process.popen.pid) < 0.1, "the query still runs"
    assert time.monotonic() - started < SERVE_TIMEOUT


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1", 200), ("localhost", 200), ("LocalHost", 200), ("[::1]", 200),
    ("evil.example", 403), ("localhost.evil.example", 403), ("127.0.0.1.nip.io", 403),
])
def test_serve_answers_loopback_host_names_only(served, host, status):
    """A DNS-rebinding page reaches 127.0.0.1 under its own host name: that name is refused."""
    url, port, _ = served
    request = urllib.request.Request(query_url(url, "ASK {}"), headers={"Host": f"{host}:{port}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            code = response.status
    except urllib.error.HTTPError as err:
        code = err.code
    assert code == status


def test_serve_refuses_service(served, other_server):
    url, _, _ = served
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(query_url(url, f"SELECT * WHERE {{ SERVICE <{other_server.url}> {{ ?s ?p ?o }} }}"),
                               timeout=10)
    assert refused.value.code == 403 and "--allow-federation" in refused.value.read().decode()
    assert other_server.calls == 0


def test_serve_allow_federation_lets_service_through(sample_file, tmp_path, other_server):
    port = free_port()
    process = Process([sys.executable, "-m", "fengong", "serve", "--graph", str(sample_file), "--port", str(port),
                       "--allow-federation"], tmp_path / "serve.log")
    try:
        process.wait_for(f"http://127.0.0.1:{port}/")
        with pytest.raises(urllib.error.HTTPError):  # the stand-in server hangs up
            urllib.request.urlopen(query_url(f"http://127.0.0.1:{port}",
                                             f"SELECT * WHERE {{ SERVICE <{other_server.url}> {{ ?s ?p ?o }} }}"),
                                   timeout=10)
    finally:
        process.stop()
    assert other_server.calls > 0


class _References(HTMLParser):
    """Every URL an HTML page makes a browser fetch or follow: attributes, and url() in styles."""

    ATTRIBUTES = ("src", "href", "action", "formaction", "srcset", "poster", "data", "manifest")

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in self.ATTRIBUTES and value]
        self.urls += [u for name, value in attrs if name == "style" and value for u in self._css_urls(value)]
        self._style = tag == "style"

    def handle_data(self, data):
        if self._style:
            self.urls += self._css_urls(data)

    @staticmethod
    def _css_urls(css: str) -> list[str]:
        return re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)


def test_serve_query_page_is_offline_and_knows_fengong(served):
    url, _, _ = served
    with urllib.request.urlopen(f"{url}/", timeout=10) as response:
        policy = response.headers["Content-Security-Policy"]
        page = response.read().decode()
    references = _References()
    references.feed(page)
    assert not [u for u in references.urls if re.match(r"\s*(https?:)?//", u) and not u.startswith(f"{url}/")]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy  # fetches go to this server only
    for prefix, namespace in PREFIXES.items():  # in the editor, as the page opens
        assert f"PREFIX {prefix}: <{namespace}>" in html.unescape(page)
    for name in NAMES:
        assert f'data-query="{name}"' in page, name


def test_serve_query_page_runs_a_named_query_offline(served):
    """In a real browser with every request off this machine blocked, one click runs a named query."""
    url, _, _ = served
    blocked: list[str] = []

    def only_loopback(route):
        if route.request.url.startswith(f"{url}/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", timeout=120_000,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context()
            context.route("**/*", only_loopback)
            page = context.new_page()
            page.goto(f"{url}/")
            page.click('[data-query="plans"]')
            page.wait_for_selector("#results td >> text=内蒙古自治区贯彻落实质量强区决定分工方案", timeout=60_000)
            assert "PREFIX fg: <https://w3id.org/fengong/ns#>" in page.input_value("#query")
        finally:
            browser.close()
    assert blocked == []


def test_serve_refuses_a_taken_port_and_stops_on_sigterm(served, sample_file, tmp_path):
    url, port, _ = served
    taken = fengong("serve", "--graph", str(sample_file), "--port", str(port))
    assert taken.exit_code == 2 and f"port {port} on 127.0.0.1 is in use" in taken.stderr
    other = free_port()
    process = subprocess.Popen([sys.executable, "-m", "fengong", "serve", "--graph", str(sample_file),
                                "--port", str(other)], stdout=subprocess.PIPE, text=True)
    first_line = process.stdout.readline()  # printed (and flushed) once the server answers
    assert first_line.startswith(f"serving {sample_file} read-only: query page http://127.0.0.1:{other}/")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert listening_addresses(other) == set(), "the Oxigraph server was stopped with fengong serve"

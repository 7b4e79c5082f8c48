"""The network pages (fengong.viz): what they draw, that they are self-contained, safe and
deterministic, and the ``fengong viz`` command. tests/test_browser.py opens them in Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import random
import re
from collections import Counter
from html.parser import HTMLParser
from importlib import resources

import numpy as np
import pytest
from click.testing import CliRunner
from servers import Process, free_port, oxigraph_command
from viz_pages import HOSTILE_TEXTS, counts, hostile_graph_file, plan_graph_file

from fengong.analysis import coordination_graph, load_assignments
from fengong.cli import main
from fengong.store import OxigraphStore, open_store
from fengong.viz import FocusError, labels, network_page, page_data, positions, pyvis_network
from fengong.viz.style import OVERLOAD, OVERLOAD_WIDTH, ROLES
from fengong.viz.views import find_body

QUALITY_BUREAU = "自治区质监局"


@pytest.fixture(scope="module")
def store(sample_file):
    return open_store(graph=sample_file)


@pytest.fixture(scope="module")
def page(store):
    return page_data(store)


@pytest.fixture(scope="module")
def coordination(store):
    return page_data(store, "coordination")


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory):
    return network_page(open_store(graph=hostile_graph_file(tmp_path_factory.mktemp("hostile"))))


def body(page, short: str) -> dict:
    [node] = [n for n in page.nodes if n["group"] == "body" and n["info"]["short"] == short]
    return node


def data_block(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="fengong-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


# -- what the responsibility view draws ------------------------------------------------------------


def test_responsibility_view_draws_every_body_unit_and_assignment(page, store):
    expected = counts(store)
    kinds = Counter(n["group"] for n in page.nodes)
    assert kinds == {"body": expected["bodies"], "unit": expected["units"]} == {"body": 39, "unit": 82}
    assert len(page.edges) == expected["assignments"] == 274
    assert Counter(e["role"] for e in page.edges) == {"lead": 42, "support": 161, "joint": 47, "responsible": 24}
    assert len({n["id"] for n in page.nodes}) == len(page.nodes)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in page.nodes)


def test_roles_are_told_apart_by_colour_and_dash(page):
    styles = {e["role"]: (e["color"]["color"], tuple(e.get("dashes", ())), e.get("arrows")) for e in page.edges}
    assert len({(e["role"], e["color"]["color"], tuple(e.get("dashes", ()))) for e in page.edges}) == 4
    assert len({colour for colour, _, _ in styles.values()}) == 4
    assert styles["lead"][1] == styles["responsible"][1] == styles["support"][1] == () and styles["joint"][1]
    widths = {e["role"]: e["width"] for e in page.edges}
    assert widths["lead"] > widths["responsible"] > widths["support"]  # apart in grey-scale too
    # only lead edges are directed, from the department to the unit
    assert {r: a for r, (_, _, a) in styles.items()} == {"lead": "to", "responsible": None, "joint": None, "support": None}
    assert all(e["from"].startswith("b") and e["to"].startswith("u") for e in page.edges)


def test_body_node_has_its_names_role_counts_and_load(page):
    node = body(page, QUALITY_BUREAU)
    info = node["info"]
    assert node["label"] == QUALITY_BUREAU
    assert info["name"] == "内蒙古自治区质量技术监督局"
    assert "Quality" in info["en"]
    assert (info["lead"], info["responsible"], info["joint"], info["support"]) == (19, 8, 8, 14)
    assert info["load"] == 19 + 8 + 8 * 0.5 + 14 * 0.25 and info["rank"] == 1 and info["overloaded"]
    assert node["size"] == max(n["size"] for n in page.nodes)  # the largest load, the largest node
    assert {"内蒙古自治区质量技术监督局", QUALITY_BUREAU} <= set(node["names"])


def test_collectives_and_kinds_are_coloured_apart(page):
    kinds = {n["kind"]: (n["shape"], n["color"]["background"]) for n in page.nodes}
    assert kinds["collective"][0] == "triangle" and kinds["government"][0] == "dot"
    assert kinds["target"][0] == kinds["task"][0] == "square" and kinds["target"][1] != kinds["task"][1]
    assert len({colour for _, colour in kinds.values()}) == len(kinds)
    assert [k.kind for k in page.legend][-3:] == ["collective", "target", "task"]


def test_unit_tooltip_has_the_text_clause_and_section(page, sample):
    [unit] = [u for item in sample.items if item.label == "二（一）7" for u in item.units]
    [node] = [n for n in page.nodes if n["group"] == "unit" and n["info"]["item"] == "二（一）7"]
    info = node["info"]
    assert info["text"] == unit.text and info["clause"] == sample.text[unit.clause.span.start:unit.clause.span.end]
    assert info["section"].startswith("二、") and "二（一）" in info["section"]
    assert info["plan"] == "内蒙古自治区贯彻落实质量强区决定分工方案"
    assert info["part"].startswith("task")


# -- the coordination view --------------------------------------------------------------------------


def test_coordination_view_is_the_analysis_projection(coordination, store):
    graph = coordination_graph(load_assignments(store))
    names = {n["id"]: n["info"]["name"] for n in coordination.nodes}
    assert len(coordination.nodes) == graph.number_of_nodes() and "collective" not in {n["kind"] for n in coordination.nodes}
    weights = {frozenset((names[e["from"]], names[e["to"]])): e["value"] for e in coordination.edges}
    expected = {frozenset((graph.nodes[u]["name"], graph.nodes[v]["name"])): w for u, v, w in graph.edges(data="weight")}
    assert weights == expected and len(weights) == graph.number_of_edges()
    # the page recounts shared units from each department's units when filtering: same numbers
    members = {b: {u for u, _ in units} for b, units in coordination.members.items()}
    assert all(len(members[e["from"]] & members[e["to"]]) == e["value"] for e in coordination.edges)


# -- layout -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("full", [positions.FULL_LAYOUT, 20])  # 20: the corpus path on the sample
def test_units_ring_the_body_with_the_strongest_role_on_them(store, monkeypatch, full):
    monkeypatch.setattr(positions, "FULL_LAYOUT", full)
    page = page_data(store)
    assert page_data(store).nodes == page.nodes  # deterministic on either path
    nodes = {n["id"]: n for n in page.nodes}
    strongest = {}
    for e in page.edges:
        key = (ROLES.index(e["role"]), -nodes[e["from"]]["info"]["load"], nodes[e["from"]]["info"]["iri"])
        strongest[e["to"]] = min(strongest.get(e["to"], (key, e["from"])), (key, e["from"]))
    owned = Counter(owner for _, owner in strongest.values())
    for unit, (_, owner) in strongest.items():
        distance = math.dist((nodes[unit]["x"], nodes[unit]["y"]), (nodes[owner]["x"], nodes[owner]["y"]))
        reach = positions.flower_radius(nodes[owner]["size"], [positions.SPACING / 2] * owned[owner])
        assert nodes[owner]["size"] + positions.BODY_GAP - 0.2 <= distance <= reach, (unit, owner)
    leads = {(e["to"], e["from"]) for e in page.edges if e["role"] == "lead"}
    assert all((u, owner) in leads for u, (_, owner) in strongest.items() if any(x == u for x, _ in leads))
    # its 19 lead and 8 responsible units, and the 8 it shares jointly with less loaded bodies
    assert owned[body(page, QUALITY_BUREAU)["id"]] == 19 + 8 + 8


def test_flowers_and_departments_do_not_overlap(page, coordination):
    for view, room in ((page, 0.0), (coordination, positions.ROOM)):
        bodies = [n for n in view.nodes if n["group"] == "body"]
        for i, a in enumerate(bodies):
            for b in bodies[i + 1:]:
                assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= a["size"] + b["size"] + 2 * room - 1, (a["id"], b["id"])


def test_separate_moves_overlapping_circles_apart_only():
    xy = positions.separate(np.array([[0.0, 0.0], [0.0, 0.0], [100.0, 0.0]]), np.array([10.0, 10.0, 5.0]))
    assert math.dist(xy[0], xy[1]) >= 19.5 and xy[2].tolist() == [100.0, 0.0]


# -- labels ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", ["responsibility", "coordination"])
def test_labels_of_the_opening_view_clear_each_other(store, view, lang):
    page = page_data(store, view, lang=lang)
    tier0 = [n for n in page.nodes if n["tier"] == 0]
    overloaded = {n["id"] for n in page.nodes if n["group"] == "body" and n["info"]["overloaded"]}
    assert overloaded and overloaded <= {n["id"] for n in tier0}
    assert len(tier0) <= len(overloaded) + labels.TOP and all(n["group"] == "body" for n in tier0)
    placed = [labels.box(candidate(n), n["font"]["size"]) for n in page.nodes if n["tier"] < labels.TIERS - 1]
    for i, a in enumerate(placed):
        assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3] for b in placed[i + 1:])
    assert all(n["font"]["size"] == round(page.label_font / 2 ** n["tier"], 2) for n in page.nodes)


def candidate(n: dict) -> labels.Candidate:
    return labels.Candidate(n["id"], n["x"], n["y"], n["size"], n["label"])


def test_overloaded_departments_are_outlined(page):
    outlined = {n["info"]["short"] for n in page.nodes if n.get("borderWidth") == OVERLOAD_WIDTH}
    assert outlined == {n["info"]["short"] for n in page.nodes if n["group"] == "body" and n["info"]["overloaded"]}
    assert QUALITY_BUREAU in outlined and body(page, QUALITY_BUREAU)["color"]["border"] == OVERLOAD


def test_a_coordination_view_without_departments_is_a_clear_error(tmp_path):
    plan = "一、主要任务\n1.推进。（由自治区财政厅负责）\n2.落实。（由各有关部门按照职责分工负责）\n"
    graph = plan_graph_file(plan, tmp_path)
    assert [n["kind"] for n in page_data(open_store(graph=graph), roles=["joint"]).nodes] == ["collective", "task"]
    result = run("viz", "--graph", str(graph), "--view", "coordination", "--role", "joint", "-o", str(tmp_path / "c.html"))
    assert result.exit_code == 2 and "no department to draw" in result.stderr


def test_components_are_packed_below_the_largest():
    big = {"a": (-100.0, -50.0), "b": (100.0, 50.0)}
    packed = positions.pack([big, {"c": (7.0, 7.0)}, {"d": (0.0, 0.0)}])
    assert packed["a"] == (-100.0, -50.0) and packed["b"] == (100.0, 50.0)
    assert packed["c"] == (-100.0, 50.0 + positions.GAP) and packed["d"] == (-100.0 + positions.GAP, 50.0 + positions.GAP)


# -- filters and focus ------------------------------------------------------------------------------


def test_role_and_section_filters(store, sample):
    assert Counter(e["role"] for e in page_data(store, roles=["lead", "joint"]).edges) == {"lead": 42, "joint": 47}
    units_in = {n: sum(len(i.units) for i in sample.items if i.label.startswith(n)) for n in ("二（一）", "二")}
    for name, expected in units_in.items():
        page = page_data(store, sections=[name])
        assert sum(1 for n in page.nodes if n["group"] == "unit") == expected > 0
    titled = page_data(store, sections=["工作目标分工"])
    assert {n["kind"] for n in titled.nodes if n["group"] == "unit"} == {"target"}


def test_unknown_role_section_and_focus_are_errors(store):
    with pytest.raises(ValueError, match="no section '九'.*一、二、二（一）"):
        page_data(store, sections=["九"])
    with pytest.raises(ValueError, match="unknown role 'leed'"):
        page_data(store, roles=["leed"])
    with pytest.raises(FocusError, match="did you mean"):
        page_data(store, focus="自治区质检局")


def test_focus_finds_a_body_by_any_name(store, page):
    assignments = load_assignments(store)
    iri = body(page, QUALITY_BUREAU)["info"]["iri"]
    assert find_body(QUALITY_BUREAU, assignments) == find_body("内蒙古自治区质量技术监督局", assignments) == iri
    assert find_body("质监局", assignments) == iri  # a part only one name has
    with pytest.raises(FocusError, match="names 3[0-9] bodies"):
        find_body("自治区", assignments)
    assert page_data(store, focus="质监局").focus == body(page, QUALITY_BUREAU)["id"]


# -- self-contained, safe, deterministic ------------------------------------------------------------


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag if tag in ("script", "style") else None

    def handle_data(self, data):
        if self._in == "script" and self.tags[-1][1].get("type") != "application/json":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)

    def handle_endtag(self, tag):
        self._in = None


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_page_is_self_contained_with_a_content_security_policy(store):
    html = network_page(store)
    tags = Tags()
    tags.feed(html)
    links = [(t, a[k]) for t, a in tags.tags for k in ("src", "href") if k in a]
    assert links == []  # nothing to fetch: no src, no href, no CDN
    assert not [t for t, a in tags.tags if t == "link"]
    [csp] = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert policy["default-src"] == "'none'"
    assert len(tags.scripts) == 2 and policy["script-src"] == " ".join(sha(s) for s in tags.scripts)
    assert policy["style-src"] == " ".join(sha(s) for s in tags.styles)
    assert "vis-network" in tags.scripts[0] and "var network = new vis.Network" in tags.scripts[1]


def test_same_graph_same_bytes_whatever_the_triple_order(sample_graph, tmp_path, store):
    shuffled = sample_graph.serialize(format="nt").splitlines()
    random.Random(5).shuffle(shuffled)
    other = tmp_path / "shuffled.nt"
    other.write_text("\n".join(shuffled) + "\n", encoding="utf-8")
    for view in ("responsibility", "coordination"):
        assert network_page(open_store(graph=other), view) == network_page(store, view)


def test_hostile_text_is_data(hostile_html):
    for text in HOSTILE_TEXTS:
        assert text not in hostile_html
    for raw in ("<img", "<a href", "<b ", "<script>alert"):
        assert raw not in hostile_html
    data = json.dumps(data_block(hostile_html), ensure_ascii=False)
    for text in HOSTILE_TEXTS[:4]:  # every text reaches the page's data intact, to be shown as text
        assert json.dumps(text, ensure_ascii=False)[1:-1] in data
    assert '<h1 id="heading">关于&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;的分工方案</h1>' in hostile_html
    assert '<option value="自治区&lt;img src=x onerror=alert(3)&gt;局">' in hostile_html
    assert '<option value="0">一、&lt;b onmouseo…</option>' in hostile_html  # a section in the filter


def test_page_script_never_writes_html():
    script = resources.files("fengong.viz").joinpath("network.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert sink not in script


# -- the command line ---------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_viz_command_writes_each_view(sample_file, tmp_path):
    out = tmp_path / "page.html"
    result = run("viz", "--graph", str(sample_file), "--view", "coordination", "--focus", QUALITY_BUREAU, "-o", str(out))
    assert result.exit_code == 0 and result.stdout == f"wrote {out}\n"
    data = data_block(out.read_text(encoding="utf-8"))
    assert data["view"] == "coordination" and data["focus"] is not None


def test_viz_command_reads_an_on_disk_store(sample_file, tmp_path):
    folder = tmp_path / "store"
    OxigraphStore(folder).load(sample_file)
    out = tmp_path / "page.html"
    assert run("viz", "--store", str(folder), "--role", "lead", "-o", str(out)).exit_code == 0
    assert Counter(e["role"] for e in data_block(out.read_text(encoding="utf-8"))["edges"]) == {"lead": 42}


def test_a_page_drawn_from_an_endpoint_is_the_same_page(sample_file, tmp_path, store):
    folder = tmp_path / "store"
    OxigraphStore(folder).load(sample_file)  # closed again when the object is dropped
    port = free_port()
    server = Process(oxigraph_command(folder, port), tmp_path / "server.log")
    try:
        server.wait_for(f"http://127.0.0.1:{port}/")
        out = tmp_path / "page.html"
        assert run("viz", "--endpoint", f"http://127.0.0.1:{port}/query", "-o", str(out)).exit_code == 0
    finally:
        server.stop()
    assert out.read_text(encoding="utf-8") == network_page(store)


def test_viz_command_errors_exit_2(sample_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cases = {
        ("viz",): "out/graph.ttl: no such file",
        ("viz", "--graph", str(sample_file), "--focus", "财政局局"): "no body called '财政局局'",
        ("viz", "--graph", str(sample_file), "--section", "九"): "no section '九'",
        ("viz", "--graph", str(sample_file), "-o", str(sample_file)): "refusing to overwrite the input",
    }
    for args, message in cases.items():
        result = run(*args)
        assert result.exit_code == 2 and message in result.stderr, args
    assert not (tmp_path / "out").exists()


def test_build_writes_both_pages_unless_told_not_to(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build", "--no-analysis", "-o", "with")
    assert result.exit_code == 0 and "wrote with/network.html and with/coordination.html" in result.stdout
    assert data_block((tmp_path / "with" / "network.html").read_text(encoding="utf-8"))["view"] == "responsibility"
    assert data_block((tmp_path / "with" / "coordination.html").read_text(encoding="utf-8"))["view"] == "coordination"
    assert run("build", "--no-analysis", "--no-viz", "-o", "without").exit_code == 0
    assert not list((tmp_path / "without").glob("*.html"))


# -- pyvis, for notebooks -------------------------------------------------------------------------------


@pytest.mark.parametrize("view", ["responsibility", "coordination"])
def test_pyvis_network_has_the_pages_nodes_and_edges(store, view):
    page = page_data(store, view)
    net = pyvis_network(store, view)
    drawn = {n["id"]: n for n in net.nodes}
    assert set(drawn) == {n["id"] for n in page.nodes}
    for n in page.nodes:
        got = drawn[n["id"]]
        assert (got["label"], got["x"], got["y"], got["size"], got["shape"], got["color"], got["font"]) == (
            n["label"], n["x"], n["y"], n["size"], n["shape"], n["color"], n["font"])
        assert got["physics"] is False and isinstance(got["title"], str) and "<" not in got["title"]
    pairs = Counter((e["from"], e["to"], json.dumps(e["color"], sort_keys=True), e.get("width")) for e in page.edges)
    assert Counter((e["from"], e["to"], json.dumps(e["color"], sort_keys=True), e.get("width")) for e in net.edges) == pairs
    assert json.loads(net.options.to_json())["physics"]["enabled"] is False
    bureau = drawn[body(page, QUALITY_BUREAU)["id"]]["title"].splitlines()
    assert bureau[0] == "内蒙古自治区质量技术监督局" and "lead 牵头 19 · responsible 负责 8 · joint 共同负责 8 · support 配合 14" in bureau


def test_pyvis_tooltips_stay_text_when_pyvis_would_use_html(tmp_path):
    net = pyvis_network(open_store(graph=hostile_graph_file(tmp_path)))  # its texts contain "href"
    titles = [n["title"] for n in net.nodes]
    assert any("href" in t for t in titles)  # so pyvis's template sets the tooltips' innerHTML …
    assert not any("<img" in t or "<a " in t for t in titles)  # … which then shows them as text
    assert "推进&lt;img src=x onerror=alert(1)&gt;建设" in " ".join(titles)


def test_a_missing_vis_network_build_is_an_asset_error(monkeypatch):
    """The page inlines the vis-network build pyvis ships: found where pyvis is installed, and a
    missing pyvis is a clear AssetError, not a traceback."""
    import importlib.util

    from fengong.viz import page
    page.vis_network_js.cache_clear()
    try:
        assert "vis" in page.vis_network_js()[:2000].lower()
        real = importlib.util.find_spec
        monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyvis" else real(name, *a))
        page.vis_network_js.cache_clear()
        with pytest.raises(page.AssetError, match="pip install"):
            page.vis_network_js()
    finally:
        page.vis_network_js.cache_clear()

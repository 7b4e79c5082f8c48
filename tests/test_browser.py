"""The network pages in a real browser: headless Chromium (Debian ``chromium``) driven by Playwright.

What a reader sees: the network drawn from ``file://`` with nothing fetched and no error, a click on
a department lighting up its neighbours, filters that hide what they say, and a plan written to
attack the page shown as text without running anything. Timings are measured in ``bench/viz.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, sync_playwright
from viz_pages import HOSTILE_TEXTS, LABEL_BOXES, counts, hostile_graph_file, overlap_share

from fengong.analysis import coordination_graph, load_assignments
from fengong.store import open_store
from fengong.viz import labels, network_page, page_data, write_views

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
QUALITY_BUREAU = "自治区质监局"


@dataclass
class Visit:
    """One page opened in the browser, with everything it did on the way."""

    page: Page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, timeout=120_000)  # a busy CI machine
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def pages(sample_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    store = open_store(graph=sample_file)
    network, coordination = write_views(store, folder)
    return store, network, coordination


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(path) -> Visit:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        v = Visit(page)
        page.on("request", lambda r: v.requests.append(r.url))
        page.on("requestfailed", lambda r: v.failed.append((r.url, r.failure)))
        page.on("console", lambda m: v.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: v.errors.append(str(e)))
        page.on("dialog", lambda d: (v.dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri())
        page.wait_for_function("window.fengong && fengong.drawnAt !== null", timeout=60_000)
        opened.append(page)
        return v

    yield open_page
    for page in opened:
        page.close()


def assert_clean(v: Visit, path) -> None:
    assert v.requests == [path.as_uri()]  # nothing left file://, nothing else was even asked for
    assert v.errors == [] and v.dialogs == [] and v.failed == []


def painted(page: Page) -> int:
    """Pixels of the network's canvas that something was drawn on."""
    return page.evaluate("""() => {
        const c = document.querySelector('#network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
    }""")


def node_id(page: Page, short: str) -> str:
    return page.evaluate("s => DATA.nodes.find(n => n.group === 'body' && n.info.short === s).id", short)


def node_point(page: Page, node: str) -> tuple[float, float]:
    """A point of the node that no other node covers, in page coordinates."""
    return page.evaluate("""id => {
        const box = document.getElementById('network').getBoundingClientRect();
        const centre = network.getPositions([id])[id];
        const r = network.body.nodes[id].shape.radius || 10;
        for (let k = 0; k < 48; k++) {
            const f = 0.2 + 0.6 * ((k % 4) / 3), a = k * 2 * Math.PI / 12;
            const dom = network.canvasToDOM({x: centre.x + f * r * Math.cos(a), y: centre.y + f * r * Math.sin(a)});
            if (network.getNodeAt(dom) === id) return [box.x + dom.x, box.y + dom.y];
        }
        throw new Error('node ' + id + ' is covered everywhere');
    }""", node)


def click_node(page: Page, node: str) -> None:
    """Click the node where no other node covers it, as a reader would."""
    page.mouse.click(*node_point(page, node))


def visible(page: Page, group: str | None = None) -> list[str]:
    return page.evaluate("""g => nodes.get({filter: n => !n.hidden && (!g || n.group === g)}).map(n => n.id)""", group)


def test_sample_network_is_drawn_offline(pages, visit):
    store, path, _ = pages
    v = visit(path)
    expected = counts(store)
    assert v.page.evaluate("[nodes.length, edges.length]") == [expected["bodies"] + expected["units"],
                                                               expected["assignments"]] == [121, 274]
    assert painted(v.page) > 20_000  # a blank canvas paints none
    assert v.page.evaluate("network.physics.options.enabled") is False
    assert_clean(v, path)


def test_coordination_network_is_drawn_offline(pages, visit):
    store, _, path = pages
    v = visit(path)
    graph = coordination_graph(load_assignments(store))
    assert v.page.evaluate("[nodes.length, edges.length]") == [graph.number_of_nodes(), graph.number_of_edges()]
    assert v.page.evaluate("edges.get().reduce((s, e) => s + e.value, 0)") == graph.size(weight="weight")
    assert painted(v.page) > 20_000
    assert_clean(v, path)


def test_click_highlights_the_neighbours_and_dims_the_rest(pages, visit):
    store, path, _ = pages
    v = visit(path)
    bureau = node_id(v.page, QUALITY_BUREAU)
    page = page_data(store)
    neighbours = {e["to"] for e in page.edges if e["from"] == bureau}
    assert len(neighbours) == 48  # the units it is named on, in any role
    click_node(v.page, bureau)
    lit = v.page.evaluate("nodes.get({filter: n => n.color.background !== fengong.dim}).map(n => n.id)")
    assert set(lit) == neighbours | {bureau}
    assert v.page.evaluate("fengong.highlighted") == bureau
    details = v.page.text_content("#details-body")
    assert "内蒙古自治区质量技术监督局" in details and "lead 牵头 19" in details and "49 assignments" in details  # two on 二（一）7
    v.page.mouse.click(*v.page.evaluate("""() => { const b = document.getElementById('network').getBoundingClientRect();
                                                   return [b.x + 5, b.y + 5]; }"""))
    assert v.page.evaluate("nodes.get({filter: n => n.color.background === fengong.dim}).length") == 0
    assert_clean(v, path)


def test_find_box_focuses_a_department(pages, visit):
    _, path, _ = pages
    v = visit(path)
    v.page.fill("#find", "质监局")
    v.page.press("#find", "Enter")
    assert v.page.evaluate("network.getSelectedNodes()") == [node_id(v.page, QUALITY_BUREAU)]
    v.page.fill("#find", "自治区")
    v.page.press("#find", "Enter")
    assert v.page.text_content("#find-status").startswith("32 matches")
    assert_clean(v, path)


def test_filters_by_role_and_section_and_physics(pages, visit):
    store, path, coordination_path = pages
    v = visit(path)
    v.page.uncheck("input[name=role][value=support]")
    assert v.page.evaluate("edges.get({filter: e => !e.hidden}).length") == 274 - 161
    v.page.select_option("#section", label="\u3000二（一）实施质量提升战略")
    shown = set(v.page.evaluate("nodes.get({filter: n => !n.hidden && n.group === 'unit'}).map(n => n.info.iri)"))
    in_section = {n["info"]["iri"] for n in page_data(store, sections=["二（一）"]).nodes if n["group"] == "unit"}
    assert shown and shown <= in_section  # units there that have a non-support role
    v.page.check("#physics")
    assert v.page.evaluate("network.physics.options.enabled") is True
    v.page.click("#reset")
    assert len(visible(v.page)) == 121
    assert_clean(v, path)

    c = visit(coordination_path)
    for role in ("responsible", "joint", "support"):
        c.page.uncheck(f"input[name=role][value={role}]")
    leads = coordination_graph([a for a in load_assignments(store) if a.role == "lead"])
    assert c.page.evaluate("edges.get({filter: e => !e.hidden}).length") == leads.number_of_edges()
    assert_clean(c, coordination_path)


def test_hostile_plan_is_shown_as_text_and_runs_nothing(visit, tmp_path):
    store = open_store(graph=hostile_graph_file(tmp_path))
    [path, _] = write_views(store, tmp_path)
    v = visit(path)
    page = v.page
    assert page.text_content("#heading") == HOSTILE_TEXTS[4]
    assert page.evaluate("document.querySelectorAll('body img, body a, body b, body script:not([type])').length") == 2
    page.fill("#find", HOSTILE_TEXTS[3])
    page.press("#find", "Enter")
    assert HOSTILE_TEXTS[3] in page.text_content("#details-body")
    for text in HOSTILE_TEXTS[:2]:  # hover each unit: its tooltip shows the sentence as written
        unit = page.evaluate("t => DATA.nodes.find(n => n.group === 'unit' && n.info.text === t).id", text)
        page.evaluate("id => network.focus(id, {scale: 2, animation: false})", unit)
        x, y = page.evaluate("""id => { const b = document.getElementById('network').getBoundingClientRect();
                                        const p = network.canvasToDOM(network.getPositions([id])[id]);
                                        return [b.x + p.x, b.y + p.y]; }""", unit)
        page.mouse.move(x, y)
        page.wait_for_selector("div.vis-tooltip", state="visible")
        assert text in page.text_content("div.vis-tooltip")
        page.mouse.move(5, 5)
    assert Counter(e["role"] for e in page.evaluate("edges.get().map(e => ({role: e.role}))")) == {
        "lead": 1, "support": 1, "responsible": 1}
    assert_clean(v, path)


def test_content_security_policy_stops_injected_markup(pages, visit):
    _, path, _ = pages
    v = visit(path)
    with v.page.expect_event("requestfailed"):
        v.page.evaluate("""() => document.body.insertAdjacentHTML('beforeend',
            '<img src="x.png" onerror="window.pwned = 1"><img src="data:," onload="window.pwned = 2">')""")
    for _ in range(100):  # console messages reach Python a little after the page logs them
        if len(v.errors) >= 2:
            break
        v.page.wait_for_timeout(50)
    assert v.page.evaluate("window.pwned") is None
    image = path.with_name("x.png").as_uri()
    assert v.requests == [path.as_uri(), image] and v.failed == [(image, "csp")]  # asked for, refused
    assert v.errors and all("Content Security Policy" in e for e in v.errors)


def test_english_page_shows_both_names_on_hover_and_finds_by_english_name(pages, visit, tmp_path):
    store = pages[0]
    [path, _] = write_views(store, tmp_path, "en")
    v = visit(path)
    page = v.page
    bureau = node_id(page, QUALITY_BUREAU)
    english = page.evaluate("id => fengong.byId[id].info.en", bureau)
    assert english.startswith("Bureau of Quality") and page.text_content("#legend h2") == "Legend"
    page.mouse.move(*node_point(page, bureau))
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tip = page.inner_text("div.vis-tooltip").splitlines()
    assert tip[:3] == [english, "内蒙古自治区质量技术监督局", f"short name {QUALITY_BUREAU}"]
    assert "lead 19 · responsible 8 · joint 8 · support 14" in tip
    page.mouse.move(5, 5)
    page.fill("#find", "Technical Supervision")
    page.press("#find", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [bureau]
    assert page.text_content("#details-body").startswith(english)
    assert_clean(v, path)


@pytest.fixture(scope="module")
def english_pages(pages, tmp_path_factory):
    return write_views(pages[0], tmp_path_factory.mktemp("english"), "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("view", [0, 1])  # responsibility, coordination
def test_labels_at_the_opening_view_do_not_collide(pages, english_pages, visit, lang, view):
    path = (pages[1:] if lang == "zh" else english_pages)[view]
    v = visit(path)
    boxes = v.page.evaluate(LABEL_BOXES)
    assert boxes and overlap_share(boxes) <= 0.05  # 26% and 50% before (Chinese), 38% and 82% (English)
    overloaded = set(v.page.evaluate("DATA.nodes.filter(n => n.group === 'body' && n.info.overloaded).map(n => n.id)"))
    assert overloaded and overloaded <= {b["id"] for b in boxes}  # every department above the fence named
    assert v.page.evaluate("fengong.drawnAt") < 3000
    # The page places labels by estimated widths (fengong.viz.labels): what the browser draws fits in them.
    for b in boxes:
        n = v.page.evaluate("id => fengong.byId[id]", b["id"])
        estimate = labels.box(labels.Candidate(n["id"], n["x"], n["y"], n["size"], n["label"]), n["font"]["size"])
        scale = v.page.evaluate("network.getScale()")
        assert (b["x1"] - b["x0"]) / scale <= estimate[2] - estimate[0], n["label"]
    assert_clean(v, path)


def ego_of(page_data_, short: str) -> set[str]:
    """The bureau, its units and every body named on one of them, from the page data."""
    [bureau] = [n["id"] for n in page_data_.nodes if n["group"] == "body" and n["info"]["short"] == short]
    units = {e["to"] for e in page_data_.edges if e["from"] == bureau}
    return {bureau} | units | {e["from"] for e in page_data_.edges if e["to"] in units}


def test_ego_view_holds_exactly_its_units_and_partners_and_goes_back(pages, visit):
    store, path, _ = pages
    v = visit(path)
    whole = v.page.evaluate("nodes.get().map(n => [n.id, n.x, n.y])")
    v.page.fill("#find", QUALITY_BUREAU)
    v.page.press("#find", "Enter")
    v.page.click("#ego")
    expected = ego_of(page_data(store), QUALITY_BUREAU)
    assert len(expected) == 1 + 48 + 31
    assert set(visible(v.page)) == expected
    assert overlap_share(v.page.evaluate(LABEL_BOXES)) == 0
    bodies = {b["id"] for b in v.page.evaluate(LABEL_BOXES)}
    assert bodies == {i for i in expected if i.startswith("b")}  # every body of it named
    v.page.click("#whole")
    assert len(visible(v.page)) == 121 and v.page.evaluate("nodes.get().map(n => [n.id, n.x, n.y])") == whole
    assert_clean(v, path)


def test_focus_opens_the_coordination_ego_view_with_partners_ranked(pages, visit, tmp_path):
    store = pages[0]
    path = tmp_path / "focus.html"
    path.write_text(network_page(store, "coordination", focus=QUALITY_BUREAU), encoding="utf-8")
    v = visit(path)
    page = page_data(store, "coordination")
    [bureau] = [n["id"] for n in page.nodes if n["info"]["short"] == QUALITY_BUREAU]
    shared = {e["to"] if e["from"] == bureau else e["from"]: e["shared"] for e in page.edges if bureau in (e["from"], e["to"])}
    assert set(visible(v.page)) == set(shared) | {bureau}
    rows = v.page.eval_on_selector_all("#details-body li", "items => items.map(li => li.textContent)")
    counts_ = [int(re.search(r"— (\d+) shared units", r).group(1)) for r in rows]
    assert len(rows) == len(shared) and counts_ == sorted(shared.values(), reverse=True)
    assert_clean(v, path)

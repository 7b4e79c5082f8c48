"""Corpus mode: folders of plans, one named graph per plan, an incremental on-disk store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from fengong.cli import main
from fengong.pipeline.corpus import _Loader, build_store, collect
from fengong.pipeline.inputs import discover
from fengong.rdf import SHARED_GRAPH, plan_iri
from fengong.store.shared import RECORD
from fengong.store import OxigraphStore

ZJ = "https://w3id.org/fengong/id/org/内蒙古自治区质量技术监督局"

PLANS = {
    "2016/quality.txt": "内蒙古自治区质量工作分工方案\n2016年8月30日\n一、任务\n1.推进质量工作。（由自治区质监局牵头，自治区财政厅配合）\n"
                        "2.完善标准体系。（由自治区质监局负责）\n",
    "2017/quality.txt": "内蒙古自治区质量工作分工方案\n2017年5月2日\n一、任务\n1.加强品牌建设。（由自治区质监局、商务厅按照职责分工负责）\n",
    "2017/zhejiang.txt": "浙江省营商环境分工方案\n2017年3月1日\n一、任务\n1.优化营商环境。（由省发展改革委牵头，省财政厅配合）\n",
}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    for name, text in PLANS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_folder_gives_each_plan_its_path_as_id(corpus):
    assert [doc for _, doc in discover([str(corpus)])] == ["2016/quality", "2017/quality", "2017/zhejiang"]


def _graphs(store: ox.Store) -> dict[str, int]:
    return {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g)) for g in store.named_graphs()}


def test_store_holds_a_named_graph_per_plan_and_shares_departments(corpus, tmp_path):
    report = build_store([str(corpus)], tmp_path / "store", jobs=1)
    assert [o.status for o in report.outcomes] == ["parsed"] * 3
    store = ox.Store.read_only(str(tmp_path / "store"))
    graphs = _graphs(store)
    assert set(graphs) == {plan_iri("2016/quality"), plan_iri("2017/quality"), plan_iri("2017/zhejiang"), SHARED_GRAPH}
    # one 自治区质监局 node, described once, named by both Inner Mongolia plans
    labels = list(store.quads_for_pattern(ox.NamedNode(ZJ), ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), None))
    assert [q.graph_name.value for q in labels] == [SHARED_GRAPH]
    agents = {q.graph_name.value for q in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/ns/prov#agent"), ox.NamedNode(ZJ))}
    assert agents == {plan_iri("2016/quality"), plan_iri("2017/quality")}


def test_rebuild_is_incremental(corpus, tmp_path):
    store_dir = tmp_path / "store"
    first = build_store([str(corpus)], store_dir, jobs=1)
    before = first.triples
    again = build_store([str(corpus)], store_dir, jobs=1)
    assert [o.status for o in again.outcomes] == ["unchanged"] * 3 and again.triples == before
    changed = corpus / "2017/quality.txt"
    changed.write_text(PLANS["2017/quality.txt"].replace("加强品牌建设", "加强品牌培育"), encoding="utf-8")
    third = build_store([str(corpus)], store_dir, jobs=1)
    assert [o.status for o in third.outcomes] == ["unchanged", "parsed", "unchanged"]
    fresh = build_store([str(corpus)], tmp_path / "fresh", jobs=1)
    assert third.triples == fresh.triples  # the changed plan's old triples are gone
    texts = [r[0] for r in OxigraphStore(store_dir, read_only=True).select(
        "SELECT ?t WHERE { ?u a <https://w3id.org/fengong/ns#Unit> ; <https://w3id.org/fengong/ns#text> ?t } ORDER BY ?t").rows]
    assert [str(t) for t in texts] == ["优化营商环境。", "加强品牌培育。", "完善标准体系。", "推进质量工作。"]


def _dump(store_dir: Path) -> list[bytes]:
    return ox.Store.read_only(str(store_dir)).dump(format=ox.RdfFormat.N_QUADS).splitlines()


def test_an_incremental_build_leaves_the_store_a_clean_build_would_write(corpus, tmp_path):
    """What plans share (a body's node and its names) is rewritten from the plans the store holds:
    a name no plan uses any more goes, one that two plans use stays while one of them does."""
    store_dir = tmp_path / "store"
    zhejiang, quality = corpus / "2017/zhejiang.txt", corpus / "2016/quality.txt"
    zhejiang.write_text(PLANS["2017/zhejiang.txt"].replace("省发展改革委", "省某某局"), encoding="utf-8")
    versions = [  # what each rebuild changes
        {zhejiang: PLANS["2017/zhejiang.txt"]},  # the unknown 省某某局 corrected
        {quality: PLANS["2016/quality.txt"].replace("自治区财政厅", "自治区商务厅")},  # 财政厅 named by no plan any more
        {quality: PLANS["2016/quality.txt"].replace("自治区质监局", "自治区质量技术监督局")},  # a name kept by 2017/quality
        {zhejiang: PLANS["2017/zhejiang.txt"].replace("省发展改革委", "省某某局")},  # back again
    ]
    assert run("build", str(corpus), "--store", str(store_dir), "--no-analysis", "--no-viz").exit_code == 0
    for n, change in enumerate(versions):
        for path, text in change.items():
            path.write_text(text, encoding="utf-8")
        assert run("build", str(corpus), "--store", str(store_dir), "--no-analysis", "--no-viz").exit_code == 0
        clean = tmp_path / f"clean{n}"
        assert run("build", str(corpus), "--store", str(clean), "--no-analysis", "--no-viz").exit_code == 0
        assert _dump(store_dir) == _dump(clean), f"after rebuild {n + 1}"
        departments = run("query", "departments", "--store", str(store_dir), "--format", "csv").stdout
        assert ("省某某局" in departments) == (n == 3)


def test_a_store_without_its_record_of_what_plans_share_is_not_updated(corpus, tmp_path):
    """A store an older fengong made has plans but no record: its shared graph cannot be kept to
    what its plans share, so it is refused rather than updated wrongly."""
    store_dir = tmp_path / "store"
    assert run("build", str(corpus), "--store", str(store_dir), "--no-analysis", "--no-viz").exit_code == 0
    before = _dump(store_dir)
    (store_dir / RECORD).unlink()
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(store_dir), "--no-analysis", "--no-viz"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {store_dir}: made by an older fengong, which kept no record of "
                                          "what its plans share: build the plans into a new store"]
    assert _dump(store_dir) == before


def test_the_loader_loads_in_its_own_thread_and_reports_a_failed_load(tmp_path, monkeypatch):
    """Each batch loads in a thread while the next one fills; what the load raises reaches the
    build when it waits (at the next batch or at close), and nothing is lost of a good batch."""
    import threading

    monkeypatch.setattr("fengong.pipeline.corpus.LOAD_BATCH", 1)  # every plan a batch of its own
    store = ox.Store(str(tmp_path / "s"))
    loader = _Loader(store)
    threads: list[str] = []
    bulk_load = store.bulk_load

    class Watched:  # pyoxigraph's Store is a native type: wrap it to see which thread loads
        def bulk_load(self, *args, **kwargs):
            threads.append(threading.current_thread().name)
            return bulk_load(*args, **kwargs)

    loader.store = Watched()
    good = b"<urn:s> <urn:p> <urn:o> <urn:g> .\n"
    loader.add(good, [b"<urn:b> <urn:p> <urn:o> <urn:shared> .\n"])
    loader.add(good, [b"<urn:b> <urn:p> <urn:o> <urn:shared> .\n"])  # the shared quad is sent once
    loader.close()
    assert threads == ["fengong-bulk-load", "fengong-bulk-load"] and len(store) == 2
    loader.add(b"<urn:s> <urn:p> this is not N-Quads\n", [])
    with pytest.raises(SyntaxError):
        loader.close()


def test_parallel_workers_build_the_same_graph(tmp_path):
    root = tmp_path / "many"
    root.mkdir()
    for n in range(12):
        (root / f"p{n:02d}.txt").write_text(PLANS["2016/quality.txt"].replace("质量工作", f"质量工作{n}"), encoding="utf-8")
    one, nq_one = collect([str(root)], jobs=1)
    two, nq_two = collect([str(root)], jobs=2)
    assert nq_one == nq_two
    assert [o.doc_id for o in two.outcomes] == [f"p{n:02d}" for n in range(12)]


def fengong(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command line in a process of its own: worker processes, locks and exit codes as a user
    gets them."""
    return subprocess.run([sys.executable, "-m", "fengong", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("store", [False, True], ids=["graph file", "store"])
def test_a_parallel_build_lists_an_unreadable_plan_and_builds_the_others(tmp_path, store):
    root = tmp_path / "m"
    root.mkdir()
    for n in range(12):
        (root / f"p{n:02d}.txt").write_text(PLANS["2016/quality.txt"].replace("质量工作", f"质量工作{n}"), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    args = ["--store", "s", "--rdf-format", "nq"] if store else []
    result = fengong("build", "m", "-o", "o", "-j", "2", "--no-analysis", "--no-viz", *args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == ["error: m/empty.txt: empty file"]
    assert len([line for line in result.stdout.splitlines() if ": 2 items" in line]) == 12
    built = ox.Store()
    built.load(path=str(tmp_path / "o" / ("graph.nq" if store else "graph.ttl")),
               format=ox.RdfFormat.N_QUADS if store else ox.RdfFormat.TURTLE)
    plans = built.query("SELECT ?id WHERE { ?p a <https://w3id.org/fengong/ns#Plan> ; "
                        "<http://purl.org/dc/terms/identifier> ?id }", use_default_graph_as_union=True)
    assert sorted(row["id"].value for row in plans) == [f"p{n:02d}" for n in range(12)]


def test_a_build_into_a_store_another_build_is_writing_fails_in_one_line(corpus, tmp_path):
    writing = ox.Store(str(tmp_path / "store"))  # holds the store's lock, as a build running in another process does
    result = fengong("build", str(corpus), "--store", "store", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["error: store: another fengong build is writing to this store: "
                                          "wait for it to finish"]
    assert not (tmp_path / "out").exists() and len(writing) == 0


def test_build_cli_with_store_then_query_and_analyse_from_it(corpus, tmp_path):
    store_dir, out = tmp_path / "store", tmp_path / "out"
    result = run("build", str(corpus), "--store", str(store_dir), "-o", str(out), "--no-viz")
    assert result.exit_code == 0, result.output
    assert "store " in result.stdout and "3 plans parsed, 0 unchanged" in result.stdout
    assert not (out / "graph.ttl").exists() and (out / "report.md").exists()
    again = run("build", str(corpus), "--store", str(store_dir), "-o", str(out), "--no-viz", "--no-analysis")
    assert "0 plans parsed, 3 unchanged" in again.stdout
    workload = run("query", "workload", "--store", str(store_dir), "--format", "csv")
    rows = workload.stdout.splitlines()
    assert rows[1].startswith("内蒙古自治区质量技术监督局,government,1,1,1,3,0,3")


def test_trig_and_nquads_outputs_keep_a_graph_per_plan(corpus, tmp_path):
    for fmt, name in (("trig", "graph.trig"), ("nq", "graph.nq")):
        out = tmp_path / fmt
        result = run("build", str(corpus), "-o", str(out), "--rdf-format", fmt, "--no-analysis", "--no-viz")
        assert result.exit_code == 0, result.output
        store = ox.Store()
        store.load(path=str(out / name), format=ox.RdfFormat.from_extension(fmt))
        assert len(list(store.named_graphs())) == 4


def test_a_store_cannot_be_dumped_as_one_turtle_graph(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "--store", str(tmp_path / "s"), "--rdf-format", "ttl"])
    assert result.exit_code == 2 and "trig or nq" in result.output

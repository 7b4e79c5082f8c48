"""The graph: shapes, ontology, provenance, stable IRIs and byte-identical Turtle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from fengong.namespace import FG, ID
from fengong.pipeline.corpus import collect
from fengong.pipeline.files import write_graph
from fengong.rdf import to_turtle
from fengong.rdf.turtle import TurtleError, turtle
from fengong.rdf.validate import ontology, validate_graph

PLAN = f"{ID}plan/neimenggu-2016-quality-plan"
ZJ = URIRef(f"{ID}org/内蒙古自治区质量技术监督局")


def test_sample_graph_conforms_to_the_shapes(sample_graph):
    assert validate_graph(sample_graph) == []


def test_a_broken_graph_is_caught(sample_graph):
    broken = Graph()
    for t in sample_graph:
        broken.add(t)
    a1 = URIRef(f"{PLAN}/item/1.1/u1/a1")
    broken.remove((a1, PROV.agent, None))
    broken.add((a1, URIRef(str(FG._NS) + "laeds"), ZJ))
    broken.add((URIRef(f"{PLAN}/item/1.1/u1"), FG.start, Literal(-3)))
    problems = {(v.focus, v.path.rsplit("#", 1)[-1]) for v in validate_graph(broken)}
    assert (str(a1), str(PROV.agent)) in {(v.focus, v.path) for v in validate_graph(broken)}
    assert (str(FG._NS) + "laeds", "") in problems
    assert (f"{PLAN}/item/1.1/u1", "start") in problems


def test_namespace_declares_exactly_the_ontology_terms():
    declared = {str(s) for s in ontology().subjects() if str(s).startswith(str(FG._NS))}
    in_code = {str(FG[name]) for name in FG.__annotations__}
    assert in_code == declared


def test_metadata(sample_graph):
    g, p = sample_graph, URIRef(PLAN)
    assert g.value(p, DCTERMS.title) == Literal("内蒙古自治区贯彻落实质量强区决定分工方案")
    assert g.value(p, DCTERMS.date) == Literal("2016-08-30", datatype=XSD.date)
    assert sorted(str(a) for a in g.objects(p, FG.addressee)) == sorted(
        ["各盟行政公署、市人民政府", "自治区各委、办、厅、局", "各大企业、事业单位"])
    policy = g.value(p, FG.implements)
    assert g.value(policy, DCTERMS.title) == Literal("《关于质量强区的决定》")
    assert g.value(policy, SKOS.altLabel) == Literal("《决定》", lang="zh")
    assert g.value(g.value(p, FG.issuedIn), SKOS.prefLabel) == Literal("内蒙古自治区", lang="zh")


def test_addressees_are_never_assigned(sample):
    names = {a.surface for a in sample.assignments}
    assert not names & {"各盟行政公署", "市人民政府", "各大企业", "事业单位"}


def test_readable_stable_iris_and_direct_edges(sample_graph):
    g = sample_graph
    item = URIRef(f"{PLAN}/item/2.1.7")
    assert g.value(item, SKOS.notation) == Literal("二（一）7")
    assert (item, RDF.type, FG.Task) in g
    assert (ZJ, FG.leads, item) in g and (ZJ, FG.supports, item) in g
    assert g.value(ZJ, FG.kind) == Literal("government")
    assert Literal("自治区质监局", lang="zh") in set(g.objects(ZJ, SKOS.altLabel))
    target = URIRef(f"{PLAN}/item/1.1")
    assert (target, RDF.type, FG.Target) in g
    assert [int(g.value(u, FG.number)) for u in sorted(g.subjects(FG.item, target))] == [1, 2]


def test_every_fact_traces_back_to_its_characters(sample):
    text = sample.text
    squeeze = lambda s: "".join(s.split())  # noqa: E731
    for item in sample.items:
        for unit in item.units:
            assert squeeze(text[unit.span.start:unit.span.end]) == unit.text
            clause = unit.clause
            assert squeeze(text[clause.span.start:clause.span.end]) == clause.text
            assert text[clause.span.start] in "（("
            for a in clause.assignments:
                assert text[a.span.start:a.span.end] == a.written
                assert a.written in a.surface  # expansion adds a shared prefix or suffix
                assert clause.span.start < a.span.start < a.span.end <= clause.span.end
                assert sample.text.count("\n", 0, a.span.start) + 1 == clause.line


def test_collectives_are_their_own_nodes(sample_graph):
    g = sample_graph
    collectives = set(g.subjects(RDF.type, FG.Collective))
    assert URIRef(f"{ID}org/内蒙古自治区质量强区工作领导小组成员单位") in collectives
    assert not collectives & set(g.subjects(RDF.type, FG.Department))


def test_round_trip_is_isomorphic(sample_graph):
    again = Graph().parse(data=to_turtle(sample_graph), format="turtle")
    assert isomorphic(sample_graph, again)


def _rdflib_turtle(nquads: bytes) -> Graph:
    """What the build wrote before it had its own writer: rdflib's graph of the N-Quads, merged."""
    merged = Graph()
    for s, p, o, _ in Dataset().parse(data=nquads, format="nquads").quads():
        merged.add((s, p, o))
    return Graph().parse(data=merged.serialize(format="longturtle"), format="turtle")


def test_the_built_turtle_means_what_rdflib_writes(tmp_path: Path):
    # Two plans sharing departments: the shared graph's triples are merged, not repeated.
    inputs = [str(tmp_path / name) for name in ("a.txt", "b.txt")]
    Path(inputs[0]).write_text("内蒙古自治区方案\n一、主要任务\n1.推进。（由自治区质监局牵头，自治区商务厅配合）\n",
                               encoding="utf-8")
    Path(inputs[1]).write_text("内蒙古自治区方案\n一、主要任务\n1.建设。（由自治区质监局负责）\n", encoding="utf-8")
    for plans in ([], inputs):
        report, nquads = collect(plans, jobs=1)
        graph_file = tmp_path / "graph.ttl"
        written = write_graph(nquads, graph_file)
        ours = Graph().parse(graph_file, format="turtle")
        theirs = _rdflib_turtle(nquads)
        assert written == len(ours) == len(theirs) > 0
        assert isomorphic(ours, theirs)


def test_turtle_is_the_same_whatever_the_order_and_repetition_of_its_lines(sample_graph):
    lines = sample_graph.serialize(format="nt").splitlines()
    shuffled = sorted(lines, key=lambda line: line[::-1]) + lines[:100]
    assert turtle(shuffled) == turtle(lines) == to_turtle(sample_graph)
    assert "\nPREFIX" not in turtle(lines).split("\n\n", 1)[1]  # every prefix at the top


def test_turtle_keeps_what_it_cannot_shorten():
    lines = ['<https://w3id.org/fengong/ns#x> <https://w3id.org/fengong/ns#text> "a \\"b\\" c\\n" <urn:g> .',
             '<https://w3id.org/fengong/ns#x> <https://w3id.org/fengong/ns#n> "07"^^<urn:t> .',
             '<https://w3id.org/fengong/ns#x> <https://w3id.org/fengong/ns#n> "-3"^^<http://www.w3.org/2001/XMLSchema#integer> .',
             '<https://w3id.org/fengong/id/plan/p/item/1.1> <https://w3id.org/fengong/ns#x.y> _:b0 .']
    text = turtle(lines)
    assert "fg:text \"a \\\"b\\\" c\\n\" ;" in text
    assert 'fg:n\n        -3 ,\n        "07"^^<urn:t> ;' in text
    assert "<https://w3id.org/fengong/id/plan/p/item/1.1>\n    <https://w3id.org/fengong/ns#x.y> _:b0 ;" in text
    assert len(Graph().parse(data=text, format="turtle")) == 4


def test_turtle_refuses_a_line_that_is_not_a_statement():
    with pytest.raises(TurtleError, match="not an N-Triples"):
        turtle(["<urn:a> <urn:b> ."])


def test_build_is_byte_identical_under_any_hash_seed(tmp_path: Path):
    outputs = []
    for seed in ("1", "2", "3"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "fengong", "build", "-o", str(out)], check=True, env=env,
                       capture_output=True)
        outputs.append((out / "graph.ttl").read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert b"<https://w3id.org/fengong/id/org/" in outputs[0]


def test_the_named_graph_rule_is_the_one_the_nquads_follow(sample):
    """``owning_plan`` (what ``fengong push`` applies to a file without named graphs) puts every
    triple where ``plan_nquads`` (what a build and a corpus store write) puts it: a triple is in
    the plan's graph exactly when its subject or object is the plan or under its IRI."""
    import pyoxigraph as ox

    from fengong.rdf import SHARED_GRAPH, owning_plan, plan_iri, plan_nquads

    plan = plan_iri(sample.doc_id)
    placed = {"own": 0, "shared": 0}
    for quad in ox.parse(plan_nquads(sample).encode(), format=ox.RdfFormat.N_QUADS):
        owners = {owning_plan(t.value, {plan}) for t in (quad.subject, quad.object) if isinstance(t, ox.NamedNode)}
        expected = plan if plan in owners else SHARED_GRAPH
        assert quad.graph_name.value == expected, quad
        placed["own" if expected == plan else "shared"] += 1
    assert placed["own"] > 5000 and placed["shared"] > 300

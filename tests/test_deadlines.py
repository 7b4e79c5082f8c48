"""Deadlines as data: a plan's time frames in the graph as OWL-Time, checked by the shapes, and the
``deadlines`` query ("what is due by June, and who answers for it") on a plan written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from fengong import parse_text
from fengong.cli import main
from fengong.rdf import plan_graph, to_turtle
from fengong.rdf.validate import validate_graph
from fengong.store import OxigraphStore, RdflibStore
from query_cases import QUERIES

TIME = Namespace("http://www.w3.org/2006/time#")
FG = Namespace("https://w3id.org/fengong/ns#")
UNIT = "https://w3id.org/fengong/id/plan/due/item/{}/u1"
PLAN = ("某市2023年重点工作分工方案\n2023年2月1日\n一、主要任务\n"
        "1.推进A工作。（由市发改委牵头，市财政局配合，6月底前完成）\n"
        "2.推进B工作。（市商务局负责，2024年6月底前完成）\n"
        "3.推进C工作。（由市财政局、市商务局按照职责分工负责，持续推进）\n"
        "4.推进D工作。（由市商务局牵头，市发改委配合，3月底前完成）\n"
        "5.推进E工作。（市发改委负责）\n")


@pytest.fixture(scope="module")
def plan():
    return parse_text(PLAN, source="due.txt")


@pytest.fixture(scope="module")
def graph_file(plan, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("due") / "graph.ttl"
    path.write_text(to_turtle(plan_graph(plan)), encoding="utf-8")
    return path


def test_a_deadline_is_an_owl_time_interval_ending_at_an_instant(plan):
    g = plan_graph(plan)
    assert validate_graph(g) == []
    frame = g.value(URIRef(UNIT.format("1.1")), FG.due)
    end = g.value(frame, TIME.hasEnd)
    assert (frame, RDF.type, TIME.Interval) in g and (end, RDF.type, TIME.Instant) in g
    assert g.value(frame, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == Literal("6月底前完成")
    assert g.value(end, TIME.inXSDDate) == Literal("2023-06-30", datatype=XSD.date)
    assert g.value(end, FG.yearInferred) == Literal(True)
    written = g.value(g.value(URIRef(UNIT.format("1.2")), FG.due), TIME.hasEnd)
    assert g.value(written, FG.yearInferred) == Literal(False)
    ongoing = g.value(URIRef(UNIT.format("1.3")), FG.due)
    assert g.value(ongoing, FG.deadlineKind) == Literal("ongoing") and g.value(ongoing, TIME.hasEnd) is None
    assert g.value(URIRef(UNIT.format("1.5")), FG.due) is None  # no time frame stated


def test_the_shapes_refuse_an_end_without_a_date_and_an_end_on_an_ongoing_frame(plan):
    g = plan_graph(plan)
    end = g.value(g.value(URIRef(UNIT.format("1.1")), FG.due), TIME.hasEnd)
    g.remove((end, TIME.inXSDDate, None))
    g.add((g.value(URIRef(UNIT.format("1.3")), FG.due), TIME.hasEnd, end))
    problems = {(v.focus, v.path) for v in validate_graph(g)}
    assert (str(end), str(TIME.inXSDDate)) in problems
    assert any(focus == str(g.value(URIRef(UNIT.format("1.3")), FG.due)) for focus, _ in problems)


def _rows(store, **params):
    query = QUERIES["deadlines"]
    return [(r["itemLabel"], r["deadline"], r["deadlineKind"], r["due"] and r["due"].isoformat(), r["inferred"],
             r["role"], r["department"])
            for r in store.select(query.text, query.bindings(params)).records()]


@pytest.mark.parametrize("engine", [OxigraphStore, RdflibStore])
def test_deadlines_query_lists_units_by_date_with_who_answers(engine, graph_file):
    store = engine.from_file(graph_file)
    assert _rows(store) == [
        ("一4", "3月底前完成", "by", "2023-03-31", True, "lead", "市商务局"),
        ("一1", "6月底前完成", "by", "2023-06-30", True, "lead", "市发展和改革委员会"),
        ("一2", "2024年6月底前完成", "by", "2024-06-30", False, "responsible", "市商务局"),
        ("一3", "持续推进", "ongoing", None, None, "joint", "市商务局"),
        ("一3", "持续推进", "ongoing", None, None, "joint", "市财政局"),
    ]
    assert _rows(store, before="2023-06-30") == [
        ("一4", "3月底前完成", "by", "2023-03-31", True, "lead", "市商务局"),
        ("一1", "6月底前完成", "by", "2023-06-30", True, "lead", "市发展和改革委员会"),
    ]


def test_deadlines_from_the_command_line(graph_file):
    result = CliRunner().invoke(main, ["query", "deadlines", "--graph", str(graph_file), "--param",
                                       "before=2023-04-30", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 and lines[1].startswith("due,一4,1,推进D工作。,3月底前完成,by,2023-03-31,true,lead,市商务局,")
    bad = CliRunner().invoke(main, ["query", "deadlines", "--graph", str(graph_file), "--param", "before=June"])
    assert bad.exit_code == 2 and "not a valid date" in bad.output

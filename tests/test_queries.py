"""The named queries on the embedded engines: right answers on the sample plan (checked against the
parsed plan, not against themselves), the same answers on Oxigraph and rdflib and whatever the
graph layout, safe parameters, and the ``fengong query`` command."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections import Counter
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef

from fengong.sparql.catalogue import CatalogueError, internal, load, markdown, parse
from fengong.sparql.results import Results, render_results
from fengong import parse_text
from fengong.cli import main
from fengong.rdf.graphs import PLAN_PREFIX
from fengong.rdf import plan_graph, plan_iri, plan_triples, to_ntriples, to_rdflib, to_turtle
from fengong.store.publish import named_graphs, read_quads
from fengong.sparql.text import OrderKey, QueryTextError, bind, sort_rows, split_order, term_text, with_limit
from fengong.store import OxigraphStore, RdflibStore, StoreError, open_store
from query_cases import INTERNAL, INTERNAL_NAMES, NAMES, QUERIES, answer

ROOT = Path(__file__).resolve().parents[1]
QSJ = "内蒙古自治区质量技术监督局"
PLAN = "https://w3id.org/fengong/id/plan/neimenggu-2016-quality-plan"
INJECTIONS = [
    'x" } ; DROP ALL #',
    "x' } ; DROP ALL #",
    '自治区质监局" || "1" = "1',
    "} } ; DROP ALL ; SELECT * WHERE { {",
    '自治区质监局"@zh . } UNION { ?body ?p ?department',
    'a\\"b\\\\"} ; DROP ALL',
    "\\u0022 } ; DROP ALL #",
    '质监局\n"} ; DROP ALL #\r\t',
    "自治区质监局>",
]


@pytest.fixture(scope="session")
def oxigraph(sample_file):
    return OxigraphStore.from_file(sample_file)


@pytest.fixture(scope="session")
def rdflib_store(sample_file):
    return RdflibStore.from_file(sample_file)


@pytest.fixture(scope="session")
def per_plan_graphs(sample_file):
    """Each plan in its own named graph, as fengong push loads a server."""
    store = OxigraphStore()
    for graph in named_graphs(read_quads(sample_file)):
        for t in graph.triples:
            store.store.add(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph.name)))
    return store


@pytest.fixture(scope="session")
def in_two_graphs(per_plan_graphs, sample_file):
    """As a corpus in a server: a second plan's graph repeats the descriptions of the departments
    both plans name (names, kinds, jurisdictions), so the union default graph holds those
    triples twice."""
    store = OxigraphStore()
    other = ox.NamedNode("urn:fengong:test:another-plan")
    for quad in per_plan_graphs.store:
        store.store.add(quad)
        if not any(t.value.startswith(PLAN_PREFIX) for t in (quad.subject, quad.object)):
            store.store.add(ox.Quad(quad.subject, quad.predicate, quad.object, other))
    return store


@pytest.fixture(scope="session")
def per_plan_file(per_plan_graphs, tmp_path_factory) -> Path:
    """The sample with each plan in its own named graph, as N-Quads: the layout of a corpus store
    and of a server fengong push loaded, which the internal queries that name graphs read."""
    path = tmp_path_factory.mktemp("per-plan") / "graph.nq"
    per_plan_graphs.store.dump(str(path), format=ox.RdfFormat.N_QUADS)
    return path


@pytest.fixture(scope="session")
def named_graph_engines(per_plan_file) -> tuple[OxigraphStore, RdflibStore]:
    return OxigraphStore.from_file(per_plan_file), RdflibStore.from_file(per_plan_file)


def run(store, name: str, **params: str):
    query = QUERIES[name]
    return store.select(query.text, query.bindings(params or query.example_params()))


def rows(store, name: str, **params: str) -> list[dict[str, object]]:
    return run(store, name, **params).records()


# -- every named query, every engine, every layout -----------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_same_answers_on_every_engine_and_layout(name, oxigraph, rdflib_store, per_plan_graphs, in_two_graphs):
    expected = answer(run(oxigraph, name))
    assert answer(run(per_plan_graphs, name)) == expected, "one named graph per plan"
    assert answer(run(in_two_graphs, name)) == expected, "a triple in several graphs"
    assert answer(run(rdflib_store, name)) == expected, "rdflib's engine"


@pytest.mark.parametrize("name", NAMES)
def test_rows_sorted_in_python_come_in_the_engines_order(name, oxigraph):
    """The store sorts a final ORDER BY in Python (split_order): every named query qualifies, and
    its rows come in the order Oxigraph itself gives (compared on the sort keys: ties may differ)."""
    query = QUERIES[name]
    text = bind(query.text, query.bindings(query.example_params()))
    stripped, keys, window = split_order(text)
    assert window is None
    assert keys and stripped != text, f"{name}: its ORDER BY is left to the engine"
    native = oxigraph.store.query(text, use_default_graph_as_union=True)
    columns = tuple(v.value for v in native.variables)
    engine = [tuple((None if s[c] is None else to_rdflib(s[c])) for c in columns) for s in native]
    ours = run(oxigraph, name)
    assert ours.columns == columns and sorted(map(repr, ours.rows)) == sorted(map(repr, engine))

    def on_keys(rows):
        return [tuple(row[columns.index(k.variable)] for k in keys) for row in rows]
    assert on_keys(ours.rows) == on_keys(engine)


def test_python_order_follows_sparql_for_mixed_terms():
    rows = [(Literal(10),), (Literal("b"),), (None,), (URIRef("urn:x"),), (Literal(9.5),), (Literal("a", lang="zh"),)]
    assert sort_rows(("v",), rows, (OrderKey("v"),)) == [
        (None,), (URIRef("urn:x"),), (Literal(9.5),), (Literal(10),), (Literal("a", lang="zh"),), (Literal("b"),)]
    assert sort_rows(("v",), rows[:2] + rows[4:5], (OrderKey("v", descending=True),))[0] == (Literal("b"),)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?a ?p ?b } ORDER BY ?a",               # projection unknown
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?b",              # key not projected
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?a)",         # an expression
    "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a } }",
    "SELECT ?a WHERE { ?a ?p ?b ",                           # the engine reports the error
])
def test_order_stays_in_the_engine_when_python_cannot_do_it(query):
    assert split_order(query) == (query, (), None)


@pytest.mark.parametrize(("modifiers", "window"), [
    ("LIMIT 3", slice(0, 3)), ("OFFSET 2", slice(2, None)), ("LIMIT 3 OFFSET 2", slice(2, 5)),
    ("OFFSET 2 LIMIT 3", slice(2, 5)), ("LIMIT 0", slice(0, 0)),
])
def test_limit_and_offset_after_the_order_are_cut_in_python(modifiers, window):
    query = f"SELECT ?a WHERE {{ ?a ?p ?b }} ORDER BY DESC(?a) ?b {modifiers}"
    assert split_order(f"SELECT ?a ?b WHERE {{ ?a ?p ?b }} ORDER BY DESC(?a) ?b {modifiers}") == (
        "SELECT ?a ?b WHERE { ?a ?p ?b }\n", (OrderKey("a", True), OrderKey("b")), window)
    assert split_order(query) == (query, (), None), "a key not projected: all stays in the engine"


@pytest.mark.parametrize("modifiers", ["LIMIT 5", "OFFSET 3", "LIMIT 4 OFFSET 6", "OFFSET 20 LIMIT 4"])
def test_a_window_cut_in_python_is_the_engines_window(modifiers, oxigraph):
    """The same rows as Oxigraph's own ORDER BY … LIMIT … OFFSET, on a query with ties on its first
    key (the counts), compared on the keys and as sets where the keys tie."""
    query = QUERIES["workload"].text + " " + modifiers
    native = oxigraph.store.query(query, use_default_graph_as_union=True)
    columns = tuple(v.value for v in native.variables)
    engine = [tuple((None if s[c] is None else to_rdflib(s[c])) for c in columns) for s in native]
    ours = oxigraph.select(query)
    assert ours.columns == columns and len(ours.rows) == len(engine) > 0
    assert ours.rows == engine


# The sample plan has no unparsed clause and states no deadline: test_unparsed_clauses_are_listed
# and tests/test_deadlines.py run those two on plans that do.
@pytest.mark.parametrize("name", [n for n in NAMES if n not in {"unparsed", "deadlines"}])
def test_every_named_query_answers_its_example(name, oxigraph):
    assert run(oxigraph, name).rows, f"{name}: its example returns nothing on the sample plan"


def test_unparsed_clauses_are_listed(tmp_path):
    plan = parse_text("一、任务\n1.推进工作。（由省财政厅牵头，配合）\n2.开展检查。（由省财政厅负责）\n", source="t.txt")
    path = tmp_path / "graph.ttl"
    path.write_text(to_turtle(plan_graph(plan)), encoding="utf-8")
    assert rows(OxigraphStore.from_file(path), "unparsed") == [
        {"document": "t", "line": 2, "within": "一1", "clause": "（由省财政厅牵头，配合）"}]


# -- the answers, checked against the parsed plan -----------------------------------------------


def test_workload_ranks_the_quality_bureau_first(oxigraph, sample):
    table = rows(oxigraph, "workload")
    assert table[0] == {"department": QSJ, "kind": "government", "lead": 19, "responsible": 8, "joint": 8,
                        "accountable": 35, "support": 14, "total": 49}
    for role in ("lead", "support", "responsible", "joint"):
        assert sum(r[role] for r in table) == sum(1 for a in sample.assignments if a.role.value == role)
    assert len(table) == len(sample.departments) == 39
    loads = [r["accountable"] for r in table]
    assert loads == sorted(loads, reverse=True)


def test_workload_by_year_is_the_workload_in_the_row_of_its_year(oxigraph):
    table = rows(oxigraph, "workload-by-year")
    workload = rows(oxigraph, "workload")
    assert {r["year"] for r in table} == {"2016"} and all(r["plans"] == 1 for r in table)
    assert [(r["name"], r["lead"], r["responsible"], r["joint"], r["accountable"], r["support"], r["total"])
            for r in table] == [(w["department"], w["lead"], w["responsible"], w["joint"], w["accountable"],
                                 w["support"], w["total"]) for w in workload]
    assert rows(oxigraph, "workload-by-year", jurisdiction="内蒙古自治区") == table
    assert rows(oxigraph, "workload-by-year", plan=PLAN) == table
    assert rows(oxigraph, "workload-by-year", jurisdiction="北京市") == []
    assert rows(oxigraph, "workload-by-year", plan=PLAN + "-other") == []


def test_above_threshold(oxigraph):
    assert [(r["department"], r["accountable"]) for r in rows(oxigraph, "above-threshold", threshold="8")] == [
        (QSJ, 35), ("内蒙古自治区发展和改革委员会", 9), ("内蒙古自治区食品药品监督管理局", 9)]
    assert rows(oxigraph, "above-threshold", threshold="35") == []


def test_department_by_any_name(oxigraph, sample):
    by_alias = answer(run(oxigraph, "department", department="自治区质监局"))
    assert answer(run(oxigraph, "department", department=QSJ)) == by_alias
    table = rows(oxigraph, "department", department="自治区质监局")
    mine = [a for a in sample.assignments if a.department.name == QSJ]
    assert Counter(r["role"] for r in table) == Counter(a.role.value for a in mine)
    assert {r["name"] for r in table} == {QSJ}
    assert rows(oxigraph, "department", department="质监") == [], "a part of a name is not a name"


def _units_with(sample, roles):
    return [(u, {a.department.name for a in u.clause.assignments if a.role.value in roles}) for u in sample.units]


def test_partners_and_supporters_match_the_plan(oxigraph, sample):
    pairs = Counter()
    for unit, names in _units_with(sample, {"lead", "support", "responsible", "joint"}):
        pairs.update(combinations(sorted(names), 2))
    assert {(r["department1"], r["department2"]): r["units"] for r in rows(oxigraph, "partners")} == pairs
    support = Counter()
    for unit in sample.units:
        accountable = {a.department.name for a in unit.clause.assignments if a.role.accountable}
        helpers = {a.department.name for a in unit.clause.assignments if a.role.value == "support"}
        support.update((x, y) for x in accountable for y in helpers if x != y)
    assert {(r["accountable"], r["supporter"]): r["units"] for r in rows(oxigraph, "supporters")} == support


def test_gaps_and_diffuse_accountability_match_the_plan(oxigraph, sample):
    def accountable(unit):
        return [a for a in unit.clause.assignments if a.role.accountable]

    gaps = {(u.clause.line, u.number) for u in sample.units
            if not any(a.department.kind != "collective" for a in accountable(u))}
    assert {(r["line"], r["unitNumber"]) for r in rows(oxigraph, "gaps")} == gaps
    diffuse = {(u.clause.line, u.number) for u in sample.units
               if len({a.department.name for a in accountable(u) if a.department.kind != "collective"}) >= 4}
    table = rows(oxigraph, "diffuse", min="4")
    assert {(r["line"], r["unitNumber"]) for r in table} == diffuse and diffuse


def test_named_twice_is_the_lead_and_supporter_of_item_2_1_7(oxigraph):
    [row] = rows(oxigraph, "named-twice")
    assert (row["item"], row["department"], {row["role1"], row["role2"]}, row["line"]) == (
        "二（一）7", QSJ, {"lead", "support"}, 84)


def test_co_leads_match_the_plan(oxigraph, sample):
    expected = {(u.clause.line, a.department.name) for u in sample.units
                for a in u.clause.assignments if a.role.value == "lead"
                and len({b.department.name for b in u.clause.assignments if b.role.value == "lead"}) > 1}
    assert {(r["line"], r["department"]) for r in rows(oxigraph, "co-leads")} == expected


def test_sections_add_up_to_the_workload(oxigraph):
    per_section = Counter()
    for r in rows(oxigraph, "sections"):
        per_section[r["department"], "accountable"] += r["accountable"]
        per_section[r["department"], "support"] += r["support"]
    for r in rows(oxigraph, "workload"):
        assert (per_section[r["department"], "accountable"], per_section[r["department"], "support"]) == (
            r["accountable"], r["support"])


def test_central_branches_and_collectives(oxigraph, sample):
    branches = [a for a in sample.assignments if a.department.kind == "central-branch"]
    table = rows(oxigraph, "central-branches")
    assert Counter((r["department"], r["role"]) for r in table) == Counter(
        (a.department.name, a.role.value) for a in branches)
    assert {"呼和浩特海关", "内蒙古自治区国家税务局", "中国银行业监督管理委员会内蒙古监管局", "内蒙古出入境检验检疫局",
            "中国人民银行呼和浩特中心支行"} <= {r["department"] for r in table}
    collectives = [a for a in sample.assignments if a.department.kind == "collective"]
    assert len(rows(oxigraph, "collectives")) == len(collectives) > 0


def test_targets_plans_and_search(oxigraph, sample):
    targets = rows(oxigraph, "targets")
    assert len({r["item"] for r in targets}) == 25
    assert {r["text"] for r in targets} == {i.text for i in sample.items if i.kind.value == "target"}
    [plan] = rows(oxigraph, "plans")
    assert (plan["targets"], plan["tasks"], plan["units"], plan["assignments"], plan["bodies"]) == (25, 55, 82, 274, 39)
    hits = {(r["line"], r["unitNumber"]) for r in rows(oxigraph, "search", phrase="标准化")}
    assert hits == {(u.clause.line, u.number) for u in sample.units if "标准化" in u.text}


def test_provenance_cites_the_characters(oxigraph, sample):
    table = rows(oxigraph, "provenance", item="二（一）7", department="自治区质监局")
    assert sorted(r["role"] for r in table) == ["lead", "support"]
    for r in table:
        assert sample.text[r["nameStart"]:r["nameEnd"]] == r["written"]
        assert sample.text[r["clauseStart"]:r["clauseEnd"]] == r["clause"]
        assert (r["document"], r["sha256"], r["line"]) == (sample.doc_id, sample.sha256, 84)


def test_departments_lists_every_alias(oxigraph, sample):
    table = rows(oxigraph, "departments")
    assert {r["department"] for r in table} == {d.name for d in sample.departments}
    assert ("自治区质监局" in {r["alias"] for r in table if r["department"] == QSJ})


# -- named graphs for push ----------------------------------------------------------------------


def _triples(triples) -> set[str]:
    """Triples as pyoxigraph writes them, to compare with what publish splits out."""
    return {str(t) for t in ox.parse(to_ntriples(triples), format=ox.RdfFormat.N_TRIPLES)}


def test_each_plan_gets_a_graph_that_stands_alone(sample, sample_file, tmp_path):
    [graph] = named_graphs(read_quads(sample_file))
    assert graph.name == plan_iri(sample.doc_id)
    assert sorted(map(str, graph.triples)) == sorted(_triples(plan_triples(sample)))
    other = parse_text("一、任务\n1.推进工作。（由自治区质监局牵头，自治区财政厅配合）\n", source="other.txt")
    both = tmp_path / "both.ttl"
    both.write_text(to_turtle(plan_graph(sample, other)), encoding="utf-8")
    graphs = {g.name: {str(t) for t in g.triples} for g in named_graphs(read_quads(both))}
    assert set(graphs) == {plan_iri(sample.doc_id), plan_iri("other")}
    for plan in (sample, other):
        assert _triples(plan_triples(plan)) <= graphs[plan_iri(plan.doc_id)]
    assert set().union(*graphs.values()) == {str(q.triple) for q in read_quads(both)}


# -- parameters are values, never query text ----------------------------------------------------


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_strings_match_nothing(value, oxigraph, rdflib_store):
    before = len(oxigraph.store)
    for store in (oxigraph, rdflib_store):
        assert rows(store, "department", department=value) == []
        assert rows(store, "provenance", item=value, department=value) == []
    assert len(oxigraph.store) == before


def test_a_quote_in_a_value_is_matched_as_a_quote():
    store = OxigraphStore()
    store.store.add(ox.Quad(ox.NamedNode("urn:x:d"), ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
                            ox.Literal('A "quoted" } name\\ \n', language="zh")))
    text = "SELECT ?b WHERE { ?b <http://www.w3.org/2004/02/skos/core#altLabel> ?l FILTER (STR(?l) = ?v) }"
    assert store.select(text, {"v": Literal('A "quoted" } name\\ \n')}).rows == [(URIRef("urn:x:d"),)]


def test_terms_are_escaped_and_checked():
    assert term_text(Literal('a"b\\c\nd')) == '"a\\"b\\\\c\\nd"'
    assert term_text(Literal("5", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer"))) == \
        '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert term_text(Literal("x\x00", lang="zh")) == '"x\\u0000"@zh'
    for bad in (URIRef("http://e/a> } DROP ALL"), URIRef("http://e/a b"), Literal("x", datatype=URIRef("urn:a> }"))):
        with pytest.raises(QueryTextError):
            term_text(bad)


def test_bind_puts_values_at_the_start_of_the_where_clause():
    query = ('PREFIX x: <http://e/#> # a { in a comment\n'
             'SELECT ?a (COUNT(?b) AS ?n) ("{" AS ?c) WHERE { ?a x:p ?b FILTER (?b = "}") } GROUP BY ?a')
    bound = bind(query, {"v": Literal("1")})
    assert bound.index("VALUES (?v)") > bound.index("WHERE {") and bound.endswith("GROUP BY ?a")
    with pytest.raises(QueryTextError):
        bind("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"v": Literal("1")})
    with pytest.raises(QueryTextError):
        bind("SELECT * WHERE { ?s ?p ?o }", {"not a name": Literal("1")})


def test_with_limit():
    assert with_limit("SELECT * { ?s ?p ?o } ORDER BY ?s", 3).rstrip().endswith("LIMIT 3")
    assert with_limit("SELECT * { ?s ?p ?o } LIMIT 10 OFFSET 2", 3) == "SELECT * { ?s ?p ?o } LIMIT 3 OFFSET 2"
    assert with_limit("SELECT * { ?s ?p ?o } LIMIT 2", 3) == "SELECT * { ?s ?p ?o } LIMIT 2"
    limited = with_limit("SELECT * { ?s ?p ?o } VALUES ?s { <urn:a> }", 3)
    assert limited.index("LIMIT 3") < limited.index("VALUES")


def test_parameter_types_are_checked():
    diffuse = QUERIES["diffuse"]
    assert diffuse.bindings({}) == {"min": Literal(3)}
    for bad in ({"min": "three"}, {"min": "3; DROP ALL"}, {"other": "1"}):
        with pytest.raises(CatalogueError):
            diffuse.bindings(bad)
    with pytest.raises(CatalogueError, match="needs --param department"):
        QUERIES["department"].bindings({})


# -- the catalogue files ------------------------------------------------------------------------


def test_the_catalogue_has_the_questions_of_the_issue():
    assert {"workload", "above-threshold", "department", "partners", "supporters", "gaps", "diffuse",
            "named-twice", "sections", "central-branches", "targets", "provenance"} <= set(QUERIES)
    # Every .rq file has a full header: the catalogue's, run by name, and those of
    # queries/internal/, run by path (they are in no catalogue).
    for q, command in [*((q, f"fengong query {q.name}") for q in QUERIES.values()),
                       *((q, f"fengong query queries/internal/{q.name}.rq") for q in INTERNAL.values())]:
        assert q.title and len(q.description) > 60 and q.examples, q.name
        assert all(e == command or e.startswith(command + " ") for e in q.examples), q.name


@pytest.mark.parametrize("header, message", [
    ("# title: T\n# example: e\n", "no description"),
    ("# title: T\n# description: d\n# example: e\n# colour: red\n", "unknown header field"),
    ("# title: T\n# description: d\n# param: n number\n# example: e\n", "NAME TYPE"),
    ("# title: T\n# description: d\n# param: n integer = x\n# example: e\n", "not a valid integer"),
    ("# title: T\n# description: d\n# param: unused string\n# example: e\n", r"not used as \?unused"),
    ("# title: T\n#description: d\n# example: e\n", "header lines are"),
])
def test_bad_headers_are_refused(header, message):
    with pytest.raises(CatalogueError, match=message):
        parse("bad", header + "SELECT * WHERE { ?s ?p ?o }\n")


def test_readme_catalogue_is_the_queries_folder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- catalogue -->\n(.*?)<!-- /catalogue -->", readme, re.S)
    assert block, "README.md needs the catalogue between <!-- catalogue --> and <!-- /catalogue -->"
    assert block.group(1) == markdown(QUERIES), "README catalogue is stale: paste fengong.sparql.catalogue.markdown()"


# -- the internal queries (queries/internal/) --------------------------------------------------


def run_internal(store, name: str):
    query = INTERNAL[name]
    return store.select(query.text, query.bindings(query.example_params()))


@pytest.mark.parametrize("name", INTERNAL_NAMES)
def test_internal_queries_answer_alike_on_both_engines(name, oxigraph, rdflib_store, named_graph_engines):
    """Each query fengong's code runs gives the same answer on Oxigraph and rdflib, with the sample
    in the default graph (as fengong build writes it) and in one named graph per plan (a corpus
    store, a server), and answers something in the second layout."""
    assert answer(run_internal(rdflib_store, name)) == answer(run_internal(oxigraph, name)), "default graph"
    on_oxigraph, on_rdflib = named_graph_engines
    expected = answer(run_internal(on_oxigraph, name))
    assert expected, f"{name}: its example returns nothing on the sample plan"
    assert answer(run_internal(on_rdflib, name)) == expected, "one named graph per plan"


@pytest.mark.parametrize("name", INTERNAL_NAMES)
def test_internal_query_examples_run(name, per_plan_file, monkeypatch):
    """An internal query's example is a command that works in a source checkout: the file by its
    path, the example's --store replaced by the sample in named graphs."""
    monkeypatch.chdir(ROOT)
    words = shlex.split(INTERNAL[name].examples[0])
    assert words[:3] == ["fengong", "query", f"queries/internal/{name}.rq"]
    args = words[2:]
    if "--store" in args:
        del args[args.index("--store"):args.index("--store") + 2]
    result = CliRunner().invoke(main, ["query", *args, "--graph", str(per_plan_file), "--format", "csv"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) > 1, f"{name}: its example returns nothing"


def test_internal_queries_are_no_users_questions():
    """Loaded by name by fengong's code only: not listed, not loadable as a named query, and an
    internal name outside queries/internal/ is refused."""
    assert INTERNAL_NAMES and not set(INTERNAL) & set(QUERIES)
    with pytest.raises(CatalogueError, match="no named query"):
        load(INTERNAL_NAMES[0])
    for bad in ("workload", "../workload", "internal/english-names", "english-names.rq"):
        with pytest.raises(CatalogueError, match="no internal query"):
            internal(bad)
    assert internal("graph-triples").bindings({"graph": PLAN}) == {"graph": URIRef(PLAN)}
    for value in INJECTIONS:  # the push's count binds an IRI, checked
        with pytest.raises(CatalogueError):
            internal("graph-triples").bindings({"graph": value})


def test_the_query_page_opens_with_the_first_question():
    """The editor shows fengong's prologue, then first-question.rq without its header and its own
    PREFIX lines, which the prologue declares (the same namespaces)."""
    from markupsafe import escape

    from fengong.rdf import PREFIXES
    from fengong.server.query_page import first_question, render

    declared = re.findall(r"^PREFIX (\w*): <([^>]*)>$", internal("first-question").text, re.M)
    assert declared and all(PREFIXES.get(prefix) == namespace for prefix, namespace in declared)
    question = first_question()
    assert question.startswith("SELECT ") and "PREFIX" not in question and "#" not in question
    prologue = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
    assert str(escape(prologue + "\n" + question)) in render("http://127.0.0.1:1/query")[0].decode()


def test_the_diffuse_threshold_is_the_default_of_the_diffuse_query():
    """The analysis counts as diffuse the units the query ``diffuse`` lists by default: the number
    is written once, as that parameter's default, and the report's prose says it in words."""
    from fengong.analysis.units import DIFFUSE, at_least

    assert str(DIFFUSE) == QUERIES["diffuse"].parameter("min").default
    assert (at_least(3), at_least(10), at_least(12)) == ("three or more", "ten or more", "12 or more")
    with pytest.raises(CatalogueError, match="no parameter"):
        QUERIES["diffuse"].parameter("max")


# -- fengong query ------------------------------------------------------------------------------


@pytest.fixture
def cli(sample_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str):
        return CliRunner().invoke(main, ["query", *args], catch_exceptions=False)

    return invoke


def test_list_agrees_with_the_files(cli):
    listed = cli("--list").stdout
    assert [line.split()[0] for line in listed.splitlines() if line and not line.startswith((" ", "fengong"))] == NAMES
    data = json.loads(cli("--list", "--format", "json").stdout)
    assert [q["name"] for q in data] == NAMES
    assert next(q for q in data if q["name"] == "diffuse")["parameters"][0]["default"] == "3"


def test_query_formats(cli, sample_file):
    table = cli("workload", "--graph", str(sample_file), "--limit", "3")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[2].split()[:2] == [QSJ, "government"] and len(table.stdout.splitlines()) == 5
    text = cli("workload", "--graph", str(sample_file), "--format", "csv").stdout_bytes.decode()
    assert text.startswith("department,kind,lead,responsible,joint,accountable,support,total\r\n")
    assert next(csv.reader(io.StringIO(text.splitlines()[1]))) == [QSJ, "government", "19", "8", "8", "35", "14", "49"]
    data = json.loads(cli("department", "-p", "department=自治区质监局", "--graph", str(sample_file),
                          "--format", "json").stdout)
    assert data["head"]["vars"][:3] == ["document", "line", "item"]
    first = data["results"]["bindings"][0]
    assert first["name"] == {"type": "literal", "value": QSJ, "xml:lang": "zh"}
    assert first["line"] == {"type": "literal", "value": "13", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}


def test_adhoc_query_file_and_engines(cli, sample_file, tmp_path):
    adhoc = cli("-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", str(sample_file), "--format", "csv")
    assert adhoc.stdout.splitlines()[1] == str(len(read_quads(sample_file)))
    mine = tmp_path / "mine.rq"
    mine.write_text("SELECT ?d WHERE { ?d <http://www.w3.org/2004/02/skos/core#altLabel> ?label "
                    "FILTER (STR(?label) = ?name) }", encoding="utf-8")
    for engine in ("oxigraph", "rdflib"):
        result = cli(str(mine), "-p", "name=自治区质监局", "--graph", str(sample_file), "--engine", engine,
                     "--format", "csv")
        assert result.stdout.splitlines()[1:] == [f"https://w3id.org/fengong/id/org/{QSJ}"]


def test_on_disk_store(cli, sample_file, tmp_path):
    store = ox.Store(str(tmp_path / "db"))
    store.bulk_load(path=str(sample_file), format=ox.RdfFormat.TURTLE)
    del store
    result = cli("workload", "--store", str(tmp_path / "db"), "--limit", "1", "--format", "csv")
    assert result.stdout.splitlines()[1].startswith(QSJ)
    with pytest.raises(StoreError, match="read with the oxigraph engine"):
        open_store(store=tmp_path / "db", engine="rdflib")


@pytest.mark.parametrize("args, message", [
    (["workload"], "out/graph.ttl: no such file"),
    (["no-such-query", "--graph", "{g}"], "no named query 'no-such-query'"),
    (["department", "--graph", "{g}"], "needs --param department"),
    (["diffuse", "-p", "min=lots", "--graph", "{g}"], "not a valid integer"),
    (["workload", "-p", "x=1", "--graph", "{g}"], "workload has no parameter x"),
    (["-e", "SELECT * WHERE { ?s ?p", "--graph", "{g}"], "the query failed"),
    (["-e", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--graph", "{g}"], "the query failed"),
    (["workload", "--store", "{missing}"], "no such store folder"),
    (["-e", "ASK { ?s ?p ?o }", "--graph", "{g}"], "fengong runs SELECT queries"),
    (["-e", "ASK { ?s ?p ?o }", "--graph", "{g}", "--engine", "rdflib"], "fengong runs SELECT queries"),
])
def test_unusable_input_exits_2_with_one_line(cli, sample_file, tmp_path, args, message):
    args = [a.replace("{g}", str(sample_file)).replace("{missing}", str(tmp_path / "missing")) for a in args]
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_show_prints_the_query(cli):
    shown = cli("provenance", "--show").stdout
    assert shown.startswith("provenance: Provenance of an assignment")
    assert "--param item=STRING" in shown and "SELECT DISTINCT ?document" in shown


# -- SPARQL results through the one table writer --------------------------------------------------

HOSTILE = Results(("s", "text", "n"), [
    (URIRef("https://w3id.org/fengong/id/org/qts"), Literal("=HYPERLINK(A1)\n推进", lang="zh"), Literal(3)),
    (BNode("b0"), None, Literal("-1+1")),
])


def test_sparql_csv_has_crlf_line_ends_and_every_value_as_the_w3c_format_says():
    """SPARQL tools read this CSV: CRLF line ends (SPARQL 1.1 Query Results CSV), blank nodes as
    _:label, unbound as empty, and no spreadsheet neutralisation of formula-like values."""
    text = render_results(HOSTILE, "csv")
    assert text == ('s,text,n\r\n'
                    'https://w3id.org/fengong/id/org/qts,"=HYPERLINK(A1)\n推进",3\r\n'
                    '_:b0,,-1+1\r\n')


def test_sparql_table_compacts_terms_into_one_line_per_row():
    lines = render_results(HOSTILE, "table").splitlines()
    assert lines[0].split() == ["s", "text", "n"] and len(lines) == 4
    assert lines[2].split() == ["id:org/qts", "=HYPERLINK(A1)", "推进", "3"]
    assert lines[3].split() == ["_:b0", "-1+1"]


def test_sparql_json_keeps_term_types_and_leaves_unbound_variables_out():
    data = json.loads(render_results(HOSTILE, "json"))
    assert data["head"] == {"vars": ["s", "text", "n"]}
    assert data["results"]["bindings"][0]["text"] == {"type": "literal", "value": "=HYPERLINK(A1)\n推进",
                                                     "xml:lang": "zh"}
    assert data["results"]["bindings"][1] == {"s": {"type": "bnode", "value": "b0"},
                                              "n": {"type": "literal", "value": "-1+1"}}

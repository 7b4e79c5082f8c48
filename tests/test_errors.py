"""Bad input: unreadable files fail with one clear line and exit code 2 while the rest is built;
suspicious text is warned about with file and line and kept in the graph as an unparsed clause;
output is written atomically and never over an input."""

from __future__ import annotations

from fengong import parse_text

HEAD = "一、主要任务\n"


def test_closing_bracket_without_opening_keeps_the_clause_unparsed():
    plan = parse_text(f"{HEAD}1.推进A。由省财政厅牵头，省商务厅配合）\n2.推进B。（由省商务厅负责）\n", source="p.txt")
    assert [(c.text, c.line, c.parsed) for c in plan.unparsed_clauses] == [("由省财政厅牵头，省商务厅配合）", 2, False)]
    assert [d.format() for d in plan.diagnostics] == [
        "p.txt:2: warning: a closing bracket has no opening bracket [unbalanced-bracket]",
        "p.txt:2: warning: looks like a responsibility clause but does not parse "
        "(unbalanced-bracket: the clause is never opened) [unparsed-clause]"]
    assert [a.surface for a in plan.assignments] == ["省商务厅"]


def test_support_word_without_department_is_not_silently_dropped():
    plan = parse_text(f"{HEAD}1.推进A。（由省财政厅牵头，配合）\n2.推进B。（由省商务厅负责）\n", source="p.txt")
    assert [(c.text, c.line) for c in plan.unparsed_clauses] == [("（由省财政厅牵头，配合）", 2)]
    assert [d.format() for d in plan.diagnostics] == [
        "p.txt:2: warning: looks like a responsibility clause but does not parse "
        "(role-without-department: 配合 has no department before it) [unparsed-clause]"]
    assert parse_text(f"{HEAD}1.推进A。（由省财政厅牵头，并负责组织实施）\n").assignments[0].role.value == "lead"


def test_names_run_together_are_not_made_into_one_department():
    plan = parse_text(f"{HEAD}1.推进A。（由省财政厅省商务厅负责）\n2.推进B。（由省商务厅负责）\n", source="p.txt")
    assert [(c.text, c.line) for c in plan.unparsed_clauses] == [("（由省财政厅省商务厅负责）", 2)]
    assert [d.format() for d in plan.diagnostics] == [
        "p.txt:2: warning: looks like a responsibility clause but does not parse (unsplittable-name: "
        "省财政厅省商务厅 reads as two names run together (省财政厅 and 省商务厅)) [unparsed-clause]"]
    assert [a.surface for a in plan.assignments] == ["省商务厅"]

"""No silent loss: every role word of a plan is in a clause, in narrative with its reason, or warned.

A support field nobody read leaves its bodies out of every count, and the graph still looks
complete. These tests pin the check that makes such a loss visible, and the rule that a text is
refused only when it holds no role word at all.
"""

from __future__ import annotations

from click.testing import CliRunner

from helpers import codes
from fengong import parse_text
from fengong.cli import main


def test_role_words_in_clauses_and_narrative_are_counted():
    text = ("各区政府：\n现将方案印发给你们，请各牵头单位抓好落实。\n一、任务\n1.推进甲。（市发改委牵头，市财政局配合）\n"
            "二、工作要求\n各责任单位要加强协同配合。\n")
    coverage = parse_text(text).coverage
    assert (coverage.clause, coverage.narrative, coverage.warned) == (2, 3, 0)
    assert dict(coverage.reasons) == {"narrative": 2, "notice": 1}


def test_a_role_word_no_reading_accounts_for_is_warned_with_its_line():
    # the second item names its bodies in running text, without a clause form fengong reads
    text = "一、任务\n1.推进甲。（市发改委负责）\n2.推进乙，由市商务局牵头抓好各项工作的组织。\n"
    plan = parse_text(text)
    warned = [d for d in plan.diagnostics if d.code == "uncovered-role-word"]
    assert [(d.line, d.message.split(" (")[0]) for d in warned] == [(3, "the role word 牵头")]
    assert plan.coverage.warned == 1


def test_a_role_word_inside_an_item_sentence_with_no_body_is_narrative():
    text = "一、任务\n1.简化环评，报告表由区级负责审批。（区环保局牵头，区水务局配合）\n"
    plan = parse_text(text)
    assert "uncovered-role-word" not in codes(text)
    assert dict(plan.coverage.reasons) == {"text": 1}


def test_a_support_field_under_an_unknown_label_is_never_dropped_silently():
    # 支援单位 is no label fengong knows: its line is not read as a clause, and the check says so
    text = "一、任务\n1.推进甲。\n牵头单位：市发改委\n支援单位：市财政局\n"
    plan = parse_text(text)
    assert [(a.surface, a.role.value) for a in plan.assignments] == [("市发改委", "lead")]
    assert plan.coverage.total == 1  # 牵头 only: nothing of 支援 is a role word, so it is not counted
    text = "一、任务\n1.推进甲。\n牵头单位：市发改委\n协同配合单位：市财政局\n"
    assert "uncovered-role-word" in codes(text) or "unparsed-clause" in codes(text)


def test_only_a_text_with_no_role_word_is_refused(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("会议纪要\n一、会议听取了汇报。\n二、会议要求加强质量工作。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "assignments", str(notes)])
    assert result.exit_code == 2
    assert "no role word (牵头, 配合, 负责…) in the text: not a division-of-labour plan?" in result.stderr


def test_a_plan_with_role_words_but_no_readable_clause_is_built_with_warnings(tmp_path):
    plan_file = tmp_path / "plan.txt"
    plan_file.write_text("一、任务\n1.推进甲，市商务局牵头组织实施各项工作。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "assignments", str(plan_file), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["document,item,kind,text,department,surface,role,deadline,due"]
    assert "[uncovered-role-word]" in result.stderr and "[no-clauses]" in result.stderr


def test_the_build_summary_counts_uncovered_role_words(tmp_path):
    plan_file = tmp_path / "plan.txt"
    plan_file.write_text("一、任务\n1.推进甲。（市发改委负责）\n2.推进乙，由市商务局牵头抓好组织。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(plan_file), "-o", str(tmp_path / "out"), "--no-analysis", "--no-viz"])
    assert result.exit_code == 0, result.output
    assert "1 of 2 role words uncovered" in result.stdout

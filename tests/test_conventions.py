"""Document conventions: rules a plan states once about how to read its clauses.

列第一位者为牵头单位 (the first name listed leads), 下同, 除标注“牵头”外…: stated in the notice,
under the title, in a footnote, or inside the first clause that uses them, they hold from where they
are stated on. Each test is a short plan written for it, with the rows it must give.
"""

from __future__ import annotations

import pytest

from helpers import codes, rows


def roles(text: str) -> list[tuple[str, str, str]]:
    return [(i, s, r) for i, _, s, r in rows(text)]


def test_a_rule_in_the_notice_holds_for_the_whole_plan():
    text = ("各区政府，市政府各部门：\n现将方案印发给你们。方案中责任单位排在第一位的为牵头或汇总单位。\n"
            "一、任务\n1.推进甲。（责任单位：市发改委、市财政局）\n2.推进乙。（市商务局、市税务局负责）\n")
    assert roles(text) == [
        ("一1", "市发改委", "lead"), ("一1", "市财政局", "support"),
        ("一2", "市商务局", "lead"), ("一2", "市税务局", "support")]


def test_a_rule_in_a_footnote_holds_for_the_whole_plan():
    text = "一、任务\n1.推进甲。（责任单位：市发改委、市财政局）\n2.推进乙。（责任单位：市教育局）\n注：列第一位者为牵头单位。\n"
    assert roles(text) == [("一1", "市发改委", "lead"), ("一1", "市财政局", "support"), ("一2", "市教育局", "responsible")]


def test_a_rule_stated_in_a_clause_holds_from_there_on():
    text = ("一、任务\n1.推进甲。（市发改委、市财政局负责）\n"
            "2.推进乙。（市教育局、市人社局负责，列第一位者为工作牵头单位或汇总单位，下同）\n"
            "3.推进丙。（市商务局、市税务局负责）\n")
    assert roles(text) == [
        ("一1", "市发改委", "joint"), ("一1", "市财政局", "joint"),
        ("一2", "市教育局", "lead"), ("一2", "市人社局", "support"),
        ("一3", "市商务局", "lead"), ("一3", "市税务局", "support")]


def test_a_rule_after_the_role_word_with_its_condition():
    text = ("一、任务\n1.推进甲。（市发改委、市财政局负责。责任单位两个以上的，列第一者为牵头单位）\n"
            "2.推进乙。（市商务局、市税务局负责）\n")
    assert roles(text) == [
        ("一1", "市发改委", "lead"), ("一1", "市财政局", "support"),
        ("一2", "市商务局", "lead"), ("一2", "市税务局", "support")]


def test_a_bare_list_with_its_rule_inside():
    text = "一、任务\n1.健全学前教育体制。（市教育局，市委农办，各县<市、区>人民政府，排名第一位为牵头单位，下同）\n"
    assert roles(text) == [("一1", "市教育局", "lead"), ("一1", "市委农办", "support"), ("一1", "各县<市、区>人民政府", "support")]


def test_a_rule_under_the_title_is_not_a_clause():
    text = "某市重点工作分工方案\n（排在第一位的为牵头单位）\n一、任务\n1.推进甲。（市发改委、市财政局）\n"
    assert roles(text) == [("一1", "市发改委", "lead"), ("一1", "市财政局", "support")]
    assert "unparsed-clause" not in codes(text)


def test_marked_leads_and_the_rule_that_says_so():
    text = ("说明：除标注“牵头”外，其余均为配合单位。\n一、任务\n1.推进甲。（市发改委（牵头）、市财政局、市商务局负责）\n"
            "2.推进乙。（责任单位：市教育局*、市人社局）\n")
    assert roles(text) == [
        ("一1", "市发改委", "lead"), ("一1", "市财政局", "support"), ("一1", "市商务局", "support"),
        ("一2", "市教育局", "lead"), ("一2", "市人社局", "support")]


@pytest.mark.parametrize("note", [
    "以下各项均需各区政府落实，不再单独列出。",
    "具体任务均涉及各区政府，不再做分工，下同。",
    "具体任务另行通知。",
])
def test_a_note_after_the_role_word_names_nobody(note):
    text = f"一、任务\n1.推进甲。（责任单位：市生态环境局、市水务局按职责分工负责。{note}）\n2.推进乙。（市商务局负责）\n"
    assert roles(text) == [("一1", "市生态环境局", "joint"), ("一1", "市水务局", "joint"), ("一2", "市商务局", "responsible")]
    assert "unparsed-clause" not in codes(text)


def test_下同_after_a_rule_carries_the_rule_not_the_names():
    text = "一、任务\n1.推进甲。（市教育局、市人社局负责，排在首位的为牵头单位，下同）\n2.推进乙。\n"
    assert roles(text) == [("一1", "市教育局", "lead"), ("一1", "市人社局", "support")]
    assert "missing-clause" in codes(text)

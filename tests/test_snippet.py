"""Offsets stay exact when a reading worked out once per distinct text is moved onto each place
the text occurs (fengong.parse.snippet.Snippet.rebase and the caches of read_clause and
Expander.expand)."""

from __future__ import annotations

import random

import fengong
from fengong.parse.snippet import Snippet


def _joined(rng: random.Random, text: str) -> Snippet:
    """``text`` cut into random runs placed at scattered document offsets."""
    cuts = sorted(rng.sample(range(1, len(text)), rng.randint(0, min(4, len(text) - 1))))
    parts, doc = [], rng.randint(0, 50)
    for i, j in zip([0, *cuts], [*cuts, len(text)]):
        parts.append(Snippet.of(text[i:j], text[i:j], doc))
        doc += (j - i) + rng.randint(1, 9)  # a gap: a line break, a page number dropped
    return Snippet.join(parts)


def test_rebase_maps_every_character_to_the_offset_slicing_gives():
    rng = random.Random(7)
    text = "由自治区农牧业厅牵头，自治区质监局、商务厅配合"
    for _ in range(300):
        onto = _joined(rng, text)
        base = Snippet.of(onto.raw, onto.folded, 0)
        i = rng.randrange(len(text))
        j = rng.randrange(i, len(text) + 1)
        moved = base[i:j].rebase(onto)
        direct = onto[i:j]
        assert moved.folded == direct.folded
        assert [moved.offset(k) for k in range(len(moved))] == [direct.offset(k) for k in range(len(direct))]
        assert moved.span == direct.span


def test_a_clause_repeated_across_a_line_break_keeps_the_offsets_of_each_occurrence():
    # The same clause three times: on one line, broken over two lines (a multi-run snippet), and
    # again after other text, so the second and third readings come from the cache.
    clause = "（由省农业厅牵头，省质监局、商务厅配合）"
    broken = clause[:9] + "\n" + clause[9:]
    text = ("一、主要任务\n"
            f"1.推进农产品质量追溯。{clause}\n"
            f"2.完善检验检测体系，提升\n服务水平。{broken}\n"
            f"3.加强品牌培育。{clause}\n")
    plan = fengong.parse_text(text)
    rows = [(a.surface, a.role.value, a.written, plan.text[a.span.start:a.span.end]) for a in plan.assignments]
    expected = [("省农业厅", "lead", "省农业厅"), ("省质监局", "support", "省质监局"), ("省商务厅", "support", "商务厅")] * 3
    assert [r[:3] for r in rows] == expected
    assert all(written == cited for _, _, written, cited in rows)
    starts = [a.span.start for a in plan.assignments]
    assert len(set(starts)) == len(starts)  # each occurrence cites its own characters


def test_an_unreadable_clause_is_reported_at_each_occurrence():
    text = "一、主要任务\n1.推进质量工作。（由负责）\n2.加强监管。（由负责）\n"
    plan = fengong.parse_text(text)
    lines = [d.line for d in plan.diagnostics if d.code == "unparsed-clause"]
    assert lines == [2, 3]


def test_a_parse_leaves_the_cycle_collector_as_it_found_it():
    import gc

    text = "一、主要任务\n1.推进质量工作。（由省质监局牵头，省商务厅配合）\n"
    assert gc.isenabled()
    fengong.parse_text(text)
    assert gc.isenabled()
    gc.disable()
    try:
        fengong.parse_text(text)
        assert not gc.isenabled()  # a program that turned it off keeps it off
    finally:
        gc.enable()
    gc.freeze()  # a program that froze its objects (before forking workers) keeps them frozen
    try:
        frozen = gc.get_freeze_count()
        fengong.parse_text(text)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_a_parse_leaves_no_garbage_for_the_cycle_collector():
    """What a parse no longer needs is freed at once: it leaves no cycle behind (a 50 MB plan's
    block tree, held until a full collection, would hold a copy of the whole text)."""
    import gc

    from fengong.read import read_sample

    text = read_sample().text
    fengong.parse_text(text)  # caches and lazy imports filled
    gc.collect()
    gc.disable()
    try:
        plan = fengong.parse_text(text)
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert len(plan.assignments) == 274

"""The first pass over a clause: what in it names nobody, taken out before its names are read.

A clause says more than who does what: it states conventions (排在首位的为牵头单位, 下同: see
:mod:`.conventions`), adds notes (以下各条不再单独列出; a sentence after the role word,
具体任务……), sets a deadline (6月底前完成, 年内持续推进) and names officials (责任领导：张三), or
fields whose labels name no role (数据提供单位：市统计局). Each is recorded in an :class:`Asides`
and its span blanked out (:meth:`~.snippet.Snippet.blanked`), so that what :mod:`.clauses` reads
next is only names and role words, and anything left over there is a real error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .conventions import effect_of
from .snippet import SEPARATORS, Snippet, cuts_outside_brackets
from .vocabulary import vocabulary

# A deadline or time frame inside a clause: 2017年底前完成, 6月底前, 年内持续推进, 长期坚持.
DEADLINE = re.compile(
    r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年|\d{1,2}\s*月|[一二三四五六七八九十]{1,3}月|年内|年底|年中|年末|"
    r"季度|上半年|下半年|长期|持续|逐步|常态|每年|全年|年度|分阶段|阶段性|限期|立即|即日"
)
DEADLINE_CHARS = re.compile("[年月季长持逐常阶限立即]")  # one of them is in every deadline: a quick test
OTHER_LABEL = re.compile(r"(?<=[；，。\s])[\u4e00-\u9fff]{2,8}：")  # a label after a field's value
NESTED = re.compile(r"（([^（）]*)）")
# The condition a convention may follow: 责任单位两个以上的, 涉及多个部门时.
CONDITION = re.compile(r"(?:的|时)$")


@dataclass
class Asides:
    """What the first pass takes out of a clause, and where it stood (``masked``)."""

    masked: list[tuple[int, int]]
    stated: list[str]
    notes: list[str]
    deadline: str = ""
    carry_over: bool = False


def is_deadline(text: str) -> bool:
    """Whether a clause segment states a time frame rather than names (2017年底前完成)."""
    text = text.strip(SEPARATORS)
    return bool(DEADLINE_CHARS.search(text)) and bool(DEADLINE.search(text)) and not vocabulary().signals(text)


def read_asides(content: Snippet) -> Asides:
    """Conventions, notes and deadlines: the segments of a clause that name nobody.

    A convention takes with it the condition before it (责任单位两个以上的，列第一者为牵头单位), or
    the brackets it stands in after a name (市卫健委（列第一位为牵头单位，下同）); a note takes its
    whole sentence when it is not the clause's first (…负责。以下各条不再单独列出。), and any
    sentence after the first that holds no role word is a note too (…负责。具体任务另行通知。).
    """
    side = Asides([], [], [])
    for m in NESTED.finditer(content.folded):  # 市卫生健康委（列第一位为牵头单位，下同）
        effects = [effect_of(part) for part in re.split(r"[，；。]", m.group(1))]
        if any(effects):
            side.masked.append(m.span())
            side.stated.extend(e for e in effects if e and e not in {"carry-over", "note"})
    text = content.blanked(side.masked).folded if side.masked else content.folded
    frames: list[tuple[int, int]] = []  # the segments that state a time frame
    sentences = _segments(text, "。")
    for n, (si, sj) in enumerate(sentences):
        sentence = text[si:sj]
        if n > 0 and sentence.strip(SEPARATORS) and not _has_role_word(sentence):
            side.masked.append((si, sj))
            side.notes.append(content[si:sj].strip(SEPARATORS).compact())
            continue
        plain: list[tuple[int, int]] = []  # conditions just before a convention in this sentence
        for i, j in _segments(sentence, "，；"):
            i, j = si + i, si + j
            seg = text[i:j]
            effect = effect_of(seg)
            if effect == "note":
                span = (si, sj) if n > 0 else (i, j)
                side.masked.append(span)
                side.notes.append(content[span[0]: span[1]].strip(SEPARATORS).compact())
            elif effect == "carry-over":
                side.carry_over = True
                side.masked.append((i, j))
            elif effect:
                side.stated.append(effect)
                side.masked.extend([*plain, (i, j)])
            elif is_deadline(seg):
                frames.append((i, j))
                side.masked.append((i, j))
            if not effect and CONDITION.search(seg):  # 责任单位两个以上的，列第一者为牵头单位
                plain.append((i, j))
            else:
                plain = []
    side.deadline = _time_frame(content, frames)
    return side


def _time_frame(content: Snippet, frames: list[tuple[int, int]]) -> str:
    """The time frame of a clause as written: segments that follow one another as one text
    (3月底前完成选址，9月底前建成), segments apart joined by ，."""
    runs: list[list[int]] = []
    for i, j in frames:
        if runs and not content.folded[runs[-1][1]: i].strip(SEPARATORS):
            runs[-1][1] = j
        else:
            runs.append([i, j])
    return "，".join(content[i:j].strip(SEPARATORS).compact() for i, j in runs)


def labelled_asides(snip: Snippet, side: Asides) -> tuple[list[tuple[str, Snippet]], list[tuple[int, int]]]:
    """Officials and deadlines written as labelled fields (责任领导：张三, 完成时限：年底前), and
    fields whose labels name no role: the officials, and the spans all of them take.

    A deadline field sets ``side.deadline``; a field of another label becomes a note of ``side``.
    """
    voc = vocabulary()
    officials: list[tuple[str, Snippet]] = []
    fields = list(voc.field.finditer(snip.folded))
    masked: list[tuple[int, int]] = []
    for n, m in enumerate(fields):
        role = voc.field_role(m["label"])
        if role not in {"official", "deadline"}:
            continue
        end = fields[n + 1].start() if n + 1 < len(fields) else len(snip.folded)
        stop = re.search(r"[；。]", snip.folded[m.end(): end])
        end = m.end() + stop.start() if stop else end
        value = snip[m.end(): end].strip(SEPARATORS)
        if role == "official":
            officials.append((m["label"], value))
        else:
            side.deadline = value.compact()
        masked.append((m.start(), end))
    masked.extend(_other_fields(snip.folded, side))
    return officials, masked


def _other_fields(text: str, side: Asides) -> list[tuple[int, int]]:
    """Fields under labels that name no role (数据提供单位：市统计局, 具体工作：…) among the role
    fields of a clause: each runs to the next label and is kept as a note, not read as names."""
    voc = vocabulary()
    spans = []
    for m in OTHER_LABEL.finditer(text):
        if voc.label.match(text, m.start()) or m.start() == 0:
            continue
        nxt = voc.field.search(text, m.end())
        end = nxt.start() if nxt else len(text)
        spans.append((m.start(), end))
        side.notes.append(text[m.start():end].strip(SEPARATORS))
    return spans


def _segments(text: str, stops: str = "，；。") -> list[tuple[int, int]]:
    """Spans between top-level separators (separators inside nested brackets don't count)."""
    if "（" not in text and "〔" not in text:  # no nesting: the separators split it
        ends = [m.start() for m in re.finditer(f"[{stops}]", text)]
    else:
        ends = cuts_outside_brackets(text, stops)
    return list(zip([0, *(e + 1 for e in ends)], [*ends, len(text)]))


def _has_role_word(text: str) -> bool:
    voc = vocabulary()
    return bool(voc.postfix.search(text) or voc.infix.search(text) or voc.field.search(text))

"""The IRIs of the graph: readable and stable, made from what the plan says, never from run order.

A plan's from its document id, an item's from its number path
(``…/plan/neimenggu-2016-quality-plan/item/2.1.7`` for 二（一）7), a department's from its canonical
name (``…/org/内蒙古自治区质量技术监督局``), so the same department gets the same node from every plan
of its jurisdiction.
"""

from __future__ import annotations

from functools import lru_cache

from ..model import Department, Jurisdiction
from ..namespace import ID


@lru_cache(maxsize=1 << 16)
def segment(text: str) -> str:
    """An IRI path segment: letters and digits (Chinese included) kept, the rest percent-encoded."""
    out = []
    for ch in text:
        if ch.isalnum() or ch in "-._~":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def plan_iri(doc_id: str) -> str:
    return f"{ID}plan/{segment(doc_id)}"


def department_iri(dept: Department) -> str:
    return f"{ID}org/{segment(dept.name)}"


def jurisdiction_iri(j: Jurisdiction) -> str:
    return f"{ID}jurisdiction/{segment(j.name)}"


def body_type_iri(body_id: str) -> str:
    return f"{ID}body/{segment(body_id)}"


def path_text(path: tuple[int, ...]) -> str:
    return ".".join(str(n) for n in path)


def policy_iri(title: str) -> str:
    return f"{ID}policy/{segment(title.strip('《》'))}"

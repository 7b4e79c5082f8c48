"""fengong (分工): Chinese government division-of-labour plans as a knowledge graph of responsibilities.

    >>> from fengong import parse_text
    >>> plan = parse_text("一、主要任务\\n1.建立质量信用平台。（由自治区质监局负责）")
    >>> [(a.surface, a.role.value) for a in plan.assignments]
    [('自治区质监局', 'responsible')]

The stages, one module each, data flowing one way: :mod:`~fengong.read` (files to text),
:mod:`~fengong.parse` (text to :class:`~fengong.model.Plan`), :mod:`~fengong.rdf` (plan to RDF).
"""

from .model import Assignment, Clause, Department, Item, Plan, Role, Unit
from .parse import parse_text

__version__ = "0.1.0"
__all__ = ["Assignment", "Clause", "Department", "Item", "Plan", "Role", "Unit", "parse_text"]

"""Item without a lead agency: a leaf row with no `lead`, neither its own nor inherited from a parent.

A row that carries work (an item with no children) gets its lead from its own `lead` or from
one written once on a parent (a merged cell). Every task needs someone answerable for it:
without a lead the row is missing from every agency's list (`cchc due --agency …`) and from
the reports the Sở Nội vụ collects. Checked only when the annex has a lead column.

Failing::

    - id: I-1
      text: Rà soát thủ tục hành chính
      due: Quý II/2024

Passing::

    - id: I-1
      text: Rà soát thủ tục hành chính
      lead: [Sở Tư pháp]
      due: Quý II/2024
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan

CODE = "N102"
NAME = "missing-lead"
SEVERITY = Severity.WARNING


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    if "lead" not in plan.annex.keys:
        return
    for entry in plan.leaves():
        if entry.lead:
            continue
        label = f"mục {entry.item.number}" if entry.item.number else f"mục {entry.item.id!r}"
        yield Problem(
            CODE,
            f"{label} không có cơ quan chủ trì (no lead agency), kể cả ở mục cha",
            entry.item.loc,
            SEVERITY,
            "thêm `lead:` cho mục này hoặc cho mục cha (ô gộp)",
        )

"""An empty required cell: a leaf row with no text, or no completion time where the annex has a time column.

A blank row prints as an empty line of the annex and cannot be tracked; a task without a
deadline never shows up as late. The time may be written once on a parent (a merged cell) or
given as `due_date`.

Failing::

    - id: I-1
      text: Rà soát thủ tục hành chính
      lead: [Sở Tư pháp]

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

CODE = "N103"
NAME = "empty-cell"
SEVERITY = Severity.WARNING


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    keys = plan.annex.keys
    for entry in plan.leaves():
        item = entry.item
        label = f"mục {item.number}" if item.number else f"mục {item.id!r}"
        if not (item.text or "").strip() and not (item.output or "").strip():
            yield Problem(
                CODE,
                f"{label} không có nội dung (empty row): thiếu `text`",
                item.loc,
                SEVERITY,
                "ghi nội dung nhiệm vụ như trong phụ lục",
            )
        if "due" in keys and not (entry.due or "").strip() and entry.value("due_date") is None:
            yield Problem(
                CODE,
                f"{label} không có thời gian hoàn thành (empty due) dù phụ lục có cột này",
                item.loc,
                SEVERITY,
                "ghi `due:` như trong phụ lục (ví dụ `Quý II/2024`, `Thường xuyên`) hoặc ở mục cha",
            )

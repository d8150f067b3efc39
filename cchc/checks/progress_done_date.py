"""T104 done-without-date: an item marked done without the day it was done.

Without `done_date` cchc cannot tell "done on time" from "done late", the two buckets the
national tracking reports.

Failing::

    progress:
      status: done

Passing::

    progress:
      status: done
      done_date: 2024-01-25
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan

CODE = "T104"
NAME = "done-without-date"
SEVERITY = Severity.WARNING


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    for entry in plan.entries():
        progress = entry.item.progress
        if progress is not None and progress.status == "done" and progress.done_date is None:
            yield Problem(
                CODE,
                "đã hoàn thành nhưng thiếu ngày hoàn thành (done without done_date)",
                progress.where("status"),
                SEVERITY,
                "thêm done_date: YYYY-MM-DD",
            )

"""An agency name the registry does not know (A101).

Every lead/coordination entry is read into agency mentions with the province registry
(`plans/<tỉnh>/agencies.yaml` plus the national base). Text that names no known agency is
reported with the closest known names; add the unit or the spelling as an alias to the
province registry when it is right (docs/agencies.md).

Failing::

    lead: [Sở Tư phápp]

Passing::

    lead: [Sở Tư pháp]
    support: [VP UBND tỉnh; các cơ quan, đơn vị có liên quan]
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan

CODE = "A101"
NAME = "unknown-agency"
SEVERITY = Severity.WARNING


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    registry = ctx.registry
    for found in ctx.agency_cells:
        if found.mention.resolved:
            continue
        close = registry.suggest(found.mention.text)
        hint = f"bạn có muốn: {' hoặc '.join(close)}?" if close else "thêm tên này vào agencies.yaml của tỉnh"
        message = f"không biết cơ quan (unknown agency) {found.mention.text!r}"
        yield Problem(CODE, message, found.loc, SEVERITY, hint)

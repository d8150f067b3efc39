"""The same agency leads and coordinates one item (A103).

An agency cannot coordinate with itself: naming it in both `lead` (chủ trì) and `support`
(phối hợp) of one item is usually a copy slip. Names are compared after resolving aliases, so
`VP UBND tỉnh` and `Văn phòng UBND tỉnh` are the same agency. Collectives are compared as
written (`Các sở, ban, ngành` in both is reported; a sở in one and the group in the other is not).

Failing::

    lead: [Sở Tư pháp]
    support: [Sở Tư pháp; các cơ quan liên quan]

Passing::

    lead: [Sở Tư pháp]
    support: [Văn phòng UBND tỉnh]
"""

from __future__ import annotations

from collections.abc import Iterator

from cchc.agencies.located import cell_locs
from cchc.agencies.mentions import read_cell, read_cells
from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan

CODE = "A103"
NAME = "lead-is-support"
SEVERITY = Severity.WARNING


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    registry = ctx.registry
    for entry in plan.entries():
        item = entry.item
        if item.support is None and item.lead is None:
            continue
        leads = {m.agency for m in read_cells(entry.lead, registry) if m.agency}
        owner = entry.owner("support") or item
        for cell, loc in zip(entry.support, cell_locs(owner, "support", entry.support), strict=True):
            for mention in read_cell(cell, registry):
                if mention.agency in leads:
                    message = f"{mention.agency} vừa chủ trì vừa phối hợp cùng một việc"
                    yield Problem(CODE, message, loc, SEVERITY, "bỏ tên này khỏi cột phối hợp")

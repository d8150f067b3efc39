"""An agency named for work due when it does not exist (A102): "nay là …".

Agencies have a validity period in the registry. The 2025 mergers ended several departments
on 2025-02-28 (Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ, Sở Kế hoạch và Đầu tư
→ Sở Tài chính, …) and the district level ended on 2025-06-30 with no single successor. An item
due after the end (or before the start) of an agency it names is reported with its successor;
the plan text is never rewritten. The due date is the item's time read by `cchc.schedule.timeexpr`,
else its `due_date`, else the end of the plan period.

Failing (a 2025–2030 plan)::

    lead: [Sở Thông tin và Truyền thông]
    due: Quý I/2026

Passing::

    lead: [Sở Khoa học và Công nghệ]
    due: Quý I/2026
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from cchc.agencies.located import LatestDue
from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan

CODE = "A102"
NAME = "agency-validity"
SEVERITY = Severity.WARNING


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    registry = ctx.registry
    dues: dict[str, date] = {}
    latest_due = LatestDue(plan)
    for found in ctx.agency_cells:
        name = found.mention.agency
        if name is None:
            continue
        agency = registry.get(name)
        if agency.valid_to is None and agency.valid_from is None:
            continue
        item = found.entry.item
        due = dues.get(item.id) or dues.setdefault(item.id, latest_due(found.entry))
        if agency.valid_to is not None and due > agency.valid_to:
            message = f"{registry.ended_note(agency)} (việc đến hạn {due:%d/%m/%Y})"
            successors = registry.successors_of(agency)
            if successors:
                now = " và ".join(s.name for s in successors)
                hint = f"giữ nguyên văn bản gốc; khi cập nhật kế hoạch, giao cho {now}"
            else:
                message += "; không có đơn vị kế thừa duy nhất"
                hint = "xác định cơ quan nhận việc (cấp tỉnh hoặc cấp xã)"
            yield Problem(CODE, message, found.loc, SEVERITY, hint)
        elif agency.valid_from is not None and due < agency.valid_from:
            message = f"{agency.name} chỉ có từ {agency.valid_from:%d/%m/%Y} (việc đến hạn {due:%d/%m/%Y})"
            yield Problem(CODE, message, found.loc, SEVERITY, "kiểm tra tên cơ quan tại thời điểm đó")

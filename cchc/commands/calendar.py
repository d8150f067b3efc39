"""`cchc calendar`: the deadlines still open as an iCalendar file that calendar apps subscribe to."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cchc.commands.options import Agency, Paths, Role, Today

if TYPE_CHECKING:
    from cchc.plan.model import Plan


def calendar_cmd(
    paths: Paths = None,
    agency: Agency = None,
    role: Role = "any",
    today: Today = None,
    output: Annotated[
        str, typer.Option("--output", "-o", help="Tệp .ics ghi ra; `-` = stdout (default: lich.ics).")
    ] = "lich.ics",
) -> int:
    """Lịch thời hạn (.ics) cho Google/Outlook/điện thoại: mỗi hạn chưa xong một sự kiện, nhắc trước 7, 3, 1 ngày."""
    from cchc.commands.options import check_role, plan_paths, today_from
    from cchc.files import atomic_write
    from cchc.plan.loader import load_plans

    check_role(role)
    day = today_from(today)
    plans = load_plans(plan_paths(paths))
    data, count = calendar_data(plans, agency, role, day)
    if output == "-":
        # The calendar's own CRLF lines: bytes to the real stream (render/ics strips control characters).
        from cchc.escape import raw_stream

        raw_stream(sys.stdout).buffer.write(data)
        raw_stream(sys.stdout).buffer.flush()
        return 0
    atomic_write(Path(output), data)
    print(f"Đã ghi {output}: {count} hạn.", file=sys.stderr)
    return 0


def calendar_data(plans: list[Plan], agency: str | None, role: str, today: date) -> tuple[bytes, int]:
    """The .ics bytes of the open deadlines of `agency` (every agency when None), and how many there are."""
    from cchc.render.ics import calendar_bytes
    from cchc.reports.calendar import calendar_entries, calendar_name

    entries = calendar_entries(plans, agency, role, today=today)
    return calendar_bytes(entries, name=calendar_name(plans, agency)), len(entries)

"""`cchc tasks --agency NAME`: every item an agency leads or coordinates, and how it was reached."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from cchc.commands.options import Agency, Paths, Role, Today
from cchc.escape import csv_text, md_cell

if TYPE_CHECKING:
    from cchc.reports.usage import TaskRow

FORMATS = ("table", "json", "csv", "md")
HEADERS = ["Kế hoạch", "TT", "Nội dung", "Vai trò", "Thời gian", "Trạng thái", "Cách tìm thấy"]


def tasks_cmd(
    paths: Paths = None,
    agency: Agency = None,
    role: Role = "any",
    direct_only: Annotated[
        bool, typer.Option("--direct-only", help="Chỉ việc ghi đích danh, bỏ việc giao cho nhóm.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv hoặc md.")] = "table",
    today: Today = None,
) -> int:
    """Việc của một cơ quan: chủ trì, phối hợp, qua nhóm, kế thừa (tasks of an agency)."""
    from cchc.commands.options import check_format, check_role, plan_paths, today_from
    from cchc.plan.loader import load_plans
    from cchc.reports.usage import agency_tasks, resolve_agency

    check_role(role)
    check_format(fmt, FORMATS)
    plans = load_plans(plan_paths(paths))
    rows = agency_tasks(plans, agency, role, direct_only=direct_only, today=today_from(today))
    name, note = resolve_agency(plans, agency) if agency else (None, None)
    if note:
        typer.echo(f"Lưu ý: {note}.", err=True)
    typer.echo(render(rows, fmt, name), nl=False)
    return 0


def render(typed: Sequence[TaskRow], fmt: str, agency: str | None) -> str:
    """The rows in `fmt`; pure (same rows, same bytes)."""
    import json

    cells = [[r.plan, r.number, r.text, r.role, r.time, r.state, r.how] for r in typed]
    if fmt == "json":
        return json.dumps([r.__dict__ for r in typed], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return csv_text([HEADERS, *cells])
    if fmt == "md":
        lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
        lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in cells]
        return "\n".join(lines) + "\n"
    from cchc.output.console import out, table

    # The terminal table shows the start of long item texts; json/csv/md keep them whole.
    cells = [[_short(row[0]), row[1], _short(row[2], 90), *row[3:]] for row in cells]
    title = f"Việc của {agency}: {len(typed)} mục" if agency else f"Tất cả việc: {len(typed)} mục"
    con = out()
    with con.capture() as captured:
        con.print(table(title, HEADERS, cells))
    return captured.get()


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"

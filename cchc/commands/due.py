"""`cchc due`: what is overdue and what falls due soon, for one agency or all of them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from cchc.commands.options import Agency, Paths, Role, Today

if TYPE_CHECKING:
    from cchc.reports.due import DueReport

FORMATS = ("table", "json", "csv", "md", "ics")


def due_cmd(
    paths: Paths = None,
    agency: Agency = None,
    role: Role = "any",
    today: Today = None,
    within: Annotated[str, typer.Option("--within", help="Khoảng nhìn trước: 30d, 2w, 3m.")] = "30d",
    overdue: Annotated[bool, typer.Option("--overdue", help="Chỉ nhiệm vụ quá hạn.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Mọi nhiệm vụ, kể cả thường xuyên, chờ sự kiện, đã xong.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv | md | ics.")] = "table",
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help="Thoát với mã 1 khi có nhiệm vụ quá hạn (cho CI).")
    ] = False,
) -> int:
    """Nhiệm vụ quá hạn và sắp đến hạn của một cơ quan (what is overdue and due soon)."""
    from cchc.commands.options import check_format, check_role, parse_within, plan_paths, today_from
    from cchc.plan.loader import load_plans
    from cchc.reports.due import due_report

    check_format(fmt, FORMATS)
    check_role(role)
    day = today_from(today)
    days = parse_within(within)
    plans = load_plans(plan_paths(paths))
    if fmt == "ics":  # the calendar of every open deadline, whatever the window (cchc calendar -o -)
        from cchc.commands.calendar import calendar_data
        from cchc.escape import raw_stream  # the calendar's CRLF lines, control characters already stripped

        raw_stream(sys.stdout).buffer.write(calendar_data(plans, agency, role, day)[0])
        return 0
    report = due_report(plans, agency, role, today=day, within=days, overdue_only=overdue, show_all=show_all)
    present(report, fmt, show_all)
    late = any(r.state == "overdue" for r in report.rows)
    return 1 if fail_on_overdue and late else 0


def present(report: DueReport, fmt: str, show_all: bool) -> None:
    from cchc.reports import due_view as dueview

    if fmt == "json":
        typer.echo(dueview.to_json(report), nl=False)
        return
    if fmt == "csv":
        typer.echo(dueview.to_csv(report), nl=False)
        return
    if fmt == "md":
        typer.echo(dueview.to_markdown(report, dueview.title(report)), nl=False)
        return
    from cchc.output.console import out, table

    con = out()
    if not report.rows:
        con.print(f"{dueview.title(report)}: không có nhiệm vụ nào quá hạn hoặc đến hạn.")
    else:
        styles = [_style(r.state, r.status.days) for r in report.rows]
        rows = [dueview.cells(r) for r in report.rows]
        con.print(table(dueview.title(report), dueview.HEADERS, rows, styles))
    note = dueview.summary(report, show_all)
    if note:
        con.print(note)


def _style(state: str, days: int | None) -> str | None:
    if state == "overdue":
        return "red"
    if days is not None and 0 <= days <= 7 and state in ("due_soon", "pending"):
        return "yellow"
    return None

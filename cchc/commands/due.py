"""`cchc due`: what is overdue and what falls due soon, for one agency or all of them.

By default over the plans in force today (`--all-plans`, `--plan`, `--province` change that),
in the next 30 days (`--within`, or a period: `--quarter`, `--month`, `--year`, `--from/--to`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from cchc.commands.options import (
    Agency,
    AllPlans,
    Force,
    From,
    Month,
    Output,
    Paths,
    PlanOpt,
    Province,
    Quarter,
    Role,
    To,
    Today,
    Within,
    Year,
)

if TYPE_CHECKING:
    from cchc.reports.due import DueReport

FORMATS = ("table", "json", "csv", "md", "xlsx", "ics")


def due_cmd(
    paths: Paths = None,
    agency: Agency = None,
    role: Role = "any",
    today: Today = None,
    within: Within = None,
    quarter: Quarter = None,
    month: Month = None,
    year: Year = None,
    start: From = None,
    end: To = None,
    plan: PlanOpt = None,
    province: Province = None,
    all_plans: AllPlans = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Chỉ nhiệm vụ quá hạn.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Mọi nhiệm vụ, kể cả thường xuyên, chờ sự kiện, đã xong.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv | md | xlsx | ics.")] = "table",
    output: Output = None,
    force: Force = False,
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help="Thoát với mã 1 khi có nhiệm vụ quá hạn (cho CI).")
    ] = False,
) -> int:
    """Nhiệm vụ quá hạn và sắp đến hạn của một cơ quan (what is overdue and due soon)."""
    from cchc.commands.options import (
        check_format,
        check_output,
        check_role,
        choose_plans,
        event_grace,
        role_needs_agency,
        today_from,
        window_from,
    )
    from cchc.reports.due import due_report

    check_format(fmt, FORMATS)
    check_output(fmt, output, force)
    check_role(role)
    role_needs_agency(role, agency)
    day = today_from(today)
    window = window_from(day, within, quarter, month, year, start, end)
    scope = choose_plans(paths, day, plan=plan, province=province, all_plans=all_plans)
    if fmt == "ics":  # the calendar of every open deadline, whatever the window (cchc calendar -o -)
        from cchc.commands.calendar import calendar_data
        from cchc.escape import raw_stream  # the calendar's CRLF lines, control characters already stripped

        raw_stream(sys.stdout).buffer.write(calendar_data(list(scope.plans), agency, role, day)[0])
        return 0
    grace = event_grace(scope.plans)
    report = due_report(
        scope, agency, role, today=day, window=window, overdue_only=overdue, show_all=show_all, event_grace=grace
    )
    present(report, fmt, output, force)
    late = any(r.state == "overdue" for r in report.rows)
    return 1 if fail_on_overdue and late else 0


def present(report: DueReport, fmt: str, output: str | None = None, force: bool = False) -> None:
    import sys

    from cchc.reports import due_view as view

    if fmt in ("json", "csv", "md", "xlsx"):
        note = view.scope_note(report)
        if fmt == "json":
            typer.echo(view.to_json(report), nl=False)
        elif fmt == "csv":
            typer.echo(view.to_csv(report), nl=False)
        elif fmt == "md":
            typer.echo(view.to_markdown(report), nl=False)
            note = ""  # the Markdown carries its notes
        else:
            _xlsx(report, output, force)
        if note:
            print(note, file=sys.stderr)
        return
    from cchc.output.console import out, table

    con = out()
    if not report.rows:
        con.print(f"{view.title(report)}: {view.empty_text(report)[0].lower()}{view.empty_text(report)[1:]}")
    else:
        cols = view.columns(report)
        rows = [view.cells(r, cols) for r in report.rows]
        con.print(table(view.title(report), [c.header for c in cols], rows, [view.style(r) for r in report.rows], cols))
    for line in (view.counts_line(report), view.scope_note(report)):
        if line:
            con.print(line)


def _xlsx(report: DueReport, output: str | None, force: bool) -> None:
    from pathlib import Path

    from cchc.commands.options import output_target, write_output
    from cchc.plan.scope import slug
    from cchc.render.sheet import sheet_bytes
    from cchc.reports import due_view as view

    headers, widths, rows = view.sheet_rows(report)
    who = slug(report.agency_name) if report.agency_name else "tat-ca"
    default = Path(f"han-{who}-{report.today:%Y-%m-%d}.xlsx")
    target = output_target(output, default, force)
    data = sheet_bytes(view.title(report), headers, rows, widths=widths, sheet_name="Thời hạn", stamp=report.today)
    write_output(data, target)

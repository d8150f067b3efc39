"""`cchc tasks --agency NAME`: every item an agency leads or coordinates, and how it was reached.

Over the plans in force today by default (`--all-plans`, `--plan`, `--province` as for `due`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from cchc.commands.options import Agency, AllPlans, Force, Output, Paths, PlanOpt, Province, Role, Today

FORMATS = ("table", "json", "csv", "md", "xlsx")


def tasks_cmd(
    paths: Paths = None,
    agency: Agency = None,
    role: Role = "any",
    direct_only: Annotated[
        bool, typer.Option("--direct-only", help="Chỉ việc ghi đích danh, bỏ việc giao cho nhóm.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv, md hoặc xlsx.")] = "table",
    today: Today = None,
    plan: PlanOpt = None,
    province: Province = None,
    all_plans: AllPlans = False,
    output: Output = None,
    force: Force = False,
) -> int:
    """Việc của một cơ quan: chủ trì, phối hợp, qua nhóm, kế thừa (tasks of an agency)."""
    import sys

    from cchc.agencies.match import agency_names, resolve_agency
    from cchc.commands.options import (
        check_format,
        check_output,
        check_role,
        choose_plans,
        event_grace,
        role_needs_agency,
        today_from,
    )
    from cchc.reports import tasks_view as view
    from cchc.reports.usage import agency_tasks

    check_role(role)
    check_format(fmt, FORMATS)
    check_output(fmt, output, force)
    role_needs_agency(role, agency)
    day = today_from(today)
    scope = choose_plans(paths, day, plan=plan, province=province, all_plans=all_plans)
    plans = list(scope.plans)
    rows = agency_tasks(plans, agency, role, direct_only=direct_only, today=day, event_grace=event_grace(plans))
    name, note = resolve_agency(plans, agency) if agency else (None, None)
    names = agency_names(plans, agency) if agency else {}
    if note:
        typer.echo(f"Lưu ý: {note}.", err=True)
    notes = []
    if scope.left_out:
        skipped = ", ".join(p.name for p in scope.left_out)
        notes.append(
            f"Chỉ các kế hoạch có hiệu lực ngày {day:%d/%m/%Y}; bỏ qua {len(scope.left_out)} kế hoạch khác: "
            f"{skipped} (xem bằng --all-plans, --plan)."
        )
    if len(names) > 1:
        notes.append(
            f"Lưu ý: {name} của {len(names)} tỉnh ({', '.join(sorted(names))}) là các cơ quan khác nhau; "
            "chọn một tỉnh bằng --province."
        )
    several = len(plans) > 1
    cols = view.columns(agency is not None, several)
    heading = view.title(name, rows, plans, day)
    if fmt == "json":
        typer.echo(
            view.to_json(
                rows,
                today=day,
                agency=agency,
                agency_name=name,
                role=role if agency else None,
                direct_only=direct_only,
                plans=plans,
                left_out=scope.left_out,
            ),
            nl=False,
        )
    elif fmt == "csv":
        typer.echo(view.to_csv(rows), nl=False)
    elif fmt == "md":
        typer.echo(view.to_markdown(rows, cols, heading), nl=False)
    elif fmt == "xlsx":
        from pathlib import Path

        from cchc.commands.options import output_target, write_output
        from cchc.plan.scope import slug
        from cchc.render.sheet import sheet_bytes

        headers, widths, cells = view.sheet_rows(rows)
        default = Path(f"viec-{slug(name) if name else 'tat-ca'}-{day:%Y-%m-%d}.xlsx")
        target = output_target(output, default, force)
        write_output(sheet_bytes(heading, headers, cells, widths=widths, sheet_name="Nhiệm vụ", stamp=day), target)
    else:
        from cchc.output.console import out, table

        con = out()
        grid_rows = [view.cells(r, cols) for r in rows]
        con.print(table(heading, [c.header for c in cols], grid_rows, [view.style(r) for r in rows], cols))
        line = view.counts_line(rows)
        if line:
            con.print(line)
        for text in notes:
            con.print(text)
        return 0
    for text in notes:
        print(text, file=sys.stderr)
    return 0

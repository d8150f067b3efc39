"""`cchc tasks --agency NAME`: every item an agency leads or coordinates, and how it was reached."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cchc.agencies.complete import complete_agency_param
from cchc.commands import guarded
from cchc.escape import csv_cell, md_cell

if TYPE_CHECKING:
    from cchc.reports.usage import TaskRow

FORMATS = ("table", "json", "csv", "md")
HEADERS = ["Kế hoạch", "TT", "Nội dung", "Vai trò", "Thời gian", "Trạng thái", "Cách tìm thấy"]


def register(app: typer.Typer) -> None:
    @app.command("tasks")
    @guarded
    def tasks_cmd(
        paths: Annotated[list[Path] | None, typer.Argument(help="Tệp hoặc thư mục kế hoạch (default: plans/).")] = None,
        agency: Annotated[
            Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
            typer.Option(
                "--agency",
                "-a",
                help="Tên cơ quan, viết tắt hoặc không dấu: 'Sở Tư pháp', 'so tu phap', 'Sở TTTT'.",
                shell_complete=complete_agency_param,
            ),
        ] = None,
        role: Annotated[str, typer.Option("--role", help="lead (chủ trì), support (phối hợp) hoặc any.")] = "any",
        direct_only: Annotated[
            bool, typer.Option("--direct-only", help="Chỉ việc ghi đích danh, bỏ việc giao cho nhóm.")
        ] = False,
        fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv hoặc md.")] = "table",
        today: Annotated[
            Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
            typer.Option("--today", help="Ngày tính thời hạn, YYYY-MM-DD (default: hôm nay hoặc CCHC_TODAY)."),
        ] = None,
    ) -> int:
        """Việc của một cơ quan: chủ trì, phối hợp, qua nhóm, kế thừa (tasks of an agency)."""
        from cchc.agencies.match import ROLES
        from cchc.errors import CchcError, Loc
        from cchc.plan.loader import load_plans
        from cchc.reports.usage import agency_tasks, resolve_agency

        if role not in ROLES:
            raise CchcError.single("A003", f"--role không hợp lệ: {role!r}", Loc("--role"), "lead, support hoặc any")
        if fmt not in FORMATS:
            raise CchcError.single("A003", f"--format không hợp lệ: {fmt!r}", Loc("--format"), ", ".join(FORMATS))
        plans = load_plans(paths or [Path("plans")])
        from cchc.commands.due import today_from

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
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(HEADERS)
        writer.writerows([[csv_cell(c) for c in row] for row in cells])
        return buf.getvalue()
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

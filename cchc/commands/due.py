"""`cchc due`: what is overdue and what falls due soon, for one agency or all of them."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cchc.agencies.complete import complete_agency_param
from cchc.commands import guarded

if TYPE_CHECKING:
    from cchc.reports.due import DueReport

FORMATS = ("table", "json", "csv", "md")
_WITHIN = re.compile(r"^\s*(\d{1,4})\s*(d|ngay|ngày|w|tuan|tuần|m|thang|tháng)?\s*$", re.IGNORECASE)
_UNIT_DAYS = {"d": 1, "ngay": 1, "ngày": 1, "w": 7, "tuan": 7, "tuần": 7, "m": 30, "thang": 30, "tháng": 30}


def parse_day(text: str, option: str) -> date:
    """A day given as YYYY-MM-DD or DD/MM/YYYY."""
    from cchc.errors import CchcError, Loc

    text = text.strip()
    try:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            d, m, y = (int(p) for p in text.split("/"))
            return date(y, m, d)
        return date.fromisoformat(text)
    except ValueError:
        raise CchcError.single(
            "U001", f"ngày không hợp lệ cho {option}: '{text}'", Loc(option), "viết YYYY-MM-DD hoặc DD/MM/YYYY"
        ) from None


def parse_within(text: str) -> int:
    """`30d`, `30`, `2w`, `3m` (30 days a month) → days."""
    from cchc.errors import CchcError, Loc

    m = _WITHIN.match(text)
    if not m:
        raise CchcError.single(
            "U002", f"khoảng thời gian không hợp lệ: '{text}'", Loc("--within"), "ví dụ: 30d, 2w, 3m"
        )
    return int(m.group(1)) * _UNIT_DAYS[(m.group(2) or "d").lower()]


def today_from(option: str | None) -> date:
    """--today, else CCHC_TODAY, else the wall clock (tests always pass a day)."""
    value = option or os.environ.get("CCHC_TODAY")
    return parse_day(value, "--today") if value else date.today()


def register(app: typer.Typer) -> None:
    @app.command("due")
    @guarded
    def due_cmd(
        paths: Annotated[
            Optional[list[Path]],  # noqa: UP045
            typer.Argument(help="Tệp hoặc thư mục kế hoạch (default: plans/)."),
        ] = None,
        agency: Annotated[
            Optional[str],  # noqa: UP045
            typer.Option(
                "--agency",
                "-a",
                help='Cơ quan, e.g. "Sở Tư pháp" (không dấu cũng được).',
                shell_complete=complete_agency_param,
            ),
        ] = None,
        role: Annotated[str, typer.Option("--role", help="lead (chủ trì) | support (phối hợp) | any.")] = "any",
        today: Annotated[
            Optional[str],  # noqa: UP045
            typer.Option("--today", help="Ngày tính hạn, YYYY-MM-DD (default: hôm nay hoặc CCHC_TODAY)."),
        ] = None,
        within: Annotated[str, typer.Option("--within", help="Khoảng nhìn trước: 30d, 2w, 3m.")] = "30d",
        overdue: Annotated[bool, typer.Option("--overdue", help="Chỉ nhiệm vụ quá hạn.")] = False,
        show_all: Annotated[
            bool, typer.Option("--all", help="Mọi nhiệm vụ, kể cả thường xuyên, chờ sự kiện, đã xong.")
        ] = False,
        fmt: Annotated[str, typer.Option("--format", "-f", help="table | json | csv | md.")] = "table",
        fail_on_overdue: Annotated[
            bool, typer.Option("--fail-on-overdue", help="Thoát với mã 1 khi có nhiệm vụ quá hạn (cho CI).")
        ] = False,
    ) -> int:
        """Nhiệm vụ quá hạn và sắp đến hạn của một cơ quan (what is overdue and due soon)."""
        from cchc.errors import CchcError, Loc
        from cchc.plan.loader import load_plans
        from cchc.reports.due import due_report

        if fmt not in FORMATS:
            raise CchcError.single("U003", f"định dạng không hỗ trợ: '{fmt}'", Loc("--format"), " | ".join(FORMATS))
        if role not in ("lead", "support", "any"):
            raise CchcError.single("U004", f"vai trò không hợp lệ: '{role}'", Loc("--role"), "lead | support | any")
        day = today_from(today)
        days = parse_within(within)
        plans = load_plans(paths or [Path("plans")])
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

"""`cchc report --quarter II/2025 --to docx`: the periodic CCHC report (quý, 6 tháng, năm)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cchc.commands.options import Agency, Paths, Today

Period = Optional[str]  # noqa: UP045 - typer needs Optional on Python 3.11 annotations


def report_cmd(
    paths: Paths = None,
    quarter: Annotated[Period, typer.Option("--quarter", "-q", help="Báo cáo quý: II/2025.")] = None,
    half: Annotated[Period, typer.Option("--half", help="Báo cáo 6 tháng: 1/2025 (đầu năm), 2/2025.")] = None,
    year: Annotated[Period, typer.Option("--year", help="Báo cáo năm: 2025.")] = None,
    agency: Agency = None,
    to: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--to", "-t", help="docx | xlsx | md (default: from -o's suffix, else docx)."),
    ] = None,
    output: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--output", "-o", help="Tệp ra; `-` = stdout (md) (default: bao-cao-cchc-<kỳ>.<to> here)."),
    ] = None,
    today: Today = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp ra đã có.")] = False,
) -> int:
    """Báo cáo định kỳ: kết quả theo cơ quan, 4 nhóm theo dõi, nhiệm vụ trễ và quá hạn (periodic report)."""
    from cchc.commands.options import check_format, conflict, plan_paths, today_from
    from cchc.errors import CchcError, Loc
    from cchc.files import atomic_write
    from cchc.plan.loader import load_plans
    from cchc.render.report import FORMATS, report_bytes
    from cchc.reports.progress import parse_period, progress_report
    from cchc.reports.progress_view import document

    period = parse_period(quarter, half, year)
    fmt = to or (Path(output).suffix.lstrip(".").lower() if output and output != "-" else "") or "docx"
    check_format(fmt, FORMATS, "--to")
    if output == "-" and fmt != "md":
        raise conflict("chỉ in Markdown ra màn hình; docx, xlsx cần -o TỆP", "-o", "-o FILE")
    day = today_from(today)
    report = progress_report(load_plans(plan_paths(paths)), period, today=day, agency=agency)
    data = report_bytes(document(report), fmt)
    if output == "-":  # Markdown only (above): text, through the terminal-safe stream
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return 0
    target = Path(output) if output else _default_output(period.slug, report.agency, fmt)
    if target.exists() and not force:
        raise CchcError.single(
            "P202", "tệp ra đã có (output file exists); thêm --force để ghi đè", Loc(str(target)), "hoặc chọn -o khác"
        )
    atomic_write(target, data)
    total = report.total
    print(
        f"Đã ghi {target}: {total.total} nhiệm vụ — đúng hạn {total.done_on_time}, trễ hạn {total.done_late}, "
        f"trong hạn {total.not_done_in_time}, quá hạn {total.not_done_overdue}, thường xuyên {total.ongoing}, "
        f"chờ sự kiện {total.waiting}.",
        file=sys.stderr,
    )
    return 0


def _default_output(slug: str, agency: str | None, fmt: str) -> Path:
    from cchc.text import fold

    parts = ["bao-cao-cchc", slug]
    if agency:
        parts.append("-".join(fold(agency).replace("/", " ").split()))
    return Path("-".join(parts) + f".{fmt}")

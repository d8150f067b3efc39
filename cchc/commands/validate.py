"""`cchc validate [PATHS] [--format text|json|github] [--strict] [--fix]`: every problem, one run.

Text output reads like a compiler (`file:line:col: error[CODE] message`, the source line, a
caret, a hint) and ends with a summary; `github` prints GitHub Actions annotations and is
chosen automatically when `GITHUB_ACTIONS=true`; `json` prints one object, `cchc-validate/1` (docs/ci.md).
Exit 0 clean, 1 errors (or warnings with `--strict`), 2 unusable input or usage.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from cchc.commands.options import Paths, Today

FORMATS = ("text", "json", "github")


def validate_cmd(
    paths: Paths = None,
    fmt: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional
        typer.Option(
            "--format", "-f", help="text, json hoặc github (mặc định github khi biến môi trường GITHUB_ACTIONS=true)."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Cảnh báo cũng làm lệnh thất bại (exit 1).")] = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Tự sửa lỗi an toàn (thẻ, NFC, dấu cách, kiểu dấu thanh) rồi kiểm tra lại."),
    ] = False,
    select: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional
        typer.Option("--select", help="Chỉ các mã này, cách nhau bởi dấu phẩy (e.g. N,X101); thay cấu hình."),
    ] = None,
    ignore: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional
        typer.Option("--ignore", help="Bỏ qua các mã này, cách nhau bởi dấu phẩy; thêm vào cấu hình."),
    ] = None,
    today: Today = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Số tiến trình kiểm tra song song (0: mỗi CPU một; 1: tuần tự)."),
    ] = 0,
) -> int:
    """Kiểm tra tệp kế hoạch: mọi lỗi, kèm tệp:dòng:cột (validate plan files; exit 1 on errors)."""
    from cchc.checks import config as config_mod
    from cchc.checks.runner import validate
    from cchc.commands.options import check_format, plan_paths, today_from
    from cchc.output.problems import format_all, format_github, format_json, summary

    chosen = check_format(fmt, FORMATS) if fmt else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    cfg = config_mod.find()
    cfg = config_mod.with_codes(cfg, select=select, ignore=ignore)
    targets = plan_paths(paths)
    day = today_from(today)
    report = validate(targets, config=cfg, today=day, jobs=jobs)
    if fix:
        from cchc.checks.fix import fix_report

        changes = fix_report(report)
        # Machine formats keep stdout for the report; the list of changes goes to stderr.
        out = sys.stdout if chosen == "text" else sys.stderr
        for change in changes:
            codes = ", ".join(change.codes)
            print(f"{change.loc}: đã sửa (fixed) [{codes}] {change.before!r} → {change.after!r}", file=out)
        files = len({change.loc.file for change in changes})
        print(f"Đã sửa {len(changes)} chỗ trong {files} tệp (fixed {len(changes)} texts).", file=out)
        report = validate(targets, config=cfg, today=day, jobs=jobs)
    if chosen == "json":
        print(format_json(report.problems, len(report.files)))
    elif chosen == "github":
        for problem in report.problems:
            print(format_github(problem))
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        for text in format_all(report.problems, colour=colour):
            print(text)
        print(summary(report.problems, len(report.files)))
    return 1 if report.failed(strict) else 0

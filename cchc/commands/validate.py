"""`cchc validate [PATHS] [--format text|json|github] [--strict] [--fix]`: every problem, one run.

Text output reads like a compiler (`file:line:col: error[CODE] message`, the source line, a
caret, a hint) and ends with a summary; `github` prints GitHub Actions annotations and is
chosen automatically when `GITHUB_ACTIONS=true`; `json` prints a list of objects (docs/ci.md).
Exit 0 clean, 1 errors (or warnings with `--strict`), 2 unusable input or usage.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from cchc.commands import guarded


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def register(app: typer.Typer) -> None:
    @app.command("validate")
    @guarded
    def validate_cmd(
        paths: Annotated[list[Path] | None, typer.Argument(help="Tệp hoặc thư mục kế hoạch (default: plans/).")] = None,
        fmt: Annotated[
            Optional[Format],  # noqa: UP045 - typer needs Optional
            typer.Option("--format", "-f", help="text, json hoặc github (mặc định github khi GITHUB_ACTIONS=true)."),
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
        today: Annotated[
            Optional[str],  # noqa: UP045 - typer needs Optional
            typer.Option(
                "--today", help="Ngày tham chiếu YYYY-MM-DD cho kiểm tra thời hạn (default: hôm nay hoặc CCHC_TODAY)."
            ),
        ] = None,
        jobs: Annotated[
            int,
            typer.Option("--jobs", "-j", min=0, help="Số tiến trình kiểm tra song song (0: mỗi CPU một; 1: tuần tự)."),
        ] = 0,
    ) -> int:
        """Kiểm tra tệp kế hoạch: mọi lỗi, kèm tệp:dòng:cột (validate plan files; exit 1 on errors)."""
        from cchc.checks import config as config_mod
        from cchc.checks.runner import validate
        from cchc.commands.due import today_from
        from cchc.output.problems import format_all, format_github, format_json, summary

        chosen = fmt or (Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text)
        cfg = config_mod.find()
        cfg = config_mod.with_codes(cfg, select=select, ignore=ignore)
        targets = paths or [Path("plans")]
        day = today_from(today)
        report = validate(targets, config=cfg, today=day, jobs=jobs)
        if fix:
            from cchc.checks.fix import fix_file

            # Machine formats keep stdout for the report; the list of changes goes to stderr.
            out = sys.stdout if chosen is Format.text else sys.stderr
            fixed_files = fixed = 0
            for file in report.files:
                changes = fix_file(file, report.problems)
                fixed_files += bool(changes)
                fixed += len(changes)
                for change in changes:
                    codes = ", ".join(change.codes)
                    print(f"{change.loc}: đã sửa (fixed) [{codes}] {change.before!r} → {change.after!r}", file=out)
            print(f"Đã sửa {fixed} chỗ trong {fixed_files} tệp (fixed {fixed} texts).", file=out)
            report = validate(targets, config=cfg, today=day, jobs=jobs)
        if chosen is Format.json:
            print(format_json(report.problems))
        elif chosen is Format.github:
            for problem in report.problems:
                print(format_github(problem))
        else:
            colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            for text in format_all(report.problems, colour=colour):
                print(text)
            print(summary(report.problems, len(report.files)))
        return 1 if report.failed(strict) else 0

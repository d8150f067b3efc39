"""`cchc diff OLD NEW` and `cchc diff --rev REV [PATHS]`: what changed in a plan, item by item.

Also `cchc git-setup`, which installs the git diff driver (`cchc show --for-diff`) in a repository.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

FORMATS = ("text", "markdown", "md", "json")


def diff_cmd(
    paths: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
        typer.Argument(
            metavar="TỆP...", help="OLD NEW (hai tệp), hoặc với --rev: các tệp/thư mục kế hoạch (mặc định: plans/)."
        ),
    ] = None,
    rev: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--rev", "-r", help="So phiên bản git REV với cây làm việc (git revision vs working tree)."),
    ] = None,
    to: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--to", help="Với --rev: so với phiên bản TO thay vì cây làm việc (compare REV with TO)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text (màn hình), markdown (merge request, CI), json.")
    ] = "text",
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Thoát với mã 1 khi có thay đổi (exit 1 when there are changes).")
    ] = False,
) -> int:
    """So sánh hai phiên bản kế hoạch (compare two versions of a plan: items, deadlines, agencies)."""
    from cchc.commands.options import check_format, conflict
    from cchc.review.git import compare_files, compare_revision

    check_format(fmt, FORMATS)
    if to is not None and rev is None:
        raise conflict("--to cần đi cùng --rev (--to needs --rev)", "--to")
    if rev is not None:
        result = compare_revision(rev, paths or (), to=to)
    elif paths is not None and len(paths) == 2:
        result = compare_files(paths[0], paths[1])
    else:
        raise conflict(
            "cần hai tệp OLD NEW, hoặc --rev REV [PATHS] (need two files, or a git revision)",
            "cchc diff",
            "ví dụ: cchc diff --rev HEAD~1 plans/",
        )
    problems = [str(p) for p in result.problems]
    if result.problems:
        from cchc.output.problems import print_problems

        print_problems(result.problems, sys.stderr)
    if fmt == "json":
        from cchc.review.view import json_text

        sys.stdout.write(json_text(result.files, problems))
    elif fmt in ("markdown", "md"):
        from cchc.review.view import markdown

        sys.stdout.write(markdown(result.files, problems))
    else:
        from cchc.output.console import console
        from cchc.output.diff import print_rich

        print_rich(result.files, console())
    if result.problems:
        return 2
    return 1 if exit_code and result.changed else 0


def git_setup_cmd(
    command: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
        typer.Option("--command", help="Lệnh textconv (mặc định: cchc show --for-diff của Python này)."),
    ] = None,
) -> int:
    """Cài bộ so sánh cchc cho git (git diff/log -p read plans item by item; see docs/review.md)."""
    from cchc.review.git import install_driver

    for line in install_driver(Path.cwd(), command):
        typer.echo(line)
    return 0

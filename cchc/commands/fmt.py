"""`cchc fmt [--check] [PATHS]`: rewrite plan files in the one canonical layout (see `cchc.plan.writer`).

Comments survive, writes are atomic, and formatting twice changes nothing the second time.
`--check` writes nothing: it prints a unified diff per file that would change and exits 1.
A file the loader refuses is not touched; its problems are printed and the exit code is 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cchc.commands.options import Paths


def fmt_cmd(
    paths: Paths = None,
    check: Annotated[
        bool, typer.Option("--check", help="Không ghi; in diff và trả mã 1 nếu có tệp cần định dạng.")
    ] = False,
) -> int:
    """Định dạng tệp kế hoạch theo bố cục chuẩn (format plan files; comments are kept)."""
    import difflib

    from cchc.errors import CchcError, Problem
    from cchc.files import atomic_write
    from cchc.output.problems import print_problems
    from cchc.plan.loader import discover
    from cchc.plan.writer import format_file

    files = discover(paths or [Path("plans")])
    changed: list[str] = []
    refused: list[Problem] = []
    for path in files:
        try:
            before, after = format_file(path)
        except CchcError as exc:
            refused.extend(exc.problems)
            continue
        if before == after:
            continue
        changed.append(str(path))
        if check:
            diff = difflib.unified_diff(
                before.splitlines(keepends=True),
                after.splitlines(keepends=True),
                fromfile=f"{path} (hiện tại)",
                tofile=f"{path} (chuẩn)",
            )
            sys.stdout.writelines(diff)
        else:
            atomic_write(path, after)
            print(f"đã định dạng (formatted): {path}")
    print_problems(refused, sys.stderr)
    verb = "cần định dạng (would reformat)" if check else "đã định dạng (reformatted)"
    bad = len({p.loc.file for p in refused})
    summary = f"{len(changed)} tệp {verb}, {len(files) - len(changed) - bad} tệp đã đúng chuẩn"
    print(summary + (f", {bad} tệp không đọc được." if bad else "."))
    if refused:
        return 2
    return 1 if check and changed else 0

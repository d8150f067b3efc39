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
    from cchc.output.problems import print_problems
    from cchc.plan.loader import discover

    files = discover(paths or [Path("plans")])
    changed: list[str] = []
    refused: list[Problem] = []
    for path in files:
        try:
            before, after = _format(path, write=not check)
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
            print(f"đã định dạng (formatted): {path}")
    print_problems(refused, sys.stderr)
    verb = "cần định dạng (would reformat)" if check else "đã định dạng (reformatted)"
    bad = len({p.loc.file for p in refused})
    summary = f"{len(changed)} tệp {verb}, {len(files) - len(changed) - bad} tệp đã đúng chuẩn"
    print(summary + (f", {bad} tệp không đọc được." if bad else "."))
    if refused:
        return 2
    return 1 if check and changed else 0


#: Times `fmt` formats a file again when another writer changed it between reading and writing.
RETRIES = 3


def _format(path: Path, *, write: bool) -> tuple[str, str]:
    """The file's text and its canonical form, written when `write` and different.

    The write is refused when the file changed since it was read (`atomic_write(expected=…)`):
    then it is read and formatted again, so a concurrent edit is formatted, never overwritten.
    """
    from cchc.errors import CchcError
    from cchc.files import atomic_write
    from cchc.plan.writer import format_file

    for attempt in range(RETRIES):
        before, after = format_file(path)
        if not write or before == after:
            return before, after
        try:
            atomic_write(path, after, expected=before)
            return before, after
        except CchcError as exc:
            if attempt == RETRIES - 1 or exc.problems[0].code != "W002":
                raise
    raise AssertionError("unreachable")

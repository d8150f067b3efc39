"""Problems as text, like a compiler: `file:line:col: error[CODE] message`, the source line, a caret, a hint."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from cchc.errors import CchcError, Problem, Severity


def _lines(path: str) -> tuple[str, ...]:
    try:
        stamp = Path(path).stat().st_mtime_ns
    except OSError:
        return ()
    return _read_lines(path, stamp)


@lru_cache(maxsize=64)
def _read_lines(path: str, stamp: int) -> tuple[str, ...]:
    # `stamp` (the file's mtime) keys the cache, so a file rewritten by --fix is read again.
    # Read as every untrusted file is (a FIFO named like a plan must not hang the error message).
    from cchc.files import read_bytes

    try:
        return tuple(read_bytes(path).decode("utf-8", errors="replace").splitlines())
    except CchcError:
        return ()


_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def format_text(
    problem: Problem, *, source: bool = True, colour: bool = False, lines: tuple[str, ...] | None = None
) -> str:
    """The compiler-style text of one problem, with its source line and caret when known.

    With `colour` (a terminal, NO_COLOR unset) the place is bold and the severity coloured, as
    compilers do; the words are the same. `lines` are the file's lines when the caller has them.
    """
    level = problem.severity.value
    if colour:
        head = f"{_BOLD}{problem.loc}:{_RESET} {_COLOURS[level]}{level}[{problem.code}]{_RESET} {problem.message}"
    else:
        head = f"{problem.loc}: {level}[{problem.code}] {problem.message}"
    out = [head]
    if not source or problem.loc.line <= 0:
        lines = ()
    elif lines is None:
        lines = _lines(problem.loc.file)
    if 0 < problem.loc.line <= len(lines):
        text = lines[problem.loc.line - 1]
        out.append(f"  {text}")
        caret = "  " + " " * max(problem.loc.col - 1, 0) + "^"
        out.append(f"{_COLOURS[level]}{caret}{_RESET}" if colour else caret)
    if problem.hint:
        out.append(f"  gợi ý: {problem.hint}")
    return "\n".join(out)


def print_problems(problems: Iterable[Problem], stream: TextIO) -> None:
    for text in format_all(sorted(problems, key=Problem.sort_key)):
        print(text, file=stream)


def format_all(problems: Iterable[Problem], *, colour: bool = False) -> Iterator[str]:
    """`format_text` of each problem, reading each file's lines once (problems come sorted by file)."""
    file: str | None = None
    lines: tuple[str, ...] | None = None
    for problem in problems:
        if problem.loc.file != file:
            file, lines = problem.loc.file, None
        if lines is None and problem.loc.line > 0:  # a problem without a line needs no source
            lines = _lines(problem.loc.file)
        yield format_text(problem, colour=colour, lines=lines or ())


def format_github(problem: Problem) -> str:
    """One GitHub Actions workflow command: `::error file=…,line=…,col=…,title=CODE::message`."""
    level = {"error": "error", "warning": "warning", "info": "notice"}[problem.severity.value]
    props = [f"file={_gh_prop(problem.loc.file)}"]
    if problem.loc.line > 0:
        props += [f"line={problem.loc.line}", f"col={max(problem.loc.col, 1)}"]
    props.append(f"title={_gh_prop(problem.code)}")
    message = problem.message + (f"\ngợi ý: {problem.hint}" if problem.hint else "")
    return f"::{level} {','.join(props)}::{_gh_data(message)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def as_json(problem: Problem) -> dict[str, object]:
    """The JSON object of one problem (documented in docs/ci.md)."""
    return {
        "file": problem.loc.file,
        "line": problem.loc.line,
        "col": problem.loc.col,
        "code": problem.code,
        "severity": problem.severity.value,
        "message": problem.message,
        "hint": problem.hint,
        "fixable": problem.fixable,
    }


def format_json(problems: Iterable[Problem]) -> str:
    """A JSON list of problem objects, sorted by file, line and column."""
    import json

    items = [as_json(p) for p in sorted(problems, key=Problem.sort_key)]
    return json.dumps(items, ensure_ascii=False, indent=2)


def summary(problems: Iterable[Problem], files: int) -> str:
    """`3 lỗi, 1 cảnh báo trong 4 tệp (2 có thể sửa bằng --fix)` — the last line of a text report."""
    found = list(problems)
    if not found:
        return f"Không có vấn đề nào trong {files} tệp (no problems)."
    counts = {s: sum(1 for p in found if p.severity is s) for s in Severity}
    parts = [f"{counts[Severity.ERROR]} lỗi (errors)", f"{counts[Severity.WARNING]} cảnh báo (warnings)"]
    if counts[Severity.INFO]:
        parts.append(f"{counts[Severity.INFO]} thông tin (info)")
    text = ", ".join(parts) + f" trong {files} tệp"
    fixable = sum(1 for p in found if p.fixable)
    if fixable:
        text += f"; {fixable} có thể sửa tự động bằng `cchc validate --fix`"
    return text + "."

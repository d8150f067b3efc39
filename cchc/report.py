"""Problems as text, like a compiler: `file:line:col: error[CODE] message`, the source line, a caret, a hint."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from cchc.errors import Problem


@lru_cache(maxsize=64)
def _lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return ()


def format_text(problem: Problem, *, source: bool = True) -> str:
    """The compiler-style text of one problem, with its source line and caret when known."""
    out = [f"{problem.loc}: {problem.severity.value}[{problem.code}] {problem.message}"]
    lines = _lines(problem.loc.file) if source and problem.loc.line > 0 else ()
    if 0 < problem.loc.line <= len(lines):
        text = lines[problem.loc.line - 1]
        out.append(f"  {text}")
        out.append("  " + " " * max(problem.loc.col - 1, 0) + "^")
    if problem.hint:
        out.append(f"  gợi ý: {problem.hint}")
    return "\n".join(out)


def print_problems(problems: Iterable[Problem], stream: TextIO) -> None:
    for problem in sorted(problems, key=Problem.sort_key):
        print(format_text(problem), file=stream)

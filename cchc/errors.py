"""Where things are and what is wrong with them: locations, problems, and the one fatal error type.

Findings are values (`Problem`); an exception (`CchcError`) means a command cannot go on.
The CLI turns a `CchcError` into its messages and exit code 2 (see `cchc.cli`).
"""

from __future__ import annotations

from enum import StrEnum

from cchc.record import record


@record(order=True)
class Loc:
    """A place in a file: 1-based line and column, as editors and compilers show them."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@record
class Problem:
    """One finding: a stable code, a severity, where, what (Vietnamese for users) and a hint."""

    code: str
    message: str
    loc: Loc
    severity: Severity = Severity.ERROR
    hint: str | None = None
    fixable: bool = False

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.loc.file, self.loc.line, self.loc.col, self.code)

    def __str__(self) -> str:
        text = f"{self.loc}: {self.severity.value}[{self.code}] {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class CchcError(Exception):
    """A command cannot go on: unusable input or usage. Exit code 2."""

    def __init__(self, problems: list[Problem] | None = None, exit_code: int = 2) -> None:
        super().__init__()
        self.problems: list[Problem] = problems if problems is not None else []
        self.exit_code = exit_code

    @classmethod
    def single(cls, code: str, message: str, loc: Loc, hint: str | None = None) -> CchcError:
        return cls([Problem(code, message, loc, Severity.ERROR, hint)])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

"""A suppression comment without a reason, or one that suppresses nothing.

`# cchc: ignore[CODE] lý do` at the end of an item's line (the line of `- id:` or of a field)
silences that check for the item (or for that field's line). The reason is for the reviewer who
reads the plan later; a suppression that no longer matches a problem hides nothing and misleads
(ruff's unused `noqa`). The runner reports these, after the other checks.

Failing::

    - id: I-1  # cchc: ignore[N102]

Passing::

    - id: I-1  # cchc: ignore[N102] Ban Chỉ đạo tự phân công khi triển khai
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cchc.checks.base import Context
from cchc.errors import Loc, Problem, Severity
from cchc.plan.model import Plan

CODE = "S101"
NAME = "suppression"
SEVERITY = Severity.WARNING

_COMMENT = re.compile(r"(?:^|\s)#\s*cchc:\s*ignore\[(?P<codes>[^\]]*)\](?P<reason>.*)$")


@dataclass(frozen=True)
class Suppression:
    """One `# cchc: ignore[…]` comment: the codes it names, its reason and where it is."""

    loc: Loc
    codes: tuple[str, ...]
    reason: str


def parse(text: str, file: str) -> list[Suppression]:
    """Every suppression comment in a file's text (a cheap line scan: comments are not in the node tree)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "cchc:" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        codes = tuple(c.strip().upper() for c in match.group("codes").split(",") if c.strip())
        col = match.start() + 1 + (1 if line[match.start()] != "#" else 0)
        found.append(Suppression(Loc(file, number, col), codes, match.group("reason").strip()))
    return found


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    """Nothing here: the runner (`cchc.checks.runner`) reports suppressions once it knows what they hid."""
    return iter(())


def without_reason(sup: Suppression) -> Problem:
    return Problem(
        CODE,
        f"chú thích bỏ qua {', '.join(sup.codes) or '[]'} thiếu lý do (suppression without a reason)",
        sup.loc,
        SEVERITY,
        "viết lý do sau dấu ], ví dụ `# cchc: ignore[N102] cơ quan chủ trì sẽ được phân công sau`",
    )


def unused(sup: Suppression, code: str) -> Problem:
    return Problem(
        CODE,
        f"chú thích bỏ qua {code} không che lỗi nào (suppression suppresses nothing)",
        sup.loc,
        SEVERITY,
        "xoá chú thích này nếu lỗi đã được sửa",
    )

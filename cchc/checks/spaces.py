"""Stray spaces: leading, trailing or double spaces, tabs, non-breaking or zero-width spaces in text.

Spaces at the start or end of a text or of one of its lines, and two spaces in a row, come from
copying cells out of Word and Excel. They are invisible in review, make two agency names that
look the same differ, and break alignment in the rendered annex. `--fix` leaves one ordinary
space between words and none at line ends.

Failing::

    text: "Rà soát  thủ tục hành chính "

Passing::

    text: Rà soát thủ tục hành chính
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan
from cchc.plan.scalars import TextValue

CODE = "X104"
NAME = "spaces"
SEVERITY = Severity.WARNING

# First match wins, so the message names the first stray space in the text.
_STRAY = re.compile(
    r"(?P<edge>^[ \t\u00a0]+|[ \t\u00a0]+$)|(?P<odd>[\t\u00a0\u200b\u2002\u2003\u2009])|(?P<double>  +)", re.M
)
_RUN = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    for tv in ctx.scalars:
        match = _STRAY.search(tv.value)
        if match is None:
            continue
        if match.group("edge"):
            what = "dấu cách ở đầu hoặc cuối dòng (leading/trailing space)"
        elif match.group("odd"):
            what = f"ký tự khoảng trắng lạ U+{ord(match.group()[0]):04X} (tab, non-breaking or zero-width space)"
        else:
            what = "nhiều dấu cách liền nhau (double space)"
        yield Problem(CODE, what, tv.at(match.start()), SEVERITY, "`cchc validate --fix` sửa tự động", fixable=True)


def tidy(text: str) -> str:
    """One ordinary space between words, none at the ends of lines or of the text."""
    text = text.replace("\u200b", "")
    return "\n".join(_RUN.sub(" ", line).strip(" ") for line in text.split("\n")).strip("\n ")


def fixer(values: Sequence[TextValue]) -> Callable[[str], str]:
    return tidy

"""Leftover markup: an HTML tag (`<p>`, `<ul style=…>`, `<br>`) or inline LaTeX (`$\\geq 80\\%$`) in text.

Text copied out of a web portal or a converted document often keeps the tags of its source.
They print literally in the annex and break searches. `--fix` removes them (block tags become
line breaks, `$\\geq$` becomes `≥`) and keeps the original cell in the item's `source`.

Failing::

    text: <p>Rà soát thủ tục hành chính</p>

Passing::

    text: Rà soát thủ tục hành chính
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan
from cchc.plan.scalars import TextValue
from cchc.text import find_markup, strip_markup

CODE = "X101"
NAME = "markup"
SEVERITY = Severity.ERROR


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    for tv in ctx.scalars:
        match = find_markup(tv.value)
        if match is not None:
            yield Problem(
                CODE,
                f"còn thẻ định dạng trong văn bản (leftover markup): {match.group()[:40]}",
                tv.at(match.start()),
                SEVERITY,
                "bỏ thẻ đi; `cchc validate --fix` làm việc này và giữ bản gốc trong `source`",
                fixable=True,
            )


def fixer(values: Sequence[TextValue]) -> Callable[[str], str]:
    return strip_markup

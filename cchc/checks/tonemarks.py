"""Mixed tone-mark styles in one plan: `hóa` and `hoá`, `Ủy` and `Uỷ`, `thủy` and `thuỷ` side by side.

In the open syllables `oa`, `oe`, `uy` the tone mark may sit on the first vowel (hóa, Ủy) or on
the second (hoá, Uỷ). Both styles are in official use, but one plan should use one: mixed, the
same agency is spelled two ways (`Ủy ban` / `Uỷ ban`) and exact searches miss half the rows.
The plan's majority style wins; each word in the other style is reported, and `--fix` rewrites
it (ties go to the first-vowel style).

Failing::

    text: Số hóa hồ sơ, chuẩn hoá quy trình

Passing::

    text: Số hóa hồ sơ, chuẩn hóa quy trình
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan
from cchc.plan.scalars import TextValue
from cchc.text import retone, retone_text, tone_words

CODE = "X103"
NAME = "tone-marks"
SEVERITY = Severity.WARNING


def majority(values: Sequence[TextValue]) -> str | None:
    """The plan's tone-mark style ("old" / "new"), or None when it uses only one (nothing is mixed)."""
    counts = Counter(style for tv in values for _, _, style in tone_words(tv.value))
    if len(counts) < 2:
        return None
    return "new" if counts["new"] > counts["old"] else "old"


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    values = ctx.scalars
    style = majority(values)
    if style is None:
        return
    for tv in values:
        for offset, word, found in tone_words(tv.value):
            if found != style:
                yield Problem(
                    CODE,
                    f"kiểu đặt dấu thanh khác phần còn lại của kế hoạch (mixed tone-mark style): "
                    f"{word!r}, kế hoạch chủ yếu viết {retone(word, style)!r}",
                    tv.at(offset),
                    SEVERITY,
                    "dùng một kiểu đặt dấu trong cả kế hoạch; `cchc validate --fix` sửa tự động",
                    fixable=True,
                )


def fixer(values: Sequence[TextValue]) -> Callable[[str], str]:
    style = majority(values)
    if style is None:
        return lambda text: text
    target = style
    return lambda text: retone_text(text, target)

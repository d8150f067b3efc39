"""Text not in Unicode NFC: a letter written as a base letter plus combining marks.

`ệ` typed as `e` + U+0302 + U+0323 looks the same as the single character `ệ` but does not
match it: searches (`cchc due --agency`) and sorting miss the text. Files saved by some
Windows tools and macOS copy-paste produce it. `--fix` rewrites the text in NFC.

Failing (``ệ`` as three code points)::

    text: "Cải cách thể che\\u0302\\u0301"

Passing::

    text: Cải cách thể chế
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence

from cchc.checks.base import Context
from cchc.errors import Problem, Severity
from cchc.plan.model import Plan
from cchc.plan.scalars import TextValue
from cchc.text import nfc

CODE = "X102"
NAME = "nfc"
SEVERITY = Severity.ERROR


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    for tv in ctx.scalars:
        if unicodedata.is_normalized("NFC", tv.value):
            continue
        offset = next(i for i, c in enumerate(tv.value) if unicodedata.combining(c))
        start = max(offset - 1, 0)
        yield Problem(
            CODE,
            f"văn bản chưa ở dạng Unicode NFC (text not NFC) gần {nfc(tv.value[start : start + 12])!r}",
            tv.at(start),
            SEVERITY,
            "gõ lại bằng Unicode dựng sẵn; `cchc validate --fix` tự chuyển sang NFC",
            fixable=True,
        )


def fixer(values: Sequence[TextValue]) -> Callable[[str], str]:
    return nfc

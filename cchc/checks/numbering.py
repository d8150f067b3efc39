"""Displayed numbering out of order, duplicated or with gaps (sections I, II …; items 1, 2 … or 1.1, 1.2 …).

Reviewers and signers read the numbers, and reports cite them ("nhiệm vụ 12"), so a skipped,
repeated or swapped number is a typo to fix before the plan is signed. Sibling sections must
count I, II, III … (or A, B …, or 1, 2 …). Plans number their items in different ways — one
running sequence through the whole annex, a new sequence in every section, or one per parent
item — so the check finds which way the plan uses (the one that fits it best) and reports the
numbers that break it. Dotted numbers (`2.1`, `2.2`) count within their prefix. Items without
a number are not counted.

Failing::

    items:
      - {id: a, number: "1", text: Rà soát văn bản}
      - {id: b, number: "3", text: Kiểm tra văn bản}

Passing::

    items:
      - {id: a, number: "1", text: Rà soát văn bản}
      - {id: b, number: "2", text: Kiểm tra văn bản}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from cchc.checks.base import Context
from cchc.errors import Loc, Problem, Severity
from cchc.plan.model import Entry, Plan

CODE = "N101"
NAME = "numbering"
SEVERITY = Severity.WARNING

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Vietnamese lists letter a, b, c, d, đ, e, g …; some plans use the Latin a … f.
_VIET = "abcdđeghiklmnopqrstuvxy"
_LATIN = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class Style:
    """A way of writing numbers: how to read one (None when it is not of this style) and show one."""

    name: str
    read: Callable[[str], tuple[tuple[int, ...], int] | None]
    show: Callable[[tuple[int, ...], int], str]


def _int(text: str) -> tuple[tuple[int, ...], int] | None:
    parts = text.split(".")
    if all(p.isdigit() and p.isascii() for p in parts):
        return tuple(int(p) for p in parts[:-1]), int(parts[-1])
    return None


def _roman(text: str) -> tuple[tuple[int, ...], int] | None:
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for i, char in enumerate(text):
        value = _ROMAN[char]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return ((), total) if to_roman(total) == text else None


def to_roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")):
        out, number = out + letters * (number // value), number % value
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        out, number = out + letters * (number // value), number % value
    return out


def _letters(alphabet: str, upper: bool) -> Style:
    letters = alphabet.upper() if upper else alphabet

    def read(text: str) -> tuple[tuple[int, ...], int] | None:
        return ((), letters.index(text) + 1) if len(text) == 1 and text in letters else None

    def show(prefix: tuple[int, ...], value: int) -> str:
        return letters[value - 1] if 0 < value <= len(letters) else "?"

    return Style(f"letters-{alphabet[:5]}-{'upper' if upper else 'lower'}", read, show)


STYLES = (
    Style("arabic", _int, lambda prefix, value: ".".join(str(p) for p in (*prefix, value))),
    Style("roman", _roman, lambda prefix, value: to_roman(value)),
    *(_letters(alphabet, upper) for alphabet in (_VIET, _LATIN) for upper in (False, True)),
)


@dataclass(frozen=True)
class Numbered:
    text: str
    loc: Loc
    scopes: dict[str, tuple[object, ...]]


@dataclass(frozen=True)
class Break:
    at: Numbered
    message: str


def _clean(number: str) -> str:
    return number.strip().rstrip(".").strip()


def _breaks(series: Sequence[Numbered], style: Style) -> list[Break]:
    """Numbers that do not continue 1, 2, 3 … within each prefix of the series."""
    found: list[Break] = []
    expected: dict[tuple[int, ...], int] = {}
    seen: dict[tuple[tuple[int, ...], int], Numbered] = {}
    readings = [(m, style.read(_clean(m.text))) for m in series]
    for index, (member, read) in enumerate(readings):
        if read is None:
            continue
        prefix, value = read
        want = expected.get(prefix, 1)
        shown = member.text.strip()
        after = readings[index + 1][1] if index + 1 < len(readings) else None
        if value != want and after == (prefix, want + 1):
            # The sequence goes on as if this one number were right: a typo in one row, not a cascade.
            found.append(Break(member, f"số thứ tự sai (wrong number): {shown}, cần {style.show(prefix, want)}"))
            seen.setdefault((prefix, value), member)
            expected[prefix] = want + 1
            continue
        if value != want:
            if (prefix, value) in seen:
                first = seen[(prefix, value)]
                found.append(
                    Break(member, f"số thứ tự bị trùng (duplicate number) {shown}; đã dùng ở dòng {first.loc.line}")
                )
            elif value < want:
                found.append(
                    Break(
                        member,
                        f"số thứ tự không đúng thứ tự (out of order): {shown} đứng sau {style.show(prefix, want - 1)}",
                    )
                )
            else:
                missing = style.show(prefix, want)
                if value - want > 1:
                    missing += f" … {style.show(prefix, value - 1)}"
                found.append(Break(member, f"số thứ tự bị nhảy (numbering gap): {shown}, thiếu {missing}"))
        seen.setdefault((prefix, value), member)
        expected[prefix] = max(want, value + 1)
    return found


def _best(series: Sequence[Numbered]) -> list[Break]:
    """The breaks under the style that reads the series best (all members readable, fewest breaks)."""
    best: list[Break] | None = None
    for style in STYLES:
        if not all(style.read(_clean(m.text)) is not None for m in series):
            continue
        breaks = _breaks(series, style)
        if best is None or len(breaks) < len(best):
            best = breaks
    return best or []


#: How items may be numbered, broadest first (ties go to the broadest).
MODES = {
    "plan": "đánh số liên tục trong cả phụ lục",
    "top": "đánh số lại từ đầu trong mỗi phần lớn (I, II …)",
    "section": "đánh số lại từ đầu trong mỗi phần",
    "parent": "đánh số lại từ đầu dưới mỗi mục cha",
}


def _item_scopes(entry: Entry) -> dict[str, tuple[object, ...]]:
    secs = tuple(id(s) for s in entry.sections)
    return {
        "plan": (),
        "top": secs[:1],
        "section": secs,
        "parent": (*secs, id(entry.ancestors[-1]) if entry.ancestors else None),
    }


def _kind_of(text: str) -> str:
    """Items numbered in different ways (1, 2 … beside a, b …) are different series."""
    cleaned = _clean(text)
    if _int(cleaned) is not None:
        return f"arabic{cleaned.count('.')}"
    return "upper" if cleaned.isupper() else "lower"


def check(plan: Plan, ctx: Context) -> Iterator[Problem]:
    for path in [(), *plan.all_sections()]:
        siblings = path[-1].sections if path else plan.sections
        series = [Numbered(s.number, s.where("number"), {}) for s in siblings if _clean(s.number)]
        for brk in _best(series):
            yield Problem(
                CODE, brk.message, brk.at.loc, SEVERITY, "các phần cùng cấp đánh số I, II, III … (hoặc A, B …)"
            )

    numbered = [
        Numbered(e.item.number, e.item.where("number"), _item_scopes(e))
        for e in plan.entries()
        if e.item.number and _clean(e.item.number)
    ]
    results: dict[str, list[Break]] = {}
    for mode in MODES:
        groups: dict[tuple[object, ...], list[Numbered]] = {}
        for member in numbered:
            groups.setdefault((_kind_of(member.text), *member.scopes[mode]), []).append(member)
        results[mode] = [brk for series in groups.values() for brk in _best(series)]
    mode = min(MODES, key=lambda m: len(results[m]))
    for brk in results[mode]:
        yield Problem(CODE, brk.message, brk.at.loc, SEVERITY, f"kế hoạch này {MODES[mode]}")

"""Reading Vietnamese time expressions: `Quý II/2024`, `Trước ngày 31/01/2024`, `Hàng tháng` …

A plan keeps the official wording of its time cells; `parse_time` derives a typed `Reading`
beside it: the kind of expression, the start and due dates (a due date is the END of that day
or period, calendar days), a repetition rule (RFC 5545 RRULE text, for `dateutil.rrule`), the
event the item waits on, a relative offset, labelled milestones of compound text, and every
assumption made (a missing year taken from the plan, a word mended after a page break).
Text that cannot be read is kept with kind `unparsed` and never guessed (DOMAIN.md §2).

This module is the vocabulary (kinds, the `Reading` record) and the clean-up of a cell; the
grammar that finds time *cores* inside a phrase (`Thực hiện trong Quý II/2025` → core
`trong Quý II/2025`, label `Thực hiện`) and cuts compound cells into parts is `cchc.schedule.timegrammar`.

Matching runs on a folded copy of the text (lower case, diacritics dropped, one character per
character of the cleaned original), so `hàng`/`hằng`, `THÁNG`/`tháng` read alike while labels and
event descriptions are cut from the original wording at the same positions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cchc.schedule.reading import (
    BEFORE_DATE,
    COMPOUND,
    DATE,
    DATED,
    EMPTY,
    EVENT,
    FROM,
    HALF_YEAR,
    KINDS,
    MONTH,
    MONTH_RANGE,
    ONGOING,
    QUARTER,
    QUARTER_LIST,
    QUARTER_RANGE,
    RANGE,
    RECURRING,
    RELATIVE,
    UNPARSED,
    WAITING,
    YEAR,
    YEAR_RANGE,
    Reading,
    fold,
)
from cchc.text import clean, has_markup, strip_markup

#: The vocabulary lives in `reading`; importers of this module get it from here as before.
__all__ = [
    "BEFORE_DATE",
    "COMPOUND",
    "DATE",
    "DATED",
    "EMPTY",
    "EVENT",
    "FROM",
    "HALF_YEAR",
    "KINDS",
    "MONTH",
    "MONTH_RANGE",
    "ONGOING",
    "QUARTER",
    "QUARTER_LIST",
    "QUARTER_RANGE",
    "RANGE",
    "RECURRING",
    "RELATIVE",
    "UNPARSED",
    "WAITING",
    "YEAR",
    "YEAR_RANGE",
    "Reading",
    "fold",
    "normalise",
    "parse_time",
]

# ---------------------------------------------------------------- folding and clean-up


_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-"})
_SLASH = re.compile(r"\s*/\s*")
# Words a page break splits (`Thườn g xuyên`): long enough that mending them cannot join two real words.
_MENDABLE = ("thuong", "xuyen", "thang", "truoc", "hoach", "thong", "nhat", "trong", "duoc", "chinh", "quyet")
_BROKEN = re.compile(r"\b(?:" + "|".join(" ?".join(w) for w in _MENDABLE) + r")\b")


def normalise(text: str) -> tuple[str, list[str]]:
    """Cleaned original text (markup removed, dashes unified, words mended) and what was mended."""
    text = strip_markup(text) if has_markup(text) else clean(text)
    text = _SLASH.sub("/", text.translate(_DASHES))
    notes: list[str] = []
    folded = fold(text)
    for m in reversed(list(_BROKEN.finditer(folded))):
        if " " in m.group(0):
            broken = text[m.start() : m.end()]
            mended = broken.replace(" ", "")
            notes.append(f"ghép từ bị ngắt dòng: '{broken}' → '{mended}'")
            text = text[: m.start()] + mended + text[m.end() :]
    return text, notes[::-1]


@lru_cache(maxsize=4096)
def parse_time(text: str | None, *, year: int | None = None) -> Reading:
    """Read a time cell. `year` is the plan's year, used (and recorded) when the text omits one."""
    raw = text or ""
    if not raw.strip():
        return Reading(text=raw, kind=EMPTY)
    from cchc.schedule.timegrammar import read  # imported on first use (~1.3 ms)

    orig, mended = normalise(raw)
    reading = read(orig, fold(orig), year)
    if reading is None:
        return Reading(text=raw, kind=UNPARSED, assumptions=tuple(mended))
    return reading.with_(text=raw, assumptions=(*mended, *reading.assumptions))

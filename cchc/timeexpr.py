"""Reading Vietnamese time expressions: `Quý II/2024`, `Trước ngày 31/01/2024`, `Hàng tháng` …

A plan keeps the official wording of its time cells; `parse_time` derives a typed `Reading`
beside it: the kind of expression, the start and due dates (a due date is the END of that day
or period, calendar days), a repetition rule (RFC 5545 RRULE text, for `dateutil.rrule`), the
event the item waits on, a relative offset, labelled milestones of compound text, and every
assumption made (a missing year taken from the plan, a word mended after a page break).
Text that cannot be read is kept with kind `unparsed` and never guessed (DOMAIN.md §2).

This module is the vocabulary (kinds, the `Reading` record) and the clean-up of a cell; the
grammar that finds time *cores* inside a phrase (`Thực hiện trong Quý II/2025` → core
`trong Quý II/2025`, label `Thực hiện`) and cuts compound cells into parts is `cchc.timegrammar`.

Matching runs on a folded copy of the text (lower case, diacritics dropped, one character per
character of the cleaned original), so `hàng`/`hằng`, `THÁNG`/`tháng` read alike while labels and
event descriptions are cut from the original wording at the same positions.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from cchc.record import record, replace
from cchc.text import clean, has_markup, strip_markup

DATE = "date"
BEFORE_DATE = "before-date"
MONTH = "month"
MONTH_RANGE = "month-range"
QUARTER = "quarter"
QUARTER_RANGE = "quarter-range"
QUARTER_LIST = "quarter-list"
HALF_YEAR = "half-year"
YEAR = "year"
YEAR_RANGE = "year-range"
RANGE = "range"
ONGOING = "ongoing"
FROM = "from"
RECURRING = "recurring"
EVENT = "event"
RELATIVE = "relative"
COMPOUND = "compound"
EMPTY = "empty"
UNPARSED = "unparsed"

#: Every kind, with its Vietnamese name for users.
KINDS: dict[str, str] = {
    DATE: "ngày cụ thể",
    BEFORE_DATE: "trước ngày",
    MONTH: "tháng",
    MONTH_RANGE: "khoảng tháng",
    QUARTER: "quý",
    QUARTER_RANGE: "khoảng quý",
    QUARTER_LIST: "danh sách quý",
    HALF_YEAR: "nửa năm",
    YEAR: "năm",
    YEAR_RANGE: "khoảng năm",
    RANGE: "khoảng thời gian",  # `Từ 01/7/2025 đến 31/12/2025`, `Từ tháng 7/2025 đến Quý II/2026`
    ONGOING: "thường xuyên",
    FROM: "từ thời điểm",  # `Từ tháng 7/2025`: a start, no deadline (never overdue)
    RECURRING: "định kỳ",
    EVENT: "chờ sự kiện",
    RELATIVE: "tính từ sự kiện",
    COMPOUND: "nhiều mốc",
    EMPTY: "trống",
    UNPARSED: "không đọc được",
}

#: Kinds that carry a date of their own once the year is known.
DATED = frozenset(
    {
        DATE,
        BEFORE_DATE,
        MONTH,
        MONTH_RANGE,
        QUARTER,
        QUARTER_RANGE,
        QUARTER_LIST,
        HALF_YEAR,
        YEAR,
        YEAR_RANGE,
        RANGE,
    }
)
#: Kinds that wait on something outside the plan.
WAITING = frozenset({EVENT, RELATIVE})


@record
class Reading:
    """How one time text was read. Dates are inclusive; `due` is the last day (end of day)."""

    text: str
    kind: str
    start: date | None = None
    due: date | None = None
    recurrence: str | None = None  # RRULE text without DTSTART, e.g. "FREQ=MONTHLY;BYMONTHDAY=-1"
    recurrence_start: date | None = None
    event: str | None = None  # what the item waits on, in the plan's words
    offset_days: int | None = None  # days between the event and the deadline (≥ 0)
    offset_direction: str | None = None  # "after" or "before" the event
    offset_base: str | None = None  # "calendar" or "working" days
    label: str | None = None  # the milestone's name in compound text ("Báo cáo", "Sơ kết")
    milestones: tuple[Reading, ...] = ()
    assumptions: tuple[str, ...] = ()
    core: str | None = None  # the words read as a time, in the plan's wording ("trong Quý II/2025")

    @property
    def waits(self) -> bool:
        """True when this text (or one of its milestones) waits on an event."""
        return self.kind in WAITING or any(m.waits for m in self.milestones)

    def with_(self, **changes: object) -> Reading:
        return replace(self, **changes)


# ---------------------------------------------------------------- folding and clean-up


@lru_cache(maxsize=512)
def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """Lower case without diacritics, one output character per input character (positions align)."""
    return "".join(_fold_char(c) for c in text)


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
    from cchc.timegrammar import read  # the grammar needs this module's vocabulary: imported on first use

    orig, mended = normalise(raw)
    reading = read(orig, fold(orig), year)
    if reading is None:
        return Reading(text=raw, kind=UNPARSED, assumptions=tuple(mended))
    return reading.with_(text=raw, assumptions=(*mended, *reading.assumptions))

"""The vocabulary of time readings: the kinds, the `Reading` record and the folding both the
reader (`timeexpr`) and its grammar (`timegrammar`) speak. Its own module, so the two depend on it
and not on each other."""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache

from cchc.record import record, replace

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


@lru_cache(maxsize=512)
def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """Lower case without diacritics, one output character per input character (positions align)."""
    return "".join(_fold_char(c) for c in text)

"""The stretch of time a question is about: "the next 30 days", "Quý II/2025", "tháng 6/2025".

`cchc due --within 30d` looks ahead from today (overdue work is always listed too);
`--quarter II/2025`, `--month 6/2025`, `--year 2025` and `--from/--to` ask about a period, and
list every deadline inside it whatever its state. Days and weeks are counted as days; months
are calendar months: `--within 4m` on 29/11/2026 runs to the end of March 2027, so the quarter
end on 31/03 is inside it (four times 30 days would stop on 29/03).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from cchc.record import record
from cchc.schedule.timeexpr import MONTH, QUARTER, parse_time

AHEAD = "ahead"
PERIOD = "period"

_WITHIN = re.compile(r"^\s*(\d{1,4})\s*(d|ngay|ngày|w|tuan|tuần|m|thang|tháng)?\s*$", re.IGNORECASE)
_UNITS = {"d": "d", "ngay": "d", "ngày": "d", "w": "w", "tuan": "w", "tuần": "w", "m": "m", "thang": "m", "tháng": "m"}


@record
class Window:
    """From `start` to `end` (both inclusive). `kind` AHEAD: from today on (overdue work listed
    too); PERIOD: a period asked for (every deadline inside it)."""

    start: date
    end: date
    kind: str
    label: str  # in Vietnamese, for titles: `30 ngày tới (đến 29/12/2026)`, `Quý II/2025`

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months (31/01 + 1 month = 28 or 29/02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def ahead(today: date, text: str) -> Window | None:
    """`30d`, `30`, `2w`, `4m` from today; None when the text is not one of these.

    Days and weeks end that many days ahead; `Nm` ends with the month N calendar months ahead
    (the rest of this month and N whole months).
    """
    m = _WITHIN.match(text)
    if not m:
        return None
    n, unit = int(m.group(1)), _UNITS[(m.group(2) or "d").lower()]
    if unit == "m":
        end = _month_end(add_months(today, n))
        label = f"{n} tháng tới (đến {end:%d/%m/%Y})"
    else:
        end = today + timedelta(days=n * (7 if unit == "w" else 1))
        words = f"{n} tuần" if unit == "w" else f"{n} ngày"
        label = f"{words} tới (đến {end:%d/%m/%Y})"
    return Window(today, end, AHEAD, label)


def quarter(text: str, today: date) -> Window | None:
    """`II/2025`, `2/2025`, `Q2/2025`, `Quý II/2025`, `II` (this year)."""
    body = re.sub(r"^\s*(?:quý|quy|q)\s*", "", text.strip(), flags=re.IGNORECASE)
    reading = parse_time(f"Quý {body}", year=today.year)
    if reading.kind != QUARTER or reading.start is None or reading.due is None:
        return None
    q = (reading.start.month - 1) // 3 + 1
    roman = ("I", "II", "III", "IV")[q - 1]
    return Window(reading.start, reading.due, PERIOD, f"Quý {roman}/{reading.due.year}")


def month(text: str, today: date) -> Window | None:
    """`6/2025`, `06/2025`, `Tháng 6/2025`, `6` (this year)."""
    body = re.sub(r"^\s*(?:tháng|thang)\s*", "", text.strip(), flags=re.IGNORECASE)
    reading = parse_time(f"Tháng {body}", year=today.year)
    if reading.kind != MONTH or reading.start is None or reading.due is None:
        return None
    return Window(reading.start, reading.due, PERIOD, f"tháng {reading.start:%m/%Y}")


def year(value: int) -> Window | None:
    if not 1900 <= value <= 2200:
        return None
    return Window(date(value, 1, 1), date(value, 12, 31), PERIOD, f"năm {value}")


def span(start: date, end: date) -> Window:
    return Window(start, end, PERIOD, f"{start:%d/%m/%Y} – {end:%d/%m/%Y}")

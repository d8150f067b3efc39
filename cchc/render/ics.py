"""Calendar entries as an iCalendar file (RFC 5545), written with the `icalendar` library.

Each entry is an all-day VEVENT on its deadline day with three VALARMs (09:00, 7, 3 and 1 days
before, as agency trackers remind: DOMAIN.md §5). The calendar carries the Asia/Ho_Chi_Minh
VTIMEZONE and names it as the calendar's zone (`X-WR-TIMEZONE`), so alarm times and the all-day
entries are read in Vietnamese time.

Nothing here reads the clock. `DTSTAMP` and `LAST-MODIFIED` are derived from the entry's content:
the plan's own day (`issued`) at a time of day taken from a hash of everything the entry says, so
they change exactly when the entry changes; `SEQUENCE` is 0 (there is no earlier file to count
revisions from). The same entries give the same bytes. icalendar escapes `,` `;` `\\` and line
breaks and folds long lines at 75 octets without splitting a UTF-8 character; the entries come
without control characters (`cchc.reports.calendar.clean_text`).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from icalendar import Timezone

TZID = "Asia/Ho_Chi_Minh"
VIETNAM = timezone(timedelta(hours=7))
#: Days before the deadline a reminder fires, at `ALARM_HOUR` local time.
ALARM_DAYS = (7, 3, 1)
ALARM_HOUR = 9
PRODID = "-//cchc//Lich thoi han CCHC//VI"


class EntryLike(Protocol):
    """What the writer needs of an entry (`cchc.reports.calendar.CalendarEntry` has it)."""

    @property
    def uid(self) -> str: ...
    @property
    def day(self) -> date: ...
    @property
    def summary(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def issued(self) -> date: ...


def content_stamp(entry: EntryLike, alarms: Sequence[int] = ALARM_DAYS) -> datetime:
    """The entry's DTSTAMP / LAST-MODIFIED: its plan's day, at a time of day hashed from its content (UTC)."""
    content = "\x1f".join(
        [entry.uid, entry.day.isoformat(), entry.summary, entry.description, ",".join(map(str, alarms))]
    )
    seconds = int.from_bytes(hashlib.sha256(content.encode("utf-8")).digest()[:8], "big") % 86_400
    local = datetime.combine(entry.issued, time(), VIETNAM) + timedelta(seconds=seconds)
    return local.astimezone(UTC)


@functools.cache
def _vtimezone() -> Timezone:
    """The VTIMEZONE of Asia/Ho_Chi_Minh from the tz database (built once: it scans 1970-2038)."""
    from icalendar import Timezone

    return Timezone.from_tzid(TZID)


def calendar_bytes(entries: Iterable[EntryLike], *, name: str, alarms: Sequence[int] = ALARM_DAYS) -> bytes:
    """The iCalendar file of `entries` (in the order given), named `name` in calendar apps."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(_vtimezone())
    for entry in entries:
        stamp = content_stamp(entry, alarms)
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", 0)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary)
        event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        event.add("class", "PUBLIC")
        for days in alarms:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            # Calendar apps show the event's title with the reminder; the reminder says how long is left.
            alarm.add("description", f"Còn {days} ngày đến hạn")
            # The entry starts at 00:00 of its day; -(days - 1) days and 15 h is 09:00, `days` days before.
            alarm.add("trigger", -timedelta(days=days, hours=-ALARM_HOUR))
            event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())

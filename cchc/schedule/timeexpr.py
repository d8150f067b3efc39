"""Reading Vietnamese time expressions: `Quý II/2024`, `Trước ngày 31/01/2024`, `Hàng tháng` …

A plan keeps the official wording of its time cells; `parse_time` derives a typed `Reading`
beside it: the kind of expression, the start and due dates (a due date is the END of that day
or period, calendar days), a repetition rule (RFC 5545 RRULE text, for `dateutil.rrule`), the
event the item waits on, a relative offset, labelled milestones of compound text, and every
assumption made (a missing year taken from the plan, a word mended after a page break).
Text that cannot be read is kept with kind `unparsed` and never guessed (DOMAIN.md §2).

Matching runs on a folded copy of the text (lower case, diacritics dropped, one character per
character of the cleaned original), so `hàng`/`hằng`, `THÁNG`/`tháng` read alike while labels and
event descriptions are cut from the original wording at the same positions.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
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
ONGOING = "ongoing"
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
    ONGOING: "thường xuyên",
    RECURRING: "định kỳ",
    EVENT: "chờ sự kiện",
    RELATIVE: "tính từ sự kiện",
    COMPOUND: "nhiều mốc",
    EMPTY: "trống",
    UNPARSED: "không đọc được",
}

#: Kinds that carry a date of their own once the year is known.
DATED = frozenset(
    {DATE, BEFORE_DATE, MONTH, MONTH_RANGE, QUARTER, QUARTER_RANGE, QUARTER_LIST, HALF_YEAR, YEAR, YEAR_RANGE}
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


def _fold(text: str) -> str:
    """Lower case without diacritics, one output character per input character (positions align)."""
    return "".join(_fold_char(c) for c in text)


_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-"})
_SLASH = re.compile(r"\s*/\s*")
_TRAIL = re.compile(r"[\s.;,:]+$")
_LEAD = re.compile(r"^[\s.;,:]+")
# Words a page break splits (`Thườn g xuyên`): long enough that mending them cannot join two real words.
_MENDABLE = ("thuong", "xuyen", "thang", "truoc", "hoach", "thong", "nhat", "trong", "duoc", "chinh", "quyet")
_BROKEN = re.compile(r"\b(?:" + "|".join(" ?".join(w) for w in _MENDABLE) + r")\b")


def _normalise(text: str) -> tuple[str, list[str]]:
    """Cleaned original text (markup removed, dashes unified, words mended) and what was mended."""
    text = strip_markup(text) if has_markup(text) else clean(text)
    text = _SLASH.sub("/", text.translate(_DASHES))
    notes: list[str] = []
    folded = _fold(text)
    for m in reversed(list(_BROKEN.finditer(folded))):
        if " " in m.group(0):
            broken = text[m.start() : m.end()]
            mended = broken.replace(" ", "")
            notes.append(f"ghép từ bị ngắt dòng: '{broken}' → '{mended}'")
            text = text[: m.start()] + mended + text[m.end() :]
    return text, notes[::-1]


# ---------------------------------------------------------------- calendar helpers


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(q: int, year: int) -> tuple[date, date]:
    return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"(?:iv|i{1,3}|[1-4])"
# `/2024`, ` năm 2024`, `, năm 2024`, ` 2024` — folded.
_YS = r"(?:/|\s*,?\s*nam\s+|\s+)"


class _Year:
    """The year for one reading: written, else the plan's (an assumption), else unknown."""

    def __init__(self, default: int | None, notes: list[str]) -> None:
        self.default = default
        self.notes = notes

    def __call__(self, written: str | None) -> int | None:
        if written:
            return int(written)
        if self.default is None:
            self.notes.append("chưa rõ năm: văn bản không ghi năm và không có năm kế hoạch")
            return None
        note = f"năm lấy theo kế hoạch: {self.default}"
        if note not in self.notes:
            self.notes.append(note)
        return self.default


# ---------------------------------------------------------------- atoms: one expression each

_Atom = Callable[[re.Match[str], str, _Year, list[str]], dict[str, object] | None]
_ATOMS: list[tuple[re.Pattern[str], str, _Atom]] = []


def _atom(pattern: str, kind: str) -> Callable[[_Atom], _Atom]:
    def register(fn: _Atom) -> _Atom:
        _ATOMS.append((re.compile(pattern), kind, fn))
        return fn

    return register


@_atom(r"(?:thuong xuyen|lien tuc|hang ngay)(?:\s*(?:lien tuc)?\s*[,(:;-]\s*(?P<q>.+?)\)?)?", ONGOING)
def _ongoing(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    if m.group("q"):
        notes.append(f"kèm điều kiện: {orig[m.start('q') : m.end('q')]}")
    return {}


_REPORT_Q = (
    r"(?:hang quy\s*,?\s*)?(?:truoc|cham nhat(?: la)?|truoc hoac vao)(?: ngay)? (?P<d>\d{1,2})"
    r" (?:cua )?thang cuoi (?:cua |moi )?quy"
)


@_atom(_REPORT_Q, RECURRING)
def _quarterly_report(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    # The reporting cadence of the plans: "before the 15th of the last month of each quarter".
    return _recurring(f"FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY={int(m.group('d'))}", None, year, notes)


@_atom(r"(?:truoc|cham nhat(?: la)?)(?: ngay)? (?P<d>\d{1,2})/(?P<m>\d{1,2}) (?:hang|moi) nam", RECURRING)
def _yearly_date(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    d, mo = int(m.group("d")), int(m.group("m"))
    if not _valid(2024, mo, d):
        return None
    return _recurring(f"FREQ=YEARLY;BYMONTH={mo};BYMONTHDAY={d}", None, year, notes)


_FROM = r"(?:\s*,?\s*\(?\s*(?:thuc hien |bat dau )?tu (?P<from>[^)]+?)\)?)?"
_ADHOC = r"(?P<adhoc>\s*,?\s*(?:hoac|va) (?:dot xuat|khi co yeu cau)(?: khi co yeu cau)?)?"


@_atom(r"quy (?P<q>" + _Q + r") (?:hang|moi) nam" + _FROM + _ADHOC, RECURRING)
def _yearly_quarter(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    q = _ROMAN[m.group("q")]
    return _recurring(f"FREQ=YEARLY;BYMONTH={3 * q};BYMONTHDAY=-1", m, year, notes, orig)


@_atom(r"thang (?P<mo>\d{1,2}) (?:hang|moi) nam" + _FROM + _ADHOC, RECURRING)
def _yearly_month(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    mo = int(m.group("mo"))
    if not 1 <= mo <= 12:
        return None
    return _recurring(f"FREQ=YEARLY;BYMONTH={mo};BYMONTHDAY=-1", m, year, notes, orig)


_EVERY = {
    "thang": "FREQ=MONTHLY;BYMONTHDAY=-1",
    "quy": "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
    "nam": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
}


@_atom(r"(?:hang|moi|dinh ky(?: hang)?) (?P<unit>thang|quy|nam)" + _FROM + _ADHOC, RECURRING)
def _every(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    return _recurring(_EVERY[m.group("unit")], m, year, notes, orig)


def _recurring(
    rule: str, m: re.Match[str] | None, year: _Year, notes: list[str], orig: str = ""
) -> dict[str, object] | None:
    start: date | None = None
    if m is not None and m.group("from"):
        sub = _read_atom(m.group("from"), orig[m.start("from") : m.end("from")], year.default)
        if sub is None or sub.start is None:
            return None
        start = sub.start
        notes.extend(a for a in sub.assumptions if a not in notes)
    elif year.default is not None:
        start = date(year.default, 1, 1)
        notes.append(f"lặp từ đầu năm kế hoạch: {year.default}")
    if m is not None and m.group("adhoc"):
        notes.append(f"ngoài lịch định kỳ còn có:{orig[m.start('adhoc') : m.end('adhoc')].lstrip(', ')}")
    return {"recurrence": rule, "recurrence_start": start, "start": start}


_WORKING = r"(?P<wd> lam viec)?"


def _relative(direction: str) -> _Atom:
    def read(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
        n = int(m.group("n")) if "n" in m.groupdict() and m.group("n") else 0
        base = "working" if m.groupdict().get("wd") else "calendar"
        return {
            "event": orig[m.start("ev") : m.end("ev")],
            "offset_days": n,
            "offset_direction": direction,
            "offset_base": base,
        }

    return read


_atom(
    r"(?:trong(?: vong| thoi han)?|cham nhat(?: la)?|khong qua)?\s*(?P<n>\d{1,3}) ngay"
    + _WORKING
    + r",? (?:ke tu|tinh tu|sau)(?: khi| ngay)? (?P<ev>.+)",
    RELATIVE,
)(_relative("after"))
_atom(
    r"(?:cham nhat(?: la)? |truoc it nhat |it nhat )?(?P<n>\d{1,3}) ngay"
    + _WORKING
    + r" truoc (?:ngay |khi )?(?P<ev>.+)",
    RELATIVE,
)(_relative("before"))
_atom(r"(?:truoc|cham nhat(?: la)?)(?: ngay| khi) (?P<ev>[^\d].+)", RELATIVE)(_relative("before"))


@_atom(r"(?:ngay )?(?:sau khi|khi|theo|tuy theo|tuy thuoc(?: vao)?|can cu) (?P<ev>.+)", EVENT)
def _event(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    return {"event": orig[m.start("ev") : m.end("ev")]}


def _valid(y: int, mo: int, d: int) -> bool:
    return 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]


_DATE_BODY = r"(?:ngay )?(?P<d>\d{1,2})(?:/| thang )(?P<m>\d{1,2})(?:(?:/| nam )(?P<y>\d{4}))?"


@_atom(r"(?:truoc|cham nhat(?: la)?|han chot|khong qua|den|toi)(?: ngay)? " + _DATE_BODY, BEFORE_DATE)
@_atom(_DATE_BODY, DATE)
def _date(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    y = year(m.group("y"))
    d, mo = int(m.group("d")), int(m.group("m"))
    if y is None:
        return {} if _valid(2024, mo, d) else None
    if not _valid(y, mo, d):
        return None
    return {"due": date(y, mo, d)}


@_atom(
    r"(?:tu )?thang (?P<m1>\d{1,2})(?:/(?P<y1>\d{4}))?\s*(?:-|den|toi)\s*(?:thang )?(?P<m2>\d{1,2})(?:"
    + _YS
    + r"(?P<y>\d{4}))?",
    MONTH_RANGE,
)
def _month_range(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    m1, m2 = int(m.group("m1")), int(m.group("m2"))
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    y2 = year(m.group("y"))
    if y2 is None:
        return {}
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
    start, due = date(y1, m1, 1), _month_end(y2, m2)
    return {"start": start, "due": due} if start <= due else None


@_atom(r"thang (?P<m>\d{1,2})(?:" + _YS + r"(?P<y>\d{4}))?", MONTH)
def _month(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    mo = int(m.group("m"))
    if not 1 <= mo <= 12:
        return None
    y = year(m.group("y"))
    return {} if y is None else {"start": date(y, mo, 1), "due": _month_end(y, mo)}


_QY = r"(?:" + _YS + r"(?P<y>\d{4}))?"


@_atom(r"(?:tu )?(?:cac )?quy (?P<q1>" + _Q + r")\s*(?:-|den|toi)\s*(?:quy )?(?P<q2>" + _Q + r")" + _QY, QUARTER_RANGE)
@_atom(
    r"(?:cac )?quy (?P<qs>" + _Q + r"(?:\s*(?:,|va)\s*(?:quy )?" + _Q + r")+)" + _QY,
    QUARTER_LIST,
)
@_atom(r"quy (?P<q1>" + _Q + r")" + _QY, QUARTER)
def _quarters(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    groups = m.groupdict()
    if groups.get("qs"):
        qs = [_ROMAN[q] for q in re.findall(_Q, re.sub(r"quy|va|,", " ", groups["qs"]))]
    else:
        qs = [_ROMAN[groups["q1"]], _ROMAN[groups.get("q2") or groups["q1"]]]
    if qs != sorted(qs):
        return None
    y = year(m.group("y"))
    if y is None:
        return {}
    return {"start": _quarter(qs[0], y)[0], "due": _quarter(qs[-1], y)[1]}


@_atom(r"(?:6 thang|sau thang|nua nam) (?P<h>dau|cuoi)(?: nam)?" + _QY, HALF_YEAR)
@_atom(r"nua (?P<h>dau|cuoi) nam" + _QY, HALF_YEAR)
def _half(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    y = year(m.group("y"))
    if y is None:
        return {}
    first = m.group("h") == "dau"
    return {"start": date(y, 1 if first else 7, 1), "due": date(y, 6, 30) if first else date(y, 12, 31)}


@_atom(r"(?:nam |giai doan |trong giai doan |cac nam )?(?P<y1>\d{4})\s*-\s*(?:nam )?(?P<y2>\d{4})", YEAR_RANGE)
def _years(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    return {"start": date(y1, 1, 1), "due": date(y2, 12, 31)} if y1 < y2 else None


@_atom(r"(?:trong |ca )?(?:nam )?(?P<y>(?:19|20)\d\d)", YEAR)
def _year(m: re.Match[str], orig: str, year: _Year, notes: list[str]) -> dict[str, object] | None:
    y = int(m.group("y"))
    return {"start": date(y, 1, 1), "due": date(y, 12, 31)}


# Words that introduce the time inside a longer phrase: "Ban hành Kế hoạch trong tháng 01/2024".
_FILLER = re.compile(r"^(?:(?:trong|vao|du kien|thoi gian|thoi han|hoan thanh|trong thoi gian)\s+)+")
_PAREN = re.compile(r"\s*\(([^()]+)\)$")
_CONNECTOR = re.compile(r"\b(?:trong|truoc|cham nhat|vao|khong qua|han chot|\d{1,3} ngay)\b")


def _read_atom(folded: str, orig: str, year: int | None) -> Reading | None:
    """The reading of text that is exactly one expression, or None."""
    folded, orig = folded.strip(), orig.strip()
    candidates = [(folded, orig)]
    f = _FILLER.match(folded)
    if f:
        candidates.append((folded[f.end() :], orig[f.end() :]))
    for fold_text, orig_text in candidates:
        for pattern, kind, fn in _ATOMS:
            m = pattern.fullmatch(fold_text)
            if m is None:
                continue
            notes: list[str] = []
            try:
                fields = fn(m, orig_text, _Year(year, notes), notes)
            except (ValueError, OverflowError):  # a year out of range (`01/01/0000`, `Quý I/0000`): unreadable
                return None
            if fields is None:
                return None
            return Reading(text=orig, kind=kind, assumptions=tuple(notes), **fields)  # type: ignore[arg-type]
    return None


def _read_part(folded: str, orig: str, year: int | None, *, labels: bool = True) -> Reading | None:
    """One expression, perhaps with a label: `Sơ kết: Quý IV/2027`, `Báo cáo trước ngày 10/12/2024`."""
    lead = _LEAD.match(folded)
    cut = lead.end() if lead else 0
    if folded[cut:].startswith("- "):
        cut += 2
    end = _TRAIL.search(folded)
    stop = end.start() if end else len(folded)
    folded, orig = folded[cut:stop], orig[cut:stop]
    reading = _read_atom(folded, orig, year)
    if reading is not None or not labels:
        return reading
    paren = _PAREN.search(folded)
    if paren:  # `Quý I/2024 (trình UBND tỉnh)`: the note in brackets names the milestone
        reading = _read_atom(folded[: paren.start()], orig[: paren.start()], year)
        if reading is not None:
            return reading.with_(text=orig, label=orig[paren.start(1) : paren.end(1)].strip())
    if ":" in folded:
        i = folded.index(":")
        left = _read_atom(folded[:i], orig[:i], year)
        right = _read_atom(folded[i + 1 :], orig[i + 1 :], year)
        if right is not None and left is None:
            return right.with_(text=orig, label=orig[:i].strip())
        if left is not None and right is None:
            return left.with_(text=orig, label=orig[i + 1 :].strip())
    for m in _CONNECTOR.finditer(folded):
        if m.start() == 0:
            continue
        reading = _read_atom(folded[m.start() :], orig[m.start() :], year)
        if reading is not None:
            return reading.with_(text=orig, label=orig[: m.start()].strip(" ,;:-"))
    return None


_SEPARATORS = re.compile(r"\s*[;\n]\s*|(?:(?<=[\s.;:])|^)-\s+(?!(?:iv|i{1,3})\b)(?=[^\d\s])")
_AND = re.compile(r"\s+va\s+")


def _split(folded: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in pattern.finditer(folded):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(folded):
        spans.append((pos, len(folded)))
    return [(a, b) for a, b in spans if folded[a:b].strip(" .;,:-")]


def _compound(folded: str, orig: str, year: int | None, pattern: re.Pattern[str]) -> Reading | None:
    spans = _split(folded, pattern)
    if len(spans) < 2:
        return None
    parts = [_read_part(folded[a:b], orig[a:b], year) for a, b in spans]
    if any(p is None or p.kind == COMPOUND for p in parts):
        return None
    milestones = tuple(p for p in parts if p is not None)
    due = milestones[-1].due
    # Milestones written out of order (`Quý IV/2025: …; Trước 25/12/2023`) must not give start > due.
    starts = [m.start for m in milestones if m.start and (due is None or m.start <= due)]
    notes: list[str] = []
    for m in milestones:
        notes.extend(a for a in m.assumptions if a not in notes)
    return Reading(
        text=orig,
        kind=COMPOUND,
        start=min(starts) if starts else None,
        due=due,
        milestones=milestones,
        assumptions=tuple(notes),
    )


@lru_cache(maxsize=4096)
def parse_time(text: str | None, *, year: int | None = None) -> Reading:
    """Read a time cell. `year` is the plan's year, used (and recorded) when the text omits one."""
    raw = text or ""
    if not raw.strip():
        return Reading(text=raw, kind=EMPTY)
    orig, mended = _normalise(raw)
    folded = _fold(orig)
    # One whole expression first (`Tháng 11/2024 - tháng 02/2025` is a range, not two bullets),
    # then parts split at `;`, line breaks and bullets, then a label search, then `và`.
    reading = (
        _read_part(folded, orig, year, labels=False)
        or _compound(folded, orig, year, _SEPARATORS)
        or _read_part(folded, orig, year)
        or _compound(folded, orig, year, _AND)
    )
    if reading is None:
        return Reading(text=raw, kind=UNPARSED, assumptions=tuple(mended))
    return reading.with_(text=raw, assumptions=(*mended, *reading.assumptions))

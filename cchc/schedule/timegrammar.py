"""The grammar of time cells: tokens of the folded text, rules that find time *cores*, and parts.

A cell is read in three steps.

1. **Tokens** (`tokenize`) of the folded text (`cchc.schedule.timeexpr.fold`: lower case, no marks, every
   position the same as in the cleaned original): numbers; dates written in digits (`31/01/2024`,
   `15/12`, ISO `2025-10-31`, `31-10-2025`, `31.10.2025`); words (`thang`, `quy`, `nam`, Roman
   numerals `i`–`iv`); marks (`/ - ; : , ( ) .` and line breaks).

2. **Cores.** At each token every rule is tried; the longest core starting there wins (a tie goes to
   the rule listed first) and scanning resumes after it. Tokens outside cores are label words.

   period   := date | month | month-range | month-list | quarter | quarter-range | quarter-list
               | half-year | year | year-range                      (`Quý I-IV năm 2024`, `6 tháng đầu năm`)
   year-sfx := `/2024` | ` năm 2024` | `, năm 2024` | ` 2024`        (missing: the plan's year, recorded)
   timed    := lead* [op] period [(`-`|`đến`|`tới`) period] [`hằng năm`] [`trở đi`]
     lead   := `trong` | `vào` | `dự kiến` | `khoảng` | `cuối` | `cả` | `trong thời gian` | `từ nay`
     op     := `từ`/`bắt đầu từ`/`kể từ` (open start, kind `from`; with a second period a range)
               | `trước` (before the period: its day before) | `chậm nhất`/`hạn chót`/`không quá`/
               `đến`/`đến hết`/`hết` (by the end of it) | `sau` (open start the day after it)
   ongoing  := `thường xuyên` | `liên tục` | `hằng ngày`
   every    := (`hằng`|`hàng`|`mỗi`|`định kỳ`) (`tháng`|`quý`|`năm`|`6 tháng`)
               | `ngày 15 hằng tháng` | `trước ngày 15 của tháng cuối quý` | period-without-year `hằng năm`
   relative := [`trong`|`chậm nhất`…] N `ngày` [`làm việc`] (`kể từ`|`sau`) EVENT
               | [`chậm nhất`] N `ngày` `trước` EVENT | (`trước`|`chậm nhất`) (`ngày`|`khi`) EVENT
   event    := [`ngay`] (`sau khi`|`khi`) EVENT | (`theo`|`tùy theo`|`căn cứ`) EVENT   (the latter only
               after a mark or at the start: "Các sở, ban, ngành theo chức năng" is not an event)
   EVENT    := every word to the end of the part
   adhoc    := (`hoặc`|`và`|`,`) (`đột xuất`|`khi có yêu cầu`)     (a note on a repetition)

   A bare year (`2025`, `năm 2025`, `giai đoạn 2025-2030`) or month (`12/2025`) names a time only
   at the start, after a mark, after a lead or op, or after `hoàn thành`/`thực hiện`/`triển khai`;
   after another word it is an attribute of that word (`chỉ số CCHC tỉnh năm 2024`, `Kế hoạch giai
   đoạn 2025-2030`), and `/2025` never starts one (`I/2024`, `45/2025/NĐ-CP`). A date right after a
   document symbol (`số 12/QĐ-UBND ngày 15/3/2025`) dates the document, not the task. A period that
   is malformed (`31/02/2024`, `Tháng 13/2024`, `Quý III-I/2024`) is read as unparsed, never guessed.

3. **Parts.** The cell is cut at `;`, line breaks, `•`, sentence ends (`. `) and bullets (`-`, `+`
   at the start of a part or right after a core) — never inside a core, so `Tháng 11/2024 - tháng
   02/2025` stays one range. An event's description runs to the end of its part and on over the
   parts after it that read as nothing or as another event (`Theo chỉ đạo …; khi có yêu cầu`).
   In each part, cores that only qualify their neighbour fold into it: `Thường xuyên, khi nhận được
   yêu cầu` (a condition), `Hàng năm (thực hiện từ Quý IV/2025)` (when a repetition starts), `Hàng
   năm hoặc đột xuất`, `Thường xuyên từ tháng 7/2025` (an open start). The words around a core are
   its label (cut from the original wording): before it (`Hoàn thành trước ngày 30/6/2025`) or after
   it (`Quý IV/2025: Kế hoạch …`). A part with no core labels the next part (else the one before);
   a cell with no core at all is unparsed. Several cores give a compound reading, one milestone each.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from cchc.schedule.reading import (
    BEFORE_DATE,
    COMPOUND,
    DATE,
    EVENT,
    FROM,
    HALF_YEAR,
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
    YEAR,
    YEAR_RANGE,
    Reading,
    fold,
)

# ---------------------------------------------------------------- tokens

NUM, DAY, WORD, MARK = "num", "day", "word", "mark"


class Tok(NamedTuple):
    kind: str  # NUM, DAY (a date in digits), WORD or MARK
    text: str  # folded
    start: int  # position in the text: folded and original alike
    end: int
    value: int = 0  # NUM: the number
    dmy: tuple[int, int, int | None] = (0, 0, None)  # DAY: day, month, year (None when not written)


_TOKEN = re.compile(
    r"(?P<iso>(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9]))"
    r"|(?P<dmy>(?<![0-9])[0-9]{1,2}(?P<sep>[/.-])[0-9]{1,2}(?P=sep)[0-9]{4}(?![0-9]))"
    r"|(?P<dm>(?<![0-9])[0-9]{1,2}/[0-9]{1,2}(?![0-9/]))"
    r"|(?P<num>[0-9]+)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<mark>\n|\S)"
)
_DIGITS = re.compile(r"[0-9]+")


def tokenize(folded: str) -> list[Tok]:
    """The tokens of folded text (see the module docstring)."""
    toks: list[Tok] = []
    for m in _TOKEN.finditer(folded):
        text, a, b = m.group(), m.start(), m.end()
        if m.group("iso") or m.group("dmy"):
            x, y, z = (int(n) for n in _DIGITS.findall(text))
            toks.append(Tok(DAY, text, a, b, dmy=(z, y, x) if m.group("iso") else (x, y, z)))
        elif m.group("dm"):
            d, mo = (int(n) for n in _DIGITS.findall(text))
            toks.append(Tok(DAY, text, a, b, dmy=(d, mo, None)))
        elif m.group("num"):
            toks.append(Tok(NUM, text, a, b, value=int(text)))
        elif m.group("word"):
            toks.append(Tok(WORD, text, a, b))
        else:
            toks.append(Tok(MARK, text, a, b))
    return toks


# ---------------------------------------------------------------- calendar


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(q: int, year: int) -> tuple[date, date]:
    return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)


def _check(ok: bool) -> None:
    """A malformed period (`Tháng 13`, `Quý III-I`): unreadable, like `date(2024, 2, 31)`."""
    if not ok:
        raise ValueError("malformed period")


class _Year:
    """The year for one reading: written, else the plan's (an assumption), else unknown."""

    def __init__(self, default: int | None, notes: list[str], *, written_nearby: bool = False) -> None:
        self.default = default
        self.notes = notes
        self.written_nearby = written_nearby  # the year comes from the other end of a range

    def __call__(self, written: int | None) -> int | None:
        if written is not None:
            return written
        if self.default is None:
            note = "chưa rõ năm: văn bản không ghi năm và không có năm kế hoạch"
        elif self.written_nearby:
            return self.default
        else:
            note = f"năm lấy theo kế hoạch: {self.default}"
        if note not in self.notes:
            self.notes.append(note)
        return self.default


# ---------------------------------------------------------------- periods and cores


class Period:
    """A period as written, before its year is known: `unit`, its numbers, the years written."""

    __slots__ = ("at", "bare", "i", "j", "nums", "unit", "y", "y1")

    def __init__(
        self, unit: str, i: int, j: int, nums: tuple[int, ...] = (), y: int | None = None, y1: int | None = None
    ) -> None:
        self.unit = unit  # a key of _UNIT_KIND
        self.i, self.j = i, j  # tokens [i, j)
        self.nums = nums
        self.y = y  # the (last) year written; -1 when malformed (`/99999`)
        self.y1 = y1  # the first year of a range, when written
        self.bare = False  # `12/2025` without `tháng`
        self.at: tuple[int, ...] = ()  # a month list: the token where each month is written


_UNIT_KIND = {
    "date": DATE,
    "month": MONTH,
    "month-range": MONTH_RANGE,
    "month-list": MONTH,
    "quarter": QUARTER,
    "quarter-range": QUARTER_RANGE,
    "quarter-list": QUARTER_LIST,
    "half": HALF_YEAR,
    "year": YEAR,
    "years": YEAR_RANGE,
}
_RANGE_KIND = {"month": MONTH_RANGE, "quarter": QUARTER_RANGE, "year": YEAR_RANGE}


class Core:
    """A time core: tokens [i, j) and what they mean."""

    __slots__ = (
        "base",
        "direction",
        "due",
        "ev",
        "i",
        "j",
        "kind",
        "notes",
        "offset",
        "ok",
        "period",
        "recurrence",
        "recurrence_start",
        "start",
        "subs",
    )

    def __init__(self, kind: str, i: int, j: int, *, start: date | None = None, due: date | None = None) -> None:
        self.kind = kind
        self.i, self.j = i, j
        self.start, self.due = start, due
        self.ok = True  # False: malformed, read as unparsed
        self.notes: list[str] = []
        self.period: Period | None = None
        self.recurrence: str | None = None
        self.recurrence_start: date | None = None
        self.ev: int | None = None  # EVENT, RELATIVE: first token of the event's description
        self.offset: int | None = None
        self.direction: str | None = None
        self.base: str | None = None
        self.subs: list[Core] = []  # a month list: one core per month


_EVERY = {
    "thang": "FREQ=MONTHLY;BYMONTHDAY=-1",
    "quy": "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1",
    "nam": "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31",
    "6 thang": "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1",
}
# Roman numerals a quarter may be written with; past IV it is malformed (`Quý V`: unparsed, not a label).
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}

# Words before a core that only say "at", "during": part of the core, never a label.
_LEADS = ("trong thoi gian", "trong", "vao", "du kien", "khoang", "cuoi", "ca", "tu nay")
_OPEN, _BEFORE, _BY, _AFTER = "open", "before", "by", "after"
# Longest first: the first that matches is taken.
_OPS = (
    ("bat dau tu", _OPEN),
    ("thuc hien tu", _OPEN),
    ("ke tu", _OPEN),
    ("tinh tu", _OPEN),
    ("tu", _OPEN),
    ("truoc hoac vao", _BY),
    ("truoc hoac trong", _BY),
    ("truoc", _BEFORE),
    ("cham nhat la vao", _BY),
    ("cham nhat la", _BY),
    ("cham nhat vao", _BY),
    ("cham nhat trong", _BY),
    ("cham nhat", _BY),
    ("han chot", _BY),
    ("khong qua", _BY),
    ("khong muon hon", _BY),
    ("den het", _BY),
    ("den", _BY),
    ("toi", _BY),
    ("het", _BY),
    ("sau", _AFTER),
)
_RANGE_SEPS = ("den het", "cho den", "den", "toi")
_OPEN_TAILS = ("tro di", "tro ve sau", "va cac nam tiep theo", "va nhung nam tiep theo")
# Verbs after which a bare year is when the work is done (`Hoàn thành năm 2025`), not an attribute.
_TIME_VERBS = frozenset({("hoan", "thanh"), ("thuc", "hien"), ("trien", "khai")})
_EVENT_ANYWHERE = ("ngay sau khi", "sau khi", "ngay khi", "khi")
_EVENT_AT_START = ("tuy thuoc vao", "tuy thuoc", "tuy theo", "can cu vao", "can cu", "theo")
_BREAKS = frozenset(";\n•·")
_BULLETS = frozenset("-+*")


@cache
def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.split())


@cache
def _by_first_word(phrases: tuple[str, ...]) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """The phrases of a list by their first word, in list order (`first` looks at one token, not all)."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for phrase in phrases:
        index.setdefault(phrase.split()[0], []).append((phrase, _words(phrase)))
    return index


class Grammar:
    """The tokens of one cell and the readings found in them."""

    def __init__(self, orig: str, folded: str, year: int | None) -> None:
        self.orig = orig
        self.toks = tokenize(folded)
        self.n = len(self.toks)
        self.year = year
        self._periods: dict[int, Period | None] = {}

    # ------------------------------------------------------------ token tests

    def words(self, i: int, phrase: str) -> int:
        """The token after `phrase` (folded words) when it is at token i, else -1."""
        return self._match(i, _words(phrase))

    def _match(self, i: int, words: tuple[str, ...]) -> int:
        if i < 0 or i + len(words) > self.n:
            return -1
        for k, w in enumerate(words):
            tok = self.toks[i + k]
            if tok.text != w or tok.kind != WORD:
                return -1
        return i + len(words)

    def first(self, i: int, phrases: tuple[str, ...]) -> tuple[str, int]:
        """The first of `phrases` written at token i (longest listed first), and the token after it."""
        if not 0 <= i < self.n or self.toks[i].kind != WORD:
            return "", -1
        for phrase, words in _by_first_word(phrases).get(self.toks[i].text, ()):
            j = self._match(i, words)
            if j >= 0:
                return phrase, j
        return "", -1

    def mark(self, i: int, chars: str) -> bool:
        return 0 <= i < self.n and self.toks[i].kind == MARK and self.toks[i].text in chars

    def num(self, i: int, digits: int = 2) -> int | None:
        if 0 <= i < self.n and self.toks[i].kind == NUM and len(self.toks[i].text) <= digits:
            return self.toks[i].value
        return None

    def year_at(self, i: int) -> int | None:
        if 0 <= i < self.n and self.toks[i].kind == NUM and len(self.toks[i].text) == 4:
            return self.toks[i].value
        return None

    def spaced(self, i: int) -> bool:
        """Whitespace between token i-1 and token i."""
        return 0 < i < self.n and self.toks[i].start > self.toks[i - 1].end

    def hard_break(self, k: int) -> bool:
        """`;`, a line break, `•`, or a full stop ending a sentence: parts end here, events too."""
        tok = self.toks[k]
        if tok.kind != MARK:
            return False
        return tok.text in _BREAKS or (tok.text == "." and (k + 1 == self.n or self.spaced(k + 1)))

    def part_end(self, k: int) -> int:
        while k < self.n and not self.hard_break(k):
            k += 1
        return k

    def text(self, i: int, j: int) -> str:
        """The original wording of tokens [i, j)."""
        return self.orig[self.toks[i].start : self.toks[j - 1].end] if j > i else ""

    # ------------------------------------------------------------ periods as written

    def year_suffix(self, k: int) -> tuple[int | None, int]:
        """`/2024`, ` năm 2024`, `, năm 2024`, ` 2024` at token k: (year or None, -1 if malformed; next token)."""
        if self.mark(k, "/"):
            if self.num(k + 1, digits=99) is None:
                return None, k
            y = self.year_at(k + 1)
            return (y if y is not None else -1), k + 2
        j = k + 1 if self.mark(k, ",") else k
        if self.words(j, "nam") >= 0 and self.year_at(j + 1) is not None:
            return self.year_at(j + 1), j + 2
        if self.year_at(k) is not None and self.spaced(k):
            return self.year_at(k), k + 1
        return None, k

    def range_sep(self, k: int) -> int:
        if self.mark(k, "-~"):
            return k + 1
        return self.first(k, _RANGE_SEPS)[1]

    def quarter_no(self, i: int) -> int | None:
        if 0 <= i < self.n and self.toks[i].kind == WORD and self.toks[i].text in _ROMAN:
            return _ROMAN[self.toks[i].text]
        return self.num(i, digits=1)

    def _month_period(self, i: int) -> Period | None:
        if self.words(i, "thang") < 0 or self.num(i + 1) is None:
            return None
        m1 = self.num(i + 1)
        assert m1 is not None
        j = k = i + 2
        y1 = None
        if self.mark(k, "/") and self.year_at(k + 1) is not None:
            y1, k = self.year_at(k + 1), k + 2
        sep = self.range_sep(k)
        if sep >= 0:
            k2 = sep + 1 if self.words(sep, "thang") >= 0 else sep
            m2 = self.num(k2)
            if m2 is not None:
                y, e = self.year_suffix(k2 + 1)
                return Period("month-range", i, e, (m1, m2), y, y1)
        months, at = [m1], [i]
        k = j
        while self.mark(k, ",") or self.words(k, "va") >= 0:
            k2 = k + 1 + (self.words(k + 1, "thang") >= 0)
            m = self.num(k2)
            if m is None or (self.mark(k2 + 1, "/") and self.year_at(k2 + 2) is None):
                break
            months.append(m)
            at.append(k + 1)
            k = k2 + 1
        if len(months) > 1:
            y, e = self.year_suffix(k)
            period = Period("month-list", i, e, tuple(months), y)
            period.at = tuple(at)
            return period
        y, e = self.year_suffix(j)
        return Period("month", i, e, (m1,), y)

    def _quarter_period(self, i: int) -> Period | None:
        j = i + 1 if self.words(i, "cac") >= 0 else i
        if self.words(j, "quy") < 0:
            return None
        q1 = self.quarter_no(j + 1)
        if q1 is None:
            return None
        k = j + 2
        sep = self.range_sep(k)
        if sep >= 0:
            k2 = sep + 1 if self.words(sep, "quy") >= 0 else sep
            q2 = self.quarter_no(k2)
            if q2 is not None:
                y, e = self.year_suffix(k2 + 1)
                return Period("quarter-range", i, e, (q1, q2), y)
        qs = [q1]
        while self.mark(k, ",") or self.words(k, "va") >= 0:
            k2 = k + 1 + (self.words(k + 1, "quy") >= 0)
            q = self.quarter_no(k2)
            if q is None:
                break
            qs.append(q)
            k = k2 + 1
        y, e = self.year_suffix(k)
        return Period("quarter-list" if len(qs) > 1 else "quarter", i, e, tuple(qs), y)

    def _half_period(self, i: int) -> Period | None:
        if (self.num(i) == 6 and self.words(i + 1, "thang") >= 0) or self.words(i, "sau thang") >= 0:
            which, j = self.first(i + 2, ("dau", "cuoi"))
            if j >= 0 and self.words(j, "nam") >= 0 and self.year_at(j + 1) is None:
                j += 1
        elif self.words(i, "nua nam") >= 0:
            which, j = self.first(i + 2, ("dau", "cuoi"))
        elif self.words(i, "nua") >= 0:
            which, j = self.first(i + 1, ("dau", "cuoi"))
            j = self.words(j, "nam") if j >= 0 and self.year_at(j + 1) is None else j
        else:
            return None
        if j < 0:
            return None
        y, e = self.year_suffix(j)
        return Period("half", i, e, (1 if which == "dau" else 2,), y)

    def _year_period(self, i: int) -> Period | None:
        _, j = self.first(i, ("giai doan", "cac nam", "nam"))
        j = i if j < 0 else j
        y1 = self.year_at(j)
        if y1 is None:
            return None
        sep = self.range_sep(j + 1)
        if sep >= 0:
            k = sep + 1 if self.words(sep, "nam") >= 0 else sep
            y2 = self.year_at(k)
            if y2 is not None:
                return Period("years", i, k + 1, (), y2, y1)
        return Period("year", i, j + 1, (), y1)

    def _date_period(self, i: int) -> Period | None:
        j = i + 1 if self.words(i, "ngay") >= 0 else i
        if j < self.n and self.toks[j].kind == DAY:
            day, month, written = self.toks[j].dmy
            return Period("date", i, j + 1, (day, month), written)
        d, m = self.num(j), self.num(j + 2)
        if d is None or m is None or self.words(j + 1, "thang") < 0:
            return None
        if self.mark(j + 3, "/") and self.year_at(j + 4) is None:
            return None
        y, e = self.year_suffix(j + 3)
        return Period("date", i, e, (d, m), y)

    def _bare_month_period(self, i: int) -> Period | None:
        m = self.num(i)
        if m is None or not self.mark(i + 1, "/") or self.year_at(i + 2) is None or self.mark(i + 3, "/"):
            return None
        period = Period("month", i, i + 3, (m,), self.year_at(i + 2))
        period.bare = True
        return period

    def period(self, i: int) -> Period | None:
        """The longest period written at token i."""
        if i in self._periods:
            return self._periods[i]
        best: Period | None = None
        for rule in (
            self._date_period,
            self._month_period,
            self._quarter_period,
            self._half_period,
            self._year_period,
            self._bare_month_period,
        ):
            p = rule(i)
            if p is not None and (best is None or p.j > best.j):
                best = p
        self._periods[i] = best
        return best

    # ------------------------------------------------------------ what a period means

    def resolve(self, p: Period, default: int | None, *, written_nearby: bool = False) -> Core:
        """The dates of a period; its year, when not written, is `default` (recorded as assumed)."""
        core = Core(_UNIT_KIND[p.unit], p.i, p.j)
        core.period = p
        year = _Year(default, core.notes, written_nearby=written_nearby)
        try:
            _check(p.y != -1)
            if p.unit == "month-list":
                y = year(p.y)
                for n, m in enumerate(p.nums):
                    _check(1 <= m <= 12)
                    sub = Core(MONTH, p.at[n], p.at[n + 1] if n + 1 < len(p.at) else p.j)
                    sub.period, sub.notes = p, core.notes
                    if y is not None:
                        sub.start, sub.due = date(y, m, 1), _month_end(y, m)
                    core.subs.append(sub)
            else:
                core.start, core.due = self._dates(p, year)
        except (ValueError, OverflowError):  # a malformed period, or a year out of range (`Quý I/0000`)
            core.ok = False
        return core

    def _dates(self, p: Period, year: _Year) -> tuple[date | None, date | None]:
        u, nums = p.unit, p.nums
        if u == "date":
            d, m = nums
            y = year(p.y)
            _check(1 <= m <= 12 and 1 <= d <= calendar.monthrange(y or 2024, m)[1])
            return (None, date(y, m, d)) if y is not None else (None, None)
        if u in ("month", "month-range"):
            m1, m2 = nums[0], nums[-1]
            _check(1 <= m1 <= 12 and 1 <= m2 <= 12)
            y2 = p.y if p.y is not None else p.y1 if p.y1 is not None else year(None)
            if y2 is None:
                return None, None
            y1 = p.y1 if p.y1 is not None else (y2 if m1 <= m2 else y2 - 1)
            start, due = date(y1, m1, 1), _month_end(y2, m2)
            _check(start <= due)
            return start, due
        if u.startswith("quarter"):
            _check(list(nums) == sorted(nums) and all(1 <= q <= 4 for q in nums))
            y = year(p.y)
            return (_quarter(nums[0], y)[0], _quarter(nums[-1], y)[1]) if y is not None else (None, None)
        if u == "half":
            y = year(p.y)
            if y is None:
                return None, None
            return (date(y, 1, 1), date(y, 6, 30)) if nums[0] == 1 else (date(y, 7, 1), date(y, 12, 31))
        if u == "years":
            assert p.y1 is not None and p.y is not None
            _check(p.y1 < p.y)
            return date(p.y1, 1, 1), date(p.y, 12, 31)
        y = year(p.y)  # year
        return (date(y, 1, 1), date(y, 12, 31)) if y is not None else (None, None)

    def _range(self, first: Period, second: Period) -> Core:
        """`Từ tháng 7/2025 đến Quý II/2026`: from the start of the first to the end of the second."""
        end = self.resolve(second, self.year)
        shared = first.y is None and end.due is not None  # `Từ tháng 7 đến tháng 9/2025`: one year for both
        default = end.due.year if end.due is not None and shared else self.year
        begin = self.resolve(first, default, written_nearby=shared)
        if shared and default and begin.ok and begin.start and end.due and begin.start > end.due:
            begin = self.resolve(first, default - 1, written_nearby=True)
        units = {first.unit, second.unit}
        kind = _RANGE_KIND.get(first.unit, RANGE) if len(units) == 1 else RANGE
        core = Core(kind, first.i, second.j)
        core.notes = begin.notes + [n for n in end.notes if n not in begin.notes]
        start = begin.start or begin.due
        if not (begin.ok and end.ok and not begin.subs and not end.subs):
            core.ok = False
        elif start is not None and end.due is not None:
            if start > end.due:
                core.ok = False
            core.start, core.due = start, end.due
        return core

    # ------------------------------------------------------------ rules: one core each

    def introduced(self, i: int) -> bool:
        """A bare year at token i names a time (not an attribute of the word before it)."""
        if i == 0:
            return True
        prev = self.toks[i - 1]
        if prev.kind == MARK:
            return prev.text != "/" and not (prev.text in "-." and not self.spaced(i))
        if prev.kind != WORD:
            return False
        if prev.text in ("va", "hoac") and i >= 2 and self.toks[i - 2].kind in (NUM, DAY):
            return True
        return i >= 2 and (self.toks[i - 2].text, prev.text) in _TIME_VERBS

    def after_document(self, i: int) -> bool:
        """Token i (a date, or `ngày` before one) follows a document symbol: `số 12/QĐ-UBND ngày 15/3/2025`."""
        k = i - 1
        if self.toks[i].kind == DAY and k >= 0 and self.toks[k].kind == WORD and self.toks[k].text == "ngay":
            k -= 1
        chain: list[Tok] = []
        while k >= 0:  # the run of tokens written without a space before the date
            chain.append(self.toks[k])
            if k == 0 or self.spaced(k):
                break
            k -= 1
        kinds = {t.kind for t in chain}
        return len(chain) >= 3 and NUM in kinds and WORD in kinds and any(t.text == "/" for t in chain)

    def timed(self, i: int) -> Core | None:
        """lead* [op] period [range] [`hằng năm`] [`trở đi`] at token i (see the module docstring)."""
        k, led = i, False
        while True:
            _, e = self.first(k, _LEADS)
            if e < 0:
                break
            k, led = e, True
        op = ""
        p = self.period(k)
        if p is None:
            for phrase, what in _OPS:
                e = self.words(k, phrase)
                if e >= 0:
                    p = self.period(e + self.mark(e, ":"))  # `Hạn chót: 31/10/2025`
                    if p is not None:
                        op = what
                        break
        if p is None:
            if led and self.words(k, "nam") >= 0 and (k + 1 == self.n or self.toks[k + 1].kind == MARK):
                p = Period("year", k, k + 1)  # `trong năm`, `cuối năm`: the plan's year
            else:
                return None
        if not led and not op:
            if (p.unit in ("year", "years") or p.bare) and not self.introduced(i):
                return None
            if p.unit == "date" and self.after_document(i):
                return None
        if op == _OPEN and p.unit in ("month-range", "quarter-range", "years"):
            op = ""  # `Từ tháng 7 đến tháng 9/2025`: `từ` opens the range
        core: Core | None = None
        if op in ("", _OPEN):
            sep = self.range_sep(p.j)
            second = self.period(sep) if sep >= 0 else None
            if second is not None and p.unit != "month-list" and second.unit != "month-list":
                core, op = self._range(p, second), ""
        if core is None:
            core = self.resolve(p, self.year)
            _, e = self.first(core.j, ("hang nam", "moi nam"))
            if e >= 0 and p.unit in ("date", "month", "quarter", "half") and op in ("", _BEFORE, _BY):
                core, op = self.yearly(p, e), ""
        _, e = self.first(core.j, _OPEN_TAILS)
        if e >= 0 and op in ("", _OPEN) and core.kind != RECURRING:
            core.j, op = e, _OPEN
        core.i = i
        if op and core.subs:
            core.ok = False
        try:
            self._apply(op, p, core)
        except OverflowError:  # the day after 31/12/9999, the day before 01/01/0001
            core.ok = False
        return core

    @staticmethod
    def _apply(op: str, p: Period, core: Core) -> None:
        """What an operator makes of a period: an open start, or a deadline by or before it."""
        one = timedelta(days=1)
        if op == _OPEN:
            core.kind, core.start, core.due = FROM, core.start or core.due, None
        elif op == _AFTER:
            core.kind, core.start, core.due = FROM, core.due and core.due + one, None
        elif op == _BY:
            core.kind, core.start = BEFORE_DATE, None
        elif op == _BEFORE:
            day = core.due if p.unit == "date" else core.start and core.start - one
            core.kind, core.start, core.due = BEFORE_DATE, None, day

    def yearly(self, p: Period, j: int) -> Core:
        """`Quý IV hàng năm`, `Tháng 12 hằng năm`, `Trước ngày 15/12 hằng năm`: once a year."""
        core = Core(RECURRING, p.i, j)
        nums = p.nums
        if p.unit == "quarter":
            core.recurrence = f"FREQ=YEARLY;BYMONTH={3 * nums[0]};BYMONTHDAY=-1"
            core.ok = 1 <= nums[0] <= 4
        elif p.unit == "half":
            core.recurrence = f"FREQ=YEARLY;BYMONTH={6 * nums[0]};BYMONTHDAY=-1"
        elif p.unit == "month":
            core.recurrence = f"FREQ=YEARLY;BYMONTH={nums[0]};BYMONTHDAY=-1"
            core.ok = 1 <= nums[0] <= 12
        else:
            d, m = nums
            core.recurrence = f"FREQ=YEARLY;BYMONTH={m};BYMONTHDAY={d}"
            core.ok = 1 <= m <= 12 and 1 <= d <= calendar.monthrange(2024, m)[1]
        if p.y is not None and p.y > 0:
            core.start = core.recurrence_start = date(p.y, 1, 1)
        return core

    def every(self, i: int) -> Core | None:
        """`Hằng tháng`, `Hàng quý`, `Định kỳ hằng năm`, `Mỗi năm`, `Định kỳ 6 tháng`."""
        _, j = self.first(i, ("dinh ky hang", "dinh ky", "hang", "moi"))
        if j < 0:
            return None
        if self.num(j) == 6 and self.words(j + 1, "thang") >= 0:
            unit, e = "6 thang", j + 2
        else:
            unit, e = self.first(j, ("nua nam", "thang", "quy", "nam"))
            unit = "6 thang" if unit == "nua nam" else unit
        if e < 0:
            return None
        core = Core(RECURRING, i, e)
        core.recurrence = _EVERY[unit]
        return core

    def monthly_day(self, i: int) -> Core | None:
        """`Ngày 25 hằng tháng`, `Trước ngày 15 hàng tháng`."""
        _, j = self.first(i, ("truoc ngay", "cham nhat ngay", "cham nhat la ngay", "ngay"))
        j = i if j < 0 else j
        d = self.num(j)
        _, e = self.first(j + 1, ("hang thang", "moi thang"))
        if d is None or e < 0:
            return None
        core = Core(RECURRING, i, e)
        core.recurrence = f"FREQ=MONTHLY;BYMONTHDAY={d}"
        core.ok = 1 <= d <= 31
        return core

    def quarterly_report(self, i: int) -> Core | None:
        """The reporting cadence of the plans: `Trước ngày 15 của tháng cuối quý` (each quarter)."""
        _, j = self.first(i, ("hang quy",))
        j = i if j < 0 else j + self.mark(j, ",")
        _, j = self.first(j, ("truoc hoac vao", "truoc", "cham nhat la", "cham nhat"))
        if j < 0:
            return None
        j = j + 1 if self.words(j, "ngay") >= 0 else j
        d = self.num(j)
        if d is None:
            return None
        j = j + 2 if self.words(j + 1, "cua") >= 0 else j + 1
        _, j = self.first(j, ("thang cuoi cua moi quy", "thang cuoi moi quy", "thang cuoi cua quy", "thang cuoi quy"))
        if j < 0:
            return None
        core = Core(RECURRING, i, j)
        core.recurrence = f"FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY={d}"
        core.ok = 1 <= d <= 30
        return core

    def ongoing(self, i: int) -> Core | None:
        _, j = self.first(i, ("thuong xuyen lien tuc", "thuong xuyen", "lien tuc", "hang ngay", "moi ngay"))
        return Core(ONGOING, i, j) if j >= 0 else None

    def _event_core(self, kind: str, i: int, ev: int) -> Core | None:
        if ev >= self.n or self.hard_break(ev):
            return None  # `Sau khi` with nothing after it
        core = Core(kind, i, ev)
        core.ev = ev
        return core

    def relative(self, i: int) -> Core | None:
        """`Trong 15 ngày kể từ …`, `chậm nhất là 10 ngày trước …`, `trước ngày văn bản … hết hiệu lực`."""
        best: Core | None = None
        for direction in ("after", "before"):
            leads = (
                ("trong vong", "trong thoi han", "trong", "cham nhat la", "cham nhat", "khong qua", "sau")
                if direction == "after"
                else ("cham nhat la", "cham nhat", "truoc it nhat", "it nhat")
            )
            _, j = self.first(i, leads)
            j = i if j < 0 else j
            n = self.num(j, digits=3)
            if n is None or self.words(j + 1, "ngay") < 0:
                continue
            j += 2
            base = "calendar"
            if self.words(j, "lam viec") >= 0:
                base, j = "working", j + 2
            if direction == "after":
                j += self.mark(j, ",")
                _, j = self.first(j, ("ke tu", "tinh tu", "sau"))
            else:
                j = self.words(j, "truoc")
            if j < 0:
                continue
            _, e = self.first(j, ("khi", "ngay"))
            core = self._event_core(RELATIVE, i, e if e >= 0 else j)
            if core is not None:
                core.offset, core.direction, core.base = n, direction, base
                best = core
                break
        if best is None:
            _, j = self.first(i, ("truoc", "cham nhat la", "cham nhat"))
            _, e = self.first(j, ("ngay", "khi")) if j >= 0 else ("", -1)
            if e >= 0 and e < self.n and self.toks[e].kind not in (NUM, DAY):
                best = self._event_core(RELATIVE, i, e)
                if best is not None:
                    best.offset, best.direction, best.base = 0, "before", "calendar"
        return best

    def event(self, i: int) -> Core | None:
        """`Sau khi có thông báo của Bộ Tư pháp`, `Theo Kế hoạch của Bộ Nội vụ`, `khi có yêu cầu`."""
        _, j = self.first(i, _EVENT_ANYWHERE)
        if j < 0 and (i == 0 or self.toks[i - 1].kind == MARK):
            _, j = self.first(i, _EVENT_AT_START)
        return self._event_core(EVENT, i, j) if j >= 0 else None

    def adhoc(self, i: int) -> Core | None:
        """`hoặc đột xuất`, `và khi có yêu cầu`: extra occasions of a repetition (a note on it)."""
        j = i + 1 if self.mark(i, ",(") else self.first(i, ("hoac", "va"))[1]
        if j < 0:
            _, e = self.first(i, ("dot xuat",))
        else:
            _, e = self.first(j, ("dot xuat khi co yeu cau", "dot xuat", "khi co yeu cau"))
        return Core("adhoc", i, e) if e >= 0 else None

    def core_at(self, i: int) -> Core | None:
        """The longest core starting at token i (a tie goes to the rule listed first)."""
        best: Core | None = None
        rules: tuple[Callable[[int], Core | None], ...] = (
            self.timed,
            self.quarterly_report,
            self.monthly_day,
            self.every,
            self.ongoing,
            self.adhoc,
            self.relative,
            self.event,
        )
        for rule in rules:
            core = rule(i)
            if core is not None and (best is None or core.j > best.j):
                best = core
        return best

    # ------------------------------------------------------------ cores and parts of the cell

    def cores(self) -> list[Core]:
        found: list[Core] = []
        i = 0
        while i < self.n:
            core = self.core_at(i) if self.toks[i].kind != MARK or self.toks[i].text in ",(" else None
            if core is None:
                i += 1
                continue
            if core.ev is not None:  # an event's description runs to the end of the part
                core.j = self.part_end(core.j)
            found.append(core)
            i = core.j
        return found

    def parts(self, cores: list[Core]) -> list[tuple[int, int]]:
        """Token ranges of the parts: cut at breaks and bullets outside cores (see the module docstring)."""
        inside = [False] * self.n
        ends = set()
        for core in cores:
            for k in range(core.i, core.j):
                inside[k] = True
            ends.add(core.j)
        cut = [False] * self.n
        for k, tok in enumerate(self.toks):
            if inside[k] or tok.kind != MARK:
                continue
            if self.hard_break(k):
                cut[k] = True
            elif tok.text in _BULLETS:
                at_start = k == 0 or cut[k - 1]
                after_core = k in ends and k + 1 < self.n and self.spaced(k + 1)
                cut[k] = at_start or after_core
        spans: list[tuple[int, int]] = []
        a = 0
        for k in range(self.n + 1):
            if k == self.n or cut[k]:
                if any(self.toks[t].kind != MARK for t in range(a, k)):
                    spans.append((a, k))
                a = k + 1
        return spans


# ---------------------------------------------------------------- labels

_EDGE = " \t\n,;:.-+•*–"
_CONNECTORS = frozenset({"va", "hoac"})
# Labels that only say "time": not a milestone's name.
_FILLER_LABELS = frozenset(
    {"thoi gian", "thoi han", "du kien", "trong", "vao", "tu nay", "thoi gian thuc hien", "thoi gian hoan thanh"}
)


def _balanced(s: str) -> bool:
    depth = 0
    for c in s:
        depth += (c == "(") - (c == ")")
        if depth < 0:
            return False
    return depth == 0


def trim(text: str) -> str:
    """Wording without edge punctuation, dangling brackets or an edge `và`/`hoặc`."""
    s = " ".join(text.split()).strip(_EDGE)
    while s:
        words = s.split(" ")
        if s.startswith("(") and s.endswith(")") and _balanced(s[1:-1]):
            s = s[1:-1]
        elif s.startswith(")") or (s.startswith("(") and s.count("(") > s.count(")")):
            s = s[1:]
        elif s.endswith("(") or (s.endswith(")") and s.count(")") > s.count("(")):
            s = s[:-1]
        elif fold(words[0]) in _CONNECTORS:
            s = " ".join(words[1:])
        elif fold(words[-1]) in _CONNECTORS:
            s = " ".join(words[:-1])
        else:
            break
        s = s.strip(_EDGE)
    return s


_NUMBERING = re.compile(r"[0-9]{1,3}|[a-z]|[ivx]{1,4}")


def _label(text: str) -> str | None:
    """A milestone's name from the words around its time; None for filler or list numbering (`1.`, `a)`)."""
    s = trim(text)
    key = fold(s)
    if not s or key in _FILLER_LABELS or _NUMBERING.fullmatch(key) or not any(c.isalnum() for c in s):
        return None
    return s


# ---------------------------------------------------------------- reading a cell


class _Mile:
    """A milestone in the making: its core, label, wording, and the part it came from."""

    __slots__ = ("core", "label", "part", "sole", "text")

    def __init__(self, core: Core, label: str | None, text: str, part: int, sole: bool) -> None:
        self.core, self.label, self.text, self.part, self.sole = core, label, text, part, sole


def _fold_into(prev: Core, core: Core, g: Grammar, *, across: bool = False) -> Core | None:
    """`core` read as a qualifier of `prev` (the core kept), or None when they stay two milestones.

    `across`: `core` is alone in the next part (`Thường xuyên; khi có yêu cầu`); a condition then
    qualifies only a repetition or ongoing work, not a dated milestone.
    """
    words = trim(g.text(core.i, core.j))
    qualifies = prev.kind in _OPEN_ENDED or (not across and prev.kind not in (EVENT, RELATIVE, FROM))
    if (core.kind == EVENT and qualifies) or (core.kind == "adhoc" and prev.kind in _OPEN_ENDED):
        note = "ngoài lịch định kỳ còn có" if prev.kind == RECURRING else "kèm điều kiện"
        prev.notes.append(f"{note}: {words}")
        return prev
    if core.kind == FROM and prev.kind == RECURRING and prev.recurrence_start is None:
        prev.start = prev.recurrence_start = core.start
        prev.notes.extend(n for n in core.notes if n not in prev.notes)
        return prev
    if core.kind == RECURRING and prev.kind == FROM and core.recurrence_start is None:
        core.start = core.recurrence_start = prev.start
        core.notes[:0] = [n for n in prev.notes if n not in core.notes]
        return core
    if core.kind == FROM and prev.kind == ONGOING:
        return core
    if core.kind == ONGOING and prev.kind in (ONGOING, FROM):
        return prev
    p = core.period
    if (
        prev.kind == RECURRING
        and prev.recurrence == _EVERY["nam"]
        and core.kind in (QUARTER, MONTH, HALF_YEAR, DATE, BEFORE_DATE)
        and p is not None
        and p.y is None
        and p.unit in ("date", "month", "quarter", "half")
    ):  # `Hằng năm, trước ngày 15/12`, `Hàng năm vào Quý IV`: the day of the year it falls on
        prev.recurrence = g.yearly(p, core.j).recurrence
        return prev
    return None


_OPEN_ENDED = frozenset({ONGOING, RECURRING})


def _attach(cores: list[Core], g: Grammar) -> list[Core]:
    """Cores of one part with the qualifiers folded into the core before them (only marks between)."""
    kept: list[Core] = []
    for core in cores:
        merged = None
        if kept and core.ok and kept[-1].ok and all(g.toks[k].kind == MARK for k in range(kept[-1].j, core.i)):
            merged = _fold_into(kept[-1], core, g)
        if merged is not None:
            merged.i, merged.j = min(kept[-1].i, core.i), max(kept[-1].j, core.j)
            kept[-1] = merged
        elif core.kind != "adhoc":  # `đột xuất` after nothing it can qualify: label words
            kept.append(core)
    return kept


def _part_miles(g: Grammar, a: int, b: int, cores: list[Core], part: int) -> list[_Mile]:
    """The milestones of one part: its cores with their labels (the words around them)."""
    cores = _attach(cores, g)
    expanded: list[Core] = []
    for core in cores:
        expanded.extend(core.subs or [core])
    if not expanded:
        return []
    start, end = g.toks[a].start, g.toks[b - 1].end
    spans = [(g.toks[c.i].start, g.toks[c.j - 1].end) for c in expanded]
    # gap k is the wording before core k; gap n the wording after the last core.
    edges = [start] + [e for _, e in spans]
    gaps = [g.orig[edges[k] : s] for k, (s, _) in enumerate(spans)] + [g.orig[spans[-1][1] : end]]
    if len(expanded) == 1:
        label = _label(gaps[0] + " " + gaps[1])
        return [_Mile(expanded[0], label, trim(g.orig[start:end]), part, True)]
    miles = []
    before = _label(gaps[0]) is not None
    for k, core in enumerate(expanded):
        s, e = spans[k]
        if before:
            label = _label(gaps[k] + (" " + gaps[-1] if k == len(expanded) - 1 else ""))
            text = g.orig[edges[k] if k else start : end if k == len(expanded) - 1 else e]
        else:
            label = _label(gaps[k + 1])
            text = g.orig[s : spans[k + 1][0] if k + 1 < len(expanded) else end]
        miles.append(_Mile(core, label, trim(text), part, False))
    return miles


def _core_words(g: Grammar, core: Core) -> str | None:
    """The wording read as a time, with the bracket it opened: `Hàng năm (thực hiện từ Quý IV/2025)`."""
    j = core.j
    while j < g.n and g.toks[j].text == ")" and g.text(core.i, j).count("(") > g.text(core.i, j).count(")"):
        j += 1
    return trim(g.text(core.i, j)) or None


def _reading(g: Grammar, mile: _Mile) -> Reading:
    core = mile.core
    if not core.ok:
        return Reading(text=mile.text, kind=UNPARSED)
    notes = list(core.notes)
    start = core.start
    if core.kind == RECURRING and core.recurrence_start is None and g.year is not None:
        start = core.recurrence_start = date(g.year, 1, 1)
        notes.insert(0, f"lặp từ đầu năm kế hoạch: {g.year}")
    event = None
    if core.ev is not None:
        event = trim(g.text(core.ev, core.j)) or None
    return Reading(
        text=mile.text,
        kind=core.kind,
        start=start,
        due=core.due,
        recurrence=core.recurrence,
        recurrence_start=core.recurrence_start,
        event=event,
        offset_days=core.offset,
        offset_direction=core.direction,
        offset_base=core.base,
        label=mile.label,
        assumptions=tuple(notes),
        core=_core_words(g, core),
    )


def _give_label(miles: list[_Mile], part: int, words: str) -> None:
    """A part with no core names the milestone after it (`Sơ kết -` / `Quý IV/2027`), else the one before."""
    after = next((m for m in miles if m.part > part), None)
    before = next((m for m in reversed(miles) if m.part < part), None)
    if after is not None and after.label is None:
        after.label = words
    elif before is not None and before.label is None:
        before.label = words
    elif after is not None:
        after.label = f"{words}: {after.label}"
    elif before is not None:
        before.label = f"{before.label} ({words})"


def read(orig: str, folded: str, year: int | None) -> Reading | None:
    """The reading of a cleaned cell (`orig`, its fold), or None when nothing in it is a time."""
    g = Grammar(orig, folded, year)
    cores = g.cores()
    spans = g.parts(cores)
    # An event's description runs on over the parts after it that are nothing or another event.
    merged: list[tuple[int, int, list[Core]]] = []
    for a, b in spans:
        own = [c for c in cores if a <= c.i < b]
        if merged and merged[-1][2] and merged[-1][2][-1].ev is not None:
            last = merged[-1][2][-1]
            if not own or (len(own) == 1 and own[0].kind == EVENT and own[0].i == a and last.kind == EVENT):
                last.j = b
                merged[-1] = (merged[-1][0], b, merged[-1][2])
                continue
        merged.append((a, b, own))
    miles: list[_Mile] = []
    loose: list[tuple[int, str]] = []  # parts with no core: labels of a neighbour
    for part, (a, b, own) in enumerate(merged):
        found = _part_miles(g, a, b, own, part)
        if not found:
            loose.append((part, trim(g.text(a, b))))
        miles.extend(found)
    # A milestone alone in its part that only qualifies the one before folds into it (`Thường xuyên; khi có yêu cầu`).
    kept: list[_Mile] = []
    for mile in miles:
        prev = kept[-1] if kept else None
        if prev is not None and mile.sole and mile.label is None and mile.part != prev.part and prev.core.ok:
            folded_core = _fold_into(prev.core, mile.core, g, across=True) if mile.core.ok else None
            if folded_core is not None:
                kept[-1] = _Mile(folded_core, prev.label, prev.text, prev.part, prev.sole)
                continue
        kept.append(mile)
    if not kept:
        return None
    for part, words in loose:
        name = _label(words)
        if name is not None:
            _give_label(kept, part, name)
    readings = [_reading(g, m) for m in kept]
    if len(readings) == 1:
        return readings[0]
    due = readings[-1].due
    # Milestones written out of order (`Quý IV/2025: …; Trước 25/12/2023`) must not give start > due.
    starts = [r.start for r in readings if r.start and (due is None or r.start <= due)]
    notes: list[str] = []
    for r in readings:
        notes.extend(a for a in r.assumptions if a not in notes)
    return Reading(
        text=orig,
        kind=COMPOUND,
        start=min(starts) if starts else None,
        due=due,
        milestones=tuple(readings),
        assumptions=tuple(notes),
    )

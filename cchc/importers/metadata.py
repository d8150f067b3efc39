"""Plan metadata read from the text around the annex: annex title and subtitle, number, date, province, period.

Only what the document states is taken; anything else comes from the command's options
(`--province`, `--number`, `--date`, `--period`, `--issuer`, `--title`), which always win.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cchc.text import clean, fold

_MARKS = re.compile(r"^\*+|\*+$")
_SUBTITLE = re.compile(r"kem theo", re.IGNORECASE)
_NUMBER = re.compile(r"[Ss]ố\s*:?\s*(\d*\s*/\s*[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_NUM = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
_PROVINCE = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+tỉnh\s+((?:[A-ZĐÂĂÊÔƠƯ][^\s,.;)]*\s?){1,3})")
_PLACE_DATE = re.compile(r"^([A-ZĐ][^\d,]{1,30}),\s*ngày")
_RANGE = re.compile(r"(?:giai đoạn|từ năm|năm)?\s*(20\d{2})\s*[-–—]\s*(20\d{2})", re.IGNORECASE)
_YEAR = re.compile(r"năm\s+(20\d{2})", re.IGNORECASE)
_KINDS = {"ke hoach": "Kế hoạch", "quyet dinh": "Quyết định", "chuong trinh": "Chương trình"}


@dataclass
class Meta:
    province: str | None = None
    issuer: str | None = None
    kind: str | None = None
    number: str | None = None
    date: date | None = None
    title: str | None = None
    period: tuple[int, int] | None = None
    annex_title: str | None = None
    subtitle: str | None = None
    notes: list[str] = field(default_factory=list)


def _line(text: str) -> str:
    return clean(_MARKS.sub("", text.strip()))


def read_meta(before: list[str]) -> Meta:
    """What the lines before the table say about the plan."""
    lines = [_line(t) for t in before if _line(t)]
    meta = Meta()
    annex_start = max(
        (i for i, t in enumerate(lines) if fold(t) == "phu luc" or fold(t).startswith("phu luc ")), default=None
    )
    if annex_start is not None:
        tail, body = lines[annex_start + 1 :], lines[:annex_start]
    else:
        # No `PHỤ LỤC` line: the annex heading is the last few lines, up to the document heading.
        start = len(lines)
        while start > 0 and len(lines) - start < 3 and not _is_heading(lines, start - 1):
            start -= 1
        tail, body = lines[start:], lines
    sub_index = next((i for i in range(len(tail) - 1, -1, -1) if _SUBTITLE.search(fold(tail[i]))), None)
    if sub_index is not None:
        meta.subtitle = tail[sub_index]
        title_lines = tail[:sub_index]
    else:
        title_lines = tail
    if title_lines:
        meta.annex_title = " ".join(title_lines)
    _from_subtitle(meta)
    _from_body(meta, body)
    for source in (meta.annex_title, meta.title):
        if source and meta.period is None:
            found = _RANGE.search(source)
            if found:
                meta.period = (int(found.group(1)), int(found.group(2)))
            else:
                year = _YEAR.search(source)
                if year:
                    meta.period = (int(year.group(1)), int(year.group(1)))
    return meta


def _is_heading(lines: list[str], i: int) -> bool:
    """A line of the document heading (number, place and date, kind), or the title under the kind."""
    line = lines[i]
    if _PLACE_DATE.match(line) or (fold(line).startswith("so") and _NUMBER.search(line)) or fold(line) in _KINDS:
        return True
    return i > 0 and fold(lines[i - 1]) in _KINDS


def _from_subtitle(meta: Meta) -> None:
    sub = meta.subtitle or ""
    number = _NUMBER.search(sub)
    if number:
        meta.number = re.sub(r"\s+", "", number.group(1))
    for word, kind in _KINDS.items():
        if re.search(r"kem theo\s+" + word, fold(sub)):
            meta.kind = kind
            break
    meta.date = _date(sub)
    province = _PROVINCE.search(sub)
    if province:
        meta.province = province.group(1).strip()


def _date(text: str) -> date | None:
    for pattern in (_DATE_WORDS, _DATE_NUM):
        found = pattern.search(text)
        if found:
            day, month, year = (int(g) for g in found.groups())
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


def _from_body(meta: Meta, body: list[str]) -> None:
    """The document body: `Số: …`, `<Tỉnh>, ngày …`, the kind heading and the line under it (trích yếu)."""
    for i, line in enumerate(body):
        folded = fold(line)
        if meta.province is None:
            place = _PLACE_DATE.match(line)
            if place:
                meta.province = place.group(1).strip()
        if meta.number is None and folded.startswith("so"):
            number = _NUMBER.search(line)
            if number:
                meta.number = re.sub(r"\s+", "", number.group(1))
        if meta.date is None and _PLACE_DATE.match(line):
            meta.date = _date(line)
        if folded in _KINDS and i + 1 < len(body) and meta.title is None and folded == "ke hoach":
            nxt = body[i + 1]
            meta.title = f"{_KINDS[folded]} {nxt[0].lower()}{nxt[1:]}" if nxt else None
            meta.kind = meta.kind or _KINDS[folded]
    if meta.province is None:
        for line in body:
            province = _PROVINCE.search(line)
            if province:
                meta.province = province.group(1).strip()
                break

"""Plan metadata read from the text around the annex: annex title and subtitle, number, date, province,
issuer, period.

Only what the document states is taken; anything else comes from the command's options
(`--province`, `--number`, `--date`, `--period`, `--issuer`, `--title`), which always win.

The province is a name of the gazetteer (`gazetteer.py`, the 63 units before 1 July 2025 and the 34
after) found in the subtitle (`… của UBND tỉnh X`), the document heading (`ỦY BAN NHÂN DÂN` /
`TỈNH X`, `X, ngày …`) or the title lines (`Kế hoạch … tỉnh X năm 2025`), with or without
diacritics. The issuer is the lowest body the heading names: a province's or city's committee, a
district's or commune's (`UBND XÃ MINH XUÂN`), a department (`SỞ NỘI VỤ` under `UBND TỈNH …`) or a
ministry (`BỘ NỘI VỤ`); its level goes to the plan's `issuer_level`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from cchc.importers.gazetteer import gazetteer, name_key
from cchc.text import clean, fold

_MARKS = re.compile(r"^\*+|\*+$")
_SUBTITLE = re.compile(r"kem theo", re.IGNORECASE)
_NUMBER = re.compile(r"[Ss]ố\s*:?\s*(\d*\s*/\s*[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_NUM = re.compile(r"ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
_NUMBER_FOLDED = re.compile(r"\b[Ss][ốo]\s*:?\s*(\d*\s*/\s*[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)")
_PLACE_DATE = re.compile(r"^([A-ZĐ][^\d,]{1,30}),\s*ngày")
_RANGE = re.compile(r"(?:giai đoạn|từ năm|năm)?\s*(20\d{2})\s*[-–—]\s*(20\d{2})", re.IGNORECASE)
_YEAR = re.compile(r"năm\s+(20\d{2})", re.IGNORECASE)
_YEAR_FOLDED = re.compile(r"\bnam\s+(20\d{2})\b")
_DATE_FOLDED = re.compile(r"ngay\s+(\d{1,2})(?:\s+thang\s+|/)(\d{1,2})(?:\s+nam\s+|/)(\d{4})")
_COMMITTEE = re.compile(r"^(?:uy ban nhan dan|ubnd)\b")
# Administrative units a committee belongs to, longest first (`thị xã` before `xã`), with their level.
_UNITS = (
    ("thanh pho", "thành phố", "province"),
    ("thi xa", "thị xã", "district"),
    ("thi tran", "thị trấn", "commune"),
    ("dac khu", "đặc khu", "commune"),
    ("tinh", "tỉnh", "province"),
    ("huyen", "huyện", "district"),
    ("quan", "quận", "district"),
    ("xa", "xã", "commune"),
    ("phuong", "phường", "commune"),
)
LEVELS = ("province", "district", "commune", "department", "ministry")
_KINDS = {"ke hoach": "Kế hoạch", "quyet dinh": "Quyết định", "chuong trinh": "Chương trình"}


@dataclass
class Meta:
    province: str | None = None
    issuer: str | None = None
    issuer_level: str | None = None  # `LEVELS`; None when the document does not say (a province)
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
            meta.period = _period(source)
    if meta.province is None and meta.issuer_level != "ministry":
        for source in (meta.title, *title_lines, *_title_lines(body)):
            found = gazetteer().find(source or "")
            if found is not None:
                meta.province = found.province.name
                break
    return meta


def _period(text: str) -> tuple[int, int] | None:
    found = _RANGE.search(text)
    if found:
        return int(found.group(1)), int(found.group(2))
    year = _YEAR.search(text) or _YEAR_FOLDED.search(fold(text))
    return (int(year.group(1)), int(year.group(1))) if year else None


def _title_lines(body: list[str]) -> list[str]:
    """The lines under the kind heading (`KẾ HOẠCH`): the trích yếu, where plans name the province."""
    return [" ".join(_title_run(body, i + 1)) for i, line in enumerate(body[:-1]) if fold(line) in _KINDS]


def _title_run(lines: list[str], start: int) -> list[str]:
    """The title line at `start` and up to two more that continue it (a title set over several
    paragraphs goes on in lower case: `Cải cách hành chính nhà nước` / `tỉnh Lạng Sơn năm 2025`)."""
    run = [lines[start]]
    for line in lines[start + 1 : start + 3]:
        if not line[:1].islower():
            break
        run.append(line)
    return run


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _name_case(words: list[str]) -> str:
    """`MINH XUÂN` → `Minh Xuân`: place names are capitalised word by word."""
    return " ".join(w[:1].upper() + w[1:].lower() if w.isupper() else w for w in words)


def issuer_of(text: str) -> tuple[str, str, str | None] | None:
    """(level, issuer, province) for a line naming an issuing body, or None.

    `ỦY BAN NHÂN DÂN XÃ MINH XUÂN` → (commune, UBND xã Minh Xuân, None); `UBND TỈNH NINH BÌNH` →
    (province, UBND tỉnh Ninh Bình, Ninh Bình); `SỞ NỘI VỤ` → (department, Sở Nội vụ, None);
    `BỘ NỘI VỤ` → (ministry, Bộ Nội vụ, None). `thành phố` is a province-level city only when the
    gazetteer says so (`thành phố Tuyên Quang` was a district-level city).
    """
    words = _words(text)
    keys = [name_key(w) for w in words]
    first = text.strip().casefold()
    if first.startswith(("sở ", "bộ ")):
        level = "department" if first.startswith("sở") else "ministry"
        return level, _body_name(words), None
    folded = " ".join(keys)
    committee = _COMMITTEE.match(folded)
    if committee is None:
        return None
    rest_at = 1 if keys[0] == "ubnd" else 4
    tail = " ".join(keys[rest_at:])
    for unit_key, unit, level in _UNITS:
        if tail == unit_key or tail.startswith(unit_key + " "):
            at = rest_at + len(unit_key.split())
            if at >= len(words):
                return None
            start = gazetteer().starts(keys[at:])
            if start is not None and level == "province":
                known = start[0]
                if unit == "thành phố" and not known.city:
                    return "district", f"UBND thành phố {known.name}", known.name
                return level, known.committee, known.name
            if level == "province":
                if unit == "thành phố":  # a city not in the gazetteer: a district-level city
                    return "district", f"UBND thành phố {_name_case(words[at:])}", None
                return None
            return level, f"UBND {unit} {_name_case(words[at:])}", None
    return None


def _body_name(words: list[str]) -> str:
    """A department's or ministry's name as the registry writes it (`SỞ NỘI VỤ` → `Sở Nội vụ`)."""
    from cchc.agencies.registry import load_registry

    text = " ".join(words)
    known = load_registry().lookup(text)
    if known is not None:
        return known.name
    head, *rest = words
    tail = " ".join(rest)
    return f"{head[:1].upper()}{head[1:].lower()} {tail[:1].upper()}{tail[1:].lower()}".strip()


def _is_heading(lines: list[str], i: int) -> bool:
    """A line of the document heading (number, place and date, kind), or the title under the kind."""
    line = lines[i]
    if _PLACE_DATE.match(line) or (fold(line).startswith("so") and _NUMBER.search(line)) or fold(line) in _KINDS:
        return True
    return i > 0 and fold(lines[i - 1]) in _KINDS


def _from_subtitle(meta: Meta) -> None:
    sub = meta.subtitle or ""
    number = _NUMBER.search(sub) or _NUMBER_FOLDED.search(sub)
    if number:
        meta.number = re.sub(r"\s+", "", number.group(1))
    for word, kind in _KINDS.items():
        if re.search(r"kem theo\s+" + word, fold(sub)):
            meta.kind = kind
            break
    meta.date = _date(sub)
    found = gazetteer().find(sub)
    if found is not None:
        meta.province = found.province.name
    by = re.search(r"\b(?:của|cua)\s+([^()]+?)\s*\)?\s*$", sub, re.IGNORECASE)
    issuer = issuer_of(by.group(1)) if by else None
    if issuer is not None:
        meta.issuer_level, meta.issuer = issuer[0], issuer[1]
        meta.province = meta.province or issuer[2]


def _date(text: str) -> date | None:
    for pattern in (_DATE_WORDS, _DATE_NUM):
        found = pattern.search(text)
        if found:
            return _day(found)
    found = _DATE_FOLDED.search(fold(text))
    return _day(found) if found else None


def _day(found: re.Match[str]) -> date | None:
    day, month, year = (int(g) for g in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _from_body(meta: Meta, body: list[str]) -> None:
    """The document body: the heading (issuing body, `Số: …`, `<Tỉnh>, ngày …`), the kind heading
    and the line under it (trích yếu)."""
    kind_at = next((i for i, line in enumerate(body) if fold(line) in _KINDS), None)
    _from_heading(meta, body[:kind_at] if kind_at is not None else body[:8])
    for i, line in enumerate(body):
        folded = fold(line)
        place = _PLACE_DATE.match(line)
        if meta.province is None and place and meta.issuer_level != "ministry":
            known = gazetteer().lookup(place.group(1).strip())
            if known is not None:
                meta.province = known.name
        if meta.number is None and folded.startswith("so"):
            number = _NUMBER.search(line) or _NUMBER_FOLDED.search(line)
            if number:
                meta.number = re.sub(r"\s+", "", number.group(1))
        if meta.date is None and place:
            meta.date = _date(line)
        if folded in _KINDS and i + 1 < len(body) and meta.title is None and folded == "ke hoach":
            nxt = " ".join(_title_run(body, i + 1))
            meta.title = f"{_KINDS[folded]} {nxt[0].lower()}{nxt[1:]}" if nxt else None
            meta.kind = meta.kind or _KINDS[folded]
    if meta.title is None:
        # `KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH … NĂM 2025`: the kind and the title set as one heading line.
        heading = next((line for line in body if line.isupper() and fold(line).startswith("ke hoach ")), None)
        if heading is not None:
            meta.title = heading
            meta.kind = meta.kind or "Kế hoạch"
    if meta.province is None and meta.issuer_level != "ministry":
        # A committee named anywhere in the body (`… của UBND tỉnh X`), read through the gazetteer.
        for line in body:
            found = gazetteer().find(line)
            if found is not None and re.search(r"(ubnd|uy ban nhan dan) (tinh|thanh pho)", name_key(line)):
                meta.province = found.province.name
                break


def _from_heading(meta: Meta, heading: list[str]) -> None:
    """The issuing body named in the heading block: the lowest one (`UBND TỈNH NINH BÌNH` above
    `SỞ NỘI VỤ` makes the department the issuer, in Ninh Bình)."""
    found: list[tuple[str, str, str | None]] = []
    for i, line in enumerate(heading):
        # The heading names its bodies in capitals (Nghị định 30/2020); a sentence that starts with
        # `Sở …` or `UBND xã …` is not one.
        body = issuer_of(line) if line.isupper() else None
        if body is None and _COMMITTEE.match(name_key(line)) and i + 1 < len(heading) and heading[i + 1].isupper():
            body = issuer_of(f"{line} {heading[i + 1]}")
        if body is not None:
            found.append(body)
        elif meta.province is None and not _PLACE_DATE.match(line):
            place = gazetteer().find(line)
            if place is not None and re.match(r"(tinh|thanh pho)\b", name_key(line)):
                meta.province = place.province.name  # `TỈNH TUYÊN QUANG` on a line of its own
    if not found:
        return
    level, issuer, province = found[-1]
    if meta.issuer is None:
        meta.issuer_level, meta.issuer = level, issuer
    if meta.province is None:
        meta.province = province or next((p for _l, _i, p in reversed(found) if p), None)

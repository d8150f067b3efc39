"""Finding the annex header row and mapping its labels to column keys (`cchc.plan.spec.COLUMN_KEYS`).

Plans label the same column many ways (`TT`/`STT`, `Mục tiêu`/`Chỉ tiêu`, `5- Chủ trì`,
`CƠ QUAN CHỦ TRÌ`, `Cơ quan, đơn vị chủ trì` …); labels are compared folded (no marks, any case)
after dropping a leading column number (`1-`, `5- `, `(3)`). A label with no meaning of its own
keeps its column as `x_<slug>`, so nothing in the table is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cchc.importers.grid import Row
from cchc.text import fold, strip_markup

_PREFIX = re.compile(r"^\(?\d{1,2}\)?\s*[-.):]?\s*")
_SLUG = re.compile(r"[^a-z0-9]+")

# (key, folded patterns); the first rule that matches wins, so the order matters:
# "co quan chu tri" must be `lead` before anything looks at "co quan".
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", (r"^s?tt$", r"^so tt$", r"^so thu tu$", r"^thu tu$")),
    ("activity", (r"^hoat dong",)),
    ("task", (r"nhiem vu", r"giai phap", r"^noi dung cong viec", r"^cong viec")),
    ("objective", (r"^muc tieu", r"^chi tieu", r"^noi dung")),
    ("output", (r"ket qua", r"san pham")),
    ("lead", (r"chu tri",)),
    ("support", (r"phoi hop",)),
    ("start", (r"thoi gian (thuc hien|bat dau|trien khai)", r"^bat dau")),
    # `Cơ quan thực hiện` / `Đơn vị thực hiện` alone: the unit that does the work leads it;
    # `Cơ quan tham mưu` drafts it (the lead).
    ("lead", (r"^(co quan|don vi|bo phan)\b.*\bthuc hien$", r"\btham muu\b")),
    ("due", (r"thoi gian hoan thanh", r"thoi han", r"hoan thanh", r"^thoi gian\b", r"^tien do", r"^moc thoi gian")),
    ("funding", (r"kinh phi", r"nguon von", r"du toan")),
    ("note", (r"ghi chu",)),
)

TEXT_KEYS = ("objective", "task", "activity")


@dataclass(frozen=True)
class Column:
    index: int
    key: str
    label: str


def label_key(label: str) -> str | None:
    """The column key a header label stands for, or None when it has no meaning of its own."""
    text = fold(strip_markup(label))
    text = _PREFIX.sub("", text).strip(" .:")
    if not text:
        return None
    for key, patterns in _RULES:
        if any(re.search(p, text) for p in patterns):
            return key
    return None


def slug(label: str) -> str:
    text = _SLUG.sub("_", fold(strip_markup(label))).strip("_")
    return "x_" + (text or "cot")


def map_columns(labels: Sequence[str], below: Sequence[str] = ()) -> list[Column]:
    """Columns of a header row: known keys where the label says so, `x_<slug>` otherwise.

    Trailing empty cells are not columns. A lone `Thời gian thực hiện` column is the due time.
    `below` is the second row of a two-row header (`Cơ quan thực hiện` over `Chủ trì | Phối hợp`):
    where it has a label, that label gives the key and the column reads `Chủ trì (Cơ quan thực hiện)`.
    """
    cells = list(labels)
    subs = [strip_markup(t).replace("\n", " ") for t in below]
    while cells and not strip_markup(cells[-1]) and not (len(cells) <= len(subs) and subs[len(cells) - 1]):
        cells.pop()
    columns: list[Column] = []
    used: set[str] = set()
    for index, raw in enumerate(cells):
        label = strip_markup(raw).replace("\n", " ")
        key = label_key(raw)
        sub = subs[index] if index < len(subs) else ""
        if sub and sub != label:
            key = label_key(sub)
            label = f"{sub} ({label})" if label else sub
        if key is None or key in used:
            key = slug(label) if label else f"x_cot_{index + 1}"
            while key in used:
                key += "_2"
        used.add(key)
        columns.append(Column(index, key, label))
    keys = {c.key for c in columns}
    if "start" in keys and "due" not in keys:
        columns = [Column(c.index, "due" if c.key == "start" else c.key, c.label) for c in columns]
    return columns


def header_score(labels: Sequence[str]) -> int:
    """How many distinct known keys a row's cells name (a header row names at least three)."""
    keys = {label_key(t) for t in labels if t.strip()}
    keys.discard(None)
    if not keys & {*TEXT_KEYS, "lead"}:
        return 0
    return len(keys)


def find_header(rows: Sequence[Sequence[str]]) -> int | None:
    """Index of the first row that reads as the annex header, or None."""
    for i, row in enumerate(rows):
        if header_score(row) >= 3:
            return i
    return None


def two_row_header(rows: Sequence[Row], index: int) -> tuple[int, list[str], list[str]] | None:
    """(first row, top labels, labels below) when the header found at `index` is one of two rows.

    Plans group columns under a label spanning them (`Cơ quan thực hiện` over `Chủ trì | Phối hợp`,
    `Thời gian` over `Bắt đầu | Hoàn thành`). The row below the header is its second row when its
    filled cells are all column labels, or (in .docx/.xlsx) all sit under a label merged across
    columns, and its other cells are merged down from the header. A header whose own cells are
    merged down from the row above is the second row of the row above.
    """
    if index > 0 and any(c.merged == "up" for c in rows[index].cells):
        top, bottom = index - 1, index
    elif index + 1 < len(rows):
        top, bottom = index, index + 1
    else:
        return None
    tops: list[str] = []
    grouped: list[bool] = []
    for i, cell in enumerate(rows[top].cells):
        spans = cell.merged == "left" or (i + 1 < len(rows[top].cells) and rows[top].cells[i + 1].merged == "left")
        tops.append(tops[-1] if cell.merged == "left" and tops else cell.text)
        grouped.append(spans)
    below = rows[bottom].cells
    filled = [(i, c.text) for i, c in enumerate(below) if c.text.strip()]
    if len(filled) < 2 or any(below[i].merged not in (None, "up") for i, _ in filled):
        return None
    known = all(label_key(t) is not None for _, t in filled)
    under_groups = all(i < len(grouped) and grouped[i] for i, _ in filled)
    others_merged = all(c.merged == "up" or c.text.strip() for c in below[: len(tops)])
    if not (known or (under_groups and others_merged)):
        return None
    return top, tops, [c.text for c in below]


def is_repeated_header(row: Sequence[str], columns: Sequence[Column]) -> bool:
    """A header row printed again after a page break (Nghị định 30/2020: headers repeat on every page)."""
    labels = [fold(c.label) for c in columns]
    same = sum(
        1 for i, text in enumerate(row) if i < len(labels) and labels[i] and fold(strip_markup(text)) == labels[i]
    )
    wanted = sum(1 for label in labels if label)
    return same >= max(2, (wanted * 3 + 4) // 5)


def is_column_numbers(row: Sequence[str]) -> bool:
    """The row numbering the columns, `1 2 3 …` or `(1) (2) (3) …`."""
    values = [t.strip().strip("()") for t in row if t.strip()]
    if len(values) < 3 or not all(v.isdigit() for v in values):
        return False
    numbers = [int(v) for v in values]
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))

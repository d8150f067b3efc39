"""From a grid to the plan tree: sections, lettered groups and the objective → task → activity items.

The hierarchy is read from the content, never from counting cells (a row may omit cells anywhere):
- a Roman numeral in the number column opens a section, a capital letter a group (`A`, `B`);
- the text columns (`objective`, `task`, `activity`) are levels; a row opens a new item at every
  level whose cell it fills, and an empty cell under a filled one continues the block above
  (a merged cell);
- a row without a number whose cells only continue the cells above, after a page break or
  starting in lower case, is the second half of a row split across pages and is joined to it;
- a responsibility cell (lead, support, times, funding) filled once for several rows is written
  once on the item that spans exactly those rows, never copied.
Every decision that changes the source is recorded in the item's `repairs` (Vietnamese with an
English gloss), and a cell that fits nowhere is kept in the item's `note`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from cchc.importers.cells import clean_text
from cchc.importers.grid import Cell, Grid, Row
from cchc.importers.header import TEXT_KEYS, Column, is_column_numbers, is_repeated_header
from cchc.text import clean, fold, strip_markup

AGENCY_KEYS = ("lead", "support")
#: Cells that may be merged over several rows and are then written once on the parent.
SHARED_KEYS = ("output", "lead", "support", "start", "due", "funding")
FIELD_KEYS = ("output", "start", "due", "funding", "note")

_ROMAN = re.compile(r"^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})\.?$")
_LETTER = re.compile(r"^[A-K]\.?$")
_ARABIC = re.compile(r"^\d{1,2}\.?$")
_ROMAN_NUMBER = r"(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})"
_TITLED_SECTION = re.compile(rf"^({_ROMAN_NUMBER})\s*[.):\-–]\s*(\S.*)$")
_TITLED_GROUP = re.compile(r"^([A-K])\s*[.):\-–]\s*(\S.*)$")
_TITLED_ARABIC = re.compile(r"^(\d{1,2})\s*[.):]\s*(?!\d)(\S.*)$")
_SEPARATOR = re.compile(r"^[-=_:|+*.\s]+$")
_DOTTED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.\d{1,3}\.?$")
_PREFIX = re.compile(r"^(\d{1,2}(?:\.\d{1,3})+)[.:]?(?=\s|$)")
_ALL_PREFIXES = re.compile(r"(?:^|\s)(\d)\.(\d{1,3})[.:]?(?=\s)")
_TIME = re.compile(
    r"thuong xuyen|hang (nam|thang|quy)|quy [ivx]+|thang \d|nam \d{4}|^\d{4}$|truoc (ngay|\d)|sau khi|khi co"
    r"|theo (ke hoach|chi dao|quy dinh|yeu cau)|trong \d+ ngay|\d{1,2}/\d{4}"
)
_FUNDING = re.compile(r"du toan|kinh phi|ngan sach|nguon|dong|trieu")
_AGENCY = re.compile(
    r"^(- ?)?(cac )?(so|ubnd|uy ban|van phong|co quan|ban|phong|trung tam|cong an|don vi|bo|hdnd"
    r"|thanh tra|dai|bao|hoi|to)\b"
)


@dataclass(eq=False)
class Draft:
    """An item being built: raw cell pieces by column key, children, and what was decided."""

    kind: str
    pos: str
    number: str | None = None
    pieces: dict[str, list[str]] = field(default_factory=dict)
    empty: set[str] = field(default_factory=set)  # keys whose cell was empty (maybe merged)
    merged: set[str] = field(default_factory=set)  # keys whose cell is covered by a merge above
    repairs: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    items: list[Draft] = field(default_factory=list)
    parent: Draft | None = field(default=None, repr=False)
    id: str = ""

    def add(self, key: str, raw: str) -> None:
        self.pieces.setdefault(key, []).append(raw)

    def has(self, key: str) -> bool:
        return any(p.strip() for p in self.pieces.get(key, ()))

    def note(self, message: str) -> None:
        if message not in self.repairs:
            self.repairs.append(message)

    def leaves(self) -> Iterator[Draft]:
        if not self.items:
            yield self
        for child in self.items:
            yield from child.leaves()

    def walk(self) -> Iterator[Draft]:
        yield self
        for child in self.items:
            yield from child.walk()


@dataclass(eq=False)
class DSection:
    number: str
    title: str
    pos: str
    notes: list[str] = field(default_factory=list)
    sections: list[DSection] = field(default_factory=list)
    items: list[Draft] = field(default_factory=list)
    kind: str = "roman"  # roman, letter, arabic or plain (`section_kind`)
    parent: DSection | None = field(default=None, repr=False)
    seq: int = 1  # position among its siblings, for the path of a section without a number

    def path(self) -> list[str]:
        """Numbers from the top (`A`, `I`); an unnumbered heading counts as `p<position>`."""
        trail = [] if self.parent is None else self.parent.path()
        return [*trail, self.number.rstrip(".") or f"p{self.seq}"]

    def all(self) -> Iterator[DSection]:
        yield self
        for sec in self.sections:
            yield from sec.all()


@dataclass
class Table:
    """What the structure builder made of a grid."""

    columns: list[Column]
    sections: list[DSection]
    column_numbers: bool = False
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)  # repairs not tied to an item
    unplaced: int = 0

    def drafts(self) -> Iterator[tuple[DSection, Draft]]:
        for top in self.sections:
            for sec in top.all():
                for item in sec.items:
                    for d in item.walk():
                        yield sec, d


def _fit(text: str, key: str) -> int:
    """How well a cell's text suits a column (used only to place the cells of a malformed row)."""
    t = fold(strip_markup(text))
    if not t:
        return 0
    if key == "number":
        return 3 if re.fullmatch(r"[0-9]{1,3}\.?|[ivxl]{1,5}\.?|[a-h]\.?", t) else -3
    if key in ("start", "due"):
        return 2 if _TIME.search(t) and len(t) <= 160 else -1
    if key == "funding":
        return 2 if _FUNDING.search(t) and len(t) <= 160 else -1
    if key in AGENCY_KEYS:
        return 1 if _AGENCY.search(t) and len(t) <= 300 else -1
    prefix = _PREFIX.match(t)
    if key in TEXT_KEYS and prefix:
        return 3 if prefix.group(1).split(".")[0] == str(TEXT_KEYS.index(key) + 1) else -1
    return 1 if key in TEXT_KEYS and len(t) > 20 and not _TIME.search(t) else 0


#: Placements `_align` tries at most: a short row in a 20-column table has ~10^5, a hostile
#: .xlsx with a cell in column 200 ~10^10 (it hung the import); past this, cells keep their order.
MAX_PLACEMENTS = 20_000


def _align(cells: list[Cell], columns: Sequence[Column]) -> tuple[list[Cell], list[Cell], str | None]:
    """Cells placed in the header's columns; returns (cells, unplaced cells, repair or None)."""
    n = len(columns)
    cells = list(cells)
    while len(cells) > n and cells[-1].empty:
        cells.pop()
    if len(cells) == n:
        return cells, [], None
    keys = [c.key for c in columns]
    if len(cells) > n:
        spare = [i for i, c in enumerate(cells) if c.empty]
        drop_count = len(cells) - n
        if len(spare) >= drop_count and math.comb(len(spare), drop_count) <= MAX_PLACEMENTS:
            best: tuple[int, tuple[int, ...]] | None = None
            for drop in itertools.combinations(spare, drop_count):
                kept = [c for i, c in enumerate(cells) if i not in drop]
                score = sum(_fit(c.text, k) for c, k in zip(kept, keys, strict=True))
                if best is None or score > best[0]:
                    best = (score, drop)
            assert best is not None
            drop = best[1]
            kept = [c for i, c in enumerate(cells) if i not in drop]
            where = ", ".join(cells[i].pos for i in drop)
            return (
                kept,
                [],
                f"bỏ ô trống thừa tại {where}, các ô sau dịch sang trái (spare empty cell removed, cells shifted back)",
            )
        return cells[:n], [c for c in cells[n:] if not c.empty], None
    # Fewer cells than columns: merged cells left out. Place the cells, in order, where they fit best.
    if math.comb(n, len(cells)) > MAX_PLACEMENTS:
        return [*cells, *(Cell("", "", merged="up") for _ in range(n - len(cells)))], [], None
    best_pos: tuple[int, tuple[int, ...]] | None = None
    for positions in itertools.combinations(range(n), len(cells)):
        score = sum(_fit(c.text, keys[p]) for c, p in zip(cells, positions, strict=True))
        if best_pos is None or score > best_pos[0]:
            best_pos = (score, positions)
    assert best_pos is not None
    placed = [Cell("", "", merged="up") for _ in range(n)]
    for c, p in zip(cells, best_pos[1], strict=True):
        placed[p] = c
    missing = ", ".join(columns[i].label for i in range(n) if i not in best_pos[1])
    return (
        placed,
        [],
        f"dòng thiếu ô ({missing}), các ô được xếp theo nội dung (row with missing cells placed by content)",
    )


def section_kind(number: str) -> str:
    """`roman` (I, II …), `letter` (A, B …), `arabic` (1, 2 …) or `plain` (an unnumbered heading):
    sections of one kind are siblings."""
    number = number.rstrip(".")
    if not number:
        return "plain"
    if _ROMAN.match(number):
        return "roman"
    return "letter" if _LETTER.match(number) else "arabic"


def _titled(text: str, arabic: bool) -> tuple[str, str] | None:
    """`II. TITLE`, `A. TITLE` (and `1. Title` when `arabic`) as (number, title); the title starts
    with a capital, so `V.v…` or `X-quang` are not sections."""
    patterns = (_TITLED_SECTION, _TITLED_GROUP, _TITLED_ARABIC) if arabic else (_TITLED_SECTION, _TITLED_GROUP)
    for pattern in patterns:
        match = pattern.match(text)
        if match and match.group(2)[:1].isupper():
            return match.group(1), match.group(2).strip()
    return None


def _spans_rest(row: list[Cell], index: int) -> bool:
    """True when the cell at `index` is merged across every cell to its right (and there is one)."""
    rest = row[index + 1 :]
    return bool(rest) and all(c.merged == "left" for c in rest)


def _section_row(row: list[Cell], keys: Sequence[str]) -> tuple[str, str, str | None] | None:
    """(number, title, repair) when the row opens a section or lettered group.

    A section row is a full-width merged row (a heading without a number gets number ""), or a row
    whose only text is `<letter or numeral>. <title>` (an Arabic `1. Title` only when merged across
    the row), or a bare Roman numeral or letter in the number column with the title in one other
    cell (a bare Arabic number only when that title cell is merged across the rest of the row).
    """
    filled = [(i, c) for i, c in enumerate(row) if not c.empty]
    if not filled:
        return None
    num_index = keys.index("number") if "number" in keys else None
    if len(filled) == 1:
        i, cell = filled[0]
        text = clean_text(cell.text)[0]
        # Full width: one cell merged across the row (any cells left of it empty, not text).
        full = _spans_rest(row, i) and len(row) - i > len(row) // 2 and not any(c.merged for c in row[:i])
        titled = _titled(text, arabic=full)
        if titled:
            return titled[0], titled[1], None
        if full and not _prefix(text):
            return "", text, None  # an unnumbered heading merged across the row
        return None
    if num_index is None or row[num_index].empty:
        return None
    number = clean(row[num_index].text).rstrip(".")
    others = [(i, c) for i, c in filled if i != num_index]
    if len(others) != 1:
        return None
    i, cell = others[0]
    if not (_ROMAN.match(number) or _LETTER.match(number)):
        if not (_ARABIC.match(number) and _spans_rest(row, i)):
            return None
    title = clean_text(cell.text)[0]
    repair = None
    expected = next((j for j in range(len(keys)) if j != num_index), None)
    if i != expected:
        repair = f"tiêu đề phần ở sai cột ({cell.pos}) (section title in the wrong column)"
    return number, title, repair


def _prefix(text: str) -> str | None:
    match = _PREFIX.match(clean_text(text)[0])
    return match.group(1) if match else None


class _Builder:
    def __init__(self, grid: Grid, columns: list[Column]) -> None:
        self.grid = grid
        self.columns = columns
        self.keys = [c.key for c in columns]
        self.levels = [k for k in TEXT_KEYS if k in self.keys]
        self.table = Table(columns=columns, sections=[])
        self.section: DSection | None = None
        self.open: list[Draft | None] = [None] * len(self.levels)
        self.last_leaf: Draft | None = None
        self.number_level = len(self.levels) - 1
        self.numbered: Draft | None = None  # the item that took the last number (TT) read
        self.by_number: dict[str, Draft] = {}  # items of the current section by their number

    # --- sections -------------------------------------------------------------------------
    def open_section(self, number: str, title: str, pos: str) -> DSection:
        """A section of a kind already open is a sibling of it (numbering may restart under a new
        group); a section of a new kind opens inside the current one. So lettered groups hold the
        Roman sections when they come first (`A`, `I`, `II`, `B`, `I` …) and sit inside them when
        they come second (`I`, `A`, `B`, `II` …), and `1.` sub-sections sit inside either."""
        kind = section_kind(number)
        sec = DSection(number, title, pos, kind=kind)
        parent = self.section
        node = self.section
        while node is not None:
            if node.kind == kind:
                parent = node.parent
                break
            node = node.parent
        sec.parent = parent
        siblings = parent.sections if parent is not None else self.table.sections
        siblings.append(sec)
        sec.seq = len(siblings)
        self.section = sec
        self.open = [None] * len(self.levels)
        self.last_leaf = None
        self.numbered = None
        self.by_number = {}
        return sec

    def ensure_section(self, pos: str) -> DSection:
        if self.section is None:
            sec = self.open_section("I", "", pos)
            sec.notes.append(
                "bảng không có dòng tiêu đề phần; tạo phần I không tên (no section row: unnamed section I)"
            )
        assert self.section is not None
        return self.section

    # --- rows -----------------------------------------------------------------------------
    def cell_of(self, row: list[Cell], key: str) -> Cell | None:
        return row[self.keys.index(key)] if key in self.keys else None

    def opened(self, row: list[Cell]) -> list[int]:
        return [i for i, key in enumerate(self.levels) if not row[self.keys.index(key)].empty]

    def is_fragment(self, row: list[Cell], after_break: bool) -> bool:
        num = self.cell_of(row, "number")
        if num is not None and not num.empty:
            return False
        filled = [(k, c) for k, c in zip(self.keys, row, strict=True) if not c.empty]
        if not filled or self.last_leaf is None:
            return False
        for key, cell in filled:
            if key in self.levels:
                if _prefix(cell.text):
                    return False
                node = self.open[self.levels.index(key)]
                if node is None or not node.has(key):
                    return False
            else:
                owner = self.owner(key)
                if owner is None:
                    return False
        if after_break:
            return True
        first = clean_text(filled[0][1].text)[0]
        return bool(first) and first[0].islower()

    def owner(self, key: str) -> Draft | None:
        """The item holding `key` for the last row (its leaf, or the ancestor set on the row)."""
        node = self.last_leaf
        while node is not None:
            if node.has(key):
                return node
            node = node.parent
        return None

    def join(self, row: list[Cell], pos: str) -> None:
        receivers: list[Draft] = []
        for key, cell in zip(self.keys, row, strict=True):
            if cell.empty:
                continue
            target = self.open[self.levels.index(key)] if key in self.levels else self.owner(key)
            assert target is not None
            pieces = target.pieces.setdefault(key, [])
            pieces.append(cell.text)
            if target not in receivers:
                receivers.append(target)
        for target in receivers:
            target.note(f"nối phần dòng bị ngắt trang tại {pos} (joined a row split at a page break)")

    def add_row(self, row: list[Cell], pos: str, repair: str | None, unplaced: list[Cell]) -> None:
        sec = self.ensure_section(pos)
        opened = self.opened(row)
        num_cell = self.cell_of(row, "number")
        number = clean(num_cell.text) if num_cell is not None and not num_cell.empty else None
        opened_levels = opened
        if not opened_levels:
            # No text cell: the row continues the deepest open item (a row of its own otherwise).
            leaf_level = len(self.levels) - 1
            parent = self.deepest_open(leaf_level)
            leaf = Draft(self.levels[leaf_level] if self.levels else "task", pos)
            self.attach(sec, parent, leaf)
            if self.levels:
                label = self.columns[self.keys.index(self.levels[-1])].label
                leaf.note(f"dòng không có nội dung ở cột {label} (row without text)")
            self.open_at(leaf_level, leaf)
            chain = [leaf]
        else:
            top = opened_levels[0]
            parent = self.deepest_open(top) if self.grid.paged else self.merged_parent(row, top)
            parent = self.dotted_parent(number, top) or parent
            chain = []
            for level in opened_levels:
                node = Draft(self.levels[level], pos)
                self.attach(sec, parent, node)
                self.open_at(level, node)
                node.add(self.levels[level], self.cell_of(row, self.levels[level]).text)  # type: ignore[union-attr]
                chain.append(node)
                parent = node
            leaf = chain[-1]
            deepest = len(self.levels) - 1
            if opened_levels[-1] < deepest:
                missing = self.columns[self.keys.index(self.levels[opened_levels[-1] + 1])].label
                leaf.note(
                    f"ô {missing} trống; dòng được giữ ở mức {self.levels[opened_levels[-1]]} "
                    "(empty cell, maybe merged with the row above; row kept at the level it fills)"
                )
            for level in range(opened_levels[-1] + 1, len(self.levels)):
                self.open[level] = None
        if number is not None:
            target = next((n for n in chain if n.kind == self.levels[self.number_level]), None) if self.levels else None
            self.numbered = target or chain[0]
            self.numbered.number = number
            self.by_number[number.rstrip(".")] = self.numbered
        for key, cell in zip(self.keys, row, strict=True):
            if key in self.levels or key == "number":
                continue
            if cell.empty:
                (leaf.merged if cell.merged == "up" else leaf.empty).add(key)
            else:
                leaf.add(key, cell.text)
        if repair:
            leaf.note(repair)
        for cell in unplaced:
            leaf.unplaced.append(f"{cell.pos}: {clean_text(cell.text)[0]}")
            self.table.unplaced += 1
        self.last_leaf = leaf

    def merged_parent(self, row: list[Cell], level: int) -> Draft | None:
        """In a .docx/.xlsx table a row sits under an open item only where that item's cell is merged
        down over it; an empty, unmerged cell above the row's level means no parent at that level.

        A row whose number cell is merged with the one above continues that number's item, even
        when the item's own text cell is left empty (not merged) on this row.
        """
        num = self.cell_of(row, "number")
        continues = num is not None and num.merged == "up" and self.numbered is not None
        for i in range(level - 1, -1, -1):
            node = self.open[i]
            if node is None:
                continue
            cell = self.cell_of(row, self.levels[i])
            if cell is None or cell.merged == "up":
                return node
            if continues and node is self.numbered:
                return node
        return None

    def dotted_parent(self, number: str | None, level: int) -> Draft | None:
        """`1.2` in the number column belongs to item `1` of the section when both fill the same
        text column (a plan with one text column numbers its sub-tasks so)."""
        found = _DOTTED.match(number or "")
        if found is None or not self.levels:
            return None
        parent = self.by_number.get(found.group(1))
        if parent is None or parent.kind != self.levels[level]:
            return None
        return parent

    def deepest_open(self, level: int) -> Draft | None:
        for i in range(level - 1, -1, -1):
            if self.open[i] is not None:
                return self.open[i]
        return None

    def open_at(self, level: int, node: Draft) -> None:
        if self.levels:
            self.open[level] = node
            for i in range(level + 1, len(self.levels)):
                self.open[i] = None

    def attach(self, sec: DSection, parent: Draft | None, node: Draft) -> None:
        node.parent = parent
        (parent.items if parent is not None else sec.items).append(node)


def _number_level(rows: list[tuple[list[Cell], bool]], keys: list[str], levels: list[str]) -> int:
    """The text level the number column counts: the one whose filled cells best agree with numbered rows.

    Seed 000 numbers every task row (the goal cell spans several); seed 002 numbers objectives only.
    """
    if not levels or "number" not in keys:
        return max(len(levels) - 1, 0)
    ni = keys.index("number")
    best = (-1, 0)
    for li, key in enumerate(levels):
        ki = keys.index(key)
        agree = sum(1 for row, _ in rows if (not row[ni].empty) == (not row[ki].empty))
        if agree > best[0]:
            best = (agree, li)
    return best[1]


def build(grid: Grid, header_index: int, columns: list[Column]) -> Table:
    """The plan tree of a grid whose header row is `grid.rows[header_index]`."""
    builder = _Builder(grid, columns)
    table = builder.table
    keys = builder.keys
    prepared: list[tuple[Row, list[Cell], list[Cell], str | None]] = []
    after_break = False
    repeated: list[str] = []
    body = grid.rows[header_index + 1 :]
    if not grid.paged:
        body, below = _split_below(body)
        table.notes.extend(f"văn bản dưới bảng, không nhập (text below the table) {pos}: {text}" for pos, text in below)
    for row in body:
        table.rows_read += 1
        texts = row.texts()
        if is_repeated_header(texts, columns):
            repeated.append(row.pos.rsplit(":", 1)[-1])
            after_break = True
            continue
        if all(not t.strip() for t in texts):
            after_break = True
            continue
        if all(_SEPARATOR.match(t) for t in texts if t.strip()):
            table.notes.append(f"{row.pos}: bỏ dòng phân cách '---' (separator row dropped)")
            continue
        if is_column_numbers(texts) and not prepared:
            table.column_numbers = True
            table.notes.append(f"{row.pos}: dòng đánh số cột (column-number row), ghi column_numbers: true")
            continue
        cells, unplaced, repair = _align(row.cells, columns)
        prepared.append((Row(row.cells, row.pos, row.after_break or after_break), cells, unplaced, repair))
        after_break = False
    if repeated:
        table.notes.append(
            f"bỏ {len(repeated)} dòng tiêu đề lặp lại sau ngắt trang (repeated header rows dropped): "
            + ", ".join(repeated)
        )
    item_rows = [(cells, False) for _, cells, _, _ in prepared if _section_row(cells, keys) is None]
    builder.number_level = _number_level(item_rows, keys, builder.levels)
    for row, cells, unplaced, repair in prepared:
        section = _section_row(cells, keys)
        if section is not None:
            sec = builder.open_section(section[0], section[1], row.pos)
            if section[2]:
                sec.notes.append(section[2])
            for cell in unplaced:
                sec.notes.append(f"ô không xếp được (unplaced cell) {cell.pos}: {clean_text(cell.text)[0]}")
                table.unplaced += 1
            continue
        if grid.paged and not unplaced and repair is None and builder.is_fragment(cells, row.after_break):
            builder.join(cells, row.pos)
            continue
        builder.add_row(cells, row.pos, repair, unplaced)
    # Only a text dump loses merge information; .docx/.xlsx say which cells are merged, so there an
    # empty cell is just empty.
    fill = _fill_ratios(table) if grid.paged else {}
    for sec in (s for top in table.sections for s in top.all()):
        _lift_merged(sec, fill, {c.key: c.label for c in columns}, merges=not grid.paged)
        _check_numbers(sec)
    _assign_ids(table)
    return table


#: In a text dump an empty cell may be a merged one or just empty. It is read as merged only in a
#: column that is nearly always filled (a lead agency, a time), never in one often left blank (funding).
MERGE_FILL = 0.8


def _fill_ratios(table: Table) -> dict[str, float]:
    leaves = [d for _, d in table.drafts() if not d.items]
    if not leaves:
        return {}
    return {key: sum(1 for d in leaves if d.has(key) or key in d.merged) / len(leaves) for key in SHARED_KEYS}


def _split_below(rows: list[Row]) -> tuple[list[Row], list[tuple[str, str]]]:
    """Rows under a .docx/.xlsx table that are not table rows: notes, `Nơi nhận:`, the signature.

    A trailing row is text below the table when it fills at most one cell, has no cell merged
    from the row above and does not start a numbered item (`3.2.`); table rows always do one of these.
    """
    end = len(rows)
    below: list[tuple[str, str]] = []
    while end > 0:
        row = rows[end - 1]
        filled = [c for c in row.cells if not c.empty]
        if any(c.merged == "up" for c in row.cells) or len(filled) > 1:
            break
        if filled and _prefix(filled[0].text):
            break
        if filled:
            below.insert(0, (filled[0].pos, clean_text(filled[0].text)[0]))
        end -= 1
    return rows[:end], below


def _lift_merged(sec: DSection, fill: dict[str, float], labels: dict[str, str], merges: bool) -> None:
    """A responsibility cell filled on the first row of a block and empty below is written once on the block.

    Written once only on an item every row of which shares the cell. A merged cell (.docx/.xlsx)
    that runs across the boundary of an item — the last activity of one task and the activities of
    the next — is written on each item it covers whole, so every row keeps its value.
    """
    leaves = [leaf for item in sec.items for leaf in item.leaves()]
    for key in SHARED_KEYS:
        i = 0
        while i < len(leaves):
            if not leaves[i].has(key):
                i += 1
                continue
            j = i + 1
            while (
                j < len(leaves)
                and key not in leaves[j].pieces
                and not _set_above(leaves[j], key)
                and _continues(leaves[j], key, fill)
            ):
                j += 1
            run = leaves[i:j]
            if len(run) > 1:
                label = labels.get(key, key)
                cover = _cover(run)
                if len(cover) == 1:
                    if not cover[0].has(key):
                        cover[0].pieces[key] = leaves[i].pieces.pop(key)
                        cover[0].note(
                            f"ô {label} dùng chung cho {len(run)} dòng (ô gộp): ghi một lần ở đây "
                            "(merged cell written once on the parent)"
                        )
                elif merges and all(key in leaf.merged for leaf in run[1:]):
                    # Only a real merged cell: in a text dump an empty cell across a boundary may just be empty.
                    value = leaves[i].pieces.pop(key)
                    for node in cover:
                        node.pieces[key] = list(value)
                        node.note(
                            f"ô {label} gộp qua ranh giới giữa các mục ({len(run)} dòng, {len(cover)} mục): "
                            "ghi cho từng mục (merged cell across items: value written on each)"
                        )
            i = j


def _cover(run: list[Draft]) -> list[Draft]:
    """The fewest items whose rows are exactly `run`: for each leaf, its highest ancestor lying wholly
    inside the run (the lowest of several with the same rows: a task rather than its one-task goal)."""
    inside = {id(leaf) for leaf in run}
    out: list[Draft] = []
    for leaf in run:
        chain = [leaf]
        while chain[-1].parent is not None and all(id(x) in inside for x in chain[-1].parent.leaves()):
            chain.append(chain[-1].parent)
        rows = len(list(chain[-1].leaves()))
        top = next(node for node in chain if len(list(node.leaves())) == rows)
        if not any(top is seen for seen in out):
            out.append(top)
    return out


def _set_above(leaf: Draft, key: str) -> bool:
    """True when a parent of `leaf` holds `key` itself: the leaf's empty cell is that parent's merged cell."""
    node = leaf.parent
    while node is not None:
        if node.has(key):
            return True
        node = node.parent
    return False


def _continues(leaf: Draft, key: str, fill: dict[str, float]) -> bool:
    return key in leaf.merged or (key in leaf.empty and fill.get(key, 0.0) >= MERGE_FILL)


def _check_numbers(sec: DSection) -> None:
    """Note numbering gaps and duplicates, for the TT column and the `1.x`/`2.x`/`3.x` prefixes.

    A number skipped here but present elsewhere in the section (under another parent, where a merged
    cell put it) is not missing: a gap is noted only for numbers the section has nowhere.
    """
    nodes = [node for item in sec.items for node in item.walk()]
    texts = [clean_text(" ".join(node.pieces.get(node.kind, [])))[0] for node in nodes]
    all_tt = {int(n.number.rstrip(".")) for n in nodes if n.number and n.number.rstrip(".").isdigit()}
    all_prefixes = {(major, int(minor)) for t in texts for major, minor in _ALL_PREFIXES.findall(" " + t + " ")}
    seen_tt: set[int] = set()
    last_tt: int | None = None
    seen: dict[str, set[int]] = {}
    last: dict[str, int] = {}
    for node, text in zip(nodes, texts, strict=True):
        if node.number and node.number.rstrip(".").isdigit():
            n = int(node.number.rstrip("."))
            if n in seen_tt:
                node.note(f"số thứ tự {n} bị trùng trong phần {sec.number} (duplicate number)")
            elif last_tt is not None and n > last_tt + 1 and any(k not in all_tt for k in range(last_tt + 1, n)):
                node.note(f"số thứ tự nhảy từ {last_tt} lên {n} (numbering gap)")
            seen_tt.add(n)
            last_tt = n
        for major, minor_text in _ALL_PREFIXES.findall(" " + text + " "):
            minor = int(minor_text)
            if minor in seen.setdefault(major, set()):
                node.note(f"số {major}.{minor} bị trùng trong phần {sec.number} (duplicate number)")
            elif major in last and minor > last[major] + 1:
                absent = [k for k in range(last[major] + 1, minor) if (major, k) not in all_prefixes]
                if absent:
                    missing = f"{major}.{absent[0]}" + (f"–{major}.{absent[-1]}" if len(absent) > 1 else "")
                    node.note(f"thiếu số {missing} (numbering gap)")
            seen[major].add(minor)
            last[major] = max(minor, last.get(major, 0))


def _assign_ids(table: Table) -> None:
    """Stable ASCII ids: section path, then the TT number, else the `2.3` prefix, else g1/t1/a1."""
    used: set[str] = set()
    for top in table.sections:
        for sec in top.all():
            base = "-".join(_ascii(p) for p in sec.path())
            counters: dict[tuple[int, str], int] = {}
            for item in sec.items:
                _visit(item, base, base, counters, used)


def _visit(node: Draft, parent_id: str, base: str, counters: dict[tuple[int, str], int], used: set[str]) -> None:
    number = _ascii(node.number.rstrip(".")) if node.number else ""
    if number:
        ident = f"{base}-{number}"
    else:
        prefix = _prefix(" ".join(node.pieces.get(node.kind, [])))
        if prefix:
            seg = prefix
        else:
            k = (id(node.parent), node.kind)
            counters[k] = counters.get(k, 0) + 1
            seg = f"{'g' if node.kind == 'objective' else node.kind[0]}{counters[k]}"
        ident = f"{parent_id}-{seg}"
    candidate, n = ident, 2
    while candidate in used:
        candidate = f"{ident}_{n}"
        n += 1
    if candidate != ident:
        node.note(f"id {ident} đã dùng; mục này lấy id {candidate} (id already taken)")
    used.add(candidate)
    node.id = candidate
    for child in node.items:
        _visit(child, candidate, base, counters, used)


def _ascii(text: str) -> str:
    folded = fold(text).replace(" ", "")
    return re.sub(r"[^A-Za-z0-9.]", "", folded.upper() if text.isupper() else folded)

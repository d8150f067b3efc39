"""The annex as a rendering-neutral grid: what every renderer (Excel, Markdown) draws.

`layout(plan)` walks the plan tree once and returns rows in document order: a title row for
each section or group, one row per leaf item. Merged cells come back from the tree: an
item's own cells (its number, its text in the column of its kind, any responsibility field it
sets itself) span every row of its descendants that does not set that column itself.
Nothing is lost: a parent whose own cell no descendant row can show (a child writes the same
column) gets a row of its own above its children.

Agency lists are joined with `AGENCY_SEP` ("; "), the way seed 000 writes several agencies in
one cell; importers split a cell on ";" (the round trip gives the same list back).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from cchc.errors import CchcError, Loc
from cchc.plan.model import Entry, Item, Plan, Section
from cchc.record import record
from cchc.text import fold

AGENCY_SEP = "; "

#: Item fields shown in a column of the same key when the item sets them itself.
OWN_FIELDS = ("output", "lead", "support", "start", "due", "funding", "note")

#: The column an agency extract adds, and how it names each role.
ROLE_KEY = "_role"  # cannot clash with a plan column key (they start with a letter)
ROLE_LABEL = "Vai trò"
ROLE_NAMES = {"lead": "Chủ trì", "support": "Phối hợp"}


@record
class Cell:
    """One drawn cell: its text and how many rows and columns it covers (1 = not merged)."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@record
class Row:
    """A grid row. `cells` has one slot per column; None where a merged cell above or left covers it."""

    kind: str  # "section" or "item"
    cells: tuple[Cell | None, ...]
    level: int = 0  # section depth (0 = I, II …), for section rows
    item_id: str | None = None  # the item whose row this is, for item rows


@record
class Grid:
    """The annex ready to draw: title block lines, the header labels and the rows."""

    title: str
    subtitle: str | None
    keys: tuple[str, ...]
    labels: tuple[str, ...]
    column_numbers: bool
    rows: tuple[Row, ...]
    extract: str | None = None  # the line naming the agency of an extract
    doc_date: date | None = None  # the plan's date: pins the document timestamps


# --- official wording -------------------------------------------------------------------------


def official_date(day: date) -> str:
    """`ngày 05 tháng 01 năm 2024`: leading zero for days below 10 and months 1–2 (Nghị định 30/2020)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def subtitle(plan: Plan) -> str | None:
    """The italic line under the annex name.

    Written from the metadata when the plan has both a number and a date, so it always matches
    them; a draft without them keeps the line exactly as the plan stores it (`annex.subtitle`).
    """
    meta = plan.meta
    if meta.number and meta.date:
        text = f"(Kèm theo {meta.kind or 'Kế hoạch'} số {meta.number} {official_date(meta.date)}"
        if meta.issuer:
            text += f" của {meta.issuer}"
        return text + ")"
    return plan.annex.subtitle


def agency_text(names: tuple[str, ...] | None) -> str:
    return AGENCY_SEP.join(names) if names else ""


# --- building the grid ------------------------------------------------------------------------


def own_cells(item: Item, plan: Plan, keys: tuple[str, ...]) -> dict[str, str]:
    """The cells an item writes itself, by column key (inherited values are not its own)."""
    cells: dict[str, str] = {}
    if item.number and "number" in keys:
        cells["number"] = item.number
    text_key = plan.annex.text_column(item.kind)
    if item.text is not None and text_key is not None:
        cells[text_key] = item.text
    for name in OWN_FIELDS:
        value = getattr(item, name)
        if value is None or name not in keys:
            continue
        cells[name] = agency_text(value) if isinstance(value, tuple) else str(value)
    for key, value in item.extra.items():
        if key in keys and key not in cells:
            cells[key] = value
    return cells


@dataclass
class _Line:
    """An item row being built: the chain of items it shows, outermost first."""

    chain: tuple[Item, ...]
    extra: dict[str, str] = field(default_factory=dict)  # cells of this row only (the role column)


def _owner(chain: tuple[Item, ...], key: str, owns: dict[str, dict[str, str]]) -> Item | None:
    for item in reversed(chain):
        if key in owns[item.id]:
            return item
    return None


def _item_lines(
    entries: list[Entry], keys: tuple[str, ...], owns: dict[str, dict[str, str]], extra: dict[str, dict[str, str]]
) -> list[_Line]:
    """Rows for the items of one section: each leaf, plus parents whose own cells would be hidden."""
    leaves = [e for e in entries if e.is_leaf]
    shown: set[tuple[str, str]] = set()
    for leaf in leaves:
        chain = (*leaf.ancestors, leaf.item)
        for key in keys:
            owner = _owner(chain, key, owns)
            if owner is not None:
                shown.add((owner.id, key))
    lines = []
    for entry in entries:
        item = entry.item
        hidden = any((item.id, key) not in shown for key in owns[item.id])
        if entry.is_leaf or hidden:
            lines.append(_Line(chain=(*entry.ancestors, item), extra=extra.get(item.id, {})))
    return lines


def _cells(lines: list[_Line], keys: tuple[str, ...], owns: dict[str, dict[str, str]]) -> list[list[Cell | None]]:
    """Fill the cells of consecutive item rows, merging runs of rows that show the same owner's cell."""
    grid: list[list[Cell | None]] = [[None] * len(keys) for _ in lines]
    for col, key in enumerate(keys):
        row = 0
        while row < len(lines):
            if key in lines[row].extra:
                grid[row][col] = Cell(lines[row].extra[key])
                row += 1
                continue
            item = _owner(lines[row].chain, key, owns)
            end = row + 1
            if item is not None:
                # Rows below belong to the same merged cell while they show the same owner.
                while end < len(lines) and key not in lines[end].extra and _owner(lines[end].chain, key, owns) is item:
                    end += 1
            grid[row][col] = Cell(owns[item.id][key] if item else "", rowspan=end - row)
            row = end
    return grid


def _section_row(sec: Section, level: int, keys: tuple[str, ...]) -> Row:
    """A section title row: its number in the leading number column, its title across the rest."""
    blank: list[Cell | None] = [None] * len(keys)
    if keys[0] == "number" and len(keys) > 1:
        return Row("section", (Cell(sec.number), Cell(sec.title, colspan=len(keys) - 1), *blank[2:]), level)
    head = f"{sec.number}. {sec.title}" if sec.number else sec.title
    return Row("section", (Cell(head, colspan=len(keys)), *blank[1:]), level)


def role_text(role: str, via: str | None, inherited: bool) -> str:
    """`Chủ trì`, `Phối hợp`, `Chủ trì (qua nhóm Các sở, ban, ngành)`, `Phối hợp (kế thừa từ Sở …)`."""
    text = ROLE_NAMES.get(role, role)
    if via:
        text += f" (kế thừa từ {via})" if inherited else f" (qua nhóm {via})"
    return text


def agency_name(plan: Plan, typed: str) -> str:
    """The registry's name for what the user typed (`so tu phap` → `Sở Tư pháp`), else the text as typed."""
    try:
        from cchc.agencies.registry import registry_for

        return registry_for(plan.path).resolve(typed).name
    except (ImportError, CchcError):
        return typed


def find_section(plan: Plan, wanted: str) -> tuple[Section, ...]:
    """The section path whose number (`I`, `II.A`) or id is `wanted`; `CchcError` listing choices if none."""
    key = fold(wanted).strip(" .")
    choices = []
    for path in plan.all_sections():
        dotted = ".".join(s.number for s in path)
        choices.append(dotted)
        if key in (fold(dotted), fold(path[-1].id or "\0")) or (len(path) == 1 and key == fold(path[0].number)):
            return path
    raise CchcError.single(
        "R001",
        f"không có phần `{wanted}` trong kế hoạch (no such section)",
        Loc(plan.path),
        hint="các phần: " + ", ".join(choices),
    )


def layout(
    plan: Plan,
    *,
    agency: str | None = None,
    section: str | None = None,
    more_columns: tuple[tuple[str, str], ...] = (),
    more: Callable[[Entry], Mapping[str, str]] | None = None,
) -> Grid:
    """The annex of `plan` as a grid; only `agency`'s rows (with a role column) and one `section` when given.

    An agency extract may add `more_columns` (key, label) after the role column, filled for each
    of the agency's items by `more(entry)` (the progress columns of `cchc.render.progress_sheet`).
    """
    from cchc.agencies.match import match_entries

    keys = plan.annex.keys
    labels = tuple(c.label for c in plan.annex.columns)
    roles: dict[str, dict[str, str]] = {}
    extract_line = None
    if agency is not None:
        found: dict[str, list[str]] = {}
        matched: dict[str, Entry] = {}
        for match in match_entries([plan], agency):
            # A matcher may report one item twice (lead via a group, support by name): keep both.
            matched[match.entry.item.id] = match.entry
            names = found.setdefault(match.entry.item.id, [])
            if (role := role_text(match.role, match.via, match.inherited)) not in names:
                names.append(role)
        roles = {item_id: {ROLE_KEY: "; ".join(names)} for item_id, names in found.items()}
        if more is not None:
            for item_id, entry in matched.items():
                roles[item_id].update(more(entry))
        keys = (*keys, ROLE_KEY, *(k for k, _ in more_columns))
        labels = (*labels, ROLE_LABEL, *(label for _, label in more_columns))
        name = agency_name(plan, agency)
        lead = sum(1 for names in found.values() if any(n.startswith(ROLE_NAMES["lead"]) for n in names))
        extract_line = (
            f"Trích các nhiệm vụ của {name}: chủ trì {lead}, phối hợp {len(found) - lead} nhiệm vụ"
            if found
            else f"Không có nhiệm vụ nào của {name} trong kế hoạch này"
        )
    only = find_section(plan, section) if section else None

    owns: dict[str, dict[str, str]] = {}
    by_section: dict[int, list[Entry]] = {}
    for entry in plan.entries():
        owns[entry.item.id] = own_cells(entry.item, plan, keys)
        by_section.setdefault(id(entry.section), []).append(entry)

    rows: list[Row] = []
    for path in plan.all_sections():
        if only is not None and path[: len(only)] != only:
            if only[: len(path)] == path:  # a section above the one asked for: its title, for context
                rows.append(_section_row(path[-1], len(path) - 1, keys))
            continue
        entries = by_section.get(id(path[-1]), [])
        if agency is not None:
            entries = _concerning(entries, roles)
            if not entries and not _has_rows(plan, path, by_section, roles):
                continue
        rows.append(_section_row(path[-1], len(path) - 1, keys))
        lines = _item_lines(entries, keys, owns, roles)
        for line, cells in zip(lines, _cells(lines, keys, owns), strict=True):
            rows.append(Row("item", tuple(cells), item_id=line.chain[-1].id))
    return Grid(
        title=plan.annex.title,
        subtitle=subtitle(plan),
        keys=keys,
        labels=labels,
        column_numbers=bool(plan.annex.column_numbers),
        rows=tuple(rows),
        extract=extract_line,
        doc_date=plan.meta.date,
    )


def _concerning(entries: list[Entry], roles: dict[str, dict[str, str]]) -> list[Entry]:
    """The matched leaves and the ancestors they need, in document order."""
    keep = set(roles)
    for entry in entries:
        if entry.item.id in roles:
            keep.update(a.id for a in entry.ancestors)
    return [e for e in entries if e.item.id in keep and (not e.is_leaf or e.item.id in roles)]


def _has_rows(
    plan: Plan, path: tuple[Section, ...], by_section: dict[int, list[Entry]], roles: dict[str, dict[str, str]]
) -> bool:
    """True when a subsection of `path` has rows of the extract (its title row is then kept)."""
    for sub in plan.all_sections():
        if len(sub) > len(path) and sub[: len(path)] == path:
            if any(e.item.id in roles for e in by_section.get(id(sub[-1]), [])):
                return True
    return False


def iter_texts(grid: Grid) -> Iterator[tuple[int, int, Cell]]:
    """Every drawn cell with its grid row and column index (covered slots skipped)."""
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row.cells):
            if cell is not None:
                yield r, c, cell


def column_texts(grid: Grid) -> list[list[str]]:
    """Per column, the texts of its single-column cells (what sizes the column)."""
    out: list[list[str]] = [[label] for label in grid.labels]
    for _r, c, cell in iter_texts(grid):
        if cell.colspan == 1:
            out[c].append(cell.text)
    return out

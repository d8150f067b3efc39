"""`cchc progress import`: the values of filled progress workbooks, judged and turned into edits.

Each workbook (read by `cchc.importers.progress`, structure already checked) is matched to the
plan by the manifest (same province, title and number) and to the agency it was made for. Every
row is checked: the item is still in the plan and still the agency's, its `Kỳ` unchanged, the
status one of the labels, the date a date (a date cell, or text `dd/mm/yyyy`) not after today,
a done status with a date and a date only with a done status, evidence of a sane length.

Then each row's values are compared three ways — what the extract was made with (the manifest's
*base*), what the plan records now, what the agency wrote:

- the agency wrote the base back: nothing to do (if the plan has moved on since, it is kept);
- the plan still records the base: the agency's values are the change — unless they undo or
  re-date a completion the plan records (P118, a conflict to settle with `cchc done`/`progress`);
- the plan changed since the extract *and* the agency wrote something else: P117, the row is
  named with both values; newer progress is never overwritten silently.

Any problem raises `CchcError` (exit 1) listing all of them; nothing is edited then.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from cchc.errors import CchcError, Loc, Problem, Severity
from cchc.plan import exchange as ex
from cchc.plan.edit import ProgressEdit
from cchc.plan.model import Plan
from cchc.record import record
from cchc.text import fold

_DAY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STATUS_BY_FOLD = {fold(label): key for key, label in ex.STATUS_LABELS.items()}


@record
class RowChange:
    """One row whose values will be recorded: where it is, the item, before and after."""

    source: str  # `file.xlsx: Sheet!12`
    agency: str
    item_id: str
    occurrence: str | None
    before: ex.Recorded
    after: ex.Recorded


@record
class Merged:
    """What importing the workbooks into one plan will do."""

    plan: str
    changes: tuple[RowChange, ...]
    edits: tuple[ProgressEdit, ...]
    unchanged: int
    kept: tuple[str, ...]  # rows the agency left as extracted while the plan moved on: plan kept


def describe(rec: ex.Recorded) -> str:
    """`Hoàn thành 20/05/2024 (QĐ 12/QĐ-UBND)`, `Đang thực hiện`."""
    text = ex.STATUS_LABELS[rec.status]
    if rec.done_date is not None:
        text += f" {rec.done_date:%d/%m/%Y}"
    if rec.evidence:
        text += f" ({rec.evidence})"
    return text


class _Problems:
    """Problems located `file[Sheet]:row:col` (see `cchc.importers.progress`), `Sheet!K12` in the message."""

    def __init__(self) -> None:
        self.found: list[Problem] = []

    def add(
        self,
        book: ex.FilledWorkbook,
        cell: ex.FilledCell | None,
        row: int,
        code: str,
        message: str,
        hint: str | None = None,
    ) -> None:
        col = 0
        where = f"{book.manifest.sheet}!{row}"
        if cell is not None:
            where = cell.coord
            for ch in cell.coord.rsplit("!", 1)[-1].rstrip("0123456789"):
                col = col * 26 + ord(ch) - 64
        loc = Loc(f"{book.path}[{book.manifest.sheet}]", row, col) if row else Loc(book.path)
        text = f"{where}: {message}" if row else message
        self.found.append(Problem(code, text, loc, Severity.ERROR, hint))


def same_plan(plan: Plan, manifest: ex.Manifest) -> bool:
    meta = plan.meta
    return (manifest.province, manifest.title, manifest.number) == (meta.province, meta.title, meta.number or "")


def merge(plan: Plan, books: Sequence[ex.FilledWorkbook], *, today: date) -> Merged:
    """The edits that bring the workbooks' values into `plan`; `CchcError` (exit 1) on any problem."""
    from cchc.agencies.match import match_entries
    from cchc.agencies.registry import registry_for

    problems = _Problems()
    registry = registry_for(plan.path)
    changes: list[RowChange] = []
    kept: list[str] = []
    unchanged = 0
    agencies: dict[str, str] = {}
    claimed: dict[tuple[str, str | None], tuple[ex.Recorded, str]] = {}
    for book in books:
        manifest = book.manifest
        if not same_plan(plan, manifest):
            problems.add(
                book,
                None,
                0,
                "P114",
                f"tệp trích từ kế hoạch khác: {manifest.title} {manifest.number} ({manifest.province}),"
                f" không phải {plan.meta.title} {plan.meta.number or ''} (another plan's file)",
                "chọn đúng kế hoạch bằng --plan",
            )
            continue
        agency = registry.lookup(manifest.agency)
        if agency is None:
            problems.add(book, None, 0, "P115", f"cơ quan {manifest.agency!r} của tệp không có trong danh mục")
            continue
        if agency.name in agencies:
            problems.add(
                book,
                None,
                0,
                "P116",
                f"hai tệp của cùng {agency.name}: {agencies[agency.name]} và {book.path} (two files of one agency)",
                "nhập từng tệp một, hoặc bỏ tệp cũ",
            )
            continue
        agencies[agency.name] = book.path
        mine = {m.entry.item.id for m in match_entries([plan], agency.name)}
        base_of = {b.item_id: b for b in manifest.rows}
        periods: dict[str, set[str]] = {}
        for row in book.rows:
            base = base_of[row.item_id]
            item = plan.item(row.item_id)
            source = f"{book.path}: {manifest.sheet}!{row.row}"
            if item is None:
                problems.add(book, None, row.row, "P115", f"mục {row.item_id!r} không còn trong kế hoạch")
                continue
            if row.item_id not in mine:
                problems.add(
                    book,
                    None,
                    row.row,
                    "P115",
                    f"mục {row.item_id!r} không phải nhiệm vụ của {agency.name} (a row from another agency's file?)",
                )
                continue
            occ_cell = row.cells.get(ex.OCCURRENCE_KEY)
            occ_text = _text(occ_cell.value) if occ_cell is not None else ""
            if (occ_text or None) != base.occurrence:
                problems.add(
                    book,
                    occ_cell,
                    row.row,
                    "P119",
                    f"cột {ex.OCCURRENCE_LABEL} đã bị sửa: {occ_text!r}, tệp trích ghi {base.occurrence or ''!r}",
                    "không sửa cột Kỳ; ghi kỳ khác bằng `cchc done … --occurrence`",
                )
                continue
            if base.occurrence is not None:
                if row.item_id not in periods:
                    periods[row.item_id] = _period_keys(plan, row.item_id)
                if base.occurrence not in periods[row.item_id]:
                    problems.add(book, occ_cell, row.row, "P119", f"kỳ {base.occurrence!r} không còn trong kế hoạch")
                    continue
            after = _values(book, row, base, plan, today, problems)
            if after is None:
                continue
            now = ex.recorded(item, base.occurrence)
            if after == base.base:
                unchanged += 1
                if now != base.base:
                    kept.append(f"{source} ({row.item_id}): kế hoạch đã ghi {describe(now)} — giữ nguyên")
                continue
            if after == now:
                unchanged += 1
                continue
            if now != base.base:
                problems.add(
                    book,
                    None,
                    row.row,
                    "P117",
                    f"mục {row.item_id}: kế hoạch đã đổi sau khi trích ngày {manifest.made:%d/%m/%Y}"
                    f" ({describe(base.base)} → {describe(now)}); tệp ghi {describe(after)}",
                    "kiểm tra với cơ quan, rồi ghi bằng `cchc done` / `cchc progress`; hoặc gửi tệp trích mới",
                )
                continue
            if now.status == "done" and (after.status != "done" or after.done_date != now.done_date):
                problems.add(
                    book,
                    None,
                    row.row,
                    "P118",
                    f"mục {row.item_id}: kế hoạch đã ghi {describe(now)}; tệp ghi {describe(after)}",
                    "muốn đổi thì ghi rõ bằng `cchc done --date` hoặc `cchc progress --status`",
                )
                continue
            key = (row.item_id, base.occurrence)
            other = claimed.get(key)
            if other is not None and other[0] != after:
                problems.add(
                    book,
                    None,
                    row.row,
                    "P121",
                    f"mục {row.item_id}: {other[1]} ghi {describe(other[0])}, tệp này ghi {describe(after)}",
                    "thống nhất một giá trị giữa các cơ quan",
                )
                continue
            if other is None:
                claimed[key] = (after, book.path)
                changes.append(RowChange(source, agency.name, row.item_id, base.occurrence, now, after))
    if problems.found:
        raise CchcError(sorted(problems.found, key=Problem.sort_key), exit_code=1)
    edits = tuple(e for c in changes for e in _edits(c))
    return Merged(plan.path, tuple(changes), edits, unchanged, tuple(kept))


def _period_keys(plan: Plan, item_id: str) -> set[str]:
    from cchc.schedule.deadlines import recurring_periods

    entry = plan.entry(item_id)
    return {p.key for p in recurring_periods(entry, plan)} if entry is not None else set()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(_CONTROL.sub("", str(value)).split())


def _values(
    book: ex.FilledWorkbook, row: ex.FilledRow, base: ex.BaseRow, plan: Plan, today: date, problems: _Problems
) -> ex.Recorded | None:
    """The row's status, date and evidence, each checked; None when one is wrong (reported)."""
    before = len(problems.found)
    status_cell = row.cells[ex.STATUS_KEY]
    status_text = _text(status_cell.value)
    status = base.base.status if not status_text else _STATUS_BY_FOLD.get(fold(status_text))
    if status is None:
        problems.add(
            book,
            status_cell,
            row.row,
            "P110",
            f"tình trạng không hợp lệ {status_text!r} (unknown status)",
            "chọn một trong: " + ", ".join(ex.STATUS_LABELS.values()),
        )
    done_cell = row.cells[ex.DONE_KEY]
    done, readable = _day(done_cell.value)
    if not readable:
        problems.add(
            book,
            done_cell,
            row.row,
            "P111",
            f"{ex.DONE_LABEL} không phải ngày: {_text(done_cell.value)!r} (not a date)",
            "ghi ngày dạng dd/mm/yyyy, ví dụ 20/05/2024",
        )
    if done is not None:
        if done > today:
            problems.add(
                book,
                done_cell,
                row.row,
                "P112",
                f"{ex.DONE_LABEL} {done:%d/%m/%Y} sau hôm nay {today:%d/%m/%Y} (a date in the future)",
                "kiểm tra năm",
            )
        elif done.year < plan.meta.period.start - 1:
            problems.add(
                book,
                done_cell,
                row.row,
                "P111",
                f"{ex.DONE_LABEL} {done:%d/%m/%Y} trước kỳ kế hoạch {plan.meta.period.start}"
                " (a date long before the plan)",
                "kiểm tra năm",
            )
    if status == "done" and done is None and len(problems.found) == before:
        problems.add(
            book,
            done_cell,
            row.row,
            "P113",
            f"{ex.STATUS_LABELS['done']} nhưng thiếu {ex.DONE_LABEL} (done without a date)",
            "ghi ngày hoàn thành dd/mm/yyyy",
        )
    if status is not None and status != "done" and done is not None:
        problems.add(
            book,
            done_cell,
            row.row,
            "P113",
            f"có {ex.DONE_LABEL} {done:%d/%m/%Y} nhưng {ex.STATUS_LABEL} là {ex.STATUS_LABELS[status]!r}",
            f"chọn {ex.STATUS_LABELS['done']!r} hoặc xoá ngày",
        )
    if status == "cancelled" and base.occurrence is not None:
        problems.add(
            book,
            status_cell,
            row.row,
            "P113",
            f"không hủy riêng kỳ {base.occurrence}; hủy cả nhiệm vụ bằng `cchc progress --status cancelled`",
        )
    evidence_cell = row.cells[ex.EVIDENCE_KEY]
    evidence = _text(evidence_cell.value) if not isinstance(evidence_cell.value, str) else _clean(evidence_cell.value)
    if len(evidence) > ex.MAX_EVIDENCE:
        problems.add(
            book,
            evidence_cell,
            row.row,
            "P120",
            f"{ex.EVIDENCE_LABEL} quá dài ({len(evidence)} ký tự > {ex.MAX_EVIDENCE})",
            "ghi số, ký hiệu văn bản hoặc đường dẫn minh chứng",
        )
    if len(problems.found) > before or status is None:
        return None
    return ex.Recorded(status, done, evidence or None)


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in _CONTROL.sub("", text).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _day(value: object) -> tuple[date | None, bool]:
    """A done date from a cell — a date cell, or text `dd/mm/yyyy` (`d/m/yyyy`, `yyyy-mm-dd`) — and
    whether the cell could be read as one (an empty cell: no date, readable)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    if isinstance(value, datetime):
        return value.date(), True
    if isinstance(value, date):
        return value, True
    if not isinstance(value, str):
        return None, False  # a number: an Excel serial day whose format was lost, or a typo
    text = value.strip()
    try:
        m = _DAY.match(text)
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))), True
        if _ISO.match(text):
            return date.fromisoformat(text), True
    except ValueError:
        pass
    return None, False


def _edits(change: RowChange) -> list[ProgressEdit]:
    before, after = change.before, change.after
    if change.occurrence is not None:
        if after.status == "done":
            values: dict[str, str | date | None] = {"done_date": after.done_date, "evidence": after.evidence}
            return [ProgressEdit(change.item_id, values, occurrence=change.occurrence)]
        # Not done this time: only the item's own status can change (never a recorded completion: P118).
        return [ProgressEdit(change.item_id, {"status": after.status})] if after.status != before.status else []
    values = {}
    if after.status != before.status:
        values["status"] = after.status
    if after.done_date != before.done_date:
        values["done_date"] = after.done_date
    if after.evidence != before.evidence:
        values["evidence"] = after.evidence
    return [ProgressEdit(change.item_id, values)] if values else []

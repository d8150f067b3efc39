"""Reading a filled progress workbook back (`cchc progress import`): bounded, structure checked.

The workbook comes from another office, so it is read like any untrusted file: size capped,
zip-bomb and cell-extent guards first (`cchc.importers.limits`), then openpyxl in read-only mode
(no formulas evaluated, cells streamed), at most `MAX_ROWS` rows. Only the structure is checked
here — ours (the manifest of `cchc.plan.exchange` and the `id` column), columns where the
manifest put them, no merged cells over the rows, every row of the extract present once with
its id unchanged, no rows added with values but no id. The values themselves are judged
against the plan by `cchc.tracking.merge`.

Every problem found is reported at once, located as `file:row:column` with the sheet's own
`Sheet!E12` in the message; unusable structure exits 2.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from cchc.errors import CchcError, Loc, Problem, Severity
from cchc.plan import exchange as ex

_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\sname="([^"]*)"[^>]*?\s(?:\w+:)?id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\sId="([^"]*)"[^>]*?\sTarget="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\sTarget="([^"]*)"[^>]*?\sId="([^"]*)"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\sref="([A-Z]{1,4})([0-9]{1,9}):([A-Z]{1,4})([0-9]{1,9})"')


def _letters(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


class _Problems:
    """Problems of one workbook, located `file[Sheet]:row:col` (a workbook has no text lines to
    quote; the file name with the sheet is no file, so none is read) and named `Sheet!K12` in the
    message, as the spreadsheet shows it."""

    def __init__(self, path: str, sheet: str) -> None:
        self.path = path
        self.sheet = sheet
        self.found: list[Problem] = []

    def add(self, code: str, message: str, row: int = 0, col: int = 0, hint: str | None = None) -> None:
        where = Loc(f"{self.path}[{self.sheet}]", row, col) if row else Loc(self.path)
        self.found.append(Problem(code, message, where, Severity.ERROR, hint))


def _unusable(path: str, code: str, message: str, hint: str | None = None) -> CchcError:
    return CchcError.single(code, message, Loc(path), hint)


def read_filled(path: str | Path) -> ex.FilledWorkbook:
    """The manifest and keyed rows of a filled extract; `CchcError` (exit 2) listing every structural problem."""
    from cchc.importers.limits import check_ooxml

    name = str(path)
    file = Path(path)
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise _unusable(name, "P102", f"không đọc được tệp (cannot read file): {exc.strerror or exc}") from None
    if size > ex.MAX_BYTES:
        mib = 1024 * 1024
        raise _unusable(name, "P102", f"tệp quá lớn (file too large): {size / mib:.1f} MB > {ex.MAX_BYTES // mib} MB")
    check_ooxml(file)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any parser failure means the file is unusable
        raise _unusable(name, "P102", f"tệp Excel bị hỏng (corrupted workbook): {type(exc).__name__}") from None
    try:
        return _read(name, file, workbook)
    finally:
        workbook.close()


def _not_ours(name: str, detail: str) -> CchcError:
    return _unusable(
        name,
        "P101",
        f"không phải tệp tiến độ do cchc tạo ({detail}) (not a cchc progress workbook)",
        "tạo tệp bằng `cchc render KẾ_HOẠCH --agency CƠ_QUAN --to xlsx --progress`",
    )


def _read(name: str, file: Path, workbook: Any) -> ex.FilledWorkbook:
    if ex.MANIFEST_SHEET not in workbook.sheetnames:
        detail = "không có cột id, không có trang cchc"
        raise _not_ours(name, detail)
    manifest = _manifest(name, workbook[ex.MANIFEST_SHEET])
    if manifest.sheet not in workbook.sheetnames:
        raise _unusable(
            name, "P103", f"không còn trang tính {manifest.sheet!r} của tệp trích (sheet renamed or deleted)"
        )
    problems = _Problems(name, manifest.sheet)
    sheet = workbook[manifest.sheet]
    expected = {
        ex.OCCURRENCE_KEY: ex.OCCURRENCE_LABEL,
        ex.STATUS_KEY: ex.STATUS_LABEL,
        ex.DONE_KEY: ex.DONE_LABEL,
        ex.EVIDENCE_KEY: ex.EVIDENCE_LABEL,
        ex.ID_KEY: ex.ID_LABEL,
    }
    wanted = {key: col for key, col in manifest.columns.items() if key in expected}
    if ex.ID_KEY not in wanted or ex.STATUS_KEY not in wanted:
        raise _not_ours(name, "không có cột id")
    last_col = max(wanted.values())
    rows: list[ex.FilledRow] = []
    header_seen = False
    for r, values in enumerate(
        sheet.iter_rows(min_row=1, max_row=manifest.header_row + ex.MAX_ROWS, max_col=last_col, values_only=True),
        start=1,
    ):
        cells = {key: values[col - 1] if col - 1 < len(values) else None for key, col in wanted.items()}
        if r < manifest.header_row:
            continue
        if r == manifest.header_row:
            header_seen = True
            for key, col in wanted.items():
                found = cells[key]
                if str(found or "").strip() != expected[key]:
                    problems.add(
                        "P103",
                        f"{manifest.sheet}!{_letters(col)}{r}: cột {expected[key]!r} đã bị di chuyển, đổi tên hoặc xoá"
                        f" (gặp {str(found or '')!r})",
                        r,
                        col,
                        "không thêm, xoá hay chuyển cột; tạo lại tệp trích nếu cần",
                    )
            continue
        item_id = cells.pop(ex.ID_KEY)
        text_id = "" if item_id is None else str(item_id).strip()
        filled = {
            key: ex.FilledCell(value, f"{manifest.sheet}!{_letters(wanted[key])}{r}") for key, value in cells.items()
        }
        if not text_id:
            if any(_present(cells.get(key)) for key in ex.EDITABLE):
                problems.add(
                    "P108",
                    f"{manifest.sheet}!{r}: dòng có tiến độ nhưng không có id (a row added by hand)",
                    r,
                    wanted[ex.STATUS_KEY],
                    "ghi tiến độ vào đúng dòng của nhiệm vụ, không thêm dòng",
                )
            continue
        rows.append(ex.FilledRow(r, text_id, filled))
    if not header_seen:
        raise _not_ours(name, f"không có dòng tiêu đề ở dòng {manifest.header_row}")
    _check_rows(manifest, rows, wanted, problems)
    _check_merges(file, manifest, wanted, {row.row for row in rows}, problems)
    if problems.found:
        raise CchcError(sorted(problems.found, key=Problem.sort_key))
    return ex.FilledWorkbook(name, manifest, tuple(rows))


def _present(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _check_rows(manifest: ex.Manifest, rows: list[ex.FilledRow], wanted: dict[str, int], problems: _Problems) -> None:
    known = {b.item_id for b in manifest.rows}
    seen: dict[str, int] = {}
    id_col = wanted[ex.ID_KEY]
    for row in rows:
        where = f"{manifest.sheet}!{_letters(id_col)}{row.row}"
        if row.item_id not in known:
            problems.add(
                "P105",
                f"{where}: id {row.item_id!r} không có trong tệp trích gốc (id edited, or a row from another file)",
                row.row,
                id_col,
                "không sửa cột id (ẩn); chép tiến độ vào đúng dòng",
            )
        elif row.item_id in seen:
            problems.add(
                "P107",
                f"{where}: mục {row.item_id!r} xuất hiện hai lần (lần đầu ở dòng {seen[row.item_id]})"
                " (a duplicated row)",
                row.row,
                id_col,
                "xoá dòng chép thừa",
            )
        else:
            seen[row.item_id] = row.row
    for base in manifest.rows:
        if base.item_id not in seen:
            problems.add(
                "P106",
                f"{manifest.sheet}: thiếu dòng của mục {base.item_id!r} (a row was deleted or merged)",
                manifest.header_row,
                id_col,
                "không xoá dòng; để trống nếu chưa có tiến độ",
            )


def _check_merges(
    file: Path, manifest: ex.Manifest, wanted: dict[str, int], data_rows: set[int], problems: _Problems
) -> None:
    """Merged ranges over the items' rows in the columns that are read (read-only mode cannot see them).

    The extract's own merges are elsewhere: section titles span a row without an id, merged plan
    cells span annex columns only."""
    xml = _sheet_xml(file, manifest.sheet)
    if xml is None:
        return
    cols = set(wanted.values())
    for c1, r1, c2, r2 in _MERGE.findall(xml):
        top, bottom = sorted((int(r1), int(r2)))
        left, right = sorted((_col(c1), _col(c2)))
        if bottom <= manifest.header_row or not any(top <= r <= bottom for r in data_rows):
            continue
        if any(left <= c <= right for c in cols):
            ref = f"{c1.decode()}{r1.decode()}:{c2.decode()}{r2.decode()}"
            problems.add(
                "P104",
                f"{manifest.sheet}!{ref}: ô gộp trong vùng tiến độ (merged cells over the rows)",
                top,
                left,
                "bỏ gộp ô: mỗi nhiệm vụ một dòng",
            )


def _sheet_xml(file: Path, sheet: str) -> bytes | None:
    """The XML of worksheet `sheet` (the package was size-checked by `check_ooxml`)."""
    from xml.sax.saxutils import unescape

    with zipfile.ZipFile(file) as archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
            return None
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
        targets = {rid: target for rid, target in _REL.findall(rels)}
        targets.update({rid: target for target, rid in _REL_REVERSED.findall(rels)})
        for raw_name, rid in _SHEET.findall(book):
            if unescape(raw_name.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"}) != sheet:
                continue
            target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
            part = target if target.startswith("xl/") else f"xl/{target}"
            return archive.read(part) if part in names else None
    return None


def _manifest(name: str, sheet: Any) -> ex.Manifest:
    lines: list[list[str]] = []
    for values in sheet.iter_rows(max_row=ex.MAX_ROWS + 20, max_col=5, values_only=True):
        lines.append(["" if v is None else str(v) for v in values])
    if not lines or not lines[0] or lines[0][0] != ex.FORMAT:
        raise _not_ours(name, f"trang {ex.MANIFEST_SHEET!r} không ghi {ex.FORMAT}")
    meta: dict[str, str] = {}
    rows: list[ex.BaseRow] = []
    in_rows = False
    try:
        for line in lines[1:]:
            line = [*line, "", "", "", "", ""][:5]
            if not in_rows:
                if line[0] == "id":
                    in_rows = True
                else:
                    meta[line[0]] = line[1]
                continue
            if not line[0]:
                continue
            status = line[2]
            if status not in ex.STATUS_LABELS:
                raise ValueError(status)
            rows.append(
                ex.BaseRow(
                    line[0],
                    line[1] or None,
                    ex.Recorded(status, date.fromisoformat(line[3]) if line[3] else None, line[4] or None),
                )
            )
        columns = {}
        for part in meta["columns"].split(";"):
            key, _, col = part.partition("=")
            columns[key] = int(col)
        return ex.Manifest(
            plan=meta["plan"],
            province=meta["province"],
            title=meta["title"],
            number=meta.get("number", ""),
            agency=meta["agency"],
            made=date.fromisoformat(meta["made"]),
            sheet=meta["sheet"],
            header_row=int(meta["header_row"]),
            columns=columns,
            rows=tuple(rows),
        )
    except (KeyError, ValueError):
        raise _not_ours(name, f"trang {ex.MANIFEST_SHEET!r} bị sửa hoặc hỏng") from None

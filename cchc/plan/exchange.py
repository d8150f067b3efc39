"""The progress workbook: what Sở Nội vụ sends an agency and gets back filled, declared once.

`cchc render PLAN --agency NAME --to xlsx --progress` writes it (`cchc.render.progress_sheet`),
the agency fills three columns, `cchc progress import` reads it back (`cchc.importers.progress`)
and merges it into the plan (`cchc.tracking.merge`). Those three are separate packages of one
layer; this module is the format they share: sheet and column names, the status labels, the
manifest kept in a hidden sheet, and the plain records a filled workbook is read into.

The manifest (sheet `cchc`, very hidden) records which plan and agency the extract was made
for, where the columns are, and for every row the progress the plan recorded when the extract
was made (the *base*). Import compares the plan's progress now with that base, so progress
recorded in the plan after the extract was sent is never overwritten silently.
"""

from __future__ import annotations

from datetime import date

from cchc.plan.model import Item
from cchc.record import field, record

FORMAT = "cchc-progress/1"
MANIFEST_SHEET = "cchc"

#: Progress states as the workbook shows them (the drop-down), by their YAML value.
STATUS_LABELS: dict[str, str] = {
    "not_started": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Hoàn thành",
    "cancelled": "Hủy bỏ",
}

#: The columns an extract adds after the annex columns and `Vai trò`: key, header label.
OCCURRENCE_KEY = "_occurrence"
STATUS_KEY = "_status"
DONE_KEY = "_done"
EVIDENCE_KEY = "_evidence"
ID_KEY = "_id"
OCCURRENCE_LABEL = "Kỳ"
STATUS_LABEL = "Tình trạng"
DONE_LABEL = "Ngày hoàn thành"
EVIDENCE_LABEL = "Kết quả / minh chứng"
ID_LABEL = "id"
#: The columns the agency fills (unlocked in the protected sheet).
EDITABLE = (STATUS_KEY, DONE_KEY, EVIDENCE_KEY)

#: Longest evidence text taken from a workbook (a document reference, not an essay).
MAX_EVIDENCE = 2000
#: Largest workbook read back, and most rows a filled sheet may have.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000


@record
class Recorded:
    """What the plan records for one row of an extract: status key, done date, evidence."""

    status: str = "not_started"
    done_date: date | None = None
    evidence: str | None = None


def recorded(item: Item, occurrence: str | None) -> Recorded:
    """The progress the plan records for `item` (one occurrence of it, for a recurring item)."""
    progress = item.progress
    if progress is None:
        return Recorded()
    if occurrence is None:
        return Recorded(progress.status, progress.done_date, progress.evidence)
    if progress.status == "cancelled":
        return Recorded("cancelled")
    occ = progress.occurrences.get(occurrence)
    if occ is not None:
        return Recorded("done", occ.done_date, occ.evidence)
    return Recorded("in_progress" if progress.status in ("in_progress", "done") else "not_started")


@record
class BaseRow:
    """One row of the manifest: the item, its occurrence, and what the plan recorded then."""

    item_id: str
    occurrence: str | None
    base: Recorded


@record
class Manifest:
    """What the hidden sheet says about an extract."""

    plan: str  # the plan file as given to `cchc render`
    province: str
    title: str
    number: str
    agency: str
    made: date
    sheet: str
    header_row: int
    columns: dict[str, int]  # column key -> 1-based column index in the main sheet
    rows: tuple[BaseRow, ...] = ()


@record
class FilledCell:
    """A cell as read back: its value (text, date, number or None) and where it is."""

    value: object
    coord: str  # `Sheet!C12`


@record
class FilledRow:
    """One data row of a filled extract: the id cell and the cells of the columns we read."""

    row: int
    item_id: str
    cells: dict[str, FilledCell] = field(default_factory=dict)


@record
class FilledWorkbook:
    """A filled extract read back: its manifest and its keyed rows (structure already checked)."""

    path: str
    manifest: Manifest
    rows: tuple[FilledRow, ...]

"""`cchc done PLAN ID` and `cchc progress PLAN ID --status …` / `cchc progress import FILE.xlsx …`:
recording progress in a plan file (`cchc.tracking`), only the lines of that progress changing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cchc.commands.options import Today

if TYPE_CHECKING:
    from cchc.plan.edit import PlannedWrite, ProgressEdit
    from cchc.plan.exchange import FilledWorkbook
    from cchc.plan.model import Plan
    from cchc.tracking.merge import Merged

DryRun = Annotated[bool, typer.Option("--dry-run", help="Chỉ in những gì sẽ thay đổi, không ghi tệp.")]
Occurrence = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
    typer.Option("--occurrence", help="Việc định kỳ: kỳ cần ghi, ví dụ 2025-03 (tháng), 2025-Q2 (quý), 2025 (năm)."),
]


def done_cmd(
    plan: Annotated[Path, typer.Argument(help="Tệp kế hoạch (plan file).")],
    item_id: Annotated[str, typer.Argument(metavar="ID", help="Mã nhiệm vụ (id), xem bằng `cchc show PLAN`.")],
    date_: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--date", help="Ngày hoàn thành YYYY-MM-DD hoặc DD/MM/YYYY (default: hôm nay)."),
    ] = None,
    evidence: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--evidence", help="Minh chứng: số, ký hiệu văn bản, ví dụ 'Kế hoạch số 15/KH-UBND'."),
    ] = None,
    occurrence: Occurrence = None,
    today: Today = None,
    dry_run: DryRun = False,
) -> int:
    """Ghi một nhiệm vụ (hoặc một kỳ của việc định kỳ) đã hoàn thành (record an item as done)."""
    from cchc.commands.options import parse_day, today_from
    from cchc.tracking.record import done_edit

    day_today = today_from(today)
    day = parse_day(date_, "--date") if date_ else day_today
    loaded = _load(plan, item_id)
    edit, message = done_edit(loaded, item_id, day=day, today=day_today, evidence=evidence, occurrence=occurrence)
    return _write(plan, [edit], message, dry_run)


def progress_cmd(
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="PLAN ID | import FILE.xlsx…",
            help="Tệp kế hoạch và mã nhiệm vụ; hoặc import và các tệp Excel đã điền.",
        ),
    ],
    status: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--status", help="in_progress (đang thực hiện) | not_started (chưa thực hiện) | cancelled (hủy bỏ)."
        ),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Ghi chú tiến độ.")] = None,  # noqa: UP045
    occurrence: Occurrence = None,
    plan: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--plan", help="import: tệp kế hoạch (default: kế hoạch ghi trong tệp Excel)."),
    ] = None,
    today: Today = None,
    dry_run: DryRun = False,
) -> int:
    """Ghi tình trạng một nhiệm vụ, hoặc nhập tệp tiến độ các cơ quan đã điền (record status / import workbooks).

    cchc progress PLAN ID --status in_progress|not_started|cancelled [--note TEXT]

    cchc progress import FILLED.xlsx [MORE.xlsx …] [--plan PLAN] [--today D] [--dry-run]
    """
    from cchc.commands.options import conflict

    if args and args[0] == "import":
        if status is not None or note is not None or occurrence is not None:
            raise conflict("progress import không nhận --status, --note, --occurrence", "--status")
        if len(args) < 2:
            raise conflict(
                "progress import cần ít nhất một tệp Excel đã điền", "import", "cchc progress import FILE.xlsx"
            )
        return _import([Path(a) for a in args[1:]], plan, today, dry_run)
    if len(args) != 2:
        raise conflict("cần tệp kế hoạch và mã nhiệm vụ: cchc progress PLAN ID --status …", "PLAN ID")
    if plan is not None:
        raise conflict("--plan chỉ dùng với progress import", "--plan")
    if status is None:
        raise conflict(
            "thiếu --status (ghi hoàn thành bằng `cchc done`)", "--status", "in_progress | not_started | cancelled"
        )
    from cchc.tracking.record import status_edit

    path = Path(args[0])
    loaded = _load(path, args[1])
    edit, message = status_edit(loaded, args[1], status, note=note, occurrence=occurrence)
    return _write(path, [edit], message, dry_run)


def _load(path: Path, item_id: str) -> Plan:
    from cchc.commands.options import unknown_item
    from cchc.plan.loader import load_plan

    loaded = load_plan(path)
    if loaded.item(item_id) is None:
        raise unknown_item(str(path), item_id, [e.item.id for e in loaded.entries()])
    return loaded


def _write(path: Path, edits: list[ProgressEdit], message: str, dry_run: bool) -> int:
    from cchc.plan.edit import commit, plan_edits

    planned = plan_edits(path, edits)
    if not planned.changed:
        print(f"{message}: kế hoạch đã ghi như vậy, không thay đổi.")
        return 0
    _show_diff(planned)
    if dry_run:
        print(f"{message} (--dry-run: chưa ghi).")
        return 0
    commit(planned)
    print(f"{message}. Đã ghi {path}")
    return 0


def _show_diff(planned: PlannedWrite) -> None:
    import difflib

    diff = difflib.unified_diff(
        planned.before.splitlines(keepends=True),
        planned.after.splitlines(keepends=True),
        fromfile=f"{planned.path} (trước)",
        tofile=f"{planned.path} (sau)",
        n=1,
    )
    sys.stdout.writelines(diff)


def _import(files: list[Path], plan: Path | None, today: str | None, dry_run: bool) -> int:
    from cchc.commands.options import today_from
    from cchc.errors import CchcError, Loc, Problem
    from cchc.importers.progress import read_filled
    from cchc.plan.edit import commit, plan_edits
    from cchc.plan.loader import load_plan
    from cchc.tracking.merge import describe, merge

    day = today_from(today)
    books: list[FilledWorkbook] = []
    problems: list[Problem] = []
    for file in files:
        try:
            books.append(read_filled(file))
        except CchcError as exc:
            problems.extend(exc.problems)
    if problems:
        raise CchcError(problems)
    by_plan: dict[str, list[FilledWorkbook]] = {}
    for book in books:
        target = str(plan) if plan is not None else book.manifest.plan
        by_plan.setdefault(target, []).append(book)
    results: list[tuple[Merged, PlannedWrite]] = []
    for target, group in by_plan.items():
        if plan is None and not Path(target).is_file():
            raise CchcError.single(
                "P114",
                f"không tìm thấy kế hoạch {target!r} ghi trong tệp {group[0].path} (plan not found)",
                Loc(group[0].path),
                "chỉ rõ bằng --plan plans/<tỉnh>/<kế-hoạch>.yaml",
            )
        loaded = load_plan(target)
        try:
            merged = merge(loaded, group, today=day)
        except CchcError as exc:
            problems.extend(exc.problems)
            continue
        results.append((merged, plan_edits(target, merged.edits)))
    if problems:
        raise CchcError(problems, exit_code=1)
    for merged, _planned in results:
        print(f"{merged.plan}: {len(merged.changes)} dòng thay đổi, {merged.unchanged} dòng không đổi.")
        for change in merged.changes:
            occ = f" kỳ {change.occurrence}" if change.occurrence else ""
            print(f"  {change.source}  {change.item_id}{occ}: {describe(change.before)} → {describe(change.after)}")
        for note in merged.kept:
            print(f"  {note}")
    if dry_run:
        print("--dry-run: chưa ghi tệp nào.")
        return 0
    for merged, planned in results:
        if planned.changed:
            commit(planned)
            print(f"Đã ghi {merged.plan}")
    return 0

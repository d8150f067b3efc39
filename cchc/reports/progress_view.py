"""The periodic report as a document: title block, summary paragraphs, annex tables, one chart.

A `ProgressReport` (`cchc.reports.progress`) becomes a `Document` of plain values — the words of
the report, in Vietnamese, decided here once — that the writers of `cchc.render.report` draw as
Word (Nghị định 30/2020 layout), Excel (a sheet per table and a bar chart) or Markdown, without
knowing what a report is.
"""

from __future__ import annotations

from datetime import date

from cchc.record import record
from cchc.reports.progress import COLUMNS, AgencyCounts, Counts, LateTask, ProgressReport

#: Report column headers, by `cchc.reports.progress.COLUMNS` key.
COLUMN_LABELS = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành trễ hạn",
    "not_done_in_time": "Chưa hoàn thành, trong hạn",
    "not_done_overdue": "Chưa hoàn thành, quá hạn",
    "ongoing": "Thường xuyên",
    "waiting": "Chờ sự kiện",
}
COUNT_HEADERS = ("TT", "Cơ quan", "Tổng số", *(COLUMN_LABELS[c] for c in COLUMNS), "Tỷ lệ đúng hạn")
LATE_STATES = {"overdue": "Quá hạn", "done_late": "Hoàn thành trễ hạn"}
ROLE_WORDS = {"lead": "Chủ trì", "support": "Phối hợp"}


@record
class Table:
    """A table of the report: its annex title, sheet name, headers and rows (a float is a share, 0–1)."""

    title: str
    sheet: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str | int | float | None, ...], ...]
    widths: tuple[float, ...]  # relative column widths (characters)
    total: bool = False  # the last row is a total (bold)
    note: str | None = None


@record
class Chart:
    """A bar chart: one value (a share, 0–1) per label."""

    title: str
    axis: str
    labels: tuple[str, ...]
    values: tuple[float, ...]


@record
class Document:
    parent: str  # the issuer's superior: `UBND tỉnh Tuyên Quang` (printed in capitals)
    issuer: str  # `Sở Nội vụ` (printed in capitals in the title block)
    number: str  # `Số:      /BC-SNV` (the number is given when the report is issued)
    place: str  # `Tuyên Quang` (the date line: `Tuyên Quang, ngày 14 tháng 6 năm 2024`)
    day: date
    kind: str  # `Báo cáo` (printed `BÁO CÁO`)
    title: str
    paragraphs: tuple[str, ...]
    tables: tuple[Table, ...]
    chart: Chart | None
    recipients: tuple[str, ...]
    signer: str


def percent(share: float | None) -> str:
    """`85,7%` (Vietnamese decimal comma), `—` when there is nothing to divide."""
    if share is None:
        return "—"
    return f"{share * 100:.1f}".replace(".", ",") + "%"


def _count_row(n: int | str, name: str, counts: Counts) -> tuple[str | int | float | None, ...]:
    return (n, name, counts.total, *(getattr(counts, c) for c in COLUMNS), counts.on_time_share)


def _counts_table(
    title: str,
    sheet: str,
    role: str,
    rows: tuple[AgencyCounts, ...],
    total: tuple[str, Counts] | None = None,
    note: str | None = None,
) -> Table:
    body = [_count_row(i, a.name + (" (nhóm)" if a.collective else ""), a.counts) for i, a in enumerate(rows, 1)]
    if total is not None:
        body.append(_count_row("", total[0], total[1]))
    return Table(
        title=title,
        sheet=sheet,
        headers=tuple(role if h == "Cơ quan" else h for h in COUNT_HEADERS),
        rows=tuple(body),
        widths=(5, 34, 9, *(11 for _ in COLUMNS), 11),
        total=total is not None,
        note=note,
    )


def _late_row(n: int, task: LateTask, with_role: bool) -> tuple[str | int | float | None, ...]:
    what = f"{task.number}. {task.text}" if task.number else task.text
    if task.occurrence:
        what += f" (kỳ {task.occurrence})"
    state = LATE_STATES[task.state]
    days = f"{task.days_late} ngày"
    row: tuple[str | int | float | None, ...] = (
        n,
        task.lead,
        " ".join(what.split()),
        task.time_text,
        f"{task.due:%d/%m/%Y}",
        state,
        f"{task.done_date:%d/%m/%Y}" if task.done_date else "",
        days,
    )
    if with_role:
        row = (*row[:2], ROLE_WORDS.get(task.role or "", task.role or ""), *row[2:])
    return row


def document(report: ProgressReport) -> Document:
    """The report's document (see the module docstring)."""
    period = report.period
    total = report.total
    who = report.agency
    scope = f"của {who}" if who else "của các cơ quan, đơn vị"
    plans = "; ".join(report.plans)
    title = f"Kết quả thực hiện Kế hoạch cải cách hành chính {period.label}"
    if who:
        title += f" — {who}"
    late = sum(1 for t in report.late if t.state == "done_late")
    overdue = sum(1 for t in report.late if t.state == "overdue")
    paragraphs = [
        f"Căn cứ {plans}; trên cơ sở tiến độ {scope} ghi nhận đến ngày {report.today:%d/%m/%Y}, "
        f"báo cáo kết quả thực hiện {period.label} như sau:",
        f"1. Tổng số nhiệm vụ theo dõi trong năm {period.year}: {total.total} (mỗi mốc thời hạn, mỗi kỳ của "
        f"nhiệm vụ định kỳ tính là một), trong đó: hoàn thành đúng hạn {total.done_on_time}; hoàn thành trễ hạn "
        f"{total.done_late}; chưa hoàn thành, còn trong hạn {total.not_done_in_time}; chưa hoàn thành, quá hạn "
        f"{total.not_done_overdue}; thực hiện thường xuyên {total.ongoing}; chờ sự kiện, chưa xác định hạn "
        f"{total.waiting}.",
        f"2. Tỷ lệ hoàn thành đúng hạn: {percent(total.on_time_share)} ({total.done_on_time}/{total.come_due} "
        "nhiệm vụ đã đến hạn hoặc đã hoàn thành).",
        f"3. Kết quả theo cơ quan chủ trì tại Phụ lục I, theo cơ quan phối hợp tại Phụ lục II; {late} nhiệm vụ "
        f"hoàn thành trễ hạn và {overdue} nhiệm vụ quá hạn, với thời hạn của từng nhiệm vụ, tại Phụ lục III.",
    ]
    if report.other:
        paragraphs.append(
            f"Ngoài ra {report.other} nhiệm vụ chưa xếp được vào các nhóm trên (chưa đọc được thời hạn, đã hoàn "
            "thành nhưng chưa ghi ngày, hoặc đã hủy)."
        )
    total_label = f"Tổng ({who}, chủ trì)" if who else "Tổng toàn tỉnh (mỗi nhiệm vụ tính một lần)"
    lead = _counts_table(
        "KẾT QUẢ THỰC HIỆN THEO CƠ QUAN CHỦ TRÌ",
        "Chủ trì",
        "Cơ quan chủ trì",
        report.lead,
        (total_label, total),
        "Một nhiệm vụ do nhiều cơ quan (hoặc một nhóm như 'Các sở, ban, ngành') chủ trì được tính cho mỗi cơ quan.",
    )
    support = _counts_table(
        "KẾT QUẢ CÁC NHIỆM VỤ THEO CƠ QUAN PHỐI HỢP", "Phối hợp", "Cơ quan phối hợp", report.support
    )
    with_role = who is not None
    late_headers: tuple[str, ...] = ("TT", "Cơ quan chủ trì", "Nhiệm vụ", "Thời gian (theo văn bản)", "Hạn")
    late_headers += ("Tình trạng", "Ngày hoàn thành", "Số ngày trễ")
    late_widths: tuple[float, ...] = (6, 20, 52, 17, 14, 14, 14, 10)
    if with_role:
        late_headers = (*late_headers[:2], "Vai trò", *late_headers[2:])
        late_widths = (*late_widths[:2], 9, *late_widths[2:])
    late_table = Table(
        title="NHIỆM VỤ HOÀN THÀNH TRỄ HẠN VÀ QUÁ HẠN",
        sheet="Trễ hạn, quá hạn",
        headers=late_headers,
        rows=tuple(_late_row(i, t, with_role) for i, t in enumerate(report.late, 1)),
        widths=late_widths,
        note=None if report.late else "Không có nhiệm vụ trễ hạn hoặc quá hạn.",
    )
    charted = [a for a in report.lead if a.counts.on_time_share is not None]
    chart = None
    if charted:
        chart = Chart(
            title=f"Tỷ lệ hoàn thành đúng hạn theo cơ quan chủ trì — {period.label}",
            axis="Tỷ lệ đúng hạn",
            labels=tuple(a.name for a in charted),
            values=tuple(a.counts.on_time_share or 0.0 for a in charted),
        )
    return Document(
        parent=report.issuer or f"UBND tỉnh {report.province}",
        issuer="Sở Nội vụ",
        number="Số:        /BC-SNV",
        place=report.province,
        day=report.today,
        kind="Báo cáo",
        title=title,
        paragraphs=tuple(paragraphs),
        tables=(lead, support, late_table),
        chart=chart,
        recipients=("UBND tỉnh (để báo cáo);", "Các sở, ban, ngành;", "Lưu: VT, CCHC."),
        signer="GIÁM ĐỐC",
    )

"""Presenting plan changes: Markdown (merge requests, `$GITHUB_STEP_SUMMARY`), JSON.

Every presenter is a pure function of `FileDiff` values (from `cchc.review.compare`). One sentence per
change is built by `describe`, with the escaping and word highlighting of the target format
passed in, so every output (and the terminal text of `cchc.output.diff`) says the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from cchc.escape import md_cell
from cchc.review.compare import DELETED, INSERTED, SAME, Change, FileDiff

JSON_FORMAT = "cchc-diff/1"

FIELD_LABELS = {
    "text": "Nội dung",
    "output": "Kết quả/Sản phẩm",
    "lead": "Chủ trì",
    "support": "Phối hợp",
    "start": "Thời gian thực hiện",
    "due": "Thời gian hoàn thành",
    "funding": "Kinh phí",
    "note": "Ghi chú",
    "kind": "Loại mục",
    "event_date": "Ngày xảy ra sự kiện",
    "repairs": "Ghi chép khi nhập",
    "number": "Số thứ tự",
    "title": "Tên",
    "progress.status": "Tiến độ",
    "progress.done_date": "Ngày hoàn thành",
    "progress.evidence": "Minh chứng",
    "progress.note": "Ghi chú tiến độ",
    "plan.issuer": "Cơ quan ban hành",
    "plan.issuer_level": "Cấp ban hành",
    "plan.province": "Tỉnh",
    "plan.kind": "Loại văn bản",
    "plan.number": "Số văn bản",
    "plan.date": "Ngày ban hành",
    "plan.title": "Trích yếu",
    "plan.period": "Giai đoạn",
    "plan.signer": "Người ký",
    "annex.title": "Tên phụ lục",
    "annex.subtitle": "Dòng dưới tên phụ lục",
    "annex.column_numbers": "Dòng đánh số cột",
    "annex.columns": "Cột phụ lục",
    "annex.columns.order": "Thứ tự cột",
}

KIND_LABELS = {
    "added": "Thêm mục",
    "removed": "Xoá mục",
    "moved": "Chuyển vị trí",
    "renumbered": "Đổi số thứ tự",
    "section_added": "Thêm phần",
    "section_removed": "Xoá phần",
}

STATUS_LABELS = {
    "not_started": "chưa thực hiện",
    "in_progress": "đang thực hiện",
    "done": "hoàn thành",
    "cancelled": "huỷ bỏ",
}

EMPTY = "(trống)"

#: Change kinds whose target is an item id.
ITEM_KINDS = frozenset({"added", "removed", "moved", "renumbered", "time", "agencies", "progress", "text", "field"})


@dataclass(frozen=True)
class Style:
    """How one output format escapes text and marks deleted and inserted words."""

    escape: Callable[[str], str]
    deleted: Callable[[str], str]
    inserted: Callable[[str], str]
    #: Also mark agencies added/removed (after `thêm`/`bỏ`); plain text says it in words only.
    mark_lists: bool = True


def field_label(name: str | None) -> str:
    if not name:
        return ""
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    head, _, key = name.rpartition(".")
    if head == "extra":
        return f"Cột {key}"
    if head == "source":
        return f"Nguyên văn cột {key}"
    if head == "annex.columns":
        return f"Nhãn cột {key}"
    if head == "progress.occurrences":
        return f"Hoàn thành kỳ {key}"
    return name


def what(change: Change) -> str:
    """The short name of a change: `Thêm mục`, `Thời gian hoàn thành`, `Đổi tên phần` …"""
    if change.kind in KIND_LABELS:
        return KIND_LABELS[change.kind]
    if change.kind == "section_renamed":
        return {"number": "Đổi số phần", "note": "Ghi chú phần"}.get(change.field or "", "Đổi tên phần")
    return field_label(change.field)


def dmy(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "?"


def shift_words(days: int) -> str:
    """`lùi 92 ngày` (later), `sớm hơn 30 ngày` (earlier), `không đổi ngày` (same day)."""
    if days > 0:
        return f"lùi {days} ngày"
    if days < 0:
        return f"sớm hơn {-days} ngày"
    return "không đổi ngày"


def describe(change: Change, style: Style) -> str:
    """One sentence saying what changed, in the target format."""
    esc = style.escape

    def value(text: str | None) -> str:
        if text is None or text == "":
            return EMPTY
        if change.field == "progress.status":
            text = STATUS_LABELS.get(text, text)
        return esc(text)

    def arrow() -> str:
        return f"{value(change.old)} → {value(change.new)}"

    kind = change.kind
    if kind in ("added", "removed"):
        text = value(change.new if kind == "added" else change.old)
        out = f"{text} (ở {esc(change.field or '')})"
        if change.detail:
            out += f" — {esc(change.detail)}"
        if change.affects:
            out += f"; cùng {len(change.affects)} mục con: {esc(', '.join(change.affects))}"
        return out
    if kind in ("section_added", "section_removed"):
        return esc(change.label)
    if kind == "time":
        out = arrow()
        if change.shift_days is not None:
            out += f": {shift_words(change.shift_days)}"
        if change.old_date or change.new_date:
            out += f" ({dmy(change.old_date)} → {dmy(change.new_date)})"
    elif change.added or change.removed:
        parts = []
        ins, dele = (style.inserted, style.deleted) if style.mark_lists else (str, str)
        if change.added:
            parts.append("thêm " + ins(esc("; ".join(change.added))))
        if change.removed:
            parts.append("bỏ " + dele(esc("; ".join(change.removed))))
        out = "; ".join(parts)
    elif kind == "agencies":
        out = "đổi thứ tự: " + arrow()
    elif change.words and all(op == SAME for op, _ in change.words):
        out = f"{value(change.new)} (chỉ đổi khoảng trắng, xuống dòng — whitespace only)"
    elif change.words:
        out = " ".join(
            style.deleted(esc(text)) if op == DELETED else style.inserted(esc(text)) if op == INSERTED else esc(text)
            for op, text in change.words
        )
    else:
        out = arrow()
    if change.affects and kind == "moved":
        out += f" (cùng {len(change.affects)} mục con: {esc(', '.join(change.affects))})"
    elif change.affects:
        out += f" (áp dụng cho cả {len(change.affects)} mục: {esc(', '.join(change.affects))})"
    return out


def target_label(change: Change) -> str:
    """The item, section, plan or annex a change belongs to, as a reader recognises it."""
    if change.target == "plan" and change.kind == "meta":
        return "Kế hoạch"
    if change.target == "annex" and change.kind == "annex":
        return "Phụ lục"
    if change.kind.startswith("section_"):
        return f"Phần {change.label}" if change.label else f"Phần {change.target}"
    return f"{change.target} {change.label}".strip()


def counts(changes: Sequence[Change]) -> str:
    """`3 thay đổi ở 2 mục` — a one-line summary."""
    items = {c.target for c in changes if not c.kind.startswith("section_") and c.kind not in ("meta", "annex")}
    return f"{len(changes)} thay đổi ở {len(items)} mục" if items else f"{len(changes)} thay đổi"


# --- Markdown ---------------------------------------------------------------------------------


def md_target(change: Change) -> str:
    """The target in Markdown: an item id as code (ids are ASCII `[A-Za-z0-9._-]`), then its label."""
    if change.kind in ITEM_KINDS:
        return f"`{change.target}` {md_cell(change.label)}".strip()
    return md_cell(target_label(change))


MARKDOWN = Style(md_cell, lambda t: f"~~{t}~~", lambda t: f"**{t}**")
PLAIN = Style(lambda t: t, lambda t: f"[-{t}-]", lambda t: f"{{+{t}+}}", mark_lists=False)


def unchanged_line(files: Sequence[FileDiff]) -> str | None:
    """One line for the files without changes (none when every file changed)."""
    same = sum(1 for fd in files if not fd.changes)
    if not files or not same:
        return None
    if same == len(files):
        return f"Không có thay đổi ({same} tệp kế hoạch)."
    return f"Không có thay đổi ở {same} tệp kế hoạch khác."


def markdown(files: Sequence[FileDiff], problems: Sequence[str] = ()) -> str:
    """A Markdown report: a heading and a table per file, for a merge request or a CI summary.

    Files without changes are not listed one by one: one line counts them.
    """
    out = ["## Thay đổi kế hoạch CCHC", ""]
    for fd in (f for f in files if f.changes or f.status in ("added", "removed")):
        out.append(f"### {md_cell(fd.title or fd.path)} — `{fd.path.replace('`', '')}`")
        out.append("")
        if fd.status == "added":
            out.append("Tệp mới (new file): mọi mục đều là mục thêm.")
            out.append("")
        elif fd.status == "removed":
            out.append("Tệp bị xoá (file removed): mọi mục đều là mục xoá.")
            out.append("")
        if not fd.changes:
            continue
        out.extend([f"{counts(fd.changes)}.", "", "| Mục | Thay đổi | Chi tiết |", "| --- | --- | --- |"])
        last = None
        for change in fd.changes:
            who = md_target(change)
            # One item's changes in a row: its name once, like a merged cell.
            out.append(f"| {who if who != last else ''} | {md_cell(what(change))} | {describe(change, MARKDOWN)} |")
            last = who
        out.append("")
    same = unchanged_line([f for f in files if f.status not in ("added", "removed")])
    if same:
        out.extend([same, ""])
    if not files:
        out.extend(["Không có tệp kế hoạch nào để so sánh.", ""])
    if problems:
        out.extend(["**Không so sánh được (could not compare):**", ""])
        out.extend(f"- {md_cell(p)}" for p in problems)
        out.append("")
    return "\n".join(out)


# --- JSON -------------------------------------------------------------------------------------


def json_document(files: Sequence[FileDiff], problems: Sequence[str] = ()) -> dict[str, Any]:
    return {
        "schema": JSON_FORMAT,
        "changed": any(fd.changes for fd in files),
        "files": [fd.to_json() for fd in files],
        "problems": list(problems),
    }


def json_text(files: Sequence[FileDiff], problems: Sequence[str] = ()) -> str:
    return json.dumps(json_document(files, problems), ensure_ascii=False, indent=2) + "\n"

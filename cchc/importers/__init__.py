"""`cchc import`: official annex tables (.docx, .xlsx, tab-separated text dumps) → plan YAML.

One reader per format builds a common `Grid` (`grid.py`); `header` finds the header row and maps
columns; `structure` builds sections and items and records every repair; `metadata` reads the
number, date, province and period around the table; `writer` emits canonical YAML.
`import_plan` ties them together and returns the YAML text with a summary; it writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cchc.agencies.mentions import expand_entries
from cchc.agencies.registry import Registry
from cchc.importers.cells import clean_text, join_fragments, split_agencies
from cchc.importers.errors import fail
from cchc.importers.grid import Grid
from cchc.importers.header import find_header, map_columns, two_row_header
from cchc.importers.metadata import Meta, read_meta
from cchc.importers.structure import AGENCY_KEYS, FIELD_KEYS, Draft, DSection, Table, build
from cchc.plan.spec import FORMAT
from cchc.text import clean

READERS = {".txt": "text", ".tsv": "text", ".text": "text", ".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx"}


@dataclass(frozen=True)
class Options:
    """Metadata the table does not hold; each one given wins over what the document says."""

    province: str | None = None
    number: str | None = None
    date: date | None = None
    period: tuple[int, int] | None = None
    issuer: str | None = None
    issuer_level: str | None = None  # `cchc.plan.spec.ISSUER_LEVELS`; read from `issuer` or the document otherwise
    title: str | None = None
    kind: str | None = None


@dataclass
class Summary:
    source: str
    rows_read: int = 0
    items: int = 0
    leaves: int = 0
    sections: int = 0
    repairs: list[str] = field(default_factory=list)  # "<id>: <repair>" and table-level notes
    unplaced: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    #: The sections built, in document order: (depth, number, title, items, leaves) — items and leaves
    #: counted in the section itself, not in its sub-sections.
    outline: list[tuple[int, str, str, int, int]] = field(default_factory=list)


@dataclass
class Imported:
    text: str
    plan: dict[str, Any]
    summary: Summary


def read_grid(path: Path) -> Grid:
    """The grid of a source file, by extension; unusable input raises `CchcError` (exit 2)."""
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise fail(
            "I007",
            f"định dạng không được hỗ trợ (unsupported file type) {path.suffix or '(không có đuôi)'}",
            str(path),
            "dùng .docx, .xlsx hoặc tệp văn bản .txt có cột ngăn bằng tab",
        )
    if not path.exists():
        raise fail("I001", "không tìm thấy tệp (file not found)", str(path))
    if kind == "text":
        from cchc.importers.textdump import read_text

        return read_text(path)
    if kind == "xlsx":
        from cchc.importers.xlsx import read_xlsx

        return read_xlsx(path)
    from cchc.importers.docx import read_docx

    return read_docx(path)


def import_plan(source: Path, options: Options = Options(), out: Path | None = None) -> Imported:
    """Read an annex table and return the plan YAML text and what was done.

    The whole import runs under `limits.IMPORT_SECONDS` (I011) and `limits.IMPORT_MEMORY` (I006), on
    top of the size limits the readers check as they read (`limits`).
    """
    from cchc.bounds import TimeLimitExceeded, memory_limit, time_limit
    from cchc.importers.limits import IMPORT_MEMORY, IMPORT_SECONDS

    try:
        with time_limit(IMPORT_SECONDS), memory_limit(IMPORT_MEMORY):
            return _import_plan(source, options, out)
    except TimeLimitExceeded:
        raise fail(
            "I011",
            f"nhập quá {IMPORT_SECONDS:g} giây (import took longer than {IMPORT_SECONDS:g} s)",
            str(source),
            "một phụ lục thật nhập trong vài giây; kiểm tra lại tệp",
        ) from None
    except MemoryError:
        raise fail("I006", "tệp cần quá nhiều bộ nhớ để nhập (import needs too much memory)", str(source)) from None


def _import_plan(source: Path, options: Options, out: Path | None) -> Imported:
    grid = read_grid(source)
    header = find_header([row.texts() for row in grid.rows])
    if header is None:
        raise fail(
            "I008",
            "không tìm thấy bảng phụ lục (no annex table found): "
            "không có dòng tiêu đề với các cột như TT, Nhiệm vụ, Cơ quan chủ trì",
            str(source),
        )
    two_rows = two_row_header(grid.rows, header)
    if two_rows is not None:
        top, labels, below = two_rows
        columns = map_columns(labels, below)
        header = top + 1
    else:
        columns = map_columns(grid.rows[header].texts())
    table = build(grid, header, columns)
    if two_rows is not None:
        table.notes.insert(
            0,
            "tiêu đề bảng hai dòng, ghép thành một (two-row header joined): "
            + ", ".join(c.label for c in columns if "(" in c.label),
        )
    meta = read_meta(grid.before)
    summary = Summary(source=source.name, rows_read=table.rows_read + 1)
    registry = _registry(out)
    plan = {
        "format": FORMAT,
        "plan": _meta(meta, options, summary, str(source)),
        "annex": _annex(meta, table, summary),
        "sections": [_section(sec, table, summary, registry) for sec in table.sections],
    }
    notes = [*grid.notes, *table.notes]  # what the reader changed, then what the structure builder did
    summary.repairs.extend(notes)
    summary.sections = sum(1 for top in table.sections for _ in top.all())
    summary.outline = [
        (len(sec.path()) - 1, sec.number, sec.title, *_counts(sec)) for top in table.sections for sec in top.all()
    ]
    for _sec, draft in table.drafts():
        summary.items += 1
        summary.leaves += 0 if draft.items else 1
    comments = [
        f"Nhập bằng `cchc import` từ {source.name} (imported by cchc import).",
        f"{summary.rows_read} dòng đọc, {summary.items} mục, {len(summary.repairs)} sửa chữa, "
        f"{len(summary.unplaced)} ô không xếp được; xem `repairs` của từng mục.",
    ]
    comments.extend(f"- {note}" for note in notes)
    comments.extend(f"- giả định (assumption): {a}" for a in summary.assumptions)
    from cchc.importers.writer import to_yaml

    return Imported(to_yaml(plan, comments, out), plan, summary)


def _counts(sec: DSection) -> tuple[int, int]:
    """Items and leaves (rows that carry work) of a section, not counting its sub-sections."""
    nodes = [node for item in sec.items for node in item.walk()]
    return len(nodes), sum(1 for node in nodes if not node.items)


def _meta(meta: Meta, options: Options, summary: Summary, source: str) -> dict[str, Any]:
    from cchc.importers.gazetteer import gazetteer
    from cchc.importers.metadata import issuer_of

    given = issuer_of(options.issuer) if options.issuer else None
    level = options.issuer_level or (given[0] if given else None) or meta.issuer_level or "province"
    province = options.province or meta.province
    if not province and level != "ministry":
        raise fail(
            "I009",
            "không xác định được tỉnh từ tài liệu (province not found in the document)",
            source,
            "thêm --province, ví dụ --province 'Tuyên Quang'",
        )
    period = options.period or meta.period
    if period is None:
        raise fail(
            "I009", "không xác định được giai đoạn (plan period not found)", source, "thêm --period 2024 hoặc 2025-2030"
        )
    title = options.title or meta.title
    if not title:
        title = (meta.annex_title or "Kế hoạch cải cách hành chính").strip()
        summary.assumptions.append(f"tên kế hoạch lấy từ tên phụ lục (title taken from the annex title): {title}")
    known = gazetteer().lookup(province) if province else None
    issuer = options.issuer or meta.issuer
    if not issuer and province:
        issuer = known.committee if known is not None and known.name == province else f"UBND tỉnh {province}"
    day = options.date or meta.date or date(period[0], 1, 1)
    successor = gazetteer().successor(known, day) if known is not None else None
    if known is not None and successor is not None:
        summary.assumptions.append(
            f"{known.kind} {known.name} đã hợp nhất vào {successor.kind} {successor.name} từ "
            f"{gazetteer().changed_on:%d/%m/%Y} (merged into {successor.name}, Nghị quyết 202/2025/QH15); "
            "giữ tên như văn bản ghi"
        )
    values: dict[str, Any] = {
        "issuer": issuer,
        "issuer_level": level if level != "province" else None,
        "province": province or None,
        "kind": options.kind or meta.kind,
        "number": options.number or meta.number,
        "date": options.date or meta.date,
        "title": title,
        "period": {"start": period[0], "end": period[1]},
    }
    return {k: v for k, v in values.items() if v is not None}


def _annex(meta: Meta, table: Table, summary: Summary) -> dict[str, Any]:
    title = meta.annex_title
    if not title:
        title = "PHỤ LỤC"
        summary.assumptions.append("không thấy tên phụ lục (annex title not found): ghi 'PHỤ LỤC'")
    values: dict[str, Any] = {"title": title}
    if meta.subtitle:
        values["subtitle"] = meta.subtitle
    if table.column_numbers:
        values["column_numbers"] = True
    values["columns"] = [{"key": c.key, "label": c.label} for c in table.columns]
    return values


def _registry(out: Path | None) -> Registry:
    """The agency registry names are read with: the national base and the province's own registry
    beside the output file (`plans/<province>/agencies.yaml`)."""
    from cchc.agencies.registry import load_registry, registry_files

    return load_registry(registry_files(out) if out is not None else ())


def _section(sec: DSection, table: Table, summary: Summary, registry: Registry) -> dict[str, Any]:
    values: dict[str, Any] = {"number": sec.number, "title": sec.title or "(không có tên)"}
    if sec.notes:
        values["note"] = "\n".join(sec.notes)
        summary.repairs.extend(f"phần {'-'.join(sec.path())}: {n}" for n in sec.notes)
    if sec.sections:
        values["sections"] = [_section(s, table, summary, registry) for s in sec.sections]
    if sec.items:
        values["items"] = [_item(d, table, summary, registry) for d in sec.items]
    return values


def _cell(pieces: list[str]) -> tuple[str, list[str], str]:
    """Cleaned text of a cell (its page-break pieces joined), its repairs, and the raw text."""
    texts: list[str] = []
    repairs: list[str] = []
    for piece in pieces:
        cleaned, fixes = clean_text(piece)
        texts.append(cleaned)
        repairs.extend(f for f in fixes if f not in repairs)
    joined = ""
    for t in texts:
        joined = join_fragments(joined, t)
    return joined, repairs, " ".join(p.strip() for p in pieces)


def _item(draft: Draft, table: Table, summary: Summary, registry: Registry) -> dict[str, Any]:
    labels = {c.key: c.label for c in table.columns}
    values: dict[str, Any] = {"id": draft.id}
    if draft.number:
        values["number"] = draft.number
    values["kind"] = draft.kind
    repairs = list(draft.repairs)
    source: dict[str, str] = {}
    extra: dict[str, str] = {}
    markup_cols: list[str] = []
    for key, pieces in draft.pieces.items():
        text, fixes, raw = _cell(pieces)
        if not text:
            continue
        for fix in fixes:
            if fix.startswith("bỏ thẻ"):
                markup_cols.append(labels.get(key, key))
            else:
                repairs.append(f"cột {labels.get(key, key)}: {fix}")
        changed = text != _plain(pieces)
        if key == draft.kind:
            values["text"] = text
        elif key in AGENCY_KEYS:
            agencies = split_agencies(text)
            listed = expand_entries(agencies, registry)
            if listed is not None:
                repairs.append(
                    f"cột {labels.get(key, key)}: danh sách tập thể tách thành {len(listed)} cơ quan, "
                    "mỗi cơ quan một dòng (collective list spelled out, one agency per entry)"
                )
                agencies = listed
            values[key] = agencies
            changed = changed or "; ".join(agencies) != text.replace("\n", "; ")
        elif key in FIELD_KEYS:
            values[key] = text
        else:
            extra[key] = text
        if changed:
            source[key] = raw
    if markup_cols:
        repairs.insert(
            0, f"bỏ thẻ HTML ở cột {', '.join(dict.fromkeys(markup_cols))} (HTML removed; original in source)"
        )
    if draft.unplaced:
        values["note"] = "\n".join(
            [
                *([values["note"]] if "note" in values else []),
                *(f"ô không xếp được (unplaced cell) {u}" for u in draft.unplaced),
            ]
        )
        summary.unplaced.extend(f"{draft.id}: {u}" for u in draft.unplaced)
    if extra:
        values["extra"] = extra
    if source:
        values["source"] = source
    if repairs:
        values["repairs"] = repairs
        summary.repairs.extend(f"{draft.id}: {r}" for r in repairs)
    if draft.items:
        values["items"] = [_item(child, table, summary, registry) for child in draft.items]
    return values


def _plain(pieces: list[str]) -> str:
    joined = ""
    for piece in pieces:
        joined = join_fragments(joined, clean(piece))
    return joined

"""`cchc import SOURCE -o plans/<province>/<plan>.yaml`: an official annex table becomes a plan file."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TextIO

import typer

if TYPE_CHECKING:
    from cchc.importers import Summary


def _period(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    found = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*", text)
    if not found:
        raise typer.BadParameter("cần dạng 2024 hoặc 2025-2030 (expected 2024 or 2025-2030)")
    start = int(found.group(1))
    return start, int(found.group(2) or start)


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter("cần ngày dạng YYYY-MM-DD (expected YYYY-MM-DD)") from None


def import_cmd(
    source: Annotated[
        Path, typer.Argument(metavar="TỆP_PHỤ_LỤC", help="Tệp phụ lục: .docx, .xlsx hoặc .txt (cột ngăn bằng tab).")
    ],
    output: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
        typer.Option("--output", "-o", help="Tệp YAML cần ghi (mặc định: in ra màn hình)."),
    ] = None,
    province: Annotated[Optional[str], typer.Option(help="Tỉnh, ví dụ 'Tuyên Quang'.")] = None,  # noqa: UP045
    number: Annotated[Optional[str], typer.Option(help="Số văn bản, ví dụ 268/KH-UBND.")] = None,  # noqa: UP045
    date_: Annotated[Optional[str], typer.Option("--date", help="Ngày ban hành YYYY-MM-DD.")] = None,  # noqa: UP045
    period: Annotated[Optional[str], typer.Option(help="Giai đoạn: 2024 hoặc 2025-2030.")] = None,  # noqa: UP045
    issuer: Annotated[Optional[str], typer.Option(help="Cơ quan ban hành.")] = None,  # noqa: UP045
    issuer_level: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
        typer.Option(help="Cấp ban hành: province, district, commune, department (sở), ministry (bộ)."),
    ] = None,
    title: Annotated[Optional[str], typer.Option(help="Tên (trích yếu) kế hoạch.")] = None,  # noqa: UP045
    kind: Annotated[Optional[str], typer.Option(help="Loại văn bản: Kế hoạch, Quyết định …")] = None,  # noqa: UP045
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có (overwrite an existing file).")] = False,
) -> int:
    """Nhập bảng phụ lục (.docx, .xlsx, .txt) thành tệp kế hoạch YAML (import an annex table)."""
    from cchc.errors import CchcError, Loc
    from cchc.importers import Options, import_plan
    from cchc.plan.spec import ISSUER_LEVELS

    if issuer_level is not None and issuer_level not in ISSUER_LEVELS:
        raise typer.BadParameter(f"cần một trong {', '.join(ISSUER_LEVELS)}", param_hint="--issuer-level")
    options = Options(
        province=province,
        number=number,
        date=_date(date_),
        period=_period(period),
        issuer=issuer,
        issuer_level=issuer_level,
        title=title,
        kind=kind,
    )
    if output is not None and output.exists() and not force:
        raise CchcError.single(
            "I010",
            "tệp đích đã có (output file exists); thêm --force để ghi đè",
            Loc(str(output)),
            "bản sửa tay trong tệp đó sẽ mất nếu ghi đè",
        )
    result = import_plan(source, options, output)
    if output is None:
        sys.stdout.write(result.text)
    else:
        from cchc.files import atomic_write

        output.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(output, result.text)
    print_summary(result.summary, output, sys.stderr if output is None else sys.stdout)
    return 0


def print_summary(summary: Summary, output: Path | None, stream: TextIO) -> None:
    """What the import did: counts, then every repair, unplaced cell and assumption."""
    lines = [
        f"Đã nhập {summary.source}" + (f" → {output}" if output else ""),
        f"  dòng đọc (rows read):          {summary.rows_read}",
        f"  phần (sections):               {summary.sections}",
        f"  mục ghi ra (items written):    {summary.items} ({summary.leaves} mục lá / leaves)",
        f"  sửa chữa (repairs):            {len(summary.repairs)}",
        f"  ô không xếp được (unplaced):   {len(summary.unplaced)}",
    ]
    if summary.outline:
        lines.append("Dàn ý (outline): phần, số mục / số dòng việc (sections, items / leaves):")
        for depth, number, title, items, leaves in summary.outline:
            short = title if len(title) <= 70 else title[:69].rstrip() + "…"
            counts = f" — {items} mục / {leaves} dòng việc" if items else ""
            lines.append(f"  {'  ' * depth}{f'{number}. ' if number else ''}{short}{counts}")
    if summary.repairs:
        lines.append("Sửa chữa (repairs):")
        lines.extend(f"  - {r}" for r in summary.repairs)
    if summary.unplaced:
        lines.append("Ô không xếp được, giữ trong `note` (unplaced cells, kept in note):")
        lines.extend(f"  - {u}" for u in summary.unplaced)
    if summary.assumptions:
        lines.append("Giả định (assumptions):")
        lines.extend(f"  - {a}" for a in summary.assumptions)
    print("\n".join(lines), file=stream)

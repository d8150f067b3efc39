"""`cchc render PLAN --to xlsx|md`: the annex as the province issues it, or one agency's extract."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cchc.commands.options import Agency, Force, Today


def default_output(
    plan_path: Path, to: str, agency: str | None, section: str | None, province: str = "", progress: bool = False
) -> Path:
    """`<province>-<plan stem>[-<agency>][-<section>][-tien-do].<to>` in the current folder:
    `ha-tinh-2024.xlsx`, `tuyen-quang-2024-so-tu-phap.md` — two provinces' `2024.yaml` never
    share a name."""
    from cchc.plan.scope import slug

    stem = slug(plan_path.stem) or "ke-hoach"
    parts = [slug(province), stem] if province and not stem.startswith(slug(province)) else [stem]
    for extra in (agency, section):
        if extra:
            parts.append(slug(extra.replace(".", " ")))
    if progress:
        parts.append("tien-do")
    return Path("-".join(p for p in parts if p) + f".{to}")


def render_cmd(
    plan: Annotated[Path, typer.Argument(metavar="KẾ_HOẠCH", help="Tệp kế hoạch (plan file).")],
    to: Annotated[
        str | None, typer.Option("--to", "-t", help="xlsx hoặc md (mặc định: theo đuôi tệp -o, không có thì xlsx).")
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="Tệp ra; `-` = stdout (mặc định: <tỉnh>-<kế hoạch>.<to> ở thư mục này)."),
    ] = None,
    agency: Agency = None,
    section: Annotated[str | None, typer.Option("--section", "-s", help="Chỉ một phần: I, II, II.A …")] = None,
    template: Annotated[
        Path | None, typer.Option("--template", help="Mẫu jinja2 cho Markdown (chạy trong sandbox).")
    ] = None,
    progress: Annotated[
        bool,
        typer.Option(
            "--progress",
            help="Tệp Excel để cơ quan điền tiến độ (cần --agency, --to xlsx); nhập lại bằng progress import.",
        ),
    ] = False,
    today: Today = None,
    force: Force = False,
) -> int:
    """Xuất phụ lục ra Excel hoặc Markdown (render the annex to xlsx or Markdown)."""
    from cchc.commands.options import check_format, conflict, output_target, today_from
    from cchc.files import atomic_write
    from cchc.plan.loader import load_plan
    from cchc.render import FORMATS, render

    fmt = to or (Path(output).suffix.lstrip(".").lower() if output and output != "-" else "")
    fmt = fmt or ("md" if template else "xlsx")
    check_format(fmt, FORMATS, "--to")
    if template is not None and fmt != "md":
        raise conflict("--template chỉ dùng với --to md", "--template")
    if output == "-" and fmt == "xlsx" and sys.stdout.isatty():
        raise conflict("không in tệp Excel ra màn hình (xlsx to a terminal)", "-o", "-o FILE")
    if progress and (fmt != "xlsx" or agency is None):
        raise conflict("--progress là tệp Excel của một cơ quan: cần --agency và --to xlsx", "--progress")
    day = today_from(today) if progress else None
    loaded = load_plan(plan)
    target = None
    if output != "-":  # refuse an existing file before the work of rendering
        default = default_output(plan, fmt, agency, section, loaded.meta.province, progress)
        target = output_target(output, default, force)
    data = render(loaded, fmt, agency=agency, section=section, template=template, progress=day)
    if target is None:
        if fmt == "xlsx":  # a workbook is bytes, refused on a terminal above
            from cchc.escape import raw_stream

            raw_stream(sys.stdout).buffer.write(data)
        else:
            sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return 0
    atomic_write(target, data)
    print(f"Đã ghi {target}", file=sys.stderr)
    return 0

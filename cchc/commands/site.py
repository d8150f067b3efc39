"""`cchc site`: a static website of the plans, their deadlines and every agency's work, with calendars."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cchc.commands.options import Paths, Today


def site_cmd(
    paths: Paths = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Thư mục ghi trang web (default: public/).")] = Path(
        "public"
    ),
    today: Today = None,
    calendars: Annotated[
        bool, typer.Option("--calendars/--no-calendars", help="Kèm lịch .ics chung và của từng cơ quan (default: có).")
    ] = True,
) -> int:
    """Trang web tĩnh: kế hoạch đang thực hiện, phụ lục lọc được, trang từng cơ quan, biểu đồ, lịch (.ics)."""
    from cchc.commands.options import plan_paths, today_from
    from cchc.files import atomic_write
    from cchc.plan.loader import load_plans
    from cchc.render.site import site_files
    from cchc.reports.site import site_data

    day = today_from(today)
    plans = load_plans(plan_paths(paths))
    site = site_data(plans, day)
    files: dict[str, bytes] = {}
    if calendars:
        from cchc.commands.calendar import calendar_data

        files["lich.ics"] = calendar_data(plans, None, "any", day)[0]
        for agency in site.agencies:
            mine = [p for p in plans if p.path in agency.plans]
            files[f"lich/{agency.slug}.ics"] = calendar_data(mine, agency.name, "any", day)[0]
    files.update(site_files(site, calendars=files))
    for name, data in sorted(files.items()):
        target = output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
    print(
        f"Đã ghi {len(files)} tệp vào {output}/: {len(site.plans)} kế hoạch, {len(site.agencies)} cơ quan "
        f"(mở {output / 'index.html'}).",
        file=sys.stderr,
    )
    return 0

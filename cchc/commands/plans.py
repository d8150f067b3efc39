"""`cchc plans [PATHS]`: the plans found, one row each (province, number, date, period, items)."""

from __future__ import annotations

from pathlib import Path

from cchc.commands.options import Paths


def plans_cmd(
    paths: Paths = None,
) -> int:
    """Liệt kê các kế hoạch (list the plans: province, number, period, items)."""
    from cchc.output.console import out, table
    from cchc.plan.loader import load_plans

    plans = load_plans(paths or [Path("plans")])
    rows = []
    for plan in plans:
        leaves = sum(1 for _ in plan.leaves())
        meta = plan.meta
        rows.append(
            [
                plan.path,
                meta.province,
                meta.number or "",
                meta.date.strftime("%d/%m/%Y") if meta.date else "",
                plan.name.removeprefix(meta.province).strip(),
                str(len(plan.sections)),
                str(leaves),
            ]
        )
    headers = ["Tệp", "Tỉnh", "Số văn bản", "Ngày", "Giai đoạn", "Phần", "Nhiệm vụ"]
    out().print(table("Các kế hoạch", headers, rows))
    return 0

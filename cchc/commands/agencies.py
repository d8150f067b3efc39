"""`cchc agencies [PATHS]`: every agency the plans name, with counts, and every name not understood."""

from __future__ import annotations

from typing import Annotated

import typer

from cchc.commands.options import Paths, Today


def agencies_cmd(
    paths: Paths = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table hoặc json.")] = "table",
    today: Today = None,
) -> int:
    """Các cơ quan được giao việc, số việc chủ trì/phối hợp/qua nhóm, và tên chưa nhận ra.

    Exit 1 when some agency text matches no registry entry (add it to plans/<tỉnh>/agencies.yaml)
    or a registry refers to an unknown name or gives one name to two agencies.
    """
    import json

    from cchc.commands.options import check_format, plan_paths, today_from
    from cchc.plan.loader import load_plans
    from cchc.reports.usage import agency_usage

    check_format(fmt, ("table", "json"))
    usage = agency_usage(load_plans(plan_paths(paths)), today_from(today))
    if usage.registry_problems:
        import sys

        from cchc.output.problems import print_problems

        print_problems(usage.registry_problems, sys.stderr)
    found = 1 if usage.unresolved or usage.registry_problems else 0
    if fmt == "json":
        data = {
            "agencies": [u.__dict__ for u in usage.agencies],
            "unresolved": [
                {"text": u.text, "count": u.count, "at": [str(loc) for loc in u.locs], "suggestions": u.suggestions}
                for u in usage.unresolved
            ],
            "mentions": usage.mentions,
            "resolved": usage.resolved,
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return found
    from cchc.agencies.registry import KIND_LABELS
    from cchc.output.console import out, table

    rows = [
        [u.name, KIND_LABELS.get(u.kind, u.kind), u.leads, u.supports, u.via_groups, u.overdue] for u in usage.agencies
    ]
    headers = ["Cơ quan", "Loại", "Chủ trì", "Phối hợp", "Qua nhóm", "Quá hạn"]
    con = out()
    con.print(table(f"Các cơ quan được nêu trong kế hoạch ({len(rows)})", headers, rows))
    if usage.unresolved:
        missing = [
            [u.text, u.count, str(u.locs[0]) if u.locs else "", "; ".join(u.suggestions)] for u in usage.unresolved
        ]
        headers = ["Tên chưa nhận ra", "Số lần", "Lần đầu ở", "Tên gần nhất"]
        con.print(table(f"Tên cơ quan chưa có trong danh mục ({len(missing)})", headers, missing))
    con.print(f"{usage.resolved}/{usage.mentions} lần nêu tên cơ quan đã nhận ra.")
    return found

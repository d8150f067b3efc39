"""`cchc agencies [PATHS]`: every agency the plans name, with counts, and every name not understood."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from cchc.commands.options import Force, Output, Paths, PlanOpt, Province, Today

if TYPE_CHECKING:
    from cchc.plan.model import Plan
    from cchc.reports.usage import Unresolved, Usage

FORMATS = ("table", "json", "csv", "xlsx")
SCHEMA_ID = "cchc-agencies/1"
KEYS = ("name", "kind", "kind_label", "leads", "supports", "via_groups", "overdue")
HEADERS = ["Cơ quan", "Loại", "Chủ trì", "Phối hợp", "Qua nhóm", "Quá hạn"]


def agencies_cmd(
    paths: Paths = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv hoặc xlsx.")] = "table",
    today: Today = None,
    plan: PlanOpt = None,
    province: Province = None,
    output: Output = None,
    force: Force = False,
) -> int:
    """Các cơ quan được giao việc, số việc chủ trì/phối hợp/qua nhóm, và tên chưa nhận ra.

    Reads every plan given (closed ones too: a name not understood is a problem of the file
    whatever its period); --plan and --province narrow that. Exit 1 when some agency text
    matches no registry entry (add it to plans/<tỉnh>/agencies.yaml) or a registry refers to an
    unknown name or gives one name to two agencies. A name that `validate` accepts because of a
    `# cchc: ignore[A101] lý do` comment (or the configuration) is listed with that reason and
    does not fail the command.
    """
    import sys

    from cchc.checks.config import find
    from cchc.commands.options import check_format, check_output, choose_plans, today_from
    from cchc.reports.usage import agency_usage

    check_format(fmt, FORMATS)
    check_output(fmt, output, force)
    day = today_from(today)
    scope = choose_plans(paths, day, plan=plan, province=province, all_plans=True)
    config = find()
    usage = agency_usage(scope.plans, day, config.event_grace)
    open_names, settled = _split_settled(usage.unresolved, scope.plans, config)
    if usage.registry_problems:
        from cchc.output.problems import print_problems

        print_problems(usage.registry_problems, sys.stderr)
    found = 1 if open_names or usage.registry_problems else 0
    from cchc.agencies.registry import KIND_LABELS

    objects = [
        {
            "name": u.name,
            "kind": u.kind,
            "kind_label": KIND_LABELS.get(u.kind, u.kind),
            "leads": u.leads,
            "supports": u.supports,
            "via_groups": u.via_groups,
            "overdue": u.overdue,
        }
        for u in usage.agencies
    ]
    if fmt == "json":
        typer.echo(_json(day, scope.plans, usage, objects, open_names, settled), nl=False)
        return found
    if fmt == "csv":
        from cchc.reports.tabular import BOM, csv_rows

        typer.echo(BOM + csv_rows(KEYS, objects), nl=False)
        return found
    if fmt == "xlsx":
        from pathlib import Path

        from cchc.commands.options import output_target, write_output
        from cchc.render.sheet import sheet_bytes

        rows = [[o[k] for k in ("name", "kind_label", "leads", "supports", "via_groups", "overdue")] for o in objects]
        target = output_target(output, Path(f"co-quan-{day:%Y-%m-%d}.xlsx"), force)
        title = f"Các cơ quan được nêu trong kế hoạch — ngày {day:%d/%m/%Y}"
        data = sheet_bytes(title, HEADERS, rows, widths=[50, 16, 10, 10, 10, 10], sheet_name="Cơ quan", stamp=day)
        write_output(data, target)
        return found
    from cchc.output.console import Col, out, table

    rows = [[o["name"], o["kind_label"], o["leads"], o["supports"], o["via_groups"], o["overdue"]] for o in objects]
    cols = [Col("Cơ quan", "main"), Col("Loại", "fixed"), *(Col(h, "fixed") for h in HEADERS[2:])]
    con = out()
    con.print(table(f"Các cơ quan được nêu trong kế hoạch ({len(rows)})", HEADERS, rows, cols=cols))
    if open_names:
        missing = [[u.text, u.count, str(u.locs[0]) if u.locs else "", "; ".join(u.suggestions)] for u in open_names]
        headers = ["Tên chưa nhận ra", "Số lần", "Lần đầu ở", "Tên gần nhất"]
        cols = [
            Col(headers[0], "main"),
            Col(headers[1], "fixed"),
            Col(headers[2], "fixed"),
            Col(headers[3], "text", 30),
        ]
        con.print(table(f"Tên cơ quan chưa có trong danh mục ({len(missing)})", headers, missing, cols=cols))
    if settled:
        rows = [[u.text, str(u.locs[0]) if u.locs else "", reason] for u, reason in settled]
        headers = ["Tên chưa nhận ra", "Ở", "Lý do bỏ qua (như validate)"]
        cols = [Col(headers[0], "text", 30), Col(headers[1], "fixed"), Col(headers[2], "main")]
        con.print(table(f"Tên chưa nhận ra nhưng đã ghi lý do bỏ qua ({len(rows)})", headers, rows, cols=cols))
    con.print(f"{usage.resolved}/{usage.mentions} lần nêu tên cơ quan đã nhận ra.")
    return found


def _split_settled(
    unresolved: list[Unresolved], plans: tuple[Plan, ...], config: Any
) -> tuple[list[Unresolved], list[tuple[Unresolved, str]]]:
    """Names still to fix, and names `validate` accepts (suppressed with a reason, or ignored),
    with the reason; a name is settled only when every place it occurs is."""
    from dataclasses import replace

    from cchc.checks.runner import silenced
    from cchc.files import read_bytes
    from cchc.plan.loader import decode

    by_path = {p.path: p for p in plans}
    texts: dict[str, str] = {}
    open_names: list[Unresolved] = []
    settled: list[tuple[Unresolved, str]] = []
    for name in unresolved:
        reasons: list[str] = []
        still = []
        for loc in name.locs:
            plan = by_path.get(loc.file)
            reason = None
            if plan is not None:
                if loc.file not in texts:
                    texts[loc.file] = decode(read_bytes(loc.file), loc.file)
                reason = silenced(plan, texts[loc.file], "A101", loc.line, config)
            if reason is None:
                still.append(loc)
            else:
                reasons.append(reason)
        if still:
            open_names.append(replace(name, locs=still) if reasons else name)
        else:
            settled.append((name, "; ".join(dict.fromkeys(reasons))))
    return open_names, settled


def _json(
    day: Any,
    plans: tuple[Plan, ...],
    usage: Usage,
    objects: list[dict[str, Any]],
    open_names: list[Unresolved],
    settled: list[tuple[Unresolved, str]],
) -> str:
    import json

    def unresolved(u: Unresolved, reason: str | None = None) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "text": u.text,
            "count": u.count,
            "at": [str(loc) for loc in u.locs],
            "suggestions": list(u.suggestions),
        }
        if reason is not None:
            obj["reason"] = reason
        return obj

    data = {
        "schema": SCHEMA_ID,
        "today": day.isoformat(),
        "plans": [p.path for p in plans],
        "agencies": objects,
        "unresolved": [unresolved(u) for u in open_names],
        "silenced": [unresolved(u, reason) for u, reason in settled],
        "registry_problems": [str(p) for p in usage.registry_problems],
        "mentions": usage.mentions,
        "resolved": usage.resolved,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

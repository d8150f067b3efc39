"""`cchc agencies [PATHS]`: every agency the plans name, with counts, and every name not understood."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cchc.commands import guarded


def register(app: typer.Typer) -> None:
    @app.command("agencies")
    @guarded
    def agencies_cmd(
        paths: Annotated[list[Path] | None, typer.Argument(help="Tệp hoặc thư mục kế hoạch (default: plans/).")] = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="table hoặc json.")] = "table",
    ) -> int:
        """Các cơ quan được giao việc, số việc chủ trì/phối hợp/qua nhóm, và tên chưa nhận ra.

        Exit 1 when some agency text matches no registry entry (add it to plans/<tỉnh>/agencies.yaml).
        """
        import json

        from cchc.agencies.usage import agency_usage
        from cchc.errors import CchcError, Loc
        from cchc.loader import load_plans

        if fmt not in ("table", "json"):
            raise CchcError.single("A003", f"--format không hợp lệ: {fmt!r}", Loc("--format"), "table hoặc json")
        usage = agency_usage(load_plans(paths or [Path("plans")]))
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
            return 1 if usage.unresolved else 0
        from cchc.output import console, table

        rows = [[u.name, u.kind, u.leads, u.supports, u.via_groups] for u in usage.agencies]
        headers = ["Cơ quan", "Loại", "Chủ trì", "Phối hợp", "Qua nhóm"]
        con = console()
        con.print(table(f"Các cơ quan được nêu trong kế hoạch ({len(rows)})", headers, rows))
        if usage.unresolved:
            missing = [
                [u.text, u.count, str(u.locs[0]) if u.locs else "", "; ".join(u.suggestions)] for u in usage.unresolved
            ]
            headers = ["Tên chưa nhận ra", "Số lần", "Lần đầu ở", "Tên gần nhất"]
            con.print(table(f"Tên cơ quan chưa có trong danh mục ({len(missing)})", headers, missing))
        con.print(f"{usage.resolved}/{usage.mentions} lần nêu tên cơ quan đã nhận ra.")
        return 1 if usage.unresolved else 0

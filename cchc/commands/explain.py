"""`cchc explain`: how a time text was read — kind, dates, recurrence, event, assumptions.

`cchc explain "Quý II/2024" --year 2024` reads a text; `cchc explain PLAN ITEM_ID` reads an item's
time (with its overrides and state today). The answer to "why does cchc say this is due?".
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cchc.commands.options import Today


def explain_cmd(
    target: Annotated[str, typer.Argument(help="Văn bản thời gian, hoặc tệp kế hoạch (kèm ITEM_ID).")],
    item_id: Annotated[Optional[str], typer.Argument(help="Mã nhiệm vụ (id) trong kế hoạch.")] = None,  # noqa: UP045
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--year", help="Năm dùng khi văn bản không ghi năm (default: năm kế hoạch)."),
    ] = None,
    today: Today = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json.")] = "text",
) -> int:
    """Giải thích cách đọc một thời hạn (explain how a time text is read)."""
    import json

    from cchc.commands.options import check_format, today_from
    from cchc.schedule import explain as explaining

    check_format(fmt, ("text", "json"))
    if item_id is None:
        obj = explaining.explain_text(target, year)
    else:
        from pathlib import Path

        from cchc.plan.loader import load_plan

        plan = load_plan(Path(target))
        obj = explaining.explain_item(plan, item_id, today_from(today), year)
    if fmt == "json":
        typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))
    else:
        typer.echo(explaining.to_text(obj))
    return 0

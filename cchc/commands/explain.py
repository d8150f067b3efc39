"""`cchc explain`: how a time text was read — kind, dates, recurrence, event, assumptions.

`cchc explain "Quý II/2024" --year 2024` reads a text; `cchc explain PLAN ITEM_ID` reads an item's
time (with its overrides and state today). The answer to "why does cchc say this is due?".
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from cchc.commands.options import Today


def explain_cmd(
    target: Annotated[
        str, typer.Argument(metavar="THỜI_GIAN|KẾ_HOẠCH", help="Văn bản thời gian, hoặc tệp kế hoạch (kèm ITEM_ID).")
    ],
    item_id: Annotated[Optional[str], typer.Argument(metavar="[MÃ]", help="Mã nhiệm vụ (id) trong kế hoạch.")] = None,  # noqa: UP045
    year: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--year", help="Năm dùng khi văn bản không ghi năm (mặc định: năm kế hoạch)."),
    ] = None,
    today: Today = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text | json.")] = "text",
) -> int:
    """Giải thích cách đọc một thời hạn (explain how a time text is read)."""
    import json

    from cchc.commands.options import check_format, today_from
    from cchc.schedule import explain as explaining

    check_format(fmt, ("text", "json"))
    day = today_from(today)
    if item_id is None:
        _refuse_plan_without_id(target)
        obj = explaining.explain_text(target, year, day)
    else:
        from pathlib import Path

        from cchc.commands.options import event_grace
        from cchc.plan.loader import load_plan

        plan = load_plan(Path(target))
        obj = explaining.explain_item(plan, item_id, day, year, event_grace([plan]))
    if fmt == "json":
        typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))
    else:
        typer.echo(explaining.to_text(obj))
    return 0


def _refuse_plan_without_id(target: str) -> None:
    """`cchc explain plans/x/2024.yaml` without an id: say what is missing, not read the path as a time."""
    from pathlib import Path

    from cchc.errors import CchcError, Loc

    path = Path(target)
    if not (target.endswith((".yaml", ".yml")) or path.exists()):
        return
    ids: list[str] = []
    try:
        from cchc.plan.loader import load_plan

        ids = [e.item.id for e in load_plan(path).leaves()][:5]
    except CchcError:
        pass
    example = f"cchc explain {target} {ids[0]}" if ids else f"cchc explain {target} ITEM_ID"
    more = f"; vài mã trong kế hoạch: {', '.join(ids)}" if ids else "; xem các mã bằng `cchc show PLAN`"
    raise CchcError.single(
        "U005",
        f"thiếu mã nhiệm vụ (missing item id): '{target}' là tệp kế hoạch, không phải văn bản thời gian",
        Loc(target),
        f"ví dụ: {example}{more}",
    )

"""`cchc show PLAN [ID]`: a plan summary or one item; `--for-diff` is the git text conversion."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from cchc.commands.options import Today


def show_cmd(
    plan: Annotated[Path, typer.Argument(metavar="KẾ_HOẠCH", help="Tệp kế hoạch (plan file).")],
    item: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
        typer.Argument(metavar="[MÃ]", help="id của một mục (an item id) để xem chi tiết."),
    ] = None,
    for_diff: Annotated[
        bool,
        typer.Option("--for-diff", help="Mỗi mục một dòng ổn định, cho git diff (textconv: one stable line per item)."),
    ] = False,
    today: Today = None,
) -> int:
    """Xem kế hoạch hoặc một mục (show a plan summary or one item; --for-diff for git)."""
    from cchc.plan.loader import load_plan

    if for_diff:
        return _for_diff(plan)
    from cchc.commands.options import event_grace, today_from

    loaded = load_plan(plan)
    day = today_from(today)
    grace = event_grace([loaded])
    if item is None:
        from cchc.output.show import summary

        typer.echo(summary(loaded, day, grace))
        return 0
    from cchc.output.show import item_details

    text = item_details(loaded, item, day, grace)
    if text is None:
        from cchc.commands.options import unknown_item

        raise unknown_item(str(plan), item, [e.item.id for e in loaded.entries()])
    typer.echo(text)
    return 0


def _for_diff(path: Path) -> int:
    """Print the textconv; a file that is not a plan is printed as it is, so git diff still works."""
    from cchc.errors import CchcError
    from cchc.plan.loader import load_plan
    from cchc.review.textconv import for_diff

    try:
        text = for_diff(load_plan(path))
    except CchcError as exc:
        from cchc.files import read_bytes

        try:
            raw = read_bytes(path)
        except CchcError as unreadable:
            from cchc.output.problems import print_problems

            print_problems(unreadable.problems, sys.stderr)
            return 2
        # Other YAML under plans/ (the agency registry) passes through quietly; a broken plan says so.
        if b"cchc-plan/" in raw[:4096]:
            note = f"không đọc được như kế hoạch, hiện nguyên văn ({exc.problems[0]})"
            print(f"cchc show --for-diff: {note}", file=sys.stderr)
        sys.stdout.write(raw.decode("utf-8", "replace"))
        return 0
    sys.stdout.write(text)
    return 0

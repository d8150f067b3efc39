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
    """Print the textconv; a file that is not a plan is printed as it is, so git diff still works.

    git hands the driver each side as a file, the old side under a temporary name
    (`/tmp/git-blob-XXXX/2024.yaml`): the conversion is cached by the bytes alone (it names no
    path), so a version converted once is never parsed again, and no temporary path ever keys
    an entry.
    """
    from cchc.errors import CchcError
    from cchc.files import read_bytes
    from cchc.plan import cache

    try:
        data = read_bytes(path)
    except CchcError as unreadable:
        from cchc.output.problems import print_problems

        print_problems(unreadable.problems, sys.stderr)
        return 2
    entry = cache.key("textconv", data)
    text = cache.fetch(entry)
    if not isinstance(text, str):
        from cchc.plan.loader import decode, parse_plan
        from cchc.review.textconv import for_diff

        try:
            text = for_diff(parse_plan(decode(data, str(path)), str(path)))
        except CchcError as exc:
            # Other YAML under plans/ (the agency registry) passes through quietly; a broken plan says so.
            if b"cchc-plan/" in data[:4096]:
                note = f"không đọc được như kế hoạch, hiện nguyên văn ({exc.problems[0]})"
                print(f"cchc show --for-diff: {note}", file=sys.stderr)
            sys.stdout.write(data.decode("utf-8", "replace"))
            return 0
        cache.store(entry, text)
    sys.stdout.write(text)
    return 0

"""Plan changes as terminal text (rich): the presenter of `cchc diff` on a console.

The sentences come from `cchc.review.view.describe`, so the terminal says what the Markdown and
JSON outputs say; only the word highlighting (colours, or `[-…-]{+…+}` without them) differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cchc.review.compare import FileDiff
from cchc.review.view import Style, counts, describe, target_label, unchanged_line, what

if TYPE_CHECKING:
    from rich.console import Console

_SIGN = {"added": ("+", "green"), "removed": ("-", "red"), "section_added": ("+", "green")}
_SIGN["section_removed"] = ("-", "red")


def print_rich(files: Sequence[FileDiff], console: Console) -> None:
    """Terminal text: per file a heading, per item its label once, then one line per change.

    Files without changes get one line between them. Piped (not a terminal), lines are never
    broken: a long change stays one line for grep and for the reader's own pager.
    """
    from rich.markup import escape as markup_escape

    from cchc.escape import visible

    def escape(text: str) -> str:
        return markup_escape(visible(text))

    soft = not console.is_terminal

    def say(text: str) -> None:
        console.print(text, soft_wrap=soft)

    if console.color_system is None:
        # No colours (a pipe, NO_COLOR): mark words as `git diff --word-diff` does.
        style = Style(escape, lambda t: escape("[-") + t + "-]", lambda t: "{+" + t + "+}", mark_lists=False)
    else:
        style = Style(escape, lambda t: f"[red strike]{t}[/]", lambda t: f"[green bold]{t}[/]")
    if not files:
        say("[dim]Không có tệp kế hoạch nào để so sánh (no plan files to compare).[/]")
    for fd in files:
        if not fd.changes:
            continue
        names = " → ".join(escape(n) for n in (fd.old_name or "(không có)", fd.new_name or "(không có)"))
        say(f"[bold]{escape(fd.path)}[/] — {escape(fd.title)}  [dim]{names}[/]")
        last = None
        for change in fd.changes:
            sign, colour = _SIGN.get(change.kind, ("~", "yellow"))
            label = target_label(change)
            if label != last:
                say(f"  [{colour}]{sign}[/] [bold]{escape(label)}[/]")
                last = label
            say(f"      {escape(what(change))}: {describe(change, style)}")
        say(f"  [dim]{counts(fd.changes)}[/]")
    same = unchanged_line(files)
    if same:
        say(f"[dim]{escape(same)}[/]")

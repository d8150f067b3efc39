"""Terminal presentation with rich, imported only when a command prints a table."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    # Wide enough for Vietnamese table headers when output is piped; NO_COLOR is honoured by rich.
    width = None if os.isatty(2 if stderr else 1) else int(os.environ.get("COLUMNS", "160"))
    return Console(stderr=stderr, width=width, highlight=False)


def table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], styles: Sequence[str | None] = ()
) -> Table:
    """A rich table with Vietnamese headers; `styles` gives an optional style per row."""
    from rich.table import Table

    tbl = Table(title=title, show_lines=False, header_style="bold")
    for header in headers:
        tbl.add_column(header, overflow="fold")
    for i, row in enumerate(rows):
        style = styles[i] if i < len(styles) else None
        tbl.add_row(*(str(c) for c in row), style=style)
    return tbl

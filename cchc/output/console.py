"""Terminal presentation of tables: rich on a terminal, aligned plain text everywhere else.

`table()` returns a `Grid` (title, Vietnamese headers, cell texts, optional row styles) and
`out()` the console that prints it. On a terminal (or with FORCE_COLOR set) that console is
rich's: box drawing, colours, long cells folded to the screen. When stdout is a pipe, a file or
a CI log, box drawing and colours are noise and laying a table out with rich costs more than
the rest of a command (~100 ms for a 500-item plan, plus ~15 ms importing it), so `PlainConsole`
writes the same title, headers and every cell text, whole, in aligned columns.
`console()` stays the rich console for presenters that write rich markup (diff).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import IO, TYPE_CHECKING, Protocol

from cchc.escape import visible
from cchc.record import record

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def console(stderr: bool = False) -> Console:
    """rich's console, writing to the real stream under `cchc.escape.SafeStream`: its colours are
    its own escape sequences; every plan text it is given went through `visible` first."""
    from rich.console import Console

    from cchc.escape import raw_stream

    # Wide enough for Vietnamese table headers when output is piped; NO_COLOR is honoured by rich.
    width = None if os.isatty(2 if stderr else 1) else int(os.environ.get("COLUMNS", "160"))
    file = raw_stream(sys.stderr if stderr else sys.stdout)
    return Console(file=file, width=width, highlight=False)


@record
class Grid:
    """A table to print: title, headers, cell texts and an optional style per row (rich only)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    styles: tuple[str | None, ...] = ()

    def __rich__(self) -> Table:
        """The rich table (rich calls this when it prints a `Grid`)."""
        from rich.table import Table
        from rich.text import Text

        # Text objects, never markup: `[link=…]` or `[/]` in a plan is shown as written.
        tbl = Table(title=Text(visible(self.title)), show_lines=False, header_style="bold")
        for header in self.headers:
            tbl.add_column(Text(header), overflow="fold")
        for i, row in enumerate(self.rows):
            style = self.styles[i] if i < len(self.styles) else None
            tbl.add_row(*(Text(visible(cell)) for cell in row), style=style)
        return tbl


def table(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], styles: Sequence[str | None] = ()
) -> Grid:
    """A table with Vietnamese headers; `styles` gives an optional style per row."""
    return Grid(title, tuple(headers), tuple(tuple(str(c) for c in row) for row in rows), tuple(styles))


class Printer(Protocol):
    """What presenters need from a console: print a `Grid` or a line, capture output."""

    def print(self, obj: Grid | str) -> None: ...

    def capture(self) -> AbstractContextManager[_Capture]: ...


class _Capture(Protocol):
    def get(self) -> str: ...


def out() -> Printer:
    """rich's console on a terminal (or with FORCE_COLOR), else the plain-text console."""
    if os.isatty(1) or os.environ.get("FORCE_COLOR"):
        return RichPrinter(console())
    return PlainConsole()


class RichPrinter:
    """rich's console for `Grid`s and plain lines: a line is text, never rich markup."""

    def __init__(self, con: Console) -> None:
        self.con = con

    def print(self, obj: Grid | str) -> None:
        if isinstance(obj, Grid):
            self.con.print(obj)
        else:
            self.con.print(visible(str(obj)), markup=False, highlight=False)

    def capture(self) -> AbstractContextManager[_Capture]:
        return self.con.capture()


def width(text: str) -> int:
    """Columns `text` takes on a terminal: combining marks take none, wide (CJK) characters two."""
    if text.isascii():
        return len(text)
    n = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return n


def _one_line(text: str) -> str:
    # A cell's own line breaks would break the columns; the text stays whole on one line.
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def plain_table(grid: Grid) -> str:
    """The grid as aligned text: title, headers, a rule, one line per row; every cell whole."""
    rows = [[_one_line(c) for c in row] for row in grid.rows]
    ncols = max([len(grid.headers), *(len(r) for r in rows)])
    headers = [*grid.headers, *[""] * (ncols - len(grid.headers))]
    sizes = [width(h) for h in headers]
    cell_widths = [[width(c) for c in row] for row in rows]
    for ws in cell_widths:
        for i, w in enumerate(ws):
            sizes[i] = max(sizes[i], w)

    def line(cells: Sequence[str], ws: Sequence[int]) -> str:
        parts = [c + " " * (sizes[i] - ws[i]) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    lines = [grid.title] if grid.title else []
    lines.append(line(headers, [width(h) for h in headers]))
    lines.append("  ".join("-" * s for s in sizes))
    lines += [line(row, ws) for row, ws in zip(rows, cell_widths, strict=True)]
    return "\n".join(lines) + "\n"


class _Buffer:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def get(self) -> str:
        return "".join(self.parts)


class PlainConsole:
    """Prints `Grid`s with `plain_table` and lines as they are (no markup, no colour)."""

    def __init__(self, file: IO[str] | None = None) -> None:
        self.file = file
        self._buffer: _Buffer | None = None

    def print(self, obj: Grid | str) -> None:
        text = plain_table(obj) if isinstance(obj, Grid) else str(obj) + "\n"
        if self._buffer is not None:
            self._buffer.parts.append(text)
        else:
            (self.file or sys.stdout).write(text)

    @contextmanager
    def capture(self) -> Iterator[_Buffer]:
        self._buffer = buffer = _Buffer()
        try:
            yield buffer
        finally:
            self._buffer = None

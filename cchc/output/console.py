"""Terminal presentation of tables: rich on a terminal, aligned plain text everywhere else.

`table()` returns a `Grid` (title, Vietnamese headers, cell texts, optional row styles, and a
layout per column: `Col`) and `out()` the console that prints it. On a terminal (or with
FORCE_COLOR set) that console is rich's, and the grid lays itself out for the screen's width
(`Grid.layout`): `fixed` columns (ids, dates, numbers, states) are as wide as their longest
line and never break; the `main` text column takes the room left (cut to a few lines); other
text columns wrap within their cap, and `optional` ones move into the main cell as a last line
when the main text would be too narrow; below that, one block per record. When stdout is a pipe, a file or
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
    from rich.console import Console, ConsoleOptions, RenderableType
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


#: Column kinds. `fixed`: dates, numbers, ids, states — never broken across lines, always as wide
#: as their longest line. `text`: wraps at word boundaries (long words folded), at most
#: `max_width` wide. `main`: the one text column that takes the room the others leave.
FIXED, TEXT, MAIN = "fixed", "text", "main"
#: The narrowest the main text column may be before a table turns into one block per record,
#: and the width it gets before optional columns are shown.
MIN_MAIN = 20
COMFORT = 36
#: Room between two columns of the rich table.
GAP = 2
#: Where plain (piped) output cuts a main column with `max_lines`.
PLAIN_CLIP = 90


def clip(text: str, limit: int) -> str:
    """The first paragraph of `text` cut to `limit` characters (`…`); the other lines kept."""
    first, sep, rest = text.partition("\n")
    first = " ".join(first.split())
    if len(first) > limit:
        first = first[: max(1, limit - 1)].rstrip() + "…"
    return first + sep + rest


@record
class Col:
    """How one column is laid out on a terminal (see the kinds above)."""

    header: str
    kind: str = TEXT
    max_width: int | None = None
    #: When the screen is too narrow for this column, its cell joins the main column's cell as a
    #: last line (`Thời gian: Quý II/2024`) instead of taking a column of its own.
    optional: bool = False
    #: The main column's first paragraph is cut (`…`) to about this many lines of its width on a
    #: terminal, and to `PLAIN_CLIP` characters in plain output; None: never cut.
    max_lines: int | None = None


@record
class Grid:
    """A table to print: title, headers, cell texts, an optional style per row (rich only), and
    optionally a layout per column (`cols`; without it every column wraps, as text)."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    styles: tuple[str | None, ...] = ()
    cols: tuple[Col, ...] = ()

    def columns(self) -> tuple[Col, ...]:
        if self.cols:
            return self.cols
        return tuple(Col(h) for h in self.headers)

    def layout(self, screen: int) -> dict[int, int] | None:
        """The columns shown at `screen` columns wide with the width of each text column (fixed
        columns keep their natural width: None), or None when only blocks fit (stacked)."""
        cols = self.columns()
        natural = [
            max([_lines_width(c.header), *(_lines_width(row[i]) for row in self.rows)]) for i, c in enumerate(cols)
        ]
        main = next((i for i, c in enumerate(cols) if c.kind == MAIN), None)

        def fit(shown: list[int], room: int) -> dict[int, int] | None:
            left = screen - GAP * (len(shown) - 1) - sum(natural[i] for i in shown if cols[i].kind == FIXED)
            others = [i for i in shown if cols[i].kind != FIXED and i != main]
            want = {i: min(natural[i], cols[i].max_width or natural[i]) for i in others}
            floor = {i: min(want[i], max(_longest_word(self, i), 12)) for i in others}
            target = min(natural[main], COMFORT) if main is not None else 0
            widths = dict(want)
            # Narrow the widest other text column first, down to its longest word, while the main
            # text has less than a comfortable width.
            while sum(widths.values()) + target > left and any(widths[i] > floor[i] for i in others):
                widest = max((i for i in others if widths[i] > floor[i]), key=lambda i: widths[i])
                widths[widest] -= 1
            if main is not None:
                widths[main] = min(natural[main], left - sum(widths.values()))
                if widths[main] < min(natural[main], room):
                    return None
            elif sum(widths.values()) > left:
                return None
            return {i: widths.get(i, natural[i]) for i in shown}

        every = list(range(len(cols)))
        if main is None:
            return fit(every, 0)
        essential = [i for i in every if not cols[i].optional]
        # The main text gets a comfortable width first, by giving up optional columns; then as
        # narrow as MIN_MAIN; below that, one block per record reads better than a squeezed table.
        for shown, room in ((every, COMFORT), (essential, COMFORT), (essential, MIN_MAIN)):
            found = fit(shown, room)
            if found is not None:
                return found
        return None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        """The rich table, or one block per record when the screen is too narrow for it."""
        widths = self.layout(options.max_width)
        if widths is None:
            yield from self._blocks(options.max_width)
        else:
            yield self._table(widths)

    def _folded(self, shown: tuple[int, ...], main_width: int | None = None) -> list[tuple[str, ...]]:
        """Rows with the main cell cut to its lines (`Col.max_lines`) and the cells of hidden
        optional columns appended to it."""
        cols = self.columns()
        main = next((i for i, c in enumerate(cols) if c.kind == MAIN), None)
        hidden = [i for i in range(len(cols)) if i not in shown]
        if main is None:
            return list(self.rows)
        lines = cols[main].max_lines
        out = []
        for row in self.rows:
            cells = list(row)
            text = clip(row[main], max(20, (main_width - 2) * lines)) if lines and main_width else row[main]
            extra = [f"{cols[i].header}: {_flat(row[i])}" for i in hidden if row[i].strip()]
            cells[main] = "\n".join([text, *extra]) if extra else text
            out.append(tuple(cells))
        return out

    def _table(self, widths: dict[int, int]) -> Table:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        cols = self.columns()
        shown = tuple(widths)
        # Text objects, never markup: `[link=…]` or `[/]` in a plan is shown as written.
        tbl = Table(
            title=Text(visible(self.title)),
            header_style="bold",
            box=box.SIMPLE_HEAD,
            show_edge=False,
            padding=(0, 1),
            collapse_padding=True,
            pad_edge=False,
        )
        for i in shown:
            col = cols[i]
            if col.kind == FIXED:
                tbl.add_column(Text(col.header), no_wrap=True, overflow="ignore", min_width=widths[i])
            else:
                tbl.add_column(Text(col.header), overflow="fold", width=widths[i])
        main = next((i for i in shown if cols[i].kind == MAIN), None)
        for n, row in enumerate(self._folded(shown, widths[main] if main is not None else None)):
            style = self.styles[n] if n < len(self.styles) else None
            tbl.add_row(*(Text(visible(row[i])) for i in shown), style=style)
        return tbl

    def _blocks(self, screen: int) -> Iterator[RenderableType]:
        """One block per record: its fixed cells on one line (as many lines as the screen needs,
        never breaking inside a cell), then `Header: text` lines, indented."""
        from rich.padding import Padding
        from rich.text import Text

        cols = self.columns()
        if self.title:
            yield Text(visible(self.title), style="bold")
        for n, row in enumerate(self.rows):
            style = self.styles[n] if n < len(self.styles) else None
            fixed = [_flat(row[i]) for i, c in enumerate(cols) if c.kind == FIXED and row[i].strip()]
            lines: list[str] = []
            for cell in fixed:
                if lines and width(lines[-1]) + 3 + width(cell) <= screen:
                    lines[-1] += " · " + cell
                else:
                    lines.append(cell)
            for line in lines:
                yield Text(visible(line), style=style or "", no_wrap=True, overflow="fold")
            for i, col in enumerate(cols):
                if col.kind != FIXED and row[i].strip():
                    cell = clip(row[i], (screen - 2) * col.max_lines) if col.max_lines else row[i]
                    yield Padding(Text(visible(f"{col.header}: {cell}"), overflow="fold"), (0, 0, 0, 2))


def _flat(text: str) -> str:
    return " ".join(text.split())


def _lines_width(text: str) -> int:
    return max((width(line) for line in text.splitlines()), default=0)


def _longest_word(grid: Grid, i: int) -> int:
    """The longest word of a column, its header's included: a text column never narrower."""
    words = [*grid.columns()[i].header.split(), *(w for row in grid.rows for w in row[i].split())]
    return max([width(w) for w in words] or [0])


class ColumnSpec(Protocol):
    """What a column layout needs (`Col` here, `cchc.reports.tabular.Column` from the reports)."""

    @property
    def header(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def max_width(self) -> int | None: ...
    @property
    def optional(self) -> bool: ...


def table(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    styles: Sequence[str | None] = (),
    cols: Sequence[ColumnSpec] = (),
) -> Grid:
    """A table with Vietnamese headers; `styles` gives an optional style per row, `cols` a layout
    per column (fixed, text, main; see `Col`)."""
    layout = tuple(Col(c.header, c.kind, c.max_width, c.optional, getattr(c, "max_lines", None)) for c in cols)
    return Grid(title, tuple(headers), tuple(tuple(str(c) for c in row) for row in rows), tuple(styles), layout)


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
    """The grid as aligned text: title, headers, a rule, one line per row; every cell whole (a
    main column with `max_lines` cut to `PLAIN_CLIP` characters)."""
    cols = grid.columns()
    rows = [
        [_one_line(clip(c, PLAIN_CLIP) if i < len(cols) and cols[i].max_lines else c) for i, c in enumerate(row)]
        for row in grid.rows
    ]
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

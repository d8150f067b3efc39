"""Text made safe for the places cchc writes it: terminals, Markdown, CSV.

One place for every presenter (due, tasks, diff, render), so plan text is escaped the same way
everywhere. A terminal obeys control characters: an escape sequence in a plan could clear the
reviewer's screen, plant an OSC 8 link or write the clipboard (OSC 52), a carriage return
could overwrite what a line says and bidi overrides reorder it. `visible` shows each such
character as a visible symbol instead (line breaks and tabs stay), and every text stream of a
command goes through `SafeStream` (cchc.commands.guarded), so no byte of a plan reaches a
terminal raw, whichever presenter printed it.

Markdown renderers pass raw HTML through, so text is HTML-escaped first; `|` would end a table
cell and `*`, `_`, `` ` ``, `~`, `[`, `]`, `\\` start markup, so they are
backslash-escaped. A CSV cell starting like a formula (`=`, `+`, `-`, `@`, tab, CR) would run
in a spreadsheet (agency cells often start with "- "), so it gets a leading `'`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

#: C0 controls but line feed and tab, DEL, C1 controls, and the bidi embedding/override/isolate
#: controls (Trojan Source): what a terminal or an editor would act on instead of showing.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for ESC, ␍ for CR …
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """`text` with every control character shown as a visible symbol; line breaks and tabs kept."""
    return _CONTROL.sub(_show, text) if _CONTROL.search(text) else text


class SafeStream(io.TextIOBase):
    """A text stream that writes `visible(text)` to the stream it wraps.

    `raw` is the wrapped stream, for the one writer that emits its own escape sequences on
    purpose (rich's colours, after `visible` was applied to the plan text it draws) and for
    binary output (`raw.buffer`). `encoding` and `errors` are the wrapped stream's, so click's
    `echo` writes through this object instead of reaching for the binary buffer underneath.
    """

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self.raw, "encoding", "utf-8"))

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.raw, "errors", "strict")

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.raw.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # bytes would bypass `visible`: binary output asks for `raw_stream` on purpose
            raise AttributeError(name)
        return getattr(self.raw, name)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a `SafeStream` (or `stream` itself)."""
    return stream.raw if isinstance(stream, SafeStream) else stream


_MD_SPECIAL = re.compile(r"([\\`*_~\[\]|])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def html_text(text: str) -> str:
    """`html.escape(text, quote=False)`, without importing `html` (which loads html.entities, 1 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_inline(text: object) -> str:
    """Plan text safe on one Markdown line (heading, title, table cell): line breaks become spaces."""
    escaped = _MD_SPECIAL.sub(r"\\\1", html_text(str(text)))
    return " ".join(escaped.split())


def md_cell(text: object) -> str:
    """Plan text safe in a GitHub table cell, line breaks kept as `<br>`."""
    return "<br>".join(md_inline(line) for line in str(text).splitlines() if line.strip())


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet reads as text, never as a formula (numbers stay numbers).

    Control characters are shown visibly; quoting is `csv_text`'s.
    """
    if not isinstance(value, str):
        return "" if value is None else str(value)
    value = visible(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


_CSV_QUOTE = re.compile(r'[,;"\n\r]|^\s|\s$')


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV text of `rows` (each cell through `csv_cell`): a cell holding `,`, `;` (the separator
    Excel uses in Vietnamese and other locales), a quote, a line break or edge spaces is quoted,
    so it stays one cell whichever separator the spreadsheet assumes."""
    lines = []
    for row in rows:
        cells = []
        for value in row:
            cell = csv_cell(value)
            cells.append('"' + cell.replace('"', '""') + '"' if _CSV_QUOTE.search(cell) else cell)
        lines.append(",".join(cells))
    return "".join(line + "\n" for line in lines)

"""Text made safe for the formats cchc writes: Markdown table cells and lines, and CSV cells.

One place for every presenter (due, tasks, diff, render), so plan text is escaped the same way
everywhere. Markdown renderers pass raw HTML through, so text is HTML-escaped first; `|` would
end a table cell and `*`, `_`, `` ` ``, `~`, `[`, `]`, `\\` start markup, so they are
backslash-escaped. A CSV cell starting like a formula (`=`, `+`, `-`, `@`, tab, CR) would run
in a spreadsheet (agency cells often start with "- "), so it gets a leading `'`.
"""

from __future__ import annotations

import re

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
    """A CSV cell that a spreadsheet reads as text, never as a formula (numbers stay numbers)."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    return "'" + value if value.startswith(_FORMULA_START) else value

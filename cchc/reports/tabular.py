"""What the table-shaped outputs of the reports share: column specs, CSV with the JSON keys.

A report module (`due_view`, the tasks and agencies presenters) says which columns its table
has and how each is laid out on a terminal (`Column.kind`: `fixed` cells — dates, numbers, ids,
states — never break; `text` wraps; `main`, the one long text, takes the room left);
`cchc.output.console` draws them. CSV files use the JSON keys as headers and start with a UTF-8
byte order mark, so Excel on Windows reads Vietnamese text as UTF-8 instead of the ANSI code page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from cchc.escape import csv_text
from cchc.record import record

#: The UTF-8 byte order mark that starts every CSV output (Excel reads the file as UTF-8 with it).
BOM = "\ufeff"


@record
class Column:
    """One column of a terminal table: its key in the row objects, its Vietnamese header, its layout."""

    key: str
    header: str
    kind: str = "text"  # fixed | text | main
    max_width: int | None = None
    optional: bool = False  # on a narrow screen its cell joins the main column's
    max_lines: int | None = None  # the main text is cut to about this many lines on a terminal


def flat(value: object) -> str:
    """A cell on one line: lists joined with `; `, line breaks as spaces."""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return " ".join(str(value).split()) if value is not None else ""


def csv_rows(keys: Sequence[str], objects: Iterable[Mapping[str, object]]) -> str:
    """CSV text: a header of `keys`, then one line per object (lists joined with `; `)."""
    rows: list[list[object]] = [list(keys)]
    for obj in objects:
        rows.append([_csv_value(obj.get(k)) for k in keys])
    return csv_text(rows)


def _csv_value(value: object) -> object:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value

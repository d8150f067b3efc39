"""A plan as stable lines for `git diff`: the text conversion behind `cchc show --for-diff`.

One line per metadata field, per annex column, per section and per item, in document order;
an item's line holds its id, number and every field it *writes* (inherited values are not
repeated, so a one-field edit changes exactly one line). The same plan always gives the same
bytes. Lines are indented by depth so hunks read like the annex, and section lines start with
`§` so git can name the section in hunk headers (`diff.cchc.xfuncname`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from cchc.plan.model import Item, Plan, Progress, Section

SEP = " · "
#: Item fields in the order of `cchc.plan.spec` (id, number and kind open the line; items are lines of their own).
ITEM_FIELDS = (
    "text",
    "output",
    "lead",
    "support",
    "start",
    "due",
    "funding",
    "note",
    "due_date",
    "start_date",
    "event_date",
)


def one_line(value: object) -> str:
    """A value on one line: lists joined with `; `, dates ISO, line breaks shown as `⏎`."""
    if isinstance(value, tuple | list):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return " ⏎ ".join(part.strip() for part in text.splitlines()) if "\n" in text or "\r" in text else text


def _pairs(prefix: str, mapping: Mapping[str, str]) -> Iterator[str]:
    for key, value in mapping.items():
        yield f"{prefix}.{key}: {one_line(value)}"


def _progress(progress: Progress) -> str:
    parts = [progress.status]
    for name in ("done_date", "evidence", "note"):
        value = getattr(progress, name)
        if value is not None:
            parts.append(f"{name}: {one_line(value)}")
    for key, occ in progress.occurrences.items():
        extra = "".join(f" {one_line(v)}" for v in (occ.evidence, occ.note) if v)
        parts.append(f"{key}: {occ.done_date.isoformat()}{extra}")
    return "progress: " + ", ".join(parts)


def item_line(item: Item, depth: int) -> str:
    head = item.id
    if item.number:
        head += f" [{item.number}]"
    if item.kind:
        head += f" {item.kind}"
    parts = [head]
    for name in ITEM_FIELDS:
        value = getattr(item, name)
        if value is not None:
            parts.append(f"{name}: {one_line(value)}")
    parts.extend(_pairs("extra", item.extra))
    if item.progress is not None:
        parts.append(_progress(item.progress))
    parts.extend(_pairs("source", item.source))
    if item.repairs:
        parts.append(f"repairs: {one_line(item.repairs)}")
    return "  " * depth + SEP.join(parts)


def for_diff(plan: Plan) -> str:
    """The whole plan as lines (ending with a newline); identical plans give identical text."""
    lines = [f"format: {plan.format}"]
    meta = plan.meta
    for name in ("issuer", "issuer_level", "province", "kind", "number", "date", "title", "signer"):
        value = getattr(meta, name)
        if value is not None:
            lines.append(f"plan.{name}: {one_line(value)}")
    lines.append(f"plan.period: {meta.period.start}–{meta.period.end}")
    annex = plan.annex
    lines.append(f"annex.title: {one_line(annex.title)}")
    if annex.subtitle is not None:
        lines.append(f"annex.subtitle: {one_line(annex.subtitle)}")
    if annex.column_numbers is not None:
        lines.append(f"annex.column_numbers: {one_line(annex.column_numbers)}")
    lines.extend(f"annex.column {col.key}: {one_line(col.label)}" for col in annex.columns)

    def items(seq: tuple[Item, ...], depth: int) -> None:
        for item in seq:
            lines.append(item_line(item, depth))
            items(item.items, depth + 1)

    def sections(seq: tuple[Section, ...], depth: int) -> None:
        for sec in seq:
            head = f"§ {sec.number}. {one_line(sec.title)}"
            if sec.id:
                head += f"{SEP}id: {sec.id}"
            if sec.note is not None:
                head += f"{SEP}note: {one_line(sec.note)}"
            lines.append("  " * depth + head)
            items(sec.items, depth + 1)
            sections(sec.sections, depth + 1)

    sections(plan.sections, 0)
    return "\n".join(lines) + "\n"

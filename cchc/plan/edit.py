"""Recording progress in a plan file: the round-trip edit behind `cchc done`, `cchc progress` and
`cchc progress import`.

Edits go through the round-trip writer (`cchc.plan.writer`): comments stay, the layout stays the
canonical one, and only the lines of the progress that changed differ. That holds because the
file is required to be in canonical layout already (what `cchc fmt --check` keeps true in a
repository); a file that is not is refused with P002 ("run `cchc fmt` first") rather than
reformatted as a side effect of recording one date.

Writing is two steps, so a command can show what it will change and write nothing on an error:
`plan_edits` computes the new text (and checks it still loads), `commit` writes it atomically,
refusing (W002) when the file changed on disk since it was read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cchc.errors import CchcError, Loc
from cchc.files import atomic_write, read_bytes
from cchc.record import field, record

#: What `ProgressEdit.values` may set: the item's own progress, or one occurrence's record.
ITEM_FIELDS = ("status", "done_date", "evidence", "note")
OCCURRENCE_FIELDS = ("done_date", "evidence", "note")


@record
class ProgressEdit:
    """One change to an item's `progress`: field values to set (None removes the field).

    With `occurrence`, the values go to `progress.occurrences[occurrence]` (created when missing,
    the item's status becoming `in_progress` if it had none); `drop` removes that record instead.
    """

    item_id: str
    values: Mapping[str, str | date | None] = field(default_factory=dict)
    occurrence: str | None = None
    drop: bool = False


@record
class PlannedWrite:
    """A plan file's text before and after the edits, and the bytes it was read from."""

    path: str
    data: bytes
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def plan_edits(path: str | Path, edits: Iterable[ProgressEdit]) -> PlannedWrite:
    """The new text of plan file `path` with `edits` applied; nothing is written.

    Raises `CchcError`: the file does not load (its loader problems), is not in canonical
    layout (P002), names an unknown or non-leaf item (P003), or the result does not load.
    """
    from cchc.plan import writer
    from cchc.plan.loader import decode, parse_plan

    name = str(path)
    data = read_bytes(path)
    text = decode(data, name)
    parse_plan(text, name)
    header = writer.header_for(path, text)
    tree = writer.load(text)
    if writer.dump(tree, header=header) != text:
        raise CchcError.single(
            "P002",
            "tệp kế hoạch chưa ở bố cục chuẩn: ghi tiến độ sẽ đổi cả những dòng khác"
            " (plan file not in canonical layout)",
            Loc(name),
            f"chạy `cchc fmt {name}` và commit trước, rồi ghi tiến độ",
        )
    items = dict(_items(tree))
    for edit in edits:
        node = items.get(edit.item_id)
        if node is None:
            raise CchcError.single("P003", f"không có mục (no item) id {edit.item_id!r}", Loc(name))
        if node.get("items"):
            raise CchcError.single(
                "P003",
                f"mục {edit.item_id!r} có mục con: ghi tiến độ cho từng mục con (an item with children)",
                Loc(name),
            )
        _apply(node, edit)
    after = writer.dump(tree, header=header)
    if after != text:
        parse_plan(after, name)  # never write a file the loader would refuse
    return PlannedWrite(name, data, text, after)


def commit(planned: PlannedWrite) -> None:
    """Write the planned text atomically, unless the file changed since it was read (W002)."""
    if planned.changed:
        atomic_write(planned.path, planned.after, expected=planned.data)


def _items(tree: Any) -> Iterator[tuple[str, Any]]:
    """Every item mapping of a round-trip plan tree, by id."""

    def walk_items(items: Any) -> Iterator[tuple[str, Any]]:
        for item in items or ():
            if hasattr(item, "get"):
                yield str(item.get("id")), item
                yield from walk_items(item.get("items"))

    def walk(sections: Any) -> Iterator[tuple[str, Any]]:
        for sec in sections or ():
            if hasattr(sec, "get"):
                yield from walk_items(sec.get("items"))
                yield from walk(sec.get("sections"))

    return walk(tree.get("sections"))


def _scalar(value: str | date) -> Any:
    from cchc.plan.writer import Plain

    if isinstance(value, date):
        plain = Plain(value.isoformat())
        plain.tag = "tag:yaml.org,2002:timestamp"
        return plain
    return value


def _apply(item: Any, edit: ProgressEdit) -> None:
    from ruamel.yaml.comments import CommentedMap

    tail = _detach_tail(item)
    progress = item.get("progress")
    if progress is None:
        if edit.drop:
            _attach_tail(item, tail)
            return
        progress = CommentedMap()
        item["progress"] = progress
    target = progress
    if edit.occurrence is not None:
        progress.setdefault("status", "in_progress")
        occurrences = progress.get("occurrences")
        if edit.drop:
            if occurrences is not None and edit.occurrence in occurrences:
                del occurrences[edit.occurrence]
                if not occurrences:
                    del progress["occurrences"]
            _attach_tail(item, tail)
            return
        if occurrences is None:
            occurrences = progress["occurrences"] = CommentedMap()
        target = occurrences.get(edit.occurrence)
        if target is None:
            target = CommentedMap()
            keys = [str(k) for k in occurrences]
            at = sum(1 for k in keys if k < edit.occurrence)  # periods in order
            occurrences.insert(at, edit.occurrence, target)
    allowed = OCCURRENCE_FIELDS if edit.occurrence is not None else ITEM_FIELDS
    for key, value in edit.values.items():
        if key not in allowed:
            raise ValueError(f"progress field {key!r} cannot be set here")
        if value is None:
            if key in target:
                del target[key]
        elif key not in target or str(target[key]) != str(_scalar(value)):
            target[key] = _scalar(value)
    _attach_tail(item, tail)


# --- comments after an item ---------------------------------------------------------------------
#
# ruamel keeps the full-line comments that follow a mapping's last value on that value's comment
# token (`# …` lines before the next item belong to the deepest last key). Adding a key after it
# would leave those lines above the new key; they are taken off before the edit and put back on the
# new last value after it, so they stay where they were: after the item.


def _last_slot(node: Any) -> tuple[Any, Any] | None:
    """The (container, key) whose comment token holds the comment lines after `node`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while True:
        if isinstance(node, CommentedMap) and node:
            key = list(node.keys())[-1]
            value = node[key]
            if isinstance(value, (CommentedMap, CommentedSeq)) and value:
                node = value
                continue
            return node, key
        if isinstance(node, CommentedSeq) and node:
            value = node[-1]
            if isinstance(value, (CommentedMap, CommentedSeq)) and value:
                node = value
                continue
            return node, len(node) - 1
        return None


def _token(container: Any, key: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    entry = container.ca.items.get(key)
    if not entry:
        return None
    index = 2 if isinstance(container, CommentedMap) else 0
    return entry[index] if len(entry) > index else None


def _detach_tail(item: Any) -> str:
    """Take the comment lines that follow `item` off its last value; returns them ('' if none)."""
    slot = _last_slot(item)
    if slot is None:
        return ""
    token = _token(*slot)
    if token is None or "\n" not in token.value:
        return ""
    own, rest = str(token.value).split("\n", 1)
    if not rest:
        return ""
    token.value = own + "\n"
    return rest


def _attach_tail(item: Any, tail: str) -> None:
    """Put comment lines back after the (new) last value of `item`."""
    if not tail:
        return
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    slot = _last_slot(item)
    assert slot is not None
    container, key = slot
    token = _token(container, key)
    if token is not None:
        token.value = token.value + tail
        return
    new = CommentToken("\n" + tail, CommentMark(0), None)
    if isinstance(container, CommentedMap):
        container.ca.items[key] = [None, None, new, None]
    else:
        container.ca.items[key] = [new, None]

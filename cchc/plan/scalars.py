"""Every text scalar of a plan file with its exact place: what the text checks and `--fix` walk.

The model keeps one location per field; text checks need more (each `extra` cell, the column of
a double space inside a line). This module walks the file's node tree (the loader's, or composed
again with libyaml) and yields each string scalar with its path in the tree, its start and end,
and a way to turn an offset inside the value into a file position.

Excluded on purpose: `source` (the original cell text, kept verbatim with its markup) and
`repairs` (the importer's notes, which may quote what it removed).
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from cchc.errors import Loc
from cchc.record import record

SKIPPED_KEYS = frozenset({"source", "repairs"})
_STR = "tag:yaml.org,2002:str"
#: Keys whose values are codes or patterns, not wording.
_CODE_KEYS = frozenset({"format", "id", "key", "kind", "status"})


@record
class TextValue:
    """One string scalar: where it sits in the tree and in the file."""

    path: tuple[str | int, ...]
    value: str
    loc: Loc
    end_line: int
    style: str | None  # None plain, "'" or '"' quoted, "|" or ">" block
    lines: tuple[str, ...]  # the file's lines, for offsets in block scalars

    @property
    def key(self) -> str:
        """The nearest mapping key above the value (`text`, `lead`, `label` …)."""
        return next((p for p in reversed(self.path) if isinstance(p, str)), "")

    def at(self, offset: int) -> Loc:
        """The file position of character `offset` of the value (the scalar's start when unknown)."""
        before = self.value[:offset]
        if "\n" not in before and self.loc.line == self.end_line and self.loc.line <= len(self.lines):
            # A one-line scalar: trust the offset only where the file shows the text as is (no escapes).
            start = self.loc.col - 1 + (1 if self.style in ("'", '"') else 0)
            if self.lines[self.loc.line - 1][start : start + offset] == before:
                return Loc(self.loc.file, self.loc.line, start + 1 + offset)
        if self.style == "|":
            row = before.count("\n")
            line_no = self.loc.line + 1 + row
            if line_no <= len(self.lines):
                text = self.lines[line_no - 1]
                indent = len(text) - len(text.lstrip(" "))
                return Loc(self.loc.file, line_no, indent + 1 + len(before) - (before.rfind("\n") + 1))
        return self.loc

    def contains(self, loc: Loc) -> bool:
        """True when `loc` (a problem's place) lies inside this scalar."""
        if loc.file != self.loc.file or not self.loc.line <= loc.line <= self.end_line:
            return False
        return loc.line != self.loc.line or loc.col >= self.loc.col


def scan(text: str, path: str, root: yaml.Node | None = None) -> tuple[TextValue, ...]:
    """The wording scalars of a plan file's text, in document order (`root`: its node tree, if at hand)."""
    if root is None:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    lines = tuple(text.splitlines())
    return tuple(_walk(root, (), path, lines)) if root is not None else ()


def _walk(node: yaml.Node, path: tuple[str | int, ...], file: str, lines: tuple[str, ...]) -> Iterator[TextValue]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key not in SKIPPED_KEYS and key not in _CODE_KEYS:
                yield from _walk(value_node, (*path, key), file, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            yield from _walk(child, (*path, i), file, lines)
    elif isinstance(node, yaml.ScalarNode) and node.tag == _STR and node.value:
        start, end = node.start_mark, node.end_mark
        # A block scalar's end mark sits on the line after its last line.
        end_line = end.line + (0 if end.column or node.style not in ("|", ">") else -1) + 1
        yield TextValue(
            path,
            node.value,
            Loc(file, start.line + 1, start.column + 1),
            max(end_line, start.line + 1),
            node.style,
            lines,
        )

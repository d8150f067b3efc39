"""`cchc validate --fix`: the safe repairs (markup, NFC, stray spaces, tone-mark style), applied in place.

Only problems that were reported are repaired (so configuration and suppressions apply to
`--fix` too), and only text changes: each repair is the `fixer` of the check module that
reported it, run on the scalar the problem points into, in `CHECKS` order. The file is
rewritten through `cchc.plan.writer` (comments kept, canonical layout, atomic write). When markup
is stripped from an item's cell, the original cell text is kept in the item's `source`, so
nothing the province wrote is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc.checks import CHECKS
from cchc.checks.runner import Report
from cchc.errors import Loc, Problem
from cchc.files import read_bytes
from cchc.plan import writer as yamlio
from cchc.plan.loader import decode
from cchc.plan.scalars import TextValue, scan

#: Item fields shown in an annex column of the same name (`text` is shown in its kind's column).
_CELL_FIELDS = ("text", "output", "start", "due", "funding", "note")


@dataclass(frozen=True)
class Change:
    """One repaired text: where, by which checks, and the text before and after."""

    loc: Loc
    codes: tuple[str, ...]
    before: str
    after: str


def fix_report(report: Report) -> list[Change]:
    """Repair the fixable problems of a validation run in every file it read; returns what changed."""
    return [change for file in report.files for change in fix_file(file, report.problems)]


def fix_file(path: str | Path, problems: Sequence[Problem]) -> list[Change]:
    """Repair the fixable `problems` of one plan file in place; returns what changed."""
    name = str(path)
    wanted = [p for p in problems if p.fixable and p.loc.file == name]
    if not wanted:
        return []
    text = decode(read_bytes(path), name)
    values = scan(text, name)
    fixers: dict[str, Callable[[str], str]] = {}
    for check in CHECKS:
        fixer = getattr(check, "fixer", None)
        if fixer is not None:
            fixers[check.CODE] = fixer(values)
    tree = yamlio.load(text)
    changes: list[Change] = []
    for tv in values:
        codes = tuple(code for code in fixers if any(p.code == code and tv.contains(p.loc) for p in wanted))
        if not codes:
            continue
        after = tv.value
        for code in codes:
            after = fixers[code](after)
        if after == tv.value:
            continue
        container, key = _find(tree, tv.path)
        container[key] = after
        if "X101" in codes:
            _keep_source(tree, tv, container)
        changes.append(Change(tv.loc, codes, tv.value, after))
    if changes:
        yamlio.write(path, tree, original=text)
    return changes


def _find(tree: Any, path: tuple[str | int, ...]) -> tuple[Any, str | int]:
    node = tree
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


def _keep_source(tree: Any, tv: TextValue, container: Any) -> None:
    """Record an item cell's original text under `source.<column key>` unless one is already there."""
    from ruamel.yaml.comments import CommentedMap

    if len(tv.path) < 3 or tv.path[-3] != "items" or tv.key not in _CELL_FIELDS or not isinstance(tv.path[-1], str):
        return
    column = tv.key
    if column == "text":
        keys = [str(c.get("key")) for c in tree.get("annex", {}).get("columns", [])]
        kind = container.get("kind")
        column = kind if kind in keys else next((k for k in ("objective", "task", "activity") if k in keys), "text")
    source = container.get("source")
    if source is None:
        source = container["source"] = CommentedMap()
    source.setdefault(column, tv.value)

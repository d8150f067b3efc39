"""Plan tree → canonical plan YAML, through `cchc.plan.writer` (the one writer `cchc fmt` also uses).

The importer builds plain dicts and lists; they become ruamel nodes here, table-wide repairs
go in the comment at the top, and `yamlio.dump` applies the canonical layout, so an imported
file is already formatted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cchc.plan import writer as yamlio

DEFAULT_HEADER = yamlio.SCHEMA_PREFIX + "../../" + yamlio.SCHEMA_FILE


def _nodes(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for key, child in value.items():
            out[key] = _nodes(child)
        return out
    if isinstance(value, list):
        return CommentedSeq(_nodes(v) for v in value)
    return value


def to_yaml(plan: dict[str, Any], comments: list[str], out: Path | None) -> str:
    """Canonical YAML text of a plan given as plain dicts and lists."""
    root = _nodes(plan)
    if comments:
        root.yaml_set_start_comment("\n".join(comments))
    header = yamlio.schema_line(out if out is not None else Path.cwd() / "plan.yaml") or DEFAULT_HEADER
    return yamlio.dump(root, header=header)

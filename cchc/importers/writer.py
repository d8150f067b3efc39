"""Plan tree → canonical plan YAML (the layout `cchc fmt` keeps), written atomically.

Layout (TEAM.md): schema comment first; keys in `cchc.spec` order; 2-space mappings with
sequences indented under their key; no wrapping; `annex.columns` entries and `plan.period` in
flow style; agency lists in block style; `number` always a string. Multi-line texts are literal
blocks (`|-`) so a reviewer reads them as printed.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cchc.spec import OBJECTS

SCHEMA_FILE = "schema/cchc-plan-1.schema.json"


def schema_comment(out: Path | None) -> str:
    """`# yaml-language-server: $schema=…` with the schema path relative to the output file."""
    folder = (out.parent if out is not None else Path.cwd()).resolve()
    for base in (folder, *folder.parents):
        if (base / SCHEMA_FILE).is_file():
            rel = os.path.relpath(base / SCHEMA_FILE, folder)
            return f"yaml-language-server: $schema={Path(rel).as_posix()}"
    return f"yaml-language-server: $schema=../../{SCHEMA_FILE}"


def _ordered(obj_name: str, values: Mapping[str, Any]) -> dict[str, Any]:
    order = list(OBJECTS[obj_name].fields)
    known = [k for k in order if k in values]
    return {k: values[k] for k in [*known, *(k for k in values if k not in order)]}


def to_yaml(plan: Mapping[str, Any], comments: list[str], out: Path | None) -> str:
    """Canonical YAML text of a plan given as plain dicts and lists."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    def text(value: str) -> Any:
        return LiteralScalarString(value) if "\n" in value else value

    def mapping(name: str, values: Mapping[str, Any]) -> CommentedMap:
        out_map = CommentedMap()
        for key, value in _ordered(name, values).items():
            out_map[key] = convert(name, key, value)
        return out_map

    def convert(parent: str, key: str, value: Any) -> Any:
        if isinstance(value, str):
            return DoubleQuotedScalarString(value) if key == "number" else text(value)
        if isinstance(value, Mapping):
            if (parent == "meta" and key == "period") or parent == "column":
                flow = CommentedMap(value)
                flow.fa.set_flow_style()
                return flow
            child = {"plan": "meta", "annex": "annex", "progress": "progress"}.get(key)
            if child is not None:
                return mapping(child, value)
            plain = CommentedMap()
            for k, v in value.items():
                plain[k] = text(v) if isinstance(v, str) else v
            return plain
        if isinstance(value, list):
            seq = CommentedSeq()
            element = {"sections": "section", "items": "item", "columns": "column"}.get(key)
            for v in value:
                if element == "column":
                    col = CommentedMap(v)
                    col.fa.set_flow_style()
                    seq.append(col)
                elif element is not None:
                    seq.append(mapping(element, v))
                else:
                    seq.append(text(v) if isinstance(v, str) else v)
            return seq
        return value

    root = CommentedMap()
    root["format"] = plan["format"]
    root["plan"] = mapping("meta", plan["plan"])
    root["annex"] = mapping("annex", plan["annex"])
    root["sections"] = convert("plan_file", "sections", plan["sections"])
    root.yaml_set_start_comment("\n".join([schema_comment(out), *comments]))
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(root, buffer)
    return buffer.getvalue()

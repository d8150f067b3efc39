"""Plan YAML written the canonical way: ruamel.yaml round trip, comments kept, one layout for everyone.

`cchc fmt`, `cchc validate --fix` and the importers write plan files through this module, so
a file written by any of them is already formatted. The canonical layout (TEAM.md, "Writing
plan YAML"):

- first line `# yaml-language-server: $schema=<relative path to schema/cchc-plan-1.schema.json>`
  (when the schema can be found above the file, so editors validate while typing);
- keys in the order of `cchc.plan.spec` (unknown keys keep their relative order, at the end);
- 2-space mapping indent, sequences indented under their key; no line wrapping (width 4096,
  so one field is one line and git diffs stay readable);
- `annex.columns` entries and `plan.period` in flow style, every other mapping and list in
  block style; multi-line text as a literal block (`|`);
- text is plain where YAML allows, else single-quoted (ruamel's choice); `number` is always
  double-quoted, so `"1.10"` is never read as a number.

Reading never changes a value: plain scalars that YAML would type (`2024`, `1.10`, `2024-01-31`,
`true`, `~`) are kept as their exact text (`Plain`) and written back unchanged, so `1.10` never
becomes `1.1`. Importing ruamel.yaml is slow; it happens inside these functions only.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from cchc.errors import CchcError, Loc
from cchc.files import atomic_write, os_error_text
from cchc.plan.spec import OBJECTS, PLAN_FILE, ListOf, Obj, Ref

SCHEMA_FILE = "schema/cchc-plan-1.schema.json"
SCHEMA_PREFIX = "# yaml-language-server: $schema="
WIDTH = 4096

#: Paths (with `*` for any list index) whose mappings are written in flow style.
_FLOW = {("plan", "period"), ("annex", "columns", "*")}


class Plain(str):
    """A plain scalar's exact text where YAML would have typed it (int, float, bool, date, null)."""

    __slots__ = ("tag",)
    tag: str


_YAML: Any = None
# Plain in YAML 1.2 but booleans for YAML 1.1 readers (PyYAML's safe_load): always quoted.
_YAML11_WORDS = frozenset({"yes", "no", "on", "off", "y", "n"})


def _yaml() -> Any:
    """The configured ruamel.yaml instance (built once; ruamel.yaml is imported here, lazily)."""
    global _YAML
    if _YAML is not None:
        return _YAML
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    class Constructor(RoundTripConstructor):
        pass

    def construct_plain(loader: Any, node: Any) -> Plain:
        value = Plain(node.value)
        value.tag = node.tag
        return value

    for tag in ("null", "bool", "int", "float", "timestamp"):
        Constructor.add_constructor(f"tag:yaml.org,2002:{tag}", construct_plain)

    class Representer(RoundTripRepresenter):
        pass

    def represent_plain(dumper: Any, data: Plain) -> Any:
        return dumper.represent_scalar(getattr(data, "tag", "tag:yaml.org,2002:str"), str(data))

    Representer.add_representer(Plain, represent_plain)

    def represent_text(dumper: Any, data: str) -> Any:
        style = '"' if data.lower() in _YAML11_WORDS else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Representer.add_representer(str, represent_text)

    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    yaml.Representer = Representer
    yaml.preserve_quotes = False
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    _YAML = yaml
    return yaml


def load(text: str) -> Any:
    """Round-trip load: a `CommentedMap` tree keeping comments; values are never retyped."""
    lines = text.split("\n", 1)
    if lines[0].startswith(SCHEMA_PREFIX):
        text = lines[1] if len(lines) > 1 else ""
    return _yaml().load(text)


def schema_line(path: str | Path) -> str | None:
    """`# yaml-language-server: $schema=…` pointing from `path` to the schema, if one is found above it."""
    folder = Path(os.path.abspath(path)).parent
    for parent in (folder, *folder.parents):
        schema = parent / SCHEMA_FILE
        if schema.is_file():
            return SCHEMA_PREFIX + Path(os.path.relpath(schema, folder)).as_posix()
    return None


def dump(data: Any, *, header: str | None = None) -> str:
    """Canonical text of a plan tree (`canonicalize` is applied first); `header` is the first line."""
    canonicalize(data)
    out = io.StringIO()
    _yaml().dump(data, out)
    text = _indent_comments(out.getvalue())
    return f"{header}\n{text}" if header else text


def format_text(text: str, path: str | Path) -> str:
    """The canonical form of a plan file's text (idempotent: formatting it again changes nothing)."""
    return dump(load(text), header=header_for(path, text))


def header_for(path: str | Path, text: str = "") -> str | None:
    """The schema line for `path`: pointing at the schema found above it, else the one `text` has."""
    first = text.split("\n", 1)[0]
    return schema_line(path) or (first if first.startswith(SCHEMA_PREFIX) else None)


def format_file(path: str | Path) -> tuple[str, str]:
    """A plan file's text as it is and as it would be formatted; the file must load (else `CchcError`)."""
    from cchc.plan.loader import decode, parse_plan

    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CchcError.single(
            "L000", f"không đọc được tệp (cannot read file): {os_error_text(exc)}", Loc(name)
        ) from None
    text = decode(data, name)
    parse_plan(text, name)  # never reformat a file the loader refuses: its problems come first
    return text, format_text(text, path)


def write(path: str | Path, data: Any, *, original: str = "") -> str:
    """Write a plan tree to `path` in canonical layout, atomically; returns the text written.

    `original` is the file's previous text, whose schema line is kept when no schema is found.
    """
    text = dump(data, header=header_for(path, original))
    atomic_write(path, text)
    return text


def canonicalize(data: Any) -> None:
    """Put a loaded plan tree in canonical order and style, in place (comments stay with their keys)."""
    _walk(data, Ref(PLAN_FILE.name), ())


def _walk(node: Any, typ: Any, path: tuple[str, ...]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(node, CommentedMap):
        spec: Obj | None = OBJECTS.get(typ.name) if isinstance(typ, Ref) else None
        if spec is not None:
            _reorder(node, list(spec.fields))
        if path in _FLOW:
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()
        for key in list(node.keys()):
            fld = spec.fields.get(key) if spec is not None else None
            value = node[key]
            value = _text_style(value)
            if key == "number" and spec is not None and isinstance(value, str) and "\n" not in value:
                # Always a visible string: `"1.10"` is never read as the number 1.1, `"I"` stays text.
                if not (isinstance(value, Plain) and value.tag.endswith(":null")):
                    value = DoubleQuotedScalarString(value)
            _replace(node, key, value)
            _walk(node[key], fld.type if fld is not None else None, (*path, str(key)))
    elif isinstance(node, CommentedSeq):
        node.fa.set_block_style()
        of = typ.of if isinstance(typ, ListOf) else None
        for i in range(len(node)):
            _replace(node, i, _text_style(node[i]))
            _walk(node[i], of, (*path, "*"))


_BLOCK_START = re.compile(r"(?:^|[:-])\s*[|>][-+0-9]*\s*(?:#.*)?$")


def _indent_comments(text: str) -> str:
    """Full-line comments indented like the line they precede (ruamel keeps their old column).

    Lines inside block scalars (`|`, `>`) are text, even when they start with `#`: left alone.
    """
    lines = text.split("\n")
    block_parent: int | None = None  # indent of the line that opened the current block scalar
    out: list[str] = []
    for i, line in enumerate(lines):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_parent is not None and (not stripped or indent > block_parent):
            out.append(line)
            continue
        block_parent = None
        if stripped.startswith("#"):
            following = next((n for n in lines[i + 1 :] if n.strip() and not n.lstrip().startswith("#")), "")
            line = " " * (len(following) - len(following.lstrip(" "))) + stripped
        elif _BLOCK_START.search(line):
            block_parent = indent
        out.append(line)
    return "\n".join(out)


def _replace(container: Any, key: Any, value: Any) -> None:
    """Set an existing key or index; ruamel's own `__setitem__` would keep the old block style."""
    from ruamel.yaml.comments import CommentedMap

    if container[key] is value:
        return
    if isinstance(container, CommentedMap):
        super(CommentedMap, container).__setitem__(key, value)
    else:
        list.__setitem__(container, key, value)


def _text_style(value: Any) -> Any:
    """Multi-line text as a literal block; single-line text plain or double-quoted (never folded)."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, str) and not isinstance(value, Plain):
        if "\n" in value.strip("\n") and not _trailing_spaces(value):
            return value if isinstance(value, LiteralScalarString) else LiteralScalarString(value)
        if type(value) is not str:
            return str(value)
    return value


def _trailing_spaces(value: str) -> bool:
    # A literal block cannot show spaces at a line end reliably; keep such text quoted.
    return any(line != line.rstrip(" \t") for line in value.split("\n"))


def _reorder(node: Any, order: list[str]) -> None:
    """Known keys in spec order, then unknown keys in their current order; comments move with keys."""
    keys = list(node.keys())
    wanted = [k for k in order if k in node] + [k for k in keys if k not in order]
    if wanted == keys:
        return
    for key in wanted:
        node.move_to_end(key)

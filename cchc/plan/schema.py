"""JSON Schema of the plan format, generated from `cchc.plan.spec` (printed by `cchc schema`).

Editors use it through the `# yaml-language-server: $schema=…` line at the top of plan files.
"""

from __future__ import annotations

from typing import Any

from cchc import __version__
from cchc.plan.spec import FORMAT, OBJECTS, PLAN_FILE, ListOf, MapOf, Obj, Ref, Scalar, Type

SCHEMA_ID = "https://cchc.invalid/schema/cchc-plan-1.schema.json"


def _type(typ: Type, doc: str) -> dict[str, Any]:
    out: dict[str, Any]
    if isinstance(typ, Scalar):
        if typ.kind == "int":
            out = {"type": "integer"}
        elif typ.kind == "bool":
            out = {"type": "boolean"}
        elif typ.kind == "date":
            out = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        else:
            # Any scalar is read as its text (`number: 1` is the text "1").
            out = {"type": ["string", "integer", "number", "boolean"]}
            if typ.enum or typ.const or typ.pattern:
                out = {"type": "string"}
            if typ.enum:
                out["enum"] = list(typ.enum)
            if typ.const:
                out["const"] = typ.const
            if typ.pattern:
                out["pattern"] = typ.pattern
    elif isinstance(typ, ListOf):
        out = {"type": "array", "items": _type(typ.of, "")}
    elif isinstance(typ, MapOf):
        values = _type(typ.of, "") if typ.of is not None else {"type": ["string", "integer", "number", "boolean"]}
        out = {"type": "object", "additionalProperties": values}
        if typ.keys is not None:
            out["propertyNames"] = {"pattern": typ.keys}
    else:
        assert isinstance(typ, Ref)
        out = {"$ref": f"#/$defs/{typ.name}"}
    if doc:
        out = {**out, "description": doc} if "$ref" not in out else {"allOf": [out], "description": doc}
    return out


def _object(obj: Obj) -> dict[str, Any]:
    return {
        "type": "object",
        "description": obj.doc,
        "properties": {key: _type(f.type, f.doc) for key, f in obj.fields.items()},
        "required": [key for key, f in obj.fields.items() if f.required],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    top = _object(PLAN_FILE)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"cchc plan ({FORMAT}, cchc {__version__.split('.')[0]}.x)",
        **top,
        "$defs": {name: _object(obj) for name, obj in OBJECTS.items() if obj is not PLAN_FILE},
    }

"""`cchc schema`: print the JSON Schema of the plan format."""

from __future__ import annotations

import typer


def schema_cmd() -> int:
    """In JSON Schema của định dạng kế hoạch (print the plan format's JSON Schema)."""
    import json

    from cchc.plan.schema import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0

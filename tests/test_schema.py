"""`cchc schema` is valid JSON Schema, validates the example plan, and the committed copy is current."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from typer.testing import CliRunner

from cchc.cli import app
from cchc.plan.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def test_schema_command_validates_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    data = _jsonable(yaml.safe_load((ROOT / "docs" / "examples" / "2024.yaml").read_text(encoding="utf-8")))
    jsonschema.validate(data, schema)


def test_schema_rejects_unknown_field() -> None:
    data = _jsonable(yaml.safe_load((ROOT / "docs" / "examples" / "2024.yaml").read_text(encoding="utf-8")))
    data["sections"][0]["items"][0]["deu"] = "Quý II/2024"
    validator = jsonschema.Draft202012Validator(json_schema())
    assert any("deu" in e.message for e in validator.iter_errors(data))


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "schema" / "cchc-plan-1.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run: cchc schema > schema/cchc-plan-1.schema.json"


def test_plan_files_point_editors_at_the_schema() -> None:
    for path in (ROOT / "plans").rglob("*.yaml"):
        if path.name == "agencies.yaml":
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == (ROOT / "schema" / "cchc-plan-1.schema.json").resolve(), path

"""docs/architecture.md names every package and command the code has, and the layers it lists are
the ones import-linter enforces."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from cchc.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _layers_table() -> str:
    return DOC.split("## Layers, top to bottom", 1)[1].split("\n\n", 2)[1]


def test_every_package_and_top_level_module_is_in_the_layer_table() -> None:
    package = ROOT / "cchc"
    code = {p.name for p in package.iterdir() if (p / "__init__.py").is_file()}
    code |= {p.stem for p in package.glob("*.py") if p.stem not in ("__init__", "__main__")}
    documented = set(re.findall(r"`([a-z_]+)`", _layers_table()))
    assert code <= documented, f"not in docs/architecture.md: {sorted(code - documented)}"


def test_layer_table_matches_the_import_linter_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c["layers"] for c in config["contracts"] if c["type"] == "layers")
    enforced = [sorted(m.strip().removeprefix("cchc.") for m in layer.split("|")) for layer in layers]
    rows = [line for line in _layers_table().splitlines() if line.startswith("| ") and "---" not in line][1:]
    documented = [sorted(re.findall(r"`([a-z_]+)`", row.split("|")[2])) for row in rows]
    flat = [name for layer in enforced for name in layer]
    assert [name for layer in documented for name in layer] == flat


def test_every_command_names_the_package_that_owns_it() -> None:
    table = DOC.split("## Which package owns each command's logic", 1)[1]
    owners = dict(re.findall(r"^\| `([a-z-]+)` \| `([a-z]+)`", table, re.M))
    assert set(owners) == {name for name, _, _ in COMMANDS}
    for owner in owners.values():
        assert (ROOT / "cchc" / owner / "__init__.py").is_file(), owner

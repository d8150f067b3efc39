"""The README's list of checks is generated from the check docstrings and must not drift."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from cchc.checks import CHECKS, docs

ROOT = Path(__file__).resolve().parent.parent


def test_readme_checks_block_is_current() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert docs.replace(readme) == readme, (
        "README checks table is stale: run python -m cchc.checks.docs --write README.md"
    )


@pytest.mark.parametrize("name", CHECKS)
def test_check_module_follows_the_convention(name: str) -> None:
    module = importlib.import_module(f"cchc.checks.{name}")
    doc = module.__doc__ or ""
    assert module.CODE and module.NAME and module.SEVERITY
    assert "Failing" in doc and "Passing" in doc, f"{name}: docstring needs a failing and a passing example"
    assert callable(module.check)


def test_codes_are_unique() -> None:
    codes = [importlib.import_module(f"cchc.checks.{name}").CODE for name in CHECKS]
    assert len(codes) == len(set(codes))

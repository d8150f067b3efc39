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


@pytest.mark.parametrize("name", [c.__name__.rsplit(".", 1)[-1] for c in CHECKS])
def test_check_module_follows_the_convention(name: str) -> None:
    module = importlib.import_module(f"cchc.checks.{name}")
    assert module in CHECKS
    doc = module.__doc__ or ""
    assert module.CODE and module.NAME and module.SEVERITY
    assert "Failing" in doc and "Passing" in doc, f"{name}: docstring needs a failing and a passing example"
    assert callable(module.check)


def test_codes_are_unique() -> None:
    codes = [check.CODE for check in CHECKS]
    assert len(codes) == len(set(codes))


def test_loader_codes_table_matches_the_code_and_the_docs() -> None:
    """Every `Lnnn` the loader raises is declared, and docs/plan-format.md lists each with its meaning."""
    import re

    from cchc.plan import loader

    source = Path(loader.__file__).read_text(encoding="utf-8")
    raised = set(re.findall(r'"(L\d{3})"', source))
    assert raised == set(loader.CODES)
    docs = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    for code, meaning in loader.CODES.items():
        assert f"| {code} | {meaning} |" in docs
    assert f"`{min(loader.CODES)}`–`{max(loader.CODES)}`" in (ROOT / "README.md").read_text(encoding="utf-8")

"""Shared test helpers: small inline plans and a CLI runner."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


def _seeds() -> Path:
    """The real plans' text dumps: `$CCHC_SEEDS`, else `shared/seeds` beside the checkout (as in CI)."""
    for candidate in (os.environ.get("CCHC_SEEDS"), ROOT.parent / "shared" / "seeds", "/work/shared/seeds"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return ROOT.parent / "shared" / "seeds"


SEEDS = _seeds()

# No parsed-plan cache in tests (it would write .cchc_cache/ into the repository); tests/test_cache.py turns it on.
os.environ["CCHC_NO_CACHE"] = "1"

HEADER = """\
format: cchc-plan/1
plan:
  province: Tuyên Quang
  number: 268/KH-UBND
  date: 2023-12-23
  title: Kế hoạch cải cách hành chính năm 2024
  period: {start: 2024, end: 2024}
annex:
  title: NỘI DUNG, PHÂN CÔNG TRÁCH NHIỆM
  columns:
    - {key: number, label: TT}
    - {key: task, label: "NHIỆM VỤ, GIẢI PHÁP"}
    - {key: lead, label: CƠ QUAN CHỦ TRÌ}
    - {key: due, label: THỜI GIAN HOÀN THÀNH}
"""


def plan_text(sections: str) -> str:
    """A whole plan file: the standard header followed by `sections` (dedented)."""
    return HEADER + textwrap.dedent(sections)


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[..., Path]:
    def write(text: str, name: str = "plan.yaml", *, raw: bool = False) -> Path:
        path = tmp_path / name
        path.write_text(text if raw else plan_text(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()

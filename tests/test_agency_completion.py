"""Shell completion of agency names for `--agency`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cchc.agencies.complete import complete_agency
from cchc.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("so tu", "Sở Tư pháp"),
        ("Sở Tư", "Sở Tư pháp"),
        ("tttt", "Sở TTTT"),
        ("ban quan ly", "Ban Quản lý các KCN tỉnh"),
    ],
)
def test_complete_on_fold_key(typed: str, first: str) -> None:
    assert first in complete_agency(typed)


def test_complete_prefers_names_that_start_with_the_text() -> None:
    names = complete_agency("so tu")
    assert names[0].startswith("Sở Tư") and "Bộ Tư pháp" not in names[:1]


@pytest.mark.parametrize("command", ["tasks", "due", "render"])
def test_completion_through_the_shell_protocol(command: str) -> None:
    env = {"_CCHC_COMPLETE": "complete_bash", "COMP_WORDS": f"cchc {command} --agency so", "COMP_CWORD": "3"}
    result = CliRunner().invoke(app, [], env=env, prog_name="cchc")
    assert "Sở Tư pháp" in result.output

"""Plan text never reaches a terminal raw: escape sequences, OSC links and clipboard writes,
carriage returns, bidi overrides and rich markup in a plan are shown, not obeyed (docs/security.md)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .limits import run_cchc

#: What a hostile plan writes into its cells: clear screen, OSC 8 link, OSC 52 clipboard write,
#: a bell, CSI as one C1 byte, a carriage return that overwrites, a bidi override, rich markup.
HOSTILE = (
    "\x1b[2J\x1b]8;;http://evil.example\x07link\x1b]8;;\x07 \x1b]52;c;ZXZpbA==\x07 \x9b31m \rX \u202e"
    " [link=http://e]x[/link] [/] [bold]"
)

PLAN = """\
format: cchc-plan/1
plan:
  province: Tuyên Quang
  number: 268/KH-UBND
  date: 2023-12-23
  title: "Kế hoạch {h}"
  period: {{start: 2024, end: 2024}}
annex:
  title: "NỘI DUNG {h}"
  columns:
    - {{key: number, label: TT}}
    - {{key: task, label: NHIỆM VỤ}}
    - {{key: lead, label: CHỦ TRÌ}}
    - {{key: due, label: THỜI HẠN}}
sections:
  - number: I
    title: "PHẦN {h}"
    items:
      - id: a
        text: "Việc {h}"
        lead: ["Sở Tư pháp", "Ban {h}"]
        due: "Quý II/2024 {h}"
      - id: b
        text: "Việc hai"
        lead: [Sở Tư pháp]
        due: Tháng 5/2024
"""


def _yaml_escape(text: str) -> str:
    return "".join(f"\\x{ord(c):02x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c for c in text).replace(
        "\u202e", "\\u202e"
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    plans = tmp_path / "plans" / "tinh"
    plans.mkdir(parents=True)
    (plans / "2024.yaml").write_text(PLAN.format(h=_yaml_escape(HOSTILE)), encoding="utf-8")
    return tmp_path


#: Escape sequences cchc itself may write on a terminal: rich's colours (SGR) only.
_OWN_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _assert_shown_not_obeyed(output: bytes) -> None:
    text = output.decode("utf-8")
    rest = _OWN_SGR.sub("", text)
    for raw in ("\x1b", "\x07", "\x9b", "\r", "\u202e"):
        assert raw not in rest, (raw, rest[:400])


COMMANDS = [
    ["due", "plans", "--all", "--today", "2024-06-01"],
    ["due", "plans", "--all", "--today", "2024-06-01", "--agency", "Sở Tư pháp"],
    ["due", "plans", "--all", "--today", "2024-06-01", "-f", "csv"],
    ["due", "plans", "--all", "--today", "2024-06-01", "-f", "md"],
    ["tasks", "plans", "--agency", "Sở Tư pháp", "--today", "2024-06-01"],
    ["tasks", "plans", "--agency", "Sở Tư pháp", "--today", "2024-06-01", "-f", "csv"],
    ["agencies", "plans", "--today", "2024-06-01"],
    ["plans", "plans"],
    ["show", "plans/tinh/2024.yaml"],
    ["show", "plans/tinh/2024.yaml", "a"],
    ["show", "--for-diff", "plans/tinh/2024.yaml"],
    ["explain", "plans/tinh/2024.yaml", "a", "--today", "2024-06-01"],
    ["validate", "plans", "--today", "2024-06-01"],
    ["render", "plans/tinh/2024.yaml", "--to", "md", "-o", "-"],
]


@pytest.mark.parametrize("force_colour", [False, True], ids=["pipe", "rich-terminal"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_plan_text_is_shown_not_obeyed(repo: Path, args: list[str], force_colour: bool) -> None:
    env = {"FORCE_COLOR": "1"} if force_colour else {"NO_COLOR": "1"}
    result = run_cchc(*args, cwd=repo, env=env)
    assert result.returncode in (0, 1), result.stderr.decode()[-1500:]
    assert b"Traceback" not in result.stderr and "lỗi nội bộ".encode() not in result.stderr
    _assert_shown_not_obeyed(result.stdout)
    _assert_shown_not_obeyed(result.stderr)


def test_markup_in_plan_text_is_printed_as_written(repo: Path) -> None:
    result = run_cchc("due", "plans", "--all", "--today", "2024-06-01", cwd=repo, env={"FORCE_COLOR": "1"})
    text = _OWN_SGR.sub("", result.stdout.decode())
    assert "[link=http://e]x[/link]" in text.replace("\n", "").replace(" ", "") or "[/]" in text
    assert "␛[2J" in text.replace("\n", "")  # the escape is visible to the reviewer


def test_git_diff_through_the_driver_shows_escapes_visibly(repo: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x")
    plan = repo / "plans" / "tinh" / "2024.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Việc hai", "Việc hai \\x1b[2J"), encoding="utf-8")
    result = run_cchc("diff", "--rev", "HEAD", "plans", cwd=repo, env={"NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr.decode()
    _assert_shown_not_obeyed(result.stdout)
    assert "␛[2J" in result.stdout.decode()

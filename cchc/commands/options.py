"""What several commands share: the common options, reading days and windows, usage errors.

Every usage error has one code with one meaning, whichever command reports it (`USAGE_CODES`;
the README's exit-code table lists them). Options are declared once here as `Annotated` types,
so `--agency`, `--today`, `--role` and the plan paths read and complete the same everywhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from cchc.agencies.complete import complete_agency_param
from cchc.errors import CchcError, Loc

#: Usage errors (exit 2), one meaning each.
USAGE_CODES: dict[str, str] = {
    "U001": "a day that is not a date (`--today`, `--date`, `CCHC_TODAY`)",
    "U002": "a time window that cannot be read (`--within`, `--quarter`, `--half`, `--year`)",
    "U003": "an output format the command does not support (`--format`, `--to`)",
    "U004": "a role other than lead, support or any (`--role`)",
    "U005": "an item id the plan does not have",
    "U006": "options that do not go together",
}

#: What exit code 1 means for each command ("" = never 1). Every command exits 0 when all went
#: well and 2 on unusable input or usage (a `CchcError`: unreadable file, loader problems outside
#: `validate`, a bad option). The README and docs/ci.md show this table (`exit_code_table`); a
#: test keeps them equal and runs each "1" case.
EXIT_ONE: dict[str, str] = {
    "due": "with `--fail-on-overdue`: some task is overdue",
    "tasks": "",
    "agencies": "an agency name no registry knows, or a registry problem",
    "explain": "",
    "plans": "",
    "validate": "problems found: errors (also loader problems `L…`), or warnings too with `--strict`",
    "fmt": "with `--check`: some file is not in canonical layout",
    "render": "",
    "diff": "with `--exit-code`: the plans differ",
    "git-setup": "",
    "show": "",
    "import": "",
    "schema": "",
    "calendar": "",
    "site": "",
    "done": "",
    "progress": "with `import`: a filled value is refused or conflicts with the plan (nothing is written)",
    "report": "",
}


def exit_code_table(names: Sequence[str]) -> str:
    """The Markdown table of exit codes of the commands `names` (`cchc.cli.NAMES`, help order)."""
    rows = ["| command | 0 | 1 | 2 |", "|---|---|---|---|"]
    for name in names:
        one = EXIT_ONE[name] or "—"
        rows.append(f"| `cchc {name}` | done | {one} | unusable input or usage (message names file:line:col) |")
    return "\n".join(rows)


ROLES = ("lead", "support", "any")

Paths = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer needs Optional on Python 3.11 annotations
    typer.Argument(help="Tệp hoặc thư mục kế hoạch (default: plans/)."),
]
Agency = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--agency",
        "-a",
        help="Tên cơ quan, viết tắt hoặc không dấu: 'Sở Tư pháp', 'so tu phap', 'Sở TTTT'.",
        shell_complete=complete_agency_param,
    ),
]
Role = Annotated[str, typer.Option("--role", help="lead (chủ trì) | support (phối hợp) | any.")]
Today = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--today", help="Ngày tính hạn, YYYY-MM-DD (default: hôm nay hoặc CCHC_TODAY)."),
]

_WITHIN = re.compile(r"^\s*(\d{1,4})\s*(d|ngay|ngày|w|tuan|tuần|m|thang|tháng)?\s*$", re.IGNORECASE)
_UNIT_DAYS = {"d": 1, "ngay": 1, "ngày": 1, "w": 7, "tuan": 7, "tuần": 7, "m": 30, "thang": 30, "tháng": 30}


def plan_paths(paths: Sequence[Path] | None) -> list[Path]:
    """The paths given, else `plans/`."""
    return list(paths) if paths else [Path("plans")]


def parse_day(text: str, option: str) -> date:
    """A day given as YYYY-MM-DD or DD/MM/YYYY."""
    from cchc.plan.loader import FIRST_YEAR, LAST_YEAR

    text = text.strip()
    try:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            d, m, y = (int(p) for p in text.split("/"))
            day = date(y, m, d)
        else:
            day = date.fromisoformat(text)
    except ValueError:
        raise CchcError.single(
            "U001", f"ngày không hợp lệ cho {option}: '{text}'", Loc(option), "viết YYYY-MM-DD hoặc DD/MM/YYYY"
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CchcError.single(
            "U001", f"ngày {text} cho {option} ngoài khoảng {FIRST_YEAR}–{LAST_YEAR} (date out of range)", Loc(option)
        )
    return day


def parse_within(text: str) -> int:
    """`30d`, `30`, `2w`, `3m` (30 days a month) → days."""
    m = _WITHIN.match(text)
    if not m:
        raise CchcError.single(
            "U002", f"khoảng thời gian không hợp lệ: '{text}'", Loc("--within"), "ví dụ: 30d, 2w, 3m"
        )
    return int(m.group(1)) * _UNIT_DAYS[(m.group(2) or "d").lower()]


def today_from(option: str | None) -> date:
    """--today, else CCHC_TODAY, else the wall clock (tests always pass a day)."""
    if option:
        return parse_day(option, "--today")
    value = os.environ.get("CCHC_TODAY")
    return parse_day(value, "biến môi trường CCHC_TODAY") if value else date.today()


def check_format(fmt: str, formats: Sequence[str], option: str = "--format") -> str:
    """`fmt` if the command supports it, else the one usage error for an unsupported format."""
    if fmt not in formats:
        raise CchcError.single(
            "U003", f"định dạng không hỗ trợ (unsupported format): '{fmt}'", Loc(option), " | ".join(formats)
        )
    return fmt


def check_role(role: str) -> str:
    if role not in ROLES:
        raise CchcError.single("U004", f"vai trò không hợp lệ: '{role}'", Loc("--role"), " | ".join(ROLES))
    return role


def unknown_item(plan: str, item_id: str, known: Sequence[str]) -> CchcError:
    """The usage error for an item id the plan does not have, with the closest ids."""
    import difflib

    close = difflib.get_close_matches(item_id, list(known), n=3, cutoff=0.5)
    hint = f"bạn có muốn: {', '.join(close)}?" if close else "xem các id bằng `cchc show PLAN`"
    return CchcError.single("U005", f"không có mục (no item) id {item_id!r} trong {plan}", Loc(plan), hint)


def conflict(message: str, option: str, hint: str | None = None) -> CchcError:
    """The usage error for options that do not go together."""
    return CchcError.single("U006", message, Loc(option), hint)

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
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cchc.agencies.complete import complete_agency_param
from cchc.errors import CchcError, Loc

if TYPE_CHECKING:
    from cchc.plan.model import Plan
    from cchc.plan.scope import Scope
    from cchc.schedule.window import Window

#: Usage errors (exit 2), one meaning each.
USAGE_CODES: dict[str, str] = {
    "U001": "a day that is not a date (`--today`, `--date`, `--from`, `--to`, the environment variable `CCHC_TODAY`)",
    "U002": "a time window that cannot be read (`--within`, `--quarter`, `--half`, `--year`, `--month`)",
    "U003": "an output format the command does not support (`--format`, `--to`)",
    "U004": "a role other than lead, support or any (`--role`)",
    "U005": "an item id the plan does not have, or none where one is needed",
    "U006": "options that do not go together",
    "U007": "a plan or province the plans given do not hold (`--plan`, `--province`)",
    "U008": "an output file that exists (`--force` replaces it)",
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
    typer.Argument(metavar="[KẾ_HOẠCH]...", help="Tệp hoặc thư mục kế hoạch (mặc định: plans/)."),
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
    typer.Option("--today", help="Ngày tính hạn, YYYY-MM-DD (mặc định: hôm nay, hoặc biến môi trường CCHC_TODAY)."),
]

# Which plans (cchc.plan.scope): by default the plans in force today.
PlanOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--plan",
        help="Chỉ kế hoạch này: đường dẫn hoặc số văn bản (138/KH-UBND); lặp lại được; kể cả kế hoạch đã hết kỳ.",
    ),
]
Province = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--province", help="Chỉ kế hoạch của tỉnh này: 'Hà Tĩnh', 'ha tinh'."),
]
AllPlans = Annotated[
    bool,
    typer.Option("--all-plans", help="Mọi kế hoạch, kể cả đã hết kỳ (mặc định: các kế hoạch có hiệu lực hôm nay)."),
]

# The stretch of time (cchc.schedule.window).
Within = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--within", help="Khoảng nhìn trước từ hôm nay: 30d, 2w, 3m (tháng lịch; mặc định 30d)."),
]
Quarter = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--quarter", help="Các hạn trong một quý: II/2025, 2/2025."),
]
Month = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--month", help="Các hạn trong một tháng: 6/2025."),
]
Year = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--year", help="Các hạn trong một năm: 2025."),
]
From = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--from", help="Các hạn từ ngày này (YYYY-MM-DD hoặc DD/MM/YYYY)."),
]
To = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--to", help="Các hạn đến ngày này; không có --from: từ hôm nay."),
]

# Files a command writes (xlsx exports).
Output = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--output", "-o", help="Tệp ra (với --format xlsx); `-` = stdout."),
]
Force = Annotated[bool, typer.Option("--force", help="Ghi đè tệp ra đã có.")]


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


def window_from(
    today: date,
    within: str | None = None,
    quarter: str | None = None,
    month: str | None = None,
    year: int | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Window:
    """The stretch of time the options ask about (default: the next 30 days); one kind at a time."""
    from cchc.schedule import window as windows

    given = [
        name
        for name, value in (
            ("--within", within),
            ("--quarter", quarter),
            ("--month", month),
            ("--year", year),
            ("--from/--to", start or end),
        )
        if value
    ]
    if len(given) > 1:
        raise conflict(f"chỉ chọn một khoảng thời gian: {', '.join(given)}", given[1], "ví dụ: --quarter II/2025")

    def unreadable(option: str, text: object, hint: str) -> CchcError:
        return CchcError.single("U002", f"khoảng thời gian không hợp lệ cho {option}: '{text}'", Loc(option), hint)

    found: Window | None
    if quarter:
        found = windows.quarter(quarter, today)
        if found is None:
            raise unreadable("--quarter", quarter, "ví dụ: II/2025, 2/2025")
        return found
    if month:
        found = windows.month(month, today)
        if found is None:
            raise unreadable("--month", month, "ví dụ: 6/2025")
        return found
    if year is not None:
        found = windows.year(year)
        if found is None:
            raise unreadable("--year", year, "ví dụ: 2025")
        return found
    if start or end:
        first = parse_day(start, "--from") if start else None
        last = parse_day(end, "--to") if end else None
        if first is not None and last is not None and last < first:
            raise conflict(f"--to ({last:%d/%m/%Y}) trước --from ({first:%d/%m/%Y})", "--to")
        if first is None and last is not None:  # up to a day: from today, overdue work included
            return windows.Window(today, last, windows.AHEAD, f"đến {last:%d/%m/%Y}")
        assert first is not None
        return (
            windows.span(first, last)
            if last
            else windows.Window(first, date.max, windows.PERIOD, f"từ {first:%d/%m/%Y}")
        )
    found = windows.ahead(today, within or "30d")
    if found is None:
        raise unreadable("--within", within, "ví dụ: 30d, 2w, 3m")
    return found


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


def role_needs_agency(role: str, agency: str | None) -> None:
    """`--role` says which role of the agency asked for: without `--agency` it is a usage error."""
    if role != "any" and agency is None:
        raise conflict(
            f"--role {role} cần --agency (chủ trì / phối hợp của cơ quan nào?)",
            "--role",
            "ví dụ: --agency 'Sở Tư pháp' --role lead",
        )


def choose_plans(
    paths: Sequence[Path] | None,
    day: date,
    *,
    plan: Sequence[str] | None = None,
    province: str | None = None,
    all_plans: bool = False,
) -> Scope:
    """The plans a question is about (`cchc.plan.scope.choose`): in force on `day` unless named.

    A `--plan` or `--province` that matches nothing is a usage error naming what exists.
    """
    from cchc.plan.loader import load_plan, load_plans
    from cchc.plan.scope import choose, closest, in_province, matches_plan

    targets = plan_paths(paths)
    plans = load_plans(targets)
    for wanted in plan or ():
        candidate = Path(wanted)
        if candidate.is_file() and not any(matches_plan(p, wanted) for p in plans):
            plans.append(load_plan(candidate))
    if province and not any(in_province(p, province) for p in plans):
        known = sorted({p.meta.province for p in plans})
        raise CchcError.single(
            "U007",
            f"không có kế hoạch nào của tỉnh '{province}' trong {', '.join(str(t) for t in targets)}",
            Loc("--province"),
            f"các tỉnh có kế hoạch: {', '.join(known)}" if known else None,
        )
    for wanted in plan or ():
        if not any(matches_plan(p, wanted) for p in plans):
            close = closest(plans, wanted)
            raise CchcError.single(
                "U007",
                f"không có kế hoạch '{wanted}' trong {', '.join(str(t) for t in targets)}",
                Loc("--plan"),
                f"bạn có muốn: {', '.join(close)}?" if close else "xem các kế hoạch bằng `cchc plans`",
            )
    given = [str(p) for p in targets if p.is_file()]
    return choose(
        plans, day, named=plan or (), given=given, provinces=[province] if province else [], all_plans=all_plans
    )


def check_output(fmt: str, output: str | None, force: bool) -> None:
    """`-o`/`--force` write a file: only the xlsx export has one (the other formats print)."""
    if (output is not None or force) and fmt != "xlsx":
        option = "-o" if output is not None else "--force"
        raise conflict(f"{option} chỉ dùng với --format xlsx (các định dạng khác in ra màn hình)", option, "> tệp")


def output_target(output: str | None, default: Path, force: bool) -> Path | None:
    """Where a command writes a file: `-o`, else `default`; None for stdout (`-o -`).

    An existing file is replaced only with `--force`: a second export never silently replaces
    the first (two provinces' `2024.yaml` once both rendered to `./2024.xlsx`).
    """
    if output == "-":
        return None
    target = Path(output) if output else default
    if target.exists() and not force:
        raise CchcError.single(
            "U008",
            f"tệp đã có, không ghi đè (file exists): {target}",
            Loc(str(target)),
            "thêm --force để ghi đè, hoặc chọn tên khác bằng -o",
        )
    return target


def write_output(data: bytes, target: Path | None, *, binary: bool = True) -> None:
    """Write `data` to `target` atomically (and say so on stderr), or to stdout when None.

    A workbook is never written to a terminal.
    """
    import sys

    if target is None:
        if binary and sys.stdout.isatty():
            raise conflict("không in tệp Excel ra màn hình (xlsx to a terminal)", "-o", "-o TỆP.xlsx")
        from cchc.escape import raw_stream

        stream = raw_stream(sys.stdout)
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
        return
    from cchc.files import atomic_write

    atomic_write(target, data)
    print(f"Đã ghi {target}", file=sys.stderr)


def event_grace(plans: Sequence[Plan]) -> int | None:
    """The configured `event-grace` in days (`[tool.cchc]`, `cchc.checks.config`), read only when
    a plan records an event's day (`event_date`): nothing else depends on it, and reading the
    configuration loads the checks package (a few ms of every `cchc due`)."""
    if not any(entry.item.event_date is not None for plan in plans for entry in plan.entries()):
        return None
    from cchc.checks.config import find

    return find().event_grace

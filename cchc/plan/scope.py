"""Which plans a question is about: the plans in force on a day, or the ones a user names.

`cchc due`, `cchc tasks` and the commands like them answer "what must my department do now?",
so by default they read the plans whose period covers today: a closed 2024 plan's unfinished
rows are history, not today's work. A user widens the view (`--all-plans`), names plans
(`--plan` with a path or a document number such as `138/KH-UBND`), or narrows it to a province
(`--province`, without diacritics if need be). Plan files given on the command line are named
plans too: whoever types `cchc due plans/ha-tinh/2024.yaml` wants that plan, in force or not.

Pure functions over loaded plans; the command layer turns a name that matches nothing into a
usage error with the names that exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from cchc.plan.model import Plan
from cchc.record import field, record
from cchc.text import fold


@record
class Scope:
    """The plans chosen for a question, and the ones left out because they are not in force."""

    plans: tuple[Plan, ...]
    day: date
    #: Plans found but left out (closed or not yet started on `day`): the note under a report names them.
    left_out: tuple[Plan, ...] = ()
    #: True when the user chose the plans (named, `--all-plans`), False for "the plans in force".
    chosen: bool = False
    provinces: tuple[str, ...] = field(default_factory=tuple)

    @property
    def several(self) -> bool:
        """More than one plan: each row must say which plan it comes from."""
        return len(self.plans) > 1

    def label(self) -> str:
        """The plans in words, for a title: `Tuyên Quang 2025–2030` or `3 kế hoạch (Hà Tĩnh 2024, …)`."""
        if not self.plans:
            return "không có kế hoạch nào"
        names = [plan_label(p) for p in self.plans]
        if len(names) == 1:
            return names[0]
        return f"{len(names)} kế hoạch ({', '.join(names)})"


def in_force(plan: Plan, day: date) -> bool:
    """The plan's period covers `day` (a 2024 plan is in force from 1/1 to 31/12/2024)."""
    period = plan.meta.period
    return period.start <= day.year <= period.end


def plan_label(plan: Plan) -> str:
    """`Tuyên Quang 2025–2030 (138/KH-UBND)`: the province and years, and the number when the plan has one."""
    number = plan.meta.number or ""
    # A draft without its number (`/QĐ-UBND`) names nothing: leave it out.
    return f"{plan.name} ({number})" if re.match(r"^\s*\d", number) else plan.name


def province_key(name: str) -> str:
    """A province as typed or as written, folded: `Hà Tĩnh`, `ha tinh` and `ha-tinh` are one key."""
    return fold(name.replace("-", " ").replace("_", " "))


def slug(text: str) -> str:
    """ASCII file-name part: `Hà Tĩnh` → `ha-tinh`, `Sở Tư pháp` → `so-tu-phap`."""
    return "-".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def matches_plan(plan: Plan, wanted: str) -> bool:
    """`wanted` names the plan: its path (whole or its tail, with or without `.yaml`) or its number.

    `138/KH-UBND`, `138` and `plans/tuyen-quang/2025-2030.yaml` all name Tuyên Quang's plan 138.
    """
    text = wanted.strip()
    if not text:
        return False
    number = (plan.meta.number or "").strip()
    if number and (fold(number) == fold(text) or number.split("/")[0].strip() == text):
        return True
    path = Path(plan.path).as_posix()
    tail = Path(text).as_posix().removeprefix("./")
    stem = path.rsplit(".", 1)[0]
    if path == tail or stem == tail:
        return True
    return path.endswith("/" + tail) or stem.endswith("/" + tail)


def in_province(plan: Plan, province: str) -> bool:
    return province_key(plan.meta.province) == province_key(province)


def choose(
    plans: Iterable[Plan],
    day: date,
    *,
    named: Sequence[str] = (),
    given: Sequence[str] = (),
    provinces: Sequence[str] = (),
    all_plans: bool = False,
) -> Scope:
    """The plans a question is about.

    `named`: `--plan` values (paths or numbers); `given`: plan files named on the command line;
    both are taken whether in force or not. Otherwise the plans in force on `day` (every plan
    with `all_plans`). `provinces` narrows whatever was chosen.
    """
    found = list(plans)
    if provinces:
        found = [p for p in found if any(in_province(p, name) for name in provinces)]
    given_set = {Path(g).as_posix() for g in given}
    if named:
        chosen = [p for p in found if any(matches_plan(p, n) for n in named)]
        return Scope(tuple(chosen), day, chosen=True, provinces=tuple(provinces))
    if all_plans:
        return Scope(tuple(found), day, chosen=True, provinces=tuple(provinces))
    kept = [p for p in found if in_force(p, day) or Path(p.path).as_posix() in given_set]
    left = tuple(p for p in found if p not in kept)
    return Scope(tuple(kept), day, left, chosen=bool(given_set) and not left, provinces=tuple(provinces))


def closest(plans: Iterable[Plan], wanted: str) -> list[str]:
    """Names the user may have meant: the plans' numbers and paths, and their provinces."""
    import difflib

    names: list[str] = []
    for plan in plans:
        names.extend(n for n in (plan.meta.number, plan.path, plan.meta.province) if n and n not in names)
    return difflib.get_close_matches(wanted, names, n=3, cutoff=0.4)

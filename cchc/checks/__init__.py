"""Plan checks: one module per check, each a value with a stable code (yamllint's `rules/`).

A check module in this package defines, at top level (the `Check` protocol of `base`):

- a module docstring: the one-paragraph explanation, then a failing and a passing example
  (the README's list of checks is generated from these docstrings);
- ``CODE`` (stable, e.g. ``"N101"``), ``NAME`` (kebab-case), ``SEVERITY`` (a ``Severity``);
- ``def check(plan: Plan, ctx: Context) -> Iterator[Problem]``: yields problems, never raises
  for a problem in the plan (exceptions mean "cannot go on");
- optionally ``def fixer(values) -> Callable[[str], str]``: the repair `--fix` applies.

``CHECKS`` lists the modules, imported here, in the order they run; it is a plain tuple, never
extended at run time (beancount's validation pipeline). The package also owns the runner
(`runner`: every file, config, suppressions), configuration (`config`), `--fix` (`fix`) and the
README's generated table (`docs`).
"""

from __future__ import annotations

from cchc.checks import (
    agency_lead_support,
    agency_unknown,
    agency_validity,
    empty,
    lead,
    markup,
    nfc,
    numbering,
    progress_done_date,
    progress_future,
    spaces,
    suppression,
    time_event_override,
    time_order,
    time_period,
    time_unreadable,
    tonemarks,
)
from cchc.checks.base import Check, Context

__all__ = ["CHECKS", "Check", "Context"]

#: Every check, in run order.
CHECKS: tuple[Check, ...] = (
    numbering,
    lead,
    empty,
    markup,
    nfc,
    tonemarks,
    spaces,
    suppression,
    time_unreadable,
    time_order,
    time_period,
    progress_done_date,
    progress_future,
    time_event_override,
    agency_unknown,
    agency_validity,
    agency_lead_support,
)

"""Plan checks: one module per check, each a value with a stable code (yamllint's `rules/`).

A check module in this package defines, at top level:

- a module docstring: the one-paragraph explanation, then a failing and a passing example
  (the README's list of checks is generated from these docstrings);
- ``CODE`` (stable, e.g. ``"N101"``), ``NAME`` (kebab-case), ``SEVERITY`` (a ``Severity``);
- ``def check(plan: Plan, ctx: Context) -> Iterator[Problem]``: yields problems, never raises
  for a problem in the plan (exceptions mean "cannot go on").

``CHECKS`` lists the module names in the order they run; it is a plain tuple, never
extended at run time (beancount's validation pipeline).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Module names under `cchc.checks`, in run order.
CHECKS: tuple[str, ...] = (
    "numbering",
    "lead",
    "empty",
    "markup",
    "nfc",
    "tonemarks",
    "spaces",
    "suppression",
    "time_unreadable",
    "time_order",
    "time_period",
    "progress_done_date",
    "progress_future",
    "time_event_override",
    "agency_unknown",
    "agency_validity",
    "agency_lead_support",
)


@dataclass(frozen=True)
class Context:
    """What checks may consult besides the plan itself."""

    today: date | None = None
    #: The agency registry for the plan's province, when one is loaded (see `cchc.agencies`).
    registry: Any = None
    options: dict[str, Any] = field(default_factory=dict)
